import Foundation
import Testing
@testable import Tradu

/// A short Romanian news story and its English translation, sentence for sentence.
enum AlignmentFixture {
  static let romanian = [
    "Guvernul a aprobat miercuri bugetul pe 2025, cu un deficit de 7,9% din PIB.",
    "Ministrul Finanțelor, Tanczos Barna, a declarat că veniturile vor crește cu 1.234,5 milioane de lei.",
    "Opoziția a criticat proiectul în Parlament.",
    "Deputații PSD au cerut explicații despre investițiile din Moldova.",
    "Banca Națională a României a păstrat dobânda de politică monetară la 6,5%.",
    "Decizia a fost luată în ședința de joi a Consiliului de administrație.",
    "Inflația anuală a coborât la 4,6% în luna noiembrie, potrivit INS.",
    "Analiștii se așteaptă la o nouă scădere a dobânzii în primăvară.",
    "Președintele Klaus Iohannis a promulgat legea vineri seara.",
    "Textul intră în vigoare la 1 ianuarie.",
    "Comisia Europeană va analiza planul în martie.",
    "Bruxelles-ul a cerut României să reducă cheltuielile cu 0,5% pe an.",
  ]

  static let english = [
    "The government approved the 2025 budget on Wednesday, with a deficit of 7.9% of GDP.",
    "Finance Minister Tanczos Barna said revenues would rise by 1,234.5 million lei.",
    "The opposition criticised the bill in Parliament.",
    "PSD deputies asked for explanations about the investments in Moldova.",
    "The National Bank of Romania kept its monetary policy rate at 6.5%.",
    "The decision was taken at Thursday's meeting of the board.",
    "Annual inflation fell to 4.6% in November, according to INS.",
    "Analysts expect another cut in the interest rate in the spring.",
    "President Klaus Iohannis signed the law into force on Friday evening.",
    "The text takes effect on January 1.",
    "The European Commission will examine the plan in March.",
    "Brussels asked Romania to cut spending by 0.5% a year.",
  ]
}

@Suite struct SentenceAlignerTests {
  let aligner = SentenceAligner()

  func pairs(_ alignment: SentenceAlignment) -> [[[Int]]] {
    alignment.links.map { [Array($0.source), Array($0.target)] }
  }

  func oneToOne(_ range: Range<Int>, shift: Int = 0) -> [[[Int]]] {
    range.map { [[$0], [$0 + shift]] }
  }

  @Test func cleanTranslationAlignsOneToOne() {
    let alignment = aligner.align(source: AlignmentFixture.romanian, target: AlignmentFixture.english)
    #expect(pairs(alignment) == oneToOne(0..<12))
    #expect(alignment.links.allSatisfy { $0.confidence >= aligner.unsureBelow })
    #expect(alignment.lengthRatio > 0.75 && alignment.lengthRatio < 1.05)
    #expect(alignment.anchorAgreement > 0.15)
  }

  @Test func twoSourceSentencesTranslatedAsOne() {
    var english = AlignmentFixture.english
    english[4...5] = ["The National Bank of Romania kept its monetary policy rate at 6.5%, a decision taken at Thursday's meeting of the board."]
    let alignment = aligner.align(source: AlignmentFixture.romanian, target: english)
    #expect(pairs(alignment) == oneToOne(0..<4) + [[[4, 5], [4]]] + oneToOne(6..<12, shift: -1))
  }

  @Test func oneSourceSentenceTranslatedAsTwo() {
    var romanian = AlignmentFixture.romanian
    romanian[8...9] = ["Președintele Klaus Iohannis a promulgat legea vineri seara, iar textul intră în vigoare la 1 ianuarie."]
    let alignment = aligner.align(source: romanian, target: AlignmentFixture.english)
    #expect(pairs(alignment) == oneToOne(0..<8) + [[[8], [8, 9]]] + oneToOne(9..<11, shift: 1))
  }

  @Test func sourceSentenceLeftOutOfTheTranslation() {
    var english = AlignmentFixture.english
    english.remove(at: 3)  // the PSD deputies' sentence is not translated
    let alignment = aligner.align(source: AlignmentFixture.romanian, target: english)
    #expect(pairs(alignment) == oneToOne(0..<3) + [[[3], []]] + oneToOne(4..<12, shift: -1))
  }

  @Test func translationAddsASentence() {
    var english = AlignmentFixture.english
    english.insert("Moldova's parliament did not comment on Thursday.", at: 7)
    var romanian = AlignmentFixture.romanian
    romanian.remove(at: 10)  // and the source has one the translation drops, further on
    english.remove(at: 11)
    let alignment = aligner.align(source: romanian, target: english)
    #expect(pairs(alignment) == oneToOne(0..<7) + [[[], [7]]] + oneToOne(7..<11, shift: 1))
  }

  @Test func everySentenceIsInExactlyOneLinkInOrder() {
    // Shuffled-length noise: whatever the texts, the links cover both sides once, in order.
    let source = AlignmentFixture.romanian + AlignmentFixture.romanian.reversed()
    let target = Array(AlignmentFixture.english.prefix(7)) + AlignmentFixture.english.shuffled()
    let alignment = aligner.align(source: source, target: target)
    var i = 0
    var j = 0
    for link in alignment.links {
      #expect(link.source.lowerBound == i && link.target.lowerBound == j)
      #expect(link.source.count <= 2 && link.target.count <= 2 && !(link.source.isEmpty && link.target.isEmpty))
      #expect(link.confidence >= 0 && link.confidence <= 1)
      i = link.source.upperBound
      j = link.target.upperBound
    }
    #expect(i == source.count && j == target.count)
  }

  @Test func emptySidesGiveUnmatchedLinks() {
    #expect(aligner.align(source: [], target: []).links.isEmpty)
    #expect(pairs(aligner.align(source: ["Unu.", "Doi."], target: [])) == [[[0], []], [[1], []]])
    #expect(pairs(aligner.align(source: [], target: ["One."])) == [[[], [0]]])
  }

  @Test func longDocumentStaysOnTheDiagonal() {
    // 2,400 sentences a side, with a left-out sentence every 100: the band follows the drift.
    var source: [String] = []
    var target: [String] = []
    var expected: [[[Int]]] = []
    for block in 0..<200 {
      for (k, (ro, en)) in zip(AlignmentFixture.romanian, AlignmentFixture.english).enumerated() {
        let numbered = " (\(block * 12 + k))"
        if k == 3 && block % 8 == 0 {
          expected.append([[source.count], []])
          source.append(ro + numbered)
          continue
        }
        expected.append([[source.count], [target.count]])
        source.append(ro + numbered)
        target.append(en + numbered)
      }
    }
    #expect(pairs(aligner.align(source: source, target: target)) == expected)
  }

  @Test func numbersMatchAcrossConventions() {
    var keys: [UInt32] = []
    var strong: [UInt32] = []
    _ = AnchorKeys.extract("Suma de 1.234,56 lei", keys: &keys, strong: &strong)
    var englishKeys: [UInt32] = []
    var englishStrong: [UInt32] = []
    _ = AnchorKeys.extract("The sum of 1,234.56 lei", keys: &englishKeys, strong: &englishStrong)
    #expect(!Set(strong).isDisjoint(with: Set(englishStrong)))
    // Names keep their key through Romanian inflection and diacritics.
    let ro = AnchorKeys(["Purtătorul de cuvânt al Kremlinului, Dmitri Peskov, a negat."])
    let en = AnchorKeys(["Kremlin spokesman Dmitry Peskov denied it."])
    #expect(Set(ro.strong(0)).intersection(Set(en.keys(0))).count == 3)
  }
}
