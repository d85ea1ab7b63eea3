#!/usr/bin/env python3
"""How far can a page-independent title rule go on WCXB-dev? (issue 9: title >= 0.90)

    python3 bench/title_ceiling.py --readmark target/release/readmark \
        [--corpus ../shared/corpora/wcxb-dev] [--jobs 2]

A rule can only return a title the page states somewhere. This reads, from every page's
HTML, the places a title comes from (`<title>`, `og:title`, the `<h1>`s, JSON-LD
`headline`/`name`) and the pieces a rule makes of them (a `<title>` cut at its separators:
first segment, last segment, all but the last, ...), plus Readmark's own title
(`readmark extract --format json`). Titles are compared as `tools/metadata_wcxb.py` does.

It prints:
* **oracle**: pages whose true title is among those candidates (what a perfect chooser gets);
* **readmark**: pages whose true title is Readmark's;
* **lookup tables**: pages are grouped by how their title sources relate to each other
  (is there an `<h1>`, does it equal the `<title>`, its first segment, `og:title`, how many
  segments the `<title>` has, ... and at levels 2 and 3 the page type Readmark gives and
  the `<h1>`'s length). For each group the table keeps the one candidate kind that is right
  most often there. This is the best any rule reading those relations can do on these
  pages (*fit*); scored on domains left out of its fitting, in five folds (*held out*), it
  is what such a rule would keep on pages it was not tuned on. A fit far above the held-out
  figure is over-fitting: the table learnt the annotators' page-by-page choices.

Standard library only.
"""
import argparse
import collections
import concurrent.futures
import gzip
import json
import os
import random
import re
import subprocess
from html.parser import HTMLParser
from urllib.parse import urlparse

# Separators a <title> joins its segments with (the site's name, a section, a tagline).
SEPARATORS = re.compile(r"\s[|\-–—·•»/]\s|\s*\|\s*|:\s")
# Candidate kinds the lookup tables choose among.
KINDS = ["readmark", "h1", "h1_later", "og", "title", "title_first", "title_all_but_last",
         "title_last", "title_middle", "title_all_but_first", "og_first", "og_all_but_last",
         "json_ld", "h1_first"]
FOLDS = 5
SEED = 1


def fold(s):
    """The comparison key of tools/metadata_wcxb.py."""
    return re.sub(r"\W+", " ", (s or "").lower()).strip()


class Sources(HTMLParser):
    """<title>, meta og:title, the <h1>s' text and the JSON-LD blocks of one page."""

    def __init__(self):
        super().__init__()
        self.title, self.og, self.h1s, self.ld = None, None, [], []
        self._text = None  # (kind, parts) while inside <title>, <h1> or a JSON-LD script
        self._skip = 0

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "meta" and (a.get("property") or a.get("name") or "").lower() == "og:title":
            self.og = self.og or a.get("content")
        elif tag == "title" and self.title is None and self._text is None:
            self._text = ("title", [])
        elif tag == "h1" and self._text is None:
            self._text = ("h1", [])
        elif (tag == "script" and self._text is None
              and (a.get("type") or "").lower() == "application/ld+json"):
            self._text = ("ld", [])
        elif tag in ("script", "style", "button"):
            self._skip += 1

    def handle_endtag(self, tag):
        if self._text and tag == {"title": "title", "h1": "h1", "ld": "script"}[self._text[0]]:
            kind, parts = self._text
            text = "".join(parts)
            if kind == "title":
                self.title = text
            elif kind == "h1":
                self.h1s.append(text)
            else:
                self.ld.append(text)
            self._text = None
        elif tag in ("script", "style", "button") and self._skip:
            self._skip -= 1

    def handle_data(self, data):
        if self._text and (self._skip == 0 or self._text[0] == "ld"):
            self._text[1].append(data)


def ld_titles(blocks):
    """`headline` and `name` of the JSON-LD objects at the top and in `@graph`."""
    out = []
    for block in blocks:
        try:
            data = json.loads(block)
        except ValueError:
            continue
        items = data if isinstance(data, list) else [data]
        items += [g for d in items if isinstance(d, dict) for g in d.get("@graph", [])
                  if isinstance(d.get("@graph"), list)]
        for d in items:
            if isinstance(d, dict):
                out += [d[k] for k in ("headline", "name") if isinstance(d.get(k), str)]
    return out[:2]


def segments(text):
    return [p.strip() for p in SEPARATORS.split(text or "") if p.strip()]


def candidates(src, ours):
    """fold(candidate) -> the kinds that give it."""
    found = collections.defaultdict(set)

    def add(text, kind):
        if fold(text):
            found[fold(text)].add(kind)

    add(ours, "readmark")
    for i, h in enumerate(src.h1s[:3]):
        add(h, "h1" if i == 0 else "h1_later")
        if len(segments(h)) > 1:
            add(segments(h)[0], "h1_first")
    for name, text in (("og", src.og), ("title", src.title)):
        if not text:
            continue
        add(text, name)
        segs, cuts = segments(text), list(SEPARATORS.finditer(text))
        if len(segs) > 1 and cuts:
            add(segs[0], name + "_first")
            add(text[:cuts[-1].start()], name + "_all_but_last")
            if name == "title":
                add(segs[-1], "title_last")
                add(text[cuts[0].end():], "title_all_but_first")
                for s in segs[1:-1]:
                    add(s, "title_middle")
    for t in ld_titles(src.ld):
        add(t, "json_ld")
    return found


def signature(src, page_type, level):
    """How the page's title sources relate: the lookup tables' key."""
    h = [fold(x) for x in src.h1s if fold(x)]
    h0, t, og = (h[0] if h else ""), fold(src.title), fold(src.og)
    segs = [fold(s) for s in segments(src.title)]
    ld = [fold(x) for x in ld_titles(src.ld)]
    key = [bool(h), len(h) > 1, h0 == t, bool(og) and h0 == og, bool(h0) and h0 in t,
           bool(segs) and h0 == segs[0], min(len(segs), 4), bool(og), og == t, bool(ld),
           bool(h0) and h0 in ld, bool(og) and og in t]
    if level > 1:
        key.append(page_type)
    if level > 2:
        key.append(min(len(h0.split()), 10) // 3)
    return tuple(key)


def read_page(corpus, readmark, page_id):
    gt = json.load(open(os.path.join(corpus, "ground-truth", page_id + ".json"), encoding="utf-8"))
    html = gzip.open(os.path.join(corpus, "html", page_id + ".html.gz")).read()
    args = [readmark, "extract", "-", "--format", "json"]
    if gt.get("url"):
        args += ["--url", gt["url"]]
    run = subprocess.run(args, input=html, capture_output=True)
    try:
        out = json.loads(run.stdout.decode("utf-8", "replace"))
    except ValueError:
        out = {}
    src = Sources()
    try:
        src.feed(html.decode("utf-8", "replace"))
    except Exception:  # html.parser gives up on some broken markup; keep what it read
        pass
    return {"truth": fold(gt["ground_truth"].get("title")),
            "domain": urlparse(gt.get("url") or "").netloc,
            "found": candidates(src, out.get("title")),
            "sig": {lvl: signature(src, out.get("pageType"), lvl) for lvl in (1, 2, 3)}}


def fit(pages, level):
    """Per group, the kind right most often (Readmark's own title on a tie)."""
    table = collections.defaultdict(collections.Counter)
    for p in pages:
        right = p["found"].get(p["truth"], set())
        for kind in KINDS:
            table[p["sig"][level]][kind] += kind in right
    return {k: max(KINDS, key=lambda kind: (c[kind], kind == "readmark")) for k, c in table.items()}


def hits(table, pages, level):
    return sum(table.get(p["sig"][level], "readmark") in p["found"].get(p["truth"], set())
               for p in pages)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--readmark", required=True)
    ap.add_argument("--corpus", default="../shared/corpora/wcxb-dev")
    ap.add_argument("--jobs", type=int, default=2)
    a = ap.parse_args()
    ids = sorted(n[:-5] for n in os.listdir(os.path.join(a.corpus, "ground-truth"))
                 if n.endswith(".json"))
    with concurrent.futures.ThreadPoolExecutor(a.jobs) as ex:
        pages = [p for p in ex.map(lambda i: read_page(a.corpus, a.readmark, i), ids) if p["truth"]]
    n = len(pages)
    share = lambda k: f"{k}/{n} ({k / n:.3f})"
    print(f"pages with a title: {n}")
    print(f"oracle (true title among the candidates): {share(sum(p['truth'] in p['found'] for p in pages))}")
    print(f"readmark: {share(sum('readmark' in p['found'].get(p['truth'], ()) for p in pages))}")
    domains = sorted({p["domain"] for p in pages})
    random.Random(SEED).shuffle(domains)
    fold_of = {d: i % FOLDS for i, d in enumerate(domains)}
    print("| table | groups | fit | held out |\n|---|---|---|---|")
    for level in (1, 2, 3):
        held = sum(hits(fit([p for p in pages if fold_of[p["domain"]] != k], level),
                        [p for p in pages if fold_of[p["domain"]] == k], level)
                   for k in range(FOLDS))
        groups = len({p["sig"][level] for p in pages})
        print(f"| level {level} | {groups} | {share(hits(fit(pages, level), pages, level))} | {share(held)} |")


if __name__ == "__main__":
    main()
