#!/usr/bin/env python3
"""Quality side of the benchmark: Readmark and Readability.js (+ Turndown) on the same pages,
with the same metric, plus title / byline / date accuracy against the expected metadata.

    python3 bench/quality.py --readmark target/release/readmark --outputs bench/out \
        --out bench/out/quality.json [--quick]

* Readmark: `readmark eval` (the project's own scorer, which agrees with the reference
  `tests/tools/score.py` to 3 decimals) on every corpus of `tests/corpus`, and
  `readmark extract --format json` per page for the metadata.
* Readability.js: the Markdown that `bench/browser/run.mjs` recorded for every page
  (`<outputs>/readability.<corpus>.jsonl`, with title, byline and publishedTime), scored by
  the reference scorer itself (`score.py --jsonl`).
* Metadata: the Readability corpus's `expected-metadata.json` (written by Readability.js's own
  test suite, so that engine starts with an advantage there) and the Panorama fixture.

Standard library only. Writes one JSON object (the renderer's input) to --out.
"""

import argparse
import json
import os
import re
import subprocess
import sys

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), ".."))
SCORER = os.path.join(ROOT, "tests", "tools", "score.py")
CORPORA = {  # score.py's corpus kind → directory
    "readability": os.path.join(ROOT, "tests", "corpus", "readability"),
    "scrapinghub": os.path.join(ROOT, "tests", "corpus", "scrapinghub-dev"),
}
PANORAMA = os.path.join(ROOT, "tests", "fixtures", "panorama")
# The URL Readability's own test suite gives its pages (score.py uses it too).
READABILITY_TEST_URL = "http://fakehost/test/page.html"
# Worst pages listed per corpus and engine.
WORST = 10
# Pages per corpus in quick mode (the test suite's run: the bench must not rot, not measure).
QUICK_PAGES = 3
METADATA_FIELDS = ("title", "byline", "publishedTime")

SUMMARY_LINE = re.compile(
    r"^\[(?P<name>[\w-]+)\] F1 (?P<f1>[\d.]+) precision (?P<precision>[\d.]+) "
    r"recall (?P<recall>[\d.]+) pages (?P<pages>\d+) failures (?P<failures>\d+)")
ACCURACY_LINE = re.compile(r"accuracy (?P<accuracy>[\d.]+)")
WORST_ROW = re.compile(
    r"^\s+(?P<f1>[\d.]+)\s+(?P<precision>[\d.]+|-)\s+(?P<recall>[\d.]+|-)\s+\d+\s+\d+\s+\S+\s+(?P<id>\S+)$")


def readmark_eval(readmark):
    """`readmark eval` over both corpora → {corpus: {f1, precision, recall, accuracy, pages, failures, worst}}."""
    args = [readmark, "eval", "--per-page", str(WORST)]
    for path in CORPORA.values():
        args += ["--corpus", path]
    out = subprocess.run(args, check=True, capture_output=True, text=True).stdout
    results, current = {}, None
    for line in out.splitlines():
        if m := SUMMARY_LINE.match(line):
            current = {k: float(v) for k, v in m.groupdict().items() if k != "name"}
            current["pages"], current["failures"] = int(current["pages"]), int(current["failures"])
            current["worst"] = []
            results[m["name"]] = current
        elif current is not None and "accuracy" in line and (m := ACCURACY_LINE.search(line)):
            current["accuracy"] = float(m["accuracy"])
        elif current is not None and (m := WORST_ROW.match(line)):
            current["worst"].append({"id": m["id"], "f1": float(m["f1"]),
                                     "precision": _num(m["precision"]), "recall": _num(m["recall"])})
    missing = set(CORPORA) - set(results)
    if missing:
        raise SystemExit(f"quality: readmark eval printed no summary for {sorted(missing)}:\n{out}")
    return results


def _num(text):
    return None if text == "-" else float(text)


def jsonl_lines(path):
    with open(path, encoding="utf-8") as f:
        return [json.loads(line) for line in f if line.strip()]


def score_jsonl(kind, path, out_json, quick):
    """The reference scorer on recorded outputs → the same keys as readmark_eval's."""
    args = [sys.executable, SCORER, "--corpus", CORPORA[kind], "--jsonl", path,
            "--json-out", out_json, "--per-page", str(WORST), "--n-bootstrap", "0"]
    if quick:  # score only the pages the quick run recorded
        for rec in jsonl_lines(path):
            args += ["--only", str(rec["id"])]
    subprocess.run(args, check=True, capture_output=True, text=True)
    with open(out_json, encoding="utf-8") as f:
        data = json.load(f)
    metrics = data[0]  # one corpus per call: a list of one result
    per_page = sorted(metrics.get("per_page", []), key=lambda p: p.get("f1", 0))[:WORST]
    return {
        **{k: metrics[k] for k in ("f1", "precision", "recall", "accuracy", "pages", "failures")},
        "worst": [{"id": p["id"], "f1": p.get("f1"), "precision": p.get("precision"),
                   "recall": p.get("recall")} for p in per_page],
    }


# ---- metadata ----

def norm_text(value):
    return " ".join(str(value).split()).casefold() if value else None


def norm_date(value):
    """The calendar day a date string names (expected values come in many formats)."""
    m = re.match(r"(\d{4}-\d{2}-\d{2})", str(value)) if value else None
    return m[1] if m else norm_text(value)


NORMALISE = {"title": norm_text, "byline": norm_text, "publishedTime": norm_date}


def expected_metadata(quick):
    """{page id: {url, path, expected}} for the Readability corpus pages and Panorama."""
    pages = {}
    names = sorted(n for n in os.listdir(CORPORA["readability"])
                   if os.path.isfile(os.path.join(CORPORA["readability"], n, "expected-metadata.json")))
    for name in names[:QUICK_PAGES] if quick else names:
        d = os.path.join(CORPORA["readability"], name)
        with open(os.path.join(d, "expected-metadata.json"), encoding="utf-8") as f:
            pages[f"readability/{name}"] = {"url": READABILITY_TEST_URL, "path": os.path.join(d, "source.html"),
                                           "expected": json.load(f)}
    with open(os.path.join(PANORAMA, "expected-metadata.json"), encoding="utf-8") as f:
        expected = json.load(f)
    pages["panorama"] = {"url": expected["url"], "path": os.path.join(PANORAMA, "source.html"), "expected": expected}
    return pages


def readmark_metadata(readmark, pages):
    found = {}
    for pid, page in pages.items():
        run = subprocess.run([readmark, "extract", page["path"], "--url", page["url"], "--format", "json"],
                             capture_output=True, text=True)
        found[pid] = json.loads(run.stdout) if run.returncode == 0 else {}
    return found


def readability_metadata(outputs_dir):
    """Readability.js's metadata from the browser run's JSONL (readability corpus + Panorama)."""
    found = {}
    for kind in ("readability", "fixtures"):
        path = os.path.join(outputs_dir, f"readability.{kind}.jsonl")
        if not os.path.isfile(path):
            continue
        for rec in jsonl_lines(path):
            pid = rec["id"] if kind == "fixtures" else f"readability/{rec['id']}"
            found[pid] = {} if rec.get("error") else rec
    return found


def metadata_accuracy(pages, found):
    """Per field: pages where the engine's value equals the expected one (absent = absent)."""
    table = {}
    for field in METADATA_FIELDS:
        norm = NORMALISE[field]
        judged = [(pid, norm(page["expected"].get(field)), norm((found.get(pid) or {}).get(field)))
                  for pid, page in pages.items() if pid in found]
        table[field] = {
            "match": sum(1 for _, want, got in judged if want == got),
            "pages": len(judged),
            "expected_present": sum(1 for _, want, _ in judged if want is not None),
            "found_when_present": sum(1 for _, want, got in judged if want is not None and want == got),
            "misses": [pid for pid, want, got in judged if want != got][:WORST],
        }
    return table


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--readmark", required=True, help="the readmark CLI binary")
    ap.add_argument("--outputs", required=True, help="directory of the browser run's JSONL outputs")
    ap.add_argument("--out", required=True, help="where to write the JSON report")
    ap.add_argument("--quick", action="store_true")
    args = ap.parse_args()

    report = {"quick": args.quick, "readmark": readmark_eval(args.readmark), "readability_js": {}}
    for kind in CORPORA:
        path = os.path.join(args.outputs, f"readability.{kind}.jsonl")
        if not os.path.isfile(path):
            raise SystemExit(f"quality: {path} is missing: run bench/browser/run.mjs first")
        scored = os.path.join(args.outputs, f"score.readability.{kind}.json")
        report["readability_js"][kind] = score_jsonl(kind, path, scored, args.quick)
    pages = expected_metadata(args.quick)
    report["metadata"] = {
        "pages": len(pages),
        "readmark": metadata_accuracy(pages, readmark_metadata(args.readmark, pages)),
        "readability_js": metadata_accuracy(pages, readability_metadata(args.outputs)),
    }
    with open(args.out, "w", encoding="utf-8") as f:
        json.dump(report, f, indent=1, ensure_ascii=False)
    for engine in ("readmark", "readability_js"):
        for kind, m in report[engine].items():
            print(f"quality: {engine:15} {kind:12} F1 {m['f1']:.3f} P {m['precision']:.3f} "
                  f"R {m['recall']:.3f} acc {m['accuracy']:.3f} failures {m['failures']}", file=sys.stderr)


if __name__ == "__main__":
    main()
