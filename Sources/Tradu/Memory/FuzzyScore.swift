/// The fuzzy-match score: a word-level edit distance over ICU word tokens that knows which
/// differences matter little in Romanian.
///
/// Each token weighs 1 (words and numbers) or ½ (punctuation). Inserting or deleting a token
/// costs its weight; replacing one costs the larger weight times a factor:
///
/// | difference | factor |
/// | --- | --- |
/// | none | 0 |
/// | case only (`Guvernul` / `guvernul`) | 0.05 |
/// | diacritics only (`Romania` / `România`) | 0.1 |
/// | another number (`2022` / `2023`): a placeable, replaced in the target | 0.1 |
/// | inflection only (`Kremlinul` / `Kremlinului`, `ministrul` / `ministrului`) | 0.25 |
/// | anything else | 1 |
///
/// The similarity is `1 − cost / max(weight of either side)`; the score is its floor in
/// percent, at most 99 unless the two sources are the same text. Inflection of a capitalized
/// word is judged by the glossary's rules for names (``RomanianInflection``); of other words,
/// by their stems once a common Romanian ending is taken off.
enum FuzzyScore {
  /// The factors of the table above.
  static let caseFactor = 0.05
  static let diacriticsFactor = 0.1
  static let numberFactor = 0.1
  static let inflectionFactor = 0.25

  /// A comparison's result: the similarity (0…1) and the tokens that were paired.
  struct Comparison {
    var similarity: Double
    /// Pairs of (query token, candidate token) that the alignment matched or replaced.
    var pairs: [(query: Int, candidate: Int)]
  }

  /// Compares a query's tokens with a candidate's.
  static func compare(_ query: [MemoryToken], _ candidate: [MemoryToken]) -> Comparison {
    let n = query.count, m = candidate.count
    let totalQuery = query.reduce(0) { $0 + $1.weight }
    let totalCandidate = candidate.reduce(0) { $0 + $1.weight }
    let denominator = max(totalQuery, totalCandidate)
    guard denominator > 0 else { return Comparison(similarity: n == m ? 1 : 0, pairs: []) }
    // cost[i][j]: the cheapest edit of query[..<i] into candidate[..<j], row by row.
    var cost = [Double](repeating: 0, count: (n + 1) * (m + 1))
    let width = m + 1
    for j in 1...max(m, 1) where j <= m { cost[j] = cost[j - 1] + candidate[j - 1].weight }
    for i in 1...max(n, 1) where i <= n {
      cost[i * width] = cost[(i - 1) * width] + query[i - 1].weight
      for j in 1...max(m, 1) where j <= m {
        let replace = cost[(i - 1) * width + j - 1]
          + factor(query[i - 1], candidate[j - 1]) * max(query[i - 1].weight, candidate[j - 1].weight)
        let delete = cost[(i - 1) * width + j] + query[i - 1].weight
        let insert = cost[i * width + j - 1] + candidate[j - 1].weight
        cost[i * width + j] = min(replace, delete, insert)
      }
    }
    // The pairs, walking back along the cheapest path (replacements preferred, so that ties
    // resolve the same way every time).
    var pairs: [(Int, Int)] = []
    var i = n, j = m
    while i > 0 && j > 0 {
      let here = cost[i * width + j]
      let replace = cost[(i - 1) * width + j - 1]
        + factor(query[i - 1], candidate[j - 1]) * max(query[i - 1].weight, candidate[j - 1].weight)
      if abs(here - replace) < 1e-9 {
        pairs.append((i - 1, j - 1))
        i -= 1; j -= 1
      } else if abs(here - (cost[(i - 1) * width + j] + query[i - 1].weight)) < 1e-9 {
        i -= 1
      } else {
        j -= 1
      }
    }
    let similarity = max(0, 1 - cost[n * width + m] / denominator)
    return Comparison(similarity: similarity, pairs: pairs.reversed())
  }

  /// The factor for replacing token `a` by token `b` (see the table).
  static func factor(_ a: MemoryToken, _ b: MemoryToken) -> Double {
    if a.foldedHash == b.foldedHash && a.folded == b.folded {
      if a.text == b.text { return 0 }
      return a.lowered == b.lowered ? caseFactor : diacriticsFactor
    }
    if a.kind == .number && b.kind == .number { return numberFactor }
    // Forms of one word share their first three letters.
    if a.kind == .word && b.kind == .word && a.foldedHead == b.foldedHead && isInflection(a, b) { return inflectionFactor }
    return 1
  }

  /// Whether two different words are forms of one word.
  static func isInflection(_ a: MemoryToken, _ b: MemoryToken) -> Bool {
    let x = a.folded.utf8, y = b.folded.utf8
    guard x.count >= 3, y.count >= 3, x.prefix(3).elementsEqual(y.prefix(3)) else { return false }
    if a.text.first?.isUppercase == true || b.text.first?.isUppercase == true {
      for (name, other) in [(a, b), (b, a)] {
        for type in [nil, EntityType.person] {
          for form in RomanianInflection.forms(of: name.text, role: .head, type: type)
          where TermKey.fold(form.form) == other.folded {
            return true
          }
        }
      }
    }
    return stem(a.folded) == stem(b.folded)
  }

  /// Common Romanian endings (folded), longest first.
  private static let endings = [
    "urilor", "urile", "ului", "ilor", "elor", "uri", "lor", "lui", "ul", "ei", "ii", "le", "ea",
    "a", "e", "i", "u", "l",
  ]

  /// `word` (folded) without its longest common ending, keeping at least three letters.
  static func stem(_ word: String) -> Substring {
    for ending in endings where word.hasSuffix(ending) && word.count - ending.count >= 3 {
      return word.dropLast(ending.count)
    }
    return Substring(word)
  }

  /// The score in percent for a similarity; below 100 unless the texts are the same.
  static func percent(_ similarity: Double, sameText: Bool) -> Int {
    if sameText { return 100 }
    return min(99, max(0, Int((similarity * 100 + 1e-9).rounded(.down))))
  }
}

/// Numbers as placeables: a number that differs between the new source and the memory's
/// source is replaced in the proposed target.
public enum NumberPlaceables {
  /// A number replaced in a proposed target.
  public struct Replacement: Equatable, Sendable {
    /// As the memory's target wrote it.
    public var old: String
    /// As it is written now, in the target's convention.
    public var new: String
  }

  /// English writing of a Romanian number: the thousands dot and decimal comma swap
  /// ("1.234,5" → "1,234.5").
  static func english(_ romanian: String) -> String {
    String(romanian.map { $0 == "." ? "," : $0 == "," ? "." : $0 })
  }

  /// `target` with each differing number pair replaced where the old number stands alone in
  /// it exactly once (as English or as Romanian writes it); the replacements made.
  static func apply(
    _ pairs: [(query: Int, candidate: Int)], query: [MemoryToken], candidate: [MemoryToken], to target: String
  ) -> (target: String, replacements: [Replacement]) {
    var result = target
    var done: [Replacement] = []
    for pair in pairs {
      let new = query[pair.query], old = candidate[pair.candidate]
      guard new.kind == .number, old.kind == .number, new.text != old.text else { continue }
      for (oldForm, newForm) in [(english(old.text), english(new.text)), (old.text, new.text)] {
        let places = standalone(oldForm, in: result)
        if places.count == 1 {
          result.replaceSubrange(places[0], with: newForm)
          done.append(Replacement(old: oldForm, new: newForm))
          break
        }
      }
    }
    return (result, done)
  }

  /// Where `number` stands in `text` with no digit or digit group glued to it.
  static func standalone(_ number: String, in text: String) -> [Range<String.Index>] {
    var found: [Range<String.Index>] = []
    var from = text.startIndex
    while let range = text.range(of: number, range: from..<text.endIndex) {
      from = range.upperBound
      let before = range.lowerBound > text.startIndex ? text[text.index(before: range.lowerBound)] : " "
      let after = range.upperBound < text.endIndex ? text[range.upperBound] : " "
      let afterNext = range.upperBound < text.endIndex && text.index(after: range.upperBound) < text.endIndex
        ? text[text.index(after: range.upperBound)] : " "
      if before.isNumber || after.isNumber { continue }
      if (before == "." || before == ",") && range.lowerBound > text.startIndex {
        let twoBefore = text.index(before: range.lowerBound)
        if twoBefore > text.startIndex && text[text.index(before: twoBefore)].isNumber { continue }
      }
      if (after == "." || after == ",") && afterNext.isNumber { continue }
      found.append(range)
    }
    return found
  }
}
