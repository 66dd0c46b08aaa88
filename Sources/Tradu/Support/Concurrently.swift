import Foundation
import Synchronization

/// Runs `body` for each of `0..<count` on up to `jobs` threads (default: every core; one
/// after the other with one job or one core) and returns the results in index order.
///
/// The threads take the indices in order, each the next one when it is done with its own:
/// put the longest jobs first. `body` and its results are `Sendable`, and the results meet
/// under a `Mutex`, so the compiler checks what the threads share. When calls throw, the
/// error of the lowest index is thrown (the same whatever the timing); indices after a
/// failed one may then be skipped.
public func parallelMap<T: Sendable, E: Error>(
  _ count: Int, jobs: Int = Cores.count, _ body: @Sendable (Int) throws(E) -> T
) throws(E) -> [T] {
  let threads = min(max(jobs, 1), count)
  guard threads > 1 else {
    var results: [T] = []
    results.reserveCapacity(count)
    for index in 0..<count { results.append(try body(index)) }
    return results
  }
  let results = Mutex([Result<T, E>?](repeating: nil, count: count))
  let next = Atomic<Int>(0)
  let lowestFailure = Atomic<Int>(Int.max)
  DispatchQueue.concurrentPerform(iterations: threads) { _ in
    while true {
      let index = next.wrappingAdd(1, ordering: .relaxed).oldValue
      guard index < count else { return }
      // An index after a failed one is not needed: that error, or a lower one, is thrown.
      if index > lowestFailure.load(ordering: .relaxed) { continue }
      let result = Result { () throws(E) in try body(index) }
      if case .failure = result { lowestFailure.min(index, ordering: .relaxed) }
      results.withLock { $0[index] = result }
    }
  }
  // Every index below the lowest failure ran (none was skipped), so the results stop there.
  let finished = results.withLock { results in
    let all = results
    results = []
    return all
  }
  var values: [T] = []
  values.reserveCapacity(count)
  for result in finished { values.append(try result!.get()) }
  return values
}

/// Runs `first` and `second` at the same time, on two threads when the machine has more than
/// one core (one after the other otherwise), and returns both results.
func concurrently<A: Sendable, B: Sendable>(_ first: @Sendable () -> A, _ second: @Sendable () -> B) -> (A, B) {
  let both = parallelMap(2) { index -> Either<A, B> in index == 0 ? .first(first()) : .second(second()) }
  guard case .first(let a) = both[0], case .second(let b) = both[1] else { preconditionFailure("concurrently: results out of order") }
  return (a, b)
}

/// One of ``concurrently(_:_:)``'s two results.
private enum Either<A: Sendable, B: Sendable>: Sendable {
  case first(A)
  case second(B)
}
