import ArgumentParser
import Foundation
import Synchronization
import Tradu

extension AlignCommand {
  /// Whether the command aligns folders: the Romanian side is a folder.
  var isBatch: Bool {
    var isFolder: ObjCBool = false
    guard !jsonl, let source, source != "-" else { return false }
    return FileManager.default.fileExists(atPath: source, isDirectory: &isFolder) && isFolder.boolValue
  }

  /// Folder mode: every .txt below `source` aligned with the file at the same path below
  /// `translation`, on `--jobs` cores; each aligned file (and its report, unless the report is
  /// text) written at that path below the `-o` folder. Exit 2 when a pair could not be
  /// aligned, else 1 when a pair does not look like a translation.
  func runBatch(source: String, translation: String) throws {
    guard let folder = output, folder != "-" else {
      throw ValidationError("Aligning folders writes one file per article: add -o FOLDER.")
    }
    let (files, preparer) = try reportingErrors { () throws -> ([BatchFile], Preparer) in
      var isFolder: ObjCBool = false
      guard FileManager.default.fileExists(atPath: translation, isDirectory: &isFolder), isFolder.boolValue else {
        throw TraduError.unreadable(path: translation, reason: "the articles are a folder, so the translations must be one too")
      }
      try PrepareCommand.makeFolder(folder)
      let files = try BatchInputs.list([source], extensions: ["txt"], outputFolder: folder)
      // One preparer, its stages built once, for every pair.
      return (files, Preparer(normalization: try normalizationArguments.normalizationOptions()))
    }
    let progress = Mutex(BatchProgress(style: batchOptions.resolvedProgress, verb: "align", files: files))
    let command = self
    let outcomes = concurrentMap(files, jobs: batchOptions.jobCount, { file -> AlignedPair in
      command.alignInBatch(file, translations: translation, into: folder, preparer: preparer)
    }, finished: { index, outcome in
      let counted: BatchOutcome
      if case .failed(let message) = outcome { counted = .failed(message) } else { counted = .done(fingerprint: "") }
      progress.withLock { $0.count(counted, size: files[index].size) }
    })
    progress.withLock { $0.report(final: true) }

    // In the order of the articles' paths.
    var failures: [String] = []
    var untranslated: [String] = []
    var written = 0
    for i in files.indices.sorted(by: { files[$0].relativePath < files[$1].relativePath }) {
      switch outcomes[i] {
      case .aligned(let problems, let wasWritten):
        if wasWritten { written += 1 }
        untranslated += problems
      case .failed(let message):
        failures.append(message)
      }
    }
    if !batchOptions.quiet {
      printError("\(folder): \(written) aligned file\(written == 1 ? "" : "s") written, \(files.count - failures.count) of \(files.count) pairs aligned")
    }
    if !untranslated.isEmpty {
      printError("\(untranslated.count) problem\(untranslated.count == 1 ? "" : "s") (pairs that do not look like translations\(force ? "" : " get no file; --force writes them")):")
      for problem in untranslated { FileHandle.standardError.write(Data("  \(problem)\n".utf8)) }
    }
    guard failures.isEmpty else {
      printError("\(failures.count) of \(files.count) pair\(files.count == 1 ? "" : "s") could not be aligned:")
      for message in failures { FileHandle.standardError.write(Data("  \(message)\n".utf8)) }
      throw ExitStatus.badInput
    }
    if !untranslated.isEmpty { throw ExitStatus.findings }
  }

  /// Aligns one article of a folder with its translation (same relative path below
  /// `translations`) and writes the aligned file and report; never throws.
  func alignInBatch(_ file: BatchFile, translations: String, into folder: String, preparer: Preparer) -> AlignedPair {
    let translation = (translations as NSString).appendingPathComponent(file.relativePath)
    let target = (folder as NSString).appendingPathComponent(
      BatchInputs.replacingExtension(of: file.relativePath, with: "aligned." + format.fileExtension))
    do {
      guard FileManager.default.fileExists(atPath: translation) else {
        throw TraduError.unreadable(path: translation, reason: "no translation of \(file.path) at this path")
      }
      try PrepareCommand.makeFolder((target as NSString).deletingLastPathComponent)
      let output = try OutputFile(target, reading: [file.path, translation], replacingTranslations: replaceTranslated)
      let aligned = try align(file.path, with: translation, preparer: preparer)
      let problems = aligned.problems.map { "\(translation): \($0)" }
      let writes = problems.isEmpty || force
      if writes { try output.write(render(aligned)) }
      if report != .text {
        let path = (folder as NSString).appendingPathComponent(
          BatchInputs.replacingExtension(of: file.relativePath, with: "report." + report.rawValue))
        try OutputFile(path, reading: [file.path, translation]).write(Array(reportText(aligned).utf8))
      }
      return .aligned(problems: problems, written: writes)
    } catch let error as TraduError {
      return .failed(error.description)
    } catch {
      return .failed("\(file.path): \(error)")
    }
  }
}

/// One pair of a folder alignment: aligned (with the reasons it may not be a translation,
/// and whether its file was written), or why it could not be aligned.
enum AlignedPair: Sendable {
  case aligned(problems: [String], written: Bool)
  case failed(String)
}
