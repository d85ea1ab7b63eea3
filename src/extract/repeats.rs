//! Blocks a page says twice.
//!
//! Shops lay a product's description out twice, once for the phone and once for the
//! desktop, and clone a carousel's slides for its loop; forums repeat a post inside the
//! reply that quotes it. The reader needs each once. [`drop_repeats`] runs on a product's
//! or a thread's main region, after its chrome is gone; [`drop_copied_sections`], stricter,
//! on every finished article whose kind does not repeat by design.

use std::collections::HashMap;

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
    for (node, _) in copies_of(region) {
        node.remove_from_parent();
    }
}

/// The blocks of [`MIN_REPEAT_CHARS`] or more whose whole text an earlier block already
/// said, each with that text, outermost first (nothing inside a copy is listed).
fn copies_of<'a>(region: &NodeRef<'a>) -> Vec<(NodeRef<'a>, String)> {
    let lens = dom::TextLens::of(region);
    // The blocks saying each text first (a wrapper and its only child say the same: that is
    // one block, not a copy), by the text's length: two blocks can say the same only when
    // their lengths are equal, so a block's text is read only when an earlier one has its
    // length (most have a length of their own).
    let mut firsts: HashMap<usize, Vec<FirstSaid>> = HashMap::new();
    let mut copies = Vec::new();
    let mut next = region.first_element_child();
    while let Some(node) = next {
        let len = lens.len(&node);
        // A mere wrapper says what its only child says: the child is compared in its place
        // (a chain of wrappers would read the same text once per level).
        if (MIN_REPEAT_CHARS..=MAX_COMPARED_CHARS).contains(&len)
            && dom::only_child(&node).is_none()
        {
            let same_length = firsts.entry(len).or_default();
            if same_length.is_empty() {
                same_length.push(FirstSaid::new(node));
            } else {
                let text = dom::inner_text(&node);
                let first = same_length
                    .iter_mut()
                    .position(|f| f.text() == text)
                    .map(|i| same_length[i].node.id);
                match first {
                    Some(first) if !dom::has_ancestor(&node, |a| a.id == first) => {
                        next = dom::next_element_within(&node, true, Some(region.id));
                        copies.push((node, text));
                        continue;
                    }
                    Some(_) => {}
                    None => same_length.push(FirstSaid {
                        node,
                        text: Some(text),
                    }),
                }
            }
        }
        next = dom::next_element_within(&node, false, Some(region.id));
    }
    copies
}

/// A block saying a text first, with the text once it was read.
struct FirstSaid<'a> {
    node: NodeRef<'a>,
    text: Option<String>,
}

impl<'a> FirstSaid<'a> {
    fn new(node: NodeRef<'a>) -> FirstSaid<'a> {
        FirstSaid { node, text: None }
    }

    /// The block's [`dom::inner_text`], read the first time it is asked.
    fn text(&mut self) -> &str {
        self.text.get_or_insert_with(|| dom::inner_text(&self.node))
    }
}

/// Removes the parts of an article the page lays out twice (for the phone and for the
/// desktop, or a tab's panel repeated under an accordion): a block whose whole text an earlier
/// block already said, when the copy is a whole section (two or more blocks of its own) or
/// one of a run of copies (a neighbour is a copy of another text). A single paragraph said again
/// between new ones is the page's own repetition and stays: the question an interview asks
/// each guest, a disclaimer under each section.
pub fn drop_copied_sections(region: &NodeRef) {
    let copies = copies_of(region);
    let texts: HashMap<NodeId, &str> = copies.iter().map(|(n, t)| (n.id, t.as_str())).collect();
    // A neighbour copying another text: the run copies a run of different blocks (a page's
    // part), not one paragraph said several times in a row.
    let in_run = |n: &NodeRef, text: &str| {
        [n.prev_element_sibling(), n.next_element_sibling()]
            .into_iter()
            .flatten()
            .any(|s| texts.get(&s.id).is_some_and(|t| *t != text))
    };
    let doomed: Vec<&NodeRef> = copies
        .iter()
        .filter(|(n, text)| is_section(n) || in_run(n, text))
        .map(|(n, _)| n)
        .collect();
    for node in doomed {
        node.remove_from_parent();
    }
}

/// Two or more blocks holding text: a section, not one paragraph (nor a footnote, whose
/// back-link and text are phrasing).
fn is_section(node: &NodeRef) -> bool {
    node.element_children()
        .iter()
        .filter(|c| !dom::is_phrasing(c) && !dom::is_without_content(c))
        .take(2)
        .count()
        >= 2
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

    #[test]
    fn a_section_laid_out_twice_is_kept_once() {
        let intro = "Sheets for every kind of sleeper, in percale, sateen and linen, woven \
                     from long-staple cotton and finished without harsh chemicals.";
        let care = "Wash cold with like colours, tumble dry low and remove promptly; the \
                    fabric softens with every wash and never needs ironing.";
        let doc = Document::from(format!(
            "<article><h1>Sheets</h1><div class='mobile'><h2>Why ours</h2><p>{intro}</p>\
             <p>{care}</p></div><div class='desktop'><h2>Why ours</h2><p>{intro}</p>\
             <p>{care}</p></div><p>Shop the collection below.</p></article>"
        ));
        let article = doc.select("article").nodes()[0];
        drop_copied_sections(&article);
        let text = dom::inner_text(&article);
        assert_eq!(text.matches("long-staple").count(), 1, "{text}");
        assert_eq!(text.matches("tumble dry").count(), 1, "{text}");
        assert!(text.contains("Shop the collection"));
    }

    #[test]
    fn a_run_of_copied_paragraphs_goes_but_a_question_asked_each_guest_stays() {
        let a = "The first paragraph of the summary, long enough to be a block of its own \
                 and not a card's line, which the page prints again further down.";
        let b = "The second paragraph of the summary, just as long, and printed again right \
                 after the first one's copy, so that the pair is a copied part of the page.";
        let q = "Which cuisine do you like yourself, and are there dishes or ingredients you \
                 would rather not cook at all, whatever your readers ask for?";
        let doc = Document::from(format!(
            "<article><p>{a}</p><p>{b}</p><h2>Anna</h2><p>{q}</p><p>Anything with lemons.</p>\
             <h2>Boris</h2><p>{q}</p><p>Soups, always soups.</p><p>{a}</p><p>{b}</p></article>"
        ));
        let article = doc.select("article").nodes()[0];
        drop_copied_sections(&article);
        let text = dom::inner_text(&article);
        assert_eq!(text.matches("first paragraph").count(), 1, "{text}");
        assert_eq!(text.matches("second paragraph").count(), 1, "{text}");
        assert_eq!(text.matches("Which cuisine").count(), 2, "{text}");
    }

    #[test]
    fn a_paragraph_said_again_and_again_in_a_row_or_a_repeated_footnote_stays() {
        let p = "Lorem ipsum dolor sit amet, consectetur adipisicing elit, sed do eiusmod \
                 tempor incididunt ut labore et dolore magna aliqua. Ut enim ad minim veniam.";
        let note = "Bogue, Mike (2017). Apocalypse Then: American and Japanese Atomic Cinema, \
                    1951-1967. McFarland & Company. p. 80.";
        let doc = Document::from(format!(
            "<article><p>{p}</p><p>{p}</p><p>{p}</p><ol>\
             <li><a href='#r3'>^</a> <cite>{note}</cite></li>\
             <li><a href='#r4'>^</a> <cite>{note}</cite></li></ol></article>"
        ));
        let article = doc.select("article").nodes()[0];
        drop_copied_sections(&article);
        let text = dom::inner_text(&article);
        assert_eq!(text.matches("Lorem ipsum").count(), 3, "{text}");
        assert_eq!(text.matches("Apocalypse Then").count(), 2, "{text}");
    }
}
