import Dispatch
import Synchronization

/// A job started on another thread at once, whose result the caller waits for when it needs
/// it: the caller keeps working meanwhile (with what must stay on its own thread, such as a
/// SQLite connection). Only `Sendable` work and results cross, so the compiler checks it.
public final class BackgroundJob<T: Sendable>: Sendable {
  private let result = Mutex<T?>(nil)
  private let finished = DispatchSemaphore(value: 0)

  /// Starts `body` on a global queue.
  public init(_ body: @escaping @Sendable () -> T) {
    DispatchQueue.global().async { [self] in
      let value = body()
      result.withLock { $0 = value }
      finished.signal()
    }
  }

  /// The job's result, once it is done (waits for it the first time; call once).
  public func wait() -> T {
    finished.wait()
    return result.withLock { $0.take()! }
  }
}

extension BackgroundJob where T == Void {
  /// Frees `value` on another thread: the caller hands over its last reference and goes on
  /// (e.g. flushing a file) while a large structure, such as a prepared document's units, is
  /// taken apart on another core. ``wait()`` returns once it is freed.
  public static func releasing<Value: Sendable>(_ value: consuming Value) -> BackgroundJob<Void> {
    let handoff = Handoff(value)
    return BackgroundJob { handoff.drop() }
  }
}

/// Holds a value until ``drop()`` lets it go, on whichever thread calls it.
private final class Handoff<Value: Sendable>: Sendable {
  private let slot: Mutex<Value?>

  init(_ value: consuming Value) {
    slot = Mutex(Optional(value))
  }

  /// Frees the value now (on this thread), unless another reference to it is still held.
  func drop() {
    _ = slot.withLock { $0.take() }
  }
}
