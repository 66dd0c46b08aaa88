import Foundation
import Tradu

#if canImport(Glibc)
import Glibc
#endif

// `tradu-bench align [--sentences 10000] [--runs 3] [--tradu PATH]`, from the repository root,
// after `swift build -c release`: the release `tradu align` as whole processes on one document
// pair made by concatenating the development documents of `../shared/eval/bilingual` (repeated
// until both sides together hold at least `--sentences` sentences). Two runs of each shape:
//   - `align --jsonl`: the evaluation protocol, one JSONL line holding the whole pair;
//   - `align ro.txt en.txt --to tmx`: two plain texts, one paragraph per development document,
//     as a user runs it (reading, normalizing and segmenting both sides included).
// Sentences per second count Romanian plus English sentences, as the evaluation harness does.
// The generated pair and its gold links are kept in the work folder when `--keep DIR` is given,
// so that `evaluate_alignment.py --test … --gold …` can score the same file.

/// The development documents, each `(ro, en, gold links)`, in file order.
func alignmentDocuments() throws -> [(ro: [String], en: [String], links: [[[Int]]])] {
  let base = "../shared/eval/bilingual/data/"
  func lines(_ name: String) throws -> [[String: Any]] {
    try String(contentsOfFile: base + name, encoding: .utf8).split(separator: "\n").map {
      try JSONSerialization.jsonObject(with: Data($0.utf8)) as! [String: Any]
    }
  }
  let gold = Dictionary(uniqueKeysWithValues: try lines("align_gold.jsonl").map {
    ($0["doc_id"] as! String, $0["links"] as! [[[Int]]])
  })
  return try lines("align_test.jsonl").map {
    ($0["ro"] as! [String], $0["en"] as! [String], gold[$0["doc_id"] as! String] ?? [])
  }
}

func runAlignBenchmark(arguments: [String]) throws {
  func option(_ name: String) -> String? { arguments.firstIndex(of: name).map { arguments[$0 + 1] } }
  let wanted = option("--sentences").flatMap(Int.init) ?? 10_000
  let runs = option("--runs").flatMap(Int.init) ?? 3
  let tradu = option("--tradu") ?? ".build/release/tradu"
  guard FileManager.default.isExecutableFile(atPath: tradu) else {
    print("no tradu binary at \(tradu): run `swift build -c release` first, or pass --tradu PATH")
    exit(64)
  }
  let documents = try alignmentDocuments()
  // Concatenate whole documents, shifting each one's gold indices by the sentences before it.
  var ro: [String] = [], en: [String] = [], links: [[[Int]]] = []
  var roParagraphs: [String] = [], enParagraphs: [String] = []
  while ro.count + en.count < wanted {
    for document in documents where ro.count + en.count < wanted {
      let (roShift, enShift) = (ro.count, en.count)
      links += document.links.map { [$0[0].map { $0 + roShift }, $0[1].map { $0 + enShift }] }
      ro += document.ro
      en += document.en
      roParagraphs.append(document.ro.joined(separator: " "))
      enParagraphs.append(document.en.joined(separator: " "))
    }
  }
  let work = option("--keep") ?? FileManager.default.temporaryDirectory.appendingPathComponent("tradu-align-bench-\(getpid())").path
  try FileManager.default.createDirectory(atPath: work, withIntermediateDirectories: true)
  defer { if option("--keep") == nil { try? FileManager.default.removeItem(atPath: work) } }
  func path(_ name: String) -> String { work + "/" + name }

  func jsonLine(_ build: (inout JSONWriter) -> Void) -> String {
    var json = JSONWriter()
    json.beginObject()
    build(&json)
    json.endObject()
    return String(decoding: json.bytes, as: UTF8.self) + "\n"
  }
  let pair = jsonLine { json in
    json.field("doc_id", "dev:concatenated")
    json.field("ro", ro)
    json.field("en", en)
  }
  try pair.write(toFile: path("align_test.jsonl"), atomically: false, encoding: .utf8)
  let goldData = try JSONSerialization.data(withJSONObject: ["doc_id": "dev:concatenated", "links": links])
  try (String(decoding: goldData, as: UTF8.self) + "\n").write(toFile: path("align_gold.jsonl"), atomically: false, encoding: .utf8)
  try (roParagraphs.joined(separator: "\n\n") + "\n").write(toFile: path("ro.txt"), atomically: false, encoding: .utf8)
  try (enParagraphs.joined(separator: "\n\n") + "\n").write(toFile: path("en.txt"), atomically: false, encoding: .utf8)

  let sentences = ro.count + en.count
  var load = [Double](repeating: 0, count: 3)
  getloadavg(&load, 3)
  print("pair: \(documents.count) development documents concatenated to \(ro.count) Romanian + \(en.count) English = \(sentences) sentences (\(pair.utf8.count / 1000) KB of JSONL), \(ProcessInfo.processInfo.activeProcessorCount) cores")
  print(String(format: "load average at start: %.2f %.2f %.2f", load[0], load[1], load[2]))
  let baseline = try rawICUBaseline(roParagraphs.joined(separator: "\n\n"))
  print("")
  print("| whole process (best of \(runs)) | seconds | sentences/s | × raw ICU (by bytes) | peak RSS | target |")
  print("| --- | ---: | ---: | ---: | ---: | --- |")
  func row(_ title: String, _ arguments: [String], stdin: String? = nil, bytes: Int) {
    var best: ProcessFigures? = nil
    for _ in 0..<runs {
      // Each run writes a new file: Tradu refuses to replace an aligned TMX (it holds translations).
      try? FileManager.default.removeItem(atPath: path("aligned.tmx"))
      let figures = runProcess([tradu] + arguments, stdinPath: stdin, stdoutPath: path("out"))
      if figures.status > 1 { print("| \(title) | exit \(figures.status) | | | | |"); return }
      if best == nil || figures.seconds < best!.seconds { best = figures }
    }
    let figures = best!
    let mbps = Double(bytes) / 1e6 / figures.seconds
    print(String(format: "| %@ | %.3f | %.0f | %.3f | %d MB | ≥ 10,000 sentences/s |", title as NSString,
                 figures.seconds, Double(sentences) / figures.seconds, mbps / baseline, figures.peakRSS >> 20))
  }
  let textBytes = try FileManager.default.attributesOfItem(atPath: path("ro.txt"))[.size] as! Int
    + (try FileManager.default.attributesOfItem(atPath: path("en.txt"))[.size] as! Int)
  row("align --jsonl (evaluation protocol)", ["align", "--jsonl"], stdin: path("align_test.jsonl"), bytes: pair.utf8.count)
  row("align ro.txt en.txt --to tmx", ["align", path("ro.txt"), path("en.txt"), "-o", path("aligned.tmx")], bytes: textBytes)
  getloadavg(&load, 3)
  print(String(format: "load average at the end: %.2f %.2f %.2f", load[0], load[1], load[2]))
  if option("--keep") != nil {
    print("kept in \(work): score with python3 ../shared/eval/bilingual/evaluate_alignment.py --test \(path("align_test.jsonl")) --gold \(path("align_gold.jsonl")) --cmd \"\(tradu) align --jsonl\"")
  }
}
