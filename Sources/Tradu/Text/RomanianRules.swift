/// The text of `Rules/romanian.rules`, compiled in so that the `tradu` binary needs no resource
/// files. A test checks that both stay identical: edit the `.rules` file, then paste it here.
enum RomanianRules {
  static let text = #"""
# Tradu sentence segmentation rules: Romanian.
#
# ICU's sentence break iterator proposes the boundaries; the rules below veto some of them
# (no-break) and add others (break), the way SRX break and exception rules do. At every
# candidate gap (the white space between two pieces of text) the rules are tried in order and
# the first one whose "before" side matches the text that ends at the gap and whose "after"
# side matches the text that starts there decides. When none matches, ICU's decision stands.
#
# Format:
#   language: CODE          the language these rules are for
#   base: icu | none        start from ICU's sentence breaks, or break only where a rule says so
#   [list NAME]             words, separated by spaces or new lines; abbreviations are written
#                           without their final period and match in any case; ș/ț also match
#                           the cedilla forms ş/ţ
#   [rules]                 one rule per line: break | no-break, BEFORE ÷ AFTER
#
# BEFORE conditions look at the last word before the gap:
#   any, sentence-end (. ! ? … and closing quotes or brackets), question-or-exclamation,
#   ellipsis (… or ...), abbreviation(LIST, …) (not when written in capitals: "VS." is an
#   acronym), initials(LIST, …) (single capitals like
#   "I." or "S.U.A.", or names from the lists, like "Gh."), label-at-start (an enumeration
#   label such as "6.", "3.4.2.", "b." or "IV." at the start of a paragraph or after a
#   sentence end), /REGEX/ (ICU syntax);
#   followed optionally by unless-after(LIST, …): not when the word before it is in a list.
# AFTER conditions look at the first word after the gap:
#   any, lowercase, capital, digit, enumeration-label ("(c)", "b)", "e."), dialogue-dash,
#   /REGEX/; followed optionally by except(LIST, …): not when that word is in a list.
#
# `tradu segment --export-rules srx` writes these rules as SRX 2.0.

language: ro
base: icu

[rules]
# "Vii?” a întrebat el." A question or exclamation that the sentence continues in lower case.
no-break  question-or-exclamation ÷ lowercase
# "4. Se adaugă…": a list number, or a section number like 3.4.2., heads its own sentence.
no-break  label-at-start unless-after(title, reference, address, month, common) ÷ any
# "etc. 2023" is not a new sentence, but "etc. Apoi" is.
no-break  abbreviation(ends-sentence) ÷ digit
# "Dl. Popescu", "art. 18", "str. Lipscani", "15 ian. 2023" – unless a sentence starter follows.
no-break  abbreviation(title, reference, address, month, common) ÷ any except(starters)
# "I. L. Caragiale", "Gh. Zamfir", "S.U.A. și" – but not "anexa I." or "vitamina C.".
no-break  initials(name-abbreviations) unless-after(label-words) ÷ capital except(starters)
# "terapia propusă de O.M.S. 5, scara durerii…"
no-break  initials(name-abbreviations) unless-after(label-words) ÷ digit
# "…ai coaliției. 150000 de israelieni…": ICU does not break before a number followed by
# a lower-case word.
break     sentence-end ÷ digit
# "(figura 3). e. Găsiți…", "…Macedoniei. (c) acționează…": a new list item.
break     sentence-end ÷ enumeration-label
# "– Bine, spuse el. – Dar tu?": a new line of dialogue.
break     sentence-end ÷ dialogue-dash
# "A plecat… Apoi a venit."
break     ellipsis ÷ capital

[list title]
# Titles, ranks and forms of address.
dl dlui dna dnei dnii dnelor dra dșoara dșoarei dșra
prof dr ing conf lect asist acad arh ec av jr mr lt lt-col col gen g-ral cpt căpt slt plt
sg sgt mar cdor adm pr ierom ierod arhim ep mitr ps ips pf sf st
# Academic and professional qualifiers that stand between a title and a name.
univ dipl med vet farm
# Foreign forms of address common in Romanian news.
mrs ms mme mlle sr

[list reference]
# Legal and document references.
art alin lit pct cap secț subcap tit par nr crt pag pg p pp vol ed fig tab anex
cf v vd ibid id op cit dos poz reg ord hot dcz sent civ pen proc rev

[list address]
str bd bld bdul șos int al pța bl sc et ap jud mun com sat or cp sect

[list month]
ian febr feb mart apr iun iul aug sept sep oct nov dec

[list common]
# Common abbreviations that sit in the middle of a sentence.
aprox cca max min tel fax mob mil mld ex resp adj pt ptr dpdv vs lb gr lat engl fr germ
rom magh pl pers intl sec prez preș vicepreș dir cond ș

[list ends-sentence]
# Abbreviations that often end a sentence: a capital letter after them starts a new one.
etc ș.a ș.a.m.d ș.m.a s.a.m.d î.hr d.hr î.e.n e.n a.c a.m p.m dvs dv ș.u urm n.r n.red

[list name-abbreviations]
# Abbreviated first names, treated like initials: "Gh. Zamfir", "Al. Philippide".
Gh Th Șt Al Chr Const Em Fr Tr Ec Nic Ath Alex Dum Val Vl Ct Ch

[list label-words]
# A single capital letter after these words is a label, not an initial: "anexa I.", "vitamina C.".
anexa anexei anexele vitamina vitaminei vitaminele planul planului clasa clasei clasele
categoria categoriei categoriile grupa grupei grupul grupului tipul tipului varianta
variantei capitolul capitolului titlul titlului partea părții secțiunea secțiunii punctul
punctului litera literei nota notei schema schemei tabelul tabelului figura figurii
hepatita hepatitei sectorul sectorului scara scării blocul blocului corpul corpului
echipa echipei seria seriei liga ligii divizia diviziei anul pavilionul etapa etapei faza
fazei nivelul nivelului gradul gradului

[list starters]
# Capitalized words that start Romanian sentences and are not names. After an abbreviation
# or an initial, one of them means that the sentence has ended.
A Abia Acea Aceasta Această Acel Acela Acele Acelea Acelor Acest Acesta Aceste Acestea
Acestei Acestui Acestor Aceștia Acei Aceia Acolo Acum Adică Adesea Alte Alții Altfel
Am Ai Apoi Ar Are Aseară Astfel Astăzi Atunci Au Aș Avea Avem Aveți Azi Aici Altă Alt
Bine Ca Care Cât Câte Câți Când Ce Cea Cei Cel Cele Celor Celui Chiar Cine Cineva Conform
Cu Cum Către Cred Da Dacă Dar Dară De Deci Deja Demult Deoarece Despre Deși Din
Dintre Dintr Doar După Dumneavoastră E Ea Ei El Ele Era Erau Este Eu Există Exact Fără
Fie Fiecare Fiind Foarte Iar Ieri Îi Îl Îmi Împreună În Înainte Încă Însă Între Într
Își Îți La Le Li Lor Lui Mai Mâine Mereu Mi Mie Mulți Multe Mult Mulțumesc Ne
Nici Niciun Nicio Niciodată Noi Nu Numai Nimeni Nimic O Odată Oare Or Ori Oricum Pe Pentru
Poate Pot Potrivit Prin Printre Probabil Până Sau Se Sigur Sincer Spre Sub Sunt Suntem
Sînt Să Și Ți Tocmai Tot Totuși Toată Toate Toți Tu Un Una Unde Unei Unele Unii Unor Unui
Urmează Va Vă Vom Vor Voi Vreau Zice
# Sentence-initial words of news reports.
Anul Ancheta Autoritățile Conducerea Decizia Guvernul Incidentul Informația Ministerul
Ministrul Mesajul Oamenii Primul Prima Primii Primele Ultimul Ultima Următorul
Următoarea Pandemia Parlamentul Poliția Polițiștii Premierul Președintele
Procurorii Raportul Reprezentanții Sursa Sursele Situația Surse Totodată Vestea Victima
Banca Bărbatul Cetățenii Compania Consiliul Copilul Curtea Directorul Echipa Elevii Femeia
Firma Instituția Judecătorii Liderul Medicii Pacientul Partidul Primarul Primăria Românii
Senatul Societatea Statul Studenții Tânărul Tribunalul

"""#
}
