//! Writing a snapshot from a parsed tree, by the capture's rules (the format is specified in
//! [`readmark::snapshot`]): what a browser capture of the same page would send, short of the
//! live-page facts (no computed style here, so no hidden flags; URLs are written as the tree
//! has them). Tests, fuzzing, the benchmarks and the browser-parity test use it; the browser
//! extension writes its snapshots in JavaScript, so the shipped core only decodes.

use std::fmt::Write;

use dom_query::{Document, NodeRef};
use html5ever::QualName;

use readmark::internals::snapshot::{Space, is_handler_attr, is_safe_name, tag_for};
use readmark::snapshot::{MAX_INDENT, VERSION};

/// `<script>` types whose text the capture keeps: JSON-LD metadata and MathJax TeX.
const KEPT_SCRIPT_TYPES: &[&str] = &["application/ld+json", "math/tex"];

/// `<link rel>` tokens the capture keeps: metadata reads them.
const KEPT_LINK_RELS: &[&str] = &["canonical", "author", "alternate"];

/// Writes the snapshot of `doc`, fetched from `url`, with `selection` (the node itself, or the
/// children of a document or fragment node) as the user's selection.
pub fn encode(doc: &Document, url: &str, selection: Option<&NodeRef>) -> String {
    let mut out = String::with_capacity(4096);
    let _ = write!(out, "{{\"v\":{VERSION},\"url\":");
    push_json_str(&mut out, url);
    if let Some(title) = head_title(doc) {
        out.push_str(",\"title\":");
        push_json_str(&mut out, &title);
    }
    out.push_str(",\"doc\":[");
    match doc.root().children_it(false).find(|c| c.has_name("html")) {
        Some(html) => write_tree(&mut out, &html, Space::Html),
        None => out.push_str("[\"html\"]"),
    }
    out.push(']');
    if let Some(selection) = selection {
        out.push_str(",\"sel\":[");
        write_selection(&mut out, selection);
        out.push(']');
    }
    out.push('}');
    out
}

/// The text of the first `<title>` in `head`.
fn head_title(doc: &Document) -> Option<String> {
    let head = doc.head()?;
    let title = head.children_it(false).find(|c| c.has_name("title"))?;
    Some(title.text().to_string())
}

/// The selection's trees, comma-separated.
fn write_selection(out: &mut String, selection: &NodeRef) {
    let roots: Vec<NodeRef> = if selection.is_document() || selection.is_fragment() {
        selection.children_it(false).filter(is_sent).collect()
    } else {
        Some(*selection).filter(is_sent).into_iter().collect()
    };
    for (i, root) in roots.iter().enumerate() {
        if i > 0 {
            out.push(',');
        }
        write_tree(out, root, Space::Html);
    }
}

/// Writes the subtree of `root` in pre-order, without recursion. `space` is the namespace
/// its parent gives its children.
fn write_tree(out: &mut String, root: &NodeRef, space: Space) {
    let mut stack = vec![(*root, space)];
    let mut first = true;
    while let Some((node, default)) = stack.pop() {
        if !first {
            out.push(',');
        }
        first = false;
        let Some(name) = node.qual_name_ref().map(|q| q.clone()) else {
            write_text(out, &node.text());
            continue;
        };
        let (local, space) = (name.local.as_ref(), Space::of(&name));
        if space == Space::Html && local == "noscript" {
            write_noscript(out, &node, default);
            continue;
        }
        let children: Vec<NodeRef> = node.children_it(false).filter(is_sent).collect();
        write_element_head(out, &node, &tag_for(space, local, default), children.len());
        let children_space = space.of_children(local);
        stack.extend(children.into_iter().rev().map(|c| (c, children_space)));
    }
}

/// A text node: an indentation integer when it is a line feed and spaces, else a string.
fn write_text(out: &mut String, text: &str) {
    let indent = text
        .strip_prefix('\n')
        .filter(|rest| rest.bytes().all(|b| b == b' '));
    match indent.filter(|spaces| spaces.len() as u64 <= MAX_INDENT) {
        Some(spaces) => {
            let _ = write!(out, "{}", spaces.len());
        }
        None => push_json_str(out, text),
    }
}

/// A `noscript` as a browser running scripts holds it: one text child, its markup.
fn write_noscript(out: &mut String, node: &NodeRef, default: Space) {
    let markup = node.inner_html();
    let count = usize::from(!markup.is_empty());
    write_element_head(out, node, &tag_for(Space::Html, "noscript", default), count);
    if count > 0 {
        out.push(',');
        push_json_str(out, &markup);
    }
}

/// `[tag, attrs, count]`, trailing parts omitted when empty.
fn write_element_head(out: &mut String, node: &NodeRef, tag: &str, count: usize) {
    out.push('[');
    push_json_str(out, tag);
    let mut wrote_attr = false;
    for attr in node.attrs() {
        let name = attr_name(&attr.name);
        if !is_safe_name(&name) || is_handler_attr(&name) {
            continue;
        }
        out.push_str(if wrote_attr { "," } else { ",{" });
        wrote_attr = true;
        push_json_str(out, &name);
        out.push(':');
        push_json_str(out, &attr.value);
    }
    if wrote_attr {
        out.push('}');
    }
    if count > 0 {
        let _ = write!(out, ",{count}");
    }
    out.push(']');
}

/// The qualified name of an attribute, as `Attr.name` gives it (`xlink:href`).
fn attr_name(name: &QualName) -> String {
    match &name.prefix {
        Some(prefix) => format!("{prefix}:{}", name.local),
        None => name.local.to_string(),
    }
}

/// Does the capture send this node? Text and elements, but not scripts (except data ones),
/// styles, templates, most links, or elements with unsafe names.
fn is_sent(node: &NodeRef) -> bool {
    if node.is_text() {
        return true;
    }
    let Some(local) = node.qual_name_ref().map(|q| q.local.to_string()) else {
        return false;
    };
    if !is_safe_name(&local) {
        return false;
    }
    match local.as_str() {
        "script" => is_data_script(node),
        "style" | "template" => false,
        "link" => is_metadata_link(node),
        _ => true,
    }
}

/// A `<script>` carrying data rather than code: JSON-LD, MathJax TeX.
fn is_data_script(node: &NodeRef) -> bool {
    let kind = node
        .attr("type")
        .map(|t| t.trim().to_ascii_lowercase())
        .unwrap_or_default();
    KEPT_SCRIPT_TYPES.iter().any(|k| kind.starts_with(k))
}

/// A `<link>` whose `rel` metadata reads.
fn is_metadata_link(node: &NodeRef) -> bool {
    let rel = node
        .attr("rel")
        .map(|r| r.to_ascii_lowercase())
        .unwrap_or_default();
    rel.split_ascii_whitespace()
        .any(|token| KEPT_LINK_RELS.contains(&token))
}

/// Appends `s` as a JSON string literal.
fn push_json_str(out: &mut String, s: &str) {
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if u32::from(c) < 0x20 => {
                let _ = write!(out, "\\u{:04x}", u32::from(c));
            }
            c => out.push(c),
        }
    }
    out.push('"');
}
