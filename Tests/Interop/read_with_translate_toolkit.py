#!/usr/bin/env python3
"""Reads Tradu's XLIFF 1.2 and 2.x with translate-toolkit, a real consumer, and checks that it
finds the source texts of Tradu's own JSON export of the same article.

Usage: read_with_translate_toolkit.py ARTICLE.json ARTICLE-1.2.xlf ARTICLE-2.x.xlf [...]

XLIFF 1.2: translate-toolkit reads one unit per <trans-unit> (it ignores <seg-source>): its
source must be the paragraph, its notes must hold Tradu's notes, its state must say "not yet
translated", and boilerplate must be untranslatable. XLIFF 2.x: one unit per <segment>, with
the segment's source. (translate-toolkit drops 2.x unit notes, flattens 2.x states and drops
<cp> elements.)
Exit status 0 when everything matches, 1 otherwise; one line per problem on stderr.
"""
import json
import re
import sys

from lxml import etree
from translate.storage import xliff, xliff2

FORBIDDEN = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def expected_units(document):
    """(unit id, paragraph source, [segment ids and sources], notes, translate) per unit."""
    for unit in document["units"]:
        segments = unit["segments"]
        paragraph = "".join(
            s["source"] + (s["spaceAfter"] if i + 1 < len(segments) else "")
            for i, s in enumerate(segments))
        notes = [n["text"] for n in unit["notes"]]
        notes += [n["text"] for s in segments for n in s["notes"]]
        yield unit["id"], paragraph, [(s["id"], s["source"]) for s in segments], notes, unit["translate"]


def check_12(path, document, problems):
    store = xliff.xlifffile.parsestring(open(path, "rb").read())
    units = [u for u in store.units if not u.isheader()]
    expected = list(expected_units(document))
    if len(units) != len(expected):
        problems.append(f"{path}: translate-toolkit found {len(units)} units, Tradu wrote {len(expected)}")
    for unit, (uid, paragraph, _, notes, translate) in zip(units, expected):
        if not unit.getid().endswith(uid):
            problems.append(f"{path}: unit {unit.getid()!r} where {uid} was expected")
        # XLIFF 1.2 cannot carry characters XML forbids: Tradu writes U+FFFD instead.
        if str(unit.source) != FORBIDDEN.sub("\ufffd", paragraph):
            problems.append(f"{path}: {uid}: source {str(unit.source)[:60]!r} differs from Tradu's")
        found_notes = unit.getnotes()
        for note in notes:
            if FORBIDDEN.sub("\ufffd", note) not in found_notes:
                problems.append(f"{path}: {uid}: note {note[:60]!r} not found")
        if unit.istranslated():
            problems.append(f"{path}: {uid}: reads as translated before any translation")
        if unit.istranslatable() != translate:
            problems.append(f"{path}: {uid}: translatable is {unit.istranslatable()}, Tradu says {translate}")
    states = {u.get_state_n() for u in units}
    if units and len(states) != 1:
        problems.append(f"{path}: untranslated units read with several states {sorted(states)}")
    return len(units)


def check_2x(path, document, problems):
    store = xliff2.Xliff2File.parsestring(open(path, "rb").read())
    units = [u for u in store.units if not u.isheader()]
    expected = [(uid, sid, source) for uid, _, segments, _, _ in expected_units(document)
                for sid, source in segments]
    if not expected:  # an article without text: one empty segment in unit p0
        expected = [("p0", "p0.s1", "")]
    if len(units) != len(expected):
        problems.append(f"{path}: translate-toolkit found {len(units)} segments, Tradu wrote {len(expected)}")
    for unit, (uid, sid, source) in zip(units, expected):
        if unit.getid() != f"{uid}::{sid}":
            problems.append(f"{path}: segment {unit.getid()!r} where {uid}::{sid} was expected")
        # Tradu writes characters XML forbids as <cp hex="…"/>, which translate-toolkit drops.
        if str(unit.source) != FORBIDDEN.sub("", source):
            problems.append(f"{path}: {sid}: source {str(unit.source)[:60]!r} differs from {source[:60]!r}")
    return len(units)


def main(argv):
    if len(argv) < 3:
        print(__doc__, file=sys.stderr)
        return 2
    document = json.load(open(argv[1], encoding="utf-8"))
    problems = []
    for path in argv[2:]:
        version = etree.parse(path).getroot().get("version", "")
        count = check_12(path, document, problems) if version == "1.2" else check_2x(path, document, problems)
        print(f"{path}: XLIFF {version}: translate-toolkit read {count} units")
    for problem in problems:
        print(problem, file=sys.stderr)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
