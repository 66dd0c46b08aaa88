// SRX rules from a user, then segmentation with them under a short time budget: segments and
// gaps still give back the text.
import Foundation
import FuzzSupport
import Tradu

runFuzzer { data, size in
  guard let rules = try? SRX.rules(from: Data(bytes(data, size)), language: "ro", path: "fuzz.srx") else { return 0 }
  var segmenter = Segmenter(locale: "ro", rules: rules)
  segmenter.regexTimeBudget = .milliseconds(100)
  let text = "Dl. Popescu a venit la 10.30. A plecat apoi! Ce? Nu știu... „Da”, a spus el.\n\nAaaaaaaaaaaaaaaaaaaaaaaaab c."
  if let segmented = try? segmenter.segment(text) {
    require(segmented.reassembled() == text, "segments + gaps differ from the input")
  }
  return 0
}
