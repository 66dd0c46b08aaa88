import Foundation

/// Reads a text file (or standard input) into a ``SourceDocument``, whatever its encoding.
///
/// In order: a byte-order mark (UTF-8, UTF-16 LE/BE, UTF-32 LE/BE) decides; else valid UTF-8
/// is UTF-8; else UTF-8 with a few invalid sequences (at most 16, or one per 1,000 bytes, and
/// fewer than its valid multi-byte characters) stays UTF-8, each invalid sequence read as
/// U+FFFD and named by its byte offset in ``SourceDocument/notes`` (an error with
/// `strictEncoding`); else ISO-8859-16 when its tell-tale bytes appear (``Latin10``); else
/// ICU's charset detector guesses (Romanian legacy text is ISO-8859-2 or windows-1250), and
/// the guess and its confidence go into the notes. An explicit encoding overrides all of
/// that. Binary data, undecodable bytes and oversized files are errors that name the file and
/// the byte offset.
///
/// The text is returned as it is in the file: repairs (cedillas, mojibake, invisible
/// characters) are ``TextNormalizer``'s job, which records each one.
public enum TextReader {
  /// The largest input read by default: 128 MiB, far above any article, low enough that
  /// decoding and normalizing it stays within a few times its size in memory.
  public static let defaultSizeLimit = 128 << 20

  /// Reads the bytes at `path` (`-` for standard input), with a clear error for a missing
  /// file, a directory, an unreadable one or one larger than `sizeLimit` bytes.
  public static func readBytes(path: String, sizeLimit: Int = defaultSizeLimit) throws(TraduError) -> [UInt8] {
    if path == "-" {
      return try readLimited(FileHandle.standardInput, name: path, sizeLimit: sizeLimit)
    }
    // Opened first, then its status read from the descriptor: one path look-up, and the
    // status is that of the file read (FileManager's attributes would also look up the
    // owner's and group's names; FileHandle's reads stat the file again).
    let descriptor = open(path, O_RDONLY | O_CLOEXEC)
    guard descriptor >= 0 else {
      // The message the path's status gives: missing (or not reachable) or not readable.
      var status = stat()
      throw .unreadable(path: path, reason: stat(path, &status) == 0 ? "permission denied" : "no such file")
    }
    defer { close(descriptor) }
    var status = stat()
    guard fstat(descriptor, &status) == 0 else {
      throw .unreadable(path: path, reason: String(cString: strerror(errno)))
    }
    if status.st_mode & S_IFMT == S_IFDIR {
      throw .unreadable(path: path, reason: "is a directory, not a text file")
    }
    let size: Int? = status.st_mode & S_IFMT == S_IFREG ? Int(status.st_size) : nil
    if let size, size > sizeLimit {
      throw tooLarge(path, size: size, limit: sizeLimit)
    }
    // A file of known size: read into one array of that size, without chunks to join; a file
    // that grew meanwhile, a pipe or a device: (the rest) to its end in chunks.
    var bytes = try readSized(descriptor, name: path, size: size ?? 0)
    if size == nil || bytes.count == size {
      bytes += try readToEnd(descriptor, name: path, sizeLimit: sizeLimit - bytes.count)
      if bytes.count > sizeLimit { throw tooLarge(path, size: nil, limit: sizeLimit) }
    }
    return bytes
  }

  /// Reads up to `size` bytes of `descriptor` into one array (fewer when the file ends sooner).
  private static func readSized(_ descriptor: Int32, name: String, size: Int) throws(TraduError) -> [UInt8] {
    guard size > 0 else { return [] }
    var failure: Int32 = 0
    let bytes = [UInt8](unsafeUninitializedCapacity: size) { buffer, count in
      count = 0
      while count < size {
        let n = Foundation.read(descriptor, buffer.baseAddress! + count, size - count)
        if n < 0 && errno == EINTR { continue }
        if n < 0 { failure = errno }
        if n <= 0 { break }
        count += n
      }
    }
    if failure != 0 { throw .unreadable(path: name, reason: String(cString: strerror(failure))) }
    return bytes
  }

  /// Reads `descriptor` to its end in chunks, stopping once more than `sizeLimit` bytes came
  /// (the caller then reports the file as too large).
  private static func readToEnd(_ descriptor: Int32, name: String, sizeLimit: Int) throws(TraduError) -> [UInt8] {
    var bytes: [UInt8] = []
    var chunk = [UInt8](repeating: 0, count: 4096)
    while bytes.count <= sizeLimit {
      let n = chunk.withUnsafeMutableBytes { Foundation.read(descriptor, $0.baseAddress!, $0.count) }
      if n < 0 && errno == EINTR { continue }
      if n < 0 { throw .unreadable(path: name, reason: String(cString: strerror(errno))) }
      if n == 0 { break }
      bytes.append(contentsOf: chunk[..<n])
      if n == chunk.count && chunk.count < 1 << 20 { chunk = [UInt8](repeating: 0, count: chunk.count * 4) }
    }
    return bytes
  }

  /// Reads `handle` to its end in chunks, stopping with an error past `sizeLimit` bytes (a pipe
  /// or a growing file has no size to check up front).
  private static func readLimited(_ handle: FileHandle, name: String, sizeLimit: Int) throws(TraduError) -> [UInt8] {
    var bytes: [UInt8] = []
    while true {
      let chunk: Data?
      do {
        chunk = try handle.read(upToCount: 1 << 20)
      } catch {
        throw .unreadable(path: name, reason: error.localizedDescription)
      }
      guard let chunk, !chunk.isEmpty else { return bytes }
      bytes.append(contentsOf: chunk)
      if bytes.count > sizeLimit { throw tooLarge(name, size: nil, limit: sizeLimit) }
    }
  }

  private static func tooLarge(_ name: String, size: Int?, limit: Int) -> TraduError {
    let what = size.map { "is \($0 >> 20) MiB" } ?? "is larger than \(limit >> 20) MiB"
    return .unreadable(
      path: name, reason: "\(what); Tradu reads texts up to \(limit >> 20) MiB: split the file into articles")
  }

  /// Reads and decodes the text at `path` (`-` for standard input).
  ///
  /// - Parameters:
  ///   - encoding: an ICU charset name (e.g. `windows-1250`) that overrides detection.
  ///   - strictEncoding: an invalid UTF-8 sequence is an error, not a U+FFFD.
  public static func read(
    path: String, language: String = "ro", encoding: String? = nil, strictEncoding: Bool = false,
    sizeLimit: Int = defaultSizeLimit
  ) throws(TraduError) -> SourceDocument {
    if path != "-", encoding == nil, sizeLimit >= chunkedMinimum,
       let file = WholeFile(path: path, sizes: chunkedMinimum...min(sizeLimit, defaultSizeLimit)),
       let document = decodeValidUTF8(file, name: path, language: language) {
      return document
    }
    let bytes = try readBytes(path: path, sizeLimit: sizeLimit)
    return try decode(bytes, name: path, language: language, encoding: encoding, strictEncoding: strictEncoding)
  }

  /// The smallest file ``read(path:language:encoding:strictEncoding:sizeLimit:)`` reads into
  /// its own memory to validate on the cores (smaller ones are read and validated in one piece).
  static let chunkedMinimum = 1 << 20

  /// The text of `file` when it is valid UTF-8 text (with or without a UTF-8 byte-order mark),
  /// scanned and validated in chunks on the cores straight from that memory; nil for anything
  /// else (another byte-order mark, invalid UTF-8, a NUL, binary data), which the caller then
  /// reads and decodes the usual way, with the usual notes and errors.
  static func decodeValidUTF8(_ file: WholeFile, name: String, language: String) -> SourceDocument? {
    let head = file.withBytes(0..<min(4, file.count)) { Array($0) }
    if byteOrderMark(of: head) != nil { return nil }
    let bom = head.starts(with: [0xEF, 0xBB, 0xBF])
    let body = (bom ? 3 : 0)..<file.count
    let bounds = file.withBytes(body) { bytes in
      chunkBounds(of: bytes, count: 2 * Cores.count).map { $0.shifted(by: body.lowerBound) }
    }
    let (scan, validated) = scanAndValidate(chunks: bounds) { range in
      file.withBytes(range) { (ByteScan($0), String(validating: $0, as: UTF8.self)) }
    }
    guard scan.firstNUL == nil, let text = validated, !(scan.controls >= 16 && scan.controls * 20 > body.count) else {
      return nil
    }
    return SourceDocument(
      name: name, language: language, text: text, encoding: "UTF-8", hadByteOrderMark: bom,
      detection: EncodingDetection(method: .validUTF8), lineEndings: scan.lineEndings)
  }

  /// The file at `path` read as ``read(path:language:encoding:strictEncoding:sizeLimit:)``
  /// reads it, when it is plain valid UTF-8 text of 1 MB to 128 MiB (with or without a UTF-8
  /// byte-order mark), but as pieces: `bounds` cuts the text's bytes (after the byte-order
  /// mark) into consecutive ranges, each ending just after an ASCII byte other than CR (such as
  /// ``Preparer``'s pieces, which end after a line feed), and each range is scanned and
  /// validated on the cores straight from the bytes read into its own string. So the text is
  /// copied once, and never held whole; the document's own text is empty.
  ///
  /// `whole`, when given, runs over all the file's bytes (byte-order mark included) on one
  /// core beside the pieces' validation, while the bytes are in memory (e.g. to hash them):
  /// its result is returned with the pieces.
  ///
  /// Nil for anything else (another byte-order mark, invalid UTF-8, a NUL, binary data, a
  /// smaller file, not a regular file), which the caller reads the usual way, with the usual
  /// notes and errors.
  static func readValidUTF8Pieces(path: String, language: String,
                                  bounds: (UnsafeBufferPointer<UInt8>) -> [Range<Int>],
                                  whole: (@Sendable (UnsafeBufferPointer<UInt8>) -> String)? = nil)
    -> (document: SourceDocument, pieces: [String], whole: String?)? {
    guard path != "-", let file = WholeFile(path: path, sizes: chunkedMinimum...defaultSizeLimit) else { return nil }
    let head = file.withBytes(0..<min(4, file.count)) { Array($0) }
    if byteOrderMark(of: head) != nil { return nil }
    let bom = head.starts(with: [0xEF, 0xBB, 0xBF])
    let body = (bom ? 3 : 0)..<file.count
    let ranges = file.withBytes(body) { bounds($0) }.map { $0.shifted(by: body.lowerBound) }
    guard ranges.first?.lowerBound == body.lowerBound, ranges.last?.upperBound == body.upperBound,
          zip(ranges, ranges.dropFirst()).allSatisfy({ $0.upperBound == $1.lowerBound }) else {
      preconditionFailure("TextReader.readValidUTF8Pieces: the bounds do not cover the text in order")
    }
    // Job 0 is `whole` (the longest job, so it goes first), the others the pieces.
    let first = whole == nil ? 0 : 1
    var read = parallelMap(ranges.count + first) { i -> (ByteScan, String?) in
      guard i >= first else { return (ByteScan(), file.withBytes(0..<file.count) { whole!($0) }) }
      return file.withBytes(ranges[i - first]) { (ByteScan($0), String(validating: $0, as: UTF8.self)) }
    }
    let wholeResult = first == 1 ? read.removeFirst().1 : nil
    guard let (document, pieces) = plainText(read, ranges: ranges, body: body, bom: bom, path: path, language: language) else {
      return nil
    }
    return (document, pieces, wholeResult)
  }

  /// The document of pieces read at `ranges` of the file at `path` (its text `body`, after a
  /// UTF-8 byte-order mark when `bom`), each scanned and validated (nil when it is not valid),
  /// and the pieces' texts; nil when the text is not plain: a piece is not valid, or the
  /// scans add up to a NUL or to binary data.
  private static func plainText<Piece>(_ read: [(ByteScan, Piece?)], ranges: [Range<Int>], body: Range<Int>, bom: Bool,
                                       path: String, language: String) -> (SourceDocument, [Piece])? {
    var scan = ByteScan()
    for (i, piece) in read.enumerated() {
      scan.add(piece.0, at: ranges[i].lowerBound - body.lowerBound)
    }
    guard scan.firstNUL == nil, !(scan.controls >= 16 && scan.controls * 20 > body.count),
          !read.contains(where: { $0.1 == nil }) else {
      return nil
    }
    let document = SourceDocument(
      name: path, language: language, text: "", encoding: "UTF-8", hadByteOrderMark: bom,
      detection: EncodingDetection(method: .validUTF8), lineEndings: scan.lineEndings)
    return (document, read.map { $0.1! })
  }

  /// What ``readValidUTF8Pieces(path:language:bounds:whole:)`` gives when no job needs the
  /// whole file, without ever holding it whole: `bounds` finds the pieces through a
  /// ``FileWindow`` (a few KB read around each cut), then each piece is read on the cores
  /// straight into its own string's memory (`pread`) and scanned and validated there. No
  /// buffer of the whole file is filled first, faulted in and copied from, and the reading
  /// itself is split between the cores.
  ///
  /// A piece that is not valid UTF-8 comes back from the string's initializer with U+FFFD
  /// where the bad bytes were, so a piece holding U+FFFD sends the file the usual way (nil),
  /// also when the character is really in the file (that way decodes it just the same). So
  /// does a read that fails or comes short, as when the file changes while it is read.
  static func readValidUTF8PiecesInPlace(path: String, language: String, bounds: (inout FileWindow) -> [Range<Int>])
    -> (document: SourceDocument, pieces: [String])? {
    readValidUTF8PiecesInPlace(path: path, language: language, bounds: bounds, then: { $0 })
  }

  /// ``readValidUTF8PiecesInPlace(path:language:bounds:)`` with each piece's text handed to
  /// `then` on the core that read it, while the text is in that core's cache (a preparer
  /// counts and normalizes it there): the pieces are what `then` makes of them. `then` runs
  /// only on valid text, but its work is lost when the file turns out not plain (nil).
  static func readValidUTF8PiecesInPlace<Piece: Sendable>(
    path: String, language: String, bounds: (inout FileWindow) -> [Range<Int>], then: @Sendable (String) -> Piece
  ) -> (document: SourceDocument, pieces: [Piece])? {
    guard path != "-", let file = ReadableFile(path: path, sizes: chunkedMinimum...defaultSizeLimit) else { return nil }
    var head = [UInt8](repeating: 0, count: 4)
    guard let headCount = head.withUnsafeMutableBytes({ file.read(into: $0, at: 0) }), headCount == min(4, file.size) else {
      return nil
    }
    head.removeLast(4 - headCount)
    if byteOrderMark(of: head) != nil { return nil }
    let bom = head.starts(with: [0xEF, 0xBB, 0xBF])
    let body = (bom ? 3 : 0)..<file.size
    var window = FileWindow(file, offset: body.lowerBound, count: body.count)
    let ranges = bounds(&window).map { $0.shifted(by: body.lowerBound) }
    guard !window.failed else { return nil }
    guard ranges.first?.lowerBound == body.lowerBound, ranges.last?.upperBound == body.upperBound,
          zip(ranges, ranges.dropFirst()).allSatisfy({ $0.upperBound == $1.lowerBound }) else {
      preconditionFailure("TextReader.readValidUTF8PiecesInPlace: the bounds do not cover the text in order")
    }
    let read = parallelMap(ranges.count) { i -> (ByteScan, Piece?) in
      var scan = ByteScan()
      var complete = false
      let range = ranges[i]
      let text = String(unsafeUninitializedCapacity: range.count) { buffer -> Int in
        let got = file.read(into: UnsafeMutableRawBufferPointer(UnsafeMutableBufferPointer(rebasing: buffer[..<range.count])),
                            at: range.lowerBound) ?? 0
        complete = got == range.count
        scan = ByteScan(UnsafeBufferPointer(rebasing: buffer[..<got]))
        return got
      }
      guard complete, !containsReplacementCharacter(text) else { return (scan, nil) }
      return (scan, then(text))
    }
    return plainText(read, ranges: ranges, body: body, bom: bom, path: path, language: language)
  }

  /// Whether `text` holds U+FFFD (the bytes EF BF BD), found with `memchr`.
  static func containsReplacementCharacter(_ text: String) -> Bool {
    var text = text
    return text.withUTF8 { bytes -> Bool in
      guard let base = bytes.baseAddress, bytes.count >= 3 else { return false }
      var p = UnsafeRawPointer(base)
      let end = UnsafeRawPointer(base + bytes.count)
      while let found = memchr(p, 0xEF, end - p) {
        let at = found.assumingMemoryBound(to: UInt8.self)
        if UnsafeRawPointer(at) + 3 <= end && at[1] == 0xBF && at[2] == 0xBD { return true }
        p = UnsafeRawPointer(at) + 1
      }
      return false
    }
  }

  /// Decodes `bytes`: byte-order mark, else UTF-8 (with a few invalid sequences replaced),
  /// else ISO-8859-16's tell-tales, else ICU's charset detection; or `encoding` when given.
  ///
  /// - Throws: ``TraduError/undecodable(path:offset:reason:)``, also for `bytes` larger than
  ///   ``defaultSizeLimit`` (read such files in parts) and, with `strictEncoding`, for any
  ///   invalid UTF-8 sequence.
  public static func decode(
    _ bytes: [UInt8], name: String, language: String = "ro", encoding: String? = nil, strictEncoding: Bool = false
  ) throws(TraduError) -> SourceDocument {
    if bytes.count > defaultSizeLimit { throw tooLarge(name, size: bytes.count, limit: defaultSizeLimit) }
    if let encoding {
      return try decode(bytes, name: name, language: language, requested: encoding)
    }
    if let (charset, bomLength) = byteOrderMark(of: bytes) {
      let units = try decodeWithICU(bytes, from: bomLength, charset: charset, name: name)
      let text = String(decoding: units, as: UTF16.self)
      try rejectBinary(units, name: name, encoding: charset)
      return SourceDocument(
        name: name, language: language, text: text, encoding: charset, hadByteOrderMark: true,
        detection: EncodingDetection(method: .byteOrderMark))
    }
    let bom = bytes.starts(with: [0xEF, 0xBB, 0xBF])
    let body = bom ? bytes[3...] : bytes[...]
    // The scan and the UTF-8 validation, in chunks on the cores for long texts.
    let (scan, validated) = scanAndValidate(body)
    if let nul = scan.firstNUL {
      throw .undecodable(
        path: name, offset: nul + (bom ? 3 : 0),
        reason: "NUL byte: binary data, not text (UTF-16 without a byte-order mark? then pass --encoding UTF-16LE or UTF-16BE)")
    }
    if let text = validated {
      if scan.controls >= 16 && scan.controls * 20 > body.count {
        throw .undecodable(path: name, offset: nil, reason: "\(scan.controls) control bytes in \(body.count): binary data, not text")
      }
      return SourceDocument(
        name: name, language: language, text: text, encoding: "UTF-8", hadByteOrderMark: bom,
        detection: EncodingDetection(method: .validUTF8), lineEndings: scan.lineEndings)
    }
    let damage = body.withUnsafeBufferPointer { InvalidUTF8($0) }
    let start = bom ? 3 : 0
    if damage.isOccasional(in: body.count) {
      if strictEncoding {
        throw .undecodable(
          path: name, offset: damage.offsets[0] + start,
          reason: "invalid UTF-8 (\(damage.count) sequence\(damage.count == 1 ? "" : "s") in otherwise valid UTF-8); "
            + "fix the bytes, or drop --strict-encoding to read each as U+FFFD")
      }
      if scan.controls >= 16 && scan.controls * 20 > body.count {
        throw .undecodable(path: name, offset: nil, reason: "\(scan.controls) control bytes in \(body.count): binary data, not text")
      }
      let shown = damage.offsets.prefix(16).map { String($0 + start) }.joined(separator: ", ")
      let note = "\(damage.count) invalid UTF-8 sequence\(damage.count == 1 ? "" : "s") read as U+FFFD, at byte "
        + shown + (damage.count > 16 ? ", …" : "") + "; the rest is valid UTF-8 (--strict-encoding makes this an error)"
      return SourceDocument(
        name: name, language: language, text: String(decoding: body, as: UTF8.self), encoding: "UTF-8",
        hadByteOrderMark: bom, detection: EncodingDetection(method: .repairedUTF8),
        lineEndings: scan.lineEndings, notes: [note], replacedByteOffsets: damage.offsets.map { $0 + start })
    }
    if bom {
      throw .undecodable(path: name, offset: damage.offsets[0] + 3,
                         reason: "not valid UTF-8 although the file starts with a UTF-8 byte-order mark")
    }
    return try detectAndDecode(bytes, name: name, language: language)
  }

  /// `bytes` scanned (``ByteScan``) and validated as UTF-8: the text, or nil when it is not
  /// valid UTF-8.
  ///
  /// A text of 1 MB or more is cut into chunks, scanned and validated side by side on the
  /// cores, and the chunks' texts joined (a copy, without validating again). Each chunk ends
  /// just after an ASCII byte other than CR (``chunkBounds(of:count:)``), where no character,
  /// CR LF or other line ending can continue: so the text is valid exactly when every chunk
  /// is, and the chunks' scans add up to the whole text's.
  static func scanAndValidate(_ bytes: ArraySlice<UInt8>) -> (ByteScan, String?) {
    scanAndValidate(bytes, in: bytes.count >= 1 << 20 ? chunkBounds(of: bytes, count: 2 * Cores.count) : [bytes.indices])
  }

  /// `bytes` scanned and validated in the chunks `bounds` (from ``chunkBounds(of:count:)``)
  /// side by side.
  static func scanAndValidate(_ bytes: ArraySlice<UInt8>, in bounds: [Range<Int>]) -> (ByteScan, String?) {
    guard bounds.count > 1 else {
      return bytes.withUnsafeBufferPointer { (ByteScan($0), String(validating: $0, as: UTF8.self)) }
    }
    return scanAndValidate(chunks: bounds) { range in
      bytes[range].withUnsafeBufferPointer { (ByteScan($0), String(validating: $0, as: UTF8.self)) }
    }
  }

  /// The chunks `bounds` (consecutive, from ``chunkBounds(of:count:)``) scanned and validated
  /// side by side by `chunk`, their scans added up and their texts joined (a copy, without
  /// validating again); the text is nil when a chunk is not valid UTF-8.
  static func scanAndValidate(chunks bounds: [Range<Int>], _ chunk: @Sendable (Range<Int>) -> (ByteScan, String?))
    -> (ByteScan, String?) {
    let chunks = parallelMap(bounds.count) { chunk(bounds[$0]) }
    var scan = ByteScan()
    for (i, chunk) in chunks.enumerated() {
      scan.add(chunk.0, at: bounds[i].lowerBound - (bounds.first?.lowerBound ?? 0))
    }
    guard !chunks.contains(where: { $0.1 == nil }) else { return (scan, nil) }
    if chunks.count == 1 { return (scan, chunks[0].1) }
    var text = ""
    text.reserveCapacity(bounds.reduce(0) { $0 + $1.count })
    for chunk in chunks { text += chunk.1! }
    return (scan, text)
  }

  /// About `count` ranges of `bytes`' indices, in order and covering them, each ending just
  /// after an ASCII byte other than CR (or at the end); fewer when there is no such byte.
  static func chunkBounds<Bytes: RandomAccessCollection<UInt8>>(of bytes: Bytes, count: Int) -> [Range<Int>]
  where Bytes.Index == Int {
    let step = max(bytes.count / max(count, 1), 1)
    var bounds: [Range<Int>] = []
    var start = bytes.startIndex
    while start < bytes.endIndex {
      var end = min(start + step, bytes.endIndex)
      while end < bytes.endIndex && (bytes[end - 1] >= 0x80 || bytes[end - 1] == 0x0D) { end += 1 }
      bounds.append(start..<end)
      start = end
    }
    return bounds.isEmpty ? [bytes.startIndex..<bytes.endIndex] : bounds
  }

  /// The charset named by a byte-order mark at the start of `bytes`, and the mark's length.
  static func byteOrderMark(of bytes: [UInt8]) -> (String, Int)? {
    if bytes.starts(with: [0xFF, 0xFE, 0x00, 0x00]) { return ("UTF-32LE", 4) }
    if bytes.starts(with: [0x00, 0x00, 0xFE, 0xFF]) { return ("UTF-32BE", 4) }
    if bytes.starts(with: [0xFF, 0xFE]) { return ("UTF-16LE", 2) }
    if bytes.starts(with: [0xFE, 0xFF]) { return ("UTF-16BE", 2) }
    return nil
  }

  /// True when Tradu can read and write `charset`: an ICU converter, or ISO-8859-16 (``Latin10``).
  public static func isKnownEncoding(_ charset: String) -> Bool {
    Latin10.isName(charset) || ICU.charsetExists(charset)
  }

  private static func decode(
    _ bytes: [UInt8], name: String, language: String, requested: String
  ) throws(TraduError) -> SourceDocument {
    var charset = requested
    if Latin10.isName(charset) {
      let units = Latin10.decode(bytes)
      try rejectBinary(units, name: name, encoding: Latin10.name)
      return SourceDocument(
        name: name, language: language, text: String(decoding: units, as: UTF16.self), encoding: Latin10.name,
        detection: EncodingDetection(method: .requested))
    }
    if !ICU.charsetExists(charset) {
      throw .undecodable(
        path: name, offset: nil,
        reason: "unknown encoding '\(requested)'; name an ICU charset such as UTF-8, windows-1250, ISO-8859-2 or ISO-8859-16")
    }
    var start = 0
    var hadBOM = false
    let upper = charset.uppercased().replacingOccurrences(of: "_", with: "-")
    if upper.hasPrefix("UTF-8") || upper == "UTF8", bytes.starts(with: [0xEF, 0xBB, 0xBF]) {
      start = 3
      hadBOM = true
    } else if upper.hasPrefix("UTF-16") || upper.hasPrefix("UTF-32"), let (bomCharset, length) = byteOrderMark(of: bytes) {
      // A requested UTF-16 with a mark: the mark says which byte order.
      charset = bomCharset
      start = length
      hadBOM = true
    }
    let units = try decodeWithICU(bytes, from: start, charset: charset, name: name)
    try rejectBinary(units, name: name, encoding: charset)
    return SourceDocument(
      name: name, language: language, text: String(decoding: units, as: UTF16.self), encoding: charset,
      hadByteOrderMark: hadBOM, detection: EncodingDetection(method: .requested))
  }

  /// How many bytes ICU's detector looks at: its verdict settles long before this.
  static let detectionSampleSize = 64 << 10

  private static func detectAndDecode(_ bytes: [UInt8], name: String, language: String) throws(TraduError) -> SourceDocument {
    // The first invalid UTF-8 byte is where the legacy text shows; sample around it too.
    let firstBad = firstInvalidUTF8(bytes[...]) ?? 0
    var sample = Array(bytes.prefix(detectionSampleSize / 2))
    if firstBad > detectionSampleSize / 2 {
      let from = max(detectionSampleSize / 2, firstBad - detectionSampleSize / 4)
      sample += bytes[from..<min(bytes.count, from + detectionSampleSize / 2)]
    }
    let guess: ICU.CharsetGuess?
    do {
      guess = try ICU.detectCharset(sample)
    } catch {
      throw .icu(error)
    }
    let advice = "pass --encoding NAME (e.g. windows-1250 or ISO-8859-2)"
    // ICU cannot detect ISO-8859-16 and calls it ISO-8859-2 or windows-1250, losing „…” and €.
    let latinGuess = guess.map { ["ISO-8859", "WINDOWS-125"].contains(where: $0.name.uppercased().hasPrefix) } ?? true
    if latinGuess && Latin10.hasTellTales(bytes) {
      let units = Latin10.decode(bytes)
      try rejectBinary(units, name: name, encoding: Latin10.name)
      let icu = guess.map { "; ICU guessed \($0.name), confidence \($0.confidence)/100" } ?? ""
      return SourceDocument(
        name: name, language: language, text: String(decoding: units, as: UTF16.self), encoding: Latin10.name,
        detection: EncodingDetection(method: .latin10TellTales, confidence: guess?.confidence ?? 0),
        notes: ["not UTF-8: read as ISO-8859-16, whose „…” (0xA5…0xB5) or € (0xA4) it has\(icu); "
                + "if letters look wrong, pass --encoding NAME"])
    }
    guard let guess, !guess.name.uppercased().hasPrefix("UTF"), ICU.charsetExists(guess.name) else {
      throw .undecodable(path: name, offset: firstBad, reason: "not valid UTF-8 and the charset cannot be detected; \(advice)")
    }
    if guess.confidence < 10 {
      throw .undecodable(
        path: name, offset: firstBad,
        reason: "not valid UTF-8; ICU's best guess, \(guess.name), has confidence \(guess.confidence)/100 only: binary data? If it is text, \(advice)")
    }
    let units = try decodeWithICU(bytes, from: 0, charset: guess.name, name: name, detected: true)
    try rejectBinary(units, name: name, encoding: guess.name)
    return SourceDocument(
      name: name, language: language, text: String(decoding: units, as: UTF16.self), encoding: guess.name,
      detection: EncodingDetection(
        method: .detected, confidence: guess.confidence, language: guess.language.isEmpty ? nil : guess.language),
      notes: ["not UTF-8: read as \(guess.name), ICU's guess with confidence \(guess.confidence)/100"
              + (guess.language.isEmpty ? "" : " (language \(guess.language))")
              + "; if letters look wrong, pass --encoding NAME (e.g. windows-1250, ISO-8859-2, ISO-8859-16)"])
  }

  /// Decodes `bytes[start...]` with ICU, strictly: an illegal sequence is an error naming its
  /// byte offset in the file.
  private static func decodeWithICU(
    _ bytes: [UInt8], from start: Int, charset: String, name: String, detected: Bool = false
  ) throws(TraduError) -> [UInt16] {
    do {
      return try ICU.decode(start == 0 ? bytes : Array(bytes[start...]), charset: charset, strict: true)
    } catch {
      let how = detected ? " (detected)" : ""
      throw .undecodable(
        path: name, offset: error.offset.map { $0 + start },
        reason: "not valid \(charset)\(how): binary data or another encoding; pass --encoding NAME if you know it")
    }
  }

  /// Control characters that text files do not contain: C0 controls other than tab, line feed,
  /// vertical tab, form feed, carriage return and escape.
  @inline(__always)
  static func isBinaryControl(_ u: UInt32) -> Bool {
    u < 0x20 && !(u >= 0x09 && u <= 0x0D) && u != 0x1B
  }

  /// Rejects decoded text that holds NULs or many control characters (at least 16, and more
  /// than one character in 20): binary data, not text. A few stray controls are text.
  private static func rejectBinary(_ units: [UInt16], name: String, encoding: String) throws(TraduError) {
    var controls = 0
    for (i, u) in units.enumerated() where isBinaryControl(UInt32(u)) {
      if u == 0 {
        throw .undecodable(path: name, offset: nil, reason: "NUL character at character \(i) of the \(encoding) text: binary data, not text")
      }
      controls += 1
    }
    if controls >= 16 && controls * 20 > units.count {
      throw .undecodable(path: name, offset: nil, reason: "\(controls) control characters in \(units.count): binary data, not text")
    }
  }

  /// The offset (relative to the slice start) of the first byte that is not valid UTF-8.
  static func firstInvalidUTF8(_ bytes: ArraySlice<UInt8>) -> Int? {
    var iterator = bytes.makeIterator()
    var decoder = UTF8()
    var consumed = 0
    var position = 0
    while true {
      switch decoder.decode(&iterator) {
      case .scalarValue(let s):
        consumed += UTF8.width(s)
        position = consumed
      case .emptyInput:
        return nil
      case .error:
        return position
      }
    }
  }
}

extension LineEndingCounts {
  /// Counts the line endings of `text` in one pass over its UTF-8.
  public init(counting text: String) {
    var text = text
    self = text.withUTF8 { ByteScan($0).lineEndings }
  }
}

/// What one pass over UTF-8 bytes finds: the first NUL, the control bytes that text files do
/// not contain, and the line endings.
struct ByteScan {
  var firstNUL: Int?
  var controls = 0
  var lineEndings = LineEndingCounts()

  /// A scan of nothing, to ``add(_:at:)`` chunks' scans to.
  init() {}

  /// Adds the scan of the chunk that follows the bytes scanned so far and starts `offset`
  /// bytes into the text.
  mutating func add(_ chunk: ByteScan, at offset: Int) {
    if firstNUL == nil, let nul = chunk.firstNUL { firstNUL = nul + offset }
    controls += chunk.controls
    lineEndings.lf += chunk.lineEndings.lf
    lineEndings.crlf += chunk.lineEndings.crlf
    lineEndings.cr += chunk.lineEndings.cr
    lineEndings.unicode += chunk.lineEndings.unicode
  }

  /// Scans `bytes` sixteen a step, in C (see ``TextScan/scanBytes(_:)``).
  init(_ bytes: UnsafeBufferPointer<UInt8>) {
    let scan = TextScan.scanBytes(bytes)
    firstNUL = scan.first_nul < 0 ? nil : scan.first_nul
    controls = scan.controls
    lineEndings.lf = scan.lf
    lineEndings.crlf = scan.crlf
    lineEndings.cr = scan.cr
    lineEndings.unicode = scan.unicode
  }
}

/// The invalid sequences of UTF-8 bytes (each maximal invalid subpart, as Unicode's U+FFFD
/// substitution counts them) and the valid multi-byte characters around them.
struct InvalidUTF8 {
  /// The byte offsets of the first 17 invalid sequences.
  var offsets: [Int] = []
  /// How many invalid sequences there are.
  var count = 0
  /// How many valid characters of two to four bytes there are.
  var multibyte = 0

  init(_ bytes: UnsafeBufferPointer<UInt8>) {
    let n = bytes.count
    var i = 0
    while i < n {
      let b = bytes[i]
      if b < 0x80 {
        i += 1
        continue
      }
      // The sequence's length and the range of its second byte (Unicode table 3-7).
      var need = 0
      var low: UInt8 = 0x80, high: UInt8 = 0xBF
      switch b {
      case 0xC2...0xDF: need = 1
      case 0xE0: need = 2; low = 0xA0
      case 0xE1...0xEC, 0xEE...0xEF: need = 2
      case 0xED: need = 2; high = 0x9F
      case 0xF0: need = 3; low = 0x90
      case 0xF1...0xF3: need = 3
      case 0xF4: need = 3; high = 0x8F
      default: need = 0
      }
      var j = i + 1
      var valid = need > 0
      for k in 0..<need {
        guard j < n, bytes[j] >= (k == 0 ? low : 0x80), bytes[j] <= (k == 0 ? high : 0xBF) else {
          valid = false
          break
        }
        j += 1
      }
      if valid {
        multibyte += 1
      } else {
        if offsets.count <= 16 { offsets.append(i) }
        count += 1
      }
      i = j
    }
  }

  /// True when the invalid sequences are stray bytes in UTF-8 text: at most 16, or one per
  /// 1,000 bytes, and fewer than the valid multi-byte characters (legacy 8-bit text has
  /// almost none of those).
  func isOccasional(in byteCount: Int) -> Bool {
    count > 0 && count < multibyte && (count <= 16 || count * 1000 <= byteCount)
  }
}
