/// The figures a CAT tool quotes from: how much there is to translate.
public struct PreparationStatistics: Equatable, Sendable {
  public var paragraphs = 0
  public var segments = 0
  /// Words by ICU's word breaks (runs of letters, digits or ideographs), in all segments.
  public var words = 0
  /// Unicode scalars in all segments (the text between segments not counted).
  public var characters = 0
  /// Segments whose source already occurred earlier in the document.
  public var repeatedSegments = 0
  /// Glossary terms found.
  public var glossaryHits = 0
  /// Segments or paragraphs with a note (normalization flags and the like).
  public var flagged = 0
  /// Paragraphs marked not for translation (boilerplate).
  public var notForTranslation = 0

  public init() {}

  /// Counts `document`.
  ///
  /// Words are counted in the two halves of a long document side by side (see
  /// `concurrently`), each with its own ICU word iterator; the figures are the same.
  public init(_ document: PreparedDocument) throws(TraduError) {
    paragraphs = document.units.count
    for unit in document.units {
      if !unit.isTranslatable { notForTranslation += 1 }
      if !unit.notes.isEmpty { flagged += 1 }
      for segment in unit.segments {
        segments += 1
        characters += Self.scalarCount(segment.source)
        glossaryHits += segment.glossaryMatches.count
        if !segment.notes.isEmpty { flagged += 1 }
      }
    }
    repeatedSegments = Self.repeats(in: document)
    let units = document.units
    let language = document.sourceLanguage
    let count = units.count
    let middle = count >= 64 ? count / 2 : count
    let (first, second) = concurrently(
      { Result { () throws(TraduError) in try Self.countWords(in: units[0..<middle], language: language) } },
      { Result { () throws(TraduError) in try Self.countWords(in: units[middle..<count], language: language) } })
    words = try first.get() + second.get()
  }

  /// Segments whose source already occurred earlier in the document.
  ///
  /// Sources are equal when they are canonically equivalent (as `String`s compare); text
  /// normalized to NFC has one spelling per character, so there equal means equal bytes,
  /// which is much faster to hash than Unicode-aware string hashing.
  private static func repeats(in document: PreparedDocument) -> Int {
    var repeated = 0
    if document.isNormalized && document.normalization?.rules.contains(.nfc) == true {
      var seen: Set<UTF8Key> = []
      for unit in document.units {
        for segment in unit.segments where !seen.insert(UTF8Key(segment.source)).inserted { repeated += 1 }
      }
    } else {
      var seen: Set<String> = []
      for unit in document.units {
        for segment in unit.segments where !seen.insert(segment.source).inserted { repeated += 1 }
      }
    }
    return repeated
  }

  /// The Unicode scalars of `text`: its UTF-8 bytes that are not continuation bytes.
  private static func scalarCount(_ text: String) -> Int {
    var text = text
    return text.withUTF8 { bytes in
      var count = 0
      for byte in bytes where byte & 0xC0 != 0x80 { count += 1 }
      return count
    }
  }

  /// The words of the segments of `units`, by ICU's word breaks.
  private static func countWords(in units: ArraySlice<PreparedUnit>, language: String) throws(TraduError) -> Int {
    guard !units.isEmpty else { return 0 }
    let iterator: ICU.BreakIterator
    do {
      iterator = try ICU.BreakIterator(.word, locale: language)
    } catch {
      throw .icu(error)
    }
    var count = 0
    for unit in units {
      for segment in unit.segments { count += try countWords(segment.source, iterator) }
    }
    return count
  }

  private static func countWords(_ text: String, _ iterator: ICU.BreakIterator) throws(TraduError) -> Int {
    let units = [UInt16](utf16Of: text)
    var count = 0
    do {
      try units.withUnsafeBufferPointer { (buffer) throws(ICUError) in
        try iterator.setText(buffer)
        while iterator.next() != nil {
          if iterator.ruleStatus >= 100 { count += 1 }
        }
      }
    } catch {
      throw .icu(error)
    }
    return count
  }

  /// One line for people: `12 paragraphs, 30 segments, 512 words, …`.
  public var summary: String {
    "\(paragraphs) paragraphs, \(segments) segments, \(words) words, \(characters) characters, "
      + "\(repeatedSegments) repeated segments, \(glossaryHits) glossary hits, \(flagged) flagged, "
      + "\(notForTranslation) not for translation"
  }

  /// The same as one JSON object, keys in a fixed order.
  public var json: String {
    "{\"paragraphs\": \(paragraphs), \"segments\": \(segments), \"words\": \(words), "
      + "\"characters\": \(characters), \"repeatedSegments\": \(repeatedSegments), "
      + "\"glossaryHits\": \(glossaryHits), \"flagged\": \(flagged), "
      + "\"notForTranslation\": \(notForTranslation)}"
  }
}

/// A string hashed and compared by its UTF-8 bytes.
private struct UTF8Key: Hashable {
  let text: String

  init(_ text: String) { self.text = text }

  func hash(into hasher: inout Hasher) {
    var text = text
    text.withUTF8 { hasher.combine(bytes: UnsafeRawBufferPointer($0)) }
  }

  static func == (a: Self, b: Self) -> Bool {
    guard a.text.utf8.count == b.text.utf8.count else { return false }
    var x = a.text
    var y = b.text
    return x.withUTF8 { p in y.withUTF8 { q in p.elementsEqual(q) } }
  }
}
