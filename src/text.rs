//! Plain text of the article, one block per line. (Helper-owned: to be written.)
use dom_query::NodeRef;

/// The visible text under `root`, one block per line.
pub fn to_text(root: &NodeRef) -> String {
    crate::dom::inner_text(root)
}
