//! Text and Markdown say the same thing (issue 10, item 3): on every corpus page, the
//! reference Markdown-to-text step (`markdown_to_text` of `tests/tools/score.py`, run by
//! `tests/tools/md_to_text.py`) applied to the article's Markdown gives the same 4-token
//! shingles (as a multiset: the scorer's unit) as the article's plain text.
//!
//! Pages where they cannot agree are listed, each with its reason, in
//! `tests/markdown_text_exceptions.txt`; a listed page that now agrees must leave the list.

mod md_pages;

use std::collections::{BTreeMap, HashMap};

use md_pages::{extract_all, load, load_wcxb, python_with, run_python, tests_dir};
use readmark_tools::eval::corpus::Page;

/// Shingle length of the scorer.
const SHINGLE: usize = 4;

/// `corpus/page` → reason.
fn exceptions() -> BTreeMap<String, String> {
    let path = tests_dir().join("markdown_text_exceptions.txt");
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    text.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
        .map(|l| {
            let (page, reason) = l.split_once(char::is_whitespace).unwrap_or((l, ""));
            assert!(!reason.trim().is_empty(), "exception {page} has no reason");
            (page.to_string(), reason.trim().to_string())
        })
        .collect()
}

fn shingles(text: &str) -> HashMap<Vec<String>, usize> {
    let tokens: Vec<String> = readmark_tools::eval::tokenize(text)
        .into_iter()
        .map(str::to_string)
        .collect();
    let mut out = HashMap::new();
    for w in tokens.windows(SHINGLE.min(tokens.len().max(1))) {
        *out.entry(w.to_vec()).or_insert(0) += 1;
    }
    out
}

/// Pages named `corpus/id`, with their Markdown and text (failed extractions left out: the
/// quality tests judge those).
fn outputs() -> Vec<(String, String, String)> {
    let dir = tests_dir().join("corpus");
    let corpora: Vec<(&str, Vec<Page>)> = vec![
        ("readability", load(&dir.join("readability"))),
        ("scrapinghub", load(&dir.join("scrapinghub-dev"))),
        ("wcxb", load_wcxb(&dir.join("wcxb-sample"))),
    ];
    let mut out = Vec::new();
    for (name, pages) in corpora {
        for (page, article) in pages.iter().zip(extract_all(&pages)) {
            if let Ok(a) = article {
                out.push((format!("{name}/{}", page.id), a.markdown, a.text));
            }
        }
    }
    out
}

#[test]
fn markdown_through_the_reference_step_says_what_the_text_says() {
    let pages = outputs();
    assert!(
        pages.len() >= 250,
        "corpus incomplete: {} pages",
        pages.len()
    );
    let input: String = pages
        .iter()
        .map(|(id, md, _)| serde_json::json!({ "id": id, "markdown": md }).to_string() + "\n")
        .collect();
    let converted = run_python(&python_with("json"), "md_to_text.py", &[], &input);
    let texts: Vec<String> = converted
        .lines()
        .map(|l| {
            serde_json::from_str::<serde_json::Value>(l)
                .ok()
                .and_then(|v| v["text"].as_str().map(str::to_string))
                .unwrap_or_default()
        })
        .collect();
    assert_eq!(
        texts.len(),
        pages.len(),
        "md_to_text.py answered {} of {} pages",
        texts.len(),
        pages.len()
    );
    let listed = exceptions();
    let mut problems = Vec::new();
    for ((id, _, text), from_md) in pages.iter().zip(&texts) {
        let same = shingles(from_md) == shingles(text);
        match (same, listed.contains_key(id)) {
            (false, false) => problems.push(format!(
                "{id}: the Markdown's text differs from the article text"
            )),
            (true, true) => problems.push(format!(
                "{id}: agrees now; remove it from tests/markdown_text_exceptions.txt"
            )),
            _ => {}
        }
    }
    for id in listed
        .keys()
        .filter(|id| !pages.iter().any(|(p, _, _)| p == *id))
    {
        problems.push(format!(
            "{id}: listed but not a corpus page with an article"
        ));
    }
    assert!(
        problems.is_empty(),
        "{} problems:\n{}",
        problems.len(),
        problems.join("\n")
    );
}
