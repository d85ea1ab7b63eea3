#!/usr/bin/env python3
"""trafilatura (the pinned version of bench/requirements.txt) on a WCXB-layout corpus, for the
WCXB tables of BENCHMARKS.md (bench/quality.py runs it with the project's .venv python).

    .venv/bin/python bench/trafilatura_wcxb.py --corpus DIR --out FILE.jsonl [--jobs 2]

Per page: `trafilatura.extract(html, url=url, output_format="markdown")` with its defaults
(comments, tables and fallbacks on), so that it is scored on Markdown like the other two
engines, and `trafilatura.extract_metadata(html, default_url=url)` for the metadata table.
Writes one line per page, in corpus order, as tests/tools/score.py --jsonl reads them:
{id, text, ms, title, author, date} or {id, error}.
"""

import argparse
import concurrent.futures
import gzip
import json
import os
import time

import trafilatura


def corpus_pages(corpus):
    """(id, url, html path) in score.py's order (ground-truth file names sorted)."""
    gtdir = os.path.join(corpus, "ground-truth")
    pages = []
    for name in sorted(os.listdir(gtdir)):
        if not name.endswith(".json"):
            continue
        with open(os.path.join(gtdir, name), encoding="utf-8") as f:
            url = json.load(f).get("url") or ""
        pid = name[: -len(".json")]
        pages.append((pid, url, os.path.join(corpus, "html", pid + ".html.gz")))
    return pages


def run(page):
    pid, url, path = page
    try:
        with gzip.open(path, "rb") as f:
            html = f.read().decode("utf-8", "replace")
        t0 = time.perf_counter()
        text = trafilatura.extract(html, url=url or None, output_format="markdown")
        ms = (time.perf_counter() - t0) * 1000
        meta = trafilatura.extract_metadata(html, default_url=url or None)
    except Exception as e:  # a crash of the engine is its failure on that page
        return {"id": pid, "error": f"{type(e).__name__}: {e}"}
    if text is None:
        return {"id": pid, "error": "trafilatura extracted nothing"}
    return {"id": pid, "text": text, "ms": round(ms, 1),
            "title": getattr(meta, "title", None), "author": getattr(meta, "author", None),
            "date": getattr(meta, "date", None)}


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--corpus", required=True)
    ap.add_argument("--out", required=True)
    ap.add_argument("--jobs", type=int, default=2, help="worker processes")
    args = ap.parse_args()
    pages = corpus_pages(args.corpus)
    with concurrent.futures.ProcessPoolExecutor(max_workers=args.jobs) as ex:
        records = list(ex.map(run, pages, chunksize=8))
    with open(args.out, "w", encoding="utf-8") as f:
        for rec in records:
            f.write(json.dumps(rec, ensure_ascii=False) + "\n")


if __name__ == "__main__":
    main()
