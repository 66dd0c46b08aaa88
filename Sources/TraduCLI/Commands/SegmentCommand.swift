import ArgumentParser
import Foundation
import Tradu

/// `tradu segment`: paragraphs and sentences, one segment per line.
struct SegmentCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "segment",
    abstract: "Cut a Romanian text into paragraphs and sentence segments.",
    discussion: """
      Prints one segment per line with its id (p{paragraph}.s{sentence}). With --jsonl, reads \
      {"id","text"} objects from standard input, one per line, and answers each with \
      {"id","sentences"} (the evaluation protocol; the text is segmented as given).

      A file is normalized first (see 'tradu normalize': comma-below letters, invisible \
      characters removed), so segments show the text the author meant; --no-normalize \
      segments it exactly as read. In --format json, "start"/"end" are code point offsets \
      into the file's own text either way, and boilerplate paragraphs (site notices) have \
      "translatable": false.

      Sentence breaks come from ICU, corrected by Tradu's rules for the --locale's language \
      (Rules/romanian.rules, or Rules/english.rules for --locale en; compiled in). --rules \
      replaces them with a rules file in Tradu's format or in SRX 2.0; --export-rules prints \
      the active rules in either format, to start a file of your own. The SRX export stands \
      alone: it adds ICU's ordinary sentence ends as SRX rules, for tools without ICU \
      (OmegaT, Okapi), and Tradu skips them when it reads the file.

      Examples:
        tradu segment Samples/mediafax-musk-putin.ro.txt
        tradu segment --format json article.txt > segments.json
        tradu segment --no-normalize --encoding windows-1250 old-article.txt
        echo '{"id":"1","text":"Dl. Popescu a venit. A plecat."}' \\
            | tradu segment --jsonl
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

  @OptionGroup var inputFormatOption: TextInputFormatOption

  @Option(help: ArgumentHelp("Segmentation rules: a Tradu .rules file or an SRX 2.0 file.", valueName: "file"))
  var rules: String?

  enum RulesFormat: String, ExpressibleByArgument, CaseIterable {
    case srx, tradu
  }

  @Option(help: ArgumentHelp("Print the active rules as srx or tradu and exit.", valueName: "format"))
  var exportRules: RulesFormat?

  func validate() throws {
    if !LanguageTag.isWellFormed(locale.replacingOccurrences(of: "_", with: "-")) {
      throw ValidationError("--locale '\(locale)' is not a BCP 47 language tag; write e.g. ro, en or en-GB.")
    }
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
    // Without --rules, the preparer takes the locale's built-in rules itself, when it builds
    // its segmenter on another core while the file is read (below).
    let chosenRules: SegmentationRules? = try rules == nil && exportRules == nil ? nil : reportingErrors { () throws -> SegmentationRules in
      guard let rules else { return .builtIn(for: locale) }
      return try SegmentationRules.load(path: rules, language: locale)
    }
    if let exportRules, let activeRules = chosenRules {
      var out = OutputBuffer()
      switch exportRules {
      case .srx: out.write(SRX.document(for: activeRules))
      case .tradu: out.write(activeRules.formatted())
      }
      out.flush()
      return
    }
    // The same library path as `tradu prepare`, without a glossary.
    var preparer = Preparer(sourceLanguage: locale, normalization: nil)
    preparer.segmentationRules = chosenRules
    if jsonl {
      try runJSONL(preparer)
      return
    }
    if !noNormalize { preparer.normalization = try normalization.normalizationOptions() }
    preparer.buildStagesInBackground()
    MemoryPolicy.adapt(toInput: input ?? "-")
    try reportingErrors {
      let document = try normalization.read(input ?? "-", language: locale, format: inputFormatOption.inputFormat)
      let prepared: PreparedDocument
      do throws(TraduError) {
        prepared = try preparer.prepare(document, fingerprint: "")
      } catch {
        throw error.naming(document.name, rules: rules)  // the rules file, when a rule ran away
      }
      var out = OutputBuffer()
      switch format {
      case .text:
        Self.writeLines(prepared) { out.write(block: $0) }
      case .json:
        var json = JSONWriter(style: .pretty)
        Self.writeSegments(prepared, name: document.name, into: &json) { out.write(block: $0) }
        out.write(bytes: json.take())
        out.write("\n")
      }
      out.flush()
      MemoryPolicy.keepUntilExit(prepared)
    }
  }

  /// The segments as lines of text (`p1.s2`, a tab, the segment, a line feed), handed to
  /// `emit` a block at a time, the blocks rendered two at a time on the cores (see
  /// ``writeInBlocks(count:render:emit:)``).
  static func writeLines(_ prepared: PreparedDocument, emit: ([UInt8]) -> Void) {
    let units = prepared.units
    let blocks = unitBlocks(units) { $0.segments.count }
    writeInBlocks(count: blocks.ranges.count, render: { [blocks] block in
      lines(of: units[blocks.ranges[block]])
    }, emit: emit)
  }

  /// The lines of `units`' segments: the id written digit by digit and the text copied as
  /// it is stored, into one array of the right size.
  static func lines(of units: ArraySlice<PreparedUnit>) -> [UInt8] {
    var size = 0
    for unit in units {
      for segment in unit.segments { size += segment.source.utf8.count + 24 }
    }
    var bytes: [UInt8] = []
    bytes.reserveCapacity(size)
    for unit in units {
      for segment in unit.segments {
        bytes.append(0x70)  // p
        appendDecimal(segment.paragraph, to: &bytes)
        bytes.append(0x2E)  // .
        bytes.append(0x73)  // s
        appendDecimal(segment.sentence, to: &bytes)
        bytes.append(0x09)
        var source = segment.source
        source.withUTF8 { bytes.append(contentsOf: $0) }
        bytes.append(0x0A)
      }
    }
    return bytes
  }

  /// Appends the decimal digits of `number` (not negative), most significant first.
  private static func appendDecimal(_ number: Int, to bytes: inout [UInt8]) {
    var divisor = 1
    while divisor <= number / 10 { divisor &*= 10 }
    var rest = number
    repeat {
      bytes.append(0x30 &+ UInt8(truncatingIfNeeded: rest / divisor))
      rest %= divisor
      divisor /= 10
    } while divisor > 0
  }

  /// The segments as JSON, handed to `emit` a block at a time; offsets are code points into
  /// the original text even when the segments' text is normalized. The blocks of units are
  /// written two at a time on the cores (see ``writeInBlocks(count:render:emit:)``).
  static func writeSegments(_ prepared: PreparedDocument, name: String, into json: inout JSONWriter,
                            emit: ([UInt8]) -> Void) {
    json.beginObject()
    json.field("document", name)
    json.field("offsetUnit", "codepoint")
    json.key("segments")
    json.beginArray()
    emit(json.take())
    // The units in blocks, and how many segments come before each block.
    let units = prepared.units
    let blocks = unitBlocks(units) { $0.segments.count }
    writeInBlocks(count: blocks.ranges.count, render: { [blocks, style = json.style] block in
      var part = JSONWriter(style: style, continuingArrayAtDepth: 2, after: blocks.valuesBefore[block])
      for unit in units[blocks.ranges[block]] {
        for s in unit.segments {
          part.beginObject()
          part.field("end", s.original.codePoints.upperBound)
          part.field("id", s.id)
          part.field("paragraph", s.paragraph)
          part.field("start", s.original.codePoints.lowerBound)
          part.field("text", s.source)
          if !unit.isTranslatable { part.field("translatable", false) }
          part.endObject()
        }
      }
      return part.take()
    }, emit: emit)
    json.countValues(blocks.total)
    json.endArray()
    json.endObject()
  }

  private func runJSONL(_ preparer: Preparer) throws {
    try answerJSONLines { (record, json) throws(TraduError) in
      let text = try record.string("text")
      let prepared: PreparedDocument
      do throws(TraduError) {
        prepared = try preparer.prepare(SourceDocument(name: "<stdin>", language: locale, text: text), fingerprint: "")
      } catch {
        throw error.naming("<stdin>", rules: rules)
      }
      json.beginObject()
      json.key("id")
      record.writeID(into: &json)
      json.key("sentences")
      json.beginArray()
      for unit in prepared.units {
        for segment in unit.segments { json.string(segment.source) }
      }
      json.endArray()
      json.endObject()
    }
  }
}
