/// The inflection rules again, on UTF-16 units instead of `String`s, for compiling large
/// glossaries: a 100,000-entry glossary has some 250,000 words to inflect, and the `String`
/// version spends most of its time on grapheme breaking, case mapping and allocation.
///
/// Only words whose every unit is below U+0250 (Latin, without combining marks) and lower-cases
/// to one unit take this path; the compiler gives any other entry to the `String` version.
/// Both must give the same forms: `InflectionUnitsTests` compares them word by word.
extension RomanianInflection {
  /// Forms written one after the other into shared storage, to spare an array per form.
  struct UnitForms {
    private(set) var units: [UInt16] = []
    private(set) var ends: [Int] = []
    private(set) var slots: [Slots] = []

    var count: Int { ends.count }

    /// The units of form `i`.
    func form(_ i: Int) -> ArraySlice<UInt16> {
      units[(i == 0 ? 0 : ends[i - 1])..<ends[i]]
    }

    mutating func removeAll() {
      units.removeAll(keepingCapacity: true)
      ends.removeAll(keepingCapacity: true)
      slots.removeAll(keepingCapacity: true)
    }

    /// Adds `stem` followed by `suffix`.
    mutating func add(_ stem: ArraySlice<UInt16>, _ suffix: [UInt16] = [], _ formSlots: Slots) {
      units.append(contentsOf: stem)
      units.append(contentsOf: suffix)
      ends.append(units.count)
      slots.append(formSlots)
    }

    mutating func requireCapital(_ i: Int) {
      slots[i].insert(.capitalOnly)
    }

    mutating func removeCapitalOnly(from start: Int) {
      for i in start..<slots.count { slots[i].remove(.capitalOnly) }
    }
  }

  /// What one unit below U+0250 is, as the rules need it.
  private struct UnitInfo {
    /// Its lower case, with comma-below ș ț for cedilla ş ţ; 0 when lower-casing does not give
    /// exactly one unit below U+0250 (İ, Ⱥ).
    var lower: UInt16
    /// `Character.isUppercase`.
    var isUppercase: Bool
    var isAlphabetic: Bool
    /// Has a Unicode numeric type (digits, superscripts, fractions).
    var isNumeric: Bool
  }

  private static let unitInfo: [UnitInfo] = (0..<0x250).map { value in
    guard let scalar = Unicode.Scalar(UInt32(value)) else {
      return UnitInfo(lower: 0, isUppercase: false, isAlphabetic: false, isNumeric: false)
    }
    let lowered = lowered(String(Character(scalar))).utf16
    return UnitInfo(
      lower: lowered.count == 1 && lowered.first! < 0x250 ? lowered.first! : 0, isUppercase: Character(scalar).isUppercase,
      isAlphabetic: scalar.properties.isAlphabetic, isNumeric: scalar.properties.numericType != nil)
  }

  /// The word lower-cased as ``lowered(_:)`` does, as units; nil when the word is not for the
  /// unit path.
  static func loweredUnits(_ word: String) -> [UInt16]? {
    var result: [UInt16] = []
    result.reserveCapacity(word.utf8.count)  // never fewer UTF-8 bytes than UTF-16 units; counted at once
    let info = unitInfo  // taken once: a static is checked for initialization on every read
    for unit in word.utf16 {
      guard unit < 0x250 else { return nil }
      let lower = info[Int(unit)].lower
      guard lower != 0 else { return nil }
      result.append(lower)
    }
    return result
  }

  /// ``roles(of:type:)`` for words given with their lowered units.
  static func roles(of words: [String], lowered: [[UInt16]], type: EntityType?) -> [Role] {
    guard let first = words.first else { return [] }
    var roles: [Role] = [.head]
    let head = lowered[0]
    let feminineHead = head.ends(with: U.a) && !head.ends(with: U.le) || head.ends(with: U.ă)
    var agreeing = feminineHead && type != .person && !isAcronym(first)
    for w in lowered.dropFirst() {
      if agreeing && !functionWordUnits.contains(w) && isAdjectiveShaped(w) {
        roles.append(.agreeing)
      } else {
        agreeing = false
        roles.append(.invariant)
      }
    }
    return roles
  }

  private static let functionWordUnits: Set<[UInt16]> = Set(functionWords.map { Array($0.utf16) })

  private static func isAdjectiveShaped(_ w: [UInt16]) -> Bool {
    w.count >= 3 && (w.ends(with: U.ă) || (w.ends(with: U.e) && !w.ends(with: U.le)))
  }

  /// ``forms(of:role:type:)`` for a word given with its lowered units `w`, added to `out`.
  static func addForms(of word: String, lowered w: [UInt16], role: Role, type: EntityType?, to out: inout UnitForms) {
    let start = out.count
    func add(_ form: ArraySlice<UInt16>, _ suffix: [UInt16], _ slots: Slots) {
      if form.count + suffix.count >= 2 { out.add(form, suffix, slots) }
    }
    let all = w[...]
    switch role {
    case .invariant:
      add(all, [], .any)
    case .agreeing:
      add(all, [], .direct)
      addAgreeingObliqueForms(w, add)
    case .head:
      if type == .person {
        add(all, [], .any)
        // Gabriela → Gabrielei, Monica → Monicăi
        if w.ends(with: U.a) && w.count >= 3 {
          let stem = w.dropLast()
          add(stem, U.ei, .oblique)
          if stem.ends(with: U.c) || stem.ends(with: U.g) { add(stem, U.ăi, .oblique) }
        }
      } else if isAcronym(word) || w.contains(where: { unitInfo[Int($0)].isNumeric }) {
        add(all, [], .any)
      } else {
        let first = out.count
        addHeadForms(w, to: &out)
        if headAsWrittenNeedsCapital(word, type: type) { out.requireCapital(first) }
      }
    }
    // Only a capitalized name can require a capital.
    if !(word.utf16.first.map { unitInfo[Int($0)].isUppercase } ?? false) { out.removeCapitalOnly(from: start) }
  }

  private static func addAgreeingObliqueForms(_ w: [UInt16], _ add: (ArraySlice<UInt16>, [UInt16], Slots) -> Void) {
    if w.ends(with: U.ească) {
      add(w.dropLast(5), U.ești, .oblique)
    } else if w.ends(with: U.că) || w.ends(with: U.gă) {
      let stem = w.dropLast()
      add(stem, U.i, .oblique)
      add(stem, U.e, .oblique)
    } else if w.ends(with: U.ă) {
      let stem = w.dropLast()
      add(stem, U.e, .oblique)
      if let plain = replaceLastVowelGroup(stem, U.ea, with: U.e) { add(plain[...], U.e, .oblique) }
    } else if w.ends(with: U.e) {
      add(w.dropLast(), U.i, .oblique)
    }
  }

  /// ``headForms(_:)`` on units (its forms are not filtered by length).
  private static func addHeadForms(_ w: [UInt16], to out: inout UnitForms) {
    let all = w[...]
    func direct(_ f: ArraySlice<UInt16>, _ s: [UInt16] = []) { out.add(f, s, .direct) }
    func bare(_ f: ArraySlice<UInt16>) { out.add(f, [], [.direct, .capitalOnly]) }
    func oblique(_ f: ArraySlice<UInt16>, _ s: [UInt16]) { out.add(f, s, .oblique) }
    let count = w.count
    if w.ends(with: U.ului) || w.ends(with: U.ilor) || w.ends(with: U.elor) || w.ends(with: U.ei) {
      out.add(all, [], .any)
      return
    }
    out.add(all, [], .direct)
    if w.ends(with: U.iul) && count > 4 {
      let stem = w.dropLast()
      bare(stem); oblique(stem, U.lui)
    } else if w.ends(with: U.ul) && count > 3 {
      let stem = w.dropLast(2)
      if stem.count >= 4 { bare(stem) }
      oblique(stem, U.ului)
      direct(all, U.ul); oblique(all, U.ului)
    } else if w.ends(with: U.le) && count > 4 {
      let stem = w.dropLast(2)
      bare(stem); oblique(stem, U.lor); oblique(w.dropLast(), U.ui)
    } else if w.ends(with: U.ii) && count > 4 {
      oblique(w.dropLast(), U.lor)
    } else if w.ends(with: U.ea) {
      let stem = w.dropLast(2)
      oblique(stem, U.ii); oblique(stem, U.ei); oblique(stem, U.elei)
      oblique(w.dropLast(), U.i)
    } else if w.ends(with: U.ua) {
      oblique(w.dropLast(2), U.ii); oblique(w.dropLast(), U.ei)
    } else if w.ends(with: U.ia) {
      let stem = w.dropLast()
      oblique(stem, U.ei); direct(stem, U.e)
    } else if w.ends(with: U.a) {
      let stem = w.dropLast()
      oblique(stem, U.ei); oblique(stem, U.ii)
      if let plain = replaceLastVowelGroup(stem, U.ea, with: U.e) { oblique(plain[...], U.ei) }
      if let open = replaceLastVowelGroup(stem, U.ia, with: U.ie) { oblique(open[...], U.ei) }
    } else if w.ends(with: U.ă) {
      let stem = w.dropLast()
      direct(stem, U.a); oblique(stem, U.ei); oblique(stem, U.e)
    } else if w.ends(with: U.ie) {
      let stem = w.dropLast()
      direct(stem, U.a); oblique(stem, U.ei); oblique(stem, U.i)
    } else if w.ends(with: U.e) {
      direct(all, U.a); oblique(all, U.i)
    } else if w.ends(with: U.u) {
      direct(all, U.l); oblique(all, U.lui)
    } else if w.ends(with: U.i) {
      direct(all, U.ul); oblique(all, U.ului)
      if count > 3 {
        let stem = w.dropLast()
        direct(stem, U.ul); oblique(stem, U.ului)
        oblique(all, U.lor)
      }
    } else if let last = w.last, unitInfo[Int(last)].isAlphabetic {
      direct(all, U.ul); oblique(all, U.ului)
    }
  }

  /// ``replaceLastVowelGroup(_:_:with:)`` on units.
  private static func replaceLastVowelGroup(_ stem: ArraySlice<UInt16>, _ group: [UInt16], with replacement: [UInt16]) -> [UInt16]? {
    let s = Array(stem)
    var end = s.count
    while end > 0 && !isVowelUnit(s[end - 1]) { end -= 1 }
    guard end >= 2, end < s.count, s[end - 2] == group[0], s[end - 1] == group[1] else { return nil }
    guard end - 2 > 0, !isVowelUnit(s[end - 3]) else { return nil }
    return Array(s[..<(end - 2)]) + replacement + Array(s[end...])
  }

  private static func isVowelUnit(_ u: UInt16) -> Bool {
    switch u {
    case 0x61, 0x65, 0x69, 0x6F, 0x75, 0x79, 0x103, 0xE2, 0xEE: return true  // a e i o u y ă â î
    default: return false
    }
  }

  /// Endings as units.
  private enum U {
    static let a = Array("a".utf16), e = Array("e".utf16), i = Array("i".utf16), u = Array("u".utf16)
    static let l = Array("l".utf16), c = Array("c".utf16), g = Array("g".utf16), ă = Array("ă".utf16)
    static let le = Array("le".utf16), ei = Array("ei".utf16), ii = Array("ii".utf16), ia = Array("ia".utf16)
    static let ie = Array("ie".utf16), ea = Array("ea".utf16), ua = Array("ua".utf16), ul = Array("ul".utf16)
    static let ui = Array("ui".utf16), ăi = Array("ăi".utf16), că = Array("că".utf16), gă = Array("gă".utf16)
    static let iul = Array("iul".utf16), lui = Array("lui".utf16), lor = Array("lor".utf16)
    static let ului = Array("ului".utf16), ilor = Array("ilor".utf16), elor = Array("elor".utf16)
    static let elei = Array("elei".utf16), ești = Array("ești".utf16), ească = Array("ească".utf16)
  }
}

extension RandomAccessCollection where Element == UInt16, Index == Int {
  /// Whether the units end with `suffix`.
  func ends(with suffix: [UInt16]) -> Bool {
    guard count >= suffix.count else { return false }
    var i = endIndex - suffix.count
    for unit in suffix {
      if self[i] != unit { return false }
      i += 1
    }
    return true
  }
}
