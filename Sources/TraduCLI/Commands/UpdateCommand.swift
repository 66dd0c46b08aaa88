import ArgumentParser
import Foundation
import Tradu

/// `tradu update`: the new version of an article, prepared with the old version's translations.
struct UpdateCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "update",
    abstract: "Prepare the new version of an article, carrying the old file's translations over.",
    discussion: """
      Prepares NEW-ARTICLE as 'tradu prepare' does (same normalization and glossary) in the \
      format of OLD.xlf (XLIFF 2.x or 1.2), then: every segment whose source is unchanged \
      keeps its old target and state; a changed segment gets the old translations closest \
      to it as fuzzy candidates (<mtc:matches> / <alt-trans>); a new one starts empty. \
      With --tm, segments the old file cannot help also get the memory's candidates, and \
      --fill exact writes the memory's exact matches as targets. \
      A summary (kept, changed, new, dropped) goes to standard error.

      Examples:
        tradu update article.xlf article-v2.txt -o article-v2.xlf
        tradu update article.xlf article-v2.txt --tm news.tm -o article-v2.xlf
      """
  )

  @Argument(help: "The earlier translation file (XLIFF 2.x or 1.2, translated or partly).")
  var old: String

  @Argument(help: "The new version of the article (a text file).")
  var article: String

  @Option(name: .shortAndLong, help: "Output file, or '-' for standard output (default: the article's name with .xlf).")
  var output: String?

  @OptionGroup var normalizationArguments: NormalizationArguments

  @OptionGroup var glossaryOptions: GlossaryOptions

  @Option(name: .customLong("tm"), help: ArgumentHelp("A translation memory for the segments the old file cannot help.", valueName: "memory"))
  var memoryPath: String?

  @Option(help: "Which memory matches become targets: none or exact.")
  var fill: Leverage.FillPolicy = .none

  @Option(help: "Creation date to stamp, ISO 8601 UTC; none by default.")
  var date: String?

  var destination: String? {
    if let output { return output == "-" ? nil : output }
    let url = URL(fileURLWithPath: article)
    return url.deletingPathExtension().appendingPathExtension("xlf").relativePath == article
      ? article + ".xlf" : (article as NSString).deletingPathExtension + ".xlf"
  }

  func run() throws {
    try reportingErrors {
      let target = destination
      // Checked before the work: not an input, not a translated file.
      let output = try OutputFile(target ?? "-", reading: [old, article] + [glossaryOptions.glossary, memoryPath].compactMap { $0 })
      let oldFile = try XLIFFReader.read(path: old)
      let bytes = try TextReader.readBytes(path: article)
      func primary(_ tag: String) -> String { String(tag.split(separator: "-").first ?? "") }
      let preparer = Preparer(sourceLanguage: oldFile.sourceLanguage.isEmpty ? "ro" : primary(oldFile.sourceLanguage),
                              targetLanguage: primary(oldFile.targetLanguage ?? "en"),
                              normalization: try normalizationArguments.normalizationOptions(),
                              glossary: try glossaryOptions.load())
      var prepared = try preparer.prepare(bytes: bytes, name: article, encoding: normalizationArguments.encoding)
      let summary = try ArticleUpdate().carry(from: oldFile, name: (old as NSString).lastPathComponent, into: &prepared)
      if let memoryPath {
        let memory = try TranslationMemory(path: memoryPath, create: false)
        try Leverage(fill: fill).apply(memory, to: &prepared, onlyWithoutCandidates: true)
      }
      let version: XLIFFVersion = oldFile.xliffVersion ?? .v2_1  // XLIFFReader always knows it
      let writer = XLIFFWriter(version: version, stamp: ExportStamp(toolVersion: TraduCommand.version, date: date))
      try output.write { write in try writer.renderUTF8(prepared, inBlocksTo: write) }
      printError("\(article) → \(target ?? "standard output") (XLIFF \(version.rawValue)): \(summary.description)")
    }
  }
}
