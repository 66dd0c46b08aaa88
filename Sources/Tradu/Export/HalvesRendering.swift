/// How a writer renders its items (units): the text before them, the text after them, and
/// `render(range, start, reserve)`, which returns `start` followed by the text of the items
/// in `range`, with room reserved for the items in `reserve` (at least `range`). Each item's
/// text must depend only on the item, so that rendering in parts gives the same bytes.
struct ItemRendering {
  var head: [UInt8]
  var tail: String
  var render: @Sendable (_ range: Range<Int>, _ start: [UInt8], _ reserve: Range<Int>) -> [UInt8]
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
/// it whole: the head, each block, then the tail. Two blocks are rendered side by side, and
/// the next two while the caller's `emit` takes these (writing them to a file then costs no
/// core the rendering needs), so at most four are in memory at once. The bytes are the same.
func renderInBlocks(count: Int, blockSize: Int, _ rendering: ItemRendering,
                    emit: ([UInt8]) throws -> Void) rethrows {
  try emit(rendering.head)
  let size = max(1, blockSize)
  /// The block starting at item `start`, and the one after it (empty when there is none).
  @Sendable func pair(from start: Int) -> (first: [UInt8], second: [UInt8], end: Int) {
    let first = start..<min(count, start + size)
    let second = first.upperBound..<min(count, first.upperBound + size)
    if second.isEmpty { return (rendering.render(first, [], first), [], first.upperBound) }
    let (a, b) = concurrently({ rendering.render(first, [], first) }, { rendering.render(second, [], second) })
    return (a, b, second.upperBound)
  }
  if count <= 2 * size {
    // One pair at most: nothing to overlap.
    if count > 0 {
      let (a, b, _) = pair(from: 0)
      try emit(a)
      if !b.isEmpty { try emit(b) }
    }
  } else {
    var next: BackgroundJob<(first: [UInt8], second: [UInt8], end: Int)>? = BackgroundJob { pair(from: 0) }
    while let job = next {
      let (a, b, end) = job.wait()
      next = end < count ? BackgroundJob { pair(from: end) } : nil
      try emit(a)
      if !b.isEmpty { try emit(b) }
    }
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
/// measured side by side, then written side by side: the first into the result, after the
/// head, the second into an array of its own, copied after it (a memory copy of half).
func renderExactly<Learned: Sendable>(
  count: Int, minimumToSplit: Int, head: [UInt8], tail: StaticString,
  measure: @Sendable (Range<Int>) -> (size: Int, learned: Learned),
  write: @Sendable (Range<Int>, Learned, inout ByteWriter) -> Void
) -> [UInt8] {
  /// `start` followed by the items of `range`, `measured` bytes of them, in an array with
  /// room for `capacity` bytes.
  @Sendable func written(_ range: Range<Int>, _ measured: (size: Int, learned: Learned), after start: [UInt8],
                         capacity: Int) -> [UInt8] {
    [UInt8](unsafeUninitializedCapacity: max(capacity, start.count + measured.size)) { buffer, initialized in
      guard let base = buffer.baseAddress else { return }
      var headWriter = ByteWriter(start: base, count: start.count)
      start.withUnsafeBufferPointer { headWriter.append($0) }
      var writer = ByteWriter(start: base + start.count, count: measured.size)
      write(range, measured.learned, &writer)
      precondition(writer.isFull, "renderExactly: fewer bytes written than counted")
      initialized = start.count + measured.size
    }
  }
  guard count >= max(2, minimumToSplit) else {
    let measured = measure(0..<count)
    var result = written(0..<count, measured, after: head, capacity: head.count + measured.size + tail.utf8CodeUnitCount)
    tail.withUTF8Buffer { result.append(contentsOf: $0) }
    return result
  }
  let (firstHalf, secondHalf) = (0..<count / 2, count / 2..<count)
  let (first, second) = concurrently({ measure(firstHalf) }, { measure(secondHalf) })
  let total = head.count + first.size + second.size + tail.utf8CodeUnitCount
  var (result, rest) = concurrently(
    { written(firstHalf, first, after: head, capacity: total) }, { written(secondHalf, second, after: [], capacity: 0) })
  result.append(contentsOf: rest)
  rest = []
  tail.withUTF8Buffer { result.append(contentsOf: $0) }
  return result
}
