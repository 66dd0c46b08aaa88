#!/usr/bin/env bash
# Interop checks on `tradu prepare` / `tradu merge` with real validators and consumers, for the
# Samples and generated hostile texts:
#  - XLIFF 2.0/2.1/2.2 and 1.2 (strict) against the OASIS schemas (../shared/tools/validate-xliff),
#  - TMX against tmx14.dtd (xmllint --dtdvalid),
#  - JSON and JSONL against Schemas/tradu.schema.json (Python jsonschema),
#  - translate-toolkit reads the XLIFF files and finds the same sources (read_with_translate_toolkit.py),
#  - prepare → merge gives back the normalized text, and with --no-normalize the file byte for byte,
#  - a translation written by translate-toolkit merges back into the expected article,
#  - the same for HTML and Markdown pages (Samples/ and hostile_pages.py), with inline codes.
# Usage: Tests/Interop/run.sh [SHARED_DIR]   (default ../shared; needs python3, a built tradu)
set -euo pipefail
cd "$(dirname "$0")/../.."
shared=${1:-../shared}
tradu=${TRADU:-.build/debug/tradu}
here=Tests/Interop
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

venv=${TRADU_INTEROP_VENV:-$work/venv}
if ! "$venv/bin/python" -c "import lxml, translate, jsonschema" 2>/dev/null; then
  python3 -m venv "$venv"
  "$venv/bin/pip" install -q lxml translate-toolkit jsonschema
fi
py="$venv/bin/python"
if ! command -v xmllint >/dev/null; then
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq && apt-get install -y -qq libxml2-utils >/dev/null
fi

mkdir -p "$work/in" "$work/out"
"$py" "$here/hostile_texts.py" "$work/in"
cp Samples/*.txt "$work/in/"

passed=0
failed=0
fail() { echo "interop: FAIL: $*" >&2; failed=$((failed + 1)); }
pass() { passed=$((passed + 1)); }

# The prepared samples shipped in Samples/ themselves.
if "$py" "$shared/tools/validate-xliff" --quiet --check-ids Samples/*.xlf; then pass; else fail "Samples/*.xlf: XLIFF schema"; fi

# Every export of INPUT (prepare --to each format, as OUT.FORMAT), checked: XLIFF against the
# schemas, TMX against the DTD, JSON and JSONL against the JSON Schema, and translate-toolkit
# reads the XLIFF files and finds the JSON's sources. NAME names the input in failures.
exports_checked() {
  local article=$1 out=$2 name=$3
  for format in xliff20 xliff xliff22 xliff12 json jsonl tmx; do
    "$tradu" prepare "$article" --to "$format" --stats none -o "$out.$format" || fail "$name: prepare --to $format"
  done
  for format in xliff20 xliff xliff22 xliff12; do cp "$out.$format" "$out.$format.xlf"; done
  if "$py" "$shared/tools/validate-xliff" --quiet --check-ids "$out".*.xlf; then pass; else fail "$name: XLIFF schema"; fi
  if xmllint --noout --dtdvalid "$shared/schemas/tmx/tmx14.dtd" "$out.tmx"; then pass; else fail "$name: TMX DTD"; fi
  if "$py" - "$out.json" "$out.jsonl" <<'PY'
import json, sys, jsonschema
schema = json.load(open("Schemas/tradu.schema.json", encoding="utf-8"))
jsonschema.validate(json.load(open(sys.argv[1], encoding="utf-8")), schema)
line_schema = dict(schema, **{"$ref": "#/$defs/unitLine"})
for key in ("required", "properties", "additionalProperties", "type"):
    line_schema.pop(key, None)
for line in open(sys.argv[2], encoding="utf-8"):
    jsonschema.validate(json.loads(line), line_schema)
PY
  then pass; else fail "$name: JSON schema"; fi
  if "$py" "$here/read_with_translate_toolkit.py" "$out.json" "$out.xliff12.xlf" "$out.xliff20.xlf" "$out.xliff.xlf" "$out.xliff22.xlf" >/dev/null; then
    pass
  else
    fail "$name: translate-toolkit"
  fi
}

for article in "$work/in"/*.txt; do
  name=$(basename "$article" .txt)
  out="$work/out/$name"
  exports_checked "$article" "$out" "$name"

  # Round trips. Normalized: merge gives back the text the JSON export describes.
  "$py" -c '
import json, sys
d = json.load(open(sys.argv[1], encoding="utf-8"))
doc = d["document"]
text = ("\ufeff" if doc["byteOrderMark"] and not doc["normalized"] else "") + doc["leadingText"] + "".join(s["source"] + s["spaceAfter"] for u in d["units"] for s in u["segments"])
open(sys.argv[2], "wb").write(text.encode("utf-8"))' "$out.json" "$out.normalized"
  "$tradu" merge "$out.xliff" -o "$out.merged" 2>/dev/null || fail "$name: merge"
  if cmp -s "$out.normalized" "$out.merged"; then pass; else fail "$name: normalized round trip"; fi
  "$tradu" merge "$out.xliff12" --original "$article" -o "$out.merged12" 2>/dev/null || fail "$name: merge 1.2"
  if [ "$name" = controls ] || cmp -s "$out.normalized" "$out.merged12"; then pass; else fail "$name: XLIFF 1.2 round trip"; fi
  # A translation made with translate-toolkit (which re-indents the file) merges back; not for
  # the text with control characters, whose <cp> elements translate-toolkit drops.
  if [ "$name" != controls ]; then
    "$py" "$here/translate_with_translate_toolkit.py" "$out.xliff" "$out.json" "$out.ttk.xlf" "$out.ttk.expected"
    "$tradu" merge "$out.ttk.xlf" --strict -o "$out.ttk.merged" || fail "$name: merge of translate-toolkit's file"
    if cmp -s "$out.ttk.expected" "$out.ttk.merged"; then pass; else fail "$name: translate-toolkit translation merged"; fi
    "$py" "$here/translate_with_translate_toolkit.py" "$out.xliff12" "$out.json" "$out.ttk12.xlf" "$out.ttk12.expected"
    "$tradu" merge "$out.ttk12.xlf" --original "$article" --strict -o "$out.ttk12.merged" || fail "$name: merge of translate-toolkit's 1.2 file"
    if cmp -s "$out.ttk12.expected" "$out.ttk12.merged"; then pass; else fail "$name: translate-toolkit 1.2 translation merged"; fi
  fi
  # Not normalized: the original bytes, byte-order mark and line ends included.
  "$tradu" prepare "$article" --no-normalize --stats none -o "$out.raw.xlf" || fail "$name: prepare --no-normalize"
  "$tradu" merge "$out.raw.xlf" -o "$out.raw.merged" 2>/dev/null || fail "$name: merge --no-normalize"
  if cmp -s "$article" "$out.raw.merged"; then pass; else fail "$name: byte-for-byte round trip"; fi
done

# HTML and Markdown pages (Samples/ and generated hostile pages): XLIFF with inline codes
# against the schemas, TMX against the DTD, JSON against the schema, translate-toolkit reads
# the segments (codes stripped, the JSON's plain sources), a byte-for-byte round trip through
# XLIFF 2.1 and 1.2, and a translation made with translate-toolkit's placeables merged back.
mkdir -p "$work/pages"
cp Samples/*.ro.html Samples/*.ro.md "$work/pages/"
"$py" "$here/hostile_pages.py" "$work/pages"
for page in "$work/pages"/*; do
  file=$(basename "$page")
  out="$work/out/$file"
  exports_checked "$page" "$out" "$file"
  # Byte for byte: every target its source gives back the page (only <html lang> changes).
  "$tradu" prepare "$page" --no-normalize --stats none -o "$out.raw.xlf" || fail "$file: prepare --no-normalize"
  "$tradu" prepare "$page" --no-normalize --to xliff12 --stats none -o "$out.raw12.xlf" || fail "$file: prepare --no-normalize --to xliff12"
  "$py" - "$page" "$out.expected" <<'PY'
import re, sys
data = open(sys.argv[1], "rb").read()
if sys.argv[1].endswith(".html"):  # merge sets <html lang> to the target language
    tag = re.search(rb"<html\b[^>]*>", data, flags=re.I)
    if tag and re.search(rb"\blang=", tag.group(0), flags=re.I):
        data = re.sub(rb'(<html\b[^>]*?\blang=["\']?)ro\b', rb"\1en", data, count=1, flags=re.I)
    elif tag:
        data = data[:tag.start() + 5] + b' lang="en"' + data[tag.start() + 5:]
open(sys.argv[2], "wb").write(data)
PY
  for raw in raw raw12; do
    "$py" - "$out.$raw.xlf" "$out.$raw.filled.xlf" <<'PY'
import re, sys
# Every segment's target: a copy of its source (XLIFF 2: <source>…</source>; 1.2: the
# <seg-source> copied into <target>).
text = open(sys.argv[1], encoding="utf-8").read()
if 'version="1.2"' in text[:300]:
    text = re.sub(r"(<seg-source>(.*?)</seg-source>\s*<target[^>]*>).*?(</target>)", lambda m: m.group(1) + m.group(2) + m.group(3), text, flags=re.S)
    text = text.replace('state="needs-translation"', 'state="translated"')
else:
    text = re.sub(r"<source>(.*?)</source>(?!\s*<target)", lambda m: m.group(0) + "<target>" + m.group(1) + "</target>", text, flags=re.S)
open(sys.argv[2], "w", encoding="utf-8").write(text)
PY
    "$tradu" merge "$out.$raw.filled.xlf" --original "$page" -o "$out.$raw.merged" 2>/dev/null || fail "$file: merge ($raw)"
    if cmp -s "$out.expected" "$out.$raw.merged"; then pass; else fail "$file: byte-for-byte round trip ($raw)"; fi
  done
  # translate-toolkit as the translator: "EN: " + each source, codes through its placeables.
  "$py" "$here/translate_page_with_translate_toolkit.py" "$out.xliff.xlf" "$out.ttk.xlf"
  if "$tradu" merge "$out.ttk.xlf" --original "$page" --strict -o "$out.ttk.${file##*.}" \
      && "$tradu" prepare "$out.ttk.${file##*.}" --to json --stats none -o "$out.ttk.json" \
      && "$py" "$here/compare_pages.py" "$out.json" "$out.ttk.json"; then
    pass
  else
    fail "$file: translate-toolkit translation merged"
  fi
done

# tradu align: the seed article with its translation, as TMX (DTD), XLIFF 2.1 and 1.2
# (schemas), and the aligned XLIFF merged back into the English text.
al="$work/out/aligned"
"$tradu" align Samples/mediafax-musk-putin.ro.txt Samples/mediafax-musk-putin.en.txt -o "$al.tmx" 2>/dev/null || fail "align --to tmx"
"$tradu" align Samples/mediafax-musk-putin.ro.txt Samples/mediafax-musk-putin.en.txt --to xliff -o "$al.xlf" 2>/dev/null || fail "align --to xliff"
"$tradu" align Samples/mediafax-musk-putin.ro.txt Samples/mediafax-musk-putin.en.txt --to xliff12 -o "$al.12.xlf" 2>/dev/null || fail "align --to xliff12"
if xmllint --noout --dtdvalid "$shared/schemas/tmx/tmx14.dtd" "$al.tmx"; then pass; else fail "aligned TMX: DTD"; fi
if "$py" "$shared/tools/validate-xliff" --quiet --check-ids "$al.xlf" "$al.12.xlf"; then pass; else fail "aligned XLIFF: schema"; fi
if "$tradu" merge "$al.xlf" -o "$al.merged.txt" 2>/dev/null && grep -q "Putin asked the entrepreneur" "$al.merged.txt"; then pass; else fail "aligned XLIFF: merge"; fi

echo "interop: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
