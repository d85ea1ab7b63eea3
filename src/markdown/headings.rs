//! The article's headings: their Markdown level and the anchors in-page links may use.
//!
//! * **Levels**: the document's title is `#` (written by [`super::document`]), so the
//!   article's own highest heading level becomes `##` and the others keep their distance
//!   below it, whatever levels the page used (a docs page whose only `<h1>` is a section,
//!   a blog whose sections are `<h4>`).
//! * **Anchors**: every id a link can aim at a heading with (the heading's own, one inside
//!   it, an empty `<a name>` just before it, a section it opens) maps to the heading's
//!   GitHub-style slug ([`super::slug`]); in-page links are rewritten to that slug, and a
//!   link to an anchor that no heading has loses its link (its text stays).

use std::collections::HashMap;

use dom_query::NodeRef;

use super::Ctx;
use super::slug::{Slugger, heading_text};
use crate::dom::{attr, is_any, text_len_over};
use crate::text::is_skipped;

/// Heading elements.
const HEADING_TAGS: &[&str] = &["h1", "h2", "h3", "h4", "h5", "h6"];

/// The level the article's highest heading gets (`#` is the document title).
const TOP_LEVEL: usize = 2;

/// Deepest Markdown heading level.
const MAX_LEVEL: usize = 6;

/// What the writer knows about the article's headings.
#[derive(Default)]
pub(crate) struct Headings {
    /// Added to a page level to get the Markdown level.
    shift: isize,
    /// Page id → slug of the heading it leads to.
    anchors: HashMap<String, String>,
}

impl Headings {
    /// The Markdown level of a page heading level.
    pub(crate) fn level(&self, page_level: usize) -> usize {
        (page_level as isize + self.shift).clamp(TOP_LEVEL as isize, MAX_LEVEL as isize) as usize
    }

    /// The slug an in-page fragment leads to, if it leads to a heading.
    pub(crate) fn anchor(&self, fragment: &str) -> Option<&str> {
        self.anchors.get(fragment).map(String::as_str)
    }
}

/// The page level of a heading element (`h3` → 3).
pub(crate) fn page_level(node: &NodeRef) -> usize {
    crate::dom::with_tag(node, |t| {
        t.trim_start_matches('h').parse::<usize>().unwrap_or(1)
    })
}

/// Finds the headings under `root` that become Markdown headings, with their Markdown
/// text (written with `ctx`, whose anchors are not known yet: that changes no text).
pub(crate) fn find(ctx: &Ctx, root: &NodeRef) -> Headings {
    let mut slugger = Slugger::default();
    let mut anchors = HashMap::new();
    let mut top = None;
    for h in markdown_headings(root) {
        let markdown = super::block::heading_markdown(ctx, &h);
        if markdown.is_empty() {
            continue;
        }
        top = Some(top.map_or(page_level(&h), |t: usize| t.min(page_level(&h))));
        let slug = slugger.next(&heading_text(&markdown));
        for id in anchor_ids(&h, root) {
            anchors.entry(id).or_insert_with(|| slug.clone());
        }
    }
    let shift = top.map_or(0, |t| TOP_LEVEL as isize - t as isize);
    Headings { shift, anchors }
}

/// The headings under `root` written as Markdown headings (not hidden, not in a table
/// cell), in document order. One walk that does not enter a skipped element or a cell, so
/// that no heading climbs its ancestors (a deep page of many headings made that its depth
/// times their number).
fn markdown_headings<'a>(root: &NodeRef<'a>) -> Vec<NodeRef<'a>> {
    let mut found = Vec::new();
    let mut stack: Vec<NodeRef> = root.children_it(true).collect();
    while let Some(n) = stack.pop() {
        if !n.is_element() || is_skipped(&n) || is_any(&n, &["td", "th"]) {
            continue;
        }
        if is_any(&n, HEADING_TAGS) {
            found.push(n);
        }
        stack.extend(n.children_it(true));
    }
    found
}

/// Every id that leads to heading `h`.
fn anchor_ids(h: &NodeRef, root: &NodeRef) -> Vec<String> {
    let mut ids = Vec::new();
    let mut push = |n: &NodeRef| {
        for name in ["id", "name"] {
            let v = attr(n, name);
            let v = v.trim();
            if !v.is_empty() {
                ids.push(v.to_string());
            }
        }
    };
    push(h);
    h.descendants_it()
        .filter(|n| n.is_element())
        .for_each(|n| push(&n));
    let mut prev = h.prev_sibling();
    while let Some(p) = prev {
        // Read only up to its first character: the sibling before a heading is mostly a
        // whole section, whose text copied only to be found non-empty was read for every heading.
        if text_len_over(&p, 0) || (p.is_element() && is_any(&p, HEADING_TAGS)) {
            break;
        }
        if p.is_element() {
            push(&p);
        }
        prev = p.prev_sibling();
    }
    let mut child = *h;
    while let Some(parent) = child.parent() {
        let opens = parent
            .first_element_child()
            .is_some_and(|f| f.id == child.id);
        if parent.id == root.id || !opens {
            break;
        }
        push(&parent);
        child = parent;
    }
    ids
}
