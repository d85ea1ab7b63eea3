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
    let largest = dom::descendants_named(&body, "noscript")
        .into_iter()
        .max_by_key(content_chars);
    let Some(noscript) = largest.filter(|n| content_chars(n) >= CRAWLER_VIEW_MIN_CHARS) else {
        return Ok(());
    };
    if noscript.first_element_child().is_some() {
        while let Some(child) = noscript.first_child() {
            noscript.insert_before(&child);
        }
        noscript.remove_from_parent();
    } else {
        noscript.replace_with_html(noscript.text());
    }
    limits::check_tree(doc, opts)
}

/// Does the page show at least `chars` characters of text (outside scripts, styles,
/// `noscript` and the other elements whose text is never rendered: the text writer's
/// [`SKIP_TAGS`])? Stops reading as soon as it does.
fn shows_text(body: &NodeRef, chars: usize) -> bool {
    let mut shown = 0;
    for node in body.descendants_it().filter(|n| n.is_text()) {
        if dom::has_ancestor(&node, |a| dom::is_any(a, SKIP_TAGS)) {
            continue;
        }
        shown += node.text().trim().chars().count();
        if shown >= chars {
            return true;
        }
    }
    false
}

/// Characters a `noscript` holds: its text, or its markup when held as text.
fn content_chars(noscript: &NodeRef) -> usize {
    noscript.text().len()
}
