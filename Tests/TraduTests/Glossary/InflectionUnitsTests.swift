import Testing
@testable import Tradu

/// Glossaries are compiled with the inflection rules on UTF-16 units; they must give exactly
/// the forms, slots and roles of the `String` rules they stand for.
@Suite struct InflectionUnitsTests {
  /// The words of the built-in glossary and the test glossary, and words made to end in every
  /// ending the rules know.
  static let words: [String] = {
    var words = Set<String>()
    let fixture = (try? repositoryText("Tests/TraduTests/Fixtures/glossary/news-small.tsv")) ?? ""
    let fixtureEntries = (try? Glossary.parse(fixture, format: .tsv, name: "news-small.tsv").entries) ?? []
    for entry in Glossary.default.entries + fixtureEntries {
      for word in (entry.source + " " + entry.forms.joined(separator: " ")).split(whereSeparator: { " -|".contains($0) }) {
        words.insert(String(word))
      }
    }
    let stems = ["Parlament", "Consili", "Munt", "Carpaț", "Uni", "Nou", "Români", "Republic", "Suceav", "Piatr",
                 "Cas", "Britani", "Camer", "Sibi", "Bucureșt", "Kreml", "Neagr", "Europe", "Ferestr", "Mic", "Lung"]
    let endings = ["", "a", "ă", "e", "i", "u", "ul", "iul", "le", "ii", "ea", "ua", "ia", "ie", "ului", "ilor",
                   "elor", "ei", "ească", "că", "gă", "eană", "ană", "o", "y", "1"]
    for stem in stems {
      for ending in endings { words.insert(stem + ending); words.insert((stem + ending).uppercased()) }
    }
    words.formUnion(["ŞTEFAN", "Ştefănescu", "ţară", "Ţara", "İzmir", "Ⱥrta", "Straße", "ǅemal", "1989", "NATO",
                     "SpaceX", "eMAG", "S.U.A.", "a", "Ă", "ea", "Ea", "mare", "Mare", "de", "și", "Și", "µ", "Ångström"])
    return words.sorted()
  }()

  @Test func formsOnUnitsAreTheFormsOnStrings() {
    var checked = 0
    var out = RomanianInflection.UnitForms()
    for word in Self.words {
      guard let lowered = RomanianInflection.loweredUnits(word) else { continue }
      #expect(String(decoding: lowered, as: UTF16.self) == RomanianInflection.lowered(word), "\(word)")
      for role in [RomanianInflection.Role.head, .agreeing, .invariant] {
        for type in [EntityType?.none, .person, .organization, .geopolitical] {
          out.removeAll()
          RomanianInflection.addForms(of: word, lowered: lowered, role: role, type: type, to: &out)
          let onUnits = (0..<out.count).map { "\(String(decoding: out.form($0), as: UTF16.self)) \(out.slots[$0].rawValue)" }
          let onStrings = RomanianInflection.forms(of: word, role: role, type: type).map { "\($0.form) \($0.slots.rawValue)" }
          #expect(onUnits == onStrings, "\(word) \(role) \(String(describing: type))")
          checked += 1
        }
      }
    }
    #expect(checked > 1_000)
  }

  @Test func rolesOnUnitsAreTheRolesOnStrings() {
    let names = Glossary.default.entries.map(\.source) + [
      "Uniunea Europeană", "Casa Albă", "Marea Neagră", "Banca Națională a României", "Academia Română",
      "Curtea Supremă de Justiție", "Statele Unite", "Partidul Social Democrat", "Gabriela Firea", "NATO Nord",
    ]
    for name in names {
      let words = name.split(separator: " ").map(String.init)
      let lowered = words.map(RomanianInflection.loweredUnits)
      guard !lowered.contains(where: { $0 == nil }) else { continue }
      for type in [EntityType?.none, .person, .organization] {
        #expect(RomanianInflection.roles(of: words, lowered: lowered.map { $0! }, type: type)
                == RomanianInflection.roles(of: words, type: type), "\(name)")
      }
    }
  }

  /// Words the unit rules do not handle go to the string rules.
  @Test func otherScriptsAndSpecialCaseMappingsStayOnStrings() {
    for word in ["İzmir", "Ⱥrta", "Ελλάδα", "Зеленский", "Bucures\u{0326}ti"] {
      #expect(RomanianInflection.loweredUnits(word) == nil, "\(word)")
    }
    #expect(RomanianInflection.loweredUnits("ŞTEFAN").map { String(decoding: $0, as: UTF16.self) } == "ștefan")
  }
}
