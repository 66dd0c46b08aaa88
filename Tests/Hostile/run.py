#!/usr/bin/env python3
"""Runs every tradu command on every file of the hostile corpus (make_corpus.py) and checks
that each run ends well:
  - exit 0 with a valid output: XML well-formed (and, with --shared, XLIFF valid against the
    OASIS schemas and TMX against its DTD), JSON that parses (no NaN, no lone surrogate),
    JSON Lines split on "\\n" only (U+2028 is text inside a line), text in UTF-8;
  - exit 1 only where findings are the answer (check, glossary lint, align);
  - exit 2 with exactly one error line "tradu: …" and no output file;
and never a crash (a signal), a hang (over 30 s), or a temporary file (.NAME.tradu-PID-….tmp)
left behind.

Usage: run.py TRADU CORPUS_DIR WORK_DIR [--shared DIR] [--jobs N] [--only TEXT]
  --shared DIR  the shared folder with tools/validate-xliff and schemas/ (schema checks)
  --jobs N      runs at once (default 1; the 30 s limit is per run)
  --only TEXT   only corpus files whose name contains TEXT
Prints one line per failure and a summary; exits 1 when any run failed.
"""
import argparse
import concurrent.futures
import json
import os
import re
import shutil
import subprocess
import sys
import threading
import time

try:
    from lxml import etree as lxml_etree
except ImportError:  # the standard library's expat is enough for well-formedness
    lxml_etree = None
import xml.etree.ElementTree as ET

try:
    import jsonschema
except ImportError:
    jsonschema = None

TIMEOUT = 30
HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.normpath(os.path.join(HERE, "..", ".."))
SEED = os.path.join(REPO, "Samples", "mediafax-musk-putin.ro.txt")
SEED_EN = os.path.join(REPO, "Samples", "mediafax-musk-putin.en.txt")
SEED_XLF = os.path.join(REPO, "Samples", "mediafax-musk-putin.ro.xlf")
ARTICLES = (".txt", ".html", ".md")
# Outputs above this size are checked for well-formedness only (schema checks load the tree).
SCHEMA_LIMIT = 8 << 20
# jsonschema (pure Python) is slow: JSON outputs above this size are parsed but not
# schema-checked.
JSON_SCHEMA_LIMIT = 1 << 20


class Invalid(Exception):
    pass


def no_lone_surrogates(value, where="$"):
    if isinstance(value, str):
        try:
            value.encode("utf-8")
        except UnicodeEncodeError:
            raise Invalid(f"lone surrogate in a JSON string at {where}")
    elif isinstance(value, list):
        for i, item in enumerate(value):
            no_lone_surrogates(item, f"{where}[{i}]")
    elif isinstance(value, dict):
        for key, item in value.items():
            no_lone_surrogates(key, where)
            no_lone_surrogates(item, f"{where}.{key}")


def reject_constant(name):
    raise Invalid(f"JSON has {name}, which JSON does not allow")


def parse_json(text):
    value = json.loads(text, parse_constant=reject_constant)
    no_lone_surrogates(value)
    return value


def read_utf8(path):
    with open(path, "rb") as f:
        data = f.read()
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as error:
        raise Invalid(f"not UTF-8: {error}")


def valid_text(path, ctx):
    read_utf8(path)


def valid_page(path, ctx):
    """A merged HTML or Markdown file: UTF-8, or the charset its <meta charset> declares (merge
    writes a legacy page back in its own charset)."""
    with open(path, "rb") as f:
        data = f.read()
    try:
        data.decode("utf-8")
        return
    except UnicodeDecodeError as error:
        declared = re.search(rb"charset=[\"']?([A-Za-z0-9_:.-]+)", data[:1024], re.IGNORECASE)
        if not declared:
            raise Invalid(f"not UTF-8 and no charset declared: {error}")
        try:
            data.decode(declared.group(1).decode("ascii"))
        except (LookupError, UnicodeDecodeError) as wrong:
            raise Invalid(f"not in its declared charset {declared.group(1)!r}: {wrong}")


def valid_json(path, ctx):
    value = parse_json(read_utf8(path))
    if ctx.get("schema") and ctx.get("tradu_json") and os.path.getsize(path) < JSON_SCHEMA_LIMIT:
        jsonschema.validate(value, ctx["schema"])


def valid_jsonl(path, ctx):
    text = read_utf8(path)
    schema = ctx.get("line_schema") if ctx.get("tradu_json") and len(text) < JSON_SCHEMA_LIMIT else None
    # Only "\n" ends a line: str.splitlines() would also split on U+2028, U+0085 and others,
    # which a JSON string may hold unescaped.
    for number, line in enumerate(text.split("\n"), 1):
        if line.strip():
            try:
                value = parse_json(line)
            except (ValueError, Invalid) as error:
                raise Invalid(f"line {number}: {error}")
            if schema:
                jsonschema.validate(value, schema)


def valid_xml(path, ctx):
    if lxml_etree is not None:
        parser = lxml_etree.XMLParser(huge_tree=True, resolve_entities=False, no_network=True, load_dtd=False)
        tree = lxml_etree.parse(path, parser)
        dtd = ctx.get("tmx_dtd")
        if dtd is not None and path.endswith(".tmx") and os.path.getsize(path) < SCHEMA_LIMIT:
            if not dtd.validate(tree):
                raise Invalid(f"TMX not valid against tmx14.dtd: {dtd.error_log.filter_from_errors()[:1]}")
    else:
        ET.parse(path)
    if ctx.get("xliff_keep") is not None and path.endswith(".xlf") and os.path.getsize(path) < SCHEMA_LIMIT:
        ctx["xliff_keep"](path)


def valid_report(path, ctx):
    """A check report: JSON (schema tradu-check/1)."""
    parse_json(read_utf8(path))


class Step:
    """One tradu run: arguments ({out} is the run's folder), the output it writes (None: standard
    output), its validator, the exit codes that are answers, and whether stderr may hold one
    error line per bad input line (the JSONL streams)."""

    def __init__(self, label, args, output, validate, ok=(0,), stdin=None, stream=False, tradu_json=False):
        self.label, self.args, self.output, self.validate = label, args, output, validate
        self.ok, self.stdin, self.stream, self.tradu_json = ok, stdin, stream, tradu_json


PREPARE_FORMATS = [("xliff", "p.xlf", valid_xml), ("xliff20", "p20.xlf", valid_xml), ("xliff22", "p22.xlf", valid_xml),
                   ("xliff12", "p12.xlf", valid_xml), ("json", "p.json", valid_json), ("jsonl", "p.jsonl", valid_jsonl),
                   ("tmx", "p.tmx", valid_xml)]


def jobs(path, corpus):
    """The runs for one corpus file: a list of jobs, each a list of steps run in order in one
    folder (a later step runs only when the earlier ones exited 0). Every command runs on every
    file, the 50 MB line and the million paragraphs included."""
    name = os.path.basename(path)
    ext = os.path.splitext(name)[1]
    out = []
    if ext in ARTICLES:
        merged = "m" + (ext if ext != ".txt" else ".txt")
        out += [
            [Step("normalize", ["normalize", path], None, valid_text)],
            [Step("normalize --json", ["normalize", "--json", path], None, valid_json)],
            [Step("segment", ["segment", path], None, valid_text)],
            [Step("segment --format json", ["segment", "--format", "json", path], None, valid_json)],
        ]
        for fmt, file, validate in PREPARE_FORMATS:
            prepare = Step(f"prepare --to {fmt}", ["prepare", path, "--to", fmt, "-o", "{out}/" + file, "--stats", "none"],
                           file, validate, tradu_json=True)
            if fmt in ("xliff", "xliff12", "json"):
                # merge of the untranslated file: the article again (sources as targets).
                original = [] if (fmt != "xliff12" and ext == ".txt") else ["--original", path]
                merge = Step(f"prepare --to {fmt} + merge", ["merge", "{out}/" + file, *original, "-o", "{out}/" + merged],
                             merged, valid_text if ext == ".txt" else valid_page)
                out.append([prepare, merge])
            else:
                out.append([prepare])
        out += [
            [Step("glossary match", ["glossary", "match", path, "--json"], None, valid_json)],
            [Step("check --source/--target", ["check", "--source", path, "--target", path, "--no-dictionary",
                                               "--format", "json", "-o", "{out}/c.json"], "c.json", valid_report, ok=(0, 1))],
            [Step("align", ["align", path, SEED_EN, "-o", "{out}/a.tmx"], "a.tmx", valid_xml, ok=(0, 1))],
            [Step("align --to xliff (as target)", ["align", SEED, path, "--to", "xliff", "-o", "{out}/a.xlf"], "a.xlf", valid_xml, ok=(0, 1))],
            [Step("tm import --source/--target", ["tm", "import", "--source", path, "--target", SEED_EN, "--tm", "{out}/t.tm"], None, None),
             Step("tm export", ["tm", "export", "--to", "tmx", "--tm", "{out}/t.tm", "-o", "{out}/t.tmx"], "t.tmx", valid_xml)],
            [Step("update", ["update", SEED_XLF, path, "-o", "{out}/u.xlf"], "u.xlf", valid_xml)],
        ]
    elif ext in (".xlf", ".tmx", ".json", ".jsonl"):
        out += [
            [Step("check", ["check", path, "--no-dictionary", "--format", "json", "-o", "{out}/c.json"], "c.json", valid_report, ok=(0, 1))],
            [Step("tm import", ["tm", "import", path, "--tm", "{out}/t.tm"], None, None),
             Step("tm export", ["tm", "export", "--to", "tmx", "--tm", "{out}/t.tm", "-o", "{out}/t.tmx"], "t.tmx", valid_xml)],
        ]
        if ext in (".xlf", ".json"):
            out.append([Step("merge", ["merge", path, "-o", "{out}/m.txt"], "m.txt", valid_text)])
        if ext == ".xlf":
            out.append([Step("merge --original", ["merge", path, "--original", SEED, "-o", "{out}/m.txt"], "m.txt", valid_text)])
            out.append([Step("update", ["update", path, SEED, "-o", "{out}/u.xlf"], "u.xlf", valid_xml)])
        if ext == ".jsonl":
            # The streaming protocols read the file on standard input.
            out += [
                [Step("check --jsonl", ["check", "--jsonl", "--no-dictionary"], None, valid_jsonl, ok=(0, 1), stdin=path, stream=True)],
                [Step("segment --jsonl", ["segment", "--jsonl"], None, valid_jsonl, stdin=path, stream=True)],
                [Step("glossary match --jsonl", ["glossary", "match", "--jsonl"], None, valid_jsonl, stdin=path, stream=True)],
                [Step("prepare --input-format jsonl", ["prepare", "--input-format", "jsonl", "--to", "jsonl", "-", "--stats", "none"],
                      None, valid_jsonl, stdin=path, stream=True)],
                [Step("align --jsonl", ["align", "--jsonl"], None, valid_jsonl, stdin=path, stream=True)],
            ]
    elif ext in (".tsv", ".csv", ".tbx"):
        out += [
            [Step("glossary lint", ["glossary", "lint", path, "--no-dictionary"], None, valid_text, ok=(0, 1))],
            [Step("glossary convert --to tbx", ["glossary", "convert", path, "--to", "tbx", "-o", "{out}/g.tbx"], "g.tbx", valid_xml)],
            [Step("glossary convert --to tbx2", ["glossary", "convert", path, "--to", "tbx2", "-o", "{out}/g2.tbx"], "g2.tbx", valid_xml)],
            [Step("glossary convert --to tsv", ["glossary", "convert", path, "--to", "tsv", "-o", "{out}/g.tsv"], "g.tsv", valid_text)],
            [Step("glossary convert --to tab", ["glossary", "convert", path, "--to", "tab", "-o", "{out}/g.txt"], "g.txt", valid_text)],
            [Step("glossary match --glossary", ["glossary", "match", SEED, "--glossary", path, "--json"], None, valid_json)],
            [Step("prepare --glossary", ["prepare", SEED, "--glossary", path, "-o", "{out}/p.xlf", "--stats", "none"], "p.xlf", valid_xml)],
            [Step("check --glossary", ["check", "--source", SEED, "--target", SEED_EN, "--glossary", path, "--no-dictionary",
                                       "--format", "json", "-o", "{out}/c.json"], "c.json", valid_report, ok=(0, 1))],
        ]
    elif ext == ".srx":
        for text in ("mediafax-seed", "long-word.txt", "many-sentences-one-line.txt"):
            article = SEED if text == "mediafax-seed" else os.path.join(corpus, text)
            if os.path.exists(article):
                out.append([Step(f"segment --rules ({text})", ["segment", article, "--rules", path], None, valid_text)])
    return out


def leftovers(folder):
    """Temporary files of tradu's naming (.NAME.tradu-PID-XXXXXX.tmp) in a folder."""
    try:
        return sorted(n for n in os.listdir(folder) if n.startswith(".") and ".tradu-" in n[1:])
    except FileNotFoundError:
        return []


def run_job(tradu, name, steps, folder, ctx):
    """Runs one job's steps; returns (results, failures): results are (label, exit, seconds)."""
    shutil.rmtree(folder, ignore_errors=True)
    os.makedirs(folder)
    failures, results = [], []
    for step in steps:
        where = f"{name}: {step.label}"
        args = [a.replace("{out}", folder) for a in step.args]
        started = time.monotonic()
        stdin = open(step.stdin, "rb") if step.stdin else subprocess.DEVNULL
        try:
            done = subprocess.run([tradu] + args, stdin=stdin, capture_output=True, timeout=TIMEOUT, cwd=folder)
        except subprocess.TimeoutExpired:
            failures.append(f"{where}: no answer after {TIMEOUT} s (killed)")
            results.append((step.label, "timeout", TIMEOUT))
            return results, failures
        finally:
            if step.stdin:
                stdin.close()
        elapsed = time.monotonic() - started
        code = done.returncode
        results.append((step.label, code, elapsed))
        stderr = done.stderr.decode("utf-8", "replace")
        errors = [l for l in stderr.split("\n") if l.strip() and not l.startswith("tradu: warning:")]
        output = os.path.join(folder, step.output) if step.output else None
        if code < 0:
            failures.append(f"{where}: killed by signal {-code}: {errors[-3:]}")
        elif code == 2:
            if not errors or not all(l.startswith("tradu: ") and len(l) > 12 for l in errors) or (len(errors) != 1 and not step.stream):
                failures.append(f"{where}: exit 2 without exactly one error line 'tradu: …': {errors[:3]}")
            if output and os.path.exists(output):
                failures.append(f"{where}: exit 2 but {step.output} was written")
        elif code not in step.ok:
            failures.append(f"{where}: exit {code}: {errors[:2]}")
        elif step.validate is not None:
            if output is None:
                output = os.path.join(folder, "stdout")
                with open(output, "wb") as f:
                    f.write(done.stdout)
            if code == 1 and not os.path.exists(output):
                pass  # align: not a translation, nothing written (checked below)
            else:
                try:
                    step.validate(output, dict(ctx, tradu_json=step.tradu_json))
                except Exception as error:  # any parse or schema error is an invalid output
                    failures.append(f"{where}: exit {code} but the output is invalid: {str(error)[:160]}")
        if step.label.startswith("align") and code == 1 and step.output and os.path.exists(os.path.join(folder, step.output)):
            failures.append(f"{where}: exit 1 (not a translation) but {step.output} was written")
        for place in (folder, os.path.dirname(step.stdin or folder)):
            if leftovers(place):
                failures.append(f"{where}: temporary files left: {leftovers(place)}")
        if code != 0:
            break
    return results, failures


def main(argv):
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("tradu")
    parser.add_argument("corpus")
    parser.add_argument("work")
    parser.add_argument("--shared")
    parser.add_argument("--jobs", type=int, default=1)
    parser.add_argument("--only", default="")
    options = parser.parse_args(argv[1:])
    tradu = os.path.abspath(options.tradu)
    corpus = os.path.abspath(options.corpus)
    work = os.path.abspath(options.work)
    os.makedirs(work, exist_ok=True)

    ctx = {}
    kept = []
    keep_dir = os.path.join(work, "xliff-for-schema")
    shutil.rmtree(keep_dir, ignore_errors=True)
    if options.shared:
        shared = os.path.abspath(options.shared)
        if lxml_etree is None:
            print("hostile: lxml is needed for the schema checks (pip install lxml)", file=sys.stderr)
            return 64
        ctx["tmx_dtd"] = lxml_etree.DTD(os.path.join(shared, "schemas", "tmx", "tmx14.dtd"))
        os.makedirs(keep_dir)

        lock = threading.Lock()

        def keep(path):
            with lock:
                copy = os.path.join(keep_dir, f"{len(kept):05d}.xlf")
                kept.append((copy, current_label(path)))
            shutil.copyfile(path, copy)
        ctx["xliff_keep"] = keep
    if jsonschema is not None:
        with open(os.path.join(REPO, "Schemas", "tradu.schema.json"), encoding="utf-8") as f:
            schema = json.load(f)
        line_schema = dict(schema, **{"$ref": "#/$defs/unitLine"})
        for key in ("required", "properties", "additionalProperties", "type"):
            line_schema.pop(key, None)
        ctx["schema"], ctx["line_schema"] = schema, line_schema

    names = sorted(n for n in os.listdir(corpus) if options.only in n and not n.startswith("."))
    work_items = []
    for name in names:
        for number, steps in enumerate(jobs(os.path.join(corpus, name), corpus)):
            work_items.append((name, steps, os.path.join(work, "runs", f"{name}.{number}")))
    labels = {}

    def current_label(path):
        return labels.get(os.path.dirname(path), path)

    def execute(item):
        name, steps, folder = item
        labels[folder] = f"{name}: {' + '.join(s.label for s in steps)}"
        results, failures = run_job(tradu, name, steps, folder, ctx)
        shutil.rmtree(folder, ignore_errors=True)
        return name, results, failures

    started = time.monotonic()
    failures, outcomes, runs, slowest = [], {}, 0, []
    by_command = {}
    with concurrent.futures.ThreadPoolExecutor(max_workers=max(1, options.jobs)) as pool:
        for name, results, job_failures in pool.map(execute, work_items):
            failures += job_failures
            for label, code, seconds in results:
                runs += 1
                outcomes[code] = outcomes.get(code, 0) + 1
                slowest.append((seconds, f"{name}: {label}"))
                command = label.split(" (")[0]
                by_command.setdefault(command, {}).setdefault(code, 0)
                by_command[command][code] += 1
    if leftovers(corpus):
        failures.append(f"temporary files left in the corpus folder: {leftovers(corpus)}")

    if kept:
        validator = os.path.join(os.path.abspath(options.shared), "tools", "validate-xliff")
        checked = subprocess.run([sys.executable, validator, "--quiet", "--check-ids"] + [c for c, _ in kept],
                                 capture_output=True, text=True)
        if checked.returncode != 0:
            where = dict(kept)
            bad = {}
            for line in checked.stderr.splitlines():
                copy = line.split(":", 1)[0]
                bad.setdefault(copy, line.split(":", 2)[-1].strip())
            for copy, message in sorted(bad.items()):
                failures.append(f"{where.get(copy, copy)}: XLIFF not valid against the OASIS schema: {message[:160]}")
            if not bad:
                failures.append(f"validate-xliff failed: {checked.stderr.strip()[:300]}")
    shutil.rmtree(keep_dir, ignore_errors=True)

    for failure in failures:
        print("hostile: FAIL: " + failure)
    slowest.sort(reverse=True)
    print("hostile: by command (exit code: runs): " + "; ".join(
        f"{c} {dict(sorted(v.items(), key=str))}" for c, v in sorted(by_command.items())))
    print("hostile: slowest: " + ", ".join(f"{s:.1f} s {w}" for s, w in slowest[:5]))
    print(f"hostile: {runs} runs on {len(names)} files in {time.monotonic() - started:.0f} s "
          f"(exit codes {dict(sorted(outcomes.items(), key=str))}); {len(kept)} XLIFF files schema-checked; "
          f"{len(failures)} failures")
    # The plain closing line CI reads: runs that ended well, and runs (or checks) that did not.
    failed = len({f.split(": ", 2)[0] + ": " + f.split(": ", 2)[1] if f.count(": ") >= 2 else f for f in failures})
    print(f"hostile: {max(0, runs - failed)} passed, {failed} failed")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
