import Foundation

/// Writes files atomically: into a temporary file in the same directory, then renamed over
/// the destination, so a failed run never leaves a half-written output.
public enum AtomicFile {
  /// Writes `bytes` to `path`, replacing any file there only once all bytes are on disk.
  public static func write(_ bytes: [UInt8], to path: String) throws(TraduError) {
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
    let temporary = String(decoding: template.dropLast().map { UInt8(bitPattern: $0) }, as: UTF8.self)
    var failure: String? = nil
    bytes.withUnsafeBytes { buffer in
      var offset = 0
      while offset < buffer.count {
        let written = Foundation.write(fd, buffer.baseAddress! + offset, buffer.count - offset)
        if written < 0 {
          if errno == EINTR { continue }
          failure = String(cString: strerror(errno))
          return
        }
        offset += written
      }
    }
    if failure == nil && fsync(fd) != 0 { failure = String(cString: strerror(errno)) }
    // Files are created 0600 by mkstemp; give the output the usual permissions.
    if failure == nil { fchmod(fd, 0o644) }
    close(fd)
    if failure == nil && rename(temporary, path) != 0 { failure = String(cString: strerror(errno)) }
    if let failure {
      unlink(temporary)
      throw .unwritable(path: path, reason: failure)
    }
  }
}
