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

/// Runs four jobs on the machine's cores (one after the other on a single core) and returns
/// their results. Two workers take the jobs in the order given, each the next one when it
/// is done with its own: put the longest first.
func inParallel<A, B, C, D>(_ a: () -> A, _ b: () -> B, _ c: () -> C, _ d: () -> D) -> (A, B, C, D) {
  guard ProcessInfo.processInfo.activeProcessorCount > 1 else { return (a(), b(), c(), d()) }
  return withoutActuallyEscaping(a) { a in
    withoutActuallyEscaping(b) { b in
      withoutActuallyEscaping(c) { c in
        withoutActuallyEscaping(d) { d in
          var ra: A? = nil
          var rb: B? = nil
          var rc: C? = nil
          var rd: D? = nil
          withUnsafeMutablePointer(to: &ra) { pa in
            withUnsafeMutablePointer(to: &rb) { pb in
              withUnsafeMutablePointer(to: &rc) { pc in
                withUnsafeMutablePointer(to: &rd) { pd in
                  nonisolated(unsafe) let (pa, pb, pc, pd, a, b, c, d) = (pa, pb, pc, pd, a, b, c, d)
                  // Each job writes only its own result.
                  DispatchQueue.concurrentPerform(iterations: 4) { i in
                    switch i {
                    case 0: pa.pointee = a()
                    case 1: pb.pointee = b()
                    case 2: pc.pointee = c()
                    default: pd.pointee = d()
                    }
                  }
                }
              }
            }
          }
          return (ra!, rb!, rc!, rd!)
        }
      }
    }
  }
}
