import Foundation
import Tradu

#if canImport(Glibc)
import Glibc
#endif

// The translation memory's figures (issue 18), beside raw ICU sentence breaking measured in
// the same run (main.swift):
//
//   tradu-bench memory-import [--units 100000] [--tradu PATH] [--eval DIR]
//     a TMX of generated units imported by the release `tradu tm import` (the whole process),
//     and the same file read and stored through the library.
//   tradu-bench memory-lookup [--units 1000000] [--tm FILE] [--queries 2000] [--eval DIR]
//     exact and fuzzy look-ups against a generated memory (built on the first run, reused after).
//
// Run from the repository root after `swift build -c release --package-path Benchmarks`.
// Sentences come from Samples/ and, when it is there, the evaluation sets (`--eval`, by default
// ../shared/eval): each unit is one of them with its names, numbers and one word varied, so
// every unit has near-duplicate distractors (the same sentence with other names, numbers or
// another word). Fuzzy queries are units with 1–3 other words changed.

/// A sentence the generated memories vary.
struct BenchSentence {
  /// Its words (split at spaces), normalized as the memory normalizes sources.
  var words: [String]
  var english: String?
  /// Capitalized words after the first (names), and numbers: varied between units.
  var nameSlots: [Int]
  var numberSlots: [Int]
  /// The one ordinary word that is varied between units.
  var variableWord: Int
  /// The ordinary words a query may change (never a slot varied between units, so the unit a
  /// query was made from is its only closest source).
  var editable: [Int]
}

/// Generated memory units and queries, the same on every run.
struct MemoryCorpus {
  var sentences: [BenchSentence]
  /// Words (lower case, letters only, 4 or more) that vary units and queries.
  var vocabulary: [String]
  /// Capitalized words seen after a sentence's first word.
  var names: [String]

  /// Loads the sentences of Samples/ and of the evaluation sets under `eval`.
  static func load(eval: String) throws -> MemoryCorpus {
    var pairs: [(String, String?)] = []
    let segmenter = Segmenter()
    func sentences(of text: String) throws -> [String] {
      try segmenter.segment(text).segments.map(\.text)
    }
    for sample in ["Samples/mediafax-musk-putin.ro.txt", "Samples/mediafax-musk-putin.v2.ro.txt", "Samples/hard-cases.ro.txt"] {
      pairs += try sentences(of: String(contentsOfFile: sample, encoding: .utf8)).map { ($0, nil) }
    }
    var evalFiles = 0
    for file in ["bilingual/data/docs.jsonl", "glossary/data/sentences.jsonl", "segmentation/data/rrt-dev.jsonl",
                 "segmentation/data/nonstandard-dev.jsonl", "segmentation/data/simonero-dev.jsonl"] {
      guard let text = try? String(contentsOfFile: eval + "/" + file, encoding: .utf8) else { continue }
      evalFiles += 1
      for line in text.split(separator: "\n") {
        guard let object = try? JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any] else { continue }
        if let ro = object["ro"] as? [String], let en = object["en"] as? [String], ro.count == en.count {
          pairs += zip(ro, en).map { ($0, $1) }
        } else if let text = object["text"] as? String {
          pairs += try sentences(of: text).map { ($0, nil) }
        }
      }
    }
    let normalizer = TextNormalizer()
    var seen: Set<String> = []
    var wordCounts: [String: Int] = [:]
    var nameSet: Set<String> = []
    var candidates: [(words: [String], english: String?)] = []
    for (ro, en) in pairs {
      let text = try normalizer.normalize(ro).text
      let words = text.split(whereSeparator: { $0.isWhitespace }).map(String.init)
      guard (6...45).contains(words.count), seen.insert(words.joined(separator: " ")).inserted else { continue }
      candidates.append((words, en))
      for (i, word) in words.enumerated() where isPlainWord(word) {
        if i > 0 && word.first!.isUppercase && word.count >= 4 {
          nameSet.insert(word)
        } else if word == word.lowercased() && word.count >= 4 {
          wordCounts[word, default: 0] += 1
        }
      }
    }
    var result: [BenchSentence] = []
    for (index, candidate) in candidates.enumerated() {
      let words = candidate.words
      var names: [Int] = [], numbers: [Int] = [], ordinary: [Int] = []
      for (i, word) in words.enumerated() {
        if word.allSatisfy(\.isNumber) && word.count <= 6 {
          numbers.append(i)
        } else if isPlainWord(word) && i > 0 && word.first!.isUppercase && !words[i - 1].hasSuffix(".") {
          names.append(i)
        } else if isPlainWord(word) && word == word.lowercased() && word.count >= 3 {
          ordinary.append(i)
        }
      }
      guard ordinary.count >= 5 else { continue }
      let variable = ordinary[index % ordinary.count]
      result.append(BenchSentence(words: words, english: candidate.english, nameSlots: Array(names.prefix(2)),
                                  numberSlots: Array(numbers.prefix(2)), variableWord: variable,
                                  editable: ordinary.filter { $0 != variable }))
    }
    let vocabulary = wordCounts.keys.sorted()
    print("memory corpus: \(result.count) sentences (\(evalFiles) evaluation files), \(vocabulary.count) words, \(nameSet.count) names")
    return MemoryCorpus(sentences: result, vocabulary: vocabulary, names: nameSet.sorted())
  }

  static func isPlainWord(_ word: String) -> Bool { !word.isEmpty && word.allSatisfy(\.isLetter) }

  /// Units per sentence for a memory of `units` units.
  func variants(of sentence: Int, units: Int) -> Int {
    units / sentences.count + (sentence < units % sentences.count ? 1 : 0)
  }

  /// Unit `k` of sentence `s`: the sentence with variable word number `k / 4` and name and
  /// number setting `k % 4` (1 setting when it has no names or numbers), so units of one
  /// sentence all differ and some differ by a name or number alone.
  func unit(_ s: Int, _ k: Int) -> (source: String, target: String) {
    let sentence = sentences[s]
    let settings = sentence.nameSlots.isEmpty && sentence.numberSlots.isEmpty ? 1 : 4
    let group = k / settings, setting = k % settings
    var words = sentence.words
    let hash = s &* 7919
    words[sentence.variableWord] = vocabulary[(hash + group) % vocabulary.count]
    for (n, slot) in sentence.nameSlots.enumerated() where !names.isEmpty {
      words[slot] = names[(hash + n * 101 + setting + group * settings) % names.count]
    }
    for (n, slot) in sentence.numberSlots.enumerated() {
      words[slot] = String(10 + (hash + n * 37 + setting * 13 + group * 53) % 9_000)
    }
    let source = words.joined(separator: " ")
    let target = (sentence.english ?? "[en] " + sentence.words.joined(separator: " ")) + " (\(s).\(k))"
    return (source, target)
  }

  /// The fuzzy query number `q`: a unit with `1 + q % 3` of its ordinary words replaced by
  /// other words (their first three letters differ, so none is an inflection of the old one).
  func fuzzyQuery(_ q: Int, units: Int) -> (text: String, expected: String, changed: Int) {
    var random = SplitMix(state: 0x5EED_0000 &+ UInt64(q))
    let s = Int(random.next() % UInt64(sentences.count))
    let k = Int(random.next() % UInt64(variants(of: s, units: units)))
    let expected = unit(s, k).source
    var words = expected.split(separator: " ").map(String.init)
    let changed = 1 + q % 3
    var positions = sentences[s].editable
    for n in 0..<changed {
      let pick = n + Int(random.next() % UInt64(positions.count - n))
      positions.swapAt(n, pick)
      let old = words[positions[n]]
      var replacement = old
      while fold(replacement).prefix(3) == fold(old).prefix(3) || words.contains(replacement) {
        replacement = vocabulary[Int(random.next() % UInt64(vocabulary.count))]
      }
      words[positions[n]] = replacement
    }
    return (words.joined(separator: " "), expected, changed)
  }

  /// The exact query number `q`: a unit's source, every other one written with cedillas (ş, ţ)
  /// as old archives write it, which the memory reads as the same text.
  func exactQuery(_ q: Int, units: Int) -> (text: String, expected: String) {
    var random = SplitMix(state: 0xE8AC_0000 &+ UInt64(q))
    let s = Int(random.next() % UInt64(sentences.count))
    let k = Int(random.next() % UInt64(variants(of: s, units: units)))
    let expected = unit(s, k).source
    guard q % 2 == 1 else { return (expected, expected) }
    let cedillas = String(expected.map { $0 == "ș" ? "ş" : $0 == "ț" ? "ţ" : $0 == "Ș" ? "Ş" : $0 == "Ț" ? "Ţ" : $0 })
    return (cedillas, expected)
  }

  func fold(_ word: String) -> String { word.folding(options: [.caseInsensitive, .diacriticInsensitive], locale: nil) }

  /// Every unit of a memory of `units` units, sentence by sentence, handed over in batches.
  func forEachBatch(units: Int, batch: Int = 20_000, _ body: ([MemoryUnit]) throws -> Void) rethrows {
    var pending: [MemoryUnit] = []
    pending.reserveCapacity(batch)
    for s in sentences.indices {
      for k in 0..<variants(of: s, units: units) {
        let (source, target) = unit(s, k)
        pending.append(MemoryUnit(source: source, target: target, origin: .import, document: "bench-\(s)",
                                  created: "2026-12-06T00:00:00Z"))
        if pending.count == batch {
          try body(pending)
          pending.removeAll(keepingCapacity: true)
        }
      }
    }
    if !pending.isEmpty { try body(pending) }
  }
}

/// Resident memory of this process now, in bytes (Linux `/proc/self/statm`).
func residentBytes() -> Int {
  guard let statm = try? String(contentsOfFile: "/proc/self/statm", encoding: .utf8) else { return 0 }
  let fields = statm.split(separator: " ")
  return fields.count > 1 ? (Int(fields[1]) ?? 0) * Int(sysconf(Int32(_SC_PAGESIZE))) : 0
}

/// Wall and CPU time from one moment on: on this shared 2-core machine the CPU time of a
/// one-thread loop is the figure that others' builds distort least.
struct Stopwatch {
  let wall = ContinuousClock.now
  let cpu = Stopwatch.cpuNow()

  static func cpuNow() -> Double {
    var time = timespec()
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &time)
    return Double(time.tv_sec) + Double(time.tv_nsec) / 1e9
  }

  var wallSeconds: Double {
    let elapsed = ContinuousClock.now - wall
    return Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
  }

  var cpuSeconds: Double { Stopwatch.cpuNow() - cpu }

  /// "N per s wall (M per s CPU)" for `count` things done.
  func rates(_ count: Int) -> String {
    String(format: "%.2f s wall = %.0f/s, %.2f s CPU = %.0f/s", wallSeconds, Double(count) / wallSeconds, cpuSeconds,
           Double(count) / cpuSeconds)
  }
}

func megabytes(_ bytes: Int) -> String { String(format: "%.1f MB", Double(bytes) / 1_000_000) }

/// The size of a file (0 when missing).
func fileBytes(_ path: String) -> Int {
  (try? FileManager.default.attributesOfItem(atPath: path)[.size] as? Int) ?? 0
}

func removeMemory(_ path: String) {
  for file in [path, path + "-wal", path + "-shm"] { try? FileManager.default.removeItem(atPath: file) }
}

func option(_ name: String) -> String? {
  let arguments = CommandLine.arguments
  return arguments.firstIndex(of: name).flatMap { $0 + 1 < arguments.count ? arguments[$0 + 1] : nil }
}

/// XML text with &, < and > escaped.
func xmlEscaped(_ text: String) -> String {
  text.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
    .replacingOccurrences(of: ">", with: "&gt;")
}

/// `tradu tm import` of a generated TMX of `units` units: the whole release process, then the
/// library alone on the same file.
func benchmarkMemoryImport(units: Int) throws {
  let corpus = try MemoryCorpus.load(eval: option("--eval") ?? "../shared/eval")
  let folder = NSTemporaryDirectory() + "tradu-bench-import-\(getpid())"
  try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
  defer { try? FileManager.default.removeItem(atPath: folder) }
  let tmx = folder + "/units.tmx"
  var text = """
    <?xml version="1.0" encoding="UTF-8"?>
    <tmx version="1.4"><header creationtool="tradu-bench" creationtoolversion="1" segtype="sentence" o-tmf="tradu-bench" adminlang="en" srclang="ro" datatype="plaintext"/>
    <body>

    """
  corpus.forEachBatch(units: units) { batch in
    for unit in batch {
      text += "<tu><tuv xml:lang=\"ro\"><seg>\(xmlEscaped(unit.source))</seg></tuv>"
      text += "<tuv xml:lang=\"en\"><seg>\(xmlEscaped(unit.target))</seg></tuv></tu>\n"
    }
  }
  text += "</body></tmx>\n"
  try text.write(toFile: tmx, atomically: true, encoding: .utf8)
  print("TMX: \(units) units, \(megabytes(text.utf8.count))")

  let tradu = option("--tradu") ?? ".build/release/tradu"
  if FileManager.default.isExecutableFile(atPath: tradu) {
    for run in 1...2 {
      let memory = folder + "/process-\(run).tm"
      let figures = runProcess([tradu, "tm", "import", tmx, "--tm", memory, "--date", "2026-12-06T00:00:00Z"])
      precondition(figures.status == 0, "tradu tm import failed (exit \(figures.status))")
      print(String(format: "tradu tm import (whole process), run %d: %.2f s wall, %.2f s CPU, %.0f units/s wall, peak RSS %@, file %@ (%.0f bytes/unit) + WAL %@",
                   run, figures.seconds, figures.cpuSeconds, Double(units) / figures.seconds, megabytes(figures.peakRSS),
                   megabytes(fileBytes(memory)), Double(fileBytes(memory)) / Double(units), megabytes(fileBytes(memory + "-wal"))))
    }
  } else {
    print("no tradu binary at \(tradu): `swift build -c release --product tradu` first, or pass --tradu PATH")
  }

  let memoryPath = folder + "/library.tm"
  let reading = Stopwatch()
  let read = try MemoryImport.read(path: tmx, date: "2026-12-06T00:00:00Z")
  print("library: read the TMX: " + reading.rates(units))
  let storing = Stopwatch()
  let memory = try TranslationMemory(path: memoryPath)
  let added = try memory.add(read.units)
  precondition(added.added == units, "expected \(units) new units, stored \(added.added)")
  print("library: store: " + storing.rates(units))
  print("library: read + store: " + reading.rates(units))
}

/// Exact and fuzzy look-ups against a generated memory of `units` units at `path`.
func benchmarkMemoryLookup(units: Int, path: String, queries: Int) throws {
  let corpus = try MemoryCorpus.load(eval: option("--eval") ?? "../shared/eval")
  var memory = try? TranslationMemory(path: path, create: false)
  if let existing = memory, (try? existing.statistics().units) != units || CommandLine.arguments.contains("--rebuild") {
    memory = nil
  }
  if memory == nil {
    removeMemory(path)
    let built = try TranslationMemory(path: path)
    let building = Stopwatch()
    var stored = 0
    try corpus.forEachBatch(units: units) { batch in
      stored += try built.add(batch).added
    }
    precondition(stored == units, "expected \(units) new units, stored \(stored)")
    try built.optimize(afterAdding: stored)
    print("built \(path), \(units) units (generated, stored, indexes optimized): " + building.rates(units))
    memory = built
  }
  let tm = memory!
  let bytes = fileBytes(path)
  print(String(format: "memory %@: %d units, %@, %.0f bytes/unit (+ WAL %@)", path, units, megabytes(bytes),
               Double(bytes) / Double(units), megabytes(fileBytes(path + "-wal"))))

  // Exact: `lookup` with one match wanted stops at an exact match; half the queries are
  // written with cedillas.
  let exactCount = max(queries * 10, 20_000)
  let exact = (0..<exactCount).map { corpus.exactQuery($0, units: units) }
  var rss = [("before the look-ups", residentBytes())]
  let exactTime = Stopwatch()
  var exactHits = 0
  for (text, expected) in exact {
    let match = try tm.lookup(text, limit: 1).first
    if match?.score == 100 && match?.unit.source == expected { exactHits += 1 }
  }
  print("exact look-ups, lookup(_:limit: 1), \(exactCount) segments: " + exactTime.rates(exactCount)
        + "; \(exactHits) found at 100")
  rss.append(("after \(exactCount) exact", residentBytes()))
  let exactOnlyTime = Stopwatch()
  var exactOnly = 0
  for (text, _) in exact { exactOnly += try tm.exactMatches(for: text).count }
  print("exactMatches(for:): " + exactOnlyTime.rates(exactCount))

  // Fuzzy: the default look-up (at most 5 matches, none below 70).
  let fuzzy = (0..<queries).map { corpus.fuzzyQuery($0, units: units) }
  var hits = [0, 0, 0, 0], asked = [0, 0, 0, 0], ties = 0, scoreTies = 0, absent = 0
  var missed: [String] = []
  let fuzzyTime = Stopwatch()
  for (q, query) in fuzzy.enumerated() {
    let matches = try tm.lookup(query.text)
    asked[query.changed] += 1
    if q == queries / 2 { rss.append(("after \(q) fuzzy", residentBytes())) }
    guard let top = matches.first else { absent += 1; continue }
    let tied = matches.count > 1 && matches[1].score == top.score && abs(matches[1].closeness - top.closeness) < 1e-9
    if matches.count > 1 && matches[1].score == top.score { scoreTies += 1 }
    if tied { ties += 1 }
    if top.unit.source == query.expected && !tied {
      hits[query.changed] += 1
    } else if missed.count < 12 {
      missed.append("  query: \(query.text)\n  wanted: \(query.expected)\n  top: \(top.unit.source) (\(top.score))"
                    + (tied ? "\n  tied with: \(matches[1].unit.source) (\(matches[1].score))" : ""))
    }
  }
  print("fuzzy look-ups, lookup(_:) (at most 5, none below 70), \(queries) segments: " + fuzzyTime.rates(queries))
  rss.append(("after \(queries) fuzzy", residentBytes()))
  let total = hits.reduce(0, +)
  print(String(format: "  top candidate is the unit the query was made from: %d of %d (%.2f %%); 1 word changed %d/%d, 2 words %d/%d, 3 words %d/%d",
               total, queries, 100 * Double(total) / Double(queries), hits[1], asked[1], hits[2], asked[2], hits[3], asked[3]))
  print("  ties with the second candidate (counted as misses): \(ties); same integer score, told apart by closeness: \(scoreTies - ties); no match ≥ 70: \(absent)")
  for miss in missed { print(miss) }
  // The misses once more (not timed): where the wanted unit ranks among 100 matches of any score.
  var wantedRanks: [String] = []
  var firstBelowTheFloor = 0
  for query in fuzzy {
    let matches = try tm.lookup(query.text, limit: 5)
    let tied = matches.count > 1 && matches[1].score == matches[0].score && abs(matches[1].closeness - matches[0].closeness) < 1e-9
    guard matches.first?.unit.source != query.expected || tied else { continue }
    let wide = try tm.lookup(query.text, minimumScore: 0, limit: 100)
    if let rank = wide.firstIndex(where: { $0.unit.source == query.expected }) {
      wantedRanks.append("#\(rank + 1) (\(wide[rank].score) vs \(wide[0].score))")
      let tiedBelow = wide.count > 1 && wide[1].score == wide[0].score && abs(wide[1].closeness - wide[0].closeness) < 1e-9
      if rank == 0 && !tiedBelow && wide[0].score < 70 { firstBelowTheFloor += 1 }
    } else {
      wantedRanks.append("not drawn")
    }
  }
  print("  misses, the wanted unit among 100 matches of any score: " + wantedRanks.joined(separator: ", "))
  print(String(format: "  top candidate at any score (minimum score 0): %d of %d (%.2f %%); %d made-from units score below 70 against their query",
               total + firstBelowTheFloor, queries, 100 * Double(total + firstBelowTheFloor) / Double(queries), firstBelowTheFloor))
  print("RSS: " + rss.map { "\($0.0) \(megabytes($0.1))" }.joined(separator: ", "))

  // The whole process: `tradu tm lookup --jsonl` answering the fuzzy queries.
  let tradu = option("--tradu") ?? ".build/release/tradu"
  guard FileManager.default.isExecutableFile(atPath: tradu) else { return }
  var lines: [UInt8] = []
  for (q, query) in fuzzy.enumerated() {
    var object = "{\"id\":\"\(q)\",\"text\":\""
    for scalar in query.text.unicodeScalars {
      switch scalar {
      case "\"": object += "\\\""
      case "\\": object += "\\\\"
      default: object.unicodeScalars.append(scalar)
      }
    }
    lines += Array((object + "\"}\n").utf8)
  }
  let input = lines
  let figures = runProcess([tradu, "tm", "lookup", "--jsonl", "--tm", path], feed: { fd in _ = writeAll(fd, input) })
  print(String(format: "tradu tm lookup --jsonl (whole process, %d fuzzy queries): %.2f s wall = %.0f/s, %.2f s CPU = %.0f/s, peak RSS %@",
               queries, figures.seconds, Double(queries) / figures.seconds, figures.cpuSeconds,
               Double(queries) / figures.cpuSeconds, megabytes(figures.peakRSS)))
}
