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
  public static func count(atPath path: String) -> Int {
    guard let bytes = try? TextReader.readBytes(path: path) else { return 0 }
    return count(in: bytes, name: path)
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

  /// The index of the first occurrence of `pattern` in `bytes` at or after `start`: `memchr`
  /// finds each candidate first byte, many bytes at a time, and the rest is compared.
  static func firstOccurrence(of pattern: [UInt8], in bytes: [UInt8], from start: Int) -> Int? {
    guard !pattern.isEmpty, start >= 0, start + pattern.count <= bytes.count else { return nil }
    return bytes.withUnsafeBufferPointer { buffer in
      let base = buffer.baseAddress!, last = buffer.count - pattern.count
      var index = start
      while index <= last {
        guard let found = memchr(base + index, Int32(pattern[0]), last - index + 1) else { return nil }
        let at = UnsafePointer<UInt8>(found.assumingMemoryBound(to: UInt8.self)) - base
        if buffer[at..<at + pattern.count].elementsEqual(pattern) { return at }
        index = at + 1
      }
      return nil
    }
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

  /// A quick look before parsing: the file has a `<target>` or `<tuv>` element, or a JSON
  /// "target" (not a `<target_lang>` of an OmegaT project file).
  static func mentionsTargets(_ bytes: [UInt8]) -> Bool {
    contains(bytes, "<target", followedByTagEnd: true) || contains(bytes, "\"target\"")
      || contains(bytes, "<tuv", followedByTagEnd: true)
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
