//! Block structure: paragraphs, headings, lists, quotes, code blocks, rules, definition
//! lists, footnote definitions. Each function returns finished blocks (no surrounding blank
//! lines); containers prefix or indent the blocks of their children.

use dom_query::NodeRef;

use super::Ctx;
use super::escape::longest_run;
use super::inline::{Inline, Kind, Mode, enclosing_tail, is_inline};
use super::math::math_of;
use super::style::{Fence, Headings, MarkdownStyle};
use super::table;
use crate::dom::attr;
use crate::text::{is_block, is_skipped, text_of};

/// Shortest code fence CommonMark accepts.
const MIN_FENCE: usize = 3;

/// Largest ordered-list start CommonMark accepts (nine digits).
const MAX_LIST_START: u64 = 999_999_999;

/// Indentation of a footnote definition's continuation lines (pulldown-cmark and GitHub
/// both need four spaces).
const FOOTNOTE_INDENT: &str = "    ";

/// Class prefixes that name a code block's language, most specific first
/// (`language-rust`, `lang-rust`, GitHub's `highlight-source-rust`, `highlight-rust`).
const LANGUAGE_PREFIXES: &[&str] = &["language-", "lang-", "highlight-source-", "highlight-"];

/// The block elements written in their own way (the others: the blocks of their children).
const BLOCK_TAGS: &[&str] = &[
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "pre",
    "listing",
    "xmp",
    "plaintext",
    "ul",
    "menu",
    "dir",
    "ol",
    "blockquote",
    "dt",
    "table",
    "hr",
];

/// The blocks made of the children of `container`.
pub(crate) fn blocks(ctx: &Ctx, container: &NodeRef) -> Vec<String> {
    let mut out = Vec::new();
    let mut run = ctx.inline(Mode::Paragraph);
    walk(ctx, container, &mut run, &mut out);
    flush(ctx, &mut run, &mut out);
    out
}

/// Adds the children of `container`: phrasing content to the current run, blocks as blocks.
/// An inline element wrapping blocks (`<span><div>…</div></span>`) is looked through, so its
/// phrasing parts stay in the surrounding paragraphs, as a browser lays them out; a link
/// wrapping blocks (a card's `<a>` around its image and title) makes its images and its
/// title, its first paragraph or heading, links to its target instead of losing it.
fn walk(ctx: &Ctx, container: &NodeRef, run: &mut Inline, out: &mut Vec<String>) {
    for child in container.children_it(false) {
        if is_inline(&child) {
            run.node(ctx, &child);
        } else if !is_block(&child) && !child.has_name("hr") {
            match enclosing_tail(ctx, &child) {
                Some(tail) => {
                    // The runs begun from here on are the link's text; the one before is not.
                    ctx.set_enclosing_link(Some(tail));
                    flush(ctx, run, out);
                    walk(ctx, &child, run, out);
                    ctx.set_enclosing_link(None);
                    flush(ctx, run, out);
                }
                None => walk(ctx, &child, run, out),
            }
        } else {
            flush(ctx, run, out);
            if ctx.is_footnote_definition(&child) {
                out.extend(ctx.definition_block(&child));
            } else {
                out.extend(block(ctx, &child));
            }
        }
    }
}

/// Ends the current inline run as a paragraph (if it has anything visible).
fn flush(ctx: &Ctx, run: &mut Inline, out: &mut Vec<String>) {
    end_link_at_title(ctx, run);
    let done = std::mem::replace(run, ctx.inline(Mode::Paragraph));
    let text = done.finish();
    if !text.is_empty() {
        out.push(text);
    }
}

/// A link wrapping blocks links its images and its first block of text, the card's title:
/// the rest of the card (a summary, a price, a list of details) is written as it is. Called
/// as each run ends, before the next one begins.
fn end_link_at_title(ctx: &Ctx, run: &Inline) {
    if run.titles_link() {
        ctx.set_enclosing_link(None);
    }
}

/// The Markdown of a run that is a block of its own (a heading, a term).
fn finish(ctx: &Ctx, run: Inline) -> String {
    end_link_at_title(ctx, &run);
    run.finish()
}

/// The blocks of one block-level element.
fn block(ctx: &Ctx, node: &NodeRef) -> Vec<String> {
    match super::tag_in(node, BLOCK_TAGS) {
        Some("h1" | "h2" | "h3" | "h4" | "h5" | "h6") => heading(ctx, node),
        Some("pre" | "listing" | "xmp" | "plaintext") => code_block(node, ctx.style.fence),
        Some("ul" | "menu" | "dir") => list(ctx, node, false),
        Some("ol") => list(ctx, node, true),
        Some("blockquote") => prefixed(&blocks(ctx, node), "> ", ">"),
        Some("dt") if is_inline_content(node) => strong_paragraph(ctx, node),
        Some("table") => table::table(ctx, node),
        Some("hr") => vec![String::from("---")],
        _ => blocks(ctx, node),
    }
}

/// True when no child of `node` is block-level.
fn is_inline_content(node: &NodeRef) -> bool {
    node.children_it(false).all(|c| is_inline(&c))
}

fn heading(ctx: &Ctx, node: &NodeRef) -> Vec<String> {
    let text = heading_markdown(ctx, node);
    if text.is_empty() {
        Vec::new()
    } else {
        vec![heading_line(ctx.heading_level(node), &text, &ctx.style)]
    }
}

/// The inline Markdown of a heading element's content.
pub(crate) fn heading_markdown(ctx: &Ctx, node: &NodeRef) -> String {
    let mut run = ctx.inline(Mode::Heading);
    run.children(ctx, node);
    finish(ctx, run)
}

/// `## content`, with a trailing `#` run escaped so it is not read as a closing sequence.
/// `content` is a [`Mode::Heading`] run, whose leading text is already escaped as a line
/// start (`1\. Monitor`: CommonMark would not need it, but simpler readers, the reference
/// text step among them, strip such a marker after the `#`s); markup opening it
/// (`**Bold**`) stays markup.
/// In the setext style, levels 1 and 2 are underlined instead ([`setext_heading`]).
pub(crate) fn heading_line(level: usize, content: &str, style: &MarkdownStyle) -> String {
    if style.headings == Headings::Setext
        && let Some(heading) = setext_heading(level, content)
    {
        return heading;
    }
    let body = content.trim_end_matches('#');
    let hashes = content.len() - body.len();
    format!(
        "{} {}{}",
        "#".repeat(level.clamp(1, 6)),
        body,
        "\\#".repeat(hashes)
    )
}

/// `content` over a `===` (level 1) or `---` (level 2) line as long as it, at least
/// [`MIN_FENCE`] long; `None` for deeper levels, which setext cannot write, and for content
/// with a `|`, which over a `---` line could read as a one-column table to GFM readers.
fn setext_heading(level: usize, content: &str) -> Option<String> {
    let underline = match level {
        1 => '=',
        2 => '-',
        _ => return None,
    };
    if content.contains('|') || content.is_empty() {
        return None;
    }
    let width = content.chars().count().max(MIN_FENCE);
    Some(format!(
        "{content}\n{}",
        underline.to_string().repeat(width)
    ))
}

/// A `dt`: its content in bold, as a paragraph.
fn strong_paragraph(ctx: &Ctx, node: &NodeRef) -> Vec<String> {
    let mut run = ctx.inline(Mode::Paragraph);
    run.wrapped(ctx, node, Kind::Strong);
    let text = finish(ctx, run);
    if text.is_empty() {
        Vec::new()
    } else {
        vec![text]
    }
}

/// Fenced code block, with backticks or tildes (`fence`); the fence is longer than any run
/// of its character in the code.
fn code_block(node: &NodeRef, fence: Fence) -> Vec<String> {
    let mut text = String::new();
    code_text(node, true, &mut text);
    let lines: Vec<&str> = text.lines().map(str::trim_end).collect();
    let first = lines.iter().position(|l| !l.is_empty());
    let last = lines.iter().rposition(|l| !l.is_empty());
    let (Some(first), Some(last)) = (first, last) else {
        return Vec::new();
    };
    let body = lines.get(first..=last).unwrap_or_default().join("\n");
    let c = fence.char();
    let fence = c
        .to_string()
        .repeat((longest_run(&body, c) + 1).max(MIN_FENCE));
    vec![format!("{fence}{}\n{body}\n{fence}", code_language(node))]
}

/// The text of code: `<br>` and block elements are line breaks; outside `pre`, source line
/// breaks are ordinary white space.
pub(crate) fn code_text(node: &NodeRef, pre: bool, out: &mut String) {
    for child in node.children_it(false) {
        if let Some(text) = text_of(&child) {
            out.push_str(&if pre {
                text
            } else {
                text.replace(['\n', '\r'], " ")
            });
        } else if child.has_name("br") {
            out.push('\n');
        } else if is_skipped(&child) {
        } else if let Some(math) = math_of(&child) {
            out.push_str(&math.tex);
        } else if is_block(&child) {
            end_line(out);
            code_text(&child, pre, out);
            end_line(out);
        } else {
            code_text(&child, pre, out);
        }
    }
}

fn end_line(out: &mut String) {
    if !out.is_empty() && !out.ends_with('\n') {
        out.push('\n');
    }
}

/// The language of a code block, from `language-*`/`lang-*`/`highlight-*` classes or
/// `data-lang` on the `pre`, its `code`, or a wrapping `div`; `""` when unknown.
fn code_language(pre: &NodeRef) -> String {
    let code = pre
        .element_children()
        .into_iter()
        .find(|c| c.has_name("code"));
    let parent = pre.parent().filter(|p| p.has_name("div"));
    let candidates = [Some(*pre), code, parent];
    for node in candidates.iter().flatten() {
        let lang = language_of(node);
        if !lang.is_empty() {
            return lang;
        }
    }
    String::new()
}

fn language_of(node: &NodeRef) -> String {
    let data_lang = sanitize_language(&attr(node, "data-lang"));
    if !data_lang.is_empty() {
        return data_lang;
    }
    let class = attr(node, "class");
    for token in class.split_whitespace() {
        let lower = token.to_lowercase();
        for prefix in LANGUAGE_PREFIXES {
            if let Some(lang) = lower.strip_prefix(prefix) {
                let lang = sanitize_language(lang);
                if !lang.is_empty() {
                    return lang;
                }
            }
        }
    }
    String::new()
}

/// Keeps the characters language names use (`c++`, `c#`, `objective-c`, `f.sharp`).
fn sanitize_language(lang: &str) -> String {
    lang.trim()
        .chars()
        .filter(|c| c.is_alphanumeric() || matches!(c, '+' | '-' | '#' | '.' | '_'))
        .collect()
}

/// A bullet or ordered list. Stray content between items (phrasing runs, other blocks)
/// becomes items of its own; footnote definitions among the items follow the list.
fn list(ctx: &Ctx, node: &NodeRef, ordered: bool) -> Vec<String> {
    let start = attr(node, "start")
        .trim()
        .parse::<u64>()
        .unwrap_or(1)
        .min(MAX_LIST_START);
    let mut contents: Vec<Vec<String>> = Vec::new();
    let mut definitions = Vec::new();
    let mut stray = ctx.inline(Mode::Paragraph);
    for child in node.children_it(false) {
        if child.is_element() && is_skipped(&child) {
            continue;
        }
        if is_inline(&child) && !child.has_name("li") {
            stray.node(ctx, &child);
            continue;
        }
        let mut pending = Vec::new();
        flush(ctx, &mut stray, &mut pending);
        contents.extend((!pending.is_empty()).then_some(pending));
        if ctx.is_footnote_definition(&child) {
            definitions.extend(ctx.definition_block(&child));
        } else {
            contents.push(if child.has_name("li") {
                blocks(ctx, &child)
            } else {
                block(ctx, &child)
            });
        }
    }
    let mut pending = Vec::new();
    flush(ctx, &mut stray, &mut pending);
    contents.extend((!pending.is_empty()).then_some(pending));
    let mut items: Vec<(String, String)> = Vec::new();
    for (i, content) in contents.iter().enumerate() {
        let number = (start + i as u64).min(MAX_LIST_START);
        let marker = if ordered {
            format!("{number}.")
        } else {
            String::from(ctx.style.bullet.marker())
        };
        let body = join_item(content);
        if !body.is_empty() {
            items.push((marker, body));
        }
    }
    if items.is_empty() {
        return definitions;
    }
    let loose = items.iter().any(|(_, body)| body.contains("\n\n"));
    let rendered: Vec<String> = items.iter().map(|(m, body)| list_item(m, body)).collect();
    let mut out = vec![rendered.join(if loose { "\n\n" } else { "\n" })];
    out.extend(definitions);
    out
}

/// The blocks of an item joined; a list right after a paragraph needs no blank line.
fn join_item(blocks: &[String]) -> String {
    let mut out = String::new();
    for (i, b) in blocks.iter().enumerate() {
        if i > 0 {
            let prev = blocks.get(i - 1).map(String::as_str).unwrap_or_default();
            let tight = starts_list(b) && !prev.starts_with(['|', '<', '`']);
            out.push_str(if tight { "\n" } else { "\n\n" });
        }
        out.push_str(b);
    }
    out
}

/// Does this block begin with a list marker that may interrupt a paragraph?
fn starts_list(block: &str) -> bool {
    ["- ", "* ", "+ ", "1. "]
        .iter()
        .any(|m| block.starts_with(m))
}

/// `marker content`, continuation lines indented to the content column.
fn list_item(marker: &str, body: &str) -> String {
    let indent = " ".repeat(marker.len() + 1);
    let mut out = String::new();
    for (i, line) in body.lines().enumerate() {
        if i == 0 {
            out.push_str(marker);
            out.push(' ');
        } else {
            out.push('\n');
            if !line.is_empty() {
                out.push_str(&indent);
            }
        }
        out.push_str(line);
    }
    out
}

/// Blocks joined by blank lines, every line prefixed (`empty_prefix` on empty lines).
fn prefixed(blocks: &[String], prefix: &str, empty_prefix: &str) -> Vec<String> {
    let body = blocks.join("\n\n");
    if body.is_empty() {
        return Vec::new();
    }
    let lines: Vec<String> = body
        .lines()
        .map(|l| {
            if l.is_empty() {
                empty_prefix.to_string()
            } else {
                format!("{prefix}{l}")
            }
        })
        .collect();
    vec![lines.join("\n")]
}

/// `[^n]:`, then the note's lines indented. The first line is not on the label's line:
/// `[^n]: text` has the shape of a link reference definition, which line-based readers
/// (the reference text step among them) drop whole; pulldown-cmark and GitHub read both.
/// Only the page's own leading back marker ("^", "^ a b") goes there
/// ([`Ctx::leading_marker`]); its back links are not written in the body.
pub(crate) fn footnote_definition(ctx: &Ctx, li: &NodeRef, label: &str) -> String {
    let body = blocks(ctx, li).join("\n\n");
    let mut out = format!("[^{label}]:");
    let mut body = body.as_str();
    if let Some((marker, plain)) = ctx.leading_marker(li) {
        out.push(' ');
        out.push_str(marker);
        for word in marker.split(' ').take(plain) {
            body = body.strip_prefix(word).map_or(body, str::trim_start);
        }
    }
    for line in body.lines() {
        out.push('\n');
        if !line.is_empty() {
            out.push_str(FOOTNOTE_INDENT);
        }
        out.push_str(line);
    }
    out
}
