import Testing
@testable import Tradu

/// How `TranslationsInFile` decides whether a JSON or JSONL file holds a translator's work
/// without parsing it when every target is still empty.
@Suite struct TranslationsInFileTests {
  private func bytes(_ text: String) -> [UInt8] { Array(text.utf8) }

  @Test func untranslatedJSONIsRecognisedWithoutAParse() {
    let prepared = """
      {"units": [{"id": "p1", "segments": [
        {"id": "p1.s1", "source": "Kremlinul a negat informația.", "target": null, "notes": []},
        {"id": "p1.s2", "source": "Musk nu a comentat.", "target" :  "", "notes": []}]}]}
      """
    #expect(TranslationsInFile.jsonTargetsAreAllEmpty(bytes(prepared)))
    #expect(TranslationsInFile.count(in: bytes(prepared), name: "stire.json") == 0)
    let lines = """
      {"id": "p1.s1", "source": "Kremlinul a negat.", "target": null}
      {"id": "p1.s2", "source": "Musk tace.", "target":null}
      """
    #expect(TranslationsInFile.jsonTargetsAreAllEmpty(bytes(lines)))
    #expect(TranslationsInFile.count(in: bytes(lines), name: "stire.jsonl") == 0)
  }

  @Test func anyTargetWithTextSendsTheFileToTheParse() {
    let lines = """
      {"id": "p1.s1", "source": "Kremlinul a negat.", "target": null}
      {"id": "p1.s2", "source": "Musk tace.", "target": "Musk is silent."}
      """
    #expect(!TranslationsInFile.jsonTargetsAreAllEmpty(bytes(lines)))
    #expect(TranslationsInFile.count(in: bytes(lines), name: "stire.jsonl") == 1)
    // A copied source is not a translation: the parse still decides that.
    let copied = lines.replacingOccurrences(of: "Musk is silent.", with: "Musk tace.")
    #expect(!TranslationsInFile.jsonTargetsAreAllEmpty(bytes(copied)))
    #expect(TranslationsInFile.count(in: bytes(copied), name: "stire.jsonl") == 0)
  }

  @Test func theWordTargetInsideTextOrAsAValueIsNotAKey() {
    // Quoted in a source (escaped), a note's value, the end of a longer string: none is a key.
    let text = #"""
      {"id": "p1.s1", "source": "Ținta, \"target\": \"x\", a fost atinsă.", "notes": ["target"], "target": null}
      {"id": "p1.s2", "source": "Citatul \"target", "target": null}
      """#
    #expect(TranslationsInFile.jsonTargetsAreAllEmpty(bytes(text)))
    #expect(TranslationsInFile.count(in: bytes(text), name: "note.jsonl") == 0)
  }

  @Test func brokenJSONWithATypedTargetStillCountsAsTranslated() {
    let broken = #"{"units": [{"segments": [{"source": "Kremlinul a negat.", "target": "The Kremlin den"#
    #expect(TranslationsInFile.count(in: bytes(broken), name: "rupt.json") == 1)
  }

  @Test func firstOccurrenceAgreesWithAPlainSearch() {
    let haystack = bytes("„target” și \"target\" și \"targe\"target\"")
    let pattern = bytes("\"target\"")
    func plain(from start: Int) -> Int? {
      guard start + pattern.count <= haystack.count else { return nil }
      return (start...(haystack.count - pattern.count)).first {
        haystack[$0..<$0 + pattern.count].elementsEqual(pattern)
      }
    }
    for start in 0...haystack.count + 2 {
      #expect(TranslationsInFile.firstOccurrence(of: pattern, in: haystack, from: start) == plain(from: start),
              "from \(start)")
    }
    #expect(TranslationsInFile.firstOccurrence(of: pattern, in: [], from: 0) == nil)
  }
}
