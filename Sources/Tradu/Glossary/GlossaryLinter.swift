/// Checks a glossary's own consistency: what `tradu glossary lint` reports.
public enum GlossaryLinter {
  /// The consistency rules.
  public enum Rule: String, Sendable, CaseIterable, Codable {
    /// The same target twice in one entry, or two entries with the same source (modulo case
    /// and diacritics) and type.
    case duplicate = "duplicate"
    /// Several translations that are not forbidden (or several preferred ones) and no note
    /// saying when to use which.
    case conflictingTargets = "conflicting-targets"
    /// Wherever the entry's term stands, another entry is found instead.
    case shadowed = "shadowed"
    /// Two targets of one entry that differ only in case or spacing.
    case caseOrSpacingVariants = "case-or-spacing"
    /// A term forbidden in an entry that also allows it, or forbidden in one entry and
    /// preferred in another.
    case forbiddenAndAllowed = "forbidden-and-allowed"
    /// An entry whose term has no letters or digits, so it can never be found.
    case neverMatches = "never-matches"
    /// An entry whose every target is forbidden: there is nothing to translate it with.
    case noAllowedTarget = "no-allowed-target"
  }

  /// One problem found in a glossary.
  public struct Finding: Equatable, Sendable, CustomStringConvertible {
    public var rule: Rule
    /// The entry's index in `Glossary.entries`.
    public var entry: Int
    /// Its line in the file, when known.
    public var line: Int?
    public var message: String

    public var description: String { "\(rule.rawValue): \(message)" }
  }

  /// Every finding in `glossary`, in entry order.
  public static func lint(_ glossary: Glossary) -> [Finding] {
    var findings: [Finding] = []
    let entries = glossary.entries
    func report(_ rule: Rule, _ index: Int, _ message: String) {
      findings.append(Finding(rule: rule, entry: index, line: glossary.lines[index], message: message))
    }
    func place(_ index: Int) -> String {
      glossary.lines[index].map { "line \($0)" } ?? "entry \(entries[index].id)"
    }
    func normalizedSpacing(_ s: String) -> String {
      s.split(whereSeparator: \.isWhitespace).joined(separator: " ")
    }

    var firstBySource: [String: Int] = [:]
    var duplicates: Set<Int> = []
    for (index, entry) in entries.enumerated() {
      let name = "\"\(entry.term)\""
      // Within the entry.
      var seen: Set<String> = []
      for target in entry.targets {
        let key = "\(target.term)\u{0}\(target.status.rawValue)"
        if !seen.insert(key).inserted {
          report(.duplicate, index, "\(name) lists the target \"\(target.term)\" (\(target.status.rawValue)) twice")
        }
      }
      let allowed = entry.targets.filter { $0.status != .forbidden }
      let forbidden = entry.targets.filter { $0.status == .forbidden }
      let distinctAllowed = Set(allowed.map(\.term))
      let preferred = Set(allowed.filter { $0.status == .preferred }.map(\.term))
      if entry.note == nil && (distinctAllowed.count > 1 || preferred.count > 1) {
        report(.conflictingTargets, index,
               "\(name) has \(distinctAllowed.count) allowed targets (\(distinctAllowed.sorted().joined(separator: ", "))) and no note saying when to use which")
      }
      for (i, a) in entry.targets.enumerated() {
        for b in entry.targets[(i + 1)...] where a.term != b.term {
          if normalizedSpacing(a.term).lowercased() == normalizedSpacing(b.term).lowercased() {
            report(.caseOrSpacingVariants, index, "\(name): the targets \"\(a.term)\" and \"\(b.term)\" differ only in case or spacing")
          }
        }
      }
      for term in Set(forbidden.map(\.term)).intersection(distinctAllowed).sorted() {
        report(.forbiddenAndAllowed, index, "\(name): \"\(term)\" is both forbidden and allowed")
      }
      if allowed.isEmpty {
        report(.noAllowedTarget, index, "\(name): every target is forbidden; add the translation to use")
      }
      if !entry.term.unicodeScalars.contains(where: { $0.properties.isAlphabetic || $0.properties.numericType != nil }) {
        report(.neverMatches, index, "\(name) has no letters or digits and can never be found in a text")
        continue
      }
      // Across entries: the same source twice.
      let sourceKey = "\(TermKey.fold(entry.term))\u{0}\(entry.type?.rawValue ?? "")"
      if let first = firstBySource[sourceKey] {
        duplicates.insert(index)
        report(.duplicate, index, "\(name) repeats the source of entry \(entries[first].id) (\(place(first))); merge them as alternative targets")
      } else {
        firstBySource[sourceKey] = index
      }
    }

    // A term forbidden in one entry and preferred in another (admitted elsewhere is fine:
    // "Moldavia" is wrong for the republic, acceptable for the region).
    var preferredIn: [String: Int] = [:]
    for (index, entry) in entries.enumerated() {
      for target in entry.targets where target.status == .preferred && preferredIn[target.term] == nil {
        preferredIn[target.term] = index
      }
    }
    for (index, entry) in entries.enumerated() {
      for target in entry.targets where target.status == .forbidden {
        if let other = preferredIn[target.term], other != index {
          report(.forbiddenAndAllowed, index,
                 "\"\(entry.term)\" forbids \"\(target.term)\", which entry \(entries[other].id) (\(place(other))) prefers")
        }
      }
    }

    // Shadowing: look for each term with the real matcher.
    let matcher = GlossaryMatcher(glossary)
    for (index, entry) in entries.enumerated() where !duplicates.contains(index) {
      let text = entry.term
      let length = text.utf16.count
      guard let match = matcher.matches(in: text).first, match.range.lowerBound == 0 else { continue }
      guard let other = entries.firstIndex(where: { $0.id == match.entryID }), other != index else { continue }
      if match.range.upperBound >= length {
        report(.shadowed, index, "\"\(entry.term)\" is always found as \"\(entries[other].term)\" (entry \(entries[other].id), \(place(other)))")
      }
    }
    return findings.sorted { ($0.entry, $0.rule.rawValue) < ($1.entry, $1.rule.rawValue) }
  }
}
