//! Listings and shop grids: what of the main region is the cards' and what is furniture.
//!
//! A card of a listing or of a category page is its title, a line or two of description,
//! a price or a date. Around those, shop themes put what says nothing of the item, the
//! same on every card. Once the region is found, [`tidy`] removes, in one walk, by class
//! names:
//!
//! * **text for screen readers only** (`sr-only`, `visually-hidden`…): "Regular price",
//!   "Sale price", "Unit price per", never shown on the page;
//! * **badges** (`badge`, `ribbon`, `sticker`, `flag`) of a few words: "New", "Best
//!   seller", "20% off";
//! * **buttons** (`btn`, `button`, `cta`) of a word or two: "Add to cart", "Quick view",
//!   "Compare", "Shop now";
//! * **bylines and date lines** (`author`, `byline`, `date`, `time`, `timestamp`, `ago`, a
//!   `time` element) of a few words: "Alan Woinski", "2 weeks ago" — what a card says of
//!   its post. Measured on WCXB-dev (with indexes named listings, `classify`): listing
//!   0.6799 -> 0.6792 (7 pages better, 5 worse: some annotators keep a blog index's dates),
//!   collection 0.6509 -> 0.6511, forum and service a little higher, articles unchanged; on
//!   the vendored sample listing 0.686 -> 0.702.
//!
//! It runs on every region but a thread's (a product's runs it without the bylines):
//! a service page's feature cards and a region standing in for an article have the same
//! furniture. Measured on WCXB-dev: collection 0.636 → 0.651, listing 0.645 → 0.646,
//! service 0.782 → 0.783, no type lower. Left out: rating widgets (the
//! annotators keep "4.5 (120 reviews)" on some sites, and a listing of reviews names its
//! cards "review"), colour swatches (no gain), image `alt` text (the Markdown-to-text step
//! drops it anyway), and short blocks matched by their text ("Compare", "New", "51
//! products": they cost as much recall as they gave precision).

use dom_query::NodeRef;

use super::patterns::{WordSet, has_words};
use crate::dom;

/// Class names (with dashes and underscores left out) of text only screen readers read.
const SCREEN_READER_WORDS: WordSet = WordSet::new(&[
    "sronly",
    "visuallyhidden",
    "screenreadertext",
    "screenreaderonly",
    "srtext",
    "offscreen",
    "hiddenvisually",
]);

/// Class/id words of a card's badges.
const BADGE_WORDS: WordSet =
    WordSet::new(&["badge", "badges", "ribbon", "sticker", "flag", "flags"]);

/// A badge says at most this many characters ("Limited edition", "Save 20%").
const MAX_BADGE_CHARS: usize = 60;

/// Class/id words of buttons and calls to action (links styled as buttons escape the
/// chrome's `button` tag).
const BUTTON_WORDS: WordSet = WordSet::new(&["btn", "button", "cta"]);

/// A button says at most this many characters ("Add to cart", "Choose options"); a longer
/// "button" is a whole card made clickable.
const MAX_BUTTON_CHARS: usize = 30;

/// Class/id words of a card's byline and date line ("Alan Woinski", "2 weeks ago"): what a
/// card says of its post, not the post.
const BYLINE_WORDS: WordSet =
    WordSet::new(&["author", "byline", "date", "time", "timestamp", "ago"]);

/// A card's byline or date says at most this many characters.
const MAX_BYLINE_CHARS: usize = 40;

/// Removes the card furniture of a main region (see the module doc).
pub fn tidy(region: &NodeRef) {
    remove_furniture(region, true);
}

/// Removes the screen-reader text, badges and buttons of a main region, and the cards'
/// bylines and date lines when `bylines` (a product page has no cards of posts, and its
/// dated lines — "Expires 01/01/26", "Ships by May 6" — belong to the offer).
pub fn remove_furniture(region: &NodeRef, bylines: bool) {
    let mut doomed = Vec::new();
    let mut next = region.first_element_child();
    while let Some(node) = next {
        let furniture = is_furniture(&node, bylines);
        if furniture {
            doomed.push(node);
        }
        next = dom::next_element_within(&node, furniture, Some(region.id));
    }
    for node in doomed {
        node.remove_from_parent();
    }
}

/// Screen-reader text, a badge or a button, by its class names (and length).
fn is_furniture(node: &NodeRef, bylines: bool) -> bool {
    let names = dom::names_of(node);
    let within = |chars| dom::inner_text_within(node, chars).is_some();
    let [screen_reader, badge, button, byline] = has_words(
        &names,
        [
            &SCREEN_READER_WORDS,
            &BADGE_WORDS,
            &BUTTON_WORDS,
            &BYLINE_WORDS,
        ],
    );
    screen_reader
        || (badge && within(MAX_BADGE_CHARS))
        || (button && within(MAX_BUTTON_CHARS))
        || (bylines && (byline || node.has_name("time")) && within(MAX_BYLINE_CHARS))
}
