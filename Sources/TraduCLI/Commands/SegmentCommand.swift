import ArgumentParser
import Foundation
import Tradu

/// `tradu segment`: paragraphs and sentences, one segment per line.
struct SegmentCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "segment",
    abstract: "Cut a Romanian text into paragraphs and sentence segments.",
    discussion: """
      Prints one segment per line with its id (p{paragraph}.s{sentence}). With --jsonl, reads
      {"id","text"} objects from standard input, one per line, and answers each with
      {"id","sentences"} (the evaluation protocol; the text is segmented as given).

      Examples:
        tradu segment Samples/mediafax-musk-putin.ro.txt
        tradu segment --format json article.txt > segments.json
        echo '{"id":"1","text":"Dl. Popescu a venit. A plecat."}' | tradu segment --jsonl
      """
  )

  enum Format: String, ExpressibleByArgument, CaseIterable {
    case text, json
  }

  @Argument(help: "The text file to segment, or '-' for standard input.")
  var input: String?

  @Option(help: "Output format: text (id, tab, segment) or json.")
  var format: Format = .text

  @Flag(help: "Stream the JSONL protocol: {\"id\",\"text\"} lines in, {\"id\",\"sentences\"} lines out.")
  var jsonl = false

  @Option(help: "ICU locale for sentence breaking.")
  var locale = "ro"

  func validate() throws {
    if jsonl && input != nil {
      throw ValidationError("--jsonl reads standard input; do not name a file.")
    }
    if !jsonl && input == nil {
      throw ValidationError("Name a text file to segment, or '-' for standard input.")
    }
  }

  func run() throws {
    let segmenter = Segmenter(locale: locale)
    if jsonl {
      try runJSONL(segmenter)
      return
    }
    try reportingErrors {
      let document = try TextReader.read(path: input ?? "-")
      let segmented = try segmenter.segment(document.text)
      var out = OutputBuffer()
      switch format {
      case .text:
        for segment in segmented.segments {
          out.write("\(segment.id)\t\(segment.text)\n")
        }
      case .json:
        out.write(try segmentsJSON(segmented, name: document.name))
      }
      out.flush()
    }
  }

  private func segmentsJSON(_ segmented: SegmentedText, name: String) throws -> String {
    let offsets = OffsetConverter(segmented.text)
    let segments: [[String: Any]] = segmented.segments.map { s in
      [
        "id": s.id, "paragraph": s.paragraph, "text": s.text,
        "start": offsets.codePointOffset(ofUTF16: s.range.lowerBound),
        "end": offsets.codePointOffset(ofUTF16: s.range.upperBound),
      ]
    }
    let object: [String: Any] = ["document": name, "offsetUnit": "codepoint", "segments": segments]
    let data = try JSONSerialization.data(
      withJSONObject: object, options: [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes])
    return String(decoding: data, as: UTF8.self) + "\n"
  }

  private func runJSONL(_ segmenter: Segmenter) throws {
    var out = OutputBuffer()
    var lineNumber = 0
    var failed = false
    while let line = readLine(strippingNewline: true) {
      lineNumber += 1
      if line.allSatisfy(\.isWhitespace) { continue }
      let response: [String: Any]
      switch Result(catching: { () throws(TraduError) -> [String: Any] in
        let record = try JSONLRecord(line: line, number: lineNumber)
        let segmented = try segmenter.segment(try record.string("text"))
        return ["id": record.id, "sentences": segmented.segments.map(\.text)]
      }) {
      case .success(let value):
        response = value
      case .failure(let error):
        printError(error.description)
        failed = true
        response = ["error": error.description]
      }
      let data = try JSONSerialization.data(withJSONObject: response, options: [.sortedKeys, .withoutEscapingSlashes])
      out.write(String(decoding: data, as: UTF8.self) + "\n")
    }
    out.flush()
    if failed { throw ExitStatus.badInput }
  }
}
