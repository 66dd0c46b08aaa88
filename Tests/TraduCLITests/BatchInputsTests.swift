import Foundation
import Testing

import Tradu
@testable import TraduCLI

/// How a batch finds its files below a folder and names their outputs.
@Suite struct BatchInputsTests {
  private func scratch() throws -> String {
    let path = FileManager.default.temporaryDirectory.appendingPathComponent("tradu-inputs-\(UUID().uuidString)").path
    try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    return path
  }

  private func write(_ text: String, _ path: String) throws {
    try FileManager.default.createDirectory(atPath: BatchPath.folder(of: path), withIntermediateDirectories: true)
    try Data(text.utf8).write(to: URL(fileURLWithPath: path))
  }

  @Test func aFolderGivesItsTextFilesAtEveryDepthLargestFirstAndLeavesOutWhatIsNotAnArticle() throws {
    let root = try scratch()
    defer { try? FileManager.default.removeItem(atPath: root) }
    let input = root + "/stiri"
    try write("Guvernul a aprobat bugetul pe anul viitor, după o lungă dezbatere.", input + "/politica/guvern.txt")
    try write("Steaua a câştigat.", input + "/sport/fotbal/meci.txt")
    try write("Kremlinul nu a comentat atacul de la Kiev.", input + "/externe/KIEV.TXT")
    try write("Un text de aceeaşi lungime", input + "/a.txt")
    try write("Un text de aceeaşi lungime", input + "/b.txt")
    // Left out: hidden files and folders, other extensions, a file named like an extension,
    // a symbolic link, and the output folder inside the input.
    try write("ascuns", input + "/.ascuns.txt")
    try write("ascuns", input + "/.ciorne/draft.txt")
    try write("nu e articol", input + "/poza.jpg")
    try write("fără extensie", input + "/txt")
    try FileManager.default.createSymbolicLink(atPath: input + "/legatura.txt", withDestinationPath: input + "/a.txt")
    try write("o ieşire veche", input + "/iesire/vechi.txt")

    let files = try BatchInputs.list([input + "/"], extensions: ["txt"], outputFolder: input + "/iesire")
    #expect(files.map(\.relativePath) == ["politica/guvern.txt", "externe/KIEV.TXT", "a.txt", "b.txt", "sport/fotbal/meci.txt"])
    #expect(files.map(\.path) == files.map { input + "/" + $0.relativePath })
    #expect(files.map(\.size) == files.map { (try? Data(contentsOf: URL(fileURLWithPath: $0.path)).count) ?? -1 })

    // A named file is taken as it is, its output named after it; a missing input is an error.
    let named = try BatchInputs.list([input + "/sport/fotbal/meci.txt"], extensions: ["txt"], outputFolder: root + "/out")
    #expect(named.map(\.relativePath) == ["meci.txt"])
    #expect(throws: TraduError.self) { try BatchInputs.list([root + "/lipsa"], extensions: ["txt"], outputFolder: root + "/out") }
  }

  @Test func outputNamesChangeOnlyTheExtensionOfTheFileName() {
    #expect(BatchInputs.replacingExtension(of: "politica/guvern.txt", with: "xlf") == "politica/guvern.xlf")
    #expect(BatchInputs.replacingExtension(of: "arhiva.2024/stire", with: "xlf") == "arhiva.2024/stire.xlf")
    #expect(BatchInputs.replacingExtension(of: "dosar/.ascuns", with: "xlf") == "dosar/.ascuns.xlf")
    #expect(BatchInputs.replacingExtension(of: "ştiri/mediafax.ro.txt", with: "aligned.tmx") == "ştiri/mediafax.ro.aligned.tmx")
    #expect(BatchPath.join("iesire/", "a/b.xlf") == "iesire/a/b.xlf")
    #expect(BatchPath.join("/", "b.xlf") == "/b.xlf")
    #expect(BatchPath.folder(of: "iesire/a/b.xlf") == "iesire/a")
    #expect(BatchPath.folder(of: "/b.xlf") == "/")
    #expect(BatchPath.folder(of: "b.xlf") == "")
    #expect(BatchPath.lastComponent(of: "stiri/meci.txt") == "meci.txt")
    #expect(BatchPath.fileExtension(of: "KIEV.TXT") == "TXT")
    #expect(BatchPath.fileExtension(of: ".txt") == "")
  }
}
