/// Reading and writing Tradu's readable rules format (`Rules/romanian.rules` documents it).
extension SegmentationRules {
  /// Parses rules written in Tradu's rules format.
  ///
  /// - Parameter path: The file name for error messages.
  /// - Throws: `TraduError.malformedInput` naming the line: an unknown setting, section,
  ///   condition or list, a rule without `÷`, or a regular expression ICU rejects.
  public init(parsing text: String, path: String = "<rules>") throws(TraduError) {
    var language = "ro"
    var base = Base.icu
    var lists: [String: [String]] = [:]
    var rules: [SegmentationRule] = []
    enum Section { case settings, list(String), rules }
    var section = Section.settings
    var ruleLines: [(Int, String)] = []
    var lineNumber = 0
    for rawLine in text.split(separator: "\n", omittingEmptySubsequences: false) {
      lineNumber += 1
      let line = rawLine.trimmingWhitespace()
      if line.isEmpty || line.hasPrefix("#") { continue }
      func fail(_ reason: String) -> TraduError {
        .malformedInput(path: path, line: lineNumber, reason: reason)
      }
      if line.hasPrefix("[") {
        guard line.hasSuffix("]") else { throw fail("a section header must end with ']'") }
        let header = line.dropFirst().dropLast().trimmingWhitespace()
        if header == "rules" {
          section = .rules
        } else if header.hasPrefix("list ") {
          let name = String(header.dropFirst(5).trimmingWhitespace())
          guard Self.isListName(name) else {
            throw fail("list names use letters, digits and '-': \"\(name)\"")
          }
          if lists[name] == nil { lists[name] = [] }
          section = .list(name)
        } else {
          throw fail("unknown section [\(header)]; use [rules] or [list NAME]")
        }
        continue
      }
      switch section {
      case .settings:
        guard let colon = line.firstIndex(of: ":") else {
          throw fail("expected a setting (language: CODE or base: icu|none) or a section")
        }
        let key = line[..<colon].trimmingWhitespace()
        let value = String(line[line.index(after: colon)...].trimmingWhitespace())
        switch key {
        case "language":
          guard !value.isEmpty else { throw fail("language must not be empty") }
          language = value
        case "base":
          guard let b = Base(rawValue: value) else { throw fail("base must be icu or none, not \"\(value)\"") }
          base = b
        default:
          throw fail("unknown setting \"\(key)\"; use language or base")
        }
      case .list(let name):
        lists[name, default: []].append(contentsOf: line.split(whereSeparator: \.isWhitespace).map(String.init))
      case .rules:
        ruleLines.append((lineNumber, String(line)))
      }
    }
    // Rules are parsed after all lists, so that a rule may name a list defined further down.
    for (number, line) in ruleLines {
      rules.append(try Self.parseRule(line, lists: lists, path: path, line: number))
    }
    self.init(language: language, base: base, lists: lists, rules: rules)
  }

  /// The rules in Tradu's rules format (no comments; lists in name order).
  public func formatted() -> String {
    var out = "language: \(language)\nbase: \(base.rawValue)\n\n[rules]\n"
    for rule in rules { out += rule.formatted() + "\n" }
    for name in lists.keys.sorted() {
      out += "\n[list \(name)]\n"
      var line = ""
      for item in lists[name]! {
        if !line.isEmpty && line.count + item.count > 90 {
          out += line + "\n"
          line = ""
        }
        line += line.isEmpty ? item : " " + item
      }
      if !line.isEmpty { out += line + "\n" }
    }
    return out
  }

  static func isListName(_ name: some StringProtocol) -> Bool {
    !name.isEmpty && name.allSatisfy { $0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" }
  }

  static func parseRule(_ line: String, lists: [String: [String]], path: String, line number: Int)
    throws(TraduError) -> SegmentationRule
  {
    func fail(_ reason: String) -> TraduError { .malformedInput(path: path, line: number, reason: reason) }
    let kindEnd = line.firstIndex(where: \.isWhitespace) ?? line.endIndex
    let kind = line[..<kindEnd]
    guard kind == "break" || kind == "no-break" else {
      throw fail("a rule starts with break or no-break, not \"\(kind)\"")
    }
    let rest = line[kindEnd...]
    guard let separator = rest.range(of: " ÷ ") else {
      throw fail("a rule needs ' ÷ ' between its before and after conditions")
    }
    let (beforeText, unlessAfter) = try splitQualifier(
      rest[..<separator.lowerBound].trimmingWhitespace(), qualifier: "unless-after", fail)
    let (afterText, except) = try splitQualifier(
      rest[separator.upperBound...].trimmingWhitespace(), qualifier: "except", fail)
    let before: BeforeCondition
    let after: AfterCondition
    var named: [String] = unlessAfter + except
    if let pattern = regexLiteral(beforeText) {
      before = .regex(pattern)
    } else {
      let (name, args) = try call(beforeText, fail)
      named += args
      switch (name, args.isEmpty) {
      case ("any", true): before = .any
      case ("sentence-end", true): before = .sentenceEnd
      case ("question-or-exclamation", true): before = .questionOrExclamation
      case ("ellipsis", true): before = .ellipsis
      case ("label-at-start", true): before = .labelAtStart
      case ("abbreviation", false): before = .abbreviation(args)
      case ("initials", _): before = .initials(args)
      default:
        throw fail("unknown before condition \"\(beforeText)\"")
      }
    }
    if let pattern = regexLiteral(afterText) {
      after = .regex(pattern)
    } else {
      switch afterText {
      case "any": after = .any
      case "lowercase": after = .lowercase
      case "capital": after = .capital
      case "digit": after = .digit
      case "enumeration-label": after = .enumerationLabel
      case "dialogue-dash": after = .dialogueDash
      default: throw fail("unknown after condition \"\(afterText)\"")
      }
    }
    if !unlessAfter.isEmpty {
      switch before {
      case .abbreviation, .initials, .labelAtStart: break
      default: throw fail("unless-after(…) applies only to abbreviation, initials and label-at-start")
      }
    }
    for list in named where lists[list] == nil {
      throw fail("no [list \(list)] in the rules")
    }
    let rule = SegmentationRule(
      breaks: kind == "break", before: before, unlessAfter: unlessAfter, after: after, except: except)
    if rule.usesRegex {
      for pattern in [RuleRegex.before(rule, lists: lists), RuleRegex.after(rule, lists: lists)] {
        do {
          _ = try ICU.Regex(pattern)
        } catch {
          throw fail("ICU rejects the regular expression /\(pattern)/: \(error.name)"
            + (error.offset.map { " at offset \($0)" } ?? ""))
        }
      }
    }
    return rule
  }

  /// `"/…/ unless-after(a, b)"` → (`"/…/"`, ["a", "b"]).
  private static func splitQualifier(
    _ text: Substring, qualifier: String, _ fail: (String) -> TraduError
  ) throws(TraduError) -> (Substring, [String]) {
    let searchStart: String.Index
    if text.hasPrefix("/"), let close = text.lastIndex(of: "/"), close > text.startIndex {
      searchStart = close
    } else {
      searchStart = text.startIndex
    }
    guard let q = text[searchStart...].range(of: " " + qualifier + "(") else { return (text, []) }
    let (_, args) = try call(text[text.index(after: q.lowerBound)...], fail)
    if args.isEmpty { throw fail("\(qualifier)(…) needs at least one list name") }
    return (text[..<q.lowerBound].trimmingWhitespace(), args)
  }

  /// `"name(a, b)"` → ("name", ["a", "b"]); `"name"` → ("name", []).
  private static func call(_ text: Substring, _ fail: (String) -> TraduError) throws(TraduError) -> (String, [String]) {
    guard let open = text.firstIndex(of: "(") else { return (String(text), []) }
    guard text.hasSuffix(")") else { throw fail("missing ')' in \"\(text)\"") }
    let args = text[text.index(after: open)..<text.index(before: text.endIndex)]
      .split(separator: ",").map { String($0.trimmingWhitespace()) }
    if args.contains(where: { !isListName($0) }) { throw fail("bad list name in \"\(text)\"") }
    return (String(text[..<open].trimmingWhitespace()), args)
  }

  private static func regexLiteral(_ text: Substring) -> String? {
    guard text.count >= 2, text.hasPrefix("/"), text.hasSuffix("/") else { return nil }
    return String(text.dropFirst().dropLast())
  }
}

extension SegmentationRule {
  /// The rule as one line of Tradu's rules format.
  public func formatted() -> String {
    func args(_ names: [String]) -> String { "(" + names.joined(separator: ", ") + ")" }
    var before: String
    switch self.before {
    case .any: before = "any"
    case .sentenceEnd: before = "sentence-end"
    case .questionOrExclamation: before = "question-or-exclamation"
    case .ellipsis: before = "ellipsis"
    case .labelAtStart: before = "label-at-start"
    case .abbreviation(let names): before = "abbreviation" + args(names)
    case .initials(let names): before = names.isEmpty ? "initials" : "initials" + args(names)
    case .regex(let pattern): before = "/\(pattern)/"
    }
    if !unlessAfter.isEmpty { before += " unless-after" + args(unlessAfter) }
    var after: String
    switch self.after {
    case .any: after = "any"
    case .lowercase: after = "lowercase"
    case .capital: after = "capital"
    case .digit: after = "digit"
    case .enumerationLabel: after = "enumeration-label"
    case .dialogueDash: after = "dialogue-dash"
    case .regex(let pattern): after = "/\(pattern)/"
    }
    if !except.isEmpty { after += " except" + args(except) }
    return (breaks ? "break     " : "no-break  ") + before + " ÷ " + after
  }
}

extension StringProtocol {
  /// The text without white space at either end.
  func trimmingWhitespace() -> SubSequence {
    guard let first = firstIndex(where: { !$0.isWhitespace }) else { return self[endIndex...] }
    let last = lastIndex(where: { !$0.isWhitespace })!
    return self[first...last]
  }
}
