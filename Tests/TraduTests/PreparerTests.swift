import PropertyBased
import Testing
@testable import Tradu

/// `Preparer` runs its jobs side by side; what it builds must be what the steps give one
/// after the other.
@Suite struct PreparerTests {
  @Test(arguments: ["seed", "hostile"])
  func parallelJobsAgreeWithTheStepsInOrder(_ name: String) throws {
    let seed = try seedArticle()
    let text = name == "seed"
      ? [seed, "Text nou.\r\n\r\nDaţi LIKE paginii noastre de Facebook!", seed].joined(separator: "\n\n")
      : HostileTexts.all.map(\.text).joined(separator: "\n\n")
    let prepared = try Preparer(glossary: .default).prepare(bytes: Array(text.utf8), name: "a.txt")

    let document = try TextReader.decode(Array(text.utf8), name: "a.txt")
    let normalized = try TextNormalizer().normalize(document)
    let segmented = try BoilerplateDetector().marking(try Segmenter().segment(normalized.text))
    let converter = OffsetConverter(document.text)
    let matches = try GlossaryMatcher(.default).matches(in: normalized.text)

    let paragraphs = segmented.paragraphs.filter { !$0.segments.isEmpty }
    #expect(prepared.units.map(\.number) == paragraphs.map(\.number))
    #expect(prepared.units.map(\.isTranslatable) == paragraphs.map(\.isTranslatable))
    #expect(prepared.segments.map(\.source) == segmented.segments.map(\.text))
    #expect(prepared.segments.map(\.original) == segmented.segments.map {
      TextSpan(normalized.originalRange(of: $0.range), converter: converter)
    })
    let placed = prepared.segments.flatMap { segment in
      segment.glossaryMatches.map { ($0.match.entryID, segment.range.lowerBound + $0.rangeInSegment.lowerBound) }
    }
    let inside = matches.filter { match in
      segmented.segments.contains { $0.range.lowerBound <= match.range.lowerBound && match.range.upperBound <= $0.range.upperBound }
    }
    #expect(placed.map(\.0) == inside.map(\.entryID))
    #expect(placed.map(\.1) == inside.map(\.range.lowerBound))
    #expect(prepared.reassembled() == normalized.text)
    if name == "seed" {
      #expect(prepared.units.filter { !$0.isTranslatable }.count == 9)
      #expect(placed.count > 100)
    }
  }

  /// Pieces of Romanian news text and the separators between them: blank lines of every
  /// kind (where the preparer may cut), single line breaks (hard wraps, headlines), and
  /// glossary names split across them.
  static let fragments: [String] = [
    "Kremlinul a transmis un mesaj.", "Purtătorul de cuvânt al Kremlinului", "Uniunii",
    "Europene", "lui Putin", "SpaceX-ului", "Dl. Popescu a spus: „Nu.”", "La 3 nov. 2022, ora 19.55",
    "suma de 1.234,56 lei", "Daţi LIKE paginii noastre de Facebook!", "© 2024 Mediafax",
    "Ucraina", "ş", "ţ", "🚀", "&", "\u{01}", " ", ". ", "\n", "\n\n", "\n\n\n", "\r\n", "\r\n\r\n",
    "\n \n", "\t", "\u{2029}", "\u{FEFF}", "\u{AD}",
  ]

  static let generatedText = Gen.int(in: 0...(fragments.count - 1)).array(of: 0...80)

  /// The preparer's result for `text` cut into pieces at every blank line and in one piece.
  func preparedInPiecesAndWhole(_ text: String, normalization: NormalizationOptions? = .default)
    throws -> (pieces: PreparedDocument, whole: PreparedDocument) {
    var preparer = Preparer(normalization: normalization, glossary: .default)
    preparer.minimumPieceLength = 1
    let pieces = try preparer.prepare(bytes: Array(text.utf8), name: "a.txt")
    preparer.minimumPieceLength = Int.max
    let whole = try preparer.prepare(bytes: Array(text.utf8), name: "a.txt")
    return (pieces, whole)
  }

  @Test func piecesGiveWhatTheWholeTextGives() throws {
    let seed = try seedArticle()
    let texts = [seed + "\n\n" + seed, HostileTexts.all.map(\.text).joined(separator: "\n\n"), "", "\n\n", "\n\nA.\n\n"]
      + HostileTexts.all.map(\.text)
    for text in texts {
      for normalization in [NormalizationOptions.default, nil] {
        let (pieces, whole) = try preparedInPiecesAndWhole(text, normalization: normalization)
        #expect(pieces == whole)
        #expect(pieces.reassembled() == (normalization == nil ? whole.reassembled() : try TextNormalizer().normalize(text).text))
      }
    }
    let cuts = Preparer.pieceBounds(of: seed + "\n\n" + seed, length: 1)
    #expect(cuts.count > 20)
    #expect(cuts.first?.lowerBound == 0 && cuts.last?.upperBound == (seed + "\n\n" + seed).utf8.count)
  }

  @Test func generatedTextsPreparedInPiecesAgreeWithTheWhole() async {
    await propertyCheck(count: 200, input: Self.generatedText) { indices in
      let text = indices.map { Self.fragments[$0] }.joined()
      let (pieces, whole) = try preparedInPiecesAndWhole(text)
      #expect(pieces == whole)
      #expect(pieces.units.map(\.number) == whole.units.map(\.number))
    }
  }

  @Test func aMatchingClosureSetLaterReplacesTheGlossary() throws {
    let text = "Kremlinul a răspuns.\n\nPutin tace."
    var preparer = Preparer(glossary: .default)
    let withGlossary = try preparer.prepare(bytes: Array(text.utf8), name: "a.txt")
    #expect(withGlossary.segments.flatMap(\.glossaryMatches).count == 2)
    preparer.glossaryMatching = { _ throws(TraduError) in [] }
    let without = try preparer.prepare(bytes: Array(text.utf8), name: "a.txt")
    #expect(without.segments.flatMap(\.glossaryMatches).isEmpty)
  }
}
