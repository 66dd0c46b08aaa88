#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A regular file read whole into memory this object owns, so that a long text can be
/// validated in chunks on every core without first becoming a Swift array.
///
/// The file is read with `pread`, not mapped: a mapped file that another process truncates
/// while it is read kills the reader with SIGBUS, while a read simply returns the bytes that
/// were there. A file that shrinks during the read keeps what was read (`count` says how
/// much); one that grows keeps its length when it was opened.
///
/// `@unchecked Sendable`: the memory is written only by the initializer and read-only
/// afterwards, so any thread may read it while a reference is held.
final class WholeFile: @unchecked Sendable {
  private let base: UnsafeMutableRawPointer
  /// The number of bytes read.
  let count: Int

  /// Reads the file at `path` when it is a regular file whose size is in `sizes`; nil
  /// otherwise, or when it cannot be opened or read (the caller reads it the usual way,
  /// which reports why).
  init?(path: String, sizes: ClosedRange<Int>) {
    let descriptor = open(path, O_RDONLY | O_CLOEXEC)
    guard descriptor >= 0 else { return nil }
    defer { close(descriptor) }
    var status = stat()
    guard fstat(descriptor, &status) == 0, status.st_mode & S_IFMT == S_IFREG, sizes.contains(Int(status.st_size)) else {
      return nil
    }
    let size = Int(status.st_size)
    let memory = UnsafeMutableRawPointer.allocate(byteCount: max(size, 1), alignment: 64)
    var done = 0
    while done < size {
      let got = pread(descriptor, memory + done, size - done, off_t(done))
      if got > 0 {
        done += got
      } else if got == 0 {
        break  // the file shrank while it was read
      } else if errno != EINTR {
        memory.deallocate()
        return nil
      }
    }
    base = memory
    count = done
  }

  deinit {
    base.deallocate()
  }

  /// Calls `body` with the bytes of `range` (offsets into the file).
  func withBytes<T>(_ range: Range<Int>, _ body: (UnsafeBufferPointer<UInt8>) throws -> T) rethrows -> T {
    precondition(range.lowerBound >= 0 && range.upperBound <= count, "WholeFile: range out of the file")
    let start = UnsafePointer(base.assumingMemoryBound(to: UInt8.self)) + range.lowerBound
    return try body(UnsafeBufferPointer(start: start, count: range.count))
  }
}
