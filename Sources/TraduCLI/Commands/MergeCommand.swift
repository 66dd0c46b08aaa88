import ArgumentParser
import Foundation
import Tradu

/// `tradu merge`: a translated XLIFF file in, the target article out.
struct MergeCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "merge",
    abstract: "Rebuild the translated article from a translated XLIFF file.",
    discussion: """
      Reads XLIFF 2.0/2.1/2.2 or 1.2, or Tradu JSON (.json) with targets filled, \
      and writes every segment's target, with the article's paragraphs, white \
      space and line endings. Tradu's own XLIFF 2 and JSON carry all of these; \
      XLIFF 1.2, XLIFF 2 from another tool (segments without ids, no <ignorable>), \
      or a file whose white space a tool rewrote, needs --original (the article \
      the file was prepared from; its fingerprint must match). A file prepared \
      from HTML or Markdown always needs --original: the translation is written \
      into that file's bytes (everything else kept byte for byte, <html lang> set \
      to the target language, inline codes put back in the target's order); a \
      target that drops, repeats or unbalances codes is an error naming the \
      segment (a warning with --lenient-codes). A segment without a translation keeps its source, with a \
      warning (an error with --strict). So does a target that is a copy of its \
      source (CAT tools such as OmegaT copy the source into untranslated \
      targets), unless it holds only numbers, punctuation and do-not-translate \
      names of the glossary, or its state says translated.

      --tm stores the file's translations in a translation memory (created if \
      missing) once the article is written, as 'tradu tm import' stores them: only \
      real translations, with the translator from --author; a translation the memory \
      has already is not stored twice.

      Examples:
        tradu merge article.en.xlf -o article.en.txt
        tradu merge article.xlf --original article.txt --strict -o -
        tradu merge article.xlf --encoding UTF-16LE -o article.en.txt
        tradu merge article.json -o article.en.txt
        tradu merge page.xlf --original page.html -o page.en.html
        tradu merge article.en.xlf -o article.en.txt --tm news.tm --author ana
      """
  )

  @Argument(help: "The translated XLIFF file (or Tradu JSON, .json), or '-' for standard input.")
  var translated: String

  @Option(help: "The article the file was prepared from (needed for XLIFF 1.2).")
  var original: String?

  @Option(name: .shortAndLong, help: "Output file, or '-' for standard output (the default).")
  var output: String = "-"

  @Flag(help: "Fail when a segment has no translation or its source as translation.")
  var strict = false

  @OptionGroup var glossaryOptions: GlossaryOptions

  @Flag(name: .customLong("lenient-codes"), help: "HTML/Markdown: write a target whose inline codes do not match its source's (missing codes appended) with a warning, instead of failing.")
  var lenientCodes = false

  @Option(help: "Encoding of the output (an ICU converter name, e.g. UTF-8, UTF-16LE, ISO-8859-2); default UTF-8, or the original's for HTML/Markdown.")
  var encoding: String?

  @Option(name: .customLong("tm"), help: ArgumentHelp("Store the translations in this translation memory (see 'tradu tm').", valueName: "memory"))
  var memoryPath: String?

  @Option(help: "With --tm: the translator to record.")
  var author: String?

  func validate() throws {
    if memoryPath != nil && translated == "-" {
      throw ValidationError("--tm reads the translated file again for the memory: name the file instead of '-'.")
    }
    if author != nil && memoryPath == nil { throw ValidationError("--author goes with --tm.") }
    if let encoding, !TextReader.isKnownEncoding(encoding) {
      throw ValidationError("Unknown --encoding '\(encoding)'; use an ICU converter name such as UTF-8 or UTF-16LE.")
    }
  }

  func run() throws {
    // An existing memory is opened first, so that a file that is no memory stops the merge
    // before it writes; a new one is created only once the article is written.
    let opened = try memoryPath.flatMap { (path) throws in
      FileManager.default.fileExists(atPath: path) ? try reportingErrors { try TranslationMemory(path: path) } : nil
    }
    try merge()
    if let memoryPath {
      try reportingErrors {
        let memory = try opened ?? TranslationMemory(path: memoryPath)
        let read = try MemoryImport.read(path: translated, origin: .human, author: author, date: isoNow())
        let added = try memory.add(read.units)
        var parts = ["\(added.added) added", "\(added.updated) already there"]
        if read.notTranslations > 0 { parts.append("\(read.notTranslations) not translations (target = source)") }
        if read.untranslated > 0 { parts.append("\(read.untranslated) without a target") }
        printError("\(translated) → \(memory.path): \(parts.joined(separator: ", "))")
      }
    }
  }

  /// Writes the translated article.
  private func merge() throws {
    try reportingErrors {
      let xliff = translated.lowercased().hasSuffix(".json")
        ? try TraduJSONReader.read(path: translated) : try XLIFFReader.read(path: translated)
      let facts = xliff.files.first?.metadata ?? [:]
      let declared = facts["inputFormat"].flatMap(InputFormat.init(rawValue:)) ?? .text
      if declared != .text && original == nil {
        throw TraduError.malformedInput(path: translated, line: nil, reason: "was prepared from a \(declared == .html ? "HTML" : "Markdown") file; pass that file with --original to write the translation into it")
      }
      if let original, declared != .text || InputFormat.implied(byPath: original) != .text {
        try mergeMarkup(xliff, original: original, format: declared != .text ? declared : InputFormat.implied(byPath: original))
        return
      }
      let destination = try OutputFile(output, reading: [translated] + [original].compactMap { $0 })
      var prepared: PreparedDocument? = nil
      if let original {
        let preparer = Preparer(sourceLanguage: xliff.sourceLanguage.isEmpty ? "ro" : xliff.sourceLanguage,
                                targetLanguage: xliff.targetLanguage ?? "en",
                                normalization: TraduFileFacts.normalization(from: facts))
        prepared = try preparer.prepare(bytes: try TextReader.readBytes(path: original), name: original)
      }
      let merged = try ArticleMerger(strict: strict, glossary: try glossaryOptions.load())
        .merge(xliff, name: translated, original: prepared)
      if !merged.droppedTargets.isEmpty {
        let shown = merged.droppedTargets.prefix(10).joined(separator: ", ")
        printWarning("\(translated): \(merged.droppedTargets.count) segment(s) of units marked translate=\"no\" have a changed target, which merge leaves out: the source stays (\(shown)\(merged.droppedTargets.count > 10 ? ", …" : ""))")
      }
      if !merged.sameAsSource.isEmpty {
        let shown = merged.sameAsSource.prefix(10).joined(separator: ", ")
        let more = merged.sameAsSource.count > 10 ? " and \(merged.sameAsSource.count - 10) more" : ""
        printWarning("\(translated): \(merged.sameAsSource.count) segment(s) have their source as translation, possibly untranslated (\(shown)\(more)); --strict makes this an error")
      }
      if !merged.untranslated.isEmpty {
        let shown = merged.untranslated.prefix(5).joined(separator: ", ")
        let more = merged.untranslated.count > 5 ? ", …" : ""
        printWarning("\(translated): \(merged.untranslated.count) segment(s) without translation keep their source (\(shown)\(more)); --strict makes this an error")
      }
      let encoding = self.encoding ?? "UTF-8"
      var bytes: [UInt8]
      let isUTF8 = encoding.uppercased().replacingOccurrences(of: "-", with: "") == "UTF8"
      if isUTF8 {
        bytes = (merged.byteOrderMark ? [0xEF, 0xBB, 0xBF] : []) + Array(merged.text.utf8)
      } else {
        do {
          if Latin10.isName(encoding) {
            bytes = try Latin10.encode(Array(merged.text.utf16)).get()
          } else {
            bytes = try ICU.encode(Array(merged.text.utf16), charset: encoding)
          }
        } catch {
          throw TraduError.unwritable(path: output, reason: "the translation cannot be written in \(encoding): \(error)")
        }
      }
      try destination.write(bytes)
    }
  }

  /// Writes the translation into the HTML or Markdown original.
  private func mergeMarkup(_ xliff: BilingualDocument, original: String, format: InputFormat) throws {
    let destination = try OutputFile(output, reading: [translated, original])
    let facts = xliff.files.first?.metadata ?? [:]
    let preparer = Preparer(sourceLanguage: xliff.sourceLanguage.isEmpty ? "ro" : xliff.sourceLanguage,
                            targetLanguage: xliff.targetLanguage ?? "en",
                            normalization: TraduFileFacts.normalization(from: facts))
    var merged = try MarkupMerger(strict: strict, lenient: lenientCodes, glossary: try glossaryOptions.load()).merge(
      xliff, name: translated, originalBytes: try TextReader.readBytes(path: original), originalName: original,
      format: format, preparer: preparer)
    for warning in merged.warnings { printWarning("\(translated): \(warning)") }
    if !merged.sameAsSource.isEmpty {
      let more = merged.sameAsSource.count > 10 ? " and \(merged.sameAsSource.count - 10) more" : ""
      printWarning("\(translated): \(merged.sameAsSource.count) segment(s) have their source as translation, possibly untranslated (\(merged.sameAsSource.prefix(10).joined(separator: ", "))\(more)); --strict makes this an error")
    }
    if !merged.untranslated.isEmpty {
      let shown = merged.untranslated.prefix(5).joined(separator: ", ")
      let more = merged.untranslated.count > 5 ? ", …" : ""
      printWarning("\(translated): \(merged.untranslated.count) segment(s) without translation keep their source (\(shown)\(more)); --strict makes this an error")
    }
    if let encoding { merged.encoding = encoding }
    let bytes: [UInt8]
    do {
      bytes = try merged.encoded()
    } catch {
      throw TraduError.unwritable(path: output, reason: "\(error)")
    }
    try destination.write(bytes)
  }
}
