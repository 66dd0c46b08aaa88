import Foundation

/// Reads a text file (or standard input) into a ``SourceDocument``.
public enum TextReader {
  /// Reads the bytes at `path` (`-` for standard input), with a clear error for a missing
  /// file, a directory or an unreadable one.
  public static func readBytes(path: String) throws(TraduError) -> [UInt8] {
    if path == "-" {
      return [UInt8](FileHandle.standardInput.readDataToEndOfFile())
    }
    var isDirectory: ObjCBool = false
    guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
      throw .unreadable(path: path, reason: "no such file")
    }
    if isDirectory.boolValue {
      throw .unreadable(path: path, reason: "is a directory, not a text file")
    }
    guard let handle = FileHandle(forReadingAtPath: path) else {
      throw .unreadable(path: path, reason: "permission denied")
    }
    defer { try? handle.close() }
    do {
      return [UInt8](try handle.readToEnd() ?? Data())
    } catch {
      throw .unreadable(path: path, reason: error.localizedDescription)
    }
  }

  /// Reads and decodes the text at `path` (`-` for standard input).
  public static func read(path: String, language: String = "ro") throws(TraduError) -> SourceDocument {
    let bytes = try readBytes(path: path)
    return try decode(bytes, name: path, language: language)
  }

  /// Decodes UTF-8 (with or without byte-order mark) or UTF-16 with a byte-order mark.
  public static func decode(_ bytes: [UInt8], name: String, language: String = "ro") throws(TraduError) -> SourceDocument {
    if bytes.starts(with: [0xFF, 0xFE]) || bytes.starts(with: [0xFE, 0xFF]) {
      let little = bytes[0] == 0xFF
      guard bytes.count % 2 == 0 else {
        throw .undecodable(path: name, offset: bytes.count - 1, reason: "UTF-16 text with an odd number of bytes (truncated file?)")
      }
      var units: [UInt16] = []
      units.reserveCapacity(bytes.count / 2 - 1)
      var i = 2
      while i + 1 < bytes.count {
        units.append(little ? UInt16(bytes[i]) | UInt16(bytes[i + 1]) << 8 : UInt16(bytes[i]) << 8 | UInt16(bytes[i + 1]))
        i += 2
      }
      return SourceDocument(name: name, language: language, text: String(decoding: units, as: UTF16.self),
                            encoding: little ? "UTF-16LE" : "UTF-16BE", hadByteOrderMark: true)
    }
    let bom = bytes.starts(with: [0xEF, 0xBB, 0xBF])
    let body = bom ? bytes[3...] : bytes[...]
    if let offset = firstInvalidUTF8(body) {
      throw .undecodable(path: name, offset: offset + (bom ? 3 : 0), reason: "not valid UTF-8")
    }
    if let nul = body.firstIndex(of: 0) {
      throw .undecodable(path: name, offset: nul, reason: "contains NUL bytes: binary data, not text")
    }
    return SourceDocument(name: name, language: language, text: String(decoding: body, as: UTF8.self),
                          encoding: "UTF-8", hadByteOrderMark: bom)
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
