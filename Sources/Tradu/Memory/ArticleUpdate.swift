/// Carries the translations of an article's earlier translation file over to its new version,
/// so that an edited story does not go back to zero.
///
/// A new segment whose (normalized) source equals an old translated one keeps that target
/// and state (the old segment in the same place, by its neighbours, is preferred when the
/// source occurs more than once); a changed segment gets the old translations closest to it
/// as fuzzy candidates; a new one gets nothing from the old file.
public struct ArticleUpdate {
  /// What the update did.
  public struct Summary: Equatable, Sendable {
    /// Segments whose source was unchanged: target and state kept.
    public var kept = 0
    /// Changed segments that got an old translation as a candidate.
    public var changed = 0
    /// Segments with nothing in the old file.
    public var new = 0
    /// Old translated segments whose source is not in the new version.
    public var dropped = 0

    public var description: String {
      "\(kept) kept, \(changed) changed (old translation as a candidate), \(new) new; \(dropped) old translated segment\(dropped == 1 ? "" : "s") no longer in the article"
    }
  }

  /// Candidates below this score are not offered.
  public var minimumScore: Int
  /// At most this many candidates a changed segment.
  public var limit: Int

  public init(minimumScore: Int = 50, limit: Int = 3) {
    self.minimumScore = minimumScore
    self.limit = limit
  }

  /// Fills `new` (the new version, prepared) from `old` (the earlier translation file).
  public func carry(from old: BilingualDocument, name: String, into new: inout PreparedDocument) throws(TraduError) -> Summary {
    // The old file's segments in order, translatable ones only.
    var oldSegments: [(source: String, target: String?, state: SegmentState)] = []
    for unit in old.units where unit.isTranslatable {
      for segment in unit.segments {
        let target = segment.target.map(MemoryText.trimmed)
        let translated = target.map { !$0.isEmpty } == true
          && (MemoryImport.isTranslatedState(segment, version: old.xliffVersion) || target != MemoryText.trimmed(segment.source))
        oldSegments.append((try MemoryText.normalize(segment.source), translated ? segment.target : nil,
                            translated ? (segment.state == .initial ? .translated : segment.state) : .initial))
      }
    }
    let oldSources = oldSegments.map(\.source)
    // Old translations by source, each with its context, in order.
    var bySource: [String: [Int]] = [:]
    for (index, segment) in oldSegments.enumerated() where segment.target != nil {
      bySource[segment.source, default: []].append(index)
    }
    // The old translations also as a memory, for the changed segments' candidates.
    let memory = try TranslationMemory(path: ":memory:")
    memory.candidateLimit = 64
    try memory.add(oldSegments.indices.compactMap { index in
      oldSegments[index].target.map {
        MemoryUnit(source: oldSegments[index].source, target: $0, sourceLanguage: new.sourceLanguage,
                   targetLanguage: new.targetLanguage, origin: .human, document: name, created: "",
                   context: MemoryContext.of(index, in: oldSources))
      }
    })
    let newSources = try new.segments.map { (segment) throws(TraduError) in try MemoryText.normalize(segment.source) }
    var used = Set<Int>()
    var summary = Summary()
    var index = 0
    for u in new.units.indices {
      for s in new.units[u].segments.indices {
        defer { index += 1 }
        guard new.units[u].isTranslatable else { continue }
        var segment = new.units[u].segments[s]
        let context = MemoryContext.of(index, in: newSources)
        if let candidates = bySource[newSources[index]] {
          let unused = candidates.filter { !used.contains($0) }
          let pool = unused.isEmpty ? candidates : unused
          let chosen = pool.first { MemoryContext.of($0, in: oldSources) == context } ?? pool[0]
          used.insert(chosen)
          segment.target = oldSegments[chosen].target
          segment.state = oldSegments[chosen].state
          summary.kept += 1
        } else {
          let matches = try memory.lookup(newSources[index], context: context, sourceLanguage: new.sourceLanguage,
                                          targetLanguage: new.targetLanguage, minimumScore: minimumScore, limit: limit)
          segment.candidates = matches.map(Leverage.candidate)
          if matches.isEmpty { summary.new += 1 } else { summary.changed += 1 }
        }
        new.units[u].segments[s] = segment
      }
    }
    summary.dropped = bySource.values.reduce(0) { count, indices in
      count + indices.filter { !used.contains($0) && !newSources.contains(oldSegments[$0].source) }.count
    }
    return summary
  }
}
