#!/usr/bin/env python3
"""Quality side of the benchmark: Readmark and Readability.js (+ Turndown) on the same pages,
with the same metric, plus title / byline / date accuracy against the expected metadata.

    python3 bench/quality.py --readmark target/release/readmark --outputs bench/out \
        --out bench/out/quality.json [--quick]

* Readmark: `readmark eval` (the project's own scorer, which agrees with the reference
  `tests/tools/score.py` to 3 decimals) on every corpus of `tests/corpus`, and
  `readmark extract --format json` per page for the metadata.
* Readmark over the browser path (`readmark_live`): the Markdown the extension wrote from the
  live page's snapshot in the same browser run (`<outputs>/readmark-live.<corpus>.jsonl`),
  scored by `score.py --jsonl` like Readability.js's, to set beside the file path's figure
  (issue 10: within 0.005 of it).
* Readability.js: the Markdown that `bench/browser/run.mjs` recorded for every page
  (`<outputs>/readability.<corpus>.jsonl`, with title, byline and publishedTime), scored by
  the reference scorer itself (`score.py --jsonl`).
* Metadata: the Readability corpus's `expected-metadata.json` (written by Readability.js's own
  test suite, so that engine starts with an advantage there) and the Panorama fixture.
* WCXB-dev (`../shared/corpora/wcxb-dev`, 1,497 pages of 7 types; absent → the report says so),
  word F1 per page type and title/author/date accuracy, three engines in this one run:
  Readmark (`readmark eval` on its Markdown; `readmark extract --format json` for the
  metadata), Readability.js 0.6 + Turndown (`bench/browser/wcxb.mjs`, in headless Chromium)
  and trafilatura (`bench/trafilatura_wcxb.py` in `.venv`, pinned in bench/requirements.txt),
  the two peers' Markdown scored by `tests/tools/score.py --jsonl`; metadata by
  `tests/tools/metadata_wcxb.py` (a copy of the shared one). `--quick`: one page of each type
  of the vendored sample `tests/corpus/wcxb-sample`, so that the tables cannot rot.

Standard library only. Writes one JSON object (the renderer's input) to --out.
"""

import argparse
import json
import os
import re
import shlex
import subprocess
import sys

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), ".."))
SCORER = os.path.join(ROOT, "tests", "tools", "score.py")
CORPORA = {  # score.py's corpus kind → directory
    "readability": os.path.join(ROOT, "tests", "corpus", "readability"),
    "scrapinghub": os.path.join(ROOT, "tests", "corpus", "scrapinghub-dev"),
}
PANORAMA = os.path.join(ROOT, "tests", "fixtures", "panorama")
METADATA_SCORER = os.path.join(ROOT, "tests", "tools", "metadata_wcxb.py")
WCXB_DEV = os.path.normpath(os.path.join(ROOT, "..", "shared", "corpora", "wcxb-dev"))
WCXB_SAMPLE = os.path.join(ROOT, "tests", "corpus", "wcxb-sample")
VENV_PYTHON = os.path.join(ROOT, ".venv", "bin", "python")
# Field names of each engine's metadata record for metadata_wcxb.py (WCXB name=engine key).
WCXB_FIELDS = {
    "readmark": "title=title,author=byline,date=publishedTime",
    "readability_js": "title=title,author=byline,date=publishedTime",
    "trafilatura": "title=title,author=author,date=date",
}
WCXB_TYPE_LINE = re.compile(
    r"^\s+type (?P<type>\S+)\s+pages\s+(?P<pages>\d+) F1 (?P<f1>[\d.]+) "
    r"precision (?P<precision>[\d.]+) recall (?P<recall>[\d.]+)$")
WCXB_SNIPPETS = re.compile(r"with (?P<with_rate>[\d.]+) without (?P<without_rate>[\d.]+)")
METADATA_FIELD = re.compile(
    r"(?P<field>\w+) (?P<hit>\d+)/(?P<given>\d+) \([\d.]+\) absent-ok (?P<absent_ok>\d+)/(?P<absent>\d+)")
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
        # A page without an article still prints its metadata (exit status 1): count it.
        found[pid] = json.loads(run.stdout) if run.stdout.strip() else {}
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


# ---- WCXB ----

def wcxb_corpus(outputs_dir, quick):
    """The corpus directory the WCXB tables measure, or None when it is absent. Quick mode: a
    corpus of one page per type of the vendored sample, linked into the outputs directory."""
    if not quick:
        return WCXB_DEV if os.path.isdir(os.path.join(WCXB_DEV, "ground-truth")) else None
    mini = os.path.join(outputs_dir, "wcxb-quick")
    for sub in ("ground-truth", "html"):
        os.makedirs(os.path.join(mini, sub), exist_ok=True)
    seen = set()
    for name in sorted(os.listdir(os.path.join(WCXB_SAMPLE, "ground-truth"))):
        with open(os.path.join(WCXB_SAMPLE, "ground-truth", name), encoding="utf-8") as f:
            page_type = ((json.load(f).get("_internal") or {}).get("page_type") or {}).get("primary")
        if page_type in seen:
            continue
        seen.add(page_type)
        pid = name[: -len(".json")]
        for sub, file in (("ground-truth", name), ("html", pid + ".html.gz")):
            link = os.path.join(mini, sub, file)
            if not os.path.lexists(link):
                os.symlink(os.path.join(WCXB_SAMPLE, sub, file), link)
    return mini


def readmark_wcxb(readmark, corpus):
    """`readmark eval` on the corpus → {f1, precision, recall, with_rate, without_rate, pages, failures, by_type}."""
    out = subprocess.run([readmark, "eval", "--corpus", corpus], check=True, capture_output=True, text=True).stdout
    result = None
    for line in out.splitlines():
        if m := SUMMARY_LINE.match(line):
            result = {k: float(v) for k, v in m.groupdict().items() if k != "name"}
            result["pages"], result["failures"] = int(result["pages"]), int(result["failures"])
            result["by_type"] = {}
        elif result is not None and (m := WCXB_SNIPPETS.search(line)) and "(word metric)" in line:
            result.update({k: float(v) for k, v in m.groupdict().items()})
        elif result is not None and (m := WCXB_TYPE_LINE.match(line)):
            result["by_type"][m["type"]] = {"pages": int(m["pages"]), "f1": float(m["f1"]),
                                            "precision": float(m["precision"]), "recall": float(m["recall"])}
    if result is None or "with_rate" not in result:
        raise SystemExit(f"quality: readmark eval printed no WCXB summary:\n{out}")
    return result


def score_wcxb_jsonl(corpus, path, out_json):
    """The reference scorer on a peer's recorded Markdown → the same keys as readmark_wcxb's."""
    subprocess.run([sys.executable, SCORER, "--corpus", corpus, "--jsonl", path, "--json-out", out_json,
                    "--n-bootstrap", "0"], check=True, capture_output=True, text=True)
    with open(out_json, encoding="utf-8") as f:
        m = json.load(f)[0]
    return {**{k: m[k] for k in ("f1", "precision", "recall", "with_rate", "without_rate", "pages", "failures")},
            "by_type": {t: {k: v[k] for k in ("pages", "f1", "precision", "recall")} for t, v in m["by_type"].items()}}


def split_records(jsonl, directory):
    """One `<id>.json` per page of a peer's JSONL (what metadata_wcxb.py's command prints)."""
    os.makedirs(directory, exist_ok=True)
    for rec in jsonl_lines(jsonl):
        with open(os.path.join(directory, f"{rec['id']}.json"), "w", encoding="utf-8") as f:
            json.dump({} if rec.get("error") else rec, f, ensure_ascii=False)


def metadata_wcxb(corpus, cmd, fields):
    """metadata_wcxb.py's verdict → {field: {hit, given, absent_ok, absent}}."""
    out = subprocess.run([sys.executable, METADATA_SCORER, corpus, "--cmd", cmd, "--fields", fields, "--jobs", "2"],
                         check=True, capture_output=True, text=True).stdout
    table = {m["field"]: {k: int(m[k]) for k in ("hit", "given", "absent_ok", "absent")}
             for m in METADATA_FIELD.finditer(out)}
    if set(table) != {"title", "author", "date"}:
        raise SystemExit(f"quality: metadata_wcxb.py printed no verdict for every field:\n{out}")
    return table


def wcxb_report(readmark, outputs_dir, quick):
    """The WCXB quality and metadata tables of the three engines, or why they are absent."""
    corpus = wcxb_corpus(outputs_dir, quick)
    if corpus is None:
        return {"absent": f"{WCXB_DEV} not found (the shared corpora are not beside the repository)"}
    engines, metadata = {"readmark": readmark_wcxb(readmark, corpus)}, {}
    metadata["readmark"] = metadata_wcxb(
        corpus, f"{shlex.quote(readmark)} extract {{html}} --url {{url}} --format json", WCXB_FIELDS["readmark"])
    peers = {
        "readability_js": ["node", os.path.join(ROOT, "bench", "browser", "wcxb.mjs")],
        "trafilatura": [VENV_PYTHON, os.path.join(ROOT, "bench", "trafilatura_wcxb.py")],
    }
    for engine, command in peers.items():
        jsonl = os.path.join(outputs_dir, f"{engine}.wcxb.jsonl")
        print(f"quality: {engine} on {corpus}", file=sys.stderr)
        subprocess.run([*command, "--corpus", corpus, "--out", jsonl], check=True)
        engines[engine] = score_wcxb_jsonl(corpus, jsonl, os.path.join(outputs_dir, f"score.{engine}.wcxb.json"))
        records = os.path.join(outputs_dir, f"{engine}.wcxb.records")
        split_records(jsonl, records)
        cmd = f"cat {shlex.quote(records)}/\"$(basename {{html}} .html)\".json"
        metadata[engine] = metadata_wcxb(corpus, cmd, WCXB_FIELDS[engine])
    return {"corpus": os.path.relpath(corpus, ROOT), "quick": quick, "engines": engines, "metadata": metadata,
            "trafilatura_version": trafilatura_version()}


def trafilatura_version():
    out = subprocess.run([VENV_PYTHON, "-c", "import trafilatura; print(trafilatura.__version__)"],
                         check=True, capture_output=True, text=True)
    return out.stdout.strip()


def score_browser_run(outputs, engine, quick):
    """Scores one engine's outputs of the browser run (`<engine>.<corpus>.jsonl`), per corpus."""
    scores = {}
    for kind in CORPORA:
        path = os.path.join(outputs, f"{engine}.{kind}.jsonl")
        if not os.path.isfile(path):
            raise SystemExit(f"quality: {path} is missing: run bench/browser/run.mjs first")
        scored = os.path.join(outputs, f"score.{engine}.{kind}.json")
        scores[kind] = score_jsonl(kind, path, scored, quick)
    return scores


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--readmark", required=True, help="the readmark CLI binary")
    ap.add_argument("--outputs", required=True, help="directory of the browser run's JSONL outputs")
    ap.add_argument("--out", required=True, help="where to write the JSON report")
    ap.add_argument("--quick", action="store_true")
    args = ap.parse_args()

    report = {
        "quick": args.quick,
        "readmark": readmark_eval(args.readmark),
        "readability_js": score_browser_run(args.outputs, "readability", args.quick),
        "readmark_live": score_browser_run(args.outputs, "readmark-live", args.quick),
    }
    pages = expected_metadata(args.quick)
    report["metadata"] = {
        "pages": len(pages),
        "readmark": metadata_accuracy(pages, readmark_metadata(args.readmark, pages)),
        "readability_js": metadata_accuracy(pages, readability_metadata(args.outputs)),
    }
    report["wcxb"] = wcxb_report(os.path.abspath(args.readmark), os.path.abspath(args.outputs), args.quick)
    with open(args.out, "w", encoding="utf-8") as f:
        json.dump(report, f, indent=1, ensure_ascii=False)
    for engine in ("readmark", "readmark_live", "readability_js"):
        for kind, m in report[engine].items():
            print(f"quality: {engine:15} {kind:12} F1 {m['f1']:.3f} P {m['precision']:.3f} "
                  f"R {m['recall']:.3f} acc {m['accuracy']:.3f} failures {m['failures']}", file=sys.stderr)
    for engine, m in report["wcxb"].get("engines", {}).items():
        types = " ".join(f"{t} {v['f1']:.3f}" for t, v in m["by_type"].items())
        print(f"quality: {engine:15} wcxb F1 {m['f1']:.3f} ({types})", file=sys.stderr)


if __name__ == "__main__":
    main()
