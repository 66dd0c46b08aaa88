#!/usr/bin/env python3
"""Prints the translatable segments of a Tradu XLIFF 1.2 file, one a line (line breaks as \\n),
in order: what OmegaT must load.  usage: segments.py ARTICLE.xlf"""
import sys
import xml.etree.ElementTree as ET

NS = "{urn:oasis:names:tc:xliff:document:1.2}"
for unit in ET.parse(sys.argv[1]).getroot().iter(NS + "trans-unit"):
    if unit.get("translate") == "no":
        continue
    for mark in unit.find(NS + "seg-source").iter(NS + "mrk"):
        if mark.get("mtype") == "seg":
            print("".join(mark.itertext()).replace("\n", "\\n"))
