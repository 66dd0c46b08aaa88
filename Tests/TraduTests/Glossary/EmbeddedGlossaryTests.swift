import Testing
@testable import Tradu

/// The default glossary is compiled in from generated source; it must match the TSV.
@Suite struct EmbeddedGlossaryTests {
  /// The TSV that is embedded (see `EmbeddedGlossarySource.glossaryPath`).
  static let embeddedFrom = EmbeddedGlossarySource.glossaryPath

  @Test func generatedSourceMatchesTheGlossaryFile() throws {
    let tsv = try repositoryText(Self.embeddedFrom)
    let generated = try repositoryText(EmbeddedGlossarySource.sourcePath)
    #expect(generated == EmbeddedGlossarySource.swiftSource(embedding: tsv, from: Self.embeddedFrom),
            "the embedded glossary is stale: run `swift run tradu glossary embed \(Self.embeddedFrom)` and rebuild")
  }

  @Test func defaultGlossaryParsesToTheFileEntries() throws {
    let file = try Glossary.parse(try repositoryText(Self.embeddedFrom), format: .tsv, name: "file")
    #expect(!Glossary.default.entries.isEmpty)
    #expect(Glossary.default.entries == file.entries)
  }

  @Test func generatorEscapesDelimiters() throws {
    let tricky = "source\ttarget\nA\"\"\"#B\tC\\#(x)\n"
    let source = EmbeddedGlossarySource.swiftSource(embedding: tricky, from: "x.tsv")
    #expect(source.contains("##\"\"\"") && source.contains("\"\"\"##"))
  }
}
