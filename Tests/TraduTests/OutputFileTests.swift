import Foundation
import Testing
@testable import Tradu

/// ``OutputFile``: what it refuses, what it keeps, and what it leaves behind.
@Suite(.serialized) struct OutputFileTests {
  /// A fresh folder under the temporary directory, removed by `body`'s caller.
  private func scratch() throws -> String {
    let url = FileManager.default.temporaryDirectory.appendingPathComponent("tradu-out-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    return url.path
  }

  private func write(_ text: String, _ path: String) throws {
    try Data(text.utf8).write(to: URL(fileURLWithPath: path))
  }

  private func read(_ path: String) throws -> String {
    try String(contentsOfFile: path, encoding: .utf8)
  }

  private func status(_ path: String) -> stat {
    var s = stat()
    lstat(path, &s)
    return s
  }

  /// An XLIFF 2 file with one translated segment.
  private static let translated = """
    <?xml version="1.0" encoding="UTF-8"?>
    <xliff xmlns="urn:oasis:names:tc:xliff:document:2.0" version="2.1" srcLang="ro" trgLang="en">
      <file id="f1"><unit id="p1"><segment id="p1.s1"><source>Kremlinul a negat.</source><target>The Kremlin denied it.</target></segment></unit></file>
    </xliff>
    """

  private func leftovers(_ folder: String) throws -> [String] {
    try FileManager.default.contentsOfDirectory(atPath: folder).filter { $0.contains(".tradu-") }
  }

  /// The folder and name of an output path, cut at its last `/` byte: Romanian and other
  /// non-ASCII names, a file at the root, a bare name, and a `/` a combining mark follows
  /// (one character with it, still where the kernel cuts the path).
  @Test func folderAndNameAreCutAtTheLastSlash() {
    let cases: [(path: String, folder: String, name: String)] = [
      ("iesire/știri/articolul-1.xlf", "iesire/știri", "articolul-1.xlf"),
      ("/tmp/țară/ăîâșț.xlf", "/tmp/țară", "ăîâșț.xlf"),
      ("/stire.xlf", "/", "stire.xlf"),
      ("stire.xlf", ".", "stire.xlf"),
      ("dosar/", "dosar", ""),
      ("dosar/\u{301}nume.xlf", "dosar", "\u{301}nume.xlf"),
      ("👨‍👩‍👧/familie.xlf", "👨‍👩‍👧", "familie.xlf"),
    ]
    for (path, folder, name) in cases {
      #expect(OutputFile.folder(of: path) == folder, "\(path)")
      #expect(OutputFile.fileName(of: path) == name, "\(path)")
    }
  }

  @Test func refusesTheInputUnderAnyName() throws {
    let folder = try scratch()
    defer { try? FileManager.default.removeItem(atPath: folder) }
    let article = folder + "/stire.txt"
    try write("Guvernul a anunțat măsuri noi.\n", article)
    try FileManager.default.createSymbolicLink(atPath: folder + "/legatura.txt", withDestinationPath: "stire.txt")
    try FileManager.default.linkItem(atPath: article, toPath: folder + "/dur.txt")
    for name in [article, folder + "/./stire.txt", folder + "/legatura.txt", folder + "/dur.txt"] {
      let message = errorMessage { try OutputFile(name, reading: [article]) }
      #expect(message?.contains("not written: is the input \(article)") == true, "\(name): \(message ?? "accepted")")
    }
    #expect(try read(article) == "Guvernul a anunțat măsuri noi.\n")
  }

  @Test func aCommandThatRewritesItsInputKeepsTheOldVersion() throws {
    let folder = try scratch()
    defer { try? FileManager.default.removeItem(atPath: folder) }
    let file = folder + "/articol.xlf"
    try write("versiunea 1", file)
    chmod(file, 0o640)
    let output = try OutputFile(file, reading: [file], rewritingInput: true)
    try output.write("versiunea 2")
    #expect(try read(file) == "versiunea 2")
    #expect(try read(file + "~") == "versiunea 1")
    #expect(status(file).st_mode & 0o7777 == 0o640)
    #expect(try leftovers(folder).isEmpty)
  }

  @Test func aReplacedFileKeepsItsModeOwnerAndGroup() throws {
    let folder = try scratch()
    defer { try? FileManager.default.removeItem(atPath: folder) }
    let file = folder + "/raport.html"
    try write("vechi", file)
    chmod(file, 0o640)
    // As root (CI), a file owned by someone else must stay theirs.
    let owner: (uid_t, gid_t) = geteuid() == 0 ? (1234, 5678) : (geteuid(), getegid())
    chown(file, owner.0, owner.1)
    try OutputFile(file).write("nou")
    let after = status(file)
    #expect(try read(file) == "nou")
    #expect(after.st_mode & 0o7777 == 0o640)
    #expect(after.st_uid == owner.0 && after.st_gid == owner.1)
  }

  @Test func aNewFileGetsTheUsualPermissions() throws {
    let folder = try scratch()
    defer { try? FileManager.default.removeItem(atPath: folder) }
    let previous = umask(0o027)
    defer { umask(previous) }
    try OutputFile(folder + "/nou.xlf").write("conținut")
    #expect(status(folder + "/nou.xlf").st_mode & 0o7777 == 0o640)
  }

  @Test func aSymbolicLinkStaysALink() throws {
    let folder = try scratch()
    defer { try? FileManager.default.removeItem(atPath: folder) }
    try FileManager.default.createDirectory(atPath: folder + "/real", withIntermediateDirectories: false)
    try write("vechi", folder + "/real/tinta.txt")
    try FileManager.default.createSymbolicLink(atPath: folder + "/link.txt", withDestinationPath: "real/tinta.txt")
    try OutputFile(folder + "/link.txt").write("nou")
    #expect(status(folder + "/link.txt").st_mode & S_IFMT == S_IFLNK)
    #expect(try read(folder + "/real/tinta.txt") == "nou")
    #expect(try leftovers(folder).isEmpty && leftovers(folder + "/real").isEmpty)
    // A dangling link creates the file it names.
    try FileManager.default.createSymbolicLink(atPath: folder + "/nou.txt", withDestinationPath: "real/creat.txt")
    try OutputFile(folder + "/nou.txt").write("creat")
    #expect(try read(folder + "/real/creat.txt") == "creat")
    #expect(status(folder + "/nou.txt").st_mode & S_IFMT == S_IFLNK)
  }

  @Test func aFIFOIsWrittenInPlace() async throws {
    let folder = try scratch()
    defer { try? FileManager.default.removeItem(atPath: folder) }
    let fifo = folder + "/teava"
    #expect(mkfifo(fifo, 0o600) == 0)
    // The reader opens the FIFO on another thread; the writer's open waits for it.
    let reader = Task.detached { () -> Data? in FileHandle(forReadingAtPath: fifo)?.readDataToEndOfFile() }
    try OutputFile(fifo).write("prin țeavă\n")
    let received = await reader.value
    #expect(received.map { String(decoding: $0, as: UTF8.self) } == "prin țeavă\n")
    #expect(status(fifo).st_mode & S_IFMT == S_IFIFO)
    #expect(try leftovers(folder).isEmpty)
  }

  @Test(.enabled(if: geteuid() == 0, "mknod needs root"))
  func aDeviceNodeIsWrittenInPlace() throws {
    let folder = try scratch()
    defer { try? FileManager.default.removeItem(atPath: folder) }
    let device = folder + "/nul"
    // A character device with the null device's numbers (1, 3), made in the scratch folder.
    #expect(mknod(device, S_IFCHR | 0o666, dev_t(1 << 8 | 3)) == 0)
    try OutputFile(device).write("aruncat")
    #expect(status(device).st_mode & S_IFMT == S_IFCHR)
    #expect(try leftovers(folder).isEmpty)
  }

  @Test func refusesToReplaceTranslationsUnlessAskedAndThenKeepsThem() throws {
    let folder = try scratch()
    defer { try? FileManager.default.removeItem(atPath: folder) }
    let file = folder + "/stire.xlf"
    let translated = Self.translated
    try write(translated, file)
    let message = errorMessage { try OutputFile(file, reading: [folder + "/stire.txt"]) }
    #expect(message?.contains("holds 1 translated segment that would be lost") == true, "\(message ?? "accepted")")
    try OutputFile(file, replacingTranslations: true).write("<xliff/>")
    #expect(try read(file) == "<xliff/>")
    #expect(try read(file + "~") == translated)
    // A target that only copies its source is not a translation.
    try write(translated.replacingOccurrences(of: "The Kremlin denied it.", with: "Kremlinul a negat."), file)
    try OutputFile(file).write("<xliff/>")
  }

  @Test func staleTemporaryFilesGoOnlyWhenTheirProcessIsGone() throws {
    let folder = try scratch()
    defer { try? FileManager.default.removeItem(atPath: folder) }
    let finished = Process()
    finished.executableURL = URL(fileURLWithPath: "/bin/true")
    try finished.run()
    finished.waitUntilExit()
    let gone = "\(folder)/.stire.xlf.tradu-\(finished.processIdentifier)-a1B2c3.tmp"
    let alive = "\(folder)/.stire.xlf.tradu-\(getppid())-a1B2c3.tmp"
    let foreign = "\(folder)/.stire.xlf.tradu-Xy12Zq"
    for path in [gone, alive, foreign] { try write("parțial", path) }
    try OutputFile(folder + "/alt.xlf").write("gata")
    #expect(!FileManager.default.fileExists(atPath: gone))
    #expect(FileManager.default.fileExists(atPath: alive))
    #expect(FileManager.default.fileExists(atPath: foreign))
  }

  @Test func directoriesAndMissingFoldersAreClearErrors() throws {
    let folder = try scratch()
    defer { try? FileManager.default.removeItem(atPath: folder) }
    #expect(errorMessage { try OutputFile(folder) }?.contains("is a directory") == true)
    #expect(errorMessage { try OutputFile(folder + "/lipsa/out.xlf") }?.contains("does not exist") == true)
    try FileManager.default.createSymbolicLink(atPath: folder + "/bucla", withDestinationPath: "bucla")
    #expect(errorMessage { try OutputFile(folder + "/bucla") }?.contains("symbolic links") == true)
  }

  /// An output not checked before the work (a batch's) is checked when staged: a file with a
  /// translator's work is refused and stays as it was, a missing folder is named as the check
  /// before the work names it, and neither leaves a temporary file.
  @Test func anOutputCheckedOnlyWhenStagedIsRefusedAsBefore() throws {
    let folder = try scratch()
    defer { try? FileManager.default.removeItem(atPath: folder) }
    let file = folder + "/stire.xlf"
    let translated = Self.translated
    try write(translated, file)
    let unchecked = try OutputFile(file, reading: [folder + "/stire.txt"], checkingNow: false)
    let refusal = errorMessage { try unchecked.stage(Array("<xliff/>".utf8)) }
    #expect(refusal?.contains("holds 1 translated segment that would be lost") == true, "\(refusal ?? "accepted")")
    #expect(try read(file) == translated)
    let missing = try OutputFile(folder + "/lipsa/stire.xlf", checkingNow: false)
    let message = errorMessage { try missing.write("<xliff/>") }
    #expect(message == errorMessage { try OutputFile(folder + "/lipsa/stire.xlf") }, "\(message ?? "written")")
    #expect(message?.contains("the folder \(folder)/lipsa does not exist") == true, "\(message ?? "written")")
    #expect(try leftovers(folder).isEmpty)
  }

  /// Calls that wait on the disk reuse the threads that waited before: twenty rounds of ten
  /// calls on eight threads start seven threads in all (the caller is the eighth), and each
  /// round's results come in order.
  @Test func roundsOfFlushesReuseTheirThreads() {
    let helpers = WaitingThreads()
    for round in 1...20 {
      let results = onThreads(10, threads: 8, on: helpers) { index -> Int in
        usleep(200)
        return index * round
      }
      #expect(results == (0..<10).map { $0 * round })
    }
    #expect(helpers.started == 7)
  }

  /// Pieces of any size, in any order, written together a group at a time (`writev`): the
  /// file is every byte in order.
  @Test func smallAndLargePiecesInAnyOrderMakeTheWholeFile() throws {
    let folder = try scratch()
    defer { try? FileManager.default.removeItem(atPath: folder) }
    let path = folder + "/stire.xlf"
    let step = OutputFile.gatheredWrite
    // Also more pieces than are written at once (`gatheredPieces`), as tiny as a unit's tags.
    let tiny = (0..<(2 * OutputFile.gatheredPieces + 5)).map { $0 % 4 }
    let sizes = [0, 1, 727, step - 728, step, 3, step + 1, 0, 17, step - 1, 1, 5 * step, 2] + tiny + [step / 2, 9]
    var expected: [UInt8] = []
    try OutputFile(path).write { emit in
      for size in sizes {
        let piece = (0..<size).map { UInt8(truncatingIfNeeded: (expected.count + $0) &* 13 &+ 7) }
        expected += piece
        try emit(piece)
      }
    }
    #expect(Array(try Data(contentsOf: URL(fileURLWithPath: path))) == expected)
    #expect(try leftovers(folder).isEmpty)
  }

  @Test func aFileWrittenInManyBlocksPastTheWritebackStepIsWholeAndReplacesTheOldOneOnlyAtTheEnd() throws {
    let folder = try scratch()
    defer { try? FileManager.default.removeItem(atPath: folder) }
    let path = folder + "/arhiva.xlf"
    try write("vechi", path)
    // Blocks of odd sizes, about three writeback steps in all, each byte telling its place.
    var expected: [UInt8] = []
    let sizes = (0..<40).map { 50_000 + 37_001 * ($0 % 5) }
    try OutputFile(path).write { emit in
      for size in sizes {
        let block = (0..<size).map { UInt8(truncatingIfNeeded: (expected.count + $0) &* 31) }
        expected += block
        try emit(block)
        // The old file stays until the new one is complete.
        #expect(try read(path) == "vechi")
      }
    }
    #expect(expected.count > 3 * OutputFile.writebackStep)
    #expect(Array(try Data(contentsOf: URL(fileURLWithPath: path))) == expected)
    #expect(try leftovers(folder).isEmpty)
  }

  @Test func stagedOutputsChangeNothingUntilCommittedTogetherAndAFailedOneLeavesTheOthersInPlace() throws {
    let folder = try scratch()
    defer { try? FileManager.default.removeItem(atPath: folder) }
    for sub in ["politica", "sport"] { try FileManager.default.createDirectory(atPath: "\(folder)/\(sub)", withIntermediateDirectories: true) }
    let paths = ["politica/guvern.xlf", "politica/buget.xlf", "sport/meci.xlf", "sport/clasament.xlf", "sport/transfer.xlf"]
      .map { "\(folder)/\($0)" }
    try write("versiunea veche a guvernului", paths[0])
    try write("clasamentul vechi", paths[3])
    var staged: [StagedOutput] = []
    for (index, path) in paths.enumerated() {
      let text = "Articolul \(index + 1): Guvernul a aprobat bugetul, iar Steaua a câștigat meciul.\n"
      staged.append(try OutputFile(path).stage { emit in
        for line in Array(repeating: text, count: 50 + index) { try emit(Array(line.utf8)) }
      })
    }
    // Staged: every file as it was, each new version only in a temporary file beside it.
    #expect(try read(paths[0]) == "versiunea veche a guvernului")
    #expect(try read(paths[3]) == "clasamentul vechi")
    #expect(!FileManager.default.fileExists(atPath: paths[1]))
    #expect(try leftovers(folder + "/politica").count == 2)
    #expect(try leftovers(folder + "/sport").count == 3)

    // One of them cannot be put in place: its path became a folder meanwhile.
    try FileManager.default.createDirectory(atPath: paths[4], withIntermediateDirectories: false)
    let failures = OutputFile.commit(staged)
    #expect(failures.count == paths.count)
    #expect(failures[..<4].allSatisfy { $0 == nil })
    #expect(failures[4]?.description.contains("sport/transfer.xlf") == true)
    for (index, path) in paths.enumerated().dropLast() {
      let text = "Articolul \(index + 1): Guvernul a aprobat bugetul, iar Steaua a câștigat meciul.\n"
      #expect(try read(path) == String(repeating: text, count: 50 + index))
    }
    #expect(try leftovers(folder + "/politica").isEmpty)
    #expect(try leftovers(folder + "/sport").isEmpty)
    var isFolder: ObjCBool = false
    #expect(FileManager.default.fileExists(atPath: paths[4], isDirectory: &isFolder) && isFolder.boolValue)
  }

  /// A group large enough to be flushed with one flush of the file system (where that is
  /// known to be complete; one by one elsewhere): every output whole and in place, replaced
  /// files keeping their mode, no temporary file left, and a second group over the first.
  @Test func aLargeGroupIsPutInPlaceWholeAndReplacedFilesKeepTheirMode() throws {
    let folder = try scratch()
    defer { try? FileManager.default.removeItem(atPath: folder) }
    let count = OutputFile.wholeFileSystemFlushMinimum + 5
    for sub in ["interne", "externe", "sport"] { try FileManager.default.createDirectory(atPath: "\(folder)/\(sub)", withIntermediateDirectories: true) }
    let paths = (0..<count).map { "\(folder)/\(["interne", "externe", "sport"][$0 % 3])/stire-\($0 + 1).xlf" }
    for path in paths.prefix(4) {
      try write("versiunea veche", path)
      chmod(path, 0o640)
    }
    func text(_ index: Int, _ round: Int) -> String {
      String(repeating: "Ştirea \(index + 1), varianta \(round): Guvernul a aprobat bugetul.\n", count: 40 + index)
    }
    for round in 1...2 {
      var staged: [StagedOutput] = []
      for (index, path) in paths.enumerated() {
        staged.append(try OutputFile(path).stage(Array(text(index, round).utf8)))
      }
      #expect(try read(paths[0]) == (round == 1 ? "versiunea veche" : text(0, 1)))
      let failures = OutputFile.commit(staged)
      #expect(failures.allSatisfy { $0 == nil })
      for (index, path) in paths.enumerated() { #expect(try read(path) == text(index, round)) }
      for path in paths.prefix(4) { #expect(status(path).st_mode & 0o7777 == 0o640) }
      for sub in ["interne", "externe", "sport"] { #expect(try leftovers("\(folder)/\(sub)").isEmpty) }
    }
  }

  @Test func aDiscardedStagedOutputLeavesTheFileAndNoTemporaryFile() throws {
    let folder = try scratch()
    defer { try? FileManager.default.removeItem(atPath: folder) }
    let path = folder + "/stire.xlf"
    try write("vechi", path)
    let staged = try OutputFile(path).stage(Array("nou".utf8))
    #expect(try leftovers(folder).count == 1)
    staged.discard()
    #expect(try read(path) == "vechi")
    #expect(try leftovers(folder).isEmpty)
  }

  @Test func temporaryNamesAreSixLettersOrDigitsThatTheStaleCleanupRecognizes() {
    var random = SystemRandomNumberGenerator()
    var seen: Set<String> = []
    for bits in [0, UInt64.max] + (0..<200).map({ _ in random.next() as UInt64 }) {
      let suffix = OutputFile.temporarySuffix(bits)
      #expect(suffix.count == 6 && suffix.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber) })
      #expect(OutputFile.ownerProcess(ofTemporaryName: ".stire.xlf.tradu-4242-\(suffix).tmp") == 4242)
      seen.insert(suffix)
    }
    #expect(seen.count > 190)
  }
}
