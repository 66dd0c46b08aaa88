import ArgumentParser
import Foundation
import Tradu

extension CheckRule: ExpressibleByArgument {}
extension Severity: ExpressibleByArgument {}

/// `tradu check`: the glossary consistency of a translation, as a report to act on.
struct CheckCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "check",
    abstract: "Check a translation against the glossary: names, forbidden forms, numbers, consistency.",
    discussion: """
      Reads a translated file (XLIFF 2.x or 1.2 from any tool, Tradu JSON or JSONL, TMX) or a \
      pair of plain texts (--source ro.txt --target en.txt: both are segmented, and paragraph n \
      of the target must translate paragraph n of the source). Romanian names are found in \
      their inflected forms (Kremlinului, lui Putin); English renderings may carry a possessive, \
      a plural or an optional "the" (Pyongyang's, the Kremlin), or be the words English uses \
      for the name: an adjective or people (French, Poles), a short name (U.S.), initials (EU).

      Rules, with the severity of their findings (turn one off with --skip RULE):
      \(HelpText.list(CheckRule.allCases.map { (name: "\($0.rawValue) (\($0.severity.rawValue))", description: $0.summary) }))

      Glossary entries that `tradu glossary lint` finds unsafe for a matcher (one letter, a \
      Romanian function word, a common word of --dictionary, a target that is another entry's \
      source) are low-confidence: their findings are minor at most. An untyped entry whose term \
      is a common word is found in the source only where written with a capital ("Nord", not \
      "nord").

      Exit codes: 0 no finding at or above --fail-on, 1 findings, 2 bad input, 64 usage.

      Examples:
        tradu check --source Samples/mediafax-musk-putin.ro.txt \\
            --target Samples/mediafax-musk-putin.en.txt
        tradu check translated.xlf --format html -o review.html
        tradu check translated.xlf --original article.txt
        tradu check memory.tmx --glossary my-terms.tsv \\
            --skip number-mismatch --fail-on major
        echo '{"id":"1","source":"Putin a tăcut.","target":"Putin said nothing."}' \\
            | tradu check --jsonl
        tradu check translated/ --format json -o reports/ --jobs 4
        tradu check --source articles/ --target translations/

      Folders: given a folder, check reads every translated file below it (.xlf, .xliff, \
      .json, .jsonl, .tmx); given folders as --source and --target, every .txt below the \
      source folder is paired with the file at the same path below the target folder. The \
      files are checked on --jobs cores at once; the reports go to the -o folder (one per \
      file, at the same path, .check.txt/.json/.html) or, as text, to standard output. A file \
      that cannot be read does not stop the others: all are listed at the end, exit code 2.
      """
  )

  enum Format: String, ExpressibleByArgument, CaseIterable { case text, json, html }
  enum InputFormat: String, ExpressibleByArgument, CaseIterable { case auto, xliff, json, jsonl, tmx }

  @Argument(help: "The translated file: .xlf/.xliff, .json, .jsonl, .tmx ('-' for standard input).")
  var input: String?

  @Option(help: "The article an XLIFF file was prepared from: every segment of it the file lacks is reported (missing-segment).")
  var original: String?

  @Option(help: "The source text (with --target): a plain Romanian text.")
  var source: String?

  @Option(help: "The translation of --source: a plain text, paragraph for paragraph.")
  var target: String?

  @OptionGroup var glossary: GlossaryOptions


  @Option(help: "The input's format (default: from the file extension).")
  var inputFormat: InputFormat = .auto

  @Option(help: "Report format: text, json (schema tradu-check/1) or html (a review page).")
  var format: Format = .text

  @Option(name: .shortAndLong, help: "Write the report to this file instead of standard output.")
  var output: String?

  @Option(parsing: .singleValue, help: "A rule not to run (repeatable): \(CheckRule.allCases.map(\.rawValue).joined(separator: ", ")).")
  var skip: [CheckRule] = []

  @Option(help: "Exit with 1 when a finding is at least this severe: info, minor, major, critical.")
  var failOn: Severity = .info

  @Flag(help: "Stream the evaluation protocol: {\"id\",\"source\",\"target\"} lines in, {\"id\",\"findings\"} lines out.")
  var jsonl = false

  @OptionGroup var batchOptions: BatchOptions

  func validate() throws {
    if original != nil && (input == nil || jsonl) {
      throw ValidationError("--original goes with a translated XLIFF file: tradu check translated.xlf --original article.txt")
    }
    if jsonl {
      if input != nil || source != nil || target != nil {
        throw ValidationError("--jsonl reads standard input; do not name input files.")
      }
      return
    }
    switch (input, source, target) {
    case (nil, nil, nil):
      throw ValidationError("Name a translated file, or give --source and --target.")
    case (_?, nil, nil), (nil, _?, _?):
      break
    case (_?, _, _):
      throw ValidationError("Give either a translated file or --source and --target, not both.")
    case (nil, _, _):
      throw ValidationError("--source and --target go together: give both plain texts.")
    }
  }

  func run() throws {
    if original != nil && isBatch {
      throw ValidationError("--original names the article of one translated file; check a folder without it.")
    }
    // One translated file is read and parsed on other threads while the glossary, the
    // dictionary and the lint of its terms are made here (a fixed cost of every check). Its
    // errors wait: the glossary's and the output's come first, as when one followed the other.
    let reading = jsonl || isBatch ? nil : input.map { [inputFormat, original] path in
      BackgroundJob { Result { try Self.readDocument(path: path, format: inputFormat, original: original) } }
    }
    let (loaded, words) = try glossary.loadWithDictionary(always: true)
    let unsafe = GlossaryLinter.unsafeForMatching(loaded, dictionary: words)
    let checker = ConsistencyChecker(glossary: loaded, skip: Set(skip), lowConfidence: unsafe)
    if jsonl {
      try runJSONL(checker)
      return
    }
    if isBatch {
      try runBatch(checker)
      return
    }
    let (report, destination) = try reportingErrors { () throws -> (CheckReport, OutputFile) in
      let inputs = [input, source, target, glossary.glossary].compactMap { $0 }
      let destination = try OutputFile(output ?? "-", reading: inputs.isEmpty ? ["-"] : inputs)
      let document = try reading?.wait().get() ?? readDocument()
      return (try checker.check(document), destination)
    }
    switch format {
    case .text: try reportingErrors { try destination.write(Array(TextReport.render(report).utf8)) }
    // Written a block at a time while the next blocks are made: never whole in memory.
    case .json: try reportingErrors { try destination.write { write in try JSONReport.renderUTF8(report, inBlocksTo: write) } }
    case .html: try reportingErrors { try destination.write(Array(HTMLReport.render(report).utf8)) }
    }
    // The document and its analyses are let go at exit, not freed string by string on one
    // core after the report is written.
    MemoryPolicy.keepUntilExit(report)
    if report.hasFindings(atOrAbove: failOn) { throw ExitStatus.findings }
  }

  func readDocument() throws -> BilingualDocument {
    if let source, let target {
      let s = try TextReader.read(path: source, language: "ro")
      let t = try TextReader.read(path: target, language: "en")
      for (path, document) in [(source, s), (target, t)] {
        for note in document.notes { printWarning("\(path): \(note)") }
      }
      return try BilingualReader.pair(source: s, target: t)
    }
    return try Self.readDocument(path: input ?? "-", format: inputFormat, original: original)
  }

  /// The translated file at `path`, read as `format` (`auto`: from its extension); `original`
  /// is the article an XLIFF file was prepared from.
  static func readDocument(path: String, format: InputFormat, original: String?) throws -> BilingualDocument {
    var kind = format
    if kind == .auto {
      switch URL(fileURLWithPath: path).pathExtension.lowercased() {
      case "xlf", "xliff", "xlz", "sdlxliff", "mqxliff": kind = .xliff
      case "tmx": kind = .tmx
      case "jsonl", "ndjson": kind = .jsonl
      case "json": kind = .json
      default:
        throw TraduError.malformedInput(
          path: path, line: nil,
          reason: "cannot tell the format from the extension; add --input-format xliff|json|jsonl|tmx")
      }
    }
    switch kind {
    case .xliff:
      let xliff = try XLIFFReader.read(path: path)
      var prepared: PreparedDocument?
      if let original {
        // Prepared again as `prepare` did (the file's languages and normalization), so that the ids agree.
        let preparer = Preparer(sourceLanguage: xliff.sourceLanguage.isEmpty ? "ro" : xliff.sourceLanguage,
                                targetLanguage: xliff.targetLanguage ?? "en",
                                normalization: TraduFileFacts.normalization(from: xliff.files.first?.metadata ?? [:]))
        prepared = try preparer.prepare(bytes: try TextReader.readBytes(path: original), name: original)
      }
      return try BilingualReader.xliff(xliff, name: path, original: prepared)
    case .tmx:
      return try TMXReader.read(Data(try TextReader.readBytes(path: path)), path: path)
    case .json:
      return try TraduJSONReader.read(path: path)
    case .jsonl, .auto:
      let bytes = try TextReader.readBytes(path: path)
      // UTF-8 without a byte-order mark is parsed as it is, each string checked as it is made.
      // Anything else (a mark, another encoding, invalid UTF-8, a line that is not JSON) is
      // read as before, through the text reader: the same text, the same error.
      if !bytes.starts(with: [0xEF, 0xBB, 0xBF]), bytes.count <= TextReader.defaultSizeLimit,
         let document = try? BilingualReader.jsonl(utf8: bytes, name: path) {
        return document
      }
      return try BilingualReader.jsonl(try TextReader.decode(bytes, name: path).text, name: path)
    }
  }

  private func runJSONL(_ checker: ConsistencyChecker) throws {
    // The protocol answers every line; findings are data here, so the exit code stays 0.
    try answerJSONLines { (record, json) throws(TraduError) in
      let unit = BilingualSegment(id: record.id ?? "", source: try record.string("source"),
                                  target: record.object["target"]?.string)
      let analysis = try checker.analyze(unit)
      json.beginObject()
      json.key("findings")
      json.beginArray()
      for finding in analysis.findings { JSONReport.write(finding, source: unit.source, target: unit.target, into: &json) }
      json.endArray()
      json.key("id")
      record.writeID(into: &json)
      json.endObject()
    }
  }
}

