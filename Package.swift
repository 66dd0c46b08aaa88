// swift-tools-version: 6.0
import PackageDescription

let package = Package(
  name: "Tradu",
  products: [
    .library(name: "Tradu", targets: ["Tradu"]),
    .executable(name: "tradu", targets: ["TraduCLI"]),
  ],
  dependencies: [
    .package(url: "https://github.com/apple/swift-argument-parser", exact: "1.8.2"),
    // SHA-256 fingerprints of source files (CryptoKit does not exist on Linux).
    .package(url: "https://github.com/apple/swift-crypto", exact: "3.12.3"),
    // Tests only: generated inputs for the normalizer's offset-map and idempotence properties.
    .package(url: "https://github.com/x-sheep/swift-property-based", exact: "2.0.1"),
  ],
  targets: [
    // The only target that sees ICU's headers; its public header uses stdint types only.
    .target(
      name: "CICU",
      linkerSettings: [.linkedLibrary("icuuc"), .linkedLibrary("icui18n")]
    ),
    // The system libxml2, seen only by CXML.
    .systemLibrary(name: "CLibXML2", pkgConfig: "libxml-2.0", providers: [.apt(["libxml2-dev"])]),
    // A streaming SAX bridge over libxml2 with the limits for untrusted input (see CXML.h).
    .target(name: "CXML", dependencies: ["CLibXML2"]),
    // Removes temporary output files when a signal ends the process (a C signal handler).
    .target(name: "CFileCleanup"),
    // Vector scans over a text's bytes and UTF-16 units (SSE2, with plain loops elsewhere).
    .target(name: "CTextScan"),
    // The CLI's memory policy (glibc's malloc thresholds): see CMemory.h.
    .target(name: "CMemory"),
    // The system SQLite behind the translation memory (Sources/Tradu/Memory).
    .target(
      name: "CSQLite",
      linkerSettings: [.linkedLibrary("sqlite3")]
    ),
    // HTML5 parsing (gumbo) and CommonMark (cmark-gfm): seen only by Sources/Tradu/Markup.
    .target(name: "CHTML", linkerSettings: [.linkedLibrary("gumbo")]),
    .target(
      name: "CMarkdown",
      linkerSettings: [.linkedLibrary("cmark-gfm"), .linkedLibrary("cmark-gfm-extensions")]
    ),
    .target(
      name: "Tradu",
      dependencies: ["CICU", "CTextScan", "CXML", "CFileCleanup", "CSQLite", "CHTML", "CMarkdown", .product(name: "Crypto", package: "swift-crypto")]
    ),
    .executableTarget(
      name: "TraduCLI",
      dependencies: [
        "Tradu",
        "CMemory",
        .product(name: "ArgumentParser", package: "swift-argument-parser"),
      ]
    ),
    .testTarget(
      name: "TraduTests",
      dependencies: ["Tradu", .product(name: "PropertyBased", package: "swift-property-based")],
      exclude: ["Fixtures"]
    ),
    .testTarget(name: "TraduCLITests", dependencies: ["TraduCLI", "Tradu"]),
  ],
  swiftLanguageModes: [.v6]
)
