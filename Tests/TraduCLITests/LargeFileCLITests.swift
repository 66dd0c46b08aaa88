import Foundation
import Testing

/// Files past libxml2's default 10,000,000-byte limits, which FoundationXML's parser refused.
@Suite struct LargeFileCLITests {
  private func scratchDirectory() throws -> URL {
    let url = FileManager.default.temporaryDirectory.appendingPathComponent("tradu-large-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    return url
  }

  @Test func aTwentyMegabyteXLIFFMergesAndChecks() throws {
    let scratch = try scratchDirectory()
    defer { try? FileManager.default.removeItem(at: scratch) }
    // The seed article 1,050 times over: about 3 MB of text, 20 MB of XLIFF 2.
    let seed = try Data(contentsOf: repositoryRoot.appendingPathComponent("Samples/mediafax-musk-putin.ro.txt"))
    var article = Data()
    for _ in 0..<1050 { article.append(seed); article.append(0x0A) }
    let articleFile = scratch.appendingPathComponent("mare.ro.txt")
    try article.write(to: articleFile)
    let xliff = scratch.appendingPathComponent("mare.xlf")
    let prepared = try runTradu(["prepare", articleFile.path, "--no-normalize", "-o", xliff.path])
    #expect(prepared.status == 0, "\(prepared.stderr)")
    let size = try FileManager.default.attributesOfItem(atPath: xliff.path)[.size] as? Int ?? 0
    #expect(size > 20_000_000, "the XLIFF is only \(size) bytes")

    let merged = scratch.appendingPathComponent("mare.en.txt")
    let merge = try runTradu(["merge", xliff.path, "-o", merged.path])
    #expect(merge.status == 0, "\(merge.stderr)")
    #expect(try Data(contentsOf: merged) == article)

    let report = scratch.appendingPathComponent("mare.check.txt")
    let check = try runTradu(["check", xliff.path, "-o", report.path])
    #expect(check.status == 0 || check.status == 1, "\(check.stderr)")
    #expect(!check.stderr.contains("well-formed"))
    #expect(FileManager.default.fileExists(atPath: report.path))
  }
}
