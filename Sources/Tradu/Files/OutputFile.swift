import CFileCleanup
import Foundation
import Synchronization

/// One output of a command, checked before the command does its work and then written whole
/// or not at all. Every command that writes a file goes through this type.
///
/// What it guarantees:
/// - **Not an input.** An output that is one of the inputs (the same device and inode, also
///   through `./`, a symbolic link or a hard link; `-` means standard input) is refused with
///   ``TraduError/refusedOutput(path:reason:)``, unless the command's job is to rewrite that
///   file (`rewritingInput`): then the new version replaces it and the old one is kept as
///   `FILE~`.
/// - **Not a translator's work.** A file that holds translations (XLIFF, TMX, Tradu JSON or
///   JSONL with targets, see ``TranslationsInFile``) is only replaced with
///   `replacingTranslations`, and then kept as `FILE~`.
/// - **Whole or nothing.** A regular file is written to a temporary file beside it
///   (`.NAME.tradu-PID-XXXXXX.tmp`), flushed to disk and renamed over it; a failure, or
///   SIGINT, SIGTERM or SIGHUP, removes the temporary file and leaves the old file as it was.
///   Temporary files of this naming whose process is gone are removed by the process's first
///   write in the same folder (only the user's own).
/// - **Many at once.** ``stage(_:)`` writes an output to its temporary file only;
///   ``commit(_:)`` then makes many staged outputs durable together (one `syncfs` of a local
///   file system known to flush completely, else their flushes issued at the same time), renames
///   each and flushes each of their folders once. Each output is still the old file or the
///   whole new one.
/// - **The file stays what it was.** A replaced file keeps its mode, owner and group; a
///   symbolic link stays a link (the file it points to is replaced); a FIFO, a device node or
///   a socket is written in place, never replaced by a regular file.
///
/// `-` is standard output.
///
///     let output = try OutputFile("article.xlf", reading: ["article.txt"])  // before the work
///     let prepared = try preparer.prepare(bytes: bytes, name: "article.txt")
///     try output.write { write in try XLIFFWriter(stamp: stamp).renderUTF8(prepared, inBlocksTo: write) }
public struct OutputFile: Sendable {
  /// The path as given (`-` for standard output).
  public let path: String
  /// The paths the command reads (`-` for standard input).
  public let inputs: [String]
  /// The command's job is to rewrite one of its inputs; the old version is kept as `FILE~`.
  public let rewritesInput: Bool
  /// A file that holds translations may be replaced; it is kept as `FILE~`.
  public let replacesTranslations: Bool

  /// Checks that `path` may be written by a command reading `inputs`.
  ///
  /// - Parameters:
  ///   - path: Where to write; `-` for standard output.
  ///   - inputs: Every file the command reads (articles, translations, glossaries, rules).
  ///   - rewritingInput: The command rewrites one of `inputs` (an update of a translated file).
  ///   - replacingTranslations: Replace a file that holds translations (keeping it as `FILE~`).
  ///   - checkingNow: Check now, before the command's work, as well as when the output is
  ///     written. A batch that has just made the folder and prepares a few kilobytes passes
  ///     false: the checks then run once, when the output is staged, rather than twice on the
  ///     same paths a moment apart.
  /// - Throws: ``TraduError/refusedOutput(path:reason:)`` for an output that is an input or
  ///   holds translations; ``TraduError/unwritable(path:reason:)`` for a missing folder, a
  ///   directory or a symbolic link loop.
  public init(_ path: String, reading inputs: [String] = [], rewritingInput: Bool = false,
              replacingTranslations: Bool = false, checkingNow: Bool = true) throws(TraduError) {
    self.path = path
    self.inputs = inputs
    self.rewritesInput = rewritingInput
    self.replacesTranslations = replacingTranslations
    if path != "-" && checkingNow { _ = try destination(checkingFolder: true) }
  }

  /// True when writing goes to standard output.
  public var isStandardOutput: Bool { path == "-" }

  /// Where the old version of a replaced file is kept (the file a symbolic link points to,
  /// with `~` appended).
  public var backupPath: String? {
    guard !isStandardOutput, let target = try? Self.resolve(path) else { return nil }
    return target.path + "~"
  }

  /// Writes `bytes`, replacing the file only once all of them are on disk.
  public func write(_ bytes: [UInt8]) throws(TraduError) {
    try stage(bytes).commit()
  }

  /// Writes `bytes` to the temporary file only; the file itself changes when the result is
  /// committed (see ``StagedOutput``).
  public func stage(_ bytes: [UInt8]) throws(TraduError) -> StagedOutput {
    let sink = try open()
    if let failure = sink.write(bytes) {
      sink.discard()
      throw .unwritable(path: path, reason: failure)
    }
    return StagedOutput(path: path, sink: sink)
  }

  /// Writes what `produce` hands, in order, to the `write` function it is given. When
  /// `produce` throws (or a write fails, a ``TraduError/unwritable(path:reason:)``), a file
  /// already there stays as it was and the error is rethrown.
  ///
  /// Once a megabyte or more is written and not yet on its way to disk, the kernel is asked to
  /// start writing it (Linux `sync_file_range`), so that the flush before the rename
  /// waits for the last blocks only, not for the whole file.
  public func write(_ produce: (_ write: ([UInt8]) throws -> Void) throws -> Void) throws {
    try stage(produce).commit()
  }

  /// Writes what `produce` hands, as ``write(_:)-(((([UInt8])->Void))->Void)`` does, to the
  /// temporary file only; the file itself changes when the result is committed (see
  /// ``StagedOutput``).
  public func stage(_ produce: (_ write: ([UInt8]) throws -> Void) throws -> Void) throws -> StagedOutput {
    let sink = try open()
    var written = 0
    var sent = 0
    // Pieces bound for a temporary file (the head, the blocks and the tail of an article's
    // output) are kept, not copied, until `gatheredWrite` bytes wait, and written with one
    // `writev`: one system call for a short output rather than one a piece. (Standard output
    // and a FIFO get each piece as it comes.)
    var gathers = false
    if case .temporary = sink { gathers = true }
    var waiting: [[UInt8]] = []
    var waitingBytes = 0
    func send(_ pieces: [[UInt8]], bytes: Int) throws {
      if let failure = sink.write(pieces) { throw TraduError.unwritable(path: path, reason: failure) }
      written += bytes
      if written - sent >= Self.writebackStep {
        sink.startWriteback(sent..<written)
        sent = written
      }
    }
    do {
      try produce { bytes in
        guard gathers else { return try send([bytes], bytes: bytes.count) }
        waiting.append(bytes)
        waitingBytes += bytes.count
        if waitingBytes >= Self.gatheredWrite || waiting.count == Self.gatheredPieces {
          try send(waiting, bytes: waitingBytes)
          waiting.removeAll(keepingCapacity: true)
          waitingBytes = 0
        }
      }
      if !waiting.isEmpty { try send(waiting, bytes: waitingBytes) }
    } catch {
      sink.discard()
      throw error
    }
    return StagedOutput(path: path, sink: sink)
  }

  /// Puts `staged` outputs in place together: makes their temporary files durable at once
  /// (see ``flush(_:)``), renames each over its file, and flushes each folder once.
  ///
  /// Returns the error of each output, in order (nil when it is in place). A failed output
  /// leaves its file as it was and its temporary file removed; the others are not affected.
  public static func commit(_ staged: [StagedOutput]) -> [TraduError?] {
    var failures = [String?](repeating: nil, count: staged.count)
    var temporaries: [(index: Int, file: TemporaryFile)] = []
    for (index, output) in staged.enumerated() {
      switch output.sink {
      case .standardOutput: break
      case .inPlace(let descriptor): close(descriptor)
      case .temporary(let file): temporaries.append((index, file))
      }
    }
    let flushed = flush(temporaries.map(\.file))
    var folders: [String] = []
    var seen: Set<String> = []
    for ((index, file), flushFailure) in zip(temporaries, flushed) {
      if let failure = file.finish(flushFailure: flushFailure) {
        failures[index] = failure
      } else if seen.insert(file.folder).inserted {
        folders.append(file.folder)
      }
    }
    let written = folders
    _ = onThreads(written.count, threads: flushThreads) { TemporaryFile.syncFolder(written[$0]) }
    return zip(staged, failures).map { output, failure in failure.map { .unwritable(path: output.path, reason: $0) } }
  }

  /// Gives each temporary file the mode and owner of the file it replaces and makes it durable;
  /// returns what went wrong for each, or nil.
  ///
  /// Where ``wholeFileSystemFlushMinimum`` or more of them are on one local file system whose
  /// `syncfs` is known to be complete (ext4, XFS, Btrfs, F2FS, tmpfs), that file system is
  /// flushed once (Linux `syncfs`), then one of them is flushed alone, which empties the disk's
  /// write cache of what `syncfs` wrote last (the inode tables); that costs a few flushes in
  /// all rather than one each. Anywhere else, and for all of a file system's files when its
  /// `syncfs` reports an error (to learn which file failed), each file is flushed on its own,
  /// from up to ``flushThreads`` threads at once so that the file system can join their writes.
  private static func flush(_ files: [TemporaryFile]) -> [String?] {
    var byDevice: [dev_t: [Int]] = [:]
    for (index, file) in files.enumerated() {
      file.adoptReplacedOwnership()
      byDevice[file.device, default: []].append(index)
    }
    var oneByOne: [Int] = []
    for indices in byDevice.values {
      let first = files[indices[0]].descriptor
      if indices.count >= wholeFileSystemFlushMinimum && tradu_file_system_syncs_whole(first) == 1
        && tradu_sync_file_system(first) == 0 && fsync(first) == 0 {
        continue
      }
      oneByOne += indices
    }
    var failures = [String?](repeating: nil, count: files.count)
    let alone = oneByOne
    let flushed = onThreads(alone.count, threads: flushThreads) { files[alone[$0]].flush() }
    for (index, failure) in zip(alone, flushed) { failures[index] = failure }
    return failures
  }

  /// How many threads ``commit(_:)`` flushes files from: they wait on the disk rather than
  /// compute, so more than the cores.
  static let flushThreads = 8

  /// The fewest temporary files on one file system that ``flush(_:)`` flushes with one `syncfs`
  /// rather than one by one (it also writes other programs' unsaved data on that file system,
  /// so a few files alone are cheaper flushed each).
  static let wholeFileSystemFlushMinimum = 8

  /// How many bytes the block-by-block `write` lets pile up before it asks the kernel to start
  /// writing them.
  static let writebackStep = 1 << 20

  /// How many bytes the block-by-block `write` lets wait before it writes them, ...
  static let gatheredWrite = 64 << 10

  /// ... or how many pieces (well under the `writev` limit of 1,024).
  static let gatheredPieces = 64

  /// Writes `text` as UTF-8.
  public func write(_ text: String) throws(TraduError) {
    try write(Array(text.utf8))
  }

  // MARK: Checks

  /// What is at the output path now, and what writing it must do.
  fileprivate struct Destination {
    /// The path to replace: `path` with symbolic links followed.
    var target: String
    /// The file there now, if any.
    var existing: stat?
    /// The old file is to be kept as `target~`.
    var keepsBackup: Bool
  }

  /// What is at the path and what writing it must do; throws when it must not be written.
  /// Without `checkingFolder`, a missing folder is not looked for (the caller then creates a
  /// file there, which fails with the same message when the folder is missing: see
  /// ``TemporaryFile``).
  private func destination(checkingFolder: Bool) throws(TraduError) -> Destination {
    let (target, existing) = try Self.resolve(path)
    guard let existing else {
      // Only a path where nothing is can be in a missing folder.
      if checkingFolder { try Self.checkFolder(of: target, reportedAs: path) }
      return Destination(target: target, existing: nil, keepsBackup: false)
    }
    if existing.st_mode & S_IFMT == S_IFDIR {
      throw .unwritable(path: path, reason: "is a directory; name a file")
    }
    var keepsBackup = false
    if let input = inputs.first(where: { Self.sameFile($0, existing) }) {
      guard rewritesInput else {
        let which = input == "-" ? "standard input" : "the input \(input)"
        throw .refusedOutput(path: path, reason: "is \(which) (the same file); write the output to another file")
      }
      keepsBackup = true
    } else if existing.st_mode & S_IFMT == S_IFREG {
      let translated = TranslationsInFile.count(atPath: target)
      if translated > 0 {
        guard replacesTranslations else {
          throw .refusedOutput(
            path: path,
            reason: "holds \(translated) translated segment\(translated == 1 ? "" : "s") that would be lost; "
              + "write to another file, or replace it on purpose with --replace-translated (keeps it as \(target)~)")
        }
        keepsBackup = true
      }
    }
    return Destination(target: target, existing: existing, keepsBackup: keepsBackup)
  }

  /// Throws ``TraduError/unwritable(path:reason:)`` unless the folder of `target` is a folder.
  fileprivate static func checkFolder(of target: String, reportedAs path: String) throws(TraduError) {
    let folder = Self.folder(of: target)
    var folderStatus = stat()
    guard stat(folder, &folderStatus) == 0, folderStatus.st_mode & S_IFMT == S_IFDIR else {
      throw .unwritable(path: path, reason: "the folder \(folder) does not exist")
    }
  }

  /// True when `input` is the file whose status is `output`.
  private static func sameFile(_ input: String, _ output: stat) -> Bool {
    var status = stat()
    let found = input == "-" ? fstat(STDIN_FILENO, &status) == 0 : stat(input, &status) == 0
    return found && status.st_dev == output.st_dev && status.st_ino == output.st_ino
  }

  /// `path` with symbolic links followed to the last one, and the status of what it names
  /// (nil when nothing is there yet: a dangling link names the file it will create).
  static func resolve(_ path: String) throws(TraduError) -> (path: String, status: stat?) {
    var current = path
    for _ in 0..<40 {
      var status = stat()
      guard lstat(current, &status) == 0 else {
        if errno == ENOENT { return (current, nil) }
        throw .unwritable(path: path, reason: String(cString: strerror(errno)))
      }
      guard status.st_mode & S_IFMT == S_IFLNK else { return (current, status) }
      var buffer = [CChar](repeating: 0, count: Int(PATH_MAX) + 1)
      let length = readlink(current, &buffer, buffer.count - 1)
      guard length >= 0 else { throw .unwritable(path: path, reason: String(cString: strerror(errno))) }
      let link = String(decoding: buffer[..<length].map { UInt8(bitPattern: $0) }, as: UTF8.self)
      current = link.hasPrefix("/") ? link : folder(of: current) + "/" + link
    }
    throw .unwritable(path: path, reason: "too many levels of symbolic links")
  }

  /// What is before the last `/` of `path` (`/` for a file at the root, `.` without a `/`).
  /// The bytes are searched, not the characters (a batch asks for every output's folder; a
  /// backward walk over characters cost thousands of instructions a path), as the kernel
  /// cuts paths at the byte `/`.
  static func folder(of path: String) -> String {
    guard let slash = path.utf8.lastIndex(of: UInt8(ascii: "/")) else { return "." }
    return slash == path.utf8.startIndex ? "/" : String(path[..<slash])
  }

  /// What is after the last `/` of `path` (all of it without a `/`).
  static func fileName(of path: String) -> String {
    guard let slash = path.utf8.lastIndex(of: UInt8(ascii: "/")) else { return path }
    return String(path[path.utf8.index(after: slash)...])
  }

  // MARK: Writing

  private func open() throws(TraduError) -> Sink {
    if isStandardOutput { return .standardOutput }
    let destination = try destination(checkingFolder: false)
    if let existing = destination.existing, existing.st_mode & S_IFMT != S_IFREG {
      let descriptor = Foundation.open(destination.target, O_WRONLY | O_NOCTTY | O_CLOEXEC)
      guard descriptor >= 0 else { throw .unwritable(path: path, reason: String(cString: strerror(errno))) }
      return .inPlace(descriptor)
    }
    return .temporary(try TemporaryFile(replacing: destination, reportedAs: path))
  }

  /// Where the bytes go.
  fileprivate enum Sink: Sendable {
    case standardOutput
    /// A FIFO, device node or socket, written as it is.
    case inPlace(Int32)
    case temporary(TemporaryFile)

    func write(_ bytes: [UInt8]) -> String? {
      write([bytes])
    }

    /// Writes `pieces` one after the other (a temporary file's with one `writev`).
    func write(_ pieces: [[UInt8]]) -> String? {
      switch self {
      case .standardOutput: return pieces.lazy.compactMap { writeAll($0, to: STDOUT_FILENO) }.first
      case .inPlace(let descriptor): return pieces.lazy.compactMap { writeAll($0, to: descriptor) }.first
      case .temporary(let file): return writeAll(pieces, to: file.descriptor)
      }
    }

    /// Asks the kernel to start writing `range` of a temporary file to disk now (a hint; the
    /// commit's fsync still decides what is durable). Nothing for other sinks.
    func startWriteback(_ range: Range<Int>) {
      if case .temporary(let file) = self {
        _ = tradu_start_writeback(file.descriptor, Int64(range.lowerBound), Int64(range.count))
      }
    }

    func discard() {
      switch self {
      case .standardOutput: break
      case .inPlace(let descriptor): close(descriptor)
      case .temporary(let file): file.discard()
      }
    }

  }
}

/// An output whose bytes are all in its temporary file and not yet in place (made by
/// ``OutputFile/stage(_:)-(((([UInt8])->Void))->Void)``): ``commit()`` flushes it and renames
/// it over its file, ``OutputFile/commit(_:)`` does that for many at once, ``discard()``
/// removes it. Until then the file is as it was; a signal removes the temporary file.
///
///     var staged: [StagedOutput] = []
///     for (output, prepared) in zip(outputs, articles) {
///       staged.append(try output.stage { write in try writer.renderUTF8(prepared, inBlocksTo: write) })
///     }
///     let failures = OutputFile.commit(staged)  // one flush for all, each renamed
public struct StagedOutput: Sendable {
  /// The output's path as given.
  public let path: String
  fileprivate let sink: OutputFile.Sink

  /// Flushes the output to disk and puts it in place (alone: prefer ``OutputFile/commit(_:)``
  /// for many).
  public func commit() throws(TraduError) {
    if let failure = OutputFile.commit([self])[0] { throw failure }
  }

  /// Removes the temporary file; the file stays as it was.
  public func discard() {
    sink.discard()
  }
}

/// Runs `body` for each of `0..<count` on up to `threads` threads (the calling one among them)
/// and returns the results in order: for calls that block on the disk (`fsync`), which the
/// cores-wide ``parallelMap(_:jobs:_:)`` would run two at a time. The other threads are
/// ``WaitingThreads``' (a batch commits dozens of groups: no thread is started for each).
func onThreads<T: Sendable>(_ count: Int, threads: Int, on helpers: WaitingThreads = .shared,
                            _ body: @escaping @Sendable (Int) -> T) -> [T] {
  guard count > 1 && threads > 1 else { return (0..<count).map(body) }
  let results = Mutex([T?](repeating: nil, count: count))
  let next = Atomic<Int>(0)
  let work: @Sendable () -> Void = {
    while true {
      let index = next.wrappingAdd(1, ordering: .relaxed).oldValue
      guard index < count else { return }
      let result = body(index)
      results.withLock { $0[index] = result }
    }
  }
  let done = DispatchGroup()
  for _ in 1..<min(threads, count) { helpers.run(work, leaving: done) }
  work()
  done.wait()
  return results.withLock { $0.map { $0! } }
}

/// Threads that wait on the disk for ``onThreads(_:threads:_:)``, kept once started: each job
/// goes to a thread waiting for one, or to a new thread when none waits (so a job never waits
/// for another to end, and no more threads are started than were ever busy at once).
final class WaitingThreads: Sendable {
  static let shared = WaitingThreads()

  private let state = Mutex<(jobs: [(job: @Sendable () -> Void, group: DispatchGroup)], idle: Int, started: Int)>(([], 0, 0))
  private let arrived = DispatchSemaphore(value: 0)

  /// Runs `job` on a thread of its own (one that was waiting, or a new one), within `group`:
  /// the group is entered now and left once the thread waits again.
  func run(_ job: @escaping @Sendable () -> Void, leaving group: DispatchGroup) {
    group.enter()
    let starts = state.withLock { state -> Bool in
      state.jobs.append((job, group))
      if state.idle > 0 {
        state.idle -= 1
        return false
      }
      state.started += 1
      return true
    }
    if starts {
      Thread { [self] in loop() }.start()
    } else {
      arrived.signal()
    }
  }

  /// How many threads were started so far.
  var started: Int { state.withLock { $0.started } }

  /// A thread's life: the job it was started or woken for, then wait for the next.
  private func loop() {
    while true {
      let (job, group) = state.withLock { $0.jobs.removeFirst() }
      job()
      state.withLock { $0.idle += 1 }
      group.leave()
      arrived.wait()
    }
  }
}

/// Writes all of `pieces`, in order, to `descriptor`, with one `writev` when it takes them all
/// (the pieces' own memory, not a copy); returns what went wrong, or nil.
func writeAll(_ pieces: [[UInt8]], to descriptor: Int32) -> String? {
  if pieces.count == 1 { return writeAll(pieces[0], to: descriptor) }
  var vectors: [iovec] = []
  vectors.reserveCapacity(pieces.count)
  let total = pieces.reduce(0) { $0 + $1.count }
  var done = withVectors(of: pieces[...], &vectors) { vectors -> Int in
    while true {
      let written = writev(descriptor, vectors, Int32(vectors.count))
      if written < 0 && errno == EINTR { continue }
      return written
    }
  }
  if done == total { return nil }
  if done < 0 {
    // Nothing was written: the pieces one at a time tell the error (or succeed).
    done = 0
  }
  // A short write (a full disk, a signal): the rest piece by piece, as `write` would.
  for piece in pieces {
    if done >= piece.count {
      done -= piece.count
      continue
    }
    if let failure = writeAll(Array(piece[done...]), to: descriptor) { return failure }
    done = 0
  }
  return nil
}

/// Calls `body` with an `iovec` for each of `pieces`, each pointing at the piece's own bytes
/// (valid only within `body`: each piece's buffer is borrowed in turn, one inside the other).
private func withVectors<R>(of pieces: ArraySlice<[UInt8]>, _ vectors: inout [iovec], _ body: ([iovec]) -> R) -> R {
  guard let first = pieces.first else { return body(vectors) }
  return first.withUnsafeBytes { raw in
    vectors.append(iovec(iov_base: UnsafeMutableRawPointer(mutating: raw.baseAddress), iov_len: raw.count))
    return withVectors(of: pieces.dropFirst(), &vectors, body)
  }
}

/// Writes all of `bytes` to `descriptor`; returns what went wrong, or nil.
private func writeAll(_ bytes: [UInt8], to descriptor: Int32) -> String? {
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

/// A temporary file beside the file it replaces, removed on failure and on a signal.
private struct TemporaryFile: Sendable {
  let reportedPath: String
  let target: String
  let existing: stat?
  let keepsBackup: Bool
  let temporary: String
  let descriptor: Int32
  /// The file system it is on (its device).
  let device: dev_t
  /// The signal-cleanup slot (CFileCleanup).
  let slot: Int32

  init(replacing destination: OutputFile.Destination, reportedAs path: String) throws(TraduError) {
    let folder = OutputFile.folder(of: destination.target)
    var name = OutputFile.fileName(of: destination.target)
    if name.utf8.count > 200 { name = String(decoding: Array(name.utf8.prefix(200)), as: UTF8.self) }
    for _ in 0..<100 {
      let suffix = OutputFile.temporarySuffix(TemporaryName.next())
      let candidate = "\(folder)/.\(name).tradu-\(TemporaryName.processID)-\(suffix).tmp"
      // Remembered before it exists, so that no signal can leave it behind.
      let slot = tradu_cleanup_remember(candidate)
      // 0666 less the umask, as any new file gets.
      let fd = Foundation.open(candidate, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o666)
      if fd >= 0 {
        TemporaryFile.removeStaleOnce(in: folder)
        var status = stat()
        self.device = fstat(fd, &status) == 0 ? status.st_dev : 0
        self.reportedPath = path
        self.target = destination.target
        self.existing = destination.existing
        self.keepsBackup = destination.keepsBackup
        self.temporary = candidate
        self.descriptor = fd
        self.slot = slot
        return
      }
      let failure = errno
      tradu_cleanup_forget(slot)
      if failure != EEXIST {
        // A missing folder is named as the check before the work names it.
        try OutputFile.checkFolder(of: destination.target, reportedAs: path)
        throw .unwritable(path: path, reason: String(cString: strerror(failure)))
      }
    }
    throw .unwritable(path: path, reason: "no free temporary file name in \(folder)")
  }

  /// Closes and removes the temporary file.
  func discard() {
    close(descriptor)
    unlink(temporary)
    tradu_cleanup_forget(slot)
  }

  /// The folder of the file it replaces (and its own).
  var folder: String { OutputFile.folder(of: target) }

  /// Gives the file the replaced file's mode and owner (before it is flushed, so that they are
  /// durable with it).
  func adoptReplacedOwnership() {
    guard let existing else { return }
    fchmod(descriptor, existing.st_mode & 0o7777)
    // Only root may give a file away; a user may still keep its group when a member.
    if fchown(descriptor, existing.st_uid, existing.st_gid) != 0 {
      _ = fchown(descriptor, uid_t.max, existing.st_gid)
    }
  }

  /// Flushes the file to disk; returns what went wrong, or nil. (The first step of a commit;
  /// may run beside other files' flushes.)
  func flush() -> String? {
    fsync(descriptor) == 0 ? nil : String(cString: strerror(errno))
  }

  /// Once ``flush()`` is done: keeps the old file as `FILE~` when asked and renames the new one
  /// over it; or, after `flushFailure` or a failure here, removes it. Returns what went wrong,
  /// or nil. The folder still has to be flushed for the rename to survive a crash.
  func finish(flushFailure: String?) -> String? {
    var failure = flushFailure
    close(descriptor)
    if failure == nil && keepsBackup && existing != nil { failure = keepBackup() }
    if failure == nil && rename(temporary, target) != 0 { failure = String(cString: strerror(errno)) }
    if failure != nil { unlink(temporary) }
    tradu_cleanup_forget(slot)
    return failure
  }

  /// Makes `target~` the file now at `target` (a hard link, or a copy where links are not
  /// allowed), replacing an older backup only once the new one is complete.
  private func keepBackup() -> String? {
    let backup = target + "~"
    let staged = temporary + "~"
    if link(target, staged) != 0 {
      guard let bytes = FileManager.default.contents(atPath: target),
            FileManager.default.createFile(atPath: staged, contents: bytes) else {
        return "could not keep the old file as \(backup)"
      }
    }
    if rename(staged, backup) != 0 {
      let reason = String(cString: strerror(errno))
      unlink(staged)
      return "could not keep the old file as \(backup): \(reason)"
    }
    return nil
  }

  /// Flushes `folder`, so that the renames in it survive a crash.
  static func syncFolder(_ folder: String) {
    let fd = Foundation.open(folder, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
    if fd >= 0 {
      fsync(fd)
      close(fd)
    }
  }

  /// The folders ``removeStaleOnce(in:)`` has cleaned in this process.
  private static let cleanedFolders = Mutex<Set<String>>([])

  /// ``removeStale(in:)`` the first time this process writes in `folder`: what a killed run
  /// left there is gone then, and listing the folder again for each output of a batch would
  /// find nothing more (this process's own temporary files are never stale).
  static func removeStaleOnce(in folder: String) {
    guard cleanedFolders.withLock({ $0.insert(folder).inserted }) else { return }
    removeStale(in: folder)
  }

  /// Removes this user's temporary files of this naming (`.NAME.tradu-PID-XXXXXX.tmp`) whose
  /// process no longer exists: what a killed run (SIGKILL, a power cut) left behind.
  static func removeStale(in folder: String) {
    guard let names = try? FileManager.default.contentsOfDirectory(atPath: folder) else { return }
    for name in names where name.hasPrefix(".") && name.hasSuffix(".tmp") {
      guard let pid = OutputFile.ownerProcess(ofTemporaryName: name), pid != getpid() else { continue }
      guard kill(pid, 0) != 0 && errno == ESRCH else { continue }
      let path = folder + "/" + name
      var status = stat()
      guard lstat(path, &status) == 0, status.st_mode & S_IFMT == S_IFREG, status.st_uid == geteuid() else { continue }
      unlink(path)
    }
  }
}

// MARK: Temporary file names: `.NAME.tradu-PID-XXXXXX.tmp`

/// The parts of this process's temporary file names: its id, read once, and the random
/// numbers of their `XXXXXX`, drawn from the system's generator once and then stepped (a
/// batch names a thousand files: two system calls each otherwise). The names need not be
/// secret (`O_EXCL` refuses any file already there, and another name is tried), only
/// unlikely to be taken.
enum TemporaryName {
  static let processID = getpid()
  private static let seed: UInt64 = {
    var system = SystemRandomNumberGenerator()
    return system.next()
  }()
  private static let counter = Atomic<UInt64>(0)

  /// The next random number: SplitMix64's output function over the seed stepped by the
  /// golden ratio, so that each call of the process gives another well-mixed number.
  static func next() -> UInt64 {
    let step = counter.wrappingAdd(1, ordering: .relaxed).oldValue
    var z = seed &+ (step &+ 1) &* 0x9E37_79B9_7F4A_7C15
    z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
    z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
    return z ^ (z >> 31)
  }
}

extension OutputFile {
  /// Six letters or digits from `bits` (one random number), the `XXXXXX` of a temporary
  /// file's name.
  static func temporarySuffix(_ bits: UInt64) -> String {
    let alphabet = Array("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789".utf8)
    var bits = bits
    var letters: [UInt8] = []
    for _ in 0..<6 {
      letters.append(alphabet[Int(bits % UInt64(alphabet.count))])
      bits /= UInt64(alphabet.count)
    }
    return String(decoding: letters, as: UTF8.self)
  }

  /// The process id in a temporary file name of Tradu's naming, or nil for any other name.
  static func ownerProcess(ofTemporaryName name: String) -> pid_t? {
    guard let marker = name.range(of: ".tradu-", options: .backwards) else { return nil }
    let tail = name[marker.upperBound...].dropLast(4)  // "PID-XXXXXX"
    let parts = tail.split(separator: "-", omittingEmptySubsequences: false)
    guard parts.count == 2, parts[1].count == 6, parts[1].allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber) }),
          !parts[0].isEmpty, parts[0].allSatisfy({ $0.isASCII && $0.isNumber }), let pid = pid_t(parts[0]), pid > 0
    else { return nil }
    return pid
  }
}
