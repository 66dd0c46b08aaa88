import Foundation
import Synchronization

/// Values made on a thread of their own and taken in order on the caller's thread, the
/// producer at most `capacity` values ahead: the caller consumes (with what must stay on its
/// thread, such as a SQLite connection) while the producer reads on. Only `Sendable` values
/// cross, under a `Mutex`, so the compiler checks what the threads share.
///
///     let stream = ProducedStream<Int>(capacity: 4) { yield in
///       for n in 0..<100 { guard yield(n) else { return } }
///     }
///     defer { stream.cancel() }
///     while let n = stream.next() { … }
final class ProducedStream<Element: Sendable>: Sendable {
  private struct State {
    var buffer: [Element] = []
    var start = 0
    var finished = false
    var cancelled = false
  }

  private let state = Mutex(State())
  /// Values in the buffer (plus one signal for the end).
  private let ready = DispatchSemaphore(value: 0)
  /// Free places in the buffer.
  private let room: DispatchSemaphore

  /// Starts `produce` on a thread of its own (not a dispatch queue's: it blocks while the
  /// buffer is full). It hands each value to `yield`, which waits for room and returns false
  /// once the consumer has cancelled: `produce` should then return.
  init(capacity: Int, _ produce: @escaping @Sendable (_ yield: (Element) -> Bool) -> Void) {
    // Made empty and then given its places: libdispatch stops the process when a semaphore
    // is freed below the value it was made with (as this one is, when values were not taken).
    room = DispatchSemaphore(value: 0)
    for _ in 0..<max(capacity, 1) { room.signal() }
    let thread = Thread { [self] in
      produce { value in
        room.wait()
        return state.withLock { state in
          if state.cancelled { return false }
          state.buffer.append(value)
          ready.signal()
          return true
        }
      }
      state.withLock { $0.finished = true }
      ready.signal()
    }
    thread.stackSize = 1 << 22
    thread.start()
  }

  /// The next value, waiting for it; nil once the producer has returned and every value
  /// was taken.
  func next() -> Element? {
    ready.wait()
    return state.withLock { state in
      guard state.start < state.buffer.count else {
        // The end: leave its signal for the next call.
        ready.signal()
        return nil
      }
      let value = state.buffer[state.start]
      state.start += 1
      if state.start == state.buffer.count {
        state.buffer.removeAll(keepingCapacity: true)
        state.start = 0
      }
      room.signal()
      return value
    }
  }

  /// Tells the producer to stop: its next `yield` returns false, and values not taken are
  /// dropped. Call it when the consumer stops early (harmless after the end).
  func cancel() {
    state.withLock { state in
      state.cancelled = true
      state.buffer.removeAll()
      state.start = 0
    }
    // A producer waiting for room wakes, sees the cancellation and stops.
    room.signal()
  }
}
