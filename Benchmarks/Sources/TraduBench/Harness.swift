import Foundation
import Tradu

/// Measures the throughput of `body` over `bytes` bytes of input: the best of `runs` runs.
func measure(_ title: String, bytes: Int, runs: Int = 3, _ body: () throws -> Void) rethrows -> Double {
  var best = Double.infinity
  for _ in 0..<runs {
    let start = ContinuousClock.now
    try body()
    let elapsed = ContinuousClock.now - start
    let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
    best = min(best, seconds)
  }
  let mbps = Double(bytes) / 1_000_000 / best
  print(String(format: "%-44@ %9.1f MB/s  (%.3f s best of %d)", title as NSString, mbps, best, runs))
  return mbps
}

/// Keeps the optimizer from deleting a computation whose result is unused.
@inline(never) func blackHole<T>(_ value: T) { withExtendedLifetime(value) {} }

/// A large Romanian text: the seed article (or `--input FILE`) repeated to at least `megabytes`.
func corpus(megabytes: Int) throws -> String {
  let arguments = CommandLine.arguments
  let path = arguments.firstIndex(of: "--input").map { arguments[$0 + 1] } ?? "Samples/mediafax-musk-putin.ro.txt"
  let seed = try String(contentsOfFile: path, encoding: .utf8)
  var text = ""
  text.reserveCapacity(megabytes * 1_000_000 + seed.utf8.count)
  while text.utf8.count < megabytes * 1_000_000 { text += seed + "\n\n" }
  return text
}

/// Raw ICU sentence breaking on the same text, UTF-8 → UTF-16 conversion included: the limit
/// every figure is quoted against. It converts with `[UInt16](utf16Of:)`, the library's
/// conversion that the segmenter uses too; `Array(text.utf16)` is printed for reference.
func rawICUBaseline(_ text: String) throws -> Double {
  _ = try measure("  (raw ICU with Array(text.utf16), for reference)", bytes: text.utf8.count) {
    let units = Array(text.utf16)
    blackHole(try ICU.boundaries(.sentence, in: units, locale: "ro").count)
  }
  return try measure("raw ICU: UTF-8→UTF-16 + sentence breaks", bytes: text.utf8.count) {
    let units = [UInt16](utf16Of: text)
    blackHole(try ICU.boundaries(.sentence, in: units, locale: "ro").count)
  }
}
