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

    // Preparing into the project again: its omegat.project (<target_lang>) holds no translation.
    let rerun = try runTradu(["prepare", "Samples/mediafax-musk-putin.ro.txt", "--omegat-project", folder.path])
    #expect(rerun.status == 0, "\(rerun.stderr)")

    let again = try runTradu(["prepare", "-", "--omegat-project", folder.path], stdin: "Text.\n")
    #expect(again.status != 0 && again.stderr.contains("--omegat-project needs the article as a file"))
  }

  /// With --tm, the project's tm/ holds the memory as TMX (OmegaT's own fuzzy matches come
  /// from there) and the article's segments carry the memory's candidates.
  @Test func aMemoryGoesIntoTheProjectsTMFolder() throws {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("tradu-omegat-tm-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: folder) }
    let memory = folder.appendingPathComponent("stiri.tm").path
    // The seed aligned with its translation: its sentences are in the memory.
    let imported = try runTradu(["tm", "import", "Samples/mediafax-musk-putin.aligned.tmx", "--tm", memory])
    #expect(imported.status == 0, "\(imported.stderr)")
    let project = folder.appendingPathComponent("project")
    let result = try runTradu(["prepare", "Samples/mediafax-musk-putin.ro.txt", "--omegat-project", project.path, "--tm", memory])
    #expect(result.status == 0, "\(result.stderr)")
    #expect(result.stderr.contains("tm/stiri.tmx"))
    let tmx = try String(contentsOf: project.appendingPathComponent("tm/stiri.tmx"), encoding: .utf8)
    #expect(tmx.contains("<tmx version=\"1.4\">"))
    let exported = tmx.components(separatedBy: "<tu ").count - 1
    let stored = try String(contentsOfFile: "Samples/mediafax-musk-putin.aligned.tmx", encoding: .utf8)
      .components(separatedBy: "<tu ").count - 1
    #expect(exported > 0 && exported <= stored)
    let xliff = try String(contentsOf: project.appendingPathComponent("source/mediafax-musk-putin.ro.xlf"), encoding: .utf8)
    #expect(xliff.contains("<alt-trans"), "the seed's segments have exact matches in the memory")
    // The TMX holds translations: a second run replaces it only when asked, keeping a backup.
    let refused = try runTradu(["prepare", "Samples/mediafax-musk-putin.ro.txt", "--omegat-project", project.path, "--tm", memory])
    #expect(refused.status == 2 && refused.stderr.contains("tm/stiri.tmx: not written"), "\(refused.stderr)")
    let again = try runTradu(["prepare", "Samples/mediafax-musk-putin.ro.txt", "--omegat-project", project.path, "--tm", memory,
                              "--replace-translated"])
    #expect(again.status == 0, "\(again.stderr)")
    #expect(FileManager.default.fileExists(atPath: project.appendingPathComponent("tm/stiri.tmx~").path))
  }
}
