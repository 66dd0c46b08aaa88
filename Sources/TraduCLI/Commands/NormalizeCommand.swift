import ArgumentParser
import Foundation
import Tradu

/// `tradu normalize`: the text as the author meant it, and what was changed to get there.
struct NormalizeCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "normalize",
    abstract: "Repair and normalize a Romanian text, recording every change.",
    discussion: """
      Reads the file in any encoding (UTF-8 with or without BOM, UTF-16 with \
      BOM, legacy ISO-8859-2 or windows-1250 detected by ICU; --encoding \
      overrides) and prints the normalized text. The default profile: mojibake \
      repaired, NFC, cedillas ş ţ → comma-below ș ț, byte-order marks, soft \
      hyphens, zero-width spaces and word joiners removed. Non-breaking spaces, \
      quotes and dashes are kept unless --normalize asks otherwise. Artefacts \
      that cannot be fixed (Cloudflare's "[email protected]") are flagged, and \
      site boilerplate paragraphs are named, in --report and --json.

      --report prints, instead of the text, how the file was read and the edits \
      by rule (count, first examples at line:column of the original). --json \
      prints both; its offsets are code points (edits: of the original; flags: \
      of both texts).

      Examples:
        tradu normalize Samples/mediafax-musk-putin.ro.txt
        tradu normalize --report Samples/mediafax-musk-putin.ro.txt
        tradu normalize --encoding windows-1250 --normalize quotes,dashes a.txt
        tradu normalize --json article.txt > article.normalized.json
      """
  )

  @Argument(help: "The text file to normalize, or '-' for standard input.")
  var input: String

  @OptionGroup var normalization: NormalizationArguments

  @OptionGroup var inputFormatOption: TextInputFormatOption

  @Flag(help: "Print a report of the reading, edits, flags and boilerplate instead of the text.")
  var report = false

  @Flag(help: "Print the text, edits, flags and boilerplate as one JSON object.")
  var json = false

  /// How many examples of each rule the report shows.
  static let examplesPerRule = 3

  func validate() throws {
    if report && json { throw ValidationError("Choose one of --report and --json.") }
  }

  func run() throws {
    try reportingErrors {
      let document = try normalization.read(input, format: inputFormatOption.inputFormat)
      var out = OutputBuffer()
      out.write(try output(for: document))
      out.flush()
    }
  }

  /// What the command prints for `document`: the text, the report or the JSON.
  func output(for document: SourceDocument) throws -> String {
    // The same library path as `tradu prepare`: its normalizer, segmenter and boilerplate.
    let preparer = Preparer(sourceLanguage: document.language, normalization: try normalization.normalizationOptions())
    let article = try preparer.normalized(document, findingBoilerplate: report || json)
    let result = article.normalization
    if !report && !json { return result.text }
    return report ? reportText(document, result, article.boilerplate) : try jsonText(document, result, article.boilerplate)
  }

  typealias BoilerplateParagraph = (match: BoilerplateDetector.Match, range: Range<Int>)

  private func readingSummary(_ document: SourceDocument) -> String {
    var how = "\(document.encoding)"
    if document.hadByteOrderMark { how += " with byte-order mark" }
    how += " (\(document.detection.method.rawValue)"
    if document.detection.method == .detected {
      how += ", confidence \(document.detection.confidence)/100"
      if let language = document.detection.language { how += ", language \(language)" }
    }
    return how + ")"
  }

  func reportText(_ document: SourceDocument, _ result: NormalizedText, _ boilerplate: [BoilerplateParagraph]) -> String {
    let originalLines = LineIndex(result.original)
    let normalizedLines = LineIndex(result.text)
    var lines: [String] = []
    lines.append("\(document.name): read as \(readingSummary(document)); line endings \(document.lineEndings.summary) (kept)")
    for note in document.notes { lines.append("  note: \(note)") }
    let counts = result.editCounts
    lines.append("edits: \(result.edits.count)" + (result.edits.isEmpty ? "" : " (positions are line:column of the original)"))
    for rule in counts.keys.sorted() {
      let examples = result.edits.lazy.filter { $0.rule == rule }.prefix(Self.examplesPerRule).map { edit in
        "\(originalLines.label(ofUTF16: edit.range.lowerBound)) \(Self.visible(edit.original)) → \(Self.visible(edit.replacement))"
      }
      lines.append("  \(rule.rawValue) (\(rule.summary)): \(counts[rule]!); e.g. \(examples.joined(separator: ", "))")
    }
    lines.append("flags: \(result.flags.count)")
    for flag in result.flags {
      lines.append("  \(normalizedLines.label(ofUTF16: flag.range.lowerBound)) \(flag.kind.rawValue): \(flag.message)")
    }
    lines.append("boilerplate (kept, not for translation): \(boilerplate.count) paragraph(s)")
    for item in boilerplate {
      lines.append("  paragraph \(item.match.paragraph) at \(normalizedLines.label(ofUTF16: item.range.lowerBound)): \(item.match.pattern)")
    }
    return lines.joined(separator: "\n") + "\n"
  }

  /// `text` with invisible and space characters named, so a report line shows them.
  static func visible(_ text: String) -> String {
    if text.isEmpty { return "∅" }
    var out = ""
    for scalar in text.unicodeScalars {
      if scalar.properties.generalCategory == .format || scalar.properties.isWhitespace
        || scalar.properties.generalCategory == .nonspacingMark || scalar.value < 0x20 || (0x80...0x9F).contains(scalar.value)
      {
        out += String(format: "<U+%04X>", scalar.value)
      } else {
        out.unicodeScalars.append(scalar)
      }
    }
    return "‘" + out + "’"
  }

  func jsonText(_ document: SourceDocument, _ result: NormalizedText, _ boilerplate: [BoilerplateParagraph]) throws -> String {
    let original = OffsetConverter(result.original)
    let normalized = OffsetConverter(result.text)
    let originalLines = LineIndex(result.original)
    var json = JSONWriter(style: .pretty)
    json.beginObject()
    json.key("boilerplate")
    json.beginArray()
    for item in boilerplate {
      json.beginObject()
      json.field("end", normalized.codePointOffset(ofUTF16: item.range.upperBound))
      json.field("paragraph", item.match.paragraph)
      json.field("pattern", item.match.pattern)
      json.field("start", normalized.codePointOffset(ofUTF16: item.range.lowerBound))
      json.endObject()
    }
    json.endArray()
    json.field("byteOrderMark", document.hadByteOrderMark)
    json.key("detection")
    json.beginObject()
    json.field("confidence", document.detection.confidence)
    if let language = document.detection.language { json.field("language", language) }
    json.field("method", document.detection.method.rawValue)
    json.endObject()
    json.field("document", document.name)
    json.key("edits")
    json.beginArray()
    for edit in result.edits {
      let p = originalLines.position(ofUTF16: edit.range.lowerBound)
      json.beginObject()
      json.field("column", p.column)
      json.field("end", original.codePointOffset(ofUTF16: edit.range.upperBound))
      json.field("line", p.line)
      json.field("original", edit.original)
      json.field("replacement", edit.replacement)
      json.field("rule", edit.rule.rawValue)
      json.field("start", original.codePointOffset(ofUTF16: edit.range.lowerBound))
      json.endObject()
    }
    json.endArray()
    json.field("encoding", document.encoding)
    json.key("flags")
    json.beginArray()
    for flag in result.flags {
      json.beginObject()
      json.field("end", normalized.codePointOffset(ofUTF16: flag.range.upperBound))
      json.field("kind", flag.kind.rawValue)
      json.field("message", flag.message)
      json.field("originalEnd", original.codePointOffset(ofUTF16: flag.originalRange.upperBound))
      json.field("originalStart", original.codePointOffset(ofUTF16: flag.originalRange.lowerBound))
      json.field("start", normalized.codePointOffset(ofUTF16: flag.range.lowerBound))
      json.endObject()
    }
    json.endArray()
    let endings = document.lineEndings
    json.key("lineEndings")
    json.beginObject()
    json.field("cr", endings.cr)
    json.field("crlf", endings.crlf)
    json.field("lf", endings.lf)
    json.field("unicode", endings.unicode)
    json.endObject()
    json.field("notes", document.notes)
    json.field("offsetUnit", "codepoint")
    json.field("text", result.text)
    json.endObject()
    return String(decoding: json.bytes, as: UTF8.self) + "\n"
  }
}
