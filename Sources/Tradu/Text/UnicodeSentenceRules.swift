/// ICU's ordinary sentence breaks (the Unicode sentence-break rules of UAX #29, as ICU's root
/// locale applies them) written as SRX rules, for engines that have no ICU.
///
/// Tradu's own rules only correct ICU; an SRX file that other tools (OmegaT, Okapi without
/// ICU) apply on their own must say where an ordinary sentence ends as well. `SRX.document(for:)`
/// appends these rules, as a language rule set of their own cascaded after the language's
/// rules, to every export whose base is ICU. Tradu, which has ICU, skips them when it reads
/// the file back.
///
/// Every expression is valid in both ICU and Java (`java.util.regex`, which OmegaT uses).
/// The character classes name the sentence terminators and the closing and continuing
/// punctuation of the Latin, Greek, Cyrillic, Armenian, Arabic, Devanagari and CJK scripts,
/// which is where Unicode's lists and these agree.
enum UnicodeSentenceRules {
  /// The name of the language rule set in an exported SRX file.
  static let ruleSetName = "Unicode sentence ends"

  /// Sentence-break ATerm: the full stop and its variants.
  static let aTerm = #".\x{2024}\x{FE52}\x{FF0E}"#
  /// Sentence-break STerm: `!`, `?` and their variants.
  static let sTerm = #"!?\x{0589}\x{061F}\x{06D4}\x{0964}\x{0965}\x{203C}\x{203D}\x{2047}-\x{2049}\x{2E2E}\x{2E3C}\x{3002}\x{FE56}\x{FE57}\x{FF01}\x{FF1F}\x{FF61}"#
  /// Sentence-break Close: quotation marks and brackets of every kind.
  static let close = #"["'\p{Ps}\p{Pe}\p{Pi}\p{Pf}]"#
  /// Sentence-break SContinue: commas, colons, hyphens and dashes after which a sentence goes on.
  static let sContinue = #",\-:\x{055D}\x{060C}\x{060D}\x{2013}\x{2014}\x{3001}\x{FE10}\x{FE11}\x{FE13}\x{FE31}\x{FE32}\x{FE50}\x{FE51}\x{FE55}\x{FE58}\x{FE63}\x{FF0C}\x{FF0D}\x{FF1A}\x{FF64}"#
  /// Anything but a letter, a terminator or a line break (what UAX #29 lets stand between a
  /// full stop and a lower-case word that continues the sentence).
  static let notLetter = #"[^\p{L}"# + aTerm + sTerm + #"\n\r\x{85}\x{2028}\x{2029}]"#

  /// One rule: break or not, the `beforebreak` and `afterbreak` expressions, what it restates.
  struct Rule {
    let breaks: Bool
    let before: String
    let after: String
    let comment: String
  }

  /// The rules, in the order they are tried (exceptions first, the break last).
  static let rules: [Rule] = [
    Rule(breaks: false, before: "[\(aTerm)]", after: #"\p{Nd}"#,
         comment: "UAX #29 SB6: a full stop before a digit (3.5, v2.0) ends nothing"),
    Rule(breaks: false, before: #"[\p{Lu}\p{Lt}\p{Ll}]"# + "[\(aTerm)]", after: #"[\p{Lu}\p{Lt}]"#,
         comment: "SB7: a full stop between letters, the next a capital (U.S.A) ends nothing"),
    // The after side starts with white space, or with no closing mark, so that an engine that
    // finds matches left to right (OmegaT) does not start one inside the closing marks.
    Rule(breaks: false, before: "[\(aTerm)]\(close)*",
         after: "(?:\(RuleRegex.space)+|(?!\(close)))\(notLetter)*\\p{Ll}",
         comment: "SB8: after a full stop, a lower-case word (past numbers and punctuation) continues the sentence"),
    Rule(breaks: false, before: "[\(aTerm)\(sTerm)]\(close)*", after: "\(RuleRegex.space)*[\(sContinue)\(aTerm)\(sTerm)]",
         comment: "SB8a: a comma, colon, dash or another terminator continues the sentence"),
    // Not inside the closing marks: an engine that tries every position (as SRX says) would
    // otherwise cut "„Da!” a spus" after the "!".
    Rule(breaks: true, before: "[\(aTerm)\(sTerm)]\(close)*", after: "(?!\(close))",
         comment: "SB11: otherwise a sentence ends after its terminator and closing marks"),
  ]
}
