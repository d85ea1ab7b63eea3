//! Pages a server streamed: content sent after its place, put in place.
//!
//! React's streaming server rendering (Next.js and others) sends the page's shell first,
//! with a fallback where content is still loading ("Loading paragraph…", a spinner) marked
//! by `<template id="B:x">`, or an empty placeholder `<template id="P:x">`. The content
//! follows at the end of the body in a hidden `<div hidden id="S:x">`, and a script moves it
//! into place (replacing the fallback, which React delimits with the comments `<!--$?-->`
//! and `<!--/$-->`). A live page has run that script: its snapshot shows the content where
//! it belongs. Saved HTML has not: the article is hidden and the fallbacks show. This phase
//! does what the script would have done, so both inputs give the same article.

use std::collections::HashMap;

use dom_query::{Document, NodeData, NodeRef};

use super::limits;
use crate::{Error, Options, dom};

/// Most segments put in place: real pages stream dozens; each costs a walk up the tree
/// (checking the segment does not hold its own place), so hostile input is bounded.
const MAX_SEGMENTS: usize = 10_000;

/// Without React's comments, the siblings that follow a boundary up to the next one are its
/// fallback only when they are this short (characters): a fallback is a spinner or a
/// "Loading…" line, never content.
const MAX_FALLBACK_CHARS: usize = 100;

/// Puts every streamed segment in the place its template marks; the tree is checked
/// against the limits again afterwards (moved content nests deeper).
pub fn place_segments(doc: &Document, opts: &Options) -> Result<(), Error> {
    let (templates, mut segments) = templates_and_segments(doc);
    if templates.is_empty() || segments.is_empty() {
        return Ok(());
    }
    let mut placed = 0;
    for (template, boundary) in templates {
        let Some(segment) = segments.remove(&streamed_id(&template)) else {
            continue;
        };
        if placed == MAX_SEGMENTS || dom::has_ancestor(&template, |a| a.id == segment.id) {
            continue;
        }
        if boundary {
            remove_fallback(&template);
        }
        while let Some(child) = segment.first_child() {
            template.insert_before(&child);
        }
        template.remove_from_parent();
        segment.remove_from_parent();
        placed += 1;
    }
    if placed == 0 {
        return Ok(());
    }
    limits::check_tree(doc, opts)
}

/// The templates marking a place (`B:x` a boundary with a fallback, `P:x` a placeholder),
/// in document order, and the hidden segments (`<div hidden id="S:x">`) by their suffix `x`.
#[allow(clippy::type_complexity)]
fn templates_and_segments(
    doc: &Document,
) -> (Vec<(NodeRef<'_>, bool)>, HashMap<String, NodeRef<'_>>) {
    let mut templates = Vec::new();
    let mut segments = HashMap::new();
    for node in doc.root().descendants_it() {
        if node.has_name("template") {
            let id = dom::attr(&node, "id");
            if id.starts_with("B:") || id.starts_with("P:") {
                templates.push((node, id.starts_with("B:")));
            }
        } else if node.has_name("div")
            && node.has_attr("hidden")
            && let Some(suffix) = dom::attr(&node, "id").strip_prefix("S:")
        {
            segments.entry(suffix.to_string()).or_insert(node);
        }
    }
    (templates, segments)
}

/// The `x` of a template's `B:x` or `P:x`.
fn streamed_id(template: &NodeRef) -> String {
    dom::attr(template, "id")
        .get(2..)
        .unwrap_or_default()
        .to_string()
}

/// Removes a boundary's fallback: what follows its template up to React's closing comment
/// (nested boundaries counted), or, when the comments were not kept, the short siblings up to
/// the next boundary.
fn remove_fallback(template: &NodeRef) {
    let opened = template
        .prev_sibling()
        .is_some_and(|c| comment_text(&c).is_some_and(|t| t.starts_with('$')));
    let fallback = if opened {
        delimited_fallback(template)
    } else {
        undelimited_fallback(template)
    };
    for node in fallback {
        node.remove_from_parent();
    }
}

/// The siblings after `template` up to the comment closing its boundary (`/$`); none when
/// the boundary is never closed.
fn delimited_fallback<'a>(template: &NodeRef<'a>) -> Vec<NodeRef<'a>> {
    let mut depth = 0usize;
    let mut fallback = Vec::new();
    let mut next = template.next_sibling();
    while let Some(node) = next {
        match comment_text(&node).as_deref() {
            Some("/$") if depth == 0 => return fallback,
            Some("/$") => depth -= 1,
            Some(t) if t.starts_with('$') => depth += 1,
            _ => {}
        }
        fallback.push(node);
        next = node.next_sibling();
    }
    Vec::new()
}

/// The siblings after `template` up to the next template, when they hold at most
/// [`MAX_FALLBACK_CHARS`] of text; none otherwise.
fn undelimited_fallback<'a>(template: &NodeRef<'a>) -> Vec<NodeRef<'a>> {
    let mut fallback = Vec::new();
    let mut chars = 0;
    let mut next = template.next_sibling();
    while let Some(node) = next.filter(|n| !n.has_name("template")) {
        chars += dom::text_len(&node);
        if chars > MAX_FALLBACK_CHARS {
            return Vec::new();
        }
        fallback.push(node);
        next = node.next_sibling();
    }
    fallback
}

/// The text of a comment node.
fn comment_text(node: &NodeRef) -> Option<String> {
    node.query(|n| match &n.data {
        NodeData::Comment { contents } => Some(contents.trim().to_string()),
        _ => None,
    })
    .flatten()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn placed(html: &str) -> String {
        let doc = Document::from(html);
        place_segments(&doc, &Options::default()).unwrap();
        // The text as the article writer reads it (hidden elements contribute nothing).
        crate::text::to_text(&doc.body().unwrap())
            .trim_end()
            .replace('\n', " | ")
    }

    #[test]
    fn a_boundary_gets_its_segment_and_loses_its_fallback() {
        let text = placed(
            "<main><h1>Title</h1><!--$?--><template id=\"B:0\"></template>\
             <div>Loading paragraph...</div><!--/$--><p>After.</p></main>\
             <div hidden id=\"S:0\"><p>The first paragraph.</p></div>",
        );
        assert_eq!(text, "Title | The first paragraph. | After.");
    }

    #[test]
    fn without_comments_only_a_short_fallback_goes() {
        let text = placed(
            "<main><template id=\"B:0\"></template><div>Loading...</div>\
             <template id=\"B:1\"></template><div>A long paragraph of the page itself, which \
             is content and not a spinner, stays where it is whatever happens.</div></main>\
             <div hidden id=\"S:0\"><p>One.</p></div><div hidden id=\"S:1\"><p>Two.</p></div>",
        );
        assert!(text.starts_with("One. | Two. | A long paragraph"), "{text}");
    }

    #[test]
    fn placeholders_and_nested_segments_are_placed() {
        let text = placed(
            "<main><template id=\"P:1\"></template></main>\
             <div hidden id=\"S:1\"><p>Outer</p><!--$?--><template id=\"B:2\"></template>\
             <p>…</p><!--/$--></div><div hidden id=\"S:2\"><p>inner.</p></div>",
        );
        assert_eq!(text, "Outer | inner.");
    }

    #[test]
    fn a_segment_holding_its_own_template_is_left_alone() {
        let text =
            placed("<div hidden id=\"S:0\"><p>Self</p><template id=\"B:0\"></template></div>");
        assert_eq!(text, "");
    }
}
