/// One rule of Tradu's normalization profile.
///
/// The default rules restore what the author meant and never change legitimate typography;
/// the opt-in ones (``quotes``, ``dashes``, ``spaces``, ``ellipsis``) do, and run only when
/// asked for (`--normalize quotes,dashes`).
public enum NormalizationRule: String, CaseIterable, Sendable, Comparable {
  /// UTF-8 that was read as Windows-1252/Latin-1 and saved again (`È™` → `ș`, `Äƒ` → `ă`).
  case mojibake
  /// Unicode canonical composition (NFC, by ICU): `a` + U+0306 → `ă`.
  case nfc
  /// Cedilla letters ş ţ Ş Ţ → comma-below ș ț Ș Ț (Romanian's own letters).
  case cedilla
  /// A byte-order mark (U+FEFF) inside the text.
  case byteOrderMark = "bom"
  /// Invisible characters: soft hyphen U+00AD, zero-width space U+200B, word joiner U+2060.
  case invisible
  /// Opt-in: straight and English quotes → Romanian „…”.
  case quotes
  /// Opt-in: a hyphen or `--` between spaces → en dash `–`.
  case dashes
  /// Opt-in: runs of spaces → one space.
  case spaces
  /// Opt-in: `...` → `…`.
  case ellipsis

  /// The rules on by default.
  public static let defaultProfile: Set<NormalizationRule> = [.mojibake, .nfc, .cedilla, .byteOrderMark, .invisible]
  /// The rules that change typography, applied only when asked for.
  public static let optIn: Set<NormalizationRule> = [.quotes, .dashes, .spaces, .ellipsis]

  /// What the rule does, for reports.
  public var summary: String {
    switch self {
    case .mojibake: return "UTF-8 mojibake repaired"
    case .nfc: return "composed to NFC"
    case .cedilla: return "cedilla → comma below"
    case .byteOrderMark: return "byte-order mark removed"
    case .invisible: return "soft hyphen / zero-width space / word joiner removed"
    case .quotes: return "quotes → „…”"
    case .dashes: return "spaced hyphen → en dash"
    case .spaces: return "runs of spaces collapsed"
    case .ellipsis: return "... → …"
    }
  }

  /// The rule's place in ``allCases``.
  var number: Int {
    switch self {
    case .mojibake: return 0
    case .nfc: return 1
    case .cedilla: return 2
    case .byteOrderMark: return 3
    case .invisible: return 4
    case .quotes: return 5
    case .dashes: return 6
    case .spaces: return 7
    case .ellipsis: return 8
    }
  }

  public static func < (a: Self, b: Self) -> Bool {
    a.number < b.number
  }
}

/// Which rules ``TextNormalizer`` applies, and the words it leaves alone.
public struct NormalizationOptions: Equatable, Sendable {
  /// The rules to apply.
  public var rules: Set<NormalizationRule>
  /// Words whose cedilla letters are correct and kept (Turkish names such as `Eskişehir`).
  /// Compared whole-word and case-insensitively.
  public var cedillaExemptWords: Set<String> {
    didSet { exemptKeys = Set(cedillaExemptWords.map { $0.lowercased() }) }
  }
  /// The exempt words, lower-cased once.
  private(set) var exemptKeys: Set<String>

  /// The default profile (``NormalizationRule/defaultProfile``) unless `rules` says otherwise.
  public init(rules: Set<NormalizationRule> = NormalizationRule.defaultProfile, cedillaExemptWords: Set<String> = []) {
    self.rules = rules
    self.cedillaExemptWords = cedillaExemptWords
    self.exemptKeys = Set(cedillaExemptWords.map { $0.lowercased() })
  }

  /// The default profile plus the comma-separated opt-in rules of `list` (e.g.
  /// `quotes,dashes`); `all` turns on every rule, `none` turns every rule off.
  ///
  /// - Throws: a message naming the unknown rule and the known ones.
  public init(adding list: String, cedillaExemptWords: Set<String> = []) throws(TraduError) {
    var rules = NormalizationRule.defaultProfile
    for raw in list.split(separator: ",") {
      let name = raw.trimmingCharacters(in: .whitespaces).lowercased()
      if name == "all" {
        rules.formUnion(NormalizationRule.allCases)
      } else if name == "none" {
        rules.removeAll()
      } else if let rule = NormalizationRule(rawValue: name) {
        rules.insert(rule)
      } else {
        let known = NormalizationRule.allCases.map(\.rawValue).joined(separator: ", ")
        throw .malformedInput(path: "--normalize", line: nil, reason: "unknown rule '\(name)'; known rules: \(known), all, none")
      }
    }
    self.init(rules: rules, cedillaExemptWords: cedillaExemptWords)
  }

  /// The default profile.
  public static let `default` = NormalizationOptions()
}
