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
    guard let file = ReadableFile(path: path, sizes: sizes) else { return nil }
    let memory = UnsafeMutableRawPointer.allocate(byteCount: max(file.size, 1), alignment: 64)
    guard let done = file.read(into: UnsafeMutableRawBufferPointer(start: memory, count: file.size), at: 0) else {
      memory.deallocate()
      return nil
    }
    base = memory
    count = done  // less than the size when the file shrank while it was read
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

/// A regular file open for reading at any offset (`pread`), from any thread: the pieces of a
/// long text are read side by side straight into their own strings (see
/// ``TextReader/readValidUTF8PiecesInPlace(path:language:bounds:)``). The descriptor is closed
/// when the object goes.
///
/// `Sendable`: its properties never change, and `pread` takes its offset with each call, so
/// threads reading at once do not disturb each other.
final class ReadableFile: Sendable {
  private let descriptor: Int32
  /// The file's size when it was opened.
  let size: Int

  /// Opens the file at `path` when it is a regular file whose size is in `sizes`; nil
  /// otherwise, or when it cannot be opened.
  init?(path: String, sizes: ClosedRange<Int>) {
    let descriptor = open(path, O_RDONLY | O_CLOEXEC)
    guard descriptor >= 0 else { return nil }
    var status = stat()
    guard fstat(descriptor, &status) == 0, status.st_mode & S_IFMT == S_IFREG, sizes.contains(Int(status.st_size)) else {
      close(descriptor)
      return nil
    }
    self.descriptor = descriptor
    size = Int(status.st_size)
  }

  deinit {
    close(descriptor)
  }

  /// Reads the bytes from `offset` into `buffer` until it is full or the file ends; returns
  /// how many were read, or nil when reading failed.
  func read(into buffer: UnsafeMutableRawBufferPointer, at offset: Int) -> Int? {
    guard let start = buffer.baseAddress else { return 0 }
    var done = 0
    while done < buffer.count {
      let got = pread(descriptor, start + done, buffer.count - done, off_t(offset + done))
      if got > 0 {
        done += got
      } else if got == 0 {
        break  // the end of the file
      } else if errno != EINTR {
        return nil
      }
    }
    return done
  }
}

/// The bytes `offset..<offset + count` of a file, read a window of 16 KB at a time as they are
/// asked for: ``Preparer``'s piece bounds of a text found without the whole text in memory,
/// by reading a few KB around each cut. A read that fails or comes short (the file shrank)
/// sets ``failed`` and gives zeros.
struct FileWindow: PieceBoundsBytes {
  private let file: ReadableFile
  private let offset: Int
  let count: Int
  private var window: [UInt8]
  /// Where the window starts (relative to `offset`) and how many of its bytes were read.
  private var start = 0
  private var filled = 0
  /// Whether a read failed or came short.
  private(set) var failed = false

  static let windowSize = 1 << 14

  init(_ file: ReadableFile, offset: Int, count: Int) {
    self.file = file
    self.offset = offset
    self.count = count
    window = [UInt8](repeating: 0, count: Self.windowSize)
  }

  mutating func byte(at index: Int) -> UInt8 {
    if index < start || index >= start + filled { refill(at: index) }
    return failed ? 0 : window[index - start]
  }

  private mutating func refill(at index: Int) {
    start = index
    let wanted = min(Self.windowSize, count - index)
    let got = window.withUnsafeMutableBytes { file.read(into: UnsafeMutableRawBufferPointer(rebasing: $0[..<wanted]), at: offset + index) }
    filled = got ?? 0
    if filled < wanted || filled == 0 { failed = true }
  }
}

/// The UTF-8 bytes of a text, one at a time, for ``Preparer/pieceBounds(of:length:)``: in
/// memory, or read from a file as they are asked for (``FileWindow``).
protocol PieceBoundsBytes {
  /// How many bytes the text has.
  var count: Int { get }
  /// The byte at `index` (`0..<count`).
  mutating func byte(at index: Int) -> UInt8
}

extension UnsafeBufferPointer<UInt8>: PieceBoundsBytes {
  @inline(__always) mutating func byte(at index: Int) -> UInt8 { self[index] }
}
