#!/usr/bin/env python3
"""Plays translator with translate-toolkit on a page (HTML or Markdown) Tradu prepared as
XLIFF 2.x: every segment's target is "EN: " and its source, with the source's inline codes
(<pc>, <ph>), through translate-toolkit's own placeables (rich_source → rich_target), and the
file is written back as translate-toolkit formats it. (The text keeps its case: a capital
after "oct." would end a sentence, and the merged page is compared segment by segment.)

Usage: translate_page_with_translate_toolkit.py PAGE.xlf OUT.xlf
"""
import copy
import sys

from translate.storage import xliff2


def main(argv):
    if len(argv) != 3:
        print(__doc__, file=sys.stderr)
        return 2
    store = xliff2.Xliff2File.parsestring(open(argv[1], "rb").read())
    for unit in store.units:
        if unit.isheader():
            continue
        rich = copy.deepcopy(unit.rich_source)
        if rich:
            rich[0].sub.insert(0, "EN: ")
        unit.rich_target = rich
    open(argv[2], "wb").write(bytes(store))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
