import Foundation
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

  /// A plain UTF-8 file of 1 MB or more is read straight into the pieces it is prepared in
  /// (`prepare(textFileAt:)`, what `tradu segment` does): the result is what reading the file
  /// and preparing its text gives, with and without a byte-order mark, for mixed line endings,
  /// without normalization, for text the UTF-8 normalization gives up on (mojibake, a
  /// combining mark: the whole text is then normalized at once), and for pieces of any size.
  /// Any other file is left to the reader (nil).
  @Test func textFileReadStraightIntoPiecesIsPreparedAsTheReadDocument() throws {
    let seed = try seedArticle()
    var plain = ""
    while plain.utf8.count < 1_100_000 {
      plain += seed + "\n\nDaţi LIKE paginii noastre de Facebook!\n\nMusk 🚀 a scris pe X. Dl. Popescu a plecat.\n\n"
    }
    var mixed = ""
    while mixed.utf8.count < 1_100_000 {
      mixed += seed.replacingOccurrences(of: "\n", with: "\r\n") + "\r\u{2028}\u{85}\n\nTitlu\rParagraf nou.\n\n"
    }
    let mojibake = plain + "Ce s-a Ã®ntÃ¢mplat Ã®n RomÃ¢nia? Cafe\u{301} la 5 lei.\n\n" + plain.prefix(300_000)
    let folder = try TextFiles("tradu-pieces")
    defer { folder.remove() }
    let write = folder.write
    let cases: [(label: String, bytes: [UInt8], pieceLength: Int?, normalization: NormalizationOptions?)] = [
      ("plain", Array(plain.utf8), nil, .default),
      ("plain-not-normalized", Array(plain.utf8), 1 << 16, nil),
      ("bom-mixed", [0xEF, 0xBB, 0xBF] + Array(mixed.utf8), 1 << 16, .default),
      ("mojibake", Array(mojibake.utf8), 1 << 16, .default),
    ]
    for c in cases {
      let path = try write(c.bytes, c.label)
      var preparer = Preparer(normalization: c.normalization)
      preparer.minimumPieceLength = c.pieceLength
      let direct = try #require(try preparer.prepare(textFileAt: path, fingerprint: "f"), "\(c.label)")
      let read = try preparer.prepare(TextReader.read(path: path), fingerprint: "f")
      #expect(direct == read, "\(c.label)")
      #expect(direct.segments.count > 1_000 && direct.units.contains { !$0.isTranslatable }, "\(c.label)")
      if c.label == "mojibake" {
        #expect(direct.reassembled().contains("Ce s-a întâmplat în România? Café la 5 lei."))
      }
    }

    var invalid = Array(plain.utf8)
    invalid[invalid.count / 2] = 0xFF
    var nul = Array(plain.utf8)
    nul[nul.count - 10] = 0
    let utf16: [UInt8] = [0xFF, 0xFE] + Array(plain.utf16).flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] }
    let controls = [UInt8](repeating: 0x01, count: 1 << 20) + Array(plain.utf8)
    let others: [(String, [UInt8])] = [("invalid", invalid), ("nul", nul), ("utf16", utf16), ("controls", controls),
                                        ("small", Array(seed.utf8))]
    for (label, bytes) in others {
      #expect(try Preparer().prepare(textFileAt: try write(bytes, label), fingerprint: "") == nil, "\(label)")
    }
    #expect(try Preparer().prepare(textFileAt: folder.url.path, fingerprint: "") == nil)
    #expect(try Preparer().prepare(textFileAt: "-", fingerprint: "") == nil)
  }

  /// The pieces of a file read straight into their strings are cut where the preparer cuts
  /// the whole text: the bounds found through a ``FileWindow`` (16 KB read at a time around
  /// each cut) are those of the bytes in memory, for texts with blank lines, without them (cut
  /// before a capital), with a blank line across a window's edge, and pieces of every length.
  @Test func pieceBoundsReadThroughAWindowAreThoseOfTheBytes() throws {
    let seed = try seedArticle()
    var lines = ""  // no blank line: cut at a line feed before a capital
    while lines.utf8.count < 200_000 { lines += "Dl. Popescu a venit.\nIar Ion a plecat acasă, la Cluj.\nşi a tăcut.\n" }
    var edge = [UInt8](repeating: 0x61, count: FileWindow.windowSize - 1) + [0x0A, 0x0A]  // "\n\n" across the edge
    edge += Array((seed + "\n\n" + seed).utf8) + [UInt8](repeating: 0x62, count: 40_000) + Array("\nA.\n".utf8)
    let folder = try TextFiles("tradu-windows")
    defer { folder.remove() }
    let texts: [(String, [UInt8])] = [
      ("seed", Array((seed + "\n\n" + seed + "\n\n" + seed).utf8)), ("lines", Array(lines.utf8)), ("edge", edge),
      ("short", Array("Ion a venit.\n\nMaria a plecat.".utf8)), ("one", [0x41]),
    ]
    for (label, bytes) in texts {
      let path = try folder.write(bytes, label)
      let file = try #require(ReadableFile(path: path, sizes: 0...Int.max))
      for length in [1, 7, 100, 4_096, FileWindow.windowSize - 1, FileWindow.windowSize + 3, 50_000, 1 << 20] {
        var window = FileWindow(file, offset: 0, count: bytes.count)
        let read = Preparer.pieceBounds(of: &window, length: length)
        let inMemory = bytes.withUnsafeBufferPointer { Preparer.pieceBounds(ofUTF8: $0, length: length) }
        #expect(!window.failed, "\(label), \(length)")
        #expect(read == inMemory, "\(label), \(length)")
        if length == 100 { #expect(inMemory.count > 1 || bytes.count <= 100, "\(label)") }
      }
      // Past the end of a file that shrank: zeros, and the window says so.
      var past = FileWindow(file, offset: 0, count: bytes.count + 10)
      #expect(past.byte(at: bytes.count + 5) == 0)
      #expect(past.failed)
    }
  }

  /// A file whose pieces are read straight into their strings and hold U+FFFD, whether the
  /// file has the character or the string's initializer put it for bytes that are not UTF-8
  /// (a bad byte, a character cut off at the end), is left to the reader, which decodes it
  /// as before: what `tradu segment` prints for it does not change.
  @Test func piecesHoldingAReplacementCharacterAreLeftToTheReader() throws {
    let seed = try seedArticle()
    var plain = ""
    while plain.utf8.count < 1_100_000 { plain += seed + "\n\n" }
    let folder = try TextFiles("tradu-replacement")
    defer { folder.remove() }
    let withCharacter = Array((plain + "Textul are un semn \u{FFFD} pierdut.\n\n" + seed).utf8)
    var badByte = Array(plain.utf8)
    badByte[700_000] = 0xFF
    let cutOff = Array(plain.utf8) + [0xE2, 0x80]  // "„" without its last byte
    for (label, bytes) in [("character", withCharacter), ("bad-byte", badByte), ("cut-off", cutOff)] {
      let path = try folder.write(bytes, label)
      #expect(try Preparer().prepare(textFileAt: path, fingerprint: "") == nil, "\(label)")
      #expect(TextReader.readValidUTF8PiecesInPlace(path: path, language: "ro", bounds: {
        Preparer.pieceBounds(of: &$0, length: 1 << 16)
      }) == nil, "\(label)")
    }
    #expect(TextReader.containsReplacementCharacter("a\u{FFFD}"))
    #expect(!TextReader.containsReplacementCharacter("ă ţ „î” \u{FFFC} \u{FEFF}" + String(repeating: "x", count: 40)))
    // The reader decodes the file with the character as UTF-8, the character kept.
    let document = try TextReader.read(path: try folder.write(withCharacter, "again"))
    #expect(document.encoding == "UTF-8" && document.text.contains("semn \u{FFFD} pierdut"))
  }

  /// Flags go to the segment they fall in, or the one before, or the first: the walk beside
  /// the flags finds the place a table of every segment's start gives, with units without
  /// segments among them.
  @Test func flagsFindTheirSegmentsAsInATable() {
    func segment(_ start: Int) -> PreparedSegment {
      PreparedSegment(paragraph: 1, sentence: 1, source: "Ion.", range: start..<start + 3,
                      original: TextSpan(utf16: start..<start + 3, codePoints: start..<start + 3, utf8: start..<start + 3),
                      spaceAfter: " ")
    }
    let units = [
      PreparedUnit(number: 1, segments: []),
      PreparedUnit(number: 2, segments: [segment(10), segment(20)]),
      PreparedUnit(number: 3, segments: []),
      PreparedUnit(number: 4, segments: [segment(30)]),
      PreparedUnit(number: 5, segments: [segment(40), segment(50), segment(60)]),
      PreparedUnit(number: 6, segments: []),
    ]
    var table: [(unit: Int, segment: Int, start: Int)] = []
    for (u, unit) in units.enumerated() {
      for (s, segment) in unit.segments.enumerated() { table.append((u, s, segment.range.lowerBound)) }
    }
    let starts = [0, 5, 10, 11, 19, 20, 29, 30, 30, 45, 60, 61, 1_000]
    let flags = starts.map {
      TextFlag(kind: .protectedEmail, range: $0..<$0 + 1, originalRange: $0..<$0 + 1, message: "e-mail")
    }
    let places = Preparer.segmentPlaces(of: flags, in: units)
    let expected = starts.map { start -> (Int, Int) in
      let place = table.last(where: { $0.start <= start }) ?? table[0]
      return (place.unit, place.segment)
    }
    #expect(places?.map { [$0.unit, $0.segment] } == expected.map { [$0.0, $0.1] })
    #expect(places?.first.map { [$0.unit, $0.segment] } == [1, 0])
    #expect(Preparer.segmentPlaces(of: flags, in: [PreparedUnit(number: 1, segments: [])]) == nil)
    #expect(Preparer.segmentPlaces(of: flags, in: []) == nil)
  }

  /// The halving search finds the place the table gives on a long article: paragraphs of one
  /// to nine sentences, runs of units without segments (at the start, inside, at the end),
  /// segments that start where the one before ends, and flags on every start and between.
  @Test func flagsFindTheirSegmentsByHalvingAsInATable() {
    var units: [PreparedUnit] = [PreparedUnit(number: 1, segments: []), PreparedUnit(number: 2, segments: [])]
    var start = 3
    for number in 3...400 {
      if number % 7 == 0 || number % 11 == 0 {
        units.append(PreparedUnit(number: number, segments: []))
        continue
      }
      let segments = (1...(1 + number % 9)).map { sentence -> PreparedSegment in
        let source = "Propoziția \(sentence) din paragraful \(number)."
        defer { start += source.utf16.count + (sentence % 3 == 0 ? 0 : 1) }
        return PreparedSegment(paragraph: number, sentence: sentence, source: source,
                               range: start..<start + source.utf16.count,
                               original: TextSpan(utf16: start..<start + 1, codePoints: start..<start + 1, utf8: start..<start + 1),
                               spaceAfter: " ")
      }
      units.append(PreparedUnit(number: number, segments: segments))
    }
    units.append(PreparedUnit(number: 401, segments: []))
    var table: [(unit: Int, segment: Int, start: Int)] = []
    for (u, unit) in units.enumerated() {
      for (s, segment) in unit.segments.enumerated() { table.append((u, s, segment.range.lowerBound)) }
    }
    let starts = (0...(start + 5)).filter { $0 % 5 == 0 } + table.map(\.start) + table.map { $0.start - 1 }
    let flags = starts.sorted().map {
      TextFlag(kind: .possibleMojibake, range: $0..<$0 + 2, originalRange: $0..<$0 + 2, message: "Ã¢")
    }
    let places = Preparer.segmentPlaces(of: flags, in: units)
    let expected = flags.map { flag -> [Int] in
      let place = table.last(where: { $0.start <= flag.range.lowerBound }) ?? table[0]
      return [place.unit, place.segment]
    }
    #expect(places?.map { [$0.unit, $0.segment] } == expected)
  }

  /// The segmenter and detector started before a command's arguments are parsed serve the
  /// preparers with the default settings only: one with English rules or without boilerplate
  /// patterns builds its own (the first would keep "Dl." whole, the second would mark the
  /// Facebook paragraph).
  @Test func defaultStagesServeOnlyTheDefaultSettings() throws {
    Preparer.startBuildingDefaultStages()
    let text = Array("Dl. Popescu a venit. A plecat.\n\nDaţi LIKE paginii noastre de Facebook!\n".utf8)
    let romanian = try Preparer().prepare(bytes: text, name: "a.txt")
    #expect(romanian.segments.map(\.source) == ["Dl. Popescu a venit.", "A plecat.", "Dați LIKE paginii noastre de Facebook!"])
    #expect(romanian.units.map(\.isTranslatable) == [true, false])
    var english = Preparer()
    english.sourceLanguage = "en"
    #expect(try english.prepare(bytes: text, name: "a.txt").segments.map(\.source).prefix(2) == ["Dl.", "Popescu a venit."])
    var plain = Preparer()
    plain.boilerplatePatterns = []
    #expect(try plain.prepare(bytes: text, name: "a.txt").units.map(\.isTranslatable) == [true, true])
    #expect(try Preparer().prepare(bytes: text, name: "a.txt") == romanian)
  }

  /// The pieces' units are moved into the document's array in order, whole (segments, notes,
  /// numbers), and the pieces are left empty.
  @Test func piecesUnitsAreJoinedInOrder() {
    func unit(_ number: Int, _ text: String) -> PreparedUnit {
      let segment = PreparedSegment(paragraph: number, sentence: 1, source: text, range: 0..<text.utf16.count,
                                    original: TextSpan(utf16: 0..<1, codePoints: 0..<1, utf8: 0..<1), spaceAfter: "\n\n")
      return PreparedUnit(number: number, isTranslatable: number != 3, segments: [segment],
                          notes: number == 2 ? [PreparedNote(category: "normalization", text: "ş → ș")] : [])
    }
    var parts: [[PreparedUnit]] = [
      [unit(1, "Guvernul a aprobat bugetul."), unit(2, "Ministrul a declarat că ședința continuă.")],
      [],
      [unit(3, "Urmăriți-ne pe Facebook!")],
      [unit(4, "Dl. Popescu a plecat la București."), unit(5, "Au fost 3,5 mil. de lei.")],
    ]
    let expected = parts.flatMap { $0 }
    let joined = Preparer.joined(moving: &parts, count: expected.count)
    #expect(joined == expected)
    #expect(parts.map(\.count) == [0, 0, 0, 0])
  }

  /// `tradu prepare` reads a plain UTF-8 file of 1 MB or more straight into its pieces and
  /// hashes the bytes meanwhile (`readTextFile(at:)`): the document, fingerprint included, is
  /// what preparing the file's bytes as text gives, with and without a byte-order mark and
  /// mixed line endings. Any other file is left to the reader (nil).
  @Test func textFileReadWithItsFingerprintIsPreparedAsItsBytes() throws {
    let seed = try seedArticle()
    var plain = ""
    while plain.utf8.count < 1_050_000 {
      plain += seed + "\n\nPreşedintele Klaus Iohannis a spus că Uniunea Europeană sprijină Ucraina.\n\n"
    }
    let mixed = plain.replacingOccurrences(of: "\n\n", with: "\r\n\r\n") + "Titlu\rParagraf nou.\u{2028}Gata.\n"
    let folder = try TextFiles("tradu-read-hashed")
    defer { folder.remove() }
    let write = folder.write
    let preparer = Preparer(glossary: .default)
    for (label, bytes) in [("plain", Array(plain.utf8)), ("bom-mixed", [0xEF, 0xBB, 0xBF] + Array(mixed.utf8))] {
      let path = try write(bytes, label)
      let file = try #require(Preparer.readTextFile(at: path), "\(label)")
      #expect(file.path == path)
      #expect(file.fingerprint == Preparer.fingerprint(of: bytes), "\(label)")
      let direct = try preparer.prepare(file)
      let fromBytes = try MarkupPreparer(preparer: preparer).prepare(bytes: bytes, name: path, format: .text)
      #expect(direct == fromBytes, "\(label)")
      #expect(direct.segments.contains { $0.glossaryMatches.count >= 3 }, "\(label)")
    }
    var invalid = Array(plain.utf8)
    invalid[invalid.count / 3] = 0xC3
    invalid[invalid.count / 3 + 1] = 0x41
    for (label, bytes) in [("invalid", invalid), ("small", Array(seed.utf8)), ("empty", [])] {
      #expect(Preparer.readTextFile(at: try write(bytes, label)) == nil, "\(label)")
    }
    #expect(Preparer.readTextFile(at: folder.url.appendingPathComponent("missing.txt").path) == nil)
    #expect(Preparer.readTextFile(at: "-") == nil)
  }

  /// A fingerprint the caller knows is the document's as given, and one the preparer computes
  /// (`prepare(bytes:)`) is the bytes' SHA-256; the rest of the document is the same either
  /// way, in one piece and in many.
  @Test func knownAndComputedFingerprintsGiveTheSameDocument() throws {
    let seed = try seedArticle()
    let bytes = Array((seed + "\n\nDaţi LIKE paginii noastre de Facebook!\n\n" + seed).utf8)
    for length in [1, 4_096, Int.max] {
      var preparer = Preparer(glossary: .default)
      preparer.minimumPieceLength = length
      let computed = try preparer.prepare(bytes: bytes, name: "stire.txt")
      #expect(computed.fingerprint == Preparer.fingerprint(of: bytes))
      #expect(computed.fingerprint.hasPrefix("sha256:") && computed.fingerprint.count == 71)
      var known = try preparer.prepare(TextReader.decode(bytes, name: "stire.txt"), fingerprint: "sha256:dat")
      #expect(known.fingerprint == "sha256:dat", "pieces of \(length)")
      #expect(known.units.count > 10)
      known.fingerprint = computed.fingerprint
      #expect(known == computed, "pieces of \(length)")
    }
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

/// A temporary folder of text files for a test, removed with ``remove()``.
private struct TextFiles {
  let url: URL

  init(_ name: String) throws {
    url = FileManager.default.temporaryDirectory.appendingPathComponent("\(name)-\(getpid())")
    try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
  }

  /// Writes `bytes` to `label`.txt in the folder and returns its path.
  func write(_ bytes: [UInt8], _ label: String) throws -> String {
    let path = url.appendingPathComponent(label + ".txt").path
    try Data(bytes).write(to: URL(fileURLWithPath: path))
    return path
  }

  func remove() {
    try? FileManager.default.removeItem(at: url)
  }
}
