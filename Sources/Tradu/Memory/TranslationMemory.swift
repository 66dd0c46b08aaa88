import Foundation

/// A translation memory in one SQLite file: earlier translations, found again for new segments.
///
/// The file is in WAL mode, so any number of processes read it while one writes. Sources are
/// stored normalized as `prepare` normalizes them (``MemoryText/normalize(_:)``), with a
/// 64-bit key of that text for exact matches and, in two FTS5 indexes, their words and their
/// pairs of adjacent words with case and diacritics folded away, from which fuzzy candidates
/// are drawn and then scored (``FuzzyScore``).
///
///     let memory = try TranslationMemory(path: "news.tm")
///     try memory.add([MemoryUnit(source: "Kremlinul a anunțat.", target: "The Kremlin announced.",
///                                origin: .human, created: "2026-12-06T10:00:00Z")])
///     let matches = try memory.lookup("Kremlinul a anunțat ieri.")
///
/// Not thread-safe: one instance per thread or task (each has its own connection).
public final class TranslationMemory {
  /// The schema this code writes. Version 1: units with an exact-match key; version 2 adds the
  /// folded word index (FTS5), target keys against duplicates, author, change dates and context;
  /// version 3 the index of adjacent word pairs (FTS5 with the `tradu_pairs` tokenizer), and
  /// drops two structures nothing read (the separate source-key index, the word index's
  /// per-row sizes).
  public static let schemaVersion = 3
  /// `PRAGMA application_id` of Tradu memories ("TRTM").
  static let applicationID: Int32 = 0x5452_544D

  let database: SQLiteDatabase
  let tokenizer: MemoryTokenizer
  /// The file, for messages.
  public let path: String
  /// Points taken off matches by origin.
  public var penalties = OriginPenalties.default
  /// Fuzzy candidates scored per look-up (those sharing the most of the query's rare words and
  /// word pairs).
  public var candidateLimit = 16
  /// Words (the query's rarest in the memory) that draw fuzzy candidates when its rare word
  /// pairs do not; as many again tell apart near-duplicates that share the best weight.
  public var queryTermLimit = 8
  /// Sources longer than this (UTF-16 units, once normalized) get exact matches only.
  ///
  /// A fuzzy match scores at most the smaller side's token weight over the larger's (what the
  /// longer side has more must be inserted), so a query this long (some 1,500 words) could only
  /// reach 70 against a unit of about 70 % of its words or more: not a sentence. Looking up a
  /// 50 MB paragraph without a sentence end fuzzily would read the indexes for millions of
  /// words and pairs to find nothing.
  public var fuzzyLengthLimit = 10_000

  private var documentFrequency: [String: Int] = [:]
  private lazy var exactStatement = try? database.prepare("SELECT \(Self.columns) FROM units WHERE source_key = ?")

  /// Opens the memory at `path` (`:memory:` for one that lives only in this process), creating
  /// it when `create` is true and it does not exist, and bringing an older schema up to date.
  public init(path: String, create: Bool = true) throws(TraduError) {
    if !create && path != ":memory:" && !FileManager.default.fileExists(atPath: path) {
      throw .unreadable(path: path, reason: "no such translation memory (create one with 'tradu tm import FILE --tm \(path)')")
    }
    self.path = path
    database = try SQLiteDatabase(path: path, create: create)
    tokenizer = try MemoryTokenizer()
    try open()
  }

  /// Opens a memory at `path` with the schema of version `version` only (tests of migrations).
  static func createOlder(path: String, version: Int) throws(TraduError) -> SQLiteDatabase {
    let database = try SQLiteDatabase(path: path)
    try database.execute("PRAGMA journal_mode=WAL; PRAGMA application_id = \(applicationID)")
    let tokenizer = try MemoryTokenizer()
    for step in 0..<version { try migrate(step: step, database, tokenizer) }
    try database.execute("PRAGMA user_version = \(version)")
    return database
  }

  private func open() throws(TraduError) {
    try checkKind()
    // A 32 MB page cache: a large import writes its pages once, at the commit, instead of
    // spilling them to the WAL over and over.
    try database.execute("PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=ON; PRAGMA cache_size=-32768")
    let version = try integer("PRAGMA user_version")
    if version > Self.schemaVersion {
      throw .malformedInput(path: path, line: nil,
                            reason: "translation memory schema \(version) is newer than this Tradu's (\(Self.schemaVersion)); use a newer tradu")
    }
    if version < Self.schemaVersion {
      try database.transaction { () throws(TraduError) in
        // Another process may have migrated while this one waited for the lock.
        let now = try integer("PRAGMA user_version")
        if now == 0 { try database.execute("PRAGMA application_id = \(Self.applicationID)") }
        for step in Int(now)..<Self.schemaVersion { try Self.migrate(step: step, database, tokenizer) }
        try database.execute("PRAGMA user_version = \(Self.schemaVersion)")
      }
    }
  }

  /// Refuses a SQLite file that is something else than a Tradu memory.
  private func checkKind() throws(TraduError) {
    let id = try integer("PRAGMA application_id")
    if id == Int64(Self.applicationID) { return }
    let tables = try integer("SELECT count(*) FROM sqlite_master")
    if id != 0 || tables > 0 {
      throw .malformedInput(path: path, line: nil, reason: "is a SQLite database but not a Tradu translation memory")
    }
  }

  func integer(_ sql: String) throws(TraduError) -> Int64 {
    let statement = try database.prepare(sql)
    defer { statement.reset() }
    return try statement.step() ? statement.int(0) : 0
  }

  /// The schema's steps: step k takes a memory from version k to k + 1.
  static func migrate(step: Int, _ database: SQLiteDatabase, _ tokenizer: MemoryTokenizer) throws(TraduError) {
    switch step {
    case 0:
      try database.execute("""
        CREATE TABLE units(
          id INTEGER PRIMARY KEY,
          source TEXT NOT NULL,
          target TEXT NOT NULL,
          source_lang TEXT NOT NULL,
          target_lang TEXT NOT NULL,
          source_key INTEGER NOT NULL,
          origin TEXT NOT NULL,
          document TEXT,
          created TEXT NOT NULL);
        CREATE INDEX units_by_source ON units(source_key);
        """)
    case 1:
      try database.execute("""
        ALTER TABLE units ADD COLUMN target_key INTEGER NOT NULL DEFAULT 0;
        ALTER TABLE units ADD COLUMN folded TEXT NOT NULL DEFAULT '';
        ALTER TABLE units ADD COLUMN author TEXT;
        ALTER TABLE units ADD COLUMN changed TEXT;
        ALTER TABLE units ADD COLUMN previous_key INTEGER;
        ALTER TABLE units ADD COLUMN next_key INTEGER;
        UPDATE units SET changed = created;
        """)
      // Rows of version 1 get their target keys and folded words.
      let read = try database.prepare("SELECT id, source, target FROM units")
      let write = try database.prepare("UPDATE units SET target_key = ?, folded = ? WHERE id = ?")
      var rows: [(Int64, String, String)] = []
      while try read.step() { rows.append((read.int(0), read.text(1), read.text(2))) }
      read.reset()
      for (id, source, target) in rows {
        let folded = MemoryTokenizer.foldedText(try tokenizer.tokens(source))
        try write.bind(.integer(MemoryText.rawKey(target)), .text(folded), .integer(id))
        try write.run()
      }
      try database.execute("""
        DELETE FROM units WHERE id NOT IN (
          SELECT min(id) FROM units GROUP BY source_key, target_key, source_lang, target_lang);
        CREATE UNIQUE INDEX units_unique ON units(source_key, target_key, source_lang, target_lang);
        CREATE INDEX units_by_document ON units(document);
        CREATE VIRTUAL TABLE unit_words USING fts5(folded, content='units', content_rowid='id', detail='none');
        CREATE VIRTUAL TABLE unit_words_vocabulary USING fts5vocab(unit_words, 'row');
        CREATE TRIGGER units_added AFTER INSERT ON units BEGIN
          INSERT INTO unit_words(rowid, folded) VALUES (new.id, new.folded);
        END;
        CREATE TRIGGER units_removed AFTER DELETE ON units BEGIN
          INSERT INTO unit_words(unit_words, rowid, folded) VALUES ('delete', old.id, old.folded);
        END;
        CREATE TRIGGER units_refolded AFTER UPDATE OF folded ON units BEGIN
          INSERT INTO unit_words(unit_words, rowid, folded) VALUES ('delete', old.id, old.folded);
          INSERT INTO unit_words(rowid, folded) VALUES (new.id, new.folded);
        END;
        INSERT INTO unit_words(unit_words) VALUES ('rebuild');
        """)
    case 2:
      // The unique index starts with the source key: exact look-ups use it, and a second index
      // of that column only cost every insert. The word index is made again without its
      // per-row sizes (bm25 needed them; nothing reads them now), and the pair index is new.
      // New rows are indexed by ``add(_:)`` itself, not by a trigger: a statement that fires a
      // trigger opens a savepoint, at which FTS5 writes its pending terms to disk, one tiny
      // segment per row to be merged again and again (a third of an import's time).
      try database.execute("""
        DROP INDEX units_by_source;
        DROP TRIGGER units_added;
        DROP TRIGGER units_removed;
        DROP TRIGGER units_refolded;
        DROP TABLE unit_words_vocabulary;
        DROP TABLE unit_words;
        CREATE VIRTUAL TABLE unit_words USING fts5(folded, content='units', content_rowid='id', detail='none', columnsize=0);
        CREATE VIRTUAL TABLE unit_pairs USING fts5(folded, content='units', content_rowid='id', detail='none', columnsize=0,
                                                   tokenize='tradu_pairs');
        CREATE TRIGGER units_removed AFTER DELETE ON units BEGIN
          INSERT INTO unit_words(unit_words, rowid, folded) VALUES ('delete', old.id, old.folded);
          INSERT INTO unit_pairs(unit_pairs, rowid, folded) VALUES ('delete', old.id, old.folded);
        END;
        CREATE TRIGGER units_refolded AFTER UPDATE OF folded ON units BEGIN
          INSERT INTO unit_words(unit_words, rowid, folded) VALUES ('delete', old.id, old.folded);
          INSERT INTO unit_words(rowid, folded) VALUES (new.id, new.folded);
          INSERT INTO unit_pairs(unit_pairs, rowid, folded) VALUES ('delete', old.id, old.folded);
          INSERT INTO unit_pairs(rowid, folded) VALUES (new.id, new.folded);
        END;
        INSERT INTO unit_words(unit_words) VALUES ('rebuild');
        INSERT INTO unit_pairs(unit_pairs) VALUES ('rebuild');
        """)
    default:
      preconditionFailure("no migration from schema \(step)")
    }
  }

  static let columns =
    "id, source, target, source_lang, target_lang, origin, document, author, created, changed, previous_key, next_key"

  static func unit(_ row: SQLiteStatement) -> MemoryUnit {
    let context = row.isNull(10) || row.isNull(11) ? nil : MemoryContext(previous: row.int(10), next: row.int(11))
    return MemoryUnit(id: row.int(0), source: row.text(1), target: row.text(2), sourceLanguage: row.text(3),
                      targetLanguage: row.text(4), origin: MemoryOrigin(rawValue: row.text(5)) ?? .import,
                      document: row.optionalText(6), author: row.optionalText(7), created: row.text(8),
                      changed: row.optionalText(9), context: context)
  }

  // MARK: Writing

  /// What ``add(_:)`` did.
  public struct AddResult: Equatable, Sendable {
    /// Units new to the memory.
    public var added = 0
    /// Units it had already (same source and target): their change date and context updated.
    public var updated = 0
    /// Units left out: an empty source or target.
    public var skipped = 0
  }

  /// Stores `units` in one transaction; their sources are normalized first. A unit the memory
  /// already holds (same normalized source, target and languages) is not stored twice.
  ///
  /// New units go into the word and pair indexes here (no trigger does it; see the schema's
  /// version 3), so rows added to `units` by other means are not found by fuzzy look-ups.
  ///
  /// The units are taken in blocks of ``addBlock``: while the connection inserts one block,
  /// the next is normalized, keyed and folded (a third of an import's work) on another thread.
  @discardableResult
  public func add(_ units: [MemoryUnit]) throws(TraduError) -> AddResult {
    try add(units, normalized: false)
  }

  /// ``add(_:)`` of units whose sources are normalized already (``MemoryText/normalize(_:)``,
  /// as ``MemoryImport`` reads them) when `normalized` is true: not normalized again.
  func add(_ units: [MemoryUnit], normalized: Bool) throws(TraduError) -> AddResult {
    var blocks = stride(from: 0, to: units.count, by: Self.addBlock)
      .map { units[$0..<min($0 + Self.addBlock, units.count)] }.makeIterator()
    // The next block is prepared on another thread, with its own tokenizer, while this
    // connection inserts the one before.
    func prepare(_ block: ArraySlice<MemoryUnit>) -> BackgroundJob<Result<PreparedBlock, TraduError>> {
      BackgroundJob {
        Result { () throws(TraduError) in
          try PreparedBlock(units: Array(block), rows: Self.rows(of: block, normalized: normalized, tokenizer: MemoryTokenizer()))
        }
      }
    }
    var preparing = blocks.next().map(prepare)
    return try add(bulk: units.count >= Self.bulkUnits) { () throws(TraduError) in
      guard let job = preparing else { return nil }
      preparing = blocks.next().map(prepare)
      return try job.wait().get()
    }
  }

  /// Units ready to store, and their rows (the same order).
  struct PreparedBlock: Sendable {
    var units: [MemoryUnit]
    var rows: [Row?]
  }

  /// Stores the blocks that `nextBlock` gives until it gives nil, in one transaction: all of
  /// them or, when it or the database throws, none. `nextBlock` runs on this thread (the
  /// connection's), one call per block, while the block before is not yet inserted.
  ///
  /// - Parameter bulk: whether to raise the full-text indexes' `hashsize` at once; it is
  ///   raised anyway once ``bulkUnits`` units have come.
  func add(bulk: Bool, blocks nextBlock: () throws(TraduError) -> PreparedBlock?) throws(TraduError) -> AddResult {
    var inserter = try RowInserter(database)
    defer {
      documentFrequency.removeAll()
      unitCount = nil
    }
    try database.transaction { () throws(TraduError) in
      var raised = false
      var seen = 0
      while let block = try nextBlock() {
        seen += block.units.count
        if !raised && (bulk || seen >= Self.bulkUnits) {
          // FTS5 writes its pending terms as a new segment, to be merged later, whenever they
          // pass `hashsize` (1 MB by default): a bulk import made dozens of segments and merged
          // them again and again. The setting is kept in the file; it bounds the memory each
          // index holds within one transaction.
          try database.execute("""
            INSERT INTO unit_words(unit_words, rank) VALUES ('hashsize', \(Self.pendingTermBytes));
            INSERT INTO unit_pairs(unit_pairs, rank) VALUES ('hashsize', \(Self.pendingTermBytes));
            """)
          raised = true
        }
        try inserter.insert(block.rows, block.units)
      }
    }
    return inserter.result
  }

  /// Units per block of ``add(_:)``.
  static let addBlock = 2_048
  /// An ``add(_:)`` of this many units or more raises the full-text indexes' `hashsize`.
  static let bulkUnits = 10_000
  /// The full-text indexes' `hashsize` after a bulk ``add(_:)``: 100,000 units' words fit.
  static let pendingTermBytes = 16 << 20

  /// A unit as stored: its source normalized and keyed, its target trimmed and keyed, the
  /// folded words of the source for the full-text indexes.
  struct Row: Sendable {
    var source: String
    var target: String
    var sourceKey: Int64
    var targetKey: Int64
    var folded: String

    /// The row of a unit whose source is normalized already, with that source's exact-match
    /// key (``MemoryText/key(_:)``); nil when the source or the target is empty.
    init?(normalizedSource source: String, sourceKey: Int64, target: String,
          tokenizer: MemoryTokenizer) throws(TraduError) {
      let target = MemoryText.trimmed(target)
      if source.isEmpty || target.isEmpty { return nil }
      self.source = source
      self.target = target
      self.sourceKey = sourceKey
      targetKey = MemoryText.rawKey(target)
      folded = try tokenizer.foldedText(of: source)
    }
  }

  /// The rows of `units`, nil for a unit with an empty source or target; their sources are
  /// normalized unless `normalized` says they are already.
  private static func rows(of units: ArraySlice<MemoryUnit>, normalized: Bool,
                           tokenizer: MemoryTokenizer) throws(TraduError) -> [Row?] {
    var rows: [Row?] = []
    rows.reserveCapacity(units.count)
    for unit in units {
      let source = normalized ? unit.source : try MemoryText.normalize(unit.source)
      rows.append(try Row(normalizedSource: source, sourceKey: MemoryText.key(source), target: unit.target,
                          tokenizer: tokenizer))
    }
    return rows
  }

  /// The statements of ``add(_:)``, and what they did.
  private struct RowInserter {
    let database: SQLiteDatabase
    let insert: SQLiteStatement
    let touch: SQLiteStatement
    let indexWords: SQLiteStatement
    let indexPairs: SQLiteStatement
    var result = AddResult()

    init(_ database: SQLiteDatabase) throws(TraduError) {
      self.database = database
      indexWords = try database.prepare("INSERT INTO unit_words(rowid, folded) VALUES (?, ?)")
      indexPairs = try database.prepare("INSERT INTO unit_pairs(rowid, folded) VALUES (?, ?)")
      insert = try database.prepare("""
        INSERT INTO units(source, target, source_lang, target_lang, source_key, target_key, folded, origin,
                          document, author, created, changed, previous_key, next_key)
        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
        ON CONFLICT DO NOTHING
        """)
      touch = try database.prepare("""
        UPDATE units SET changed = ?, previous_key = coalesce(?, previous_key), next_key = coalesce(?, next_key)
        WHERE source_key = ? AND target_key = ? AND source_lang = ? AND target_lang = ?
        """)
    }

    /// Inserts `rows`, made from `units` (the same order), or touches the units already stored.
    mutating func insert(_ rows: [Row?], _ units: [MemoryUnit]) throws(TraduError) {
      for (row, unit) in zip(rows, units) {
        guard let row else {
          result.skipped += 1
          continue
        }
        try insert.bind([
          .text(row.source), .text(row.target), .text(unit.sourceLanguage), .text(unit.targetLanguage),
          .integer(row.sourceKey), .integer(row.targetKey), .text(row.folded), .text(unit.origin.rawValue),
          .optional(unit.document), .optional(unit.author), .text(unit.created), .text(unit.changed),
          .optional(unit.context?.previous), .optional(unit.context?.next),
        ])
        try insert.run()
        if database.changes > 0 {
          let id = database.lastInsertedRowID
          try indexWords.bind(.integer(id), .text(row.folded))
          try indexWords.run()
          try indexPairs.bind(.integer(id), .text(row.folded))
          try indexPairs.run()
          result.added += 1
        } else {
          try touch.bind([.text(unit.changed), .optional(unit.context?.previous), .optional(unit.context?.next),
                          .integer(row.sourceKey), .integer(row.targetKey), .text(unit.sourceLanguage),
                          .text(unit.targetLanguage)])
          try touch.run()
          result.updated += 1
        }
      }
    }
  }

  /// Merges each full-text index into one segment (FTS5 `optimize`), which makes every term
  /// of a look-up cheaper to find; worth it after an import that grew the memory by a large
  /// part (``add(_:)`` leaves FTS5 several segments to merge bit by bit).
  public func optimize() throws(TraduError) {
    try database.execute("""
      INSERT INTO unit_words(unit_words) VALUES ('optimize');
      INSERT INTO unit_pairs(unit_pairs) VALUES ('optimize');
      """)
  }

  /// ``optimize()`` when `added` new units are at least a tenth of the memory (an import into
  /// a new or small memory); a few units more are left to FTS5's own merging, as rewriting
  /// a large index for them would cost more than it saves.
  public func optimize(afterAdding added: Int) throws(TraduError) {
    guard added > 0, added * 10 >= (try unitCountEstimate()) else { return }
    try optimize()
  }

  /// Deletes units by id; the number deleted.
  @discardableResult
  public func delete(ids: [Int64]) throws(TraduError) -> Int {
    let statement = try database.prepare("DELETE FROM units WHERE id = ?")
    var count = 0
    try database.transaction { () throws(TraduError) in
      for id in ids {
        try statement.bind(.integer(id))
        try statement.run()
        count += database.changes
      }
    }
    documentFrequency.removeAll()
    return count
  }

  /// Deletes every unit of `document`; the number deleted.
  @discardableResult
  public func delete(document: String) throws(TraduError) -> Int {
    let statement = try database.prepare("DELETE FROM units WHERE document = ?")
    try statement.bind(.text(document))
    try statement.run()
    documentFrequency.removeAll()
    return database.changes
  }

  /// Replaces the target of unit `id`, recording `author` and the date; false when no such unit.
  @discardableResult
  public func edit(id: Int64, target: String, author: String?, date: String) throws(TraduError) -> Bool {
    let text = MemoryText.trimmed(target)
    guard !text.isEmpty else {
      throw .malformedInput(path: "--target", line: nil, reason: "the new target is empty; use 'tradu tm delete' to remove a unit")
    }
    let statement = try database.prepare(
      "UPDATE units SET target = ?, target_key = ?, author = coalesce(?, author), changed = ? WHERE id = ?")
    try statement.bind(.text(text), .integer(MemoryText.rawKey(text)), .optional(author), .text(date), .integer(id))
    do {
      try statement.run()
    } catch {
      throw .malformedInput(path: path, line: nil, reason: "unit \(id) already has that translation as another unit")
    }
    return database.changes > 0
  }

  // MARK: Reading

  /// The unit with row id `id`.
  public func unit(id: Int64) throws(TraduError) -> MemoryUnit? {
    let statement = try database.prepare("SELECT \(Self.columns) FROM units WHERE id = ?")
    try statement.bind(.integer(id))
    defer { statement.reset() }
    return try statement.step() ? Self.unit(statement) : nil
  }

  /// Every unit in the order stored, handed to `body` one at a time.
  public func forEachUnit(_ body: (MemoryUnit) throws(TraduError) -> Void) throws(TraduError) {
    let statement = try database.prepare("SELECT \(Self.columns) FROM units ORDER BY id")
    defer { statement.reset() }
    while try statement.step() { try body(Self.unit(statement)) }
  }

  /// Concordance: units whose source has, for every word of `words`, a word that starts with
  /// it (case and diacritics folded: `kremlin` finds `Kremlinului`), newest first, at most `limit`.
  public func search(_ words: String, limit: Int = 50) throws(TraduError) -> [MemoryUnit] {
    let terms = Self.indexTerms(of: try tokenizer.tokens(try MemoryText.normalize(words)))
    guard !terms.isEmpty else { return [] }
    let query = terms.map { "\"\($0)\"*" }.joined(separator: " AND ")
    let statement = try database.prepare("""
      SELECT \(Self.columns) FROM units WHERE id IN (SELECT rowid FROM unit_words WHERE unit_words MATCH ?)
      ORDER BY changed DESC, id DESC LIMIT ?
      """)
    try statement.bind(.text(query), .integer(Int64(limit)))
    var units: [MemoryUnit] = []
    while try statement.step() { units.append(Self.unit(statement)) }
    return units
  }

  /// The counts of ``MemoryStatistics``.
  public func statistics() throws(TraduError) -> MemoryStatistics {
    var stats = MemoryStatistics()
    stats.schemaVersion = Int(try integer("PRAGMA user_version"))
    stats.units = Int(try integer("SELECT count(*) FROM units"))
    stats.documents = Int(try integer("SELECT count(DISTINCT document) FROM units"))
    let origins = try database.prepare("SELECT origin, count(*) FROM units GROUP BY origin")
    while try origins.step() {
      if let origin = MemoryOrigin(rawValue: origins.text(0)) { stats.byOrigin[origin] = Int(origins.int(1)) }
    }
    let pairs = try database.prepare("SELECT source_lang || '→' || target_lang, count(*) FROM units GROUP BY 1")
    while try pairs.step() { stats.languagePairs[pairs.text(0)] = Int(pairs.int(1)) }
    let dates = try database.prepare("SELECT min(created), max(changed) FROM units")
    if try dates.step() {
      stats.oldest = dates.optionalText(0)
      stats.newest = dates.optionalText(1)
    }
    dates.reset()
    stats.fileBytes = (try integer("PRAGMA page_count")) * (try integer("PRAGMA page_size"))
    return stats
  }

  // MARK: Look-up

  /// The memory's translations for `text`, best first: exact matches (100, or 101 when
  /// `context` matches the unit's) or, when the memory has none, fuzzy ones; each less its
  /// origin's penalty, none below `minimumScore`, at most `limit`. Among equal scores the
  /// closer source (``MemoryMatch/closeness``) ranks first, then the more recently changed
  /// unit, then the later one stored.
  ///
  /// Fuzzy matches are not looked for once the same source is found: every one of them would
  /// rank below it, and the search costs a hundred exact look-ups; nor for a source longer
  /// than ``fuzzyLengthLimit``.
  public func lookup(_ text: String, context: MemoryContext? = nil, sourceLanguage: String = "ro",
                     targetLanguage: String = "en", minimumScore: Int = 70, limit: Int = 5) throws(TraduError) -> [MemoryMatch] {
    let source = try MemoryText.normalize(text)
    guard !source.isEmpty, limit > 0 else { return [] }
    var matches = try exactMatches(normalized: source, context: context, sourceLanguage: sourceLanguage,
                                   targetLanguage: targetLanguage)
    if !matches.contains(where: { $0.score >= minimumScore }) && source.utf16.count <= fuzzyLengthLimit {
      let exactIDs = Set(matches.compactMap(\.unit.id))
      let tokens = try tokenizer.tokens(source)
      // One read transaction for the dozens of statements of a fuzzy search (each would
      // take and release the WAL read lock on its own).
      let candidates = try database.reading { () throws(TraduError) in try fuzzyCandidates(tokens) }
      for unit in candidates where !exactIDs.contains(unit.id!) {
        guard unit.sourceLanguage == sourceLanguage, unit.targetLanguage == targetLanguage else { continue }
        let candidate = try tokenizer.tokens(unit.source)
        let comparison = FuzzyScore.compare(tokens, candidate)
        // The same text (white space aside) has the same tokens: compared only then.
        let sameText = comparison.similarity >= 1 && MemoryText.sameText(source, unit.source)
        let similarity = FuzzyScore.percent(comparison.similarity, sameText: sameText)
        let score = similarity - penalties.penalty(unit.origin)
        guard score >= minimumScore else { continue }
        let placed = NumberPlaceables.apply(comparison.pairs, query: tokens, candidate: candidate, to: unit.target)
        matches.append(MemoryMatch(unit: unit, target: placed.target, score: score, similarity: similarity,
                                   closeness: comparison.similarity, kind: similarity == 100 ? .exact : .fuzzy, replacedNumbers: placed.replacements))
      }
    }
    matches = matches.filter { $0.score >= minimumScore }
    matches.sort(by: Self.ranksBefore)
    return Array(matches.prefix(limit))
  }

  /// Exact matches alone (the same normalized source), best first.
  public func exactMatches(for text: String, context: MemoryContext? = nil, sourceLanguage: String = "ro",
                           targetLanguage: String = "en") throws(TraduError) -> [MemoryMatch] {
    var matches = try exactMatches(normalized: try MemoryText.normalize(text), context: context,
                                   sourceLanguage: sourceLanguage, targetLanguage: targetLanguage)
    matches.sort(by: Self.ranksBefore)
    return matches
  }

  func exactMatches(normalized source: String, context: MemoryContext?, sourceLanguage: String,
                    targetLanguage: String) throws(TraduError) -> [MemoryMatch] {
    guard let statement = exactStatement else {
      throw .malformedInput(path: path, line: nil, reason: "SQLite: \(database.lastError)")
    }
    try statement.bind(.integer(MemoryText.key(source)))
    defer { statement.reset() }
    var matches: [MemoryMatch] = []
    while try statement.step() {
      let unit = Self.unit(statement)
      guard unit.sourceLanguage == sourceLanguage, unit.targetLanguage == targetLanguage,
            MemoryText.sameText(unit.source, source) else { continue }
      let inContext = context != nil && unit.context == context
      let similarity = unit.source == source ? 100 : 99
      let kind: MatchKind = similarity < 100 ? .fuzzy : inContext ? .inContext : .exact
      let score = (kind == .inContext ? 101 : similarity) - penalties.penalty(unit.origin)
      matches.append(MemoryMatch(unit: unit, target: unit.target, score: score, similarity: similarity,
                                 closeness: 1, kind: kind, replacedNumbers: []))
    }
    return matches
  }

  /// Best first; among equal scores the closer source, then the more recently changed, then
  /// the later stored.
  static func ranksBefore(_ a: MemoryMatch, _ b: MemoryMatch) -> Bool {
    if a.score != b.score { return a.score > b.score }
    if abs(a.closeness - b.closeness) > 1e-9 { return a.closeness > b.closeness }
    if a.unit.changed != b.unit.changed { return a.unit.changed > b.unit.changed }
    return (a.unit.id ?? 0) > (b.unit.id ?? 0)
  }

  /// The terms of the full-text index for `tokens`: folded words and numbers split where
  /// FTS5's unicode61 tokenizer splits them (anything but letters and digits).
  static func indexTerms(of tokens: [MemoryToken]) -> [String] {
    var seen: Set<String> = []
    var terms: [String] = []
    for token in tokens where token.kind != .punctuation {
      for part in token.folded.split(whereSeparator: { !($0.isLetter || $0.isNumber) }) {
        let term = String(part)
        if seen.insert(term).inserted { terms.append(term) }
      }
    }
    return terms
  }

  /// The pair-index terms of `tokens`: each two adjacent words or numbers, folded, one space
  /// between them (as the `tradu_pairs` tokenizer cuts ``MemoryTokenizer/foldedText(_:)``).
  static func pairTerms(of tokens: [MemoryToken]) -> [String] {
    let words = MemoryTokenizer.foldedText(tokens).split(separator: " ")
    guard words.count > 1 else { return [] }
    var seen: Set<String> = []
    var pairs: [String] = []
    for index in 1..<words.count {
      let pair = String(words[index - 1]) + " " + String(words[index])
      if seen.insert(pair).inserted { pairs.append(pair) }
    }
    return pairs
  }

  /// A word of a look-up and the number of units that hold it.
  struct IndexTerm {
    var text: String
    var count: Int
  }

  /// Units that share the most of the query's rarest words and word pairs, each term weighed
  /// by its rarity (`log(units / units with the term)`), best first; among equal weights the
  /// later stored.
  ///
  /// A near-duplicate (the same sentence with another name, number or word) shares the query's
  /// words but not the pairs around the word that differs, which are about as rare as the unit
  /// itself; a word the query changed makes pairs that match nothing. The postings of each
  /// chosen term are read from its index without ranking (FTS5's bm25 costs ~3 µs a row at a
  /// million units, reading a row ~0.2 µs) and summed here.
  func fuzzyCandidates(_ tokens: [MemoryToken]) throws(TraduError) -> [MemoryUnit] {
    let total = Double(max(try unitCountEstimate(), 1))
    var weights: [Int64: Double] = [:]
    // Rare pairs first, each read at once with its count. A pair shared by many units (a
    // phrase, or the part that near-duplicates have in common) tells no unit apart that its
    // words do not, and is left out.
    var shared: [Int64: Int] = [:]
    let pairStatement = try postingStatement(pairs: true)
    for pair in Self.pairTerms(of: tokens) {
      try pairStatement.bind(.text(Self.quoted(pair)))
      var units: [Int64] = []
      while units.count <= Self.pairPostingLimit, try pairStatement.step() { units.append(pairStatement.int(0)) }
      pairStatement.reset()
      guard !units.isEmpty && units.count <= Self.pairPostingLimit else { continue }
      let weight = log(max(total, Double(units.count + 1)) / Double(units.count))
      for id in units {
        weights[id, default: 0] += weight
        shared[id, default: 0] += 1
      }
    }
    // Words, unless a unit already shares two rare pairs with the query (a stretch of three
    // words or more, or two apart): then the closest units are among those the pairs found,
    // and counting the words (the larger part of a look-up's cost) would change nothing.
    if (shared.values.max() ?? 0) < Self.sharedPairsEnough {
      var terms: [IndexTerm] = []
      for word in Self.indexTerms(of: tokens) {
        let count = try frequency(of: word)
        if count > 0 && count <= Self.postingLimit { terms.append(IndexTerm(text: word, count: count)) }
      }
      terms.sort { $0.count != $1.count ? $0.count < $1.count : $0.text < $1.text }
      let postings = try postingStatement(pairs: false)
      for (index, term) in terms.enumerated() {
        // Past the rarest words, another one is read only while more units than are scored
        // share the best weight, and it only tells those apart.
        if index >= queryTermLimit {
          guard index < queryTermLimit * 2, Self.tiedAtTheTop(weights) > candidateLimit else { break }
        }
        let weight = log(max(total, Double(term.count + 1)) / Double(term.count))
        try postings.bind(.text(Self.quoted(term.text)))
        if index < queryTermLimit {
          while try postings.step() { weights[postings.int(0), default: 0] += weight }
        } else {
          while try postings.step() {
            let id = postings.int(0)
            if let known = weights[id] { weights[id] = known + weight }
          }
        }
        postings.reset()
      }
    }
    guard !weights.isEmpty else { return [] }
    if Self.tiedAtTheTop(weights) > candidateLimit {
      try breakTies(in: &weights, query: MemoryTokenizer.foldedText(tokens).split(separator: " "))
    }
    // The best `candidateLimit` in one pass, kept sorted (the rest is never sorted).
    var best: [(id: Int64, weight: Double)] = []
    best.reserveCapacity(candidateLimit + 1)
    func ranksBefore(_ a: (id: Int64, weight: Double), _ b: (id: Int64, weight: Double)) -> Bool {
      a.weight != b.weight ? a.weight > b.weight : a.id > b.id
    }
    for entry in weights {
      let candidate = (id: entry.key, weight: entry.value)
      if best.count == candidateLimit, let last = best.last, !ranksBefore(candidate, last) { continue }
      let place = best.firstIndex { ranksBefore(candidate, $0) } ?? best.count
      best.insert(candidate, at: place)
      if best.count > candidateLimit { best.removeLast() }
    }
    let byID = try unitStatement()
    var units: [MemoryUnit] = []
    for (id, _) in best.prefix(candidateLimit) {
      try byID.bind(.integer(id))
      if try byID.step() { units.append(Self.unit(byID)) }
      byID.reset()
    }
    return units
  }

  /// An FTS5 string for one term: in double quotes, a double quote doubled.
  static func quoted(_ term: String) -> String {
    guard term.utf8.contains(UInt8(ascii: "\"")) else { return "\"" + term + "\"" }
    return "\"" + term.replacingOccurrences(of: "\"", with: "\"\"") + "\""
  }

  /// Orders the units that share the best weight (near-duplicates that no rare term told
  /// apart) by how many of the query's folded words and pairs, common ones included, their
  /// folded text holds: the word or pair that tells them apart may be too common to be read
  /// from an index (`național din`). At most ``tieLimit`` of them are read, the later stored
  /// first.
  private func breakTies(in weights: inout [Int64: Double], query folded: [Substring]) throws(TraduError) {
    guard let top = weights.values.max() else { return }
    let tied = weights.filter { $0.value >= top - 1e-9 }.keys.sorted(by: >).prefix(Self.tieLimit)
    var wanted = Set(folded)
    for index in folded.indices.dropFirst() { wanted.insert(folded[index - 1] + " " + folded[index]) }
    if foldedStatement == nil { foldedStatement = try database.prepare("SELECT folded FROM units WHERE id = ?") }
    let statement = foldedStatement!
    for id in tied {
      try statement.bind(.integer(id))
      guard try statement.step() else { statement.reset(); continue }
      let words = statement.text(0).split(separator: " ")
      statement.reset()
      var held: Set<Substring> = []
      for (index, word) in words.enumerated() {
        if wanted.contains(word) { held.insert(word) }
        if index > 0 {
          let pair = words[index - 1] + " " + word
          if wanted.contains(pair) { held.insert(pair) }
        }
      }
      // Less than any rare term's weight (≥ log 2): the order among the tied units only.
      weights[id] = top + Double(held.count) / Double(wanted.count + 1)
    }
  }

  private var foldedStatement: SQLiteStatement?
  /// Tied units read by ``breakTies(in:query:)``.
  static let tieLimit = 500

  /// How many units share the best weight.
  static func tiedAtTheTop(_ weights: [Int64: Double]) -> Int {
    guard let top = weights.values.max() else { return 0 }
    return weights.values.reduce(0) { $0 + ($1 >= top - 1e-9 ? 1 : 0) }
  }

  /// Words in more units than this draw no candidates (and their counts stop there).
  static let postingLimit = 5_000
  /// Pairs in more units than this draw no candidates (and their counts stop there).
  static let pairPostingLimit = 100
  /// Rare pairs a unit shares with the query that make counting the query's words needless.
  static let sharedPairsEnough = 2

  private var wordPostings: SQLiteStatement?
  private var pairPostings: SQLiteStatement?
  private func postingStatement(pairs: Bool) throws(TraduError) -> SQLiteStatement {
    if let statement = pairs ? pairPostings : wordPostings { return statement }
    let table = pairs ? "unit_pairs" : "unit_words"
    let statement = try database.prepare("SELECT rowid FROM \(table) WHERE \(table) MATCH ?")
    if pairs { pairPostings = statement } else { wordPostings = statement }
    return statement
  }

  private var byID: SQLiteStatement?
  private func unitStatement() throws(TraduError) -> SQLiteStatement {
    if let byID { return byID }
    let statement = try database.prepare("SELECT \(Self.columns) FROM units WHERE id = ?")
    byID = statement
    return statement
  }

  /// The number of units, near enough for weights: the largest row id (cached with the counts).
  private var unitCount: Int?
  private func unitCountEstimate() throws(TraduError) -> Int {
    if let unitCount { return unitCount }
    let count = Int(try integer("SELECT coalesce(max(id), 0) FROM units"))
    unitCount = count
    return count
  }

  private var counting: SQLiteStatement?
  /// How many units hold `word`, counted up to ``postingLimit`` + 1 (cached until the memory
  /// changes).
  private func frequency(of word: String) throws(TraduError) -> Int {
    if let known = documentFrequency[word] { return known }
    if counting == nil {
      counting = try database.prepare(
        "SELECT count(*) FROM (SELECT rowid FROM unit_words WHERE unit_words MATCH ? LIMIT \(Self.postingLimit + 1))")
    }
    let statement = counting!
    try statement.bind(.text(Self.quoted(word)))
    defer { statement.reset() }
    let count = try statement.step() ? Int(statement.int(0)) : 0
    if documentFrequency.count > 200_000 { documentFrequency.removeAll() }
    documentFrequency[word] = count
    return count
  }
}
