import Foundation

/// One link of a sentence alignment: consecutive source sentences and the consecutive target
/// sentences that translate them.
///
/// A link with no target sentences is a source sentence left untranslated (a 1-0 link); one
/// with no source sentences is a target sentence with no source (0-1).
public struct AlignmentLink: Equatable, Sendable {
  /// The source sentences (indices into the source list).
  public var source: Range<Int>
  /// The target sentences (indices into the target list).
  public var target: Range<Int>
  /// How sure the aligner is of this link, from 0 to 1.
  public var confidence: Double

  public init(source: Range<Int>, target: Range<Int>, confidence: Double) {
    self.source = source
    self.target = target
    self.confidence = confidence
  }

  /// The link's shape, as aligners write it: "1-1", "2-1", "1-0"…
  public var shape: String { "\(source.count)-\(target.count)" }

  /// Whether one side is empty (a sentence left out of the translation, or added to it).
  public var isUnmatched: Bool { source.isEmpty || target.isEmpty }
}

/// A sentence alignment of a source text and its translation.
public struct SentenceAlignment: Equatable, Sendable {
  /// The links in text order; every sentence of both sides is in exactly one.
  public var links: [AlignmentLink]
  /// Target length over source length (in characters) that the length model used.
  public var lengthRatio: Double
  /// The mean share of anchor keys (names, numbers, cognates) that linked sentences share,
  /// over the links with sentences on both sides: about 0.25 for a translation, under 0.05 for
  /// unrelated texts.
  public var anchorAgreement: Double
}

/// Aligns the sentences of a Romanian text with those of its English translation.
///
/// Dynamic programming over links of 1-1, 1-2, 2-1, 1-0 and 0-1 sentences, in a band around
/// the diagonal (widened when the best path touches its edge), over flat arrays: linear in the
/// number of sentences for a translation that keeps the order. A link's cost adds
/// - a Gale–Church length cost, with the target/source length ratio estimated per document;
/// - the share of anchor keys the two sides do *not* share (names, numbers in either
///   convention, acronyms, cognates, inflected forms: see `AnchorKeys`), and a cost for each
///   name or number that one side has and the other lacks;
/// - a cost when a link ends a paragraph on one side but not on the other (when both sides
///   have paragraphs).
///
///     let alignment = SentenceAligner().align(
///       source: ["Ion a venit.", "A plecat la 12.30."], target: ["Ion came and left at 12:30."])
///     alignment.links.map(\.shape)   // ["2-1"]
public struct SentenceAligner: Sendable {
  /// The costs of the model (negative log-likelihoods, roughly).
  public struct Costs: Equatable, Sendable {
    /// Extra cost of a 1-2 or 2-1 link over a 1-1 link.
    public var merge: Double = 5
    /// Cost of a sentence with no counterpart (1-0 or 0-1).
    public var unmatched: Double = 6
    /// Variance per character of the target length around ratio × source length.
    public var lengthVariance: Double = 6.8
    /// Weight of the share of anchor keys not shared.
    public var anchors: Double = 6
    /// Cost of each name or number on one side that the other side lacks…
    public var missingName: Double = 1
    /// …up to this much per link.
    public var missingNameCap: Double = 4
    /// Cost of a link that ends a paragraph on one side only.
    public var paragraphMismatch: Double = 3
    public init() {}
  }

  public var costs = Costs()
  /// Links below this confidence are reported as unsure (and marked for review).
  public var unsureBelow = 0.75

  public init() {}

  /// Aligns `source` with `target` sentences.
  ///
  /// - Parameters:
  ///   - sourceParagraphEnds: Whether each source sentence ends a paragraph (nil: no paragraphs).
  ///   - targetParagraphEnds: The same for the target sentences.
  /// - Complexity: O((*n* + *m*) · *w*) for *n* and *m* sentences and a band half-width *w*
  ///   (24 unless the translation reorders or drops long passages).
  public func align(source: [String], target: [String],
                    sourceParagraphEnds: [Bool]? = nil, targetParagraphEnds: [Bool]? = nil) -> SentenceAlignment {
    let s = AnchorKeys(source)
    let t = AnchorKeys(target)
    let sourceChars = s.lengths.reduce(0) { $0 + Int($1) }
    let targetChars = t.lengths.reduce(0) { $0 + Int($1) }
    let ratio = sourceChars > 0 && targetChars > 0 ? min(2, max(0.5, Double(targetChars) / Double(sourceChars))) : 1
    var model = BeadModel(source: s, target: t, ratio: ratio, costs: costs)
    if let se = sourceParagraphEnds, let te = targetParagraphEnds, se.count == source.count,
       te.count == target.count, se.dropLast().contains(true), te.dropLast().contains(true)
    {
      model.sourceEnds = se
      model.targetEnds = te
    }
    var width = 24
    var path: [(Int, Int)]
    while true {
      let (found, touched) = model.bestPath(halfWidth: width)
      path = found
      if !touched || width >= max(source.count, target.count) { break }
      width *= 2
    }
    var links: [AlignmentLink] = []
    links.reserveCapacity(path.count)
    var agreement = 0.0
    var matched = 0
    for (k, step) in path.enumerated() {
      let (i, j) = step
      let (pi, pj) = k == 0 ? (0, 0) : path[k - 1]
      let link = AlignmentLink(source: pi..<i, target: pj..<j, confidence: 0)
      if !link.isUnmatched {
        agreement += model.evidence(link.source, link.target).dice
        matched += 1
      }
      links.append(link)
    }
    for k in links.indices {
      links[k].confidence = model.confidence(of: k, in: links)
    }
    return SentenceAlignment(links: links, lengthRatio: ratio,
                             anchorAgreement: matched > 0 ? agreement / Double(matched) : 0)
  }
}

/// The link costs of one document pair, and the banded dynamic programme over them.
struct BeadModel {
  let s: AnchorKeys
  let t: AnchorKeys
  let ratio: Double
  let costs: SentenceAligner.Costs
  var sourceEnds: [Bool]? = nil
  var targetEnds: [Bool]? = nil
  /// Scratch for merged key lists of two-sentence sides.
  private var scratchA: [UInt32] = []
  private var scratchB: [UInt32] = []

  init(source: AnchorKeys, target: AnchorKeys, ratio: Double, costs: SentenceAligner.Costs) {
    self.s = source
    self.t = target
    self.ratio = ratio
    self.costs = costs
  }

  /// The link shapes tried, as (source count, target count).
  static let shapes: [(Int, Int)] = [(1, 1), (1, 0), (0, 1), (2, 1), (1, 2)]

  /// The end points of the cheapest chain of links from (0, 0) to (n, m) inside the band, and
  /// whether it touches the band's edge (then a wider band may find a cheaper one).
  mutating func bestPath(halfWidth w: Int) -> ([(Int, Int)], Bool) {
    let n = s.count
    let m = t.count
    // Row i holds columns lo[i]...hi[i]; cells are stored row after row.
    var lo = [Int](repeating: 0, count: n + 1)
    var hi = [Int](repeating: 0, count: n + 1)
    var rowStart = [Int](repeating: 0, count: n + 2)
    for i in 0...n {
      let center = n == 0 ? 0 : (i * m + n / 2) / n
      lo[i] = max(0, center - w)
      hi[i] = min(m, center + w)
      if i == 0 { lo[i] = 0 }
      if i == n { hi[i] = m }
      rowStart[i + 1] = rowStart[i] + (hi[i] - lo[i] + 1)
    }
    let cells = rowStart[n + 1]
    var cost = [Double](repeating: .infinity, count: cells)
    var back = [UInt8](repeating: 0xFF, count: cells)
    cost[0] = 0
    for i in 0...n {
      for j in lo[i]...hi[i] {
        if i == 0 && j == 0 { continue }
        var best = Double.infinity
        var choice: UInt8 = 0xFF
        for (shape, (di, dj)) in Self.shapes.enumerated() {
          let pi = i - di
          let pj = j - dj
          guard pi >= 0, pj >= 0, pj >= lo[pi], pj <= hi[pi] else { continue }
          let before = cost[rowStart[pi] + pj - lo[pi]]
          guard before < best else { continue }
          let total = before + linkCost(pi..<i, pj..<j)
          if total < best {
            best = total
            choice = UInt8(shape)
          }
        }
        let cell = rowStart[i] + j - lo[i]
        cost[cell] = best
        back[cell] = choice
      }
    }
    var path: [(Int, Int)] = []
    var touched = false
    var i = n
    var j = m
    while i > 0 || j > 0 {
      path.append((i, j))
      if (j == lo[i] && lo[i] > 0) || (j == hi[i] && hi[i] < m) { touched = true }
      let choice = back[rowStart[i] + j - lo[i]]
      guard choice != 0xFF else { break }
      let (di, dj) = Self.shapes[Int(choice)]
      i -= di
      j -= dj
    }
    path.reverse()
    return (path, touched)
  }

  /// The cost of linking `source` with `target` sentences, paragraph ends included.
  mutating func linkCost(_ source: Range<Int>, _ target: Range<Int>) -> Double {
    var total = contentCost(source, target)
    if let se = sourceEnds, let te = targetEnds, !source.isEmpty, !target.isEmpty {
      if se[source.upperBound - 1] != te[target.upperBound - 1] { total += costs.paragraphMismatch }
    }
    return total
  }

  /// The cost of a link from its sentences alone.
  mutating func contentCost(_ source: Range<Int>, _ target: Range<Int>) -> Double {
    if source.isEmpty || target.isEmpty { return Double(source.count + target.count) * costs.unmatched }
    var total = source.count + target.count > 2 ? costs.merge : 0
    var ls = 0
    for i in source { ls += Int(s.lengths[i]) }
    var lt = 0
    for j in target { lt += Int(t.lengths[j]) }
    total += lengthCost(ls, lt)
    let e = evidence(source, target)
    total += costs.anchors * (1 - e.dice) + min(costs.missingNameCap, Double(e.missing) * costs.missingName)
    return total
  }

  /// Gale–Church: −log P(|δ|) for the target length's deviation from ratio × source length.
  func lengthCost(_ ls: Int, _ lt: Int) -> Double {
    if ls == 0 && lt == 0 { return 0 }
    let mean = max(1, (Double(ls) + Double(lt) / ratio) / 2)
    let delta = (Double(lt) - ratio * Double(ls)) / (mean * costs.lengthVariance).squareRoot()
    return -log(max(erfc(abs(delta) / 2.0.squareRoot()), 1e-12))
  }

  /// The Dice share of anchor keys the two sides have in common (0.5 when neither has any),
  /// and the count of strong keys (names, numbers) on one side that the other side lacks.
  mutating func evidence(_ source: Range<Int>, _ target: Range<Int>) -> (dice: Double, missing: Int) {
    // The keys are taken out before the scratch arrays are borrowed, so that neither side's
    // arrays are copied on every call (this runs a few times per cell of the programme).
    let a = source.count == 1 ? s.keys(source.lowerBound)
      : Self.union(s.keys(source.lowerBound), s.keys(source.lowerBound + 1), into: &scratchA)
    let b = target.count == 1 ? t.keys(target.lowerBound)
      : Self.union(t.keys(target.lowerBound), t.keys(target.lowerBound + 1), into: &scratchB)
    let common = commonCount(a, b)
    var missing = 0
    for i in source { missing += countMissing(s.strong(i), from: b) }
    for j in target { missing += countMissing(t.strong(j), from: a) }
    // Two sentences may share a name: count it once.
    if source.count > 1 { missing -= commonCount(s.strong(source.lowerBound), s.strong(source.lowerBound + 1), excluding: b) }
    if target.count > 1 { missing -= commonCount(t.strong(target.lowerBound), t.strong(target.lowerBound + 1), excluding: a) }
    let total = a.count + b.count
    let dice = total == 0 ? 0.5 : 2 * Double(common) / Double(total)
    return (dice, missing)
  }

  /// The keys of two sentences, sorted without repeats, in `scratch`.
  private static func union(_ x: ArraySlice<UInt32>, _ y: ArraySlice<UInt32>, into scratch: inout [UInt32])
    -> ArraySlice<UInt32>
  {
    scratch.removeAll(keepingCapacity: true)
    var p = x.startIndex
    var q = y.startIndex
    while p < x.endIndex || q < y.endIndex {
      if q == y.endIndex || (p < x.endIndex && x[p] < y[q]) {
        scratch.append(x[p]); p += 1
      } else if p == x.endIndex || y[q] < x[p] {
        scratch.append(y[q]); q += 1
      } else {
        scratch.append(x[p]); p += 1; q += 1
      }
    }
    return scratch[...]
  }

  /// How many items two sorted lists share (not counting those in `excluding`, when given).
  private func commonCount(_ x: ArraySlice<UInt32>, _ y: ArraySlice<UInt32>, excluding: ArraySlice<UInt32>? = nil) -> Int {
    var p = x.startIndex
    var q = y.startIndex
    var count = 0
    while p < x.endIndex && q < y.endIndex {
      if x[p] < y[q] { p += 1 } else if y[q] < x[p] { q += 1 } else {
        if let excluding, excluding.contains(x[p]) {} else { count += 1 }
        p += 1; q += 1
      }
    }
    return count
  }

  /// How many items of sorted `x` are not in sorted `y`.
  private func countMissing(_ x: ArraySlice<UInt32>, from y: ArraySlice<UInt32>) -> Int {
    x.count - commonCount(x, y)
  }

  /// A link's confidence: how much cheaper it is than its best alternative (the sentences left
  /// unmatched, for a link with both sides; joined to a neighbouring link, for an unmatched one),
  /// mapped to 0…1 (a margin of 0 is 0.5).
  mutating func confidence(of k: Int, in links: [AlignmentLink]) -> Double {
    let link = links[k]
    let own = contentCost(link.source, link.target)
    var alternative = Double.infinity
    if !link.isUnmatched {
      alternative = Double(link.source.count + link.target.count) * costs.unmatched
      // A 1-1 link next to an unmatched sentence might rather take it in.
      for n in [k - 1, k + 1] where links.indices.contains(n) && links[n].isUnmatched {
        let merged = (min(link.source.lowerBound, links[n].source.lowerBound)..<max(link.source.upperBound, links[n].source.upperBound),
                      min(link.target.lowerBound, links[n].target.lowerBound)..<max(link.target.upperBound, links[n].target.upperBound))
        guard merged.0.count <= 2, merged.1.count <= 2, merged.0.count + merged.1.count <= 3 else { continue }
        alternative = min(alternative, contentCost(merged.0, merged.1) - contentCost(links[n].source, links[n].target))
      }
    } else {
      for n in [k - 1, k + 1] where links.indices.contains(n) && !links[n].isUnmatched {
        let other = links[n]
        let merged = (min(link.source.lowerBound, other.source.lowerBound)..<max(link.source.upperBound, other.source.upperBound),
                      min(link.target.lowerBound, other.target.lowerBound)..<max(link.target.upperBound, other.target.upperBound))
        guard merged.0.count <= 2, merged.1.count <= 2, merged.0.count + merged.1.count <= 3 else { continue }
        alternative = min(alternative, contentCost(merged.0, merged.1) - contentCost(other.source, other.target))
      }
      if alternative == .infinity { return 0.9 }
    }
    let margin = alternative - own
    return 1 / (1 + exp(-margin / 2))
  }
}
