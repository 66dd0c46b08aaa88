#!/usr/bin/env python3
"""Writes a TMX translation memory for a Tradu XLIFF 1.2 file: every translatable segment
(<mrk mtype="seg"> of <seg-source>) translated as "EN: " + its source, inline codes as OmegaT's
tag shortcuts (<g0>…</g0>, <x1/>), which OmegaT matches and turns back into the codes.
usage: memory.py ARTICLE.xlf OUT.tmx [--first N]   (N: only the first N distinct segments)"""
import sys
from xml.sax.saxutils import escape

from segments import segments as tradu_segments

xliff, out = sys.argv[1], sys.argv[2]
limit = int(sys.argv[4]) if len(sys.argv) > 4 and sys.argv[3] == "--first" else None
segments = []
for text in tradu_segments(xliff):
    if text not in segments:
        segments.append(text)
if limit is not None:
    segments = segments[:limit]
with open(out, "w", encoding="utf-8") as f:
    f.write('<?xml version="1.0" encoding="UTF-8"?>\n<tmx version="1.4">\n'
            '<header creationtool="tradu-ci" creationtoolversion="1" segtype="sentence" o-tmf="tmx"'
            ' adminlang="en" srclang="ro" datatype="plaintext"/>\n<body>\n')
    for text in segments:
        f.write('<tu><tuv xml:lang="ro"><seg>%s</seg></tuv><tuv xml:lang="en"><seg>%s</seg></tuv></tu>\n'
                % (escape(text), escape("EN: " + text)))
    f.write("</body>\n</tmx>\n")
print(len(segments))
