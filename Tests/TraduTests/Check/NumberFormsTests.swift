import Testing
@testable import Tradu

@Suite struct NumberFormsTests {
  func unit(_ source: String, _ target: String) -> BilingualSegment {
    BilingualSegment(id: "p1.s1", source: source, target: target)
  }

  @Test(arguments: [
    ("Bugetul este de 1.234,56 de lei.", "The budget is 1,234.56 lei."),
    ("Hoții au furat 26.750 de dolari.", "Thieves stole $26,750."),
    ("Inflația a fost de 2,5%.", "Inflation was 2.5%."),
    ("Vezi răspunsul de la ora 19.55.", "See the answer from 7:55 p.m."),
    ("Vezi răspunsul de la ora 19.55.", "See the answer from 19:55."),
    ("Au murit 3 oameni.", "Three people died."),
    ("A ocupat locul 4.", "He finished fourth."),
    ("Atacul a avut loc pe 24.02.2022.", "The attack took place on February 24, 2022."),
    ("În februarie 2022, Rusia a invadat.", "In February 2022, Russia invaded."),
    ("Fără cifre aici.", "No figures here."),
    ("Ședința începe la ora 14:00.", "The meeting starts at 2 p.m."),
    ("Trenul pleacă la ora 9.00.", "The train leaves at 9 a.m."),
    ("Trenul pleacă la ora 9.00.", "The train leaves at 09:00."),
    ("Muzica anilor '90 revine.", "1990s music is back."),
    ("Muzica anilor ’80 revine.", "The music of the 1980s is back."),
  ])
  func sameNumbersPass(source: String, target: String) {
    #expect(Rules.numberMismatch(unit(source, target)).isEmpty)
  }

  @Test func aMissingNumberIsReportedWithItsSourceForm() {
    let findings = Rules.numberMismatch(unit("În octombrie 2022, Musk a postat 12 mesaje.", "In October 2021, Musk posted 12 messages."))
    #expect(findings.map(\.sourceForm) == ["2022"])
    #expect(findings.first?.rule == .numberMismatch)
    #expect(findings.first?.severity == .major)
    let source = "În octombrie 2022, Musk a postat 12 mesaje."
    let r = findings[0].sourceRange!
    #expect(String(decoding: Array(source.utf16)[r], as: UTF16.self) == "2022")
  }

  @Test func timesAndDecadesStillNeedTheirNumber() {
    #expect(!Rules.numberMismatch(unit("Ședința începe la ora 14:00.", "The meeting starts at 3 p.m.")).isEmpty)
    #expect(!Rules.numberMismatch(unit("Ședința începe la ora 14:30.", "The meeting starts at 2 p.m.")).isEmpty)
    #expect(!Rules.numberMismatch(unit("Muzica anilor '90 revine.", "1980s music is back.")).isEmpty)
    // A year is no decade: "1990" alone does not give 90.
    #expect(!Rules.numberMismatch(unit("Au trecut 90 de ani.", "It was 1990.")).isEmpty)
    // Nor does a word glued to it ("1990sth" is no decade).
    #expect(!Rules.numberMismatch(unit("Au trecut 90 de ani.", "Code 1990sx.")).isEmpty)
  }

  @Test func englishConventionsAreNotTakenFromTheSourceSide() {
    // "1,5" is one and a half in Romanian; "1,5" in English would be two numbers.
    #expect(!Rules.numberMismatch(unit("Crește cu 1,5 miliarde.", "It grows by 15 billion.")).isEmpty)
    #expect(Rules.numberMismatch(unit("Crește cu 1,5 miliarde.", "It grows by 1.5 billion.")).isEmpty)
  }

  @Test func numbersKeepTheirUTF16PlaceAfterAnyScalar() {
    let text = "Șeful 😀 a spus: 1.234,56 lei, ora 19:55 și 3 școli 🇷🇴 7"
    let numbers = NumberForms.numbers(in: text, convention: .romanian)
    #expect(numbers.map(\.surface) == ["1.234,56", "19:55", "3", "7"])
    for number in numbers {
      #expect(EnglishTermMatcher.slice(text, number.range) == number.surface)
    }
  }
}
