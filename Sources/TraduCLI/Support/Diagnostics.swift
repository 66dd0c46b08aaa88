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
  private var bytes: [UInt8] = []

  init() {
    bytes.reserveCapacity(1 << 17)
  }

  mutating func write(_ text: String) {
    bytes.append(contentsOf: text.utf8)
    if bytes.count > 1 << 16 { flush() }
  }

  /// Writes UTF-8 bytes as they are.
  mutating func write(bytes more: some Collection<UInt8>) {
    bytes.append(contentsOf: more)
    if bytes.count > 1 << 16 { flush() }
  }

  /// Writes a block of UTF-8 bytes rendered elsewhere: a long one goes to standard output
  /// as it is, after what is buffered, without being copied into the buffer first.
  mutating func write(block: [UInt8]) {
    guard block.count >= 1 << 16 else { return write(bytes: block) }
    flush()
    Self.writeOut(block)
  }

  mutating func flush() {
    guard !bytes.isEmpty else { return }
    Self.writeOut(bytes)
    bytes.removeAll(keepingCapacity: true)
  }

  /// Writes `bytes` to standard output from where they are: `Data(bytes)` copied each block
  /// first (37 MB of copies for `segment --format json` of 20 MB, on the writing core).
  private static func writeOut(_ bytes: [UInt8]) {
    bytes.withUnsafeBytes { raw in
      guard let base = raw.baseAddress, !raw.isEmpty else { return }
      FileHandle.standardOutput.write(
        Data(bytesNoCopy: UnsafeMutableRawPointer(mutating: base), count: raw.count, deallocator: .none))
    }
  }
}
