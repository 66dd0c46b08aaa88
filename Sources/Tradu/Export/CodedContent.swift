/// One step of a segment's content with inline codes and glossary marks placed in it, for
/// writers that nest markup (XLIFF `<pc>`/`<g>` with `<mrk>`, TMX `<bpt>`/`<ept>`).
enum CodedEvent: Equatable {
  case text(String)
  /// An inline code (an index into the segment's `codes`).
  case code(Int)
  /// The start and end of glossary mark number `k` (an index into the marks given).
  case markStart(Int)
  case markEnd(Int)
}

/// The content of `source` with `codes` and the glossary marks `marks` (sorted, disjoint UTF-16
/// ranges of `source`) in document order.
///
/// A mark starts just before its first character (after any codes standing there) and ends
/// just after its last (before any codes there). A mark that would cut a pair of codes is
/// widened to hold the whole pair, so that the markup nests.
func codedEvents(_ source: String, codes: [InlineCode], marks: [Range<Int>]) -> [CodedEvent] {
  var events: [CodedEvent] = []
  var position = 0
  var next = 0  // the next mark to open
  var open: Int? = nil
  for piece in segmentPieces(source, codes: codes) {
    switch piece {
    case .code(let i):
      events.append(.code(i))
    case .text(let text):
      let units = Array(text.utf16)
      var offset = 0
      while offset < units.count {
        if open == nil, next < marks.count, marks[next].lowerBound <= position + offset {
          events.append(.markStart(next))
          open = next
          next += 1
        }
        var boundary = units.count
        if let m = open {
          boundary = min(boundary, max(offset + 1, marks[m].upperBound - position))
        } else if next < marks.count {
          boundary = min(boundary, max(offset + 1, marks[next].lowerBound - position))
        }
        events.append(.text(String(decoding: units[offset..<boundary], as: UTF16.self)))
        offset = boundary
        if let m = open, position + offset >= marks[m].upperBound {
          events.append(.markEnd(m))
          open = nil
        }
      }
      position += units.count
    }
  }
  if let m = open { events.append(.markEnd(m)) }
  return widenedMarks(events, codes: codes)
}

/// Moves each mark's start before the opening of any closing code inside it, and its end after
/// the closing of any opening code inside it, until every mark holds whole pairs.
private func widenedMarks(_ events: [CodedEvent], codes: [InlineCode]) -> [CodedEvent] {
  var events = events
  var changed = true
  while changed {
    changed = false
    var index: [Int: (start: Int, end: Int)] = [:]
    for (i, e) in events.enumerated() {
      if case .markStart(let m) = e { index[m, default: (i, i)].start = i }
      if case .markEnd(let m) = e { index[m, default: (i, i)].end = i }
    }
    for (m, span) in index.sorted(by: { $0.key < $1.key }) {
      var start = span.start, end = span.end
      for i in span.start + 1..<span.end {
        guard case .code(let c) = events[i], codes[c].kind != .standalone else { continue }
        let partner = events.firstIndex { e in
          if case .code(let d) = e { return d != c && codes[d].id == codes[c].id && codes[d].kind != .standalone }
          return false
        }
        guard let p = partner else { continue }
        if p < start { start = p }
        if p > end { end = p }  // the end's index once the old end is removed: after the partner
      }
      if start != span.start || end != span.end {
        var moved = events
        moved.remove(at: span.end)
        moved.insert(.markEnd(m), at: min(end, moved.count))
        moved.remove(at: span.start)
        moved.insert(.markStart(m), at: start)
        events = moved
        changed = true
        break
      }
    }
  }
  return events
}

extension InlineCode {
  /// The XLIFF 2 `<data>` id of the code's original markup (`d3`; a closing code's `d3e`).
  var dataID: String { kind == .closing ? "d\(id)e" : "d\(id)" }
}
