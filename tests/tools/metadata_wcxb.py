#!/usr/bin/env python3
# Copied verbatim from the project's shared/tools/metadata_wcxb.py (the reference metadata scorer); used by bench/quality.py.
"""Title / author / date accuracy against WCXB ground truth.

  metadata_wcxb.py CORPUS_DIR --cmd 'EXTRACTOR {html} {url}' --fields title=title,author=byline,date=publishedTime

The command prints one JSON object per page; --fields maps WCXB's names (title, author,
date) to the keys of that object. Titles and authors match after folding case, punctuation
and white space (author: the truth's name contained in the output or the other way round);
dates match by calendar day (YYYY-MM-DD prefix). Pages whose truth is null count only when
the output is empty too ("absent" column).
"""
import argparse, concurrent.futures, gzip, json, os, re, shlex, subprocess, tempfile

def fold(s):
    return re.sub(r"\W+", " ", (s or "").lower()).strip()

def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("corpus"); ap.add_argument("--cmd", required=True)
    ap.add_argument("--fields", default="title=title,author=byline,date=publishedTime")
    ap.add_argument("--jobs", type=int, default=2)
    a = ap.parse_args()
    fmap = dict(kv.split("=") for kv in a.fields.split(","))
    gtdir = os.path.join(a.corpus, "ground-truth"); tmp = tempfile.mkdtemp()
    pages = sorted(n[:-5] for n in os.listdir(gtdir) if n.endswith(".json"))
    def run(pid):
        d = json.load(open(os.path.join(gtdir, pid + ".json"), encoding="utf-8"))
        src = os.path.join(a.corpus, "html", pid + ".html.gz"); dst = os.path.join(tmp, pid + ".html")
        with gzip.open(src, "rb") as fi, open(dst, "wb") as fo: fo.write(fi.read())
        cmd = a.cmd.format(html=shlex.quote(dst), url=shlex.quote(d.get("url") or "http://example.com/"))
        r = subprocess.run(cmd, shell=True, capture_output=True, timeout=60)
        try: out = json.loads(r.stdout.decode("utf-8", "replace"))
        except Exception: out = {}
        return d["ground_truth"], out
    stats = {k: [0, 0, 0, 0] for k in fmap}  # given-hit, given, absent-hit, absent
    with concurrent.futures.ThreadPoolExecutor(a.jobs) as ex:
        for gt, out in ex.map(run, pages):
            for k, key in fmap.items():
                t = gt.get({"date": "publish_date"}.get(k, k)); o = out.get(key) if isinstance(out, dict) else None
                if isinstance(o, list): o = ", ".join(map(str, o))
                if t:
                    stats[k][1] += 1
                    if k == "date": ok = bool(o) and str(o)[:10] == str(t)[:10]
                    elif k == "author": ok = bool(fold(o)) and (fold(t) in fold(o) or fold(o) in fold(t))
                    else: ok = fold(o) == fold(t)
                    stats[k][0] += ok
                else:
                    stats[k][3] += 1; stats[k][2] += not fold(o)
    print(" ".join(f"{k} {s[0]}/{s[1]} ({s[0]/max(s[1],1):.3f}) absent-ok {s[2]}/{s[3]}" for k, s in stats.items()))

if __name__ == "__main__":
    main()
