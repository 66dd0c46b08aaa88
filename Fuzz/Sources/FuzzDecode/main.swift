// Text reading and normalization: any bytes are decoded (or refused with a TraduError), and the
// normalizer's offset map sends every offset of the normalized text into the original.
import FuzzSupport
import Tradu

runFuzzer { data, size in
  let input = bytes(data, size)
  guard let document = try? TextReader.decode(input, name: "fuzz.txt") else { return 0 }
  guard let normalized = try? TextNormalizer().normalize(document) else { return 0 }
  let originalLength = normalized.original.unicodeScalars.count
  let length = normalized.text.unicodeScalars.count
  for offset in stride(from: 0, through: length, by: max(1, length / 64)) {
    let mapped = normalized.originalOffset(of: offset)
    require(mapped >= 0 && mapped <= originalLength, "offset \(offset) maps to \(mapped), outside 0...\(originalLength)")
  }
  require(normalized.originalOffset(of: 0) <= normalized.originalOffset(of: length), "the offset map runs backwards")
  return 0
}
