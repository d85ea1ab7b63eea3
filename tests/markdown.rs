//! Markdown writer: exact output for small inputs, and what pulldown-cmark (with the
//! extensions the extension uses) makes of it.

use dom_query::Document;
use pulldown_cmark::{Event, Options, Parser, Tag, html};
use readmark::{html_to_text, to_markdown};

fn md(html: &str) -> String {
    let doc = Document::fragment(html);
    to_markdown(&doc.root())
}

fn cm_options() -> Options {
    Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_MATH
}

fn events(markdown: &str) -> Vec<Event<'_>> {
    Parser::new_ext(markdown, cm_options()).collect()
}

fn render(markdown: &str) -> String {
    let mut out = String::new();
    html::push_html(&mut out, Parser::new_ext(markdown, cm_options()));
    out
}

/// Concatenated text events (what a reader sees, markup aside).
fn plain(markdown: &str) -> String {
    events(markdown)
        .into_iter()
        .filter_map(|e| match e {
            Event::Text(t) | Event::Code(t) => Some(t.to_string()),
            _ => None,
        })
        .collect()
}

fn count(markdown: &str, pred: impl Fn(&Event) -> bool) -> usize {
    events(markdown).iter().filter(|e| pred(e)).count()
}

#[test]
fn headings_paragraphs_and_emphasis() {
    let out = md(
        "<h2>Title <em>here</em></h2><p>Some <b>bold</b>, <i>it</i> and <del>gone</del> text.</p>",
    );
    assert_eq!(
        out,
        "## Title *here*\n\nSome **bold**, *it* and ~~gone~~ text.\n"
    );
    assert_eq!(
        count(&out, |e| matches!(e, Event::Start(Tag::Heading { .. }))),
        1
    );
    assert_eq!(count(&out, |e| matches!(e, Event::Start(Tag::Strong))), 1);
    assert_eq!(count(&out, |e| matches!(e, Event::Start(Tag::Emphasis))), 2);
    assert_eq!(
        count(&out, |e| matches!(e, Event::Start(Tag::Strikethrough))),
        1
    );
}

#[test]
fn spaces_move_out_of_emphasis_and_unflanked_emphasis_is_dropped() {
    assert_eq!(md("<p>a<b> bold </b>b</p>"), "a **bold** b\n");
    let out = md("<p><b>\"quoted\"</b>word</p>");
    assert_eq!(out, "\"quoted\"word\n");
    assert_eq!(plain(&out), "\"quoted\"word");
}

#[test]
fn markdown_lookalike_text_stays_text() {
    let out = md(
        "<p>1. not a list</p><p># not a heading</p><p>*stars* and _under_ and <code>x</code></p><p>&lt;b&gt; as text, a [link](x) &amp;amp; and ~~no~~</p><p>- dash</p><p>&gt; quote</p>",
    );
    assert_eq!(
        out,
        "1\\. not a list\n\n\\# not a heading\n\n\\*stars\\* and \\_under\\_ and `x`\n\n\\<b> as text, a \\[link](x) &amp;amp; and \\~\\~no\\~\\~\n\n\\- dash\n\n\\> quote\n"
    );
    assert_eq!(
        count(&out, |e| matches!(
            e,
            Event::Start(
                Tag::List(_)
                    | Tag::Heading { .. }
                    | Tag::BlockQuote(_)
                    | Tag::Emphasis
                    | Tag::Link { .. }
                    | Tag::Strikethrough
            )
        )),
        0
    );
    assert!(!out.contains('<') || plain(&out).contains("<b> as text"));
    assert!(plain(&out).contains("&amp; and ~~no~~"));
}

#[test]
fn ordinary_punctuation_is_not_escaped() {
    assert_eq!(
        md("<p>snake_case, a-b, e.g. 3.5 + 4 = 7.5 (yes) #1!</p>"),
        "snake_case, a-b, e.g. 3.5 + 4 = 7.5 (yes) #1!\n"
    );
}

#[test]
fn links_with_awkward_urls_and_titles() {
    let out =
        md(r#"<p><a href="http://x.org/a b(c)?q=1&amp;r=2" title="T &quot;q&quot;">link</a></p>"#);
    assert_eq!(
        out,
        "[link](<http://x.org/a%20b(c)?q=1&r=2> \"T \\\"q\\\"\")\n"
    );
    let html_out = render(&out);
    assert!(
        html_out.contains(r#"href="http://x.org/a%20b(c)?q=1&amp;r=2""#),
        "{html_out}"
    );
    assert!(
        html_out.contains(r#"title="T &quot;q&quot;""#),
        "{html_out}"
    );
    let entity = md(r#"<p><a href="http://x.org/?a=1&amp;copy;=2">e</a></p>"#);
    assert_eq!(entity, "[e](http://x.org/?a=1\\&copy;=2)\n");
    assert!(render(&entity).contains("a=1&amp;copy;=2"));
}

#[test]
fn links_to_scripts_or_documents_keep_only_their_text() {
    let out = md(concat!(
        r#"<p><a href="javascript:alert(1)">js</a> <a href=" DATA:text/html,&lt;script&gt;x&lt;/script&gt;">data</a> "#,
        r#"<a href="vbscript:x">vb</a> <a href="java&#9;script:x">tab</a> <a href="https://x.org/">web</a></p>"#,
        r#"<table><tr><td><a href="data:text/html,x">cell</a><img src="data:image/png;base64,AA" alt="data: a chart"></td></tr>"#,
        r#"<tr><td>two<br>lines</td></tr></table>"#,
    ));
    assert!(
        out.starts_with("js data vb tab [web](https://x.org/)\n"),
        "{out}"
    );
    for bad in [
        "javascript",
        "DATA:",
        "data:text",
        "data:image",
        "vbscript",
        "script:",
    ] {
        assert!(!out.contains(bad), "{bad} in {out}");
    }
    assert!(out.contains("cell"), "{out}");
}

#[test]
fn images_alone_and_inside_links() {
    let out = md(
        r#"<p><a href="http://x/p"><img src="http://x/i.png" alt="An [alt]" title="t"></a></p>"#,
    );
    assert_eq!(out, "[![An \\[alt\\]](http://x/i.png \"t\")](http://x/p)\n");
    assert_eq!(
        count(&out, |e| matches!(e, Event::Start(Tag::Image { .. }))),
        1
    );
    assert_eq!(
        count(&out, |e| matches!(e, Event::Start(Tag::Link { .. }))),
        1
    );
    assert_eq!(
        md("<p>Wow!<a href='http://x/'>link</a></p>"),
        "Wow\\![link](http://x/)\n"
    );
}

/// A shop's category card (WooCommerce): one `<a>` around the image and the title. Each of
/// image and its title become links to the card's target (its summary stays text, or every
/// detail of a card would repeat the link); an in-page link around blocks stays looked
/// through.
#[test]
fn a_link_wrapping_blocks_links_each_of_them() {
    let out = md(concat!(
        "<p>Our categories:</p><ul><li><a href='https://x.shop/c/radios' title='Radios'>",
        "<img src='https://x.shop/r.jpg' alt='Radios'><h2>Radios [4]</h2>",
        "<p>Portable <b>AM</b> sets</p></a></li></ul>",
        "<div><a href='#top'><div>Back up</div></a></div>"
    ));
    assert_eq!(
        out,
        concat!(
            "Our categories:\n\n",
            "- [![Radios](https://x.shop/r.jpg)](https://x.shop/c/radios \"Radios\")\n\n",
            "  ## [Radios \\[4\\]](https://x.shop/c/radios \"Radios\")\n\n",
            "  Portable **AM** sets\n\n",
            "Back up\n"
        )
    );
    assert_eq!(
        count(&out, |e| matches!(e, Event::Start(Tag::Link { .. }))),
        2
    );
    assert_eq!(
        plain(&out),
        "Our categories:RadiosRadios [4]Portable AM setsBack up"
    );
}

#[test]
fn empty_elements_produce_nothing() {
    let out = md(
        r#"<p><a href="http://x/"></a><img alt="no src"><iframe src="http://x/"></iframe></p><form><input value="v"><button>Go</button></form><p><b> </b></p><div></div>"#,
    );
    assert_eq!(out, "");
}

#[test]
fn nested_ordered_in_unordered_list_with_start() {
    let out = md(
        "<ul><li>one<ol start='9'><li>nine</li><li>ten<ul><li>deep</li></ul></li></ol></li><li>two</li></ul>",
    );
    assert_eq!(
        out,
        "- one\n\n  9. nine\n  10. ten\n      - deep\n\n- two\n"
    );
    let evs = events(&out);
    let ordered: Vec<Option<u64>> = evs
        .iter()
        .filter_map(|e| match e {
            Event::Start(Tag::List(n)) => Some(*n),
            _ => None,
        })
        .collect();
    assert_eq!(ordered, vec![None, Some(9), None]);
    assert_eq!(count(&out, |e| matches!(e, Event::Start(Tag::Item))), 5);
}

#[test]
fn paragraphs_inside_list_items() {
    let out = md("<ol><li><p>first</p><p>second</p></li><li>next</li></ol>");
    assert_eq!(out, "1. first\n\n   second\n\n2. next\n");
    assert_eq!(count(&out, |e| matches!(e, Event::Start(Tag::Item))), 2);
    assert_eq!(
        count(&out, |e| matches!(e, Event::Start(Tag::Paragraph))),
        3
    );
}

#[test]
fn nested_blockquotes() {
    let out = md("<blockquote><p>outer</p><blockquote><p>inner</p></blockquote></blockquote>");
    assert_eq!(out, "> outer\n>\n> > inner\n");
    assert_eq!(
        count(&out, |e| matches!(e, Event::Start(Tag::BlockQuote(_)))),
        2
    );
}

#[test]
fn code_fence_grows_past_backticks_and_keeps_language() {
    let out = md("<pre><code class=\"language-rust\">let a = 1;\n```\nb</code></pre>");
    assert_eq!(out, "````rust\nlet a = 1;\n```\nb\n````\n");
    let evs = events(&out);
    assert!(evs.iter().any(|e| matches!(e, Event::Start(Tag::CodeBlock(pulldown_cmark::CodeBlockKind::Fenced(l))) if l.as_ref() == "rust")));
    assert_eq!(plain(&out), "let a = 1;\n```\nb\n");
    assert_eq!(
        md("<div class='highlight-python'><pre>x</pre></div>"),
        "```python\nx\n```\n"
    );
    assert_eq!(md("<pre data-lang='go'>y</pre>"), "```go\ny\n```\n");
}

#[test]
fn inline_code_with_backticks() {
    let out = md("<p>Use <code>a`b</code> and <code>`x</code>.</p>");
    assert_eq!(out, "Use ``a`b`` and `` `x ``.\n");
    let codes: Vec<String> = events(&out)
        .into_iter()
        .filter_map(|e| match e {
            Event::Code(c) => Some(c.to_string()),
            _ => None,
        })
        .collect();
    assert_eq!(codes, vec!["a`b", "`x"]);
}

#[test]
fn simple_table_is_a_pipe_table_with_escaped_pipes() {
    let out = md(
        "<table><tr><th>A</th><th>B</th></tr><tr><td>1 | 2</td><td><code>x|y</code></td></tr><tr><td>only</td></tr></table>",
    );
    assert_eq!(
        out,
        "| A | B |\n| --- | --- |\n| 1 \\| 2 | `x\\|y` |\n| only |  |\n"
    );
    assert_eq!(
        count(&out, |e| matches!(e, Event::Start(Tag::TableCell))),
        6
    );
    assert!(plain(&out).contains("1 | 2"));
}

#[test]
fn table_with_a_real_span_falls_back_to_minimal_html() {
    let out = md(concat!(
        "<table><tr><td colspan='2' class='x'>wide &amp; <b>bold</b> <a href='/x'>link</a><img src='i.png'></td><td>c</td></tr>",
        "<tr><td>a</td><td><p>b</p><p>b2</p></td><td><ul><li><code>d</code></li></ul></td></tr></table>"
    ));
    assert_eq!(
        out,
        concat!(
            "<table>\n<tr><td colspan=\"2\">wide &amp; bold link</td><td>c</td></tr>\n",
            "<tr><td>a</td><td>b<br>b2</td><td><ul><li><code>d</code></li></ul></td></tr>\n</table>\n"
        )
    );
    assert_eq!(count(&out, |e| matches!(e, Event::Html(_))), 4);
    assert_eq!(
        html_to_text(&render(&out)),
        "wide & bold link c\na b\nb2\nd\n"
    );
}

#[test]
fn a_full_width_row_is_no_real_span() {
    let out = md(
        "<table><tr><th colspan='2'>Group</th></tr><tr><td>a</td><td><p>b</p></td></tr></table>",
    );
    assert_eq!(out, "| Group |  |\n| --- | --- |\n| a | b |\n");
}

#[test]
fn figures_with_captions() {
    let out = md(
        "<figure><img src='http://x/a.png' alt='A'><figcaption>The <em>caption</em></figcaption></figure>",
    );
    assert_eq!(out, "![A](http://x/a.png)\n\nThe *caption*\n");
    assert_eq!(
        count(&out, |e| matches!(e, Event::Start(Tag::Paragraph))),
        2
    );
}

#[test]
fn footnotes_become_gfm_footnotes() {
    let out = md(
        r##"<p>Claim<sup><a href="#fn1">1</a></sup> and again<sup><a href="#fn1">1</a></sup>.</p><ol><li id="fn1">The source. <a href="#fnref1">↩</a></li></ol>"##,
    );
    assert_eq!(out, "Claim[^1] and again[^1].\n\n[^1]:\n    The source.\n");
    assert!(plain(&out).contains("The source."));
    assert_eq!(count(&out, |e| matches!(e, Event::FootnoteReference(_))), 2);
    assert_eq!(
        count(&out, |e| matches!(
            e,
            Event::Start(Tag::FootnoteDefinition(_))
        )),
        1
    );
}

/// MediaWiki starts every note with a back marker ("^", a link for a note cited once, text
/// before "a b" links for one cited more often): it stays as the note's first line, on the
/// label's line (`^ a b`, the letters as plain text: their links lead back to citations the
/// Markdown marks with `[^2]`), so that a line-based reader drops the label with it instead
/// of reading the label as a word the page never shows.
#[test]
fn a_leading_back_marker_stays_on_the_label_line() {
    let once = md(concat!(
        r##"<p>Claim<sup class="reference"><a href="#cite_note-1">[1]</a></sup>.</p><ol class="references">"##,
        r##"<li id="cite_note-1"><span class="mw-cite-backlink"><b><a href="#cite_ref-1">^</a></b></span> "##,
        r##"<span class="reference-text">The source.</span></li></ol>"##,
    ));
    assert_eq!(once, "Claim[^1].\n\n[^1]: ^\n    The source.\n");
    let twice = md(concat!(
        r##"<p>Claim<sup><a href="#cite_note-2">[2]</a></sup> and<sup><a href="#cite_note-2">[2]</a></sup>.</p><ol>"##,
        r##"<li id="cite_note-2"><span class="mw-cite-backlink">^ <a href="#cite_ref-a"><sup>a</sup></a> "##,
        r##"<a href="#cite_ref-b"><sup>b</sup></a></span> <span class="reference-text">Another.</span></li></ol>"##,
    ));
    assert_eq!(twice, "Claim[^2] and[^2].\n\n[^2]: ^ a b\n    Another.\n");
    for out in [&once, &twice] {
        assert_eq!(
            count(out, |e| matches!(
                e,
                Event::Start(Tag::FootnoteDefinition(_))
            )),
            1
        );
        assert!(plain(out).contains('^'), "{}", plain(out));
    }
}

/// A note the article no longer cites (its citation was in a table the extraction left out,
/// as on WCXB page 2905, a Wikipedia list) stays an item of the page's list of notes; its
/// back marker reads as on the page, `^` and `^ a b c` in plain text, not `**^**` and
/// `<sup>***a***</sup>` around dead links.
#[test]
fn an_uncited_note_shows_its_back_marker_as_plain_text() {
    let out = md(concat!(
        r##"<ol class="references"><li id="cite_note-14"><span class="mw-cite-backlink"><b><a href="#cite_ref-14">^</a></b></span> "##,
        r##"<span class="reference-text">The prize was established in 1968.</span></li>"##,
        r##"<li id="cite_note-A-15"><span class="mw-cite-backlink">^ <a href="#cite_ref-A_15-0"><sup><i><b>a</b></i></sup></a> "##,
        r##"<a href="#cite_ref-A_15-1"><sup><i><b>b</b></i></sup></a> <a href="#cite_ref-A_15-2"><sup><i><b>c</b></i></sup></a></span> "##,
        r##"<span class="reference-text"> In 1938 and 1939, <b>three</b> nominees.</span></li></ol>"##,
    ));
    assert_eq!(
        out,
        "1. ^ The prize was established in 1968.\n2. ^ a b c In 1938 and 1939, **three** nominees.\n"
    );
}

/// The two faults the default style had where another style read right (found by the
/// style round trip over the corpus): a heading opening with bold (the Readability page
/// aclu: `<h2><strong>Consent</strong></h2>`) had its first `*` escaped, `## \**Consent**`,
/// and link text opening with `[` (google-sre-book-1: `<a>[Hol14]</a>`) left it bare, so
/// the link started one bracket late, `[[Hol14\]](…)`.
#[test]
fn bold_headings_and_bracketed_link_text_read_as_written() {
    let heading = md("<h2><strong>Consent</strong></h2><p>Text.</p>");
    assert_eq!(heading, "## **Consent**\n\nText.\n");
    let numbered = md("<h2>1. Monitor</h2><h2>- dash</h2>");
    assert_eq!(numbered, "## 1\\. Monitor\n\n## \\- dash\n");
    let link = md(
        r#"<p>See <em>Alarm Management</em> <a href="https://sre.google/bibliography#Hol14">[Hol14]</a> for an example.</p>"#,
    );
    assert_eq!(
        link,
        "See *Alarm Management* [\\[Hol14\\]](https://sre.google/bibliography#Hol14) for an example.\n"
    );
    for out in [&heading, &link] {
        assert!(!plain(out).contains('*'), "{}", plain(out));
    }
    assert!(plain(&link).contains("[Hol14] for"), "{}", plain(&link));
    assert_eq!(
        count(&link, |e| matches!(e, Event::Start(Tag::Link { .. }))),
        1
    );
}

#[test]
fn line_breaks_rules_sup_sub() {
    let out = md("<p>one<br>two<br><br>three<br></p><hr><p>x<sup>2</sup> H<sub>2</sub>O</p>");
    // One <br> breaks the line; two in a row make a new paragraph; one at the end is nothing.
    assert_eq!(
        out,
        "one\\\ntwo\n\nthree\n\n---\n\nx<sup>2</sup> H<sub>2</sub>O\n"
    );
    assert_eq!(count(&out, |e| matches!(e, Event::HardBreak)), 1);
    assert_eq!(
        count(&out, |e| matches!(e, Event::Start(Tag::Paragraph))),
        3
    );
    assert_eq!(count(&out, |e| matches!(e, Event::Rule)), 1);
    assert_eq!(count(&out, |e| matches!(e, Event::InlineHtml(_))), 4);
}

#[test]
fn definition_lists() {
    let out = md("<dl><dt>Term</dt><dd>Meaning</dd></dl>");
    assert_eq!(out, "**Term**\n\nMeaning\n");
    assert_eq!(count(&out, |e| matches!(e, Event::Start(Tag::Strong))), 1);
}

#[test]
fn math_from_mathml_katex_and_mathjax_spans() {
    let mathml = r#"<p>So <math><semantics><mi>x</mi><annotation encoding="application/x-tex">x^2</annotation></semantics></math> holds, and $5 costs.</p>"#;
    let out = md(mathml);
    assert_eq!(out, "So $x^2$ holds, and \\$5 costs.\n");
    assert_eq!(
        count(
            &out,
            |e| matches!(e, Event::InlineMath(m) if m.as_ref() == "x^2")
        ),
        1
    );
    let katex = r#"<span class="katex-display"><span class="katex"><span class="katex-mathml"><math><annotation encoding="application/x-tex">\sum_i a_i</annotation></math></span><span class="katex-html" aria-hidden="true">∑ai</span></span></span>"#;
    let out = md(katex);
    assert_eq!(out, "$$\\sum_i a_i$$\n");
    assert_eq!(count(&out, |e| matches!(e, Event::DisplayMath(_))), 1);
    let out = md(
        r#"<p>E <span class="rm-math" data-tex="a &lt; b" data-display="inline">a&lt;b</span>.</p>"#,
    );
    assert_eq!(out, "E $a < b$.\n");
    assert_eq!(html_to_text(&render(&out)), "E a < b.\n");
}

#[test]
fn unknown_elements_render_children_and_whitespace_collapses() {
    let out = md("<section><custom-el>  hello \n  <span>big</span>   world </custom-el></section>");
    assert_eq!(out, "hello big world\n");
}

#[test]
fn document_front_matter_and_title() {
    let html = "<html><head><title>T</title></head><body><article><p>Body text here.</p></article></body></html>";
    let mut article =
        match readmark::extract_html(html, "http://x.org/a", &readmark::Options::default()) {
            Ok(a) => a,
            Err(e) => panic!("extraction failed: {e}"),
        };
    article.metadata.title = Some("A \"quoted\" # title".to_string());
    article.metadata.byline = Some("Me\nYou".to_string());
    article.metadata.excerpt = None;
    let doc = article.to_markdown_document(true, Some("2024-01-02"));
    assert!(
        doc.starts_with("---\ntitle: \"A \\\"quoted\\\" # title\"\nauthor: \"Me\\nYou\"\n"),
        "{doc}"
    );
    assert!(doc.contains("url: \"http://x.org/a\"\n"));
    assert!(
        doc.contains("saved: \"2024-01-02\"\n---\n\n# A \"quoted\" # title\n\n"),
        "{doc}"
    );
    assert!(!doc.contains("excerpt:"));
    assert!(doc.ends_with("Body text here.\n"));
    let plain_doc = article.to_markdown_document(false, None);
    assert!(
        plain_doc.starts_with("# A \"quoted\" # title\n\nBody"),
        "{plain_doc}"
    );
}

#[test]
fn text_follows_reference_rules() {
    let html = "<div>a<br>b<table><tr><td>c</td><td>d</td></tr></table><pre>x\n  y</pre><p hidden>no</p><script>s</script><img alt='i'>e</div>";
    assert_eq!(html_to_text(html), "a\nb\nc d\nx\ny\ne\n");
}

#[test]
fn list_marker_split_over_nodes_is_escaped() {
    let out = md("<ul><li><div>1<span>.</span></div><div>Item</div></li></ul>");
    assert_eq!(out, "- 1\\.\n\n  Item\n");
    assert_eq!(count(&out, |e| matches!(e, Event::Start(Tag::List(_)))), 1);
}

/// Runs `f` on another thread and fails when it takes longer than `limit` (the work is left
/// behind): a quadratic step on a megabyte of input takes minutes, a linear one milliseconds.
fn within<T: Send + 'static>(
    limit: std::time::Duration,
    f: impl FnOnce() -> T + Send + 'static,
) -> T {
    let (tx, rx) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        let _ = tx.send(f());
    });
    rx.recv_timeout(limit)
        .unwrap_or_else(|_| panic!("took longer than {limit:?}: not linear"))
}

/// Generous bound for a megabyte of pathological text in a debug build (a linear writer needs
/// well under a second; the quadratic `[` look-ahead needed 6.3 s for 100 KB in release).
const MEGABYTE_LIMIT: std::time::Duration = std::time::Duration::from_secs(20);

#[test]
fn a_megabyte_of_brackets_is_escaped_in_linear_time() {
    // Issue 12: every `[` used to search ahead for its `]`.
    let n = 1_000_000;
    let out = within(MEGABYTE_LIMIT, move || {
        md(&format!("<p>{}</p>", "[".repeat(n)))
    });
    assert_eq!(
        out,
        format!("{}\n", "\\[".repeat(n)),
        "no `]` follows: every `[` may open a link"
    );
    // With a `]` at the very end, only the brackets it could close into a link stay escaped.
    let out = within(MEGABYTE_LIMIT, move || {
        md(&format!("<p>{}a] b</p>", "[".repeat(n)))
    });
    assert_eq!(out, format!("{}a] b\n", "[".repeat(n)));
    assert_eq!(plain(&out), format!("{}a] b", "[".repeat(n)));
}

#[test]
fn many_unflanked_emphasis_pairs_are_dropped_in_linear_time() {
    let n = 100_000;
    let out = within(MEGABYTE_LIMIT, move || {
        md(&format!("<p>{}</p>", "<b>\"q\"</b>x ".repeat(n)))
    });
    assert_eq!(out.matches("\"q\"x").count(), n);
    assert!(!out.contains('*'));
}

#[test]
fn emphasis_split_over_two_elements_closes_at_the_end() {
    // The Guardian writes the publisher's closing parenthesis in its own <em>.
    let out = md("<p><em>Alex Foster (Grove</em><em>)</em><br>Next</p>");
    assert_eq!(out, "*Alex Foster (Grove)*\\\nNext\n");
    assert_eq!(count(&out, |e| matches!(e, Event::Start(Tag::Emphasis))), 1);
    assert_eq!(plain(&out), "Alex Foster (Grove)Next");
}

#[test]
fn dead_citation_links_leave_plain_brackets() {
    // Issue 10: `\[[1](#REF1)]` — escaped brackets around an in-page link to nowhere.
    let out = md("<p>Claim.[<a href='#REF1'>1</a>] More [<a href='#REF2'>2</a>](x)</p>");
    assert_eq!(out, "Claim.[1] More \\[2](x)\n");
    assert_eq!(plain(&out), "Claim.[1] More [2](x)");
    // Neighbouring text chunks are escaped together: a star between spaces stays bare.
    assert_eq!(
        md("<p>a <span>*</span> b and 2<span>*</span>3</p>"),
        "a * b and 2\\*3\n"
    );
}

#[test]
fn headings_start_at_level_two_and_lose_permalinks() {
    // A docs page whose sections are <h1>, a blog whose sections are <h4>: both start at ##.
    assert_eq!(
        md("<h1>Install</h1><p>x</p><h2>Linux</h2>"),
        "## Install\n\nx\n\n### Linux\n"
    );
    assert_eq!(
        md("<h4>A</h4><h5>B</h5><h4>C</h4>"),
        "## A\n\n### B\n\n## C\n"
    );
    // Permalinks: a pilcrow, a hash, an icon, a zero-width space; a <br> is a space.
    let out = md(concat!(
        "<h2 id='a'>One<a class='headerlink' href='#a'>¶</a></h2>",
        "<h2 id='b'><a href='#b' aria-hidden='true'><svg></svg></a>Two</h2>",
        "<h2 id='c'><a href='#c'>\u{200b}</a>Three <a href='#c'>#</a></h2>",
        "<h2>Four<br>and more</h2><h2>1. Numbered</h2>",
    ));
    assert_eq!(
        out,
        "## One\n\n## Two\n\n## Three\n\n## Four and more\n\n## 1\\. Numbered\n"
    );
    assert_eq!(
        count(&out, |e| matches!(e, Event::Start(Tag::Heading { .. }))),
        5
    );
    assert_eq!(
        count(&out, |e| matches!(e, Event::Start(Tag::Link { .. }))),
        0
    );
}

#[test]
fn trailing_and_doubled_breaks_are_no_hard_breaks() {
    assert_eq!(
        md("<p>one<br></p><div>two<br> </div><ul><li>three<br></li></ul>"),
        "one\n\ntwo\n\n- three\n"
    );
    assert_eq!(md("<p>a<br><br><br>b</p>"), "a\n\nb\n");
    // Inside emphasis a blank line would end the paragraph: a hard break instead.
    let out = md("<p><em>a<br><br>b</em></p>");
    assert_eq!(out, "*a\\\nb*\n");
    assert_eq!(count(&out, |e| matches!(e, Event::Start(Tag::Emphasis))), 1);
}

#[test]
fn a_delimiter_without_partner_stays_bare() {
    let out = md("<p>Price* applies to file_name, ~5 km.</p>");
    assert_eq!(out, "Price* applies to file_name, ~5 km.\n");
    assert_eq!(plain(&out), "Price* applies to file_name, ~5 km.");
    // Inside a word a lone star stays escaped (tools that strip stray stars glue words), as
    // does an underscore at a word's edge.
    assert_eq!(md("<p>5*3 and _init</p>"), "5\\*3 and \\_init\n");
    // Two of them could pair up: escaped.
    assert_eq!(md("<p>a* and b*c</p>"), "a\\* and b\\*c\n");
    // Emphasis markup nearby is a partner too.
    let out = md("<p>x* and <em>y</em></p>");
    assert_eq!(out, "x\\* and *y*\n");
    assert_eq!(plain(&out), "x* and y");
}
