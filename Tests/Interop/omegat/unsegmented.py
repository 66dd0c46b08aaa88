#!/usr/bin/env python3
"""Writes a Tradu XLIFF 1.2 file without its segmentation: each translatable trans-unit keeps
its <source> and gets it as <target>, with no <seg-source>, so that OmegaT cuts the paragraph
into sentences with its own segmenter.  usage: unsegmented.py ARTICLE.xlf OUT.xlf"""
import copy
import sys
import xml.etree.ElementTree as ET

NS = "urn:oasis:names:tc:xliff:document:1.2"
ET.register_namespace("", NS)
tree = ET.parse(sys.argv[1])
for body in tree.getroot().iter("{%s}body" % NS):
    for unit in list(body):
        if unit.tag != "{%s}trans-unit" % NS or unit.get("translate") == "no":
            body.remove(unit)
            continue
        for child in list(unit):
            if child.tag != "{%s}source" % NS:
                unit.remove(child)
        target = copy.deepcopy(unit.find("{%s}source" % NS))
        target.tag = "{%s}target" % NS
        target.set("state", "needs-translation")
        unit.append(target)
tree.write(sys.argv[2], encoding="UTF-8", xml_declaration=True)
