//! Images and links: small inputs for each function of `extract::media`, and the corpus
//! pages whose expected article shows the right image sources and absolute URLs.

use std::collections::BTreeSet;
use std::fs;
use std::path::Path;

use dom_query::Document;
use readmark::internals::media::{
    absolutize_urls, absolutize_urls_for_page, best_candidate, document_base, fix_lazy_images,
    parse_srcset, unwrap_noscript_images,
};
use url::Url;

const CORPUS: &str = "tests/corpus/readability";
const CORPUS_URL: &str = "http://fakehost/test/page.html";

fn page_url() -> Url {
    Url::parse(CORPUS_URL).expect("constant URL")
}

/// Values of `attr` on every `tag` element of the document.
fn values(doc: &Document, tag: &str, attr: &str) -> BTreeSet<String> {
    doc.root()
        .descendants_it()
        .filter(|n| n.has_name(tag))
        .filter_map(|n| n.attr(attr).map(|v| v.to_string()))
        .collect()
}

/// The source page after the whole media treatment, and its expected article.
fn treated(page: &str) -> (Document, Document) {
    let dir = Path::new(CORPUS).join(page);
    let source = Document::from(
        fs::read_to_string(dir.join("source.html"))
            .expect("source.html")
            .as_str(),
    );
    let expected = Document::from(
        fs::read_to_string(dir.join("expected.html"))
            .expect("expected.html")
            .as_str(),
    );
    let base = document_base(&source, &page_url());
    unwrap_noscript_images(&source);
    fix_lazy_images(&source.root());
    absolutize_urls_for_page(&source.root(), &base, &page_url());
    (source, expected)
}

/// Every value of `tag[attr]` in the expected article is found in the treated source.
fn assert_expected_subset(page: &str, tag: &str, attr: &str) {
    let (source, expected) = treated(page);
    let want = values(&expected, tag, attr);
    assert!(
        !want.is_empty(),
        "{page}: expected article has no {tag}[{attr}]"
    );
    let have = values(&source, tag, attr);
    let missing: Vec<&String> = want.difference(&have).collect();
    assert!(
        missing.is_empty(),
        "{page}: {} of {} {tag}[{attr}] missing: {missing:#?}",
        missing.len(),
        want.len()
    );
}

#[test]
fn corpus_lazy_images_get_their_real_source() {
    for page in [
        "lazy-image-1",
        "lazy-image-3",
        "data-url-image",
        "keep-images",
    ] {
        assert_expected_subset(page, "img", "src");
    }
}

#[test]
fn corpus_lazy_image_2_srcset_candidates_become_sources() {
    // Readability leaves these images with `data-srcset` only; every one must now have the
    // largest candidate of that srcset, absolute, as `src`.
    let (source, expected) = treated("lazy-image-2");
    let have = values(&source, "img", "src");
    let want: BTreeSet<String> = values(&expected, "img", "data-srcset")
        .iter()
        .filter_map(|s| best_candidate(s))
        .collect();
    assert!(want.len() >= 5, "too few lazy images: {}", want.len());
    let missing: Vec<&String> = want.difference(&have).collect();
    assert!(missing.is_empty(), "missing: {missing:#?}");
    assert!(
        have.iter().all(|s| !s.starts_with("data:image/gif")),
        "a placeholder GIF survived"
    );
}

#[test]
fn corpus_base_urls() {
    for page in [
        "base-url",
        "base-url-base-element",
        "base-url-base-element-relative",
    ] {
        assert_expected_subset(page, "a", "href");
        assert_expected_subset(page, "img", "src");
    }
}

#[test]
fn corpus_javascript_links_become_text() {
    let (source, expected) = treated("js-link-replacement");
    let hrefs = values(&source, "a", "href");
    assert!(
        hrefs
            .iter()
            .all(|h| !h.to_lowercase().starts_with("javascript:")),
        "{hrefs:?}"
    );
    let body_text = |d: &Document| {
        d.select("body")
            .text()
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ")
    };
    let expected_text = body_text(&expected);
    assert!(!expected_text.is_empty());
    assert!(
        body_text(&source).contains(&expected_text),
        "link text lost: {expected_text:?}"
    );
}

#[test]
fn base_element_relative_and_absent() {
    let page = Url::parse("https://ex.com/dir/page.html").expect("url");
    let with = Document::from(r#"<head><base href="sub/"></head><body></body>"#);
    assert_eq!(
        document_base(&with, &page).as_str(),
        "https://ex.com/dir/sub/"
    );
    let without = Document::from("<p>x</p>");
    assert_eq!(document_base(&without, &page), page);
}

#[test]
fn noscript_image_replaces_placeholder() {
    let doc = Document::from(
        r#"<div><img src="data:image/gif;base64,R0lGODlhAQABAAAAACH5BAEKAAEALAAAAAABAAEAAAICTAEAOw==" data-id="7" class="lazy">
        <noscript><img src="https://ex.com/real.jpg" alt="Real"></noscript><img class="nothing"></div>"#,
    );
    unwrap_noscript_images(&doc);
    let imgs: Vec<_> = doc
        .root()
        .descendants_it()
        .filter(|n| n.has_name("img"))
        .collect();
    assert_eq!(imgs.len(), 1, "{}", doc.html());
    assert_eq!(
        imgs[0].attr("src").as_deref(),
        Some("https://ex.com/real.jpg")
    );
    assert_eq!(imgs[0].attr("alt").as_deref(), Some("Real"));
    assert_eq!(imgs[0].attr("data-id").as_deref(), Some("7"));
    assert_eq!(doc.select("noscript").length(), 0);
}

#[test]
fn sourceless_placeholder_is_still_replaced() {
    let doc = Document::from(
        r#"<p><img class="lazy" data-id="9"><noscript><img src="/r.jpg"></noscript></p>"#,
    );
    unwrap_noscript_images(&doc);
    assert_eq!(
        values(&doc, "img", "src"),
        BTreeSet::from(["/r.jpg".to_string()])
    );
    assert_eq!(doc.select("img").attr("data-id").as_deref(), Some("9"));
}

#[test]
fn noscript_with_more_than_an_image_is_left_alone() {
    let doc = Document::from(
        r#"<div><img src="a.jpg"><noscript><p>Enable JS</p><img src="b.jpg"></noscript></div>"#,
    );
    unwrap_noscript_images(&doc);
    let first = doc
        .root()
        .descendants_it()
        .find(|n| n.has_name("img"))
        .and_then(|i| i.attr("src"));
    assert_eq!(first.as_deref(), Some("a.jpg"));
    assert_eq!(doc.select("noscript").length(), 1);
}

#[test]
fn noscript_as_text_is_parsed() {
    // A browser (scripting on) gives the noscript content as text; so does a snapshot.
    let doc = Document::from(
        r#"<div><img src="data:image/gif;base64,R0lGOD" data-x="1"><noscript>x</noscript></div>"#,
    );
    let noscript = doc
        .select("noscript")
        .nodes()
        .first()
        .cloned()
        .expect("noscript");
    noscript.set_text(r#"<img src="https://ex.com/r.png">"#);
    unwrap_noscript_images(&doc);
    assert_eq!(
        doc.select("img").attr("src").as_deref(),
        Some("https://ex.com/r.png")
    );
    assert_eq!(doc.select("img").attr("data-x").as_deref(), Some("1"));
}

#[test]
fn lazy_attributes_and_placeholders() {
    let doc = Document::from(
        r#"<img id="a" src="data:image/gif;base64,R0lGODlhAQABAAAAACH5BAEKAAEALAAAAAABAAEAAAICTAEAOw==" data-src="/real-a.jpg">
           <img id="b" data-lazy-srcset="/b-small.jpg 320w, /b-big.jpg 1280w, /b-mid.jpg 640w">
           <img id="c" data-whatever="https://cdn.ex.com/c.png?w=800">
           <img id="d" src="/d.png" srcset="/d.png 1x, /d@2x.png 2x">"#,
    );
    fix_lazy_images(&doc.root());
    let src = |id: &str| {
        doc.select(&format!("#{id}"))
            .attr("src")
            .map(|s| s.to_string())
    };
    assert_eq!(src("a").as_deref(), Some("/real-a.jpg"));
    assert_eq!(src("b").as_deref(), Some("/b-big.jpg"));
    assert!(doc.select("#b").has_attr("srcset"), "srcset is kept");
    assert_eq!(src("c").as_deref(), Some("https://cdn.ex.com/c.png?w=800"));
    assert_eq!(src("d").as_deref(), Some("/d@2x.png"));
}

#[test]
fn picture_takes_the_largest_source() {
    let doc = Document::from(
        r#"<picture><source srcset="/p-400.webp 400w, /p-1600.webp 1600w" type="image/webp">
           <source srcset="/p-800.jpg 800w"><img src="/p-fallback.jpg"></picture>"#,
    );
    fix_lazy_images(&doc.root());
    assert_eq!(
        doc.select("picture img").attr("src").as_deref(),
        Some("/p-1600.webp")
    );
}

#[test]
fn srcset_urls_may_contain_commas() {
    let c = parse_srcset("https://i.ex/c_fill,w_80/a.jpg 80w, https://i.ex/c_fit,w_320/a.jpg 320w");
    assert_eq!(c.len(), 2);
    assert_eq!(c[1].url, "https://i.ex/c_fit,w_320/a.jpg");
    assert_eq!(c[1].width, Some(320.0));
}

#[test]
fn absolutize_links_media_and_srcset() {
    let doc = Document::from(
        r##"<a id="rel" href="x y.html?a=1&amp;b=2">r</a><a id="frag" href="#top">t</a>
           <a id="js" href="javascript:void(0)">just <b>text</b></a>
           <a id="data" href=" data:text/html,&lt;script&gt;alert(1)&lt;/script&gt;">data text</a>
           <a id="split" href="java&#10;script:alert(1)">split</a><a id="vb" href="VBScript:x">vb</a>
           <img src="i.png" srcset="i-1.png 1x, /i-2.png 2x"><video src="v.mp4" poster="p.jpg"></video>
           <iframe src="//player.ex.com/e/1"></iframe><img src="data:image/png;base64,AAAA">"##,
    );
    let base = Url::parse("https://ex.com/d/page.html").expect("url");
    absolutize_urls(&doc.root(), &base);
    assert_eq!(
        doc.select("#rel").attr("href").as_deref(),
        Some("https://ex.com/d/x%20y.html?a=1&b=2")
    );
    assert_eq!(doc.select("#frag").attr("href").as_deref(), Some("#top"));
    assert_eq!(doc.select("#js").length(), 0);
    for id in ["#data", "#split", "#vb"] {
        assert_eq!(
            doc.select(id).length(),
            0,
            "{id} keeps a script or document URL"
        );
    }
    assert!(doc.select("body").text().contains("data text"));
    assert!(doc.select("body").text().contains("just text"));
    assert!(values(&doc, "img", "src").contains("https://ex.com/d/i.png"));
    assert!(
        values(&doc, "img", "srcset")
            .contains("https://ex.com/d/i-1.png, https://ex.com/i-2.png 2x")
    );
    assert!(values(&doc, "img", "src").contains("data:image/png;base64,AAAA"));
    assert_eq!(
        doc.select("video").attr("poster").as_deref(),
        Some("https://ex.com/d/p.jpg")
    );
    assert_eq!(
        doc.select("iframe").attr("src").as_deref(),
        Some("https://player.ex.com/e/1")
    );
}

/// A `<base href>` that is not an http(s) URL (`mailto:`, `javascript:`, `data:`) cannot be
/// a base: links must become absolute against the page URL, not stay relative (in the
/// extension's reader a relative link resolved against the extension's own pages).
#[test]
fn non_http_base_is_ignored_and_links_become_absolute() {
    let page = "https://example.org/news/story.html";
    let para = "The council met on Tuesday to discuss the budget for the coming year. ".repeat(8);
    for base in [
        "mailto:editor@example.org",
        "javascript:void(0)",
        "data:text/html,x",
        "tel:123",
    ] {
        let html = format!(
            r#"<html><head><base href="{base}"><title>T</title></head><body><article><p>{para}
            <a href="/other/page.html">more</a> <img src="pics/a.jpg"></p></article></body></html>"#
        );
        let base_url = document_base(
            &Document::from(html.as_str()),
            &Url::parse(page).expect("url"),
        );
        assert_eq!(base_url.as_str(), page, "base {base}");
        let article =
            readmark::extract_html(&html, page, &readmark::Options::default()).expect("article");
        assert!(
            article
                .content_html
                .contains(r#"href="https://example.org/other/page.html""#),
            "base {base}: {}",
            article.content_html
        );
        assert!(
            article
                .content_html
                .contains(r#"src="https://example.org/news/pics/a.jpg""#),
            "base {base}"
        );
    }
    // An http(s) base, relative or absolute, still counts.
    let doc = Document::from(r#"<html><head><base href="/root/"></head><body></body></html>"#);
    assert_eq!(
        document_base(&doc, &Url::parse(page).expect("url")).as_str(),
        "https://example.org/root/"
    );
}
