import Foundation
import Testing

/// `tradu prepare --omegat-project`: a folder OmegaT opens as a ready project.
struct OmegaTProjectCLITests {
  @Test func prepareWritesAProjectWithTheArticleAndTheGlossary() throws {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("tradu-omegat-\(UUID().uuidString)")
    defer { try? FileManager.default.removeItem(at: folder) }
    let result = try runTradu(["prepare", "Samples/mediafax-musk-putin.ro.txt", "--omegat-project", folder.path])
    #expect(result.status == 0, "\(result.stderr)")
    #expect(result.stderr.contains("open the folder in OmegaT"))
    let project = try String(contentsOf: folder.appendingPathComponent("omegat.project"), encoding: .utf8)
    #expect(project.contains("<source_lang>ro</source_lang>") && project.contains("<target_lang>en</target_lang>"))
    #expect(project.contains("<sentence_seg>false</sentence_seg>"))
    for sub in ["target", "tm", "omegat", "dictionary"] {
      var isDirectory: ObjCBool = false
      #expect(FileManager.default.fileExists(atPath: folder.appendingPathComponent(sub).path, isDirectory: &isDirectory) && isDirectory.boolValue)
    }
    let xliff = try String(contentsOf: folder.appendingPathComponent("source/mediafax-musk-putin.ro.xlf"), encoding: .utf8)
    #expect(xliff.contains("version=\"1.2\""))
    #expect(xliff.contains("<target state=\"needs-translation\"><mrk mtype=\"seg\" mid=\"p1.s1\">WSJ: Musk ține în secret"))
    let glossary = try String(contentsOf: folder.appendingPathComponent("glossary/tradu-news.tbx"), encoding: .utf8)
    #expect(glossary.contains("<martif type=\"TBX-Basic\""))
    let lint = try runTradu(["glossary", "lint", folder.appendingPathComponent("glossary/tradu-news.tbx").path])
    #expect(lint.status == 0 || lint.status == 1, "\(lint.stderr)")
    #expect(!lint.stderr.contains("well-formed"))

    let again = try runTradu(["prepare", "-", "--omegat-project", folder.path], stdin: "Text.\n")
    #expect(again.status != 0 && again.stderr.contains("--omegat-project needs the article as a file"))
  }
}
