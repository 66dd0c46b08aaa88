/// The ICU regular expressions that say what each rule condition means.
///
/// They are what `tradu segment --export-rules srx` writes, and what the regex engine runs
/// for rules that have a `/regex/` side; the native matcher in ``RuleEngine`` implements the
/// same conditions without regexes, and the tests check that both agree.
enum RuleRegex {
  /// White space: Unicode White_Space plus zero-width space and the byte-order mark (as
  /// `isSpaceUnit`).
  static let space = #"[\t-\r\x{85}\p{Z}\x{200B}\x{FEFF}]"#
  /// Opening quotes and brackets, including ” and ’ used as openers.
  static let openers = #"["'„“”‘’«(\[{]"#
  /// Closing quotes and brackets, including “ used as a closer.
  static let closers = #"["'”“’»)\]}]"#
  /// Not white space and not an opener: the characters a word is made of here.
  static let wordStart = #"(?<![^\t-\r\x{85}\p{Z}\x{200B}\x{FEFF}"'„“”‘’«(\[{])"#

  static let labelForms = #"(?:[0-9]{1,3}(?:\.[0-9]{1,3})*|[a-zA-Z]|[IVXLCDM]{2,7}|[ivx]{2,5})\."#

  /// The `beforebreak` expression of `rule`.
  static func before(_ rule: SegmentationRule, lists: [String: [String]]) -> String {
    let unless = unlessAfter(rule.unlessAfter, lists: lists)
    switch rule.before {
    case .any: return ""
    case .sentenceEnd: return "[.!?…]\(closers)*"
    case .questionOrExclamation: return "[?!]\(closers)*"
    case .ellipsis: return "(?:…|\\.\\.\\.)\(closers)*"
    case .abbreviation(let names):
      return unless + wordStart + "(?!\\p{Lu}\\p{Lu})(?i:" + alternation(names, lists: lists) + ")\\."
    case .initials(let names):
      let items = items(names, lists: lists)
      let letter = items.isEmpty ? "\\p{Lu}" : "\\p{Lu}|" + alternation(items)
      return unless + wordStart + "(?:(?:" + letter + ")\\.)+"
    case .labelAtStart:
      return "(?:^\(space)*|[.!?…:;]\(closers)*\(space)+)" + unless + labelForms
    case .regex(let pattern):
      return unless + pattern
    }
  }

  /// The `afterbreak` expression of `rule`.
  static func after(_ rule: SegmentationRule, lists: [String: [String]]) -> String {
    var prefix = ""
    if !rule.except.isEmpty {
      prefix = "(?!\(space)*\(openers)*(?=\\p{Lu})(?i:" + alternation(rule.except, lists: lists)
        + #")(?![\p{L}\p{M}\p{N}.]))"#
    }
    switch rule.after {
    case .any: return prefix + space
    case .lowercase: return prefix + "\(space)+\\p{Ll}"
    case .capital: return prefix + "\(space)+\(openers)*\\p{Lu}"
    case .digit: return prefix + "\(space)+\(openers)*[0-9]"
    case .enumerationLabel:
      return prefix + "\(space)+(?:\\((?:[a-z]|[0-9]{1,3}|[ivx]{2,5})\\)|(?:[a-z]|[0-9]{1,3})\\)|[a-z]\\.)(?=\(space))"
    case .dialogueDash:
      return prefix + "\(space)+(?:[–—]\(space)*|-\(space)+)\(openers)*\\p{Lu}"
    case .regex(let pattern):
      return prefix + pattern
    }
  }

  /// "Not right after a word of `names`" (the word may carry its period).
  static func unlessAfter(_ names: [String], lists: [String: [String]]) -> String {
    guard !names.isEmpty else { return "" }
    return "(?<!" + wordStart + "(?i:" + alternation(names, lists: lists) + ")\\.?\(space))"
  }

  static func items(_ names: [String], lists: [String: [String]]) -> [String] {
    var seen = Set<String>()
    var result: [String] = []
    for name in names {
      for item in lists[name] ?? [] where seen.insert(item).inserted { result.append(item) }
    }
    return result
  }

  static func alternation(_ names: [String], lists: [String: [String]]) -> String {
    alternation(items(names, lists: lists))
  }

  /// Items as a regex alternation, longest first, escaped, with ș/ț matching the cedilla
  /// forms too.
  static func alternation(_ items: [String]) -> String {
    let sorted = items.sorted { $0.count != $1.count ? $0.count > $1.count : $0 < $1 }
    return sorted.map(escape).joined(separator: "|")
  }

  static func escape(_ item: String) -> String {
    var out = ""
    for ch in item {
      switch ch {
      case "ș", "ş": out += "[șş]"
      case "Ș", "Ş": out += "[ȘŞ]"
      case "ț", "ţ": out += "[țţ]"
      case "Ț", "Ţ": out += "[ȚŢ]"
      case ".", "\\", "(", ")", "[", "]", "{", "}", "|", "*", "+", "?", "^", "$", "-", "/", "#", " ":
        out += "\\" + String(ch)
      default: out.append(ch)
      }
    }
    return out
  }
}
