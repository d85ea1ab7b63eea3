//! Metadata against real pages: the Readability corpus (title ≥ 95 % exact, other fields
//! reported) and the Panorama fixture (every field it lists, exactly).

use std::fs;
use std::path::Path;

use dom_query::Document;
use readmark::Metadata;
use readmark::internals::metadata::{extract, normalize_date};
use serde_json::Value;
use url::Url;

const CORPUS: &str = "tests/corpus/readability";
const CORPUS_URL: &str = "http://fakehost/test/page.html";
/// Share of corpus pages whose title must be Readability's headline: its title exactly, or
/// its title without a trailing site part (" - Breitbart", " | eHow"), which issue 9 asks to
/// strip and Readability.js keeps. Measured 2026-12-02: 112/127 (88.2 %); exact: 101/127.
/// (Before issue 9, exact was 127/127: Readability's expectations are its own algorithm's
/// output, and the headline rules WCXB's truth asks for differ from it.)
const MIN_TITLE_ACCURACY: f64 = 0.881;

struct Page {
    name: String,
    expected: Value,
    got: Metadata,
}

fn corpus_pages() -> Vec<Page> {
    let base = Url::parse(CORPUS_URL).expect("constant URL");
    let mut names: Vec<String> = fs::read_dir(CORPUS)
        .expect("corpus folder")
        .filter_map(|e| e.ok())
        .filter(|e| e.path().join("expected-metadata.json").exists())
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
        .into_iter()
        .map(|name| {
            let dir = Path::new(CORPUS).join(&name);
            let html = fs::read_to_string(dir.join("source.html")).expect("source.html");
            let expected: Value = serde_json::from_str(
                &fs::read_to_string(dir.join("expected-metadata.json")).expect("json"),
            )
            .expect("valid json");
            let mut got = extract(&Document::from(html.as_str()), &base);
            // The excerpt fallback takes the article text: give it Readability's article.
            got.finish(&fs::read_to_string(dir.join("expected.txt")).unwrap_or_default());
            Page {
                name,
                expected,
                got,
            }
        })
        .collect()
}

fn expected_str(page: &Page, key: &str) -> Option<String> {
    page.expected
        .get(key)
        .and_then(Value::as_str)
        .map(str::to_string)
        .filter(|s| !s.is_empty())
}

/// Share of pages (with a non-empty expectation) where `got` equals it after `norm`; the
/// mismatches are printed.
fn accuracy(
    pages: &[Page],
    key: &str,
    got: impl Fn(&Metadata) -> Option<String>,
    norm: impl Fn(&str) -> String,
) -> f64 {
    let mut total = 0;
    let mut ok = 0;
    for page in pages {
        let Some(want) = expected_str(page, key) else {
            continue;
        };
        total += 1;
        let have = got(&page.got);
        if have.as_deref().map(&norm) == Some(norm(&want)) {
            ok += 1;
        } else {
            println!("  {key} {}: expected {want:?}, got {have:?}", page.name);
        }
    }
    let acc = ok as f64 / total.max(1) as f64;
    println!("{key}: {ok}/{total} = {:.1} %", acc * 100.0);
    acc
}

/// Share of pages whose title is Readability's, or Readability's without a trailing site part
/// (the text after the last ` - `, ` | `, ` – `, ` — `, ` · `, ` _`, ` [`).
fn headline_accuracy(pages: &[Page]) -> f64 {
    const SITE_SEPARATORS: &[&str] = &[" - ", " | ", " – ", " — ", " · ", " _", " ["];
    let mut total = 0;
    let mut ok = 0;
    for page in pages {
        let Some(want) = expected_str(page, "title").map(|w| collapse(&w)) else {
            continue;
        };
        total += 1;
        let have = collapse(page.got.title.as_deref().unwrap_or_default());
        let without_site = SITE_SEPARATORS
            .iter()
            .filter_map(|s| want.rfind(s))
            .max()
            .map(|at| want[..at].trim().to_string());
        if have == want || without_site.is_some_and(|w| w == have && !w.is_empty()) {
            ok += 1;
        }
    }
    let acc = ok as f64 / total.max(1) as f64;
    println!(
        "title (headline, site part aside): {ok}/{total} = {:.1} %",
        acc * 100.0
    );
    acc
}

fn collapse(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[test]
fn readability_corpus_titles_and_fields() {
    let pages = corpus_pages();
    assert!(pages.len() >= 100, "corpus missing: {} pages", pages.len());
    accuracy(&pages, "title", |m| m.title.clone(), collapse);
    let title = headline_accuracy(&pages);
    accuracy(&pages, "byline", |m| m.byline.clone(), collapse);
    accuracy(&pages, "excerpt", |m| m.excerpt.clone(), collapse);
    accuracy(&pages, "siteName", |m| m.site_name.clone(), collapse);
    accuracy(
        &pages,
        "publishedTime",
        |m| m.published_time.clone(),
        normalize_date,
    );
    accuracy(&pages, "lang", |m| m.lang.clone(), collapse);
    accuracy(&pages, "dir", |m| m.dir.clone(), collapse);
    assert!(
        title >= MIN_TITLE_ACCURACY,
        "title accuracy {:.1} % < {:.0} %",
        title * 100.0,
        MIN_TITLE_ACCURACY * 100.0
    );
}

#[test]
fn panorama_fixture_matches_exactly() {
    let dir = Path::new("tests/fixtures/panorama");
    let expected: Value = serde_json::from_str(
        &fs::read_to_string(dir.join("expected-metadata.json")).expect("json"),
    )
    .expect("valid json");
    let url = expected["url"].as_str().expect("fixture has a url");
    let html = fs::read_to_string(dir.join("source.html")).expect("source.html");
    let got = extract(
        &Document::from(html.as_str()),
        &Url::parse(url).expect("fixture URL"),
    );
    let got = serde_json::to_value(&got).expect("metadata serialises");
    let fields = expected.as_object().expect("an object");
    assert!(fields.len() >= 7, "fixture lists {} fields", fields.len());
    for (key, want) in fields {
        assert_eq!(&got[key], want, "field {key}");
    }
}

#[test]
fn json_ld_graph_type_list_and_invalid_json() {
    let html = r#"<html><head><title>Ignored | Site</title>
        <script type="application/ld+json">{ not json </script>
        <script type="application/ld+json">{"@context":"https://schema.org","@graph":[
            {"@type":"WebSite","name":"The Site"},
            {"@type":["Thing","NewsArticle"],"headline":"Tom &amp; Jerry return",
             "author":[{"@type":"Person","name":"Ann A"},{"name":"Bob B"}],
             "publisher":{"name":"Daily Site"},"datePublished":"Tue, 03 Nov 2020 10:00:00 GMT",
             "articleSection":"Cartoons","image":{"url":"/img/lead.jpg"},"articleBody":"Body text."}]}
        </script></head><body></body></html>"#;
    let m = extract(
        &Document::from(html),
        &Url::parse("https://example.com/a/b.html").expect("url"),
    );
    assert_eq!(m.title.as_deref(), Some("Tom & Jerry return"));
    assert_eq!(m.byline.as_deref(), Some("Ann A, Bob B"));
    assert_eq!(m.site_name.as_deref(), Some("Daily Site"));
    assert_eq!(m.published_time.as_deref(), Some("2020-11-03T10:00:00Z"));
    assert_eq!(m.section.as_deref(), Some("Cartoons"));
    assert_eq!(
        m.lead_image.as_deref(),
        Some("https://example.com/img/lead.jpg")
    );
    assert_eq!(m.json_ld_body.as_deref(), Some("Body text."));
    assert_eq!(m.url, "https://example.com/a/b.html");
    let json = serde_json::to_string(&m).expect("serialises");
    assert!(
        !json.contains("Body text."),
        "articleBody must not be serialised: {json}"
    );
}

#[test]
fn title_fallbacks_from_title_element() {
    let base = Url::parse("https://example.com/story").expect("url");
    let title_of = |html: &str| extract(&Document::from(html), &base).title;
    // Site name after a separator goes.
    assert_eq!(
        title_of("<title>A long enough article title here - Example Site</title>").as_deref(),
        Some("A long enough article title here")
    );
    // The site's part goes wherever it sits, however short the rest (issue 9).
    assert_eq!(
        title_of("<title>Short one | Example Site</title>").as_deref(),
        Some("Short one")
    );
    assert_eq!(
        title_of("<title>Example: Short one</title>").as_deref(),
        Some("Short one")
    );
    // No segment is recognisably the site, but a pipe parts the title from a tagline.
    assert_eq!(
        title_of("<title>Short one | Other Words</title>").as_deref(),
        Some("Short one")
    );
    // Other separators keep both parts when neither is the site.
    assert_eq!(
        title_of("<title>Short one - Other Words</title>").as_deref(),
        Some("Short one - Other Words")
    );
    // On the home page, the site's name opening the title is the page's subject.
    let home = Url::parse("https://example.com/").expect("url");
    let home_title = |html: &str| extract(&Document::from(html), &home).title;
    assert_eq!(
        home_title("<title>Example: Short one</title>").as_deref(),
        Some("Example: Short one")
    );
    assert_eq!(
        home_title("<title>Example: Short one - Example</title>").as_deref(),
        Some("Example: Short one")
    );
    // The <h1> another source confirms is the headline; a logo <h1> is not.
    assert_eq!(
        title_of("<title>Composition API FAQ | Vue.js</title><meta property=og:title content='Vue.js'><h1>Composition API FAQ</h1>")
            .as_deref(),
        Some("Composition API FAQ")
    );
    assert_eq!(
        title_of("<title>A story of some length · Example</title><h1>Example</h1>").as_deref(),
        Some("A story of some length")
    );
    // No <title>, no metadata: no title.
    assert_eq!(title_of("<p>text</p>"), None);
}

#[test]
fn article_headline_over_reworded_stated_title() {
    let base = Url::parse("https://tastewise.example/blog/trends").expect("url");
    let title_of = |html: &str| extract(&Document::from(html), &base).title;
    let head = "<meta property=og:type content=article>\
        <title>Health And Nutrition Trends For 2026 - Tastewise</title>";
    // An article's one visible headline, about the same subject: the headline a reader sees.
    assert_eq!(
        title_of(&format!(
            "{head}<h1>Top 10 Health and Nutrition Trends to Watch</h1>"
        ))
        .as_deref(),
        Some("Top 10 Health and Nutrition Trends to Watch")
    );
    // Not on a page that is no article: the stated title, its site part stripped.
    assert_eq!(
        title_of(
            "<title>Health And Nutrition Trends For 2026 - Tastewise</title>\
             <h1>Top 10 Health and Nutrition Trends to Watch</h1>"
        )
        .as_deref(),
        Some("Health And Nutrition Trends For 2026")
    );
    // A heading linking to the home page is the site's logo; a heading on another subject is
    // a slogan; a heading wrapping the whole stated title in more text is not cleaner.
    for h1 in [
        "<h1><a href=\"/\">Health Trends Weekly Digest</a></h1>",
        "<h1>Insurance to help protect you</h1>",
        "<h1>Blog: Health And Nutrition Trends For 2026</h1>",
    ] {
        assert_eq!(
            title_of(&format!("{head}{h1}")).as_deref(),
            Some("Health And Nutrition Trends For 2026"),
            "{h1}"
        );
    }
    // A line break inside a heading separates words.
    assert_eq!(
        title_of("<title>News Product Management Certification — Alliance</title><h1>News Product<br>Management Certification</h1>")
            .as_deref(),
        Some("News Product Management Certification")
    );
}

#[test]
fn finish_counts_cjk_and_sets_reading_time() {
    let mut m = Metadata::default();
    let words = "word ".repeat(461);
    m.finish(&format!("短い\n{words}"));
    assert_eq!(m.word_count, 463);
    assert_eq!(m.reading_time_minutes, 3);
    assert!(
        m.excerpt
            .as_deref()
            .is_some_and(|e| e.starts_with("word word")),
        "{:?}",
        m.excerpt
    );
}

#[test]
fn scrapinghub_pages_have_titles_and_valid_dates() {
    let dir = Path::new("tests/corpus/scrapinghub-dev/html");
    let base = Url::parse("https://example.com/article.html").expect("url");
    let (mut pages, mut titled, mut dated, mut iso) = (0, 0, 0, 0);
    for entry in fs::read_dir(dir)
        .expect("scrapinghub corpus")
        .filter_map(|e| e.ok())
    {
        let html = fs::read_to_string(entry.path()).unwrap_or_default();
        let m = extract(&Document::from(html.as_str()), &base);
        pages += 1;
        titled += usize::from(m.title.is_some());
        if let Some(d) = &m.published_time {
            dated += 1;
            let b = d.as_bytes();
            iso += usize::from(b.len() >= 10 && b[4] == b'-' && b[7] == b'-');
            if !(b.len() >= 10 && b[4] == b'-' && b[7] == b'-') {
                println!("  unreadable date {d:?}");
            }
        }
    }
    println!("scrapinghub: {pages} pages, {titled} with a title, {dated} dated, {iso} of them ISO");
    assert!(pages >= 50, "corpus missing");
    assert!(titled * 100 >= pages * 95, "{titled} of {pages} titled");
    assert!(iso * 100 >= dated * 90, "{iso} of {dated} dates normalised");
}

#[test]
fn a_home_page_canonical_on_an_article_is_not_believed() {
    let page = |canonical: &str| {
        format!(
            "<html><head><link rel=canonical href=\"{canonical}\"><title>T</title></head><body><p>x</p></body></html>"
        )
    };
    let doc = dom_query::Document::from(page("https://news.example/"));
    let article_url = url::Url::parse("https://news.example/2020/10/story?id=4").unwrap();
    assert_eq!(
        readmark::internals::metadata::extract(&doc, &article_url).url,
        article_url.as_str()
    );
    let home = url::Url::parse("https://news.example/").unwrap();
    assert_eq!(
        readmark::internals::metadata::extract(&doc, &home).url,
        "https://news.example/"
    );
    let doc = dom_query::Document::from(page("/2020/10/story"));
    assert_eq!(
        readmark::internals::metadata::extract(&doc, &article_url).url,
        "https://news.example/2020/10/story"
    );
}

/// Issue 12, finding 2: a page on one host declaring another site's article as canonical
/// would take that article's place in the library (the URL is its key).
#[test]
fn a_canonical_on_another_host_is_not_believed() {
    let page = |canonical: &str| {
        format!(
            "<html><head><link rel=canonical href=\"{canonical}\"><title>T</title></head><body><p>x</p></body></html>"
        )
    };
    let at = Url::parse("https://attacker.example/post/1").expect("url");
    let other = Document::from(page("https://victim.example/2020/10/story").as_str());
    assert_eq!(extract(&other, &at).url, at.as_str());
    let og = Document::from(
        "<html><head><meta property=og:url content=\"https://victim.example/a\"></head><body></body></html>",
    );
    assert_eq!(extract(&og, &at).url, at.as_str());
    // The same site, with or without www., is believed.
    let same = Document::from(page("https://www.attacker.example/post/1?ref=x").as_str());
    assert_eq!(
        extract(&same, &at).url,
        "https://www.attacker.example/post/1?ref=x"
    );
    // A page whose own address is unknown (a saved file, the playground's stand-in in the
    // reserved .invalid domain) has no host to compare: its canonical is the best it has.
    for unknown in ["file:///home/me/saved.html", "https://example.invalid/"] {
        let base = Url::parse(unknown).expect("url");
        assert_eq!(
            extract(&other, &base).url,
            "https://victim.example/2020/10/story",
            "{unknown}"
        );
    }
}

#[test]
fn writer_of_a_twitter_label_pair_is_the_last_resort() {
    let base = Url::parse("https://example.com/post").expect("url");
    let byline_of = |html: &str| extract(&Document::from(html), &base).byline;
    let pair = "<meta name='twitter:label1' content='Written by'>\
                <meta name='twitter:data1' content='Example'>\
                <meta name='twitter:label2' content='Est. reading time'>\
                <meta name='twitter:data2' content='5 minutes'>";
    // The pair names the writer, the site's own name included.
    assert_eq!(
        byline_of(&format!("<head>{pair}</head><p>text</p>")).as_deref(),
        Some("Example")
    );
    // A byline on the page comes first.
    assert_eq!(
        byline_of(&format!("<head>{pair}</head><p>By Jane Doe</p>")).as_deref(),
        Some("Jane Doe")
    );
    // Another label is no writer.
    assert_eq!(
        byline_of(
            "<meta name='twitter:label1' content='Est. reading time'><meta name='twitter:data1' content='Jane Doe'>"
        ),
        None
    );
}

#[test]
fn a_by_line_heading_a_group_of_links_is_no_byline() {
    let base = Url::parse("https://example.com/shop").expect("url");
    let byline_of = |html: &str| extract(&Document::from(html), &base).byline;
    assert_eq!(
        byline_of(
            "<div><span>By Weight</span><div><a href=/a>Light</a><a href=/b>Medium</a><a href=/c>Heavy</a></div></div>"
        ),
        None
    );
    assert_eq!(
        byline_of(
            "<div><span>By Jane Doe</span><p>The story, <a href=/a>with a link</a>.</p></div>"
        )
        .as_deref(),
        Some("Jane Doe")
    );
    // "Updated" sits where a name would and is none.
    assert_eq!(byline_of("<p class=byline>Updated</p>"), None);
}

#[test]
fn a_forum_thread_loses_the_label_before_its_title() {
    // XenForo: the thread's prefix is a badge inside the heading and the first segment of
    // `og:title`; JSON-LD's headline is the thread's title alone.
    let doc = Document::from(
        r#"<html><head><title>News - Digital Cameras: A 2024 "status symbol"? | Cameraderie</title>
        <meta property="og:title" content='News - Digital Cameras: A 2024 "status symbol"?'>
        <script type="application/ld+json">{"@context":"https://schema.org","@type":"DiscussionForumPosting",
        "headline":"Digital Cameras: A 2024 \"status symbol\"?","author":{"@type":"Person","name":"Ann"}}</script>
        </head><body><h1 class="p-title-value"><a class="labelLink" href="/forums/?prefix_id=3"><span class="label">News</span></a>
        Digital Cameras: A 2024 "status symbol"?</h1><article><p>Are cameras a status symbol now?</p></article></body></html>"#,
    );
    let url = Url::parse("https://cameraderie.org/threads/digital-cameras.123/").expect("url");
    let mut meta = extract(&doc, &url);
    assert_eq!(
        meta.title.as_deref(),
        Some(r#"News Digital Cameras: A 2024 "status symbol"?"#)
    );
    // Once the page is known to be a thread (after cleaning dropped the heading).
    meta.adopt_thread_kind();
    assert_eq!(
        meta.title.as_deref(),
        Some(r#"Digital Cameras: A 2024 "status symbol"?"#)
    );
}
