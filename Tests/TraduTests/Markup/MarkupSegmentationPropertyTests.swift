import Foundation
import Testing
@testable import Tradu

/// The segments of an HTML or Markdown article are those of its plain text: the project's
/// Romanian texts (the segmentation fixture, the seed article, the hard cases) wrapped in
/// random inline markup, character references and white space, segmented as markup and as
/// text. Every page also merges back byte for byte. Each page comes from a seed; a failure
/// names it, and `page(…, seed:)` rebuilds the page.
@Suite struct MarkupSegmentationPropertyTests {
  /// A document: its paragraphs, each a text whose "\n" are line breaks inside the paragraph.
  struct Document: Sendable, CustomTestStringConvertible {
    var name: String
    var paragraphs: [String]
    var testDescription: String { name }
  }

  static let documents: [Document] = {
    var documents: [Document] = []
    for c in (try? MarkedCase.all()) ?? [] {
      documents.append(Document(name: "ro-sentences.txt:\(c.line)", paragraphs: [c.text]))
    }
    for path in ["Samples/mediafax-musk-putin.ro.txt", "Samples/hard-cases.ro.txt", "Samples/mediafax-musk-putin.v2.ro.txt"] {
      let text = ((try? repositoryText(path)) ?? "").replacingOccurrences(of: "\r\n", with: "\n")
      let paragraphs = text.components(separatedBy: "\n\n")
        .map { $0.trimmingCharacters(in: .newlines) }.filter { !$0.isEmpty }
      documents.append(Document(name: path, paragraphs: paragraphs))
    }
    return documents
  }()

  let preparer = Preparer(normalization: nil)

  /// The segments of the document as plain text, paragraphs apart by a blank line.
  func plainSegments(_ document: Document) throws -> [String] {
    let text = document.paragraphs.joined(separator: "\n\n") + "\n"
    let source = try MarkupPreparer.readText(bytes: Array(text.utf8), name: "plain.txt", format: .text)
    return try preparer.prepare(source, fingerprint: "").segments.map(\.source)
  }

  /// Segments the page as `format`, checks them against the plain text's and the codes
  /// against the segments, and merges the page back unchanged.
  func check(_ page: String, _ format: InputFormat, expected: [String], seed: UInt64) throws {
    let bytes = Array(page.utf8)
    let prepared = try MarkupPreparer(preparer: preparer).prepare(bytes: bytes, name: "page", format: format)
    let sources = prepared.segments.map(\.source)
    if sources != expected {
      let k = zip(sources, expected).enumerated().first { $0.element.0 != $0.element.1 }?.offset ?? min(sources.count, expected.count)
      let got = k < sources.count ? sources[k] : "(none)", wanted = k < expected.count ? expected[k] : "(none)"
      Issue.record("seed \(seed), \(format): segment \(k + 1) is «\(got)», not «\(wanted)»; the page:\n\(page)")
      return
    }
    for segment in prepared.segments {
      let length = segment.source.utf16.count
      #expect(segment.codes.map(\.position) == segment.codes.map(\.position).sorted(), "seed \(seed)")
      #expect(segment.codes.allSatisfy { $0.position >= 0 && $0.position <= length }, "seed \(seed)")
      // Each code's markup stands in the segment's bytes, in order.
      let covered = String(decoding: bytes[segment.original.utf8], as: UTF8.self)
      var rest = covered[...]
      for code in segment.codes {
        guard let found = rest.range(of: code.original) else {
          Issue.record("seed \(seed): code \(code.original) not in order in \(covered)")
          break
        }
        rest = rest[found.upperBound...]
      }
    }
    let tests = MarkupMergeTests()
    let merged = try tests.merge(try tests.translated(bytes, name: "page", format: format), bytes, format: format)
    let unchanged = format == .html ? page.replacingOccurrences(of: "<html lang=\"ro\">", with: "<html lang=\"en\">") : page
    #expect(merged.text == unchanged, "seed \(seed), \(format)")
  }

  static let seedsPerDocument = 2

  @Test(arguments: documents)
  func markupSegmentsAreThoseOfThePlainText(_ document: Document) throws {
    let expected = try plainSegments(document)
    let rounds = document.paragraphs.count > 1 ? Self.seedsPerDocument * 4 : Self.seedsPerDocument
    for round in 0..<rounds {
      var hasher = Hasher64()
      hasher.add(document.name)
      let seed = hasher.value &+ UInt64(round)
      try check(RandomMarkup.html(document.paragraphs, seed: seed), .html, expected: expected, seed: seed)
      try check(RandomMarkup.markdown(document.paragraphs, seed: seed), .markdown, expected: expected, seed: seed)
    }
  }

  /// The generators make what they are meant to: markup around the text, which the plain
  /// text does not contain.
  @Test func generatedPagesHoldMarkup() throws {
    let paragraphs = ["Dl. Popescu a spus că „nimic” nu e sigur & clar.\nApoi a plecat la Iași."]
    var htmlTags = 0, markdownCodes = 0
    for seed in UInt64(1)...20 {
      let html = RandomMarkup.html(paragraphs, seed: seed)
      #expect(html.lowercased().contains("<br"))
      #expect(html.lowercased().contains("&amp;") || html.contains("&#38;"))
      htmlTags += html.components(separatedBy: "<").count
      let markdown = RandomMarkup.markdown(paragraphs, seed: seed)
      let prepared = try MarkupPreparer(preparer: preparer).prepare(bytes: Array(markdown.utf8), name: "m", format: .markdown)
      markdownCodes += prepared.segments.map(\.codes.count).reduce(0, +)
    }
    #expect(htmlTags > 20 * 8)
    #expect(markdownCodes > 20 * 2)
  }
}

/// FNV-1a over a string: a stable seed from a document's name.
struct Hasher64 {
  var value: UInt64 = 0xCBF2_9CE4_8422_2325
  mutating func add(_ text: String) {
    for byte in text.utf8 {
      value ^= UInt64(byte)
      value = value &* 0x100_0000_01B3
    }
  }
}

/// A seeded random number generator (SplitMix64): the same seed, the same page.
struct SeededGenerator: RandomNumberGenerator {
  private var state: UInt64

  init(seed: UInt64) {
    state = seed
  }

  mutating func next() -> UInt64 {
    state &+= 0x9E37_79B9_7F4A_7C15
    var z = state
    z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
    z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
    return z ^ (z >> 31)
  }

  mutating func chance(_ probability: Double) -> Bool {
    Double.random(in: 0..<1, using: &self) < probability
  }

  mutating func pick<T>(_ items: [T]) -> T {
    items[Int.random(in: 0..<items.count, using: &self)]
  }
}

/// Random inline markup around plain paragraphs, in HTML and in Markdown, whose text with the
/// tags removed is the paragraphs' text.
enum RandomMarkup {
  /// Properly nested spans over the positions `0...count`: pairs `(lo, hi)`, lo < hi, any two
  /// either apart or one inside the other, in opening order (outer first at equal starts).
  static func nestedSpans(count: Int, wanted: Int, using rng: inout SeededGenerator) -> [(lo: Int, hi: Int)] {
    guard count > 0 else { return [] }
    var spans: [(lo: Int, hi: Int)] = []
    for _ in 0..<wanted * 3 where spans.count < wanted {
      let a = Int.random(in: 0...count, using: &rng), b = Int.random(in: 0...count, using: &rng)
      let lo = min(a, b), hi = max(a, b)
      guard lo < hi else { continue }
      let fits = spans.allSatisfy { s in
        hi <= s.lo || lo >= s.hi || (lo >= s.lo && hi <= s.hi) || (s.lo >= lo && s.hi <= hi)
      }
      if fits { spans.append((lo, hi)) }
    }
    return spans.enumerated().sorted { x, y in
      x.element.lo != y.element.lo ? x.element.lo < y.element.lo
        : x.element.hi != y.element.hi ? x.element.hi > y.element.hi : x.offset < y.offset
    }.map(\.element)
  }

  // MARK: HTML

  static let htmlPairs: [(open: String, close: String)] = [
    ("<b>", "</b>"), ("<i>", "</i>"), ("<em>", "</em>"), ("<strong>", "</strong>"), ("<span class=\"nume\">", "</span>"),
    ("<a href=\"/tag/x?a=1&amp;b=2\">", "</a>"), ("<a href='https://www.mediafax.ro/'>", "</a>"), ("<sup>", "</sup>"),
    ("<abbr>", "</abbr>"), ("<mark>", "</mark>"), ("<U>", "</u>"), ("<small>", "</small>"), ("<q>", "</q>"),
    ("<B\nclass=x>", "</B >"),
  ]
  static let htmlPlaceholders = [
    "<img src=\"/img/a.jpg\">", "<wbr>", "<!-- notă: <b>nu</b> -->", "<code>x = 1 &lt; 2</code>", "<b></b>",
    "<img src=x.jpg />", "<span class=\"sr-only\"></span>",
  ]

  /// An HTML page: each paragraph in a block (`p`, `div`, `h2`, `li`, `blockquote`,
  /// `figcaption`), inline elements and placeholders anywhere between characters, references
  /// for some characters, line breaks as `<br>`, single spaces sometimes as longer white space.
  static func html(_ paragraphs: [String], seed: UInt64) -> String {
    var rng = SeededGenerator(seed: seed)
    var page = "<!DOCTYPE html>\n<html lang=\"ro\">\n<head><meta charset=\"utf-8\"></head>\n<body>\n"
    for paragraph in paragraphs {
      let (open, close) = rng.pick([
        ("<p>", "</p>"), ("<div class=\"text\">", "</div>"), ("<h2>", "</h2>"), ("<ul><li>", "</li></ul>"),
        ("<blockquote>", "</blockquote>"), ("<figure><figcaption>", "</figcaption></figure>"), ("<p>", ""),
      ])
      page += open
      if rng.chance(0.3) { page += "\n  " }
      page += inlineHTML(Array(paragraph), using: &rng)
      if rng.chance(0.3) { page += "\n" }
      page += close + "\n"
    }
    return page + "</body>\n</html>\n"
  }

  static func inlineHTML(_ characters: [Character], using rng: inout SeededGenerator) -> String {
    let spans = nestedSpans(count: characters.count, wanted: max(1, characters.count / 12), using: &rng)
    let tags = spans.map { _ in rng.pick(htmlPairs) }
    var out = ""
    for p in 0...characters.count {
      // Ends (innermost first), placeholders, starts (outermost first).
      for (k, span) in spans.enumerated().reversed() where span.hi == p { out += tags[k].close }
      if rng.chance(0.04) { out += rng.pick(htmlPlaceholders) }
      for (k, span) in spans.enumerated() where span.lo == p { out += tags[k].open }
      guard p < characters.count else { break }
      out += htmlText(characters[p], using: &rng)
    }
    return out
  }

  static func htmlText(_ c: Character, using rng: inout SeededGenerator) -> String {
    switch c {
    case "&": return rng.pick(["&amp;", "&#38;", "&AMP;"])
    case "<": return rng.pick(["&lt;", "&#60;"])
    case ">": return rng.pick(["&gt;", ">"])
    case "\u{A0}": return rng.pick(["&nbsp;", "\u{A0}", "&#160;"])
    case "\n": return rng.pick(["<br>", "<br/>", "<br>\n", "<BR />\n  "])
    case " ": return rng.chance(0.1) ? rng.pick(["\n", "  ", "\n    ", "\t"]) : " "
    default:
      if c.unicodeScalars.count == 1, let scalar = c.unicodeScalars.first, !scalar.isASCII, rng.chance(0.1) {
        return rng.chance(0.5) ? "&#\(scalar.value);" : "&#x\(String(scalar.value, radix: 16, uppercase: true));"
      }
      return String(c)
    }
  }

  // MARK: Markdown

  enum MarkdownSpan: CaseIterable {
    case emphasis, underscore, strong, strongUnderscore, link, titledLink, strikethrough, html

    var isDelimiterRun: Bool { self != .link && self != .titledLink && self != .html }
  }

  /// A Markdown article: each paragraph a paragraph, list item, quote or (one line) heading,
  /// emphasis, links and inline HTML around whole words, code spans and empty images after
  /// words, punctuation that would be markup escaped, line breaks soft or hard.
  static func markdown(_ paragraphs: [String], seed: UInt64) -> String {
    var rng = SeededGenerator(seed: seed)
    var blocks: [String] = []
    for paragraph in paragraphs {
      let lines = paragraph.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
      var kinds = ["paragraph", "item", "quote"]
      if lines.count == 1 { kinds.append("heading") }
      let kind = rng.pick(kinds)
      // Words: runs without spaces; the spaces and line breaks between them kept apart.
      var words: [String] = []
      var separators: [String] = []  // after each word: " ", "\n" or ""
      for (l, line) in lines.enumerated() {
        let lineWords = line.split(separator: " ", omittingEmptySubsequences: false).map(String.init)
        for (w, word) in lineWords.enumerated() {
          words.append(escapedWord(word, atLineStart: w == 0, using: &rng))
          separators.append(w + 1 < lineWords.count ? " " : (l + 1 < lines.count ? "\n" : ""))
        }
      }
      // Spans over whole words (closed ranges of word indices); no link inside a link.
      let spans = nestedSpans(count: words.count, wanted: max(1, words.count / 5), using: &rng)
      var kindsOfSpans: [MarkdownSpan] = []
      for span in spans {
        var kind = rng.pick(MarkdownSpan.allCases)
        // No link in a link, no strikethrough in a strikethrough: Markdown has neither.
        let around = zip(spans, kindsOfSpans).filter { s, _ in s.lo <= span.lo && span.hi <= s.hi }.map(\.1)
        if (kind == .link || kind == .titledLink) && around.contains(where: { $0 == .link || $0 == .titledLink }) { kind = .strong }
        if kind == .strikethrough && around.contains(.strikethrough) { kind = .emphasis }
        kindsOfSpans.append(kind)
      }
      // A delimiter run (`*`, `_`, `~~`) next to other markup on both sides can both open and
      // close, and then CommonMark's "rule of 3" may leave it as text: such a run is kept the
      // outermost code where its span starts and where it ends, and the others become HTML.
      for (k, span) in spans.enumerated() where kindsOfSpans[k].isDelimiterRun {
        let sharesAnEdge = spans.enumerated().contains { j, other in
          j != k && (other.lo == span.lo || other.hi == span.hi) && other.lo <= span.lo && span.hi <= other.hi
            && (other.lo != span.lo || other.hi != span.hi || j < k)
        }
        if sharesAnEdge { kindsOfSpans[k] = .html }
      }
      var text = ""
      for (i, word) in words.enumerated() {
        for (k, span) in spans.enumerated() where span.lo == i && span.hi > span.lo { text += opening(kindsOfSpans[k]) }
        text += word
        if !word.isEmpty && rng.chance(0.05) { text += rng.pick(["`x = 1`", "``a`b``", "![](/img/a.jpg)"]) }
        for (k, span) in spans.enumerated().reversed() where span.hi == i + 1 && span.hi > span.lo { text += closing(kindsOfSpans[k]) }
        switch separators[i] {
        case "\n":
          // A backslash break right after a closing delimiter would make it both-flanking.
          let closes = spans.contains { $0.hi == i + 1 && $0.hi > $0.lo }
          text += rng.pick(closes ? ["\n", "  \n"] : ["\n", "\n", "  \n", "\\\n"])
          text += kind == "quote" ? "> " : (kind == "item" ? "  " : "")
          text += rng.pick(["", "", " ", "  ", "   "])
        case " ":
          text += rng.chance(0.05) ? "  " : " "
        default:
          break
        }
      }
      switch kind {
      case "item": blocks.append("- " + text)
      case "quote": blocks.append("> " + text)
      case "heading": blocks.append(rng.pick(["# ", "## ", "### "]) + text + rng.pick(["", " ##"]))
      default: blocks.append(text)
      }
    }
    let frontMatter = rng.chance(0.3) ? "---\nauthor: Redacția\n---\n\n" : ""
    return frontMatter + blocks.joined(separator: "\n\n") + "\n"
  }

  static func opening(_ kind: MarkdownSpan) -> String {
    switch kind {
    case .emphasis: return "*"
    case .underscore: return "_"
    case .strong: return "**"
    case .strongUnderscore: return "__"
    case .link, .titledLink: return "["
    case .strikethrough: return "~~"
    case .html: return "<span class=\"x\">"
    }
  }

  static func closing(_ kind: MarkdownSpan) -> String {
    switch kind {
    case .emphasis: return "*"
    case .underscore: return "_"
    case .strong: return "**"
    case .strongUnderscore: return "__"
    case .link: return "](/tag/x_(y))"
    case .titledLink: return "](https://www.mediafax.ro/ \"Titlu *nu*\")"
    case .strikethrough: return "~~"
    case .html: return "</span>"
    }
  }

  /// A word with what Markdown would read as markup escaped; at a line's start, also what
  /// would start a block (`#`, `-`, `+`, `=`, `>`, `1.`).
  static func escapedWord(_ word: String, atLineStart: Bool, using rng: inout SeededGenerator) -> String {
    var out = ""
    let characters = Array(word)
    for (i, c) in characters.enumerated() {
      let first = atLineStart && i == 0
      let numbered = atLineStart && (c == "." || c == ")") && i > 0 && characters[..<i].allSatisfy(\.isASCII) && characters[..<i].allSatisfy(\.isNumber)
      if "\\*_`[]<>!|~".contains(c) || (first && "#-+=>".contains(c)) || numbered {
        out += "\\" + String(c)
      } else if c == "&" {
        out += rng.pick(["&amp;", "\\&"])
      } else if c == "\u{A0}" {
        out += rng.pick(["&nbsp;", "\u{A0}"])
      } else if c.unicodeScalars.count == 1, let scalar = c.unicodeScalars.first, !scalar.isASCII, rng.chance(0.05) {
        out += "&#\(scalar.value);"
      } else {
        out += String(c)
      }
    }
    return out
  }
}
