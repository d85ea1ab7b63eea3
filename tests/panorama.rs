//! The user's own example: a Panorama.am news page. Its article must come out whole, in
//! order, with none of the page's furniture and with exactly the expected metadata.

use std::path::PathBuf;

use readmark::{Article, Options, extract_html};

fn fixture(name: &str) -> String {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/panorama")
        .join(name);
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

fn expected_metadata() -> serde_json::Value {
    serde_json::from_str(&fixture("expected-metadata.json"))
        .expect("expected-metadata.json is JSON")
}

fn article() -> Article {
    let url = expected_metadata()["url"]
        .as_str()
        .expect("fixture has a url")
        .to_string();
    extract_html(&fixture("source.html"), &url, &Options::default())
        .expect("the Panorama article is found")
}

/// expected.txt: the title, then the 14 paragraphs of the article.
fn expected_paragraphs() -> Vec<String> {
    fixture("expected.txt")
        .lines()
        .skip(1)
        .filter(|l| !l.trim().is_empty())
        .map(String::from)
        .collect()
}

#[test]
fn all_fourteen_paragraphs_in_order_and_nothing_else() {
    let expected = expected_paragraphs();
    assert_eq!(expected.len(), 14, "the fixture lists 14 paragraphs");
    let article = article();
    let got: Vec<&str> = article
        .text
        .lines()
        .filter(|l| !l.trim().is_empty())
        .collect();
    assert_eq!(
        got, expected,
        "the article text is exactly the 14 paragraphs, in order"
    );
}

#[test]
fn no_boilerplate_string_leaks_into_any_output() {
    let article = article();
    let outputs = [
        ("text", article.text.clone()),
        ("markdown body", article.markdown.clone()),
        (
            "markdown document",
            article.to_markdown_document(true, Some("2026-11-28T00:00:00Z")),
        ),
        ("html", article.content_html.clone()),
    ];
    let strings = fixture("boilerplate.txt");
    let strings: Vec<&str> = strings.lines().filter(|l| !l.is_empty()).collect();
    assert_eq!(
        strings.len(),
        40,
        "the fixture lists 40 boilerplate strings"
    );
    for (what, output) in &outputs {
        for s in &strings {
            assert!(
                !output.contains(s),
                "boilerplate {s:?} leaked into the {what}"
            );
        }
    }
}

#[test]
fn metadata_is_exactly_as_expected() {
    let got = serde_json::to_value(article().metadata).expect("metadata serialises");
    let expected = expected_metadata();
    let fields = expected
        .as_object()
        .expect("expected metadata is an object");
    assert!(fields.len() >= 7);
    for (key, value) in fields {
        assert_eq!(&got[key], value, "metadata field {key}");
    }
}

#[test]
fn markdown_document_matches_the_expected_file() {
    let got = article().to_markdown_document(false, None);
    assert_eq!(got.trim_end(), fixture("expected.md").trim_end());
}
