/// BCP 47 language tags (RFC 5646), checked for well-formedness before they go into an
/// XLIFF `srcLang`/`trgLang`, a TMX `xml:lang` or an ICU locale.
public enum LanguageTag {
  /// True when `tag` is a well-formed BCP 47 tag: `ro`, `en-GB`, `sr-Latn-RS`, `de-CH-1996`,
  /// `en-US-u-ca-gregory`, `x-private`, or one of the grandfathered tags (`i-klingon`).
  /// Case does not matter; the subtags' meaning (whether `qq` is a registered language) is
  /// not checked.
  public static func isWellFormed(_ tag: String) -> Bool {
    let lower = tag.lowercased()
    if grandfathered.contains(lower) { return true }
    let subtags = lower.split(separator: "-", omittingEmptySubsequences: false).map(Array.init)
    guard subtags.allSatisfy({ (1...8).contains($0.count) && $0.allSatisfy(isAlphanumeric) }) else { return false }
    var i = 0
    func next(_ accept: ([Character]) -> Bool) -> Bool {
      if i < subtags.count && accept(subtags[i]) { i += 1; return true }
      return false
    }
    // Private use only: x-…
    if subtags[0] == ["x"] { return subtags.count > 1 }
    // Language: 2–3 letters with up to three extlangs, or 4–8 letters.
    guard next({ $0.count >= 2 && $0.allSatisfy(isLetter) }) else { return false }
    if (2...3).contains(subtags[0].count) {
      for _ in 0..<3 where next({ $0.count == 3 && $0.allSatisfy(isLetter) }) {}
    }
    _ = next { $0.count == 4 && $0.allSatisfy(isLetter) }  // script
    _ = next { ($0.count == 2 && $0.allSatisfy(isLetter)) || ($0.count == 3 && $0.allSatisfy(isDigit)) }  // region
    var variants = Set<[Character]>()
    while i < subtags.count, isVariant(subtags[i]) {
      guard variants.insert(subtags[i]).inserted else { return false }
      i += 1
    }
    var singletons = Set<Character>()
    while i < subtags.count, subtags[i].count == 1, subtags[i][0] != "x" {
      guard singletons.insert(subtags[i][0]).inserted else { return false }
      i += 1
      var count = 0
      while next({ $0.count >= 2 }) { count += 1 }
      guard count > 0 else { return false }
    }
    if i < subtags.count, subtags[i] == ["x"] {
      i += 1
      guard i < subtags.count else { return false }
      i = subtags.count
    }
    return i == subtags.count
  }

  private static func isVariant(_ s: [Character]) -> Bool {
    (5...8).contains(s.count) || (s.count == 4 && isDigit(s[0]))
  }

  private static func isLetter(_ c: Character) -> Bool { c >= "a" && c <= "z" }
  private static func isDigit(_ c: Character) -> Bool { c >= "0" && c <= "9" }
  private static func isAlphanumeric(_ c: Character) -> Bool { isLetter(c) || isDigit(c) }

  /// RFC 5646's grandfathered tags, which do not follow the syntax.
  private static let grandfathered: Set<String> = [
    "en-gb-oed", "i-ami", "i-bnn", "i-default", "i-enochian", "i-hak", "i-klingon", "i-lux", "i-mingo",
    "i-navajo", "i-pwn", "i-tao", "i-tay", "i-tsu", "sgn-be-fr", "sgn-be-nl", "sgn-ch-de",
    "art-lojban", "cel-gaulish", "no-bok", "no-nyn", "zh-guoyu", "zh-hakka", "zh-min", "zh-min-nan", "zh-xiang",
  ]
}
