import Foundation
import Testing

/// The built `tradu` binary, found next to the test bundle in the build folder.
func traduBinary() throws -> URL {
  var directory = Bundle.main.bundleURL
  for _ in 0..<3 {
    let candidate = directory.appendingPathComponent("tradu")
    if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate }
    directory.deleteLastPathComponent()
  }
  throw CocoaError(.fileNoSuchFile)
}

/// The repository root, from this file's path.
let repositoryRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
  .deletingLastPathComponent().deletingLastPathComponent()

struct RunResult {
  var status: Int32
  var stdout: String
  var stderr: String
}

/// Starts the binary with `arguments` and `stdin`, from the repository root, without waiting
/// for it; returns the process and its output and error pipes.
func startTradu(_ arguments: [String], stdin: String = "") throws -> (Process, Pipe, Pipe) {
  let process = Process()
  process.executableURL = try traduBinary()
  process.arguments = arguments
  process.currentDirectoryURL = repositoryRoot
  let input = Pipe(), output = Pipe(), error = Pipe()
  process.standardInput = input
  process.standardOutput = output
  process.standardError = error
  try process.run()
  input.fileHandleForWriting.write(Data(stdin.utf8))
  try input.fileHandleForWriting.close()
  return (process, output, error)
}

/// Runs the binary with `arguments` and `stdin`, from the repository root.
func runTradu(_ arguments: [String], stdin: String = "") throws -> RunResult {
  let (process, output, error) = try startTradu(arguments, stdin: stdin)
  let out = output.fileHandleForReading.readDataToEndOfFile()
  let err = error.fileHandleForReading.readDataToEndOfFile()
  process.waitUntilExit()
  return RunResult(status: process.terminationStatus, stdout: String(decoding: out, as: UTF8.self),
                   stderr: String(decoding: err, as: UTF8.self))
}

/// The one suite that runs the real binary; everything else is tested in-process.
@Suite struct EndToEndTests {
  @Test func segmentsTheSeedArticle() throws {
    let result = try runTradu(["segment", "Samples/mediafax-musk-putin.ro.txt"])
    #expect(result.status == 0, "\(result.stderr)")
    let lines = result.stdout.split(separator: "\n")
    #expect(lines.first?.hasPrefix("p1.s1\tWSJ: Musk") == true)
    #expect(lines.contains { $0.hasPrefix("p2.s2\t") })
    // Every segment's text stands in the article.
    let article = try String(contentsOf: repositoryRoot.appendingPathComponent("Samples/mediafax-musk-putin.ro.txt"), encoding: .utf8)
    for line in lines {
      let text = line.split(separator: "\t", maxSplits: 1).last.map(String.init) ?? ""
      #expect(article.contains(text) || text.unicodeScalars.contains { $0.value == 0x0219 || $0.value == 0x021B },
              "segment not in the article: \(text)")
    }
  }

  @Test func badInputGivesOneLineAndExitCodeTwo() throws {
    let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("tradu-e2e-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: scratch) }
    let binary = scratch.appendingPathComponent("binary.dat")
    try Data([0x50, 0x4B, 0x03, 0x04, 0x00, 0x00, 0xFF, 0xFE, 0x00, 0x9C]).write(to: binary)
    for path in [scratch.appendingPathComponent("missing.txt").path, scratch.path, binary.path] {
      let result = try runTradu(["segment", path])
      #expect(result.status == 2, "\(path): \(result.stderr)")
      #expect(result.stdout.isEmpty)
      let lines = result.stderr.split(separator: "\n")
      #expect(lines.count == 1 && lines[0].contains(path), "\(result.stderr)")
    }
  }

  @Test func jsonlModeAnswersOneLinePerRecord() throws {
    let input = """
      {"id": "a", "text": "Ana are mere. Ion are pere."}
      {"id": 7, "text": ""}
      not json

      """
    let result = try runTradu(["segment", "--jsonl"], stdin: input)
    let lines = result.stdout.split(separator: "\n").map(String.init)
    #expect(lines.count == 3)
    let first = try JSONSerialization.jsonObject(with: Data(lines[0].utf8)) as? [String: Any]
    #expect(first?["id"] as? String == "a")
    #expect(first?["sentences"] as? [String] == ["Ana are mere.", "Ion are pere."])
    let second = try JSONSerialization.jsonObject(with: Data(lines[1].utf8)) as? [String: Any]
    #expect(second?["sentences"] as? [String] == [])
    #expect(lines[2].contains("error"))
    #expect(result.stderr.contains(":3:"), "names the bad line: \(result.stderr)")
    #expect(result.status == 2)
  }

  @Test func usageErrorExitsWith64() throws {
    let result = try runTradu(["segment", "--format", "yaml", "x.txt"])
    #expect(result.status == 64)
    #expect(result.stderr.contains("yaml"))
  }
}
