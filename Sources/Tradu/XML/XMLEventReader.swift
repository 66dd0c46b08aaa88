// The one XML reader behind XLIFF, TMX and TBX: libxml2's streaming SAX parser (through the
// CXML bridge), for documents of any size, with untrusted-input limits and human errors.
//
// Public API (for readers of XML formats):
//   XMLEventReader.read(path:handler:)          streams a file (or `-`, standard input)
//   XMLEventReader.parse(_:name:handler:)       bytes already in memory
//   protocol XMLEventHandler                    startElement / endElement / text callbacks
//   XMLStartTag                                 name, namespace, attributes, line and column
//   XMLContentError                             what a handler throws to stop with a reason
// Every failure is a TraduError.malformedXML naming the file, line and column.
import CXML
import Foundation

/// A start tag as ``XMLEventReader`` reports it.
public struct XMLStartTag: Sendable {
  /// The name without its prefix (`trans-unit`, `lang`).
  public var localName: String
  /// The prefix as written (`xml`, `mda`), nil when none.
  public var prefix: String?
  /// The namespace the element is in, nil when none.
  public var namespace: String?
  /// The attributes, keyed by their name as written: `id`, `xml:lang`, `its:translate`.
  public var attributes: XMLAttributes
  /// Where the start tag ends (1-based).
  public var line: Int
  public var column: Int

  /// The name as written: `prefix:localName`, or `localName`.
  public var qualifiedName: String { prefix.map { "\($0):\(localName)" } ?? localName }
}

/// The attributes of a start tag, in document order, looked up by their name as written
/// (`attributes["xml:lang"]`).
///
/// A start tag has a handful of attributes, so they are kept in a small array and searched in
/// order: cheaper, for millions of elements, than hashing each name into a dictionary.
public struct XMLAttributes: Sendable, Sequence, ExpressibleByDictionaryLiteral {
  public typealias Element = (key: String, value: String)

  private var pairs: [Element]

  public init() { pairs = [] }

  public init(dictionaryLiteral elements: (String, String)...) {
    pairs = []
    for (key, value) in elements { self[key] = value }
  }

  /// The value of the attribute named `name` as written (`prefix:local` or `local`), nil when
  /// the tag has none; setting replaces it (or adds it at the end), setting nil removes it.
  public subscript(name: String) -> String? {
    get {
      // From the last, as a dictionary filled in document order would answer.
      var i = pairs.count
      while i > 0 {
        i -= 1
        if pairs[i].key == name { return pairs[i].value }
      }
      return nil
    }
    set {
      if let i = pairs.firstIndex(where: { $0.key == name }) {
        if let newValue { pairs[i].value = newValue } else { pairs.remove(at: i) }
      } else if let newValue {
        pairs.append((name, newValue))
      }
    }
  }

  public var count: Int { pairs.count }
  public var isEmpty: Bool { pairs.isEmpty }

  public func makeIterator() -> IndexingIterator<[Element]> { pairs.makeIterator() }

  /// Adds an attribute at the end, without looking for one of the same name (libxml2 stops
  /// at a repeated attribute; were one reported, the getter answers with the last).
  mutating func appendNew(_ name: String, _ value: String) {
    pairs.append((name, value))
  }

  mutating func reserveCapacity(_ count: Int) { pairs.reserveCapacity(count) }
}

/// Receives a document's events from ``XMLEventReader``, in document order.
///
/// Text may arrive in several pieces for one run of character data; entity and character
/// references are already replaced, CDATA sections arrive as text.
public protocol XMLEventHandler: AnyObject {
  /// An element starts. Throw to stop reading with a reason about the content.
  func startElement(_ tag: XMLStartTag) throws(XMLContentError)
  /// An element ends (`namespace` as in its start tag).
  func endElement(localName: String, namespace: String?) throws(XMLContentError)
  /// Character data inside the current element.
  func text(_ text: String) throws(XMLContentError)
}

/// Why a handler stops reading: the content is well-formed XML but not what the format needs.
///
/// The reader reports it as ``TraduError/malformedXML(path:line:column:reason:)`` at `line`
/// and `column`, or where the parser is when they are nil.
public struct XMLContentError: Error, Sendable {
  public var reason: String
  public var line: Int?
  public var column: Int?

  public init(_ reason: String, line: Int? = nil, column: Int? = nil) {
    self.reason = reason
    self.line = line
    self.column = column
  }
}

/// Reads XML with libxml2 as a stream of events: any size (no 10 MB limit), line numbers past
/// 65,535, and the limits of untrusted input.
///
/// - A DOCTYPE with declarations (`<!DOCTYPE x [ … ]>`) is refused: entities could read local
///   files or expand without bound. A DOCTYPE that only names a DTD (`<!DOCTYPE tmx SYSTEM
///   "tmx14.dtd">`) is ignored; the DTD is never fetched.
/// - Only the five predefined entities exist; any other reference is an error.
/// - Elements may nest at most ``maximumDepth`` levels.
public enum XMLEventReader {
  /// The deepest element nesting accepted by default.
  public static let defaultMaximumDepth = 64
  /// Bytes read from a file and handed to the parser at a time.
  static let chunkSize = 1 << 20

  /// Streams the file at `path` (`-` for standard input) through `handler`, a chunk at a time.
  public static func read(path: String, handler: some XMLEventHandler,
                          maximumDepth: Int = defaultMaximumDepth) throws(TraduError) {
    let file: FileHandle
    if path == "-" {
      file = FileHandle.standardInput
    } else {
      var isDirectory: ObjCBool = false
      guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
        throw .unreadable(path: path, reason: "no such file")
      }
      if isDirectory.boolValue { throw .unreadable(path: path, reason: "is a directory, not an XML file") }
      guard let handle = FileHandle(forReadingAtPath: path) else {
        throw .unreadable(path: path, reason: "permission denied")
      }
      file = handle
    }
    defer { if path != "-" { try? file.close() } }
    let session = try Session(name: path, handler: handler, maximumDepth: maximumDepth)
    while true {
      let chunk: Data?
      do {
        chunk = try file.read(upToCount: chunkSize)
      } catch {
        throw .unreadable(path: path, reason: error.localizedDescription)
      }
      guard let chunk, !chunk.isEmpty else { break }
      try session.feed(chunk)
    }
    try session.finish()
  }

  /// Parses `bytes` through `handler`; `name` is used in error messages.
  public static func parse(_ bytes: some Collection<UInt8>, name: String, handler: some XMLEventHandler,
                           maximumDepth: Int = defaultMaximumDepth) throws(TraduError) {
    let session = try Session(name: name, handler: handler, maximumDepth: maximumDepth)
    // An array is fed as it is; other collections (`Data`) are copied into one first.
    if let array = bytes as? [UInt8] {
      try feed(array, to: session)
    } else {
      try feed(ContiguousArray(bytes), to: session)
    }
    try session.finish()
  }

  /// Feeds `bytes` to `session` in chunks of ``chunkSize``.
  private static func feed<Bytes: RandomAccessCollection<UInt8>>(_ bytes: Bytes, to session: Session) throws(TraduError)
  where Bytes.Index == Int, Bytes.SubSequence == ArraySlice<UInt8> {
    var start = bytes.startIndex
    while start < bytes.endIndex {
      let end = min(bytes.endIndex, start + chunkSize)
      try session.feed(bytes[start..<end])
      start = end
    }
  }

  /// One parse: the C parser, the handler, and what is needed to word errors.
  private final class Session {
    let name: String
    let handler: any XMLEventHandler
    let maximumDepth: Int
    var parser: UnsafeMutableRawPointer?
    var callbacks: UnsafeMutablePointer<cxml_callbacks>
    /// The elements open now (name as written, line), for messages about truncation.
    var open: [(name: String, line: Int)] = []
    var handlerError: XMLContentError?
    var sawElement = false
    var names = NameStrings()

    init(name: String, handler: any XMLEventHandler, maximumDepth: Int) throws(TraduError) {
      self.name = name
      self.handler = handler
      self.maximumDepth = maximumDepth
      callbacks = .allocate(capacity: 1)
      callbacks.initialize(to: cxml_callbacks(
        context: nil, start_element: Session.onStart, end_element: Session.onEnd, text: Session.onText))
      callbacks.pointee.context = Unmanaged.passUnretained(self).toOpaque()
      parser = cxml_open(callbacks, Int32(clamping: maximumDepth))
      if parser == nil { throw .unreadable(path: name, reason: "out of memory") }
    }

    deinit {
      cxml_close(parser)
      callbacks.deallocate()
    }

    /// Hands the next bytes (at most `chunkSize`) to the parser.
    func feed(_ bytes: some ContiguousBytes) throws(TraduError) {
      let (stop, problem) = bytes.withUnsafeBytes { raw in
        var problem = cxml_problem()
        let base = raw.baseAddress?.assumingMemoryBound(to: CChar.self)
        return (Int(cxml_feed(parser, base, Int32(raw.count), 0, &problem)), problem)
      }
      if stop != CXML_OK { throw error(stop: stop, problem: problem, atEnd: false) }
    }

    /// Tells the parser that the document ends here.
    func finish() throws(TraduError) {
      var problem = cxml_problem()
      let stop = Int(cxml_feed(parser, nil, 0, 1, &problem))
      if stop != CXML_OK { throw error(stop: stop, problem: problem, atEnd: true) }
    }

    // MARK: Callbacks (C function pointers; the context is this session, kept alive by the caller)

    private static func session(_ context: UnsafeMutableRawPointer?) -> Session {
      Unmanaged<Session>.fromOpaque(context!).takeUnretainedValue()
    }

    func name(_ pointer: UnsafePointer<CChar>?) -> String? {
      pointer.map { names.string(at: $0) }
    }

    private static let onStart: @convention(c) (
      UnsafeMutableRawPointer?, UnsafePointer<CChar>?, UnsafePointer<CChar>?, UnsafePointer<CChar>?,
      UnsafePointer<cxml_attribute>?, Int32
    ) -> Int32 = { context, local, prefix, uri, attributes, count in
      let session = Session.session(context)
      var tag = XMLStartTag(
        localName: session.name(local) ?? "", prefix: session.name(prefix), namespace: session.name(uri),
        attributes: XMLAttributes(),
        line: Int(cxml_line(session.parser)), column: Int(cxml_column(session.parser)))
      if count > 0 { tag.attributes.reserveCapacity(Int(count)) }
      for i in 0..<Int(count) {
        let a = attributes![i]
        let local = session.name(a.local_name) ?? ""
        let key = a.prefix.map { "\(session.name($0)!):\(local)" } ?? local
        let value = a.value.map {
          String(decoding: UnsafeRawBufferPointer(start: $0, count: Int(a.value_length)), as: UTF8.self)
        }
        tag.attributes.appendNew(key, value ?? "")
      }
      session.sawElement = true
      session.open.append((tag.qualifiedName, tag.line))
      do throws(XMLContentError) {
        try session.handler.startElement(tag)
        return 0
      } catch {
        session.handlerError = error
        return 1
      }
    }

    private static let onEnd: @convention(c) (
      UnsafeMutableRawPointer?, UnsafePointer<CChar>?, UnsafePointer<CChar>?, UnsafePointer<CChar>?
    ) -> Int32 = { context, local, _, uri in
      let session = Session.session(context)
      if !session.open.isEmpty { session.open.removeLast() }
      do throws(XMLContentError) {
        try session.handler.endElement(localName: session.name(local) ?? "", namespace: session.name(uri))
        return 0
      } catch {
        session.handlerError = error
        return 1
      }
    }

    private static let onText: @convention(c) (UnsafeMutableRawPointer?, UnsafePointer<CChar>?, Int32) -> Int32 = {
      context, bytes, length in
      let session = Session.session(context)
      guard let bytes, length > 0 else { return 0 }
      do throws(XMLContentError) {
        try session.handler.text(String(decoding: UnsafeRawBufferPointer(start: bytes, count: Int(length)), as: UTF8.self))
        return 0
      } catch {
        session.handlerError = error
        return 1
      }
    }

    // MARK: Errors in words

    private func error(stop: Int, problem: cxml_problem, atEnd: Bool) -> TraduError {
      var line = problem.line > 0 ? Int(problem.line) : nil
      var column = problem.column > 0 ? Int(problem.column) : nil
      let reason: String
      switch stop {
      case CXML_STOP_BY_HANDLER:
        let e = handlerError ?? XMLContentError("the content was refused")
        if let l = e.line { line = l; column = e.column }
        reason = e.reason
      case CXML_STOP_INTERNAL_SUBSET:
        reason = "has a DOCTYPE declaration with declarations in it (<!DOCTYPE \(text(problem, \.detail)) [ … ]>);"
          + " Tradu refuses them, since entities can read local files or expand without bound: remove the DOCTYPE"
      case CXML_STOP_UNKNOWN_ENTITY:
        reason = Self.unknownEntity(text(problem, \.detail))
      case CXML_STOP_TOO_DEEP:
        reason = "elements nested deeper than \(maximumDepth) levels (at <\(text(problem, \.detail))>)"
      case CXML_STOP_OUT_OF_MEMORY:
        reason = "out of memory while reading the XML"
      default:
        reason = "not well-formed XML: " + notWellFormed(problem, atEnd: atEnd)
      }
      return .malformedXML(path: name, line: line, column: column, reason: reason)
    }

    private func notWellFormed(_ problem: cxml_problem, atEnd: Bool) -> String {
      let message = text(problem, \.message)
      let detail = text(problem, \.detail)
      if !sawElement && (atEnd || problem.code == 4) {  // 4: XML_ERR_DOCUMENT_EMPTY
        return "the file has no XML element (is it empty?)"
      }
      switch Int(problem.code) {
      case 26, 27:  // XML_ERR_UNDECLARED_ENTITY, XML_WAR_UNDECLARED_ENTITY
        return Self.unknownEntity(detail)
      case 76:  // XML_ERR_TAG_NAME_MISMATCH
        return "</\(text(problem, \.detail2))> closes <\(detail)>, which opened on line \(problem.other_line);"
          + " close the elements in the reverse order of opening"
      case 81:  // XML_ERR_INVALID_ENCODING
        return Self.invalidBytes(message)
      case 9 where message.contains("Bytes:"):  // XML_ERR_INVALID_CHAR for a byte that is not UTF-8
        return Self.invalidBytes(message)
      case 9:  // XML_ERR_INVALID_CHAR: "PCDATA invalid Char value 1"
        let value = message.split(separator: " ").last.flatMap { UInt32($0) }
        let shown = value.map { "U+" + String(format: "%04X", $0) } ?? message
        return "a character that XML 1.0 does not allow (\(shown)); remove it or write it as text"
      default:
        if atEnd, let innermost = open.last {
          return "the file ends inside <\(innermost.name)> (opened on line \(innermost.line)) before it is closed;"
            + " it looks truncated"
        }
        return message.isEmpty ? "the parser stopped here" : message
      }
    }

    private static func invalidBytes(_ message: String) -> String {
      let bytes = message.range(of: "Bytes:").map { " (" + message[$0.upperBound...].trimmingCharacters(in: .whitespaces) + ")" } ?? ""
      return "bytes that are not valid UTF-8\(bytes); save the file as UTF-8 or declare its encoding in <?xml … encoding=\"…\"?>"
    }

    private static func unknownEntity(_ name: String) -> String {
      "unknown entity &\(name); (XML knows only &amp; &lt; &gt; &quot; &apos;):"
        + " write the character itself or a numeric reference such as &#160;"
    }

    private func text<T>(_ problem: cxml_problem, _ field: KeyPath<cxml_problem, T>) -> String {
      withUnsafeBytes(of: problem[keyPath: field]) { raw in
        let bytes = raw.prefix { $0 != 0 }
        return String(decoding: bytes, as: UTF8.self)
      }
    }
  }
}

/// The strings of the names libxml2 reports (elements, attributes, namespaces), made once per
/// parse rather than at every element: a million-unit XLIFF has millions of elements and a few
/// dozen names, and libxml2 hands out one interned copy of each name, always at one address.
///
/// A small cache by address: a string is reused only when its bytes still equal those at the
/// address, so an address that now holds another name never gives a wrong one.
struct NameStrings {
  private var slots = [(address: UnsafePointer<CChar>?, string: String)](repeating: (nil, ""), count: 128)

  /// The string of the NUL-terminated name at `address`.
  mutating func string(at address: UnsafePointer<CChar>) -> String {
    // Fibonacci hashing: the address times 2^64/φ, its top 7 bits (128 slots).
    let slot = Int(truncatingIfNeeded: (UInt64(UInt(bitPattern: address)) &* 0x9E37_79B9_7F4A_7C15) >> 57)
    if slots[slot].address == address, slots[slot].string.withCString({ strcmp($0, address) == 0 }) {
      return slots[slot].string
    }
    let made = String(cString: address)
    slots[slot] = (address, made)
    return made
  }
}
