//! Round trip over every corpus page: the Markdown of the extracted article, rendered to HTML
//! by the sanitizing renderer the extension's library shows articles with
//! ([`readmark::render_markdown`]: pulldown-cmark, then the allow-list) and reduced to text by
//! the reference rules, must give back the article's own text, word for word — the sanitizer
//! loses no words — and the rendered HTML must hold nothing executable. Words, not lines:
//! the Markdown legitimately joins some of the page's lines (a table cell's paragraphs are
//! one pipe-table row with `<br>`, a heading's `<br>` is a space) and drops permalink
//! symbols (`¶`, `#`) that are no words.

use std::fs;
use std::path::{Path, PathBuf};

use readmark::{Error, Options, extract_html, html_to_text, to_text};

/// Base URL of the Readability test pages.
const READABILITY_URL: &str = "http://fakehost/test/page.html";

/// One page to check: a name for reports, its HTML, its URL, and whether the expected
/// article text is empty (then "no article" is the right answer).
struct Page {
    name: String,
    html: String,
    url: String,
    expect_empty: bool,
}

fn corpus_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests")
}

fn read(path: &Path) -> String {
    let bytes = fs::read(path).unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()));
    String::from_utf8_lossy(&bytes).into_owned()
}

fn readability_pages() -> Vec<Page> {
    let dir = corpus_dir().join("corpus/readability");
    let mut names: Vec<PathBuf> = fs::read_dir(&dir)
        .map(|entries| {
            entries
                .filter_map(|e| e.ok().map(|e| e.path()))
                .filter(|p| p.join("source.html").exists())
                .collect()
        })
        .unwrap_or_default();
    names.sort();
    names
        .into_iter()
        .map(|p| Page {
            name: format!(
                "readability/{}",
                p.file_name()
                    .map(|n| n.to_string_lossy().into_owned())
                    .unwrap_or_default()
            ),
            html: read(&p.join("source.html")),
            url: READABILITY_URL.to_string(),
            expect_empty: read(&p.join("expected.txt")).trim().is_empty(),
        })
        .collect()
}

fn scrapinghub_pages() -> Vec<Page> {
    let dir = corpus_dir().join("corpus/scrapinghub-dev");
    let truth: serde_json::Value =
        serde_json::from_str(&read(&dir.join("ground-truth.json"))).unwrap_or_default();
    let Some(map) = truth.as_object() else {
        return Vec::new();
    };
    map.iter()
        .map(|(id, v)| Page {
            name: format!("scrapinghub/{id}"),
            html: read(&dir.join("html").join(format!("{id}.html"))),
            url: v["url"].as_str().unwrap_or(READABILITY_URL).to_string(),
            expect_empty: v["articleBody"]
                .as_str()
                .unwrap_or_default()
                .trim()
                .is_empty(),
        })
        .collect()
}

fn panorama_page() -> Page {
    let dir = corpus_dir().join("fixtures/panorama");
    Page {
        name: "fixtures/panorama".to_string(),
        html: read(&dir.join("source.html")),
        url: "https://www.panorama.am/en/news/2020/10/31/Human-Rights-Defenders/2381016"
            .to_string(),
        expect_empty: read(&dir.join("expected.txt")).trim().is_empty(),
    }
}

/// The extension's renderer; every output is checked for executable content first.
fn render(md: &str) -> String {
    let html = readmark::render_markdown(md);
    assert_inert(&html);
    html
}

/// Elements and attributes that could run code or load a document: none may survive.
const EXECUTABLE: &str =
    "script, style, iframe, object, embed, form, svg, math, base, link, meta, [style], [srcdoc]";

fn assert_inert(html: &str) {
    let doc = dom_query::Document::fragment(html);
    assert!(
        doc.select(EXECUTABLE).is_empty(),
        "executable element in rendered HTML: {html}"
    );
    for node in doc.select("*").nodes() {
        for attr in node.attrs() {
            let (name, value) = (
                attr.name.local.to_string().to_ascii_lowercase(),
                attr.value.trim().to_ascii_lowercase(),
            );
            assert!(
                !name.starts_with("on"),
                "event handler {name} in rendered HTML"
            );
            if name == "href" || name == "src" {
                let relative = !value.contains(':') || value.starts_with('#');
                let web = ["http:", "https:", "mailto:"]
                    .iter()
                    .any(|s| value.starts_with(s));
                assert!(relative || web, "unsafe URL {value} in rendered HTML");
            }
        }
    }
}

/// The words of a text (the scorer's `\w+` tokens).
fn words(s: &str) -> Vec<String> {
    readmark_tools::eval::tokenize(s)
        .into_iter()
        .map(str::to_string)
        .collect()
}

/// Footnote marks and definitions as pulldown-cmark renders them, plus the note marks the
/// writer kept as `<sup>` because their target was not in the article (the source side
/// strips those with the same selector).
const RENDERED_FOOTNOTES: &str = "sup.footnote-reference, div.footnote-definition, \
    sup:has(a[href*='#fn']), sup:has(a[href*='#footnote']), sup:has(a[href*='#cite_note']), a[href*='#fn']:has(sup)";

/// Footnote marks and definitions in page HTML (the patterns the writer converts).
const SOURCE_FOOTNOTES: &str = "sup:has(a[href*='#fn']), sup:has(a[href*='#footnote']), sup:has(a[href*='#cite_note']), \
    a[href*='#fn']:has(sup), li[id^='fn'], li[id^='footnote'], li[id^='cite_note']";

/// The text of `html` without its footnotes: footnote numbering and placement legitimately
/// change (`[12]` in the page is `1` in rendered Markdown, definitions move to the end), so
/// pages with footnotes are compared on everything else.
/// A definition (`li` with an id) only counts as a footnote when the article links to it;
/// an unreferenced one stays an ordinary list item, in the page and in the Markdown.
fn without_footnotes(html: &str, selector: &str) -> String {
    let doc = dom_query::Document::fragment(html);
    let hrefs: Vec<String> = doc
        .select("a[href]")
        .nodes()
        .iter()
        .filter_map(|a| a.attr("href"))
        .map(|h| h.to_string())
        .collect();
    for node in doc.select(selector).nodes() {
        let is_definition = node.has_name("li");
        let id = node.attr("id").map(|i| i.to_string()).unwrap_or_default();
        let referenced = hrefs.iter().any(|h| h.ends_with(&format!("#{id}")));
        if !is_definition || referenced {
            node.remove_from_parent();
        }
    }
    to_text(&doc.root())
}

/// `None` when the page round-trips, else a report naming the first differing line.
fn check(page: &Page) -> Option<String> {
    let article = match extract_html(&page.html, &page.url, &Options::default()) {
        Ok(article) => article,
        Err(Error::NoArticle(_)) if page.expect_empty => return None,
        Err(e) => return Some(format!("{}: extraction failed: {e}", page.name)),
    };
    let has_footnotes = article.markdown.lines().any(|l| l.starts_with("[^"));
    let (got, want) = if has_footnotes {
        (
            words(&without_footnotes(
                &render(&article.markdown),
                RENDERED_FOOTNOTES,
            )),
            words(&without_footnotes(&article.content_html, SOURCE_FOOTNOTES)),
        )
    } else {
        (
            words(&html_to_text(&render(&article.markdown))),
            words(&article.text),
        )
    };
    if got == want {
        return None;
    }
    let i = got
        .iter()
        .zip(&want)
        .position(|(g, w)| g != w)
        .unwrap_or(got.len().min(want.len()));
    let show = |v: &[String]| v.get(i).cloned().unwrap_or_else(|| "<end>".to_string());
    let context = |v: &[String]| {
        v.get(i.saturating_sub(5)..(i + 5).min(v.len()))
            .unwrap_or_default()
            .join(" ")
    };
    Some(format!(
        "{}: word {} ({} vs {}):\n  markdown → {:?} in {:?}\n  text     → {:?} in {:?}",
        page.name,
        i + 1,
        got.len(),
        want.len(),
        show(&got),
        context(&got),
        show(&want),
        context(&want)
    ))
}

#[test]
fn every_corpus_page_round_trips_through_markdown() {
    let mut pages = readability_pages();
    pages.extend(scrapinghub_pages());
    pages.push(panorama_page());
    assert!(
        pages.len() >= 190,
        "corpus incomplete: {} pages",
        pages.len()
    );
    let failures: Vec<String> = pages.iter().filter_map(check).collect();
    assert!(
        failures.is_empty(),
        "{} of {} pages differ:\n{}",
        failures.len(),
        pages.len(),
        failures.join("\n")
    );
}
