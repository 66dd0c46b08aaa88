import Foundation
import Tradu

/// `tradu prepare` end to end in memory: decode and fingerprint the bytes, normalize, segment,
/// mark boilerplate, match the default glossary, and render XLIFF 2.1 a block at a time, as
/// the CLI hands it to the file (what the CLI does, minus the file I/O and the summary on
/// standard error).
///
/// With `stages`, first prints each stage measured alone, to show where the time goes; the
/// stages that `Preparer` runs side by side (segmentation and glossary matching) add up to
/// more than the whole.
func benchmarkPrepare(_ text: String, stages: Bool = true) throws -> Double {
  let bytes = Array(text.utf8)
  let preparer = Preparer(glossary: .default)
  let writer = XLIFFWriter(version: .v2_1, stamp: ExportStamp(toolVersion: "bench"))
  if stages {
    let normalized = try TextNormalizer().normalize(text)
    let segmented = try Segmenter().segment(normalized.text)
    let detector = try BoilerplateDetector()
    let matcher = GlossaryMatcher(.default)
    let prepared = try preparer.prepare(bytes: bytes, name: "corpus.txt")
    _ = try measure("  stage: normalize", bytes: bytes.count, runs: 3) {
      blackHole(try TextNormalizer().normalize(text).edits.count)
    }
    _ = try measure("  stage: segment", bytes: bytes.count, runs: 3) {
      blackHole(try Segmenter().segment(normalized.text).paragraphs.count)
    }
    _ = try measure("  stage: boilerplate", bytes: bytes.count, runs: 3) {
      blackHole(try detector.matches(in: segmented).count)
    }
    _ = try measure("  stage: glossary matches", bytes: bytes.count, runs: 3) {
      blackHole(try matcher.matches(in: normalized.text).count)
    }
    _ = try measure("  prepare without glossary", bytes: bytes.count, runs: 3) {
      blackHole(try Preparer().prepare(bytes: bytes, name: "corpus.txt").units.count)
    }
    _ = try measure("  prepare with glossary (no render)", bytes: bytes.count, runs: 3) {
      blackHole(try preparer.prepare(bytes: bytes, name: "corpus.txt").units.count)
    }
    measureRender("  stage: render XLIFF 2.1", bytes: bytes.count) { writer.renderUTF8(prepared).count }
    measureRender("  stage: render XLIFF 2.1 in blocks", bytes: bytes.count) { renderedSize(prepared, writer) }
    var plain = prepared
    for u in plain.units.indices {
      for s in plain.units[u].segments.indices { plain.units[u].segments[s].glossaryMatches = [] }
    }
    measureRender("  stage: render XLIFF 2.1 without terms", bytes: bytes.count) { writer.renderUTF8(plain).count }
    measureRender("  stage: render XLIFF 1.2", bytes: bytes.count) {
      XLIFFWriter(version: .v1_2, stamp: ExportStamp(toolVersion: "bench")).renderUTF8(prepared).count
    }
    measureRender("  stage: render JSON", bytes: bytes.count) {
      JSONExporter(stamp: ExportStamp(toolVersion: "bench")).renderUTF8(prepared).count
    }
    _ = try measure("  stage: statistics (CLI summary)", bytes: bytes.count, runs: 3) {
      blackHole(try PreparationStatistics(prepared).words)
    }
  }
  return try measure("tradu prepare (default glossary) → XLIFF 2.1", bytes: bytes.count) {
    let prepared = try preparer.prepare(bytes: bytes, name: "corpus.txt")
    blackHole(renderedSize(prepared, writer))
  }
}

/// The size of `document` in XLIFF, rendered a block at a time as the CLI writes it.
func renderedSize(_ document: PreparedDocument, _ writer: XLIFFWriter) -> Int {
  var size = 0
  writer.renderUTF8(document) { size += $0.count }
  return size
}

/// A render stage: its throughput as ``measure`` prints it, then the least CPU time of the
/// process in a run (both halves' threads added up), since on two cores the end-to-end figure
/// pays for CPU time, whatever the wall clock of one stage shows.
func measureRender(_ title: String, bytes: Int, _ render: () -> Int) {
  var bestCPU = Double.infinity
  _ = measure(title, bytes: bytes, runs: 3) {
    let start = processCPUSeconds()
    blackHole(render())
    bestCPU = min(bestCPU, processCPUSeconds() - start)
  }
  print(String(format: "%-44@ %9.3f s CPU (best of 3)", "    the same, CPU time of both threads" as NSString, bestCPU))
}

/// The CPU time (user and system) the process has used so far, in seconds.
func processCPUSeconds() -> Double {
  var usage = rusage()
  getrusage(RUSAGE_SELF.rawValue, &usage)
  let user = Double(usage.ru_utime.tv_sec) + Double(usage.ru_utime.tv_usec) / 1e6
  let system = Double(usage.ru_stime.tv_sec) + Double(usage.ru_stime.tv_usec) / 1e6
  return user + system
}
