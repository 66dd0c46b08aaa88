import Foundation
import Tradu
import Synchronization

/// Maps `items` with `transform` on up to `jobs` threads (default: every core), each thread
/// taking the next item when it is done with its own; the results come back in item order.
///
/// `finished` is called once per item as it is done, in the order items finish, one call at a
/// time (under a lock): the place for progress reports and logs. Everything shared goes
/// through `Sendable` values, a `Mutex` and an `Atomic`, so the compiler checks the threads'
/// use of it.
func concurrentMap<Item: Sendable, Value: Sendable>(
  _ items: [Item], jobs: Int = Cores.count,
  _ transform: @escaping @Sendable (Item) -> Value,
  finished: @escaping @Sendable (_ index: Int, _ value: Value) -> Void = { _, _ in }
) -> [Value] {
  let threads = max(1, min(jobs, items.count))
  if threads == 1 {
    return items.enumerated().map { index, item in
      let value = transform(item)
      finished(index, value)
      return value
    }
  }
  let shared = ConcurrentMapState<Value>(count: items.count)
  let work: @Sendable (Int) -> Void = { _ in
    while true {
      let index = shared.next.wrappingAdd(1, ordering: .relaxed).oldValue
      guard index < items.count else { return }
      let value = transform(items[index])
      shared.results.withLock { results in
        results[index] = value
        finished(index, value)
      }
    }
  }
  DispatchQueue.concurrentPerform(iterations: threads, execute: work)
  return shared.results.withLock { $0.map { $0! } }
}

/// What the threads of ``concurrentMap(_:jobs:_:finished:)`` share: the next item to take and
/// the results so far.
private final class ConcurrentMapState<Value: Sendable>: Sendable {
  let next = Atomic<Int>(0)
  let results: Mutex<[Value?]>

  init(count: Int) {
    results = Mutex([Value?](repeating: nil, count: count))
  }
}
