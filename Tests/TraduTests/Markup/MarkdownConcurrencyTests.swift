import Foundation
import Testing
@testable import Tradu

/// Markdown pages read on several threads at once give what reading them one at a time gives.
/// cmark-gfm keeps its extensions' special characters (`~` of strikethrough) in a global
/// table that each parse fills and empties; without Tradu's lock a parse running beside
/// another one could read `~~struck~~` as plain text.
@Suite struct MarkdownConcurrencyTests {
  /// A page of many short paragraphs, each with struck-out words, emphasis and a link.
  static func page(_ k: Int) -> String {
    (0..<400).map { i in
      "Ședința \(k)-\(i): ~~anulată~~ *mutată* la **ora \(i % 24)**, ~~vezi~~ [anunțul](/a/\(i)) ~~de ieri~~."
    }.joined(separator: "\n\n") + "\n"
  }

  @Test func pagesReadSideBySideAreReadAsOneAtATime() async throws {
    let pages = (0..<4).map(Self.page)
    let expected = try pages.map { try MarkupPreparer.readText(bytes: Array($0.utf8), name: "a.md", format: .markdown).text }
    #expect(expected.allSatisfy { !$0.contains("~") && $0.contains("anulată") })
    let rounds = 12
    let found = try await withThrowingTaskGroup(of: (Int, String).self) { group in
      for job in 0..<(pages.count * rounds) {
        let k = job % pages.count
        group.addTask {
          (k, try MarkupPreparer.readText(bytes: Array(pages[k].utf8), name: "a.md", format: .markdown).text)
        }
      }
      var found: [(Int, String)] = []
      for try await result in group { found.append(result) }
      return found
    }
    #expect(found.count == pages.count * rounds)
    #expect(found.filter { $0.1 != expected[$0.0] }.count == 0)
  }
}
