//! The quality gate: the corpus is the spec. Every page of both bundled corpora is extracted
//! and scored with ScrapingHub's shingle metric (the same code as `readmark eval`, which
//! agrees with the reference scorer — see `tests/eval.rs`). The floors are the product's
//! promise; they are asserted, never lowered.

use std::path::PathBuf;

use readmark::Options;
use readmark::eval::corpus;
use readmark::eval::report::{Outcome, render, summary};

/// Readability's own test pages: we must match Reader View (its output is the truth here).
const READABILITY_F1_FLOOR: f64 = 0.97;
/// Human-annotated news pages: we must beat Readability.js (0.947 on the full benchmark).
const SCRAPINGHUB_F1_FLOOR: f64 = 0.95;
/// Share of Readability pages with a title whose title we get exactly right.
const TITLE_EXACT_FLOOR: f64 = 0.95;

fn corpus_dir(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/corpus").join(name)
}

fn score(name: &str) -> (f64, Vec<Outcome>) {
    let corpus = corpus::load(&corpus_dir(name)).unwrap_or_else(|e| panic!("corpus {name}: {e}"));
    assert!(!corpus.pages.is_empty(), "corpus {name} has no pages");
    let outcomes = corpus::run(&corpus, &Options::default(), corpus::Output::Markdown);
    assert_eq!(outcomes.len(), corpus.pages.len(), "every page of {name} is scored");
    println!("{}", render(name, corpus.layout.metric(), &outcomes, 10));
    (summary(&outcomes).f1, outcomes)
}

#[test]
fn readability_pages_reach_the_floor() {
    let (f1, _) = score("readability");
    assert!(f1 >= READABILITY_F1_FLOOR, "Readability corpus F1 {f1:.3} < {READABILITY_F1_FLOOR}");
}

#[test]
fn scrapinghub_pages_reach_the_floor() {
    let (f1, outcomes) = score("scrapinghub-dev");
    assert!(f1 >= SCRAPINGHUB_F1_FLOOR, "ScrapingHub-dev F1 {f1:.3} < {SCRAPINGHUB_F1_FLOOR}");
    let failures: Vec<&Outcome> = outcomes.iter().filter(|o| o.error.is_some()).collect();
    assert!(failures.is_empty(), "every news page yields an article: {:?}", failures.iter().map(|o| &o.id).collect::<Vec<_>>());
}

#[test]
fn titles_match_readability_expectations() {
    let corpus = corpus::load(&corpus_dir("readability")).expect("readability corpus");
    let mut with_title = 0;
    let mut exact = Vec::new();
    let mut wrong = Vec::new();
    for page in &corpus.pages {
        let meta_path = page.html.with_file_name("expected-metadata.json");
        let meta: serde_json::Value = serde_json::from_str(&std::fs::read_to_string(&meta_path).unwrap_or_default())
            .unwrap_or_else(|e| panic!("{}: {e}", meta_path.display()));
        let Some(expected) = meta["title"].as_str().filter(|t| !t.is_empty()) else { continue };
        with_title += 1;
        let html = corpus::read_html(page).expect("page is readable");
        let got = readmark::extract_html(&html, &page.url, &Options::default()).ok().and_then(|a| a.metadata.title);
        if got.as_deref() == Some(expected) {
            exact.push(&page.id);
        } else {
            wrong.push(format!("{}: {got:?} != {expected:?}", page.id));
        }
    }
    let share = exact.len() as f64 / with_title as f64;
    println!("titles exact: {}/{with_title} ({share:.3}); wrong:\n{}", exact.len(), wrong.join("\n"));
    assert!(with_title >= 100, "the corpus has titles to check");
    assert!(share >= TITLE_EXACT_FLOOR, "exact titles {share:.3} < {TITLE_EXACT_FLOOR}:\n{}", wrong.join("\n"));
}
