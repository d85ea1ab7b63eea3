//! Front matter a YAML parser accepts: authors as a list, and no character YAML forbids
//! (issue 12, finding 9: DEL, C1 controls and U+FFFE stayed raw and parsers refused the file).

use readmark::{Options, extract_html};

fn article() -> readmark::Article {
    let html = "<html><head><title>T</title></head><body><article><p>Body text here.</p></article></body></html>";
    match extract_html(html, "https://x.example/a", &Options::default()) {
        Ok(a) => a,
        Err(e) => panic!("extraction failed: {e}"),
    }
}

/// The value of `key:` in the front matter, read back as the JSON string it is written as.
fn value_of(doc: &str, key: &str) -> String {
    let line = doc
        .lines()
        .find(|l| l.starts_with(&format!("{key}: ")))
        .unwrap_or_else(|| panic!("no {key} in {doc}"));
    serde_json::from_str(&line[key.len() + 2..]).unwrap_or_else(|e| panic!("{line}: {e}"))
}

#[test]
fn characters_yaml_forbids_are_escaped_and_round_trip() {
    let mut a = article();
    let hostile = "a\u{7F}b\u{80}c\u{85}d\u{9F}e\u{FEFF}f\u{FFFE}g\u{FFFF}h\u{1}i";
    a.metadata.title = Some(hostile.to_string());
    a.metadata.excerpt = Some(hostile.to_string());
    let doc = a.to_markdown_document(true, None);
    let front = doc.split("\n---\n").next().unwrap_or_default();
    for c in [
        '\u{7F}', '\u{80}', '\u{85}', '\u{9F}', '\u{FEFF}', '\u{FFFE}', '\u{FFFF}', '\u{1}',
    ] {
        assert!(
            !front.contains(c),
            "raw U+{:04X} in front matter: {front:?}",
            c as u32
        );
    }
    assert!(
        front.contains(r"a\u007Fb\u0080c\u0085d\u009Fe\uFEFFf\uFFFEg\uFFFFh\u0001i"),
        "{front}"
    );
    assert_eq!(value_of(front, "title"), hostile);
    assert_eq!(value_of(front, "excerpt"), hostile);
}

#[test]
fn several_authors_are_a_yaml_list_one_is_a_string() {
    let mut a = article();
    a.metadata.authors = vec!["Ann Lee".to_string(), "Bo \"B\" Park".to_string()];
    a.metadata.byline = Some("Ann Lee, Bo \"B\" Park".to_string());
    // No site name here: the page type follows the authors.
    let doc = a.to_markdown_document(true, None);
    assert!(
        doc.contains(
            "\nauthor:\n  - \"Ann Lee\"\n  - \"Bo \\\"B\\\" Park\"\ntype: \"article\"\nurl: "
        ),
        "{doc}"
    );
    a.metadata.authors = vec!["Ann Lee".to_string()];
    a.metadata.byline = Some("Ann Lee".to_string());
    let doc = a.to_markdown_document(true, None);
    assert!(
        doc.contains("\nauthor: \"Ann Lee\"\ntype: \"article\"\nurl: "),
        "{doc}"
    );
}

#[test]
fn authors_from_a_real_citation_page_reach_the_front_matter() {
    let html = r#"<html><head><title>On things | Journal</title>
        <meta name="citation_author" content="Curie, Marie"><meta name="citation_author" content="Pierre Curie">
        <meta name="citation_publication_date" content="2021/03/04"></head>
        <body><article><h1>On things</h1><p>Body text of the paper, long enough to be an article body.</p></article></body></html>"#;
    let a = match extract_html(html, "https://journal.example/p/1", &Options::default()) {
        Ok(a) => a,
        Err(e) => panic!("extraction failed: {e}"),
    };
    assert_eq!(a.metadata.authors, ["Curie, Marie", "Pierre Curie"]);
    assert_eq!(a.metadata.published_time.as_deref(), Some("2021-03-04"));
    assert_eq!(a.metadata.sources.byline.as_deref(), Some("meta"));
    let doc = a.to_markdown_document(true, None);
    assert!(
        doc.contains("author:\n  - \"Curie, Marie\"\n  - \"Pierre Curie\"\n"),
        "{doc}"
    );
}
