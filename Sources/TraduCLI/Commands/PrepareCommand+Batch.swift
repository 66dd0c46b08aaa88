import ArgumentParser
import Foundation
import Synchronization
import Tradu

extension PrepareCommand {
  /// Whether the command prepares many articles into a folder: several inputs, or a folder.
  var isBatch: Bool {
    if !moreArticles.isEmpty { return true }
    var isFolder: ObjCBool = false
    return article != "-" && FileManager.default.fileExists(atPath: article, isDirectory: &isFolder) && isFolder.boolValue
  }

  /// The name of the ledger of fingerprints in the output folder.
  static let ledgerName = ".tradu-prepare"

  /// Batch mode: every article of the inputs prepared into the `-o` folder, on `--jobs` cores.
  func runBatch() throws {
    guard let folder = output, folder != "-" else {
      throw ValidationError("Several articles or a folder need an output folder: add -o FOLDER.")
    }
    if inputFormat == .jsonl { throw ValidationError("Batch mode reads articles as text files; --input-format jsonl reads standard input.") }
    let (files, preparer, settings) = try reportingErrors { () throws -> ([BatchFile], Preparer, String) in
      try Self.makeFolder(folder)
      let files = try BatchInputs.list([article] + moreArticles, extensions: ["txt"], outputFolder: folder)
      let glossary = noGlossary ? nil : try glossaryOptions.load()
      // The segmenter and boilerplate detector are built, and the settings' fingerprint
      // computed, on the other cores while the glossary is compiled here, not one after the
      // other before the first articles.
      var preparer = try makePreparerWithoutGlossary()
      preparer.buildStagesInBackground()
      let command = self
      let settings = BackgroundJob { Result { () throws -> String in try command.settingsFingerprint(glossary: glossary) } }
      if let glossary { preparer.annotateTerms(of: glossary) }
      return (files, preparer, try settings.wait().get())
    }
    // Each output's path below the folder; two inputs must not write one output.
    let relatives = files.map { BatchInputs.replacingExtension(of: $0.relativePath, with: format.fileExtension) }
    var seen: [String: String] = [:]
    for (file, relative) in zip(files, relatives) {
      if let other = seen[relative] {
        printError("\(file.path) and \(other) would both be written to \(folder)/\(relative); prepare them separately")
        throw ExitStatus.badInput
      }
      seen[relative] = file.path
    }

    let ledger = Mutex(BatchLedger(path: BatchPath.join(folder, Self.ledgerName)))
    let known = ledger.withLock { $0.fingerprints }
    let progress = Mutex(BatchProgress(style: batchOptions.resolvedProgress, verb: "prepare", files: files))
    let command = self
    let force = batchOptions.force
    // The articles name the same people and places: each glossary entry's XLIFF is built once.
    let glossEntries = GlossEntryCache()
    // Each output folder is looked for (and made) once, by the first article written there.
    let folders = BatchFolders()
    // Outputs are put in place in groups while the next articles are prepared; an output's
    // fingerprint is recorded once it is in place (its folder flushed).
    let commitFailures = Mutex([Int: String]())
    let committer = BatchCommitter<BatchCommitted> { committed, failures in
      var recorded: [(fingerprint: String, relative: String)] = []
      for (output, failure) in zip(committed, failures) {
        if let failure { commitFailures.withLock { $0[output.index] = failure.description } }
        else { recorded.append((output.fingerprint, output.relative)) }
        let outcome: BatchOutcome = failure.map { .failed($0.description) } ?? .done(fingerprint: output.fingerprint)
        progress.withLock { $0.count(outcome, size: files[output.index].size) }
      }
      ledger.withLock { $0.record(recorded) }
    }
    var outcomes = concurrentMap(Array(files.indices), jobs: batchOptions.jobCount, { index -> BatchOutcome in
      command.prepareInBatch(files[index], index: index, relative: relatives[index], into: folder, preparer: preparer, settings: settings,
                             known: known, force: force, glossEntries: glossEntries, folders: folders, committer: committer)
    }, finished: { index, outcome in
      if case .staged = outcome { return }  // counted once in place
      progress.withLock { $0.count(outcome, size: files[index].size) }
    })
    committer.finish()
    for (index, message) in commitFailures.withLock({ $0 }) { outcomes[index] = .failed(message) }
    progress.withLock { $0.report(final: true) }
    // The outputs this run found up to date or put in place are there; only the ledger's
    // other lines (articles no longer given) need a look.
    var present = Set<String>()
    for (index, outcome) in outcomes.enumerated() {
      switch outcome {
      case .staged, .done, .upToDate: present.insert(relatives[index])
      case .failed: break
      }
    }
    ledger.withLock { ledger in
      ledger.compact { present.contains($0) || Self.exists(BatchPath.join(folder, $0)) }
    }

    let failures = zip(files, outcomes).compactMap { file, outcome -> String? in
      if case .failed(let message) = outcome { return message } else { return nil }
    }
    if stats != .none && !batchOptions.quiet {
      let done = outcomes.filter { if case .staged = $0 { true } else { false } }.count
      printError("\(folder): \(done) prepared, \(files.count - done - failures.count) up to date, \(failures.count) failed, of \(files.count) articles")
    }
    guard failures.isEmpty else {
      printError("\(failures.count) of \(files.count) article\(files.count == 1 ? "" : "s") failed:")
      for message in failures { FileHandle.standardError.write(Data("  \(message)\n".utf8)) }
      throw ExitStatus.badInput
    }
  }

  /// Prepares one file of a batch unless its output is up to date, and hands its staged output
  /// to `committer`; never throws.
  func prepareInBatch(_ file: BatchFile, index: Int, relative: String, into folder: String, preparer: Preparer,
                      settings: String, known: [String: String], force: Bool, glossEntries: GlossEntryCache? = nil,
                      folders: BatchFolders, committer: BatchCommitter<BatchCommitted>) -> BatchOutcome {
    let target = BatchPath.join(folder, relative)
    do {
      let bytes = try TextReader.readBytes(path: file.path)
      let articleFingerprint = Preparer.fingerprint(of: bytes)
      let fingerprint = Preparer.fingerprint(of: Array((settings + "\n" + articleFingerprint).utf8))
      if !force && known[relative] == fingerprint && Self.exists(target) {
        return .upToDate
      }
      try folders.make(BatchPath.folder(of: target))
      // --force rebuilds up-to-date outputs; it never replaces translations (--replace-translated).
      // The output is checked once, when staged (a moment after the check before the work
      // would have looked at the same paths).
      let inputs = [file.path] + [glossaryOptions.glossary].compactMap { $0 }
      let output = try OutputFile(target, reading: inputs, replacingTranslations: replaceTranslated, checkingNow: false)
      let prepared: PreparedDocument
      do {
        prepared = try MarkupPreparer(preparer: preparer).prepare(
          bytes: bytes, name: file.path, format: articleFormat(of: file.path), encoding: normalizationArguments.encoding,
          strictEncoding: normalizationArguments.strictEncoding, fingerprint: articleFingerprint)
      } catch {
        // An output that must not be written is reported before the article's own fault, as
        // when it was checked before the work.
        _ = try OutputFile(target, reading: inputs, replacingTranslations: replaceTranslated)
        throw error
      }
      committer.reserve()
      let staged: StagedOutput
      do {
        staged = try output.stage { write in try render(prepared, glossEntries: glossEntries, to: write) }
      } catch {
        committer.release()
        throw error
      }
      committer.submit(staged, tag: BatchCommitted(index: index, relative: relative, fingerprint: fingerprint))
      return .staged(fingerprint: fingerprint)
    } catch let error as TraduError {
      return .failed(error.description)
    } catch let error as ICUError {
      return .failed("\(file.path): \(error.description)")
    } catch {
      return .failed("\(file.path): \(error)")
    }
  }

  /// What, besides an article, decides its output: Tradu's and ICU's versions, the options
  /// that change the output, and the glossary's entries (with the terms the dictionary made
  /// found only capitalized).
  func settingsFingerprint(glossary: Glossary?) throws -> String {
    var settings = [
      "tradu \(TraduCommand.version) icu \(ICU.version)", "to \(format.rawValue)", "offsets \(offsets.rawValue)",
      "languages \(sourceLanguage) \(targetLanguage)", "date \(date ?? "")",
      "encoding \(normalizationArguments.encoding ?? "")",
    ]
    if noNormalize {
      settings.append("no-normalize")
    } else {
      let options = try normalizationArguments.normalizationOptions()
      settings.append("normalize \(options.rules.map(\.rawValue).sorted()) \(options.cedillaExemptWords.sorted())")
    }
    var bytes = Array(settings.joined(separator: "\n").utf8)
    if let glossary {
      bytes += Array("\nglossary\n".utf8)
      Self.appendFingerprintFields(of: glossary, to: &bytes)
    } else {
      bytes += Array("\nno-glossary".utf8)
    }
    return Preparer.fingerprint(of: bytes)
  }

  /// Appends every field of `glossary` that decides what it matches and what the outputs say
  /// of a match, each with its length in bytes before it (so that no two glossaries give the
  /// same bytes), and the entries found only capitalized, sorted. The bytes are hashed, not
  /// read: this is a fifth of the instructions of rendering the glossary as TSV.
  static func appendFingerprintFields(of glossary: Glossary, to bytes: inout [UInt8]) {
    bytes.reserveCapacity(bytes.count + 128 * glossary.entries.count)
    func field(_ text: String) {
      let length = UInt32(truncatingIfNeeded: text.utf8.count)
      for shift in stride(from: 0, to: 32, by: 8) { bytes.append(UInt8(truncatingIfNeeded: length >> shift)) }
      bytes.append(contentsOf: text.utf8)
    }
    field(String(glossary.entries.count))
    for entry in glossary.entries {
      field(entry.id)
      field(entry.source)
      field(entry.type?.rawValue ?? "")
      field(entry.doNotTranslate ? "yes" : "no")
      field(entry.matchMode.rawValue)
      field(entry.note.map { "note " + $0 } ?? "no note")
      field(String(entry.forms.count))
      for form in entry.forms { field(form) }
      field(String(entry.targets.count))
      for target in entry.targets {
        field(target.term)
        field(target.status.rawValue)
      }
    }
    let capitalized = glossary.foundOnlyCapitalized.sorted()
    field(String(capitalized.count))
    for id in capitalized { field(id) }
  }

  /// Whether something is at `path` (a link to nothing counts as nothing, as FileManager's
  /// `fileExists` has it).
  static func exists(_ path: String) -> Bool {
    var status = stat()
    return stat(path, &status) == 0
  }

  /// Creates `path` and its parents when missing.
  static func makeFolder(_ path: String) throws(TraduError) {
    guard !path.isEmpty else { return }
    // Most calls of a batch find the folder there: one stat, not FileManager's checks.
    var status = stat()
    if stat(path, &status) == 0 && status.st_mode & S_IFMT == S_IFDIR { return }
    do {
      try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    } catch {
      throw .unwritable(path: path, reason: "cannot create the folder (\(error.localizedDescription))")
    }
  }
}

/// The output folders of a batch already made or found: each is looked for once, not once per
/// article written in it.
final class BatchFolders: Sendable {
  private let made = Mutex(Set<String>())

  /// ``PrepareCommand/makeFolder(_:)`` the first time `path` is asked for.
  func make(_ path: String) throws(TraduError) {
    if made.withLock({ $0.contains(path) }) { return }
    try PrepareCommand.makeFolder(path)
    made.withLock { _ = $0.insert(path) }
  }
}

/// An output of `prepare`'s batch handed to the ``BatchCommitter``: the index of its article,
/// its path below the output folder and its fingerprint, recorded once it is in place.
struct BatchCommitted: Sendable {
  var index: Int
  var relative: String
  var fingerprint: String
}
