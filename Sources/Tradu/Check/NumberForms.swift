/// A number written in a text, with the values it can stand for.
struct WrittenNumber: Equatable, Sendable {
  /// The number as written ("1.234,56").
  var surface: String
  /// Where it stands, in UTF-16 offsets.
  var range: Range<Int>
  /// Canonical keys of its possible readings; two numbers match when they share one.
  var keys: Set<String>
}

/// Reads numbers the way Romanian and English write them, so that "1.234,56" in a Romanian
/// source matches "1,234.56" in its English translation, "ora 19.55" matches "7:55 p.m."
/// only through its parts (19 and 55), "ora 14:00" matches "2 p.m.", "anii '90" matches "the
/// 1990s", and a Romanian date "24.02.2022" asks only for the day and the year (the month is
/// usually written as a word).
enum NumberForms {
  enum Convention { case romanian, english }

  /// The numbers of `text`. English number words up to twenty, tens and ordinals count too
  /// ("three" = 3, "fourth" = 4). `words`: the text's words, when the caller has them.
  static func numbers(in text: String, convention: Convention, words: WordTokens? = nil) -> [WrittenNumber] {
    var result: [WrittenNumber] = []
    if hasDigit(text) { result = digitNumbers(in: text, convention: convention) }
    if convention == .english {
      let words = words ?? WordTokens(text)
      for k in words.tokens.indices {
        if let value = englishWords[words.tokens[k].key] {
          result.append(WrittenNumber(surface: words.surface(k), range: words.tokens[k].range, keys: ["v:\(value)"]))
        }
      }
    }
    return result
  }

  /// Whether `text` has an ASCII digit, read from its contiguous UTF-8 bytes.
  static func hasDigit(_ text: String) -> Bool {
    var text = text
    return text.withUTF8 { bytes in bytes.contains { $0 &- 0x30 < 10 } }
  }

  /// The numbers `text` writes in digits: runs of ASCII digits joined by single `.`, `,` or
  /// `:` between digits. All of it is ASCII, so the text is read as UTF-8 bytes, counting
  /// UTF-16 offsets on the way.
  private static func digitNumbers(in text: String, convention: Convention) -> [WrittenNumber] {
    var result: [WrittenNumber] = []
    let bytes = Array(text.utf8)
    func isDigit(_ k: Int) -> Bool { k < bytes.count && bytes[k] >= 0x30 && bytes[k] <= 0x39 }
    var offset = 0  // UTF-16 offset of bytes[i]
    var i = 0
    while i < bytes.count {
      guard isDigit(i) else {
        // A scalar of four UTF-8 bytes takes two UTF-16 units; continuation bytes none.
        let b = bytes[i]
        offset += b >= 0xF0 ? 2 : (b & 0xC0 == 0x80 ? 0 : 1)
        i += 1
        continue
      }
      var j = i
      var parts: [String] = []
      var separators: [Character] = []
      var partStart = i
      while j < bytes.count {
        if isDigit(j) {
          j += 1
        } else if (bytes[j] == 0x2E || bytes[j] == 0x2C || bytes[j] == 0x3A) && isDigit(j + 1) {
          parts.append(String(decoding: bytes[partStart..<j], as: UTF8.self))
          separators.append(Character(Unicode.Scalar(bytes[j])))
          j += 1
          partStart = j
        } else {
          break
        }
      }
      parts.append(String(decoding: bytes[partStart..<j], as: UTF8.self))
      let surface = String(decoding: bytes[i..<j], as: UTF8.self)
      let range = offset..<(offset + j - i)
      for var keys in readings(parts: parts, separators: separators, convention: convention) {
        // An English decade ("the 1990s") also gives the two digits a Romanian source may
        // write for it ("anii '90").
        if convention == .english, parts.count == 1, j - i == 4, bytes[j - 1] == 0x30,
           j < bytes.count, bytes[j] == 0x73, !(j + 1 < bytes.count && isLetter(bytes[j + 1])) {
          keys.insert("v:" + stripZeros(String(decoding: bytes[(j - 2)..<j], as: UTF8.self)))
        }
        result.append(WrittenNumber(surface: surface, range: range, keys: keys))
      }
      offset += j - i
      i = j
    }
    return result
  }

  /// The key sets a written number needs: usually one; a date gives two (day and year).
  private static func readings(parts: [String], separators: [Character], convention: Convention) -> [Set<String>] {
    let ints = parts.map(stripZeros)
    let whole = "c:" + ints.joined(separator: "|")
    if parts.count == 1 { return [["v:\(ints[0])", whole]] }
    // d.m.yyyy or dd.mm.yyyy: a date; the month is often a word in the translation.
    if parts.count == 3, separators.allSatisfy({ $0 == "." || $0 == "/" }), parts[2].count == 4,
       let day = Int(parts[0]), let month = Int(parts[1]), (1...31).contains(day), (1...12).contains(month) {
      return [["v:\(ints[0])"], ["v:\(ints[2])"]]
    }
    var keys: Set<String> = [whole]
    let (decimalMark, groupMark): (Character, Character) = convention == .romanian ? (",", ".") : (".", ",")
    let groupsOK = parts.dropFirst().allSatisfy { $0.count == 3 } && parts[0].count <= 3
    if separators.allSatisfy({ $0 == groupMark }) && groupsOK {
      keys.insert("v:" + stripZeros(parts.joined()))
    }
    if let last = separators.lastIndex(of: decimalMark), separators.filter({ $0 == decimalMark }).count == 1,
       separators[..<last].allSatisfy({ $0 == groupMark }) {
      let integer = stripZeros(parts[...last].joined())
      let fraction = parts[last + 1]
      keys.insert("v:" + decimalKey(integer, fraction))
    }
    // A Romanian source may already use the English convention (quoted figures, times).
    if convention == .romanian, separators.count == 1 {
      keys.insert("v:" + decimalKey(ints[0], parts[1]))
      // A 24-hour time ("ora 19.55") may be written "7:55 p.m.", and one on the hour ("ora
      // 14:00", "9.00") by its hour alone: "2 p.m.", "9 a.m.".
      if let hour = Int(parts[0]), let minute = Int(parts[1]), parts[1].count == 2, minute < 60,
         separators[0] != ",", hour <= 23 {
        if hour >= 13 { keys.insert("c:\(hour - 12)|\(ints[1])") }
        if minute == 0 {
          keys.insert("v:\(hour)")
          if hour >= 13 { keys.insert("v:\(hour - 12)") }
        }
      }
    }
    return [keys]
  }

  private static func decimalKey(_ integer: String, _ fraction: String) -> String {
    var f = Substring(fraction)
    while f.last == "0" { f = f.dropLast() }
    return f.isEmpty ? integer : "\(integer).\(f)"
  }

  private static func stripZeros(_ s: String) -> String {
    let t = s.drop { $0 == "0" }
    return t.isEmpty ? "0" : String(t)
  }

  private static func isDigit(_ s: Unicode.Scalar) -> Bool { s.value >= 0x30 && s.value <= 0x39 }

  /// Whether an ASCII byte is a letter (bytes of other scalars are ≥ 0x80, taken as letters).
  private static func isLetter(_ b: UInt8) -> Bool { (b | 0x20) >= 0x61 && (b | 0x20) <= 0x7A || b >= 0x80 }

  /// English number words a translator may write for a digit of the source.
  static let englishWords: [String: Int] = {
    let cardinals = ["zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine",
                     "ten", "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen",
                     "seventeen", "eighteen", "nineteen", "twenty"]
    let ordinals = ["", "first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth",
                    "ninth", "tenth", "eleventh", "twelfth", "thirteenth", "fourteenth", "fifteenth",
                    "sixteenth", "seventeenth", "eighteenth", "nineteenth", "twentieth"]
    var words: [String: Int] = [:]
    for (value, word) in cardinals.enumerated() { words[word] = value }
    for (value, word) in ordinals.enumerated() where !word.isEmpty { words[word] = value }
    let tens = ["thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80,
                "ninety": 90, "hundred": 100, "thousand": 1000, "dozen": 12]
    words.merge(tens) { a, _ in a }
    words["once"] = 1
    words["twice"] = 2
    return words
  }()
}
