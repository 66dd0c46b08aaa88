/// A prepared article aligned with its existing translation, sentence by sentence, and the
/// bilingual documents made from the alignment, as ``PreparedDocument``s with targets: what the
/// writers render, and what ``BilingualDocument/init(prepared:)`` turns into the bilingual model
/// that `tradu check` and `tradu merge` read.
///
///     let prepared = try Preparer().prepare(bytes: roBytes, name: "a.ro.txt")
///     let aligned = try AlignedArticle(prepared, translation: englishText, translationName: "a.en.txt")
///     let xliff = XLIFFWriter(version: .v2_1, stamp: stamp).render(aligned.bilingualDocument())
public struct AlignedArticle: Sendable {
  /// The source article as `tradu prepare` prepares it.
  public var prepared: PreparedDocument
  /// The translation's file name (for reports).
  public var translationName: String
  /// The source segments, in order: the aligned source sentences (boilerplate paragraphs
  /// included, since translators often translate them too).
  public var sourceSentences: [PreparedSegment]
  /// The translation's sentences (cut with the target language's rules), in order.
  public var targetSentences: [Segment]
  /// The links between ``sourceSentences`` and ``targetSentences``.
  public var alignment: SentenceAlignment
  /// Links below this confidence are unsure.
  public var unsureBelow: Double
  /// Why the translation does not look like a translation of the source (empty when it does).
  public var problems: [String]

  /// Aligns `prepared`'s segments with the sentences of `translation` (already
  /// normalized), using paragraphs as anchors where both texts have them.
  ///
  /// - Throws: ``TraduError/icu(_:)`` when segmenting the translation fails.
  public init(_ prepared: PreparedDocument, translation: String, translationName: String,
              aligner: SentenceAligner = SentenceAligner()) throws(TraduError) {
    self.prepared = prepared
    self.translationName = translationName
    self.unsureBelow = aligner.unsureBelow
    let (sources, sourceEnds) = Self.flattened(prepared.units.map(\.segments))
    let segmented = try Segmenter(locale: prepared.targetLanguage).segment(translation)
    let (targets, targetEnds) = Self.flattened(segmented.paragraphs.map(\.segments))
    sourceSentences = sources
    targetSentences = targets
    alignment = aligner.align(source: sources.map(\.source), target: targets.map(\.text),
                              sourceParagraphEnds: sourceEnds, targetParagraphEnds: targetEnds)
    problems = Self.problems(sources: sources.map(\.source), targets: targets.map(\.text),
                             alignment: alignment, targetLanguage: prepared.targetLanguage)
  }

  /// The sentences of all paragraphs in order, and whether each ends its paragraph.
  static func flattened<T>(_ paragraphs: [[T]]) -> ([T], [Bool]) {
    var sentences: [T] = []
    var ends: [Bool] = []
    for paragraph in paragraphs {
      sentences += paragraph
      ends += paragraph.indices.map { $0 == paragraph.count - 1 }
    }
    return (sentences, ends)
  }

  /// What makes a translation not look like one: empty, in the wrong language, mostly
  /// unaligned, or sharing almost no names, numbers or cognates with the source.
  static func problems(sources: [String], targets: [String], alignment: SentenceAlignment,
                       targetLanguage: String) -> [String] {
    if sources.isEmpty { return ["the source has no text to align"] }
    if targets.isEmpty { return ["the translation is empty"] }
    var found: [String] = []
    let target = LanguageSignals(targets)
    if SegmentationRules.languageSubtag(of: targetLanguage) == "en" && !target.looksEnglish {
      found.append(target.looksRomanian
        ? "the translation reads as Romanian, not English"
        : "the translation does not read as English (\(Int((target.english * 100).rounded())) % common English words)")
    }
    let total = sources.count + targets.count
    let unmatched = alignment.links.filter(\.isUnmatched).reduce(0) { $0 + $1.source.count + $1.target.count }
    if total >= 4 && unmatched * 5 > total * 2 {
      found.append("\(unmatched) of \(total) sentences have no counterpart")
    }
    let matched = alignment.links.filter { !$0.isUnmatched }.count
    if matched >= 3 && alignment.anchorAgreement < 0.08 {
      found.append(String(format: "linked sentences share almost no names, numbers or cognates (%.0f %%; a translation shares about 25 %%): is it the translation of another text?",
                          alignment.anchorAgreement * 100))
    }
    return found
  }

  /// Whether a link needs a reviewer: unsure, or with a sentence on one side only.
  public func needsReview(_ link: AlignmentLink) -> Bool {
    link.isUnmatched || link.confidence < unsureBelow
  }

  /// The links a reviewer should look at.
  public var linksToReview: [AlignmentLink] { alignment.links.filter(needsReview) }

  /// The article with its translation, for XLIFF, JSON and `tradu check`/`merge`.
  ///
  /// A 2-1 link within a paragraph becomes one segment holding both source sentences; a 1-2
  /// link, one segment whose target holds both sentences. A source sentence with no
  /// translation keeps no target and gets a note; a translated sentence with no source is
  /// appended to the neighbouring segment's target (the previous one, or the next at the
  /// start) with a note, so that merging gives the whole translation. Sure links are
  /// `translated`; unsure ones and those with a note stay `initial`, to be reviewed.
  public func bilingualDocument() -> PreparedDocument {
    document(includingUnmatched: true)
  }

  /// The article with its translation, for a translation memory (TMX): only the links with
  /// sentences on both sides.
  public func memoryDocument() -> PreparedDocument {
    document(includingUnmatched: false)
  }

  private func document(includingUnmatched: Bool) -> PreparedDocument {
    // Targets, states and notes per source sentence; the second sentence of a 2-1 link that
    // stays in the same paragraph is folded into the first.
    var target: [String?] = Array(repeating: nil, count: sourceSentences.count)
    var state: [SegmentState] = Array(repeating: .initial, count: sourceSentences.count)
    var notes: [[PreparedNote]] = Array(repeating: [], count: sourceSentences.count)
    var foldedIntoPrevious = Array(repeating: false, count: sourceSentences.count)
    var keep = Array(repeating: true, count: sourceSentences.count)
    var pendingExtra: [String] = []  // 0-1 sentences before the first linked source sentence
    var lastLinked: Int? = nil
    var translatable: [Bool] = []
    for unit in prepared.units { translatable += Array(repeating: unit.isTranslatable, count: unit.segments.count) }
    for link in alignment.links {
      let english = link.target.map { targetSentences[$0].text }.joined(separator: " ")
      if link.source.isEmpty {
        guard includingUnmatched else { continue }
        if let last = lastLinked {
          target[last] = (target[last].map { $0.isEmpty ? "" : $0 + " " } ?? "") + english
          notes[last].append(PreparedNote(category: "alignment", text: "the translation adds a sentence with no source here: “\(english)”; appended to this target"))
          state[last] = .initial
        } else {
          pendingExtra.append(english)
        }
        continue
      }
      let first = link.source.lowerBound
      if link.target.isEmpty {
        keep[first] = includingUnmatched
        notes[first].append(PreparedNote(category: "alignment", text: "no sentence of the translation matches this one"))
        continue
      }
      target[first] = english
      let sure = link.confidence >= unsureBelow
      state[first] = sure ? .translated : .initial
      if !sure {
        notes[first].append(PreparedNote(category: "alignment", text: "unsure link (confidence \(Self.percent(link.confidence))); check that the target translates the source"))
      }
      if link.source.count == 2 {
        let second = link.source.lowerBound + 1
        if sourceSentences[second].paragraph == sourceSentences[first].paragraph {
          foldedIntoPrevious[second] = true
        } else if !includingUnmatched {
          // A memory holds sentence pairs: two paragraphs' sentences make none.
          keep[first] = false
          keep[second] = false
        } else {
          target[second] = ""
          state[second] = .initial
          notes[second].append(PreparedNote(category: "alignment", text: "translated together with \(sourceSentences[first].id), whose target holds both"))
        }
      }
      if translatable[first] { lastLinked = first }
      if translatable[first], !pendingExtra.isEmpty && includingUnmatched {
        target[first] = pendingExtra.joined(separator: " ") + " " + english
        notes[first].append(PreparedNote(category: "alignment", text: "the translation starts with \(pendingExtra.count) sentence(s) with no source; prepended to this target"))
        state[first] = .initial
        pendingExtra = []
      }
    }
    // Rebuild the units: translatable ones from the aligned sentences, the others unchanged.
    var units: [PreparedUnit] = []
    var k = 0
    for unit in prepared.units {
      guard unit.isTranslatable else {
        units.append(unit)
        k += unit.segments.count
        continue
      }
      var segments: [PreparedSegment] = []
      for _ in unit.segments {
        var segment = sourceSentences[k]
        defer { k += 1 }
        if foldedIntoPrevious[k], var previous = segments.popLast() {
          previous.glossaryMatches += segment.glossaryMatches.map { match in
            let shift = previous.source.utf16.count + previous.spaceAfter.utf16.count
            return SegmentGlossaryMatch(match: match.match, rangeInSegment: (match.rangeInSegment.lowerBound + shift)..<(match.rangeInSegment.upperBound + shift))
          }
          previous.source += previous.spaceAfter + segment.source
          previous.spaceAfter = segment.spaceAfter
          previous.range = previous.range.lowerBound..<segment.range.upperBound
          previous.original = TextSpan(
            utf16: previous.original.utf16.lowerBound..<segment.original.utf16.upperBound,
            codePoints: previous.original.codePoints.lowerBound..<segment.original.codePoints.upperBound,
            utf8: previous.original.utf8.lowerBound..<segment.original.utf8.upperBound)
          previous.notes += segment.notes + notes[k]
          segments.append(previous)
          continue
        }
        guard keep[k] else { continue }
        segment.target = target[k]
        segment.state = state[k]
        segment.notes += notes[k]
        segment.sentence = segments.count + 1
        segments.append(segment)
      }
      if !segments.isEmpty {
        var rebuilt = unit
        rebuilt.segments = segments
        units.append(rebuilt)
      }
    }
    var document = prepared
    document.units = units
    return document
  }

  static func percent(_ x: Double) -> String { "\(Int((x * 100).rounded())) %" }
}
