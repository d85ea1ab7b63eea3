//! Plain text of the article, one block per line.
//!
//! The rules are those of the reference tool `html_to_text.py` (what `expected.txt` files are
//! made with), applied to a `dom_query` tree:
//!
//! * block elements and `<br>`/`<hr>` start a new line; table cells are separated by one
//!   space and each row is its own line; inside `<pre>` the source line breaks are kept;
//! * `<script>`, `<style>`, `<noscript>`, `<template>`, `<head>`, `<title>`, `<title>`/`<desc>`/
//!   `<metadata>` inside `<svg>`, and elements with the `hidden` attribute or an inline
//!   `display:none`/`visibility:hidden` style contribute nothing; images neither;
//! * every line is white-space-normalised and empty lines are dropped.
//!
//! Two deliberate additions, shared with the Markdown writer so that both always agree:
//! elements that show no text of their own (iframes, forms, form controls, embedded media)
//! contribute nothing, and math (MathML or KaTeX with a TeX annotation, and the prepare phase's
//! `span.rm-math`) contributes its TeX source — on its own line when it is display math.

use dom_query::{Document, NodeData, NodeRef};

use crate::markdown::math;

/// Block-level elements of the reference tool: each starts and ends a line.
const BLOCK_TAGS: &[&str] = &[
    "address",
    "article",
    "aside",
    "blockquote",
    "body",
    "caption",
    "center",
    "dd",
    "details",
    "dialog",
    "dir",
    "div",
    "dl",
    "dt",
    "fieldset",
    "figcaption",
    "figure",
    "footer",
    "form",
    "frameset",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "header",
    "hgroup",
    "hr",
    "html",
    "legend",
    "li",
    "listing",
    "main",
    "menu",
    "nav",
    "ol",
    "p",
    "plaintext",
    "pre",
    "section",
    "summary",
    "table",
    "tbody",
    "td",
    "tfoot",
    "th",
    "thead",
    "tr",
    "ul",
    "xmp",
    "math",
    "option",
    "iframe",
];

/// Table cells: separated by a space instead of starting a line.
const CELL_TAGS: &[&str] = &["td", "th"];

/// Elements whose content is never rendered text (reference tool's list). Also what
/// `extract::noscript` counts as not shown when it asks whether a page is an empty shell.
pub(crate) const SKIP_TAGS: &[&str] = &["script", "style", "noscript", "template", "head", "title"];

/// Inside `<svg>`, tooltips and metadata, not rendered text.
const SVG_SKIP_TAGS: &[&str] = &["title", "desc", "metadata"];

/// Elements that show no text of their own in an article: embedded frames and media (their
/// children are fallbacks) and forms with their controls (chrome, not content).
const NO_CONTENT_TAGS: &[&str] = &[
    "iframe", "frame", "frameset", "form", "input", "select", "textarea", "object", "embed",
    "video", "audio", "canvas", "map",
];

/// True for an element that starts and ends a line of text.
pub(crate) fn is_block(node: &NodeRef) -> bool {
    // The name read out of the tree once for both lists (the writers ask every node).
    crate::dom::with_tag(node, |tag| {
        BLOCK_TAGS.contains(&tag) && !CELL_TAGS.contains(&tag)
    })
}

/// True for an element whose whole subtree shows no text (skipped, hidden or contentless).
pub(crate) fn is_skipped(node: &NodeRef) -> bool {
    // The name and the attributes read in one borrow of the element: the writers ask this
    // of every node, and reading each list and attribute apart borrowed it five times.
    let in_svg_skip = {
        let Some(element) = node.element_ref() else {
            return !(node.is_text() || node.is_document() || node.is_fragment());
        };
        let tag: &str = &element.name.local;
        if SKIP_TAGS.contains(&tag) || NO_CONTENT_TAGS.contains(&tag) || element.has_attr("hidden")
        {
            return true;
        }
        // Read in place: most elements have no style, and then nothing is copied.
        let style = element
            .attrs
            .iter()
            .find(|a| &a.name.local == "style")
            .map_or("", |a| a.value.as_ref());
        if crate::dom::hides_by_style(style) {
            return true;
        }
        SVG_SKIP_TAGS.contains(&tag)
    };
    in_svg_skip && crate::dom::has_ancestor_named(node, "svg", 0)
}

/// The characters of a text node, or `None` for any other node.
pub(crate) fn text_of(node: &NodeRef) -> Option<String> {
    node.query(|n| match &n.data {
        NodeData::Text { contents } => Some(contents.to_string()),
        _ => None,
    })
    .flatten()
}

/// Calls `f` with the characters of a text node where they lie in the tree (the tree is
/// borrowed meanwhile: `f` must not change it); `None` for any other node.
pub(crate) fn with_text<R>(node: &NodeRef, f: impl FnOnce(&str) -> R) -> Option<R> {
    node.query(|n| match &n.data {
        NodeData::Text { contents } => Some(f(contents)),
        _ => None,
    })
    .flatten()
}

/// The visible text under `root`, one block per line, ending with a newline (or empty).
pub fn to_text(root: &NodeRef) -> String {
    let mut lines = Lines::default();
    let mut stack = vec![Step::Enter(*root)];
    while let Some(step) = stack.pop() {
        match step {
            Step::Leave { block, pre } => {
                if pre {
                    lines.pre_depth = lines.pre_depth.saturating_sub(1);
                }
                if block {
                    lines.newline();
                }
            }
            Step::Enter(node) => enter(&node, &mut lines, &mut stack),
        }
    }
    lines.finish()
}

/// The visible text of an HTML fragment (or document), by the same rules as [`to_text`].
pub fn html_to_text(html: &str) -> String {
    let doc = Document::fragment(html);
    to_text(&doc.root())
}

/// One step of the iterative walk: visit a node, or close an element after its children.
enum Step<'a> {
    Enter(NodeRef<'a>),
    Leave { block: bool, pre: bool },
}

/// Handles one node: text is appended; an element opens lines and schedules its children.
fn enter<'a>(node: &NodeRef<'a>, lines: &mut Lines, stack: &mut Vec<Step<'a>>) {
    if with_text(node, |text| lines.push_text(text)).is_some() {
        return;
    }
    if !node.is_element() {
        push_children(node, stack);
        return;
    }
    if crate::dom::is_any(node, &["br", "hr"]) {
        lines.newline();
        return;
    }
    if is_skipped(node) {
        return;
    }
    if let Some(m) = math::math_of(node) {
        if m.display {
            lines.newline();
        }
        lines.push_text(&m.tex);
        if m.display {
            lines.newline();
        }
        return;
    }
    let block = is_block(node);
    let pre = node.has_name("pre");
    if block {
        lines.newline();
    } else if crate::dom::is_any(node, CELL_TAGS) && !lines.cur.is_empty() {
        lines.cur.push(' ');
    }
    if pre {
        lines.pre_depth += 1;
    }
    stack.push(Step::Leave { block, pre });
    push_children(node, stack);
}

/// Schedules the children of `node` so that they are visited in document order.
fn push_children<'a>(node: &NodeRef<'a>, stack: &mut Vec<Step<'a>>) {
    stack.extend(node.children_it(true).map(Step::Enter));
}

/// Lines being built.
#[derive(Default)]
struct Lines {
    done: Vec<String>,
    cur: String,
    pre_depth: usize,
}

impl Lines {
    fn newline(&mut self) {
        if !self.cur.is_empty() {
            self.done.push(std::mem::take(&mut self.cur));
        }
    }

    fn push_text(&mut self, text: &str) {
        if self.pre_depth == 0 {
            self.cur.push_str(text);
            return;
        }
        for (i, part) in text.split('\n').enumerate() {
            if i > 0 {
                self.newline();
            }
            self.cur.push_str(part);
        }
    }

    fn finish(mut self) -> String {
        self.newline();
        let mut out = String::with_capacity(self.done.iter().map(|l| l.len() + 1).sum());
        for line in &self.done {
            let start = out.len();
            push_normalized_line(line, &mut out);
            if out.len() > start {
                out.push('\n');
            }
        }
        out
    }
}

/// True for what the reference tool's `\s` matches (Unicode white space, NBSP included).
pub(crate) fn is_space(c: char) -> bool {
    c.is_whitespace() || ('\u{1c}'..='\u{1f}').contains(&c)
}

/// Runs of white space become one space; the ends are trimmed.
pub fn normalize_line(line: &str) -> String {
    let mut out = String::with_capacity(line.len());
    push_normalized_line(line, &mut out);
    out
}

/// Appends [`normalize_line`] of `line` to `out` (the text writer's lines go straight into
/// its output, not each into a string of its own first).
fn push_normalized_line(line: &str, out: &mut String) {
    if line.is_ascii() || !crate::dom::has_wide_space(line.as_bytes()) {
        push_ascii_line(line, out);
    } else {
        push_line_decoded(line, out);
    }
}

/// [`is_space`] for an ASCII byte.
fn is_ascii_line_space(b: u8) -> bool {
    matches!(b, b'\t'..=b'\r' | b' ' | 0x1c..=0x1f)
}

/// [`push_normalized_line`] of a line whose white space is all ASCII (other characters are
/// copied as they stand), a run of words at a time: words one space apart are copied as they
/// stand (most lines are sentences), where splitting wrote word by word.
fn push_ascii_line(line: &str, out: &mut String) {
    let bytes = line.as_bytes();
    let start_len = out.len();
    let mut i = 0;
    while i < bytes.len() {
        i += bytes[i..]
            .iter()
            .take_while(|&&b| is_ascii_line_space(b))
            .count();
        if i == bytes.len() {
            break;
        }
        let start = i;
        i = crate::dom::end_of_run_by(bytes, i, is_ascii_line_space);
        if out.len() > start_len {
            out.push(' ');
        }
        out.push_str(line.get(start..i).unwrap_or_default());
    }
}

/// [`push_normalized_line`], the line split char by char.
fn push_line_decoded(line: &str, out: &mut String) {
    let start_len = out.len();
    for word in line.split(is_space).filter(|w| !w.is_empty()) {
        if out.len() > start_len {
            out.push(' ');
        }
        out.push_str(word);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `push` writing into a string of its own, after some text (which it must not touch).
    fn written(push: fn(&str, &mut String), line: &str) -> String {
        let mut out = String::from("before\n");
        push(line, &mut out);
        out.strip_prefix("before\n").unwrap_or("lost").to_string()
    }

    #[test]
    fn an_ascii_line_normalises_as_one_split_char_by_char() {
        for line in [
            "",
            "   ",
            "one",
            " one two ",
            "\tRead  more\n\x1c x",
            "a b  c\x0bd e\r\n",
            "x \x1f y",
            "words one space apart",
            "a line of words one space apart that runs past a block,  then\x1d more",
        ] {
            assert_eq!(
                written(push_ascii_line, line),
                written(push_line_decoded, line),
                "{line:?}"
            );
        }
    }

    /// The text writers and the rest of the pipeline read a hiding style alike
    /// (`dom::hides_by_style`), however the declaration is spaced.
    #[test]
    fn a_style_hides_from_the_text_as_it_hides_from_the_page() {
        let doc = dom_query::Document::from(
            "<div><p style='DISPLAY:\tnone'>a</p><p style='visibility :\n hidden'>b</p>\
             <p style='display: block'>c</p><p>d</p></div>",
        );
        let skipped: Vec<bool> = doc.select("p").nodes().iter().map(is_skipped).collect();
        let hidden: Vec<bool> = doc
            .select("p")
            .nodes()
            .iter()
            .map(crate::dom::is_hidden)
            .collect();
        assert_eq!(skipped, [true, true, false, false]);
        assert_eq!(skipped, hidden);
    }

    #[test]
    fn a_line_with_or_without_wide_spaces_normalises_as_one_split_char_by_char() {
        for line in [
            "Élan  vital\tà ça",
            "中文 标点\u{1c}符号 ",
            " a\u{a0}b ",
            "x\u{2009}\u{2009} y\u{3000}",
            "\u{85}\u{1680}z\u{202f}\u{205f}\u{2028}",
            "\u{a9}\u{e1}\u{2010}\u{3001} n",
        ] {
            assert_eq!(
                normalize_line(line),
                written(push_line_decoded, line),
                "{line:?}"
            );
        }
    }
}
