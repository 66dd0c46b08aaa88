import ArgumentParser
import Foundation
import Tradu

/// `tradu tm`: the translation memory.
struct MemoryCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "tm",
    abstract: "Build, search and query a translation memory (one SQLite file).",
    discussion: """
      A translation memory keeps earlier translations so that 'tradu prepare --tm' proposes \
      them again: exact matches (100; 101 when the segments around also match) and fuzzy \
      ones (below 100), scored by a word edit distance that treats case, diacritics, \
      cedillas, inflected names and changed numbers as small differences.

      The memory is one SQLite file in WAL mode: many processes may read it while one \
      imports. Sources are stored normalized as 'tradu prepare' normalizes them.

      Examples:
        tradu tm import translated.xlf old-archive.tmx --tm news.tm
        tradu tm lookup "Kremlinul a transmis un mesaj." --tm news.tm
        tradu tm search Kremlin --tm news.tm
        tradu tm stats --tm news.tm
        tradu tm export --to tmx --tm news.tm -o news.tmx
      """,
    subcommands: [
      MemoryImportCommand.self, MemoryLookupCommand.self, MemorySearchCommand.self, MemoryStatsCommand.self,
      MemoryExportCommand.self, MemoryEditCommand.self, MemoryDeleteCommand.self,
    ]
  )
}

/// The options every `tm` command shares.
struct MemoryOptions: ParsableArguments {
  @Option(name: .customLong("tm"), help: ArgumentHelp("The translation memory file (SQLite).", valueName: "memory"))
  var path: String

  /// Opens the memory; `create` makes it when missing.
  func open(create: Bool = false) throws -> TranslationMemory {
    try reportingErrors { try TranslationMemory(path: path, create: create) }
  }
}

/// `tradu tm import`.
struct MemoryImportCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "import",
    abstract: "Add the translations of TMX, XLIFF or Tradu JSON files to a memory (created if missing).",
    discussion: """
      Reads TMX 1.4b, translated XLIFF 2.x or 1.2 (as 'tradu merge' takes them) and Tradu \
      JSON/JSONL. Only real translations are stored: a target that differs from its source, \
      or one whose state is translated, reviewed/signed-off or final. XLIFF 1.2 targets that a \
      tool seeded with the source are not translations. A translation the memory already has \
      is not stored twice. Origins: 'import' for TMX, 'human' for the others (--origin sets \
      it, e.g. 'alignment' for the output of 'tradu align').

      Examples:
        tradu tm import article.xlf --tm news.tm
        tradu tm import archive-2024.tmx archive-2025.tmx --tm news.tm \\
            --author agency
        tradu tm import aligned.tmx --origin alignment --tm news.tm
        tradu tm import --source article.ro.txt --target article.en.txt --tm news.tm

      --source and --target import an article and its translation as plain texts, paired \
      paragraph by paragraph and, where the sentence counts agree, sentence by sentence.
      """
  )

  @Argument(help: "The files to import (.tmx, .xlf, .json, .jsonl).")
  var files: [String] = []

  @Option(help: "A Romanian article whose translation --target names (plain text).")
  var source: String?

  @Option(help: "The translation of --source (plain text, paragraph for paragraph).")
  var target: String?

  @OptionGroup var memory: MemoryOptions

  @Option(help: "Record this origin for every unit: human, alignment or import.")
  var origin: MemoryOrigin?

  @Option(help: "Record this author (translator or tool).")
  var author: String?

  @Option(help: "The date to record, ISO 8601 UTC (default: now).")
  var date: String?

  func validate() throws {
    if (source == nil) != (target == nil) { throw ValidationError("--source and --target go together.") }
    if files.isEmpty && source == nil { throw ValidationError("Name at least one file to import, or --source and --target.") }
  }

  func run() throws {
    try reportingErrors {
      let memory = try memory.open(create: true)
      let stamp = date ?? isoNow()
      // Each file is one transaction: a bad file adds nothing (the files before it stay).
      var total = 0
      func report(_ file: String, _ imported: MemoryImport.Imported) {
        total += imported.added.added
        var parts = ["\(imported.added.added) added", "\(imported.added.updated) already there"]
        if imported.notTranslations > 0 { parts.append("\(imported.notTranslations) not translations (target = source)") }
        if imported.untranslated > 0 { parts.append("\(imported.untranslated) without a target") }
        printError("\(file) → \(memory.path): \(parts.joined(separator: ", "))")
      }
      for file in files {
        report(file, try MemoryImport.importFile(path: file, into: memory, origin: origin, author: author, date: stamp))
      }
      if let source, let target {
        let read = try MemoryImport.read(sourcePath: source, targetPath: target, origin: origin ?? .human,
                                         author: author, date: stamp)
        report(target, MemoryImport.Imported(added: try memory.add(read.units), notTranslations: read.notTranslations,
                                             untranslated: read.untranslated))
      }
      try memory.optimize(afterAdding: total)
    }
  }
}

extension MemoryOrigin: ExpressibleByArgument {}

/// `tradu tm lookup`.
struct MemoryLookupCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "lookup",
    abstract: "The memory's translations for a sentence, best first.",
    discussion: """
      Prints one match per line: the score (101 in context, 100 exact, below 100 fuzzy, less \
      the origin's penalty), the origin, the memory's source and the proposed target (numbers \
      that differ are replaced in it, and a note says so).

      --jsonl streams the evaluation protocol: {"id","text"} lines on standard input, \
      {"id","matches":[{"source","target","score","origin"}]} lines out, best first.

      Examples:
        tradu tm lookup "Bugetul a crescut cu 2.500 de lei." --tm news.tm
        tradu tm lookup "Kremlinul a refuzat." --tm news.tm --max 3 \\
            --min-score 50 --json
        echo '{"id":"1","text":"Kremlinul a refuzat."}' \\
            | tradu tm lookup --jsonl --tm news.tm
      """
  )

  @Argument(help: "The sentence to look up.")
  var text: String?

  @OptionGroup var memory: MemoryOptions

  @Option(name: .customLong("max"), help: "At most this many matches.")
  var limit = 5

  @Option(name: .customLong("min-score"), help: "No match below this score (0–101).")
  var minimumScore = 70

  @Option(help: "Points off by origin, e.g. alignment=3,import=1 (default: alignment=3).")
  var penalty: String?

  @Flag(help: "Print the matches as JSON.")
  var json = false

  @Flag(help: "Stream the JSONL protocol on standard input and output.")
  var jsonl = false

  func validate() throws {
    if jsonl && text != nil { throw ValidationError("--jsonl reads standard input; give no sentence.") }
    if !jsonl && text == nil { throw ValidationError("Give a sentence to look up, or --jsonl.") }
    if limit < 1 { throw ValidationError("--max must be at least 1.") }
    if !(0...101).contains(minimumScore) { throw ValidationError("--min-score must be between 0 and 101.") }
  }

  func run() throws {
    let memory = try memory.open()
    if let penalty { memory.penalties = try reportingErrors { try OriginPenalties(parsing: penalty) } }
    if jsonl {
      try answerJSONLines { (record, json) throws(TraduError) in
        let matches = try memory.lookup(try record.string("text"), minimumScore: minimumScore, limit: limit)
        json.beginObject()
        json.key("id")
        record.writeID(into: &json)
        json.key("matches")
        json.beginArray()
        for match in matches { Self.write(match, full: false, into: &json) }
        json.endArray()
        json.endObject()
      }
      return
    }
    let matches = try reportingErrors { try memory.lookup(text!, minimumScore: minimumScore, limit: limit) }
    if json {
      var out = JSONWriter(style: .pretty)
      out.beginObject()
      out.key("matches")
      out.beginArray()
      for match in matches { Self.write(match, full: true, into: &out) }
      out.endArray()
      out.endObject()
      print(String(decoding: out.bytes, as: UTF8.self))
      return
    }
    if matches.isEmpty { printError("no match of \(minimumScore) or more") }
    for match in matches {
      print("\(match.score)\t\(match.unit.origin.rawValue)\t\(match.unit.source)\t\(match.target)")
      if let note = match.note { print("\t\t\(note)") }
    }
  }

  /// A match as a JSON object: the protocol's four fields (origin, score, source, target),
  /// and with `full` the rest; keys in sorted order.
  static func write(_ match: MemoryMatch, full: Bool, into json: inout JSONWriter) {
    json.beginObject()
    if full {
      json.key("author"); json.string(orNull: match.unit.author)
      json.field("changed", match.unit.changed)
      json.key("document"); json.string(orNull: match.unit.document)
      json.field("id", Int(match.unit.id ?? 0))
      json.field("kind", match.kind.rawValue)
      json.key("note"); json.string(orNull: match.note)
    }
    json.field("origin", match.unit.origin.rawValue)
    json.field("score", match.score)
    if full { json.field("similarity", match.similarity) }
    json.field("source", match.unit.source)
    if full { json.field("storedTarget", match.unit.target) }
    json.field("target", match.target)
    json.endObject()
  }
}

/// `tradu tm search`.
struct MemorySearchCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "search",
    abstract: "Concordance: the units whose source has all the given words.",
    discussion: """
      Words are compared without case and diacritics ("romania" finds "România"), and a \
      word finds the words it starts ("kremlin" finds "Kremlinului"). Prints the unit id, origin, document, source and target, newest first.

      Examples:
        tradu tm search Kremlin --tm news.tm
        tradu tm search curtea constitutionala --tm news.tm --max 100
      """
  )

  @Argument(help: "The words to find.")
  var words: [String]

  @OptionGroup var memory: MemoryOptions

  @Option(name: .customLong("max"), help: "At most this many units.")
  var limit = 50

  func run() throws {
    let memory = try memory.open()
    let units = try reportingErrors { try memory.search(words.joined(separator: " "), limit: limit) }
    if units.isEmpty { printError("no unit has \(words.joined(separator: " "))") }
    for unit in units {
      print("\(unit.id ?? 0)\t\(unit.origin.rawValue)\t\(unit.document ?? "-")\t\(unit.source)\t\(unit.target)")
    }
  }
}

/// `tradu tm stats`.
struct MemoryStatsCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "stats",
    abstract: "How many units the memory holds, by origin and language pair.",
    discussion: """
      Examples:
        tradu tm stats --tm news.tm
        tradu tm stats --tm news.tm --json
      """
  )

  @OptionGroup var memory: MemoryOptions

  @Flag(help: "Print the figures as JSON.")
  var json = false

  func run() throws {
    let stats = try reportingErrors { try memory.open().statistics() }
    if json {
      var out = JSONWriter(style: .pretty)
      out.beginObject()
      out.key("byOrigin")
      out.beginObject()
      for origin in MemoryOrigin.allCases.sorted(by: { $0.rawValue < $1.rawValue }) {
        out.field(origin.rawValue, stats.byOrigin[origin] ?? 0)
      }
      out.endObject()
      out.field("documents", stats.documents)
      out.field("fileBytes", Int(stats.fileBytes))
      out.key("languagePairs")
      out.beginObject()
      for (pair, count) in stats.languagePairs.sorted(by: { $0.key < $1.key }) { out.field(pair, count) }
      out.endObject()
      out.key("newest"); out.string(orNull: stats.newest)
      out.key("oldest"); out.string(orNull: stats.oldest)
      out.field("schemaVersion", stats.schemaVersion)
      out.field("units", stats.units)
      out.endObject()
      print(String(decoding: out.bytes, as: UTF8.self))
      return
    }
    print("units: \(stats.units)")
    for origin in MemoryOrigin.allCases { print("  \(origin.rawValue): \(stats.byOrigin[origin] ?? 0)") }
    print("language pairs: " + stats.languagePairs.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value)" }.joined(separator: ", "))
    print("documents: \(stats.documents)")
    print("dates: \(stats.oldest ?? "-") to \(stats.newest ?? "-")")
    print("schema version: \(stats.schemaVersion); file: \(stats.fileBytes) bytes")
  }
}

/// `tradu tm export`.
struct MemoryExportCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "export",
    abstract: "Write the whole memory as TMX 1.4b.",
    discussion: """
      Each unit keeps its dates, author, origin and document (as x-tradu-* props).

      Examples:
        tradu tm export --to tmx --tm news.tm -o news.tmx
        tradu tm export --to tmx --tm news.tm -o - | head
      """
  )

  enum Format: String, ExpressibleByArgument { case tmx }

  @OptionGroup var memory: MemoryOptions

  @Option(name: .customLong("to"), help: "The format: tmx.")
  var format: Format = .tmx

  @Option(name: .shortAndLong, help: "The output file, or '-' for standard output.")
  var output: String = "-"

  func run() throws {
    let memory = try memory.open()
    let writer = MemoryTMXWriter(stamp: ExportStamp(toolVersion: TraduCommand.version))
    try reportingErrors {
      let file = try OutputFile(output, reading: [memory.path])
      try file.write { write in try writer.write(memory, to: write) }
    }
  }
}

/// `tradu tm edit`.
struct MemoryEditCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "edit",
    abstract: "Replace the target of one unit (ids as 'tm search' and 'tm lookup --json' show them).",
    discussion: """
      Examples:
        tradu tm edit 42 --target "The Kremlin declined to comment." \\
            --tm news.tm --author ana
      """
  )

  @Argument(help: "The unit's id.")
  var id: Int64

  @OptionGroup var memory: MemoryOptions

  @Option(help: "The new translation.")
  var target: String

  @Option(help: "Who edited it.")
  var author: String?

  func run() throws {
    let memory = try memory.open()
    let found = try reportingErrors { try memory.edit(id: id, target: target, author: author, date: isoNow()) }
    guard found else {
      printError("\(memory.path): no unit \(id) (find ids with 'tradu tm search WORDS --tm \(memory.path)')")
      throw ExitStatus.badInput
    }
  }
}

/// `tradu tm delete`.
struct MemoryDeleteCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "delete",
    abstract: "Remove units by id, or every unit of a document.",
    discussion: """
      Examples:
        tradu tm delete 42 43 --tm news.tm
        tradu tm delete --document old-article.xlf --tm news.tm
      """
  )

  @Argument(help: "The ids of the units to remove.")
  var ids: [Int64] = []

  @Option(help: "Remove every unit that came from this document (its file name).")
  var document: String?

  @OptionGroup var memory: MemoryOptions

  func validate() throws {
    if ids.isEmpty == (document == nil) { throw ValidationError("Give unit ids or --document, not both.") }
  }

  func run() throws {
    let memory = try memory.open()
    let count = try reportingErrors {
      if let document { return try memory.delete(document: document) }
      return try memory.delete(ids: ids)
    }
    printError("\(memory.path): \(count) unit\(count == 1 ? "" : "s") removed")
    if count == 0 { throw ExitStatus.findings }
  }
}
