import Tradu

/// `tradu prepare` end to end in memory: decode and fingerprint the bytes, segment, match the
/// glossary, and render XLIFF 2.1 (what the CLI does, minus the file I/O).
func benchmarkPrepare(_ text: String) throws -> Double {
  let bytes = Array(text.utf8)
  let preparer = Preparer(glossary: .default)
  let writer = XLIFFWriter(version: .v2_1, stamp: ExportStamp(toolVersion: "bench"))
  return try measure("tradu prepare (default glossary) → XLIFF 2.1", bytes: bytes.count) {
    let prepared = try preparer.prepare(bytes: bytes, name: "corpus.txt")
    blackHole(writer.render(prepared).utf8.count)
  }
}
