import Foundation
import Tradu

#if canImport(Glibc)
import Glibc
#endif

// Whole-process figures: the release `tradu` binary run as a user runs it (start to exit,
// file in, file out), each beside raw ICU UTF-8→UTF-16 + sentence breaking measured in the
// same run on the same text. `tradu-bench process [--mb 20] [--big-mb 100] [--stream-mb 1000]
// [--articles 1000] [--tradu PATH] [--runs 3] [--only segment,prepare,glossary,check,big,stream,batch,startup]`,
// from the repository root, after `swift build -c release`.

/// What one child process cost.
struct ProcessFigures {
  var seconds: Double
  /// Peak resident memory in bytes (0 when not measured: see ``runProcess(_:stdinPath:stdoutPath:measuringMemory:feed:)``).
  var peakRSS: Int
  /// CPU seconds (user + system) the child used: the figure a loaded machine distorts least.
  var cpuSeconds: Double = 0
  /// Seconds from the start to the first byte on standard output (when asked for).
  var firstOutput: Double?
  var status: Int32
}

/// GNU time, which reports the peak RSS of the command it runs.
let gnuTime = "/usr/bin/time"

/// Runs `command[0]` with its arguments, standard input from `stdinPath` (or the bytes
/// `feed` writes into a pipe), standard output to `stdoutPath` (or a pipe that is read and
/// dropped, timing its first byte), and returns its wall time and peak RSS.
///
/// The peak RSS is measured by GNU time (`/usr/bin/time`, 0 without it or without
/// `measuringMemory`), which forks the command from its own small process. The child's own
/// `ru_maxrss` is no measure: `posix_spawn` starts it in this process's memory (vfork), and
/// Linux counts the peak of that memory, the benchmark's, as the child's when it executes
/// the command, so every row showed at least the benchmark's own peak.
func runProcess(_ command: [String], stdinPath: String? = nil, stdoutPath: String? = nil, measuringMemory: Bool = true,
                feed: (@Sendable (Int32) -> Void)? = nil) -> ProcessFigures {
  let rssPath = NSTemporaryDirectory() + "tradu-bench-rss-\(getpid())"
  let timed = measuringMemory && FileManager.default.isExecutableFile(atPath: gnuTime)
  let arguments = timed ? [gnuTime, "-f", "%M", "-o", rssPath] + command : command
  var actions = posix_spawn_file_actions_t()
  posix_spawn_file_actions_init(&actions)
  defer { posix_spawn_file_actions_destroy(&actions) }
  var inPipe: [Int32] = [-1, -1]
  var outPipe: [Int32] = [-1, -1]
  if let stdinPath {
    posix_spawn_file_actions_addopen(&actions, 0, stdinPath, O_RDONLY, 0)
  } else if feed != nil {
    pipe(&inPipe)
    posix_spawn_file_actions_adddup2(&actions, inPipe[0], 0)
    posix_spawn_file_actions_addclose(&actions, inPipe[1])
  } else {
    posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
  }
  if let stdoutPath {
    posix_spawn_file_actions_addopen(&actions, 1, stdoutPath, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
  } else {
    pipe(&outPipe)
    posix_spawn_file_actions_adddup2(&actions, outPipe[1], 1)
    posix_spawn_file_actions_addclose(&actions, outPipe[0])
  }
  posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0)
  let argv = arguments.map { strdup($0) } + [nil]
  defer { argv.forEach { free($0) } }
  var pid: pid_t = 0
  let start = DispatchTime.now().uptimeNanoseconds
  let spawned = posix_spawn(&pid, arguments[0], &actions, nil, argv, environ)
  precondition(spawned == 0, "cannot start \(arguments[0]): \(String(cString: strerror(spawned)))")
  if inPipe[0] >= 0 { close(inPipe[0]) }
  if outPipe[1] >= 0 { close(outPipe[1]) }
  let feeder = feed.map { feed in
    let fd = inPipe[1]
    let thread = Thread {
      feed(fd)
      close(fd)
    }
    thread.start()
    return thread
  }
  var firstOutput: Double? = nil
  if outPipe[0] >= 0 {
    var buffer = [UInt8](repeating: 0, count: 1 << 16)
    while true {
      let n = read(outPipe[0], &buffer, buffer.count)
      if n <= 0 { break }
      if firstOutput == nil { firstOutput = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9 }
    }
    close(outPipe[0])
  }
  var status: Int32 = 0
  var usage = rusage()
  wait4(pid, &status, 0, &usage)
  let seconds = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
  _ = feeder
  let cpu = Double(usage.ru_utime.tv_sec + usage.ru_stime.tv_sec)
    + Double(usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1e6
  // GNU time writes a line about a failed command's status first, then the figure (KiB).
  let peakKiB = timed ? (try? String(contentsOfFile: rssPath, encoding: .utf8))?
    .split(separator: "\n").last.flatMap { Int($0.trimmingCharacters(in: .whitespaces)) } : nil
  if timed { unlink(rssPath) }
  return ProcessFigures(seconds: seconds, peakRSS: (peakKiB ?? 0) * 1024, cpuSeconds: cpu, firstOutput: firstOutput,
                        status: (status >> 8) & 0xFF)
}

/// Writes `bytes` to `fd` whole.
func writeAll(_ fd: Int32, _ bytes: [UInt8]) -> Bool {
  var offset = 0
  while offset < bytes.count {
    let n = bytes[offset...].withUnsafeBytes { write(fd, $0.baseAddress, $0.count) }
    if n <= 0 { return false }
    offset += n
  }
  return true
}

/// The paragraphs the generated texts are made of: the samples' and the evaluation sets'
/// (`../shared/eval`, when it is there) texts.
func sourceParagraphs() throws -> [String] {
  var paragraphs: [String] = []
  for sample in ["Samples/mediafax-musk-putin.ro.txt", "Samples/hard-cases.ro.txt"] {
    let text = try String(contentsOfFile: sample, encoding: .utf8)
    paragraphs += text.components(separatedBy: "\n\n").filter { !$0.isEmpty }
  }
  for file in ["segmentation/data/rrt-dev.jsonl", "segmentation/data/nonstandard-dev.jsonl",
               "segmentation/data/simonero-dev.jsonl", "glossary/data/sentences.jsonl", "bilingual/data/docs.jsonl"] {
    guard let text = try? String(contentsOfFile: "../shared/eval/" + file, encoding: .utf8) else { continue }
    for line in text.split(separator: "\n") {
      guard let object = try? JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any] else { continue }
      for key in ["text", "ro"] { if let value = object[key] as? String, !value.isEmpty { paragraphs.append(value) } }
    }
  }
  return paragraphs
}

/// A deterministic pseudo-random sequence (no seeding API in the standard library's).
struct SplitMix: RandomNumberGenerator {
  var state: UInt64
  mutating func next() -> UInt64 {
    state &+= 0x9E37_79B9_7F4A_7C15
    var z = state
    z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
    z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
    return z ^ (z >> 31)
  }
}

/// Paragraphs drawn in a fixed pseudo-random order and joined by `separator` to `bytes` bytes.
func generatedText(_ paragraphs: [String], bytes: Int, separator: String = "\n\n", seed: UInt64 = 1) -> String {
  var random = SplitMix(state: seed)
  var text = ""
  text.reserveCapacity(bytes + 4096)
  while text.utf8.count < bytes {
    text += paragraphs[Int(random.next() % UInt64(paragraphs.count))]
    text += separator
  }
  return text
}

/// Articles of 3 to 10 KB: a title line and paragraphs.
func generatedArticles(_ paragraphs: [String], count: Int, seed: UInt64 = 7) -> [String] {
  var random = SplitMix(state: seed)
  return (0..<count).map { _ in
    let size = 3000 + Int(random.next() % 7000)
    return generatedText(paragraphs, bytes: size, seed: random.next())
  }
}

/// One JSONL line `{"id","text"}`.
func articleLine(id: String, text: String) -> [UInt8] {
  var json = JSONWriter()
  json.beginObject()
  json.field("id", id)
  json.field("text", text)
  json.endObject()
  return json.bytes + [0x0A]
}

func runProcessBenchmarks(arguments: [String]) throws {
  func option(_ name: String, _ fallback: Int) -> Int {
    arguments.firstIndex(of: name).flatMap { Int(arguments[$0 + 1]) } ?? fallback
  }
  let megabytes = option("--mb", 20)
  let bigMegabytes = option("--big-mb", 100)
  let streamMegabytes = option("--stream-mb", 1000)
  let articleCount = option("--articles", 1000)
  let runs = option("--runs", 3)
  let only = arguments.firstIndex(of: "--only").map { Set(arguments[$0 + 1].split(separator: ",").map(String.init)) }
  /// Whether the rows called `name` are to be run (all without --only).
  func wanted(_ name: String) -> Bool { only?.contains(name) ?? true }
  let tradu = arguments.firstIndex(of: "--tradu").map { arguments[$0 + 1] } ?? ".build/release/tradu"
  guard FileManager.default.isExecutableFile(atPath: tradu) else {
    print("no tradu binary at \(tradu): run `swift build -c release` first, or pass --tradu PATH")
    exit(64)
  }
  let work = FileManager.default.temporaryDirectory.appendingPathComponent("tradu-process-bench-\(getpid())").path
  try FileManager.default.createDirectory(atPath: work, withIntermediateDirectories: true)
  defer { try? FileManager.default.removeItem(atPath: work) }
  func path(_ name: String) -> String { work + "/" + name }

  let paragraphs = try sourceParagraphs()
  let text = generatedText(paragraphs, bytes: megabytes * 1_000_000)
  try text.write(toFile: path("corpus.txt"), atomically: false, encoding: .utf8)
  let size = text.utf8.count
  print("corpus: \(String(format: "%.1f", Double(size) / 1e6)) MB from \(paragraphs.count) paragraphs (Samples + ../shared/eval), ICU \(ICU.version), \(ProcessInfo.processInfo.activeProcessorCount) cores")
  var load = [Double](repeating: 0, count: 3)
  getloadavg(&load, 3)
  print(String(format: "load average at start: %.2f %.2f %.2f", load[0], load[1], load[2]))
  if !FileManager.default.isExecutableFile(atPath: gnuTime) {
    print("no GNU time at \(gnuTime) (apt-get install time): peak RSS not measured, shown as 0")
  }
  let baseline = try rawICUBaseline(text)
  print("")
  print("| whole process (\(runs == 1 ? "one run" : "best of \(runs)")) | seconds | MB/s | × raw ICU | peak RSS | target |")
  print("| --- | ---: | ---: | ---: | ---: | --- |")

  func row(_ title: String, bytes: Int, target: String, _ arguments: [String], stdin: String? = nil, stdout: String) -> ProcessFigures {
    var best: ProcessFigures? = nil
    for _ in 0..<runs {
      let figures = runProcess([tradu] + arguments, stdinPath: stdin, stdoutPath: stdout)
      if figures.status > 1 { print("| \(title) | exit \(figures.status) | | | | |") }
      if best == nil || figures.seconds < best!.seconds { best = figures }
    }
    let figures = best!
    let mbps = Double(bytes) / 1e6 / figures.seconds
    print(String(format: "| %@ | %.2f | %.1f | %.2f | %d MB | %@ |", title as NSString, figures.seconds, mbps,
                 mbps / baseline, figures.peakRSS >> 20, target as NSString))
    return figures
  }

  let corpus = path("corpus.txt")
  if wanted("segment") {
    _ = row("segment (text)", bytes: size, target: "≥ 0.5 ×", ["segment", corpus], stdout: path("segments.txt"))
    _ = row("segment --format json", bytes: size, target: "≥ 0.5 ×", ["segment", "--format", "json", corpus], stdout: path("segments.json"))
  }
  if wanted("prepare") {
    _ = row("prepare --to xliff (2.1), default glossary", bytes: size, target: "≥ 0.25 ×",
            ["prepare", corpus, "-o", path("corpus.xlf"), "--stats", "none"], stdout: "/dev/null")
    _ = row("prepare --to json, default glossary", bytes: size, target: "≥ 0.25 ×",
            ["prepare", corpus, "--to", "json", "-o", path("corpus.json"), "--stats", "none"], stdout: "/dev/null")
  }
  if wanted("glossary") {
    _ = row("glossary match --json", bytes: size, target: "≥ 0.25 ×", ["glossary", "match", "--json", corpus], stdout: path("matches.json"))
  }

  // A prepared file with every target filled (here with the source text), then checked.
  if wanted("check") {
    _ = runProcess([tradu, "prepare", corpus, "--to", "jsonl", "-o", path("corpus.jsonl"), "--stats", "none"], stdoutPath: "/dev/null")
    let prepared = try String(contentsOfFile: path("corpus.jsonl"), encoding: .utf8)
    let filled = try NSRegularExpression(pattern: #""source": ("(?:[^"\\]|\\.)*"), "target": null"#)
      .stringByReplacingMatches(in: prepared, range: NSRange(prepared.startIndex..., in: prepared),
                                withTemplate: #""source": $1, "target": $1"#)
    try filled.write(toFile: path("filled.jsonl"), atomically: false, encoding: .utf8)
    _ = row("check of the prepared file, targets filled", bytes: size, target: "≥ 0.1 ×",
            ["check", path("filled.jsonl"), "--format", "json", "-o", path("check.json")], stdout: "/dev/null")
  }

  // One big article, with and without blank lines: peak memory against its size.
  for (title, separator) in [("with blank lines", "\n\n"), ("without blank lines", "\n")] where wanted("big") {
    let big = generatedText(paragraphs, bytes: bigMegabytes * 1_000_000, separator: separator, seed: 3)
    try big.write(toFile: path("big.txt"), atomically: false, encoding: .utf8)
    let bigSize = big.utf8.count
    let figures = runProcess([tradu, "prepare", path("big.txt"), "-o", path("big.xlf"), "--stats", "none"], stdoutPath: "/dev/null")
    let mbps = Double(bigSize) / 1e6 / figures.seconds
    print(String(format: "| prepare, one %d MB article %@ | %.2f | %.1f | %.2f | %d MB = %.1f × its size | ≤ 6 × size |",
                 bigSize / 1_000_000, title as NSString, figures.seconds, mbps, mbps / baseline,
                 figures.peakRSS >> 20, Double(figures.peakRSS) / Double(bigSize)))
    try? FileManager.default.removeItem(atPath: path("big.xlf"))
  }

  // Articles streamed as JSONL through a pipe: memory at a tenth of the stream and at all of it.
  let articles = generatedArticles(paragraphs, count: articleCount)
  let lines = articles.enumerated().map { articleLine(id: "article-\($0.offset + 1)", text: $0.element) }
  for streamed in [streamMegabytes / 10, streamMegabytes] where wanted("stream") {
    let limit = streamed * 1_000_000
    let figures = runProcess([tradu, "prepare", "--input-format", "jsonl", "--to", "jsonl", "-", "--stats", "none"]) { fd in
      var sent = 0
      var i = 0
      while sent < limit {
        let line = lines[i % lines.count]
        guard writeAll(fd, line) else { return }
        sent += line.count
        i += 1
      }
    }
    let mbps = Double(limit) / 1e6 / figures.seconds
    print(String(format: "| prepare --input-format jsonl --to jsonl, %d MB streamed | %.2f | %.1f | %.2f | %d MB | flat memory |",
                 streamed, figures.seconds, mbps, mbps / baseline, figures.peakRSS >> 20))
  }

  // A batch of small articles in a folder.
  if wanted("batch") {
    let folder = path("articles")
    var batchBytes = 0
    for (i, article) in articles.enumerated() {
      let sub = folder + "/\(i / 100)"
      try FileManager.default.createDirectory(atPath: sub, withIntermediateDirectories: true)
      try article.write(toFile: sub + "/article-\(i + 1).txt", atomically: false, encoding: .utf8)
      batchBytes += article.utf8.count
    }
    var batchBest: ProcessFigures? = nil
    for _ in 0..<runs {
      try? FileManager.default.removeItem(atPath: path("prepared"))
      let figures = runProcess([tradu, "prepare", folder, "-o", path("prepared"), "--stats", "none", "--progress", "none"], stdoutPath: "/dev/null")
      if batchBest == nil || figures.seconds < batchBest!.seconds { batchBest = figures }
    }
    let batchRate = Double(batchBytes) / 1e6 / batchBest!.seconds
    print(String(format: "| prepare DIR -o OUT: %d articles of 3–10 KB (%.1f MB) | %.2f (CPU %.2f) | %.1f | %.2f | %d MB | ≥ 0.2 × |",
                 articles.count, Double(batchBytes) / 1e6, batchBest!.seconds, batchBest!.cpuSeconds, batchRate,
                 batchRate / baseline, batchBest!.peakRSS >> 20))
  }

  // Start-up: one small article to standard output, time to the first byte.
  if wanted("startup") {
    try articles[0].write(toFile: path("small.txt"), atomically: false, encoding: .utf8)
    var firstBest = Double.infinity
    var wholeBest = Double.infinity
    for _ in 0..<max(runs, 5) {
      let figures = runProcess([tradu, "prepare", path("small.txt"), "-o", "-", "--stats", "none"], measuringMemory: false)
      firstBest = min(firstBest, figures.firstOutput ?? .infinity)
      wholeBest = min(wholeBest, figures.seconds)
    }
    print(String(format: "| start-up: prepare of one %.1f KB article, to its first output byte | %.3f (exit %.3f) | | | | ≤ 0.050 s |",
                 Double(articles[0].utf8.count) / 1e3, firstBest, wholeBest))
  }
  getloadavg(&load, 3)
  print(String(format: "load average at the end: %.2f %.2f %.2f", load[0], load[1], load[2]))
}
