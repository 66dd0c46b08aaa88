import ArgumentParser
import Foundation
import Synchronization
import Tradu

extension CheckCommand {
  /// Whether the command checks folders: a folder as the input, or folders as --source and
  /// --target.
  var isBatch: Bool {
    [input, source].contains { path in
      var isFolder: ObjCBool = false
      guard let path, path != "-" else { return false }
      return FileManager.default.fileExists(atPath: path, isDirectory: &isFolder) && isFolder.boolValue
    }
  }

  /// The extensions of the translated files a folder contributes.
  static let translatedExtensions: Set<String> = ["xlf", "xliff", "json", "jsonl", "tmx"]

  /// Folder mode: every translated file below the input folder, or every .txt below --source
  /// paired with the file at the same path below --target, checked on `--jobs` cores. Reports
  /// go to `-o FOLDER` (one per file, at the same path) or, as text, to standard output in
  /// order. Exit 2 when a file could not be checked, else 1 when findings reach --fail-on.
  func runBatch(_ checker: ConsistencyChecker) throws {
    if let output, output != "-" {
      try reportingErrors { try PrepareCommand.makeFolder(output) }
    } else if format != .text {
      throw ValidationError("Checking a folder with --format \(format.rawValue) writes one report per file: add -o FOLDER.")
    }
    let pairs: [(file: BatchFile, target: String?)] = try reportingErrors {
      if let source, let target {
        var isFolder: ObjCBool = false
        guard FileManager.default.fileExists(atPath: target, isDirectory: &isFolder), isFolder.boolValue else {
          throw TraduError.unreadable(path: target, reason: "--source is a folder, so --target must be one too")
        }
        return try BatchInputs.list([source], extensions: ["txt"], outputFolder: output ?? "\0")
          .map { ($0, (target as NSString).appendingPathComponent($0.relativePath)) }
      }
      return try BatchInputs.list([input!], extensions: Self.translatedExtensions, outputFolder: output ?? "\0").map { ($0, nil) }
    }
    let files = pairs.map(\.file)
    let progress = Mutex(BatchProgress(style: batchOptions.resolvedProgress, verb: "check", files: files))
    let command = self
    let reports = concurrentMap(pairs.indices.map { $0 }, jobs: batchOptions.jobCount, { i -> CheckedFile in
      var one = command
      if let target = pairs[i].target {
        one.source = pairs[i].file.path
        one.target = target
      } else {
        one.input = pairs[i].file.path
      }
      do {
        let report = try checker.check(try one.readDocument())
        let rendered = command.render(report)
        if let output = command.output, output != "-" {
          let path = (output as NSString).appendingPathComponent(pairs[i].file.relativePath + command.reportExtension)
          try PrepareCommand.makeFolder((path as NSString).deletingLastPathComponent)
          let inputs = [pairs[i].file.path, pairs[i].target, command.glossary.glossary].compactMap { $0 }
          try OutputFile(path, reading: inputs).write(rendered)
        }
        return .checked(report: rendered, hasFindings: report.hasFindings(atOrAbove: command.failOn))
      } catch let error as TraduError {
        return .failed(error.description)
      } catch let error as ICUError {
        return .failed("\(pairs[i].file.path): \(error.description)")
      } catch {
        return .failed("\(pairs[i].file.path): \(error)")
      }
    }, finished: { i, checked in
      let outcome: BatchOutcome
      if case .failed(let message) = checked { outcome = .failed(message) } else { outcome = .done(fingerprint: "") }
      progress.withLock { $0.count(outcome, size: files[i].size) }
    })
    progress.withLock { $0.report(final: true) }

    var out = OutputBuffer()
    var failures: [String] = []
    var withFindings = 0
    // In the order of the inputs' paths.
    for i in pairs.indices.sorted(by: { pairs[$0].file.relativePath < pairs[$1].file.relativePath }) {
      switch reports[i] {
      case .checked(let rendered, let found):
        if output == nil || output == "-" { out.write(rendered) }
        if found { withFindings += 1 }
      case .failed(let message):
        failures.append(message)
      }
    }
    out.flush()
    if !batchOptions.quiet {
      printError("checked \(pairs.count - failures.count) of \(pairs.count) files: \(withFindings) with findings at or above \(failOn.rawValue)")
    }
    guard failures.isEmpty else {
      printError("\(failures.count) file\(failures.count == 1 ? "" : "s") could not be checked:")
      for message in failures { FileHandle.standardError.write(Data("  \(message)\n".utf8)) }
      throw ExitStatus.badInput
    }
    if withFindings > 0 { throw ExitStatus.findings }
  }

  /// The report in the chosen format.
  func render(_ report: CheckReport) -> String {
    switch format {
    case .text: return TextReport.render(report)
    case .json: return JSONReport.render(report)
    case .html: return HTMLReport.render(report)
    }
  }

  /// What a report file's name adds to its input's.
  var reportExtension: String {
    switch format {
    case .text: return ".check.txt"
    case .json: return ".check.json"
    case .html: return ".check.html"
    }
  }
}

/// One file of a folder check: its rendered report and whether it has findings at or above
/// --fail-on, or why it could not be checked.
enum CheckedFile: Sendable {
  case checked(report: String, hasFindings: Bool)
  case failed(String)
}
