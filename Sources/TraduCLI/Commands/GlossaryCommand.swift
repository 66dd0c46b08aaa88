import ArgumentParser
import Foundation
import Tradu

/// `tradu glossary`: find, check and convert Romanian→English glossaries.
struct GlossaryCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "glossary",
    abstract: "Find glossary terms in Romanian text, check glossaries, convert them.",
    discussion: """
      Glossaries are TSV or CSV files with a header row (source, target and optionally id, type, \
      status, dnt, match, forms, note), or TBX (v3 TBX-Basic, or v2 <martif>). Without --glossary, \
      the Romanian→English news glossary built into tradu is used.

      Examples:
        tradu glossary match Samples/mediafax-musk-putin.ro.txt
        tradu glossary lint Glossaries/ro-en-news.tsv
        tradu glossary convert Glossaries/ro-en-news.tsv --output news.tbx
      """,
    subcommands: [GlossaryMatchCommand.self, GlossaryLintCommand.self, GlossaryConvertCommand.self, GlossaryEmbedCommand.self]
  )
}

/// Options shared by the commands that load a glossary.
struct GlossaryOptions: ParsableArguments {
  @Option(name: .long, help: "The glossary file (TSV, CSV or TBX); default: the built-in news glossary.")
  var glossary: String?

  @Flag(help: "Skip malformed glossary rows with a warning instead of stopping.")
  var lenient = false

  @OptionGroup var dictionary: DictionaryOptions

  /// The named glossary, or the default one; warnings about skipped rows go to stderr. Its
  /// untyped entries that are common words are found only capitalized
  /// (``GlossaryLinter/foundOnlyCapitalized(_:dictionary:)``).
  func load() throws -> Glossary {
    try loadWithDictionary().glossary
  }

  /// ``load()``, and the Romanian dictionary read for its terms when the glossary needed it
  /// (untyped entries) or `always`.
  func loadWithDictionary(always: Bool = false) throws -> (glossary: Glossary, dictionary: RomanianDictionary?) {
    var loaded: Glossary
    if let path = glossary {
      loaded = try reportingErrors { try Glossary.read(path: path, lenient: lenient) }
      for warning in loaded.warnings { printWarning(warning) }
    } else {
      if let error = Glossary.defaultLoadError {
        printError("\(error.description); name a glossary with --glossary, or rebuild after 'tradu glossary embed'")
        throw ExitStatus.badInput
      }
      loaded = Glossary.default
    }
    guard always || loaded.entries.contains(where: GlossaryLinter.mayBeFoundOnlyCapitalized) else { return (loaded, nil) }
    let words = try dictionary.load(for: loaded)
    loaded.foundOnlyCapitalized = GlossaryLinter.foundOnlyCapitalized(loaded, dictionary: words)
    return (loaded, words)
  }
}

/// `--dictionary`: the Romanian dictionary that tells common words from names.
struct DictionaryOptions: ParsableArguments {
  @Option(help: ArgumentHelp(
    "A Hunspell .dic file of Romanian words, read with the .aff file beside it: a glossary term equal to a common word or one of its inflected forms is unsafe for matching, and an untyped one is found only capitalized (default: \(RomanianDictionary.debianPath) when installed, from Debian's hunspell-ro).",
    valueName: "file"))
  var dictionary: String?

  @Flag(help: "Use no dictionary, even when one is installed.")
  var noDictionary = false

  /// The named dictionary, the installed one, or nil; only the words that are terms of
  /// `glossary` (what the linter asks about), not the whole dictionary.
  func load(for glossary: Glossary) throws -> RomanianDictionary? {
    if noDictionary { return nil }
    guard let path = dictionary ?? RomanianDictionary.systemPath else { return nil }
    return try reportingErrors { try RomanianDictionary(path: path, only: glossary.entries.map(\.source)) }
  }
}

/// `tradu glossary match`.
struct GlossaryMatchCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "match",
    abstract: "List the glossary terms found in a Romanian text, inflected forms included.",
    discussion: """
      Finds every entry of the glossary in the text: as written, without diacritics or case \
      (Romania, ROMÂNIA, Bucureşti with a cedilla) and inflected (Kremlinului, Uniunii Europene, \
      NATO-ului, Casei Albe). Prints one match per line: offsets (Unicode code points), the kind \
      (exact, folded, inflected), the form found, the entry and its preferred target.

      --json prints all matches as one JSON object. --jsonl streams the evaluation protocol: \
      {"id","text"} lines on standard input, {"id","matches":[{"start","end","entry"}]} lines out.

      Examples:
        tradu glossary match Samples/mediafax-musk-putin.ro.txt
        tradu glossary match --glossary my.tsv --json article.txt
        echo '{"id":"1","text":"Purtătorul de cuvânt al Kremlinului"}' \\
            | tradu glossary match --jsonl
      """
  )

  @Argument(help: "The text file to search, or '-' for standard input.")
  var input: String?

  @OptionGroup var options: GlossaryOptions

  @Flag(help: "Print the matches as one JSON object.")
  var json = false

  @Option(name: .customLong("input-format"), help: ArgumentHelp(
    "How to read the text: text, html or markdown (default: from the extension); offsets are then in the extracted text.",
    valueName: "format"))
  var inputFormat: InputFormat?

  @Flag(help: "Stream the JSONL protocol: {\"id\",\"text\"} lines in, {\"id\",\"matches\"} lines out.")
  var jsonl = false

  func validate() throws {
    if jsonl && input != nil { throw ValidationError("--jsonl reads standard input; do not name a file.") }
    if !jsonl && input == nil { throw ValidationError("Name a text file to search, or '-' for standard input.") }
    if jsonl && json { throw ValidationError("Choose one of --json and --jsonl.") }
  }

  func run() throws {
    // The text is read on another core while the glossary is loaded and compiled (a bad
    // glossary is still reported first).
    if !jsonl { MemoryPolicy.adapt(toInput: input ?? "-") }
    let reading = jsonl ? nil : BackgroundJob { [path = input ?? "-"] in
      Result { () throws(TraduError) in try TextReader.readBytes(path: path) }
    }
    // The same library path as `tradu prepare`, on the text as read (not normalized): the
    // matches are those prepare places in the segments.
    let glossary = try options.load()
    var preparer = Preparer(normalization: nil, glossary: glossary)
    // Boilerplate only marks units not for translation; the terms are placed in every
    // segment alike, so the matches are the same without looking for it.
    preparer.boilerplatePatterns = []
    if jsonl {
      try runJSONL(preparer)
      return
    }
    try reportingErrors {
      let path = input ?? "-"
      let format = inputFormat ?? InputFormat.implied(byPath: path)
      let document = try MarkupPreparer.readText(bytes: try reading!.wait().get(), name: path, format: format)
      let text = document.text
      let prepared = try preparer.prepare(document, fingerprint: "")
      let offsets = MatchOffsets(prepared, text: text, isPlainText: format == .text)
      var out = OutputBuffer()
      if json {
        var json = JSONWriter(style: .pretty)
        Self.writeMatches(prepared, offsets: offsets, document: document.name, glossary: glossary.name, into: &json) {
          out.write(bytes: $0)
        }
        out.write(bytes: json.take())
        out.write("\n")
      } else {
        for unit in prepared.units {
          for segment in unit.segments {
            for found in segment.glossaryMatches {
              let m = found.match
              let start = offsets.codePointOffset(ofUTF16: m.range.lowerBound, in: segment)
              let end = offsets.codePointOffset(ofUTF16: m.range.upperBound, in: segment)
              let target = (m.targets.first { $0.status == .preferred } ?? m.targets.first)?.term ?? ""
              out.write("\(start)-\(end)\t\(m.kind.rawValue)\t\(m.matched)\t\(m.source) → \(target)\n")
            }
          }
        }
      }
      out.flush()
      // The process ends here: its memory goes back to the kernel at once, not freed piece
      // by piece on one core.
      MemoryPolicy.keepUntilExit(consume prepared)
      MemoryPolicy.keepUntilExit(consume text)
    }
  }

  /// The glossary matches of a prepared document, in order; ranges are UTF-16 offsets of its text.
  static func matches(of prepared: PreparedDocument) -> some Sequence<GlossaryMatch> {
    prepared.units.lazy.flatMap { $0.segments.lazy.flatMap { $0.glossaryMatches.lazy.map(\.match) } }
  }

  /// All matches as one JSON object, handed to `emit` a block at a time; the blocks of
  /// units are written two at a time on the cores (see ``writeInBlocks(count:render:emit:)``).
  static func writeMatches(_ prepared: PreparedDocument, offsets: MatchOffsets, document: String, glossary: String,
                           into json: inout JSONWriter, emit: ([UInt8]) -> Void) {
    json.beginObject()
    json.field("document", document)
    json.field("glossary", glossary)
    json.key("matches")
    json.beginArray()
    emit(json.take())
    // The units in blocks, and how many matches come before each block.
    let units = prepared.units
    let blocks = unitBlocks(units) { unit in unit.segments.reduce(0) { $0 + $1.glossaryMatches.count } }
    writeInBlocks(count: blocks.ranges.count, render: { [blocks, style = json.style] block in
      var part = JSONWriter(style: style, continuingArrayAtDepth: 2, after: blocks.valuesBefore[block])
      for unit in units[blocks.ranges[block]] {
        for segment in unit.segments {
          for found in segment.glossaryMatches { writeMatch(found.match, in: segment, offsets: offsets, into: &part) }
        }
      }
      return part.take()
    }, emit: emit)
    json.countValues(blocks.total)
    json.endArray()
    json.field("offsetUnit", "codepoint")
    json.endObject()
  }

  /// One match of ``writeMatches(_:offsets:document:glossary:into:emit:)``, found in `segment`.
  static func writeMatch(_ m: GlossaryMatch, in segment: PreparedSegment, offsets: MatchOffsets, into json: inout JSONWriter) {
    json.beginObject()
    json.field("end", offsets.codePointOffset(ofUTF16: m.range.upperBound, in: segment))
    json.field("entry", m.source)
    json.field("entryId", m.entryID)
    json.field("kind", m.kind.rawValue)
    json.field("matched", m.matched)
    if let p = m.proclitic {
      json.key("proclitic")
      json.beginObject()
      json.field("end", offsets.codePointOffset(ofUTF16: p.upperBound, in: segment))
      json.field("start", offsets.codePointOffset(ofUTF16: p.lowerBound, in: segment))
      json.endObject()
    }
    json.field("start", offsets.codePointOffset(ofUTF16: m.range.lowerBound, in: segment))
    json.key("targets")
    json.beginArray()
    for target in m.targets {
      json.beginObject()
      json.field("status", target.status.rawValue)
      json.field("term", target.term)
      json.endObject()
    }
    json.endArray()
    json.endObject()
  }

  private func runJSONL(_ preparer: Preparer) throws {
    try answerJSONLines { (record, json) throws(TraduError) in
      let text = try record.string("text")
      let prepared = try preparer.prepare(SourceDocument(name: "<stdin>", text: text), fingerprint: "")
      let offsets = OffsetConverter(text)
      json.beginObject()
      json.key("id")
      record.writeID(into: &json)
      json.key("matches")
      json.beginArray()
      for m in Self.matches(of: prepared) {
        json.beginObject()
        json.field("end", offsets.codePointOffset(ofUTF16: m.range.upperBound))
        json.field("entry", m.source)
        json.field("entryId", m.entryID)
        json.field("kind", m.kind.rawValue)
        json.field("start", offsets.codePointOffset(ofUTF16: m.range.lowerBound))
        json.endObject()
      }
      json.endArray()
      json.endObject()
    }
  }
}

/// The code point offsets of the glossary matches of a prepared text (their ranges are UTF-16
/// offsets of it).
///
/// A plain text is prepared as read (not normalized), so a segment's place in the prepared
/// text is its place in the text, and in a segment without supplementary characters (as many
/// code points as UTF-16 units) an offset is the segment's start in code points plus its
/// distance from the segment's start. The whole text is walked (an ``OffsetConverter``) only
/// when some match lies in a segment with a supplementary character, or outside its segment,
/// or the text came out of HTML or Markdown: walking 20 MB took about 14 M instructions a MB.
struct MatchOffsets: Sendable {
  /// The converter of the whole text, when a segment's start is not enough.
  private let whole: OffsetConverter?

  init(_ prepared: PreparedDocument, text: String, isPlainText: Bool) {
    let bySegments = isPlainText && prepared.units.allSatisfy { $0.segments.allSatisfy(Self.followsFromItsStart) }
    whole = bySegments ? nil : OffsetConverter(text)
  }

  /// Whether every offset of `segment`'s matches follows from the segment's start.
  private static func followsFromItsStart(_ segment: PreparedSegment) -> Bool {
    guard !segment.glossaryMatches.isEmpty else { return true }
    let span = segment.original
    guard span.codePoints.count == span.utf16.count, segment.range == span.utf16 else { return false }
    func inside(_ range: Range<Int>) -> Bool { span.utf16.lowerBound <= range.lowerBound && range.upperBound <= span.utf16.upperBound }
    return segment.glossaryMatches.allSatisfy { found in
      inside(found.match.range) && (found.match.proclitic.map(inside) ?? true)
    }
  }

  /// The code point offset of UTF-16 offset `utf16` of the text, in a match of `segment`.
  func codePointOffset(ofUTF16 utf16: Int, in segment: PreparedSegment) -> Int {
    if let whole { return whole.codePointOffset(ofUTF16: utf16) }
    return segment.original.codePoints.lowerBound + (utf16 - segment.original.utf16.lowerBound)
  }
}

/// `tradu glossary lint`.
struct GlossaryLintCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "lint",
    abstract: "Check a glossary's consistency; exit 1 when something is found.",
    discussion: """
      Rules: duplicate (a target twice, or a source repeated by another entry), conflicting-targets \
      (several allowed targets and no note saying when to use which), shadowed (another entry is \
      always found instead), case-or-spacing (targets that differ only in case or spacing), \
      forbidden-and-allowed (a term both forbidden and allowed), never-matches (no letters or \
      digits), no-allowed-target (every target forbidden). \
      Entries a matcher cannot find safely, which `tradu check` treats as low-confidence (minor \
      findings at most): one-letter terms, stop-word (a Romanian function word), common-word (a \
      single word that is a word of the Romanian dictionary or one of its inflected forms by the \
      dictionary's affix rules: "Nord", or "Munții" as a form of "munte"; see --dictionary), \
      target-is-source (a target that is another entry's source). An untyped entry whose \
      capitalized term is one letter, a function word or a common word is found only where \
      written with a capital (glossary match, prepare, check). Prints one line per finding: \
      file:line: rule: message. Without a file, checks the built-in glossary.

      Examples:
        tradu glossary lint Glossaries/ro-en-news.tsv
        tradu glossary lint terms.tbx
        tradu glossary lint mined.tsv --dictionary ro_RO.dic
      """
  )

  @Argument(help: "The glossary to check (TSV, CSV or TBX); default: the built-in one.")
  var input: String?

  @OptionGroup var dictionary: DictionaryOptions

  @Flag(help: "Skip malformed rows with a warning instead of stopping.")
  var lenient = false

  func run() throws {
    let glossary: Glossary
    if let input {
      glossary = try reportingErrors { try Glossary.read(path: input, lenient: lenient) }
      for warning in glossary.warnings { printWarning(warning) }
    } else {
      if let error = Glossary.defaultLoadError {
        printError(error.description)
        throw ExitStatus.badInput
      }
      glossary = Glossary.default
    }
    let dictionary = try dictionary.load(for: glossary)
    let findings = try reportingErrors { try GlossaryLinter.lint(glossary, dictionary: dictionary) }
    var out = OutputBuffer()
    for finding in findings {
      let place = finding.line.map { "\(glossary.name):\($0)" } ?? glossary.name
      out.write("\(place): \(finding)\n")
    }
    out.flush()
    if !findings.isEmpty {
      printError("\(findings.count) finding\(findings.count == 1 ? "" : "s") in \(glossary.entries.count) entries")
      throw ExitStatus.findings
    }
  }
}

/// `tradu glossary convert`.
struct GlossaryConvertCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "convert",
    abstract: "Convert a glossary (TSV, CSV, TBX v2 or v3) to TBX v3 or v2, TSV or OmegaT's tab glossary.",
    discussion: """
      Writes TBX-Basic (status → administrativeStatus, forbidden = deprecatedTerm-admn-sts; \
      type, dnt, match and forms as notes, as Glossaries/README.md describes) as v3 (tbx) or \
      v2 (tbx2, <martif>, what OmegaT 3.6 reads); Tradu's TSV columns, source and target \
      first (tsv); or OmegaT's tab glossary (tab: source, target, comment; no header row). \
      The output format follows --to, or else the output file's extension (.tbx, .tsv, .txt).

      Examples:
        tradu glossary convert Glossaries/ro-en-news.tsv --output news.tbx
        tradu glossary convert Glossaries/ro-en-news.tsv --to tbx2 \\
            -o omegat/glossary/news.tbx
        tradu glossary convert Glossaries/ro-en-news.tsv --to tab \\
            -o omegat/glossary/news.txt
        tradu glossary convert old-v2.tbx --to tsv > glossary.tsv
      """
  )

  enum Target: String, ExpressibleByArgument, CaseIterable { case tbx, tbx2, tsv, tab }

  @Argument(help: "The glossary to convert.")
  var input: String

  @Option(help: "Output format: tbx (TBX v3, TBX-Basic), tbx2 (TBX v2 <martif>), tsv, or tab (OmegaT).")
  var to: Target?

  @Option(name: .shortAndLong, help: "Where to write; default: standard output.")
  var output: String?

  @Flag(help: "Skip malformed rows with a warning instead of stopping.")
  var lenient = false

  func run() throws {
    let destination = try reportingErrors { try OutputFile(output ?? "-", reading: [input]) }
    let glossary = try reportingErrors { try Glossary.read(path: input, lenient: lenient) }
    for warning in glossary.warnings { printWarning(warning) }
    let format = to ?? output.map { name -> Target in
      let lower = name.lowercased()
      return lower.hasSuffix(".tsv") ? .tsv : lower.hasSuffix(".txt") || lower.hasSuffix(".utf8") ? .tab : .tbx
    } ?? .tbx
    let text: String
    switch format {
    case .tbx: text = TBXWriter.document(glossary, version: .v3)
    case .tbx2: text = TBXWriter.document(glossary, version: .v2)
    case .tsv: text = GlossaryTSVWriter.document(glossary)
    case .tab: text = GlossaryTSVWriter.omegaTTab(glossary)
    }
    try reportingErrors { try destination.write(text) }
  }
}

/// `tradu glossary embed`: regenerate the built-in glossary's Swift source.
struct GlossaryEmbedCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "embed",
    abstract: "Regenerate the Swift source that compiles the default glossary into tradu.",
    discussion: """
      Reads the glossary (default: \(EmbeddedGlossarySource.glossaryPath)), checks that it parses, \
      and writes \(EmbeddedGlossarySource.sourcePath). Run it from the repository root after editing \
      the glossary, then rebuild.

      Examples:
        swift run tradu glossary embed
      """
  )

  @Argument(help: "The TSV glossary to embed.")
  var input: String = EmbeddedGlossarySource.glossaryPath

  @Option(name: .shortAndLong, help: "The Swift file to write.")
  var output: String = EmbeddedGlossarySource.sourcePath

  func run() throws {
    let destination = try reportingErrors { try OutputFile(output, reading: [input]) }
    let text = try reportingErrors { () throws -> String in
      let glossary = try Glossary.read(path: input, format: .tsv)
      if glossary.entries.isEmpty { throw TraduError.malformedInput(path: input, line: nil, reason: "no entries") }
      let bytes = try TextReader.readBytes(path: input)
      return String(decoding: bytes, as: UTF8.self)
    }
    try reportingErrors { try destination.write(EmbeddedGlossarySource.swiftSource(embedding: text, from: input)) }
    printError("wrote \(output); rebuild to use it")
  }
}
