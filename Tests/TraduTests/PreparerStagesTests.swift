import Foundation
import Testing
@testable import Tradu

/// A preparer builds its segmenter and boilerplate detector once and shares them between the
/// articles it prepares, on any thread; `normalize` goes through the same stages.
@Suite struct PreparerStagesTests {
  /// Short Romanian articles, each different: the seed's paragraphs rotated, with a notice.
  static func articles(_ count: Int) throws -> [String] {
    let paragraphs = try seedArticle().components(separatedBy: "\n\n").filter { !$0.isEmpty }
    return (0..<count).map { k in
      var chosen = (0..<4).map { paragraphs[(k * 3 + $0) % paragraphs.count] }
      if k % 3 == 0 { chosen.append("Daţi LIKE paginii noastre de Facebook!") }
      if k % 4 == 1 { chosen.insert("Dl. Popescu a spus la 3 nov. 2022, ora 19.55: „Nu.” Apoi a plecat.", at: 1) }
      return chosen.joined(separator: "\n\n") + "\n"
    }
  }

  @Test func onePreparerSharedByManyTasksGivesWhatAFreshOneGives() async throws {
    let texts = try Self.articles(24)
    let shared = Preparer(glossary: .default)
    let expected = try texts.map { try Preparer(glossary: .default).prepare(bytes: Array($0.utf8), name: "a.txt") }
    let found = try await withThrowingTaskGroup(of: (Int, PreparedDocument).self) { group in
      for (i, text) in texts.enumerated() {
        group.addTask { (i, try shared.prepare(bytes: Array(text.utf8), name: "a.txt")) }
      }
      var results = [PreparedDocument?](repeating: nil, count: texts.count)
      for try await (i, prepared) in group { results[i] = prepared }
      return results
    }
    #expect(found == expected.map { Optional($0) })
    // The notices were found by the shared detector.
    #expect(found.compactMap { $0 }.filter { $0.units.contains { !$0.isTranslatable } }.count >= 8)
  }

  @Test func changingASettingRebuildsTheStagesItDependsOn() throws {
    let text = "Dl. Popescu a venit. Ion a plecat.\n\nUrmăriți-ne pe Instagram!\n"
    var preparer = Preparer(normalization: nil)
    let before = try preparer.prepare(bytes: Array(text.utf8), name: "a.txt")
    #expect(before.segments.map(\.source) == ["Dl. Popescu a venit.", "Ion a plecat.", "Urmăriți-ne pe Instagram!"])
    #expect(before.units.map(\.isTranslatable) == [true, false])

    // ICU's breaks alone: "Dl." now ends a segment, as a preparer made with them says.
    let icuAlone = SegmentationRules(language: "ro", base: .icu)
    preparer.segmentationRules = icuAlone
    let rules = try preparer.prepare(bytes: Array(text.utf8), name: "a.txt")
    var fresh = Preparer(normalization: nil)
    fresh.segmentationRules = icuAlone
    #expect(rules == (try fresh.prepare(bytes: Array(text.utf8), name: "a.txt")))
    #expect(rules.segments.map(\.source) != before.segments.map(\.source))

    preparer.segmentationRules = nil
    preparer.boilerplatePatterns = []
    let patterns = try preparer.prepare(bytes: Array(text.utf8), name: "a.txt")
    #expect(patterns.segments.map(\.source) == before.segments.map(\.source))
    #expect(patterns.units.map(\.isTranslatable) == [true, true])

    preparer.boilerplatePatterns = [BoilerplateDetector.Pattern(name: "bad", regex: "(")]
    #expect(throws: TraduError.self) { try preparer.prepare(bytes: Array(text.utf8), name: "a.txt") }
    preparer.boilerplatePatterns = BoilerplateDetector.romanianNews
    #expect(try preparer.prepare(bytes: Array(text.utf8), name: "a.txt") == before)
  }

  /// `normalize` and `prepare` agree: the same text, the same boilerplate paragraphs, and what
  /// the stages give one after the other.
  @Test(arguments: ["seed", "hard-cases", "hostile"])
  func normalizedArticleIsWhatPrepareWorksOn(_ name: String) throws {
    let text = switch name {
    case "seed": try seedArticle() + "\n\nDaţi LIKE paginii noastre de Facebook!\n"
    case "hard-cases": try repositoryText("Samples/hard-cases.ro.txt")
    default: HostileTexts.all.map(\.text).joined(separator: "\n\n")
    }
    let document = try TextReader.decode(Array(text.utf8), name: "a.txt")
    let preparer = Preparer()
    let article = try preparer.normalized(document)

    // The stages by hand, as `tradu normalize` ran them before it went through the preparer.
    let byHand = try TextNormalizer().normalize(document)
    let segmented = try Segmenter().segment(byHand.text)
    let notices = try BoilerplateDetector().matches(in: segmented)
    #expect(article.normalization.text == byHand.text)
    #expect(article.normalization.edits == byHand.edits)
    #expect(article.normalization.flags == byHand.flags)
    #expect(article.boilerplate.map(\.match) == notices)
    #expect(article.boilerplate.map(\.range) == notices.map { segmented.paragraphs[$0.paragraph - 1].range })

    let prepared = try preparer.prepare(document, fingerprint: "")
    #expect(prepared.reassembled() == article.normalization.text)
    let marked = Set(prepared.units.filter { !$0.isTranslatable }.map(\.number))
    #expect(Set(article.boilerplate.map(\.match.paragraph)).isSubset(of: marked))
    if name == "seed" { #expect(!article.boilerplate.isEmpty) }
  }

  @Test func withoutNormalizationTheTextStaysAsRead() throws {
    let document = SourceDocument(name: "a.txt", text: "Ţara\u{AD} şi „ea”.\r\n")
    let article = try Preparer(normalization: nil).normalized(document, findingBoilerplate: false)
    #expect(article.normalization.text == document.text)
    #expect(article.normalization.edits.isEmpty)
    #expect(article.boilerplate.isEmpty)
  }

  /// A long text without blank lines is still cut into pieces, before lines that start with a
  /// capital (each starts a paragraph), and gives what preparing it whole gives.
  @Test func textWithoutBlankLinesIsCutBeforeCapitalLinesAndAgreesWithTheWhole() throws {
    let seed = try seedArticle()
    // Blank lines to single line breaks; hard-wrapped lines (a lower-case start continues the
    // paragraph) and list labels among them.
    let text = (seed + "\n\n" + seed).replacingOccurrences(of: "\n\n", with: "\n")
      + "Kremlinul a transmis\nun mesaj lung.\na) primul punct\nB. Al doilea rând.\n"
    let cuts = Preparer.pieceBounds(of: text, length: 200)
    #expect(cuts.count > 10)
    let bytes = Array(text.utf8)
    for cut in cuts.dropFirst() {
      #expect(bytes[cut.lowerBound - 1] == 0x0A && (0x41...0x5A).contains(bytes[cut.lowerBound]))
    }
    for normalization in [NormalizationOptions.default, nil] {
      var preparer = Preparer(normalization: normalization, glossary: .default)
      preparer.minimumPieceLength = 200
      let pieces = try preparer.prepare(bytes: bytes, name: "a.txt")
      preparer.minimumPieceLength = Int.max
      let whole = try preparer.prepare(bytes: bytes, name: "a.txt")
      #expect(pieces == whole)
      #expect(pieces.units.count > 20)
    }
  }
}
