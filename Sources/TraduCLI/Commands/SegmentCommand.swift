import ArgumentParser
import Foundation
import Tradu

/// `tradu segment`: paragraphs and sentences, one segment per line.
struct SegmentCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "segment",
    abstract: "Cut a Romanian text into paragraphs and sentence segments.",
    discussion: """
      Prints one segment per line with its id (p{paragraph}.s{sentence}). With --jsonl, reads
      {"id","text"} objects from standard input, one per line, and answers each with
      {"id","sentences"} (the evaluation protocol; the text is segmented as given).

      A file is normalized first (see 'tradu normalize': comma-below letters, invisible
      characters removed), so segments show the text the author meant; --no-normalize
      segments it exactly as read. In --format json, "start"/"end" are code point offsets
      into the file's own text either way, and boilerplate paragraphs (site notices) have
      "translatable": false.

      Sentence breaks come from ICU, corrected by Tradu's rules for the --locale's language
      (Rules/romanian.rules, or Rules/english.rules for --locale en; compiled in). --rules
      replaces them with a rules file in Tradu's format or in SRX 2.0; --export-rules prints
      the active rules in either format, to start a file of your own.

      Examples:
        tradu segment Samples/mediafax-musk-putin.ro.txt
        tradu segment --format json article.txt > segments.json
        tradu segment --no-normalize --encoding windows-1250 old-article.txt
        echo '{"id":"1","text":"Dl. Popescu a venit. A plecat."}' | tradu segment --jsonl
        tradu segment --locale en article.en.txt
        tradu segment --export-rules srx > romanian.srx
        tradu segment --rules my-rules.srx article.txt
      """
  )

  enum Format: String, ExpressibleByArgument, CaseIterable {
    case text, json
  }

  @Argument(help: "The text file to segment, or '-' for standard input.")
  var input: String?

  @Option(help: "Output format: text (id, tab, segment) or json.")
  var format: Format = .text

  @Flag(help: "Stream the JSONL protocol: {\"id\",\"text\"} lines in, {\"id\",\"sentences\"} lines out.")
  var jsonl = false

  @Option(help: "ICU locale for sentence breaking (and the language picked from an SRX file).")
  var locale = "ro"

  @Flag(name: .customLong("no-normalize"), help: "Segment the text exactly as read, without normalizing it.")
  var noNormalize = false

  @OptionGroup var normalization: NormalizationArguments

  @Option(help: ArgumentHelp("Segmentation rules: a Tradu .rules file or an SRX 2.0 file.", valueName: "file"))
  var rules: String?

  enum RulesFormat: String, ExpressibleByArgument, CaseIterable {
    case srx, tradu
  }

  @Option(help: ArgumentHelp("Print the active rules as srx or tradu and exit.", valueName: "format"))
  var exportRules: RulesFormat?

  func validate() throws {
    if exportRules != nil {
      if input != nil || jsonl { throw ValidationError("--export-rules prints rules only; do not name a file or --jsonl.") }
      return
    }
    if jsonl && input != nil {
      throw ValidationError("--jsonl reads standard input; do not name a file.")
    }
    if !jsonl && input == nil {
      throw ValidationError("Name a text file to segment, or '-' for standard input.")
    }
  }

  func run() throws {
    let activeRules = try reportingErrors { () throws -> SegmentationRules in
      guard let rules else { return .builtIn(for: locale) }
      return try SegmentationRules.load(path: rules, language: locale)
    }
    if let exportRules {
      var out = OutputBuffer()
      switch exportRules {
      case .srx: out.write(SRX.document(for: activeRules))
      case .tradu: out.write(activeRules.formatted())
      }
      out.flush()
      return
    }
    let segmenter = Segmenter(locale: locale, rules: activeRules)
    if jsonl {
      try runJSONL(segmenter)
      return
    }
    let options = try normalization.normalizationOptions()
    try reportingErrors {
      let document = try normalization.read(input ?? "-", language: locale)
      let normalized = noNormalize ? nil : try TextNormalizer(options: options).normalize(document)
      let segmented = try BoilerplateDetector().marking(try segmenter.segment(normalized?.text ?? document.text))
      var out = OutputBuffer()
      switch format {
      case .text:
        for segment in segmented.segments {
          out.write("\(segment.id)\t\(segment.text)\n")
        }
      case .json:
        out.write(try segmentsJSON(segmented, normalized: normalized, name: document.name))
      }
      out.flush()
    }
  }

  /// The segments as JSON; offsets point into the original text even when the segments'
  /// text is normalized.
  private func segmentsJSON(_ segmented: SegmentedText, normalized: NormalizedText?, name: String) throws -> String {
    let offsets = OffsetConverter(normalized?.original ?? segmented.text)
    var segments: [[String: Any]] = []
    for paragraph in segmented.paragraphs {
      for s in paragraph.segments {
        let range = normalized?.originalRange(of: s.range) ?? s.range
        var object: [String: Any] = [
          "id": s.id, "paragraph": s.paragraph, "text": s.text,
          "start": offsets.codePointOffset(ofUTF16: range.lowerBound),
          "end": offsets.codePointOffset(ofUTF16: range.upperBound),
        ]
        if !paragraph.isTranslatable { object["translatable"] = false }
        segments.append(object)
      }
    }
    let object: [String: Any] = ["document": name, "offsetUnit": "codepoint", "segments": segments]
    let data = try JSONSerialization.data(
      withJSONObject: object, options: [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes])
    return String(decoding: data, as: UTF8.self) + "\n"
  }

  private func runJSONL(_ segmenter: Segmenter) throws {
    try answerJSONLines { (record) throws(TraduError) in
      let segmented = try segmenter.segment(try record.string("text"))
      return ["id": record.id, "sentences": segmented.segments.map(\.text)]
    }
  }
}
