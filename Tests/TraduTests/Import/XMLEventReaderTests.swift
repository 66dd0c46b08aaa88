import Foundation
import Testing
@testable import Tradu

/// Records events as text, to compare what the reader saw.
private final class Recorder: XMLEventHandler {
  var events: [String] = []
  var text = ""
  var refuse: String?

  func startElement(_ tag: XMLStartTag) throws(XMLContentError) {
    if tag.localName == refuse { throw XMLContentError("<\(tag.localName)> is not allowed here") }
    let attributes = tag.attributes.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }
    events.append("<\(tag.qualifiedName) \(tag.namespace ?? "-") \(attributes.joined(separator: " "))@\(tag.line)")
  }

  func endElement(localName: String, namespace: String?) throws(XMLContentError) {
    events.append("</\(localName)>")
  }

  func text(_ text: String) throws(XMLContentError) {
    self.text += text
  }
}

struct XMLEventReaderTests {
  private func parse(_ xml: String, name: String = "x.xml") throws(TraduError) -> Recorder {
    let recorder = Recorder()
    try XMLEventReader.parse(Array(xml.utf8), name: name, handler: recorder)
    return recorder
  }

  private func message(_ xml: String, refusing: String? = nil) -> String? {
    let recorder = Recorder()
    recorder.refuse = refusing
    do {
      try XMLEventReader.parse(Array(xml.utf8), name: "x.xml", handler: recorder)
      return nil
    } catch {
      return error.description
    }
  }

  @Test func reportsNamespacesAttributesAndDecodedText() throws {
    let recorder = try parse("""
      <?xml version="1.0"?>
      <tmx xmlns:t="urn:t"><t:tu tuid="a&amp;b" xml:lang="ro"><seg>Ion &amp; Ana &#x219;i &lt;b&gt; <![CDATA[<i>]]></seg></t:tu></tmx>
      """)
    #expect(recorder.events == [
      "<tmx - @2", "<t:tu urn:t tuid=a&b xml:lang=ro@2", "<seg - @2", "</seg>", "</tu>", "</tmx>",
    ])
    #expect(recorder.text == "Ion & Ana și <b> <i>")
  }

  @Test func attributesAreLookedUpByTheirNameAsWrittenInDocumentOrder() throws {
    final class Tags: XMLEventHandler {
      var tags: [XMLStartTag] = []
      func startElement(_ tag: XMLStartTag) throws(XMLContentError) { tags.append(tag) }
      func endElement(localName: String, namespace: String?) throws(XMLContentError) {}
      func text(_ text: String) throws(XMLContentError) {}
    }
    let tags = Tags()
    try XMLEventReader.parse(Array("""
      <xliff xmlns:its="http://www.w3.org/2005/11/its"><trans-unit id="p7" xml:space="preserve" \
      its:translate="no" resname="Știri &amp; opinii" approved=""><source>Ana</source></trans-unit></xliff>
      """.utf8), name: "x.xlf", handler: tags)
    let unit = try #require(tags.tags.count == 3 ? tags.tags[1] : nil)
    #expect(unit.attributes.map { "\($0.key)=\($0.value)" }
      == ["id=p7", "xml:space=preserve", "its:translate=no", "resname=Știri & opinii", "approved="])
    #expect(unit.attributes["id"] == "p7")
    #expect(unit.attributes["xml:space"] == "preserve")
    #expect(unit.attributes["its:translate"] == "no")
    #expect(unit.attributes["translate"] == nil)  // the name as written, prefix included
    #expect(unit.attributes["space"] == nil)
    #expect(unit.attributes["approved"] == "")
    #expect(unit.attributes.count == 5)
    #expect(tags.tags[2].attributes.isEmpty)
    #expect(tags.tags[2].attributes["id"] == nil)

    // Set, replace and remove as on the dictionary it replaces.
    var attributes: XMLAttributes = ["id": "p1", "xml:lang": "ro"]
    attributes["xml:lang"] = "en"
    attributes["state"] = "translated"
    attributes["id"] = nil
    #expect(attributes.map { "\($0.key)=\($0.value)" } == ["xml:lang=en", "state=translated"])
  }

  @Test func aCharacterSplitBetweenTwoChunksArrivesWhole() throws {
    // "ș" is two bytes in UTF-8; put its first byte last in the first chunk the reader feeds.
    let head = "<a>"
    let filler = String(repeating: "x", count: XMLEventReader.chunkSize - head.utf8.count - 1)
    let recorder = try parse(head + filler + "ș</a>")
    #expect(recorder.text.hasSuffix("xș"))
    #expect(recorder.text.utf8.count == filler.utf8.count + 2)
  }

  @Test func aDTDThatIsOnlyNamedIsIgnoredButDeclarationsAreRefused() throws {
    let named = try parse("<?xml version=\"1.0\"?>\n<!DOCTYPE tmx SYSTEM \"tmx14.dtd\">\n<tmx>ok</tmx>")
    #expect(named.text == "ok")
    let laughs = """
      <?xml version="1.0"?>
      <!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;">]>
      <lolz>&lol2;</lolz>
      """
    #expect(message(laughs)?.hasPrefix("x.xml:2:") == true)
    #expect(message(laughs)?.contains("DOCTYPE") == true)
    let external = "<!DOCTYPE x [<!ENTITY e SYSTEM \"file:///etc/hostname\">]><x>&e;</x>"
    #expect(message(external)?.contains("remove the DOCTYPE") == true)
    // An unknown entity is an error even when a DTD is named (libxml2 would only warn).
    let undeclared = "<!DOCTYPE tmx SYSTEM \"tmx14.dtd\">\n<tmx>Ion&nbsp;Ana</tmx>"
    #expect(message(undeclared)?.hasPrefix("x.xml:2:") == true)
    #expect(message(undeclared)?.contains("unknown entity &nbsp;") == true)
  }

  @Test(arguments: [
    ("<a>\n<b>\n</a>", "x.xml:3:5: not well-formed XML: </a> closes <b>, which opened on line 2"),
    ("<a>\n  <b>text", "x.xml:2:10: not well-formed XML: the file ends inside <b> (opened on line 2) before it is closed; it looks truncated"),
    ("<a>Ion&nbsp;</a>", "x.xml:1:13: not well-formed XML: unknown entity &nbsp;"),
    ("<a>\n\u{1}</a>", "x.xml:2:1: not well-formed XML: a character that XML 1.0 does not allow (U+0001)"),
    ("", "x.xml:1:1: not well-formed XML: the file has no XML element (is it empty?)"),
    ("<a>\n<b x=\"1\" x=\"2\"/></a>", "x.xml:2:"),
    ("<a><b/></a>\n<c/>", "x.xml:2:"),
  ] as [(String, String)])
  func everyErrorNamesTheFileLineAndColumn(xml: String, expected: String) {
    let text = message(xml)
    #expect(text?.hasPrefix(expected) == true, "\(text ?? "no error")")
    #expect(text?.contains("NSCocoaErrorDomain") == false && text?.contains("error 2") == false)
  }

  @Test func badBytesAreNamedAsEncodingNotTruncation() {
    let recorder = Recorder()
    let bytes = Array("<a>\nIon ".utf8) + [0xC3, 0x28] + Array(" Ana</a>".utf8)
    #expect {
      try XMLEventReader.parse(bytes, name: "b.xml", handler: recorder)
    } throws: { error in
      let text = "\(error)"
      return text.hasPrefix("b.xml:2:") && text.contains("not valid UTF-8 (0xC3 0x28") && !text.contains("truncated")
    }
  }

  @Test func nestingIsBounded() {
    let deep = String(repeating: "<a>", count: 70) + String(repeating: "</a>", count: 70)
    #expect(message(deep) == "x.xml:1:195: elements nested deeper than 64 levels (at <a>)")
  }

  @Test func aHandlerStopsReadingWithItsReasonAtItsPlace() {
    #expect(message("<a>\n\n<b/></a>", refusing: "b") == "x.xml:3:3: <b> is not allowed here")
  }

  @Test func linesPastSixtyFiveThousandAreCounted() {
    let xml = "<a>" + String(repeating: "\n", count: 70_000) + "<b></a>"
    #expect(message(xml)?.hasPrefix("x.xml:70001:") == true)
  }

  /// The reader keeps the strings of the names it has seen: with far more distinct element,
  /// attribute and namespace names than it keeps, each event still carries its own names.
  @Test func manyDistinctNamesAreEachReportedAsWritten() throws {
    var xml = "<stiri xmlns:r=\"urn:tradu:regiuni\">"
    var expected = ["<stiri - @1"]
    for i in 0..<400 {
      let name = i % 3 == 0 ? "r:judet\(i)" : "oras\(i)"
      xml += "<\(name) cod\(i)=\"\(i)\" xml:lang=\"ro\"/>"
      expected += ["<\(name) \(i % 3 == 0 ? "urn:tradu:regiuni" : "-") cod\(i)=\(i) xml:lang=ro@1",
                   "</\(name.split(separator: ":").last!)>"]
    }
    xml += "</stiri>"
    expected.append("</stiri>")
    #expect(try parse(xml).events == expected)
  }

  /// A kept name is only reused while the bytes at its address are still that name.
  @Test func anAddressThatNowHoldsAnotherNameGivesTheNewName() {
    var names = NameStrings()
    let buffer = UnsafeMutablePointer<CChar>.allocate(capacity: 16)
    defer { buffer.deallocate() }
    strcpy(buffer, "trans-unit")
    #expect(names.string(at: buffer) == "trans-unit")
    #expect(names.string(at: buffer) == "trans-unit")
    strcpy(buffer, "target")
    #expect(names.string(at: buffer) == "target")
  }

  @Test func filesAreStreamedFromDisk() throws {
    let directory = FileManager.default.temporaryDirectory.appendingPathComponent("xmlreader-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: directory) }
    let path = directory.appendingPathComponent("m.tmx").path
    var tmx = "<tmx version=\"1.4\"><header srclang=\"ro\"/><body>\n"
    for i in 1...30_000 {
      tmx += "<tu tuid=\"u\(i)\"><tuv xml:lang=\"ro\"><seg>Kremlinul a răspuns de \(i) ori.</seg></tuv>"
        + "<tuv xml:lang=\"en\"><seg>The Kremlin answered \(i) times.</seg></tuv></tu>\n"
    }
    tmx += "</body></tmx>\n"
    try Data(tmx.utf8).write(to: URL(fileURLWithPath: path))
    let memory = try TMXReader.read(path: path)
    #expect(try memory.translatableSegments().count == 30_000)
    #expect(try memory.translatableSegments().last == BilingualSegment(id: "u30000", source: "Kremlinul a răspuns de 30000 ori.",
                                               target: "The Kremlin answered 30000 times."))
    #expect { try TMXReader.read(path: directory.path) } throws: { "\($0)".contains("is a directory") }
    #expect { try TMXReader.read(path: path + ".missing") } throws: { "\($0)".contains("no such file") }
  }
}
