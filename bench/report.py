#!/usr/bin/env python3
"""Renders BENCHMARKS.md from one bench run's JSON files (bench/out/*.json, written by
scripts/bench.sh), and checks that every table is filled: a missing figure is an error, so a
quick run in the test suite catches a bench that has rotted.

    python3 bench/report.py --dir bench/out --out BENCHMARKS.md

Standard library only. Nothing here measures: it formats what the run measured.
"""

import argparse
import datetime
import gzip
import json
import os
import platform
import re
import subprocess
import sys

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), ".."))
WASM = os.path.join(ROOT, "extension", "pkg", "readmark_bg.wasm")
ANALYSIS = os.path.join(ROOT, "bench", "analysis.md")

# The goals of the benchmark issue, reported against (never asserted).
GOAL_BROWSER_RATIO = 0.25     # Readmark total ≤ 0.25× Readability.js + Turndown, corpus median
GOAL_NATIVE_RATIO = 2.0       # ≥ 2× dom_smoothie's throughput
GOAL_WASM_GZIP = 350 * 1024   # ≤ 350 KB gzip
GOAL_LIVE_GAP = 0.005         # Readmark over the browser path within 0.005 F1 of the file path (issue 10)
# Issue 8's WCXB-dev word-F1 targets (reported against, never asserted here; tests/quality.rs
# holds the ratchets): overall, articles, and rs-trafilatura's published figure per other type.
GOAL_WCXB = {"all": 0.87, "article": 0.95, "documentation": 0.932, "service": 0.844, "forum": 0.808,
             "collection": 0.716, "listing": 0.707, "product": 0.641}
WCXB_TYPES = ("article", "documentation", "service", "forum", "collection", "listing", "product")
WCXB_ENGINES = (("readmark", "Readmark"), ("readability_js", "Readability.js 0.6 + Turndown"),
                ("trafilatura", "trafilatura"))
# Pages listed in "slowest" tables.
SLOWEST = 10
# A scaling curve is called linear when the cost per unit at the largest size is within this
# factor of the cost at the smallest (timer noise and cache effects stay well inside it).
LINEAR_WITHIN = 1.5
# Issue 12's work budget: no input within the limits keeps the core busy for more than about a
# second per megabyte, with a floor of a second for small inputs: the fuzzer's bound
# (fuzz/README.md). Reported against here; tests/hostile.rs and the fuzzer assert it.
BUDGET_S_PER_MB = 1.0
BUDGET_FLOOR_S = 1.0
# A hostile shape's seconds per megabyte may grow by this factor from its smallest to its largest
# size and still be called linear: its smallest input (16 kB) takes about a millisecond, where
# fixed costs and timer noise weigh more than in the scaling series above.
PATHOLOGICAL_LINEAR_WITHIN = 2.0


class Missing(Exception):
    """A figure the report needs is absent from the run's output."""


def need(data, *path):
    value = data
    for key in path:
        if not isinstance(value, (dict, list)) or (isinstance(value, dict) and key not in value):
            raise Missing("/".join(map(str, path)))
        value = value[key]
    if value is None:
        raise Missing("/".join(map(str, path)))
    return value


def load(directory, name):
    path = os.path.join(directory, f"{name}.json")
    try:
        with open(path, encoding="utf-8") as f:
            return json.load(f)
    except FileNotFoundError:
        raise Missing(f"{name}.json") from None


def ms(value):
    return f"{value:.1f} ms" if value < 100 else f"{value:,.0f} ms"


def kb(value):
    return f"{value / 1024:,.1f} KB"


def mb(value):
    return f"{value / 1048576:,.1f} MB"


def met(ok):
    return "**met**" if ok else "**missed**"


def table(header, rows):
    lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    lines += ["| " + " | ".join(str(c) for c in row) + " |" for row in rows]
    return "\n".join(lines)


def command_version(args):
    try:
        out = subprocess.run(args, capture_output=True, text=True, timeout=30)
        return (out.stdout or out.stderr).strip().splitlines()[0]
    except (OSError, subprocess.TimeoutExpired, IndexError):
        return "n/a"


# ---- sections ----

def machine(browser, throughput):
    m = need(browser, "machine")
    libs = need(m, "libraries")
    rows = [
        ("CPU", f"{need(m, 'cpu')} ({need(m, 'cores')} cores, {m.get('logicalProcessors', '?')} logical)"),
        ("OS", f"{platform.system()} {platform.release()} {platform.machine()}"),
        ("Chromium", need(m, "chromium")),
        ("Node.js", need(m, "node")),
        ("Rust", command_version(["rustc", "--version"])),
        ("Readmark", f"{need(m, 'readmark', 'version')} (WASM {need(m, 'readmark', 'wasm', 'bytes'):,} bytes)"),
        ("Readability.js / Turndown / GFM plugin",
         f"{libs['@mozilla/readability']} / {libs['turndown']} / {libs['turndown-plugin-gfm']}"),
        ("dom_smoothie", need(throughput, "build", "dom_smoothie_version")),
    ]
    return "## Machine\n\n" + table(("", ""), rows)


def headline(quality, browser, throughput, sizes):
    ratio = need(browser, "summary", "ratio", "ratioOfMedians")
    native = need(throughput, "ratio_readmark_over_dom_smoothie")
    gz = need(sizes, "wasm_gzip")
    rm, rb = need(quality, "readmark"), need(quality, "readability_js")
    sh = (need(rm, "scrapinghub", "f1"), need(rb, "scrapinghub", "f1"))
    rd = (need(rm, "readability", "f1"), need(rb, "readability", "f1"))
    rows = [
        ("browser: Readmark total / Readability.js+Turndown (corpus medians)", f"≤ {GOAL_BROWSER_RATIO}",
         f"{ratio:.2f}×", met(ratio <= GOAL_BROWSER_RATIO)),
        ("native: Readmark throughput / dom_smoothie", f"≥ {GOAL_NATIVE_RATIO}", f"{native:.2f}×",
         met(native >= GOAL_NATIVE_RATIO)),
        ("WASM gzip", f"≤ {kb(GOAL_WASM_GZIP)}", kb(gz), met(gz <= GOAL_WASM_GZIP)),
        ("quality, ScrapingHub-dev F1: Readmark vs Readability.js", "above", f"{sh[0]:.3f} vs {sh[1]:.3f}",
         met(sh[0] > sh[1])),
        ("quality, Readability pages F1: Readmark vs Readability.js", "equal (±0.005)", f"{rd[0]:.3f} vs {rd[1]:.3f}",
         met(rd[0] >= rd[1] - 0.005)),
    ]
    live = need(quality, "readmark_live", "readability")
    label = "quality, Readability pages F1: Readmark browser path vs file path"
    if quality.get("quick"):  # the browser ran a few pages only: no comparison with all of them
        rows.append((label, f"within {GOAL_LIVE_GAP}", f"{live['f1']:.3f} ({live['pages']} pages, quick)", "–"))
    else:
        rows.append((label, f"within {GOAL_LIVE_GAP}", f"{live['f1']:.3f} vs {rd[0]:.3f}",
                     met(abs(live["f1"] - rd[0]) <= GOAL_LIVE_GAP)))
    wcxb = need(quality, "wcxb")
    if "absent" in wcxb:
        rows.append(("quality, WCXB-dev word F1 (Readmark)", f"≥ {GOAL_WCXB['all']}", "not measured", "–"))
    else:
        for key, label in (("all", "all pages"), ("article", "articles")):
            e = need(wcxb, "engines", "readmark")
            f1 = need(e, "f1") if key == "all" else need(e, "by_type", key, "f1")
            rows.append((f"quality, WCXB-dev word F1, {label} (Readmark)", f"≥ {GOAL_WCXB[key]}", f"{f1:.3f}",
                         met(f1 >= GOAL_WCXB[key])))
    return "## Goals\n\n" + table(("goal", "target", "measured", ""), rows)


def quality_section(quality):
    rows = []
    for kind, label in (("scrapinghub", "ScrapingHub-dev"), ("readability", "Readability")):
        for engine, name in (("readmark", "Readmark (file)"), ("readmark_live", "Readmark (browser path)"),
                             ("readability_js", "Readability.js 0.6 + Turndown")):
            q = need(quality, engine, kind)
            rows.append((label, name, f"{q['f1']:.3f}", f"{q['precision']:.3f}", f"{q['recall']:.3f}",
                         f"{q['accuracy']:.3f}", q["failures"], q["pages"]))
    out = ["## Quality", "",
           "ScrapingHub's shingle metric (4-word shingles, per-page precision and recall averaged over "
           "pages; accuracy = exact token-sequence match), on the Markdown each engine writes, "
           "through the reference scorer's Markdown-to-text step. Readmark through `readmark eval` "
           "(its Markdown body) on the page files; Readmark over the browser path: the Markdown the "
           "extension wrote from the live page's snapshot (`captureSnapshot` → `extractSnapshot`) in "
           "the browser run below, pages served from 127.0.0.1 with no page script; "
           "Readability.js's Markdown, produced in Chromium by the browser run below, through the "
           "reference scorer `tests/tools/score.py --jsonl` (the two agree to 3 decimals, "
           "`tools/tests/eval.rs`).", "",
           table(("corpus", "engine", "F1", "precision", "recall", "accuracy", "failures", "pages"), rows)]
    for kind, label in (("scrapinghub", "ScrapingHub-dev"), ("readability", "Readability")):
        worst = need(quality, "readmark", kind, "worst")
        out += ["", f"Readmark's worst pages, {label}:", "",
                table(("page", "F1", "precision", "recall"),
                      [(w["id"][:24], f"{w['f1']:.3f}", _f(w["precision"]), _f(w["recall"])) for w in worst])]
    out += ["", metadata_section(need(quality, "metadata")), "", wcxb_section(need(quality, "wcxb"))]
    return "\n".join(out)


def _f(value):
    return "–" if value is None else f"{value:.3f}"


def metadata_section(meta):
    rows = []
    for field in ("title", "byline", "publishedTime"):
        cells = [field]
        for engine in ("readmark", "readability_js"):
            m = need(meta, engine, field)
            absent = m["pages"] - m["expected_present"]
            cells += [f"{m['match']}/{m['pages']}", f"{m['found_when_present']}/{m['expected_present']}",
                      f"{m['match'] - m['found_when_present']}/{absent}"]
        rows.append(cells)
    return "\n".join([
        "### Metadata", "",
        f"Against the expected metadata of the {need(meta, 'pages') - 1} Readability pages (written by "
        "Readability.js's own test suite: that engine is graded on its own answers) and the Panorama "
        "fixture. Titles and bylines compared after folding case and white space, dates by calendar "
        "day. *given*: pages whose expectation has a value; *absent*: pages whose expectation has "
        "none (the engine must find none too — a date Readability.js does not read counts against "
        "Readmark here).", "",
        table(("field", "Readmark all", "given", "absent", "Readability.js all", "given", "absent"), rows)])


def wcxb_section(wcxb):
    """WCXB-dev: word F1 per page type and metadata accuracy of the three engines."""
    head = ["### WCXB-dev: every kind of page", ""]
    if "absent" in wcxb:
        return "\n".join(head + [f"**Not measured in this run: {wcxb['absent']}.** The tables need "
                                  "`../shared/corpora/wcxb-dev` beside the repository."])
    engines, meta = need(wcxb, "engines"), need(wcxb, "metadata")
    corpus = need(wcxb, "corpus")
    rows = []
    for key, name in WCXB_ENGINES:
        e = need(engines, key)
        name = f"trafilatura {need(wcxb, 'trafilatura_version')}" if key == "trafilatura" else name
        rows.append((name, f"{e['f1']:.3f}", *[f"{need(e, 'by_type', t, 'f1'):.3f}" for t in WCXB_TYPES],
                     f"{e['with_rate']:.3f}", f"{e['without_rate']:.3f}", e["failures"], e["pages"]))
    rows.append(("target (issue 8)", f"{GOAL_WCXB['all']:.3f}", *[f"{GOAL_WCXB[t]:.3f}" for t in WCXB_TYPES],
                 "", "", "", ""))
    counts = ", ".join(f"{t} {need(engines, 'readmark', 'by_type', t, 'pages')}" for t in WCXB_TYPES)
    meta_rows = []
    for field in ("title", "author", "date"):
        cells = [field]
        for key, _ in WCXB_ENGINES:
            m = need(meta, key, field)
            share = m["hit"] / m["given"] if m["given"] else 0.0
            cells += [f"{m['hit']}/{m['given']} ({share:.3f})", f"{m['absent_ok']}/{m['absent']}"]
        meta_rows.append(cells)
    return "\n".join(head + [
        f"WCXB's word metric (lower-cased words as multisets, per-page precision/recall/F1 averaged "
        f"over pages) on `{corpus}` ({counts} pages), every engine scored on its Markdown through "
        "the reference Markdown-to-text step: Readmark by `readmark eval`, Readability.js 0.6 + "
        "Turndown (run in headless Chromium on each page's parsed HTML, `bench/browser/wcxb.mjs`) "
        "and trafilatura (`extract(output_format=\"markdown\")`, defaults, `bench/trafilatura_wcxb.py`) "
        "by `tests/tools/score.py --jsonl`. *with*: share of the truth's snippets found; "
        "*without*: share of its boilerplate snippets leaked (lower is better).", "",
        table(("engine", "all", *WCXB_TYPES, "with", "without", "failures", "pages"), rows), "",
        "Metadata against the same pages' ground truth (`tests/tools/metadata_wcxb.py`, a copy of the "
        "shared tool): titles match after folding case, punctuation and white space, authors when one "
        "contains the other, dates by calendar day. *given*: pages whose truth has a value; *absent ok*: "
        "pages without one where the engine found none either.", "",
        table(("field", "Readmark given", "absent ok", "Readability.js given", "absent ok",
               "trafilatura given", "absent ok"), meta_rows)])


def browser_section(browser):
    s = need(browser, "summary")
    rm, rb = need(s, "readmark"), need(s, "readability")
    parts = need(rm, "medianMs")
    rows = [
        ("Readmark", ms(parts["captureMs"]), ms(parts["transferMs"]), ms(parts["extractMs"]),
         ms(parts["markdownMs"]), ms(parts["totalMs"]), ms(rm["p95TotalMs"]), rm["failed"]),
    ]
    rbp = need(rb, "medianMs")
    rows.append(("Readability.js + Turndown", f"clone {ms(rbp['cloneMs'])}", "–",
                 f"Readability {ms(rbp['readabilityMs'])}", f"Turndown {ms(rbp['turndownMs'])}",
                 ms(rbp["totalMs"]), ms(rb["p95TotalMs"]), rb["failed"]))
    ratio = need(s, "ratio")
    cold = need(browser, "coldStart")
    e2e = need(browser, "endToEnd")
    by_corpus = [(name, c["pages"], ms(c["readmark"]["medianMs"]["totalMs"]), ms(c["readability"]["medianMs"]["totalMs"]),
                  f"{c['ratio']['ratioOfMedians']:.2f}×") for name, c in sorted(need(s, "byCorpus").items())]
    slow = sorted((p for p in need(browser, "pages") if p["readmark"].get("ok")),
                  key=lambda p: -p["readmark"]["median"]["totalMs"])[:SLOWEST]
    opts = need(browser, "options")
    every = [(f"{p['corpus']}/{p['id'][:16]}",
              ms(p["readmark"]["median"]["totalMs"]) if p["readmark"].get("ok") else "failed",
              ms(p["readability"]["median"]["totalMs"]) if p["readability"].get("ok") else "failed",
              f"{p['ratio']:.2f}×" if p.get("ratio") is not None else "–")
             for p in need(browser, "pages")]
    return "\n".join([
        "## Speed in the browser", "",
        f"Headless Chromium, every corpus page served from 127.0.0.1 (`{opts['query']}`: the page "
        f"runs no script of its own) and loaded once; per page {opts['reps']} repetitions, the "
        "engines alternating (the order flips every repetition and page); per-page medians, then "
        "the corpus median and p95 of those. **Readmark** is what a click runs: "
        "`scripting.executeScript` of `capture.js` from an extension page (*capture*: the walk in "
        "the page, timed there; *transfer*: the rest of that round trip — injection and the "
        "structured clone of the snapshot), `extractSnapshot` in the WASM (*extract*, which "
        "includes the body's Markdown) and `markdownDocument` (*document*). **Readability.js** runs "
        "in the page on `document.cloneNode(true)`, then Turndown with the GFM plugin on its HTML.", "",
        table(("engine", "capture", "transfer", "extract", "document", "total (median)", "total p95", "failures"), rows), "",
        f"Ratio Readmark / Readability.js+Turndown: **{ratio['ratioOfMedians']:.2f}×** (corpus medians), "
        f"median of per-page ratios {ratio['medianOfPageRatios']:.2f}×; Readmark faster on "
        f"{ratio['readmarkFaster']} of {ratio['pages']} pages.", "",
        table(("corpus", "pages", "Readmark median", "Readability.js median", "ratio"), by_corpus), "",
        f"WASM cold start in an extension page (fetch + compile + instantiate, uncached): "
        f"{ms(need(cold, 'uncached', 'totalMs'))} (fetch {ms(cold['uncached']['fetchMs'])}, compile "
        f"{ms(cold['uncached']['compileMs'])}, instantiate {ms(cold['uncached']['instantiateMs'])}); "
        f"`init()` median {ms(need(cold, 'initMs', 'median'))}.", "",
        f"Through the real extension on the Panorama page (a message to the background, reply "
        f"awaited): click-to-saved (`save`) median {ms(need(e2e, 'save', 'roundTripMs', 'median'))}; "
        f"`extract` {ms(need(e2e, 'extract', 'roundTripMs', 'median'))} (its own timing: capture "
        f"{ms(e2e['extract']['timing']['captureMs'])}, extract {ms(e2e['extract']['timing']['extractMs'])}).", "",
        "Slowest pages for Readmark:", "",
        table(("page", "snapshot", "capture", "transfer", "extract", "total", "Readability.js total"),
              [(f"{p['corpus']}/{p['id'][:16]}", kb(p["readmark"].get("snapshotBytes", 0)),
                ms(p["readmark"]["median"]["captureMs"]), ms(p["readmark"]["median"]["transferMs"]),
                ms(p["readmark"]["median"]["extractMs"]), ms(p["readmark"]["median"]["totalMs"]),
                ms(p["readability"]["median"]["totalMs"]) if p["readability"].get("ok") else "failed")
               for p in slow]),
        "", "<details><summary>Every page: per-page medians</summary>", "",
        table(("page", "Readmark total", "Readability.js total", "ratio"), every), "", "</details>",
    ])


def native_section(throughput, memory):
    e = need(throughput, "engines")
    rows = [(name, f"{need(e, key, 'pages_per_s'):.1f}", f"{e[key]['mb_per_s']:.2f}", ms(e[key]["page_ms"]["median"]),
             ms(e[key]["page_ms"]["p95"]), ms(e[key]["page_ms"]["max"]), e[key]["failures"])
            for key, name in (("readmark", "Readmark"), ("dom_smoothie", "dom_smoothie"))]
    mem = need(memory, "engines")
    page = need(memory, "page")
    return "\n".join([
        "## Speed natively", "",
        f"One process, {need(throughput, 'pages')} pages ({mb(need(throughput, 'total_bytes'))} of HTML) "
        f"in memory, {need(throughput, 'rounds')} rounds, the engines alternating page by page "
        "(the order flips every page and round); rates from the median round. Readmark: "
        "`extract_html` (article, metadata, Markdown); dom_smoothie: `Readability::parse` with "
        "Markdown output.", "",
        table(("engine", "pages/s", "MB/s", "page median", "p95", "max", "failures"), rows), "",
        f"Ratio Readmark / dom_smoothie throughput: **{need(throughput, 'ratio_readmark_over_dom_smoothie'):.2f}×**.", "",
        f"Peak heap on the largest page (`{page['id']}`, {kb(page['bytes'])}, {page['nodes']:,} nodes): "
        f"Readmark {mb(need(mem, 'readmark', 'peak_bytes'))} ({mem['readmark']['peak_over_page_bytes']:.1f}× the page), "
        f"dom_smoothie {mb(need(mem, 'dom_smoothie', 'peak_bytes'))} ({mem['dom_smoothie']['peak_over_page_bytes']:.1f}×).",
    ])


def scaling_section(scaling):
    out = ["## Scaling", "",
           "Synthetic pages built from real corpus material (an article's paragraphs and headings "
           "repeated inside a page shell with navigation, sidebar, forms and footer), by size and by "
           "node count; median of the timed runs, peak heap from one counted run."]
    for axis, unit in (("by_bytes", "byte"), ("by_nodes", "node")):
        series = need(scaling, axis)
        rows = []
        for p in need(series, "points"):
            cells = [f"{p['bytes']:,} B / {p['nodes']:,} nodes"]
            for engine in ("readmark", "dom_smoothie"):
                r = p.get(engine) or {}
                if r.get("ms") is None:
                    cells += ["skipped", "", ""]
                    continue
                cells += [ms(r["ms"]), f"{r[f'ns_per_{unit}']:,.0f}", mb(r["peak_bytes"])]
            rows.append(cells)
        lin = need(series, "linearity")
        verdicts = []
        for engine in ("readmark", "dom_smoothie"):
            ratio = need(lin, engine, "largest_over_smallest")
            shape = "linear" if ratio <= LINEAR_WITHIN else "superlinear"
            verdicts.append(f"{engine}: cost per {unit} at the largest size / at the smallest = "
                            f"{ratio:.2f} → **{shape}** (linear means ≤ {LINEAR_WITHIN})")
        out += ["", f"### By {unit}s", "",
                table(("page", "Readmark", f"ns/{unit}", "peak", "dom_smoothie", f"ns/{unit}", "peak"), rows),
                "", *[f"- {v}" for v in verdicts]]
    raised = [p for axis in ("by_bytes", "by_nodes") for p in scaling[axis]["points"]
              if p.get("readmark_limits", {}).get("raised")]
    if raised:
        out += ["", "Readmark's input limits (`Options`) were raised for the points over them: "
                + ", ".join(f"{p['bytes']:,} B" for p in raised) + "."]
    return "\n".join(out)


def pathological_section(patho):
    """Issue 12's hostile shapes at growing sizes: the time of each, its seconds per megabyte,
    and how that figure grows from the smallest size to the largest (flat = linear)."""
    shapes = need(patho, "shapes")
    # Columns by the size asked for (each shape's input comes out a little over or under it).
    sizes = sorted({need(p, "target_bytes") for sh in shapes for p in need(sh, "points")})
    rows, verdicts = [], []
    for sh in shapes:
        timed = [p for p in sh["points"] if p.get("seconds") is not None]
        if not timed:
            raise Missing(f"pathological/{sh['shape']}/points")
        by_size = {p["target_bytes"]: p for p in sh["points"]}
        cells = [sh["shape"], sh["input"]]
        for size in sizes:
            p = by_size.get(size)
            if p is None:
                cells.append("–")
            elif p.get("seconds") is None:
                cells.append("skipped")
            else:
                cells.append(f"{ms(p['seconds'] * 1000)} ({p['seconds_per_mb']:.3f} s/MB)")
        # A refusal can take under a microsecond: the floor keeps the ratio defined.
        growth = timed[-1]["seconds_per_mb"] / max(timed[0]["seconds_per_mb"], 1e-9)
        within = all(p["seconds"] <= BUDGET_FLOOR_S + BUDGET_S_PER_MB * p["bytes"] / 1e6 for p in timed)
        skipped = any(p.get("seconds") is None for p in sh["points"])
        cells += [timed[-1]["outcome"], f"{growth:.2f}×"]
        rows.append(cells)
        shape_ok = growth <= PATHOLOGICAL_LINEAR_WITHIN and not skipped
        verdicts.append((sh["shape"], shape_ok, within))
    header = ["shape", "input", *[f"~{n / 1000:,.0f} kB" for n in sizes], "outcome at the largest", "s/MB growth"]
    superlinear = [name for name, ok, _ in verdicts if not ok]
    over = [name for name, _, within in verdicts if not within]
    return "\n".join([
        "## Hostile inputs", "",
        "The hostile shapes of issue 12 (`readmark-bench pathological`: nested elements, a million "
        "attributes, unclosed formatting, a run of `[`, snapshot whitespace runs…) at sizes growing "
        "fourfold, each through the whole pipeline (`extract_html` or `extract_snapshot`); each "
        "point, the fastest of up to 3 runs in CPU time of the measuring thread (waiting for a core "
        "on a busy machine is not counted); a shape is refused at a limit or extracted. Each cell: "
        "the time, and seconds per megabyte of input. *s/MB growth*: seconds per megabyte at the largest size over that at the "
        f"smallest (linear means ≤ {PATHOLOGICAL_LINEAR_WITHIN}; a quadratic shape grows fourfold per size).", "",
        table(header, rows), "",
        f"- linear (growth ≤ {PATHOLOGICAL_LINEAR_WITHIN}, no size skipped): "
        + (f"**{len(shapes)} of {len(shapes)} shapes**" if not superlinear
           else f"**missed** by {', '.join(superlinear)}"),
        f"- the budget ({BUDGET_FLOOR_S:g} s + {BUDGET_S_PER_MB:g} s per MB, the fuzzer's bound) at every size: "
        + ("**met** by every shape" if not over else f"**missed** by {', '.join(over)}"),
    ])


def size_section(sizes):
    return "\n".join([
        "## Size", "",
        table(("artifact", "bytes", ""), [
            ("`readmark_bg.wasm` (after `wasm-opt -Oz`)", f"{need(sizes, 'wasm_raw'):,}", kb(sizes["wasm_raw"])),
            ("the same, gzip -9", f"{need(sizes, 'wasm_gzip'):,}", kb(sizes["wasm_gzip"])),
            ("`readmark.js` (glue)", f"{need(sizes, 'glue_raw'):,}", kb(sizes["glue_raw"])),
            (f"extension zip (`{need(sizes, 'zip_name')}`)", f"{need(sizes, 'zip'):,}", kb(sizes["zip"]) if sizes["zip"] else "–"),
        ])])


def measure_sizes():
    with open(WASM, "rb") as f:
        wasm = f.read()
    glue = os.path.getsize(os.path.join(os.path.dirname(WASM), "readmark.js"))
    dist = os.path.join(ROOT, "dist")
    zips = sorted(n for n in os.listdir(dist) if n.endswith(".zip")) if os.path.isdir(dist) else []
    if not zips:
        raise Missing("dist/readmark-<version>.zip (run scripts/pack-extension.sh)")
    return {"wasm_raw": len(wasm), "wasm_gzip": len(gzip.compress(wasm, 9, mtime=0)), "glue_raw": glue,
            "zip_name": zips[-1], "zip": os.path.getsize(os.path.join(dist, zips[-1]))}


def duration(started):
    """How long the run took (from --started, the epoch second bench.sh began) and the load it
    ran under: figures from a busy machine are slower, the alternated ratios less so."""
    if started is None:
        return ""
    seconds = int(datetime.datetime.now(datetime.timezone.utc).timestamp()) - started
    load = os.getloadavg()[2] if hasattr(os, "getloadavg") else None
    on = f" with a 15-minute load average of {load:.1f} at its end" if load is not None else ""
    return f" The whole run took {seconds // 60} min {seconds % 60:02d} s{on}."


def render(directory, command, started=None):
    quality, browser = load(directory, "quality"), load(directory, "browser")
    throughput, memory, scaling = load(directory, "throughput"), load(directory, "memory"), load(directory, "scaling")
    patho = load(directory, "pathological")
    sizes = measure_sizes()
    quick = any(d.get("quick") for d in (quality, browser.get("options", {}), throughput, memory, scaling, patho))
    # The run's own date (the browser run records it), so that re-rendering keeps it.
    stamp = datetime.datetime.fromisoformat(need(browser, "date").replace("Z", "+00:00")).strftime("%Y-%m-%d %H:%M UTC")
    head = ["# Benchmarks", "",
            f"Written by `{command}` on {stamp}{' — **quick mode: a few pages, not a measurement**' if quick else ''}. "
            "Every figure below comes from that one run on this machine; the peers ran in the same "
            "run, alternating with Readmark, so that a noisy machine affects both alike. Ratios are "
            "the figures to compare; absolute times move with the machine's load." + duration(started), "",
            "Reproduce: `make bench` (quick mode, run by `make test`: `scripts/bench.sh --quick`). "
            "The parts: `cargo run --release -p readmark-bench -- throughput|memory|scaling|pathological`, "
            "`node bench/browser/run.mjs`, `python3 bench/quality.py`, `python3 bench/report.py`."]
    sections = [machine(browser, throughput), headline(quality, browser, throughput, sizes),
                quality_section(quality), browser_section(browser), native_section(throughput, memory),
                scaling_section(scaling), pathological_section(patho), size_section(sizes)]
    if os.path.isfile(ANALYSIS):
        with open(ANALYSIS, encoding="utf-8") as f:
            sections.append(f.read().strip())
    return "\n\n".join(["\n".join(head), *sections]) + "\n"


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--dir", required=True, help="the run's JSON files")
    ap.add_argument("--out", required=True, help="the Markdown file to write")
    ap.add_argument("--command", default="make bench", help="the command named in the report")
    ap.add_argument("--started", type=int, help="epoch second the run began (its duration is reported)")
    args = ap.parse_args()
    try:
        text = render(args.dir, args.command, args.started)
    except Missing as gap:
        sys.exit(f"report: the run left a figure out: {gap}")
    if re.search(r"\bnan\b|\bNone\b", text):
        sys.exit("report: a figure came out as nan/None")
    with open(args.out, "w", encoding="utf-8") as f:
        f.write(text)
    print(f"report: wrote {args.out}", file=sys.stderr)


if __name__ == "__main__":
    main()
