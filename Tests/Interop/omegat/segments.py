#!/usr/bin/env python3
"""Prints the translatable segments of a Tradu XLIFF 1.2 file, one a line (line breaks as \\n),
in order, as OmegaT 3.6 shows them: what OmegaT must load.  usage: segments.py ARTICLE.xlf

Inline codes are written the way OmegaT's XLIFF filter abbreviates them: each <g>, <x/>,
<bx/>, <ex/>, <bpt>, <ept> and <ph> in a segment numbered from 0 in order (a <g> pair shares
its number: <g0>…</g0>, <x1/>), and a pair that encloses the whole segment left out (OmegaT
removes leading and trailing tags and puts them back in the target)."""
import sys
import xml.etree.ElementTree as ET

NS = "{urn:oasis:names:tc:xliff:document:1.2}"
PAIRED = {"bpt": "b", "ept": "e"}


def omegat_text(mark):
    """The text of a <mrk mtype="seg"> with its codes as OmegaT's tag shortcuts."""
    # Strip pairs enclosing everything: <mrk><g>…</g></mrk> with no text around the <g>.
    while len(mark) == 1 and mark[0].tag == NS + "g" and not (mark.text or "") and not (mark[0].tail or ""):
        mark = mark[0]
    counter = [0]

    def render(element):
        out = element.text or ""
        for child in element:
            name = child.tag[len(NS):]
            number = counter[0]
            counter[0] += 1
            if name == "g":
                out += "<g%d>" % number + render(child) + "</g%d>" % number
            elif name in ("bpt", "ept", "ph", "it"):
                out += "<%s%d/>" % (name[0], number)
            elif name == "mrk":
                counter[0] -= 1
                out += render(child)
            else:
                out += "<%s%d/>" % (name, number)
            out += child.tail or ""
        return out

    return render(mark)


def segments(path):
    for unit in ET.parse(path).getroot().iter(NS + "trans-unit"):
        if unit.get("translate") == "no":
            continue
        for mark in unit.find(NS + "seg-source").iter(NS + "mrk"):
            if mark.get("mtype") == "seg":
                yield omegat_text(mark)


if __name__ == "__main__":
    for text in segments(sys.argv[1]):
        print(text.replace("\n", "\\n"))
