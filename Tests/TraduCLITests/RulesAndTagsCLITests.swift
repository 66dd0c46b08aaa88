import Foundation
import Testing

/// Issue 15's cases 7 and 8 through the real binary.
@Suite struct RulesAndTagsCLITests {
  private func scratch() throws -> String {
    let url = FileManager.default.temporaryDirectory.appendingPathComponent("tradu-rules-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    return url.path
  }

  @Test func anExponentialSRXRuleEndsWithAnErrorNotAHang() throws {
    let folder = try scratch()
    defer { try? FileManager.default.removeItem(atPath: folder) }
    let srx = """
      <?xml version="1.0" encoding="UTF-8"?>
      <srx xmlns="http://www.lisa.org/srx20" version="2.0">
        <header segmentsubflows="yes" cascade="no"/>
        <body>
          <languagerules>
            <languagerule languagerulename="ro">
              <rule break="yes"><beforebreak>(a+)+b</beforebreak><afterbreak>\\s</afterbreak></rule>
            </languagerule>
          </languagerules>
          <maprules><languagemap languagepattern=".*" languagerulename="ro"/></maprules>
        </body>
      </srx>
      """
    try Data(srx.utf8).write(to: URL(fileURLWithPath: folder + "/lent.srx"))
    try Data(("Ana " + String(repeating: "a", count: 40) + " are mere.\n").utf8)
      .write(to: URL(fileURLWithPath: folder + "/text.txt"))
    let started = Date()
    let result = try runTradu(["segment", "--rules", folder + "/lent.srx", folder + "/text.txt"])
    #expect(Date().timeIntervalSince(started) < 30)
    #expect(result.status == 2)
    #expect(result.stderr.contains("ran longer than its budget") && result.stderr.contains("(a+)+b"), "\(result.stderr)")
    // The text, the rule by its number, and the rules file it came from.
    #expect(result.stderr.hasPrefix("tradu: \(folder)/text.txt: segmentation rule 1 (break: "), "\(result.stderr)")
    #expect(result.stderr.contains(" of \(folder)/lent.srx ran longer"), "\(result.stderr)")
    #expect(result.stderr.split(separator: "\n").count == 1)
  }

  @Test func aMalformedLanguageTagIsAUsageErrorAndWritesNothing() throws {
    let folder = try scratch()
    defer { try? FileManager.default.removeItem(atPath: folder) }
    try Data("Guvernul a aprobat bugetul.\n".utf8).write(to: URL(fileURLWithPath: folder + "/a.txt"))
    for option in ["--target-lang", "--source-lang"] {
      let result = try runTradu(["prepare", folder + "/a.txt", option, "not a lang!", "-o", folder + "/a.xlf"])
      #expect(result.status == 64, "\(option)")
      #expect(result.stderr.contains("'not a lang!' is not a BCP 47 language tag"), "\(result.stderr)")
    }
    #expect(!FileManager.default.fileExists(atPath: folder + "/a.xlf"))
    let good = try runTradu(["prepare", folder + "/a.txt", "--target-lang", "en-GB", "-o", folder + "/a.xlf", "--stats", "none"])
    #expect(good.status == 0)
    #expect(try String(contentsOfFile: folder + "/a.xlf", encoding: .utf8).contains("trgLang=\"en-GB\""))
  }
}
