#!/usr/bin/env python3
"""Plays translator with translate-toolkit: reads Tradu's XLIFF 2.x or 1.2, sets every unit's
target to its source with the case of every letter swapped (2.x: per segment; 1.2: per
trans-unit, as translate-toolkit ignores <seg-source>; swapping, unlike upper-casing, also
changes a segment already in capitals, which `merge --strict` would take for an untranslated one), and writes the file back as translate-toolkit formats it
(re-indented). Also writes the article `tradu merge` must rebuild from it, computed from
Tradu's JSON export of the same article: case-swapped segments of translatable paragraphs, the
text between segments unchanged.

Usage: translate_with_translate_toolkit.py ARTICLE.xlf ARTICLE.json OUT.xlf EXPECTED.txt
"""
import json
import sys

from lxml import etree
from translate.storage import xliff, xliff2


def main(argv):
    if len(argv) != 5:
        print(__doc__, file=sys.stderr)
        return 2
    data = open(argv[1], "rb").read()
    version = etree.fromstring(data).get("version", "")
    store = (xliff.xlifffile if version == "1.2" else xliff2.Xliff2File).parsestring(data)
    for unit in store.units:
        if not unit.isheader():
            unit.target = str(unit.source).swapcase()
    open(argv[3], "wb").write(bytes(store))

    document = json.load(open(argv[2], encoding="utf-8"))
    info = document["document"]
    text = ("\ufeff" if info["byteOrderMark"] and not info["normalized"] else "") + info["leadingText"]
    for unit in document["units"]:
        for segment in unit["segments"]:
            source = segment["source"]
            text += (source.swapcase() if unit["translate"] else source) + segment["spaceAfter"]
    open(argv[4], "wb").write(text.encode("utf-8"))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
