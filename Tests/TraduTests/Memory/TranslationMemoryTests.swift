import Foundation
import Testing
@testable import Tradu

/// A fresh memory file in a temporary folder, removed with its WAL files afterwards.
final class TemporaryMemory {
  let folder: URL
  var path: String { folder.appendingPathComponent("test.tm").path }

  init() throws {
    folder = FileManager.default.temporaryDirectory.appendingPathComponent("tradu-tm-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
  }

  deinit { try? FileManager.default.removeItem(at: folder) }
}

let day = "2026-12-01T09:00:00Z"

func human(_ source: String, _ target: String, document: String = "a.txt", changed: String = day,
           context: MemoryContext? = nil) -> MemoryUnit {
  MemoryUnit(source: source, target: target, origin: .human, document: document, created: day, changed: changed,
             context: context)
}

@Suite struct TranslationMemoryTests {
  @Test func exactMatchScoresOneHundredAndFindsTheTranslation() throws {
    let file = try TemporaryMemory()
    let memory = try TranslationMemory(path: file.path)
    try memory.add([
      human("Purtătorul de cuvânt al Kremlinului a refuzat să comenteze.", "The Kremlin spokesman declined to comment."),
      human("Guvernul a adoptat bugetul pe anul viitor.", "The government adopted next year's budget."),
    ])
    let matches = try memory.lookup("Purtătorul de cuvânt al Kremlinului a refuzat să comenteze.")
    #expect(matches.first?.score == 100)
    #expect(matches.first?.kind == .exact)
    #expect(matches.first?.target == "The Kremlin spokesman declined to comment.")
    #expect(matches.allSatisfy { $0.unit.source.hasPrefix("Purtătorul") })
  }

  @Test func cedillasAndCommaBelowAreTheSameSource() throws {
    let memory = try TranslationMemory(path: ":memory:")
    // Stored with cedillas (an old archive), looked up with comma-below letters, and back.
    try memory.add([human("Preşedintele ţării a vizitat Timişoara.", "The country's president visited Timișoara.")])
    let stored = try memory.unit(id: 1)
    #expect(stored?.source == "Președintele țării a vizitat Timișoara.")
    let matches = try memory.lookup("Președintele țării a vizitat Timișoara.")
    #expect(matches.map(\.score) == [100])
    #expect(try memory.lookup("Preşedintele ţării a vizitat Timişoara.").map(\.score) == [100])
  }

  @Test func inContextMatchScoresOneHundredAndOne() throws {
    let memory = try TranslationMemory(path: ":memory:")
    let sources = ["Ministrul a demisionat.", "Premierul a acceptat demisia.", "Opoziția cere alegeri."]
    let units = sources.indices.map { i in
      human(sources[i], ["The minister resigned.", "The prime minister accepted the resignation.",
                         "The opposition demands elections."][i], context: MemoryContext.of(i, in: sources))
    }
    try memory.add(units)
    let same = try memory.lookup(sources[1], context: MemoryContext.of(1, in: sources))
    #expect(same.first?.score == 101)
    #expect(same.first?.kind == .inContext)
    let elsewhere = try memory.lookup(sources[1], context: MemoryContext.of(1, in: ["Altceva.", sources[1], sources[2]]))
    #expect(elsewhere.first?.score == 100)
    #expect(elsewhere.first?.kind == .exact)
  }

  @Test func inflectedNameCostsLessThanAnotherWord() throws {
    let memory = try TranslationMemory(path: ":memory:")
    try memory.add([
      human("Kremlinul a transmis un mesaj Washingtonului.", "The Kremlin sent a message to Washington."),
    ])
    let inflected = try memory.lookup("Kremlinului i s-a transmis un mesaj Washingtonului.", minimumScore: 0)
    let other = try memory.lookup("Parlamentul a transmis un mesaj Washingtonului.", minimumScore: 0)
    let inflectedOnly = try memory.lookup("Kremlinului a transmis un mesaj Washingtonului.")
    #expect(inflectedOnly.first.map { $0.score >= 95 && $0.score < 100 } == true)
    #expect(inflectedOnly.first!.score > other.first!.score)
    #expect(other.first!.score >= 70 && other.first!.score < 90)
    #expect(inflected.first!.score < inflectedOnly.first!.score)
  }

  @Test func caseAndDiacriticsDifferencesCostLittle() throws {
    let memory = try TranslationMemory(path: ":memory:")
    try memory.add([human("România a semnat acordul cu Ucraina la Bruxelles.", "Romania signed the agreement with Ukraine in Brussels.")])
    let noDiacritics = try memory.lookup("Romania a semnat acordul cu Ucraina la Bruxelles.")
    let lowerCase = try memory.lookup("românia a semnat acordul cu ucraina la bruxelles.")
    #expect(noDiacritics.first?.score == 98)
    #expect(noDiacritics.first?.kind == .fuzzy)
    #expect(lowerCase.first.map { $0.score >= 97 && $0.score < 100 } == true)
  }

  @Test func numbersAreReplacedInTheProposedTarget() throws {
    let memory = try TranslationMemory(path: ":memory:")
    try memory.add([
      human("Bugetul a crescut cu 1.234 de lei în 2022.", "The budget grew by 1,234 lei in 2022."),
      human("Inflația a fost de 3,5 la sută în martie.", "Inflation was 3.5 percent in March."),
    ])
    let budget = try #require(try memory.lookup("Bugetul a crescut cu 2.500 de lei în 2023.").first)
    #expect(budget.target == "The budget grew by 2,500 lei in 2023.")
    #expect(budget.score >= 97 && budget.score < 100)
    #expect(budget.replacedNumbers == [.init(old: "1,234", new: "2,500"), .init(old: "2022", new: "2023")])
    #expect(budget.note == "numbers replaced: 1,234 → 2,500, 2022 → 2023")
    let inflation = try #require(try memory.lookup("Inflația a fost de 4,1 la sută în martie.").first)
    #expect(inflation.target == "Inflation was 4.1 percent in March.")
  }

  @Test func fuzzyMatchesRankTheClosestFirstAndRespectTheFloor() throws {
    let memory = try TranslationMemory(path: ":memory:")
    try memory.add([
      human("Ministrul Sănătății a anunțat noi restricții pentru școli.", "The health minister announced new restrictions for schools."),
      human("Ministrul Educației a anunțat noi restricții pentru școli.", "The education minister announced new restrictions for schools."),
      human("Ministrul Educației a anunțat vacanța de vară.", "The education minister announced the summer holiday."),
      human("Vremea va fi frumoasă mâine în București.", "The weather will be fine in Bucharest tomorrow."),
    ])
    let matches = try memory.lookup("Ministrul Educației a anunțat noi restricții pentru licee.")
    #expect(matches.first?.unit.source == "Ministrul Educației a anunțat noi restricții pentru școli.")
    #expect(matches.map(\.score) == matches.map(\.score).sorted(by: >))
    #expect(matches.allSatisfy { $0.score >= 70 })
    #expect(!matches.contains { $0.unit.source.hasPrefix("Vremea") })
    #expect(try memory.lookup("Ministrul Educației a anunțat noi restricții pentru licee.", limit: 1).count == 1)
    let all = try memory.lookup("Ministrul Educației a anunțat noi restricții pentru licee.", minimumScore: 0, limit: 10)
    #expect(all.count > matches.count)
  }

  @Test func amongEqualScoresTheCloserSourceRanksFirst() throws {
    // A long sentence: one other word costs as many whole points as one other word and a
    // changed year. The unit that differs by the word alone is the closer one, although the
    // other was changed more recently and stored later.
    let stored = "Consiliul General al Municipiului București a aprobat în ședința de joi, după o dezbatere care a durat "
      + "peste patru ore, bugetul pe anul 2024, care prevede investiții în transportul public, în spitale și în "
      + "școlile din toate cele șase sectoare ale capitalei."
    let memory = try TranslationMemory(path: ":memory:")
    try memory.add([
      human(stored, "The General Council approved the 2024 budget."),
      human(stored.replacingOccurrences(of: "2024", with: "2023"), "The General Council approved the 2023 budget.",
            changed: "2026-12-05T09:00:00Z"),
    ])
    let query = stored.replacingOccurrences(of: "dezbatere", with: "discuție")
    let matches = try memory.lookup(query)
    #expect(matches.count == 2)
    #expect(matches[0].score == matches[1].score)
    #expect(matches[0].closeness > matches[1].closeness)
    #expect(matches[0].unit.source == stored)
    #expect(matches[1].replacedNumbers == [.init(old: "2023", new: "2024")])
  }

  @Test func tokensKeepTheirTextAndOffsetsInAnyScript() throws {
    let text = "Ședința „Curții” a durat 2,5 ore 😀 în Țara Făgărașului."
    let tokens = try MemoryTokenizer().tokens(text)
    #expect(tokens.map(\.text) == ["Ședința", "„", "Curții", "”", "a", "durat", "2,5", "ore", "😀", "în", "Țara",
                                   "Făgărașului", "."])
    let units = Array(text.utf16)
    for token in tokens {
      #expect(String(decoding: units[token.range], as: UTF16.self) == token.text)
    }
    #expect(tokens[6].kind == .number && tokens[2].kind == .word && tokens[1].kind == .punctuation)
    #expect(tokens[11].folded == "fagarasului" && tokens[11].lowered == "făgărașului")
  }

  @Test func foldedTextOfATextIsTheFoldedTextOfItsTokens() throws {
    // `add` folds sources without making tokens; look-ups fold tokens: both must agree.
    let tokenizer = try MemoryTokenizer()
    for text in ["Ședința „Curții”  a durat 2,5 ore 😀 în Țara Făgărașului.",
                 "Preşedintele ŢĂRII, într-un interviu: «Nu!» — 1.234,56 lei/lună (ß, Æ, ﬁ, Ω, 東京).",
                 "", "  ", "..."] {
      #expect(try tokenizer.foldedText(of: text) == MemoryTokenizer.foldedText(try tokenizer.tokens(text)), "\(text)")
    }
  }

  @Test func sameTextReadsRunsOfWhiteSpaceAsOneSpace() {
    #expect(MemoryText.sameText("Guvernul  a\tdecis.", " Guvernul a\ndecis. "))
    #expect(MemoryText.key("Guvernul  a\tdecis.") == MemoryText.key("Guvernul a decis."))
    #expect(!MemoryText.sameText("Guvernul a decis.", "Guvernul a decis"))
    #expect(!MemoryText.sameText("Guvernul a decis.", "Guvernul adecis."))
    #expect(!MemoryText.sameText("Guvernul a decis.", "Guvernul a decis azi."))
    #expect(MemoryText.key("Guvernul a decis.") != MemoryText.key("Guvernul adecis."))
    #expect(MemoryText.key("Țara") != MemoryText.key("Tara"))
  }

  @Test func whiteSpaceListAgreesWithUnicodesProperty() {
    let listed: [ClosedRange<UInt32>] = [0x09...0x0D, 0x20...0x20, 0x85...0x85, 0xA0...0xA0, 0x1680...0x1680,
                                         0x2000...0x200A, 0x2028...0x2029, 0x202F...0x202F, 0x205F...0x205F, 0x3000...0x3000]
    for value in listed.joined() {
      let scalar = Unicode.Scalar(value)!
      #expect(scalar.properties.isWhitespace && MemoryText.isWhiteSpace(scalar), "U+\(String(value, radix: 16))")
    }
    // Near misses: controls that are not White_Space, zero-width and joiner characters, letters.
    for value: UInt32 in [0x08, 0x0E, 0x1C, 0x1F, 0x21, 0x84, 0x86, 0x9F, 0xA1, 0x180E, 0x200B, 0x200C, 0x200D,
                          0x2060, 0x2027, 0x202A, 0x205E, 0x2FFF, 0x3001, 0xFEFF, 0x0219, 0x021B, 0x1F600] {
      let scalar = Unicode.Scalar(value)!
      #expect(!scalar.properties.isWhitespace && !MemoryText.isWhiteSpace(scalar), "U+\(String(value, radix: 16))")
    }
    // Every scalar value, so that a new Unicode version cannot part the two silently.
    var disagreeing: [UInt32] = []
    for value in UInt32(0)...0x10FFFF {
      guard let scalar = Unicode.Scalar(value) else { continue }
      if scalar.properties.isWhitespace != MemoryText.isWhiteSpace(scalar) { disagreeing.append(value) }
    }
    #expect(disagreeing.isEmpty)
    // No-break and ideographic spaces count as one space in the exact-match key.
    #expect(MemoryText.key("Președintele\u{00A0}a\u{2009}\u{3000}semnat.") == MemoryText.key("Președintele a semnat."))
    #expect(MemoryText.key("Președintele\u{200B}a semnat.") != MemoryText.key("Președintele a semnat."))
  }

  /// The exact-match key as documented: FNV-1a over the UTF-8 of the text with each run of
  /// Unicode White_Space read as one space (none after the last character). Keys are stored in
  /// memory files, so a faster reading of the bytes must give exactly these.
  @Test func exactMatchKeyIsFNVOfTheTextWithWhiteSpaceRunsAsOneSpace() {
    func reference(_ text: String) -> Int64 {
      var bytes: [UInt8] = []
      var inSpace = false
      for scalar in text.unicodeScalars {
        if scalar.properties.isWhitespace {
          inSpace = true
          continue
        }
        if inSpace { bytes.append(0x20) }
        inSpace = false
        bytes += Array(String(scalar).utf8)
      }
      var hash: UInt64 = 0xcbf2_9ce4_8422_2325
      for byte in bytes { hash = (hash ^ UInt64(byte)) &* 0x100_0000_01b3 }
      return Int64(bitPattern: hash)
    }
    let spaces: [Character] = [" ", "\t", "\n", "\r\n", "\u{0B}", "\u{0C}", "\u{85}", "\u{A0}", "\u{1680}", "\u{2002}",
                               "\u{200A}", "\u{2028}", "\u{2029}", "\u{202F}", "\u{205F}", "\u{3000}"]
    // Characters whose UTF-8 starts with the same lead bytes as white space, and are not.
    let nearMisses: [Character] = ["\u{A9}", "\u{AD}", "\u{1681}", "\u{200B}", "\u{2019}", "\u{201E}", "\u{20AC}",
                                   "\u{2060}", "\u{3001}", "ș", "ț", "Ă", "€", "😀", "中"]
    let words = ["Președintele", "Iohannis", "a", "semnat", "decretul", "nr.", "1.234", "„Nu”", "—", "Kremlinului"]
    var generator = SeededGenerator(seed: 18)
    for _ in 0..<2_000 {
      var text = ""
      for _ in 0..<Int.random(in: 0...8, using: &generator) {
        switch Int.random(in: 0..<4, using: &generator) {
        case 0: text.append(spaces.randomElement(using: &generator)!)
        case 1: text.append(nearMisses.randomElement(using: &generator)!)
        default: text += words.randomElement(using: &generator)!
        }
      }
      #expect(MemoryText.key(text) == reference(text), "\(text.unicodeScalars.map { String($0.value, radix: 16) })")
    }
    for character in spaces + nearMisses {
      let text = "Guvernul" + String(character) + "a decis" + String(character)
      #expect(MemoryText.key(text) == reference(text), "U+\(character.unicodeScalars.map { String($0.value, radix: 16) })")
    }
  }

  /// A bulk add runs its blocks through the pipeline (the next block prepared while one is
  /// inserted) and raises the full-text indexes' `hashsize`: every unit is stored once, in
  /// order, in both indexes, with skipped and repeated units counted across the blocks.
  @Test func aBulkAddStoresEveryBlockInOrderAndIndexesIt() throws {
    let file = try TemporaryMemory()
    let memory = try TranslationMemory(path: file.path)
    let names = ["Iohannis", "Ciolacu", "Bolojan", "Ponta", "Orban", "Cîțu", "Dăncilă", "Grindeanu"]
    let places = ["Cluj", "Iași", "Timișoara", "Constanța", "Brașov", "Craiova", "Galați", "Oradea"]
    /// Sentence `n`: odd ones announce (with a cedilla when `cedilla`), even ones declare.
    func source(_ n: Int, cedilla: Bool = true, yesterday: Bool = false) -> String {
      let verb = n % 2 == 0 ? "a declarat" : cedilla ? "a anunţat" : "a anunțat"
      return "\(names[n % 8]) \(verb)\(yesterday ? " ieri" : "") la \(places[n / 8 % 8]) că bugetul crește cu \(n) de lei."
    }
    func target(_ n: Int) -> String { "\(names[n % 8]) spoke in \(places[n / 8 % 8]) of a budget up by \(n) lei." }
    let count = TranslationMemory.bulkUnits + 500
    var units = (0..<count).map { human(source($0), target($0), document: "bulk.txt") }
    // Units without a target are skipped; the first units again (in a later block) are updated.
    units[3].target = "  "
    units[TranslationMemory.addBlock + 7].target = ""
    units += units.prefix(10)
    let result = try memory.add(units)
    #expect(result.added == count - 2)
    #expect(result.skipped == 3)  // units[3] twice (it is repeated too) and one in the second block
    #expect(result.updated == 9)
    #expect(try memory.integer("SELECT count(*) FROM units") == Int64(count - 2))
    // Stored in the order given, normalized, each with its folded words.
    let last = try #require(try memory.unit(id: Int64(count - 2)))
    #expect(last.source == source(count - 1, cedilla: false) && last.target == target(count - 1))
    #expect(try memory.integer("SELECT count(*) FROM units WHERE folded = ''") == 0)
    for table in ["unit_words", "unit_pairs"] {
      #expect(try memory.integer("SELECT v FROM \(table)_config WHERE k = 'hashsize'") == Int64(TranslationMemory.pendingTermBytes))
      // FTS5 checks the index against the stored rows.
      try memory.database.execute("INSERT INTO \(table)(\(table)) VALUES ('integrity-check')")
    }
    // Found exactly (asked with commas below) and fuzzily (a word more) in every block.
    for n in [1, TranslationMemory.addBlock + 1, count - 1] {
      #expect(try memory.lookup(source(n, cedilla: false)).first?.unit.target == target(n), "\(n)")
      #expect(try memory.lookup(source(n, cedilla: false)).first?.score == 100, "\(n)")
      #expect(try memory.lookup(source(n, yesterday: true)).first?.unit.target == target(n), "\(n)")
    }
  }

  @Test func alignedUnitsRankBelowHumanOnes() throws {
    let memory = try TranslationMemory(path: ":memory:")
    try memory.add([
      MemoryUnit(source: "Ședința a fost amânată.", target: "The session was postponed (aligned).", origin: .alignment, created: day),
      human("Ședința a fost amânată.", "The meeting was postponed.", changed: "2026-01-01T00:00:00Z"),
    ])
    let matches = try memory.lookup("Ședința a fost amânată.")
    #expect(matches.map(\.score) == [100, 97])
    #expect(matches.first?.unit.origin == .human)
  }

  @Test func addingTheSameTranslationTwiceKeepsOneUnit() throws {
    let memory = try TranslationMemory(path: ":memory:")
    let first = try memory.add([human("Ploua.", "It was raining."), human("Ninge.", "It is snowing.")])
    let again = try memory.add([human("Ploua.", "It was raining.", changed: "2026-12-02T00:00:00Z"), human(" ", "x")])
    #expect(first.added == 2)
    #expect(again.added == 0 && again.updated == 1 && again.skipped == 1)
    #expect(try memory.statistics().units == 2)
    #expect(try memory.unit(id: 1)?.changed == "2026-12-02T00:00:00Z")
  }

  @Test func searchEditAndDelete() throws {
    let memory = try TranslationMemory(path: ":memory:")
    try memory.add([
      human("Președintele Iohannis a promulgat legea.", "President Iohannis signed the law.", document: "a.txt"),
      human("Legea a fost contestată la Curtea Constituțională.", "The law was challenged at the Constitutional Court.", document: "b.txt"),
    ])
    #expect(try memory.search("curtea CONSTITUTIONALA").map(\.id) == [2])
    #expect(try memory.search("legea").count == 2)
    #expect(try memory.edit(id: 1, target: "President Iohannis promulgated the law.", author: "ana", date: "2026-12-03T00:00:00Z"))
    #expect(try memory.lookup("Președintele Iohannis a promulgat legea.").first?.target == "President Iohannis promulgated the law.")
    #expect(try memory.delete(document: "b.txt") == 1)
    #expect(try memory.search("legea").map(\.id) == [1])
    #expect(try memory.delete(ids: [1, 99]) == 1)
    #expect(try memory.statistics().units == 0)
  }

  @Test func migratesAFileOfTheFirstSchema() throws {
    let file = try TemporaryMemory()
    do {
      let old = try TranslationMemory.createOlder(path: file.path, version: 1)
      try old.execute("""
        INSERT INTO units(source, target, source_lang, target_lang, source_key, origin, document, created) VALUES
        ('Ambasada a emis un comunicat de presă.', 'The embassy issued a press release.', 'ro', 'en',
         \(MemoryText.key("Ambasada a emis un comunicat de presă.")), 'human', 'old.txt', '2025-05-05T10:00:00Z'),
        ('Ambasada a emis un comunicat de presă.', 'The embassy issued a press release.', 'ro', 'en',
         \(MemoryText.key("Ambasada a emis un comunicat de presă.")), 'import', 'copy.tmx', '2025-05-06T10:00:00Z');
        """)
    }
    let memory = try TranslationMemory(path: file.path)
    let stats = try memory.statistics()
    #expect(stats.schemaVersion == TranslationMemory.schemaVersion)
    #expect(stats.units == 1)  // the duplicate of version 1 is merged
    #expect(try memory.lookup("Ambasada a emis un comunicat de presă.").first?.score == 100)
    // The folded word index was built for the old rows: fuzzy matches find them.
    let fuzzy = try memory.lookup("Ambasada SUA a emis un comunicat de presa.")
    #expect(fuzzy.first?.unit.changed == "2025-05-05T10:00:00Z")
    #expect(fuzzy.first.map { $0.score >= 85 && $0.score < 100 } == true)
  }

  @Test func amongNearDuplicatesDifferingInACommonWordTheRightOneRanksFirst() throws {
    // Thirty units of one sentence, each with another adverb; every adverb is also in forty
    // other units, so it is more common than any of the sentence's eighteen other words and no
    // rare word tells the thirty apart (more than are scored). The pairs around the adverb do
    // ("aprobat joi", "joi bugetul").
    let adverbs = ["ieri", "azi", "joi", "vineri", "sâmbătă", "duminică", "luni", "marți", "miercuri", "atunci",
                   "apoi", "deja", "iarăși", "totuși", "oficial", "public", "rapid", "greu", "încet", "unanim",
                   "provizoriu", "definitiv", "parțial", "integral", "tacit", "formal", "practic", "simbolic",
                   "discret", "brusc"]
    let sentence = { (adverb: String) in
      "Consiliul local al sectorului trei a aprobat \(adverb) bugetul pentru repararea străzilor și trotuarelor "
        + "din cartierul Tineretului, după o dezbatere lungă."
    }
    var units = adverbs.map { human(sentence($0), "The local council approved the budget (\($0)).") }
    for adverb in adverbs {
      for number in 1...40 {
        units.append(human("Comisia a discutat \(adverb) propunerea numărul \(number) a deputaților.",
                           "The committee discussed proposal \(number)."))
      }
    }
    let memory = try TranslationMemory(path: ":memory:")
    #expect(try memory.add(units).added == adverbs.count * 41)
    for adverb in ["joi", "parțial", "brusc", "ieri"] {
      let query = sentence(adverb).replacingOccurrences(of: "repararea", with: "asfaltarea")
      let matches = try memory.lookup(query)
      #expect(matches.first?.unit.source == sentence(adverb))
      // One word differs from the right unit, two from its near-duplicates: no tie.
      #expect(matches.count > 1 && matches[0].score > matches[1].score)
    }
  }

  @Test func everyPairOfAStoredSourceFindsItInThePairIndex() throws {
    // The pair index's tokenizer (C) and the look-up (Swift) cut the same pairs, whatever the
    // punctuation, spacing, numbers and letters of the source.
    let sources = ["Ședința „Curții”  a durat 2,5 ore 😀 în Țara Făgărașului.",
                   "Într-un comunicat, MAE a precizat: „Nu comentăm!” (sursa: Agerpres)."]
    let memory = try TranslationMemory(path: ":memory:")
    try memory.add(sources.map { human($0, "translation") })
    let tokenizer = try MemoryTokenizer()
    for (index, source) in sources.enumerated() {
      let pairs = TranslationMemory.pairTerms(of: try tokenizer.tokens(source))
      #expect(pairs.count >= 8)
      for pair in pairs {
        let statement = try memory.database.prepare("SELECT rowid FROM unit_pairs WHERE unit_pairs MATCH ?")
        try statement.bind(.text(TranslationMemory.quoted(pair)))
        var rows: [Int64] = []
        while try statement.step() { rows.append(statement.int(0)) }
        #expect(rows == [Int64(index + 1)], "pair \(pair)")
      }
    }
    // Deleting a unit takes its pairs out of the index.
    try memory.delete(ids: [1])
    let statement = try memory.database.prepare("SELECT count(*) FROM unit_pairs WHERE unit_pairs MATCH ?")
    try statement.bind(.text(TranslationMemory.quoted("sedinta curtii")))
    #expect(try statement.step() && statement.int(0) == 0)
  }

  @Test func migratesAFileOfTheSecondSchema() throws {
    let file = try TemporaryMemory()
    let sources = ["Ambasada a emis un comunicat de presă.", "Ministerul de Externe a convocat ambasadorul Rusiei."]
    do {
      let old = try TranslationMemory.createOlder(path: file.path, version: 2)
      let tokenizer = try MemoryTokenizer()
      for (index, source) in sources.enumerated() {
        let folded = MemoryTokenizer.foldedText(try tokenizer.tokens(source))
        try old.execute("""
          INSERT INTO units(source, target, source_lang, target_lang, source_key, target_key, folded, origin, document,
                            created, changed)
          VALUES ('\(source)', 'translation \(index)', 'ro', 'en', \(MemoryText.key(source)), \(index), '\(folded)',
                  'human', 'old.txt', '2025-05-05T10:00:00Z', '2025-05-05T10:00:00Z');
          """)
      }
    }
    let memory = try TranslationMemory(path: file.path)
    #expect(try memory.statistics().schemaVersion == 3)
    #expect(try memory.statistics().units == 2)
    // The source-key index of versions 1 and 2 is gone; exact look-ups use the unique index.
    #expect(try memory.integer("SELECT count(*) FROM sqlite_master WHERE name = 'units_by_source'") == 0)
    let exact = try memory.lookup(sources[1])
    #expect(exact.first?.score == 100 && exact.first?.target == "translation 1")
    // The pair index holds the old rows, and both indexes follow later changes.
    #expect(try memory.integer("SELECT count(*) FROM unit_pairs WHERE unit_pairs MATCH '\"convocat ambasadorul\"'") == 1)
    let fuzzy = try memory.lookup("Ministerul de Externe a convocat ieri ambasadorul Rusiei.")
    #expect(fuzzy.first?.unit.source == sources[1])
    #expect(fuzzy.first.map { $0.score >= 85 && $0.score < 100 } == true)
    try memory.add([human("Ambasadorul Rusiei a fost convocat la minister.", "The Russian ambassador was summoned.")])
    #expect(try memory.integer("SELECT count(*) FROM unit_pairs WHERE unit_pairs MATCH '\"fost convocat\"'") == 1)
    #expect(try memory.search("convocat").count == 2)
    #expect(try memory.delete(document: "old.txt") == 2)
    #expect(try memory.integer("SELECT count(*) FROM unit_pairs WHERE unit_pairs MATCH '\"convocat ambasadorul\"'") == 0)
    #expect(try memory.search("convocat").count == 1)
  }

  @Test func noFuzzySearchAfterAnExactMatch() throws {
    let memory = try TranslationMemory(path: ":memory:")
    try memory.add([
      human("Guvernul a adoptat bugetul pe anul viitor.", "The government adopted next year's budget."),
      human("Guvernul a adoptat bugetul pe anul trecut.", "The government adopted last year's budget."),
    ])
    // The same source: its translation alone, although a near-duplicate scores above 70.
    #expect(try memory.lookup("Guvernul a adoptat bugetul pe anul viitor.").map(\.score) == [100])
    // A source the memory does not hold: both, best first.
    #expect(try memory.lookup("Guvernul a adoptat ieri bugetul pe anul viitor.").count == 2)
  }

  /// A paragraph far longer than a sentence gets exact matches only; its near-duplicate would
  /// score 99 if fuzzy matches were looked for.
  @Test func aSourceLongerThanTheFuzzyLimitGetsExactMatchesOnly() throws {
    let memory = try TranslationMemory(path: ":memory:")
    let sentences = (1...40).map { "La ședința \($0) a consiliului județean, primarul a prezentat bugetul pe anul viitor." }
    let long = sentences.joined(separator: " ")
    let nearDuplicate = long.replacingOccurrences(of: "ședința 17 ", with: "ședința 71 ")
    try memory.add([human(long, "The long English paragraph."), human("Bugetul a fost adoptat.", "The budget was adopted.")])
    // Within the limit: the near-duplicate is found (one number differs).
    memory.fuzzyLengthLimit = long.utf16.count
    #expect(try memory.lookup(nearDuplicate).map(\.score) == [99])
    // Over it: no fuzzy search, but the same text is still found.
    memory.fuzzyLengthLimit = long.utf16.count - 1
    #expect(try memory.lookup(nearDuplicate).isEmpty)
    #expect(try memory.lookup(long).map(\.score) == [100])
    #expect(try memory.lookup("Bugetul a fost adoptat ieri.").count == 1)
  }

  @Test func refusesOtherDatabasesAndNewerSchemas() throws {
    let file = try TemporaryMemory()
    do {
      let other = try SQLiteDatabase(path: file.path)
      try other.execute("CREATE TABLE t(x)")
    }
    #expect(errorMessage { try TranslationMemory(path: file.path) }?.contains("not a Tradu translation memory") == true)
    let newer = try TemporaryMemory()
    do {
      let memory = try TranslationMemory(path: newer.path)
      try memory.database.execute("PRAGMA user_version = 99")
    }
    #expect(errorMessage { try TranslationMemory(path: newer.path) }?.contains("newer than this Tradu") == true)
    #expect(errorMessage { try TranslationMemory(path: newer.folder.appendingPathComponent("none.tm").path, create: false) }?
      .contains("no such translation memory") == true)
  }
}
