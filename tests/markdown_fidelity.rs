//! Markdown fidelity (issue 10): the Markdown of every WCXB page, judged by the project's
//! `md_fidelity.py` (vendored in `tests/tools/`; needs `markdown-it-py`), carries no raw
//! HTML that Markdown could express — at most [`MAX_DEFECT_SHARE`] of pages with a defect,
//! and not one HTML table that a pipe table could hold. Checked on the vendored sample and,
//! when it is present, on the full shared WCXB-dev split.

mod md_pages;

use std::path::Path;

use md_pages::{extract_all, load_wcxb, python_with, run_python, shared_wcxb_dev, tests_dir};

/// Share of pages allowed to carry a raw-HTML defect (issue 10's target; measured 0.0 on
/// WCXB-dev when this was written).
const MAX_DEFECT_SHARE: f64 = 0.01;

/// What the judge printed, parsed.
#[derive(Debug)]
struct Verdict {
    pages: usize,
    with_defect: usize,
    pipeable_html_tables: usize,
    summary: String,
}

/// Extracts every page of the WCXB corpus in `dir` and runs the judge on the Markdown bodies.
fn judge(dir: &Path) -> Verdict {
    let pages = load_wcxb(dir);
    assert!(!pages.is_empty(), "no pages in {}", dir.display());
    let mut jsonl = String::new();
    for (page, article) in pages.iter().zip(extract_all(&pages)) {
        let text = article.map(|a| a.markdown).unwrap_or_default();
        jsonl.push_str(&serde_json::json!({ "id": page.id, "text": text }).to_string());
        jsonl.push('\n');
    }
    let file = std::env::temp_dir().join(format!(
        "readmark-md-fidelity-{}-{}.jsonl",
        std::process::id(),
        pages.len()
    ));
    std::fs::write(&file, jsonl).unwrap_or_else(|e| panic!("{}: {e}", file.display()));
    let out = run_python(
        &python_with("markdown_it"),
        "md_fidelity.py",
        &[&file.to_string_lossy(), "--show", "20"],
        "",
    );
    let _ = std::fs::remove_file(&file);
    parse(&out)
}

/// `pages N with-defect K (x%) pipe-tables P html-tables H html-tables-pipeable Q …`
fn parse(out: &str) -> Verdict {
    let line = out
        .lines()
        .find(|l| l.starts_with("pages "))
        .unwrap_or_else(|| panic!("unexpected judge output:\n{out}"));
    let field = |name: &str| -> usize {
        let words: Vec<&str> = line.split_whitespace().collect();
        let at = words
            .iter()
            .position(|w| *w == name)
            .unwrap_or_else(|| panic!("no {name} in {line}"));
        words
            .get(at + 1)
            .and_then(|v| v.parse().ok())
            .unwrap_or_else(|| panic!("bad {name} in {line}"))
    };
    Verdict {
        pages: field("pages"),
        with_defect: field("with-defect"),
        pipeable_html_tables: field("html-tables-pipeable"),
        summary: out.to_string(),
    }
}

fn assert_faithful(v: &Verdict, min_pages: usize) {
    assert!(
        v.pages >= min_pages,
        "only {} pages judged:\n{}",
        v.pages,
        v.summary
    );
    let share = v.with_defect as f64 / v.pages as f64;
    assert!(
        share <= MAX_DEFECT_SHARE,
        "{:.1}% of pages carry raw HTML Markdown could express:\n{}",
        share * 100.0,
        v.summary
    );
    assert_eq!(
        v.pipeable_html_tables, 0,
        "HTML tables a pipe table could hold:\n{}",
        v.summary
    );
}

#[test]
fn vendored_wcxb_sample_markdown_has_no_needless_html() {
    let v = judge(&tests_dir().join("corpus/wcxb-sample"));
    assert_faithful(&v, 60);
}

#[test]
fn shared_wcxb_dev_markdown_has_no_needless_html() {
    let dir = shared_wcxb_dev();
    if !dir.join("ground-truth").is_dir() {
        eprintln!(
            "\n*** ../shared/corpora/wcxb-dev IS ABSENT: only the vendored WCXB sample was judged ***\n"
        );
        return;
    }
    let v = judge(&dir);
    assert_faithful(&v, 1400);
}
