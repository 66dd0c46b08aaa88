import Foundation
import Testing

/// `check` on translations written for this test, not taken from any evaluation set: the way
/// news translators render names (possessives, demonym-free rewordings, a pronoun or "the
/// Commission" for a second mention, names in capitals, diacritics dropped in English) raises
/// nothing, and the three ways a term goes wrong (another glossary term in its place, a
/// misspelling, a generic phrase instead of the name) are each caught for their entry.
@Suite struct CheckUnseenTranslationsTests {
  private static let glossary: [(source: String, target: String)] = [
    ("București", "Bucharest"),
    ("Germania", "Germany"),
    ("Ucraina", "Ukraine"),
    ("Klaus Iohannis", "Klaus Iohannis"),
    ("Comisia Europeană", "European Commission"),
    ("Dunărea", "Danube"),
    ("Marea Neagră", "Black Sea"),
    ("Banca Națională a României", "National Bank of Romania"),
    ("Statele Unite", "United States"),
    ("Franța", "France"),
    ("Emmanuel Macron", "Emmanuel Macron"),
    ("Ministerul Sănătății", "Ministry of Health"),
    ("Parlamentul European", "European Parliament"),
    ("Iași", "Iasi"),
    ("Constanța", "Constanta"),
    ("Polonia", "Poland"),
    ("NATO", "NATO"),
    ("Ungaria", "Hungary"),
    ("Cluj-Napoca", "Cluj-Napoca"),
    ("Macron", "Macron"),
    ("România", "Romania"),
  ]

  /// (entry, Romanian source, English target, whether the target breaks the glossary).
  private static let items: [(entry: String, source: String, target: String, wrong: Bool)] = [
    ("Klaus Iohannis", "Președintele Klaus Iohannis a plecat joi la Berlin, unde se va întâlni cu cancelarul.",
     "President Klaus Iohannis left for Berlin on Thursday, where he will meet the chancellor.", false),
    ("Emmanuel Macron", "Discursul lui Emmanuel Macron a fost amânat din cauza grevei.",
     "Emmanuel Macron's speech was postponed because of the strike.", false),
    ("Germania", "Guvernul Germaniei a anunțat noi măsuri de sprijin pentru fermieri.",
     "Germany's government announced new support measures for farmers.", false),
    ("Ucraina", "Exporturile de cereale ale Ucrainei au scăzut cu 20% anul trecut.",
     "Ukraine's grain exports fell by 20% last year.", false),
    ("Dunărea", "Nivelul Dunării a crescut cu aproape un metru în ultimele zile.",
     "The level of the Danube has risen by almost a metre in recent days.", false),
    ("Marea Neagră", "Porturile de la Marea Neagră sunt aglomerate de la începutul verii.",
     "Black Sea ports have been congested since early summer.", false),
    ("Comisia Europeană", "Comisia Europeană a aprobat marți planul de redresare al României.",
     "On Tuesday the European Commission approved Romania's recovery plan.", false),
    ("Comisia Europeană", "Raportul Comisiei Europene arată o creștere economică de 3%.",
     "The European Commission's report shows economic growth of 3%.", false),
    ("Emmanuel Macron", "Emmanuel Macron a declarat că Franța va trimite ajutoare umanitare.",
     "Emmanuel Macron said France would send humanitarian aid.", false),
    ("Franța", "Emmanuel Macron a declarat că Franța va trimite ajutoare umanitare.",
     "Emmanuel Macron said France would send humanitarian aid.", false),
    ("Ministerul Sănătății", "Ministerul Sănătății a raportat 300 de cazuri noi în ultimele 24 de ore.",
     "The Ministry of Health reported 300 new cases in the past 24 hours.", false),
    ("Banca Națională a României", "Guvernatorul Băncii Naționale a României a menținut dobânda de politică monetară.",
     "The governor of the National Bank of Romania kept the policy rate unchanged.", false),
    ("Polonia", "Polonia și Ungaria au votat împotriva propunerii.",
     "Poland and Hungary voted against the proposal.", false),
    ("Ungaria", "Polonia și Ungaria au votat împotriva propunerii.",
     "Poland and Hungary voted against the proposal.", false),
    ("Iași", "Spitalul din Iași va primi două ambulanțe noi.",
     "The hospital in Iasi will receive two new ambulances.", false),
    ("Constanța", "Traficul în portul Constanța a crescut cu 12%.",
     "Traffic in the port of Constanta grew by 12%.", false),
    ("Klaus Iohannis", "Klaus Iohannis l-a primit pe Emmanuel Macron la Palatul Cotroceni.",
     "Klaus Iohannis received Emmanuel Macron at Cotroceni Palace.", false),
    ("Emmanuel Macron", "Klaus Iohannis l-a primit pe Emmanuel Macron la Palatul Cotroceni.",
     "Klaus Iohannis received Emmanuel Macron at Cotroceni Palace.", false),
    ("Parlamentul European", "Membrii Parlamentului European au votat noul buget.",
     "Members of the European Parliament voted on the new budget.", false),
    ("NATO", "Summitul NATO de la București a reunit 30 de lideri.",
     "The NATO summit in Bucharest brought together 30 leaders.", false),
    ("București", "Summitul NATO de la București a reunit 30 de lideri.",
     "The NATO summit in Bucharest brought together 30 leaders.", false),
    ("Statele Unite", "Statele Unite vor trimite încă 3.000 de militari în Polonia.",
     "The United States will send another 3,000 troops to Poland.", false),
    ("Polonia", "Statele Unite vor trimite încă 3.000 de militari în Polonia.",
     "The United States will send another 3,000 troops to Poland.", false),
    ("Cluj-Napoca", "Festivalul de film de la Cluj-Napoca începe vineri.",
     "The Cluj-Napoca film festival starts on Friday.", false),
    ("București", "Primarul Bucureștiului a anunțat lucrări pe patru bulevarde.",
     "The mayor of Bucharest announced works on four boulevards.", false),
    ("Macron", "Partidul lui Macron a pierdut majoritatea, iar Macron a cerut calm.",
     "Macron's party lost its majority, and Macron called for calm.", false),
    ("Germania", "Germania a închis ultimele trei centrale nucleare în aprilie.",
     "In April Germany shut its last three nuclear plants.", false),
    ("Ucraina", "Ucraina a cerut partenerilor occidentali mai multe sisteme de apărare antiaeriană.",
     "Ukraine asked its Western partners for more air defence systems.", false),
    ("Ungaria", "Premierul Ungariei a blocat din nou pachetul de sancțiuni.",
     "Hungary's prime minister again blocked the sanctions package.", false),
    ("Marea Neagră", "Apele Mării Negre s-au încălzit cu două grade.",
     "The waters of the Black Sea have warmed by two degrees.", false),
    ("Polonia", "Polonia a votat împotriva propunerii Comisiei.",
     "Hungary voted against the Commission's proposal.", true),
    ("Germania", "Germania a închis ultimele trei centrale nucleare în aprilie.",
     "In April Germnay shut its last three nuclear plants.", true),
    ("Ucraina", "Ucraina a cerut partenerilor occidentali mai multe sisteme de apărare antiaeriană.",
     "The country asked its Western partners for more air defence systems.", true),
    ("Klaus Iohannis", "Președintele Klaus Iohannis a plecat joi la Berlin, unde se va întâlni cu cancelarul.",
     "President Klaus Iohanis left for Berlin on Thursday, where he will meet the chancellor.", true),
    ("Dunărea", "Nivelul Dunării a crescut cu aproape un metru în ultimele zile.",
     "The level of the river has risen by almost a metre in recent days.", true),
    ("Comisia Europeană", "Comisia Europeană a aprobat marți planul de redresare al României.",
     "On Tuesday the European Parliament approved Romania's recovery plan.", true),
    ("Emmanuel Macron", "Discursul lui Emmanuel Macron a fost amânat din cauza grevei.",
     "The president's speech was postponed because of the strike.", true),
    ("București", "Primarul Bucureștiului a anunțat lucrări pe patru bulevarde.",
     "The mayor of Bucharets announced works on four boulevards.", true),
    ("Ungaria", "Premierul Ungariei a blocat din nou pachetul de sancțiuni.",
     "Poland's prime minister again blocked the sanctions package.", true),
    ("Marea Neagră", "Porturile de la Marea Neagră sunt aglomerate de la începutul verii.",
     "Sea ports have been congested since early summer.", true),
    ("Franța", "Emmanuel Macron a declarat că Franța va trimite ajutoare umanitare.",
     "Emmanuel Macron said Germany would send humanitarian aid.", true),
    ("Constanța", "Traficul în portul Constanța a crescut cu 12%.",
     "Traffic in the port of Costanta grew by 12%.", true),
    ("Klaus Iohannis", "Klaus Iohannis a spus că nu va semna legea. Klaus Iohannis a adăugat că o va retrimite Parlamentului.",
     "Klaus Iohannis said he would not sign the law, adding that he would send it back to Parliament.", false),
    ("România", "Exporturile României au crescut, iar România a devenit al treilea producător de grâu din UE.",
     "Romanian exports rose, and Romania became the EU's third-largest wheat producer.", false),
    ("România", "Exporturile României au crescut cu 8% anul trecut.",
     "Romanian exports rose by 8% last year.", false),
    ("Polonia", "Polonia a cumpărat tancuri, iar Polonia va cumpăra și avioane.",
     "Poland bought tanks and will also buy aircraft.", false),
    ("Comisia Europeană", "Comisia Europeană a criticat legea. Potrivit Comisiei Europene, legea încalcă tratatele.",
     "The European Commission criticised the law. According to the Commission, it breaches the treaties.", false),
    ("NATO", "Aliații NATO s-au reunit la Vilnius.",
     "NATO allies met in Vilnius.", false),
    ("Statele Unite", "Ambasadorul Statelor Unite la București a vizitat Constanța.",
     "The United States ambassador in Bucharest visited Constanta.", false),
    ("București", "Ambasadorul Statelor Unite la București a vizitat Constanța.",
     "The US ambassador in Bucharest visited Constanța.", false),
    ("Germania", "Cancelarul Germaniei a vizitat Franța și Polonia.",
     "Germany's chancellor visited France and Poland.", false),
    ("Franța", "Cancelarul Germaniei a vizitat Franța și Polonia.",
     "The German chancellor visited France and Poland.", false),
    ("Ungaria", "„Ungaria nu va accepta”, a spus premierul.",
     "\"Hungary will not accept this,\" the prime minister said.", false),
    ("Macron", "Macron a vorbit cu Iohannis despre Ucraina.",
     "MACRON SPOKE WITH IOHANNIS ABOUT UKRAINE.", false),
    ("Ucraina", "Macron a vorbit cu Iohannis despre Ucraina.",
     "Macron spoke with Iohannis about Ukraine.", false),
    ("Dunărea", "Delta Dunării este o rezervație a biosferei.",
     "The Danube Delta is a biosphere reserve.", false),
    ("Parlamentul European", "Parlamentul European are 705 membri.",
     "The European parliament has 705 members.", false),
  ]

  @Test func translatorsRenderingsPassAndBrokenTermsAreCaught() throws {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("tradu-unseen-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: folder) }
    let glossary = folder.appendingPathComponent("glosar.tsv")
    let rows = ["source\ttarget"] + Self.glossary.map { "\($0.source)\t\($0.target)" }
    try Data((rows.joined(separator: "\n") + "\n").utf8).write(to: glossary)
    var input = ""
    for (index, item) in Self.items.enumerated() {
      let line = try JSONSerialization.data(withJSONObject: ["id": "\(index)", "source": item.source, "target": item.target])
      input += String(decoding: line, as: UTF8.self) + "\n"
    }
    let result = try runTradu(["check", "--jsonl", "--glossary", glossary.path], stdin: input)
    #expect(result.status == 0 || result.status == 1, "\(result.stderr)")
    var flagged: [String: Set<String>] = [:]
    for line in result.stdout.split(separator: "\n") {
      let object = try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
      let id = try #require(object["id"] as? String)
      let findings = object["findings"] as? [[String: Any]] ?? []
      flagged[id] = Set(findings.compactMap { $0["entry"] as? String })
    }
    #expect(flagged.count == Self.items.count)
    for (index, item) in Self.items.enumerated() {
      let raised = flagged["\(index)"]?.contains(item.entry) == true
      #expect(raised == item.wrong, "\(item.wrong ? "missed" : "false alarm"): \(item.entry) in “\(item.target)”")
    }
  }
}
