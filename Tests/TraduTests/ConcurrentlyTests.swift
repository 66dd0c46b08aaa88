import Dispatch
import Synchronization
import Testing
@testable import Tradu

/// `parallelMap` and `concurrently`, the one place where Tradu's jobs run side by side.
@Suite struct ConcurrentlyTests {
  /// Words of different lengths, so that the jobs finish out of order.
  static let words = "Kremlinul a răspuns joi că Vladimir Putin nu are de gând să discute cu Elon Musk despre Ucraina"
    .split(separator: " ").map(String.init)

  @Test(arguments: [1, 2, 4, 16])
  func resultsComeInIndexOrderAndEachIndexRunsOnce(jobs: Int) {
    let calls = Mutex([Int](repeating: 0, count: 1000))
    let words = Self.words
    let results = parallelMap(1000, jobs: jobs) { i -> String in
      calls.withLock { $0[i] += 1 }
      // Longer work for some indices, so the threads overtake each other.
      let word = words[i % words.count]
      return String(repeating: word, count: i % 7 == 0 ? 50 : 1).uppercased() + "#\(i)"
    }
    #expect(results.count == 1000)
    for (i, result) in results.enumerated() {
      let word = words[i % words.count].uppercased()
      #expect(result == String(repeating: word, count: i % 7 == 0 ? 50 : 1) + "#\(i)")
    }
    #expect(calls.withLock { $0 } == [Int](repeating: 1, count: 1000))
  }

  @Test func noIndexGivesNoCallAndOneIndexOneCall() {
    let calls = Atomic<Int>(0)
    let none: [Int] = parallelMap(0) { i in
      calls.add(1, ordering: .relaxed)
      return i
    }
    #expect(none.isEmpty)
    #expect(calls.load(ordering: .relaxed) == 0)
    #expect(parallelMap(1, jobs: 8) { "paragraful \($0 + 1)" } == ["paragraful 1"])
  }

  /// A word the jobs refuse.
  struct Refused: Error, Equatable {
    var index: Int
  }

  @Test(arguments: [1, 2, 4])
  func theErrorOfTheLowestFailingIndexIsThrown(jobs: Int) throws {
    // Indices 300 and 731 fail; 731 is often reached after 300 failed, or before, by
    // another thread: the error is 300's either way.
    #expect(throws: Refused(index: 300)) {
      try parallelMap(1000, jobs: jobs) { i throws(Refused) -> Int in
        if i == 300 || i == 731 { throw Refused(index: i) }
        return i * 2
      }
    }
    let all = try parallelMap(500, jobs: jobs) { i throws(Refused) in i * 2 }
    #expect(all == (0..<500).map { $0 * 2 })
  }

  @Test func concurrentlyReturnsBothResultsInTheirPlaces() {
    let text = "Putin tace. Musk scrie pe X."
    let (sentences, length) = concurrently({ text.split(separator: ".").count }, { text.utf8.count })
    #expect(sentences == 2)
    #expect(length == 28)
  }
}

/// `ProducedStream`: values made on another thread, taken in order, the producer held back.
@Suite struct ProducedStreamTests {
  @Test func valuesComeInOrderAndTheProducerStaysWithinItsCapacity() {
    let taken = Atomic<Int>(0)
    let furthestAhead = Atomic<Int>(0)
    let stream = ProducedStream<String>(capacity: 3) { yield in
      for n in 0..<500 {
        // Made before it is yielded: at most capacity + 1 ahead of what was taken.
        furthestAhead.max(n - taken.load(ordering: .sequentiallyConsistent), ordering: .relaxed)
        guard yield("segmentul \(n)") else { return }
      }
    }
    var values: [String] = []
    while let value = stream.next() {
      values.append(value)
      taken.add(1, ordering: .sequentiallyConsistent)
    }
    #expect(values == (0..<500).map { "segmentul \($0)" })
    #expect(furthestAhead.load(ordering: .relaxed) <= 4)
    #expect(stream.next() == nil)
  }

  @Test func aCancelledStreamStopsItsProducer() {
    let stopped = DispatchSemaphore(value: 0)
    let made = Atomic<Int>(0)
    let stream = ProducedStream<Int>(capacity: 2) { yield in
      defer { stopped.signal() }
      for n in 0..<1_000_000 {
        made.add(1, ordering: .relaxed)
        guard yield(n) else { return }
      }
    }
    #expect(stream.next() == 0)
    #expect(stream.next() == 1)
    stream.cancel()
    #expect(stopped.wait(timeout: .now() + 10) == .success)
    #expect(made.load(ordering: .relaxed) <= 5)
  }

  @Test func aProducerThatMakesNothingEndsTheStream() {
    let stream = ProducedStream<Int>(capacity: 1) { _ in }
    #expect(stream.next() == nil)
    #expect(stream.next() == nil)
  }
}
