/// Sentence segmentation rules: ordered break and no-break rules over word lists, on top of
/// ICU's sentence breaks (the SRX model of break rules and exception rules).
///
/// At every candidate gap (the white space between two pieces of text) the rules are tried in
/// order; the first whose ``SegmentationRule/before`` side matches the text ending at the gap
/// and whose ``SegmentationRule/after`` side matches the text starting there decides. When no
/// rule matches, ICU's decision stands (``Base/icu``), or there is no break (``Base/none``, the
/// SRX default).
///
///     let rules = try SegmentationRules(parsing: "base: icu\n[rules]\nno-break /\\bDl\\./ ÷ any\n")
///     let segmenter = Segmenter(rules: rules)
///
/// Tradu's Romanian rules are ``romanian`` (readable source `Rules/romanian.rules`), its English
/// rules ``english`` (`Rules/english.rules`); ``builtIn(for:)`` picks them by language code.
/// ``init(parsing:path:)`` reads that format and ``SRX`` reads and writes SRX 2.0.
public struct SegmentationRules: Equatable, Sendable {
  /// Where the candidate breaks come from before the rules apply.
  public enum Base: String, Sendable, CaseIterable {
    /// ICU's sentence break iterator proposes breaks; rules veto or add.
    case icu
    /// Only break rules create breaks (plain SRX semantics).
    case none
  }

  /// The language code these rules are for (e.g. `ro`).
  public var language: String
  /// Where candidate breaks come from.
  public var base: Base
  /// Named word lists that the rules refer to, items in file order.
  public var lists: [String: [String]]
  /// The rules, in the order they are tried.
  public var rules: [SegmentationRule]

  public init(language: String = "ro", base: Base = .icu, lists: [String: [String]] = [:],
              rules: [SegmentationRule] = []) {
    self.language = language
    self.base = base
    self.lists = lists
    self.rules = rules
  }

  /// Tradu's built-in Romanian rules (the text of `Rules/romanian.rules`, compiled in).
  public static let romanian: SegmentationRules = {
    do {
      return try SegmentationRules(parsing: RomanianRules.text, path: "<built-in romanian.rules>")
    } catch {
      fatalError("The built-in Romanian rules do not parse: \(error)")
    }
  }()

  /// Tradu's built-in English rules (the text of `Rules/english.rules`, compiled in): "Mr.",
  /// "Dr.", "No. 5", "Jan. 12", "U.S.", "J. R. R. Tolkien" hold together.
  public static let english: SegmentationRules = {
    do {
      return try SegmentationRules(parsing: EnglishRules.text, path: "<built-in english.rules>")
    } catch {
      fatalError("The built-in English rules do not parse: \(error)")
    }
  }()

  /// The built-in rules for a language code or ICU locale: ``english`` for `en`, `en-GB`,
  /// `en_US`…, ``romanian`` for `ro`, `ro-RO`, `ro-MD`…, and ICU's breaks alone
  /// (``icuOnly``, with that language) for a language Tradu has no rules for.
  public static func builtIn(for locale: String) -> SegmentationRules {
    switch languageSubtag(of: locale) {
    case "ro", "mo": return .romanian
    case "en": return .english
    default: return SegmentationRules(language: locale, base: .icu)
    }
  }

  /// The language subtag of a locale, lower-cased: `en` for `en-US`, `en_GB` or `EN@ss=standard`.
  static func languageSubtag(of locale: String) -> String {
    String(locale.prefix { $0 != "-" && $0 != "_" && $0 != "@" && $0 != "." }).lowercased()
  }

  /// The rules of no rule: ICU's sentence breaks unchanged.
  public static let icuOnly = SegmentationRules(language: "ro", base: .icu)
}

/// One break or no-break rule: a condition on the text before a gap and one on the text after.
public struct SegmentationRule: Equatable, Sendable {
  /// True for a break rule, false for an exception (no-break) rule.
  public var breaks: Bool
  /// What must end right before the gap.
  public var before: BeforeCondition
  /// Word lists: the rule does not apply when the word before the matched one is in them.
  public var unlessAfter: [String]
  /// What must start right after the gap.
  public var after: AfterCondition
  /// Word lists: the rule does not apply when the word after the gap is in them.
  public var except: [String]

  public init(breaks: Bool, before: BeforeCondition, unlessAfter: [String] = [],
              after: AfterCondition, except: [String] = []) {
    self.breaks = breaks
    self.before = before
    self.unlessAfter = unlessAfter
    self.after = after
    self.except = except
  }

  /// Whether the rule needs the regular-expression engine (it has an ICU regex side).
  var usesRegex: Bool {
    if case .regex = before { return true }
    if case .regex = after { return true }
    return false
  }
}

/// A condition on the last word before a gap.
public enum BeforeCondition: Equatable, Sendable {
  /// Anything (also the start of the text).
  case any
  /// A word ending in `.`, `!`, `?` or `…`, possibly followed by closing quotes or brackets.
  case sentenceEnd
  /// A word ending in `?` or `!`, possibly followed by closing quotes or brackets.
  case questionOrExclamation
  /// A word ending in `…` or `...`, possibly followed by closing quotes or brackets.
  case ellipsis
  /// An abbreviation from the named lists followed by its period ("Dl.", "(art.").
  case abbreviation([String])
  /// Initials ("I.", "S.U.A.") or abbreviated names from the named lists ("Gh.").
  case initials([String])
  /// An enumeration label ("6.", "3.4.2.", "b.", "IV.") that starts a paragraph or follows a
  /// sentence end.
  case labelAtStart
  /// An ICU regular expression that matches text ending at the gap.
  case regex(String)
}

/// A condition on the first word after a gap.
public enum AfterCondition: Equatable, Sendable {
  /// Anything (also the end of the text).
  case any
  /// A lower-case letter.
  case lowercase
  /// A capital letter, possibly after opening quotes or brackets.
  case capital
  /// A digit, possibly after opening quotes or brackets.
  case digit
  /// A list item label: "(c)", "b)", "12)", "e.".
  case enumerationLabel
  /// A dialogue dash (`–`, `—`, or a spaced `-`) before a capital letter.
  case dialogueDash
  /// An ICU regular expression that matches text starting at the gap.
  case regex(String)
}
