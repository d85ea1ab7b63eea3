//! Boilerplate inside the chosen article, removed after the finder has decided.
//!
//! The finder picks the right container; news sites still put furniture inside it:
//! the title again, the byline and date line, "READ MORE:" teasers, "Don't miss" lists of
//! other stories, newsletter boxes, print/share tools, copyright lines, "report a typo"
//! notices. Each is a *short* block (see [`MAX_CHARS`]) recognised by how it opens or by a
//! phrase in it ([`patterns::BOILERPLATE_OPENINGS`], [`patterns::BOILERPLATE_PHRASES`]);
//! long blocks are prose and are never touched here.

use dom_query::NodeRef;

use super::find_article::text_similarity;
use super::metadata::Metadata;
use super::patterns;
use crate::dom;

/// Longest block (characters) that can be judged furniture: teasers, labels, date lines
/// and notices are short; a paragraph longer than this is content whatever it says.
pub const MAX_CHARS: usize = 200;

/// A heading at least this similar to the title repeats it.
const TITLE_REPEAT: f64 = 0.9;

/// A list following a related-stories label is dropped when this share of it is links.
const RELATED_LIST_LINK_DENSITY: f64 = 0.5;

/// Blocks that are judged; inline elements are judged through their block.
const JUDGED: &[&str] = &[
    "p", "div", "li", "h1", "h2", "h3", "h4", "h5", "h6", "section", "header", "ul", "ol",
    "span", "time", "address",
];

/// Removes furniture blocks from the article under `root`.
pub fn remove(root: &NodeRef, meta: &Metadata) {
    let blocks: Vec<NodeRef> = root.descendants_it().filter(|n| dom::is_any(n, JUDGED)).collect();
    for block in blocks.into_iter().rev() {
        if block.parent().is_none() {
            continue;
        }
        let text = dom::inner_text(&block);
        if text.is_empty() || text.chars().count() > MAX_CHARS {
            continue;
        }
        if is_related_label(&text) {
            remove_following_link_list(&block);
            block.remove_from_parent();
        } else if is_furniture(&text) || repeats_title(&block, &text, meta) {
            block.remove_from_parent();
        }
    }
}

/// Opens like, or contains, a furniture phrase.
fn is_furniture(text: &str) -> bool {
    let lower = text.to_lowercase();
    patterns::BOILERPLATE_OPENINGS.iter().any(|o| lower.starts_with(o))
        || patterns::matches_any(&lower, patterns::BOILERPLATE_PHRASES)
}

/// A label such as "Don't miss" or "Related stories" on its own.
fn is_related_label(text: &str) -> bool {
    let lower = text.to_lowercase();
    let label = lower.trim_end_matches([':', '.', ' ', '»', '›']);
    patterns::RELATED_LABELS.contains(&label)
}

/// The list of links right after a related-stories label.
fn remove_following_link_list(label: &NodeRef) {
    if let Some(next) = label.next_element_sibling() {
        if dom::link_density(&next) > RELATED_LIST_LINK_DENSITY {
            next.remove_from_parent();
        }
    }
}

/// A heading that says the title again.
fn repeats_title(block: &NodeRef, text: &str, meta: &Metadata) -> bool {
    if !dom::is_any(block, &["h1", "h2", "h3", "header"]) {
        return false;
    }
    let Some(title) = &meta.title else { return false };
    text_similarity(title, text) >= TITLE_REPEAT && text_similarity(text, title) >= TITLE_REPEAT
}
