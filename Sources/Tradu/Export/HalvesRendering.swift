/// Renders items `0..<count` as UTF-8: `head`, the text of the items in order, then `tail`.
///
/// `render(range, start)` returns `start` followed by the text of the items in `range`; it
/// should reserve room for the items from `range.lowerBound` to the end, since the second
/// half is appended to the first. With at least `minimumToSplit` items the two halves are
/// rendered side by side (see `concurrently`), so the text is the same either way as long as
/// each item's text depends only on the item.
func renderInHalves(count: Int, minimumToSplit: Int, head: [UInt8], tail: String,
                    _ render: (Range<Int>, _ start: [UInt8]) -> [UInt8]) -> [UInt8] {
  var result: [UInt8]
  if count >= max(2, minimumToSplit) {
    let middle = count / 2
    let (first, second) = concurrently({ render(0..<middle, head) }, { render(middle..<count, []) })
    result = first
    result.append(contentsOf: second)
  } else {
    result = render(0..<count, head)
  }
  result.append(contentsOf: tail.utf8)
  return result
}
