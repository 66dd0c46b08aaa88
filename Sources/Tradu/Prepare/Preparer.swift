import Crypto
import Foundation
import Synchronization

/// Turns an article into a ``PreparedDocument``: read → normalize → segment → match glossary.
///
///     let preparer = Preparer(targetLanguage: "en", glossary: .default)  // normalizes by default
///     let prepared = try preparer.prepare(bytes: bytes, name: "article.ro.txt")
///     let xliff = XLIFFWriter(version: .v2_1).render(prepared)
public struct Preparer: Sendable {
  /// Finds glossary terms in a text; ranges are UTF-16 offsets of that text.
  public typealias GlossaryMatching = @Sendable (String) throws(TraduError) -> [GlossaryMatch]

  /// The language of the articles (`ro`), also the segmenter's ICU locale.
  public var sourceLanguage: String {
    didSet { stages = Stages() }
  }
  /// The language of the translation (`en`).
  public var targetLanguage: String
  /// How to normalize the text before segmenting it; nil segments the text exactly as read.
  public var normalization: NormalizationOptions?
  /// The glossary matcher, or nil to annotate no terms.
  public var glossaryMatching: GlossaryMatching? {
    didSet { glossaryMatcher = nil }
  }
  /// The matcher behind ``glossaryMatching`` when it is a ``GlossaryMatcher``, which can
  /// take the UTF-16 units a piece already has.
  var glossaryMatcher: GlossaryMatcher? = nil
  /// The patterns of boilerplate paragraphs, which are kept but marked not for translation
  /// (see ``BoilerplateDetector``).
  public var boilerplatePatterns: [BoilerplateDetector.Pattern] {
    didSet { stages = Stages() }
  }
  /// The sentence-break rules applied over ICU's breaks; nil takes the built-in rules of
  /// ``sourceLanguage`` (see ``SegmentationRules/builtIn(for:)``).
  public var segmentationRules: SegmentationRules? = nil {
    didSet { stages = Stages() }
  }
  /// The segmenter and boilerplate detector, built on first use and shared by every copy of
  /// this preparer and every article it prepares (a batch builds them once, not per file).
  private var stages = Stages()
  /// The length of the pieces the text is prepared in (UTF-8 bytes), for tests; nil lets
  /// ``pieceLength(forUTF8Count:)`` choose.
  var minimumPieceLength: Int? = nil

  public init(sourceLanguage: String = "ro", targetLanguage: String = "en",
              normalization: NormalizationOptions? = .default,
              glossaryMatching: GlossaryMatching? = nil,
              boilerplatePatterns: [BoilerplateDetector.Pattern] = BoilerplateDetector.romanianNews) {
    self.sourceLanguage = sourceLanguage
    self.targetLanguage = targetLanguage
    self.normalization = normalization
    self.glossaryMatching = glossaryMatching
    self.boilerplatePatterns = boilerplatePatterns
  }

  /// A preparer that annotates the terms of `glossary` (e.g. ``Glossary/default``).
  public init(sourceLanguage: String = "ro", targetLanguage: String = "en",
              normalization: NormalizationOptions? = .default, glossary: Glossary) {
    self.init(sourceLanguage: sourceLanguage, targetLanguage: targetLanguage, normalization: normalization)
    annotateTerms(of: glossary)
  }

  /// Annotates the terms of `glossary` from now on (its matcher compiled here), as a preparer
  /// made with it does. The segmenter and boilerplate detector stay: a batch starts building
  /// them (``buildStagesInBackground()``) on a preparer without a glossary, then compiles the
  /// glossary meanwhile.
  public mutating func annotateTerms(of glossary: Glossary) {
    let matcher = GlossaryMatcher(glossary)
    glossaryMatching = { text throws(TraduError) in try matcher.matches(in: text) }
    glossaryMatcher = matcher
  }

  /// Decodes and prepares the bytes of a file called `name`; `encoding` (an ICU charset
  /// name) overrides the detection; with `strictEncoding`, invalid UTF-8 is an error instead
  /// of U+FFFD (see ``TextReader``). What the reader noted is in the notes of category
  /// ``PreparedNote/readingCategory``.
  ///
  /// The fingerprint is computed beside the pieces' preparation.
  public func prepare(bytes: [UInt8], name: String, encoding: String? = nil,
                      strictEncoding: Bool = false) throws(TraduError) -> PreparedDocument {
    let document = try TextReader.decode(bytes, name: name, language: sourceLanguage, encoding: encoding,
                                         strictEncoding: strictEncoding)
    return try prepare(document, fingerprint: .computed { Self.fingerprint(of: bytes) })
  }

  /// Prepares a decoded document; `fingerprint` identifies the original file (see
  /// ``fingerprint(of:)``).
  ///
  /// The text is cut into pieces of whole paragraphs, just after blank lines, and the pieces
  /// are normalized and then prepared side by side on the machine's cores (see
  /// ``PreparedPiece``). Nothing Tradu finds crosses a blank line, so the result is what
  /// preparing the text in one piece gives; when the normalization needs the whole text
  /// (mojibake is judged on all of it), the whole text is normalized first.
  ///
  /// The document is taken: once its text is cut into pieces it is let go, so that a caller
  /// who hands over the only copy (`prepare(consume document, …)`) does not keep a second
  /// copy of a long text through the preparation.
  public func prepare(_ document: consuming SourceDocument, fingerprint: String) throws(TraduError) -> PreparedDocument {
    try prepare(consume document, fingerprint: .known(fingerprint))
  }

  /// Reads and prepares the text file at `path` when it is plain UTF-8 text (with or without a
  /// UTF-8 byte-order mark) of 1 MB or more: each piece's text is validated straight from the
  /// bytes read into its own string (see ``TextReader/readValidUTF8PiecesInPlace(path:language:bounds:)``),
  /// so the whole text is never made into one string and then cut. The result is what
  /// ``prepare(_:fingerprint:)`` gives for the document ``TextReader`` reads from that file.
  ///
  /// - Returns: nil for any other file (smaller, another byte-order mark, invalid UTF-8, a NUL,
  ///   binary data, not a regular file): read it with ``TextReader`` and prepare the document.
  ///
  /// Each piece is also counted and normalized (pass 1) on the core that read it, while its
  /// text is in that core's cache, instead of in a pass of its own over the whole text.
  public func prepare(textFileAt path: String, fingerprint: String) throws(TraduError) -> PreparedDocument? {
    let normalizer = normalization.map { TextNormalizer(options: $0) }
    let length = minimumPieceLength
    guard let (document, originals) = TextReader.readValidUTF8PiecesInPlace(
      path: path, language: sourceLanguage,
      bounds: { Self.pieceBounds(of: &$0, length: length ?? Self.defaultPieceLength(forUTF8Count: $0.count)) },
      then: { Self.originalPiece($0, normalizer: normalizer) }) else {
      return nil
    }
    do {
      return try preparePieces(document, originals: originals, fingerprint: .known(fingerprint))
    } catch {
      throw error.naming(path)
    }
  }

  /// A plain UTF-8 text file read in the pieces a ``Preparer`` prepares it in, with its
  /// fingerprint (see ``readTextFile(at:language:)``), for `prepare(_:)`.
  public struct TextFilePieces: Sendable {
    /// The file's path.
    public let path: String
    /// What the reader found (encoding, byte-order mark, line endings); its text is empty.
    let document: SourceDocument
    /// The text, cut just after blank lines (``pieceBounds(ofUTF8:length:)``).
    var pieces: [String]
    /// ``Preparer/fingerprint(of:)`` of the file's bytes.
    public internal(set) var fingerprint: String

    /// These pieces with `fingerprint` instead.
    consuming func withFingerprint(_ fingerprint: String) -> TextFilePieces {
      self.fingerprint = fingerprint
      return self
    }
  }

  /// Reads the text file at `path` when it is plain UTF-8 text (with or without a UTF-8
  /// byte-order mark) of 1 MB to 128 MiB, as ``prepare(textFileAt:fingerprint:)`` reads it:
  /// each piece validated straight from the bytes read into its own string, on the cores, and
  /// the bytes hashed for the fingerprint on one of them meanwhile, so the text is copied once
  /// and the bytes are hashed while they are in memory. The result is what decoding the
  /// file's bytes with ``TextReader`` gives, with the fingerprint of those bytes; it does not
  /// depend on a preparer's settings, so a command can read the file while it builds its
  /// preparer (loads the glossary).
  ///
  /// - Returns: nil for any other file (smaller, larger, another byte-order mark, invalid
  ///   UTF-8, a NUL, binary data, standard input, not a regular file): read its bytes with
  ///   ``TextReader`` and prepare them.
  public static func readTextFile(at path: String, language: String = "ro") -> TextFilePieces? {
    let pieceLength = defaultPieceLength(forUTF8Count:)
    let hash: @Sendable (UnsafeBufferPointer<UInt8>) -> String = { bytes in Self.fingerprint(ofBytesIn: bytes) }
    let bounds = { (bytes: UnsafeBufferPointer<UInt8>) -> [Range<Int>] in
      Self.pieceBounds(ofUTF8: bytes, length: pieceLength(bytes.count))
    }
    guard let (document, pieces, fingerprint) = TextReader.readValidUTF8Pieces(
      path: path, language: language, bounds: bounds, whole: hash) else {
      return nil
    }
    return TextFilePieces(path: path, document: document, pieces: pieces, fingerprint: fingerprint ?? "")
  }

  /// Prepares a text file read by ``readTextFile(at:language:)``: the document
  /// ``prepare(_:fingerprint:)`` gives for the text ``TextReader`` decodes from that file and
  /// the file's fingerprint (``MarkupPreparer``'s `prepare(bytes:…)` of its bytes as text).
  public func prepare(_ file: consuming TextFilePieces) throws(TraduError) -> PreparedDocument {
    let path = file.path
    let fingerprint = file.fingerprint
    // The pieces are moved on, so that each can go once it is prepared.
    var pieces: [String] = []
    swap(&pieces, &file.pieces)
    do {
      return try preparePieces(file.document, pieces: consume pieces, fingerprint: .known(fingerprint))
    } catch {
      throw error.naming(path)
    }
  }

  /// A text normalized as ``prepare(_:fingerprint:)`` normalizes it, with its boilerplate
  /// paragraphs: what `tradu normalize` shows.
  public struct NormalizedArticle: Sendable {
    /// The text, every edit and flag, and the way back to the original.
    public var normalization: NormalizedText
    /// The paragraphs of the normalized text that are boilerplate (kept, not for translation),
    /// each with its UTF-16 range in ``normalization``'s text.
    public var boilerplate: [(match: BoilerplateDetector.Match, range: Range<Int>)]
  }

  /// Normalizes `document` with ``normalization`` (nil: the text stays as read) and finds its
  /// boilerplate paragraphs with this preparer's segmenter and detector, the stages
  /// ``prepare(_:fingerprint:)`` runs (unless `findingBoilerplate` is false). The whole text
  /// is normalized at once, so every edit's offsets are those of the original.
  public func normalized(_ document: SourceDocument, findingBoilerplate: Bool = true) throws(TraduError)
    -> NormalizedArticle {
    let normalization = try TextNormalizer(options: normalization ?? NormalizationOptions(rules: [])).normalize(document)
    guard findingBoilerplate else { return NormalizedArticle(normalization: normalization, boilerplate: []) }
    let (segmenter, detector) = try builtStages()
    let units = [UInt16](utf16Of: normalization.text)
    let segmented: SegmentedText
    do {
      segmented = try segmenter.segment(normalization.text, masking: units)
    } catch {
      throw error.naming(document.name)
    }
    let boilerplate = try detector.matches(in: segmented, units: units).map {
      (match: $0, range: segmented.paragraphs[$0.paragraph - 1].range)
    }
    return NormalizedArticle(normalization: normalization, boilerplate: boilerplate)
  }

  /// The fingerprint of the article being prepared: known already, or computed on one core
  /// beside the pieces' preparation.
  private enum Fingerprint {
    case known(String)
    case computed(@Sendable () -> String)
  }

  /// Prepares `document` with its `fingerprint`.
  private func prepare(_ document: consuming SourceDocument, fingerprint: Fingerprint)
    throws(TraduError) -> PreparedDocument {
    let name = document.name
    do {
      return try preparePieces(document, fingerprint: fingerprint)
    } catch {
      throw error.naming(name)  // a runaway segmentation rule: which text it ran on
    }
  }

  /// Prepares `document`, whose text is `pieces` joined when they are given (the document's
  /// own text is then empty); otherwise its text is cut into pieces here.
  private func preparePieces(_ document: consuming SourceDocument, pieces given: consuming [String]? = nil,
                             originals read: consuming [OriginalPiece]? = nil, fingerprint: Fingerprint)
    throws(TraduError) -> PreparedDocument {
    var summary = NormalizationSummary()
    // Passes 1 and 2 in a function of their own: the pieces' original and normalized texts
    // go when it returns, before the units are gathered (a long article's peak of memory).
    var (pieces, fingerprint) = try preparedPieces(&document, given: &given, read: &read, summary: &summary,
                                                   fingerprint: fingerprint)

    // The text between pieces: each piece's trailing white space is joined to the text
    // before the next piece's first segment.
    let leading = Self.joinSpaces(&pieces)

    // Pass 3: each piece's paragraphs numbered in the whole text, and its units gathered
    // into the document's. Each job is handed its piece (the only copy), so the units are
    // renumbered in place; each piece's array goes as soon as it is copied.
    var paragraphStarts: [Int] = []
    var paragraphStart = 0
    for piece in pieces {
      paragraphStarts.append(paragraphStart)
      paragraphStart += piece.paragraphCount
    }
    let unitCount = pieces.reduce(0) { $0 + $1.units.count }
    let handedOver = Mutex(pieces.map { Optional($0) })
    pieces = []
    var renumbered = parallelMap(paragraphStarts.count) { [paragraphStarts] i -> [PreparedUnit] in
      guard var piece = handedOver.withLock({ $0[i].take() }) else { return [] }
      piece.move(paragraphsBy: paragraphStarts[i])
      return piece.units
    }
    let units = renumbered.count == 1 ? renumbered.removeLast() : Self.joined(moving: &renumbered, count: unitCount)
    return assembled(consume units, leadingText: leading, document: document, fingerprint: fingerprint,
                     normalization: normalization == nil ? nil : summary)
  }

  /// Passes 1 and 2 of ``preparePieces(_:pieces:fingerprint:)``: `document`'s text cut into
  /// pieces (or the pieces `given`, already cut), each normalized (its edits added to
  /// `summary`) and prepared, and the fingerprint computed beside them when it is not known.
  /// The whole text is let go (emptied) once the pieces hold it, and the pieces `given` once
  /// pass 1 holds them (`given` is then nil), so that each can go once it is prepared.
  private func preparedPieces(
    _ document: inout SourceDocument, given: inout [String]?, read: inout [OriginalPiece]?,
    summary: inout NormalizationSummary, fingerprint source: Fingerprint
  ) throws(TraduError) -> (pieces: [PreparedPiece], fingerprint: String) {
    // The segmenter and detector are built (on the first article) beside pass 1, not between
    // the passes; pass 2 waits for them under the stages' lock.
    buildStagesInBackground()
    let bounds: [Range<Int>]
    if let read {
      var start = 0
      bounds = read.map { piece in
        defer { start += piece.utf8Count }
        return start..<start + piece.utf8Count
      }
    } else if let given {
      var start = 0
      bounds = given.map { piece in
        defer { start += piece.utf8.count }
        return start..<start + piece.utf8.count
      }
    } else {
      bounds = Self.pieceBounds(of: document.text, length: pieceLength(forUTF8Count: document.text.utf8.count))
    }
    let utf8Count = bounds.last?.upperBound ?? 0
    let normalizer = normalization.map { TextNormalizer(options: $0) }

    // Pass 1: each piece of the original, its lengths, and its normalization where the UTF-8
    // pass can do it on its own (nil where it cannot); done already when the pieces were read.
    var originals: [OriginalPiece] = []
    let wasRead = read != nil
    if wasRead {
      swap(&originals, &read!)
      read = nil
    } else {
      originals = { [text = document.text, given] in
        parallelMap(bounds.count) { i -> OriginalPiece in
          Self.originalPiece(given?[i] ?? Self.slice(text, utf8: bounds[i]), normalizer: normalizer)
        }
      }()
    }

    // Each piece to prepare, where it starts in the prepared text (UTF-16), and how to find
    // its segments in the original text.
    var pieceTexts: [String] = []
    var normalizedStarts: [Int] = []
    var spans: [PieceSpans] = []
    if normalizer == nil || !originals.contains(where: { $0.normalized == nil }) {
      // The usual case: each piece maps back to its own original piece.
      var base = (utf16: 0, codePoints: 0, utf8: 0)
      var normalizedStart = 0
      var bases: [(utf16: Int, codePoints: Int, utf8: Int)] = []
      for piece in originals {
        pieceTexts.append(piece.normalized?.text ?? piece.text)
        normalizedStarts.append(normalizedStart)
        bases.append(base)
        normalizedStart += piece.utf16Count
        if let normalized = piece.normalized {
          summary.add(normalized, normalizedStart: normalizedStarts.last!, originalStart: base.utf16)
          normalizedStart += normalized.offsetMap.lengthChange
        }
        base = (base.utf16 + piece.utf16Count, base.codePoints + piece.codePointCount, base.utf8 + piece.utf8Count)
      }
      // The pieces hold the text now (copies, when there are several): the whole is let go.
      document.text = ""
      spans = zip(originals, bases).map { .piece($0, base: $1) }
    } else {
      // A piece the UTF-8 pass gave up on makes it give up on the whole text too (mojibake
      // is judged on all of it): the whole text maps back through one offset map.
      let text = given?.joined() ?? (wasRead ? originals.map(\.text).joined() : document.text)
      let (result, converter) = concurrently(
        { Result { () throws(TraduError) in try normalizer!.normalizeUTF16(text) } },
        { OffsetConverter(text) })
      let whole = try result.get()
      summary.add(whole, normalizedStart: 0, originalStart: 0)
      var start = 0
      for piece in Self.pieceBounds(of: whole.text, length: pieceLength(forUTF8Count: whole.text.utf8.count)) {
        let text = Self.slice(whole.text, utf8: piece)
        pieceTexts.append(text)
        normalizedStarts.append(start)
        start += utf16Length(of: text)
      }
      spans = normalizedStarts.map { .whole(whole, converter, normalizedStart: $0) }
    }
    originals = []  // `spans` holds what it needs
    given = nil

    // Pass 2: each piece segmented, its boilerplate marked, its terms placed and its segments
    // found in the original; beside them the fingerprint when it is to be computed, the
    // longest job, so it goes first. (A known one adds no job: a short article of a batch, one
    // piece, is then prepared on the calling thread, with no other thread woken for it.)
    let (shared, boilerplate) = try builtStages()
    let matching = glossaryMatching
    let matcher = glossaryMatcher
    var segmenter = shared
    // One time budget for the rules' regular expressions over the whole document.
    segmenter.documentDeadline = segmenter.regexDeadline(forLength: utf8Count)
    let fingerprint: Mutex<String>
    let computeFingerprint: (@Sendable () -> String)?
    switch source {
    case .known(let value):
      fingerprint = Mutex(value)
      computeFingerprint = nil
    case .computed(let compute):
      fingerprint = Mutex("")
      computeFingerprint = compute
    }
    let first = computeFingerprint == nil ? 0 : 1  // the first piece's job
    // Each job is handed its piece's texts (the only references), which go when the piece is
    // prepared: the texts of the pieces done make room for the segments of those to come.
    let count = pieceTexts.count
    let handedOver = Mutex(zip(pieceTexts, spans).map { Optional(HandedPiece(text: $0, spans: $1)) })
    pieceTexts = []
    spans = []
    let pieces = try parallelMap(count + first) {
      [normalizedStarts, segmenter] i throws(TraduError) -> PreparedPiece? in
      guard i >= first else {
        let computed = computeFingerprint!()
        fingerprint.withLock { $0 = computed }
        return nil
      }
      guard let piece = handedOver.withLock({ $0[i - first].take() }) else {
        preconditionFailure("Preparer: piece \(i - first) handed over twice")
      }
      return try PreparedPiece(text: piece.text, utf16Start: normalizedStarts[i - first],
                               spans: piece.spans.spans(), segmenter: segmenter, boilerplate: boilerplate,
                               matching: matching, matcher: matcher)
    }
    return (pieces.dropFirst(first).map { $0! }, fingerprint.withLock { $0 })
  }

  /// Pass 1's work on one piece of the original: its lengths, and its normalization where the
  /// UTF-8 pass can do it on its own (nil where it cannot, or without a normalizer).
  static func originalPiece(_ piece: String, normalizer: TextNormalizer?) -> OriginalPiece {
    let counts = unitCounts(of: piece)
    let normalized = normalizer.flatMap { $0.allowsUTF8Pass ? $0.normalizeUTF8(piece) : nil }
    return OriginalPiece(text: piece, utf16Count: counts.utf16, codePointCount: counts.codePoints,
                         utf8Count: piece.utf8.count, normalized: normalized)
  }

  /// Starts building the segmenter and boilerplate detector of these settings on another
  /// core, unless they are built or being built: a command that calls it before reading its
  /// input has them ready (or nearly) when the text comes. A failure is reported by the
  /// preparation.
  public func buildStagesInBackground() {
    let stages = activeStages
    stages.startBuilding { [self] () throws(TraduError) in try makeStages() }
  }

  /// Starts building the segmenter and boilerplate detector of the default settings (those of
  /// `Preparer()`: Romanian, its built-in rules, ``BoilerplateDetector/romanianNews``) on
  /// another core, for every preparer with those settings in this process: a command that
  /// will prepare text calls it before its arguments are parsed, on the core that would
  /// otherwise wait meanwhile. A preparer with other settings builds its own.
  public static func startBuildingDefaultStages() {
    Preparer().buildStagesInBackground()
  }

  /// The segmenter and boilerplate detector of this preparer's settings, built once.
  func builtStages() throws(TraduError) -> (segmenter: Segmenter, boilerplate: BoilerplateDetector) {
    try activeStages.get { () throws(TraduError) in try makeStages() }
  }

  /// The segmenter and boilerplate detector of this preparer's settings, newly built.
  private func makeStages() throws(TraduError) -> Stages.Built {
    (Segmenter(locale: sourceLanguage, rules: segmentationRules), try BoilerplateDetector(patterns: boilerplatePatterns))
  }

  /// The stages of the default settings, shared by every preparer that has them.
  private static let defaultStages = Stages()

  /// Where this preparer's stages are kept: the process's for the default settings
  /// (see ``startBuildingDefaultStages()``), its own otherwise.
  private var activeStages: Stages {
    sourceLanguage == "ro" && segmentationRules == nil && boilerplatePatterns == BoilerplateDetector.romanianNews
      ? Self.defaultStages : stages
  }

  /// The stages a preparer builds once from its settings and shares between threads: a new
  /// one (empty) whenever a setting they depend on changes.
  final class Stages: Sendable {
    typealias Built = (segmenter: Segmenter, boilerplate: BoilerplateDetector)
    private let built = Mutex<Result<Built, TraduError>?>(nil)
    /// Whether a build has started (it holds the lock until it is done).
    private let started = Atomic<Bool>(false)

    /// Starts `build` on another core unless a build has started already (without waiting
    /// for one under way).
    func startBuilding(_ build: @escaping @Sendable () throws(TraduError) -> Built) {
      guard !started.exchange(true, ordering: .relaxed) else { return }
      _ = BackgroundJob { [self] in _ = try? get(build) }
    }

    /// The stages, built by `build` on the first call; a failure is kept and thrown again.
    func get(_ build: () throws(TraduError) -> Built) throws(TraduError) -> Built {
      started.store(true, ordering: .relaxed)
      let result = built.withLock { stored -> Result<Built, TraduError> in
        if let stored { return stored }
        let made = Result { () throws(TraduError) in try build() }
        stored = made
        return made
      }
      return try result.get()
    }
  }

  /// Joins the white space between pieces: what follows a piece's last segment goes on to the
  /// next piece's first segment. Returns the text before the document's first segment.
  static func joinSpaces(_ pieces: inout [PreparedPiece]) -> String {
    var leading: String? = nil  // the text before the first segment, once one is found
    var pending = ""  // the text since the last segment of the pieces so far
    var last: Int? = nil  // the last piece with a segment so far
    for i in pieces.indices {
      if pieces[i].units.isEmpty {
        pending += pieces[i].leadingText
        continue
      }
      if let last {
        pieces[last].appendToLastSegment(pending + pieces[i].leadingText)
      } else {
        leading = pending + pieces[i].leadingText
      }
      last = i
      pending = ""
    }
    if let last, !pending.isEmpty { pieces[last].appendToLastSegment(pending) }
    return leading ?? pending
  }

  /// The length in UTF-8 bytes of the pieces a text of `count` bytes is cut into: about 32
  /// per core, so that the cores stay busy to the end (the last piece runs on one core while
  /// the other may be done) and a piece's UTF-16 units stay in the core's cache from one
  /// stage to the next; none shorter than 256 KB (each piece costs a few set-ups), and none
  /// longer than 2 MB, since each piece being prepared holds more copies of its text (its
  /// UTF-16 units, the segmenter's masked copy) while it is prepared.
  func pieceLength(forUTF8Count count: Int) -> Int {
    minimumPieceLength ?? Self.defaultPieceLength(forUTF8Count: count)
  }

  /// ``pieceLength(forUTF8Count:)`` unless a test sets ``minimumPieceLength``.
  static func defaultPieceLength(forUTF8Count count: Int) -> Int {
    min(max(1 << 18, count / (32 * Cores.count)), 1 << 21)
  }

  /// The UTF-8 ranges of the pieces of `text`: each ends just after the first blank line
  /// (`"\n\n"`) found `length` bytes or more after its start; when none comes within another
  /// `length` bytes, just after the first line feed there followed by a capital A–Z (a line
  /// that starts with a capital starts a paragraph: see ``Segmenter``), so that a long text
  /// without blank lines is still cut; or at the end of the text.
  static func pieceBounds(of text: String, length: Int) -> [Range<Int>] {
    var text = text
    return text.withUTF8 { pieceBounds(ofUTF8: $0, length: length) }
  }

  /// ``pieceBounds(of:length:)`` of the text whose UTF-8 is `bytes`.
  static func pieceBounds(ofUTF8 bytes: UnsafeBufferPointer<UInt8>, length: Int) -> [Range<Int>] {
    var bytes = bytes
    return pieceBounds(of: &bytes, length: length)
  }

  /// ``pieceBounds(of:length:)`` of the text whose UTF-8 `bytes` gives, byte by byte (a text
  /// in memory, or a ``FileWindow`` over a file: the bytes looked at are those around each
  /// cut).
  static func pieceBounds<Bytes: PieceBoundsBytes>(of bytes: inout Bytes, length: Int) -> [Range<Int>] {
    var bounds: [Range<Int>] = []
    var start = 0
    let step = max(length, 1)
    let count = bytes.count
    while start < count {
      var end = count
      var i = length >= count - start ? count : start + step - 1
      // Past this, the first line feed before a capital will do.
      let patience = i >= count - step ? count : i + step
      var capitalLine: Int? = nil
      while i + 1 < count {
        if bytes.byte(at: i) == 0x0A {
          let next = bytes.byte(at: i + 1)
          if next == 0x0A {
            end = i + 2
            break
          }
          if capitalLine == nil && next >= 0x41 && next <= 0x5A { capitalLine = i + 1 }
        }
        if i >= patience, let capitalLine {
          end = capitalLine
          break
        }
        i += 1
      }
      bounds.append(start..<end)
      start = end
    }
    return bounds.isEmpty ? [0..<0] : bounds
  }

  /// The units of `parts` in order, `count` in all, moved into one array: each is swapped
  /// with an empty unit, so no unit is copied (copying one retains its arrays, and dropping
  /// the parts released them again: a reference count touched twice in every unit's arrays,
  /// far apart in memory, on one core after the pieces are prepared). `parts` is left empty.
  static func joined(moving parts: inout [[PreparedUnit]], count: Int) -> [PreparedUnit] {
    var units = [PreparedUnit](repeating: PreparedUnit(number: 0, segments: []), count: count)
    var next = 0
    for i in parts.indices {
      for j in parts[i].indices {
        swap(&units[next], &parts[i][j])
        next += 1
      }
      parts[i] = []
    }
    precondition(next == count, "Preparer.joined: \(next) units, \(count) expected")
    return units
  }

  /// The text of UTF-8 range `range` of `text` (which starts and ends between characters),
  /// copied without validating it again.
  static func slice(_ text: String, utf8 range: Range<Int>) -> String {
    let utf8 = text.utf8
    if range.lowerBound == 0 && range.upperBound == utf8.count { return text }
    let lo = utf8.index(utf8.startIndex, offsetBy: range.lowerBound)
    let hi = utf8.index(lo, offsetBy: range.count)
    return String(Substring(utf8[lo..<hi]))
  }

  /// The prepared document with `units` in order, `leadingText` before them, and the notes.
  ///
  /// `units` is taken, not shared: attaching a note to a segment would otherwise copy the
  /// whole array first.
  private func assembled(_ units: consuming [PreparedUnit], leadingText: String, document: SourceDocument,
                        fingerprint: String, normalization summary: NormalizationSummary?) -> PreparedDocument {
    var prepared = PreparedDocument(
      name: Self.baseName(document.name), sourceLanguage: sourceLanguage,
      targetLanguage: targetLanguage, fingerprint: fingerprint, isNormalized: summary != nil,
      hadByteOrderMark: document.hadByteOrderMark, leadingText: leadingText, units: consume units)
    prepared.notes += document.notes.map { PreparedNote(category: PreparedNote.readingCategory, text: $0) }
    if let summary {
      prepared.normalization = normalization
      if summary.editCount > 0 {
        let counts = summary.editCounts.sorted { $0.key < $1.key }
          .map { "\($0.key.summary): \($0.value)" }.joined(separator: ", ")
        prepared.notes.append(PreparedNote(
          category: "normalization", text: "\(summary.editCount) normalization edit(s): \(counts)."))
      }
      attach(summary.flags, to: &prepared)
    }
    return prepared
  }

  /// Adds each flag as a note to the segment it falls in (or the segment before it).
  ///
  /// - Complexity: O(*s* + *f* log *f*) in the numbers of segments and flags.
  private func attach(_ flags: [TextFlag], to prepared: inout PreparedDocument) {
    guard !flags.isEmpty else { return }
    let sorted = flags.sorted(by: { $0.range.lowerBound < $1.range.lowerBound })
    guard let places = Self.segmentPlaces(of: sorted, in: prepared.units) else {
      prepared.notes += flags.map { PreparedNote(category: $0.kind.rawValue, text: $0.message) }
      return
    }
    for (flag, place) in zip(sorted, places) {
      prepared.units[place.unit].segments[place.segment].notes.append(
        PreparedNote(category: flag.kind.rawValue, text: flag.message))
    }
  }

  /// For each of `flags` (sorted by start), the segment it goes to: the last one that starts
  /// at or before it, or the first segment for a flag before them all; nil when there is no
  /// segment. Segments start in the order of the units and of their segments, so each flag's
  /// unit is found by halving (the flags' order lets each search start at the last one's
  /// unit) and then its segment in that unit: a few dozen units and segments read a flag,
  /// instead of a walk over every segment up to the last flag on one core (130 k segments,
  /// each array in its own place in memory, for 20 MB of text). Units and segments are read
  /// in place (copying one out of its array would retain its strings).
  static func segmentPlaces(of flags: [TextFlag], in units: [PreparedUnit]) -> [(unit: Int, segment: Int)]? {
    units.withUnsafeBufferPointer { units -> [(unit: Int, segment: Int)]? in
      /// The first unit at or after `unit` that has segments (`units.count` when none).
      func withSegments(from unit: Int) -> Int {
        var u = unit
        while u < units.count && units[u].segments.isEmpty { u += 1 }
        return u
      }
      func firstStart(_ unit: Int) -> Int {
        units[unit].segments.withUnsafeBufferPointer { $0[0].range.lowerBound }
      }
      let first = withSegments(from: 0)
      guard first < units.count else { return nil }
      var places: [(unit: Int, segment: Int)] = []
      places.reserveCapacity(flags.count)
      var low = first  // the unit of the flag before (flags are sorted): none goes before it
      for flag in flags {
        let offset = flag.range.lowerBound
        // The last unit with segments whose first starts at or before `offset` (or `first`).
        var lo = low
        var hi = units.count
        while hi - lo > 1 {
          let mid = lo + (hi - lo) / 2
          let unit = withSegments(from: mid)
          if unit < hi && firstStart(unit) <= offset {
            lo = unit
          } else {
            hi = mid
          }
        }
        low = lo
        // Its last segment that starts at or before `offset` (the first for a flag before all).
        let segment = units[lo].segments.withUnsafeBufferPointer { segments -> Int in
          var lo = 0
          var hi = segments.count
          while hi - lo > 1 {
            let mid = lo + (hi - lo) / 2
            if segments[mid].range.lowerBound <= offset { lo = mid } else { hi = mid }
          }
          return lo
        }
        places.append((lo, segment))
      }
      return places
    }
  }

  /// `sha256:` and the hex SHA-256 of `bytes`: the fingerprint that ties a translation file to
  /// its article.
  public static func fingerprint(of bytes: [UInt8]) -> String {
    bytes.withUnsafeBufferPointer { fingerprint(ofBytesIn: $0) }
  }

  /// ``fingerprint(of:)`` of the bytes `bytes` points to.
  static func fingerprint(ofBytesIn bytes: UnsafeBufferPointer<UInt8>) -> String {
    let digest = SHA256.hash(data: UnsafeRawBufferPointer(bytes))
    var hex = "sha256:"
    hex.reserveCapacity(71)
    let digits = Array("0123456789abcdef".utf8)
    var raw: [UInt8] = []
    raw.reserveCapacity(64)
    for byte in digest {
      raw.append(digits[Int(byte >> 4)])
      raw.append(digits[Int(byte & 0xF)])
    }
    hex += String(decoding: raw, as: UTF8.self)
    return hex
  }

  /// The matches sorted by start, longest first at equal starts, without overlaps (the
  /// earlier, then longer, match wins).
  static func nonOverlapping(_ matches: [GlossaryMatch]) -> [GlossaryMatch] {
    // The glossary matcher already reports them so: check in one pass before sorting.
    var ordered = true
    var previousEnd = Int.min
    for match in matches {
      if match.range.lowerBound < previousEnd || match.range.isEmpty {
        ordered = false
        break
      }
      previousEnd = match.range.upperBound
    }
    if ordered { return matches }
    let sorted = matches.sorted {
      $0.range.lowerBound != $1.range.lowerBound
        ? $0.range.lowerBound < $1.range.lowerBound : $0.range.count > $1.range.count
    }
    var result: [GlossaryMatch] = []
    var end = Int.min
    for match in sorted where match.range.lowerBound >= end && !match.range.isEmpty {
      result.append(match)
      end = match.range.upperBound
    }
    return result
  }

  /// The last path component of `path` (`-` stays `-`).
  static func baseName(_ path: String) -> String {
    guard let slash = path.lastIndex(where: { $0 == "/" || $0 == "\\" }) else { return path }
    return String(path[path.index(after: slash)...])
  }
}

/// How a piece finds its segments in the original text, before its job builds the
/// ``OriginalSpans`` (the offset table of its original text is built on the job's core).
private enum PieceSpans {
  /// The piece maps back to its own original piece, which starts at `base` in the whole.
  case piece(OriginalPiece, base: (utf16: Int, codePoints: Int, utf8: Int))
  /// The piece starts `normalizedStart` units into the normalization of the whole text.
  case whole(NormalizedText, OffsetConverter, normalizedStart: Int)

  func spans() -> OriginalSpans {
    switch self {
    case .piece(let original, let base):
      OriginalSpans(normalized: original.normalized, converter: OffsetConverter(original.text),
                    normalizedStart: 0, originalBase: base)
    case .whole(let whole, let converter, let normalizedStart):
      OriginalSpans(normalized: whole, converter: converter, normalizedStart: normalizedStart,
                    originalBase: (0, 0, 0))
    }
  }
}

/// A piece's text to prepare and its way back to the original, handed to the job that
/// prepares it (see ``Preparer``'s pass 2).
private struct HandedPiece {
  var text: String
  var spans: PieceSpans
}
