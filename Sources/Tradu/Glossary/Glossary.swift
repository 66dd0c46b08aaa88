import Foundation

/// A Romanian→English glossary: named entities and terms with their translations.
///
/// Read one with ``read(path:lenient:)`` (TSV, CSV, TBX v3 or TBX v2, told apart by extension
/// and content), or use ``default``, the news glossary compiled into Tradu. Find its terms in a
/// text with ``GlossaryMatcher``.
public struct Glossary: Sendable {
  /// The entries, in file order.
  public var entries: [GlossaryEntry]
  /// Where the glossary came from: a path, or `<default>` for the embedded one.
  public var name: String
  /// For each entry, the line (or, in TBX, the line of its `<termEntry>`/`<conceptEntry>`) where
  /// it starts; nil for entries not read from a file.
  public var lines: [Int?]
  /// Rows that `lenient` reading skipped, one message each (file, line, problem).
  public var warnings: [String]
  /// The ids of entries found only where their first word is written with a capital, as names
  /// of people and places are (see ``GlossaryLinter/foundOnlyCapitalized(_:dictionary:)``: an
  /// untyped entry "Munții" that is also a common word is not found in "munții", the mountains).
  public var foundOnlyCapitalized: Set<String> = []

  public init(entries: [GlossaryEntry], name: String = "<memory>", lines: [Int?]? = nil, warnings: [String] = []) {
    self.entries = entries
    self.name = name
    self.lines = lines ?? Array(repeating: nil, count: entries.count)
    self.warnings = warnings
  }

  /// The file formats Tradu reads glossaries from.
  public enum Format: String, Sendable, CaseIterable {
    /// Tab-separated values with a header row.
    case tsv
    /// Comma-separated values (RFC 4180 quoting) with a header row.
    case csv
    /// TermBase eXchange: v3 (`<tbx>`, TBX-Basic) or v2 (`<martif>`).
    case tbx

    /// The format a file name's extension names, if any.
    public init?(fileExtension: String) {
      switch fileExtension.lowercased() {
      case "tsv", "tab", "txt": self = .tsv
      case "csv": self = .csv
      case "tbx", "xml": self = .tbx
      default: return nil
      }
    }

    /// The format of `text`, told from its content: XML is TBX, a tab in the first line TSV.
    public init(sniffing text: Substring) {
      let start = text.drop { $0.isWhitespace || $0 == "\u{FEFF}" }
      if start.hasPrefix("<") {
        self = .tbx
      } else if (start.prefix { $0 != "\n" }).contains("\t") {
        self = .tsv
      } else {
        self = .csv
      }
    }
  }

  /// Reads a glossary file; its format comes from the extension, or else from its content.
  ///
  /// - Parameter lenient: skip malformed rows (recorded in ``warnings``) instead of failing.
  /// - Throws: `TraduError` naming the file, the line and the problem.
  public static func read(path: String, lenient: Bool = false, format: Format? = nil) throws(TraduError) -> Glossary {
    let bytes = try TextReader.readBytes(path: path)
    guard let text = String(validating: bytes, as: UTF8.self) else {
      let offset = TextReader.firstInvalidUTF8(bytes[...]) ?? 0
      throw .undecodable(path: path, offset: offset, reason: "a glossary must be UTF-8; convert it first (e.g. iconv -t UTF-8)")
    }
    let ext = (path as NSString).pathExtension
    let chosen = format ?? Format(fileExtension: ext) ?? Format(sniffing: text[...])
    return try parse(text, format: chosen, name: path, lenient: lenient)
  }

  /// Parses glossary `text` in `format`; `name` is used in error messages.
  public static func parse(_ text: String, format: Format, name: String, lenient: Bool = false) throws(TraduError) -> Glossary {
    switch format {
    case .tsv, .csv:
      return try DelimitedGlossaryReader(name: name, lenient: lenient, separator: format == .tsv ? "\t" : ",").read(text)
    case .tbx:
      return try TBXReader(name: name, lenient: lenient).read(text)
    }
  }
}

/// One row of a delimited glossary, before rows are grouped into entries.
struct GlossaryRow {
  var line: Int
  var id: String?
  var source: String
  var target: String
  var type: EntityType?
  var status: TermStatus
  var dnt: Bool
  var match: MatchMode?
  var forms: [String]
  var note: String?
}

/// Reads TSV and CSV glossaries with a header row.
struct DelimitedGlossaryReader {
  let name: String
  let lenient: Bool
  let separator: Character

  /// The columns Tradu understands.
  static let knownColumns = ["id", "source", "target", "type", "status", "dnt", "match", "forms", "note"]

  func read(_ text: String) throws(TraduError) -> Glossary {
    var records = separator == "," ? try csvRecords(text) : tsvRecords(text)
    guard !records.isEmpty else {
      throw .malformedInput(path: name, line: nil, reason: "empty glossary: expected a header row naming the columns (source, target, …)")
    }
    let (headerLine, header) = records.removeFirst()
    var columns: [String: Int] = [:]
    for (index, raw) in header.enumerated() {
      let column = raw.trimmedSpaces.lowercased()
      guard Self.knownColumns.contains(column) else {
        throw .malformedInput(
          path: name, line: headerLine,
          reason: "unknown column \"\(raw)\"; known columns: \(Self.knownColumns.joined(separator: ", "))")
      }
      guard columns[column] == nil else {
        throw .malformedInput(path: name, line: headerLine, reason: "column \"\(column)\" appears twice")
      }
      columns[column] = index
    }
    for required in ["source", "target"] where columns[required] == nil {
      throw .malformedInput(path: name, line: headerLine, reason: "the header has no \"\(required)\" column")
    }
    var rows: [GlossaryRow] = []
    var warnings: [String] = []
    let indexes = Columns(columns)
    rows.reserveCapacity(records.count)
    for (line, fields) in records {
      if fields.allSatisfy({ $0.trimmedSpaces.isEmpty }) { continue }
      do throws(TraduError) {
        rows.append(try row(fields, line: line, columns: indexes, width: header.count))
      } catch {
        guard lenient else { throw error }
        warnings.append("\(error.description) (row skipped)")
      }
    }
    var glossary = try GlossaryBuilder(name: name, lenient: lenient).build(rows)
    glossary.warnings = warnings + glossary.warnings
    return glossary
  }

  /// The position of each known column in a row, -1 when absent.
  struct Columns {
    var id = -1, source = -1, target = -1, type = -1, status = -1, dnt = -1, match = -1, forms = -1, note = -1

    init(_ columns: [String: Int]) {
      id = columns["id"] ?? -1
      source = columns["source"] ?? -1
      target = columns["target"] ?? -1
      type = columns["type"] ?? -1
      status = columns["status"] ?? -1
      dnt = columns["dnt"] ?? -1
      match = columns["match"] ?? -1
      forms = columns["forms"] ?? -1
      note = columns["note"] ?? -1
    }
  }

  private func row(_ fields: [String], line: Int, columns: Columns, width: Int) throws(TraduError) -> GlossaryRow {
    guard fields.count <= width else {
      throw .malformedInput(path: name, line: line, reason: "\(fields.count) fields, but the header names \(width) columns")
    }
    func field(_ index: Int) -> String {
      index >= 0 && index < fields.count ? fields[index].trimmedSpaces : ""
    }
    let source = field(columns.source)
    guard !source.isEmpty else { throw .malformedInput(path: name, line: line, reason: "empty source term") }
    let dnt = try GlossaryFieldParser.dnt(field(columns.dnt), path: name, line: line)
    var target = field(columns.target)
    if target.isEmpty {
      guard dnt else { throw .malformedInput(path: name, line: line, reason: "empty target for \"\(source)\" (give one, or set dnt to yes)") }
      target = source.replacingOccurrences(of: "|", with: "")
    }
    let id = field(columns.id)
    let note = field(columns.note)
    return GlossaryRow(
      line: line, id: id.isEmpty ? nil : id, source: source, target: target,
      type: try GlossaryFieldParser.type(field(columns.type), path: name, line: line),
      status: try GlossaryFieldParser.status(field(columns.status), path: name, line: line),
      dnt: dnt,
      match: try GlossaryFieldParser.match(field(columns.match), path: name, line: line),
      forms: field(columns.forms).split(separator: "|").map { String($0).trimmedSpaces }.filter { !$0.isEmpty },
      note: note.isEmpty ? nil : note)
  }

  /// Lines split on tabs (no quoting), numbered from 1; blank and `#` comment lines dropped.
  /// Works on the UTF-8 bytes: a glossary of 100,000 rows is read in a fraction of a second.
  private func tsvRecords(_ text: String) -> [(Int, [String])] {
    var records: [(Int, [String])] = []
    var text = text
    text.withUTF8 { bytes in
      var number = 0
      var lineStart = bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? 3 : 0
      while lineStart <= bytes.count {
        var lineEnd = lineStart
        while lineEnd < bytes.count && bytes[lineEnd] != 0x0A { lineEnd += 1 }
        number += 1
        var end = lineEnd
        if end > lineStart && bytes[end - 1] == 0x0D { end -= 1 }
        let isBlank = (lineStart..<end).allSatisfy { bytes[$0] == 0x20 || bytes[$0] == 0x09 }
        if !isBlank && bytes[lineStart] != 0x23 {  // '#'
          var fields: [String] = []
          fields.reserveCapacity(records.last?.1.count ?? 9)  // rows are as wide as the last one
          var fieldStart = lineStart
          for i in lineStart...end where i == end || bytes[i] == 0x09 {
            // Most rows leave several columns empty: those need no decoding.
            fields.append(i == fieldStart ? "" : String(decoding: UnsafeBufferPointer(rebasing: bytes[fieldStart..<i]), as: UTF8.self))
            fieldStart = i + 1
          }
          records.append((number, fields))
        }
        lineStart = lineEnd + 1
      }
    }
    return records
  }

  /// RFC 4180 records: quoted fields may hold commas, quotes ("") and line breaks.
  private func csvRecords(_ text: String) throws(TraduError) -> [(Int, [String])] {
    var records: [(Int, [String])] = []
    var fields: [String] = []
    var field = ""
    var inQuotes = false
    var quotedField = false
    var line = 1
    var recordLine = 1
    var chars = Array(text.unicodeScalars)
    if chars.first == "\u{FEFF}" { chars.removeFirst() }
    var i = 0
    func endRecord() {
      fields.append(field)
      let blank = fields.count == 1 && fields[0].trimmingCharacters(in: .whitespaces).isEmpty && !quotedField
      let comment = fields.first?.hasPrefix("#") == true && !quotedField && fields.count == 1
      if !blank && !comment { records.append((recordLine, fields)) }
      fields = []
      field = ""
      quotedField = false
    }
    while i < chars.count {
      let c = chars[i]
      if inQuotes {
        if c == "\"" {
          if i + 1 < chars.count && chars[i + 1] == "\"" {
            field.unicodeScalars.append("\"")
            i += 1
          } else {
            inQuotes = false
          }
        } else {
          if c == "\n" { line += 1 }
          field.unicodeScalars.append(c)
        }
      } else if c == "\"" {
        guard field.trimmingCharacters(in: .whitespaces).isEmpty else {
          throw .malformedInput(path: name, line: line, reason: "a quote inside an unquoted field; quote the whole field and double the quote (\"\")")
        }
        field = ""
        inQuotes = true
        quotedField = true
      } else if c == "," {
        fields.append(field)
        field = ""
      } else if c == "\n" || c == "\r" {
        if c == "\r" && i + 1 < chars.count && chars[i + 1] == "\n" { i += 1 }
        endRecord()
        line += 1
        recordLine = line
      } else {
        field.unicodeScalars.append(c)
      }
      i += 1
    }
    if inQuotes {
      throw .malformedInput(path: name, line: recordLine, reason: "a quoted field is never closed")
    }
    if !field.isEmpty || !fields.isEmpty { endRecord() }
    return records
  }
}

/// Parses the enumerated columns, shared by the TSV/CSV and TBX readers.
enum GlossaryFieldParser {
  static func type(_ value: String, path: String, line: Int?) throws(TraduError) -> EntityType? {
    if value.isEmpty { return nil }
    if let type = EntityType(rawValue: value) { return type }
    switch value.uppercased() {
    case "PERSON", "PER", "PERS": return .person
    case "ORG", "ORGANIZATION", "ORGANISATION": return .organization
    case "GPE": return .geopolitical
    case "LOC", "LOCATION", "PLACE": return .location
    case "PRODUCT", "PROD": return .product
    case "EVENT": return .event
    case "TERM": return .term
    default:
      throw .malformedInput(path: path, line: line, reason: "unknown type \"\(value)\"; use PERSON, ORG, GPE, LOC, PRODUCT, EVENT or TERM")
    }
  }

  static func status(_ value: String, path: String, line: Int?) throws(TraduError) -> TermStatus {
    if value.isEmpty { return .preferred }
    if let status = TermStatus(rawValue: value) { return status }
    switch value.lowercased() {
    case "", "preferred", "preferredterm-admn-sts": return .preferred
    case "admitted", "admittedterm-admn-sts": return .admitted
    case "forbidden", "deprecated", "deprecatedterm-admn-sts", "supersededterm-admn-sts": return .forbidden
    default:
      throw .malformedInput(path: path, line: line, reason: "unknown status \"\(value)\"; use preferred, admitted or forbidden")
    }
  }

  static func dnt(_ value: String, path: String, line: Int?) throws(TraduError) -> Bool {
    if value.isEmpty { return false }
    switch value.lowercased() {
    case "", "no", "false", "0": return false
    case "yes", "true", "1", "dnt": return true
    default:
      throw .malformedInput(path: path, line: line, reason: "dnt is \"\(value)\"; use yes or leave it empty")
    }
  }

  static func match(_ value: String, path: String, line: Int?) throws(TraduError) -> MatchMode? {
    if value.isEmpty { return nil }
    guard let mode = MatchMode(rawValue: value.lowercased()) else {
      throw .malformedInput(path: path, line: line, reason: "unknown match mode \"\(value)\"; use exact, inflect or prefix")
    }
    return mode
  }
}

/// Groups rows into entries: rows with the same id (or, without ids, the same source) are
/// alternative targets of one entry.
struct GlossaryBuilder {
  let name: String
  let lenient: Bool

  func build(_ rows: [GlossaryRow]) throws(TraduError) -> Glossary {
    var entries: [GlossaryEntry] = []
    var lines: [Int?] = []
    var warnings: [String] = []
    var indexByKey: [String: Int] = [:]
    indexByKey.reserveCapacity(rows.count)
    entries.reserveCapacity(rows.count)
    lines.reserveCapacity(rows.count)
    for row in rows {
      let key = row.id ?? row.source
      if let index = indexByKey[key] {
        var entry = entries[index]
        if entry.source != row.source {
          let problem = TraduError.malformedInput(
            path: name, line: row.line,
            reason: "duplicate id \"\(key)\": line \(lines[index] ?? 0) gives it to \"\(entry.source)\", this row to \"\(row.source)\"")
          guard lenient else { throw problem }
          warnings.append("\(problem.description) (row skipped)")
          continue
        }
        entry.targets.append(GlossaryTarget(term: row.target, status: row.status))
        if entry.type == nil { entry.type = row.type }
        entry.doNotTranslate = entry.doNotTranslate || row.dnt
        if let match = row.match, entry.matchMode == .inflect { entry.matchMode = match }
        for form in row.forms where !entry.forms.contains(form) { entry.forms.append(form) }
        if let note = row.note, entry.note != note {
          entry.note = entry.note.map { "\($0); \(note)" } ?? note
        }
        entries[index] = entry
      } else {
        indexByKey[key] = entries.count
        entries.append(GlossaryEntry(
          id: key, source: row.source, targets: [GlossaryTarget(term: row.target, status: row.status)],
          type: row.type, doNotTranslate: row.dnt, matchMode: row.match ?? .inflect, forms: row.forms,
          note: row.note))
        lines.append(row.line)
      }
    }
    return Glossary(entries: entries, name: name, lines: lines, warnings: warnings)
  }
}

extension String {
  /// The string without leading and trailing spaces and tabs (fast when there are none).
  var trimmedSpaces: String {
    guard let first = utf8.first, let last = utf8.last else { return self }
    func isSpace(_ b: UInt8) -> Bool { b == 0x20 || b == 0x09 || b == 0x0D }
    if !isSpace(first) && !isSpace(last) && first != 0xC2 && last != 0xA0 { return self }
    return trimmingCharacters(in: .whitespaces)
  }
}
