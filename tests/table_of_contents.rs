//! An article's own table of contents (a list whose links all jump within the page) is
//! dropped with its label; the sections it points at stay. Real page: the vendored WCXB
//! sample's BrowserStack tutorial (documentation), whose human-reviewed main content has no
//! table of contents.

use std::path::PathBuf;

use readmark::eval::corpus;
use readmark::{Options, extract_html};

/// The tutorial, its Markdown body and its ground truth.
fn tutorial() -> (String, String) {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/corpus/wcxb-sample");
    let corpus = corpus::load(&dir).expect("the vendored WCXB sample loads");
    let page = corpus
        .pages
        .iter()
        .find(|p| p.id == "1766")
        .expect("page 1766 is in the sample");
    let html = corpus::read_html(page).expect("its HTML reads");
    let article = extract_html(&html, &page.url, &Options::default()).expect("it extracts");
    (article.markdown, page.truth.clone())
}

#[test]
fn the_in_page_table_of_contents_goes_and_its_sections_stay() {
    let (markdown, truth) = tutorial();
    let heading = "Benefits of Automation Testing";
    // The truth names each section once, as its heading; the table of contents would be a
    // second mention.
    assert_eq!(truth.matches(heading).count(), 1);
    assert_eq!(
        markdown.matches(heading).count(),
        1,
        "one mention (the heading) expected:\n{markdown}"
    );
    assert!(
        markdown
            .lines()
            .any(|l| l.starts_with("## ") && l.contains(heading)),
        "the section's heading stays:\n{markdown}"
    );
    assert!(
        !markdown.contains("- What is Automation Testing?"),
        "the table of contents' first entry is gone:\n{markdown}"
    );
}
