/// Renders items `0..<count` as UTF-8: `head`, the text of the items in order, then `tail`.
///
/// `render(range, start)` returns `start` followed by the text of the items in `range`; it
/// should reserve room for the items from `range.lowerBound` to the end, since the second
/// half is appended to the first. With at least `minimumToSplit` items the two halves are
/// rendered side by side (see `concurrently`), so the text is the same either way as long as
/// each item's text depends only on the item.
func renderInHalves(count: Int, minimumToSplit: Int, head: [UInt8], tail: String,
                    _ render: (Range<Int>, _ start: [UInt8]) -> [UInt8]) -> [UInt8] {
  var result: [UInt8]
  if count >= max(2, minimumToSplit) {
    let middle = count / 2
    let (first, second) = concurrently({ render(0..<middle, head) }, { render(middle..<count, []) })
    result = first
    result.append(contentsOf: second)
  } else {
    result = render(0..<count, head)
  }
  result.append(contentsOf: tail.utf8)
  return result
}

/// Renders items `0..<count` as UTF-8 into one array of exactly the right size: `head`, the
/// text of the items in order, then `tail`.
///
/// `measure(range)` renders the items of `range` into a ``ByteCounter`` and returns the count
/// with what it learned on the way (e.g. the glossary entries it built); `write(range,
/// learned, &writer)` then renders the same items, with the same code, into a ``ByteWriter``
/// holding exactly that many bytes. With at least `minimumToSplit` items the two halves are
/// measured side by side, then written side by side into their places, so nothing is copied
/// afterwards.
func renderExactly<Learned>(count: Int, minimumToSplit: Int, head: [UInt8], tail: StaticString,
                            measure: (Range<Int>) -> (size: Int, learned: Learned),
                            write: (Range<Int>, Learned, inout ByteWriter) -> Void) -> [UInt8] {
  let parts = count >= max(2, minimumToSplit) ? [0..<count / 2, count / 2..<count] : [0..<count]
  var measured: [(size: Int, learned: Learned)]
  if parts.count == 2 {
    let (first, second) = concurrently({ measure(parts[0]) }, { measure(parts[1]) })
    measured = [first, second]
  } else {
    measured = [measure(parts[0])]
  }
  let total = head.count + measured.reduce(0) { $0 + $1.size } + tail.utf8CodeUnitCount
  return [UInt8](unsafeUninitializedCapacity: total) { buffer, initialized in
    guard let base = buffer.baseAddress else { return }
    var starts: [Int] = [head.count]
    for part in measured { starts.append(starts[starts.count - 1] + part.size) }
    func writePart(_ k: Int) {
      var writer = ByteWriter(start: base + starts[k], count: measured[k].size)
      write(parts[k], measured[k].learned, &writer)
      precondition(writer.isFull, "renderExactly: fewer bytes written than counted")
    }
    var writer = ByteWriter(start: base, count: head.count)
    head.withUnsafeBufferPointer { writer.append($0) }
    if parts.count == 2 {
      _ = concurrently({ writePart(0) }, { writePart(1) })
    } else {
      writePart(0)
    }
    var tailWriter = ByteWriter(start: base + starts[starts.count - 1], count: tail.utf8CodeUnitCount)
    tailWriter.append(tail)
    initialized = total
  }
}
