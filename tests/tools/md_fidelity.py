#!/usr/bin/env python3
# Copied verbatim from the project's shared/tools/md_fidelity.py (the Markdown fidelity judge); run by tests/markdown_fidelity.rs.
"""Markdown fidelity of extractor outputs: raw HTML where Markdown has the construct.

  md_fidelity.py OUTPUTS.jsonl [--show N]

OUTPUTS.jsonl: lines {"id", "text"} as written by `score.py --save` (Markdown outputs).
Needs markdown-it-py (CommonMark + GFM tables), e.g. in the baselines venv.

Per page, the Markdown is parsed as CommonMark with GFM tables; every html_block and
html_inline token is raw HTML. A raw tag counts as a *defect* when Markdown has the
construct: p div span br a img strong b em i code pre h1-h6 ul ol li blockquote hr,
and tables that a pipe table can hold (no colspan/rowspan > 1, no lists, tables,
code blocks, quotes or headings inside cells, at most one paragraph per cell).
Allowed raw HTML: sup sub kbd mark u ins del s small abbr details summary figure
figcaption video audio source iframe picture and tables that need HTML.
Prints: pages, pages with a defect (share), pipe tables, HTML tables, HTML tables that
a pipe table could hold, and the defect tags by count.
"""
import argparse, collections, json, re, sys
from html.parser import HTMLParser
from markdown_it import MarkdownIt

DEFECT = {"p", "div", "span", "br", "a", "img", "strong", "b", "em", "i", "code", "pre",
          "h1", "h2", "h3", "h4", "h5", "h6", "ul", "ol", "li", "blockquote", "hr"}
CELL_BLOCKS = {"ul", "ol", "table", "pre", "blockquote", "h1", "h2", "h3", "h4", "h5", "h6"}
TAG_RE = re.compile(r"<\s*([a-zA-Z][a-zA-Z0-9]*)\b")


class TableCheck(HTMLParser):
    """Is every <table> in this HTML expressible as a pipe table?"""
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.tables = []  # per top-level table: expressible?
        self.depth = 0
        self.cell = None  # paragraphs seen in the current cell
        self.ok = True

    def handle_starttag(self, tag, attrs):
        if tag == "table":
            self.depth += 1
            if self.depth == 1:
                self.ok = True
            else:
                self.ok = False
            return
        if self.depth == 0:
            return
        if tag in ("td", "th"):
            self.cell = 0
            for k, v in attrs:
                if k in ("colspan", "rowspan") and (v or "1").strip() not in ("", "1"):
                    self.ok = False
        elif self.cell is not None:
            if tag in CELL_BLOCKS:
                self.ok = False
            elif tag == "p":
                self.cell += 1
                if self.cell > 1:
                    self.ok = False

    def handle_endtag(self, tag):
        if tag == "table" and self.depth:
            if self.depth == 1:
                self.tables.append(self.ok)
            self.depth -= 1
        elif tag in ("td", "th"):
            self.cell = None


def analyse(md):
    mdit = MarkdownIt("commonmark").enable("table")
    tokens = mdit.parse(md or "")
    pipe = sum(1 for t in tokens if t.type == "table_open")
    raw = []
    in_pipe = 0
    for t in tokens:
        if t.type in ("table_open", "table_close"):
            in_pipe += 1 if t.type == "table_open" else -1
        if t.type == "html_block":
            raw.append(t.content)
        elif t.type == "inline":
            for c in t.children or []:
                # a pipe-table cell cannot hold a line break: <br> is the only way there
                if c.type == "html_inline" and not (in_pipe and re.match(r"<br\s*/?>", c.content, re.I)):
                    raw.append(c.content)
    html = "\n".join(raw)
    tc = TableCheck()
    try:
        tc.feed(html)
    except Exception:
        pass
    # tags outside tables that have a Markdown construct
    outside = re.sub(r"<table\b.*?</table\s*>", " ", html, flags=re.S | re.I)
    tags = [m.group(1).lower() for m in TAG_RE.finditer(outside)]
    defects = [t for t in tags if t in DEFECT]
    pipeable = sum(1 for ok in tc.tables if ok)
    if pipeable:
        defects += ["table(pipe-able)"] * pipeable
    return {"pipe": pipe, "html_tables": len(tc.tables), "pipeable": pipeable, "defects": defects}


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("jsonl")
    ap.add_argument("--show", type=int, default=0, help="list N pages with defects")
    a = ap.parse_args()
    n = bad = pipe = html_t = pipeable = 0
    tags = collections.Counter()
    worst = []
    for line in open(a.jsonl, encoding="utf-8"):
        rec = json.loads(line)
        if rec.get("error") or not (rec.get("text") or "").strip():
            continue
        r = analyse(rec["text"])
        n += 1
        pipe += r["pipe"]; html_t += r["html_tables"]; pipeable += r["pipeable"]
        tags.update(r["defects"])
        if r["defects"]:
            bad += 1
            worst.append((len(r["defects"]), rec["id"], collections.Counter(r["defects"]).most_common(4)))
    share = bad / n if n else 0.0
    print(f"pages {n} with-defect {bad} ({share:.1%}) pipe-tables {pipe} html-tables {html_t} "
          f"html-tables-pipeable {pipeable} defect-tags {dict(tags.most_common(10))}")
    for k, pid, c in sorted(worst, reverse=True)[: a.show]:
        print(f"  {pid}: {k} {c}")
    print(f"defect share {share:.3f}")


if __name__ == "__main__":
    main()
