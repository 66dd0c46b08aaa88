#!/usr/bin/env python3
"""Writes HTML and Markdown pages that break naive extractors into DIR, one file each: unclosed
and stray tags, references, comments, CDATA, deep inline nesting, line breaks, a share box and
a "Citește și" block, CR LF line ends, a large paragraph, front matter, tables, block quotes
with lazy lines, hard breaks and code spans.

Usage: hostile_pages.py DIR
"""
import sys

from hostile_texts import write_all

PAGES = {
    "unclosed.html": "<p>Fără închidere <b>îngroșat <i>și cursiv<p>Alt paragraf</b> după</i> sfârșit",
    "references.html": "<!DOCTYPE html><html><body><p>Entități: &amp; &lt; &gt; &quot; &#351;&#x21B; &nbsp;&copy; &notanentity; &amp fără punct și virgulă.</p></body></html>",
    "comments-cdata.html": "<p>Înainte <!-- un comentariu cu <b>taguri</b> --> după. Apoi <![CDATA[ ceva ]]> text.</p>",
    "line-breaks.html": "<html lang=\"ro\"><body><p>Alegeri parlamentare 2024<br>București, 3 noiembrie<br/>\nCampania a început. Dl. <b>Popescu</b> a votat.</p>"
                        "<div>Text direct în div<br>rând nou<br>și altul.<span>Dl.</span> Ionescu a venit.</div></body></html>",
    "nested.html": "<p>" + "<b><i><span>" * 12 + "Adânc, dar <a href=\"/x?a=1&amp;b=2\" title='Titlu \"citat\"'>legătură</a>." + "</span></i></b>" * 12 + "</p>",
    "share-box.html": "<html lang=ro>\r\n<body>\r\n<article><p>Dl. Popescu a plecat.</p>\r\n"
                      "<div class=\"share\"><span>Distribuie:</span> <a href=\"https://www.facebook.com/sharer.php?u=x\">Facebook</a> "
                      "<a href=\"https://twitter.com/intent/tweet?url=x\" title=\"Distribuie pe X\">X</a></div>\r\n"
                      "<aside class=\"related\"><h3>Citește și:</h3><ul><li><a href=\"/a\">Guvernul a aprobat bugetul</a></li></ul></aside>\r\n"
                      "<p>Urmărește-ne pe <a href=\"https://facebook.com/x\">Facebook</a>!</p></article>\r\n</body></html>\r\n",
    "large-paragraph.html": "<p>" + "Propoziția spune că <b>Dl. Popescu</b> a plecat la Cluj &amp; Iași. " * 3000 + "</p>",
    "front-matter.md": "---\ntitle: 'Titlu cu '' apostrof'\ntags: [a, b]\n---\n\nCorp cu **îngroșat _imbricat_** și `cod`.\r\nCu CR LF.\r\n",
    "quotes-lists.md": "> Citat pe\n> mai multe\nrânduri leneșe.\n\n- Element\n  continuat cu spații\n\t- imbricat cu tab\n\n1. Unu\\\n   doi cu rupere tare\n2. Trei  \n   patru\n",
    "table-escapes.md": "| A | B |\n|---|:-:|\n| `x|y` | **z** |\n\nText cu \\*asteriscuri\\* scăpate și &amp; &#351; și <b>html</b> inline.\n\n![Alt *text*](img.png) și [legătură](http://x.ro/a_(b) \"titlu\").\n",
    "line-breaks.md": "Alegeri parlamentare 2024  \nBucurești, 3 noiembrie\nCampania a început. Dl. *Popescu* a votat.\n\nAcest paragraf a fost tăiat\nla lungimea rândului. Apoi continuă.\n",
}


def main(argv):
    return write_all(PAGES, argv, __doc__)


if __name__ == "__main__":
    sys.exit(main(sys.argv))
