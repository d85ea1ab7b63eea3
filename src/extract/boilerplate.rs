//! Boilerplate inside the chosen article, removed after the finder has decided.
//!
//! The finder picks the right container; news sites still put furniture inside it:
//! the title again, the byline and date line, "READ MORE:" teasers, "Don't miss" lists of
//! other stories, newsletter boxes, print/share tools, copyright lines, "report a typo"
//! notices. Each is a *short* block (see [`MAX_CHARS`]) recognised by how it opens or by a
//! phrase in it ([`patterns::BOILERPLATE_OPENINGS`], [`patterns::BOILERPLATE_PHRASES`]);
//! long blocks are prose and are never touched here.

use dom_query::NodeRef;

use super::metadata::Metadata;
use super::patterns;
use crate::dom;
use crate::words::{text_similarity, words};

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
    "address",
];

/// Containers whose content is data or code, never furniture: numbers there are values.
const PROTECTED: &[&str] = &["pre", "code", "table", "math"];

/// Removes furniture blocks from the article under `root`.
pub fn remove(root: &NodeRef, meta: &Metadata) {
    remove_credits(root);
    // Removing a subtree leaves what stays where it was: one reading serves both passes.
    let marks = Marks::of(root);
    remove_repeated_blocks(&marks);
    let blocks: Vec<NodeRef> = root
        .descendants_it()
        .filter(|n| dom::is_any(n, JUDGED))
        .filter(|n| !marks.is_protected(n))
        .collect();
    // Innermost first: a block's blocks are judged before it.
    let mut long = LongBelow::new(&marks);
    for block in blocks.into_iter().rev() {
        if block.parent().is_none() || long.holds(&block) {
            continue;
        }
        let Some(text) = dom::inner_text_within(&block, MAX_CHARS) else {
            long.mark_above(&block);
            continue;
        };
        if text.is_empty() {
            continue;
        }
        // Lower-cased once for the three label tests.
        let lower = text.to_lowercase();
        if is_related_label(&lower) {
            remove_following_link_list(&block);
            block.remove_from_parent();
            long.forget();
        } else if is_toc_label(&lower) {
            remove_following_toc(&block);
            long.forget();
        } else if is_furniture(&lower)
            || repeats_title(&block, &text, meta)
            || is_teaser_link(&block, &text)
        {
            block.remove_from_parent();
            long.forget();
        }
    }
}

/// The elements known to hold a block too long to be judged (over [`MAX_CHARS`]): an
/// element's text holds the text of every block below it, so it is too long as well, and
/// its text need not be read again (reading it to the bound was most of the pass: an
/// article's wrappers each read their first paragraph again). A removal can take the long
/// block out of them: what is known is forgotten then (removals are few).
struct LongBelow<'m> {
    positions: &'m dom::Positions,
    /// By place in [`Marks::order`]: the round in which the element was marked.
    marked: Vec<u32>,
    /// The current round: marks of earlier rounds are forgotten.
    round: u32,
}

impl<'m> LongBelow<'m> {
    fn new(marks: &'m Marks) -> LongBelow<'m> {
        LongBelow {
            positions: &marks.positions,
            marked: vec![0; marks.order.len()],
            round: 1,
        }
    }

    /// Whether a block below `node` was found too long since the last removal.
    fn holds(&self, node: &NodeRef) -> bool {
        self.positions
            .get(&node.id)
            .is_some_and(|i| self.marked[i] == self.round)
    }

    /// `block` is too long: so is every element above it (up to one already known).
    fn mark_above(&mut self, block: &NodeRef) {
        let mut above = block.parent();
        while let Some(node) = above {
            let Some(i) = self.positions.get(&node.id) else {
                break;
            };
            if self.marked[i] == self.round {
                break;
            }
            self.marked[i] = self.round;
            above = node.parent();
        }
    }

    /// Something was removed: what was known may no longer hold.
    fn forget(&mut self) {
        self.round += 1;
    }
}

/// Opens like, or contains, a furniture phrase; or is a tool label, a counter ("858
/// shares", "1 of 4") or a date line. `lower` is the block's text, lower-cased.
fn is_furniture(lower: &str) -> bool {
    patterns::BOILERPLATE_OPENINGS
        .iter()
        .any(|o| lower.starts_with(o))
        || patterns::matches_any(lower, patterns::BOILERPLATE_PHRASES)
        || patterns::TOOL_LABELS.contains(&lower.trim_end_matches([':', '.', ' ']))
        || is_counter(lower)
        || is_date_line(lower)
}

/// "858 shares", "12 comments", "1 of 4", "2of4": a number and a counter word.
fn is_counter(lower: &str) -> bool {
    // Every counter holds a number: most blocks hold no digit and need not be split.
    if !lower.bytes().any(|b| b.is_ascii_digit()) {
        return false;
    }
    // A counter is two or three pieces: a fourth rules it out.
    let pieces: Vec<&str> = words(lower).flat_map(digit_runs).take(4).collect();
    match pieces.as_slice() {
        [n, w] => {
            is_number(n) && matches!(*w, "shares" | "share" | "comments" | "comment" | "views")
        }
        [a, "of", b] => is_number(a) && is_number(b),
        _ => false,
    }
}

/// Splits "2of4" into "2", "of", "4": the runs of ASCII digits and of other characters of
/// a non-empty word, none empty. Read byte by byte without a list: a digit is one byte and
/// never part of another character, so every split falls on a character boundary.
fn digit_runs(word: &str) -> impl Iterator<Item = &str> {
    let bytes = word.as_bytes();
    let mut start = 0;
    std::iter::from_fn(move || {
        let first = *bytes.get(start)?;
        let len = bytes[start..]
            .iter()
            .position(|b| b.is_ascii_digit() != first.is_ascii_digit())
            .unwrap_or(bytes.len() - start);
        let run = &word[start..start + len];
        start += len;
        Some(run)
    })
}

fn is_number(word: &str) -> bool {
    !word.is_empty() && word.chars().all(|c| c.is_ascii_digit())
}

/// Longest date line: "Updated: 10:43, Tue, Nov 19, 2019 | Original Nov. 19, 2019 8:02 am ET".
const MAX_DATE_LINE_CHARS: usize = 90;

/// A line made only of a date, a time, zone names and labels like "Published"/"Updated",
/// with at least one number in it. Not a price ("$19.20": a currency sign), which a shop's
/// cards show on a line of its own.
fn is_date_line(lower: &str) -> bool {
    if lower.chars().count() > MAX_DATE_LINE_CHARS
        || !lower.chars().any(|c| c.is_ascii_digit())
        || lower.contains(patterns::CURRENCY_SIGNS)
    {
        return false;
    }
    words(lower)
        .flat_map(digit_runs)
        .all(|w| is_number(w) || patterns::DATE_WORDS.contains(&w))
}

/// A label such as "Don't miss" or "Related stories" on its own (`lower`: lower-cased).
fn is_related_label(lower: &str) -> bool {
    let label = lower.trim_end_matches([':', '.', ' ', '»', '›']);
    patterns::RELATED_LABELS.contains(&label)
}

/// The list of links right after a related-stories label.
fn remove_following_link_list(label: &NodeRef) {
    if let Some(next) = label.next_element_sibling()
        && dom::link_density(&next) > RELATED_LIST_LINK_DENSITY
    {
        next.remove_from_parent();
    }
}

/// A label such as "Table of contents" or "On this page" on its own (`lower`: lower-cased).
fn is_toc_label(lower: &str) -> bool {
    let label = lower.trim_end_matches([':', '.', ' ']);
    patterns::TOC_LABELS.contains(&label)
}

/// A table of contents holds at least this share of its text in links to the page itself.
const TOC_IN_PAGE_SHARE: f64 = 0.5;

/// Removes the label and the table of contents after it (the label's next sibling, or its
/// parent's when the label closes a wrapper of its own). A label followed by anything
/// else is a heading of the article ("Contents" of a box) and stays.
fn remove_following_toc(label: &NodeRef) {
    let next = label
        .next_element_sibling()
        .or_else(|| label.parent().and_then(|p| p.next_element_sibling()));
    if let Some(toc) = next.filter(is_toc) {
        toc.remove_from_parent();
        label.remove_from_parent();
    }
}

/// Mostly links to the page's own anchors (`#section`).
fn is_toc(node: &NodeRef) -> bool {
    let total = dom::text_len(node);
    let in_page: usize = dom::descendants_named(node, "a")
        .iter()
        .filter(|a| dom::attr(a, "href").starts_with('#'))
        .map(dom::text_len)
        .sum();
    total > 0 && in_page as f64 >= TOC_IN_PAGE_SHARE * total as f64
}

/// A heading that says the title again.
fn repeats_title(block: &NodeRef, text: &str, meta: &Metadata) -> bool {
    if !dom::is_any(block, &["h1", "h2", "h3", "header"]) {
        return false;
    }
    let Some(title) = &meta.title else {
        return false;
    };
    text_similarity(title, text) >= TITLE_REPEAT && text_similarity(text, title) >= TITLE_REPEAT
}

/// Shortest text (characters) whose repetition marks a duplicate: short lines such as
/// "Advertisement" or a name may legitimately recur.
const MIN_REPEATED_CHARS: usize = 30;

/// Captions that repeat an earlier one word for word: gallery captions shown per
/// thumbnail, mobile and desktop copies of one caption. The first copy stays. (Only
/// captions: prose may legitimately repeat, and Reader View keeps it.) `marks` is
/// [`Marks::of`] the article's root.
fn remove_repeated_blocks(marks: &Marks) {
    let mut seen = std::collections::HashSet::new();
    let leaves: Vec<NodeRef> = marks
        .order
        .iter()
        .filter(|n| {
            dom::is_any(
                n,
                &[
                    "p",
                    "figcaption",
                    "li",
                    "h2",
                    "h3",
                    "h4",
                    "h5",
                    "h6",
                    "div",
                    "span",
                ],
            )
        })
        .filter(|n| is_caption(n, marks) && !marks.is_protected(n) && !dom::has_block_descendant(n))
        .copied()
        .collect();
    for leaf in leaves {
        if leaf.parent().is_none() {
            continue;
        }
        let text = dom::inner_text(&leaf);
        if text.chars().count() < MIN_REPEATED_CHARS {
            continue;
        }
        // A wrapper and its only child say the same thing once, not twice.
        if leaf.parent().is_some_and(|p| dom::inner_text(&p) == text) {
            continue;
        }
        if !seen.insert(text) {
            leaf.remove_from_parent();
        }
    }
}

/// Fewest words of a teaser headline: a one- or two-word link is a name or a term.
const MIN_TEASER_WORDS: usize = 4;

/// A paragraph that is nothing but one link to another story ("SHOCKING CLAIMS: …").
fn is_teaser_link(block: &NodeRef, text: &str) -> bool {
    if !block.has_name("p") || text.split_whitespace().count() < MIN_TEASER_WORDS {
        return false;
    }
    let links = dom::descendants_named(block, "a");
    let [link] = links.as_slice() else {
        return false;
    };
    let href = dom::attr(link, "href");
    !href.starts_with('#') && dom::inner_text(link) == text
}

/// A `figcaption`, anything inside a `figure`, or a block whose class says caption.
fn is_caption(node: &NodeRef, marks: &Marks) -> bool {
    node.has_name("figcaption") || dom::names_contain(node, "caption") || marks.in_captions(node)
}

/// A `figure`, or an element whose class or id says caption: what lies inside is a caption.
fn holds_captions(node: &NodeRef) -> bool {
    node.has_name("figure") || dom::names_contain(node, "caption")
}

/// The nodes below the article's root, in document order, and for each whether an element
/// above it is inside code, a table or math (numbers and short lines there are data) and
/// whether one holds captions ([`holds_captions`]). Found in one pass down the tree each:
/// asking each block for its ancestors walked hundreds of them per block on a deeply nested
/// page. Removing a subtree leaves what stays where it was: valid for the nodes that stay.
struct Marks<'a> {
    order: Vec<NodeRef<'a>>,
    positions: dom::Positions,
    protected: Vec<bool>,
    in_captions: Vec<bool>,
}

impl<'a> Marks<'a> {
    fn of(root: &NodeRef<'a>) -> Marks<'a> {
        let order: Vec<NodeRef> = root.descendants_it().collect();
        let positions = dom::Positions::of(&order);
        let protected = dom::under_each(root, &order, &positions, is_protecting);
        let in_captions = dom::under_each(root, &order, &positions, holds_captions);
        Marks {
            order,
            positions,
            protected,
            in_captions,
        }
    }

    /// Whether `node` is inside code, a table or math.
    fn is_protected(&self, node: &NodeRef) -> bool {
        self.positions.get(&node.id).map_or_else(
            || dom::has_ancestor(node, is_protecting),
            |i| self.protected[i],
        )
    }

    /// Whether an element above `node` holds captions.
    fn in_captions(&self, node: &NodeRef) -> bool {
        self.positions.get(&node.id).map_or_else(
            || dom::has_ancestor(node, holds_captions),
            |i| self.in_captions[i],
        )
    }
}

fn is_protecting(node: &NodeRef) -> bool {
    dom::is_any(node, PROTECTED)
}

/// Longest photo credit (characters).
const MAX_CREDIT_CHARS: usize = 80;

/// Media: an element holding one is never taken for a credit line.
const MEDIA: &[&str] = &["img", "picture", "figure", "video", "audio", "svg", "math"];

fn holds_media(node: &NodeRef) -> bool {
    node.descendants_it().any(|d| dom::is_any(&d, MEDIA))
}

/// Photo credits ("(Image: GETTY)", "Sonu Mehta/Hindustan Times/Getty Images"), at any
/// level (they are often a `span` inside a caption): the caption stays, the credit goes.
fn remove_credits(root: &NodeRef) {
    // Every element's length, read in one pass (asking each element read its text again
    // for every level of nesting above it, up to the bound).
    let lens = dom::TextLens::of(root);
    let credits: Vec<NodeRef> = root
        .descendants_it()
        // An element without text is no credit (and most elements are short): its text
        // need not be built.
        .filter(|n| n.is_element() && (1..=MAX_CREDIT_CHARS).contains(&lens.len(n)))
        .filter(|n| is_credit(&dom::lowered(dom::inner_text(n))) && !holds_media(n))
        .collect();
    for credit in credits {
        credit.remove_from_parent();
    }
}

fn is_credit(lower: &str) -> bool {
    !lower.is_empty()
        && (patterns::CREDIT_OPENINGS
            .iter()
            .any(|o| lower.starts_with(o))
            || patterns::matches_any(lower, patterns::CREDIT_PHRASES))
}

#[cfg(test)]
mod tests {
    use super::*;
    use dom_query::Document;

    /// What [`remove`] leaves of `<article>{body}</article>` holds every `kept` text and none
    /// of the `gone` ones.
    fn assert_left(body: &str, gone: &[&str], kept: &[&str]) {
        let doc = Document::from(format!("<article>{body}</article>"));
        let root = doc.select("article").nodes()[0];
        remove(&root, &Metadata::default());
        let text = dom::inner_text(&root);
        for g in gone {
            assert!(!text.contains(g), "{g:?} left in {text:?}");
        }
        for k in kept {
            assert!(text.contains(k), "{k:?} lost from {text:?}");
        }
    }

    #[test]
    fn a_labelled_table_of_contents_goes_a_box_named_contents_stays() {
        assert_left(
            "<p>Intro.</p><p>Table of Contents</p><ul>\
             <li><a href='#why'>Why it matters</a></li><li><a href='#how'>How to</a></li></ul>\
             <h2 id='why'>Why it matters</h2><p>Because.</p>\
             <h3>In this article</h3><p>We look at <a href='/x'>tools</a> and more.</p>",
            &["Table of Contents", "How to"],
            &["Why it matters", "In this article", "We look at"],
        );
    }

    #[test]
    fn a_tags_label_goes_with_its_links_a_sentence_about_tags_stays() {
        assert_left(
            "<p>The recipe needs an hour.</p><h4>Tags:</h4><ul>\
             <li><a href='/t/bread'>bread</a></li><li><a href='/t/rye'>rye</a></li></ul>\
             <p>Tags help readers find more recipes like this one.</p>",
            &["Tags:", "rye"],
            &["an hour", "Tags help readers"],
        );
    }

    #[test]
    fn a_script_error_message_goes_advice_to_retry_stays() {
        assert_left(
            "<p>Mix the dough for ten minutes.</p>\
             <div class='msg'>Oops! Something went wrong. Please try again later.</div>\
             <p>Error rating book. Refresh and try again.</p>\
             <p>If the dough tears, rest it and try again.</p>",
            &["Oops", "Error rating"],
            &["ten minutes", "rest it and try again"],
        );
    }

    #[test]
    fn platform_labels_go() {
        // A sponsored card's label, a forum's "Jump to latest", a newsletter platform's
        // discussion heading and its "Related posts" list.
        assert_left(
            "<p>The council met on Tuesday.</p><div>Sponsored</div>\
             <p><a href='/t/1/last'>Jump to latest</a></p><h4>Discussion about this post</h4>\
             <h3>Related posts</h3><ul><li><a href='/p/a'>Budget day</a></li>\
             <li><a href='/p/b'>Road works</a></li></ul><p>It ends at noon.</p>",
            &[
                "Sponsored",
                "Jump to",
                "Discussion about",
                "Related posts",
                "Road works",
            ],
            &["on Tuesday", "at noon"],
        );
    }

    #[test]
    fn a_wrapper_is_judged_again_once_its_long_block_went() {
        // The list item is too long to judge, and so is the wrapper holding it, until the
        // related-stories label takes the list away: then the wrapper is a short label.
        let long = "A story about something else entirely. ".repeat(8);
        assert_left(
            &format!(
                "<p>The council met on Tuesday.</p><div>Advertisement<h4>Related</h4>\
                 <ul><li><a href='/a'>{long}</a></li></ul></div>"
            ),
            &["Advertisement", "Related", "something else"],
            &["on Tuesday"],
        );
        assert_left(
            &format!("<div>Advertisement<div><p>{long}</p></div></div>"),
            &[],
            &["Advertisement", "something else"],
        );
    }

    #[test]
    fn digit_runs_split_numbers_from_words() {
        fn runs(word: &str) -> Vec<&str> {
            digit_runs(word).collect()
        }
        assert_eq!(runs("2of4"), ["2", "of", "4"]);
        assert_eq!(runs("shares"), ["shares"]);
        assert_eq!(runs("é3ü45x"), ["é", "3", "ü", "45", "x"]);
        assert!(is_counter("858 shares") && is_counter("1 of 4") && is_counter("2of4"));
        assert!(!is_counter("shares") && !is_counter("1 of 4 5") && !is_counter("a of b"));
    }

    #[test]
    fn date_lines_are_dates_not_prices() {
        for line in [
            "updated 10:43 nov 19, 2019",
            "19.11.2019",
            "10:43",
            "posted on 3 june",
        ] {
            assert!(is_date_line(line), "{line}");
        }
        for line in ["$19.20", "€ 36", "£1,299.00", "on sale 19 nov: $20"] {
            assert!(!is_date_line(line), "{line}");
        }
    }
}
