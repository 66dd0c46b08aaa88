import Foundation

/// Runs `first` and `second` at the same time, on two threads when the machine has more than
/// one core (one after the other otherwise), and returns both results.
func concurrently<A, B>(_ first: () -> A, _ second: () -> B) -> (A, B) {
  guard ProcessInfo.processInfo.activeProcessorCount > 1 else { return (first(), second()) }
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
