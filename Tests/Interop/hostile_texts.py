#!/usr/bin/env python3
"""Writes texts that break naive exporters into DIR, one file each (UTF-8, some with a BOM):
CRLF and CR line ends, tabs, control characters, markup characters and "]]>", emoji, Unicode
spaces, a 1 MB paragraph, an empty file and a blank one.

Usage: hostile_texts.py DIR
"""
import os
import sys

TEXTS = {
    "crlf-bom.txt": "\ufeffTitlu de test\r\n\r\nPrimul paragraf are două propoziții. A doua e aici.\r\nAutor: Ion Pop\r\n",
    "cr-only.txt": "Linie unu.\rLinie doi.\r\rParagraf nou.\r",
    "tabs.txt": "\tAlineat cu tab.\tȘi încă unul după tab.\n\n\t\tIndentat dublu.\n",
    "controls.txt": "Text cu \x01control\x07 și \x1b[31m escape.\n\nForm\x0cfeed și \ufffe\uffff necaractere.\x0b\n",
    "markup.txt": "Q&A: <b>bold</b> & \"ghilimele\" și 'apostrof' ]]> final.\n\nCDATA <![CDATA[x]]> și &amp; literal.\n",
    "emoji.txt": "Musk 🚀 a scris pe X 👀. Putin 🇷🇺 a răspuns.\n\nFamilie: 👨‍👩‍👧 și 🏳️‍🌈.\n",
    "unicode-spaces.txt": "Preț:\u00a0100\u202flei.\u2028Rând\u2029nou.\u200b\n",
    "no-final-newline.txt": "Doar o propoziție fără final",
    "leading-blank.txt": "\n\n   \nDupă rânduri goale.\n\n\n",
    "empty.txt": "",
    "blank.txt": " \n\t\r\n ",
    "one-mb-paragraph.txt": "Aceasta este o propoziție lungă & repetată <fără> sfârșit " * 17000 + ".",
}


def write_all(files, argv, usage):
    """Writes each of FILES (name: text) into the folder argv[1], as UTF-8."""
    if len(argv) != 2:
        print(usage, file=sys.stderr)
        return 2
    os.makedirs(argv[1], exist_ok=True)
    for name, text in files.items():
        with open(os.path.join(argv[1], name), "wb") as f:
            f.write(text.encode("utf-8"))
    return 0


def main(argv):
    return write_all(TEXTS, argv, __doc__)


if __name__ == "__main__":
    sys.exit(main(sys.argv))
