import Testing
@testable import Tradu

/// A glossary may list a first name on its own beside the full name ("Klaus" beside "Klaus
/// Iohannis"). English news names a person in full once and by the surname alone afterwards,
/// so the surname alone also renders a later mention of the first name.
@Suite struct FirstNameEntryTests {
  static let entries = checkEntries + [
    GlossaryEntry(id: "klaus", source: "Klaus", targets: [GlossaryTarget(term: "Klaus")], type: .person),
    GlossaryEntry(id: "iohannis", source: "Klaus Iohannis", targets: [GlossaryTarget(term: "Klaus Iohannis")], type: .person),
  ]

  func missing(_ source: String, _ target: String) throws -> [String] {
    try makeTestChecker(Self.entries).analyze(BilingualSegment(id: "p1.s1", source: source, target: target))
      .findings.filter { $0.rule == .missingTerm }.compactMap(\.entryID)
  }

  static let source = "Președintele Klaus Iohannis a vorbit luni la reuniunea blocului comunitar, iar după-amiază Klaus Iohannis a plecat acasă."

  @Test func theSurnameAloneRendersTheSecondMention() throws {
    // "EU" is a glossary name the source does not write ("blocul comunitar"): without the
    // surname counted, "Klaus" would read as named twice, rendered once, replaced by "EU".
    #expect(try missing(Self.source, "President Klaus Iohannis spoke on Monday at the EU meeting, and in the afternoon Iohannis went home.") == [])
    #expect(try missing(Self.source, "President Klaus Iohannis spoke on Monday at the EU meeting, and in the afternoon Iohannis's car took him home.") == [])
  }

  @Test func aSecondMentionWithoutTheSurnameIsStillMissing() throws {
    #expect(try missing(Self.source, "President Klaus Iohannis spoke on Monday at the EU meeting, and in the afternoon the president went home.")
              .contains("klaus"))
  }

  @Test func theSurnameRightAfterTheFirstNameIsNotASecondMention() throws {
    // The full name once: its surname is part of that rendering, not another mention.
    #expect(try missing(Self.source, "On Monday the EU meeting heard President Klaus Iohannis, who then went home.").contains("klaus"))
  }
}

/// A name's last word stands for the whole name again only for people.
@Suite struct FirstWordOfALongerNameTests {
  @Test func theLastWordOfAnotherNameIsNotAMention() throws {
    // Typed: "Manchester United" is a club, and "United" alone is no mention of the city.
    let typed = checkEntries + [
      GlossaryEntry(id: "manchester", source: "Manchester", targets: [GlossaryTarget(term: "Manchester")], type: .geopolitical),
      GlossaryEntry(id: "manchester-united", source: "Manchester United", targets: [GlossaryTarget(term: "Manchester United")],
                    type: .organization),
    ]
    // Untyped (a plain two-column glossary): the "United" of "Newcastle United" ends another
    // name and is no short mention either.
    let untyped = typed.map { var e = $0; e.type = nil; return e }
    let source = "Jucătorii de la Manchester United au câștigat la Kiev, iar apoi antrenorul a vorbit despre Manchester la Bruxelles."
    let targets = [
      (typed, "The Manchester United players won in Kyiv, and then the coach spoke about the EU and how United played in Brussels."),
      (untyped, "The Manchester United players won in Kyiv, and then the coach spoke about the EU and Newcastle United in Brussels."),
    ]
    for (entries, target) in targets {
      let found = try makeTestChecker(entries).analyze(BilingualSegment(id: "p1.s1", source: source, target: target))
        .findings.filter { $0.rule == .missingTerm }.compactMap(\.entryID)
      #expect(found.contains("manchester"), "\(target)")
    }
  }
}
