import Foundation

/// How Tradu keeps the glossary columns that TBX-Basic has no data category for (the mapping
/// documented in `Glossaries/README.md`).
///
/// `status` is TBX's `administrativeStatus` (forbidden = `deprecatedTerm-admn-sts`); `type` is
/// an entry note `type: GPE`; `dnt` the entry note `do-not-translate`; `match` a note
/// `match: exact` and each extra form a note `form: Mării Negre` in the Romanian `termSec`.
/// Reading also takes further Romanian terms (e.g. `termType` `variant`) as extra forms.
enum TBXConventions {
  static let typePrefix = "type:"
  static let doNotTranslate = "do-not-translate"
  static let matchPrefix = "match:"
  static let formPrefix = "form:"

  static func administrativeStatus(_ status: TermStatus) -> String {
    switch status {
    case .preferred: return "preferredTerm-admn-sts"
    case .admitted: return "admittedTerm-admn-sts"
    case .forbidden: return "deprecatedTerm-admn-sts"
    }
  }
}

/// Reads TBX v3 (`<tbx>`, TBX-Basic, ISO 30042:2019) and TBX v2 (`<martif>`) glossaries.
///
/// Each `<conceptEntry>`/`<termEntry>` is one entry: its first Romanian term (`xml:lang` ro…) is
/// the source, further Romanian terms are extra forms, and every English term (en…) is a target
/// whose status comes from `administrativeStatus`.
struct TBXReader {
  let name: String
  let lenient: Bool

  func read(_ text: String) throws(TraduError) -> Glossary {
    let delegate = TBXParserDelegate()
    try XMLEventReader.parse(text.utf8, name: name, handler: delegate)
    guard let root = delegate.root, root == "tbx" || root == "martif" else {
      throw .malformedXML(path: name, line: 1, reason: "not a TBX file: the root element is <\(delegate.root ?? "none")>, expected <tbx> (v3) or <martif> (v2)")
    }
    var entries: [GlossaryEntry] = []
    var lines: [Int?] = []
    var warnings: [String] = []
    var seenIDs: [String: Int] = [:]
    for concept in delegate.concepts {
      do throws(TraduError) {
        let entry = try entry(from: concept, number: entries.count + 1)
        if let previous = seenIDs[entry.id] {
          throw TraduError.malformedXML(path: name, line: concept.line, reason: "duplicate entry id \"\(entry.id)\" (first at line \(previous))")
        }
        seenIDs[entry.id] = concept.line
        entries.append(entry)
        lines.append(concept.line)
      } catch {
        guard lenient else { throw error }
        warnings.append("\(error.description) (entry skipped)")
      }
    }
    return Glossary(entries: entries, name: name, lines: lines, warnings: warnings)
  }

  private func entry(from concept: TBXConcept, number: Int) throws(TraduError) -> GlossaryEntry {
    let romanian = concept.terms.filter { $0.language.lowercased().hasPrefix("ro") }
    let english = concept.terms.filter { $0.language.lowercased().hasPrefix("en") }
    guard let first = romanian.first(where: { $0.termType != "variant" }) ?? romanian.first,
          !first.text.isEmpty
    else {
      throw .malformedXML(path: name, line: concept.line, reason: "entry has no Romanian (xml:lang=\"ro\") term")
    }
    var type: EntityType?
    var dnt = false
    var match = MatchMode.inflect
    var notes: [String] = []
    var forms: [String] = []
    for note in concept.notes + romanian.flatMap(\.notes) {
      if note.hasPrefix(TBXConventions.typePrefix) {
        type = try GlossaryFieldParser.type(value(note, TBXConventions.typePrefix), path: name, line: concept.line)
      } else if note == TBXConventions.doNotTranslate {
        dnt = true
      } else if note.hasPrefix(TBXConventions.formPrefix) {
        let form = value(note, TBXConventions.formPrefix)
        if !form.isEmpty { forms.append(form) }
      } else if note.hasPrefix(TBXConventions.matchPrefix) {
        match = try GlossaryFieldParser.match(value(note, TBXConventions.matchPrefix), path: name, line: concept.line) ?? .inflect
      } else {
        notes.append(note)
      }
    }
    var targets: [GlossaryTarget] = []
    for term in english where !term.text.isEmpty {
      let status = try GlossaryFieldParser.status(term.status ?? "", path: name, line: term.line)
      targets.append(GlossaryTarget(term: term.text, status: status))
      notes += term.notes
    }
    if targets.isEmpty {
      guard dnt else {
        throw .malformedXML(path: name, line: concept.line, reason: "entry \"\(first.text)\" has no English (xml:lang=\"en\") term")
      }
      targets = [GlossaryTarget(term: first.text.replacingOccurrences(of: "|", with: ""))]
    }
    forms += romanian.filter { $0 != first }.map(\.text).filter { !$0.isEmpty && !forms.contains($0) }
    return GlossaryEntry(
      id: concept.id ?? "e\(number)", source: first.text, targets: targets, type: type, doNotTranslate: dnt,
      matchMode: match, forms: forms, note: notes.isEmpty ? nil : notes.joined(separator: "; "))
  }

  private func value(_ note: String, _ prefix: String) -> String {
    note.dropFirst(prefix.count).trimmingCharacters(in: .whitespaces)
  }
}

/// A term of a TBX entry, with its language and the data categories Tradu reads.
struct TBXTerm: Equatable {
  var language: String
  var text = ""
  var status: String?
  var termType: String?
  var notes: [String] = []
  var line: Int
}

/// A TBX `<conceptEntry>` (v3) or `<termEntry>` (v2).
struct TBXConcept {
  var id: String?
  var line: Int
  var terms: [TBXTerm] = []
  var notes: [String] = []
}

/// Collects concepts and terms from ``XMLEventReader`` events; both TBX versions share the
/// elements that matter (`term`, `termNote`, `note`), nested in `langSec`/`langSet` and
/// `termSec`/`tig`/`ntig`.
final class TBXParserDelegate: XMLEventHandler {
  var root: String?
  var concepts: [TBXConcept] = []
  private var concept: TBXConcept?
  private var language: String?
  private var term: TBXTerm?
  private var text = ""
  private var capturing: String?
  private var termNoteType: String?
  func startElement(_ tag: XMLStartTag) throws(XMLContentError) {
    let element = tag.localName
    let attributes = tag.attributes
    if root == nil { root = element }
    switch element {
    case "conceptEntry", "termEntry":
      concept = TBXConcept(id: attributes["id"], line: tag.line)
    case "langSec", "langSet":
      language = attributes["xml:lang"] ?? attributes["lang"]
      if language == nil { throw XMLContentError("<\(element)> without xml:lang") }
    case "termSec", "tig", "ntig":
      term = TBXTerm(language: language ?? "", line: tag.line)
    case "term":
      if term == nil { term = TBXTerm(language: language ?? "", line: tag.line) }
      capture(element)
    case "termNote":
      termNoteType = attributes["type"]
      capture(element)
    case "note":
      capture(element)
    default:
      break
    }
  }

  func text(_ string: String) {
    if capturing != nil { text += string }
  }

  func endElement(localName element: String, namespace: String?) {
    let value = text.trimmingCharacters(in: .whitespacesAndNewlines)
    switch element {
    case "term":
      term?.text = value
      capturing = nil
    case "termNote":
      switch termNoteType {
      case "administrativeStatus": term?.status = value
      case "termType": term?.termType = value
      default: break
      }
      capturing = nil
    case "note":
      if term != nil { term?.notes.append(value) } else { concept?.notes.append(value) }
      capturing = nil
    case "termSec", "tig", "ntig":
      if let t = term { concept?.terms.append(t) }
      term = nil
    case "langSec", "langSet":
      language = nil
    case "conceptEntry", "termEntry":
      if let c = concept { concepts.append(c) }
      concept = nil
    default:
      break
    }
  }

  private func capture(_ element: String) {
    capturing = element
    text = ""
  }
}

/// Writes a glossary as TBX v3, TBX-Basic dialect (ISO 30042:2019, DCA style).
public enum TBXWriter {
  /// The TBX document for `glossary`.
  public static func document(_ glossary: Glossary) -> String {
    document(glossary, version: .v3)
  }

  /// The TBX versions written: v3 (ISO 30042:2019, `<tbx>`) and v2 (ISO 30042:2008,
  /// `<martif>`, the one OmegaT 3.6 and older tools read).
  public enum Version: String, Sendable {
    case v2, v3
  }

  /// The TBX-Basic document for `glossary` in `version`: the same entries, terms, statuses and
  /// notes; v2 names the elements `termEntry`, `langSet` and `tig`.
  public static func document(_ glossary: Glossary, version: Version) -> String {
    let (entryName, languageName, termName) = version == .v3 ? ("conceptEntry", "langSec", "termSec") : ("termEntry", "langSet", "tig")
    var out: String
    if version == .v3 {
      out = """
        <?xml version="1.0" encoding="UTF-8"?>
        <?xml-model href="TBXcoreStructV03.rng" type="application/xml" schematypens="http://relaxng.org/ns/structure/1.0"?>
        <?xml-model href="TBX-Basic_DCA.sch" type="application/xml" schematypens="http://purl.oclc.org/dsdl/schematron"?>
        <tbx type="TBX-Basic" style="dca" xml:lang="en" xmlns="urn:iso:std:iso:30042:ed-2">
          <tbxHeader>
            <fileDesc>
              <sourceDesc><p>Romanian to English glossary written by Tradu</p></sourceDesc>
            </fileDesc>
          </tbxHeader>
          <text>
            <body>

        """
    } else {
      out = """
        <?xml version="1.0" encoding="UTF-8"?>
        <martif type="TBX-Basic" xml:lang="en">
          <martifHeader>
            <fileDesc>
              <sourceDesc><p>Romanian to English glossary written by Tradu</p></sourceDesc>
            </fileDesc>
            <encodingDesc><p type="XCSURI">TBXBasicXCSV02.xcs</p></encodingDesc>
          </martifHeader>
          <text>
            <body>

        """
    }
    var usedIDs: Set<String> = []
    for (index, entry) in glossary.entries.enumerated() {
      var id = xmlID(entry.id, fallback: "e\(index + 1)")
      while usedIDs.contains(id) { id += "_\(index + 1)" }
      usedIDs.insert(id)
      out += "      <\(entryName) id=\"\(XMLOutput.escaped(id))\">\n"
      if let type = entry.type { out += "        <note>\(TBXConventions.typePrefix) \(type.rawValue)</note>\n" }
      if entry.doNotTranslate { out += "        <note>\(TBXConventions.doNotTranslate)</note>\n" }
      if let note = entry.note { out += "        <note>\(XMLOutput.escaped(note))</note>\n" }
      var romanianNotes: [String] = []
      if entry.matchMode != .inflect { romanianNotes.append("\(TBXConventions.matchPrefix) \(entry.matchMode.rawValue)") }
      romanianNotes += entry.forms.map { "\(TBXConventions.formPrefix) \($0)" }
      out += "        <\(languageName) xml:lang=\"ro\">\n"
      out += termSec(termName, entry.source, status: nil, notes: romanianNotes)
      out += "        </\(languageName)>\n        <\(languageName) xml:lang=\"en\">\n"
      for target in entry.targets { out += termSec(termName, target.term, status: target.status, notes: []) }
      out += "        </\(languageName)>\n      </\(entryName)>\n"
    }
    out += version == .v3 ? "    </body>\n  </text>\n</tbx>\n" : "    </body>\n  </text>\n</martif>\n"
    return out
  }

  private static func termSec(_ element: String, _ term: String, status: TermStatus?, notes: [String]) -> String {
    var s = "          <\(element)>\n            <term>\(XMLOutput.escaped(term))</term>\n"
    if let status {
      s += "            <termNote type=\"administrativeStatus\">\(TBXConventions.administrativeStatus(status))</termNote>\n"
    }
    for note in notes { s += "            <note>\(XMLOutput.escaped(note))</note>\n" }
    return s + "          </\(element)>\n"
  }

  /// An XML ID (NCName) made from an entry id: letters, digits, `-`, `_`, `.`; not starting
  /// with a digit.
  static func xmlID(_ id: String, fallback: String) -> String {
    var result = String(id.unicodeScalars.map { s -> Character in
      s.properties.isAlphabetic || ("0"..."9").contains(s) || s == "-" || s == "_" || s == "." ? Character(s) : "_"
    })
    if result.isEmpty { return fallback }
    if let first = result.unicodeScalars.first, !first.properties.isAlphabetic && first != "_" { result = "_" + result }
    return result
  }

}
