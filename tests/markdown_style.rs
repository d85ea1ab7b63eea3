//! Markdown style options ([`readmark::MarkdownStyle`]): the exact Markdown of each choice
//! on fragments taken from real pages, and, over every corpus page, that a document written
//! in another style reads (through pulldown-cmark, as the extension renders it) as exactly
//! the same HTML as the default style's: a style changes the spelling, never the document.

use std::fs;
use std::path::{Path, PathBuf};

use dom_query::Document;
use pulldown_cmark::{Event, Options, Parser, Tag, html};
use readmark::template::{Clip, Template, render_document};
use readmark::{
    Bullet, Delimiter, Fence, Headings, Links, MarkdownStyle, Strong, to_markdown,
    to_markdown_styled,
};

fn styled(html: &str, style: MarkdownStyle) -> String {
    to_markdown_styled(&Document::fragment(html).root(), &style)
}

fn cm_options() -> Options {
    Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_MATH
}

fn render(markdown: &str) -> String {
    let mut out = String::new();
    html::push_html(&mut out, Parser::new_ext(markdown, cm_options()));
    out
}

fn count(markdown: &str, pred: impl Fn(&Event) -> bool) -> usize {
    Parser::new_ext(markdown, cm_options())
        .filter(|e| pred(e))
        .count()
}

/// Every option away from its default (but `$`, whose escape changes what math readers see).
fn all_other() -> MarkdownStyle {
    MarkdownStyle {
        bullet: Bullet::Asterisk,
        emphasis: Delimiter::Underscore,
        strong: Strong::Underscores,
        headings: Headings::Setext,
        fence: Fence::Tilde,
        links: Links::Reference,
        escape_dollar: true,
    }
}

/// From the Readability corpus page 001 (a blog post): a list with code and emphasis.
const NOTES: &str = "<p><strong>Notes</strong>:</p><ul><li>Notice the <code>data-cover</code> attribute we added;</li><li>The HTML test file <em>must</em> be served over HTTP.</li></ul>";

#[test]
fn bullet_markers() {
    let dash = styled(NOTES, MarkdownStyle::default());
    assert_eq!(
        dash,
        "**Notes**:\n\n- Notice the `data-cover` attribute we added;\n- The HTML test file *must* be served over HTTP.\n"
    );
    for (bullet, marker) in [(Bullet::Asterisk, "*"), (Bullet::Plus, "+")] {
        let out = styled(
            NOTES,
            MarkdownStyle {
                bullet,
                ..Default::default()
            },
        );
        assert_eq!(out, dash.replace("\n- ", &format!("\n{marker} ")));
        assert_eq!(render(&out), render(&dash));
    }
}

#[test]
fn nested_lists_and_a_list_after_a_paragraph_keep_their_marker() {
    let html = "<ul><li>Fetch<ul><li>Headers</li><li>Request</li></ul></li><li>Streams</li></ul>";
    let out = styled(
        html,
        MarkdownStyle {
            bullet: Bullet::Plus,
            ..Default::default()
        },
    );
    assert_eq!(out, "+ Fetch\n  + Headers\n  + Request\n+ Streams\n");
    assert_eq!(
        render(&out),
        render(&styled(html, MarkdownStyle::default()))
    );
}

#[test]
fn emphasis_and_strong_markers() {
    let html =
        "<p>Its use is <em>dead easy</em>, <strong>Blanket.js</strong> is <b><i>both</i></b>.</p>";
    let style = MarkdownStyle {
        emphasis: Delimiter::Underscore,
        strong: Strong::Underscores,
        ..Default::default()
    };
    let out = styled(html, style);
    assert_eq!(
        out,
        "Its use is _dead easy_, __Blanket.js__ is ___both___.\n"
    );
    assert_eq!(
        render(&out),
        render(&styled(html, MarkdownStyle::default()))
    );
    let mixed = styled(
        html,
        MarkdownStyle {
            strong: Strong::Underscores,
            ..Default::default()
        },
    );
    assert_eq!(
        mixed,
        "Its use is *dead easy*, __Blanket.js__ is __*both*__.\n"
    );
    assert_eq!(
        count(&mixed, |e| matches!(e, Event::Start(Tag::Emphasis))),
        2
    );
    assert_eq!(count(&mixed, |e| matches!(e, Event::Start(Tag::Strong))), 2);
}

#[test]
fn underscore_emphasis_inside_a_word_is_written_with_asterisks() {
    // CommonMark never reads `_` inside a word as emphasis: `un_believ_able` stays text.
    let html = "<p>un<em>believ</em>able and <em>whole</em> words, snake_case_name</p>";
    let out = styled(
        html,
        MarkdownStyle {
            emphasis: Delimiter::Underscore,
            ..Default::default()
        },
    );
    assert_eq!(out, "un*believ*able and _whole_ words, snake_case_name\n");
    assert_eq!(count(&out, |e| matches!(e, Event::Start(Tag::Emphasis))), 2);
}

#[test]
fn setext_headings_for_the_two_top_levels() {
    let html = "<h2>Feature detection</h2><p>Support can be detected.</p><h3>Simple fetching</h3><p>The most useful part.</p><h2>Headers | Requests</h2>";
    let out = styled(
        html,
        MarkdownStyle {
            headings: Headings::Setext,
            ..Default::default()
        },
    );
    assert_eq!(
        out,
        "Feature detection\n-----------------\n\nSupport can be detected.\n\n### Simple fetching\n\nThe most useful part.\n\n## Headers | Requests\n"
    );
    assert_eq!(
        render(&out),
        render(&styled(html, MarkdownStyle::default()))
    );
}

#[test]
fn setext_title_in_the_document() {
    let html = "<html><head><title>This API is so Fetching!</title></head><body><article><p>For more than a decade the Web has used XMLHttpRequest to achieve asynchronous requests in JavaScript.</p></article></body></html>";
    let article = match readmark::extract_html(html, "https://x.org/a", &Default::default()) {
        Ok(a) => a,
        Err(e) => panic!("extraction failed: {e}"),
    };
    let template = Template {
        front_matter: false,
        markdown: MarkdownStyle {
            headings: Headings::Setext,
            ..Default::default()
        },
        ..Template::default()
    };
    let doc = render_document(&Clip::of(&article), &template, None);
    assert!(
        doc.starts_with("This API is so Fetching!\n========================\n\nFor more"),
        "{doc}"
    );
}

#[test]
fn tilde_fences() {
    let html = "<pre><code class=\"language-js\">var req = new Request(\"/index.html\");\nconsole.log(req.method); // ~~~ \"GET\"</code></pre>";
    let out = styled(
        html,
        MarkdownStyle {
            fence: Fence::Tilde,
            ..Default::default()
        },
    );
    assert_eq!(
        out,
        "~~~~js\nvar req = new Request(\"/index.html\");\nconsole.log(req.method); // ~~~ \"GET\"\n~~~~\n"
    );
    assert_eq!(
        render(&out),
        render(&styled(html, MarkdownStyle::default()))
    );
}

/// `html` in the reference-link style is `expected`, and renders as the default style does.
fn assert_reference_style(html: &str, expected: &str) {
    let out = styled(
        html,
        MarkdownStyle {
            links: Links::Reference,
            ..Default::default()
        },
    );
    assert_eq!(out, expected);
    assert_eq!(
        render(&out),
        render(&styled(html, MarkdownStyle::default()))
    );
}

#[test]
fn reference_links_are_numbered_once_per_target_and_defined_last() {
    let html = "<p>The <a href=\"https://developer.mozilla.org/en-US/docs/Web/API/Fetch_API\">Fetch API</a> intends to fix most of these problems. The <a href=\"https://fetch.spec.whatwg.org/\" title=\"Living Standard\">Fetch specification</a> defines it [as of 2015], see <a href=\"https://developer.mozilla.org/en-US/docs/Web/API/Fetch_API\">MDN</a>.</p><ul><li><a href=\"https://github.com/github/fetch\">Fetch polyfill</a> <a href=\"https://x.org/\"> </a></li></ul>";
    assert_reference_style(
        html,
        "The [Fetch API][1] intends to fix most of these problems. The [Fetch specification][2] defines it \\[as of 2015], see [MDN][1].\n\n- [Fetch polyfill][3]\n\n[1]: https://developer.mozilla.org/en-US/docs/Web/API/Fetch_API\n[2]: https://fetch.spec.whatwg.org/ \"Living Standard\"\n[3]: https://github.com/github/fetch\n",
    );
}

#[test]
fn reference_links_in_headings_and_tables() {
    let html = "<h2><a href=\"https://x.org/h\">Heading link</a></h2><table><tr><th>Name</th><th>Site</th></tr><tr><td>Fetch</td><td><a href=\"https://x.org/t\">spec</a></td></tr></table>";
    assert_reference_style(
        html,
        "## [Heading link][1]\n\n| Name | Site |\n| --- | --- |\n| Fetch | [spec][2] |\n\n[1]: https://x.org/h\n[2]: https://x.org/t\n",
    );
}

#[test]
fn a_link_wrapping_blocks_is_one_reference() {
    let html = "<a href=\"https://x.org/c\"><h3>Card</h3><p>Its summary</p></a><p>After</p>";
    assert_reference_style(
        html,
        "## [Card][1]\n\nIts summary\n\nAfter\n\n[1]: https://x.org/c\n",
    );
}

#[test]
fn dollar_escaping_on_and_off() {
    // From a WCXB service page: prices in running text.
    let html = "<p>Seeking a role over $125K, or $125K-$150K.</p>";
    let on = styled(html, MarkdownStyle::default());
    assert_eq!(on, "Seeking a role over \\$125K, or \\$125K-\\$150K.\n");
    let off = styled(
        html,
        MarkdownStyle {
            escape_dollar: false,
            ..Default::default()
        },
    );
    assert_eq!(off, "Seeking a role over $125K, or $125K-$150K.\n");
    let math = |md: &str| count(md, |e| matches!(e, Event::InlineMath(_)));
    assert_eq!(math(&on), 0);
    // A math reader sees a formula where the escape was left out: the option's whole point.
    assert_eq!(math(&off), 1);
    let plain = Parser::new(&off)
        .filter_map(|e| match e {
            Event::Text(t) => Some(t.to_string()),
            _ => None,
        })
        .collect::<String>();
    assert_eq!(plain, "Seeking a role over $125K, or $125K-$150K.");
}

#[test]
fn the_style_reads_from_the_extension_s_settings_object() {
    let style: MarkdownStyle = match serde_json::from_str(
        r#"{"bullet":"+","emphasis":"_","strong":"__","headings":"setext","fence":"~~~","links":"reference","escapeDollar":false}"#,
    ) {
        Ok(s) => s,
        Err(e) => panic!("{e}"),
    };
    assert_eq!(
        style,
        MarkdownStyle {
            bullet: Bullet::Plus,
            escape_dollar: false,
            ..all_other()
        }
    );
    let partial: MarkdownStyle = serde_json::from_str(r#"{"fence":"~~~"}"#).unwrap_or_default();
    assert_eq!(partial.fence, Fence::Tilde);
    assert_eq!(partial.bullet, Bullet::Dash);
    assert!(partial.escape_dollar);
    assert_eq!(
        serde_json::to_value(MarkdownStyle::default()).ok(),
        serde_json::from_str(r#"{"bullet":"-","emphasis":"*","strong":"**","headings":"atx","fence":"```","links":"inline","escapeDollar":true}"#).ok()
    );
}

#[test]
fn extraction_options_carry_the_style() {
    let html = "<html><body><article><h2>Simple fetching</h2><p>The most useful, high-level part of the Fetch API is the <a href=\"/fetch\">fetch()</a> function, in its <em>simplest</em> form.</p><ul><li>Headers</li><li>Request</li></ul></article></body></html>";
    let opts = readmark::Options {
        markdown: all_other(),
        ..Default::default()
    };
    let article = match readmark::extract_html(html, "https://x.org/a", &opts) {
        Ok(a) => a,
        Err(e) => panic!("extraction failed: {e}"),
    };
    assert_eq!(
        article.markdown,
        "Simple fetching\n---------------\n\nThe most useful, high-level part of the Fetch API is the [fetch()][1] function, in its _simplest_ form.\n\n* Headers\n* Request\n\n[1]: https://x.org/fetch\n"
    );
}

fn corpus_pages() -> Vec<(String, PathBuf, String)> {
    let tests = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/corpus");
    let mut pages = Vec::new();
    for dir in fs::read_dir(tests.join("readability"))
        .into_iter()
        .flatten()
        .flatten()
    {
        let source = dir.path().join("source.html");
        if source.exists() {
            pages.push((
                dir.path().display().to_string(),
                source,
                "http://fakehost/test/page.html".to_string(),
            ));
        }
    }
    for corpus in ["scrapinghub-dev", "wcxb-sample"] {
        for file in fs::read_dir(tests.join(corpus).join("html"))
            .into_iter()
            .flatten()
            .flatten()
        {
            pages.push((
                file.path().display().to_string(),
                file.path(),
                "https://example.com/a/b".to_string(),
            ));
        }
    }
    pages.sort();
    pages
}

fn read_page(path: &Path) -> String {
    let bytes = fs::read(path).unwrap_or_default();
    let bytes = if path.extension().is_some_and(|e| e == "gz") {
        let mut out = Vec::new();
        let mut decoder = flate2::read::GzDecoder::new(bytes.as_slice());
        std::io::Read::read_to_end(&mut decoder, &mut out).map_or(Vec::new(), |_| out)
    } else {
        bytes
    };
    String::from_utf8_lossy(&bytes).into_owned()
}

/// Every corpus article written in every other style renders to the default's HTML.
#[test]
fn every_style_reads_as_the_same_document_on_every_corpus_page() {
    let pages = corpus_pages();
    assert!(pages.len() > 200, "corpus not found: {} pages", pages.len());
    let mut failures = Vec::new();
    let mut checked = 0;
    for (name, path, url) in &pages {
        let Ok(article) = readmark::extract_html(&read_page(path), url, &Default::default()) else {
            continue;
        };
        let doc = Document::fragment(article.content_html.as_str());
        let default = to_markdown(&doc.root());
        let styled = to_markdown_styled(&doc.root(), &all_other());
        checked += 1;
        let (a, b) = (render(&default), render(&styled));
        if a != b {
            let line = a.lines().zip(b.lines()).find(|(x, y)| x != y);
            failures.push(format!("{name}: {line:?}"));
        }
    }
    assert!(checked > 200, "only {checked} articles");
    assert!(
        failures.is_empty(),
        "{} pages read differently in another style: {failures:#?}",
        failures.len()
    );
}
