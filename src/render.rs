//! Markdown → HTML that is safe to show: how the library and the playground display a saved
//! article.
//!
//! The Markdown is rendered by pulldown-cmark (GFM tables, strikethrough, task lists,
//! footnotes, math), then the HTML is re-parsed by html5ever and written back through an
//! **allow-list**: only the elements and attributes below survive. Our own Markdown writer
//! emits raw HTML for tables with spans, and an article saved from a hostile page may carry
//! anything in its text, so the raw HTML that Markdown lets through is sanitized rather than
//! trusted. Re-parsing (instead of filtering pulldown-cmark's raw-HTML events one by one)
//! judges what a browser would actually build from the markup, tag soup included.
//!
//! The result still goes into a sandboxed frame without script permission in the extension:
//! the sanitizer is the first line, not the only one.

use dom_query::{Document, NodeRef};
use pulldown_cmark::{
    CowStr, Event, Options as CmarkOptions, Parser, Tag, TagEnd, html::push_html,
};

use crate::Options;
use crate::extract::limits::check_fragment;
use crate::markdown::slug::{Slugger, events_text};

/// Elements kept, with the attributes each may carry (besides [`GLOBAL_ATTRS`]).
/// Everything a Markdown document of ours can produce: text structure, tables (with spans,
/// from raw-HTML tables), images, footnotes, task-list boxes, math spans.
const ALLOWED: &[(&str, &[&str])] = &[
    ("a", &["href", "title"]),
    ("abbr", &["title"]),
    ("b", &[]),
    ("blockquote", &[]),
    ("br", &[]),
    ("caption", &[]),
    ("cite", &[]),
    ("code", &[]),
    ("col", &["span"]),
    ("colgroup", &["span"]),
    ("dd", &[]),
    ("del", &[]),
    ("details", &[]),
    ("div", &[]),
    ("dl", &[]),
    ("dt", &[]),
    ("em", &[]),
    ("figcaption", &[]),
    ("figure", &[]),
    ("h1", &[]),
    ("h2", &[]),
    ("h3", &[]),
    ("h4", &[]),
    ("h5", &[]),
    ("h6", &[]),
    ("hr", &[]),
    ("i", &[]),
    ("img", &["src", "alt", "title", "width", "height"]),
    ("input", &["type", "checked", "disabled"]),
    ("ins", &[]),
    ("kbd", &[]),
    ("li", &[]),
    ("mark", &[]),
    ("ol", &["start", "type"]),
    ("p", &[]),
    ("pre", &[]),
    ("q", &[]),
    ("s", &[]),
    ("samp", &[]),
    ("small", &[]),
    ("span", &[]),
    ("strong", &[]),
    ("sub", &[]),
    ("summary", &[]),
    ("sup", &[]),
    ("table", &[]),
    ("tbody", &[]),
    ("td", &["colspan", "rowspan", "align"]),
    ("tfoot", &[]),
    ("th", &["colspan", "rowspan", "align", "scope"]),
    ("thead", &[]),
    ("time", &["datetime"]),
    ("tr", &[]),
    ("u", &[]),
    ("ul", &[]),
    ("var", &[]),
];

/// Attributes any kept element may carry: `id` for footnote targets, `class` for code
/// languages and math spans (the reader's stylesheet uses them; they run no code), `dir` and
/// `lang` for mixed-direction text.
const GLOBAL_ATTRS: &[&str] = &["id", "class", "dir", "lang"];

/// Elements dropped **with** their content: their text is code, styling or an embedded
/// document, never article text. Any other element not allowed is unwrapped (its children
/// stay), so unknown inline markup never eats words.
const DROPPED_WITH_CONTENT: &[&str] = &[
    "script", "style", "template", "iframe", "frame", "frameset", "object", "embed", "noscript",
    "noembed", "textarea", "select", "button", "svg", "math", "head", "title", "link", "meta",
    "base", "applet", "audio", "video", "canvas", "form", "dialog", "portal",
];

/// Elements written without a closing tag.
const VOID: &[&str] = &["br", "col", "hr", "img", "input", "wbr"];

/// URL schemes a link may use; anything else (`javascript:`, `data:`, `vbscript:`…) loses
/// its `href`. Relative links and `#fragment` (footnotes) are kept.
const LINK_SCHEMES: &[&str] = &["http", "https", "mailto"];

/// URL schemes an image may load from: only the web (no `data:`, no local files).
const IMAGE_SCHEMES: &[&str] = &["http", "https"];

/// Markdown → sanitized HTML (see the module documentation for what survives).
///
/// Linear in the Markdown: html5ever scans its stack of open elements for every start tag,
/// so HTML nested `n` deep costs `n²` to parse (40 000 lines of `<ul>` took seconds). The
/// HTML is therefore checked against the extraction's depth and node limits first
/// ([`check_fragment`] stops one chunk past a limit); when it breaks one, the Markdown's raw
/// HTML is shown as text instead ([`RawHtml::AsText`]), and when even that is too deep (a
/// Markdown quote nested thousands of times) the Markdown itself is shown, escaped, in a
/// `<pre>`. Every path does bounded work per byte.
pub fn render_markdown(markdown: &str) -> String {
    render(markdown).0
}

/// What [`render_markdown`] had to fall back to for a Markdown text.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum RawHtml {
    /// Rendered as written: the HTML was within the limits.
    Kept,
    /// The raw HTML nested past a limit and is shown as text.
    AsText,
    /// The Markdown's own structure nested past a limit: the source is shown, escaped.
    Source,
}

/// The sanitized HTML of `markdown` and how its raw HTML was treated: the work counter of
/// [`render_markdown`], for tests of hostile input.
pub fn render(markdown: &str) -> (String, RawHtml) {
    for raw in [RawHtml::Kept, RawHtml::AsText] {
        let html = markdown_html(markdown, raw);
        if within_limits(&html) {
            return (sanitize_html(&html), raw);
        }
    }
    let mut out = String::from("<pre>");
    escape_into(markdown, false, &mut out);
    out.push_str("</pre>");
    (out, RawHtml::Source)
}

/// pulldown-cmark's HTML for `markdown`, headings with ids, raw HTML kept or made text.
fn markdown_html(markdown: &str, raw: RawHtml) -> String {
    let options = CmarkOptions::ENABLE_TABLES
        | CmarkOptions::ENABLE_STRIKETHROUGH
        | CmarkOptions::ENABLE_TASKLISTS
        | CmarkOptions::ENABLE_FOOTNOTES
        | CmarkOptions::ENABLE_MATH;
    let mut html = String::with_capacity(markdown.len() * 3 / 2);
    let events = Parser::new_ext(markdown, options).map(|e| match (raw, e) {
        (RawHtml::Kept, e) => e,
        (_, Event::Html(s) | Event::InlineHtml(s)) => Event::Text(s),
        (_, e) => e,
    });
    push_html(&mut html, with_heading_ids(events.collect()).into_iter());
    html
}

/// Whether parsing `html` stays within the default depth and node limits (checked without
/// building more than one chunk past them).
fn within_limits(html: &str) -> bool {
    check_fragment(html, 0, 0, &Options::default()).is_ok()
}

/// Gives every heading the id its in-page links use: the GitHub-style slug of its text
/// ([`crate::markdown::slug`], the function the Markdown writer points links at).
fn with_heading_ids(mut events: Vec<Event<'_>>) -> Vec<Event<'_>> {
    let mut slugger = Slugger::default();
    let mut i = 0;
    while i < events.len() {
        if matches!(events.get(i), Some(Event::Start(Tag::Heading { .. }))) {
            let end = events
                .iter()
                .skip(i)
                .position(|e| matches!(e, Event::End(TagEnd::Heading(_))))
                .map_or(events.len(), |n| i + n);
            let slug = slugger.next(&events_text(events.get(i + 1..end).unwrap_or_default()));
            if let Some(Event::Start(Tag::Heading { id, .. })) = events.get_mut(i) {
                *id = Some(CowStr::from(slug));
            }
            i = end;
        }
        i += 1;
    }
    events
}

/// Any HTML fragment → the allow-listed subset, serialized.
pub fn sanitize_html(html: &str) -> String {
    let doc = Document::fragment(html);
    let mut out = String::with_capacity(html.len());
    write_allowed(&doc.root(), &mut out);
    out
}

/// One step of the iterative walk (deeply nested input must not exhaust the stack).
enum Step<'a> {
    Enter(NodeRef<'a>),
    Close(&'static str),
}

fn write_allowed(root: &NodeRef, out: &mut String) {
    let mut stack: Vec<Step> = root.children().into_iter().rev().map(Step::Enter).collect();
    while let Some(step) = stack.pop() {
        match step {
            Step::Close(name) => {
                out.push_str("</");
                out.push_str(name);
                out.push('>');
            }
            Step::Enter(node) => enter(&node, out, &mut stack),
        }
    }
}

fn enter<'a>(node: &NodeRef<'a>, out: &mut String, stack: &mut Vec<Step<'a>>) {
    if crate::text::with_text(node, |text| escape_into(text, false, out)).is_some() {
        return;
    }
    if !node.is_element() {
        push_children(node, stack); // fragments and documents: walk through
        return;
    }
    if crate::dom::is_any(node, DROPPED_WITH_CONTENT) {
        return;
    }
    // The allow-list's own name: matched without copying the element's name.
    let entry = crate::dom::with_tag(node, |t| ALLOWED.iter().find(|(n, _)| *n == t).copied());
    let Some((name, allowed)) = entry else {
        push_children(node, stack); // unknown element: keep its content
        return;
    };
    if name == "img"
        && !node
            .attr("src")
            .is_some_and(|src| url_scheme_allowed(&src, IMAGE_SCHEMES, false))
    {
        return; // an image that may not load shows nothing: drop it, alt text and all
    }
    open_tag(node, name, allowed, out);
    if !VOID.contains(&name) {
        stack.push(Step::Close(name));
        push_children(node, stack);
    }
}

fn push_children<'a>(node: &NodeRef<'a>, stack: &mut Vec<Step<'a>>) {
    stack.extend(node.children().into_iter().rev().map(Step::Enter));
}

/// `<name attr="value"…>` with only the allowed attributes, URLs checked, and the safety
/// attributes links and images always get.
fn open_tag(node: &NodeRef, name: &str, allowed: &[&str], out: &mut String) {
    out.push('<');
    out.push_str(name);
    for attr in node.attrs() {
        let key: &str = &attr.name.local;
        if !(allowed.contains(&key) || GLOBAL_ATTRS.contains(&key)) {
            continue;
        }
        if !attribute_value_allowed(name, key, &attr.value) {
            continue;
        }
        if name == "input" && key == "type" && !attr.value.eq_ignore_ascii_case("checkbox") {
            continue;
        }
        push_attr(key, &attr.value, out);
    }
    match name {
        "a" if is_external_link(node) => {
            push_attr("rel", "noopener noreferrer", out);
            push_attr("target", "_blank", out);
        }
        "img" => {
            push_attr("loading", "lazy", out);
            push_attr("referrerpolicy", "no-referrer", out);
        }
        "input" => push_attr("disabled", "", out),
        _ => {}
    }
    out.push('>');
}

fn attribute_value_allowed(element: &str, attr: &str, value: &str) -> bool {
    match (element, attr) {
        ("a", "href") => url_scheme_allowed(value, LINK_SCHEMES, true),
        ("img", "src") => url_scheme_allowed(value, IMAGE_SCHEMES, false),
        _ => true,
    }
}

/// True for a link that leaves the document (anything but a `#fragment`).
fn is_external_link(a: &NodeRef) -> bool {
    a.attr("href")
        .is_some_and(|h| !h.trim_start().starts_with('#'))
}

/// Whether `url` uses one of `schemes`; a relative URL (no scheme) passes when
/// `relative_ok`. Browsers ignore ASCII white space and control characters inside a scheme
/// (`java\tscript:`), so they are removed before the scheme is read.
fn url_scheme_allowed(url: &str, schemes: &[&str], relative_ok: bool) -> bool {
    let compact: String = url
        .chars()
        .filter(|c| !c.is_ascii_whitespace() && !c.is_ascii_control())
        .collect();
    let scheme_end =
        compact.find(|c: char| !(c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.')));
    match scheme_end {
        Some(i) if compact[i..].starts_with(':') && i > 0 => {
            let scheme = compact[..i].to_ascii_lowercase();
            schemes.contains(&scheme.as_str())
        }
        _ => relative_ok && !compact.is_empty(),
    }
}

fn push_attr(key: &str, value: &str, out: &mut String) {
    out.push(' ');
    out.push_str(key);
    out.push_str("=\"");
    escape_into(value, true, out);
    out.push('"');
}

/// HTML escaping for text (`&`, `<`, `>`) and, in attributes, quotes too.
fn escape_into(s: &str, attribute: bool, out: &mut String) {
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' if attribute => out.push_str("&quot;"),
            '\u{a0}' => out.push_str("&nbsp;"),
            _ => out.push(c),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scheme_check_sees_through_obfuscation() {
        assert!(!url_scheme_allowed(
            "java\tscript:alert(1)",
            LINK_SCHEMES,
            true
        ));
        assert!(!url_scheme_allowed(
            " JAVASCRIPT:alert(1)",
            LINK_SCHEMES,
            true
        ));
        assert!(!url_scheme_allowed("data:text/html,x", LINK_SCHEMES, true));
        assert!(url_scheme_allowed(
            "https://example.org/",
            LINK_SCHEMES,
            true
        ));
        assert!(url_scheme_allowed("#fn-1", LINK_SCHEMES, true));
        assert!(url_scheme_allowed("/relative/path", LINK_SCHEMES, true));
        assert!(!url_scheme_allowed("/relative.png", IMAGE_SCHEMES, false));
    }
}
