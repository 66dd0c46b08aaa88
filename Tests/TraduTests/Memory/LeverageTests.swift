import Foundation
import Testing
@testable import Tradu

/// `prepare --tm` and `update`: the memory's matches in every format, and translations carried
/// over to an edited article.
@Suite struct LeverageTests {
  static let article = """
    Guvernul a aprobat ieri bugetul pe 2024.

    Ministrul Finanţelor a declarat că deficitul va scădea la 5,5 la sută. Opoziţia a criticat proiectul.

    Vremea rămâne caldă în toată ţara.
    """

  /// A memory with the translations of an earlier article on the same subject.
  static func memory() throws -> TranslationMemory {
    let memory = try TranslationMemory(path: ":memory:")
    let sources = ["Guvernul a aprobat ieri bugetul pe 2023.",
                   "Ministrul Finanțelor a declarat că deficitul va scădea la 5,5 la sută.",
                   "Opoziția a criticat proiectul."]
    let targets = ["The government approved the 2023 budget yesterday.",
                   "The finance minister said the deficit would fall to 5.5 percent.",
                   "The opposition criticised the bill."]
    try memory.add(sources.indices.map { human(sources[$0], targets[$0], context: MemoryContext.of($0, in: sources)) })
    return memory
  }

  static func prepared() throws -> PreparedDocument {
    try Preparer(glossary: .default).prepare(bytes: Array(article.utf8), name: "buget.txt")
  }

  @Test func candidatesOnlyByDefaultAndExactTargetsWithFillExact() throws {
    let memory = try Self.memory()
    var document = try Self.prepared()
    let analysis = try Leverage().apply(memory, to: &document)
    let segments = document.segments
    #expect(segments.allSatisfy { $0.target == nil && $0.state == .initial })
    // "2024" for "2023": a fuzzy match whose number is replaced.
    #expect(segments[0].candidates.first?.target == "The government approved the 2024 budget yesterday.")
    #expect(segments[0].candidates.first?.note == "numbers replaced: 2023 → 2024")
    #expect(segments[0].candidates.first.map { $0.score >= 95 && $0.score < 100 } == true)
    // Cedillas in the article, comma-below in the memory: still exact.
    #expect(segments[1].candidates.first?.score == 100)
    #expect(segments[2].candidates.first?.score == 100)
    #expect(segments[3].candidates.isEmpty)
    #expect(analysis.segments[.exact] == 2 && analysis.segments[.high] == 1 && analysis.segments[.none] == 1)
    #expect(analysis.words[.none] == 6)

    var filled = try Self.prepared()
    try Leverage(fill: .exact).apply(memory, to: &filled)
    #expect(filled.segments.map(\.state) == [.initial, .translated, .translated, .initial])
    #expect(filled.segments[1].target == "The finance minister said the deficit would fall to 5.5 percent.")
  }

  @Test func inContextWhenTheNeighboursMatchToo() throws {
    let memory = try TranslationMemory(path: ":memory:")
    let sources = ["Primul paragraf e nou.", "Ministrul a demisionat.", "Premierul a acceptat demisia."]
    try memory.add(sources.indices.map { human(sources[$0], "EN \($0)", context: MemoryContext.of($0, in: sources)) })
    var document = try Preparer().prepare(bytes: Array(sources.joined(separator: " ").utf8), name: "a.txt")
    let analysis = try Leverage(fill: .exact).apply(memory, to: &document)
    #expect(document.segments.map { $0.candidates.first?.score } == [101, 101, 101])
    #expect(analysis.segments[.inContext] == 3)
    var moved = try Preparer().prepare(bytes: Array("Ministrul a demisionat. Altă frază.".utf8), name: "b.txt")
    try Leverage().apply(memory, to: &moved)
    #expect(moved.segments[0].candidates.first?.score == 100)
  }

  @Test func everyFormatCarriesTheCandidates() throws {
    var document = try Self.prepared()
    try Leverage().apply(try Self.memory(), to: &document)
    let stamp = ExportStamp(toolVersion: "test")
    let xliff2 = XLIFFWriter(version: .v2_1, stamp: stamp).render(document)
    #expect(xliff2.contains("<mtc:matches xmlns:mtc=\"urn:oasis:names:tc:xliff:matches:2.0\">"))
    #expect(xliff2.contains("<mtc:match ref=\"#p2.s1\" type=\"tm\" similarity=\"100\" matchSuitability=\"100\" origin=\"human: a.txt\"><source>Ministrul Finanțelor"))
    #expect(xliff2.contains("<mda:meta type=\"note\">numbers replaced: 2023 → 2024</mda:meta>"))
    // Written in blocks, the bytes are the same.
    var blocks: [UInt8] = []
    XLIFFWriter(version: .v2_1, stamp: stamp).renderUTF8(document) { blocks += $0 }
    #expect(blocks == Array(xliff2.utf8))
    let xliff12 = XLIFFWriter(version: .v1_2, stamp: stamp).render(document)
    #expect(xliff12.contains("<alt-trans mid=\"p2.s2\" match-quality=\"100\" origin=\"human: a.txt\"><source>Opoziția a criticat proiectul.</source><target>The opposition criticised the bill.</target></alt-trans>"))
    let json = JSONExporter(stamp: stamp, offsetUnit: .codepoint).render(document)
    let parsed = try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any]
    let units = try #require(parsed?["units"] as? [[String: Any]])
    let first = try #require((units[0]["segments"] as? [[String: Any]])?.first)
    let matches = try #require(first["matches"] as? [[String: Any]])
    #expect(matches.first?["target"] as? String == "The government approved the 2024 budget yesterday.")
    #expect((units[2]["segments"] as? [[String: Any]])?.first?["matches"] == nil)
    // Reading the XLIFF back ignores the candidates: the targets stay empty.
    let read = try XLIFFReader.parse(Array(xliff2.utf8), name: "x.xlf")
    #expect(read.units.flatMap(\.segments).allSatisfy { $0.target == nil })
    #expect(read.units.flatMap(\.segments).map(\.source) == document.segments.map(\.source))
    // In XLIFF 1.2 the <alt-trans> after the target is not read as the target or the source.
    let read12 = try XLIFFReader.parse(Array(xliff12.utf8), name: "x12.xlf")
    #expect(read12.units.flatMap(\.segments).map(\.source) == document.segments.map(\.source))
    #expect(read12.units.flatMap(\.segments).allSatisfy { $0.target == nil || $0.target == $0.source })
  }

  /// The seed translated: the memory built from the seed and its English version (paired as
  /// `tm import --source --target` pairs them), exact matches filled in.
  static func translatedSeed() throws -> (PreparedDocument, BilingualDocument) {
    let memory = try TranslationMemory(path: ":memory:")
    let read = try MemoryImport.read(sourcePath: repositoryFile("Samples/mediafax-musk-putin.ro.txt").path,
                                     targetPath: repositoryFile("Samples/mediafax-musk-putin.en.txt").path, date: day)
    try memory.add(read.units)
    var seed = try Preparer(glossary: .default).prepare(bytes: Array(try seedArticle().utf8), name: "seed.txt")
    try Leverage(fill: .exact).apply(memory, to: &seed)
    let xliff = XLIFFWriter(version: .v2_1, stamp: ExportStamp(toolVersion: "test")).renderUTF8(seed)
    return (seed, try XLIFFReader.parse(xliff, name: "seed.xlf"))
  }

  @Test func updateKeepsEveryUntouchedTranslationOfTheEditedSeed() throws {
    let (seed, old) = try Self.translatedSeed()
    let translated = seed.segments.filter { $0.target != nil }
    #expect(translated.count >= 10)
    // The story edited: a sentence reworded, a number changed, a paragraph added, one removed.
    var paragraphs = try seedArticle().components(separatedBy: "\n\n")
    let reworded = try #require(paragraphs.firstIndex { $0.contains("absolut false") })
    paragraphs[reworded] = paragraphs[reworded].replacingOccurrences(of: "absolut false", with: "complet false")
    paragraphs[0] = paragraphs[0].replacingOccurrences(of: "2022", with: "2021")
    paragraphs.insert("Elon Musk nu a răspuns solicitărilor de a comenta.", at: 3)
    paragraphs.remove(at: 6)
    let edited = paragraphs.joined(separator: "\n\n")
    var new = try Preparer(glossary: .default).prepare(bytes: Array(edited.utf8), name: "seed-v2.txt")
    let summary = try ArticleUpdate().carry(from: old, name: "seed.xlf", into: &new)

    var oldTargets: [String: (String, SegmentState)] = [:]
    for segment in translated { oldTargets[segment.source] = (segment.target!, segment.state) }
    var kept = 0
    for segment in new.segments where new.units.first(where: { $0.number == segment.paragraph })!.isTranslatable {
      if let (target, state) = oldTargets[segment.source] {
        #expect(segment.target == target, "\(segment.id) lost its translation")
        #expect(segment.state == state)
        kept += 1
      } else {
        #expect(segment.target == nil)
      }
    }
    #expect(kept == summary.kept && kept >= translated.count - 4)
    // The reworded sentence gets its old translation as a candidate.
    let changed = try #require(new.segments.first { $0.source.contains("complet false") })
    #expect(changed.candidates.first?.target.contains("false") == true)
    #expect(changed.candidates.first.map { $0.score >= 85 && $0.score < 100 } == true)
    let headline = try #require(new.segments.first { $0.source.contains("2021") })
    #expect(headline.candidates.first?.target.contains("2021") == true)
    #expect(summary.new >= 1)
  }
}
