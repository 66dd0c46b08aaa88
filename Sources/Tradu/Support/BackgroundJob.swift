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
