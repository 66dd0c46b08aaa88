import Tradu

/// `tradu prepare` end to end in memory: decode and fingerprint the bytes, normalize, segment,
/// match the default glossary, and render XLIFF 2.1 (what the CLI does, minus the file I/O).
/// Prints the stages too, each measured alone, to show where the time goes.
func benchmarkPrepare(_ text: String) throws -> Double {
  let bytes = Array(text.utf8)
  let preparer = Preparer(glossary: .default)
  let writer = XLIFFWriter(version: .v2_1, stamp: ExportStamp(toolVersion: "bench"))
  let normalized = try TextNormalizer().normalize(text)
  let matcher = GlossaryMatcher(.default)
  let prepared = try preparer.prepare(bytes: bytes, name: "corpus.txt")
  _ = try measure("  stage: normalize", bytes: bytes.count, runs: 1) {
    blackHole(try TextNormalizer().normalize(text).edits.count)
  }
  _ = try measure("  stage: segment + boilerplate", bytes: bytes.count, runs: 1) {
    blackHole(try BoilerplateDetector().marking(try Segmenter().segment(normalized.text)).paragraphs.count)
  }
  _ = measure("  stage: glossary matches", bytes: bytes.count, runs: 1) {
    blackHole(matcher.matches(in: normalized.text).count)
  }
  _ = measure("  stage: render XLIFF 2.1", bytes: bytes.count, runs: 1) {
    blackHole(writer.render(prepared).utf8.count)
  }
  // Most stages cut UTF-16 ranges back into Strings; the standard library's transcoder is
  // slow on non-ASCII text. Same slices (the segments), two decoders:
  let units = Array(normalized.text.utf16)
  let ranges = try Segmenter().segment(normalized.text).segments.map(\.range)
  _ = measure("  String(decoding:as: UTF16.self) per segment", bytes: bytes.count, runs: 1) {
    var total = 0
    for r in ranges { total &+= String(decoding: units[r], as: UTF16.self).utf8.count }
    blackHole(total)
  }
  _ = measure("  String(utf16CodeUnits:) per segment", bytes: bytes.count, runs: 1) {
    var total = 0
    for r in ranges { total &+= String(utf16CodeUnits: units[r]).utf8.count }
    blackHole(total)
  }
  var plain = prepared
  for u in plain.units.indices { for s in plain.units[u].segments.indices { plain.units[u].segments[s].glossaryMatches = [] } }
  _ = measure("  stage: render XLIFF 2.1 without terms", bytes: bytes.count, runs: 1) {
    blackHole(writer.render(plain).utf8.count)
  }
  _ = measure("  stage: render JSON", bytes: bytes.count, runs: 1) {
    blackHole(JSONExporter(stamp: ExportStamp(toolVersion: "bench")).render(prepared).utf8.count)
  }
  return try measure("tradu prepare (default glossary) → XLIFF 2.1", bytes: bytes.count) {
    let prepared = try preparer.prepare(bytes: bytes, name: "corpus.txt")
    blackHole(writer.render(prepared).utf8.count)
  }
}
