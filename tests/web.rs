//! The WebAssembly build in a real browser (headless Chromium through chromedriver, or
//! Firefox through geckodriver): the exported functions, called as JavaScript sees them.
//! Run by `scripts/test-browser.sh` (`cargo test --target wasm32-unknown-unknown --test web`).
#![cfg(target_arch = "wasm32")]

use js_sys::{Function, JsString, Reflect};
use readmark::wasm;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

const PANORAMA_HTML: &str = include_str!("fixtures/panorama/source.html");
const PANORAMA_TEXT: &str = include_str!("fixtures/panorama/expected.txt");
const PANORAMA_BOILERPLATE: &str = include_str!("fixtures/panorama/boilerplate.txt");
const PANORAMA_URL: &str =
    "https://www.panorama.am/en/news/2020/10/30/Armenian-Artsakh-Human-Rights-Defenders/2391666";

fn field(obj: &JsValue, name: &str) -> JsValue {
    Reflect::get(obj, &JsValue::from_str(name)).expect("readable property")
}

fn string_field(obj: &JsValue, name: &str) -> String {
    field(obj, name)
        .as_string()
        .unwrap_or_else(|| panic!("{name} is not a string"))
}

/// The thrown value's (`name`, `message`), asserting it is a real JS `Error`.
fn error_parts(thrown: JsValue) -> (String, String) {
    let error = thrown
        .dyn_into::<js_sys::Error>()
        .expect("a JS Error is thrown");
    (String::from(error.name()), String::from(error.message()))
}

fn assert_panorama(article: &JsValue) {
    assert_eq!(
        string_field(article, "title"),
        "Armenian, Artsakh Human Rights Defenders invite heads of diplomatic missions and international organisations to Artsakh"
    );
    assert_eq!(string_field(article, "siteName"), "Panorama.am");
    assert_eq!(
        string_field(article, "publishedTime"),
        "2020-10-30T22:31:00+04:00"
    );
    assert!(field(article, "byline").is_null(), "absent values are null");
    let text = string_field(article, "text");
    let paragraphs: Vec<&str> = text.lines().filter(|l| !l.trim().is_empty()).collect();
    // expected.txt is the whole article as read: its title line, then the body paragraphs.
    let expected: Vec<&str> = PANORAMA_TEXT
        .lines()
        .filter(|l| !l.trim().is_empty())
        .skip(1)
        .collect();
    assert_eq!(expected.len(), 14);
    assert_eq!(paragraphs, expected);
    let markdown = string_field(article, "markdown");
    for line in PANORAMA_BOILERPLATE
        .lines()
        .filter(|l| !l.trim().is_empty())
    {
        assert!(
            !markdown.contains(line) && !text.contains(line),
            "boilerplate {line:?} in the output"
        );
    }
    assert!(field(article, "wordCount").as_f64().unwrap() > 400.0);
}

#[wasm_bindgen_test]
fn html_path_extracts_the_panorama_article() {
    let article =
        wasm::extract_html(PANORAMA_HTML, PANORAMA_URL, JsValue::UNDEFINED).expect("an article");
    assert_panorama(&article);
}

#[wasm_bindgen_test]
fn snapshot_path_gives_the_same_article() {
    let doc = dom_query::Document::from(PANORAMA_HTML);
    let json = readmark_tools::snapshot::encode(&doc, PANORAMA_URL, None);
    let from_snapshot = wasm::extract_snapshot(&json, JsValue::UNDEFINED).expect("an article");
    assert_panorama(&from_snapshot);
    let from_html = wasm::extract_html(PANORAMA_HTML, PANORAMA_URL, JsValue::UNDEFINED).unwrap();
    assert_eq!(
        string_field(&from_snapshot, "markdown"),
        string_field(&from_html, "markdown")
    );
}

#[wasm_bindgen_test]
fn errors_are_js_errors_named_by_kind() {
    let (name, message) = error_parts(
        wasm::extract_html(
            "<html><body><nav></nav></body></html>",
            PANORAMA_URL,
            JsValue::UNDEFINED,
        )
        .unwrap_err(),
    );
    assert_eq!(
        (name.as_str(), message.as_str()),
        ("NoArticle", "no article found in the page")
    );
    let thrown = wasm::extract_html(
        "<html><head><title>Empty shell</title></head><body><nav></nav></body></html>",
        PANORAMA_URL,
        JsValue::UNDEFINED,
    )
    .unwrap_err();
    let page = js_sys::Reflect::get(&thrown, &JsValue::from_str("page")).unwrap();
    assert_eq!(string_field(&page, "title"), "Empty shell");
    let (name, _) = error_parts(
        wasm::extract_html(PANORAMA_HTML, "not a url", JsValue::UNDEFINED).unwrap_err(),
    );
    assert_eq!(name, "InvalidUrl");
    let (name, message) = error_parts(
        wasm::extract_snapshot(
            r#"{"v":2,"url":"https://x.org/","doc":[]}"#,
            JsValue::UNDEFINED,
        )
        .unwrap_err(),
    );
    assert_eq!(name, "InvalidSnapshot");
    assert!(message.contains("version"), "{message}");
    let (name, _) = error_parts(wasm::extract_snapshot("{", JsValue::UNDEFINED).unwrap_err());
    assert_eq!(name, "InvalidSnapshot");
}

#[wasm_bindgen_test]
fn markdown_document_accepts_a_saved_record_with_nulls() {
    let article = wasm::extract_html(PANORAMA_HTML, PANORAMA_URL, JsValue::UNDEFINED).unwrap();
    // A library record: no contentHtml, explicit nulls, extra keys.
    Reflect::set(&article, &"contentHtml".into(), &JsValue::UNDEFINED).unwrap();
    Reflect::set(&article, &"schema".into(), &JsValue::from(1)).unwrap();
    let options = js_sys::Object::new();
    Reflect::set(&options, &"frontMatter".into(), &JsValue::TRUE).unwrap();
    Reflect::set(&options, &"savedAt".into(), &"2026-11-28T10:00:00Z".into()).unwrap();
    let document = wasm::markdown_document(article, options.into()).expect("a document");
    assert!(document.starts_with("---\n"), "front matter first");
    assert!(
        document.contains("saved: \"2026-11-28T10:00:00Z\""),
        "{document}"
    );
    assert!(document.contains("\n# Armenian, Artsakh Human Rights Defenders invite"));
    let (name, _) =
        error_parts(wasm::markdown_document(JsValue::from(5), JsValue::NULL).unwrap_err());
    assert_eq!(name, "InvalidArgument");
}

/// Parses `html` with the browser's own parser and reports what a sanitizer must never let
/// through: scripts, frames, event handlers, and `javascript:`/`data:` URLs.
fn browser_sees_danger(html: &str) -> String {
    let probe = Function::new_with_args(
        "html",
        "const doc = new DOMParser().parseFromString(html, 'text/html'); const found = [];
         for (const el of doc.body.querySelectorAll('*')) {
           if (/^(script|iframe|object|embed|style|form|svg)$/.test(el.localName)) found.push(el.localName);
           for (const a of el.attributes) {
             if (/^on/i.test(a.name)) found.push(a.name);
             if (/^(href|src)$/.test(a.name) && !/^(https?:|mailto:|#)/i.test(a.value)) found.push(a.name + '=' + a.value);
           }
           if (el.localName === 'a' && el.getAttribute('href')?.startsWith('http') && el.rel !== 'noopener noreferrer') found.push('rel');
         }
         return found.join(' ');",
    );
    probe
        .call1(&JsValue::NULL, &JsString::from(html))
        .unwrap()
        .as_string()
        .unwrap()
}

#[wasm_bindgen_test]
fn rendered_markdown_is_safe_in_a_real_browser() {
    let hostile = concat!(
        "# Title\n\n<script>alert(1)</script>\n\n",
        "[click](javascript:alert(1)) [ok](https://example.org/) [mail](mailto:a@b.c)\n\n",
        "<img src=x onerror=alert(1)> <img src=\"https://example.org/a.png\" onload=\"x()\">\n\n",
        "<a href=\"java&#x09;script:alert(1)\">tab</a> <a href=\"data:text/html,<b>x</b>\">data</a>\n\n",
        "<table><tr><td colspan=2 onclick=\"x()\" style=\"x\">cell</td></tr></table>\n\n",
        "<iframe src=\"https://evil.example/\"></iframe><svg><script>alert(2)</script></svg>\n\n",
        "<form action=x><button formaction=\"javascript:x()\">b</button></form><math><mi xlink:href=\"javascript:x\">m</mi></math>\n\n",
        "<noscript><p title=\"</noscript><img src=x onerror=alert(3)>\"></noscript>\n",
    );
    let html = wasm::render_markdown(hostile);
    assert_eq!(browser_sees_danger(&html), "", "unsafe output: {html}");
    assert!(
        html.contains("<h1 id=\"title\">Title</h1>"),
        "headings carry their slug as id: {html}"
    );
    assert!(
        html.contains("colspan=\"2\""),
        "tables with spans survive: {html}"
    );
    assert!(
        html.contains(
            "href=\"https://example.org/\" rel=\"noopener noreferrer\" target=\"_blank\""
        ),
        "{html}"
    );
    assert!(html.contains("src=\"https://example.org/a.png\""), "{html}");
}

#[wasm_bindgen_test]
fn download_filenames_keep_unicode_and_the_extension() {
    assert_eq!(
        wasm::download_filename("Ереван: «новости» / 2020?"),
        "Ереван- «новости» - 2020.md"
    );
    assert_eq!(wasm::download_filename("\u{0}..."), "article.md");
    assert_eq!(wasm::version(), env!("CARGO_PKG_VERSION"));
}
