//! Find the article. (To be written.)
use dom_query::{Document, NodeRef};

use super::metadata::Metadata;
use crate::Options;

/// What finding the article produced.
pub struct Found<'a> {
    /// A detached element holding the article's nodes.
    pub root: NodeRef<'a>,
    /// A byline found in the content (and removed from it).
    pub byline: Option<String>,
    /// The text direction of the article's container.
    pub dir: Option<String>,
}

/// Finds the article in a prepared document.
pub fn find<'a>(doc: &'a Document, _meta: &Metadata, _opts: &Options) -> Option<Found<'a>> {
    doc.body().map(|b| Found { root: b, byline: None, dir: None })
}
