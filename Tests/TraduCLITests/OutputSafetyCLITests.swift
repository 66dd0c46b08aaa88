import Foundation
import Testing

/// Issue 15's cases 1, 2, 3 and 6 through the real binary: no command destroys a file.
@Suite struct OutputSafetyCLITests {
  private func scratch() throws -> String {
    let url = FileManager.default.temporaryDirectory.appendingPathComponent("tradu-safe-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    return url.path
  }

  private func write(_ text: String, _ path: String) throws {
    try Data(text.utf8).write(to: URL(fileURLWithPath: path))
  }

  private func bytes(_ path: String) throws -> Data {
    try Data(contentsOf: URL(fileURLWithPath: path))
  }

  private func fileType(_ path: String) -> mode_t {
    var s = stat()
    lstat(path, &s)
    return s.st_mode & S_IFMT
  }

  private func leftovers(_ folder: String) throws -> [String] {
    try FileManager.default.contentsOfDirectory(atPath: folder).filter { $0.contains(".tradu-") }
  }

  private let article = """
    Kremlinul a negat vineri că Vladimir Putin ar fi vorbit cu Elon Musk.

    Purtătorul de cuvânt Dmitri Peskov a declarat că nu a existat nicio convorbire.
    """

  /// An article and its prepared XLIFF 2.1, translated in the file's first segment.
  private func translatedPair(in folder: String) throws -> (article: String, xliff: String) {
    let text = folder + "/stire.txt", xliff = folder + "/stire.xlf"
    try write(article, text)
    let prepared = try runTradu(["prepare", text, "--stats", "none"])
    #expect(prepared.status == 0, "\(prepared.stderr)")
    let original = try String(contentsOfFile: xliff, encoding: .utf8)
    guard let end = original.range(of: "</source>") else {
      Issue.record("no <source> in the prepared file")
      return (text, xliff)
    }
    try write(original.replacingCharacters(in: end, with: "</source><target>The Kremlin denied on Friday.</target>"), xliff)
    return (text, xliff)
  }

  /// Case 2: every command that reads a file and writes one refuses to write onto its input,
  /// whatever name the input goes by.
  @Test func noCommandWritesOntoItsInput() throws {
    let folder = try scratch()
    defer { try? FileManager.default.removeItem(atPath: folder) }
    let (text, xliff) = try translatedPair(in: folder)
    let english = folder + "/stire.en.txt"
    try write("The Kremlin denied on Friday.\n\nSpokesman Dmitry Peskov said there was no call.\n", english)
    let glossary = folder + "/termeni.tsv"
    try write("id\tsource\ttarget\tcategory\nper-peskov\tDmitri Peskov\tDmitry Peskov\tPERSON\n", glossary)
    try FileManager.default.createSymbolicLink(atPath: folder + "/link.txt", withDestinationPath: "stire.txt")
    try FileManager.default.linkItem(atPath: text, toPath: folder + "/dur.txt")

    let attempts: [[String]] = [
      ["merge", xliff, "-o", xliff],
      ["check", xliff, "-o", xliff],
      ["merge", xliff, "--original", text, "-o", text],
      ["check", "--source", text, "--target", english, "-o", english],
      ["glossary", "convert", glossary, "-o", glossary],
      ["prepare", text, "-o", folder + "/./stire.txt"],
      ["prepare", text, "-o", folder + "/link.txt"],
      ["prepare", text, "-o", folder + "/dur.txt"],
    ]
    let before = try [xliff, text, english, glossary].map { try bytes($0) }
    for arguments in attempts {
      let result = try runTradu(arguments)
      #expect(result.status == 2, "\(arguments): \(result.stderr)")
      #expect(result.stderr.contains("not written: is the input"), "\(arguments): \(result.stderr)")
      #expect(result.stderr.split(separator: "\n").count == 1, "\(arguments): \(result.stderr)")
    }
    #expect(try [xliff, text, english, glossary].map { try bytes($0) } == before)
    #expect(fileType(folder + "/link.txt") == S_IFLNK)
    #expect(try leftovers(folder).isEmpty)
  }

  /// Case 3: preparing the article again does not wipe the translation done in its XLIFF.
  @Test func prepareAgainKeepsTheTranslatedFile() throws {
    let folder = try scratch()
    defer { try? FileManager.default.removeItem(atPath: folder) }
    let (text, xliff) = try translatedPair(in: folder)
    let translated = try bytes(xliff)
    let again = try runTradu(["prepare", text, "--stats", "none"])
    #expect(again.status == 2)
    #expect(again.stderr.contains("holds 1 translated segment") && again.stderr.contains("--replace-translated"), "\(again.stderr)")
    #expect(try bytes(xliff) == translated)

    let replaced = try runTradu(["prepare", text, "--stats", "none", "--replace-translated"])
    #expect(replaced.status == 0, "\(replaced.stderr)")
    #expect(try bytes(xliff + "~") == translated)
    #expect(try !String(contentsOfFile: xliff, encoding: .utf8).contains("<target>"))
    // An untranslated output is rebuilt without asking.
    #expect(try runTradu(["prepare", text, "--stats", "none"]).status == 0)
  }

  /// The same in JSON and JSONL, where an untranslated file has `"target": null` throughout
  /// and is recognised without a parse.
  @Test func prepareAgainToJSONRebuildsUntranslatedFilesAndKeepsTranslatedOnes() throws {
    let folder = try scratch()
    defer { try? FileManager.default.removeItem(atPath: folder) }
    let text = folder + "/stire.txt"
    try write(article, text)
    for format in ["json", "jsonl"] {
      let output = folder + "/stire." + format
      let arguments = ["prepare", text, "--to", format, "-o", output, "--stats", "none"]
      #expect(try runTradu(arguments).status == 0)
      #expect(try runTradu(arguments).status == 0, "an untranslated \(format) output is rebuilt without asking")
      let prepared = try String(contentsOfFile: output, encoding: .utf8)
      guard let first = prepared.range(of: "\"target\": null") else {
        Issue.record("no empty target in the prepared \(format)")
        continue
      }
      let translated = prepared.replacingCharacters(in: first, with: "\"target\": \"The Kremlin denied it.\"")
      try write(translated, output)
      let again = try runTradu(arguments)
      #expect(again.status == 2, "\(format): \(again.stderr)")
      #expect(again.stderr.contains("holds 1 translated segment"), "\(format): \(again.stderr)")
      #expect(try String(contentsOfFile: output, encoding: .utf8) == translated)
    }
  }

  /// Batch mode: --force rebuilds outputs but never replaces a translated one.
  @Test func forceInBatchModeKeepsTranslations() throws {
    let folder = try scratch()
    defer { try? FileManager.default.removeItem(atPath: folder) }
    let (text, xliff) = try translatedPair(in: folder)
    try FileManager.default.removeItem(atPath: xliff)
    try FileManager.default.createDirectory(atPath: folder + "/out", withIntermediateDirectories: true)
    try write("Guvernul a aprobat bugetul.\n", folder + "/alta.txt")
    let first = try runTradu(["prepare", text, folder + "/alta.txt", "-o", folder + "/out", "--quiet"])
    #expect(first.status == 0, "\(first.stderr)")
    let output = folder + "/out/stire.xlf"
    let original = try String(contentsOfFile: output, encoding: .utf8)
    let translated = original.replacingOccurrences(of: "</source>", with: "</source><target>Translated.</target>")
    try write(translated, output)
    let forced = try runTradu(["prepare", text, folder + "/alta.txt", "-o", folder + "/out", "--force", "--quiet"])
    #expect(forced.status == 2)
    #expect(forced.stderr.contains("stire.xlf: not written: holds"), "\(forced.stderr)")
    #expect(try String(contentsOfFile: output, encoding: .utf8) == translated)
    let replaced = try runTradu(["prepare", text, folder + "/alta.txt", "-o", folder + "/out", "--force", "--quiet",
                                 "--replace-translated"])
    #expect(replaced.status == 0, "\(replaced.stderr)")
    #expect(try String(contentsOfFile: output + "~", encoding: .utf8) == translated)
  }

  /// Case 1: an output that is not a regular file is written in place, and a replaced file
  /// keeps its mode and group.
  @Test func outputsThatAreNotRegularFilesStayWhatTheyAre() async throws {
    let folder = try scratch()
    defer { try? FileManager.default.removeItem(atPath: folder) }
    let (_, xliff) = try translatedPair(in: folder)

    let fifo = folder + "/teava"
    #expect(mkfifo(fifo, 0o600) == 0)
    let reader = Task.detached { () -> Data? in FileHandle(forReadingAtPath: fifo)?.readDataToEndOfFile() }
    let throughFIFO = try runTradu(["check", xliff, "-o", fifo])
    #expect(throughFIFO.status <= 1, "\(throughFIFO.stderr)")
    let report = await reader.value.map { String(decoding: $0, as: UTF8.self) } ?? ""
    #expect(report.contains("stire.xlf"), "\(report)")
    #expect(fileType(fifo) == S_IFIFO)

    if geteuid() == 0 {
      let device = folder + "/nul"
      #expect(mknod(device, S_IFCHR | 0o666, dev_t(1 << 8 | 3)) == 0)
      let throughDevice = try runTradu(["check", xliff, "-o", device])
      #expect(throughDevice.status <= 1, "\(throughDevice.stderr)")
      #expect(fileType(device) == S_IFCHR)
    }

    let kept = folder + "/raport.txt"
    try write("vechi", kept)
    chmod(kept, 0o640)
    chown(kept, geteuid(), geteuid() == 0 ? 5678 : getegid())
    #expect(try runTradu(["check", xliff, "-o", kept]).status <= 1)
    var s = stat()
    stat(kept, &s)
    #expect(s.st_mode & 0o7777 == 0o640)
    #expect(s.st_gid == (geteuid() == 0 ? 5678 : getegid()))
    #expect(try leftovers(folder).isEmpty)
  }

  /// Case 6: SIGTERM while `prepare` writes leaves the old output and no temporary file.
  @Test func aSignalLeavesNoTemporaryFile() throws {
    let folder = try scratch()
    defer { try? FileManager.default.removeItem(atPath: folder) }
    let seed = try String(contentsOf: repositoryRoot.appendingPathComponent("Samples/mediafax-musk-putin.ro.txt"), encoding: .utf8)
    let big = folder + "/mare.txt"
    try write(String(repeating: seed + "\n\n", count: 1_500), big)
    let output = folder + "/mare.xlf"
    try write("versiunea veche", output)

    var caught = false
    for _ in 0..<3 where !caught {
      let pid = try spawnWithSignalsUnblocked(
        try traduBinary().path, ["prepare", big, "-o", output, "--stats", "none", "--no-glossary"],
        standardError: folder + "/prepare.err")
      // Wait for the temporary file to appear, stop the process while it is there, and end it.
      var status: Int32 = 0
      let deadline = Date().addingTimeInterval(60)
      while waitpid(pid, &status, WNOHANG) == 0 {
        if Date() > deadline { kill(pid, SIGKILL) }
        if try !leftovers(folder).isEmpty {
          kill(pid, SIGSTOP)
          if try !leftovers(folder).isEmpty {
            caught = true
            kill(pid, SIGTERM)
          }
          kill(pid, SIGCONT)
          waitpid(pid, &status, 0)
          break
        }
        usleep(1_000)
      }
      if caught {
        // Ended by SIGTERM (the wait status's low seven bits), not by an exit.
        #expect(status & 0x7F == SIGTERM)
        #expect(try leftovers(folder).isEmpty)
        #expect(try String(contentsOfFile: output, encoding: .utf8) == "versiunea veche")
      } else {
        try write("versiunea veche", output)
      }
    }
    #expect(caught, "prepare finished before a temporary file was seen three times")
  }

  /// A batch ended while groups of outputs are staged (SIGKILL, as a crash would, and SIGTERM)
  /// leaves every output it shows whole: each is what an uninterrupted run writes. SIGTERM
  /// removes the staged temporary files at once; after SIGKILL the next run removes them and
  /// finishes the rest.
  @Test func anInterruptedBatchShowsOnlyWholeOutputsAndTheNextRunCleansUp() throws {
    let folder = try scratch()
    defer { try? FileManager.default.removeItem(atPath: folder) }
    let seed = try String(contentsOf: repositoryRoot.appendingPathComponent("Samples/mediafax-musk-putin.ro.txt"), encoding: .utf8)
    let paragraphs = seed.components(separatedBy: "\n\n").filter { !$0.isEmpty }
    let input = folder + "/stiri"
    for index in 0..<80 {
      let sub = "\(input)/\(index % 3 == 0 ? "externe" : "politica")"
      try FileManager.default.createDirectory(atPath: sub, withIntermediateDirectories: true)
      let rotated = paragraphs[(index % paragraphs.count)...] + paragraphs[..<(index % paragraphs.count)]
      try write("Știrea numărul \(index + 1)\n\n" + rotated.joined(separator: "\n\n"), "\(sub)/stire-\(index + 1).txt")
    }
    let reference = folder + "/referinta"
    #expect(try runTradu(["prepare", input, "-o", reference, "--stats", "none", "--progress", "none"]).status == 0)
    let expected = try Self.visibleFiles(below: reference)
    #expect(expected.count == 80)

    for signal in [SIGKILL, SIGTERM] {
      let output = folder + "/iesire-\(signal)"
      var caught = false
      for _ in 0..<3 where !caught {
        try? FileManager.default.removeItem(atPath: output)
        let pid = try spawnWithSignalsUnblocked(
          try traduBinary().path, ["prepare", input, "-o", output, "--stats", "none", "--progress", "none"],
          standardError: folder + "/prepare.err")
        var status: Int32 = 0
        let deadline = Date().addingTimeInterval(60)
        while waitpid(pid, &status, WNOHANG) == 0 {
          if Date() > deadline { kill(pid, SIGKILL) }
          if !Self.temporaryFiles(below: output).isEmpty {
            kill(pid, SIGSTOP)
            if !Self.temporaryFiles(below: output).isEmpty {
              caught = true
              kill(pid, signal)
            }
            kill(pid, SIGCONT)
            waitpid(pid, &status, 0)
            break
          }
          usleep(500)
        }
        guard caught else { continue }
        #expect(status & 0x7F == signal)
        // Whatever is visible is whole.
        let shown = try Self.visibleFiles(below: output)
        #expect(shown.count < expected.count)
        for (relative, bytes) in shown { #expect(bytes == expected[relative], "\(relative) is not whole") }
        let left = Self.temporaryFiles(below: output)
        if signal == SIGTERM { #expect(left.isEmpty, "\(left)") } else { #expect(!left.isEmpty) }
        // The next run removes what the killed one left and finishes the batch.
        #expect(try runTradu(["prepare", input, "-o", output, "--stats", "none", "--progress", "none"]).status == 0)
        #expect(Self.temporaryFiles(below: output).isEmpty)
        #expect(try Self.visibleFiles(below: output) == expected)
      }
      #expect(caught, "the batch finished before a staged output was seen three times (signal \(signal))")
    }
  }

  /// The files below `folder` whose names do not start with a dot, by relative path.
  private static func visibleFiles(below folder: String) throws -> [String: Data] {
    var files: [String: Data] = [:]
    let walker = FileManager.default.enumerator(atPath: folder)
    while let relative = walker?.nextObject() as? String {
      let path = folder + "/" + relative
      var s = stat()
      guard lstat(path, &s) == 0, s.st_mode & S_IFMT == S_IFREG, !(relative as NSString).lastPathComponent.hasPrefix(".") else { continue }
      files[relative] = try Data(contentsOf: URL(fileURLWithPath: path))
    }
    return files
  }

  /// The temporary output files (`.NAME.tradu-PID-XXXXXX.tmp`) below `folder`.
  private static func temporaryFiles(below folder: String) -> [String] {
    var found: [String] = []
    let walker = FileManager.default.enumerator(atPath: folder)
    while let relative = walker?.nextObject() as? String {
      if relative.contains(".tradu-") && relative.hasSuffix(".tmp") { found.append(relative) }
    }
    return found
  }

  /// Starts `executable` with no signal blocked, as a shell would, its standard error to a file. (Foundation's `Process`
  /// starts children from a worker thread whose blocked signals they inherit, SIGTERM among them.)
  private func spawnWithSignalsUnblocked(_ executable: String, _ arguments: [String], standardError: String) throws -> pid_t {
    var attributes = posix_spawnattr_t()
    posix_spawnattr_init(&attributes)
    defer { posix_spawnattr_destroy(&attributes) }
    var none = sigset_t()
    sigemptyset(&none)
    posix_spawnattr_setsigmask(&attributes, &none)
    posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGMASK))
    var actions = posix_spawn_file_actions_t()
    posix_spawn_file_actions_init(&actions)
    defer { posix_spawn_file_actions_destroy(&actions) }
    posix_spawn_file_actions_addopen(&actions, 2, standardError, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
    let argv = ([executable] + arguments).map { strdup($0) } + [nil]
    defer { argv.forEach { free($0) } }
    var pid: pid_t = 0
    let result = posix_spawn(&pid, executable, &actions, &attributes, argv, environ)
    guard result == 0 else { throw POSIXError(POSIXErrorCode(rawValue: result) ?? .EINVAL) }
    return pid
  }
}
