import Foundation

/// The common words of a Romanian spelling dictionary in Hunspell's `.dic` format (Debian's
/// `hunspell-ro` installs `/usr/share/hunspell/ro_RO.dic`): what a glossary term must not be
/// if a matcher is to find it safely.
///
/// Only lower-case entries are common words ("nord", "mare", "al"); capitalized ones are names
/// the dictionary knows ("ABBA"). Words are kept as the dictionary writes them (dictionary forms:
/// the affix rules of the `.aff` file are not applied).
///
///     let dictionary = try RomanianDictionary(path: RomanianDictionary.systemPath!)
///     dictionary.isCommonWord("Nord")    // true
///     dictionary.isCommonWord("Putin")   // false ("puțin" has a comma below)
public struct RomanianDictionary: Sendable {
  /// Where Debian's `hunspell-ro` puts the dictionary.
  public static let debianPath = "/usr/share/hunspell/ro_RO.dic"

  /// ``debianPath`` when that file exists, else nil.
  public static var systemPath: String? {
    FileManager.default.isReadableFile(atPath: debianPath) ? debianPath : nil
  }

  /// The lower-case words, with comma-below letters (ș ț) for cedilla ones.
  public let words: Set<String>

  /// Reads a `.dic` file: an optional first line with the word count, then one `word/FLAGS`
  /// per line.
  ///
  /// - Throws: ``TraduError/malformedInput(path:line:reason:)`` when the file cannot be read
  ///   or is not UTF-8.
  public init(path: String) throws {
    guard let data = FileManager.default.contents(atPath: path) else {
      throw TraduError.malformedInput(path: path, line: nil, reason: "cannot read the dictionary file")
    }
    guard let text = String(data: data, encoding: .utf8) else {
      throw TraduError.malformedInput(path: path, line: nil, reason: "the dictionary is not UTF-8 text")
    }
    self.init(dicText: text)
  }

  /// Reads the text of a `.dic` file.
  ///
  /// The lines are read as UTF-8 bytes (a dictionary has some 180,000), each word up to its
  /// `/` with ş ţ replaced in place; what that does not cover is read as text, the same way.
  public init(dicText text: String) {
    var words: Set<String> = []
    var lineNumber = 0
    var word: [UInt8] = []
    for line in Self.lines(of: text) {
      defer { lineNumber += 1 }
      let slash = line.utf8.firstIndex(of: UInt8(ascii: "/")) ?? line.endIndex
      guard slash != line.startIndex else {
        // "/…": the field after the empty one, as `split` reads it.
        if let field = line.split(separator: "/", maxSplits: 1).first, let first = field.unicodeScalars.first,
           first.properties.isLowercase, !(lineNumber == 0 && field.allSatisfy(\.isNumber)) {
          words.insert(Self.normalized(String(field)))
        }
        continue
      }
      let field = line[..<slash]
      if lineNumber == 0 && field.allSatisfy(\.isNumber) { continue }
      let lead = field.utf8.first!
      guard lead >= 0x80 ? field.unicodeScalars.first!.properties.isLowercase : (lead >= 0x61 && lead <= 0x7A) else { continue }
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
      words.insert(String(decoding: word, as: UTF8.self))
    }
    self.words = words
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

  /// A dictionary of the given lower-case words.
  public init(words: some Sequence<String>) {
    self.words = Set(words.map(Self.normalized))
  }

  /// Whether `term`, in lower case, is a common word of the dictionary ("Nord" is "nord").
  /// Diacritics count: "Putin" is not "puțin".
  public func isCommonWord(_ term: String) -> Bool {
    words.contains(Self.normalized(term.lowercased()))
  }

  private static func normalized(_ word: String) -> String {
    String(String.UnicodeScalarView(word.unicodeScalars.map { scalar -> Unicode.Scalar in
      switch scalar.value {
      case 0x015F: return "\u{0219}"  // ş → ș
      case 0x0163: return "\u{021B}"  // ţ → ț
      default: return scalar
      }
    }))
  }
}
