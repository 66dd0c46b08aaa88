import Foundation
import Testing
@testable import Tradu

/// Issue 15's cases 4 and 5: a few stray bytes do not turn UTF-8 into mojibake, and
/// ISO-8859-16 keeps its quotes and euro sign.
@Suite struct HonestDecodingTests {
  /// The seed's bytes with `stray` inserted after each of the given paragraph ends.
  private func seedBytes(inserting stray: [UInt8], afterParagraphs count: Int) throws -> (bytes: [UInt8], offsets: [Int]) {
    var bytes = Array(try seedArticle().utf8)
    var offsets: [Int] = []
    var searchFrom = 0
    for _ in 0..<count {
      guard let end = bytes[searchFrom...].firstIndex(of: 0x0A) else { break }
      bytes.insert(contentsOf: stray, at: end)
      offsets.append(end)
      searchFrom = end + stray.count + 1
    }
    return (bytes, offsets)
  }

  @Test func aStrayByteInTheSeedStaysUTF8WithItsOffsetNamed() throws {
    let (bytes, offsets) = try seedBytes(inserting: [0xFE], afterParagraphs: 1)
    let document = try TextReader.decode(bytes, name: "stire.txt")
    #expect(document.encoding == "UTF-8" && document.detection.method == .repairedUTF8)
    #expect(document.text == (try seedArticle()).replacingCharacters(
      in: try seedArticle().firstIndex(of: "\n")!..<(try seedArticle()).firstIndex(of: "\n")!, with: "\u{FFFD}"))
    #expect(document.replacedByteOffsets == offsets)
    #expect(document.notes == ["1 invalid UTF-8 sequence read as U+FFFD, at byte \(offsets[0]); the rest is valid UTF-8 (--strict-encoding makes this an error)"])
    // Every diacritic of the seed survives.
    #expect(document.text.filter { "ăâîșțĂÂÎȘȚ".contains($0) }.count == (try seedArticle()).filter { "ăâîșțĂÂÎȘȚ".contains($0) }.count)

    let message = errorMessage { try TextReader.decode(bytes, name: "stire.txt", strictEncoding: true) }
    #expect(message?.hasPrefix("stire.txt: byte \(offsets[0]): invalid UTF-8") == true, "\(message ?? "accepted")")
  }

  @Test func sixteenBadSequencesStayUTF8AndSeventeenInAShortTextDoNot() throws {
    // A truncated two-byte letter (0xC8 without its second byte) after each line.
    let sixteen = try seedBytes(inserting: [0xC8], afterParagraphs: 16)
    #expect(sixteen.offsets.count == 16)
    let kept = try TextReader.decode(sixteen.bytes, name: "a.txt")
    #expect(kept.detection.method == .repairedUTF8)
    #expect(kept.text.filter { $0 == "\u{FFFD}" }.count == 16)
    #expect(kept.replacedByteOffsets == sixteen.offsets)

    let seventeen = try seedBytes(inserting: [0xC8], afterParagraphs: 17)
    #expect(seventeen.offsets.count == 17 && seventeen.bytes.count < 17_000)
    let other = try? TextReader.decode(seventeen.bytes, name: "a.txt")
    #expect(other?.detection.method != .repairedUTF8)
  }

  @Test func aShortLegacyTextIsNotMistakenForDamagedUTF8() throws {
    // Eleven Romanian letters in windows-1250 and no valid UTF-8 multi-byte character.
    let text = "Aşa a fost să fie: preşedintele ţării a plecat în străinătate."
    let bytes = try ICU.encode(Array(text.utf16), charset: "windows-1250")
    let document = try TextReader.decode(bytes, name: "vechi.txt")
    #expect(document.detection.method != .repairedUTF8)
    #expect(!document.text.contains("\u{FFFD}"))
    #expect(document.notes.first?.hasPrefix("not UTF-8: read as ") == true)
  }

  @Test func aLegacyGuessIsReportedWithItsConfidence() throws {
    let seed = try seedArticle().replacingOccurrences(of: "ș", with: "ş").replacingOccurrences(of: "ț", with: "ţ")
      .replacingOccurrences(of: "Ș", with: "Ş").replacingOccurrences(of: "Ț", with: "Ţ")
    let document = try TextReader.decode(try ICU.encode(Array(seed.utf16), charset: "windows-1250"), name: "v.txt")
    #expect(document.notes.count == 1)
    #expect(document.notes[0].contains("read as windows-1250, ICU's guess with confidence \(document.detection.confidence)/100"))
  }

  /// Romanian news text as ISO-8859-16 writes it: comma-below letters, „…” and €.
  private let latin10Text = """
    Președintele Consiliului Județean a declarat: „Bugetul pentru 2024 este de 150 € pe locuitor”.
    Țăranii din Ștefănești au cerut ajutor, iar primarul a răspuns: „Vom vedea.”
    """

  @Test func iso885916IsDecodedByItsOwnTableAndDetectedByItsTellTales() throws {
    let bytes = try #require(try? Latin10.encode(Array(latin10Text.utf16)).get())
    #expect(bytes.contains(0xA5) && bytes.contains(0xB5) && bytes.contains(0xA4) && bytes.contains(0xBA))
    let detected = try TextReader.decode(bytes, name: "l10.txt")
    #expect(detected.encoding == "ISO-8859-16" && detected.detection.method == .latin10TellTales)
    #expect(detected.text == latin10Text)
    #expect(detected.notes.first?.hasPrefix("not UTF-8: read as ISO-8859-16") == true)
    for name in ["ISO-8859-16", "iso8859-16", "latin10", "ISO_8859-16"] {
      #expect(try TextReader.decode(bytes, name: "l10.txt", encoding: name).text == latin10Text, "\(name)")
    }
  }

  @Test func latin10TableIsTheStandardsOne() throws {
    // Spot checks against ISO/IEC 8859-16: the Romanian letters, the quotes and the euro sign.
    let expected: [UInt8: Character] = [0xAA: "Ș", 0xBA: "ș", 0xDE: "Ț", 0xFE: "ț", 0xC3: "Ă", 0xE3: "ă",
                                        0xC2: "Â", 0xE2: "â", 0xCE: "Î", 0xEE: "î", 0xA5: "„", 0xB5: "”", 0xA4: "€",
                                        0xA0: "\u{A0}", 0xFF: "ÿ", 0xBC: "Œ", 0xD5: "Ő"]
    for (byte, character) in expected {
      #expect(String(decoding: Latin10.decode([byte]), as: UTF16.self) == String(character), "byte \(byte)")
    }
    // Every byte decodes to a distinct character, and encoding gives the byte back.
    let all = (0...255).map { UInt8($0) }
    let decoded = Latin10.decode(all)
    #expect(Set(decoded).count == 256)
    #expect(try Latin10.encode(decoded).get() == all)
    #expect(Latin10.encode(Array("ş".utf16)) == .failure(Latin10.UnencodableCharacter(offset: 0, unit: 0x015F)))
  }

  @Test func latin2AndWindows1250AreNotTakenForLatin10() throws {
    // windows-1250 writes „…” as 0x84…0x94: never ISO-8859-16.
    let text = "Preşedintele a spus: „Bugetul e aprobat”, iar consilierii au votat în unanimitate. Străzile vor fi reabilitate."
    let cp1250 = try ICU.encode(Array(text.utf16), charset: "windows-1250")
    #expect(!Latin10.hasTellTales(cp1250))
    // ISO-8859-2 Slovak-looking Ľ…ľ without a Romanian ă: not Romanian ISO-8859-16 either.
    #expect(!Latin10.hasTellTales([0xA5, 0x75, 0x64, 0x69, 0x61, 0x20, 0x63, 0x69, 0x65, 0xB5]))
  }

  @Test func libraryInputsAboveTheSizeLimitAreErrorsNotTraps() throws {
    let message = errorMessage {
      try TextReader.decode([UInt8](repeating: 0x61, count: TextReader.defaultSizeLimit + 1), name: "mare.txt")
    }
    #expect(message?.contains("Tradu reads texts up to") == true, "\(message ?? "accepted")")
  }
}
