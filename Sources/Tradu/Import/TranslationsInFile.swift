import Foundation

/// Tells whether a file holds translations: before an output replaces it, work a translator
/// did must not be lost.
public enum TranslationsInFile {
  /// The number of segments in `bytes` with a translation (a target that is neither empty nor
  /// a copy of its source), read as XLIFF (1.2 or 2.x), TMX, Tradu JSON or JSONL; 0 for a file
  /// that is none of these or holds no such target.
  ///
  /// A file that mentions targets but does not parse (a hand-edited XLIFF with a broken tag)
  /// counts as holding one, since its work cannot be ruled out.
  public static func count(in bytes: [UInt8], name: String) -> Int {
    guard mentionsTargets(bytes) else { return 0 }
    if firstSignificantByte(bytes) == UInt8(ascii: "{"), jsonTargetsAreAllEmpty(bytes) { return 0 }
    do {
      return try translated(parse(bytes, name: name))
    } catch {
      return 1
    }
  }

  /// The same for the regular file at `path`; 0 when it cannot be read.
  ///
  /// The file is first looked through a chunk at a time (``mentionsTargets(atPath:chunkSize:)``):
  /// an output that mentions no target, as every untranslated XLIFF 2 file Tradu writes, is
  /// ruled out without holding the whole file in memory (53 MB for a 20 MB article).
  public static func count(atPath path: String) -> Int {
    if mentionsTargets(atPath: path) == false { return 0 }
    // A JSON or JSONL output Tradu wrote mentions `"target": null` in every segment: also
    // ruled out a chunk at a time, so that the whole file is read only when it may hold work.
    if jsonTargetsAreAllEmpty(atPath: path) == true { return 0 }
    guard let bytes = try? TextReader.readBytes(path: path) else { return 0 }
    return count(in: bytes, name: path)
  }

  /// ``jsonTargetsAreAllEmpty(_:)`` of a JSON or JSONL file (its first significant byte `{`),
  /// read `chunkSize` bytes at a time; nil when the file is not one, cannot be read, or has a
  /// key whose value the chunks cut too far away to be told (then the whole file decides).
  static func jsonTargetsAreAllEmpty(atPath path: String, chunkSize: Int = 1 << 20) -> Bool? {
    // A key and its value are told within the last `overlap` bytes of a chunk at the latest;
    // a key found there is looked at again at the start of the next chunk.
    let overlap = 64
    var first = true
    let answer = readChunks(atPath: path, chunkSize: chunkSize, overlap: overlap) { chunk, endsFile -> ChunkVerdict<Bool?> in
      if first {
        // A first chunk of nothing but white space: the whole file decides.
        guard let byte = chunk.first(where: { !isSpaceOrByteOrderMark($0) }) else { return .answer(nil) }
        guard byte == UInt8(ascii: "{") else { return .answer(nil) }
        first = false
      }
      // Keys that start before `limit` are decided here; the rest wait for the next chunk.
      let limit = endsFile ? chunk.count : chunk.count - overlap
      let verdict = emptyTargets(in: chunk, startingBefore: limit, endsFile: endsFile)
      guard verdict == true else { return .answer(verdict) }
      return endsFile ? .answer(true) : .readOn
    }
    return answer ?? nil
  }

  /// What one chunk told ``readChunks(atPath:chunkSize:overlap:_:)``: read the next one, or
  /// stop with an answer.
  private enum ChunkVerdict<Answer> {
    case readOn
    case answer(Answer)
  }

  /// Reads the file at `path` `chunkSize` bytes at a time into one buffer and shows `look` each
  /// chunk, after the last `overlap` bytes of the chunk before, and whether the file ends there,
  /// until `look` answers. Nil when the file cannot be opened or read, or ends unanswered.
  private static func readChunks<Answer>(
    atPath path: String, chunkSize: Int, overlap: Int,
    _ look: (_ chunk: UnsafeBufferPointer<UInt8>, _ endsFile: Bool) -> ChunkVerdict<Answer>
  ) -> Answer? {
    let descriptor = open(path, O_RDONLY | O_CLOEXEC)
    guard descriptor >= 0 else { return nil }
    defer { close(descriptor) }
    // No larger than the file (and a little more, to see its end): a megabyte zeroed for each
    // of a batch's few-kilobyte outputs cost more than reading them.
    var status = stat()
    let fileSize = fstat(descriptor, &status) == 0 && status.st_mode & S_IFMT == S_IFREG ? Int(status.st_size) : chunkSize
    var buffer = [UInt8](repeating: 0, count: overlap + max(min(chunkSize, fileSize + 4096), 1))
    var kept = 0
    while true {
      let count = buffer.withUnsafeMutableBytes { read(descriptor, $0.baseAddress! + kept, $0.count - kept) }
      if count < 0 {
        if errno == EINTR { continue }
        return nil
      }
      let filled = kept + count
      let verdict = buffer.withUnsafeBufferPointer { look(UnsafeBufferPointer(rebasing: $0[..<filled]), count == 0) }
      if case .answer(let answer) = verdict { return answer }
      if count == 0 { return nil }
      kept = min(overlap, filled)
      buffer.withUnsafeMutableBufferPointer { $0.baseAddress!.update(from: $0.baseAddress! + filled - kept, count: kept) }
    }
  }

  /// Whether every `"target"` key of `buffer` that starts before `limit` has the value `null`
  /// or `""` (true), or one has another (false); nil when a key's value is not within
  /// `buffer` and the file goes on.
  private static func emptyTargets(in buffer: UnsafeBufferPointer<UInt8>, startingBefore limit: Int, endsFile: Bool) -> Bool? {
    let key = Array("\"target\"".utf8)
    var undecided = false
    let found = firstPair(in: buffer, from: 0, firsts: (key[0], key[0]), second: key[1]) { at in
      guard at < limit else { return true }  // stop: the next chunk looks at it
      guard at + key.count <= buffer.count, buffer[at..<at + key.count].elementsEqual(key) else { return false }
      var next = at + key.count
      while next < buffer.count, [0x20, 0x09, 0x0A, 0x0D].contains(buffer[next]) { next += 1 }
      guard next < buffer.count else {
        undecided = !endsFile
        return !endsFile
      }
      guard buffer[next] == UInt8(ascii: ":") else { return false }  // not a key
      next += 1
      while next < buffer.count, [0x20, 0x09, 0x0A, 0x0D].contains(buffer[next]) { next += 1 }
      for literal in ["null", "\"\""] {
        let pattern = Array(literal.utf8)
        if next + pattern.count <= buffer.count && buffer[next..<next + pattern.count].elementsEqual(pattern) { return false }
      }
      if next + 4 > buffer.count && !endsFile {
        undecided = true
        return true
      }
      return true  // another value: a translation may be there
    }
    if undecided { return nil }
    guard let found else { return true }
    return found >= limit
  }

  /// White space or a byte of a UTF-8 byte order mark (what ``firstSignificantByte(_:)`` passes).
  private static func isSpaceOrByteOrderMark(_ byte: UInt8) -> Bool {
    Character(Unicode.Scalar(byte)).isWhitespace || byte == 0xEF || byte == 0xBB || byte == 0xBF
  }

  /// Whether the file at `path` mentions targets (see ``mentionsTargets(_:)``), read
  /// `chunkSize` bytes at a time into one buffer; nil when it cannot be read.
  static func mentionsTargets(atPath path: String, chunkSize: Int = 1 << 20) -> Bool? {
    // The last bytes of a chunk are looked at again at the start of the next one: a mention
    // is at most 8 bytes long (`"target"`, or `<target` and the byte after it).
    readChunks(atPath: path, chunkSize: chunkSize, overlap: 8) { chunk, endsFile in
      if mentionsTargets(in: chunk, endsFile: endsFile) { return .answer(true) }
      return endsFile ? .answer(false) : .readOn
    }
  }

  private static func translated(_ document: BilingualDocument) throws(TraduError) -> Int {
    try document.translatableSegments().reduce(0) { count, unit in
      guard let target = unit.target, !target.allSatisfy(\.isWhitespace), target != unit.source else { return count }
      return count + 1
    }
  }

  /// The first byte that is neither white space nor part of a UTF-8 byte order mark.
  private static func firstSignificantByte(_ bytes: [UInt8]) -> UInt8? {
    bytes.first { !(Character(Unicode.Scalar($0)).isWhitespace) && $0 != 0xEF && $0 != 0xBB && $0 != 0xBF }
  }

  /// True when every `"target"` key of a JSON or JSONL file has the value `null` or `""`, as in
  /// a file Tradu prepared and nobody translated yet: such a file needs no parse.
  ///
  /// In JSON an unescaped `"` always delimits a string, and a string followed by `:` is a key,
  /// so every `"target"` key is among the places this looks at; the bytes `"target"` in any
  /// other role (a value, the end of a longer string) are not followed by a colon and are
  /// passed over. Any other value sends the file to the full parse.
  static func jsonTargetsAreAllEmpty(_ bytes: [UInt8]) -> Bool {
    let key = Array("\"target\"".utf8)
    func skipSpace(_ index: inout Int) {
      while index < bytes.count, [0x20, 0x09, 0x0A, 0x0D].contains(bytes[index]) { index += 1 }
    }
    func hasPrefix(_ literal: String, at index: Int) -> Bool {
      let pattern = literal.utf8
      return index + pattern.count <= bytes.count && bytes[index..<index + pattern.count].elementsEqual(pattern)
    }
    var index = 0
    while let found = firstOccurrence(of: key, in: bytes, from: index) {
      index = found + 1
      var next = found + key.count
      skipSpace(&next)
      guard next < bytes.count, bytes[next] == UInt8(ascii: ":") else { continue }
      next += 1
      skipSpace(&next)
      guard hasPrefix("null", at: next) || hasPrefix("\"\"", at: next) else { return false }
      index = next
    }
    return true
  }

  /// The index of the first occurrence of `pattern` in `bytes` at or after `start`: the places
  /// where the pattern's first two bytes stand side by side are found eight bytes at a time
  /// (``firstPair(in:from:firsts:second:where:)``), and only there is the rest compared, so a
  /// first byte that is everywhere (`"` in JSON, `<` in XML) costs no stop at each occurrence.
  static func firstOccurrence(of pattern: [UInt8], in bytes: [UInt8], from start: Int) -> Int? {
    guard !pattern.isEmpty, start >= 0, start + pattern.count <= bytes.count else { return nil }
    return bytes.withUnsafeBufferPointer { buffer in
      let base = buffer.baseAddress!, last = buffer.count - pattern.count
      guard pattern.count > 1 else {
        return memchr(base + start, Int32(pattern[0]), buffer.count - start).map {
          UnsafePointer<UInt8>($0.assumingMemoryBound(to: UInt8.self)) - base
        }
      }
      return pattern.withUnsafeBufferPointer { pattern in
        firstPair(in: buffer, from: start, firsts: (pattern[0], pattern[0]), second: pattern[1]) { at in
          at <= last && memcmp(base + at + 2, pattern.baseAddress! + 2, pattern.count - 2) == 0
        }
      }
    }
  }

  /// The first index `i` at or after `start` where `buffer[i]` is one of `firsts`,
  /// `buffer[i + 1]` is `second` and `accept(i)` holds; nil when there is none.
  ///
  /// Eight places are tested at once: two overlapping 64-bit loads (at `i` and `i + 1`), each
  /// compared with the wanted bytes in every lane (``zeroLanes(_:)``), and the lanes where
  /// both hold are handed to `accept` in order; the last few bytes one at a time.
  static func firstPair(in buffer: UnsafeBufferPointer<UInt8>, from start: Int, firsts: (UInt8, UInt8), second: UInt8,
                        where accept: (Int) -> Bool) -> Int? {
    guard let base = buffer.baseAddress, start >= 0 else { return nil }
    let ones: UInt64 = 0x0101_0101_0101_0101
    let firstA = UInt64(firsts.0) &* ones, firstB = UInt64(firsts.1) &* ones, next = UInt64(second) &* ones
    var index = start
    let raw = UnsafeRawPointer(base)
    while index + 9 <= buffer.count {
      let here = UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: index, as: UInt64.self))
      let after = UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: index + 1, as: UInt64.self))
      var lanes = (zeroLanes(here ^ firstA) | zeroLanes(here ^ firstB)) & zeroLanes(after ^ next)
      while lanes != 0 {
        let at = index + lanes.trailingZeroBitCount / 8
        if accept(at) { return at }
        lanes &= lanes - 1
      }
      index += 8
    }
    while index + 1 < buffer.count {
      if (buffer[index] == firsts.0 || buffer[index] == firsts.1) && buffer[index + 1] == second && accept(index) {
        return index
      }
      index += 1
    }
    return nil
  }

  /// The high bit of each byte lane of `word` set where that lane is zero, every other bit
  /// clear (exact in every lane: no borrow runs from one lane into the next).
  @inline(__always)
  static func zeroLanes(_ word: UInt64) -> UInt64 {
    let low7: UInt64 = 0x7F7F_7F7F_7F7F_7F7F
    return ~(((word & low7) &+ low7) | word | low7)
  }

  private static func parse(_ bytes: [UInt8], name: String) throws(TraduError) -> BilingualDocument {
    let text = { String(decoding: bytes, as: UTF8.self) }
    switch firstSignificantByte(bytes) {
    case UInt8(ascii: "<"):
      if contains(bytes, "<tmx") { return try TMXReader.read(Data(bytes), path: name) }
      return try BilingualReader.xliff(XLIFFReader.parse(bytes, name: name), name: name)
    case UInt8(ascii: "{"):
      do {
        return try TraduJSONReader.parse(bytes, name: name)
      } catch {
        return try BilingualReader.jsonl(text(), name: name)
      }
    default:
      return BilingualDocument(name: name, segments: [])
    }
  }

  /// A quick look before parsing: the file has a `<target` or `<tuv` element, or a JSON
  /// "target" (not a `<target_lang>` of an OmegaT project file).
  static func mentionsTargets(_ bytes: [UInt8]) -> Bool {
    bytes.withUnsafeBufferPointer { mentionsTargets(in: $0, endsFile: true) }
  }

  /// Whether `buffer` mentions targets as ``mentionsTargets(_:)`` tells them: one pass finds
  /// all three kinds (each starts with `<t` or `"t`). When the file goes on after `buffer`
  /// (`endsFile` false), a mention that its last bytes cut short is not counted.
  static func mentionsTargets(in buffer: UnsafeBufferPointer<UInt8>, endsFile: Bool) -> Bool {
    let tagName = Array("target".utf8), json = Array("target\"".utf8), tuv = Array("tuv".utf8)
    /// Whether `literal` stands at `at`; with `endingTag`, followed by the end of the file or
    /// a byte that ends an element name (white space, `>` or `/`).
    func has(_ literal: [UInt8], at: Int, endingTag: Bool) -> Bool {
      let end = at + literal.count
      guard end <= buffer.count, buffer[at..<end].elementsEqual(literal) else { return false }
      guard endingTag else { return true }
      guard end < buffer.count else { return endsFile }
      return [0x20, 0x09, 0x0A, 0x0D, 0x3E, 0x2F].contains(buffer[end])
    }
    return firstPair(in: buffer, from: 0, firsts: (UInt8(ascii: "<"), UInt8(ascii: "\"")), second: UInt8(ascii: "t")) { at in
      buffer[at] == UInt8(ascii: "<")
        ? has(tagName, at: at + 1, endingTag: true) || has(tuv, at: at + 1, endingTag: true)
        : has(json, at: at + 1, endingTag: false)
    } != nil
  }

  /// Whether `needle` occurs in `bytes`; with `followedByTagEnd`, only where the next byte ends
  /// an element name (white space, `>` or `/`).
  private static func contains(_ bytes: [UInt8], _ needle: String, followedByTagEnd: Bool = false) -> Bool {
    let pattern = Array(needle.utf8)
    var index = 0
    while let found = firstOccurrence(of: pattern, in: bytes, from: index) {
      let next = found + pattern.count
      if !followedByTagEnd || next == bytes.count || [0x20, 0x09, 0x0A, 0x0D, 0x3E, 0x2F].contains(bytes[next]) {
        return true
      }
      index = found + 1
    }
    return false
  }
}
