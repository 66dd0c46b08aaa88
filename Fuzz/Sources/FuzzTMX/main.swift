// The TMX reader of check and tm import.
import Foundation
import FuzzSupport
import Tradu

runFuzzer { data, size in
  _ = try? TMXReader.read(Data(bytes(data, size)), path: "fuzz.tmx")
  return 0
}
