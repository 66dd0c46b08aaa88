import Foundation
import Testing
import Tradu
@testable import TraduCLI

/// The part of a batch's fingerprints that the glossary gives: every change that can change an
/// output changes it.
@Suite struct BatchFingerprintTests {
  private func fields(_ tsv: String, foundOnlyCapitalized: Set<String> = []) throws -> [UInt8] {
    var glossary = try Glossary.parse(tsv, format: .tsv, name: "termeni.tsv")
    glossary.foundOnlyCapitalized = foundOnlyCapitalized
    var bytes: [UInt8] = []
    PrepareCommand.appendFingerprintFields(of: glossary, to: &bytes)
    return bytes
  }

  @Test func everyChangeThatCanChangeAnOutputChangesTheGlossarysFields() throws {
    let base = "source\ttarget\tid\nKremlin\tKremlin\tkremlin\nBucureşti\tBucharest\tbucuresti\n"
    let same = try fields(base)
    #expect(try fields(base) == same)
    let changed = [
      "source\ttarget\tid\nKremlin\tthe Kremlin\tkremlin\nBucureşti\tBucharest\tbucuresti\n",  // a target
      "source\ttarget\tid\nKremlin\tKremlin\tkremlin\n",  // an entry less
      "source\ttarget\tid\nBucureşti\tBucharest\tbucuresti\nKremlin\tKremlin\tkremlin\n",  // the order
      // The same characters, the boundary between two fields moved.
      "source\ttarget\tid\nKremlin\tKremlin\tkremli\nnBucureşti\tBucharest\tbucuresti\n",
      "source\ttarget\tid\tnote\nKremlin\tKremlin\tkremlin\tpreședinția rusă\nBucureşti\tBucharest\tbucuresti\t\n",
      "source\ttarget\tid\tdnt\nKremlin\tKremlin\tkremlin\tyes\nBucureşti\tBucharest\tbucuresti\t\n",
    ]
    for tsv in changed { #expect(try fields(tsv) != same, "\(tsv)") }
    // A dictionary that makes a term found only capitalized changes the matches.
    #expect(try fields(base, foundOnlyCapitalized: ["kremlin"]) != same)
  }
}
