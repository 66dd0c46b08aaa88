import ArgumentParser
import Foundation
import Tradu

/// `tradu align`: links the sentences of a Romanian article with those of its existing
/// translation, for a translation memory or a review in XLIFF.
struct AlignCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "align",
    abstract: "Align a Romanian article with its existing English translation, sentence by sentence.",
    discussion: """
      Both texts are read and normalized as 'tradu prepare' reads them, and each is segmented \
      with its language's rules. The sentences are aligned by length, names, numbers (1.234,56 \
      ↔ 1,234.56), cognates and paragraphs; two sentences may face one, and a sentence may have \
      no counterpart. Each link gets a confidence; unsure links and unmatched sentences are \
      listed in the report and marked for review in XLIFF.

      Formats (--to): tmx (TMX 1.4b, one <tu> per link with both sides: a translation memory), \
      xliff (XLIFF 2.1) and xliff12 (XLIFF 1.2) with the targets filled ('tradu check' reviews \
      them, 'tradu merge' rebuilds the English text), json (the links, schema tradu-align/1). \
      The output goes to ARTICLE.aligned.tmx (or .xlf, .json) unless -o says otherwise.

      Report (--report): text (the default, on standard error), json or html (a side-by-side \
      page for a reviewer), written to --report-output, or to standard output when the aligned \
      file goes to a file.

      A translation that does not look like one (empty, in another language, mostly unaligned, \
      sharing no names or numbers) is reported with exit code 1 and no file is written, unless \
      --force. Exit codes: 0 aligned, 1 not a translation of the source, 2 bad input, 64 usage.

      With --jsonl, reads {"doc_id","ro","en"} objects (lists of sentences) from standard \
      input, one per line, and answers each with {"doc_id","links"}: [[ro indices],[en indices]] \
      pairs, 0-based, [[3],[]] for a Romanian sentence left out of the translation.

      Folders: given a folder of Romanian articles and a folder of translations, every .txt \
      below the first is aligned with the file at the same path below the second (hidden \
      files left out), on --jobs cores at once, and ARTICLE.aligned.tmx (or .xlf, .json) is \
      written at that path below the -o folder; with --report json or html, ARTICLE.report.json \
      or .html beside it. A missing or unreadable file does not stop the others: every failure \
      is listed at the end (exit 2); pairs that do not look like translations are listed too \
      and get no file unless --force (exit 1).

      Examples:
        tradu align Samples/mediafax-musk-putin.ro.txt \\
            Samples/mediafax-musk-putin.en.txt -o -
        tradu align article.ro.txt article.en.txt --to xliff -o review.xlf \\
            --report html --report-output review.html
        tradu align article.ro.txt article.en.txt --to json -o links.json
        tradu align archive/ro archive/en -o aligned/ --jobs 4
        echo '{"doc_id":"1","ro":["Vine.","Pleacă."],"en":["He comes and goes."]}' \\
            | tradu align --jsonl
      """
  )

  enum Format: String, ExpressibleByArgument, CaseIterable {
    case tmx, xliff, xliff12, json

    var fileExtension: String {
      switch self {
      case .tmx: return "tmx"
      case .xliff, .xliff12: return "xlf"
      case .json: return "json"
      }
    }
  }

  enum ReportFormat: String, ExpressibleByArgument, CaseIterable { case text, json, html }

  @Argument(help: "The Romanian article (a text file), or a folder of articles.")
  var source: String?

  @Argument(help: "Its English translation (a text file), or the folder of the translations.")
  var translation: String?

  @Option(name: .customLong("to"), help: ArgumentHelp("Output format: tmx, xliff (2.1), xliff12 or json.", valueName: "format"))
  var format: Format = .tmx

  @Option(name: .shortAndLong, help: "Output file, or '-' for standard output (default: the article's name with .aligned.tmx, .aligned.xlf or .aligned.json).")
  var output: String?

  @Option(help: "Report format: text, json or html.")
  var report: ReportFormat = .text

  @Option(help: ArgumentHelp("Write the report to this file.", valueName: "file"))
  var reportOutput: String?

  @Flag(help: "Write the output even when the translation does not look like one.")
  var force = false

  @Flag(help: "Replace an output that holds translations (an aligned TMX or XLIFF from an earlier run), keeping it as FILE~.")
  var replaceTranslated = false

  @OptionGroup var normalizationArguments: NormalizationArguments

  @Option(help: "Creation date to stamp, ISO 8601 UTC (e.g. 2026-11-25T12:00:00Z); none by default, so runs are reproducible.")
  var date: String?

  @Flag(help: "Stream the JSONL protocol: {\"doc_id\",\"ro\",\"en\"} lines in, {\"doc_id\",\"links\"} lines out.")
  var jsonl = false

  @OptionGroup(title: "Folders") var batchOptions: BatchRunOptions

  func validate() throws {
    if jsonl {
      if source != nil || translation != nil { throw ValidationError("--jsonl reads standard input; do not name files.") }
      return
    }
    guard source != nil, translation != nil else {
      throw ValidationError("Name the Romanian article and its English translation: tradu align ro.txt en.txt")
    }
    if let date, date.range(of: #"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$"#, options: .regularExpression) == nil {
      throw ValidationError("--date must look like 2026-11-25T12:00:00Z (UTC, no fractions).")
    }
    if isBatch {
      if reportOutput != nil {
        throw ValidationError("Aligning folders writes each report beside its aligned file; leave out --report-output.")
      }
      return
    }
    if report != .text && reportOutput == nil && destination == nil {
      throw ValidationError("The aligned file goes to standard output: give --report-output for the \(report.rawValue) report.")
    }
  }

  /// Where the aligned file goes: a path, or nil for standard output.
  var destination: String? {
    if let output { return output == "-" ? nil : output }
    guard let source, source != "-" else { return nil }
    let name = source.split(separator: "/", omittingEmptySubsequences: false).last ?? ""
    let base = name.lastIndex(of: ".").map { dot in
      dot == name.startIndex ? source : String(source.dropLast(name.distance(from: dot, to: name.endIndex)))
    } ?? source
    return base + ".aligned." + format.fileExtension
  }

  func run() throws {
    if jsonl {
      let aligner = SentenceAligner()
      try answerJSONLines { (record, json) throws(TraduError) in
        let alignment = aligner.align(source: try record.strings("ro"), target: try record.strings("en"))
        json.beginObject()
        json.key("doc_id")
        if let id = record.object["doc_id"]?.string { json.string(id) } else { json.null() }
        json.key("links")
        json.beginArray()
        for link in alignment.links {
          json.beginArray()
          for side in [link.source, link.target] {
            json.beginArray()
            for i in side { json.int(i) }
            json.endArray()
          }
          json.endArray()
        }
        json.endArray()
        json.endObject()
      }
      return
    }
    guard let source, let translation else { return }
    if isBatch {
      try runBatch(source: source, translation: translation)
      return
    }
    let (aligned, output, reportFile) = try reportingErrors { () throws -> (AlignedArticle, OutputFile, OutputFile?) in
      // Checked before the work: neither input, not a file of translations.
      let output = try OutputFile(destination ?? "-", reading: [source, translation],
                                  replacingTranslations: replaceTranslated)
      let reportFile = try reportOutput.map { try OutputFile($0, reading: [source, translation]) }
      let preparer = Preparer(normalization: try normalizationArguments.normalizationOptions())
      return (try align(source, with: translation, preparer: preparer), output, reportFile)
    }
    let refused = !aligned.problems.isEmpty && !force
    try reportingErrors {
      if !refused { try output.write(render(aligned)) }
      let text = reportText(aligned)
      if let reportFile {
        try reportFile.write(Array(text.utf8))
      } else if report == .text {
        FileHandle.standardError.write(Data(text.utf8))
      } else {
        FileHandle.standardOutput.write(Data(text.utf8))
      }
    }
    if !aligned.problems.isEmpty {
      for problem in aligned.problems { printError("\(translation): \(problem)") }
      if refused {
        printError("no aligned file written; if this really is the translation of \(source), run again with --force")
      }
      throw ExitStatus.findings
    }
  }

  /// Reads the article at `source` and its translation at `translation`, both normalized by
  /// `preparer` (the article also segmented by it), and aligns their sentences.
  func align(_ source: String, with translation: String, preparer: Preparer) throws(TraduError) -> AlignedArticle {
    let prepared = try preparer.prepare(bytes: try TextReader.readBytes(path: source), name: source,
                                        encoding: normalizationArguments.encoding)
    let english = try TextReader.decode(try TextReader.readBytes(path: translation), name: translation,
                                        language: prepared.targetLanguage, encoding: normalizationArguments.encoding)
    let normalized = try preparer.normalized(english, findingBoilerplate: false).normalization
    return try AlignedArticle(prepared, translation: normalized.text, translationName: translation)
  }

  /// The report in the chosen format.
  func reportText(_ aligned: AlignedArticle) -> String {
    switch report {
    case .text: return AlignmentReport.text(aligned)
    case .json: return AlignmentReport.json(aligned)
    case .html: return AlignmentReport.html(aligned)
    }
  }

  /// The aligned file's bytes in the chosen format.
  func render(_ aligned: AlignedArticle) -> [UInt8] {
    let stamp = ExportStamp(toolVersion: TraduCommand.version, date: date)
    switch format {
    case .tmx: return TMXWriter(stamp: stamp).renderUTF8(aligned.memoryDocument())
    case .xliff: return XLIFFWriter(version: .v2_1, stamp: stamp).renderUTF8(aligned.bilingualDocument())
    case .xliff12: return XLIFFWriter(version: .v1_2, stamp: stamp).renderUTF8(aligned.bilingualDocument())
    case .json: return Array(AlignmentReport.json(aligned).utf8)
    }
  }
}
