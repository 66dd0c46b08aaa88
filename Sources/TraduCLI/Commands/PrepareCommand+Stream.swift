import Foundation
import Tradu

extension PrepareCommand {
  /// `--input-format jsonl`: prepares each `{"id","text"}` line of standard input as an article
  /// named by its id and writes its units (the `jsonl` format) before reading on.
  ///
  /// Lines are read a batch at a time (a few per core, at most a few MB) and the batch's
  /// articles are prepared side by side, then written in input order: memory holds one batch,
  /// however long the stream.
  func streamJSONL() throws {
    let preparer = try makePreparer()
    let exporter = JSONExporter(stamp: ExportStamp(toolVersion: TraduCommand.version, date: date), offsetUnit: offsets)
    let batchLines = 4 * Cores.count
    let batchBytes = 4 << 20
    var out = OutputBuffer()
    var lineNumber = 0
    var failures = 0
    var articles = 0
    var batch: [StreamLine] = []
    var bytesInBatch = 0

    func flushBatch() {
      let language = sourceLanguage
      let results = concurrentMap(batch) { item -> Result<[UInt8], TraduError> in
        Result { () throws(TraduError) in
          let record = try JSONLRecord(line: item.line, number: item.number)
          let text = try record.string("text")
          let id = try record.idText()
          var prepared = try preparer.prepare(
            SourceDocument(name: id, language: language, text: text),
            fingerprint: Preparer.fingerprint(of: Array(text.utf8)))
          prepared.name = id
          return exporter.renderLinesUTF8(prepared)
        }
      }
      for result in results {
        switch result {
        case .success(let lines):
          out.write(bytes: lines)
          articles += 1
        case .failure(let error):
          printError(error.description)
          failures += 1
        }
      }
      out.flush()
      batch.removeAll(keepingCapacity: true)
      bytesInBatch = 0
    }

    while let line = readLine(strippingNewline: true) {
      lineNumber += 1
      if line.allSatisfy(\.isWhitespace) { continue }
      bytesInBatch += line.utf8.count
      batch.append(StreamLine(line: line, number: lineNumber))
      if batch.count >= batchLines || bytesInBatch >= batchBytes { flushBatch() }
    }
    if !batch.isEmpty { flushBatch() }
    if stats != .none {
      printError("standard input → standard output (JSONL): \(articles) article\(articles == 1 ? "" : "s") prepared"
        + (failures > 0 ? ", \(failures) bad line\(failures == 1 ? "" : "s")" : ""))
    }
    if failures > 0 { throw ExitStatus.badInput }
  }
}

/// One line of the stream and its number.
struct StreamLine: Sendable {
  var line: String
  var number: Int
}
