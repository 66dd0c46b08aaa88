import Foundation

/// The common words of a Romanian spelling dictionary in Hunspell's format (Debian's
/// `hunspell-ro` installs `/usr/share/hunspell/ro_RO.dic` and `ro_RO.aff`): what a glossary
/// term must not be if a matcher is to find it safely.
///
/// Only lower-case entries are common words ("nord", "mare", "al"); capitalized ones are names
/// the dictionary knows ("ABBA"). With the `.aff` file's affix rules (``HunspellAffixes``), the
/// inflected forms of those words count too: "munții" (the mountains) and "porturile" (the
/// ports) are forms of "munte" and "port". A word is taken apart by the rules in reverse and its
/// candidate stems looked up, so the dictionary is never expanded. A name the dictionary lists
/// with a capital ("România") counts only if its lower case is listed too, not as a form.
///
///     let dictionary = try RomanianDictionary(path: RomanianDictionary.systemPath!)
///     dictionary.isCommonWord("Nord")    // true
///     dictionary.isCommonWord("Munții")  // true: a form of "munte"
///     dictionary.isCommonWord("Putin")   // false ("puțin" has a comma below)
public struct RomanianDictionary: Sendable {
  /// Where Debian's `hunspell-ro` puts the dictionary.
  public static let debianPath = "/usr/share/hunspell/ro_RO.dic"

  /// ``debianPath`` when that file exists, else nil.
  public static var systemPath: String? {
    FileManager.default.isReadableFile(atPath: debianPath) ? debianPath : nil
  }

  /// The flag fields of the lower-case words read (comma-below letters ș ț for cedilla ones),
  /// by word; a word on several lines has its fields joined by spaces.
  let flagFields: [String: String]
  /// The capitalized words read (names the dictionary knows: "România", "Anglia"), as written
  /// with ș ț.
  let names: Set<String>
  /// The `.aff` file's rules; without them only the words as listed are known.
  public let affixes: HunspellAffixes?

  /// The lower-case words read, with comma-below letters (ș ț) for cedilla ones.
  public var words: Set<String> { Set(flagFields.keys) }

  /// The `.aff` file beside the `.dic` file at `path` (`ro_RO.dic` → `ro_RO.aff`), when it exists.
  public static func affixPath(besideDictionary path: String) -> String? {
    let aff = path.hasSuffix(".dic") ? String(path.dropLast(4)) + ".aff" : path + ".aff"
    return FileManager.default.isReadableFile(atPath: aff) ? aff : nil
  }

  /// Reads a `.dic` file (an optional first line with the word count, then one `word/FLAGS`
  /// per line) and, when there is one, the `.aff` file beside it (see ``affixPath(besideDictionary:)``).
  ///
  /// - Throws: ``TraduError/malformedInput(path:line:reason:)`` when a file cannot be read,
  ///   is not UTF-8, or an affix rule is malformed.
  public init(path: String) throws {
    self.init(dicText: try Self.readText(path), affixes: try Self.readAffixes(besideDictionary: path))
  }

  /// Reads the text of a `.dic` file, with the rules of its `.aff` file if given.
  ///
  /// The lines are read as UTF-8 bytes (a dictionary has some 180,000), each word up to its
  /// `/` with ş ţ replaced in place; what that does not cover is read as text, the same way.
  public init(dicText text: String, affixes: HunspellAffixes? = nil) {
    var fields: [String: String] = [:]
    var names: Set<String> = []
    var scratch: [UInt8] = []
    for (lineNumber, line) in Self.lines(of: text).enumerated() {
      guard let entry = Self.entry(ofLine: line, lineNumber: lineNumber, scratch: &scratch) else { continue }
      if entry.isName { names.insert(entry.word) } else { Self.add(entry, to: &fields) }
    }
    self.flagFields = fields
    self.names = names
    self.affixes = affixes
  }

  private static func add(_ entry: (word: String, flags: Substring, isName: Bool), to fields: inout [String: String]) {
    if let old = fields[entry.word] {
      fields[entry.word] = old + " " + entry.flags
    } else {
      fields[entry.word] = String(entry.flags)
    }
  }

  private static func readText(_ path: String) throws -> String {
    guard let data = FileManager.default.contents(atPath: path) else {
      throw TraduError.malformedInput(path: path, line: nil, reason: "cannot read the dictionary file")
    }
    guard let text = String(data: data, encoding: .utf8) else {
      throw TraduError.malformedInput(path: path, line: nil, reason: "the dictionary is not UTF-8 text")
    }
    return text
  }

  private static func readAffixes(besideDictionary path: String) throws -> HunspellAffixes? {
    guard let aff = affixPath(besideDictionary: path) else { return nil }
    return try HunspellAffixes(affText: try readText(aff), path: aff)
  }

  /// Reads only the words of the `.dic` file at `path` (and its `.aff` file, as
  /// ``init(path:)`` does) that `candidates` may be, in any case and spelling, as written or
  /// inflected: ``isCommonWord(_:)`` answers for each candidate as with the whole dictionary.
  ///
  /// `tradu check` asks about a glossary's few hundred terms, not the 180,000 words of the
  /// dictionary, so only lines that may hold a candidate's stem are made into words.
  ///
  /// - Throws: ``TraduError/malformedInput(path:line:reason:)`` when a file cannot be read,
  ///   is not UTF-8, or an affix rule is malformed.
  public init(path: String, only candidates: some Sequence<String>) throws {
    self.init(dicText: try Self.readText(path), affixes: try Self.readAffixes(besideDictionary: path), only: candidates)
  }

  /// The words of the text of a `.dic` file that `candidates` may be; see ``init(path:only:)``.
  ///
  /// Each line's word is hashed from its bytes as they would be written (ş ţ as ș ț, the same
  /// length in UTF-8); only a line whose hash is that of a candidate or of a stem the affix
  /// rules take it back to is read the whole way, as ``init(dicText:affixes:)`` reads it.
  public init(dicText text: String, affixes: HunspellAffixes? = nil, only candidates: some Sequence<String>) {
    var wanted: Set<String> = []
    var wantedNames: Set<String> = []
    for candidate in candidates {
      wantedNames.formUnion(Self.nameSpellings(of: candidate))
      let word = Self.normalized(candidate.lowercased())
      wanted.insert(word)
      guard let affixes else { continue }
      for stem in affixes.possibleStems(of: Array(word.unicodeScalars)) {
        wanted.insert(HunspellAffixes.string(stem))
      }
    }
    var hashes: Set<UInt64> = []
    for word in wanted.union(wantedNames) {
      var hash = WordHash()
      for byte in word.utf8 { hash.add(byte) }
      hashes.insert(hash.value)
    }
    var fields: [String: String] = [:]
    var names: Set<String> = []
    var scratch: [UInt8] = []
    var lineNumber = 0
    var text = text
    text.withUTF8 { bytes in
      Self.forEachLine(bytes) { line in
        defer { lineNumber += 1 }
        if bytes[line.lowerBound] != UInt8(ascii: "/") {
          // The word as init(dicText:) writes it, hashed: up to the slash, ş ţ as ș ț.
          var hash = WordHash()
          var i = line.lowerBound
          while i < line.upperBound && bytes[i] != UInt8(ascii: "/") {
            if bytes[i] == 0xC5 && i + 1 < line.upperBound && (bytes[i + 1] == 0x9F || bytes[i + 1] == 0xA3) {
              hash.add(0xC8)
              hash.add(bytes[i + 1] == 0x9F ? 0x99 : 0x9B)
              i += 2
            } else {
              hash.add(bytes[i])
              i += 1
            }
          }
          guard hashes.contains(hash.value) else { return }
        }
        let lineText = String(decoding: UnsafeBufferPointer(rebasing: bytes[line]), as: UTF8.self)
        guard let entry = Self.entry(ofLine: lineText[...], lineNumber: lineNumber, scratch: &scratch) else { return }
        if entry.isName {
          if wantedNames.contains(entry.word) { names.insert(entry.word) }
        } else if wanted.contains(entry.word) {
          Self.add(entry, to: &fields)
        }
      }
    }
    self.flagFields = fields
    self.names = names
    self.affixes = affixes
  }

  /// FNV-1a over a word's bytes: the cheap first test of ``init(dicText:only:)``.
  private struct WordHash {
    var value: UInt64 = 0xCBF2_9CE4_8422_2325
    mutating func add(_ byte: UInt8) {
      value = (value ^ UInt64(byte)) &* 0x100_0000_01B3
    }
  }

  /// The word a non-empty line of a `.dic` file gives (lower-case, ş ţ written ș ț), or nil:
  /// a capitalized name, or the first line's word count. `lineNumber` counts non-empty lines
  /// from 0; `scratch` is reused between lines.
  static func word(ofLine line: Substring, lineNumber: Int, scratch word: inout [UInt8]) -> String? {
    guard let entry = entry(ofLine: line, lineNumber: lineNumber, scratch: &word), !entry.isName else { return nil }
    return entry.word
  }

  /// The word of a line, as ``word(ofLine:lineNumber:scratch:)`` reads it, and its flag field:
  /// what follows the `/`, up to a space or tab (morphological fields follow); a word that does
  /// not start with a lower-case letter is a name (`isName`), kept as written (ş ţ as ș ț).
  static func entry(ofLine line: Substring, lineNumber: Int, scratch word: inout [UInt8]) -> (word: String, flags: Substring, isName: Bool)? {
    let slash = line.utf8.firstIndex(of: UInt8(ascii: "/")) ?? line.endIndex
    guard slash != line.startIndex else {
      // "/…": the field after the empty one, as `split` reads it.
      if let field = line.split(separator: "/", maxSplits: 1).first, let first = field.unicodeScalars.first,
         first.properties.isLowercase, !(lineNumber == 0 && field.allSatisfy(\.isNumber)) {
        return (Self.normalized(String(field)), "", false)
      }
      return nil
    }
    var flags: Substring = ""
    if slash != line.endIndex {
      let rest = line[line.utf8.index(after: slash)...]
      flags = rest.prefix { $0 != " " && $0 != "\t" }
    }
    let field = line[..<slash]
    if lineNumber == 0 && field.allSatisfy(\.isNumber) { return nil }
    let lead = field.utf8.first!
    let isName = !(lead >= 0x80 ? field.unicodeScalars.first!.properties.isLowercase : (lead >= 0x61 && lead <= 0x7A))
    word.removeAll(keepingCapacity: true)
    var bytes = field.utf8.makeIterator()
    while let byte = bytes.next() {
      guard byte == 0xC5 else { word.append(byte); continue }
      // ş (C5 9F) → ș (C8 99), ţ (C5 A3) → ț (C8 9B); other letters of the C5 row as written.
      let next = bytes.next()!
      switch next {
      case 0x9F: word += [0xC8, 0x99]
      case 0xA3: word += [0xC8, 0x9B]
      default: word += [byte, next]
      }
    }
    return (String(decoding: word, as: UTF8.self), flags, isName)
  }

  /// Calls `body` with the byte range of each non-empty line of UTF-8 `bytes`, split as
  /// ``lines(of:)`` splits.
  static func forEachLine(_ bytes: UnsafeBufferPointer<UInt8>, _ body: (Range<Int>) -> Void) {
    var start = 0
    var i = 0
    while i < bytes.count {
      let byte = bytes[i]
      var width = 0
      if byte >= 0x0A && byte <= 0x0D {
        width = 1
      } else if byte == 0xC2 && i + 1 < bytes.count && bytes[i + 1] == 0x85 {
        width = 2
      } else if byte == 0xE2 && i + 2 < bytes.count && bytes[i + 1] == 0x80 && (bytes[i + 2] == 0xA8 || bytes[i + 2] == 0xA9) {
        width = 3
      }
      guard width > 0 else { i += 1; continue }
      if start != i { body(start..<i) }
      i += width
      start = i
    }
    if start != bytes.count { body(start..<bytes.count) }
  }

  /// The non-empty lines of `text`, split at the scalars `Character.isNewline` accepts
  /// (U+000A–U+000D, U+0085, U+2028, U+2029; a CR LF pair leaves an empty line between).
  static func lines(of text: String) -> [Substring] {
    var lines: [Substring] = []
    let utf8 = text.utf8
    var start = utf8.startIndex
    var i = start
    while i != utf8.endIndex {
      let byte = utf8[i]
      var width = 0
      if byte >= 0x0A && byte <= 0x0D {
        width = 1
      } else if byte == 0xC2 || byte == 0xE2 {
        let scalar = text.unicodeScalars[i]
        if scalar == "\u{0085}" || scalar == "\u{2028}" || scalar == "\u{2029}" { width = byte == 0xC2 ? 2 : 3 }
      }
      guard width > 0 else { utf8.formIndex(after: &i); continue }
      if start != i { lines.append(text[start..<i]) }
      i = utf8.index(i, offsetBy: width)
      start = i
    }
    if start != utf8.endIndex { lines.append(text[start...]) }
    return lines
  }

  /// A dictionary of the given lower-case words, without affix rules.
  public init(words: some Sequence<String>) {
    var fields: [String: String] = [:]
    for word in words { fields[Self.normalized(word)] = "" }
    self.flagFields = fields
    self.names = []
    self.affixes = nil
  }

  /// Whether `term`, in lower case, is a common word of the dictionary ("Nord" is "nord") or,
  /// with affix rules, a form of one ("Munții" is a form of "munte"). Diacritics count:
  /// "Putin" is not "puțin".
  public func isCommonWord(_ term: String) -> Bool {
    commonWordStem(of: term) != nil
  }

  /// The dictionary word that `term` (in lower case) is, or is a form of; nil for none.
  ///
  /// A name the dictionary lists with a capital ("România") is a common word only if its
  /// lower case is listed too ("Nord" beside "nord"), not when it is merely a form the affix
  /// rules give ("românia" from "românie"): the rules of a large dictionary give such forms for
  /// many names it knows, while a name it does not list that is a form of a common word
  /// ("Munții") is what the rules are read for.
  public func commonWordStem(of term: String) -> String? {
    let word = Self.normalized(term.lowercased())
    if let affixes, let fields = flagFields[word] {
      let itself = HunspellAffixes.Candidate(stem: Array(word.unicodeScalars), flags: [])
      if fields.split(separator: " ", omittingEmptySubsequences: false).contains(where: { affixes.confirms(itself, flagField: $0) }) {
        return word
      }
    }
    guard let affixes else { return flagFields[word] != nil ? word : nil }
    if !Self.nameSpellings(of: term).isDisjoint(with: names) { return nil }
    // The stems the dictionary holds, each made a string once; then the rules that give the word.
    let scalars = Array(word.unicodeScalars)
    var held: [[Unicode.Scalar]: (stem: String, fields: String)] = [:]
    for stem in affixes.possibleStems(of: scalars) {
      let text = HunspellAffixes.string(stem)
      if let fields = flagFields[text] { held[stem] = (text, fields) }
    }
    guard !held.isEmpty else { return nil }
    for candidate in affixes.candidates(of: scalars) {
      guard let (stem, fields) = held[candidate.stem] else { continue }
      if fields.split(separator: " ", omittingEmptySubsequences: false).contains(where: { affixes.confirms(candidate, flagField: $0) }) {
        return stem
      }
    }
    return nil
  }

  /// `term` as a name may stand in the dictionary: as written and with only its first letter
  /// capital ("ROMÂNIA" → "România"), ş ţ as ș ț.
  static func nameSpellings(of term: String) -> Set<String> {
    let titled = term.prefix(1).uppercased() + term.dropFirst().lowercased()
    return [normalized(term), normalized(titled)]
  }

  private static func normalized(_ word: String) -> String {
    HunspellAffixes.normalized(word[...])
  }
}
