// swift-tools-version: 6.0
// Benchmarks, kept out of the main package graph: `swift run -c release --package-path Benchmarks tradu-bench`.
import PackageDescription

let package = Package(
  name: "TraduBenchmarks",
  dependencies: [.package(name: "Tradu", path: "..")],
  targets: [
    .executableTarget(
      name: "tradu-bench",
      dependencies: [.product(name: "Tradu", package: "Tradu")],
      path: "Sources/TraduBench"
    )
  ],
  swiftLanguageModes: [.v6]
)
