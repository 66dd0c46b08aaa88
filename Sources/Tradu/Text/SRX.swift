import Foundation


/// Reads and writes SRX 2.0, the segmentation-rules format of Okapi, OmegaT and CAT tools.
///
/// An SRX file holds named language rules (ordered `<rule break="yes|no">` elements with a
/// `<beforebreak>` and an `<afterbreak>` regular expression) and a map from language-code
/// patterns to them. Tradu runs the expressions with ICU, whose syntax is the Java syntax SRX
/// asks for.
///
///     let srx = SRX.document(for: .romanian)              // Tradu's rules as SRX
///     let rules = try SRX.rules(from: Data(srx.utf8))     // and back
///
/// By default an SRX file breaks only where a break rule matches. A header element
/// `<tradu:options xmlns:tradu="urn:x-tradu:srx" base="icu"/>` (or Okapi's
/// `useIcu4jBreakRules="yes"`) makes ICU's sentence breaks the default instead, as in Tradu's
/// own rules.
///
/// An exported file stands alone: after the language's rules it cascades a rule set that
/// restates ICU's ordinary sentence breaks as SRX rules (``UnicodeSentenceRules``), so an
/// engine without ICU cuts as Tradu does. Its `tradu:options` names that set
/// (`icu-rules="Unicode sentence ends"`), and Tradu, which has ICU, skips it on reading.
public enum SRX {
  /// The SRX 2.0 namespace.
  public static let namespace = "http://www.lisa.org/srx20"
  /// The namespace of Tradu's header extension.
  public static let traduNamespace = "urn:x-tradu:srx"
  static let okapiNamespace = "http://okapi.sf.net/srx-extensions"

  /// The rules that an SRX 2.0 document gives for `language`.
  ///
  /// With `cascade="yes"` the rules of every matching language map apply in map order;
  /// otherwise those of the first match only.
  ///
  /// - Parameters:
  ///   - data: The document (UTF-8 or with an XML encoding declaration).
  ///   - language: The language code matched against each `languagepattern`.
  ///   - path: The file name for error messages.
  /// - Throws: `TraduError.malformedXML` for a DOCTYPE, XML errors, a document that is not
  ///   SRX 2.0, a map to a missing rule set or no map for `language`;
  ///   `TraduError.malformedInput` for a regular expression ICU rejects.
  public static func rules(from data: Data, language: String = "ro", path: String = "<srx>")
    throws(TraduError) -> SegmentationRules
  {
    if let doctype = data.range(of: Data("<!DOCTYPE".utf8)) ?? data.range(of: Data("<!doctype".utf8)) {
      let line = data[..<doctype.lowerBound].reduce(1) { $1 == 0x0A ? $0 + 1 : $0 }
      throw .malformedXML(path: path, line: line, reason: "SRX files must not have a DOCTYPE declaration")
    }
    let reader = Reader()
    try XMLEventReader.parse(data, name: path, handler: reader)
    guard reader.sawRoot else {
      throw .malformedXML(path: path, line: nil, reason: "empty document; expected an SRX 2.0 <srx> element")
    }
    var chosen: [String] = []
    // With ICU as the base, the rule set that restates ICU's breaks is ICU's business.
    let skipped = reader.icuBase ? reader.icuRuleSet : nil
    var matched = false
    for map in reader.maps {
      let matches: Bool
      do {
        matches = try ICU.Regex(map.pattern).matchesWhole(text: language)
      } catch {
        throw .malformedInput(path: path, line: map.line, reason: "languagepattern /\(map.pattern)/ is not a valid regular expression: \(error.name)")
      }
      guard matches else { continue }
      guard reader.ruleSets[map.name] != nil else {
        throw .malformedXML(path: path, line: map.line, reason: "languagemap names a missing languagerule \"\(map.name)\"")
      }
      matched = true
      if map.name != skipped { chosen.append(map.name) }
      if !reader.cascade { break }
    }
    guard matched else {
      throw .malformedXML(path: path, line: nil, reason: "no languagemap matches the language \"\(language)\"; add one or pass another --locale")
    }
    var rules: [SegmentationRule] = []
    for name in chosen {
      for rule in reader.ruleSets[name]! {
        for pattern in [rule.before, rule.after] {
          do {
            _ = try ICU.Regex(pattern)
          } catch {
            throw .malformedInput(path: path, line: rule.line, reason: "ICU rejects the regular expression /\(pattern)/: \(error.name)"
              + (error.offset.map { " at offset \($0)" } ?? ""))
          }
        }
        rules.append(SegmentationRule(breaks: rule.breaks, before: .regex(rule.before), after: .regex(rule.after)))
      }
    }
    return SegmentationRules(language: language, base: reader.icuBase ? .icu : .none, rules: rules)
  }

  /// `rules` as an SRX 2.0 document that stands alone: the rules as one language rule set,
  /// mapped to `rules.language`, and, when their base is ICU, ICU's ordinary sentence breaks
  /// as a second set (``UnicodeSentenceRules``) cascaded after it for every language.
  ///
  /// Word lists are expanded into the expressions; each rule is preceded by a comment with
  /// its line in Tradu's rules format.
  public static func document(for rules: SegmentationRules) -> String {
    let name = "Tradu (\(rules.language))"
    let icuRules = rules.base == .icu
    var out = """
      <?xml version="1.0" encoding="UTF-8"?>
      <srx xmlns="\(namespace)" version="2.0">
        <header segmentsubflows="yes" cascade="\(icuRules ? "yes" : "no")">

      """
    if icuRules {
      out += "    <tradu:options xmlns:tradu=\"\(traduNamespace)\" base=\"icu\" icu-rules=\"\(UnicodeSentenceRules.ruleSetName)\"/>\n"
    }
    out += "  </header>\n  <body>\n    <languagerules>\n"
    out += "      <languagerule languagerulename=\"\(XMLOutput.escaped(name))\">\n"
    for rule in rules.rules {
      if !rule.usesRegex {
        let comment = rule.formatted().replacingOccurrences(of: "--", with: "- -")
        out += "        <!-- \(comment) -->\n"
      }
      out += ruleElement(breaks: rule.breaks, before: RuleRegex.before(rule, lists: rules.lists),
                         after: RuleRegex.after(rule, lists: rules.lists))
    }
    out += "      </languagerule>\n"
    if icuRules {
      out += "      <!-- ICU's ordinary sentence ends (Unicode UAX #29), for engines without ICU; Tradu skips them. -->\n"
      out += "      <languagerule languagerulename=\"\(UnicodeSentenceRules.ruleSetName)\">\n"
      for rule in UnicodeSentenceRules.rules {
        out += "        <!-- \(rule.comment) -->\n"
        out += ruleElement(breaks: rule.breaks, before: rule.before, after: rule.after)
      }
      out += "      </languagerule>\n"
    }
    out += "    </languagerules>\n    <maprules>\n"
    out += "      <languagemap languagepattern=\"\(XMLOutput.escaped(patternQuote(rules.language)))(-.*|_.*)?\" languagerulename=\"\(XMLOutput.escaped(name))\"/>\n"
    if icuRules {
      out += "      <languagemap languagepattern=\".*\" languagerulename=\"\(UnicodeSentenceRules.ruleSetName)\"/>\n"
    }
    out += "    </maprules>\n  </body>\n</srx>\n"
    return out
  }

  /// One `<rule>` element, indented for a `<languagerule>`.
  private static func ruleElement(breaks: Bool, before: String, after: String) -> String {
    """
            <rule break="\(breaks ? "yes" : "no")">
              <beforebreak>\(XMLOutput.escaped(before))</beforebreak>
              <afterbreak>\(XMLOutput.escaped(after))</afterbreak>
            </rule>

    """
  }

  private static func patternQuote(_ text: String) -> String {
    text.allSatisfy { $0.isLetter || $0.isNumber } ? text : "\\Q" + text + "\\E"
  }

  /// The event handler that collects the SRX structure.
  private final class Reader: XMLEventHandler {
    struct RawRule {
      var breaks: Bool
      var before = ""
      var after = ""
      var line: Int
    }
    struct Map {
      var pattern: String
      var name: String
      var line: Int
    }

    var sawRoot = false
    var cascade = false
    var icuBase = false
    /// The rule set that restates ICU's breaks (`tradu:options icu-rules`).
    var icuRuleSet: String?
    var ruleSets: [String: [RawRule]] = [:]
    var maps: [Map] = []

    private var currentSet: String?
    private var currentRule: RawRule?
    private var text: String?

    func startElement(_ tag: XMLStartTag) throws(XMLContentError) {
      let name = tag.localName
      let attributes = tag.attributes
      func fail(_ reason: String) -> XMLContentError { XMLContentError(reason, line: tag.line, column: tag.column) }
      if !sawRoot {
        guard name == "srx", tag.namespace == SRX.namespace else {
          throw fail("the root element must be <srx xmlns=\"\(SRX.namespace)\">, not <\(tag.qualifiedName)>")
        }
        guard attributes["version"] == "2.0" else {
          throw fail("only SRX version 2.0 is supported (version=\"\(attributes["version"] ?? "")\")")
        }
        sawRoot = true
        return
      }
      if tag.namespace == SRX.traduNamespace, name == "options" {
        icuBase = attributes["base"] == "icu"
        icuRuleSet = attributes["icu-rules"]
        return
      }
      if tag.namespace == SRX.okapiNamespace, name == "options" {
        icuBase = attributes["useIcu4jBreakRules"] == "yes"
        return
      }
      guard tag.namespace == SRX.namespace else { return }
      switch name {
      case "header":
        cascade = attributes["cascade"] == "yes"
      case "languagerule":
        guard let ruleName = attributes["languagerulename"] else {
          throw fail("<languagerule> needs a languagerulename attribute")
        }
        currentSet = ruleName
        if ruleSets[ruleName] == nil { ruleSets[ruleName] = [] }
      case "rule":
        guard currentSet != nil else { throw fail("<rule> outside a <languagerule>") }
        let value = attributes["break"] ?? "yes"
        guard value == "yes" || value == "no" else { throw fail("break must be yes or no, not \"\(value)\"") }
        currentRule = RawRule(breaks: value == "yes", line: tag.line)
      case "beforebreak", "afterbreak":
        guard currentRule != nil else { throw fail("<\(name)> outside a <rule>") }
        text = ""
      case "languagemap":
        guard let pattern = attributes["languagepattern"], let ruleName = attributes["languagerulename"] else {
          throw fail("<languagemap> needs languagepattern and languagerulename attributes")
        }
        maps.append(Map(pattern: pattern, name: ruleName, line: tag.line))
      default:
        break
      }
    }

    func text(_ string: String) throws(XMLContentError) {
      text? += string
    }

    func endElement(localName name: String, namespace: String?) throws(XMLContentError) {
      guard namespace == SRX.namespace else { return }
      switch name {
      case "beforebreak":
        currentRule?.before = text ?? ""
        text = nil
      case "afterbreak":
        currentRule?.after = text ?? ""
        text = nil
      case "rule":
        if let rule = currentRule, let set = currentSet { ruleSets[set]?.append(rule) }
        currentRule = nil
      case "languagerule":
        currentSet = nil
      default:
        break
      }
    }
  }
}

extension SegmentationRules {
  /// Loads rules from a file: SRX 2.0 when it starts with `<`, Tradu's rules format otherwise.
  ///
  /// - Parameter language: For SRX, the language whose rules to take.
  public static func load(path: String, language: String = "ro") throws(TraduError) -> SegmentationRules {
    let data = Data(try TextReader.readBytes(path: path))
    var body = data[...]
    if body.starts(with: [0xEF, 0xBB, 0xBF]) { body = body.dropFirst(3) }
    if let first = body.first(where: { ![0x20, 0x09, 0x0A, 0x0D].contains($0) }), first == UInt8(ascii: "<") {
      return try SRX.rules(from: Data(body), language: language, path: path)
    }
    guard let text = String(data: body, encoding: .utf8) else {
      throw .undecodable(path: path, offset: nil, reason: "a rules file must be UTF-8")
    }
    return try SegmentationRules(parsing: text, path: path)
  }
}

extension ICU.Regex {
  /// Whether the pattern matches all of `text`.
  func matchesWhole(text: String) throws(ICUError) -> Bool {
    let units = Array(text.utf16)
    try setText(units)
    return try matchesWhole(0..<units.count)
  }
}
