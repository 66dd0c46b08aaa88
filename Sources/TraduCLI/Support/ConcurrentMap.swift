import Tradu
import Synchronization

/// Maps `items` with `transform` on up to `jobs` threads (default: every core), each thread
/// taking the next item when it is done with its own; the results come back in item order
/// (see Tradu's `parallelMap`).
///
/// `finished` is called once per item as it is done, in the order items finish, one call at a
/// time (under a lock): the place for progress reports and logs. Everything shared is
/// `Sendable` or under a `Mutex`, so the compiler checks the threads' use of it.
func concurrentMap<Item: Sendable, Value: Sendable>(
  _ items: [Item], jobs: Int = Cores.count,
  _ transform: @Sendable (Item) -> Value,
  finished: @Sendable (_ index: Int, _ value: Value) -> Void = { _, _ in }
) -> [Value] {
  let reporting = Mutex(())
  return parallelMap(items.count, jobs: jobs) { index in
    let value = transform(items[index])
    reporting.withLock { _ in finished(index, value) }
    return value
  }
}

/// Hands `emit` the bytes of blocks `0..<count` in order, two blocks rendered side by side by
/// `render(block)` (which must not depend on the other blocks), and the next two while `emit`
/// takes these (so writing costs no core the rendering needs): a long output is written on
/// both cores, and at most four blocks are in memory at once.
func writeInBlocks(count: Int, render: @escaping @Sendable (_ block: Int) -> [UInt8], emit: ([UInt8]) -> Void) {
  /// Blocks `start` and `start + 1` (when there is one), rendered side by side.
  @Sendable func pair(from start: Int) -> [[UInt8]] {
    parallelMap(min(2, count - start)) { render(start + $0) }
  }
  guard count > 2 else {
    if count > 0 { pair(from: 0).forEach(emit) }
    return
  }
  var next: BackgroundJob<[[UInt8]]>? = BackgroundJob { pair(from: 0) }
  var start = 0
  while let job = next {
    let blocks = job.wait()
    start += blocks.count
    next = start < count ? BackgroundJob { [start] in pair(from: start) } : nil
    blocks.forEach(emit)
  }
}

/// The units cut into blocks of `size` for ``writeInBlocks(count:render:emit:)``: each
/// block's range of unit indices, and how many values (`valuesIn(unit)`) the blocks before it
/// hold, so that a block's writer can continue an array another began.
func unitBlocks(_ units: [PreparedUnit], size: Int = 1_024,
                valuesIn: (PreparedUnit) -> Int) -> (ranges: [Range<Int>], valuesBefore: [Int], total: Int) {
  var ranges: [Range<Int>] = []
  var valuesBefore: [Int] = []
  var total = 0
  for start in stride(from: 0, to: units.count, by: size) {
    let range = start..<min(units.count, start + size)
    ranges.append(range)
    valuesBefore.append(total)
    for unit in units[range] { total += valuesIn(unit) }
  }
  return (ranges, valuesBefore, total)
}
