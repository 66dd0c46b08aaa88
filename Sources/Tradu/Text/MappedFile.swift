#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A regular file mapped into memory read-only, its pages mapped up front where the system
/// can (`MAP_POPULATE`), and unmapped when the last reference goes: a long text validated
/// straight from the page cache on every core, without first being copied into an array on
/// one core.
///
/// `@unchecked Sendable`: the mapping is private and read-only, never written by this
/// process, so any thread may read it while a reference is held. (A file truncated by
/// another process while mapped makes reading past its new end fault, as with any
/// memory-mapped reader; Tradu maps only files it is about to read once, whole.)
final class MappedFile: @unchecked Sendable {
  private let base: UnsafeRawPointer
  /// The file's length in bytes.
  let count: Int

  /// Maps the file at `path` when it is a regular file whose size is in `sizes`; nil
  /// otherwise, or when it cannot be opened or mapped (the caller reads it the usual way,
  /// which reports why).
  init?(path: String, sizes: ClosedRange<Int>) {
    let descriptor = open(path, O_RDONLY | O_CLOEXEC)
    guard descriptor >= 0 else { return nil }
    defer { close(descriptor) }
    var status = stat()
    guard fstat(descriptor, &status) == 0, status.st_mode & S_IFMT == S_IFREG, sizes.contains(Int(status.st_size)) else {
      return nil
    }
    count = Int(status.st_size)
    #if os(Linux)
    let flags = MAP_PRIVATE | MAP_POPULATE
    #else
    let flags = MAP_PRIVATE
    #endif
    guard let mapped = mmap(nil, count, PROT_READ, flags, descriptor, 0), mapped != MAP_FAILED else { return nil }
    base = UnsafeRawPointer(mapped)
    _ = madvise(UnsafeMutableRawPointer(mutating: base), count, MADV_SEQUENTIAL)
  }

  deinit {
    munmap(UnsafeMutableRawPointer(mutating: base), count)
  }

  /// Calls `body` with the bytes of `range` (offsets into the file).
  func withBytes<T>(_ range: Range<Int>, _ body: (UnsafeBufferPointer<UInt8>) throws -> T) rethrows -> T {
    precondition(range.lowerBound >= 0 && range.upperBound <= count, "MappedFile: range out of the file")
    let start = base.assumingMemoryBound(to: UInt8.self) + range.lowerBound
    return try body(UnsafeBufferPointer(start: start, count: range.count))
  }
}
