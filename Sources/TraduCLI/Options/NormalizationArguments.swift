import ArgumentParser
import Foundation
import Tradu

/// The reading and normalization options that every command reading an article shares:
/// `--encoding`, `--strict-encoding`, `--normalize`, `--cedilla-exempt`.
struct NormalizationArguments: ParsableArguments {
  @Option(help: ArgumentHelp(
    "The input's charset (an ICU name such as windows-1250, ISO-8859-2, UTF-16LE, or ISO-8859-16); detected when absent.",
    valueName: "name"))
  var encoding: String?

  @Flag(help: "Fail on invalid UTF-8 bytes instead of reading each as U+FFFD with a warning.")
  var strictEncoding = false

  @Option(name: .customLong("normalize"), help: ArgumentHelp(
    "Opt-in rules to add to the default profile, comma-separated: quotes, dashes, spaces, ellipsis (or all, or none).",
    valueName: "list"))
  var rules: String?

  @Option(name: .customLong("cedilla-exempt"), help: ArgumentHelp(
    "Words whose cedilla letters are right and kept, comma-separated (e.g. Eskişehir).", valueName: "words"))
  var cedillaExempt: String?

  func validate() throws {
    if let encoding, encoding.isEmpty { throw ValidationError("--encoding must name a charset, e.g. windows-1250.") }
    _ = try normalizationOptions()
  }

  /// The normalization options the flags ask for.
  func normalizationOptions() throws -> NormalizationOptions {
    let words = Set((cedillaExempt ?? "").split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty })
    do {
      return try NormalizationOptions(adding: rules ?? "", cedillaExemptWords: words)
    } catch {
      if case .malformedInput(_, _, let reason) = error { throw ValidationError("--normalize: \(reason).") }
      throw error
    }
  }

  /// Reads `path` in the requested (or detected) encoding.
  /// What the reader noted (a guessed charset, replaced bytes) goes to standard error. For HTML
  /// and Markdown (`format`, else what the extension implies): the blocks' text with the tags
  /// removed, a blank line between blocks.
  func read(_ path: String, language: String = "ro", format: InputFormat? = nil) throws -> SourceDocument {
    let format = format ?? InputFormat.implied(byPath: path)
    let document = format == .text
      ? try TextReader.read(path: path, language: language, encoding: encoding, strictEncoding: strictEncoding)
      : try MarkupPreparer.readText(bytes: try TextReader.readBytes(path: path), name: path, format: format,
                                    language: language, encoding: encoding, strictEncoding: strictEncoding)
    for note in document.notes { printWarning("\(path): \(note)") }
    return document
  }
}

extension InputFormat: ExpressibleByArgument {}

/// `--input-format` of the commands that read one article's text (segment, normalize).
struct TextInputFormatOption: ParsableArguments {
  @Option(name: .customLong("input-format"), help: ArgumentHelp(
    "How to read the article: text, html or markdown (default: from the extension: .html/.htm, .md/.markdown, else text); HTML and Markdown give their blocks' text, tags removed.",
    valueName: "format"))
  var inputFormat: InputFormat?
}
