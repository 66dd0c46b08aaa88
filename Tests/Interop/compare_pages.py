#!/usr/bin/env python3
"""Compares the segments of a merged page with its original's, both as Tradu's JSON export
(`tradu prepare PAGE --to json`): every translatable segment must have become "EN: " and its
source, with the same inline codes (by name and kind: a translated attribute changes a tag's
bytes), and the rest must be unchanged. Line breaks and runs of spaces count as
one space (merge writes a translation's line break in Markdown as a space).

Usage: compare_pages.py ORIGINAL.json MERGED.json
"""
import json
import re
import sys


def units(path):
    return json.load(open(path, encoding="utf-8"))["units"]


def flat(text):
    return re.sub("[ \n]+", " ", text)


def main(argv):
    if len(argv) != 3:
        print(__doc__, file=sys.stderr)
        return 2
    original, merged = units(argv[1]), units(argv[2])
    make = lambda source: "EN: " + source
    def translatable(us, change):
        text = "".join(flat(change(s["source"]) if change else s["source"]) for u in us if u["translate"] for s in u["segments"])
        codes = [(c["name"], c["kind"]) for u in us if u["translate"] for s in u["segments"] for c in s.get("codes", [])]
        return text.replace(" ", ""), codes
    def fixed(us):
        return [s["source"] for u in us if not u["translate"] for s in u["segments"]]
    problems = []
    want_text, want_codes = translatable(original, make)
    got_text, got_codes = translatable(merged, None)
    if want_text != got_text:
        k = next((i for i, (a, b) in enumerate(zip(want_text, got_text)) if a != b), min(len(want_text), len(got_text)))
        problems.append("translated text differs at %d: %r, expected %r" % (k, got_text[k:k + 60], want_text[k:k + 60]))
    if want_codes != got_codes:
        problems.append("inline codes differ: %d in the merged page, %d in the original" % (len(got_codes), len(want_codes)))
    if fixed(original) != fixed(merged):
        problems.append("segments not for translation changed")
    for problem in problems:
        print("%s: %s" % (argv[2], problem), file=sys.stderr)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
