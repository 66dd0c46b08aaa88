// swift-tools-version: 6.0
// libFuzzer targets for Tradu's readers, in a package of their own so that a plain
// `swift build` of Tradu is unaffected. Build and run them with Fuzz/run.sh (see docs/FUZZING.md).
import PackageDescription

/// One executable per reader: its main.swift hands each input to the reader and checks what the
/// reader promises (an error or a result, never a crash; segments and gaps give back the text).
let fuzzTargets = [
  "FuzzDecode", "FuzzSegment", "FuzzXLIFF", "FuzzTMX", "FuzzJSON", "FuzzGlossary", "FuzzSRX", "FuzzMarkup",
]

let package = Package(
  name: "TraduFuzz",
  dependencies: [.package(name: "Tradu", path: "..")],
  targets: [.target(name: "FuzzSupport")] + fuzzTargets.map { name in
    .executableTarget(name: name, dependencies: ["FuzzSupport", .product(name: "Tradu", package: "Tradu")])
  },
  swiftLanguageModes: [.v6]
)
