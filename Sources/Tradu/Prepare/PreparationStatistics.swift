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
  public init(_ document: PreparedDocument) throws(TraduError) {
    let iterator: ICU.BreakIterator
    do {
      iterator = try ICU.BreakIterator(.word, locale: document.sourceLanguage)
    } catch {
      throw .icu(error)
    }
    var seen: Set<String> = []
    paragraphs = document.units.count
    for unit in document.units {
      if !unit.isTranslatable { notForTranslation += 1 }
      if !unit.notes.isEmpty { flagged += 1 }
      for segment in unit.segments {
        segments += 1
        characters += segment.source.unicodeScalars.count
        glossaryHits += segment.glossaryMatches.count
        if !segment.notes.isEmpty { flagged += 1 }
        if !seen.insert(segment.source).inserted { repeatedSegments += 1 }
        words += try Self.countWords(segment.source, iterator)
      }
    }
  }

  private static func countWords(_ text: String, _ iterator: ICU.BreakIterator) throws(TraduError) -> Int {
    let units = Array(text.utf16)
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
