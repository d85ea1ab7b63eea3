//! The library's renderer (`render_markdown`): Markdown → HTML that keeps the article and
//! nothing that runs. The corpus round trip (`tests/markdown_corpus.rs`) shows it loses no
//! text on real articles; these cases are hostile input.

use readmark::internals::render::{RawHtml, render, sanitize_html};
use readmark::{Options, download_filename, render_markdown};

#[test]
fn scripts_handlers_and_dangerous_urls_are_removed() {
    let html = render_markdown(concat!(
        "Text <script>alert(1)</script> <b onclick=\"x()\">bold</b>\n\n",
        "[a](javascript:alert(1)) [b](JAVASCRIPT:alert(1)) [c](vbscript:x) [d](data:text/html,x)\n\n",
        "<a href=\"&#106;avascript:alert(1)\">entity</a> <a href=\"java\tscript:x\">tab</a>\n\n",
        "![img](javascript:alert(1)) <img src=\"data:image/png;base64,AAAA\">\n\n",
        "<style>body{display:none}</style><iframe srcdoc=\"<script>x()</script>\"></iframe>\n\n",
        "<svg onload=alert(1)><circle/></svg><math><a href=\"javascript:x\">m</a></math>\n\n",
        "<div style=\"background:url(javascript:x)\">styled</div>\n",
    ));
    for bad in [
        "<script",
        "onclick",
        "javascript",
        "vbscript",
        "data:",
        "<style",
        "<iframe",
        "srcdoc",
        "<svg",
        "<math",
        "style=",
    ] {
        assert!(
            !html.to_ascii_lowercase().contains(bad),
            "{bad} survived: {html}"
        );
    }
    for kept in ["Text", "<b>bold</b>", "entity", "tab", "styled"] {
        assert!(html.contains(kept), "{kept} lost: {html}");
    }
}

#[test]
fn mutation_tricks_do_not_smuggle_markup() {
    // Markup hidden in raw-text elements and attributes must come out as text or not at all,
    // never as tags: the output is re-serialized from the parsed tree with everything
    // escaped, so the browser parses exactly the tree that was checked.
    for hostile in [
        "<noscript><p title=\"</noscript><img src=x onerror=alert(1)>\"></noscript>",
        "<textarea><img src=x onerror=alert(2)></textarea>",
        "<xmp><img src=x onerror=alert(4)></xmp>after",
        "<svg><style><img src=x onerror=alert(5)></style></svg>",
        "<math><mtext><table><mglyph><style><img src=x onerror=alert(6)>",
    ] {
        let html = sanitize_html(hostile);
        assert!(
            !html.contains("<img") && !html.contains("<script"),
            "{hostile} → {html}"
        );
    }
    assert_eq!(
        sanitize_html("<xmp><img src=x></xmp>after"),
        "&lt;img src=x&gt;after"
    );
    let quoted = sanitize_html("<p title=\"&quot;><script>alert(3)</script>\">quoted</p>");
    assert_eq!(
        quoted, "<p>quoted</p>",
        "title is not an allowed attribute on p"
    );
    let abbr = sanitize_html("<abbr title=\"&quot;><script>alert(3)</script>\">x</abbr>");
    assert_eq!(
        abbr,
        "<abbr title=\"&quot;&gt;&lt;script&gt;alert(3)&lt;/script&gt;\">x</abbr>"
    );
}

#[test]
fn links_open_safely_and_footnotes_stay_in_page() {
    let html = render_markdown(
        "See [site](https://example.org/a?b=1&c=2) and note[^1].\n\n[^1]: The note.\n",
    );
    assert!(html.contains("<a href=\"https://example.org/a?b=1&amp;c=2\" rel=\"noopener noreferrer\" target=\"_blank\">site</a>"), "{html}");
    assert!(
        html.contains("href=\"#1\"") || html.contains("href=\"#fn"),
        "footnote link kept: {html}"
    );
    assert!(
        !html.contains("href=\"#1\" rel"),
        "in-page links get no target: {html}"
    );
}

#[test]
fn what_articles_need_survives() {
    let html = render_markdown(concat!(
        "## Heading\n\n> quote\n\n1. one\n2. two\n\n- [x] done\n\n| a | b |\n|---|---|\n| 1 | 2 |\n\n",
        "```rust\nfn main() {}\n```\n\n![alt text](https://example.org/i.png \"t\")\n\n",
        "<table><tr><th rowspan=\"2\">h</th><td colspan=\"2\">c</td></tr></table>\n\n~~gone~~ H<sub>2</sub>O x<sup>2</sup>\n",
    ));
    for kept in [
        "<h2 id=\"heading\">Heading</h2>",
        "<blockquote>",
        "<ol>",
        "<li>one</li>",
        "type=\"checkbox\"",
        "<table>",
        "<td>2</td>",
        "class=\"language-rust\"",
        "<img src=\"https://example.org/i.png\" alt=\"alt text\" title=\"t\" loading=\"lazy\" referrerpolicy=\"no-referrer\">",
        "rowspan=\"2\"",
        "colspan=\"2\"",
        "<del>gone</del>",
        "<sub>2</sub>",
        "<sup>2</sup>",
    ] {
        assert!(html.contains(kept), "{kept} lost: {html}");
    }
}

#[test]
fn deep_nesting_does_not_overflow_the_stack() {
    let depth = 50_000;
    let html = sanitize_html(&("<div>".repeat(depth) + "deep" + &"</div>".repeat(depth)));
    assert!(html.contains("deep"));
    let quotes = render_markdown(&(">".repeat(5_000) + " deep quote\n"));
    assert!(quotes.contains("deep quote"));
}

/// The deepest element nesting in serialized HTML (void elements and text ignored): what
/// html5ever's per-tag scan of its open elements costs when the HTML is parsed.
fn nesting_depth(html: &str) -> usize {
    const VOID: &[&str] = &["br", "col", "hr", "img", "input", "wbr"];
    let (mut depth, mut deepest) = (0usize, 0usize);
    for tag in html.split('<').skip(1) {
        let name: String = tag
            .trim_start_matches('/')
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric())
            .collect();
        if name.is_empty() || VOID.contains(&name.as_str()) {
            continue;
        }
        if tag.starts_with('/') {
            depth = depth.saturating_sub(1);
        } else {
            depth += 1;
            deepest = deepest.max(depth);
        }
    }
    deepest
}

/// Issue 12: 40 000 lines of `<ul>` took 4.8 s, because the HTML nested 40 000 deep and
/// html5ever scans its open elements for every tag. The raw HTML past the depth limit is
/// shown as text, so what the parser sees nests no deeper than the limit.
#[test]
fn repeated_raw_tags_are_shown_as_text_not_nested() {
    let lines = 40_000;
    let (html, raw) = render(&"<ul>\n".repeat(lines));
    assert_eq!(raw, RawHtml::AsText);
    assert_eq!(html.matches("&lt;ul&gt;").count(), lines);
    assert!(nesting_depth(&html) <= Options::default().max_depth);
    let (html, raw) = render(&(">".repeat(lines) + " deep quote\n"));
    assert_eq!(raw, RawHtml::Source);
    assert!(html.contains("deep quote"));
    assert!(nesting_depth(&html) <= Options::default().max_depth);
}

/// Raw HTML within the limits is rendered (sanitized) as before: a table with spans, and
/// nesting as deep as real pages go.
#[test]
fn raw_html_within_the_limits_is_kept() {
    let table =
        "<table><tr><td colspan=\"2\">wide</td></tr><tr><td>a</td><td>b</td></tr></table>\n";
    let (html, raw) = render(table);
    assert_eq!(raw, RawHtml::Kept);
    assert!(html.contains("<td colspan=\"2\">wide</td>"), "{html}");
    let nested = "<div>".repeat(100) + "inner" + &"</div>".repeat(100) + "\n";
    let (html, raw) = render(&nested);
    assert_eq!(raw, RawHtml::Kept);
    assert_eq!(nesting_depth(&html), 100);
}

#[test]
fn filenames_are_safe_everywhere() {
    assert_eq!(
        download_filename("What's next? A/B testing: \"the guide\" <2024>"),
        "What's next A-B testing- the guide 2024.md"
    );
    assert_eq!(download_filename("Հայաստան — Արցախ"), "Հայաստան — Արցախ.md");
    assert_eq!(download_filename("NUL"), "_NUL.md");
    assert_eq!(download_filename(".hidden"), "hidden.md");
    let name = download_filename(&"word ".repeat(200));
    assert!(
        name.len() <= readmark::internals::MAX_STEM_BYTES + 3 && name.ends_with("word.md"),
        "{name}"
    );
}

#[test]
fn in_page_links_lead_to_the_rendered_headings() {
    // The writer points links at GitHub-style slugs; the renderer gives headings those ids.
    let page = concat!(
        "<ul><li><a href='#s1'>Intro</a></li><li><a href='#s2'>Again</a></li><li><a href='#gone'>Gone</a></li></ul>",
        "<h1 id='s1'>Intro &amp; <em>more</em> <a class='anchor' href='#s1'>¶</a></h1><p>x</p>",
        "<a name='s2'></a><h1>Intro &amp; more</h1><p>y</p><h3>Deeper 1.2</h3>",
    );
    let markdown = readmark::to_markdown(&dom_query::Document::fragment(page).root());
    assert_eq!(
        markdown,
        concat!(
            "- [Intro](#intro--more)\n- [Again](#intro--more-1)\n- Gone\n\n",
            "## Intro & *more*\n\nx\n\n## Intro & more\n\ny\n\n#### Deeper 1.2\n",
        )
    );
    let html = render_markdown(&markdown);
    for id in ["intro--more", "intro--more-1", "deeper-12"] {
        assert!(
            html.contains(&format!("id=\"{id}\"")),
            "no heading {id}: {html}"
        );
    }
}
