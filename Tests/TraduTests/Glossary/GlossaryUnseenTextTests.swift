import Testing
@testable import Tradu
/// The matcher on sentences written for this test, not taken from any evaluation set: each
/// sentence lists every glossary name it holds, as written, with its entry. They cover the
/// genitive/dative of feminine, masculine and plural names, multi-word names whose words agree
/// ("Băncii Naționale a României", "Mării Negre"), the longest name winning ("Parlamentul European"
/// over "Parlamentul"), and words that only look like a name: demonyms ("Germanii", "bucureștenii"),
/// adjectives ("românești", "francez"), a common word ("alba", "marea majoritate") and the words of
/// a multi-word name apart ("Statele membre… unite"), and lower case: an institution with a
/// translated name is found in it ("guvernului"), an acronym or a name kept as written is not
/// ("aur" gold, not the party AUR; "pentagon" the shape; "adevărul", the truth, not the newspaper),
/// nor an institution's name without its article ("trei camere", "un guvern": common nouns).
@Suite struct GlossaryUnseenTextTests {
  static let glossaryText = """
    source\ttype\ttarget\tdnt
    România\tGPE\tRomania\t
    Germania\tGPE\tGermany\t
    Franța\tGPE\tFrance\t
    Rusia\tGPE\tRussia\t
    Italia\tGPE\tItaly\t
    Londra\tGPE\tLondon\t
    Paris\tGPE\tParis\t
    Berlin\tGPE\tBerlin\t
    București\tGPE\tBucharest\t
    Iași\tGPE\tIasi\t
    Cluj-Napoca\tGPE\tCluj-Napoca\t
    Arad\tGPE\tArad\t
    Galați\tGPE\tGalati\t
    Alba\tGPE\tAlba\t
    Dunărea\tLOC\tDanube\t
    Marea Neagră\tLOC\tBlack Sea\t
    Marea Britanie\tGPE\tGreat Britain\t
    Statele Unite\tGPE\tUnited States\t
    Uniunea Europeană\tORG\tEuropean Union\t
    Banca Națională a României\tORG\tNational Bank of Romania\t
    Curtea Constituțională\tORG\tConstitutional Court\t
    Parlamentul European\tORG\tEuropean Parliament\t
    Parlamentul\tORG\tParliament\t
    Guvernul\tORG\tGovernment\t
    Klaus Iohannis\tPERSON\tKlaus Iohannis\t
    Iohannis\tPERSON\tIohannis\t
    Ursula von der Leyen\tPERSON\tUrsula von der Leyen\t
    Unirea\tORG\tUnirea\tyes
    Senatul\tORG\tSenate\t
    Camera Deputaților\tORG\tChamber of Deputies\t
    Camere\tORG\tChambers\t
    Carpați\tLOC\tCarpathians\t
    Moldova\tGPE\tMoldova\t
    Balcani\tLOC\tBalkans\t
    AUR\tORG\tAUR\tyes
    PAS\tORG\tPAS\tyes
    Pentagon\tORG\tPentagon\tyes
    Meta\tORG\tMeta\tyes
    Adevărul\tORG\tAdevarul\t
    """

  /// A sentence and the names in it: (surface form, entry).
  static let sentences: [(String, [(String, String)])] = [
    ("Președintele a plecat ieri în Germania.", [("Germania", "Germania")]),
    ("Economia Germaniei a încetinit anul trecut.", [("Germaniei", "Germania")]),
    ("Germanii au votat duminică pentru un nou parlament.", []),
    ("Cancelarul a vorbit cu liderii Franței și ai Italiei.", [("Franței", "Franța"), ("Italiei", "Italia")]),
    ("Rușii au trimis o delegație, iar Rusia a cerut o amânare.", [("Rusia", "Rusia")]),
    ("Ambasadorul Rusiei a fost convocat la minister.", [("Rusiei", "Rusia")]),
    ("Produsele românești se vând bine în Italia.", [("Italia", "Italia")]),
    ("Românii din diaspora au votat masiv.", []),
    ("Exporturile României au crescut cu 4 %.", [("României", "România")]),
    ("Primarul Londrei a anunțat noi reguli de trafic.", [("Londrei", "Londra")]),
    ("Parisul găzduiește summitul, iar străzile Parisului sunt închise.", [("Parisul", "Paris"), ("Parisului", "Paris")]),
    ("Zidul Berlinului a căzut în 1989.", [("Berlinului", "Berlin")]),
    ("Traficul Bucureștiului este printre cele mai aglomerate din Europa.", [("Bucureștiului", "București")]),
    ("Universitatea din Iași a primit fonduri noi.", [("Iași", "Iași")]),
    ("Primăria din Cluj-Napoca a aprobat bugetul.", [("Cluj-Napoca", "Cluj-Napoca")]),
    ("Consiliul Județean Arad și primarul Aradului au semnat acordul.", [("Arad", "Arad"), ("Aradului", "Arad")]),
    ("Portul Galați a primit trei nave.", [("Galați", "Galați")]),
    ("A purtat o cămașă alba la ceremonie.", []),
    ("Prefectul județului Alba a demisionat.", [("Alba", "Alba")]),
    ("Apele Dunării au crescut după ploi.", [("Dunării", "Dunărea")]),
    ("Dunărea se varsă în Marea Neagră.", [("Dunărea", "Dunărea"), ("Marea Neagră", "Marea Neagră")]),
    ("Nave militare patrulează în largul Mării Negre.", [("Mării Negre", "Marea Neagră")]),
    ("Premierul Marii Britanii a vizitat Bucureștiul.", [("Marii Britanii", "Marea Britanie"), ("Bucureștiul", "București")]),
    ("Marea majoritate a deputaților a votat legea.", []),
    ("Relațiile cu Statele Unite sunt strategice.", [("Statele Unite", "Statele Unite")]),
    ("Ambasadorul Statelor Unite a vorbit presei.", [("Statelor Unite", "Statele Unite")]),
    ("Țările Uniunii Europene au adoptat sancțiuni.", [("Uniunii Europene", "Uniunea Europeană")]),
    ("Uniunea Europeană a aprobat planul de redresare.", [("Uniunea Europeană", "Uniunea Europeană")]),
    ("Guvernatorul Băncii Naționale a României a vorbit despre inflație.", [("Băncii Naționale a României", "Banca Națională a României")]),
    ("Decizia Curții Constituționale este definitivă.", [("Curții Constituționale", "Curtea Constituțională")]),
    ("Curtea Constituțională a respins sesizarea.", [("Curtea Constituțională", "Curtea Constituțională")]),
    ("Deputații din Parlamentul European au votat raportul.", [("Parlamentul European", "Parlamentul European")]),
    ("Președintele Parlamentului European a vizitat Chișinăul.", [("Parlamentului European", "Parlamentul European")]),
    ("Legea a ajuns în Parlament, iar Senatul o dezbate luni.", [("Parlament", "Parlamentul"), ("Senatul", "Senatul")]),
    ("Proiectul a fost trimis Senatului și Camerei Deputaților.", [("Senatului", "Senatul"), ("Camerei Deputaților", "Camera Deputaților")]),
    ("Miniștrii guvernului au plecat la Bruxelles.", [("guvernului", "Guvernul")]),
    ("Legea a trecut de ambele Camere ale Parlamentului.", [("Camere", "Camere"), ("Parlamentului", "Parlamentul")]),
    ("Apartamentul are trei camere și un balcon spre curte.", []),
    ("Fiecare țară are un guvern și un parlament ales.", []),
    ("Prețul aurului a crescut, iar AUR a cerut explicații.", [("AUR", "AUR")]),
    ("Un pas înainte pentru PAS, au spus liderii partidului.", [("PAS", "PAS")]),
    ("Pentagonul a confirmat; un pentagon are cinci laturi.", [("Pentagonul", "Pentagon")]),
    ("Echipa și-a atins meta, iar acțiunile Meta au crescut.", [("Meta", "Meta")]),
    ("Adevărul a publicat ancheta, iar adevărul a ieșit la iveală.", [("Adevărul", "Adevărul")]),
    ("Guvernul a adoptat ordonanța în ședința de joi.", [("Guvernul", "Guvernul")]),
    ("Purtătorul de cuvânt al Guvernului a confirmat știrea.", [("Guvernului", "Guvernul")]),
    ("Klaus Iohannis a promulgat legea.", [("Klaus Iohannis", "Klaus Iohannis")]),
    ("Consilierul lui Iohannis a refuzat să comenteze.", [("Iohannis", "Iohannis")]),
    ("Ursula von der Leyen a sosit la Kiev.", [("Ursula von der Leyen", "Ursula von der Leyen")]),
    ("Unirea Slobozia a câștigat meciul cu 2-0.", [("Unirea", "Unirea")]),
    ("Cu toții sperăm la unirea celor două echipe.", []),
    ("Munții Carpați sunt acoperiți de zăpadă.", [("Carpați", "Carpați")]),
    ("Turiștii au urcat pe crestele Carpaților.", [("Carpaților", "Carpați")]),
    ("Războaiele din Balcani au durat un deceniu.", [("Balcani", "Balcani")]),
    ("Istoria Balcanilor este una complicată.", [("Balcanilor", "Balcani")]),
    ("Republica Moldova a semnat acordul, iar Chișinăul l-a ratificat.", [("Moldova", "Moldova")]),
    ("Președinta Moldovei a vorbit la Bruxelles.", [("Moldovei", "Moldova")]),
    ("Nordul Franței a fost lovit de furtuni.", [("Franței", "Franța")]),
    ("Un francez a câștigat etapa, urmat de doi italieni.", []),
    ("În Germania și Franța, prețurile au scăzut.", [("Germania", "Germania"), ("Franța", "Franța")]),
    ("Bucureștenii au ieșit în stradă.", []),
    ("Ieșenii au protestat în fața prefecturii.", []),
    ("Arădenii și gălățenii au votat diferit.", []),
    ("Senatorii au cerut explicații ministrului.", []),
    ("Guvernanții au promis reforme.", []),
    ("Londonezii au sărbătorit pe străzi.", []),
    ("Berlinezii au ieșit la vot.", []),
    ("Parisienii au protestat împotriva reformei.", []),
    ("Statele membre au votat, dar unite nu sunt.", []),
    ("Banca a anunțat profituri, iar națională nu e.", []),
  ]

  @Test func everyNameIsFoundAndNothingElse() throws {
    let glossary = try Glossary.parse(Self.glossaryText, format: .tsv, name: "unseen.tsv")
    let matcher = GlossaryMatcher(glossary)
    var names = 0
    for (sentence, expected) in Self.sentences {
      let found = try matcher.matches(in: sentence).map { "\($0.matched)=\($0.source)" }
      #expect(found == expected.map { "\($0.0)=\($0.1)" }, "\(sentence)")
      names += expected.count
    }
    #expect(names >= 50)
  }
}
