import Testing
@testable import Tradu

/// Keys are numbered once and found again from a text's units, folded on the way.
@Suite struct KeyTableTests {
  func find(_ word: String, in table: KeyTable) -> Int32 {
    var scratch: [UInt16] = []
    let units = Array(word.utf16)
    return units.withUnsafeBufferPointer { table.find(folding: $0, 0..<units.count, scratch: &scratch) }
  }

  @Test func textTokensFindTheNumbersOfTheirFoldedKeys() {
    var table = KeyTable()
    let terms = ["Kremlin", "București", "Straße", "Ελλάδα", "NATO", "-", "lui", "Țării", "ǅemal"]
    let numbers = terms.map { table.intern(TermKey.fold($0)) }
    #expect(Set(numbers).count == terms.count)
    // The same words as a text writes them: other case, cedillas, decomposed, no diacritics.
    let written = ["KREMLIN", "Bucureşti", "Bucures\u{0326}ti", "STRASSE", "ελλάδα", "nato", "-", "Lui", "Tarii", "Ǆemal"]
    let expected = [0, 1, 1, 2, 3, 4, 5, 6, 7, 8].map { numbers[$0] }
    for (word, number) in zip(written, expected) {
      #expect(find(word, in: table) == number, "\(word)")
    }
    for word in ["Kremlinul", "Bucurest", "", "Moscova", "Ελλάδας"] {
      #expect(find(word, in: table) == -1, "\(word)")
    }
  }

  @Test func manyKeysKeepTheirNumbersAsTheTableGrows() {
    var table = KeyTable()
    let words = (0..<20_000).map { "cuvânt\($0)" }
    let numbers = words.map { table.intern(TermKey.fold($0)) }
    #expect(numbers == (0..<20_000).map(Int32.init))
    #expect(words.indices.allSatisfy { find(words[$0].uppercased(), in: table) == numbers[$0] })
    var other = KeyTable()
    other.intern("cuvant5")
    other.intern("altceva")
    #expect(table.intern(contentsOf: other) == [5, 20_000])
  }
}
