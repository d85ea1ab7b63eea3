//! Bounds on hostile input: size, node count and nesting depth, checked before any phase
//! walks the tree, so that every later recursion and allocation is bounded too.

use dom_query::Document;

use crate::{Error, Options};

/// Refuses text over the byte limit, and text that is not HTML at all (binary data, or no
/// markup anywhere in it).
pub fn check_html_text(html: &str, opts: &Options) -> Result<(), Error> {
    if html.len() > opts.max_bytes {
        return Err(Error::LimitExceeded { limit: "size", actual: html.len(), max: opts.max_bytes });
    }
    if html.trim().is_empty() {
        return Err(Error::NotHtml("the input is empty".into()));
    }
    // Binary files (images, PDFs, archives) carry NUL and other C0 controls early on.
    let head: Vec<char> = html.chars().take(4096).collect();
    let controls = head.iter().filter(|c| c.is_control() && !c.is_whitespace()).count();
    if controls * 20 > head.len() {
        return Err(Error::NotHtml("the input looks like binary data".into()));
    }
    if !html.contains('<') || !has_tag(html) {
        return Err(Error::NotHtml("no HTML markup in the input".into()));
    }
    Ok(())
}

/// True when the text contains something shaped like a start tag (`<` then a letter).
fn has_tag(html: &str) -> bool {
    html.as_bytes().windows(2).any(|w| w[0] == b'<' && (w[1].is_ascii_alphabetic() || w[1] == b'!'))
}

/// Refuses trees with more nodes, or deeper nesting, than the options allow.
pub fn check_tree(doc: &Document, opts: &Options) -> Result<(), Error> {
    let nodes = doc.tree.len();
    if nodes > opts.max_nodes {
        return Err(Error::LimitExceeded { limit: "node count", actual: nodes, max: opts.max_nodes });
    }
    let depth = max_depth(doc);
    if depth > opts.max_depth {
        return Err(Error::LimitExceeded { limit: "nesting depth", actual: depth, max: opts.max_depth });
    }
    Ok(())
}

/// Deepest nesting of the tree, computed without recursion.
fn max_depth(doc: &Document) -> usize {
    let mut deepest = 0;
    let mut stack = vec![(doc.root(), 0usize)];
    while let Some((node, depth)) = stack.pop() {
        deepest = deepest.max(depth);
        for child in node.children_it(false) {
            stack.push((child, depth + 1));
        }
    }
    deepest
}
