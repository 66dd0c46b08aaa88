#!/usr/bin/env python3
"""Writes Tradu's hostile corpus into DIR: texts, translation files and glossaries that a
careless reader crashes on, hangs on or silently corrupts. Generated, not committed, because
some are large (a 50 MB line, a million tiny paragraphs).

Files are named by what they exercise; the extension says which commands get them (run.py):
.txt/.html/.md (articles), .xlf/.tmx/.json/.jsonl (translations), .tsv/.csv/.tbx (glossaries),
.srx (segmentation rules).

Usage: make_corpus.py DIR [--small]   (--small leaves out the files above 1 MB)
"""
import os
import sys

SEED_SENTENCES = (
    "Purtătorul de cuvânt al Kremlinului, Dmitri Peskov, a negat vineri informațiile. "
    "Președintele Vladimir Putin nu a vorbit cu Elon Musk, a spus el. "
)


def utf8(text):
    return text.encode("utf-8")


def texts(small):
    """Article-like inputs (bytes)."""
    seed = utf8(SEED_SENTENCES * 3 + "\n\n" + SEED_SENTENCES + "\n")
    t = {
        # Encodings.
        "invalid-utf8-stray-byte.txt": seed[:40] + b"\xfe" + seed[40:],
        "invalid-utf8-truncated-sequence.txt": seed + b"\xc8",
        "invalid-utf8-many.txt": b"".join(seed[i:i + 30] + b"\xff" for i in range(0, len(seed), 30)),
        "invalid-utf8-overlong.txt": b"Slash overlong: \xc0\xaf and \xe0\x80\xaf end.\n",
        "invalid-utf8-surrogate.txt": b"Encoded surrogate \xed\xa0\x80 here.\n" + seed,
        "utf8-bom-then-invalid.txt": b"\xef\xbb\xbf" + seed[:50] + b"\x80\x80" + seed[50:],
        "windows-1250.txt": (SEED_SENTENCES.replace("ș", "ş").replace("ț", "ţ") * 4).encode("cp1250"),
        "iso-8859-2.txt": (SEED_SENTENCES.replace("ș", "ş").replace("ț", "ţ") * 4).encode("iso8859_2"),
        "iso-8859-16.txt": ("„Bugetul e de 150 €”, a spus ministrul. " + SEED_SENTENCES).encode("iso8859_16"),
        "mixed-utf8-and-1250.txt": seed + (SEED_SENTENCES.replace("ș", "ş").replace("ț", "ţ")).encode("cp1250"),
        "utf16le-bom.txt": "\ufeff".encode("utf-16-le") + (SEED_SENTENCES * 2).encode("utf-16-le"),
        "utf16be-bom.txt": "\ufeff".encode("utf-16-be") + (SEED_SENTENCES * 2).encode("utf-16-be"),
        "utf16le-no-bom.txt": (SEED_SENTENCES * 2).encode("utf-16-le"),
        "utf16-lone-high-surrogate.txt": b"\xff\xfe" + "Text ".encode("utf-16-le") + b"\x00\xd8" + " rupt.\n".encode("utf-16-le"),
        "utf16-lone-low-surrogate.txt": b"\xff\xfe" + "Text ".encode("utf-16-le") + b"\x00\xdc" + " rupt.\n".encode("utf-16-le"),
        "utf32le-bom.txt": b"\xff\xfe\x00\x00" + (SEED_SENTENCES).encode("utf-32-le"),
        "utf16-odd-length.txt": b"\xff\xfe" + "Impar".encode("utf-16-le") + b"\x41",
        # Binary and controls.
        "nul-bytes.txt": seed[:60] + b"\x00\x00" + seed[60:],
        "binary-png-header.txt": b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)),
        "random-bytes.txt": bytes((i * 131 + 7) % 256 for i in range(4096)),
        "c0-controls.txt": utf8("Text cu \x01\x02\x03 controale\x07 și \x1b[31m escape.\n\nForm\x0cfeed\x0b.\n"),
        "c1-controls.txt": utf8("Text cu \x85NEL, \x80 și \x9f controale C1.\n\n" + SEED_SENTENCES),
        "noncharacters.txt": utf8("Necaractere \ufffe \uffff \U0001fffe în text.\n"),
        "replacement-chars.txt": utf8("Deja stricat: \ufffd\ufffd și ăș.\n"),
        # Shapes.
        "empty.txt": b"",
        "only-whitespace.txt": b" \t\n\r\n   \n\n\t",
        "only-newlines.txt": b"\n" * 5000,
        "only-bom.txt": b"\xef\xbb\xbf",
        "one-character.txt": b"a",
        "no-final-newline.txt": utf8("Doar o propoziție fără final"),
        "mixed-newlines.txt": utf8("Unu.\nDoi.\r\nTrei.\rPatru.\u2028Cinci.\u2029Șase.\x85Șapte.\r\n"),
        "cr-only.txt": utf8("Linie unu.\rLinie doi.\r\rParagraf nou.\r"),
        "long-word.txt": utf8("Cuvânt " + "a" * 200000 + " final.\n"),
        "punctuation-storm.txt": utf8(("?!." * 30000) + "\n" + ("..." * 20000)),
        "many-abbreviations.txt": utf8("Dl. Prof. Dr. Ing. Gen. Col. art. alin. lit. nr. " * 3000),
        "deep-quotes.txt": utf8("„" * 5000 + "text" + "”" * 5000 + "\n"),
        "xml-specials.txt": utf8("Q&A: <b>bold</b> & \"ghilimele\" ]]> <![CDATA[x]]> &amp; &#0; &#x1F; final.\n"),
        # Scripts.
        "rtl-arabic-hebrew.txt": utf8("قال المتحدث باسم الكرملين. אמר הדובר. Peskov a spus: „مرحبا”.\n\n" + SEED_SENTENCES),
        "bidi-controls.txt": utf8("Text \u202eîntors\u202c și \u2066izolat\u2069, \u200fRLM\u200e.\n"),
        "combining-marks.txt": utf8("Combinate: s\u0326 t\u0326 a\u0306 a\u0302 i\u0302 și Z\u0351\u0352\u0353\u0354\u0355\u0356a\u0357\u0358\u0359\u035a\u035blgo.\n"),
        "zalgo-long.txt": utf8(("a" + "\u0301\u0302\u0303\u0304\u0305" * 40 + " ") * 2000),
        "emoji-zwj.txt": utf8("Musk 🚀 a scris 👀. Familie: 👨‍👩‍👧‍👦 și 🏳️‍🌈 și 🇷🇴.\n"),
        "cjk.txt": utf8("普京没有和马斯克通话。クレムリンは否定した。\n\n" + SEED_SENTENCES),
        "invisible.txt": utf8("Cu\u00advânt\u200b cu\u2060 invizibile\ufeff în\u180e mijloc.\n"),
        "unicode-spaces.txt": utf8("Preț:\u00a0100\u202flei.\u3000Spațiu\u2003em.\u205f\n"),
        "utf16be-lone-surrogate.txt": b"\xfe\xff" + "Text ".encode("utf-16-be") + b"\xdb\xff" + " rupt.\n".encode("utf-16-be"),
        "utf16le-reversed-pair.txt": b"\xff\xfe" + "Emoji ".encode("utf-16-le") + b"\x00\xdc\x00\xd8" + ".\n".encode("utf-16-le"),
        "only-nul.txt": b"\x00" * 512,
        "double-bom.txt": b"\xef\xbb\xbf\xef\xbb\xbf" + seed,
        "private-use-and-tags.txt": utf8("Privat \ue000\U000f0000\U0010ffff, etichete \U000e0001\U000e0072\U000e006f, gata.\n"),
        "many-sentences-one-line.txt": utf8("Ion a venit. " * 60000),
        "mixed-utf8-and-iso-8859-16.txt": seed + "„Ofertă de 20 €”, a spus ea.\n".encode("iso8859_16"),
    }
    if not small:
        t["one-50mb-line.txt"] = utf8("Aceasta este o propoziție lungă fără sfârșit ") * (50 * 1024 * 1024 // 47)
        t["million-tiny-paragraphs.txt"] = b"A.\n\n" * 1_000_000
        t["four-mb-paragraph.txt"] = utf8(SEED_SENTENCES) * (4 * 1024 * 1024 // len(utf8(SEED_SENTENCES)))
    return t


XLIFF2 = ('<?xml version="1.0" encoding="UTF-8"?>\n'
          '<xliff xmlns="urn:oasis:names:tc:xliff:document:2.0" version="2.1" srcLang="ro" trgLang="en">\n'
          '<file id="f1">{body}</file>\n</xliff>\n')
UNIT = '<unit id="p{n}"><segment id="p{n}.s1"><source>{src}</source><target>{tgt}</target></segment></unit>'


def markup():
    """HTML and Markdown articles (bytes): prepare reads them by extension."""
    para = "<p>" + SEED_SENTENCES + "</p>\n"
    t = {
        "html-unclosed.html": "<html><body><p>Unu <b>doi <i>trei<p>Patru</b> cinci.<div><p>" + SEED_SENTENCES,
        "html-script-style.html": "<html><head><style>p{}</style><script>var s='</p><p>';if(a<b&&c)x();</script></head><body>" + para + "</body></html>",
        "html-deep-nesting.html": "<html><body>" + "<div>" * 20000 + SEED_SENTENCES + "</div>" * 20000 + "</body></html>",
        "html-deep-inline.html": "<p>" + "<b>" * 3000 + "Text adânc." + "</b>" * 3000 + "</p>",
        "html-references.html": "<p>Nul &#0; surogat &#xD800; prea mare &#x110000; necunoscut &nosuch; &amp &lt; &#x1B; gata.</p>",
        "html-legacy-charset.html": None,
        "html-charset-lie.html": None,
        "html-empty.html": "",
        "html-comment-unterminated.html": "<p>Înainte.</p><!-- niciodată închis <p>" + SEED_SENTENCES,
        "html-attributes.html": '<p title="a&quot;b" alt=\'x\'>Poza <img alt="Putin și <Musk>" title=\'"\'> aici.</p><p aria-label=' + "x" * 100000 + ">Fin.</p>",
        "html-rtl-controls.html": "<html dir=rtl><p>\u202eîntors\u202c قال المتحدث <bdo dir=ltr>Peskov</bdo>\u0085 gata.</p></html>",
        "html-cdata-svg.html": "<p>Text <svg><![CDATA[ <p>nu</p> ]]></svg> și <math><mi>x</mi></math> final.</p>",
        "html-binary.html": None,
        "md-unterminated-fence.md": "# Titlu\n\n```\ncod fără sfârșit\n\n" + SEED_SENTENCES + "\n",
        "md-deep-quotes.md": ">" * 5000 + " " + SEED_SENTENCES + "\n",
        "md-deep-lists.md": "".join("  " * i + "- element\n" for i in range(2000)),
        "md-emphasis-storm.md": "*" * 30000 + "text" + "_" * 30000 + "\n",
        "md-broken-table.md": "| a | b |\n|---|\n| 1 | 2 | 3 | 4 |\n|\n" + SEED_SENTENCES + "\n",
        "md-front-matter-broken.md": "---\ntitle: \"neînchis\n---\n" + SEED_SENTENCES + "\n",
        "md-inline-html-links.md": "Text <b>deschis [link](http://x.ro/<>) ![alt \"ghilimele\"](a.png) `cod ``` și [ref][nu].\n\n[nu]: <>\n",
        "md-empty.md": "",
        "md-crlf-nul.md": "# Titlu\r\n\r\nText\x00 cu NUL.\r\n",
    }
    t["html-legacy-charset.html"] = ('<html><head><meta charset="windows-1250"></head><body><p>' + SEED_SENTENCES.replace("ș", "ş").replace("ț", "ţ") + "</p></body></html>").encode("cp1250")
    t["html-charset-lie.html"] = b'<html><head><meta charset="utf-8"></head><body><p>' + SEED_SENTENCES.replace("ș", "ş").replace("ț", "ţ").encode("cp1250") + b"</p></body></html>"
    t["html-binary.html"] = b"<p>\x00\x01\xff\xfe</p>" + bytes(range(256))
    return {k: v if isinstance(v, bytes) else utf8(v) for k, v in t.items()}


def translations():
    """XLIFF, TMX, JSON and JSONL inputs (bytes)."""
    good_unit = UNIT.format(n=1, src="Kremlinul a negat.", tgt="The Kremlin denied it.")
    t = {
        "xliff-valid.xlf": XLIFF2.format(body=good_unit),
        "xliff-xxe.xlf": '<?xml version="1.0"?>\n<!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]>\n'
                         + XLIFF2.split("\n", 1)[1].format(body=UNIT.format(n=1, src="&e;", tgt="x")),
        "xliff-billion-laughs.xlf": '<?xml version="1.0"?>\n<!DOCTYPE lolz [<!ENTITY lol "lol">'
                                    + "".join(f'<!ENTITY lol{i} "{("&lol" + (str(i - 1) if i > 1 else "") + ";") * 10}">' for i in range(1, 10))
                                    + ']>\n' + XLIFF2.split("\n", 1)[1].format(body=UNIT.format(n=1, src="&lol9;", tgt="x")),
        "xliff-wrong-namespace.xlf": XLIFF2.replace("urn:oasis:names:tc:xliff:document:2.0", "urn:example:not-xliff").format(body=good_unit),
        "xliff-no-namespace.xlf": XLIFF2.replace(' xmlns="urn:oasis:names:tc:xliff:document:2.0"', "").format(body=good_unit),
        "xliff-truncated.xlf": XLIFF2.format(body=good_unit)[:150],
        "xliff-empty.xlf": "",
        "xliff-not-xml.xlf": "Acesta nu este XML deloc.\n",
        "xliff-deep-nesting.xlf": XLIFF2.format(body='<unit id="p1"><segment><source>' + "<pc id='x'>" * 5000 + "a" + "</pc>" * 5000 + "</source></segment></unit>"),
        "xliff-duplicate-ids.xlf": XLIFF2.format(body=good_unit + good_unit),
        "xliff-forbidden-chars.xlf": XLIFF2.format(body=UNIT.format(n=1, src="Text &#1; cu control", tgt="x")),
        "xliff-many-units.xlf": XLIFF2.format(body="".join(UNIT.format(n=i, src=f"Propoziția {i}.", tgt=f"Sentence {i}.") for i in range(1, 20001))),
        "xliff12-valid.xlf": '<?xml version="1.0"?>\n<xliff version="1.2" xmlns="urn:oasis:names:tc:xliff:document:1.2">'
                             '<file original="a.txt" source-language="ro" target-language="en" datatype="plaintext"><body>'
                             '<trans-unit id="1"><source>Kremlinul a negat.</source><target>The Kremlin denied it.</target></trans-unit>'
                             '</body></file></xliff>\n',
        "xliff-utf16.xlf": None,  # filled below
        "tmx-valid.tmx": '<?xml version="1.0"?>\n<tmx version="1.4"><header srclang="ro" datatype="plaintext" segtype="sentence" adminlang="en" o-tmf="x" creationtool="x" creationtoolversion="1"/>'
                         '<body><tu tuid="1"><tuv xml:lang="ro"><seg>Kremlinul a negat.</seg></tuv><tuv xml:lang="en"><seg>The Kremlin denied it.</seg></tuv></tu></body></tmx>\n',
        "tmx-truncated.tmx": '<?xml version="1.0"?>\n<tmx version="1.4"><header srclang="ro"/><body><tu><tuv xml:lang="ro"><seg>Krem',
        "tmx-no-source.tmx": '<?xml version="1.0"?>\n<tmx version="1.4"><header srclang="ro"/><body><tu><tuv xml:lang="en"><seg>x</seg></tuv></tu></body></tmx>\n',
        "json-valid.json": '{"format": "tradu", "srcLang": "ro", "trgLang": "en", "units": [{"id": "1", "source": "Kremlinul a negat.", "target": "The Kremlin denied it."}]}',
        "json-not-json.json": '{"units": [1, 2,',
        "json-wrong-types.json": '{"units": [{"id": 1, "source": 5, "target": []}]}',
        "json-deep.json": "[" * 100000 + "]" * 100000,
        "jsonl-mixed.jsonl": '{"id": "1", "source": "Kremlinul a negat.", "target": "The Kremlin denied it."}\nnu e json\n{"id": "2"}\n',
        "jsonl-empty-lines.jsonl": "\n\n\n",
        "xliff12-truncated.xlf": '<?xml version="1.0"?>\n<xliff version="1.2" xmlns="urn:oasis:names:tc:xliff:document:1.2"><file original="a.txt" source-language="ro" target-language="en" datatype="plaintext"><body><trans-unit id="1"><source>Krem',
        "xliff-unknown-version.xlf": XLIFF2.replace('version="2.1"', 'version="9.9"').format(body=good_unit),
        "xliff-lone-surrogate-ref.xlf": XLIFF2.format(body=UNIT.format(n=1, src="Surogat &#xD800; aici.", tgt="Surrogate &#xDC00; here.")),
        "xliff-control-in-target.xlf": XLIFF2.format(body=UNIT.format(n=1, src="Kremlinul a negat.", tgt="Escape &#x1B;[31m.")),
        "xliff-xml11-controls.xlf": '<?xml version="1.1" encoding="UTF-8"?>\n' + XLIFF2.split("\n", 1)[1].format(body=UNIT.format(n=1, src="Kremlinul a negat.", tgt="Ctrl &#x1; here.")),
        "xliff-external-dtd.xlf": '<?xml version="1.0"?>\n<!DOCTYPE xliff SYSTEM "http://example.invalid/xliff.dtd">\n' + XLIFF2.split("\n", 1)[1].format(body=good_unit),
        "xliff-cdata-and-markup.xlf": XLIFF2.format(body=UNIT.format(n=1, src="<![CDATA[Kremlinul <a> negat & gata.]]>", tgt="<![CDATA[The <Kremlin> & co]]>")),
        "xliff-huge-attribute.xlf": XLIFF2.format(body=UNIT.format(n="x" * 200000, src="Kremlinul a negat.", tgt="The Kremlin denied it.")),
        "xliff-rtl-combining-target.xlf": XLIFF2.format(body=UNIT.format(n=1, src="Putin a vorbit cu Musk.", tgt="\u202eنيتوب\u202c s\u0326poke with M\u0301\u0302usk.")),
        "tmx-xxe.tmx": '<?xml version="1.0"?>\n<!DOCTYPE tmx [<!ENTITY e SYSTEM "file:///etc/passwd">]>\n<tmx version="1.4"><header srclang="ro" datatype="plaintext" segtype="sentence" adminlang="en" o-tmf="x" creationtool="x" creationtoolversion="1"/><body><tu><tuv xml:lang="ro"><seg>&e;</seg></tuv><tuv xml:lang="en"><seg>x</seg></tuv></tu></body></tmx>\n',
        "tmx-billion-laughs.tmx": '<?xml version="1.0"?>\n<!DOCTYPE tmx [<!ENTITY a "aaaaaaaaaa">'
                                  + "".join(f'<!ENTITY a{i} "{("&a" + (str(i - 1) if i > 1 else "") + ";") * 10}">' for i in range(1, 10))
                                  + ']>\n<tmx version="1.4"><header srclang="ro"/><body><tu><tuv xml:lang="ro"><seg>&a9;</seg></tuv><tuv xml:lang="en"><seg>x</seg></tuv></tu></body></tmx>\n',
        "tmx-wrong-root.tmx": '<?xml version="1.0"?>\n<html><body><tu><tuv xml:lang="ro"><seg>x</seg></tuv></tu></body></html>\n',
        "json-lone-surrogate.json": '{"format": "tradu", "version": 1, "srcLang": "ro", "trgLang": "en", "units": [{"id": "p1", "segments": [{"id": "p1.s1", "source": "Surogat \\ud800 aici.", "target": "Surrogate \\udc00."}]}]}',
        "json-nan-and-bom.json": "\ufeff" + '{"format": "tradu", "version": NaN, "units": []}',
        "json-huge-number.json": '{"format": "tradu", "version": 1' + "0" * 5000 + ', "units": []}',
        "jsonl-lone-surrogate.jsonl": '{"id": "1", "source": "Kremlinul \\udfff a negat.", "target": "The \\ud800 Kremlin."}\n',
        "jsonl-huge-line.jsonl": '{"id": "1", "source": "' + "Kremlinul a negat. " * 100000 + '", "target": "The Kremlin denied it."}\n',
    }
    t["xliff-utf16.xlf"] = XLIFF2.replace('encoding="UTF-8"', 'encoding="UTF-16"').format(body=good_unit).encode("utf-16")
    return {k: v if isinstance(v, bytes) else utf8(v) for k, v in t.items()}


def glossaries():
    """TSV and TBX glossaries (bytes)."""
    header = "id\tsource\ttarget\ttype\tstatus\tdnt\tmatch\tforms\tnote\n"
    row = "per-peskov\tDmitri Peskov\tDmitry Peskov\tPERSON\tpreferred\t\t\t\tKremlin spokesman\n"
    t = {
        "tsv-valid.tsv": header + row,
        "tsv-missing-columns.tsv": header + "per-x\tDoar sursa\n",
        "tsv-no-header.tsv": row,
        "tsv-bad-status.tsv": header + row.replace("preferred", "maybe"),
        "tsv-duplicate-ids.tsv": header + row + row,
        "tsv-empty-source.tsv": header + "per-y\t\tTarget\tPERSON\tpreferred\t\t\t\t\n",
        "tsv-quotes-and-tabs.tsv": header + 'per-z\t"Citat\t cu tab"\tQuoted\tPERSON\tpreferred\t\t\t\t\n',
        "tsv-huge-row.tsv": header + "per-w\t" + "Nume " * 20000 + "\tName\tPERSON\tpreferred\t\t\t\t\n",
        "tsv-crlf-bom.tsv": "\ufeff" + (header + row).replace("\n", "\r\n"),
        "tsv-binary.tsv": None,
        "tbx-valid.tbx": '<?xml version="1.0"?>\n<tbx type="TBX-Basic" style="dca" xml:lang="en" xmlns="urn:iso:std:iso:30042:ed-2"><text><body>'
                         '<conceptEntry id="c1"><langSec xml:lang="ro"><termSec><term>Kremlin</term></termSec></langSec>'
                         '<langSec xml:lang="en"><termSec><term>Kremlin</term></termSec></langSec></conceptEntry></body></text></tbx>\n',
        "tbx-truncated.tbx": '<?xml version="1.0"?>\n<tbx type="TBX-Basic"><text><body><conceptEntry id="c1"><langSec xml:lang="ro"><termSec><term>Krem',
        "tbx-xxe.tbx": '<?xml version="1.0"?>\n<!DOCTYPE tbx [<!ENTITY e SYSTEM "file:///etc/passwd">]>\n<tbx><text><body><conceptEntry id="c1"><langSec xml:lang="ro"><termSec><term>&e;</term></termSec></langSec></conceptEntry></body></text></tbx>\n',
        "tbx-billion-laughs.tbx": '<?xml version="1.0"?>\n<!DOCTYPE tbx [<!ENTITY a "aaaaaaaaaa">'
                                  + "".join(f'<!ENTITY a{i} "{("&a" + (str(i - 1) if i > 1 else "") + ";") * 10}">' for i in range(1, 10))
                                  + ']>\n<tbx type="TBX-Basic" xmlns="urn:iso:std:iso:30042:ed-2"><text><body><conceptEntry id="c1"><langSec xml:lang="ro"><termSec><term>&a9;</term></termSec></langSec></conceptEntry></body></text></tbx>\n',
        "tbx-wrong-namespace.tbx": '<?xml version="1.0"?>\n<tbx type="TBX-Basic" xmlns="urn:example:nope"><text><body><conceptEntry id="c1"><langSec xml:lang="ro"><termSec><term>Kremlin</term></termSec></langSec></conceptEntry></body></text></tbx>\n',
        "tbx-v2-martif-broken.tbx": '<?xml version="1.0"?>\n<martif type="TBX" xml:lang="en"><text><body><termEntry id="1"><langSet xml:lang="ro"><tig><term>Kremlin</term></tig></langSet><langSet xml:lang="en"><tig><term></term></tig></langSet></termEntry><termEntry><langSet><tig><term>Fără limbă</term></tig></langSet></termEntry></body></text></martif>\n',
        "tsv-only-header.tsv": header,
        "tsv-ragged-rows.tsv": header + row + "per-a\tA\tB\tPERSON\tpreferred\t\t\t\t\textra\tmore\tcolumns\n" + "\t\t\t\n" + row.replace("PERSON", "ALIEN"),
        "tsv-nul-in-row.tsv": header + row.replace("Peskov", "Pes\x00kov"),
        "tsv-forms-pipes.tsv": header + "per-p\tPutin\tPutin\tPERSON\tpreferred\tyes\tprefix\t|||\u0301|" + "|" * 5000 + "\t\n",
        "tsv-stem-markers.tsv": header + "org-k\t|Kremlin||ul|\tKremlin\tORG\tpreferred\t\t\t\t\n" + "org-e\t|\tEmpty\tORG\tpreferred\t\t\t\t\n",
        "tsv-regex-chars.tsv": header + "term-r\t(a+)+b\\\tRegex\tTERM\tpreferred\t\t\t.*[\t\n",
        "tsv-combining-rtl.tsv": header + "per-c\tS\u0326tefan \u0645\u0631\u062d\u0628\u0627\tStefan\tPERSON\tpreferred\t\t\t\t\u202e\n",
        "csv-broken-quotes.csv": 'source,target\n"Kremlin,Kremlin\n"Casa ""Albă","White House"x\n',
        "tsv-cp1250.tsv": None,
        "tbx-no-terms.tbx": '<?xml version="1.0"?>\n<tbx type="TBX-Basic" xmlns="urn:iso:std:iso:30042:ed-2"><text><body><conceptEntry id="c1"/></body></text></tbx>\n',
    }
    t["tsv-binary.tsv"] = b"\x00\x01\x02id\tsource\x00\xff\xfe"
    t["tsv-cp1250.tsv"] = (header + "gpe-bucuresti\tBucureşti\tBucharest\tGPE\tpreferred\t\t\t\t\n").encode("cp1250")
    return {k: v if isinstance(v, bytes) else utf8(v) for k, v in t.items()}


SRX = ('<?xml version="1.0" encoding="UTF-8"?>\n<srx xmlns="http://www.lisa.org/srx20" version="2.0">'
       '<header segmentsubflows="yes" cascade="yes"/><body><languagerules><languagerule languagerulename="ro">{rules}'
       '</languagerule></languagerules><maprules><languagemap languagepattern=".*" languagerulename="ro"/></maprules></body></srx>\n')
SRX_RULE = '<rule break="{brk}"><beforebreak>{before}</beforebreak><afterbreak>{after}</afterbreak></rule>'


def rules():
    """SRX segmentation rules (bytes): segment --rules runs them over hostile texts."""
    t = {
        "srx-valid.srx": SRX.format(rules=SRX_RULE.format(brk="no", before=r"\bDl\.", after=r"\s")),
        "srx-catastrophic.srx": SRX.format(rules=SRX_RULE.format(brk="yes", before="(a+)+b", after=r"\s")),
        "srx-invalid-regex.srx": SRX.format(rules=SRX_RULE.format(brk="yes", before="(unclosed[", after="")),
        "srx-truncated.srx": SRX.format(rules=SRX_RULE.format(brk="no", before="x", after="y"))[:170],
        "srx-xxe.srx": '<?xml version="1.0"?>\n<!DOCTYPE srx [<!ENTITY e SYSTEM "file:///etc/passwd">]>\n'
                       + SRX.split("\n", 1)[1].format(rules=SRX_RULE.format(brk="no", before="&e;", after="")),
        "srx-no-rules.srx": SRX.format(rules=""),
        "srx-empty-patterns.srx": SRX.format(rules=SRX_RULE.format(brk="yes", before="", after="") * 500),
    }
    return {k: utf8(v) for k, v in t.items()}


def main(argv):
    if len(argv) < 2:
        print(__doc__, file=sys.stderr)
        return 64
    folder = argv[1]
    small = "--small" in argv[2:]
    os.makedirs(folder, exist_ok=True)
    files = {**texts(small), **markup(), **translations(), **glossaries(), **rules()}
    for name, data in files.items():
        with open(os.path.join(folder, name), "wb") as f:
            f.write(data)
    print(f"hostile corpus: {len(files)} files in {folder}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
