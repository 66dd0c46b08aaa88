// The XLIFF 2.x / 1.2 reader that merge, check, update and tm import use, and the bilingual
// view check builds from it.
import FuzzSupport
import Tradu

runFuzzer { data, size in
  guard let document = try? XLIFFReader.parse(bytes(data, size), name: "fuzz.xlf") else { return 0 }
  _ = try? BilingualReader.xliff(document, name: "fuzz.xlf")
  return 0
}
