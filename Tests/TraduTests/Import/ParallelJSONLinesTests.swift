import Testing
@testable import Tradu

/// `BilingualReader.forEachJSONLineInParallel` parses blocks of lines at the same time; what
/// its callers see must be what the line-by-line reading gives them: the same objects with the
/// same line numbers, in order, and on bad input the same error after the same lines.
@Suite struct ParallelJSONLinesTests {
  /// Lines of the evaluation protocol and of prepared units, blank and white-space lines, CR LF
  /// endings, a last line without a line end.
  static let good = [
    #"{"id": "1", "source": "Kremlinul a negat acuzațiile.", "target": "The Kremlin denied the accusations."}"#,
    "",
    #"{"source": "Purtătorul de cuvânt al Kremlinului, Dmitri Peskov, a declarat că nu știe nimic.", "target": null}"#,
    "   \t",
    #"{"format": "tradu-unit", "srcLang": "ro-RO", "trgLang": "en", "unit": {"id": "u2", "segments": [{"id": "s1", "source": "Putin a sosit la Beijing.", "target": "Putin arrived in Beijing."}, {"source": "Vizita durează două zile.", "target": null}]}}"#,
    #"{"id": 7, "source": "Uniunea Europeană a anunțat sancțiuni.\r", "target": "The EU announced sanctions."}"# + "\r",
    #"{"source": "Guvernul de la Chișinău a răspuns.", "target": "The government in Chișinău replied."}"#,
  ]

  static func text(_ lines: [String], repeated: Int = 5, finalNewline: Bool = true) -> String {
    let all = (0..<repeated).flatMap { _ in lines }
    return all.joined(separator: "\n") + (finalNewline ? "\n" : "")
  }

  /// What a reading hands its caller: each object and line number, then the error text, if any.
  static func calls(_ text: String, parallel blockSize: Int?) -> [String] {
    var seen: [String] = []
    do {
      let bytes = Array(text.utf8)
      let record = { (object: JSONObject, number: Int) throws(TraduError) in
        seen.append("\(number): \(object.members.map(\.key)) \(object.line) \(object["source"]?.string ?? "-")")
      }
      if let blockSize {
        try BilingualReader.forEachJSONLineInParallel(bytes, name: "t.jsonl", blockSize: blockSize, record)
      } else {
        try BilingualReader.forEachJSONLine(bytes, name: "t.jsonl", record)
      }
    } catch {
      seen.append("error: \(error)")
    }
    return seen
  }

  @Test(arguments: [1, 7, 64, 300, 1 << 20])
  func goodLinesReachTheCallerAsReadLineByLine(blockSize: Int) {
    for finalNewline in [true, false] {
      let text = Self.text(Self.good, finalNewline: finalNewline)
      let serial = Self.calls(text, parallel: nil)
      #expect(serial.count == 25)
      #expect(Self.calls(text, parallel: blockSize) == serial)
    }
  }

  @Test(arguments: [1, 7, 64, 300, 1 << 20])
  func aBadLineIsTheSameErrorAfterTheSameLines(blockSize: Int) {
    let bad = [
      #"{"id": "9", "source": "Kremlinul a "#,  // cut short
      #"["not", "an", "object"]"#,
      #"{"id": "9", "source": "Trump" "target": "Trump"}"#,
    ]
    for line in bad {
      for position in [0, 3, 17, 34] {
        var lines = (0..<5).flatMap { _ in Self.good }
        lines.insert(line, at: position)
        lines.append(line)  // a second bad line, never reached
        let text = lines.joined(separator: "\n") + "\n"
        let serial = Self.calls(text, parallel: nil)
        #expect(serial.last?.hasPrefix("error: t.jsonl:\(position + 1): not a JSON object") == true)
        #expect(Self.calls(text, parallel: blockSize) == serial)
      }
    }
  }

  /// An error the caller throws for a line comes before a syntax error of a later line in the
  /// same block.
  @Test(arguments: [1, 64, 1 << 20])
  func theCallersErrorForAnEarlierLineComesFirst(blockSize: Int) throws {
    let text = Self.text(Self.good, repeated: 1) + #"{"id": "x", "target": "no source"}"# + "\n" + #"{"source": "#
    for parallel in [true, false] {
      #expect {
        try BilingualReader.jsonl(text, name: "t.jsonl", blockSize: parallel ? blockSize : Int.max)
      } throws: { "\($0)" == "t.jsonl:8: unit x: missing string field \"source\"" }
    }
  }

  @Test(arguments: [1, 64, 300])
  func documentsReadInBlocksEqualThoseReadWhole(blockSize: Int) throws {
    let text = Self.text(Self.good, repeated: 12)
    let whole = try BilingualReader.jsonl(text, name: "t.jsonl", blockSize: Int.max)
    #expect(whole.files.map(\.units.count) == [60])
    #expect(try BilingualReader.jsonl(text, name: "t.jsonl", blockSize: blockSize) == whole)
    #expect(try BilingualReader.jsonl(text, name: "t.jsonl") == whole)
  }

  /// The line feeds `memchr` finds are those a byte-by-byte reading finds, in every range.
  @Test func lineFeedsAreFoundWhereTheyStand() {
    let text = Array(Self.text(Self.good, repeated: 2, finalNewline: false).utf8) + Array("\n\nă\n".utf8)
    for lower in [0, 1, 37, text.count - 3, text.count] {
      for upper in [lower, lower + 1, text.count - 1, text.count] where upper >= lower && upper <= text.count {
        let range = lower..<upper
        #expect(BilingualReader.firstLineFeed(text, range) == text[range].firstIndex(of: 0x0A))
        #expect(BilingualReader.lineFeedCount(text, range) == text[range].count { $0 == 0x0A })
      }
    }
    #expect(BilingualReader.lineFeedCount(text, 0..<text.count) == 16)
    #expect(BilingualReader.firstLineFeed([], 0..<0) == nil)
  }
}
