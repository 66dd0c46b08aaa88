import Foundation
import Testing
@testable import TraduCLI

/// The memory policy keeps freed memory only for regular files of at most 32 MB.
@Suite struct MemoryPolicyTests {
  @Test func onlyFilesUpTo32MBKeepFreedMemory() throws {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("tradu-memory-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: folder) }
    let small = folder.appendingPathComponent("articol.txt").path
    try Data("Dl. Popescu a venit la București.\n".utf8).write(to: URL(fileURLWithPath: small))
    // A sparse file just over the limit: its size, not its blocks, decides.
    let large = folder.appendingPathComponent("arhiva.txt").path
    #expect(FileManager.default.createFile(atPath: large, contents: nil))
    let handle = try #require(FileHandle(forWritingAtPath: large))
    try handle.truncate(atOffset: UInt64(MemoryPolicy.reuseLimit + 1))
    try handle.close()
    #if canImport(Glibc)
    #expect(MemoryPolicy.adapt(toInput: small))
    #endif
    #expect(!MemoryPolicy.adapt(toInput: large))
    #expect(!MemoryPolicy.adapt(toInput: "-"))
    #expect(!MemoryPolicy.adapt(toInput: folder.path))
    #expect(!MemoryPolicy.adapt(toInput: folder.appendingPathComponent("lipsa.txt").path))
  }
}
