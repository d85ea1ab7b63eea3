//! DOM snapshot format. (Helper-owned: to be written.)
use dom_query::{Document, NodeId};

use crate::{Error, Options};

/// A decoded snapshot: the page as a tree, its URL, and the user's selection if any.
pub struct Snapshot {
    /// The page's tree.
    pub document: Document,
    /// The page's URL.
    pub url: String,
    /// A detached element holding the selected content, when the user had a selection.
    pub selection: Option<NodeId>,
}

/// Decodes a snapshot.
pub fn decode(_json: &str, _opts: &Options) -> Result<Snapshot, Error> {
    Err(Error::InvalidSnapshot("not implemented".into()))
}
