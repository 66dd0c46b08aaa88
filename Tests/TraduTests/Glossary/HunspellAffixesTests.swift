import Testing
@testable import Tradu

/// Hunspell's affix rules read from an `.aff` file and applied in reverse, on a small
/// dictionary written for these tests (`Fixtures/hunspell/mini.dic` and `mini.aff`).
@Suite struct HunspellAffixesTests {
  static func mini() throws -> RomanianDictionary {
    let affixes = try HunspellAffixes(affText: try repositoryText("Tests/TraduTests/Fixtures/hunspell/mini.aff"), path: "mini.aff")
    return RomanianDictionary(dicText: try repositoryText("Tests/TraduTests/Fixtures/hunspell/mini.dic"), affixes: affixes)
  }

  @Test func readsEveryRuleOfTheFile() throws {
    let text = try repositoryText("Tests/TraduTests/Fixtures/hunspell/mini.aff")
    #expect(try HunspellAffixes(affText: text).ruleCount == 15)
  }

  @Test func inflectedFormsOfCommonWordsAreCommonWords() throws {
    let d = try Self.mini()
    // Suffixes, with their conditions: "rachetă" takes -e, "fabrică" takes -i.
    for form in ["Racheta", "rachete", "Rachetele", "RACHETELOR", "rachetei", "Fabrica", "Fabrici", "fabricile",
                 "Portul", "porturile", "Cunoscută", "cunoscuți", "Pom"] {
      #expect(d.isCommonWord(form), "\(form)")
    }
    #expect(d.commonWordStem(of: "Rachetele") == "rachetă")
    #expect(d.commonWordStem(of: "Pom") == "pom")
  }

  @Test func conditionsAndFlagsAreKept() throws {
    let d = try Self.mini()
    // The rule's condition: "fabrică" has no plural in -e, "rachetă" none in -i.
    #expect(!d.isCommonWord("Fabrice") && !d.isCommonWord("Racheti"))
    // No flag, no forms: "pom" has no rule; "port" is no adjective.
    #expect(!d.isCommonWord("Pomul") && !d.isCommonWord("Portă"))
    // Capitalized entries are names, and so are their forms.
    #expect(!d.isCommonWord("Marte") && !d.isCommonWord("Martelui"))
    // A suffix never takes the whole word.
    #expect(!d.isCommonWord("ul") && !d.isCommonWord("uri"))
  }

  @Test func aNameTheDictionaryKnowsIsACommonWordOnlyIfListedInLowerCase() throws {
    let d = try Self.mini()
    // "Luna" is listed as a name; "luna" is only a form of "lună".
    #expect(!d.isCommonWord("Luna") && !d.isCommonWord("LUNA"))
    #expect(d.isCommonWord("Lune") && d.isCommonWord("lunei"))
    // "Port" is listed as a name and "port" as a word.
    #expect(d.isCommonWord("Port") && d.isCommonWord("Portul"))
  }

  @Test func aPrefixCombinesWithASuffixOnlyWhereTheStemHasBothFlags() throws {
    let d = try Self.mini()
    #expect(d.isCommonWord("Necunoscut") && d.isCommonWord("necunoscută") && d.isCommonWord("Necunoscutul"))
    // "ocolit" takes the adjective's suffixes but not the prefix.
    #expect(d.isCommonWord("ocolită") && !d.isCommonWord("neocolită"))
  }

  @Test func readingOnlyTheCandidatesAnswersAsTheWholeDictionary() throws {
    let whole = try Self.mini()
    let candidates = ["Racheta", "Fabrici", "Fabrice", "Porturile", "Necunoscută", "Marte", "Martelui", "Luna", "Port"]
    let only = RomanianDictionary(dicText: try repositoryText("Tests/TraduTests/Fixtures/hunspell/mini.dic"),
                                  affixes: whole.affixes, only: candidates)
    // Only the stems the candidates may come from are read: not "pom", not "ocolit".
    #expect(only.words == ["rachetă", "fabrică", "port", "cunoscut", "lună"])
    #expect(only.names == ["Marte", "Luna", "Port"])
    for candidate in candidates {
      #expect(only.isCommonWord(candidate) == whole.isCommonWord(candidate), "\(candidate)")
    }
  }

  @Test func longAndNumericFlagsAliasesAndNeedAffix() throws {
    let long = try HunspellAffixes(affText: "FLAG long\nNEEDAFFIX Zz\nSFX Aa Y 1\nSFX Aa 0 ul .\n")
    let d = RomanianDictionary(dicText: "2\ndrum/Aa\nstrad/AaZz\n", affixes: long)
    #expect(d.isCommonWord("Drumul") && d.isCommonWord("drum"))
    // A stem marked NEEDAFFIX is a word only with an affix.
    #expect(d.isCommonWord("stradul") && !d.isCommonWord("strad"))

    let numeric = try HunspellAffixes(affText: "FLAG num\nAF 2\nAF 7,12\nAF 12\nSFX 7 Y 1\nSFX 7 0 uri .\nSFX 12 Y 1\nSFX 12 0 ul .\n")
    let aliased = RomanianDictionary(dicText: "1\nloc/1\nvas/2\n", affixes: numeric)
    #expect(aliased.isCommonWord("Locuri") && aliased.isCommonWord("locul"))
    #expect(aliased.isCommonWord("vasul") && !aliased.isCommonWord("vasuri"))
  }

  @Test func malformedRulesNameTheFileAndLine() {
    #expect(throws: TraduError.malformedInput(path: "x.aff", line: 2, reason: "the SFX A group has 1 rule fewer than its header says")) {
      try HunspellAffixes(affText: "SET UTF-8\nSFX A Y 2\nSFX A 0 ul .\n", path: "x.aff")
    }
    #expect(throws: TraduError.self) { try HunspellAffixes(affText: "SET ISO8859-2\n", path: "x.aff") }
    #expect(throws: TraduError.self) { try HunspellAffixes(affText: "SFX A Y 1\nSFX A 0 ul [ab\n", path: "x.aff") }
    #expect(throws: TraduError.self) { try HunspellAffixes(affText: "PFX B Q 1\n", path: "x.aff") }
  }

  @Test(.enabled(if: RomanianDictionary.systemPath != nil, "needs Debian's hunspell-ro"))
  func theInstalledDictionaryKnowsInflectedFormsButNotNames() throws {
    let path = try #require(RomanianDictionary.systemPath)
    let d = try RomanianDictionary(path: path, only: ["Pădurile", "Drumurile", "Porturile", "Munții", "România", "Viena", "Putin", "Kremlin", "Varșovia", "Bruxelles"])
    #expect(d.affixes != nil)
    #expect(d.isCommonWord("Pădurile") && d.isCommonWord("Drumurile") && d.isCommonWord("Porturile") && d.isCommonWord("Munții"))
    // Names it lists with a capital, though its rules give "românia" and "viena" as forms.
    #expect(!d.isCommonWord("România") && !d.isCommonWord("Viena"))
    #expect(!d.isCommonWord("Putin") && !d.isCommonWord("Kremlin") && !d.isCommonWord("Varșovia") && !d.isCommonWord("Bruxelles"))
  }
}

/// Untyped entries whose term is a common word are found only where written with a capital.
@Suite struct FoundOnlyCapitalizedTests {
  static let glossary = try! Glossary.parse("""
    id\tsource\ttarget\ttype
    rocket\tRacheta\tRacheta (the café)\t
    works\tFabrica\tthe Factory (the theatre)\tORG
    port\tport\tport\t
    mars\tMarte\tMars\t
    """ + "\n", format: .tsv, name: "names.tsv")

  @Test func onlyUntypedCapitalizedCommonWordsAreChosen() throws {
    #expect(GlossaryLinter.foundOnlyCapitalized(Self.glossary, dictionary: try HunspellAffixesTests.mini()) == ["rocket"])
    #expect(GlossaryLinter.foundOnlyCapitalized(Self.glossary).isEmpty)
  }

  @Test func theMatcherFindsThemOnlyCapitalized() throws {
    let text = "Ne-am văzut la Racheta, apoi am privit racheta de pe terasă. Racheta a decolat."
    var glossary = Self.glossary
    let everywhere = try GlossaryMatcher(glossary).matches(in: text).filter { $0.entryID == "rocket" }
    #expect(everywhere.map(\.matched) == ["Racheta", "racheta", "Racheta"])
    glossary.foundOnlyCapitalized = GlossaryLinter.foundOnlyCapitalized(glossary, dictionary: try HunspellAffixesTests.mini())
    let capitalized = try GlossaryMatcher(glossary).matches(in: text).filter { $0.entryID == "rocket" }
    // A capital at a sentence start still counts: Romanian writes names so everywhere.
    #expect(capitalized.map(\.matched) == ["Racheta", "Racheta"])
    // The typed entry keeps its lower-case use, as institutions are written.
    #expect(try GlossaryMatcher(glossary).matches(in: "Vizita la fabrica din oraș.").map(\.entryID) == ["works"])
  }
}
