#!/usr/bin/env python3
"""Checks that an optimisation changed nothing a user sees: every page of the corpora is
extracted by a reference build and by the current build of the `readmark` CLI, as Markdown
and as JSON, and the outputs must be byte-identical but for the front matter's save time (exit status
1 and the differing pages listed otherwise).

    cp target/release/readmark /tmp/readmark-before      # before the change
    ...change, cargo build --release...
    python3 bench/same_output.py --old /tmp/readmark-before --new target/release/readmark

The reference outputs are cached per binary (by its SHA-256) under --cache, so checking
several changes against one reference extracts with the old binary once. Corpora: the
repository's tests/corpus/* and ../shared/corpora/wcxb-dev when it is there, each page with
the URL its corpus gives (as `readmark eval` does), gzipped pages unpacked once into the cache.
"""

import argparse
import concurrent.futures
import gzip
import hashlib
import json
import os
import re
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
# The URL Readability's own test suite uses (src/eval/corpus.rs, READABILITY_TEST_URL).
READABILITY_TEST_URL = "http://fakehost/test/page.html"
# The output formats compared: the Markdown with its front matter, and the JSON.
FORMATS = ("md", "json")
# The front matter's save time (the clock when the CLI ran): the one field that may differ.
SAVED_TIME = re.compile(rb'^saved: "[^"\n]*"$', re.MULTILINE)


def corpus_dirs():
    dirs = sorted(p for p in (ROOT / "tests" / "corpus").iterdir() if p.is_dir())
    shared = ROOT.parent / "shared" / "corpora" / "wcxb-dev"
    if shared.is_dir():
        dirs.append(shared)
    else:
        print(f"same_output: {shared} is missing, not checked", file=sys.stderr)
    return dirs


def pages_of(corpus):
    """(page id, html path, url) of each page, for the three layouts `readmark eval` reads."""
    if (corpus / "ground-truth.json").is_file():
        truth = json.loads((corpus / "ground-truth.json").read_text())
        for key, entry in sorted(truth.items()):
            html = next((corpus / "html").glob(key + ".html*"), None)
            if html:
                yield f"{corpus.name}/{key}", html, entry.get("url") or ""
    elif (corpus / "ground-truth").is_dir():
        for gt in sorted((corpus / "ground-truth").glob("*.json")):
            html = next((corpus / "html").glob(gt.stem + ".html*"), None)
            if html:
                url = json.loads(gt.read_text()).get("url") or ""
                yield f"{corpus.name}/{gt.stem}", html, url
    else:
        for page in sorted(corpus.iterdir()):
            if (page / "source.html").is_file() and (page / "expected.txt").is_file():
                yield f"{corpus.name}/{page.name}", page / "source.html", READABILITY_TEST_URL


def plain_html(path, cache):
    """The page as a plain .html file (gzipped pages unpacked once into the cache)."""
    if path.suffix != ".gz":
        return path
    out = cache / "html" / path.parent.parent.name / path.stem
    if not out.is_file():
        out.parent.mkdir(parents=True, exist_ok=True)
        out.write_bytes(gzip.decompress(path.read_bytes()))
    return out


def extract(binary, html, url, fmt):
    args = [str(binary), "extract", str(html), "--format", fmt]
    if url:
        args += ["--url", url]
    run = subprocess.run(args, capture_output=True)
    return run.returncode.to_bytes(1, "little") + run.stdout + b"\0" + run.stderr


def digest(path):
    return hashlib.sha256(Path(path).read_bytes()).hexdigest()[:16]


def outputs(binary, pages, cache, jobs):
    """Every page's outputs from `binary`, from the cache when that binary ran before."""
    store = cache / "out" / digest(binary)
    store.mkdir(parents=True, exist_ok=True)

    def one(task):
        (pid, html, url), fmt = task
        file = store / (pid.replace("/", "__") + "." + fmt)
        if not file.is_file():
            file.write_bytes(extract(binary, html, url, fmt))
        return (pid, fmt), SAVED_TIME.sub(b'saved: "?"', file.read_bytes())

    tasks = [(p, fmt) for p in pages for fmt in FORMATS]
    with concurrent.futures.ThreadPoolExecutor(jobs) as pool:
        return dict(pool.map(one, tasks))


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--old", required=True, help="the reference readmark binary")
    ap.add_argument("--new", default=str(ROOT / "target/release/readmark"))
    ap.add_argument("--cache", default="/tmp/readmark-same-output")
    ap.add_argument("--jobs", type=int, default=os.cpu_count() or 1)
    args = ap.parse_args()
    cache = Path(args.cache)
    pages = [
        (pid, plain_html(html, cache), url)
        for corpus in corpus_dirs()
        for pid, html, url in pages_of(corpus)
    ]
    old = outputs(args.old, pages, cache, args.jobs)
    new = outputs(args.new, pages, cache, args.jobs)
    differ = sorted(key for key in old if old[key] != new[key])
    for pid, fmt in differ:
        print(f"DIFFERS {pid} ({fmt})")
    print(f"same_output: {len(pages)} pages x {len(FORMATS)} formats, {len(differ)} differ")
    return 1 if differ else 0


if __name__ == "__main__":
    sys.exit(main())
