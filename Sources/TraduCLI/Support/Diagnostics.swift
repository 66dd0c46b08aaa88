import ArgumentParser
import Foundation
import Tradu

/// Exit codes shared by every command.
enum ExitStatus {
  /// The command ran and found problems (e.g. `check` findings).
  static let findings = ExitCode(1)
  /// Bad input or data: unreadable file, malformed glossary, invalid XML.
  static let badInput = ExitCode(2)
}

/// Writes one diagnostic line to standard error.
func printError(_ message: String) {
  FileHandle.standardError.write(Data("tradu: \(message)\n".utf8))
}

/// Writes a warning line to standard error.
func printWarning(_ message: String) {
  FileHandle.standardError.write(Data("tradu: warning: \(message)\n".utf8))
}

/// Runs `body`, turning Tradu's errors into one line on stderr and exit code 2.
func reportingErrors<T>(_ body: () throws -> T) throws -> T {
  do {
    return try body()
  } catch let error as TraduError {
    printError(error.description)
    throw ExitStatus.badInput
  } catch let error as ICUError {
    printError(error.description)
    throw ExitStatus.badInput
  }
}

/// Standard output, buffered: write often, flush once.
struct OutputBuffer {
  private var data = Data()

  mutating func write(_ text: String) {
    data.append(contentsOf: text.utf8)
    if data.count > 1 << 16 { flush() }
  }

  /// Writes UTF-8 bytes as they are.
  mutating func write(bytes: some Collection<UInt8>) {
    data.append(contentsOf: bytes)
    if data.count > 1 << 16 { flush() }
  }

  mutating func flush() {
    FileHandle.standardOutput.write(data)
    data.removeAll(keepingCapacity: true)
  }
}
