// Segmentation: the segments and the gaps between them give back the text, character for
// character, whatever the text.
import FuzzSupport
import Tradu

runFuzzer { data, size in
  let text = String(decoding: bytes(data, size), as: UTF8.self)
  guard let segmented = try? Segmenter().segment(text) else { return 0 }
  require(segmented.reassembled() == text, "segments + gaps differ from the input")
  require(segmented.segments.allSatisfy { !$0.text.isEmpty }, "an empty segment")
  return 0
}
