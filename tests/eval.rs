//! The shingle metric: hand-computed cases, the tokenizer on tricky Unicode, and agreement
//! with the reference scorer `tests/tools/score.py` (run with python3) on real outputs and
//! deliberately perturbed ones.

use std::path::{Path, PathBuf};
use std::process::Command;

use readmark::eval::corpus::{self, Corpus};
use readmark::eval::report::{self, Outcome};
use readmark::eval::{Counts, PageScore, Summary, is_word_char, median, tokenize};
use readmark::{Options, extract_html};

const EPS: f64 = 1e-12;

fn close(a: f64, b: f64) -> bool {
    (a - b).abs() < EPS
}

// ---------------------------------------------------------------- tokenizer

#[test]
fn ascii_words_digits_and_underscore() {
    assert_eq!(tokenize("Don't stop_me now, 2024-05-01!"), ["Don", "t", "stop_me", "now", "2024", "05", "01"]);
    assert_eq!(tokenize("  \n\t "), Vec::<&str>::new());
}

#[test]
fn combining_marks_split_words_as_in_python() {
    // Devanagari vowel signs (Mc) are alphabetic for Rust but not \w for Python.
    assert!('\u{093F}'.is_alphanumeric());
    assert!(!is_word_char('\u{093F}'));
    // क ि त ा ब ("kitab"): consonants only.
    assert_eq!(tokenize("\u{915}\u{93F}\u{924}\u{93E}\u{92C}"), ["\u{915}", "\u{924}", "\u{92C}"]);
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
    assert_eq!(tokenize("Հայ\u{55D}երեն ա\u{559}բ"), ["Հայ", "երեն", "ա\u{559}բ"]);
    // Zero-width joiner, no-break space, emoji and CJK punctuation are not \w.
    assert_eq!(tokenize("a\u{200D}b c\u{A0}d 😀e 中文。日本"), ["a", "b", "c", "d", "e", "中文", "日本"]);
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
    assert_eq!(version, "14.0.0", "python3 uses Unicode {version}; the tokenizer follows Unicode 14.0 (Python 3.11)");
    let mut python_word = vec![false; 0x110000];
    for line in lines {
        let (a, b) = line.split_once(' ').expect("range line");
        let (a, b) = (a.parse::<usize>().unwrap(), b.parse::<usize>().unwrap());
        python_word[a..=b].fill(true);
    }
    let differing: Vec<u32> = (0..0x110000u32)
        .filter(|&c| char::from_u32(c).is_some_and(|ch| is_word_char(ch) != python_word[c as usize]))
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
    assert_eq!(s.counts, Counts { tp: 1.0, fp: 0.0, fn_: 0.0 });
    assert_eq!((s.true_tokens, s.pred_tokens, s.exact), (5, 5, true));
    assert!(close(s.counts.f1(), 1.0));
}

#[test]
fn missing_tail_halves_recall() {
    // truth shingles {abcd, bcde}, prediction {abcd}: tp 1, fn 1.
    let c = counts("a b c d e", "a b c d");
    assert_eq!(c, Counts { tp: 0.5, fp: 0.0, fn_: 0.5 });
    assert_eq!(c.precision(), Some(1.0));
    assert_eq!(c.recall(), Some(0.5));
    assert!(close(c.f1(), 2.0 / 3.0));
}

#[test]
fn short_texts_are_one_shorter_shingle() {
    assert_eq!(counts("a b", "a b"), Counts { tp: 1.0, fp: 0.0, fn_: 0.0 });
    // (a, b) and (a, b, c) are different shingles.
    assert_eq!(counts("a b", "a b c"), Counts { tp: 0.0, fp: 0.5, fn_: 0.5 });
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
    assert_eq!((both.counts.precision(), both.counts.recall()), (None, None));
    assert_eq!((both.counts.f1(), both.exact), (1.0, true));
}

#[test]
fn summary_averages_only_defined_pages() {
    let pages = [PageScore::new("a b c d e", "a b c d"), PageScore::new("a b c d", ""), PageScore::new("", "")];
    let s = Summary::of(&pages);
    assert!(close(s.precision, 1.0)); // only the first page has a prediction
    assert!(close(s.recall, 0.25)); // (0.5 + 0) / 2
    assert!(close(s.f1, 0.4));
    assert!(close(s.accuracy, 1.0 / 3.0));
    assert_eq!(Summary::of(&[]), Summary { f1: 0.0, precision: 0.0, recall: 0.0, accuracy: 0.0 });
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
        Outcome::new("p2", "a b c d", Err("no article found in the page".into()), Some(4.0)),
        Outcome::new("p3", "a b", Ok("  "), None),
    ];
    let text = report::render("readability", &outcomes, 2);
    let lines: Vec<&str> = text.lines().collect();
    // precision: p1 only (1.0); recall: (0.5 + 0 + 0) / 3; F1 = 2 · 1 · 1/6 / (7/6) = 2/7.
    assert_eq!(lines[0], "[readability] F1 0.286 precision 1.000 recall 0.167 pages 3 failures 1");
    assert_eq!(lines[1], "    (shingle metric) accuracy 0.000 empty_outputs 1 median_ms/page 3.0 mean_ms/page 3.0");
    assert_eq!(lines[2], "    failure p2: no article found in the page");
    assert_eq!(lines[3], "    worst 2 pages:");
    // ties keep corpus order: p2 before p3; an empty prediction has no precision ("-").
    assert_eq!(lines[5], "     0.000    -    0.000        4        0        4  p2  [no article found in the page]");
    assert_eq!(lines[6], "     0.000    -    0.000        2        0        -  p3");
}

// ---------------------------------------------------------------- agreement with score.py

fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// Runs python3 with these arguments and returns its stdout; fails the test (never skips)
/// when python3 is missing or the script fails.
fn python(args: &[&str]) -> String {
    let out = Command::new("python3").args(args).output().unwrap_or_else(|e| {
        panic!("python3 is needed to check agreement with tests/tools/score.py, and could not run: {e}")
    });
    assert!(out.status.success(), "python3 failed: {}", String::from_utf8_lossy(&out.stderr));
    String::from_utf8_lossy(&out.stdout).into_owned()
}

/// The extractor's plain text per page (`Err` for a failure).
fn extract_all(c: &Corpus) -> Vec<Result<String, String>> {
    let opts = Options::default();
    c.pages
        .iter()
        .map(|p| {
            let html = corpus::read_html(p).map_err(|e| e.to_string())?;
            extract_html(&html, &p.url, &opts).map(|a| a.text).map_err(|e| e.to_string())
        })
        .collect()
}

/// Output sets to score both ways: as extracted, the truth itself, and perturbations
/// (truncated, emptied, duplicated, failed, the truth with a tail of noise).
fn variants(c: &Corpus, extracted: &[Result<String, String>]) -> Vec<(&'static str, Vec<Result<String, String>>)> {
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
            (_, Ok(_)) => Ok(format!("{}\nShare this article on Facebook Twitter", half(&page.truth))),
        })
        .collect();
    let truncated_truth = c.pages.iter().map(|p| Ok(half(&p.truth))).collect();
    vec![("extracted", extracted.to_vec()), ("truth", truth), ("mixed", mixed), ("truncated truth", truncated_truth)]
}

/// Fake but fixed per-page times, so that both sides print the same medians and tables.
fn fake_ms(i: usize) -> f64 {
    (i * 37 % 101) as f64 + 0.25
}

fn our_report(c: &Corpus, outputs: &[Result<String, String>], worst: usize) -> String {
    let outcomes: Vec<Outcome> = c
        .pages
        .iter()
        .zip(outputs)
        .enumerate()
        .map(|(i, (p, o))| Outcome::new(&p.id, &p.truth, o.as_deref().map_err(Clone::clone), Some(fake_ms(i))))
        .collect();
    report::render(c.layout.name(), &outcomes, worst)
}

fn python_report(dir: &Path, c: &Corpus, outputs: &[Result<String, String>], worst: usize, tag: &str) -> String {
    let jsonl =
        std::env::temp_dir().join(format!("readmark-agree-{}-{}-{tag}.jsonl", std::process::id(), c.layout.name()));
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
            serde_json::json!({"id": p.id, "text": text, "error": error, "ms": fake_ms(i)}).to_string()
        })
        .collect();
    std::fs::write(&jsonl, lines.join("\n")).expect("write temporary jsonl");
    let script = repo().join("tests/tools/score.py");
    let out = python(&[
        script.to_str().unwrap(),
        "--corpus",
        dir.to_str().unwrap(),
        "--jsonl",
        jsonl.to_str().unwrap(),
        "--format",
        "text",
        "--n-bootstrap",
        "0",
        "--per-page",
        &worst.to_string(),
    ]);
    let _ = std::fs::remove_file(&jsonl);
    out
}

/// `name value` pairs of the scorer's second line that we print too.
fn detail_fields(line: &str) -> Vec<String> {
    let words: Vec<&str> = line.split_whitespace().collect();
    ["accuracy", "empty_outputs", "median_ms/page"]
        .iter()
        .map(|k| {
            let at = words.iter().position(|w| w == k).unwrap_or_else(|| panic!("{k} missing in {line:?}"));
            format!("{k} {}", words.get(at + 1).copied().unwrap_or_default())
        })
        .collect()
}

fn assert_agreement(rel: &str) {
    const WORST: usize = 15;
    let dir = repo().join(rel);
    let c = corpus::load(&dir).expect("load corpus");
    let extracted = extract_all(&c);
    for (tag, outputs) in variants(&c, &extracted) {
        let tag_file = tag.replace(' ', "-");
        let ours = our_report(&c, &outputs, WORST);
        let theirs = python_report(&dir, &c, &outputs, WORST, &tag_file);
        let (o, t): (Vec<&str>, Vec<&str>) = (ours.lines().collect(), theirs.lines().collect());
        assert_eq!(o.len(), t.len(), "{rel} {tag}: line counts\nours:\n{ours}\ntheirs:\n{theirs}");
        assert_eq!(o[0], t[0], "{rel} {tag}: summary line");
        assert_eq!(detail_fields(o[1]), detail_fields(t[1]), "{rel} {tag}: detail line");
        assert_eq!(o[2..], t[2..], "{rel} {tag}: failures and worst pages");
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
fn gzip_pages_are_read() {
    use std::io::Write;
    let dir = std::env::temp_dir().join(format!("readmark-gz-{}", std::process::id()));
    std::fs::create_dir_all(dir.join("html")).unwrap();
    std::fs::write(dir.join("ground-truth.json"), r#"{"p": {"articleBody": "Hello", "url": "https://example.com/"}}"#)
        .unwrap();
    let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
    gz.write_all("<p>Hello é</p>".as_bytes()).unwrap();
    std::fs::write(dir.join("html/p.html.gz"), gz.finish().unwrap()).unwrap();
    let c = corpus::load(&dir).unwrap();
    let html = corpus::read_html(&c.pages[0]);
    let _ = std::fs::remove_dir_all(&dir);
    assert_eq!(html.unwrap(), "<p>Hello é</p>");
}
