import Foundation
import Testing

/// Every reader says where a bad file goes wrong: `tradu: FILE:LINE[:COLUMN]: reason`, exit
/// code 2, and nothing of the parser's internals (error numbers, Foundation error domains).
@Suite struct ReaderErrorsCLITests {
  struct BadFile: CustomTestStringConvertible, Sendable {
    var name: String
    var content: String
    /// The command, with `FILE` where the bad file goes.
    var command: [String]
    var line: Int
    var reason: String
    var testDescription: String { "\(name): \(command.joined(separator: " "))" }
  }

  static let files: [BadFile] = [
    BadFile(name: "a.xlf", content: """
      <?xml version="1.0" encoding="UTF-8"?>
      <xliff xmlns="urn:oasis:names:tc:xliff:document:2.0" version="2.1" srcLang="ro" trgLang="en">
      <file id="f">
      <unit id="p1">
      <segment><source>Guvernul a anunțat.</sourc></segment></unit></file></xliff>
      """, command: ["merge", "FILE", "-o", "-"], line: 5, reason: "</sourc> closes <source>"),
    BadFile(name: "a12.xlf", content: """
      <?xml version="1.0" encoding="UTF-8"?>
      <xliff xmlns="urn:oasis:names:tc:xliff:document:1.2" version="1.2">
      <file original="stire.txt" source-language="ro" target-language="en" datatype="plaintext"><body>
      <trans-unit id="p1"><source>Ședința&nbsp;a început.</source></trans-unit></body></file></xliff>
      """, command: ["check", "FILE"], line: 4, reason: "unknown entity &nbsp;"),
    BadFile(name: "m.tmx", content: """
      <?xml version="1.0" encoding="UTF-8"?>
      <tmx version="1.4"><header srclang="ro" adminlang="en" segtype="sentence" datatype="plaintext" o-tmf="x" creationtool="t" creationtoolversion="1"/>
      <body>
      <tu><tuv xml:lang="ro"><seg>Kremlinul a negat.</seg></tuv>
      <tuv xml:lang="en"><seg>The Kremlin denied it.</tuv></tu></body></tmx>
      """, command: ["check", "FILE"], line: 5, reason: "</tuv> closes <seg>"),
    BadFile(name: "g.tbx", content: """
      <?xml version="1.0" encoding="UTF-8"?>
      <martif type="TBX" xml:lang="en"><text><body>
      <termEntry id="t1"><langSet xml:lang="ro"><tig><term>Kievului</term></tig></langSet>
      <langSet xml:lang="en"><tig><term>Kyiv</term></tig></langSet>
      </body></text></martif>
      """, command: ["glossary", "convert", "FILE", "--to", "tsv"], line: 5, reason: "</body> closes <termEntry>"),
    BadFile(name: "t.json", content: """
      {"format": "tradu", "srcLang": "ro", "trgLang": "en", "units": [
        {"id": "p1", "segments": [{"id": "p1.s1", "source": "Votul are loc marți.", "target": "The vote is on Tuesday."}]},
        {"id": "p2" "segments": []}
      ]}
      """, command: ["merge", "FILE", "-o", "-"], line: 3, reason: "not valid JSON"),
    BadFile(name: "u.json", content: """
      {"format": "tradu", "srcLang": "ro", "trgLang": "en", "units": [
        {"id": "p1", "segments": [
          {"id": "p1.s1", "source": "Votul are loc marți.", "target": "The vote is on Tuesday."},
          {"id": "p1.s2", "target": "It is final."}]}
      ]}
      """, command: ["check", "FILE"], line: 4, reason: "\"source\""),
    BadFile(name: "g.tsv", content: "id\tsource\ttarget\nt1\tRomânia\tRomania\nt2\tBucurești\n",
            command: ["glossary", "convert", "FILE", "--to", "tbx"], line: 3, reason: "București"),
    BadFile(name: "r.srx", content: """
      <?xml version="1.0" encoding="UTF-8"?>
      <srx xmlns="http://www.lisa.org/srx20" version="2.0"><header cascade="no"/>
      <body><languagerules><languagerule languagerulename="r">
      <rule break="maybe"><beforebreak>\\.</beforebreak><afterbreak>\\s</afterbreak></rule>
      </languagerule></languagerules></body></srx>
      """, command: ["segment", "--rules", "FILE", "Samples/hard-cases.ro.txt"], line: 4, reason: "break must be yes or no"),
  ]

  @Test(arguments: files)
  func theErrorNamesTheFileAndLine(_ bad: BadFile) throws {
    let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("tradu-reader-errors-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: scratch) }
    let file = scratch.appendingPathComponent(bad.name)
    try Data(bad.content.utf8).write(to: file)
    let result = try runTradu(bad.command.map { $0 == "FILE" ? file.path : $0 })
    #expect(result.status == 2, "\(result.stderr)")
    let message = result.stderr
    #expect(message.hasPrefix("tradu: \(file.path):\(bad.line):") || message.hasPrefix("tradu: \(file.path):\(bad.line) "),
            "\(message)")
    #expect(message.contains(bad.reason), "\(message)")
    for leak in ["NSCocoaErrorDomain", "ErrorDomain", "error 256", "libxml", "xmlParse", "The operation could not be completed", "around character"] {
      #expect(!message.contains(leak), "\(message)")
    }
  }
}
