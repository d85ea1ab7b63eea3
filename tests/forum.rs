//! Threads on real forum pages (`src/extract/forum.rs`): every post stays, once, in order;
//! the furniture around the posts and the copies quoted posts make go.
//!
//! Pages of the vendored WCXB sample (`tests/corpus/wcxb-sample`), and one Stack Exchange
//! page of the development split (`../shared/corpora/wcxb-dev`) when it is there.

use std::fs;
use std::io::Read;
use std::path::Path;

use readmark::{Article, Options, PageType, extract_html};
use serde_json::Value;

const SAMPLE: &str = "tests/corpus/wcxb-sample";
const DEV: &str = "../shared/corpora/wcxb-dev";

/// A corpus page extracted, with its ground truth.
fn extract(corpus: &str, id: &str) -> (Article, Value) {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join(corpus);
    let truth: Value = serde_json::from_str(
        &fs::read_to_string(dir.join(format!("ground-truth/{id}.json"))).expect("ground truth"),
    )
    .expect("ground truth JSON");
    let bytes = fs::read(dir.join(format!("html/{id}.html.gz"))).expect("page");
    let mut html = String::new();
    flate2::read::GzDecoder::new(bytes.as_slice())
        .read_to_string(&mut html)
        .expect("gzip");
    let url = truth["url"].as_str().expect("url");
    let article = extract_html(&html, url, &Options::default()).expect("an article");
    (article, truth)
}

/// The ground truth's `with` snippets: text a correct extraction contains.
fn with_snippets(truth: &Value) -> Vec<String> {
    truth["ground_truth"]["with"]
        .as_array()
        .expect("with snippets")
        .iter()
        .filter_map(|s| s.as_str().map(String::from))
        .collect()
}

/// The lower-case words of `text`, one space apart: snippets are compared on their words
/// (the ground truth leaves some quotation marks out).
fn words(text: &str) -> String {
    text.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect::<Vec<_>>()
        .join(" ")
}

/// Every `with` snippet of the page is in the article.
fn assert_keeps_with_snippets(article: &Article, truth: &Value) {
    let text = words(&article.text);
    for snippet in with_snippets(truth) {
        assert!(text.contains(&words(&snippet)), "post text kept: {snippet}");
    }
}

fn lines(article: &Article) -> Vec<&str> {
    article.text.lines().map(str::trim).collect()
}

#[test]
fn xenforo_thread_keeps_each_post_once_without_user_cards() {
    let (article, truth) = extract(SAMPLE, "1674");
    assert_eq!(article.page_type, PageType::Forum);
    assert_keeps_with_snippets(&article, &truth);
    // The opening post is quoted in full by several replies: it is in the thread once.
    let opening = "Booking.com has been our number one for booking service for many years.";
    assert_eq!(article.text.matches(opening).count(), 1, "{}", article.text);
    let lines = lines(&article);
    for furniture in ["Joined", "Click to expand...", "Reply", "Share"] {
        assert!(!lines.contains(&furniture), "no '{furniture}' line");
    }
}

#[test]
fn invision_thread_drops_the_quoted_copy_of_the_opening_post() {
    let (article, truth) = extract(SAMPLE, "0550");
    assert_eq!(article.page_type, PageType::Forum);
    assert_keeps_with_snippets(&article, &truth);
    let opening = "Hi guys, long time watcher, new forum member.";
    assert_eq!(article.text.matches(opening).count(), 1, "{}", article.text);
    // The replies follow the question, in order.
    let question = article.text.find(opening).expect("the question");
    let reply = article
        .text
        .find("They added multicore rendering")
        .expect("a reply");
    assert!(question < reply);
}

#[test]
fn stack_exchange_question_keeps_answers_without_comments() {
    if !Path::new(env!("CARGO_MANIFEST_DIR")).join(DEV).is_dir() {
        println!("{DEV} is not here: Stack Exchange page not tested");
        return;
    }
    let (article, truth) = extract(DEV, "1177");
    assert_eq!(article.page_type, PageType::Forum);
    assert_keeps_with_snippets(&article, &truth);
    assert!(
        !article.text.contains("Commented Mar 26, 2019"),
        "comments under the posts go"
    );
    assert!(
        !article
            .text
            .contains("When would you expect N to ever become hot?"),
        "a comment under the question goes"
    );
}
