// Tradu JSON (merge, check, tm import) and JSON Lines (check --jsonl, tm import).
import FuzzSupport
import Tradu

runFuzzer { data, size in
  let input = bytes(data, size)
  _ = try? JSONParser.parse(input)
  _ = try? TraduJSONReader.parse(input, name: "fuzz.json")
  _ = try? BilingualReader.jsonl(String(decoding: input, as: UTF8.self), name: "fuzz.jsonl")
  return 0
}
