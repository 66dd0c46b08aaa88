import Foundation

/// Writes files atomically: into a temporary file in the same directory, then renamed over
/// the destination, so a failed run never leaves a half-written output.
public enum AtomicFile {
  /// Writes `bytes` to `path`, replacing any file there only once all bytes are on disk.
  public static func write(_ bytes: [UInt8], to path: String) throws(TraduError) {
    let file = try TemporaryFile(beside: path)
    if let failure = file.write(bytes) {
      file.discard()
      throw .unwritable(path: path, reason: failure)
    }
    try file.commit()
  }

  /// Writes to `path` what `produce` hands, in order, to the `write` function it is given,
  /// replacing any file there only once all of it is on disk. When `produce` throws (or a
  /// write fails, a ``TraduError/unwritable(path:reason:)``), any file at `path` stays as it
  /// was and the error is rethrown.
  ///
  ///     try AtomicFile.write(to: "article.xlf") { write in
  ///       try XLIFFWriter(stamp: stamp).renderUTF8(prepared, inBlocksTo: write)
  ///     }
  public static func write(to path: String, _ produce: (_ write: ([UInt8]) throws -> Void) throws -> Void) throws {
    let file = try TemporaryFile(beside: path)
    do {
      try produce { bytes in
        if let failure = file.write(bytes) { throw TraduError.unwritable(path: path, reason: failure) }
      }
    } catch {
      file.discard()
      throw error
    }
    try file.commit()
  }
}

/// A temporary file in the directory of `path`, renamed over `path` by ``commit()``.
private struct TemporaryFile {
  let path: String
  let temporary: String
  let descriptor: Int32

  init(beside path: String) throws(TraduError) {
    let url = URL(fileURLWithPath: path)
    let directory = url.deletingLastPathComponent().path
    var isDirectory: ObjCBool = false
    guard FileManager.default.fileExists(atPath: directory, isDirectory: &isDirectory), isDirectory.boolValue else {
      throw .unwritable(path: path, reason: "the directory \(directory) does not exist")
    }
    if FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), isDirectory.boolValue {
      throw .unwritable(path: path, reason: "is a directory")
    }
    var template = Array((directory + "/." + url.lastPathComponent + ".tradu-XXXXXX").utf8CString)
    let fd = template.withUnsafeMutableBufferPointer { mkstemp($0.baseAddress!) }
    guard fd >= 0 else {
      throw .unwritable(path: path, reason: String(cString: strerror(errno)))
    }
    self.path = path
    self.temporary = String(decoding: template.dropLast().map { UInt8(bitPattern: $0) }, as: UTF8.self)
    self.descriptor = fd
  }

  /// Appends `bytes`; returns what went wrong, or nil.
  func write(_ bytes: [UInt8]) -> String? {
    bytes.withUnsafeBytes { buffer in
      var offset = 0
      while offset < buffer.count {
        let written = Foundation.write(descriptor, buffer.baseAddress! + offset, buffer.count - offset)
        if written < 0 {
          if errno == EINTR { continue }
          return String(cString: strerror(errno))
        }
        offset += written
      }
      return nil
    }
  }

  /// Closes and removes the temporary file.
  func discard() {
    close(descriptor)
    unlink(temporary)
  }

  /// Flushes the file to disk, gives it the usual permissions and renames it over `path`.
  func commit() throws(TraduError) {
    var failure: String? = nil
    if fsync(descriptor) != 0 { failure = String(cString: strerror(errno)) }
    // Files are created 0600 by mkstemp; give the output the usual permissions.
    if failure == nil { fchmod(descriptor, 0o644) }
    close(descriptor)
    if failure == nil && rename(temporary, path) != 0 { failure = String(cString: strerror(errno)) }
    if let failure {
      unlink(temporary)
      throw .unwritable(path: path, reason: failure)
    }
  }
}
