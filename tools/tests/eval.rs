//! The scorer: the shingle and word metrics on hand-computed cases, the tokenizer on tricky
//! Unicode, the Markdown-to-text port against the reference's own function, and agreement
//! with the reference scorer `tests/tools/score.py` (run with python3) on all three layouts
//! (`tests/corpus/readability`, `scrapinghub-dev`, `wcxb-sample`): on real Markdown outputs
//! and deliberately perturbed ones, and `readmark eval` against `score.py --cmd 'readmark
//! extract … --body-only'`.

use std::path::{Path, PathBuf};
use std::process::Command;

use readmark::{Options, extract_html};
use readmark_tools::eval::corpus::{self, Corpus};
use readmark_tools::eval::md_text::{markdown_to_text, unescape};
use readmark_tools::eval::report::{self, Outcome};
use readmark_tools::eval::words::{Labels, WordScore, WordSummary, word_prf};
use readmark_tools::eval::{Counts, Metric, PageScore, Summary, is_word_char, median, tokenize};

const EPS: f64 = 1e-12;

fn close(a: f64, b: f64) -> bool {
    (a - b).abs() < EPS
}

// ---------------------------------------------------------------- tokenizer

#[test]
fn ascii_words_digits_and_underscore() {
    assert_eq!(
        tokenize("Don't stop_me now, 2024-05-01!"),
        ["Don", "t", "stop_me", "now", "2024", "05", "01"]
    );
    assert_eq!(tokenize("  \n\t "), Vec::<&str>::new());
}

#[test]
fn combining_marks_split_words_as_in_python() {
    // Devanagari vowel signs (Mc) are alphabetic for Rust but not \w for Python.
    assert!('\u{093F}'.is_alphanumeric());
    assert!(!is_word_char('\u{093F}'));
    // क ि त ा ब ("kitab"): consonants only.
    assert_eq!(
        tokenize("\u{915}\u{93F}\u{924}\u{93E}\u{92C}"),
        ["\u{915}", "\u{924}", "\u{92C}"]
    );
    // e + combining acute accent (Mn) + te
    assert_eq!(tokenize("e\u{301}te"), ["e", "te"]);
}

#[test]
fn numbers_of_every_kind_are_word_characters() {
    assert_eq!(tokenize("x² + y³ = ½"), ["x²", "y³", "½"]); // No
    assert_eq!(tokenize("Ⅻ〇"), ["Ⅻ〇"]); // Nl
    assert_eq!(tokenize("一二三 ㈠ ①"), ["一二三", "㈠", "①"]); // Lo, No, No
    assert_eq!(tokenize("٣٤ ৫"), ["٣٤", "৫"]); // Nd in other scripts
}

#[test]
fn letters_of_other_scripts_and_separators() {
    // Armenian letters; U+055D ARMENIAN COMMA (Po) separates; U+0559 is a modifier letter.
    assert_eq!(
        tokenize("Հայ\u{55D}երեն ա\u{559}բ"),
        ["Հայ", "երեն", "ա\u{559}բ"]
    );
    // Zero-width joiner, no-break space, emoji and CJK punctuation are not \w.
    assert_eq!(
        tokenize("a\u{200D}b c\u{A0}d 😀e 中文。日本"),
        ["a", "b", "c", "d", "e", "中文", "日本"]
    );
}

/// Every code point against Python's own `\w` (Unicode 14.0 in Python 3.11).
#[test]
fn word_chars_match_python_on_every_code_point() {
    let script = r#"
import re, sys, unicodedata
w = re.compile(r"\w")
print(unicodedata.unidata_version)
start = None
for c in range(0x110001):
    m = c < 0x110000 and bool(w.match(chr(c)))
    if m and start is None: start = c
    if not m and start is not None:
        print(start, c - 1); start = None
"#;
    let out = python(&["-c", script]);
    let mut lines = out.lines();
    let version = lines.next().unwrap_or_default();
    assert_eq!(
        version, "14.0.0",
        "python3 uses Unicode {version}; the tokenizer follows Unicode 14.0 (Python 3.11)"
    );
    let mut python_word = vec![false; 0x110000];
    for line in lines {
        let (a, b) = line.split_once(' ').expect("range line");
        let (a, b) = (a.parse::<usize>().unwrap(), b.parse::<usize>().unwrap());
        python_word[a..=b].fill(true);
    }
    let differing: Vec<u32> = (0..0x110000u32)
        .filter(|&c| {
            char::from_u32(c).is_some_and(|ch| is_word_char(ch) != python_word[c as usize])
        })
        .collect();
    assert!(
        differing.is_empty(),
        "{} code points differ, first {:x?}",
        differing.len(),
        &differing[..differing.len().min(10)]
    );
}

// ---------------------------------------------------------------- metric

fn counts(truth: &str, pred: &str) -> Counts {
    PageScore::new(truth, pred).counts
}

#[test]
fn identical_texts_score_one() {
    let s = PageScore::new("a b c d e", "a, b. c d\ne");
    assert_eq!(
        s.counts,
        Counts {
            tp: 1.0,
            fp: 0.0,
            fn_: 0.0
        }
    );
    assert_eq!((s.true_tokens, s.pred_tokens, s.exact), (5, 5, true));
    assert!(close(s.counts.f1(), 1.0));
}

#[test]
fn missing_tail_halves_recall() {
    // truth shingles {abcd, bcde}, prediction {abcd}: tp 1, fn 1.
    let c = counts("a b c d e", "a b c d");
    assert_eq!(
        c,
        Counts {
            tp: 0.5,
            fp: 0.0,
            fn_: 0.5
        }
    );
    assert_eq!(c.precision(), Some(1.0));
    assert_eq!(c.recall(), Some(0.5));
    assert!(close(c.f1(), 2.0 / 3.0));
}

#[test]
fn short_texts_are_one_shorter_shingle() {
    assert_eq!(
        counts("a b", "a b"),
        Counts {
            tp: 1.0,
            fp: 0.0,
            fn_: 0.0
        }
    );
    // (a, b) and (a, b, c) are different shingles.
    assert_eq!(
        counts("a b", "a b c"),
        Counts {
            tp: 0.0,
            fp: 0.5,
            fn_: 0.5
        }
    );
}

#[test]
fn shingles_are_multisets() {
    // truth: xyzw ×2, yzwx, zwxy, wxyz; prediction: xyzw ×1 → tp 1, fn 4.
    let c = counts("x y z w x y z w", "x y z w");
    assert!(close(c.tp, 0.2) && close(c.fn_, 0.8) && c.fp == 0.0);
    // a duplicated prediction: tp 5, fp 5 (the second copy and the joins)
    let c = counts("a b c d e f g h", "a b c d e f g h a b c d e f g h");
    assert!(close(c.tp, 5.0 / 13.0) && close(c.fp, 8.0 / 13.0) && c.fn_ == 0.0);
}

#[test]
fn tokens_are_case_sensitive() {
    let s = PageScore::new("The cat sat down", "the cat sat down");
    assert_eq!(s.counts.f1(), 0.0);
    assert!(!s.exact);
}

#[test]
fn empty_prediction_and_empty_pages() {
    let c = counts("a b c d", "");
    assert_eq!((c.precision(), c.recall(), c.f1()), (None, Some(0.0), 0.0));
    let both = PageScore::new("", " ");
    assert_eq!(
        (both.counts.precision(), both.counts.recall()),
        (None, None)
    );
    assert_eq!((both.counts.f1(), both.exact), (1.0, true));
}

#[test]
fn summary_averages_only_defined_pages() {
    let pages = [
        PageScore::new("a b c d e", "a b c d"),
        PageScore::new("a b c d", ""),
        PageScore::new("", ""),
    ];
    let s = Summary::of(&pages);
    assert!(close(s.precision, 1.0)); // only the first page has a prediction
    assert!(close(s.recall, 0.25)); // (0.5 + 0) / 2
    assert!(close(s.f1, 0.4));
    assert!(close(s.accuracy, 1.0 / 3.0));
    assert_eq!(
        Summary::of(&[]),
        Summary {
            f1: 0.0,
            precision: 0.0,
            recall: 0.0,
            accuracy: 0.0
        }
    );
}

#[test]
fn median_as_python() {
    assert_eq!(median(&[3.0, 1.0, 2.0]), Some(2.0));
    assert_eq!(median(&[4.0, 1.0, 3.0, 2.0]), Some(2.5));
    assert_eq!(median(&[]), None);
}

#[test]
fn report_lines() {
    let outcomes = [
        Outcome::new("p1", "a b c d e", Ok("a b c d"), Some(2.0)),
        Outcome::new(
            "p2",
            "a b c d",
            Err("no article found in the page".into()),
            Some(4.0),
        ),
        Outcome::new("p3", "a b", Ok("  "), None),
    ];
    let text = report::render("readability", Metric::Shingle, &outcomes, 2);
    let lines: Vec<&str> = text.lines().collect();
    // precision: p1 only (1.0); recall: (0.5 + 0 + 0) / 3; F1 = 2 · 1 · 1/6 / (7/6) = 2/7.
    assert_eq!(
        lines[0],
        "[readability] F1 0.286 precision 1.000 recall 0.167 pages 3 failures 1"
    );
    assert_eq!(
        lines[1],
        "    (shingle metric) accuracy 0.000 empty_outputs 1 median_ms/page 3.0 mean_ms/page 3.0"
    );
    assert_eq!(lines[2], "    failure p2: no article found in the page");
    assert_eq!(lines[3], "    worst 2 pages:");
    // ties keep corpus order: p2 before p3; an empty prediction has no precision ("-").
    assert_eq!(
        lines[5],
        "     0.000    -    0.000        4        0        4  p2  [no article found in the page]"
    );
    assert_eq!(
        lines[6],
        "     0.000    -    0.000        2        0        -  p3"
    );
}

// ---------------------------------------------------------------- word metric

fn labels(with: &[&str], without: &[&str], page_type: &str) -> Labels {
    Labels {
        with: with.iter().map(|s| s.to_string()).collect(),
        without: without.iter().map(|s| s.to_string()).collect(),
        page_type: page_type.to_string(),
    }
}

#[test]
fn words_are_lower_cased_multisets() {
    // pred {the ×2, cat}, truth {the, cat, sat}: overlap 2 of 3 on each side.
    let (p, r, f) = word_prf("The cat, THE", "the cat sat");
    assert!(close(p, 2.0 / 3.0) && close(r, 2.0 / 3.0) && close(f, 2.0 / 3.0));
    // order does not matter, case does not matter
    assert_eq!(word_prf("Sat CAT the", "the cat sat"), (1.0, 1.0, 1.0));
    // a long prediction with the whole truth: recall 1, precision 3/6
    let (p, r, _) = word_prf("the cat sat on the mat", "the cat sat");
    assert!(close(p, 0.5) && close(r, 1.0));
}

#[test]
fn empty_truth_and_empty_output() {
    assert_eq!(word_prf("", ""), (1.0, 1.0, 1.0));
    assert_eq!(word_prf(" ... ", "!"), (1.0, 1.0, 1.0)); // no word on either side
    assert_eq!(word_prf("something", ""), (0.0, 0.0, 0.0));
    assert_eq!(word_prf("", "something"), (0.0, 0.0, 0.0));
    assert_eq!(word_prf("other words", "something"), (0.0, 0.0, 0.0));
}

#[test]
fn snippets_found_and_leaked_are_shares_rounded_as_printed() {
    let l = labels(&["Hello World", "missing"], &["Share THIS"], "forum");
    let s = WordScore::new("hello world", &l, "hello world. share this");
    assert_eq!(
        (s.with_found, s.without_found, s.page_type.as_str()),
        (0.5, 1.0, "forum")
    );
    // 1 of 8 = 0.125, printed "0.12" by the reference (round half to even) and re-read.
    let eight = ["a1", "b2", "c3", "d4", "e5", "f6", "g7", "h8"];
    let s = WordScore::new("x", &labels(&eight, &[], "article"), "a1");
    assert_eq!((s.with_found, s.without_found), (0.12, 1.0));
    // no snippets: found 1 of none (1.0), leaked 1 of none (1.0), as the reference has it
    let s = WordScore::new("x", &labels(&[], &[], "article"), "");
    assert_eq!((s.with_found, s.without_found, s.f1), (1.0, 1.0, 0.0));
}

#[test]
fn word_summary_averages_pages_and_types() {
    let pages = [
        WordScore::new("a b c d", &labels(&[], &[], "forum"), "a b"), // P 1, R 0.5
        WordScore::new("a b", &labels(&[], &[], "article"), "a b"),   // 1
        WordScore::new("a b", &labels(&[], &[], "article"), "x y z w"), // 0
    ];
    let s = WordSummary::of(&pages);
    assert_eq!(
        s.by_type
            .iter()
            .map(|(t, a)| (t.as_str(), a.pages))
            .collect::<Vec<_>>(),
        [("article", 2), ("forum", 1)]
    );
    assert!(close(s.all.f1, (2.0 / 3.0 + 1.0) / 3.0));
    assert!(close(s.all.precision, 2.0 / 3.0) && close(s.all.recall, 0.5));
    assert!(close(s.of_type("article").unwrap().f1, 0.5));
    assert!(close(s.accuracy, 1.0 / 3.0));
}

#[test]
fn word_report_lines() {
    let l = labels(&["a b"], &["zz"], "forum");
    let outcomes = [
        Outcome::word("p1", "a b c d", &l, Ok("a b zz"), Some(2.0)),
        Outcome::word(
            "p2",
            "a b",
            &labels(&[], &[], "article"),
            Err("no article found in the page".into()),
            None,
        ),
    ];
    let text = report::render("wcxb", Metric::Word, &outcomes, 2);
    let lines: Vec<&str> = text.lines().collect();
    // p1: P 2/3, R 1/2, F1 4/7, its snippet found and its boilerplate leaked; p2: 0, and
    // no snippets (found 1 of none, leaked 1 of none, as the reference counts them).
    assert_eq!(
        lines[0],
        "[wcxb] F1 0.286 precision 0.333 recall 0.250 pages 2 failures 1"
    );
    assert_eq!(
        lines[1],
        "    (word metric) accuracy 0.000 empty_outputs 0 median_ms/page 2.0 mean_ms/page 2.0 with 1.000 without 1.000"
    );
    assert_eq!(
        lines[2],
        "    type article        pages    1 F1 0.000 precision 0.000 recall 0.000"
    );
    assert_eq!(
        lines[3],
        "    type forum          pages    1 F1 0.571 precision 0.667 recall 0.500"
    );
    assert_eq!(lines[4], "    failure p2: no article found in the page");
    assert_eq!(
        lines[6],
        "        F1      P      R     with  without       ms  id"
    );
    assert_eq!(
        lines[7],
        "     0.000  0.000  0.000     1.00     1.00        -  p2  [no article found in the page]"
    );
    assert_eq!(
        lines[8],
        "     0.571  0.667  0.500     1.00     1.00        2  p1"
    );
}

// ---------------------------------------------------------------- Markdown to text

#[test]
fn markdown_to_text_strips_the_syntax() {
    let md = "# Title #\n\nSome *em*, **strong** and `a_b` with a [link](http://x.com \"t\") and ![img](a.png).\n\n\
              > quoted\n\n- [x] done\n1. first\n\n| a | b |\n|---|:-:|\n| 1 | 2 |\n\n```js\nlet *x* = 1;\n```\n\n\
              Setext\n------\n\n[ref]: http://example.com\nA \\*literal\\* 5 &amp; 6 &lt;tag&gt; snake_case_name<br>";
    let want = "Title\n\nSome em, strong and a_b with a link and .\n\nquoted\n\ndone\nfirst\n\na b\n1 2\n\n\
                let *x* = 1;\n\nSetext\n\nA *literal* 5 & 6 <tag> snake_case_name";
    assert_eq!(markdown_to_text(md), want);
}

#[test]
fn unescape_follows_html5_rules() {
    assert_eq!(
        unescape("&amp; &lt;&gt &copy2 &notit; &#65;&#x42;&#0;&#x80;&#128512;&#xD800;&#1;&nosuch;"),
        "& <> ©2 ¬it; AB\u{FFFD}€😀\u{FFFD}&nosuch;"
    );
    assert_eq!(unescape("no entity"), "no entity");
}

/// Hand-written Markdown that exercises every rule of the reference step, for the agreement
/// test below (each is compared with the reference's own output).
const TRICKY_MARKDOWN: &[&str] = &[
    "Plain text\nwith two lines",
    "# H1\n## H2 ##\n###### H6\n####### seven\n#hashtag",
    "Setext\n===\n\nUnder\n---\n\n***\n* * *\n_ _ _\n- - -",
    "```\ncode *kept* [x](y)\n```\n~~~~\ninside ``` still\n~~~~\n````\nunclosed",
    "   ```python\n  indented fence\n   ```  \nafter",
    "> quote\n>> nested > inside\n> - list in quote",
    "- item\n* star\n+ plus\n12. twelve\n3) paren\n- [ ] todo\n- [X] done\n-no space",
    "| a | b |\n| --- | ---: |\n| `x|y` | **b** |\na | b | c\n:---:\n|---|",
    "[a](http://x.com) [b](<url with spaces> 'title') [c](u (t)) [d][ref] [e][] ![f](i.png) [![g](i.png)](u)",
    "[nested [brackets] text](http://x) ![alt [x]](y \"t\")",
    "<http://auto.link/path> <mailto:a@b.c> <notalink> <https://x.y/z w>",
    "a<br>b<br/>c<sup>1</sup><sub>2</sub><kbd>Ctrl</kbd><span class=\"x\">s</span><div>kept</div><!-- gone -->",
    "*em* **strong** ***both*** _u_ __uu__ ___uuu___ ~~del~~ *unbalanced **x* a*b",
    "snake_case _leading trailing_ __init__ a _ b file_name_",
    "\\*esc\\* \\_u\\_ \\# \\[x\\] \\\\ back \\` tick \\| pipe end\\",
    "`code` ``co`de`` `  spaced  ` `unclosed",
    "&amp; &nbsp;x&nbsp; &#39; &quot; &eacute;t&eacute; &AMP &amp &ampx",
    "[ref]: http://example.com \"Title\"\n  [other]:  /x\n[not a def]",
    "tabs\tand\u{a0}nbsp  and   spaces\u{2003}em",
    "line with trailing backslash\\\nnext",
    "\r\nwindows\r\nline\rold mac",
    "\u{1c}info sep\u{1f}\n\u{2028}sep",
    "Ünïcödé *ëm* — «quotes» _ß_ 中文**粗体**",
    "1\\. not a list\n\\- not a list\n\\# not a heading",
    "",
    "\n\n\n",
];

/// The reference's `markdown_to_text` of each string (python3 and `tests/tools/score.py`).
fn python_markdown_to_text(docs: &[String], tag: &str) -> Vec<String> {
    let input = std::env::temp_dir().join(format!("readmark-md-{}-{tag}.json", std::process::id()));
    std::fs::write(&input, serde_json::to_string(docs).unwrap()).expect("write temporary json");
    let script = "import json, sys\nsys.path.insert(0, sys.argv[1])\nimport score\n\
                  docs = json.load(open(sys.argv[2], encoding='utf-8'))\n\
                  print(json.dumps([score.markdown_to_text(d) for d in docs]))";
    let tools = repo().join("tests/tools");
    let out = python(&[
        "-c",
        script,
        tools.to_str().unwrap(),
        input.to_str().unwrap(),
    ]);
    let _ = std::fs::remove_file(&input);
    serde_json::from_str(&out).expect("the reference prints a JSON list")
}

/// Our Markdown-to-text equals the reference's on every document; lists the first differences.
fn assert_same_text(docs: &[String], tag: &str) {
    let theirs = python_markdown_to_text(docs, tag);
    assert_eq!(theirs.len(), docs.len());
    let differing: Vec<String> = docs
        .iter()
        .zip(&theirs)
        .enumerate()
        .filter_map(|(i, (md, want))| {
            let got = markdown_to_text(md);
            (&got != want).then(|| format!("#{i}: {md:?}\n  ours:   {got:?}\n  theirs: {want:?}"))
        })
        .collect();
    assert!(
        differing.is_empty(),
        "{tag}: {} of {} differ:\n{}",
        differing.len(),
        docs.len(),
        differing[..differing.len().min(5)].join("\n")
    );
}

#[test]
fn markdown_to_text_agrees_with_score_py_on_tricky_markdown() {
    let docs: Vec<String> = TRICKY_MARKDOWN.iter().map(|s| s.to_string()).collect();
    assert_same_text(&docs, "tricky");
}

/// Long lines of unpaired delimiters make the backtracking patterns work hard (quadratic in
/// Python too); the port must still finish them exactly as the reference does.
#[test]
fn markdown_to_text_agrees_on_long_unbalanced_lines() {
    let docs = vec![
        "*unclosed ".repeat(1000),
        "_x_y ".repeat(1000),
        "``a ".repeat(1000),
        "~~z ".repeat(1000),
    ];
    assert_same_text(&docs, "unbalanced");
}

// ---------------------------------------------------------------- agreement with score.py

/// The repository's root (this package is `tools/`): the corpora and `score.py` are there.
fn repo() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .expect("tools/ is inside the repository")
        .to_path_buf()
}

/// Runs python3 with these arguments and returns its stdout; fails the test (never skips)
/// when python3 is missing or the script fails.
fn python(args: &[&str]) -> String {
    let out = Command::new("python3").args(args).output().unwrap_or_else(|e| {
        panic!("python3 is needed to check agreement with tests/tools/score.py, and could not run: {e}")
    });
    assert!(
        out.status.success(),
        "python3 failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout).into_owned()
}

/// The extractor's Markdown body per page (`Err` for a failure).
fn extract_all(c: &Corpus) -> Vec<Result<String, String>> {
    let opts = Options::default();
    c.pages
        .iter()
        .map(|p| {
            let html = corpus::read_html(p).map_err(|e| e.to_string())?;
            extract_html(&html, &p.url, &opts)
                .map(|a| a.markdown)
                .map_err(|e| e.to_string())
        })
        .collect()
}

/// Output sets to score both ways: as extracted, the truth itself, and perturbations
/// (truncated, emptied, duplicated, failed, the truth with a tail of noise).
fn variants(
    c: &Corpus,
    extracted: &[Result<String, String>],
) -> Vec<(&'static str, Vec<Result<String, String>>)> {
    let truth: Vec<Result<String, String>> = c.pages.iter().map(|p| Ok(p.truth.clone())).collect();
    let half = |s: &str| s.chars().take(s.chars().count() / 2).collect::<String>();
    let mixed = extracted
        .iter()
        .zip(&c.pages)
        .enumerate()
        .map(|(i, (out, page))| match (i % 6, out) {
            (_, Err(e)) => Err(e.clone()),
            (0, Ok(t)) => Ok(t.clone()),
            (1, Ok(t)) => Ok(half(t)),
            (2, Ok(_)) => Ok(String::new()),
            (3, Ok(t)) => Ok(format!("{t}\n{t}")),
            (4, Ok(_)) => Err("simulated failure".to_string()),
            (_, Ok(_)) => Ok(format!(
                "{}\nShare this article on Facebook Twitter",
                half(&page.truth)
            )),
        })
        .collect();
    let truncated_truth = c.pages.iter().map(|p| Ok(half(&p.truth))).collect();
    vec![
        ("extracted", extracted.to_vec()),
        ("truth", truth),
        ("mixed", mixed),
        ("truncated truth", truncated_truth),
    ]
}

/// Fake but fixed per-page times, so that both sides print the same medians and tables.
fn fake_ms(i: usize) -> f64 {
    (i * 37 % 101) as f64 + 0.25
}

/// Our report on Markdown outputs, each through the Markdown-to-text step as `eval` does.
fn our_report(c: &Corpus, outputs: &[Result<String, String>], worst: usize) -> String {
    let outcomes: Vec<Outcome> = c
        .pages
        .iter()
        .zip(outputs)
        .enumerate()
        .map(|(i, (p, o))| {
            let text = o.as_deref().map(markdown_to_text).map_err(Clone::clone);
            corpus::score(p, c.layout.metric(), text, Some(fake_ms(i)))
        })
        .collect();
    report::render(c.layout.name(), c.layout.metric(), &outcomes, worst)
}

fn python_report(
    dir: &Path,
    c: &Corpus,
    outputs: &[Result<String, String>],
    worst: usize,
    tag: &str,
) -> String {
    let jsonl = std::env::temp_dir().join(format!(
        "readmark-agree-{}-{}-{tag}.jsonl",
        std::process::id(),
        c.layout.name()
    ));
    let lines: Vec<String> = c
        .pages
        .iter()
        .zip(outputs)
        .enumerate()
        .map(|(i, (p, o))| {
            let (text, error) = match o {
                Ok(t) => (t.as_str(), None),
                Err(e) => ("", Some(e.as_str())),
            };
            serde_json::json!({"id": p.id, "text": text, "error": error, "ms": fake_ms(i)})
                .to_string()
        })
        .collect();
    std::fs::write(&jsonl, lines.join("\n")).expect("write temporary jsonl");
    let out = score_py(dir, &["--jsonl", jsonl.to_str().unwrap()], worst);
    let _ = std::fs::remove_file(&jsonl);
    out
}

/// `score.py --corpus DIR ARGS --format md --n-bootstrap 0 --per-page WORST` (ARGS may
/// choose another `--format`).
fn score_py(dir: &Path, args: &[&str], worst: usize) -> String {
    let script = repo().join("tests/tools/score.py");
    let worst = worst.to_string();
    let mut all = vec![script.to_str().unwrap(), "--corpus", dir.to_str().unwrap()];
    all.extend_from_slice(args);
    if !args.contains(&"--format") {
        all.extend_from_slice(&["--format", "md"]);
    }
    all.extend_from_slice(&["--n-bootstrap", "0", "--per-page", &worst]);
    python(&all)
}

/// `name value` pairs of the scorer's second line that we print too.
fn detail_fields(line: &str) -> Vec<String> {
    let words: Vec<&str> = line.split_whitespace().collect();
    let mut keys = vec!["accuracy", "empty_outputs", "median_ms/page"];
    if line.contains("(word metric)") {
        keys.extend(["with", "without"]);
    }
    keys.iter()
        .map(|k| {
            let at = words
                .iter()
                .position(|w| w == k)
                .unwrap_or_else(|| panic!("{k} missing in {line:?}"));
            format!("{k} {}", words.get(at + 1).copied().unwrap_or_default())
        })
        .collect()
}

/// Markdown-to-text on every extracted page, then the whole report on each output set.
fn assert_agreement(rel: &str) {
    const WORST: usize = 15;
    let dir = repo().join(rel);
    let c = corpus::load(&dir).expect("load corpus");
    let extracted = extract_all(&c);
    let markdown: Vec<String> = extracted
        .iter()
        .filter_map(|o| o.as_ref().ok().cloned())
        .collect();
    assert!(
        markdown.len() * 10 >= c.pages.len() * 9,
        "{rel}: most pages give an article"
    );
    assert_same_text(&markdown, c.layout.name());
    for (tag, outputs) in variants(&c, &extracted) {
        let tag_file = tag.replace(' ', "-");
        let ours = our_report(&c, &outputs, WORST);
        let theirs = python_report(&dir, &c, &outputs, WORST, &tag_file);
        let (o, t): (Vec<&str>, Vec<&str>) = (ours.lines().collect(), theirs.lines().collect());
        assert_eq!(
            o.len(),
            t.len(),
            "{rel} {tag}: line counts\nours:\n{ours}\ntheirs:\n{theirs}"
        );
        assert_eq!(o[0], t[0], "{rel} {tag}: summary line");
        assert_eq!(
            detail_fields(o[1]),
            detail_fields(t[1]),
            "{rel} {tag}: detail line"
        );
        assert_eq!(
            o[2..],
            t[2..],
            "{rel} {tag}: types, failures and worst pages"
        );
    }
}

#[test]
fn agrees_with_score_py_on_readability_corpus() {
    assert_agreement("tests/corpus/readability");
}

#[test]
fn agrees_with_score_py_on_scrapinghub_corpus() {
    assert_agreement("tests/corpus/scrapinghub-dev");
}

#[test]
fn agrees_with_score_py_on_wcxb_sample() {
    assert_agreement("tests/corpus/wcxb-sample");
}

/// A worst-pages row without its `ms` column and error (the CLI times and words its
/// failures differently from a command run by score.py).
fn row_without_ms(line: &str) -> String {
    let line = line.split("  [").next().unwrap_or(line);
    let mut cols: Vec<&str> = line.split_whitespace().collect();
    if cols.len() >= 7 {
        cols.remove(5);
    }
    cols.join(" ")
}

/// `readmark eval [--format FORMAT]` against `score.py --format FORMAT --cmd 'readmark extract
/// {html} --url {url} --body-only [--format text]'`: the same summary, detail, type lines,
/// failing pages and worst pages.
fn assert_cli_agreement(rel: &str, format: &str) {
    const WORST: usize = 10;
    let dir = repo().join(rel);
    let bin = env!("CARGO_BIN_EXE_readmark");
    let ours = Command::new(bin)
        .args([
            "eval",
            "--corpus",
            dir.to_str().unwrap(),
            "--per-page",
            &WORST.to_string(),
            "--format",
            format,
        ])
        .output()
        .expect("run readmark eval");
    assert!(
        ours.status.success(),
        "readmark eval: {}",
        String::from_utf8_lossy(&ours.stderr)
    );
    let ours = String::from_utf8_lossy(&ours.stdout).into_owned();
    let cmd = format!("{bin} extract {{html}} --url {{url}} --body-only --format {format}");
    let theirs = score_py(
        &dir,
        &["--cmd", &cmd, "--jobs", "2", "--format", format],
        WORST,
    );
    let (o, t): (Vec<&str>, Vec<&str>) = (ours.lines().collect(), theirs.lines().collect());
    assert_eq!(
        o.len(),
        t.len(),
        "{rel}: line counts\nours:\n{ours}\ntheirs:\n{theirs}"
    );
    assert_eq!(
        o[0], t[0],
        "{rel}: summary line\nours:\n{ours}\ntheirs:\n{theirs}"
    );
    assert_eq!(
        detail_fields(o[1])[..2],
        detail_fields(t[1])[..2],
        "{rel}: accuracy and empty outputs"
    );
    for (a, b) in o[2..].iter().zip(&t[2..]) {
        if a.starts_with("    failure ") {
            assert_eq!(
                a.split(':').next(),
                b.split(':').next(),
                "{rel}: failing page"
            );
        } else {
            assert_eq!(
                row_without_ms(a),
                row_without_ms(b),
                "{rel}: types and worst pages"
            );
        }
    }
}

#[test]
fn cli_eval_agrees_with_score_py_cmd_on_readability_corpus() {
    assert_cli_agreement("tests/corpus/readability", "md");
}

#[test]
fn cli_eval_agrees_with_score_py_cmd_on_scrapinghub_corpus() {
    assert_cli_agreement("tests/corpus/scrapinghub-dev", "md");
}

#[test]
fn cli_eval_of_the_text_agrees_with_score_py_cmd_on_scrapinghub_corpus() {
    assert_cli_agreement("tests/corpus/scrapinghub-dev", "text");
}

#[test]
fn cli_eval_agrees_with_score_py_cmd_on_wcxb_sample() {
    assert_cli_agreement("tests/corpus/wcxb-sample", "md");
}

#[test]
fn gzip_pages_are_read() {
    use std::io::Write;
    let dir = std::env::temp_dir().join(format!("readmark-gz-{}", std::process::id()));
    std::fs::create_dir_all(dir.join("html")).unwrap();
    std::fs::write(
        dir.join("ground-truth.json"),
        r#"{"p": {"articleBody": "Hello", "url": "https://example.com/"}}"#,
    )
    .unwrap();
    let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
    gz.write_all("<p>Hello é</p>".as_bytes()).unwrap();
    std::fs::write(dir.join("html/p.html.gz"), gz.finish().unwrap()).unwrap();
    let c = corpus::load(&dir).unwrap();
    let html = corpus::read_html(&c.pages[0]);
    let _ = std::fs::remove_dir_all(&dir);
    assert_eq!(html.unwrap(), "<p>Hello é</p>");
}

#[test]
fn wcxb_layout_is_read_with_types_and_snippets() {
    let c = corpus::load(&repo().join("tests/corpus/wcxb-sample")).expect("wcxb sample");
    assert_eq!(
        (c.layout.name(), c.layout.metric(), c.pages.len()),
        ("wcxb", Metric::Word, 70)
    );
    let mut types: Vec<&str> = c
        .pages
        .iter()
        .filter_map(|p| p.labels.as_ref())
        .map(|l| l.page_type.as_str())
        .collect();
    types.sort_unstable();
    types.dedup();
    assert_eq!(
        types,
        [
            "article",
            "collection",
            "documentation",
            "forum",
            "listing",
            "product",
            "service"
        ]
    );
    assert!(
        c.pages
            .iter()
            .all(|p| p.html.to_string_lossy().ends_with(".html.gz") && p.url.starts_with("http"))
    );
    assert!(
        c.pages
            .iter()
            .filter_map(|p| p.labels.as_ref())
            .any(|l| !l.with.is_empty() && !l.without.is_empty())
    );
}
