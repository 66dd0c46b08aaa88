import Testing
@testable import Tradu

/// English names a translator writes for a glossary target other than the target itself:
/// irregular adjectives and peoples ("French", "Poles"), short names ("U.S."), initials ("WHO").
/// Sentences written for these tests.
@Suite struct NameVariantsTests {
  static let entries: [GlossaryEntry] = [
    GlossaryEntry(id: "franta", source: "Franța", targets: [GlossaryTarget(term: "France")], type: .geopolitical),
    GlossaryEntry(id: "germania", source: "Germania", targets: [GlossaryTarget(term: "Germany")], type: .geopolitical),
    GlossaryEntry(id: "polonia", source: "Polonia", targets: [GlossaryTarget(term: "Poland")], type: .geopolitical),
    GlossaryEntry(id: "sua", source: "Statele Unite", targets: [GlossaryTarget(term: "United States")], type: .geopolitical),
    GlossaryEntry(id: "oms", source: "Organizația Mondială a Sănătății",
                  targets: [GlossaryTarget(term: "World Health Organization")], type: .organization),
    GlossaryEntry(id: "fmi", source: "Fondul Monetar Internațional",
                  targets: [GlossaryTarget(term: "International Monetary Fund")]),
    GlossaryEntry(id: "mae", source: "Ministerul Afacerilor Externe",
                  targets: [GlossaryTarget(term: "Ministry of Foreign Affairs")], type: .organization),
    GlossaryEntry(id: "mj", source: "Ministerul Justiției", targets: [GlossaryTarget(term: "Ministry of Justice")],
                  type: .organization),
    GlossaryEntry(id: "putin", source: "Vladimir Putin", targets: [GlossaryTarget(term: "Vladimir Putin")], type: .person),
  ]

  @Test(arguments: [
    ("Vinurile Franței se vând bine în Asia.", "French wines sell well in Asia."),
    ("Doi cetățeni ai Franței au fost eliberați.", "Two Frenchmen were released."),
    ("Fabricile Germaniei au redus producția.", "German factories cut output."),
    ("Muncitorii din Polonia au protestat la Bruxelles.", "Poles working abroad protested in Brussels."),
    ("Constituția Poloniei interzice acest lucru.", "The Polish constitution forbids it."),
    ("Statele Unite au ridicat sancțiunile.", "The U.S. lifted the sanctions."),
    ("Ambasada Statelor Unite a fost închisă.", "The US embassy was closed."),
    ("Organizația Mondială a Sănătății a emis un avertisment.", "The WHO issued a warning."),
    ("Fondul Monetar Internațional a acordat împrumutul.", "The IMF granted the loan."),
    ("Ministerul Justiției a publicat proiectul.", "The Justice Ministry published the draft."),
    ("Ministerul Afacerilor Externe a convocat ambasadorul.", "The Foreign Ministry summoned the ambassador."),
    ("Ministerul Afacerilor Externe a convocat ambasadorul.", "The Foreign Affairs Ministry summoned the ambassador."),
  ])
  func variantsRenderTheName(source: String, target: String) throws {
    #expect(try findings(source, target, entries: Self.entries).isEmpty)
  }

  @Test func anOmissionIsStillFound() throws {
    let found = try findings("Guvernul Franței a demisionat aseară.", "The government resigned last night.", entries: Self.entries)
    #expect(found.map(\.rule) == [.missingTerm])
    #expect(found.first?.entry == "Franța")
  }

  @Test func aLowerCaseWordIsNoDemonym() throws {
    // "french" and "polish" in lower case are a cooking style and a verb, not the countries.
    let found = try findings("Bucătarii din Franța gătesc cartofi.", "The cooks make french fries.", entries: Self.entries)
    #expect(found.map(\.entry) == ["Franța"])
    let polish = try findings("Muncitorii din Polonia lustruiesc podeaua.", "The workers polish the floor.", entries: Self.entries)
    #expect(polish.map(\.entry) == ["Polonia"])
  }

  @Test func anotherMinistryIsNoRendering() throws {
    let found = try findings("Ministerul Justiției a publicat proiectul.", "The Health Ministry published the draft.", entries: Self.entries)
    #expect(found.map(\.entry) == ["Ministerul Justiției"])
  }

  @Test func aPersonHasNoInitials() throws {
    let found = try findings("Vladimir Putin a semnat decretul.", "The VP signed the decree.", entries: Self.entries)
    #expect(found.map(\.entry) == ["Vladimir Putin"])
  }

  @Test func initialsOfAName() {
    func initials(_ term: String) -> String? { EnglishNameVariants.initials(of: EnglishTermMatcher.termWords(term)) }
    #expect(initials("World Health Organization") == "WHO")
    #expect(initials("the European Union") == "EU")
    #expect(initials("Bank for International Settlements") == "BIS")
    #expect(initials("Romania") == nil)
    #expect(initials("National Bank of the lower Danube") == nil)
    #expect(EnglishNameVariants.variants(of: "European Union").contains("E.U."))
    #expect(EnglishNameVariants.variants(of: "Klaus Iohannis", type: .person).isEmpty)
    #expect(EnglishNameVariants.reordered(EnglishTermMatcher.termWords("Department of State")) == ["State Department"])
    // Only a ministry or a department: the Bank of England is no "England Bank".
    #expect(EnglishNameVariants.reordered(EnglishTermMatcher.termWords("Bank of England")).isEmpty)
  }
}
