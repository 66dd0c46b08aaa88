/// How a writer renders its items (units): the text before them, the text after them, and
/// `render(range, start, reserve)`, which returns `start` followed by the text of the items
/// in `range`, with room reserved for the items in `reserve` (at least `range`). Each item's
/// text must depend only on the item, so that rendering in parts gives the same bytes.
struct ItemRendering {
  var head: [UInt8]
  var tail: String
  var render: (_ range: Range<Int>, _ start: [UInt8], _ reserve: Range<Int>) -> [UInt8]
}

/// Renders items `0..<count` as UTF-8: the head, the text of the items in order, then the
/// tail. With at least `minimumToSplit` items the two halves are rendered side by side (see
/// `concurrently`); the first half reserves room for the second, which is appended to it.
func renderInHalves(count: Int, minimumToSplit: Int, _ rendering: ItemRendering) -> [UInt8] {
  var result: [UInt8]
  if count >= max(2, minimumToSplit) {
    let middle = count / 2
    let (first, second) = concurrently(
      { rendering.render(0..<middle, rendering.head, 0..<count) },
      { rendering.render(middle..<count, [], middle..<count) })
    result = first
    result.append(contentsOf: second)
  } else {
    result = rendering.render(0..<count, rendering.head, 0..<count)
  }
  result.append(contentsOf: rendering.tail.utf8)
  return result
}

/// Renders items `0..<count` as ``renderInHalves(count:minimumToSplit:_:)`` does, but hands
/// the UTF-8 to `emit` in order, a block of `blockSize` items at a time, instead of returning
/// it whole: the head, each block, then the tail. Two blocks are rendered side by side, so
/// only two are in memory at once. The bytes are the same.
func renderInBlocks(count: Int, blockSize: Int, _ rendering: ItemRendering,
                    emit: ([UInt8]) throws -> Void) rethrows {
  try emit(rendering.head)
  let size = max(1, blockSize)
  var start = 0
  while start < count {
    let first = start..<min(count, start + size)
    let second = first.upperBound..<min(count, first.upperBound + size)
    if second.isEmpty {
      try emit(rendering.render(first, [], first))
    } else {
      let (a, b) = concurrently({ rendering.render(first, [], first) }, { rendering.render(second, [], second) })
      try emit(a)
      try emit(b)
    }
    start = second.upperBound
  }
  try emit(Array(rendering.tail.utf8))
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
