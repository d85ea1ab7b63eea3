#!/usr/bin/env python3
# Copied verbatim from the project's shared/tools/score.py (the reference scorer); used by tools/tests/eval.rs.
"""Score a main-content extractor against a ground-truth corpus.

Python 3.11, standard library only.

  score.py --corpus DIR --cmd 'COMMAND {html} {url}'      run a command per page
  score.py --corpus DIR --jsonl OUTPUTS.jsonl             score precomputed outputs
  score.py --corpus DIR --manifest                        list pages (JSONL) for batch runners

Placeholders in --cmd (each is shell-quoted when substituted):
  {html}  path of the page's HTML file (always UTF-8; ignore any charset the page declares)
  {url}   the page's URL (readability corpus: http://fakehost/test/page.html, the URL
          Readability's own test suite uses; trafilatura corpus: the annotated URL)
  {id}    the page id
The command prints the extracted article on stdout as Markdown (default, --format md)
or plain text (--format text). A non-zero exit status or a timeout is a failure and
is scored as an empty output.

--jsonl lines: {"id": ..., "text": ...} with optional "ms" (extraction time),
"error" (any non-empty value marks a failure; the text is then ignored) and
"corpus" (readability|scrapinghub|trafilatura; lines for another corpus are skipped).
"articleBody" is accepted in place of "text". Pages without a line are failures.

Corpus layouts (detected automatically, --corpus may be repeated):
  readability   DIR/<page>/source.html + expected.txt        -> shingle metric
  scrapinghub   DIR/ground-truth.json + DIR/html/<id>.html[.gz] -> shingle metric
  trafilatura   DIR/evaldata.json + DIR/html/<file>          -> snippet metric
  wcxb          DIR/ground-truth/<id>.json + DIR/html/<id>.html.gz -> word metric

Shingle metric: exactly scrapinghub/article-extraction-benchmark's evaluate.py
(\\w+ tokens, 4-token shingles as multisets, per-page TP/FP/FN normalised to sum 1,
precision averaged over pages with TP+FP>0, recall over pages with TP+FN>0,
F1 = 2PR/(P+R) of those averages, accuracy = exact token-sequence equality,
std = bootstrap over pages, 1000 resamples; seeded here, unseeded there).

Word metric: exactly WCXB's evaluate.py (Foley 2026, CC-BY-4.0 data): lower-cased
\\w+ tokens as multisets, per-page precision/recall/F1 (empty truth and empty output
= 1.0), each averaged over all pages; also the share of "with" snippets found and
of "without" snippets leaked (case-insensitive substring), and F1 per page type.

Snippet metric: trafilatura's tests/eval_common.py: each "with" snippet found in
the whitespace-normalised output is a TP (else FN), each "without" snippet found
is a FP (else TN); counts are pooled over all pages; precision = TP/(TP+FP),
recall = TP/(TP+FN), F1 = 2TP/(2TP+FP+FN), accuracy = (TP+TN)/all. The std is our
addition (bootstrap over pages).
"""

import argparse
import concurrent.futures
import gzip
import html as html_lib
import json
import os
import random
import re
import shlex
import signal
import statistics
import subprocess
import sys
import tempfile
import time
from collections import Counter
from dataclasses import dataclass, field

READABILITY_TEST_URL = "http://fakehost/test/page.html"

# ---------------------------------------------------------------------------
# Markdown -> plain text
# ---------------------------------------------------------------------------

_ESCAPABLE = r"""!"#$%&'()*+,-./:;<=>?@[\]^_`{|}~"""
_ESC_RE = re.compile(r"\\([" + re.escape(_ESCAPABLE) + r"])")
_PUA = 0xE000  # escaped punctuation is parked in the private use area meanwhile
_PUA_RE = re.compile("[\ue000-\ue07f]")
_FENCE_RE = re.compile(r"^\s{0,3}(`{3,}|~{3,})(.*)$")
_HR_RE = re.compile(r"^\s{0,3}([-*_])(?:[ \t]*\1){2,}[ \t]*$")
_SETEXT_RE = re.compile(r"^\s{0,3}(?:=+|-+)[ \t]*$")
_REFDEF_RE = re.compile(r"^\s{0,3}\[[^\]]+\]:\s*\S+.*$")
_TABLE_SEP_RE = re.compile(r"^\s*\|?\s*:?-+:?\s*(?:\|\s*:?-+:?\s*)*\|?\s*$")
_QUOTE_RE = re.compile(r"^\s*(?:>\s?)+")
_HEADING_RE = re.compile(r"^\s{0,3}#{1,6}(?:[ \t]+|$)")
_HEADING_CLOSE_RE = re.compile(r"[ \t]+#+[ \t]*$")
_LIST_RE = re.compile(r"^\s*(?:[-*+]|\d{1,9}[.)])[ \t]+(?:\[[ xX]\][ \t]+)?")
_LINK_DEST = r"(?:<[^>\n]*>|(?:[^()\s]|\((?:[^()\s])*\))*)"
_LINK_TITLE = r"""(?:\s+(?:"[^"\n]*"|'[^'\n]*'|\([^)\n]*\)))?"""
_BRACKETED = r"((?:[^\[\]]|\[[^\[\]]*\])*)"
_IMAGE_RE = re.compile(r"!\[" + _BRACKETED + r"\]\(\s*" + _LINK_DEST + _LINK_TITLE + r"\s*\)")
_IMAGE_REF_RE = re.compile(r"!\[" + _BRACKETED + r"\]\[[^\]]*\]")
_LINK_RE = re.compile(r"\[" + _BRACKETED + r"\]\(\s*" + _LINK_DEST + _LINK_TITLE + r"\s*\)")
_LINK_REF_RE = re.compile(r"\[" + _BRACKETED + r"\]\[[^\]]*\]")
_AUTOLINK_RE = re.compile(r"<((?:https?|ftp|mailto):[^>\s]*)>", re.I)
_HTML_COMMENT_RE = re.compile(r"<!--.*?-->", re.S)
# Only the inline HTML that Markdown converters themselves emit is removed; other
# "<tag>" text is kept because converters (e.g. Turndown) do not escape a literal
# "<" that was text in the page ("Single <img>" in an article about HTML).
_HTML_TAG_RE = re.compile(
    r"</?(?:br|hr|sup|sub|kbd|u|ins|del|s|mark|small|span|abbr|cite|dfn|var|samp|q|wbr)"
    r"(?:\s[^<>]*)?/?>", re.I)
_CODE_SPAN_RE = re.compile(r"(`+)(.+?)\1")
_STRONG_EM_RE = [
    re.compile(r"(?<!\*)(\*{1,3})(?=\S)(.+?)(?<=\S)\1(?!\*)"),
    re.compile(r"(?<![\w_])(_{1,3})(?=\S)(.+?)(?<=\S)\1(?![\w_])"),
    re.compile(r"~~(?=\S)(.+?)(?<=\S)~~"),
]
_WS_RE = re.compile(r"[ \t\f\v\u00a0]+")
_STRAY_UNDERSCORE_RE = re.compile(r"(?<!\w)_+|_+(?!\w)")


def _park_escapes(s: str) -> str:
    return _ESC_RE.sub(lambda m: chr(_PUA + ord(m.group(1))), s)


def _unpark(s: str) -> str:
    return _PUA_RE.sub(lambda m: chr(ord(m.group(0)) - _PUA), s)


def _inline(s: str) -> str:
    s = _HTML_COMMENT_RE.sub("", s)
    # code spans: keep their content verbatim
    spans = []

    def _code(m):
        spans.append(m.group(2).strip())
        return "\ue100%d\ue101" % (len(spans) - 1)

    s = _CODE_SPAN_RE.sub(_code, s)
    for _ in range(3):  # images nested in links: [![alt](img)](url)
        s = _IMAGE_RE.sub("", s)
        s = _IMAGE_REF_RE.sub("", s)
        s = _LINK_RE.sub(lambda m: m.group(1), s)
        s = _LINK_REF_RE.sub(lambda m: m.group(1), s)
    s = _AUTOLINK_RE.sub(lambda m: m.group(1), s)
    s = _HTML_TAG_RE.sub("", s)
    for _ in range(3):  # nested emphasis
        for rx in _STRONG_EM_RE:
            s = rx.sub(lambda m: m.group(m.lastindex), s)
    # leftover delimiters of unbalanced emphasis: literal '*' and '_' arrive escaped
    # (parked above), so an unescaped '*' is markup; an unescaped '_' is kept only
    # inside a word (snake_case, from converters that do not escape it)
    s = s.replace("*", "")
    s = _STRAY_UNDERSCORE_RE.sub("", s)
    s = re.sub("\ue100(\\d+)\ue101", lambda m: spans[int(m.group(1))], s)
    return s


def markdown_to_text(md: str) -> str:
    """Strip Markdown syntax, keeping the text a reader would see.

    Headings '#', setext underlines, rules, blockquote '>', list markers and task
    boxes, emphasis (* _ ~~), inline code backticks, code fences (content kept),
    links [t](u) -> t, reference links, images (dropped, alt text included),
    autolinks <u> -> u, inline formatting tags (<br>, <sup>, <sub>, <kbd>, ...)
    and HTML comments, reference definitions,
    table pipes and separator rows, backslash escapes, HTML entities.
    Returns one block per line, whitespace-normalised.
    """
    md = md.replace("\r\n", "\n").replace("\r", "\n")
    out = []
    fence = None  # (char, length) while inside a fenced block
    for raw in md.split("\n"):
        m = _FENCE_RE.match(raw)
        if fence is None and m:
            fence = (m.group(1)[0], len(m.group(1)))
            continue
        if fence is not None:
            if m and m.group(1)[0] == fence[0] and len(m.group(1)) >= fence[1] and not m.group(2).strip():
                fence = None
            else:
                out.append(raw.strip())
            continue
        if _REFDEF_RE.match(raw) or _HR_RE.match(raw) or _SETEXT_RE.match(raw):
            out.append("")
            continue
        line = _park_escapes(raw)
        line = _QUOTE_RE.sub("", line)
        if _TABLE_SEP_RE.match(line) and "-" in line and ("|" in line or line.strip().startswith(":")):
            continue
        if _HEADING_RE.match(line):
            line = _HEADING_CLOSE_RE.sub("", _HEADING_RE.sub("", line))
        line = _LIST_RE.sub("", line)
        stripped = line.strip()
        if stripped.startswith("|") or (stripped.endswith("|") and stripped.count("|") >= 2):
            line = line.replace("|", " ")
        line = _inline(line)
        if line.endswith("\\"):  # hard line break
            line = line[:-1]
        line = html_lib.unescape(_unpark(line))
        out.append(_WS_RE.sub(" ", line).strip())
    # collapse blank lines, drop leading/trailing ones
    text = "\n".join(out)
    text = re.sub(r"\n{2,}", "\n\n", text).strip("\n")
    return text


# ---------------------------------------------------------------------------
# Metric 1: scrapinghub/article-extraction-benchmark evaluate.py (replicated)
# ---------------------------------------------------------------------------

_TOKEN_RE = re.compile(r"\w+", re.UNICODE | re.MULTILINE | re.IGNORECASE | re.DOTALL)


def tokenize(text):
    return _TOKEN_RE.findall(text or "")


def _ngrams(text, n):
    tokens = tokenize(text)
    result = []
    for i in range(0, max(1, len(tokens) - n + 1)):
        shingle = tuple(tokens[i: i + n])
        if shingle:
            result.append(shingle)
    return result


def string_shingle_matching(true, pred, ngram_n=4):
    """Per-page (tp, fp, fn) over shingles, normalised to sum 1 (as evaluate.py)."""
    true_shingles = Counter(_ngrams(true, ngram_n))
    pred_shingles = Counter(_ngrams(pred, ngram_n))
    tp = fp = fn = 0.0
    for key in set(true_shingles) | set(pred_shingles):
        t = true_shingles.get(key, 0)
        p = pred_shingles.get(key, 0)
        tp += min(t, p)
        fp += max(0, p - t)
        fn += max(0, t - p)
    s = tp + fp + fn
    if s > 0:
        return (tp / s, fp / s, fn / s)
    return (tp, fp, fn)


def precision_score(tp, fp, fn):
    if fp == fn == 0:
        return 1.0
    if tp == fp == 0:
        return 0.0
    return tp / (tp + fp)


def recall_score(tp, fp, fn):
    if fp == fn == 0:
        return 1.0
    if tp == fn == 0:
        return 0.0
    return tp / (tp + fn)


def metrics_from_tp_fp_fns(tp_fp_fns):
    ps = [precision_score(*x) for x in tp_fp_fns if x[0] + x[1] > 0]
    rs = [recall_score(*x) for x in tp_fp_fns if x[0] + x[2] > 0]
    precision = statistics.mean(ps) if ps else 0.0
    recall = statistics.mean(rs) if rs else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {"f1": f1, "precision": precision, "recall": recall}


def page_f1(tp, fp, fn):
    p, r = precision_score(tp, fp, fn), recall_score(tp, fp, fn)
    return 2 * p * r / (p + r) if p + r else 0.0


def shingle_evaluate(truths, preds, n_bootstrap, seed):
    """truths/preds: lists of strings in the same page order."""
    tp_fp_fns = [string_shingle_matching(t, p) for t, p in zip(truths, preds)]
    acc = [float(tokenize(t) == tokenize(p)) for t, p in zip(truths, preds)]
    m = metrics_from_tp_fp_fns(tp_fp_fns)
    m["accuracy"] = statistics.mean(acc) if acc else 0.0
    rng = random.Random(seed)
    b = {}
    n = len(tp_fp_fns)
    for _ in range(n_bootstrap if n else 0):
        idx = [rng.randint(0, n - 1) for _ in range(n)]
        bm = metrics_from_tp_fp_fns([tp_fp_fns[i] for i in idx])
        bm["accuracy"] = statistics.mean([acc[i] for i in idx])
        for k, v in bm.items():
            b.setdefault(k, []).append(v)
    for k in ("f1", "precision", "recall", "accuracy"):
        vals = b.get(k, [])
        m[k + "_std"] = statistics.stdev(vals) if len(vals) > 1 else 0.0
    per_page = []
    for (tp, fp, fn), t, p in zip(tp_fp_fns, truths, preds):
        per_page.append({
            "f1": page_f1(tp, fp, fn),
            "precision": precision_score(tp, fp, fn) if tp + fp > 0 else None,
            "recall": recall_score(tp, fp, fn) if tp + fn > 0 else None,
            "true_tokens": len(tokenize(t)),
            "pred_tokens": len(tokenize(p)),
        })
    return m, per_page


# ---------------------------------------------------------------------------
# Metric 2: trafilatura's with/without snippet benchmark (replicated)
# ---------------------------------------------------------------------------

def _norm(text):
    return re.sub(r"\s+", " ", text).strip()


def snippet_counts(item, text):
    resn = _norm(text)
    tp = sum(1 for w in item["with"] if _norm(w) in resn)
    fp = sum(1 for w in item["without"] if _norm(w) in resn)
    return tp, fp, len(item["with"]) - tp, len(item["without"]) - fp


def _snippet_scores(counts):
    tp = sum(c[0] for c in counts)
    fp = sum(c[1] for c in counts)
    fn = sum(c[2] for c in counts)
    tn = sum(c[3] for c in counts)
    precision = tp / (tp + fp) if tp + fp else 0.0
    recall = tp / (tp + fn) if tp + fn else 0.0
    total = tp + fp + fn + tn
    return {
        "f1": 2 * tp / (2 * tp + fp + fn) if 2 * tp + fp + fn else 0.0,
        "precision": precision,
        "recall": recall,
        "accuracy": (tp + tn) / total if total else 0.0,
        "tp": tp, "fp": fp, "fn": fn, "tn": tn,
    }


def snippet_evaluate(items, preds, n_bootstrap, seed):
    counts = [snippet_counts(it, p) for it, p in zip(items, preds)]
    m = _snippet_scores(counts)
    rng = random.Random(seed)
    b = {}
    n = len(counts)
    for _ in range(n_bootstrap if n else 0):
        bm = _snippet_scores([counts[rng.randint(0, n - 1)] for _ in range(n)])
        for k in ("f1", "precision", "recall", "accuracy"):
            b.setdefault(k, []).append(bm[k])
    for k in ("f1", "precision", "recall", "accuracy"):
        vals = b.get(k, [])
        m[k + "_std"] = statistics.stdev(vals) if len(vals) > 1 else 0.0
    per_page = []
    for tp, fp, fn, tn in counts:
        per_page.append({
            "f1": 2 * tp / (2 * tp + fp + fn) if 2 * tp + fp + fn else 1.0,
            "precision": tp / (tp + fp) if tp + fp else None,
            "recall": tp / (tp + fn) if tp + fn else None,
            "with_found": f"{tp}/{tp + fn}",
            "without_found": f"{fp}/{fp + tn}",
        })
    return m, per_page


# ---------------------------------------------------------------------------
# Metric 3: WCXB's word-level F1 (replicated from its evaluate.py)
# ---------------------------------------------------------------------------

def _words(text):
    return re.findall(r"\w+", text.lower()) if text else []


def word_prf(pred, ref):
    p_tok, r_tok = _words(pred), _words(ref)
    if not r_tok:
        return (1.0, 1.0, 1.0) if not p_tok else (0.0, 0.0, 0.0)
    if not p_tok:
        return (0.0, 0.0, 0.0)
    overlap = sum((Counter(p_tok) & Counter(r_tok)).values())
    p, r = overlap / len(p_tok), overlap / len(r_tok)
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def _share_found(text, snippets):
    if not snippets:
        return 1.0
    low = text.lower()
    return sum(1 for s in snippets if s.lower() in low) / len(snippets)


def word_evaluate(items, preds, n_bootstrap, seed):
    per_page = []
    for it, pred in zip(items, preds):
        p, r, f = word_prf(pred, it["main_content"])
        per_page.append({"f1": f, "precision": p, "recall": r, "type": it["type"],
                         "with_found": f"{_share_found(pred, it['with']):.2f}",
                         "without_found": f"{_share_found(pred, it['without']):.2f}"})
    n = len(per_page)
    avg = lambda rows, k: sum(r[k] for r in rows) / len(rows) if rows else 0.0
    m = {k: avg(per_page, k) for k in ("f1", "precision", "recall")}
    m["accuracy"] = sum(1 for r in per_page if r["f1"] >= 0.999) / n if n else 0.0
    m["with_rate"] = avg([{"v": float(r["with_found"])} for r in per_page], "v")
    m["without_rate"] = avg([{"v": float(r["without_found"])} for r in per_page], "v")
    types = {}
    for r in per_page:
        types.setdefault(r["type"], []).append(r)
    m["by_type"] = {t: {"pages": len(rs), "f1": avg(rs, "f1"), "precision": avg(rs, "precision"),
                        "recall": avg(rs, "recall")} for t, rs in sorted(types.items())}
    rng = random.Random(seed)
    b = {}
    for _ in range(n_bootstrap if n else 0):
        sample = [per_page[rng.randint(0, n - 1)] for _ in range(n)]
        for k in ("f1", "precision", "recall", "accuracy"):
            v = (sum(1 for r in sample if r["f1"] >= 0.999) / n) if k == "accuracy" else avg(sample, k)
            b.setdefault(k, []).append(v)
    for k in ("f1", "precision", "recall", "accuracy"):
        vals = b.get(k, [])
        m[k + "_std"] = statistics.stdev(vals) if len(vals) > 1 else 0.0
    return m, per_page


# ---------------------------------------------------------------------------
# Corpora
# ---------------------------------------------------------------------------

@dataclass
class Page:
    id: str
    html: str          # path to the HTML file (maybe .gz; see materialise())
    url: str
    truth: object      # str (shingle), {"with", "without"} (snippet), {"main_content", "with", "without", "type"} (word)


@dataclass
class Corpus:
    path: str
    kind: str          # readability | scrapinghub | trafilatura | wcxb
    metric: str        # shingle | snippet | word
    pages: list = field(default_factory=list)


def load_corpus(path):
    path = os.path.abspath(path)
    if os.path.isfile(os.path.join(path, "ground-truth.json")):
        with open(os.path.join(path, "ground-truth.json"), encoding="utf-8") as f:
            gt = json.load(f)
        c = Corpus(path, "scrapinghub", "shingle")
        for pid in sorted(gt):
            p = os.path.join(path, "html", pid + ".html")
            if not os.path.isfile(p) and os.path.isfile(p + ".gz"):
                p += ".gz"
            c.pages.append(Page(pid, p, gt[pid].get("url") or "", gt[pid].get("articleBody", "")))
        return c
    if os.path.isfile(os.path.join(path, "evaldata.json")):
        with open(os.path.join(path, "evaldata.json"), encoding="utf-8") as f:
            ev = json.load(f)
        c = Corpus(path, "trafilatura", "snippet")
        for url in sorted(ev, key=lambda u: ev[u]["file"]):
            item = ev[url]
            c.pages.append(Page(item["file"], os.path.join(path, "html", item["file"]), url,
                                {"with": item["with"], "without": item["without"]}))
        return c
    if os.path.isdir(os.path.join(path, "ground-truth")):
        c = Corpus(path, "wcxb", "word")
        gtdir = os.path.join(path, "ground-truth")
        for name in sorted(os.listdir(gtdir)):
            if not name.endswith(".json"):
                continue
            with open(os.path.join(gtdir, name), encoding="utf-8") as f:
                data = json.load(f)
            g = data.get("ground_truth") or {}
            pt = ((data.get("_internal") or {}).get("page_type") or {})
            pt = pt.get("primary", "article") if isinstance(pt, dict) else (pt or "article")
            pid = name[:-5]
            p = os.path.join(path, "html", pid + ".html")
            if not os.path.isfile(p) and os.path.isfile(p + ".gz"):
                p += ".gz"
            c.pages.append(Page(pid, p, data.get("url") or "", {
                "main_content": g.get("main_content") or "", "with": g.get("with") or [],
                "without": g.get("without") or [],
                "type": "collection" if pt == "category" else pt}))
        return c
    c = Corpus(path, "readability", "shingle")
    for name in sorted(os.listdir(path)):
        d = os.path.join(path, name)
        if os.path.isfile(os.path.join(d, "expected.txt")) and os.path.isfile(os.path.join(d, "source.html")):
            with open(os.path.join(d, "expected.txt"), encoding="utf-8") as f:
                c.pages.append(Page(name, os.path.join(d, "source.html"), READABILITY_TEST_URL, f.read()))
    if not c.pages:
        raise SystemExit(f"{path}: no corpus found (expected ground-truth.json, evaldata.json "
                         "or <page>/source.html + expected.txt)")
    return c


def materialise(page, tmpdir):
    """Return a path to a plain (not gzipped) HTML file for the page."""
    if not page.html.endswith(".gz"):
        return page.html
    out = os.path.join(tmpdir, page.id + ".html")
    if not os.path.exists(out):
        with gzip.open(page.html, "rb") as fi, open(out, "wb") as fo:
            fo.write(fi.read())
    return out


# ---------------------------------------------------------------------------
# Running extractors
# ---------------------------------------------------------------------------

@dataclass
class Output:
    text: str = ""
    ms: float | None = None
    error: str | None = None


def run_cmd(template, page, html_path, timeout):
    cmd = template.format(html=shlex.quote(html_path), url=shlex.quote(page.url), id=shlex.quote(page.id))
    t0 = time.perf_counter()
    try:
        r = subprocess.run(cmd, shell=True, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                           stdin=subprocess.DEVNULL, timeout=timeout)
    except subprocess.TimeoutExpired:
        return Output("", (time.perf_counter() - t0) * 1000, f"timeout after {timeout}s")
    ms = (time.perf_counter() - t0) * 1000
    if r.returncode != 0:
        err = r.stderr.decode("utf-8", "replace").strip().splitlines()
        return Output("", ms, f"exit {r.returncode}: " + (err[-1][:200] if err else ""))
    return Output(r.stdout.decode("utf-8", "replace"), ms, None)


def load_jsonl(path, corpus):
    ids = {p.id for p in corpus.pages}
    outs = {}
    with open(path, encoding="utf-8") as f:
        for ln, line in enumerate(f, 1):
            line = line.strip()
            if not line:
                continue
            rec = json.loads(line)
            pid = str(rec.get("id"))
            if rec.get("corpus") and rec["corpus"] != corpus.kind:
                continue
            if pid not in ids:
                continue
            text = rec.get("text")
            if text is None:
                text = rec.get("articleBody")
            err = rec.get("error") or None
            outs[pid] = Output("" if err else (text or ""), rec.get("ms"), str(err) if err else None)
    return outs


def collect_outputs(args, corpus):
    pages = corpus.pages
    if args.jsonl:
        outs = load_jsonl(args.jsonl, corpus)
        return [outs.get(p.id, Output("", None, "missing from jsonl")) for p in pages]
    tmpdir = tempfile.mkdtemp(prefix="score-")
    results = [None] * len(pages)

    def job(i):
        p = pages[i]
        return i, run_cmd(args.cmd, p, materialise(p, tmpdir), args.timeout)

    done = 0
    with concurrent.futures.ThreadPoolExecutor(max_workers=args.jobs) as ex:
        for i, out in ex.map(job, range(len(pages))):
            results[i] = out
            done += 1
            if args.progress and (done % 20 == 0 or done == len(pages)):
                print(f"  {done}/{len(pages)}", file=sys.stderr)
    return results


# ---------------------------------------------------------------------------
# Main
# ---------------------------------------------------------------------------

def score_corpus(args, corpus):
    if args.only:
        wanted = set(args.only)
        corpus.pages = [p for p in corpus.pages if p.id in wanted]
    if args.limit:
        corpus.pages = corpus.pages[: args.limit]
    outs = collect_outputs(args, corpus)
    texts = [markdown_to_text(o.text) if args.format == "md" else o.text for o in outs]
    if args.save:
        with open(args.save, "a", encoding="utf-8") as f:
            for p, o in zip(corpus.pages, outs):
                f.write(json.dumps({"corpus": corpus.kind, "id": p.id, "text": o.text, "ms": o.ms,
                                    "error": o.error}, ensure_ascii=False) + "\n")
    if corpus.metric == "shingle":
        m, per_page = shingle_evaluate([p.truth for p in corpus.pages], texts, args.n_bootstrap, args.seed)
    elif corpus.metric == "word":
        m, per_page = word_evaluate([p.truth for p in corpus.pages], texts, args.n_bootstrap, args.seed)
    else:
        m, per_page = snippet_evaluate([p.truth for p in corpus.pages], texts, args.n_bootstrap, args.seed)
    failures = [(p.id, o.error) for p, o in zip(corpus.pages, outs) if o.error]
    empty = sum(1 for o, t in zip(outs, texts) if not o.error and not t.strip())
    times = [o.ms for o in outs if o.ms is not None]
    m.update({
        "corpus": corpus.kind, "path": corpus.path, "metric": corpus.metric,
        "pages": len(corpus.pages), "failures": len(failures), "empty_outputs": empty,
        "median_ms": statistics.median(times) if times else None,
        "mean_ms": statistics.mean(times) if times else None,
    })
    label = args.name + " " if args.name else ""
    print(f"[{label}{corpus.kind}] F1 {m['f1']:.3f} precision {m['precision']:.3f} "
          f"recall {m['recall']:.3f} pages {m['pages']} failures {m['failures']}")
    med = f"{m['median_ms']:.1f}" if m["median_ms"] is not None else "n/a"
    extra = (f"    ({corpus.metric} metric) F1 ±{m['f1_std']:.3f} precision ±{m['precision_std']:.3f} "
             f"recall ±{m['recall_std']:.3f} accuracy {m['accuracy']:.3f} empty_outputs {empty} "
             f"median_ms/page {med}")
    if corpus.metric == "snippet":
        extra += f" with {m['tp']}/{m['tp'] + m['fn']} without {m['fp']}/{m['fp'] + m['tn']}"
    if corpus.metric == "word":
        extra += f" with {m['with_rate']:.3f} without {m['without_rate']:.3f}"
    print(extra)
    if corpus.metric == "word":
        for t, tm in m["by_type"].items():
            print(f"    type {t:<14} pages {tm['pages']:>4} F1 {tm['f1']:.3f} precision {tm['precision']:.3f} recall {tm['recall']:.3f}")
    for pid, err in failures[:10]:
        print(f"    failure {pid}: {err}")
    if len(failures) > 10:
        print(f"    ... {len(failures) - 10} more failures")
    if args.per_page:
        rows = sorted(zip(corpus.pages, per_page, outs), key=lambda r: r[1]["f1"])[: args.per_page]
        print(f"    worst {len(rows)} pages:")
        if corpus.metric == "shingle":
            print(f"    {'F1':>6} {'P':>6} {'R':>6} {'true_tok':>8} {'pred_tok':>8} {'ms':>8}  id")
        else:
            print(f"    {'F1':>6} {'P':>6} {'R':>6} {'with':>8} {'without':>8} {'ms':>8}  id")
        for p, pp, o in rows:
            fmt = lambda v: f"{v:.3f}" if v is not None else "  -  "
            ms = f"{o.ms:.0f}" if o.ms is not None else "-"
            a, b = ((pp["true_tokens"], pp["pred_tokens"]) if corpus.metric == "shingle"
                    else (pp["with_found"], pp["without_found"]))
            err = f"  [{o.error}]" if o.error else ""
            print(f"    {fmt(pp['f1']):>6} {fmt(pp['precision']):>6} {fmt(pp['recall']):>6} "
                  f"{a!s:>8} {b!s:>8} {ms:>8}  {p.id}{err}")
    m["per_page"] = [dict(pp, id=p.id, error=o.error, ms=o.ms) for p, pp, o in zip(corpus.pages, per_page, outs)]
    return m


def main(argv=None):
    if hasattr(signal, "SIGPIPE"):  # quiet exit when piped into head
        signal.signal(signal.SIGPIPE, signal.SIG_DFL)
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--corpus", action="append", required=True, help="corpus directory (repeatable)")
    src = ap.add_mutually_exclusive_group(required=True)
    src.add_argument("--cmd", help="command template run per page, with {html} {url} {id}")
    src.add_argument("--jsonl", help="precomputed outputs, one JSON object per line: id, text[, ms, error]")
    src.add_argument("--manifest", action="store_true",
                     help="print the corpus pages as JSONL (corpus, id, html, url) and exit")
    ap.add_argument("--format", choices=["md", "text"], default="md",
                    help="extractor output format: md (strip Markdown first, default) or text")
    ap.add_argument("--per-page", type=int, nargs="?", const=20, default=0, metavar="N",
                    help="print the N worst pages (default 20)")
    ap.add_argument("--timeout", type=float, default=60.0, help="seconds per page for --cmd")
    ap.add_argument("--jobs", "-j", type=int, default=1, help="pages run in parallel for --cmd")
    ap.add_argument("--n-bootstrap", type=int, default=1000)
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--limit", type=int, default=0, help="only the first N pages (debugging)")
    ap.add_argument("--only", action="append", help="only this page id (repeatable)")
    ap.add_argument("--save", help="append the raw outputs to this JSONL file (for --cmd)")
    ap.add_argument("--json-out", help="write all metrics and per-page scores as JSON")
    ap.add_argument("--name", default="", help="label printed in the summary line")
    ap.add_argument("--progress", action="store_true", help="progress on stderr")
    args = ap.parse_args(argv)

    corpora = [load_corpus(c) for c in args.corpus]
    if args.manifest:
        for c in corpora:
            tmpdir = None
            for p in c.pages:
                html = p.html
                if html.endswith(".gz"):
                    tmpdir = tmpdir or tempfile.mkdtemp(prefix="score-")
                    html = materialise(p, tmpdir)
                print(json.dumps({"corpus": c.kind, "id": p.id, "html": html, "url": p.url},
                                 ensure_ascii=False))
        return 0
    results = [score_corpus(args, c) for c in corpora]
    if args.json_out:
        with open(args.json_out, "w", encoding="utf-8") as f:
            json.dump(results, f, ensure_ascii=False, indent=1)
    return 0


if __name__ == "__main__":
    sys.exit(main())
