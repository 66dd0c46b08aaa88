/// Renders items `0..<count` with `render` (which returns the text of a range of them) and
/// returns `head`, the items' text in order, then `tail`.
///
/// With at least `minimumToSplit` items the two halves are rendered side by side (see
/// `concurrently`); each half is its own call, so the text is the same either way as long
/// as each item's text depends only on the item.
func renderInHalves(count: Int, minimumToSplit: Int, head: String, tail: String,
                    _ render: (Range<Int>) -> String) -> String {
  let pieces: [String]
  if count >= max(2, minimumToSplit) {
    let middle = count / 2
    let (first, second) = concurrently({ render(0..<middle) }, { render(middle..<count) })
    pieces = [first, second]
  } else {
    pieces = [render(0..<count)]
  }
  var result = head
  result.reserveCapacity(head.utf8.count + pieces.reduce(0) { $0 + $1.utf8.count } + tail.utf8.count)
  for piece in pieces { result += piece }
  result += tail
  return result
}
