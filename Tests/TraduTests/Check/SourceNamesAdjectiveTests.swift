import Testing
@testable import Tradu

/// `SourceNames` reads an all-ASCII key's inflection from its bytes; it must find the entries
/// the reading by characters finds (every ending, from the shortest, on a stem that is an
/// entry's key).
@Suite struct SourceNamesAdjectiveTests {
  static let entries = [
    GlossaryEntry(id: "mondial", source: "Mondial", targets: [GlossaryTarget(term: "World")]),
    GlossaryEntry(id: "central", source: "Central", targets: [GlossaryTarget(term: "Central")]),
    GlossaryEntry(id: "global", source: "Global", targets: [GlossaryTarget(term: "Global")]),
    GlossaryEntry(id: "national", source: "Național", targets: [GlossaryTarget(term: "National")]),
    GlossaryEntry(id: "mondia", source: "Mondia", targets: [GlossaryTarget(term: "Mondia")]),
    GlossaryEntry(id: "al", source: "Al", targets: [GlossaryTarget(term: "Al")]),
  ]

  /// The entry the characters of `word`'s key name, read as the matcher read them before.
  static func reference(_ word: String) -> String? {
    var adjectives: [String: String] = [:]
    for entry in entries {
      let words = WordTokens(entry.source).termWords
      if words.count == 1, let w = words.first, w.key.count >= 4, w.surface.first!.isUppercase,
         let last = w.key.last, !"aeiouy".contains(last), adjectives[w.key] == nil {
        adjectives[w.key] = entry.id
      }
    }
    let key = WordTokens(word).tokens[0].key
    for cut in 1...min(4, max(1, key.count - 4)) {
      guard SourceNames.inflectionEndings.contains(String(key.suffix(cut))), let id = adjectives[String(key.dropLast(cut))]
      else { continue }
      return id
    }
    return nil
  }

  static let words = [
    "Mondiale", "Mondialei", "Mondialul", "Mondialului", "Mondialelor", "Mondialilor", "Mondiali", "Mondialii",
    "Centrală", "Centrale", "CENTRALEI", "Centralul", "Globale", "Globalilor", "Naționale", "Nationala",
    "Mondia", "Mondiaa", "Mondiala", "Mondialx", "Mondial", "Ana", "Anei", "Ale", "Alei", "Ei",
    "Centralaa", "Centrul", "Globul", "Мондиале", "Mondiale\u{301}",
  ]

  @Test(arguments: words)
  func inflectedAdjectivesAreFoundAsByTheirCharacters(_ word: String) {
    let names = SourceNames(entries: Self.entries)
    let source = "Ieri, la \(word) azi."
    let found = names.matches(in: WordTokens(source), besides: []).filter { $0.kind == .inflected }
    #expect(found.map(\.entryID) == (Self.reference(word).map { [$0] } ?? []), "\(word)")
    #expect(found.allSatisfy { $0.matched == word })
  }

  @Test func theCasesBothWaysAreCovered() {
    #expect(Self.words.filter { Self.reference($0) != nil }.count >= 12)
    #expect(Self.words.filter { Self.reference($0) == nil }.count >= 10)
  }

  /// The two-byte starts are a test that never turns away a key of the set, nor a word whose
  /// stem is one (what ``SourceNames`` asks of a token before its lookups).
  @Test func keyStartsKeepEveryKeyOfTheSet() {
    let keys = ["mondial", "central", "x", "ștefan", "a\u{301}bc", "ёлка"]
    let starts = KeyStarts(keys)
    for key in keys { #expect(starts.contains(KeyStarts.start(of: key)), "\(key)") }
    for word in ["mondiale", "centralului", "ștefanei", "ёлки"] { #expect(starts.contains(KeyStarts.start(of: word)), "\(word)") }
    // Two bytes, not two letters: "ș" and "ё" are two bytes each, so "șa" starts as "ștefan".
    for word in ["md", "cantral", "xy", "ţtefan", "a", "", "ыж"] { #expect(!starts.contains(KeyStarts.start(of: word)), "\(word)") }
    #expect(starts.contains(KeyStarts.start(of: "șa")) && starts.contains(KeyStarts.start(of: "ёж")))
  }
}
