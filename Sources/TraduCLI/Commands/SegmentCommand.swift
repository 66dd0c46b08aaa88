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
      let path = input ?? "-"
      // A plain UTF-8 text file is read straight into the pieces it is prepared in; any other
      // input is read (decoded, its notes shown) and then prepared.
      let direct: PreparedDocument?
      do throws(TraduError) {
        let plainText = normalization.encoding == nil && (inputFormatOption.inputFormat ?? .implied(byPath: path)) == .text
        direct = plainText ? try preparer.prepare(textFileAt: path, fingerprint: "") : nil
      } catch {
        throw error.naming(path, rules: rules)  // the rules file, when a rule ran away
      }
      let prepared: PreparedDocument
      if let direct {
        prepared = direct
      } else {
        let document = try normalization.read(path, language: locale, format: inputFormatOption.inputFormat)
        do throws(TraduError) {
          prepared = try preparer.prepare(document, fingerprint: "")
        } catch {
          throw error.naming(document.name, rules: rules)
        }
      }
      var out = OutputBuffer()
      switch format {
      case .text:
        Self.writeLines(prepared) { out.write(block: $0) }
      case .json:
        var json = JSONWriter(style: .pretty)
        Self.writeSegments(prepared, name: path, into: &json) { out.write(block: $0) }
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
  /// it is stored, through a pointer into one array of exactly the right size (appending
  /// byte by byte cost about 1,000 instructions a line). The units and segments are read in
  /// place, so no reference count is touched.
  static func lines(of units: ArraySlice<PreparedUnit>) -> [UInt8] {
    units.withUnsafeBufferPointer { units -> [UInt8] in
      var size = 0
      for u in units.indices {
        units[u].segments.withUnsafeBufferPointer { segments in
          for s in segments.indices {
            // "p", ".s", a tab and a line feed.
            size += 5 + decimalLength(segments[s].paragraph) + decimalLength(segments[s].sentence)
              + segments[s].source.utf8.count
          }
        }
      }
      return [UInt8](unsafeUninitializedCapacity: size) { bytes, count in
        guard let base = bytes.baseAddress else { return }
        var end = base
        for u in units.indices {
          units[u].segments.withUnsafeBufferPointer { segments in
            for s in segments.indices {
              end.pointee = 0x70  // p
              end = writeDecimal(segments[s].paragraph, at: end + 1)
              end[0] = 0x2E  // .
              end[1] = 0x73  // s
              end = writeDecimal(segments[s].sentence, at: end + 2)
              end.pointee = 0x09
              end += 1
              end = copyUTF8(of: segments[s].source, to: end)
              end.pointee = 0x0A
              end += 1
            }
          }
        }
        count = end - base
        precondition(count == size, "SegmentCommand.lines: measured \(size) bytes, wrote \(count)")
      }
    }
  }

  /// How many characters the decimal form of `number` has (with a minus sign if negative).
  private static func decimalLength(_ number: Int) -> Int {
    var rest = number.magnitude
    var length = number < 0 ? 2 : 1
    while rest >= 10 {
      rest /= 10
      length += 1
    }
    return length
  }

  /// Writes the decimal form of `number` at `start` (room for ``decimalLength(_:)`` bytes);
  /// returns the end of what it wrote.
  private static func writeDecimal(_ number: Int, at start: UnsafeMutablePointer<UInt8>) -> UnsafeMutablePointer<UInt8> {
    let end = start + decimalLength(number)
    var p = end
    var rest = number.magnitude
    repeat {
      p -= 1
      p.pointee = 0x30 &+ UInt8(truncatingIfNeeded: rest % 10)
      rest /= 10
    } while rest > 0
    if number < 0 { start.pointee = 0x2D }
    return end
  }

  /// Copies the UTF-8 of `text` to `start`; returns the end of the copy.
  private static func copyUTF8(of text: String, to start: UnsafeMutablePointer<UInt8>) -> UnsafeMutablePointer<UInt8> {
    if let end = text.utf8.withContiguousStorageIfAvailable({ utf8 -> UnsafeMutablePointer<UInt8> in
      if let source = utf8.baseAddress { start.initialize(from: source, count: utf8.count) }
      return start + utf8.count
    }) {
      return end
    }
    var copy = text
    return copy.withUTF8 { utf8 in
      if let source = utf8.baseAddress { start.initialize(from: source, count: utf8.count) }
      return start + utf8.count
    }
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
    precondition(json.style == .pretty, "SegmentCommand.writeSegments: the segments are laid out as .pretty")
    writeInBlocks(count: blocks.ranges.count, render: { [blocks] block in
      jsonObjects(of: units[blocks.ranges[block]], after: blocks.valuesBefore[block])
    }, emit: emit)
    json.countValues(blocks.total)
    json.endArray()
    json.endObject()
  }

  /// The segments of `units` as the objects of the `"segments"` array, after `count` objects
  /// written before them: the bytes ``JSONWriter`` writes in its `.pretty` style (the
  /// definition ``jsonObjectsByWriter(of:after:)`` keeps for the tests), laid out here through a
  /// pointer into one array of exactly the right size, as ``lines(of:)`` does. With
  /// `JSONWriter` each segment cost some 2,000 instructions of keys, separators, numbers and
  /// checks; here its fixed parts are copied in five pieces and its text once.
  static func jsonObjects(of units: ArraySlice<PreparedUnit>, after count: Int) -> [UInt8] {
    // Member by member: `,\n    {\n      "end" : 12,\n      "id" : "p1.s2",\n      "paragraph" : 1,
    // \n      "start" : 0,\n      "text" : "…"` (`,\n      "translatable" : false`)`\n    }`.
    let open: StaticString = ",\n    {\n      \"end\" : "
    let id: StaticString = ",\n      \"id\" : \"p"
    let paragraph: StaticString = "\",\n      \"paragraph\" : "
    let start: StaticString = ",\n      \"start\" : "
    let text: StaticString = ",\n      \"text\" : "
    let notTranslatable: StaticString = ",\n      \"translatable\" : false"
    let close: StaticString = "\n    }"
    return units.withUnsafeBufferPointer { units -> [UInt8] in
      // Each text's quoted length, measured once for the size and used again for the copy.
      var textLengths: [Int] = []
      var size = count == 0 ? -1 : 0  // the first object of the array has no comma
      for u in units.indices {
        let flagged = !units[u].isTranslatable
        units[u].segments.withUnsafeBufferPointer { segments in
          for s in segments.indices {
            let textLength = withUTF8(of: segments[s].source) { JSONQuotedString.length(of: $0) }
            textLengths.append(textLength)
            size += open.utf8CodeUnitCount + id.utf8CodeUnitCount + 2 + paragraph.utf8CodeUnitCount
              + start.utf8CodeUnitCount + text.utf8CodeUnitCount + close.utf8CodeUnitCount
              + (flagged ? notTranslatable.utf8CodeUnitCount : 0)
              + decimalLength(segments[s].original.codePoints.upperBound)
              + 2 * decimalLength(segments[s].paragraph) + decimalLength(segments[s].sentence)
              + decimalLength(segments[s].original.codePoints.lowerBound) + textLength
          }
        }
      }
      guard size > 0 else { return [] }
      return [UInt8](unsafeUninitializedCapacity: size) { bytes, written in
        guard let base = bytes.baseAddress else { return }
        var end = base
        var next = 0
        var first = count == 0
        for u in units.indices {
          let flagged = !units[u].isTranslatable
          units[u].segments.withUnsafeBufferPointer { segments in
            for s in segments.indices {
              if first {
                end = copy(open, droppingFirst: 1, to: end)
                first = false
              } else {
                end = copy(open, to: end)
              }
              end = writeDecimal(segments[s].original.codePoints.upperBound, at: end)
              end = copy(id, to: end)
              end = writeDecimal(segments[s].paragraph, at: end)
              end[0] = 0x2E  // .
              end[1] = 0x73  // s
              end = writeDecimal(segments[s].sentence, at: end + 2)
              end = copy(paragraph, to: end)
              end = writeDecimal(segments[s].paragraph, at: end)
              end = copy(start, to: end)
              end = writeDecimal(segments[s].original.codePoints.lowerBound, at: end)
              end = copy(text, to: end)
              end = withUTF8(of: segments[s].source) { JSONQuotedString.write($0, length: textLengths[next], at: end) }
              next += 1
              if flagged { end = copy(notTranslatable, to: end) }
              end = copy(close, to: end)
            }
          }
        }
        written = end - base
        precondition(written == size, "SegmentCommand.jsonObjects: measured \(size) bytes, wrote \(written)")
      }
    }
  }

  /// The same bytes as ``jsonObjects(of:after:)``, written by ``JSONWriter``: its definition.
  static func jsonObjectsByWriter(of units: ArraySlice<PreparedUnit>, after count: Int) -> [UInt8] {
    var part = JSONWriter(style: .pretty, continuingArrayAtDepth: 2, after: count)
    for unit in units {
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
  }

  /// Copies `literal` but its first `dropped` bytes to `start`; returns the end of the copy.
  @inline(__always) private static func copy(_ literal: StaticString, droppingFirst dropped: Int = 0,
                                             to start: UnsafeMutablePointer<UInt8>) -> UnsafeMutablePointer<UInt8> {
    let n = literal.utf8CodeUnitCount - dropped
    start.initialize(from: literal.utf8Start + dropped, count: n)
    return start + n
  }

  /// Calls `body` with the UTF-8 of `text`, in place when it is stored contiguously.
  @inline(__always) private static func withUTF8<R>(of text: String, _ body: (UnsafeBufferPointer<UInt8>) -> R) -> R {
    if let result = text.utf8.withContiguousStorageIfAvailable(body) { return result }
    var copy = text
    return copy.withUTF8(body)
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
