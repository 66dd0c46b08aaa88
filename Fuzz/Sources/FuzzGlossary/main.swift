// Glossary readers (TSV, CSV, TBX; the first byte picks one), then the matcher compiled from
// what was read, run over a Romanian sentence and over the input itself.
import FuzzSupport
import Tradu

runFuzzer { data, size in
  let input = bytes(data, size)
  guard let first = input.first else { return 0 }
  let formats: [Glossary.Format] = [.tsv, .csv, .tbx]
  let format = formats[Int(first) % formats.count]
  let text = String(decoding: input.dropFirst(), as: UTF8.self)
  for lenient in [false, true] {
    guard let glossary = try? Glossary.parse(text, format: format, name: "fuzz", lenient: lenient) else { continue }
    let matcher = GlossaryMatcher(glossary)
    _ = try? matcher.matches(in: "Purtătorul de cuvânt al Kremlinului, Dmitri Peskov, a negat.")
    _ = try? matcher.matches(in: text)
    _ = try? GlossaryLinter.lint(glossary)
  }
  return 0
}
