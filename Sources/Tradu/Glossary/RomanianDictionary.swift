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
  public init(dicText text: String) {
    var words: Set<String> = []
    for (i, line) in text.split(whereSeparator: \.isNewline).enumerated() {
      let word = line.split(separator: "/", maxSplits: 1).first.map(String.init) ?? ""
      if i == 0 && !word.isEmpty && word.allSatisfy(\.isNumber) { continue }
      guard let first = word.unicodeScalars.first, first.properties.isLowercase else { continue }
      words.insert(Self.normalized(word))
    }
    self.words = words
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
