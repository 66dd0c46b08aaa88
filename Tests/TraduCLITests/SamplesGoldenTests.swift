import Foundation
import Testing
@testable import TraduCLI

/// `Samples/` shows what `tradu prepare` writes for the seed article; these tests keep the
/// shipped files equal to what it writes now. After a deliberate change, regenerate them with
/// the commands in the README ("Samples").
@Suite struct SamplesGoldenTests {
  static let seed = "Samples/mediafax-musk-putin.ro.txt"
  static let goldens: [(format: String, file: String)] = [
    ("xliff", "Samples/mediafax-musk-putin.ro.xlf"),
    ("xliff12", "Samples/mediafax-musk-putin.ro.xliff12.xlf"),
    ("json", "Samples/mediafax-musk-putin.ro.json"),
  ]

  @Test(arguments: goldens.map(\.format))
  func sampleEqualsWhatPrepareWritesNow(format: String) throws {
    let file = try #require(Self.goldens.first { $0.format == format }?.file)
    let article = repositoryRoot.appendingPathComponent(Self.seed).path
    let command = try #require(try TraduCommand.parseAsRoot(["prepare", article, "--to", format]) as? PrepareCommand)
    let prepared = try command.prepareArticle()
    var rendered: [UInt8] = []
    try command.render(prepared) { rendered += $0 }
    let golden = try String(contentsOf: repositoryRoot.appendingPathComponent(file), encoding: .utf8)
    #expect(rendered == Array(golden.utf8), "\(file) is stale: regenerate it (README, Samples)")
    #expect(prepared.segments.count > 10)
  }
}
