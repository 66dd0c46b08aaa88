import Foundation
import Synchronization
import Tradu

/// One input file of a batch and where its output goes.
struct BatchFile: Sendable {
  /// The path as found (a named file, or a folder joined with the path below it).
  var path: String
  /// The output's path below the output folder, before its extension is changed.
  var relativePath: String
  /// The size in bytes, for ordering (largest first) and progress.
  var size: Int
}

enum BatchInputs {
  /// The files of `inputs`: a named file as it is (its output named after its last path
  /// component), a folder's files with one of `extensions` at any depth (hidden files and
  /// folders, symbolic links found inside a folder, and anything inside `outputFolder` left
  /// out), their outputs at the same path below the output folder. Sorted largest first, so
  /// the long jobs start early.
  static func list(_ inputs: [String], extensions: Set<String>, outputFolder: String) throws(TraduError) -> [BatchFile] {
    let outputRoot = URL(fileURLWithPath: outputFolder).standardizedFileURL.path + "/"
    var files: [BatchFile] = []
    for input in inputs {
      guard let status = Self.status(of: input, followingLinks: true) else {
        throw .unreadable(path: input, reason: "no such file or folder")
      }
      if status.st_mode & S_IFMT != S_IFDIR {
        files.append(BatchFile(path: input, relativePath: BatchPath.lastComponent(of: input), size: Int(status.st_size)))
        continue
      }
      let root = URL(fileURLWithPath: input).standardizedFileURL.path
      var walk = FolderWalk(root: root, outputRoot: outputRoot, extensions: extensions)
      guard walk.visit(folder: BatchPath.trimmingTrailingSlashes(input), relative: "", into: &files) else {
        throw .unreadable(path: input, reason: "cannot list the folder")
      }
    }
    return files.sorted { $0.size != $1.size ? $0.size > $1.size : $0.relativePath < $1.relativePath }
  }

  /// A walk below one input folder with `opendir`/`readdir`: each entry's type from the
  /// folder listing (one `lstat` only where the file system does not tell it) and the size of
  /// each file kept. (FileManager's enumerator, with its path objects, took ~100,000
  /// instructions a file.)
  private struct FolderWalk {
    /// The input folder, standardized, for comparing with `outputRoot`.
    let root: String
    let outputRoot: String
    let extensions: Set<String>

    /// Adds the files below `folder` (reached as `relative` from the input folder) to `files`;
    /// false when `folder` itself cannot be listed (a subfolder that cannot is left out).
    mutating func visit(folder: String, relative: String, into files: inout [BatchFile]) -> Bool {
      guard let listing = opendir(folder) else { return false }
      defer { closedir(listing) }
      var subfolders: [(path: String, relative: String)] = []
      while let entry = readdir(listing) {
        let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in
          String(decoding: raw.prefix { $0 != 0 }, as: UTF8.self)
        }
        // Hidden files and folders, `.` and `..` among them.
        if name.utf8.first == UInt8(ascii: ".") { continue }
        let path = folder + "/" + name
        let below = relative.isEmpty ? name : relative + "/" + name
        // Nothing inside the output folder (nor the folder itself).
        if (root + "/" + below + "/").hasPrefix(outputRoot) { continue }
        var type = entry.pointee.d_type
        var size = -1
        if type == UInt8(DT_UNKNOWN) || type == UInt8(DT_REG) {
          var status = stat()
          guard lstat(path, &status) == 0 else { continue }
          type = Self.entryType(status.st_mode)
          size = Int(status.st_size)
        }
        if type == UInt8(DT_DIR) {
          subfolders.append((path, below))
        } else if type == UInt8(DT_REG), extensions.contains(BatchPath.fileExtension(of: name).lowercased()) {
          files.append(BatchFile(path: path, relativePath: below, size: size))
        }
      }
      for subfolder in subfolders { _ = visit(folder: subfolder.path, relative: subfolder.relative, into: &files) }
      return true
    }

    /// The `d_type` of a file of mode `mode`.
    private static func entryType(_ mode: mode_t) -> UInt8 {
      switch mode & S_IFMT {
      case S_IFDIR: UInt8(DT_DIR)
      case S_IFREG: UInt8(DT_REG)
      case S_IFLNK: UInt8(DT_LNK)
      default: UInt8(DT_UNKNOWN)
      }
    }
  }

  /// The status of `path` (of the link itself unless `followingLinks`), or nil when it
  /// cannot be read.
  private static func status(of path: String, followingLinks: Bool) -> stat? {
    var status = stat()
    return (followingLinks ? stat(path, &status) : lstat(path, &status)) == 0 ? status : nil
  }

  /// `relative` with its extension (if any) replaced by `fileExtension`.
  static func replacingExtension(of relative: String, with fileExtension: String) -> String {
    let bytes = relative.utf8
    let nameStart = bytes.lastIndex(of: UInt8(ascii: "/")).map { bytes.index(after: $0) } ?? bytes.startIndex
    guard let dot = bytes[nameStart...].lastIndex(of: UInt8(ascii: ".")), dot != nameStart else {
      return relative + "." + fileExtension
    }
    return String(relative[..<dot]) + "." + fileExtension
  }
}

/// Paths of a batch taken apart as bytes (`/` separated), without Foundation's path objects.
enum BatchPath {
  /// What follows the last `/` of `path` (trailing slashes left out).
  static func lastComponent(of path: String) -> String {
    let trimmed = trimmingTrailingSlashes(path)
    guard let slash = trimmed.utf8.lastIndex(of: UInt8(ascii: "/")) else { return trimmed }
    return String(trimmed[trimmed.utf8.index(after: slash)...])
  }

  /// The folder of `path`: what precedes its last `/` (`""` for a bare name, `/` for a file at
  /// the root).
  static func folder(of path: String) -> String {
    guard let slash = path.utf8.lastIndex(of: UInt8(ascii: "/")) else { return "" }
    return slash == path.utf8.startIndex ? "/" : String(path[..<slash])
  }

  /// `relative` below `folder`, with one `/` between them.
  static func join(_ folder: String, _ relative: String) -> String {
    guard !folder.isEmpty else { return relative }
    let trimmed = trimmingTrailingSlashes(folder)
    return trimmed == "/" ? "/" + relative : trimmed + "/" + relative
  }

  /// `path` without the `/`s that end it (`/` stays `/`).
  static func trimmingTrailingSlashes(_ path: String) -> String {
    guard !path.isEmpty else { return path }
    var end = path.utf8.endIndex
    while end > path.utf8.index(after: path.utf8.startIndex) && path.utf8[path.utf8.index(before: end)] == UInt8(ascii: "/") {
      end = path.utf8.index(before: end)
    }
    return String(path[..<end])
  }

  /// The extension of file name `name`: after its last dot, unless that dot starts the name
  /// (`""` when there is none).
  static func fileExtension(of name: String) -> String {
    guard let dot = name.utf8.lastIndex(of: UInt8(ascii: ".")), dot != name.utf8.startIndex else { return "" }
    return String(name[name.utf8.index(after: dot)...])
  }
}

/// The fingerprints of the outputs a batch wrote, kept in a file in the output folder: one
/// line per output, `fingerprint TAB relative path`, appended as each output is written, so an
/// interrupted run knows what it finished. The last line for a path counts.
struct BatchLedger {
  let path: String
  private(set) var fingerprints: [String: String] = [:]

  /// Reads the ledger at `path` (none yet: empty). A line that does not parse is ignored.
  init(path: String) {
    self.path = path
    guard let text = try? String(contentsOfFile: path, encoding: .utf8) else { return }
    for line in text.split(separator: "\n") {
      let fields = line.split(separator: "\t", maxSplits: 1)
      if fields.count == 2 { fingerprints[String(fields[1])] = String(fields[0]) }
    }
  }

  /// Records that `relative` was written with `fingerprint`: appended to the file at once.
  mutating func record(_ fingerprint: String, for relative: String) {
    record([(fingerprint, relative)])
  }

  /// Records that each output was written with its fingerprint: appended to the file at once,
  /// in one write.
  mutating func record(_ outputs: [(fingerprint: String, relative: String)]) {
    guard !outputs.isEmpty else { return }
    var text = ""
    for (fingerprint, relative) in outputs {
      fingerprints[relative] = fingerprint
      text += "\(fingerprint)\t\(relative)\n"
    }
    let line = Data(text.utf8)
    if let handle = FileHandle(forWritingAtPath: path) {
      handle.seekToEndOfFile()
      handle.write(line)
      try? handle.close()
    } else {
      _ = FileManager.default.createFile(atPath: path, contents: line)
    }
  }

  /// Rewrites the file with one line per output still present, sorted (at the end of a run).
  func compact(keeping outputs: (String) -> Bool) {
    let lines = fingerprints.filter { outputs($0.key) }.sorted { $0.key < $1.key }.map { "\($0.value)\t\($0.key)\n" }
    try? OutputFile(path).write(Array(lines.joined().utf8))
  }
}

/// Puts a batch's outputs in place in groups, on a thread of its own, while the workers
/// prepare the next files: each output a worker has staged (written to its temporary file) is
/// committed with the others staged meanwhile (``OutputFile/commit(_:)``: one flush of the
/// file system, or their flushes at the same time, then one flush per folder), so that a batch
/// does not wait for two flushes per file. The longer a group takes, the more outputs the next
/// one gathers, and the less each costs.
///
/// At most `capacity` outputs are staged and not yet committed (a worker calls ``reserve()``
/// before staging and waits for room), so that every temporary file is removed if a signal
/// ends the process (CFileCleanup remembers 1,024) and the open files stay few.
final class BatchCommitter<Tag: Sendable>: Sendable {
  /// A staged output and what the caller needs to know of it once committed.
  typealias Entry = (tag: Tag, staged: StagedOutput)

  private let queue = DispatchQueue(label: "tradu.batch.commit")
  private let room: DispatchSemaphore
  /// Signalled at each submission and by ``finish()``, for a group being gathered.
  private let arrivals = DispatchSemaphore(value: 0)
  private let pending = Mutex<(entries: [Entry], draining: Bool, finishing: Bool)>(([], false, false))
  private let committed: @Sendable (_ tags: [Tag], _ failures: [TraduError?]) -> Void
  private let groupSize: Int
  private let gathering: DispatchTimeInterval

  /// - Parameters:
  ///   - capacity: The most outputs staged and not yet committed at once.
  ///   - groupSize: A group is committed once this many outputs wait, ...
  ///   - gathering: ... or once this long has passed since the committer began gathering it,
  ///     or at ``finish()``: a few large groups cost less than many small ones (each group
  ///     flushes the file system, or its files, and each of its folders once).
  ///   - committed: Called after each group, one call at a time, with the tags the group's
  ///     outputs were submitted with and each one's error (nil when in place).
  init(capacity: Int = 256, groupSize: Int = 128, gathering: DispatchTimeInterval = .milliseconds(50),
       committed: @escaping @Sendable (_ tags: [Tag], _ failures: [TraduError?]) -> Void) {
    room = DispatchSemaphore(value: capacity)
    self.groupSize = groupSize
    self.gathering = gathering
    self.committed = committed
  }

  /// Waits until one more output may be staged; then stage it and ``submit(_:tag:)`` it, or
  /// ``release()`` when staging failed.
  func reserve() { room.wait() }

  /// Gives back the room a failed staging had reserved.
  func release() { room.signal() }

  /// Hands over a staged output, to be committed with the next group.
  func submit(_ staged: StagedOutput, tag: Tag) {
    let starts = pending.withLock { state -> Bool in
      state.entries.append((tag, staged))
      if state.draining { return false }
      state.draining = true
      return true
    }
    arrivals.signal()
    if starts { queue.async { self.drain() } }
  }

  /// Commits what was submitted, group after group, until nothing is left.
  private func drain() {
    while true {
      // Gather a group: `groupSize` outputs, or what came during `gathering`, or all at the end.
      let deadline = DispatchTime.now() + gathering
      while pending.withLock({ $0.entries.count < groupSize && !$0.finishing }) {
        if arrivals.wait(timeout: deadline) == .timedOut { break }
      }
      let group = pending.withLock { state -> [Entry] in
        let group = state.entries
        state.entries = []
        if group.isEmpty { state.draining = false }
        return group
      }
      guard !group.isEmpty else { return }
      let failures = OutputFile.commit(group.map(\.staged))
      for _ in group { room.signal() }
      committed(group.map(\.tag), failures)
    }
  }

  /// Commits what is still waiting, and waits until everything submitted so far is committed.
  func finish() {
    pending.withLock { $0.finishing = true }
    arrivals.signal()
    queue.sync {}
  }
}

/// What happened to one file of a batch.
enum BatchOutcome: Sendable {
  /// Written; with the fingerprint to record.
  case done(fingerprint: String)
  /// Written to its temporary file and handed to the ``BatchCommitter``; with the fingerprint
  /// to record once it is in place.
  case staged(fingerprint: String)
  /// Its output was up to date.
  case upToDate
  /// It failed; the message names the file and the problem.
  case failed(String)
}

/// Progress of a batch on standard error: a line rewritten in place (files done of total, MB/s,
/// time left, failures) or JSON lines, at most ten times a second (JSON: once a second) and
/// at the end.
struct BatchProgress: Sendable {
  let style: BatchOptions.ProgressStyle
  let verb: String
  let total: Int
  let totalBytes: Int
  private let start = Date()
  private var lastReport = Date.distantPast
  private(set) var done = 0
  private(set) var upToDate = 0
  private(set) var failed = 0
  private var bytes = 0

  init(style: BatchOptions.ProgressStyle, verb: String, files: [BatchFile]) {
    self.style = style
    self.verb = verb
    total = files.count
    totalBytes = files.reduce(0) { $0 + $1.size }
  }

  /// Counts a finished file of `size` bytes and reports when it is time.
  mutating func count(_ outcome: BatchOutcome, size: Int) {
    switch outcome {
    case .done, .staged: done += 1
    case .upToDate: upToDate += 1
    case .failed: failed += 1
    }
    bytes += size
    let now = Date()
    if now.timeIntervalSince(lastReport) >= (style == .json ? 1 : 0.1) {
      lastReport = now
      report(final: false)
    }
  }

  /// Reports the figures now; `final` ends the text line.
  func report(final: Bool) {
    let finished = done + upToDate + failed
    let seconds = max(Date().timeIntervalSince(start), 1e-6)
    let rate = Double(bytes) / seconds
    let eta = rate > 0 ? Double(totalBytes - bytes) / rate : 0
    switch style {
    case .text:
      var line = "\r\u{1B}[K\(verb) \(finished)/\(total) files, \(String(format: "%.1f", rate / 1e6)) MB/s"
      if !final { line += ", ETA \(Self.clock(eta))" } else { line += " in \(Self.clock(seconds))" }
      if upToDate > 0 { line += ", \(upToDate) up to date" }
      if failed > 0 { line += ", \(failed) failed" }
      FileHandle.standardError.write(Data((line + (final ? "\n" : "")).utf8))
    case .json:
      var json = JSONWriter()
      json.beginObject()
      json.field("bytes", bytes)
      json.field("bytesPerSecond", Int(rate.rounded()))
      json.field("done", done)
      json.field("etaSeconds", Int(eta.rounded()))
      json.field("failed", failed)
      json.field("files", total)
      json.field("final", final)
      json.field("upToDate", upToDate)
      json.endObject()
      FileHandle.standardError.write(Data(json.bytes + [0x0A]))
    case .auto, .none:
      break
    }
  }

  static func clock(_ seconds: Double) -> String {
    let s = Int(seconds.rounded())
    return s >= 3600 ? String(format: "%d:%02d:%02d", s / 3600, s / 60 % 60, s % 60) : String(format: "%d:%02d", s / 60, s % 60)
  }
}
