//! Small, shared questions about `dom_query` nodes: names, text, link density, visibility.
//! Every phase asks these; they are answered once, here.

use dom_query::{NodeData, NodeRef};

/// The marker attribute a DOM snapshot puts on elements the live page did not show
/// (computed `display:none`, `visibility:hidden`, zero opacity or zero size).
pub const SNAPSHOT_HIDDEN_ATTR: &str = "data-rm-hidden";

/// Inline elements: text flows through them (HTML's "phrasing content").
pub const PHRASING_TAGS: &[&str] = &[
    "abbr", "audio", "b", "bdo", "br", "button", "cite", "code", "data", "datalist", "dfn", "em",
    "embed", "i", "img", "input", "kbd", "label", "mark", "math", "meter", "noscript", "object",
    "output", "progress", "q", "ruby", "samp", "script", "select", "small", "span", "strong",
    "sub", "sup", "textarea", "time", "var", "wbr", "s", "u", "del", "ins", "font", "strike",
    "tt", "big", "bdi",
];

/// Elements that start a block of their own.
pub const BLOCK_TAGS: &[&str] = &[
    "address", "article", "aside", "blockquote", "dd", "details", "dialog", "div", "dl", "dt",
    "fieldset", "figcaption", "figure", "footer", "form", "h1", "h2", "h3", "h4", "h5", "h6",
    "header", "hgroup", "hr", "li", "main", "nav", "ol", "p", "pre", "section", "table", "ul",
    "summary", "menu",
];

/// The element's local name (lower case), or `""` for a non-element.
pub fn tag(node: &NodeRef) -> String {
    node.qual_name_ref().map(|q| q.local.to_string()).unwrap_or_default()
}

/// True if the node is an element with one of these local names.
pub fn is_any(node: &NodeRef, names: &[&str]) -> bool {
    node.qual_name_ref().is_some_and(|q| names.iter().any(|n| &q.local == *n))
}

/// Attribute value, or `""`.
pub fn attr(node: &NodeRef, name: &str) -> String {
    node.attr(name).map(|v| v.to_string()).unwrap_or_default()
}

/// `class` and `id` together, lower-cased: what boilerplate patterns are matched against.
pub fn class_and_id(node: &NodeRef) -> String {
    let mut s = attr(node, "class");
    s.push(' ');
    s.push_str(&attr(node, "id"));
    s.to_lowercase()
}

/// Text content with runs of white space collapsed to one space and the ends trimmed.
pub fn inner_text(node: &NodeRef) -> String {
    normalize_space(&node.text())
}

/// Collapses every run of white space (including NBSP) to one space and trims the ends.
pub fn normalize_space(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for word in s.split(|c: char| c.is_whitespace()).filter(|w| !w.is_empty()) {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(word);
    }
    out
}

/// Number of characters of the normalised text: the unit of every length threshold
/// (characters, not bytes, so that Armenian, Cyrillic or CJK text counts like Latin).
pub fn text_len(node: &NodeRef) -> usize {
    node.normalized_char_count()
}

/// Share of the node's text that sits inside links. Links to in-page anchors (`#…`) count
/// 30 %: tables of contents and footnote marks are part of articles.
pub fn link_density(node: &NodeRef) -> f64 {
    let total = text_len(node);
    if total == 0 {
        return 0.0;
    }
    let mut linked = 0.0;
    for a in descendants_named(node, "a") {
        let coefficient = if attr(&a, "href").trim_start().starts_with('#') { 0.3 } else { 1.0 };
        linked += text_len(&a) as f64 * coefficient;
    }
    linked / total as f64
}

/// Descendant elements with the given local name, in document order.
pub fn descendants_named<'a>(node: &NodeRef<'a>, name: &str) -> Vec<NodeRef<'a>> {
    node.descendants_it().filter(|d| d.has_name(name)).collect()
}

/// True for a text node with only white space in it, or a `<br>`.
pub fn is_whitespace(node: &NodeRef) -> bool {
    (node.is_text() && !node.is_nonempty_text()) || node.has_name("br")
}

/// Phrasing content: text, inline elements, and `a`/`del`/`ins` whose children are all phrasing.
pub fn is_phrasing(node: &NodeRef) -> bool {
    if node.is_text() {
        return true;
    }
    if is_any(node, PHRASING_TAGS) {
        return true;
    }
    is_any(node, &["a", "del", "ins"]) && node.children_it(false).all(|c| is_phrasing(&c))
}

/// True when the element has a block-level element anywhere below it.
pub fn has_block_descendant(node: &NodeRef) -> bool {
    node.descendants_it().any(|d| is_any(&d, BLOCK_TAGS))
}

/// The element children, if the node has exactly one element child named `name` and no
/// non-blank text beside it.
pub fn single_child_named<'a>(node: &NodeRef<'a>, name: &str) -> Option<NodeRef<'a>> {
    let children = node.element_children();
    if children.len() != 1 || !children[0].has_name(name) {
        return None;
    }
    let stray_text = node.children_it(false).any(|c| c.is_text() && c.is_nonempty_text());
    if stray_text { None } else { children.into_iter().next() }
}

/// An element with no text and no element children but `<br>`/`<hr>`.
pub fn is_without_content(node: &NodeRef) -> bool {
    node.is_element()
        && !node.is_nonempty_text_deep()
        && node.element_children().iter().all(|c| is_any(c, &["br", "hr"]))
}

/// Does the page say this element is not shown? Inline `display:none`/`visibility:hidden`,
/// the `hidden` attribute, `aria-hidden="true"`, or the snapshot's computed-hidden marker.
/// (`aria-hidden` on a `fallback-image` is how Wikimedia marks real math images, so it stays.)
pub fn is_hidden(node: &NodeRef) -> bool {
    if !node.is_element() {
        return false;
    }
    if node.has_attr("hidden") || node.has_attr(SNAPSHOT_HIDDEN_ATTR) {
        return true;
    }
    let style: String = attr(node, "style").chars().filter(|c| !c.is_whitespace()).collect();
    let style = style.to_lowercase();
    if style.contains("display:none") || style.contains("visibility:hidden") {
        return true;
    }
    attr(node, "aria-hidden") == "true" && !attr(node, "class").contains("fallback-image")
}

/// Ancestors, nearest first, at most `max` of them (all when `max` is 0).
pub fn ancestors<'a>(node: &NodeRef<'a>, max: usize) -> Vec<NodeRef<'a>> {
    node.ancestors(if max == 0 { None } else { Some(max) })
        .into_iter()
        .filter(|a| a.is_element())
        .collect()
}

/// Does some ancestor element satisfy `test`? (Walks up without collecting.)
pub fn has_ancestor(node: &NodeRef, test: impl Fn(&NodeRef) -> bool) -> bool {
    node.ancestors_it(None).any(|a| a.is_element() && test(&a))
}

/// Is some ancestor (within `max_depth`, 0 = any) an element named `name`?
pub fn has_ancestor_named(node: &NodeRef, name: &str, max_depth: usize) -> bool {
    if max_depth == 0 {
        return has_ancestor(node, |a| a.has_name(name));
    }
    ancestors(node, max_depth).iter().any(|a| a.has_name(name))
}

/// Trait sugar so that "has any non-blank text below it" reads well at call sites.
pub trait DeepText {
    /// True if some descendant text node has non-white-space text.
    fn is_nonempty_text_deep(&self) -> bool;
}

impl DeepText for NodeRef<'_> {
    fn is_nonempty_text_deep(&self) -> bool {
        self.descendants_it().any(|d| d.is_nonempty_text())
    }
}

/// True for a comment node.
pub fn is_comment(node: &NodeRef) -> bool {
    node.query_or(false, |n| matches!(n.data, NodeData::Comment { .. }))
}
