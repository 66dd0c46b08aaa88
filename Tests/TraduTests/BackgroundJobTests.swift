import Synchronization
import Testing
@testable import Tradu

/// ``BackgroundJob``: results come back, and a value handed over is freed on the other thread.
struct BackgroundJobTests {
  /// Counts how many of its instances are alive.
  final class Tracked: Sendable {
    static let alive = Atomic<Int>(0)
    let payload: [Int]
    init(_ payload: [Int]) {
      self.payload = payload
      Self.alive.add(1, ordering: .sequentiallyConsistent)
    }
    deinit { Self.alive.subtract(1, ordering: .sequentiallyConsistent) }
  }

  @Test func aJobGivesItsResult() {
    let job = BackgroundJob { (1...1_000).reduce(0, +) }
    #expect(job.wait() == 500_500)
  }

  @Test func aReleasedValueIsFreedWhenTheJobIsDone() {
    let before = Tracked.alive.load(ordering: .sequentiallyConsistent)
    var values = (0..<100).map { Tracked(Array(0..<$0)) }
    #expect(Tracked.alive.load(ordering: .sequentiallyConsistent) == before + 100)
    var taken: [Tracked] = []
    swap(&taken, &values)
    let job = BackgroundJob.releasing(consume taken)
    job.wait()
    #expect(values.isEmpty)
    #expect(Tracked.alive.load(ordering: .sequentiallyConsistent) == before)
  }
}
