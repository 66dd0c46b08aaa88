import CMemory
import Foundation
import Synchronization

/// How the process manages freed memory, chosen from the size of its input.
enum MemoryPolicy {
  /// Inputs up to this size keep freed memory for reuse.
  static let reuseLimit = 32 << 20
  /// The largest freed block kept in the heap.
  static let keptBlock = 64 << 20

  /// glibc's own threshold: freed blocks of 128 KB or more go back to the kernel.
  static let glibcDefaultBlock = 128 << 10

  /// Keeps freed blocks of up to 64 MB in the heap when the input at `path` is a file of at
  /// most 32 MB (see CMemory.h): reused memory is not faulted in again, which saves about a
  /// third of the page faults and half of the system time of `tradu prepare` on 20 MB. Larger
  /// files get glibc's default of 128 KB, held fixed: there the peak of memory matters more (a
  /// 100 MB article peaked at 6.03 × its size with 64 MB kept), and left to itself glibc raises
  /// its threshold to the size of each large block freed, up to 32 MB, so that once the
  /// reader's chunks (25 MB each for 100 MB) were freed, the pieces' arrays stayed in the heap
  /// and the article without blank lines peaked at 6.1 × instead of 5.9 ×. Standard input and
  /// folders keep glibc's defaults. Returns whether freed memory is now kept beyond 128 KB.
  @discardableResult
  static func adapt(toInput path: String) -> Bool {
    guard path != "-" else { return false }
    var status = stat()
    guard stat(path, &status) == 0, status.st_mode & S_IFMT == S_IFREG else { return false }
    guard Int(status.st_size) <= reuseLimit else {
      tradu_keep_freed_memory(glibcDefaultBlock)
      return false
    }
    return tradu_keep_freed_memory(keptBlock) == 1
  }
}

/// What a command holds when its output is written, kept until the process exits instead of
/// freed (see ``MemoryPolicy/keepUntilExit(_:)``).
private let keptUntilExit = Mutex<[any Sendable]>([])

extension MemoryPolicy {
  /// Keeps `value` alive until the process exits, when the kernel takes back all its memory
  /// at once: freeing a prepared document string by string takes one core about 4 M
  /// instructions a MB of text (86 M for 20 MB) after the output is written. Only for what a
  /// command holds at its very end.
  static func keepUntilExit(_ value: some Sendable) {
    keptUntilExit.withLock { $0.append(value) }
  }
}
