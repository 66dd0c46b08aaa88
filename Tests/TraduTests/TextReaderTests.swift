import Foundation
import Testing
@testable import Tradu

@Suite struct TextReaderTests {
  /// The seed as a legacy Romanian text is written: cedillas instead of comma-below letters
  /// (Windows-1250 and ISO-8859-2 have no comma-below letters).
  func seedWithCedillas() throws -> String {
    let map: [Unicode.Scalar: Unicode.Scalar] = ["ș": "ş", "ț": "ţ", "Ș": "Ş", "Ț": "Ţ"]
    var out = String.UnicodeScalarView()
    for s in try seedArticle().unicodeScalars { out.append(map[s] ?? s) }
    return String(out)
  }

  func normalizedSeed() throws -> String {
    try TextNormalizer().normalize(try seedArticle()).text
  }

  @Test func seedIsValidUTF8WithLFLineEndings() throws {
    let document = try TextReader.read(path: repositoryFile("Samples/mediafax-musk-putin.ro.txt").path)
    #expect(document.encoding == "UTF-8" && document.detection.method == .validUTF8)
    #expect(document.text == (try seedArticle()))
    #expect(document.lineEndings.lf == document.text.filter { $0 == "\n" }.count)
    #expect(document.lineEndings.summary == "LF")
  }

  @Test func windows1250SeedIsDetectedAndNormalizesToTheUTF8Text() throws {
    let bytes = try ICU.encode(Array(try seedWithCedillas().utf16), charset: "windows-1250")
    #expect(String(validating: bytes, as: UTF8.self) == nil)
    let document = try TextReader.decode(bytes, name: "legacy.txt")
    #expect(document.encoding == "windows-1250")
    #expect(document.detection.method == .detected && document.detection.language == "ro")
    #expect(document.detection.confidence > 0 && document.detection.confidence <= 100)
    #expect(try TextNormalizer().normalize(document).text == (try normalizedSeed()))
  }

  @Test func isoLatin2TextIsDetectedAndNormalized() throws {
    // ISO-8859-2 has no „ ” –: an archive text written with straight quotes and hyphens.
    let utf8 = """
      Şedinţa Consiliului Local s-a încheiat târziu. Primarul a spus că "bugetul pe 2023 este \
      aprobat", iar consilierii au votat în unanimitate.

      Străzile din centrul oraşului vor fi reabilitate până în toamnă - lucrările încep în \
      martie. Locuitorii îşi vor putea spune părerea la o dezbatere publică.
      """
    let bytes = try ICU.encode(Array(utf8.utf16), charset: "ISO-8859-2")
    let document = try TextReader.decode(bytes, name: "arhiva.txt")
    #expect(document.encoding == "ISO-8859-2")
    #expect(document.text == utf8)
    let expected = utf8.replacingOccurrences(of: "ş", with: "ș").replacingOccurrences(of: "ţ", with: "ț")
      .replacingOccurrences(of: "Ş", with: "Ș")
    #expect(try TextNormalizer().normalize(document).text == expected)
  }

  @Test func mojibakeSeedIsRepairedToTheSameText() throws {
    // UTF-8 read as Latin-1 (every byte one character) and saved again as UTF-8.
    let latin1 = String(decoding: try seedArticle().utf8.map { UInt16($0) }, as: UTF16.self)
    #expect(latin1.contains("Ã®"))
    let document = try TextReader.decode(Array(latin1.utf8), name: "mojibake.txt")
    #expect(document.encoding == "UTF-8")
    let result = try TextNormalizer().normalize(document)
    #expect(result.text == (try normalizedSeed()))
    #expect(result.editCounts[.mojibake] == (try seedArticle()).unicodeScalars.filter { $0.value >= 0x80 }.count)
    // The artefact's NBSP was mojibake too; it is flagged in the repaired text.
    #expect(result.flags.map(\.kind) == [.protectedEmail])
    // Every repair's original, re-encoded as Latin-1 bytes, is the UTF-8 of its replacement
    // before the cedilla fix: the runs round-trip.
    for edit in result.edits {
      let bytes = edit.original.unicodeScalars.map { UInt8($0.value) }
      let decoded = try #require(String(validating: bytes, as: UTF8.self))
      let expected = decoded.replacingOccurrences(of: "ş", with: "ș").replacingOccurrences(of: "ţ", with: "ț")
      #expect(expected == edit.replacement)
    }
  }

  @Test func windows1252MojibakeIsRepairedToo() throws {
    // UTF-8 read as Windows-1252 (ICU keeps its five unassigned bytes as C1 controls).
    let cp1252 = try ICU.decode(Array(try seedArticle().utf8), charset: "windows-1252", strict: false)
    let text = String(decoding: cp1252, as: UTF16.self)
    #expect(text.contains("È™") && text.contains("Äƒ"))
    let result = try TextNormalizer().normalize(text)
    #expect(result.text == (try normalizedSeed()))
    #expect(result.flags.filter { $0.kind == .possibleMojibake }.isEmpty)
  }

  @Test(arguments: ["UTF-16LE", "UTF-16BE"])
  func utf16WithByteOrderMarkIsRead(charset: String) throws {
    let seed = try seedArticle()
    let bom: [UInt8] = charset == "UTF-16LE" ? [0xFF, 0xFE] : [0xFE, 0xFF]
    let bytes = bom + (try ICU.encode(Array(seed.utf16), charset: charset))
    let document = try TextReader.decode(bytes, name: "utf16.txt")
    #expect(document.text == seed)
    #expect(document.encoding == charset && document.hadByteOrderMark)
    #expect(document.detection.method == .byteOrderMark)
  }

  @Test func utf8ByteOrderMarkIsNotPartOfTheText() throws {
    let document = try TextReader.decode([0xEF, 0xBB, 0xBF] + Array("Țară\r\nnouă\r\n".utf8), name: "bom.txt")
    #expect(document.text == "Țară\r\nnouă\r\n" && document.hadByteOrderMark)
    #expect(document.lineEndings.crlf == 2 && document.lineEndings.summary == "CRLF")
  }

  /// The byte scan, which skips eight bytes at a time, against a plain count on generated
  /// texts with every line ending, controls and NUL at every offset.
  @Test func byteScanAgreesWithAPlainCount() {
    let pieces: [[UInt8]] = ["a", "Știri ", "„Da”", "\n", "\r\n", "\r", "\u{85}", "\u{2028}", "\u{2029}", "–", "\u{A0}",
                             "\t", "\u{01}", "\u{1B}", "\u{0}", "\u{C2}x", "0123456789"].map { Array($0.utf8) }
    var state: UInt64 = 7
    for round in 0..<2000 {
      var bytes: [UInt8] = []
      for _ in 0..<(round % 40) {
        state = state &* 6364136223846793005 &+ 1442695040888963407
        bytes += pieces[Int(state >> 33) % pieces.count]
      }
      let scan = bytes.withUnsafeBufferPointer { ByteScan($0) }
      var expected = LineEndingCounts()
      var controls = 0
      var firstNUL: Int? = nil
      var i = 0
      while i < bytes.count {
        let b = bytes[i]
        if b == 0x0A { expected.lf += 1 }
        else if b == 0x0D {
          if i + 1 < bytes.count && bytes[i + 1] == 0x0A { expected.crlf += 1; i += 1 } else { expected.cr += 1 }
        } else if b == 0xC2 && i + 1 < bytes.count && bytes[i + 1] == 0x85 { expected.unicode += 1 }
        else if b == 0xE2 && i + 2 < bytes.count && bytes[i + 1] == 0x80 && (bytes[i + 2] == 0xA8 || bytes[i + 2] == 0xA9) {
          expected.unicode += 1
        } else if b < 0x20 && !(0x09...0x0D).contains(b) && b != 0x1B {  // ESC is text (ANSI colours)
          if b == 0 && firstNUL == nil { firstNUL = i }
          controls += 1
        }
        i += 1
      }
      #expect(scan.lineEndings == expected)
      #expect(scan.firstNUL == firstNUL)
      #expect(scan.controls == controls, "\(bytes)")
    }
  }

  @Test func lineEndingsOfEveryKindAreCountedAndKept() throws {
    let text = "unu\ndoi\r\ntrei\rpatru\u{2028}cinci\u{2029}șase\r\n"
    let document = try TextReader.decode(Array(text.utf8), name: "mixed.txt")
    #expect(document.text == text)
    #expect(document.lineEndings == {
      var c = LineEndingCounts()
      c.lf = 1; c.crlf = 2; c.cr = 1; c.unicode = 2
      return c
    }())
    #expect(document.lineEndings.isMixed)
    #expect(try TextNormalizer().normalize(document).text == text.replacingOccurrences(of: "ș", with: "ș"))
  }

  @Test func requestedEncodingOverridesDetection() throws {
    let bytes = try ICU.encode(Array("Aşa a fost să fie.".utf16), charset: "ISO-8859-2")
    let document = try TextReader.decode(bytes, name: "a.txt", encoding: "ISO-8859-2")
    #expect(document.text == "Aşa a fost să fie." && document.detection.method == .requested)
    // ISO-8859-16 is read with Tradu's own table, whether or not ICU has a converter.
    let latin10: [UInt8] = [0x41, 0xBA, 0x61, 0x20, 0xFE, 0x61, 0x72, 0xE3]  // "Așa țară"
    let read = try TextReader.decode(latin10, name: "b.txt", encoding: "ISO-8859-16")
    #expect(read.text == "Așa țară" && read.notes.isEmpty)
    #expect(throws: TraduError.self) { try TextReader.decode(bytes, name: "a.txt", encoding: "no-such-charset") }
  }

  @Test func binaryDataIsAClearError() throws {
    let png: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0x00, 0x00, 0x00, 0x0D, 0x49, 0x48, 0x44, 0x52]
    do {
      _ = try TextReader.decode(png, name: "poza.png")
      Issue.record("decoded a PNG header")
    } catch {
      #expect(error.description.hasPrefix("poza.png: byte 8: NUL byte: binary data"))
    }
    // Many control characters and no NUL: still not text.
    let controls = [UInt8](repeating: 0x01, count: 40) + Array("ceva text".utf8)
    #expect(throws: TraduError.self) { try TextReader.decode(controls, name: "c.bin") }
  }

  @Test func invalidBytesInARequestedEncodingNameTheOffset() throws {
    let bytes = Array("Text corect până aici, apoi ".utf8) + [0xFF, 0xFE] + Array(" sfârșit".utf8)
    do {
      _ = try TextReader.decode(bytes, name: "rupt.txt", encoding: "UTF-8")
      Issue.record("decoded invalid UTF-8")
    } catch {
      #expect(error.description.hasPrefix("rupt.txt: byte 30: not valid UTF-8"))
    }
    // A UTF-8 byte-order mark followed by invalid UTF-8 is not sent to charset detection.
    #expect(throws: TraduError.undecodable(
      path: "bom.txt", offset: 5, reason: "not valid UTF-8 although the file starts with a UTF-8 byte-order mark")) {
      try TextReader.decode([0xEF, 0xBB, 0xBF, 0x61, 0x62, 0xE3, 0x20], name: "bom.txt")
    }
  }

  @Test func emptyFileIsAnEmptyDocument() throws {
    let document = try TextReader.decode([], name: "gol.txt")
    #expect(document.text.isEmpty && document.lineEndings.total == 0)
    let result = try TextNormalizer().normalize(document)
    #expect(result.text.isEmpty && result.edits.isEmpty)
  }

  @Test func oversizedFileIsRefusedBeforeReading() throws {
    let url = FileManager.default.temporaryDirectory.appendingPathComponent("tradu-large-\(UUID().uuidString).txt")
    try Data(repeating: 0x61, count: 3 << 20).write(to: url)
    defer { try? FileManager.default.removeItem(at: url) }
    do {
      _ = try TextReader.read(path: url.path, sizeLimit: 1 << 20)
      Issue.record("read a file over the limit")
    } catch {
      #expect(error.description.contains("is 3 MiB; Tradu reads texts up to 1 MiB"))
    }
    #expect(try TextReader.read(path: url.path, sizeLimit: 4 << 20).text.utf8.count == 3 << 20)
  }

  @Test func filesAreReadWholeWhateverTheirSize() throws {
    // Read into one array of the file's size: every byte, in order, for sizes around the
    // reader's chunk size and the empty file.
    for size in [0, 1, 4095, (1 << 20) - 1, 1 << 20, (1 << 20) + 1, 3 << 20] {
      let url = FileManager.default.temporaryDirectory.appendingPathComponent("tradu-whole-\(UUID().uuidString).txt")
      let bytes = (0..<size).map { UInt8(truncatingIfNeeded: $0 &* 31 &+ $0 >> 8) }
      try Data(bytes).write(to: url)
      defer { try? FileManager.default.removeItem(at: url) }
      #expect(try TextReader.readBytes(path: url.path) == bytes, "size \(size)")
    }
  }

  @Test func missingFileAndDirectoryAreClearErrors() {
    #expect(throws: TraduError.unreadable(path: "nu-exista.txt", reason: "no such file")) {
      try TextReader.read(path: "nu-exista.txt")
    }
    #expect(throws: TraduError.self) { try TextReader.read(path: repositoryRoot.path) }
  }
  /// The file is opened before its status is read: a missing file (or folder), a directory and
  /// an unreadable file are named as when the path was looked at first, and a FIFO (no size)
  /// is read to its end, or refused once past the size limit.
  @Test func readBytesNamesEachFaultAndReadsAFIFOToItsEnd() throws {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("tradu-read-\(UUID().uuidString)").path
    try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(atPath: folder) }
    #expect(throws: TraduError.unreadable(path: folder + "/lipsa.txt", reason: "no such file")) {
      try TextReader.readBytes(path: folder + "/lipsa.txt")
    }
    #expect(throws: TraduError.unreadable(path: folder + "/nu/e/aici.txt", reason: "no such file")) {
      try TextReader.readBytes(path: folder + "/nu/e/aici.txt")
    }
    #expect(throws: TraduError.unreadable(path: folder, reason: "is a directory, not a text file")) {
      try TextReader.readBytes(path: folder)
    }
    if geteuid() != 0 {  // root reads any file
      let locked = folder + "/inchis.txt"
      try Data("Secret de stat.".utf8).write(to: URL(fileURLWithPath: locked))
      chmod(locked, 0)
      #expect(throws: TraduError.unreadable(path: locked, reason: "permission denied")) {
        try TextReader.readBytes(path: locked)
      }
    }
    let text = Array(String(repeating: "Ştirea zilei: Guvernul a aprobat bugetul pe 2024. ", count: 6_000).utf8)
    for (limit, whole) in [(TextReader.defaultSizeLimit, true), (100_000, false)] {
      let fifo = folder + "/teava-\(limit)"
      #expect(mkfifo(fifo, 0o600) == 0)
      let done = DispatchSemaphore(value: 0)
      let writer = Thread {
        // A reader that stops early makes the next write fail (EPIPE), not end the tests.
        var pipeSignal = sigset_t()
        sigemptyset(&pipeSignal)
        sigaddset(&pipeSignal, SIGPIPE)
        pthread_sigmask(SIG_BLOCK, &pipeSignal, nil)
        defer { done.signal() }
        let descriptor = open(fifo, O_WRONLY)
        text.withUnsafeBytes { raw in
          var offset = 0
          while offset < raw.count {
            let written = write(descriptor, raw.baseAddress! + offset, min(7_001, raw.count - offset))
            if written <= 0 { break }  // the reader stopped reading
            offset += written
          }
        }
        close(descriptor)
      }
      writer.start()
      if whole {
        #expect(try TextReader.readBytes(path: fifo, sizeLimit: limit) == text)
      } else {
        let message = errorMessage { try TextReader.readBytes(path: fifo, sizeLimit: limit) }
        #expect(message?.contains("is larger than") == true, "\(message ?? "read")")
      }
      done.wait()
    }
  }

  /// Scanning and validating in chunks side by side gives what one pass over the whole text
  /// gives, wherever the chunks are cut: texts full of CR LF, lone CR, NEL, U+2028, NUL and
  /// control bytes, multi-byte letters and (in some) invalid bytes, cut into 1 to 40 chunks.
  @Test func chunkedScanAndValidationEqualOnePass() throws {
    let pieces: [[UInt8]] = [
      Array("Știri".utf8), Array(" ".utf8), [0x0D, 0x0A], [0x0D], [0x0A], Array("\u{85}".utf8), Array("\u{2028}".utf8),
      Array("\u{2029}".utf8), [0x00], [0x01], [0x1B], Array("ăîâșț".utf8), Array("😀".utf8), Array("a".utf8),
      [0xE2, 0x80], [0xC3], [0x80], [0xF0, 0x9F, 0x98],
    ]
    var state: UInt64 = 11
    func next(_ bound: Int) -> Int {  // SplitMix64
      state &+= 0x9E37_79B9_7F4A_7C15
      var z = state
      z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
      z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
      return Int(truncatingIfNeeded: (z ^ (z >> 31)) >> 1) % bound
    }
    for round in 0..<400 {
      // Every third text valid (no invalid pieces: the last three).
      let usable = round % 3 == 0 ? pieces.count - 3 : pieces.count
      var bytes: [UInt8] = Array("x".utf8)
      for _ in 0..<next(120) { bytes += pieces[next(usable)] }
      let body = bytes[1...]  // a slice not starting at 0, as after a byte-order mark
      let whole = body.withUnsafeBufferPointer { (ByteScan($0), String(validating: $0, as: UTF8.self)) }
      for count in [1, 2, 3, 7, 40] {
        let bounds = TextReader.chunkBounds(of: body, count: count)
        #expect(bounds.first?.lowerBound == body.startIndex && bounds.last?.upperBound == body.endIndex)
        #expect(zip(bounds, bounds.dropFirst()).allSatisfy { $0.upperBound == $1.lowerBound && !$0.isEmpty })
        let chunked = TextReader.scanAndValidate(body, in: bounds)
        #expect(chunked.1 == whole.1, "round \(round), \(count) chunks")
        #expect(chunked.0.firstNUL == whole.0.firstNUL && chunked.0.controls == whole.0.controls)
        #expect(chunked.0.lineEndings == whole.0.lineEndings, "round \(round), \(count) chunks")
      }
    }
  }

  /// A file of more than 1 MB is read whole and validated on the cores (``WholeFile``): the
  /// document is what decoding its bytes gives, with and without a UTF-8 byte-order mark and
  /// for every kind of line ending; a file that is not plain valid UTF-8 is read the usual
  /// way, with the same notes and errors.
  @Test func longFileReadWholeAndValidatedInChunksIsTheDecodedFile() throws {
    var text = ""
    let seed = try seedArticle()
    while text.utf8.count < 3 << 19 { text += seed.replacingOccurrences(of: "\n", with: "\r\n") + "\r\u{2028}\u{85}\n" }
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("tradu-mapped-\(getpid())")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: folder) }
    func check(_ bytes: [UInt8], _ label: String) throws {
      let path = folder.appendingPathComponent(label + ".txt").path
      try Data(bytes).write(to: URL(fileURLWithPath: path))
      let decoded = Result { try TextReader.decode(bytes, name: path) }
      let read = Result { try TextReader.read(path: path) }
      switch (decoded, read) {
      case (.success(let a), .success(let b)):
        #expect(a.text == b.text && a.encoding == b.encoding && a.hadByteOrderMark == b.hadByteOrderMark, "\(label)")
        #expect(a.lineEndings == b.lineEndings && a.detection == b.detection && a.notes == b.notes, "\(label)")
      case (.failure(let a), .failure(let b)):
        #expect("\(a)" == "\(b)", "\(label)")
      default:
        Issue.record("\(label): decoding gave \(decoded), reading \(read)")
      }
    }
    let bytes = Array(text.utf8)
    #expect(WholeFile(path: "/nonexistent/file", sizes: 0...Int.max) == nil)
    try check(bytes, "plain")
    #expect(try TextReader.read(path: folder.appendingPathComponent("plain.txt").path).text == text)
    try check([0xEF, 0xBB, 0xBF] + bytes, "bom")
    var invalid = bytes
    invalid[invalid.count / 2] = 0xFF
    try check(invalid, "invalid")
    var nul = bytes
    nul[nul.count - 10] = 0
    try check(nul, "nul")
    try check([0xFF, 0xFE] + Array(text.prefix(600_000).utf16).flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] }, "utf16")
    let whole = try #require(WholeFile(path: folder.appendingPathComponent("plain.txt").path, sizes: 1...Int.max))
    #expect(whole.count == bytes.count && whole.withBytes(5..<9) { Array($0) } == Array(bytes[5..<9]))
    #expect(WholeFile(path: folder.appendingPathComponent("plain.txt").path, sizes: 0...1000) == nil)
  }

  /// A file of more than 1 MB, read in chunks on the cores, reads as it does in one pass.
  @Test func longFileIsDecodedAsInOnePass() throws {
    var text = ""
    let seed = try seedArticle()
    while text.utf8.count < 1 << 21 { text += seed.replacingOccurrences(of: "\n", with: "\r\n") + "\n\u{2028}" }
    let document = try TextReader.decode(Array(text.utf8), name: "long.txt")
    #expect(document.text == text)
    #expect(document.lineEndings == (Array(text.utf8)[...]).withUnsafeBufferPointer { ByteScan($0).lineEndings })
    #expect(document.lineEndings.crlf > 0 && document.lineEndings.lf > 0 && document.lineEndings.unicode > 0)
  }
}
