#!/usr/bin/env bash
# By hand, not in CI (it needs Java and pyspark): shows that preparing articles on Spark gives
# exactly what one machine gives. From the repository root:
#   python3 -m venv .venv-spark && .venv-spark/bin/pip install pyspark   # Java 17 must be installed
#   swift build -c release --static-swift-stdlib
#   PYTHON=.venv-spark/bin/python scripts/spark_test.sh [ARTICLES]
set -euo pipefail
python="${PYTHON:-python3}"
tradu="${TRADU:-.build/release/tradu}"
count="${1:-3000}"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

# Articles of 3 to 10 KB drawn from the samples and, when present, ../shared/eval's texts.
"$python" - "$count" "$work/articles.jsonl" <<'PY'
import glob, json, random, sys
count, path = int(sys.argv[1]), sys.argv[2]
paragraphs = []
for sample in glob.glob("Samples/*.ro.txt"):
    paragraphs += [p for p in open(sample, encoding="utf-8").read().split("\n\n") if p.strip()]
for name in glob.glob("../shared/eval/*/data/*.jsonl"):
    for line in open(name, encoding="utf-8"):
        record = json.loads(line)
        for key in ("text", "ro"):
            if isinstance(record.get(key), str) and record[key].strip():
                paragraphs.append(record[key])
random.seed(14)
with open(path, "w", encoding="utf-8") as out:
    for i in range(count):
        size, parts = random.randint(3000, 10000), []
        while sum(len(p.encode()) for p in parts) < size:
            parts.append(random.choice(paragraphs))
        out.write(json.dumps({"id": f"article-{i + 1}", "text": "\n\n".join(parts) + "\n"}, ensure_ascii=False) + "\n")
PY
echo "articles: $count, $(du -h "$work/articles.jsonl" | cut -f1)"

start=$(date +%s.%N)
"$tradu" prepare --input-format jsonl --to jsonl - --stats none < "$work/articles.jsonl" > "$work/single.jsonl"
echo "single machine: $(wc -l < "$work/single.jsonl") units in $(echo "$(date +%s.%N) - $start" | bc) s"

start=$(date +%s.%N)
"$python" scripts/spark_prepare.py --tradu "$tradu" --partitions 8 "$work/articles.jsonl" "$work/spark" 2> "$work/spark.log" \
  || { tail -20 "$work/spark.log"; exit 1; }
cat "$work"/spark/part-* > "$work/spark.jsonl"
echo "spark (local[*], 8 partitions): $(wc -l < "$work/spark.jsonl") units in $(echo "$(date +%s.%N) - $start" | bc) s"

if cmp "$work/single.jsonl" "$work/spark.jsonl"; then
  echo "same output: $(sha256sum < "$work/spark.jsonl" | cut -c1-16)…"
else
  echo "the outputs differ"
  exit 1
fi
