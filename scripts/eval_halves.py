#!/usr/bin/env python3
"""Run the official check and glossary harnesses on two fixed halves of their development data.

usage: scripts/eval_halves.py [--shared DIR] [--tradu PATH] [--only check|glossary]

The bilingual consistency data is split by document (doc_id), the glossary data by sentence
(it has no document ids): an item goes to half A ("tune") or half B ("held-out") by the parity
of the first byte of the SHA-256 of its id, so the split never changes and needs no list.
Each half is written to a temporary folder laid out like the harness's own data folder and the
harness is run on it with --data; its output is printed, then each rate with a 95 % Wilson
interval. Tune on half A only; half B is the figure to report.

Run from the project root after `swift build -c release`. DIR defaults to ../shared (the
shared folder beside the checkout).
"""
import argparse, hashlib, json, math, os, re, shutil, subprocess, sys, tempfile


def half_of(key):
    """'A' or 'B' for an id, fixed by its SHA-256."""
    return "A" if hashlib.sha256(key.encode("utf-8")).digest()[0] % 2 == 0 else "B"


def wilson(hits, n, z=1.96):
    """The 95 % Wilson score interval of hits/n, as (low, high)."""
    if n == 0:
        return (0.0, 1.0)
    p = hits / n
    centre = (p + z * z / (2 * n)) / (1 + z * z / n)
    spread = z * math.sqrt(p * (1 - p) / n + z * z / (4 * n * n)) / (1 + z * z / n)
    return (max(0.0, centre - spread), min(1.0, centre + spread))


def rate(name, hits, n):
    low, high = wilson(hits, n)
    return "%s %d/%d = %.4f [%.4f, %.4f]" % (name, hits, n, hits / n if n else 0.0, low, high)


def run(cmd):
    p = subprocess.run(cmd, capture_output=True, text=True)
    if p.returncode != 0:
        sys.stderr.write(p.stdout + p.stderr)
        sys.exit("harness failed: %s" % " ".join(cmd))
    return p.stdout


def check_halves(shared, tradu, show=0):
    data = os.path.join(shared, "eval", "bilingual", "data")
    harness = os.path.join(shared, "eval", "bilingual", "evaluate_consistency.py")
    lines = open(os.path.join(data, "consistency_test.jsonl"), encoding="utf-8").read().splitlines()
    for half in "AB":
        chosen = [l for l in lines if l.strip() and half_of(json.loads(l)["doc_id"]) == half]
        items = [json.loads(l) for l in chosen]
        with tempfile.TemporaryDirectory() as tmp:
            open(os.path.join(tmp, "consistency_test.jsonl"), "w", encoding="utf-8").write("\n".join(chosen) + "\n")
            shutil.copy(os.path.join(data, "glossary.tsv"), tmp)
            extra = ["--show", str(show)] if show and half == "A" else []
            out = run([sys.executable, harness, "--data", tmp] + extra + ["--", tradu, "check", "--jsonl", "--glossary"])
        docs = len({it["doc_id"] for it in items})
        print("check, half %s (%s, %d documents)" % (half, "tune" if half == "A" else "held-out", docs))
        print("  " + out.strip().replace("\n", "\n  "))
        m = dict(re.findall(r"(\w+)=([0-9.]+)", out.splitlines()[-1]))
        clean, planted = int(m["clean"]), int(m["planted"])
        fa = round(float(m["false_alarm_rate"]) * clean)
        caught = round(float(m["catch_rate"]) * planted)
        print("  " + rate("false alarms", fa, clean) + "   (target <= 0.001: the interval's low end must reach it)")
        print("  " + rate("catch", caught, planted) + "   (target >= 0.99: the interval's high end must reach it)")
        for kind in ("swap", "misspell", "omit"):
            n = sum(1 for it in items if it["label"] == "planted" and it["planted"]["kind"] == kind)
            print("    " + rate(kind, round(float(m[kind]) * n), n) + "   (target >= 0.98)")


def glossary_halves(shared, tradu):
    data = os.path.join(shared, "eval", "glossary", "data")
    harness = os.path.join(shared, "eval", "glossary", "evaluate.py")
    sentences = open(os.path.join(data, "sentences.jsonl"), encoding="utf-8").read().splitlines()
    gold = open(os.path.join(data, "gold.jsonl"), encoding="utf-8").read().splitlines()
    for half in "AB":
        with tempfile.TemporaryDirectory() as tmp:
            for name, rows in (("sentences.jsonl", sentences), ("gold.jsonl", gold)):
                chosen = [l for l in rows if l.strip() and half_of(json.loads(l)["id"]) == half]
                open(os.path.join(tmp, name), "w", encoding="utf-8").write("\n".join(chosen) + "\n")
            shutil.copy(os.path.join(data, "glossary.tsv"), tmp)
            scores = os.path.join(tmp, "scores.json")
            out = run([sys.executable, harness, "--data", tmp, "--json", scores, "--",
                       tradu, "glossary", "match", "--jsonl", "--glossary"])
            res = json.load(open(scores, encoding="utf-8"))
        print("glossary match, half %s (%s)" % (half, "tune" if half == "A" else "held-out"))
        print("  " + out.strip().replace("\n", "\n  "))
        tp, fp, gold_n = res["tp"], res["fp"], res["gold"]
        inflected = res["recall_by_kind"].get("inflected", [0, 0, 0])
        print("  " + rate("precision", tp, tp + fp) + "   (target >= 0.98)")
        print("  " + rate("recall", tp, gold_n) + "   (target >= 0.995)")
        print("  " + rate("inflected recall", inflected[0], inflected[1]) + "   (target >= 0.98)")


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--shared", default=os.path.join("..", "shared"), help="the shared folder (default ../shared)")
    ap.add_argument("--tradu", default=os.path.join(".build", "release", "tradu"), help="the tradu binary")
    ap.add_argument("--only", choices=["check", "glossary"])
    ap.add_argument("--show", type=int, default=0, help="print N false alarms and N misses of half A (the tuning half only)")
    a = ap.parse_args()
    if not os.path.isdir(os.path.join(a.shared, "eval")):
        sys.exit("no eval folder under %s: pass --shared DIR" % a.shared)
    if not os.access(a.tradu, os.X_OK):
        sys.exit("%s is not an executable: run `swift build -c release` first or pass --tradu" % a.tradu)
    if a.only != "glossary":
        check_halves(a.shared, a.tradu, a.show)
    if a.only != "check":
        glossary_halves(a.shared, a.tradu)


if __name__ == "__main__":
    main()
