import ArgumentParser
import Foundation
import Tradu

/// `tradu prepare`: an article in, a translation file out.
struct PrepareCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "prepare",
    abstract: "Turn an article into a translation file (XLIFF, JSON, TMX).",
    discussion: """
      Reads the article, normalizes it (see 'tradu normalize'; with --no-normalize \
      the text stays as read and 'tradu merge' gives back the file byte for byte), \
      segments it into paragraphs (units) and sentences (segments), marks the \
      glossary's terms (the built-in news glossary unless --glossary names one; \
      none with --no-glossary) and writes a file for a CAT tool or an MT pipeline. \
      The output is deterministic, and the text between segments is kept, so \
      'tradu merge' rebuilds the article. \
      A summary (paragraphs, segments, words, characters, repeated segments, \
      glossary hits, flagged and not-for-translation items) goes to standard \
      error.

      HTML and Markdown (--input-format, or a .html/.htm/.md/.markdown name) are \
      read with real parsers (gumbo, cmark-gfm): only their text is translated, \
      inline tags (links, emphasis, <br>, code spans) become inline codes, and \
      'tradu merge --original' writes the translation back into the page.

      Formats: xliff (XLIFF 2.1, the default), xliff20, xliff22, xliff12 (XLIFF \
      1.2, strict schema, with <seg-source>), json, jsonl (one unit per line), \
      tmx (TMX 1.4b).

      Examples:
        tradu prepare Samples/mediafax-musk-putin.ro.txt -o -
        tradu prepare article.txt --to xliff12 --glossary my-terms.tsv -o article.xlf
        tradu prepare article.txt --to json --offsets utf16 -o article.json
        tradu prepare page.html --no-normalize -o page.xlf
        cat article.txt | tradu prepare - --to jsonl > units.jsonl
        tradu prepare --input-format jsonl --to jsonl - \\
            < articles.jsonl > units.jsonl
        tradu prepare archive/ -o prepared/ --jobs 4
        tradu prepare article.txt --tm news.tm --fill exact -o article.xlf

      Batch mode: given a folder or several articles, prepare writes one output per \
      article into the -o folder, keeping the articles' paths below the folders named \
      (a folder contributes its .txt files, hidden ones left out), on --jobs cores at once \
      (default: all). An output is skipped while it is up to date: its article, glossary, \
      options and Tradu's version are the same as when it was written (a fingerprint kept \
      in OUTDIR/.tradu-prepare; file times play no part), so a run that was interrupted \
      resumes where it stopped, and a changed glossary redoes everything. --force redoes \
      every article. A bad article does not stop the others; every failure is listed at \
      the end and the exit code is then 2. Progress goes to standard error when it is a \
      terminal (--progress text), or as JSON lines (--progress json); --quiet says nothing \
      but the failures.

      Streaming: with --input-format jsonl, standard input holds one article a line, \
      {"id": "…", "text": "…"}, and each article's units are written as soon as it is \
      prepared (in the jsonl format, "document" is the id), so tradu works as a filter in a \
      pipeline (e.g. Spark's RDD.pipe; see scripts/spark_prepare.py). Memory stays flat \
      however long the stream is. A bad line is reported on standard error with its line \
      number, and the exit code is then 2.

      With --tm, every segment gets the memory's matches as candidates (XLIFF 2 \
      <mtc:matches>, XLIFF 1.2 <alt-trans>, JSON "matches"); --fill exact also \
      writes exact (100) and in-context (101) matches as targets, state \
      translated. The summary then gives the leverage analysis (words and \
      segments by band: 101, 100, repetitions, 95-99, 85-94, 75-84, no match).
      """
  )

  enum Format: String, ExpressibleByArgument, CaseIterable {
    case xliff, xliff20, xliff21, xliff22, xliff12, json, jsonl, tmx

    var fileExtension: String {
      switch self {
      case .xliff, .xliff20, .xliff21, .xliff22, .xliff12: return "xlf"
      case .json: return "json"
      case .jsonl: return "jsonl"
      case .tmx: return "tmx"
      }
    }
  }

  enum StatsFormat: String, ExpressibleByArgument, CaseIterable {
    case text, json, none
  }

  @Argument(help: "The article (a text, HTML or Markdown file), or '-' for standard input; or a folder (batch mode).")
  var article: String

  @Argument(help: ArgumentHelp(
    "More articles or folders: all are prepared into the -o folder (batch mode).", valueName: "more"))
  var moreArticles: [String] = []

  @OptionGroup var batchOptions: BatchOptions

  @Option(name: .customLong("input-format"), help: ArgumentHelp(
    "What the input holds: text, html or markdown (one article; default: from the extension: .html/.htm, .md/.markdown, else text) or jsonl (one {\"id\",\"text\"} article a line, with --to jsonl -).",
    valueName: "format"))
  var inputFormat: ArticleInputFormat?

  /// How to read the article at `path`: --input-format, else what its extension implies.
  func articleFormat(of path: String) -> InputFormat {
    switch inputFormat {
    case .html: return .html
    case .markdown: return .markdown
    case .text, .jsonl: return .text
    case nil: return InputFormat.implied(byPath: path)
    }
  }

  @OptionGroup var normalizationArguments: NormalizationArguments

  @OptionGroup var glossaryOptions: GlossaryOptions

  @Flag(name: .customLong("no-glossary"), help: "Annotate no glossary terms.")
  var noGlossary = false

  @Option(name: .customLong("to"), help: ArgumentHelp("Output format (xliff is XLIFF 2.1).", valueName: "format"))
  var format: Format = .xliff

  @Option(name: .shortAndLong, help: "Output file, or '-' for standard output (default: the article's name with .xlf, .json, .jsonl or .tmx; standard output for '-').")
  var output: String?

  @Option(name: .customLong("source-lang"), help: "The article's language (BCP 47).")
  var sourceLanguage = "ro"

  @Option(name: .customLong("target-lang"), help: "The translation's language (BCP 47).")
  var targetLanguage = "en"

  @Option(name: .customLong("xliff12-targets"), help: ArgumentHelp(
    "With --to xliff12: what untranslated <target> segments hold: source (a copy, state needs-translation; what OmegaT and Okapi translate) or empty.",
    valueName: "source|empty"))
  var xliff12Targets: XLIFF12Targets = .source

  @Option(help: "Offset unit of the JSON output: codepoint, utf16 or utf8.")
  var offsets: OffsetUnit = .codepoint

  @Flag(name: .customLong("no-normalize"), help: "Segment the text exactly as read (merge then gives back the original file byte for byte).")
  var noNormalize = false

  @Option(help: "Summary on standard error: text, json or none.")
  var stats: StatsFormat = .text

  @Flag(help: "Replace an output that holds translations (an XLIFF or JSON file already translated), keeping it as FILE~.")
  var replaceTranslated = false

  @Option(name: .customLong("omegat-project"), help: ArgumentHelp(
    "Write a ready OmegaT project into this folder instead: omegat.project (ro→en), the article as XLIFF 1.2 in source/, the glossary as TBX v2 in glossary/, and with --tm the memory as TMX in tm/.",
    valueName: "folder"))
  var omegatProject: String?

  @Option(name: .customLong("tm"), help: ArgumentHelp("A translation memory to leverage (see 'tradu tm').", valueName: "memory"))
  var memoryPath: String?

  @Option(help: "Which memory matches become targets: none (candidates only) or exact (100 and 101).")
  var fill: Leverage.FillPolicy = .none

  @Option(name: .customLong("tm-min-score"), help: "No memory candidate below this score.")
  var memoryMinimumScore = 70

  @Option(name: .customLong("tm-max"), help: "At most this many memory candidates a segment.")
  var memoryLimit = 3

  @Option(help: "Creation date to stamp, ISO 8601 UTC (e.g. 2026-11-25T12:00:00Z); none by default, so runs are reproducible.")
  var date: String?

  func validate() throws {
    if noGlossary && glossaryOptions.glossary != nil {
      throw ValidationError("--no-glossary and --glossary exclude each other.")
    }
    if let date, date.range(of: #"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$"#, options: .regularExpression) == nil {
      throw ValidationError("--date must look like 2026-11-25T12:00:00Z (UTC, no fractions).")
    }
    for (option, tag) in [("--source-lang", sourceLanguage), ("--target-lang", targetLanguage)]
    where !LanguageTag.isWellFormed(tag) {
      throw ValidationError("\(option) '\(tag)' is not a BCP 47 language tag; write e.g. ro, en, en-GB or sr-Latn.")
    }
    if inputFormat == .jsonl && (article != "-" || format != .jsonl || (output ?? "-") != "-") {
      throw ValidationError("--input-format jsonl streams standard input to standard output: use 'tradu prepare --input-format jsonl --to jsonl -'.")
    }
    if memoryPath == nil && fill != .none { throw ValidationError("--fill needs --tm.") }
    if memoryLimit < 1 { throw ValidationError("--tm-max must be at least 1.") }
  }

  /// Where the output goes: a path, or nil for standard output.
  var destination: String? {
    if let output { return output == "-" ? nil : output }
    if article == "-" { return nil }
    // Replace the extension of the last path component, if it has one.
    let name = article.split(separator: "/", omittingEmptySubsequences: false).last ?? ""
    let base = name.lastIndex(of: ".").map { dot in
      dot == name.startIndex ? article : String(article.dropLast(name.distance(from: dot, to: name.endIndex)))
    } ?? article
    return base + "." + format.fileExtension
  }

  /// The preparer the options ask for, with `glossary` when it is already loaded.
  func makePreparer(glossary loaded: Glossary? = nil) throws -> Preparer {
    var preparer = try makePreparerWithoutGlossary()
    if !noGlossary { preparer.annotateTerms(of: try loaded ?? glossaryOptions.load()) }
    return preparer
  }

  /// The preparer of these options before its glossary is added (``Preparer/annotateTerms(of:)``).
  func makePreparerWithoutGlossary() throws -> Preparer {
    let normalization = noNormalize ? nil : try normalizationArguments.normalizationOptions()
    return Preparer(sourceLanguage: sourceLanguage, targetLanguage: targetLanguage, normalization: normalization)
  }

  /// An article as read: a plain UTF-8 text file already in its pieces and hashed, or the
  /// bytes of anything else.
  private enum ReadArticle: Sendable {
    case pieces(Preparer.TextFilePieces)
    case bytes([UInt8])
  }

  /// Reads and prepares the article.
  func prepareArticle() throws -> PreparedDocument {
    // The article is read on another core while the glossary is loaded and compiled; a bad
    // glossary is still reported before a bad article. A plain UTF-8 text file of 1 MB or
    // more is read straight into the pieces it is prepared in, and hashed meanwhile, as
    // `segment` reads it (one copy of the text, not three); anything else is read as bytes.
    let direct = articleFormat(of: article) == .text && normalizationArguments.encoding == nil
    let reading = BackgroundJob { [article, sourceLanguage] in
      Result { () throws(TraduError) -> ReadArticle in
        if direct, let file = Preparer.readTextFile(at: article, language: sourceLanguage) { return .pieces(file) }
        return .bytes(try TextReader.readBytes(path: article))
      }
    }
    let preparer = try makePreparer()
    let read = try reading.wait().get()
    let prepared: PreparedDocument
    // What was read handed over, not kept here: the preparer lets it go once decoded.
    switch consume read {
    case .pieces(let file):
      prepared = try preparer.prepare(file)
    case .bytes(let bytes):
      prepared = try MarkupPreparer(preparer: preparer).prepare(
        bytes: bytes, name: article, format: articleFormat(of: article), encoding: normalizationArguments.encoding,
        strictEncoding: normalizationArguments.strictEncoding)
    }
    for note in prepared.notes where note.category == PreparedNote.readingCategory { printWarning("\(article): \(note.text)") }
    return prepared
  }

  /// Renders `prepared` in the chosen format, handing the UTF-8 to `emit` a block at a time.
  func render(_ prepared: PreparedDocument, glossEntries: GlossEntryCache? = nil,
              to emit: ([UInt8]) throws -> Void) throws {
    let stamp = ExportStamp(toolVersion: TraduCommand.version, date: date)
    func xliff2(_ version: XLIFFVersion) -> XLIFFWriter {
      var writer = XLIFFWriter(version: version, stamp: stamp)
      writer.glossEntryCache = glossEntries
      return writer
    }
    switch format {
    case .xliff, .xliff21: try xliff2(.v2_1).renderUTF8(prepared, inBlocksTo: emit)
    case .xliff20: try xliff2(.v2_0).renderUTF8(prepared, inBlocksTo: emit)
    case .xliff22: try xliff2(.v2_2).renderUTF8(prepared, inBlocksTo: emit)
    case .xliff12:
      var writer = XLIFFWriter(version: .v1_2, stamp: stamp)
      writer.xliff12Targets = xliff12Targets
      try writer.renderUTF8(prepared, inBlocksTo: emit)
    case .json: try JSONExporter(stamp: stamp, offsetUnit: offsets).renderUTF8(prepared, inBlocksTo: emit)
    case .jsonl: try JSONExporter(stamp: stamp, offsetUnit: offsets).renderLinesUTF8(prepared, inBlocksTo: emit)
    case .tmx: try TMXWriter(stamp: stamp).renderUTF8(prepared, inBlocksTo: emit)
    }
  }

  func run() throws {
    if memoryPath != nil && (isBatch || inputFormat == .jsonl) {
      throw ValidationError("--tm prepares one article at a time; batch mode and --input-format jsonl do not take it yet.")
    }
    if isBatch {
      try runBatch()
      return
    }
    if inputFormat == .jsonl {
      try reportingErrors { try streamJSONL() }
      return
    }
    if let omegatProject {
      try reportingErrors { try writeOmegaTProject(omegatProject) }
      return
    }
    MemoryPolicy.adapt(toInput: article)
    try reportingErrors {
      let target = destination
      // Checked before the work: not the article, not a glossary, not a translated file.
      let output = try OutputFile(target ?? "-", reading: [article] + [glossaryOptions.glossary, memoryPath].compactMap { $0 },
                                  replacingTranslations: replaceTranslated)
      var prepared = try prepareArticle()
      var leverage: LeverageAnalysis?
      if let memoryPath {
        let memory = try TranslationMemory(path: memoryPath, create: false)
        leverage = try Leverage(fill: fill, minimumScore: memoryMinimumScore, limit: memoryLimit)
          .apply(memory, to: &prepared)
      }
      // The summary counts words with ICU (about a quarter of the preparation's time): not done
      // when nobody reads it, else on other threads while the output is rendered and flushed.
      let counting = stats == .none ? nil : BackgroundJob { [prepared] in
        Result { () throws(TraduError) in try PreparationStatistics(prepared) }
      }
      // Written a block at a time: the whole output is never in memory.
      try output.write { write in try render(prepared, to: write) }
      switch stats {
      case .text:
        let figures = try counting!.wait().get()
        printError("\(article) → \(target ?? "standard output") (\(format.title)): \(figures.summary)")
        if let leverage { printError(leverage.summary) }
      case .json:
        let figures = try counting!.wait().get()
        var json = figures.json
        if let leverage, json.hasSuffix("}") { json = String(json.dropLast()) + ", \"leverage\": \(leverage.json)}" }
        FileHandle.standardError.write(Data((json + "\n").utf8))
      case .none:
        break
      }
      // The process ends here: the kernel takes the document's memory back at once, where
      // freeing it string by string took one core about 25 ms for 20 MB of text.
      MemoryPolicy.keepUntilExit(consume prepared)
    }
  }
}

extension PrepareCommand {
  /// Writes an OmegaT project a translator opens and starts in: `omegat.project`, the article
  /// as XLIFF 1.2 (targets holding their source, which OmegaT translates) in `source/`, the
  /// glossary as TBX v2 (what OmegaT 3.6 reads) in `glossary/`, and with `--tm` the article
  /// leveraged from the memory (its candidates, `--fill`) and the whole memory as TMX 1.4 in
  /// `tm/`, where OmegaT looks for its own fuzzy matches.
  func writeOmegaTProject(_ folder: String) throws {
    guard article != "-" else {
      throw TraduError.unreadable(path: "-", reason: "--omegat-project needs the article as a file (its name names the XLIFF file)")
    }
    let manager = FileManager.default
    for sub in ["", "source", "target", "tm", "glossary", "omegat", "dictionary"] {
      let path = (folder as NSString).appendingPathComponent(sub)
      do {
        try manager.createDirectory(atPath: path, withIntermediateDirectories: true)
      } catch {
        throw TraduError.unwritable(path: path, reason: "cannot make the folder (\(error.localizedDescription))")
      }
    }
    let base = ((article as NSString).lastPathComponent as NSString).deletingPathExtension
    let xliffPath = (folder as NSString).appendingPathComponent("source/\(base).xlf")
    let output = try OutputFile(xliffPath, reading: [article] + [glossaryOptions.glossary, memoryPath].compactMap { $0 },
                                replacingTranslations: replaceTranslated)
    var prepared = try prepareArticle()
    var memoryFile: String?
    if let memoryPath {
      let memory = try TranslationMemory(path: memoryPath, create: false)
      _ = try Leverage(fill: fill, minimumScore: memoryMinimumScore, limit: memoryLimit).apply(memory, to: &prepared)
      let name = ((memoryPath as NSString).lastPathComponent as NSString).deletingPathExtension + ".tmx"
      let writer = MemoryTMXWriter(stamp: ExportStamp(toolVersion: TraduCommand.version, date: date),
                                   sourceLanguage: sourceLanguage)
      try OutputFile((folder as NSString).appendingPathComponent("tm/\(name)"), reading: [memoryPath],
                     replacingTranslations: replaceTranslated)
        .write { write in try writer.write(memory, to: write) }
      memoryFile = name
    }
    var writer = XLIFFWriter(version: .v1_2, stamp: ExportStamp(toolVersion: TraduCommand.version, date: date))
    writer.xliff12Targets = xliff12Targets
    try output.write { write in try writer.renderUTF8(prepared, inBlocksTo: write) }
    if !noGlossary {
      let glossary = try glossaryOptions.load()
      let name = glossaryOptions.glossary.map { (($0 as NSString).lastPathComponent as NSString).deletingPathExtension } ?? "tradu-news"
      try OutputFile((folder as NSString).appendingPathComponent("glossary/\(name).tbx"))
        .write(TBXWriter.document(glossary, version: .v2))
    }
    try OutputFile((folder as NSString).appendingPathComponent("omegat.project"))
      .write(Self.omegaTProjectFile(source: sourceLanguage, target: targetLanguage))
    printError("\(article) → OmegaT project \(folder): source/\(base).xlf (\(prepared.segments.count) segments)"
               + (noGlossary ? "" : ", glossary/ (TBX v2)") + (memoryFile.map { ", tm/\($0)" } ?? "")
               + "; open the folder in OmegaT")
  }

  /// OmegaT's project file: default folders, the languages' tokenizers, and OmegaT's own
  /// sentence segmentation off: each `<mrk mtype="seg">` Tradu wrote is one segment (with it
  /// on, OmegaT's rules would cut "3 nov. 2022" or "Dl. Popescu" again).
  static func omegaTProjectFile(source: String, target: String) -> String {
    func tokenizer(_ language: String) -> String {
      switch language.lowercased().prefix(2) {
      case "ro": return "org.omegat.tokenizer.LuceneRomanianTokenizer"
      case "en": return "org.omegat.tokenizer.LuceneEnglishTokenizer"
      default: return "org.omegat.tokenizer.DefaultTokenizer"
      }
    }
    return """
      <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
      <omegat>
          <project version="1.0">
              <source_dir>__DEFAULT__</source_dir>
              <target_dir>__DEFAULT__</target_dir>
              <tm_dir>__DEFAULT__</tm_dir>
              <glossary_dir>__DEFAULT__</glossary_dir>
              <glossary_file>__DEFAULT__</glossary_file>
              <dictionary_dir>__DEFAULT__</dictionary_dir>
              <source_lang>\(XMLOutput.escaped(source))</source_lang>
              <target_lang>\(XMLOutput.escaped(target))</target_lang>
              <source_tok>\(tokenizer(source))</source_tok>
              <target_tok>\(tokenizer(target))</target_tok>
              <sentence_seg>false</sentence_seg>
              <support_default_translations>true</support_default_translations>
              <remove_tags>false</remove_tags>
          </project>
      </omegat>

      """
  }
}

extension PrepareCommand.Format {
  /// The format's name for people.
  var title: String {
    switch self {
    case .xliff, .xliff21: return "XLIFF 2.1"
    case .xliff20: return "XLIFF 2.0"
    case .xliff22: return "XLIFF 2.2"
    case .xliff12: return "XLIFF 1.2"
    case .json: return "JSON"
    case .jsonl: return "JSONL"
    case .tmx: return "TMX 1.4b"
    }
  }
}

extension OffsetUnit: ExpressibleByArgument {}
extension XLIFF12Targets: ExpressibleByArgument {}

extension Leverage.FillPolicy: ExpressibleByArgument {}
