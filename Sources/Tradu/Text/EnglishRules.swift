/// The text of `Rules/english.rules`, compiled in so that the `tradu` binary needs no resource
/// files. A test checks that both stay identical: edit the `.rules` file, then paste it here.
enum EnglishRules {
  static let text = #"""
# Tradu sentence segmentation rules: English.
#
# The format is the one of Rules/romanian.rules (read its header): ICU's sentence break
# iterator proposes the boundaries, and the first rule whose before and after sides match a
# candidate gap decides. These rules cut the English side of a translation: `tradu check
# --target`, `tradu align` and `tradu segment --locale en` use them.

language: en
base: icu

[rules]
# "Why?" she asked. A question or exclamation that the sentence continues in lower case.
no-break  question-or-exclamation ÷ lowercase
# "2. Add the flour.": a list number or a section number heads its own sentence.
no-break  label-at-start unless-after(title, numbered, reference, address, month, common) ÷ any
# "Apple Inc. 2024 results", "etc. 5" – a number does not start a sentence after these.
no-break  abbreviation(ends-sentence) ÷ digit
# "No. 5", "p. 12", "Art. 3": these words are also plain words ("the answer was no."), so
# they hold on to a number only.
no-break  abbreviation(numbered) ÷ digit
# "Mr. Smith", "Jan. 12", "Fifth Ave. station", "e.g. Paris" – unless a sentence starter
# follows ("…was signed by the Gen. Then the troops…").
no-break  abbreviation(title, reference, address, month, common) ÷ any except(starters)
# "J. R. R. Tolkien", "George W. Bush", "the U.S. Senate" – but not "World War I. The war…"
# or "vitamin C. It…".
no-break  initials unless-after(label-words) ÷ capital except(starters)
# "the U.S. 10-year bond".
no-break  initials unless-after(label-words) ÷ digit
# "…was sold. 150 people lost their jobs.": ICU does not break before a number followed by a
# lower-case word.
break     sentence-end ÷ digit
# "…the first point. (b) The second…": a new list item.
break     sentence-end ÷ enumeration-label
# "…he said. – Not now.": a new line of dialogue.
break     sentence-end ÷ dialogue-dash
# "He waited… Then he left."
break     ellipsis ÷ capital

[list title]
# Titles, ranks and forms of address, written before a name.
mr mrs ms mx messrs mmes dr prof rev fr hon pres gov sen rep amb supt insp det
gen lt col capt cmdr cdr maj adm brig sgt cpl pvt
mme mlle sra srta st ste mt ft

[list numbered]
# Numbered things: "No. 5", "Vol. 2", "pp. 10–12".
no nos vol vols fig figs art arts sec secs ch chap para paras pp p pt ed eds ref refs

[list reference]
# Words that introduce a citation or a comparison: "cf. Smith", "Roe v. Wade", "et al.".
cf ibid op cit al vs v viz approx est

[list address]
ave blvd rd hwy apt sq

[list month]
jan feb mar apr jun jul aug sep sept oct nov dec tue tues wed thu thur thurs

[list common]
# Abbreviations that sit inside a sentence.
e.g i.e dept univ assn govt intl natl

[list ends-sentence]
# Abbreviations that often end a sentence: after them, a capital letter starts a new one.
etc inc ltd co corp plc bros jr sr a.m p.m oz lb lbs hr hrs min mins sec

[list label-words]
# A single capital letter after these words is a label, not an initial: "World War I.",
# "vitamin C.", "Appendix B.".
war wars vitamin vitamins appendix annex plan type class grade group category phase part
section chapter schedule exhibit table figure hepatitis level stage division league round
option version model series block gate terminal platform zone sector

[list starters]
# Capitalised words that start English sentences and are not names. After an abbreviation
# or an initial, one of them means that the sentence has ended.
A An The This That These Those It Its He She They We I You His Her Their Our My Your
There Here But And Or So Yet If When While After Before As At In On For From With Without
By To Of Since Because Although Though However Meanwhile Then Now Still Also Some Many
Most All Both Each Every Neither Either None No Not Nor One Two Three Several Such What
Which Who Whom Whose Where Why How Is Are Was Were Do Does Did Can Could Will Would Should
Might Must Has Have Had Let Yes According Later Earlier Last Next Today Yesterday Tomorrow
Officials Police Authorities Experts Critics Analysts Despite During Under Over Until
Unlike Instead Indeed Even Just Only Other Others Another Much More Few Any Nothing Nobody
Everyone Everybody Someone Thus Therefore Moreover Furthermore Nevertheless Otherwise
Overall Finally First Second Third Above Below Among Between Against Through About Around
Asked Speaking Like Unless Whether Whatever Whoever Once Twice Please Thanks

"""#
}
