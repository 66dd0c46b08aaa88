// HTML (gumbo) and Markdown (cmark-gfm) articles: the text that segment and normalize read,
// and a whole preparation with inline codes. The first byte picks the format.
import FuzzSupport
import Tradu

runFuzzer { data, size in
  let input = bytes(data, size)
  guard let first = input.first else { return 0 }
  let format: InputFormat = first & 1 == 0 ? .html : .markdown
  let page = Array(input.dropFirst())
  _ = try? MarkupPreparer.readText(bytes: page, name: "fuzz", format: format)
  _ = try? MarkupPreparer(preparer: Preparer(normalization: nil)).prepare(bytes: page, name: "fuzz", format: format)
  return 0
}
