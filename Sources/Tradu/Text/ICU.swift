import CICU
import Synchronization

/// An error reported by ICU, carrying ICU's own name for the code.
public struct ICUError: Error, Equatable, Sendable, CustomStringConvertible {
  /// ICU's `UErrorCode` value.
  public var code: Int32
  /// ICU's name for the code, e.g. `U_ILLEGAL_ARGUMENT_ERROR`.
  public var name: String
  /// What Tradu asked ICU to do.
  public var operation: String
  /// For regular-expression syntax errors, the UTF-16 offset in the pattern; for strict charset
  /// conversion, the byte offset of the first bad sequence.
  public var offset: Int?

  init(code: Int32, operation: String, offset: Int? = nil) {
    self.code = code
    self.name = String(cString: cicu_error_name(code))
    self.operation = operation
    self.offset = offset
  }

  public var description: String {
    var text = "ICU \(operation) failed: \(name)"
    if let offset { text += " at offset \(offset)" }
    return text
  }

  /// True when a regular expression ran past the deadline Tradu gave it.
  public var isTimeOut: Bool { cicu_is_stopped_by_caller(code) == 1 }
}

/// Safe Swift access to the system ICU through the `CICU` shim.
///
/// This is the only file of Tradu that imports `CICU`. Text crosses the boundary as UTF-16;
/// offsets are UTF-16 code units.
public enum ICU {
  static let bufferOverflow: Int32 = 15  // U_BUFFER_OVERFLOW_ERROR

  static func check(_ status: Int32, _ operation: String, offset: Int? = nil) throws(ICUError) {
    if status > 0 { throw ICUError(code: status, operation: operation, offset: offset) }
  }

  /// ICU's U_INPUT_TOO_LONG_ERROR.
  static let inputTooLong: Int32 = 31

  /// Throws instead of trapping when `count` (a text's length) does not fit ICU's `int32_t`.
  static func checkLength(_ count: Int, _ operation: String) throws(ICUError) {
    if count > Int(Int32.max) / 2 {
      throw ICUError(code: inputTooLong, operation: "\(operation) of \(count) units (ICU takes at most 2^30)")
    }
  }

  /// The monotonic clock in nanoseconds, the time base of regular-expression deadlines.
  static func monotonicNanoseconds() -> UInt64 { cicu_monotonic_nanoseconds() }

  /// The version of the ICU library Tradu runs on, e.g. "72.1".
  public static var version: String {
    var buffer = [CChar](repeating: 0, count: 32)
    _ = cicu_version(&buffer, Int32(buffer.count))
    return String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
  }

  /// Runs ICU's preflight protocol: call once with a guess, and once more with the exact size.
  static func withPreflight<T: FixedWidthInteger>(
    _ operation: String, initialCapacity: Int,
    _ body: (UnsafeMutablePointer<T>?, Int32, inout Int32) -> Int32
  ) throws(ICUError) -> [T] {
    var capacity = max(initialCapacity, 1)
    for _ in 0..<2 {
      var status: Int32 = 0
      var result = [T](repeating: 0, count: capacity)
      let needed = result.withUnsafeMutableBufferPointer { body($0.baseAddress, Int32(clamping: capacity), &status) }
      if status == bufferOverflow || Int(needed) > capacity {
        capacity = Int(needed)
        continue
      }
      try check(status, operation)
      result.removeSubrange(Int(needed)...)
      return result
    }
    throw ICUError(code: bufferOverflow, operation: operation)
  }

  // MARK: Breaks

  /// The kinds of text boundaries ICU finds.
  public enum BreakKind: Int32, Sendable {
    case character = 0, word = 1, line = 2, sentence = 3
  }

  /// All boundaries of `kind` in `text` (UTF-16 offsets, starting with 0 and ending with its
  /// length).
  ///
  /// - Complexity: O(*n*) in the length of `text`.
  public static func boundaries(
    _ kind: BreakKind, in text: [UInt16], locale: String = "ro"
  ) throws(ICUError) -> [Int] {
    let iterator = try BreakIterator(kind, locale: locale)
    var result: [Int] = [0]
    result.reserveCapacity(kind == .sentence ? text.count / 64 + 2 : text.count / 4 + 2)
    try text.withUnsafeBufferPointer { (buffer) throws(ICUError) in
      try iterator.setText(buffer)
      while let b = iterator.next() { result.append(b) }
    }
    if result.last != text.count { result.append(text.count) }
    return result
  }

  /// A reusable ICU break iterator. Not thread-safe; make one per task.
  public final class BreakIterator {
    let handle: UnsafeMutableRawPointer

    /// Opens an iterator of `kind` for the ICU `locale`.
    public init(_ kind: BreakKind, locale: String = "ro") throws(ICUError) {
      var status: Int32 = 0
      let h = cicu_break_open(kind.rawValue, locale, &status)
      guard let h, status <= 0 else {
        throw ICUError(code: status > 0 ? status : 1, operation: "break iterator open (\(locale))")
      }
      handle = h
    }

    /// A new iterator with the rules of `template`, which shares them instead of looking
    /// them up again (see ``Template``).
    init(cloning template: Template) throws(ICUError) {
      var status: Int32 = 0
      let h = cicu_break_clone(template.handle, &status)
      guard let h, status <= 0 else {
        throw ICUError(code: status > 0 ? status : 1, operation: "break iterator clone")
      }
      handle = h
    }

    deinit { cicu_break_close(handle) }

    /// An iterator opened once and only ever cloned: opening one finds the locale's rules and
    /// converts their source text each time (about 30 K instructions for the sentence rules,
    /// once per article in a batch), while a clone shares the rules.
    ///
    /// `@unchecked Sendable`: ICU documents `ubrk_clone` as thread-safe, and the template is
    /// never pointed at a text nor moved, so the threads that clone it only read it.
    final class Template: @unchecked Sendable {
      let handle: UnsafeMutableRawPointer

      init(_ kind: BreakKind, locale: String) throws(ICUError) {
        var status: Int32 = 0
        let h = cicu_break_open(kind.rawValue, locale, &status)
        guard let h, status <= 0 else {
          throw ICUError(code: status > 0 ? status : 1, operation: "break iterator open (\(locale))")
        }
        handle = h
      }

      deinit { cicu_break_close(handle) }
    }

    /// The templates opened so far, by kind and locale (a process uses one or two).
    private static let templates = Mutex<[String: Template]>([:])

    /// An iterator of `kind` for `locale`, cloned from a template opened on the first call
    /// (the same boundaries as ``init(_:locale:)`` gives).
    static func cloned(_ kind: BreakKind, locale: String) throws(ICUError) -> BreakIterator {
      let key = "\(kind.rawValue) \(locale)"
      let template = try templates.withLock { (templates) throws(ICUError) -> Template in
        if let known = templates[key] { return known }
        let opened = try Template(kind, locale: locale)
        templates[key] = opened
        return opened
      }
      return try BreakIterator(cloning: template)
    }

    /// Points the iterator at `text`, which must outlive its use.
    public func setText(_ text: UnsafeBufferPointer<UInt16>) throws(ICUError) {
      try ICU.checkLength(text.count, "break iterator setText")
      var status: Int32 = 0
      // ICU rejects a NULL pointer even for empty text.
      var empty: UInt16 = 0
      if let base = text.baseAddress {
        cicu_break_set_text(handle, base, Int32(text.count), &status)
      } else {
        cicu_break_set_text(handle, &empty, 0, &status)
      }
      try ICU.check(status, "break iterator setText")
    }

    /// The next boundary, or nil at the end.
    public func next() -> Int? {
      let b = cicu_break_next(handle)
      return b < 0 ? nil : Int(b)
    }

    /// ICU's rule status of the boundary last returned (for words: 0 none/punctuation,
    /// 100..<200 number, 200..<300 letter, 300..<500 kana/ideograph).
    public var ruleStatus: Int { Int(cicu_break_rule_status(handle)) }
  }

  // MARK: Normalization

  /// Unicode normalization forms, and NFKC with case folding.
  public enum NormalizationForm: Int32, Sendable {
    case nfc = 0, nfd = 1, nfkc = 2, nfkd = 3, nfkcCasefold = 4
  }

  /// `text` normalized to `form`.
  public static func normalize(_ text: [UInt16], to form: NormalizationForm) throws(ICUError) -> [UInt16] {
    try checkLength(text.count, "normalize")
    return try text.withUnsafeBufferPointer { (src) throws(ICUError) in
      try withPreflight("normalize", initialCapacity: text.count + 16) { dest, capacity, status in
        cicu_normalize(form.rawValue, src.baseAddress, Int32(src.count), dest, capacity, &status)
      }
    }
  }

  /// `text` normalized to `form`.
  public static func normalize(_ text: String, to form: NormalizationForm) throws(ICUError) -> String {
    String(decoding: try normalize(Array(text.utf16), to: form), as: UTF16.self)
  }

  /// The length of the longest prefix of `text` that is certainly in `form` already.
  public static func normalizedPrefixLength(_ text: [UInt16], form: NormalizationForm) throws(ICUError) -> Int {
    try checkLength(text.count, "normalization quick check")
    var status: Int32 = 0
    let n = text.withUnsafeBufferPointer {
      cicu_normalized_prefix_length(form.rawValue, $0.baseAddress, Int32($0.count), &status)
    }
    try check(status, "normalization quick check")
    return Int(n)
  }

  /// The length of the longest prefix of `text` that is certainly in `form` already; it ends
  /// at a normalization boundary. Takes a buffer so that callers can scan a long text piece by
  /// piece without copying it.
  public static func normalizedPrefixLength(
    _ text: UnsafeBufferPointer<UInt16>, form: NormalizationForm
  ) throws(ICUError) -> Int {
    try checkLength(text.count, "normalization quick check")
    var status: Int32 = 0
    let n = cicu_normalized_prefix_length(form.rawValue, text.baseAddress, Int32(text.count), &status)
    try check(status, "normalization quick check")
    return Int(n)
  }

  /// `text` normalized to `form`, from a buffer.
  public static func normalize(
    _ text: UnsafeBufferPointer<UInt16>, to form: NormalizationForm
  ) throws(ICUError) -> [UInt16] {
    try checkLength(text.count, "normalize")
    return try withPreflight("normalize", initialCapacity: text.count + 16) { dest, capacity, status in
      cicu_normalize(form.rawValue, text.baseAddress, Int32(text.count), dest, capacity, &status)
    }
  }

  /// Whether `scalar` starts a new normalization unit in `form`: what comes before it never
  /// combines or reorders with what comes after it.
  public static func hasNormalizationBoundary(before scalar: Unicode.Scalar, form: NormalizationForm) -> Bool {
    var status: Int32 = 0
    return cicu_has_boundary_before(form.rawValue, Int32(bitPattern: scalar.value), &status) == 1
  }

  /// Full Unicode case folding (ß → ss, İ → i̇), for matching keys only.
  public static func foldCase(_ text: String) throws(ICUError) -> String {
    try checkLength(text.utf8.count, "case folding")
    let src = Array(text.utf16)
    let folded: [UInt16] = try src.withUnsafeBufferPointer { (s) throws(ICUError) in
      try withPreflight("case folding", initialCapacity: src.count + 8) { dest, capacity, status in
        cicu_fold_case(s.baseAddress, Int32(s.count), dest, capacity, &status)
      }
    }
    return String(decoding: folded, as: UTF16.self)
  }

  // MARK: Transliteration

  /// An ICU transliterator, built from custom rules or named by a system id.
  public final class Transliterator {
    let handle: UnsafeMutableRawPointer

    /// Compiles custom `rules` (ICU transform syntax) under the name `id`; with `rules` nil,
    /// opens the system transliterator `id` (e.g. "Latin-ASCII").
    public init(id: String, rules: String? = nil) throws(ICUError) {
      var status: Int32 = 0
      let idUnits = Array(id.utf16)
      let ruleUnits = rules.map { Array($0.utf16) }
      let h: UnsafeMutableRawPointer? = idUnits.withUnsafeBufferPointer { idp in
        if let ruleUnits {
          return ruleUnits.withUnsafeBufferPointer { rp in
            cicu_translit_open(idp.baseAddress, Int32(idp.count), rp.baseAddress, Int32(rp.count), &status)
          }
        }
        return cicu_translit_open(idp.baseAddress, Int32(idp.count), nil, 0, &status)
      }
      guard let h, status <= 0 else {
        throw ICUError(code: status > 0 ? status : 1, operation: "transliterator open (\(id))")
      }
      handle = h
    }

    deinit { cicu_translit_close(handle) }

    /// `text` transliterated.
    public func transliterate(_ text: String) throws(ICUError) -> String {
      try ICU.checkLength(text.utf8.count, "transliteration")
      var units = Array(text.utf16)
      var capacity = units.count * 2 + 16
      for _ in 0..<3 {
        var buffer = units + [UInt16](repeating: 0, count: capacity - units.count)
        var length = Int32(units.count)
        var status: Int32 = 0
        let needed = buffer.withUnsafeMutableBufferPointer {
          cicu_translit_apply(handle, $0.baseAddress, &length, Int32(capacity), &status)
        }
        if status == ICU.bufferOverflow {
          capacity = Int(needed) * 2 + 16
          continue
        }
        try ICU.check(status, "transliteration")
        units = Array(buffer.prefix(Int(length)))
        return String(decoding: units, as: UTF16.self)
      }
      throw ICUError(code: ICU.bufferOverflow, operation: "transliteration")
    }
  }

  // MARK: Charsets

  /// ICU's best guess at the charset of some bytes.
  public struct CharsetGuess: Equatable, Sendable {
    /// ICU's charset name, e.g. "ISO-8859-2", "windows-1250", "UTF-8".
    public var name: String
    /// The language ICU associates with the guess ("ro", or empty).
    public var language: String
    /// ICU's confidence, 0–100.
    public var confidence: Int
  }

  /// Detects the charset of `bytes`, or nil when ICU has no candidate.
  public static func detectCharset(_ bytes: [UInt8]) throws(ICUError) -> CharsetGuess? {
    try checkLength(bytes.count, "charset detection")
    var name = [CChar](repeating: 0, count: 64)
    var language = [CChar](repeating: 0, count: 16)
    var confidence: Int32 = 0
    var status: Int32 = 0
    let found = bytes.withUnsafeBufferPointer { b in
      cicu_detect_charset(
        b.baseAddress, Int32(b.count), &name, Int32(name.count), &language, Int32(language.count),
        &confidence, &status)
    }
    try check(status, "charset detection")
    guard found > 0 else { return nil }
    func string(_ c: [CChar]) -> String {
      String(decoding: c.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }
    return CharsetGuess(name: string(name), language: string(language), confidence: Int(confidence))
  }

  /// Whether ICU has a converter for `charset`.
  public static func charsetExists(_ charset: String) -> Bool { cicu_charset_exists(charset) == 1 }

  /// Decodes `bytes` in `charset` to UTF-16.
  ///
  /// - Parameter strict: stop at the first illegal byte sequence with an error whose `offset`
  ///   is its byte offset; when false, such bytes become U+FFFD.
  public static func decode(_ bytes: [UInt8], charset: String, strict: Bool = true) throws(ICUError) -> [UInt16] {
    try checkLength(bytes.count, "decoding \(charset)")
    var errorOffset: Int32 = -1
    var capacity = bytes.count + 16
    for _ in 0..<2 {
      var status: Int32 = 0
      var result = [UInt16](repeating: 0, count: capacity)
      let needed = bytes.withUnsafeBufferPointer { b in
        result.withUnsafeMutableBufferPointer { d in
          cicu_convert_to_utf16(
            charset, b.baseAddress, Int32(b.count), d.baseAddress, Int32(clamping: capacity), strict ? 1 : 0,
            &errorOffset, &status)
        }
      }
      if status == bufferOverflow {
        capacity = Int(needed)
        continue
      }
      try check(status, "decoding \(charset)", offset: errorOffset >= 0 ? Int(errorOffset) : nil)
      result.removeSubrange(Int(needed)...)
      return result
    }
    throw ICUError(code: bufferOverflow, operation: "decoding \(charset)")
  }

  /// Encodes UTF-16 `text` in `charset`. With `strict`, a character the charset cannot hold is
  /// an error; otherwise it becomes the charset's substitution character.
  public static func encode(_ text: [UInt16], charset: String, strict: Bool = true) throws(ICUError) -> [UInt8] {
    try checkLength(text.count, "encoding \(charset)")
    return try text.withUnsafeBufferPointer { (src) throws(ICUError) in
      try withPreflight("encoding \(charset)", initialCapacity: src.count * 2 + 16) { dest, capacity, status in
        cicu_convert_from_utf16(charset, src.baseAddress, Int32(src.count), dest, capacity, strict ? 1 : 0, &status)
      }
    }
  }

  // MARK: Regular expressions

  /// An ICU regular expression (Java-compatible syntax, as SRX uses).
  ///
  /// Not thread-safe: the subject text and match state live inside it.
  public final class Regex {
    /// Compile options.
    public struct Options: OptionSet, Sendable {
      public let rawValue: Int32
      public init(rawValue: Int32) { self.rawValue = rawValue }
      public static let caseInsensitive = Options(rawValue: 2)
      public static let comments = Options(rawValue: 4)
      public static let multiline = Options(rawValue: 8)
      public static let dotAll = Options(rawValue: 32)
    }

    let handle: UnsafeMutableRawPointer
    /// The pattern as written.
    public let pattern: String
    private var subject: UnsafeMutableBufferPointer<UInt16>?
    /// The monotonic nanosecond after which matches stop (0: none); ICU reads it from here.
    private var deadline: UnsafeMutablePointer<UInt64>?

    /// Compiles `pattern`; a syntax error names ICU's code and the offset in the pattern.
    public init(_ pattern: String, options: Options = []) throws(ICUError) {
      self.pattern = pattern
      let units = Array(pattern.utf16)
      var status: Int32 = 0
      var errorOffset: Int32 = -1
      let h = units.withUnsafeBufferPointer {
        cicu_regex_open($0.baseAddress, Int32($0.count), options.rawValue, &errorOffset, &status)
      }
      guard let h, status <= 0 else {
        throw ICUError(
          code: status > 0 ? status : 1, operation: "regular expression /\(pattern)/",
          offset: errorOffset >= 0 ? Int(errorOffset) : nil)
      }
      handle = h
    }

    private init(handle: UnsafeMutableRawPointer, pattern: String) {
      self.handle = handle
      self.pattern = pattern
    }

    deinit {
      cicu_regex_close(handle)
      subject?.deallocate()
      deadline?.deallocate()
    }

    /// Makes every later match stop with ``ICUError/isTimeOut`` once the monotonic clock
    /// passes `nanoseconds` (see ``ICU/monotonicNanoseconds()``): a budget shared by all the
    /// calls of a document, where ICU's own time limit counts each call on its own.
    func stopMatching(atMonotonicNanoseconds nanoseconds: UInt64) throws(ICUError) {
      if deadline == nil {
        let storage = UnsafeMutablePointer<UInt64>.allocate(capacity: 1)
        storage.initialize(to: nanoseconds)
        deadline = storage
        var status: Int32 = 0
        cicu_regex_set_deadline(handle, storage, &status)
        try ICU.check(status, "regex deadline")
      } else {
        deadline!.pointee = nanoseconds
      }
    }

    /// A new matcher for the same compiled pattern, with no text set — much cheaper than
    /// compiling the pattern again. Safe to call from several threads on one regex, as long as
    /// none of them uses this instance for matching.
    public func copy() throws(ICUError) -> Regex {
      var status: Int32 = 0
      guard let h = cicu_regex_clone(UnsafeRawPointer(handle), &status), status <= 0 else {
        throw ICUError(code: status > 0 ? status : 1, operation: "copy of regular expression /\(pattern)/")
      }
      return Regex(handle: h, pattern: pattern)
    }

    /// Sets the text to search (copied, so the caller's buffer may go away).
    public func setText(_ text: [UInt16]) throws(ICUError) {
      try ICU.checkLength(text.count, "regex setText")
      subject?.deallocate()
      let copy = UnsafeMutableBufferPointer<UInt16>.allocate(capacity: max(text.count, 1))
      _ = copy.initialize(from: text)
      subject = copy
      var status: Int32 = 0
      cicu_regex_set_text(handle, copy.baseAddress, Int32(text.count), &status)
      try ICU.check(status, "regex setText")
    }

    /// Sets the text to search without copying it: `text` must stay valid, unchanged, until
    /// the next `setText` (or until this matcher goes away).
    func setText(inPlace text: UnsafeBufferPointer<UInt16>) throws(ICUError) {
      try ICU.checkLength(text.count, "regex setText")
      guard let base = text.baseAddress, !text.isEmpty else { return try setText([]) }
      subject?.deallocate()
      subject = nil
      var status: Int32 = 0
      cicu_regex_set_text(handle, base, Int32(text.count), &status)
      try ICU.check(status, "regex setText")
    }

    /// Whether the pattern matches somewhere inside `region` of the text. Look-around and `\b`
    /// see the text outside the region, and `^`/`$` match only at the text's own ends, so a
    /// match found here is a match in the whole text, and a match of the whole text that lies
    /// inside `region` is found.
    func hasMatch(inside region: Range<Int>) throws(ICUError) -> Bool {
      var status: Int32 = 0
      cicu_regex_set_region(handle, Int32(region.lowerBound), Int32(region.upperBound), 1, 0, &status)
      let found = cicu_regex_find(handle, -1, &status)
      try ICU.check(status, "regex find")
      return found == 1
    }

    /// Whether the pattern matches a prefix of `region` of the text (look-around sees outside
    /// the region when `transparent`).
    public func matchesPrefix(of region: Range<Int>, transparent: Bool = true) throws(ICUError) -> Bool {
      var status: Int32 = 0
      cicu_regex_set_region(handle, Int32(region.lowerBound), Int32(region.upperBound), transparent ? 1 : 0, 0, &status)
      let r = cicu_regex_looking_at(handle, &status)
      try ICU.check(status, "regex lookingAt")
      return r == 1
    }

    /// Whether the pattern matches all of `region`.
    public func matchesWhole(_ region: Range<Int>, transparent: Bool = true) throws(ICUError) -> Bool {
      var status: Int32 = 0
      cicu_regex_set_region(handle, Int32(region.lowerBound), Int32(region.upperBound), transparent ? 1 : 0, 0, &status)
      let r = cicu_regex_matches(handle, &status)
      try ICU.check(status, "regex matches")
      return r == 1
    }

    /// All non-overlapping matches in the whole text, as UTF-16 ranges.
    public func allMatches() throws(ICUError) -> [Range<Int>] {
      var result: [Range<Int>] = []
      var status: Int32 = 0
      var found = cicu_regex_find(handle, 0, &status)
      while found == 1 && status <= 0 {
        let s = cicu_regex_match_start(handle, &status)
        let e = cicu_regex_match_end(handle, &status)
        result.append(Int(s)..<Int(e))
        found = cicu_regex_find(handle, -1, &status)
      }
      try ICU.check(status, "regex find")
      return result
    }
  }
}

extension ICU.Regex {
  /// The first match that starts at or after `start`, as a UTF-16 range of the text.
  public func firstMatch(from start: Int) throws(ICUError) -> Range<Int>? {
    var status: Int32 = 0
    let found = cicu_regex_find(handle, Int32(start), &status)
    try ICU.check(status, "regex find")
    guard found == 1 else { return nil }
    let s = cicu_regex_match_start(handle, &status)
    let e = cicu_regex_match_end(handle, &status)
    try ICU.check(status, "regex find")
    return Int(s)..<Int(e)
  }
}

extension ICU {
  /// ICU's sentence boundaries in `text` for `locale`, as UTF-16 offsets (0 first, the length
  /// last).
  ///
  /// - Complexity: O(*n*) in the length of `text`.
  public static func sentenceBoundaries(
    in text: UnsafeBufferPointer<UInt16>, locale: String = "ro"
  ) throws(ICUError) -> [Int] {
    // Cloned, not opened: a batch asks for every article's (and every piece's) boundaries.
    let iterator = try BreakIterator.cloned(.sentence, locale: locale)
    var result: [Int] = [0]
    result.reserveCapacity(text.count / 64 + 2)
    try iterator.setText(text)
    while let b = iterator.next() { result.append(b) }
    if result.last != text.count { result.append(text.count) }
    return result
  }
}
