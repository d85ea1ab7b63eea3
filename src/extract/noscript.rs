//! Pages whose content is only in `<noscript>`.
//!
//! Single-page forums and shops (Discourse, for one) send an empty shell that a script
//! fills, plus the whole thread as plain HTML inside `<noscript>` for readers without
//! scripts. An HTML parser that runs scripts (as a browser does, and as html5ever does by
//! the snapshot of a live page) keeps that markup as one text node; one that does not (as
//! `dom_query` parses) builds it as elements. Either way `prepare` drops it with every other
//! `noscript`, and the page has nothing to extract. When the page shows next to no text of
//! its own and a `noscript` holds a page's worth of content, that content takes its place,
//! as a browser without scripts would show it. (A live page needs none of this: its
//! script has already filled the shell.)

use dom_query::{Document, NodeRef};

use super::limits;
use crate::text::SKIP_TAGS;
use crate::{Error, Options, dom};

/// A page showing fewer characters than this outside `noscript` is an empty shell.
const SHELL_MAX_CHARS: usize = 500;

/// A `noscript` needs at least this many characters of markup to be a crawler view (the
/// usual ones hold a tracking pixel or a "please enable JavaScript" line).
const CRAWLER_VIEW_MIN_CHARS: usize = 2000;

/// Puts the content of the largest `noscript` of an empty shell in its place (parsed, when
/// it is markup held as text); the tree is checked against the limits again afterwards.
pub fn promote_crawler_view(doc: &Document, opts: &Options) -> Result<(), Error> {
    let Some(body) = doc.body() else {
        return Ok(());
    };
    if shows_text(&body, SHELL_MAX_CHARS) {
        return Ok(());
    }
    // A `noscript` inside another holds less than it: only the outermost ones compete, and
    // reading each of them once keeps this linear however deep they nest.
    let largest = dom::outermost(&body, |n| n.has_name("noscript"))
        .into_iter()
        .max_by_key(content_chars);
    let Some(noscript) = largest.filter(|n| content_chars(n) >= CRAWLER_VIEW_MIN_CHARS) else {
        return Ok(());
    };
    let shown = innermost(&noscript);
    if shown.first_element_child().is_some() {
        while let Some(child) = shown.first_child() {
            noscript.insert_before(&child);
        }
        noscript.remove_from_parent();
    } else {
        noscript.replace_with_html(shown.text());
    }
    limits::check_tree(doc, opts)
}

/// Does the page show at least `chars` characters of text (outside scripts, styles,
/// `noscript` and the other elements whose text is never rendered: the text writer's
/// [`SKIP_TAGS`])? One walk that does not enter those elements; stops as soon as it does.
fn shows_text(body: &NodeRef, chars: usize) -> bool {
    let mut shown = own_text_chars(body);
    let mut next = body.first_element_child();
    while let Some(node) = next {
        if shown >= chars {
            return true;
        }
        let unread = dom::is_any(&node, SKIP_TAGS);
        if !unread {
            shown += own_text_chars(&node);
        }
        next = dom::next_element_within(&node, unread, Some(body.id));
    }
    shown >= chars
}

/// Characters of the text nodes directly in `node`, each trimmed.
fn own_text_chars(node: &NodeRef) -> usize {
    node.children_it(false)
        .filter_map(|t| dom::with_own_text(&t, |text| text.trim().chars().count()))
        .sum()
}

/// Characters a `noscript` holds: its text, or its markup when held as text.
fn content_chars(noscript: &NodeRef) -> usize {
    dom::text_bytes(noscript)
}

/// The `noscript` whose content a chain of `noscript`s, each holding only the next, shows
/// (the one given when it holds anything else).
fn innermost<'a>(noscript: &NodeRef<'a>) -> NodeRef<'a> {
    let mut shown = *noscript;
    while let Some(inner) = dom::single_child_named(&shown, "noscript") {
        shown = inner;
    }
    shown
}
