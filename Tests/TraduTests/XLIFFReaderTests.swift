import Testing
@testable import Tradu

@Suite struct XLIFFReaderTests {
  private func parse(_ xml: String) throws -> BilingualDocument {
    try XLIFFReader.parse(Array(xml.utf8), name: "test.xlf")
  }

  private func error(_ xml: String) -> TraduError? {
    do {
      _ = try parse(xml)
      return nil
    } catch let error as TraduError {
      return error
    } catch {
      return nil
    }
  }

  @Test func readsAnXLIFF2FileWrittenByAnotherTool() throws {
    let xml = """
      <?xml version="1.0" encoding="UTF-8"?>
      <xliff xmlns="urn:oasis:names:tc:xliff:document:2.0" version="2.0" srcLang="ro" trgLang="en">
        <file id="f1" original="stiri.txt">
          <unit id="u1">
            <notes><note category="context">Titlu de articol</note></notes>
            <segment id="s1" state="translated">
              <source>Guvernul <mrk id="m1" type="term">României</mrk> a decis &amp; a anunțat.</source>
              <target>The <mrk id="m1" type="term">Romanian</mrk> government decided &amp; announced.</target>
            </segment>
            <ignorable><source> </source></ignorable>
            <segment id="s2"><source>Ședința a durat<cp hex="0009"/>două ore.</source></segment>
          </unit>
          <unit id="u2" translate="no"><segment id="s3" state="final"><source>© Mediafax</source><target>© Mediafax</target></segment></unit>
        </file>
      </xliff>
      """
    let document = try parse(xml)
    #expect(document.xliffVersion == .v2_0)
    #expect(document.sourceLanguage == "ro")
    #expect(document.targetLanguage == "en")
    let file = try #require(document.files.first)
    #expect(file.original == "stiri.txt")
    #expect(file.units.map(\.id) == ["u1", "u2"])
    let first = file.units[0]
    #expect(first.notes == [BilingualNote(text: "Titlu de articol", category: "context")])
    #expect(first.segments.map(\.source) == ["Guvernul României a decis & a anunțat.", "Ședința a durat\tdouă ore."])
    #expect(first.segments[0].target == "The Romanian government decided & announced.")
    #expect(first.segments[0].state == .translated)
    #expect(first.segments[1].target == nil)
    #expect(first.segments[1].state == .initial)
    #expect(first.parts[1] == .ignorable(source: " ", target: nil))
    #expect(file.units[1].isTranslatable == false)
    #expect(file.units[1].segments[0].state == .final)
  }

  /// Hostile corpus: an <xliff> root in another namespace was reported as "the root element
  /// is <xliff>, not <xliff>"; the message now names the namespace and the ones expected.
  @Test func aWrongNamespaceIsNamed() throws {
    let xml = """
      <?xml version="1.0"?>
      <xliff xmlns="urn:example:not-xliff" version="2.1" srcLang="ro"><file id="f"><unit id="u"><segment><source>Kremlinul a negat.</source></segment></unit></file></xliff>
      """
    let error = #expect(throws: TraduError.self) { try XLIFFReader.parse(Array(xml.utf8), name: "ns.xlf") }
    let message = error?.description ?? ""
    #expect(message.contains("\"urn:example:not-xliff\"") && message.contains("urn:oasis:names:tc:xliff:document:2.0"), "\(message)")
    #expect(!message.contains("not <xliff>"), "\(message)")
  }

  @Test func readsAnXLIFF12FileWithSegSource() throws {
    let xml = """
      <?xml version="1.0" encoding="UTF-8"?>
      <xliff xmlns="urn:oasis:names:tc:xliff:document:1.2" version="1.2">
      <file original="stiri.txt" source-language="ro" target-language="en" datatype="plaintext">
      <header><note from="tradu:fingerprint">sha256:00ff</note></header>
      <body>
      <trans-unit id="p1" xml:space="preserve"><source>Ana a plecat. Ion a rămas.</source>
      <seg-source><mrk mtype="seg" mid="p1.s1">Ana a plecat.</mrk> <mrk mtype="seg" mid="p1.s2">Ion a rămas.</mrk></seg-source>
      <target state="translated"><mrk mtype="seg" mid="p1.s1">Ana left.</mrk> <mrk mtype="seg" mid="p1.s2">Ion stayed.</mrk></target>
      <note from="tradu">verificați numele</note>
      </trans-unit>
      <trans-unit id="p2"><source>Fără segmente</source><target state="signed-off">No segments</target></trans-unit>
      </body></file></xliff>
      """
    let document = try parse(xml)
    #expect(document.xliffVersion == .v1_2)
    #expect(document.targetLanguage == "en")
    let file = try #require(document.files.first)
    #expect(file.fingerprint == "sha256:00ff")
    let unit = file.units[0]
    #expect(unit.segments.map(\.id) == ["p1.s1", "p1.s2"])
    #expect(unit.segments.map(\.target) == ["Ana left.", "Ion stayed."])
    #expect(unit.segments.allSatisfy { $0.state == .translated })
    #expect(unit.parts[1] == .ignorable(source: " ", target: nil))
    #expect(unit.notes.map(\.text) == ["verificați numele"])
    let whole = file.units[1].segments
    #expect(whole.count == 1 && whole[0].source == "Fără segmente" && whole[0].target == "No segments")
    #expect(whole[0].state == .reviewed)
  }

  @Test func keepsCarriageReturnsAndEntitiesSplitAcrossCallbacks() throws {
    let xml = """
      <xliff xmlns="urn:oasis:names:tc:xliff:document:2.0" version="2.1" srcLang="ro"><file id="f"><unit id="u">\
      <segment><source>a&#13;&#10;b &lt;c&gt; &quot;d&quot; &#x1F600; ș</source></segment></unit></file></xliff>
      """
    let document = try parse(xml)
    #expect(document.xliffVersion == .v2_1)
    #expect(document.units[0].segments[0].source == "a\r\nb <c> \"d\" 😀 ș")
  }

  @Test func rejectsADoctype() {
    let xml = """
      <?xml version="1.0"?>
      <!DOCTYPE xliff [<!ENTITY x SYSTEM "file:///etc/passwd">]>
      <xliff xmlns="urn:oasis:names:tc:xliff:document:2.0" version="2.0" srcLang="ro"><file id="f"><unit id="u"><segment><source>&x;</source></segment></unit></file></xliff>
      """
    let found = error(xml)
    #expect(found?.description.contains("DOCTYPE") == true)
    #expect(found?.description.hasPrefix("test.xlf:2:") == true)
  }

  @Test func rejectsTruncatedInput() {
    let xml = """
      <xliff xmlns="urn:oasis:names:tc:xliff:document:2.0" version="2.0" srcLang="ro"><file id="f"><unit id="u"><segment><source>Ana are
      """
    #expect(error(xml) != nil)
  }

  @Test func rejectsDeepNesting() {
    let open = String(repeating: "<pc id=\"x\">", count: 100)
    let close = String(repeating: "</pc>", count: 100)
    let xml = """
      <xliff xmlns="urn:oasis:names:tc:xliff:document:2.0" version="2.0" srcLang="ro"><file id="f"><unit id="u">\
      <segment><source>\(open)adânc\(close)</source></segment></unit></file></xliff>
      """
    #expect(error(xml)?.description.contains("nested deeper") == true)
  }

  @Test func rejectsOtherXML() {
    #expect(error("<html><body>nu</body></html>")?.description.contains("not an XLIFF file") == true)
    #expect(error("nu e XML deloc")?.description.hasPrefix("test.xlf:") == true)
  }
}
