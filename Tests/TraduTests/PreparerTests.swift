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
    let matches = GlossaryMatcher(.default).matches(in: normalized.text)

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

  @Test func inParallelReturnsEachJobsOwnResult() {
    let (a, b, c, d) = inParallel({ (1...1000).reduce(0, +) }, { "doi" }, { [3, 3] }, { 4.5 })
    #expect(a == 500_500 && b == "doi" && c == [3, 3] && d == 4.5)
  }
}
