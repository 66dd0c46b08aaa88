import Foundation
import Testing
@testable import TraduCLI

/// `Samples/` shows what `tradu prepare` writes for the seed article; these tests keep the
/// shipped files equal to what it writes now. After a deliberate change, regenerate them with
/// the commands in the README ("Samples").
@Suite struct SamplesGoldenTests {
  static let seed = "Samples/mediafax-musk-putin.ro.txt"
  static let page = "Samples/mediafax-musk-putin.ro.html"
  static let markdown = "Samples/mediafax-musk-putin.ro.md"
  static let goldens: [(article: String, format: String, file: String)] = [
    (seed, "xliff", "Samples/mediafax-musk-putin.ro.xlf"),
    (seed, "xliff12", "Samples/mediafax-musk-putin.ro.xliff12.xlf"),
    (seed, "json", "Samples/mediafax-musk-putin.ro.json"),
    (page, "xliff", "Samples/mediafax-musk-putin.ro.html.xlf"),
    (page, "xliff12", "Samples/mediafax-musk-putin.ro.html.xliff12.xlf"),
    (markdown, "xliff", "Samples/mediafax-musk-putin.ro.md.xlf"),
    (markdown, "xliff12", "Samples/mediafax-musk-putin.ro.md.xliff12.xlf"),
  ]

  @Test(arguments: goldens.map(\.file))
  func sampleEqualsWhatPrepareWritesNow(file: String) throws {
    let golden = try #require(Self.goldens.first { $0.file == file })
    let article = repositoryRoot.appendingPathComponent(golden.article).path
    let command = try #require(try TraduCommand.parseAsRoot(["prepare", article, "--to", golden.format]) as? PrepareCommand)
    let prepared = try command.prepareArticle()
    var rendered: [UInt8] = []
    try command.render(prepared) { rendered += $0 }
    let expected = try String(contentsOf: repositoryRoot.appendingPathComponent(file), encoding: .utf8)
    #expect(rendered == Array(expected.utf8), "\(file) is stale: regenerate it (README, Samples)")
    #expect(prepared.segments.count > 10)
  }
}
