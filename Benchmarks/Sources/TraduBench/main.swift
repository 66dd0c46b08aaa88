import Foundation
import Tradu

// Usage: tradu-bench [normalize|segment|prepare|prepare-total|glossary] [--mb N] [--input FILE]   (run from the repository root)
//        tradu-bench process [--mb N] [--big-mb N] [--stream-mb N] [--articles N] [--runs N] [--tradu PATH]
//          whole processes of the release binary: see ProcessBench.swift
//        tradu-bench align [--sentences N] [--runs N] [--tradu PATH] [--keep DIR]
//          `tradu align` on the development documents concatenated: see AlignBench.swift
//        tradu-bench memory-import [--units N] | memory-lookup [--units N] [--tm FILE] [--queries N]
//          the translation memory: see MemoryBench.swift
let arguments = CommandLine.arguments
// The memory's figures print raw ICU on 5 MB of the seed beside them: the machine's speed of the moment.
if let mode = arguments.dropFirst().first, mode.hasPrefix("memory-") {
  let units = arguments.firstIndex(of: "--units").flatMap { Int(arguments[$0 + 1]) }
  let baseline = try rawICUBaseline(try corpus(megabytes: 5))
  print(String(format: "raw ICU sentence breaking: %.0f MB/s", baseline))
  switch mode {
  case "memory-import":
    try benchmarkMemoryImport(units: units ?? 100_000)
  case "memory-lookup":
    let path = arguments.firstIndex(of: "--tm").map { arguments[$0 + 1] } ?? NSTemporaryDirectory() + "tradu-bench-1m.tm"
    let queries = arguments.firstIndex(of: "--queries").flatMap { Int(arguments[$0 + 1]) } ?? 2000
    try benchmarkMemoryLookup(units: units ?? 1_000_000, path: path, queries: queries)
  default:
    print("unknown mode \(mode): memory-import or memory-lookup")
    exit(64)
  }
  exit(0)
}
if arguments.dropFirst().first == "process" {
  try runProcessBenchmarks(arguments: arguments)
  exit(0)
}
if arguments.dropFirst().first == "align" {
  try runAlignBenchmark(arguments: arguments)
  exit(0)
}
let megabytes = arguments.firstIndex(of: "--mb").flatMap { Int(arguments[$0 + 1]) } ?? 20
let selected = Set(arguments.dropFirst().filter { !$0.hasPrefix("--") && Int($0) == nil && !$0.contains("/") })

let text = try corpus(megabytes: megabytes)
print("corpus: \(text.utf8.count / 1_000_000) MB of Romanian text, ICU \(ICU.version)")
let baseline = try rawICUBaseline(text)

func report(_ name: String, _ mbps: Double) {
  print(String(format: "  %@: %.2f × raw ICU", name, mbps / baseline))
}

if selected.isEmpty || selected.contains("normalize") {
  report("read + normalize", try benchmarkNormalize(text))
}

if selected.isEmpty || selected.contains("segment") {
  let segmenter = Segmenter()
  let mbps = try measure("tradu segment (paragraphs + sentences)", bytes: text.utf8.count) {
    blackHole(try segmenter.segment(text).paragraphs.count)
  }
  report("segment", mbps)
}

if selected.isEmpty || selected.contains("prepare") || selected.contains("prepare-total") {
  // `prepare-total`: the end-to-end figure alone (e.g. under a profiler).
  report("prepare", try benchmarkPrepare(text, stages: !selected.contains("prepare-total")))
}

if selected.isEmpty || selected.contains("glossary") {
  for (entries, mbps) in try benchmarkGlossary(text) {
    report("glossary match, \(entries) entries", mbps)
  }
}
