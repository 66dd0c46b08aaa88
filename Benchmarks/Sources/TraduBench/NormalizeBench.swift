import Foundation
import Tradu

/// Decoding and normalizing a large Romanian text (the seed repeated: 38 cedilla fixes, an
/// artefact and three NBSPs every 3 KB), beside raw ICU NFC on the same text.
///
/// Returns the throughput of decode + normalize in MB/s; prints the parts, ICU's figure and the
/// worst case (mojibake, which takes the ICU pass).
func benchmarkNormalize(_ text: String) throws -> Double {
  let bytes = Array(text.utf8)
  let normalizer = TextNormalizer()
  let nfc = try measure("raw ICU: UTF-8→UTF-16 + NFC", bytes: bytes.count) {
    let units = Array(text.utf16)
    blackHole(try ICU.normalize(units, to: .nfc).count)
  }
  print(String(format: "  raw ICU NFC: %.2f × raw ICU sentence breaks", nfc / baseline))
  let decode = try measure("tradu read: validate + decode UTF-8", bytes: bytes.count) {
    blackHole(try TextReader.decode(bytes, name: "corpus").text.utf8.count)
  }
  print(String(format: "  read: %.2f × raw ICU sentence breaks", decode / baseline))
  let document = try TextReader.decode(bytes, name: "corpus")
  let normalizeOnly = try measure("tradu normalize (default profile)", bytes: bytes.count) {
    blackHole(try normalizer.normalize(document).edits.count)
  }
  print(String(format: "  normalize: %.2f × raw ICU sentence breaks", normalizeOnly / baseline))
  let all = try measure("tradu read + normalize", bytes: bytes.count) {
    let document = try TextReader.decode(bytes, name: "corpus")
    blackHole(try normalizer.normalize(document).edits.count)
  }
  let edits = try normalizer.normalize(document).edits.count
  print("  (\(edits) edits)")
  // The same text as mojibake (UTF-8 read as Latin-1 and saved again): the ICU pass, with a
  // repair for every non-ASCII character. Measured per byte of the clean text.
  let mojibake = String(decoding: text.utf8.map { UInt16($0) }, as: UTF16.self)
  let repaired = try measure("tradu normalize, mojibake input (ICU pass)", bytes: bytes.count) {
    blackHole(try normalizer.normalize(mojibake).edits.count)
  }
  print(String(format: "  mojibake repair: %.2f × raw ICU sentence breaks", repaired / baseline))
  return all
}
