#!/usr/bin/env bash
# OmegaT 3.6 (Debian package omegat) as a real client of Tradu's files, in console mode:
# for each article given, `tradu prepare --omegat-project` makes a project; OmegaT must load
# exactly Tradu's translatable segments, translate them all from a memory in tm/auto/, write
# a target that validates (when ../shared/tools/validate-xliff is there) and that
# `tradu merge --strict` turns into the article with every segment translated. A memory
# with only some segments must make `merge --strict` fail naming the others. The TBX v2
# glossary must load in OmegaT's own reader with every entry. Tradu's exported SRX, turned
# into OmegaT's own segmentation rules with nothing else, must make OmegaT's segmenter cut
# every article into exactly Tradu's segments.
# Articles are text, HTML or Markdown (by extension); for a page, the merged page prepared again
# must have every segment translated with its inline codes where they were.
# usage: Tests/Interop/omegat/run.sh TRADU ARTICLE...
set -euo pipefail
TRADU=$(cd "$(dirname "$1")" && pwd)/$(basename "$1"); shift
HERE=$(cd "$(dirname "$0")" && pwd)
VALIDATE=${VALIDATE:-$HERE/../../../../shared/tools/validate-xliff}
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
failures=0
fail() { echo "omegat: FAIL: $*"; failures=$((failures + 1)); }

omegat_translate() {  # PROJECT: console-translate with report.groovy -> PROJECT/omegat-report.txt
  timeout 600 omegat --mode=console-translate --config-dir="$WORK/config" --disable-project-locking --no-team \
    --script="$HERE/report.groovy" "$1" > "$1.log" 2>&1 || { fail "OmegaT failed on $1:"; tail -20 "$1.log"; return 1; }
}

# OmegaT's segmentation rules from Tradu's SRX alone (OmegaT 3.6 has no SRX import; the
# conversion runs inside OmegaT, on a scratch project).
"$TRADU" segment --export-rules srx > "$WORK/tradu.srx"
"$TRADU" prepare "$1" --omegat-project "$WORK/scratch" --no-glossary 2> /dev/null
SRX_FILE="$WORK/tradu.srx" SEGMENTATION_CONF="$WORK/segmentation.conf" \
  timeout 600 omegat --mode=console-translate --config-dir="$WORK/config" --disable-project-locking --no-team \
  --script="$HERE/srx2segmentation.groovy" "$WORK/scratch" > "$WORK/scratch.log" 2>&1 || true
[ -s "$WORK/segmentation.conf" ] || { fail "OmegaT did not take Tradu's SRX rules:"; tail -20 "$WORK/scratch.log"; }

for article in "$@"; do
  file=$(basename "$article")
  name=${file%.*}
  extension=${file##*.}
  project=$WORK/$file
  "$TRADU" prepare "$article" --omegat-project "$project" 2> /dev/null
  xliff=$project/source/$name.xlf
  expected=$(python3 "$HERE/segments.py" "$xliff")
  count=$(printf '%s\n' "$expected" | grep -c . || true)

  # 1. The whole article translated from tm/auto/.
  mkdir -p "$project/tm/auto"
  python3 "$HERE/memory.py" "$xliff" "$project/tm/auto/en.tmx" > /dev/null
  omegat_translate "$project" || continue
  report=$project/omegat-report.txt
  seen=$(awk -F'\t' '$1 == "SEGMENT" { print $2 }' "$report")
  [ "$seen" == "$expected" ] || fail "$file: OmegaT loaded other segments than Tradu's $count: $(diff <(echo "$expected") <(echo "$seen") | head -5)"
  untranslated=$(awk -F'\t' '$1 == "SEGMENT" && $3 != "EN: " $2' "$report" | wc -l)
  [ "$untranslated" -eq 0 ] || fail "$file: $untranslated segment(s) not translated from the memory"
  target=$project/target/$name.xlf
  validity="target not validated (no $VALIDATE)"
  if [ -x "$VALIDATE" ]; then
    "$VALIDATE" "$target" > /dev/null && validity="target valid XLIFF 1.2" || fail "$file: OmegaT's target does not validate"
  fi
  merged=$WORK/$name.en.$extension
  "$TRADU" merge "$target" --original "$article" --strict -o "$merged" || { fail "$file: merge --strict refused OmegaT's translation"; continue; }
  if [ "$extension" = txt ]; then
    "$TRADU" normalize "$article" > "$WORK/$file.norm.txt" 2> /dev/null
    python3 - "$merged" "$WORK/$file.norm.txt" "$count" <<'PY' || fail "$file: the merged article is not the article with every segment translated"
import sys
merged, normalized, count = open(sys.argv[1], encoding="utf-8").read(), open(sys.argv[2], encoding="utf-8").read(), int(sys.argv[3])
sys.exit(0 if merged.count("EN: ") == count and merged.replace("EN: ", "") == normalized else 1)
PY
  else
    # HTML and Markdown: the merged page, prepared again, has every translatable segment of
    # the original translated ("EN: " + its source), codes back in their places.
    "$TRADU" prepare "$article" --to json --no-glossary --stats none -o "$WORK/$file.orig.json"
    "$TRADU" prepare "$merged" --to json --no-glossary --stats none -o "$WORK/$file.merged.json"
    python3 "$HERE/../compare_pages.py" "$WORK/$file.orig.json" "$WORK/$file.merged.json" \
      || fail "$file: the merged page is not the page with every segment translated"
  fi
  glossary=$(awk -F'\t' '$1 == "GLOSSARY" { print $3 }' "$report")
  pairs=$("$TRADU" glossary convert Glossaries/ro-en-news.tsv --to tsv | tail -n +2 | wc -l)
  [ "$glossary" == "$pairs" ] || fail "$file: OmegaT read ${glossary:-no} glossary entries from the TBX v2 export, not $pairs"
  echo "omegat: $file: $count segments loaded and translated by OmegaT, $validity, merged; TBX v2 glossary: $glossary entries"

  # 2. OmegaT's own segmenter with Tradu's SRX rules only, on the unsegmented paragraphs.
  # Text articles only: in a page's paragraphs OmegaT's rules see its tags (<g0>), so a break
  # before "<g0>Foto" is not one its SRX engine finds; pages are checked on Tradu's segments.
  if [ -s "$WORK/segmentation.conf" ] && [ "$extension" = txt ]; then
    cut=$WORK/$file-srx
    "$TRADU" prepare "$article" --omegat-project "$cut" --no-glossary 2> /dev/null
    python3 "$HERE/unsegmented.py" "$xliff" "$cut/source/$name.xlf"
    sed -i 's#<sentence_seg>false</sentence_seg>#<sentence_seg>true</sentence_seg>#' "$cut/omegat.project"
    cp "$WORK/segmentation.conf" "$cut/omegat/segmentation.conf"
    if omegat_translate "$cut"; then
      cuts=$(awk -F'\t' '$1 == "SEGMENT" { print $2 }' "$cut/omegat-report.txt")
      if [ "$cuts" == "$expected" ]; then
        echo "omegat: $file: OmegaT's own segmenter with only Tradu's SRX rules cuts the paragraphs into Tradu's $count segments"
      else
        fail "$file: with Tradu's SRX alone OmegaT cuts $(grep -c . <<< "$cuts") segments, not Tradu's $count: $(diff <(echo "$expected") <(echo "$cuts") | head -6)"
      fi
    fi
  fi

  # 3. Partly translated: a memory for the first half of the distinct segments.
  partial=$WORK/$file-partial
  "$TRADU" prepare "$article" --omegat-project "$partial" --no-glossary 2> /dev/null
  mkdir -p "$partial/tm/auto"
  distinct=$(printf '%s\n' "$expected" | sort -u | wc -l)
  python3 "$HERE/memory.py" "$partial/source/$name.xlf" "$partial/tm/auto/en.tmx" --first $((distinct / 2)) > /dev/null
  omegat_translate "$partial" || continue
  if "$TRADU" merge "$partial/target/$name.xlf" --original "$article" --strict -o "$WORK/$file.partial.txt" 2> "$WORK/$file.partial.err"; then
    fail "$file: merge --strict accepted a partly translated file"
  elif ! grep -q "have their source as translation (--strict): p" "$WORK/$file.partial.err"; then
    fail "$file: merge --strict did not name the untranslated segments: $(cat "$WORK/$file.partial.err")"
  else
    echo "omegat: $file: partly translated: $(cut -c1-160 "$WORK/$file.partial.err")"
  fi
done
[ "$failures" -eq 0 ] || { echo "omegat: $failures failure(s)"; exit 1; }
