import Foundation
import Tradu

/// Glossary loading and matching for generated glossaries of 1k, 10k and 100k entries over the
/// same text; returns (entries, match MB/s) per size for the report.
func benchmarkGlossary(_ text: String) throws -> [(entries: Int, mbps: Double)] {
  _ = try measure("raw ICU: UTF-8→UTF-16 + word breaks", bytes: text.utf8.count) {
    let units = Array(text.utf16)
    blackHole(try ICU.boundaries(.word, in: units, locale: "ro").count)
  }
  var results: [(Int, Double)] = []
  for size in [1_000, 10_000, 100_000] {
    let tsv = generatedGlossaryTSV(entries: size)
    var glossary = Glossary(entries: [])
    let loadStart = ContinuousClock.now
    glossary = try Glossary.parse(tsv, format: .tsv, name: "generated-\(size).tsv")
    let loadSeconds = seconds(ContinuousClock.now - loadStart)
    let compileStart = ContinuousClock.now
    let matcher = GlossaryMatcher(glossary)
    let compileSeconds = seconds(ContinuousClock.now - compileStart)
    print(String(format: "glossary %6d entries: read %.3f s (%.0f entries/s), compile %.3f s (%.0f entries/s)",
                 glossary.entries.count, loadSeconds, Double(glossary.entries.count) / loadSeconds,
                 compileSeconds, Double(glossary.entries.count) / compileSeconds))
    var found = 0
    let mbps = try measure("  match with \(size) entries", bytes: text.utf8.count) {
      found = try matcher.matches(in: text).count
    }
    print("    \(found) matches")
    results.append((size, mbps))
  }
  return results
}

private func seconds(_ d: Duration) -> Double {
  Double(d.components.seconds) + Double(d.components.attoseconds) / 1e18
}

/// A TSV glossary of `entries` rows: the names of the seed article (so the text has matches)
/// and made-up Romanian-looking names, one to four words, of every type.
func generatedGlossaryTSV(entries: Int) -> String {
  let real = [
    ("Kremlin", "Kremlin", "ORG"), ("Vladimir Putin", "Vladimir Putin", "PERSON"), ("Putin", "Putin", "PERSON"),
    ("Elon Musk", "Elon Musk", "PERSON"), ("Musk", "Musk", "PERSON"), ("SpaceX", "SpaceX", "ORG"),
    ("Ucraina", "Ukraine", "GPE"), ("Kiev", "Kyiv", "GPE"), ("Moscova", "Moscow", "GPE"),
    ("Starlink", "Starlink", "PRODUCT"), ("Donald Trump", "Donald Trump", "PERSON"),
    ("Volodimir Zelenski", "Volodymyr Zelensky", "PERSON"), ("Dmitri Peskov", "Dmitry Peskov", "PERSON"),
    ("Taiwan", "Taiwan", "GPE"), ("Xi Jinping", "Xi Jinping", "PERSON"), ("SUA", "US", "GPE"),
  ]
  let syllables = ["ba", "ra", "to", "mi", "ne", "cu", "la", "vi", "șo", "ță", "gre", "stan", "dor", "bu", "că", "le",
                   "pe", "sa", "ti", "mo", "ri", "ză", "no", "fe", "lu", "ga", "de", "zi", "ol", "ian"]
  let endings = ["", "ul", "a", "ia", "escu", "eanu", "ești", "ău", "ea", "ic"]
  let types = ["PERSON", "ORG", "GPE", "LOC", "PRODUCT", "EVENT", "TERM"]
  var state: UInt64 = 0x9E37_79B9_7F4A_7C15
  func next(_ n: Int) -> Int {
    state = state &* 6364136223846793005 &+ 1442695040888963407
    return Int((state >> 33) % UInt64(n))
  }
  func word() -> String {
    var w = ""
    for _ in 0..<(2 + next(3)) { w += syllables[next(syllables.count)] }
    w += endings[next(endings.count)]
    return w.prefix(1).uppercased() + w.dropFirst()
  }
  var out = "id\tsource\ttarget\ttype\tstatus\tdnt\tmatch\tforms\tnote\n"
  for (i, (source, target, type)) in real.prefix(entries).enumerated() {
    out += "r\(i)\t\(source)\t\(target)\t\(type)\tpreferred\t\t\t\t\n"
  }
  for i in 0..<max(0, entries - real.count) {
    let words = (0..<(1 + next(4))).map { _ in word() }.joined(separator: " ")
    out += "g\(i)\t\(words)\t\(words) (en)\t\(types[next(types.count)])\tpreferred\t\t\t\t\n"
  }
  return out
}
