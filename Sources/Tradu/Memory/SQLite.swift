import CSQLite

/// A connection to one SQLite database file: the few calls the translation memory needs.
///
/// Not thread-safe: one connection per thread or task (SQLite's WAL mode lets many
/// connections, in many processes, read while one writes).
final class SQLiteDatabase {
  private(set) var handle: OpaquePointer?
  /// The file, for error messages.
  let path: String

  /// Opens (and with `create`, creates) the database at `path`; `:memory:` for a private one.
  init(path: String, readOnly: Bool = false, create: Bool = true) throws(TraduError) {
    self.path = path
    var flags = readOnly ? SQLITE_OPEN_READONLY : SQLITE_OPEN_READWRITE
    if create && !readOnly { flags |= SQLITE_OPEN_CREATE }
    flags |= SQLITE_OPEN_NOMUTEX
    var db: OpaquePointer?
    let status = sqlite3_open_v2(path, &db, flags, nil)
    guard status == SQLITE_OK, let db else {
      let reason = db.map { String(cString: sqlite3_errmsg($0)) } ?? String(cString: sqlite3_errstr(status))
      sqlite3_close(db)
      throw .unreadable(path: path, reason: "cannot open the translation memory: \(reason)")
    }
    handle = db
    // Another process may be writing: wait for its lock rather than fail at once.
    sqlite3_busy_timeout(db, 10_000)
    sqlite3_extended_result_codes(db, 1)
    // The memory's pair index is maintained by triggers that need its tokenizer on every
    // connection that deletes units.
    try registerPairTokenizer()
  }

  deinit { sqlite3_close_v2(handle) }

  /// Makes the FTS5 tokenizer `tradu_pairs` (adjacent word pairs, `csqlite.c`) known to this
  /// connection; every connection that writes a memory's pair index needs it.
  private func registerPairTokenizer() throws(TraduError) {
    let status = csqlite_register_pair_tokenizer(handle)
    guard status == SQLITE_OK else { throw failure("cannot register the word-pair tokenizer (FTS5): \(lastError)", status: status) }
  }

  /// The last error message of this connection.
  var lastError: String { String(cString: sqlite3_errmsg(handle)) }

  /// Runs one or more statements that return no rows.
  func execute(_ sql: String) throws(TraduError) {
    var message: UnsafeMutablePointer<CChar>?
    let status = sqlite3_exec(handle, sql, nil, nil, &message)
    if status != SQLITE_OK {
      let reason = message.map { String(cString: $0) } ?? lastError
      sqlite3_free(message)
      throw failure(reason, status: status)
    }
  }

  /// Compiles `sql` once for repeated use.
  func prepare(_ sql: String) throws(TraduError) -> SQLiteStatement {
    var statement: OpaquePointer?
    let status = sqlite3_prepare_v3(handle, sql, -1, UInt32(SQLITE_PREPARE_PERSISTENT), &statement, nil)
    guard status == SQLITE_OK, let statement else { throw failure(lastError, status: status) }
    return SQLiteStatement(statement, database: self)
  }

  /// The rowid of the last inserted row.
  var lastInsertedRowID: Int64 { sqlite3_last_insert_rowid(handle) }

  /// Rows changed by the last statement.
  var changes: Int { Int(sqlite3_changes(handle)) }

  /// Runs `body` in one transaction (`BEGIN IMMEDIATE`, so a writer waits for others at the
  /// start rather than failing half-way), rolled back when it throws.
  func transaction<T>(_ body: () throws(TraduError) -> T) throws(TraduError) -> T {
    try execute("BEGIN IMMEDIATE")
    do {
      let result = try body()
      try execute("COMMIT")
      return result
    } catch {
      try? execute("ROLLBACK")
      throw error
    }
  }

  private var begin: SQLiteStatement?
  private var commit: SQLiteStatement?

  /// Runs `body`, which only reads, in one read transaction: its statements see one state of
  /// the file and take the lock once.
  func reading<T>(_ body: () throws(TraduError) -> T) throws(TraduError) -> T {
    // Inside a transaction already: its statements share it.
    if sqlite3_get_autocommit(handle) == 0 { return try body() }
    if begin == nil {
      begin = try prepare("BEGIN")
      commit = try prepare("COMMIT")
    }
    try begin!.run()
    defer { try? commit!.run() }
    return try body()
  }

  /// The error for a failed call, naming the file.
  func failure(_ reason: String, status: Int32) -> TraduError {
    switch status & 0xFF {
    case SQLITE_NOTADB, SQLITE_CORRUPT:
      return .malformedInput(path: path, line: nil, reason: "not a usable translation memory (SQLite: \(reason))")
    case SQLITE_READONLY, SQLITE_CANTOPEN, SQLITE_FULL, SQLITE_IOERR:
      return .unwritable(path: path, reason: "SQLite: \(reason)")
    default:
      return .malformedInput(path: path, line: nil, reason: "SQLite: \(reason)")
    }
  }
}

/// A compiled statement: bind, step, read columns, reset.
final class SQLiteStatement {
  private let statement: OpaquePointer
  private unowned let database: SQLiteDatabase

  /// The statement's number of parameters.
  private let parameterCount: Int

  init(_ statement: OpaquePointer, database: SQLiteDatabase) {
    self.statement = statement
    self.database = database
    parameterCount = Int(sqlite3_bind_parameter_count(statement))
  }

  deinit { sqlite3_finalize(statement) }

  /// Binds the parameters in order (1-based), after a reset.
  func bind(_ values: SQLiteValue...) throws(TraduError) {
    try bind(values)
  }

  func bind(_ values: [SQLiteValue]) throws(TraduError) {
    sqlite3_reset(statement)
    // Parameters left out are NULL; when every one is bound again, clearing them first would
    // only free the copies of the last texts that SQLite can reuse (a tenth of a bulk insert).
    if values.count < parameterCount { sqlite3_clear_bindings(statement) }
    for (i, value) in values.enumerated() {
      let index = Int32(i + 1)
      let status: Int32
      switch value {
      case .null: status = sqlite3_bind_null(statement, index)
      case .integer(let n): status = sqlite3_bind_int64(statement, index, n)
      case .real(let x): status = sqlite3_bind_double(statement, index, x)
      case .text(let s):
        status = s.withCString { csqlite_bind_text(statement, index, $0, Int32(s.utf8.count)) }
      }
      guard status == SQLITE_OK else { throw database.failure(database.lastError, status: status) }
    }
  }

  /// Steps once: true when a row is ready to read, false when the statement is done.
  func step() throws(TraduError) -> Bool {
    let status = sqlite3_step(statement)
    switch status {
    case SQLITE_ROW: return true
    case SQLITE_DONE: return false
    default:
      let error = database.failure(database.lastError, status: status)
      sqlite3_reset(statement)
      throw error
    }
  }

  /// Steps to the end (for statements that return no rows).
  func run() throws(TraduError) {
    while try step() {}
    sqlite3_reset(statement)
  }

  /// Resets the statement so that it releases its read lock.
  func reset() { sqlite3_reset(statement) }

  func int(_ column: Int32) -> Int64 { sqlite3_column_int64(statement, column) }

  func isNull(_ column: Int32) -> Bool { sqlite3_column_type(statement, column) == SQLITE_NULL }

  func text(_ column: Int32) -> String {
    guard let bytes = sqlite3_column_text(statement, column) else { return "" }
    let count = Int(sqlite3_column_bytes(statement, column))
    return String(decoding: UnsafeBufferPointer(start: bytes, count: count), as: UTF8.self)
  }

  func optionalText(_ column: Int32) -> String? { isNull(column) ? nil : text(column) }
}

/// A value bound to a statement parameter.
enum SQLiteValue {
  case null
  case integer(Int64)
  case real(Double)
  case text(String)

  static func optional(_ s: String?) -> SQLiteValue { s.map { .text($0) } ?? .null }
  static func optional(_ n: Int64?) -> SQLiteValue { n.map { .integer($0) } ?? .null }
}

/// SQLite's version, e.g. "3.40.1".
public var sqliteVersion: String { String(cString: sqlite3_libversion()) }
