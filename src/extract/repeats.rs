//! Blocks a page says twice.
//!
//! Shops lay a product's description out twice, once for the phone and once for the
//! desktop, and clone a carousel's slides for its loop; forums repeat a post inside the
//! reply that quotes it. The reader needs each once. Runs on a product's or a thread's
//! main region, after its chrome is gone.

use dom_query::{NodeId, NodeRef};

use crate::dom;

/// A block shorter than this (characters) said twice may be a grid's cards sharing a line
/// ("For monitors 5-22 lbs", "100% cotton"), or a short answer asked twice; a longer
/// one is a copy of a whole part of the page.
const MIN_REPEAT_CHARS: usize = 120;

/// Longest block compared whole (characters). A longer one is looked into instead: a copy of
/// it is found paragraph by paragraph. Reading each compared block's text costs its length,
/// so the cap bounds the work per node whatever the nesting: 500 nested `div`s each holding
/// the rest of a 1 MB product page took 4 s when every level was read whole.
const MAX_COMPARED_CHARS: usize = 2_000;

/// Removes every block whose whole text an earlier block already said (outermost first, so
/// a copy goes whole and only a copy goes: blocks inside distinct cards are never
/// compared; a quote inside a reply is compared with the post it copies).
pub fn drop_repeats(region: &NodeRef) {
    let lens = dom::TextLens::of(region);
    // Each text with the first block saying it (a wrapper and its only child say the same:
    // that is one block, not a copy).
    let mut seen: std::collections::HashMap<String, NodeId> = Default::default();
    let mut next = region.first_element_child();
    while let Some(node) = next {
        let len = lens.len(&node);
        // A mere wrapper says what its only child says: the child is compared in its place
        // (a chain of wrappers would read the same text once per level).
        if (MIN_REPEAT_CHARS..=MAX_COMPARED_CHARS).contains(&len)
            && dom::only_child(&node).is_none()
        {
            let text = dom::normalize_space(&dom::inner_text(&node));
            match seen.get(&text) {
                Some(first) if !dom::has_ancestor(&node, |a| a.id == *first) => {
                    next = dom::next_element_within(&node, true, Some(region.id));
                    node.remove_from_parent();
                    continue;
                }
                Some(_) => {}
                None => {
                    seen.insert(text, node.id);
                }
            }
        }
        next = dom::next_element_within(&node, false, Some(region.id));
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use dom_query::Document;

    #[test]
    fn a_description_laid_out_twice_is_kept_once() {
        let long = "A wheel-thrown stoneware mug with a matte glaze, made by hand in small \
                    batches; every piece differs a little in colour and shape, which is part \
                    of its charm.";
        let doc = Document::from(format!(
            "<main><h1>Mug</h1><div class='mobile'><p>{long}</p></div>\
             <div class='desktop'><div><p>{long}</p></div></div><p>Only once: {long}</p></main>"
        ));
        let main = doc.select("main").nodes()[0];
        drop_repeats(&main);
        let text = dom::inner_text(&main);
        assert_eq!(text.matches("wheel-thrown").count(), 2, "{text}");
        assert!(text.contains("Only once"));
    }
}
