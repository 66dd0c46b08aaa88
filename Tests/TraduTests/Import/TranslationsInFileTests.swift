import Foundation
import Testing
@testable import Tradu

/// How `TranslationsInFile` decides whether a JSON or JSONL file holds a translator's work
/// without parsing it when every target is still empty.
@Suite struct TranslationsInFileTests {
  private func bytes(_ text: String) -> [UInt8] { Array(text.utf8) }

  @Test func untranslatedJSONIsRecognisedWithoutAParse() {
    let prepared = """
      {"units": [{"id": "p1", "segments": [
        {"id": "p1.s1", "source": "Kremlinul a negat informația.", "target": null, "notes": []},
        {"id": "p1.s2", "source": "Musk nu a comentat.", "target" :  "", "notes": []}]}]}
      """
    #expect(TranslationsInFile.jsonTargetsAreAllEmpty(bytes(prepared)))
    #expect(TranslationsInFile.count(in: bytes(prepared), name: "stire.json") == 0)
    let lines = """
      {"id": "p1.s1", "source": "Kremlinul a negat.", "target": null}
      {"id": "p1.s2", "source": "Musk tace.", "target":null}
      """
    #expect(TranslationsInFile.jsonTargetsAreAllEmpty(bytes(lines)))
    #expect(TranslationsInFile.count(in: bytes(lines), name: "stire.jsonl") == 0)
  }

  @Test func anyTargetWithTextSendsTheFileToTheParse() {
    let lines = """
      {"id": "p1.s1", "source": "Kremlinul a negat.", "target": null}
      {"id": "p1.s2", "source": "Musk tace.", "target": "Musk is silent."}
      """
    #expect(!TranslationsInFile.jsonTargetsAreAllEmpty(bytes(lines)))
    #expect(TranslationsInFile.count(in: bytes(lines), name: "stire.jsonl") == 1)
    // A copied source is not a translation: the parse still decides that.
    let copied = lines.replacingOccurrences(of: "Musk is silent.", with: "Musk tace.")
    #expect(!TranslationsInFile.jsonTargetsAreAllEmpty(bytes(copied)))
    #expect(TranslationsInFile.count(in: bytes(copied), name: "stire.jsonl") == 0)
  }

  @Test func theWordTargetInsideTextOrAsAValueIsNotAKey() {
    // Quoted in a source (escaped), a note's value, the end of a longer string: none is a key.
    let text = #"""
      {"id": "p1.s1", "source": "Ținta, \"target\": \"x\", a fost atinsă.", "notes": ["target"], "target": null}
      {"id": "p1.s2", "source": "Citatul \"target", "target": null}
      """#
    #expect(TranslationsInFile.jsonTargetsAreAllEmpty(bytes(text)))
    #expect(TranslationsInFile.count(in: bytes(text), name: "note.jsonl") == 0)
  }

  @Test func brokenJSONWithATypedTargetStillCountsAsTranslated() {
    let broken = #"{"units": [{"segments": [{"source": "Kremlinul a negat.", "target": "The Kremlin den"#
    #expect(TranslationsInFile.count(in: bytes(broken), name: "rupt.json") == 1)
  }

  @Test func firstOccurrenceAgreesWithAPlainSearch() {
    let haystack = bytes("„target” și \"target\" și \"targe\"target\"")
    let pattern = bytes("\"target\"")
    func plain(from start: Int) -> Int? {
      guard start + pattern.count <= haystack.count else { return nil }
      return (start...(haystack.count - pattern.count)).first {
        haystack[$0..<$0 + pattern.count].elementsEqual(pattern)
      }
    }
    for start in 0...haystack.count + 2 {
      #expect(TranslationsInFile.firstOccurrence(of: pattern, in: haystack, from: start) == plain(from: start),
              "from \(start)")
    }
    #expect(TranslationsInFile.firstOccurrence(of: pattern, in: [], from: 0) == nil)
  }

  @Test func firstOccurrenceAgreesWithAPlainSearchOnEveryAlignment() {
    // Romanian text in UTF-8 (bytes over 0x7F next to the wanted ones), XML and JSON around
    // it, patterns of one to nine bytes whose first two bytes stand side by side often.
    let text = bytes(#"<unit id="p3"><segment><source>Țara „țintă” a tăcut; <<target><ta>"target"</source>"tt"<tuv"#)
    var haystacks = [text, bytes("<<<<<<<<<<<<<<<<<t"), bytes("ș<t"), bytes("<t"), []]
    for cut in stride(from: 1, to: text.count, by: 5) { haystacks.append(Array(text[cut...])) }
    let patterns = ["<", "<t", "\"t", "<target", "\"target\"", "<tuv", "ță", "tt\"<tuv", "absent"].map(bytes)
    for haystack in haystacks {
      for pattern in patterns {
        func plain(from start: Int) -> Int? {
          guard start >= 0, start + pattern.count <= haystack.count else { return nil }
          return (start...(haystack.count - pattern.count)).first {
            haystack[$0..<$0 + pattern.count].elementsEqual(pattern)
          }
        }
        for start in 0...haystack.count + 1 {
          #expect(TranslationsInFile.firstOccurrence(of: pattern, in: haystack, from: start) == plain(from: start),
                  "\(String(decoding: pattern, as: UTF8.self)) from \(start) in \(haystack.count) bytes")
        }
      }
    }
  }

  @Test func zeroLanesMarksExactlyTheZeroBytes() {
    for word: UInt64 in [0, 0x0100_0000_0000_0001, 0x80FF_0001_7F00_8000, 0xFFFF_FFFF_FFFF_FFFF, 0x0001_0203_0405_0607] {
      var expected: UInt64 = 0
      for lane in 0..<8 where (word >> (8 * lane)) & 0xFF == 0 { expected |= 0x80 << (8 * lane) }
      #expect(TranslationsInFile.zeroLanes(word) == expected, "\(String(word, radix: 16))")
    }
  }

  @Test func targetsAreNoticedWhereverTheyStand() {
    // Each element or key at the start, in the middle (past the first eight-byte words) and
    // at the very end; the near misses are not targets.
    let filler = "<unit id=\"p1\"><segment><source>Kremlinul a negat.</source></segment></unit>\n"
    for mention in ["<target>", "<target state=\"final\">", "<target/>", "<tuv xml:lang=\"en\">", "\"target\": null"] {
      for text in [mention + filler, filler + mention + filler, filler + mention] {
        #expect(TranslationsInFile.mentionsTargets(bytes(text)), "\(text)")
      }
    }
    // A name cut by the end of the file still counts.
    #expect(TranslationsInFile.mentionsTargets(bytes(filler + "<target")))
    #expect(TranslationsInFile.mentionsTargets(bytes(filler + "<tuv")))
    for miss in ["<target_lang>en</target_lang>", "<targets>", "<tuvx>", "\"targets\"", "target", "<Target>"] {
      #expect(!TranslationsInFile.mentionsTargets(bytes(filler + miss + filler)), "\(miss)")
    }
  }

  @Test func aFileReadInChunksIsJudgedAsTheWholeBytes() throws {
    // Chunks of 16 bytes: each mention, and each near miss, starts at every offset around
    // the first chunk boundaries, and ends the file too.
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("tradu-targets-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: folder) }
    let path = folder.appendingPathComponent("stire.xlf").path
    for mention in ["<target>", "<target", "<tuv ", "<tuv", "\"target\"", "<targets>", "\"target", "<target_lang>"] {
      for offset in 0..<40 {
        for tail in ["", "</segment>\n<segment id=\"p2.s1\">"] {
          let text = String(repeating: "ț", count: offset / 2) + String(repeating: "<", count: offset % 2) + mention + tail
          #expect(FileManager.default.createFile(atPath: path, contents: Data(text.utf8)))
          #expect(TranslationsInFile.mentionsTargets(atPath: path, chunkSize: 16) == TranslationsInFile.mentionsTargets(bytes(text)),
                  "\(mention) after \(offset) bytes, \(tail.isEmpty ? "at the end" : "then more")")
        }
      }
    }
    #expect(TranslationsInFile.mentionsTargets(atPath: folder.appendingPathComponent("absent.xlf").path) == nil)
    // An untranslated XLIFF 2 file is ruled out by the look in chunks; a translated one is
    // read whole and counted.
    let head = #"<?xml version="1.0" encoding="UTF-8"?>\#n<xliff xmlns="urn:oasis:names:tc:xliff:document:2.0" version="2.0" srcLang="ro" trgLang="en"><file id="f1">"#
    let untranslated = head + #"<unit id="p1"><segment id="p1.s1"><source>Kremlinul a negat.</source></segment></unit></file></xliff>"#
    #expect(FileManager.default.createFile(atPath: path, contents: Data(untranslated.utf8)))
    #expect(TranslationsInFile.count(atPath: path) == 0)
    let translated = untranslated.replacingOccurrences(of: "</source>", with: "</source><target>The Kremlin denied.</target>")
    #expect(FileManager.default.createFile(atPath: path, contents: Data(translated.utf8)))
    #expect(TranslationsInFile.count(atPath: path) == 1)
  }

  @Test func jsonTargetsReadInChunksAreJudgedAsTheWholeBytes() throws {
    // Chunks of 16 bytes (64 looked at again): keys with empty and filled values, spaces
    // around the colon, and "target" as a value, at every offset around the boundaries.
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("tradu-json-targets-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: folder) }
    let path = folder.appendingPathComponent("stire.json").path
    let entries = [#""target": null"#, #""target" :  """#, #""target":"The Kremlin denied.""#, #""notes": ["target"]"#,
                   #""target"  "#, #""target": nul"#]
    for entry in entries {
      for other in entries {
        for offset in 0..<90 {
          let text = "{\"units\": [{\"source\": \"" + String(repeating: "ț", count: offset / 2) + String(repeating: " ", count: offset % 2)
            + "\", " + entry + ", \"x\": 1, " + other + "}]}\n"
          #expect(FileManager.default.createFile(atPath: path, contents: Data(text.utf8)))
          let chunked = TranslationsInFile.jsonTargetsAreAllEmpty(atPath: path, chunkSize: 16)
          #expect(chunked == nil || chunked == TranslationsInFile.jsonTargetsAreAllEmpty(bytes(text)),
                  "\(entry) then \(other) after \(offset)")
          #expect(TranslationsInFile.count(atPath: path) == TranslationsInFile.count(in: bytes(text), name: path))
        }
      }
    }
    // Not JSON, or a key with its value far beyond the chunk: the whole file decides.
    #expect(FileManager.default.createFile(atPath: path, contents: Data("<xliff/>".utf8)))
    #expect(TranslationsInFile.jsonTargetsAreAllEmpty(atPath: path, chunkSize: 16) == nil)
    let spaced = "{\"target\":" + String(repeating: " ", count: 200) + "null}"
    #expect(FileManager.default.createFile(atPath: path, contents: Data(spaced.utf8)))
    #expect(TranslationsInFile.jsonTargetsAreAllEmpty(atPath: path, chunkSize: 16) == nil)
    #expect(TranslationsInFile.jsonTargetsAreAllEmpty(atPath: path) == true)
    // A prepared file's many empty targets over several chunks.
    let lines = (1...200).map { #"{"id": "p\#($0).s1", "source": "Kremlinul a negat.", "target": null}"# }.joined(separator: "\n")
    #expect(FileManager.default.createFile(atPath: path, contents: Data(lines.utf8)))
    #expect(TranslationsInFile.jsonTargetsAreAllEmpty(atPath: path, chunkSize: 100) == true)
  }
}
