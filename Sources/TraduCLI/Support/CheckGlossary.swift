import Foundation
import Tradu

// TEMPORARY until the glossary branch lands: exact TSV reading and exact matching.
func makeChecker(glossaryPath: String?, skip: Set<CheckRule>) throws -> ConsistencyChecker {
  guard let path = glossaryPath else {
    return ConsistencyChecker(entries: [], skip: skip) { _ in [] }
  }
  let text = try TextReader.read(path: path).text
  var entries: [GlossaryEntry] = []
  for (i, line) in text.split(separator: "\n").enumerated() where i > 0 {
    let cols = line.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
    guard cols.count >= 2 else { continue }
    entries.append(GlossaryEntry(id: "e\(i)", source: cols[0], targets: [GlossaryTarget(term: cols[1])]))
  }
  let list = entries
  return ConsistencyChecker(entries: entries, skip: skip) { text in
    var out: [GlossaryMatch] = []
    let ns = text as NSString
    for e in list {
      var r = NSRange(location: 0, length: ns.length)
      while true {
        let f = ns.range(of: e.source, options: [.caseInsensitive], range: r)
        if f.location == NSNotFound { break }
        out.append(GlossaryMatch(entryID: e.id, source: e.source, matched: ns.substring(with: f),
                                 range: f.location..<(f.location + f.length), kind: .exact, targets: e.targets))
        r = NSRange(location: f.location + f.length, length: ns.length - f.location - f.length)
      }
    }
    return out
  }
}
