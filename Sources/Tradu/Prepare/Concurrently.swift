import Foundation

/// Runs `first` and `second` at the same time, on two threads when the machine has more than
/// one core (one after the other otherwise), and returns both results.
func concurrently<A, B>(_ first: () -> A, _ second: () -> B) -> (A, B) {
  guard Cores.count > 1 else { return (first(), second()) }
  return withoutActuallyEscaping(first) { first in
    withoutActuallyEscaping(second) { second in
      var a: A? = nil
      var b: B? = nil
      withUnsafeMutablePointer(to: &a) { pa in
        withUnsafeMutablePointer(to: &b) { pb in
          nonisolated(unsafe) let (pa, pb, first, second) = (pa, pb, first, second)
          // Each iteration writes only its own result.
          DispatchQueue.concurrentPerform(iterations: 2) { i in
            if i == 0 { pa.pointee = first() } else { pb.pointee = second() }
          }
        }
      }
      return (a!, b!)
    }
  }
}

/// Runs `body` for each of `0..<count` on the machine's cores (one after the other on a
/// single core) and returns the results in index order. The cores take the indices in order,
/// each the next one when it is done with its own: put the longest jobs first.
func parallelMap<T>(_ count: Int, _ body: (Int) -> T) -> [T] {
  guard count > 1, Cores.count > 1 else { return (0..<count).map(body) }
  var results = [T?](repeating: nil, count: count)
  results.withUnsafeMutableBufferPointer { buffer in
    withoutActuallyEscaping(body) { body in
      nonisolated(unsafe) let (buffer, body) = (buffer, body)
      // Each index writes only its own result.
      DispatchQueue.concurrentPerform(iterations: count) { i in buffer[i] = body(i) }
    }
  }
  return results.map { $0! }
}
