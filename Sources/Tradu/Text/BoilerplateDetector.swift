/// Finds site boilerplate — "like our Facebook page", "follow us on Instagram", copyright and
/// republication notices — so that such paragraphs are kept but not translated.
///
/// The patterns are data: a small list of ICU regular expressions, matched case-insensitively
/// against each paragraph's text. They accept cedilla and comma-below letters and text without
/// diacritics, so they work before or after normalization. Add a site's own notices with
/// ``init(patterns:)`` (e.g. `BoilerplateDetector(patterns: BoilerplateDetector.romanianNews + mine)`).
///
///     let segmented = try BoilerplateDetector().marking(try Segmenter().segment(text))
///     segmented.paragraphs.filter { !$0.isTranslatable }   // the site's notices
public struct BoilerplateDetector: Sendable {
  /// One kind of boilerplate.
  public struct Pattern: Equatable, Sendable {
    /// A short name, shown in reports (e.g. `facebook-like`).
    public var name: String
    /// The ICU regular expression (case-insensitive) searched for in the paragraph.
    public var regex: String

    public init(name: String, regex: String) {
      self.name = name
      self.regex = regex
    }
  }

  /// A paragraph found to be boilerplate, and the pattern that matched.
  public struct Match: Equatable, Sendable {
    /// The 1-based paragraph number.
    public var paragraph: Int
    /// The name of the pattern that matched.
    public var pattern: String
  }

  /// Romanian news sites' promotional and legal notices.
  ///
  /// `[sșş]` and `[tțţ]` accept all spellings; `\W{1,3}` any short run of spaces and punctuation.
  public static let romanianNews: [Pattern] = [
    // "Daţi LIKE paginii noastre de Facebook!"
    Pattern(name: "facebook-like", regex: #"\b(da[tțţ]i|d[aă]\b)\W{1,3}like\b.{0,80}\bfacebook\b"#),
    // "Urmărește Mediafax pe Instagram", "Urmăriți-ne pe Google News"
    Pattern(
      name: "follow-us",
      regex: #"\burm[aă]r(?:i[tțţ]i|e[sșş]te)\b.{0,80}\bpe\W{1,3}(instagram|facebook|twitter|tiktok|youtube|telegram|whatsapp|google\W{1,3}news)\b"#),
    // "… pe paginile noastre de social media", "pagina noastră de Facebook"
    Pattern(
      name: "our-social-pages",
      regex: #"\bpagin(a|ile)\W{1,3}noastr[aăe]\W{1,3}de\W{1,3}(social\W{1,3}media|facebook|instagram|tiktok|youtube)\b"#),
    // "Este interzisă republicarea conținutului …", "Reproducerea … fără acordul …"
    Pattern(
      name: "republication",
      regex: #"\b(interzis[aă]?\W{1,3}(republicarea|reproducerea|preluarea)|(republicarea|reproducerea|preluarea)\b.{0,120}\b(interzis[aă]?|f[aă]r[aă]\W{1,3}acordul|[iî]n\W{1,3}lipsa\W{1,3}unui\W{1,3}acord))"#),
    // "© 2024 Mediafax", "Toate drepturile rezervate"
    Pattern(name: "copyright", regex: #"(^\s*(©|\(c\)\s|copyright\b)|\btoate\W{1,3}drepturile\W{1,3}rezervate\b)"#),
  ]

  /// Paragraphs longer than this (UTF-16 units) are article text, whatever they mention.
  public static let maximumLength = 600

  /// The patterns searched for.
  public var patterns: [Pattern]

  /// A detector for `patterns` (by default ``romanianNews``).
  ///
  /// - Throws: when a pattern is not a valid ICU regular expression.
  public init(patterns: [Pattern] = BoilerplateDetector.romanianNews) throws(TraduError) {
    for pattern in patterns {
      do {
        _ = try ICU.Regex(pattern.regex, options: [.caseInsensitive])
      } catch {
        throw .malformedInput(path: "boilerplate pattern \(pattern.name)", line: nil, reason: error.description)
      }
    }
    self.patterns = patterns
  }

  /// The paragraphs of `segmented` that are boilerplate, with the pattern that matched each.
  public func matches(in segmented: SegmentedText) throws(TraduError) -> [Match] {
    let compiled: [(String, ICU.Regex)]
    do {
      compiled = try patterns.map { (p) throws(ICUError) in (p.name, try ICU.Regex(p.regex, options: [.caseInsensitive])) }
    } catch {
      throw .icu(error)
    }
    let units = Array(segmented.text.utf16)
    var result: [Match] = []
    for paragraph in segmented.paragraphs where paragraph.range.count <= Self.maximumLength {
      let text = Array(units[paragraph.range])
      for (name, regex) in compiled {
        do {
          try regex.setText(text)
          if try !regex.allMatches().isEmpty {
            result.append(Match(paragraph: paragraph.number, pattern: name))
            break
          }
        } catch {
          throw .icu(error)
        }
      }
    }
    return result
  }

  /// `segmented` with its boilerplate paragraphs marked not translatable
  /// (``Paragraph/isTranslatable`` false); nothing is removed.
  public func marking(_ segmented: SegmentedText) throws(TraduError) -> SegmentedText {
    var result = segmented
    for match in try matches(in: segmented) {
      result.paragraphs[match.paragraph - 1].isTranslatable = false
    }
    return result
  }
}
