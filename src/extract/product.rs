//! What a product page's main region holds that is not the product.
//!
//! A product page is one product: its name, description and specifications. Around them
//! shops put other products — "People who viewed this item also viewed", "Seller's other
//! items", "Complete the look" — as runs of cards, each a link to another product with its
//! price. The region keeps every run of cards on other kinds of page (a collection's grid
//! *is* its content); here a run of priced cards is somewhere else to go, and goes.
//!
//! Runs on the main region (after the chrome is gone), before it is written out.

use dom_query::{Document, NodeId, NodeRef};

use super::region::{self, MAX_ELSEWHERE_SHARE};
use crate::dom;

/// The product region without the other products: the `elsewhere` sections found on the
/// whole page ([`elsewhere_sections`]) and the runs of priced cards ([`drop_card_runs`]).
pub fn tidy(doc: &Document, region: &NodeRef, elsewhere: &[NodeId]) {
    for id in elsewhere {
        if let Some(node) = doc.tree.get(id) {
            node.remove_from_parent();
        }
    }
    drop_menus(region);
    drop_before_name(region);
    drop_card_runs(region);
    super::repeats::drop_repeats(region);
    super::listing::remove_furniture(region, false);
}

/// The sections headed "People who viewed this item also viewed", "Seller's other items"…
/// ([`super::patterns::ELSEWHERE_HEADINGS`]), found on the whole page before the region narrows
/// it (their removal must not change which region is chosen). Shops wrap such a heading
/// in blocks of its own (`div > div > h2`): the section is the parent of the outermost
/// block holding nothing but the heading, when that block opens it and it is a small part
/// of the page; else the block and the one after it. (The region drops such sections on
/// every kind of page, but only the heading's own parent: on a forum the "Recommended
/// Posts" wrapper is the thread itself.)
pub fn elsewhere_sections(doc: &Document) -> Vec<NodeId> {
    let Some(body) = doc.body() else {
        return Vec::new();
    };
    let total = dom::text_len(&body) as f64;
    let mut doomed = Vec::new();
    for heading in elsewhere_headings(&body) {
        let block = heading_block(&body, heading);
        let section = block.parent().filter(|p| {
            p.id != body.id
                && p.first_element_child().is_some_and(|f| f.id == block.id)
                && (dom::text_len(p) as f64) < total * MAX_ELSEWHERE_SHARE
                && !holds_headline(p)
        });
        match section {
            Some(section) => doomed.push(section.id),
            None => {
                doomed.push(block.id);
                doomed.extend(
                    block
                        .next_element_sibling()
                        .filter(|n| !holds_headline(n))
                        .map(|n| n.id),
                );
            }
        }
    }
    doomed
}

/// Headings (`h2`–`h6`) naming somewhere else to go.
fn elsewhere_headings<'a>(body: &NodeRef<'a>) -> Vec<NodeRef<'a>> {
    body.descendants_it()
        .filter(region::is_elsewhere_heading)
        .collect()
}

/// The outermost wrapper of `heading` below `body` holding nothing but the heading.
fn heading_block<'a>(body: &NodeRef<'a>, heading: NodeRef<'a>) -> NodeRef<'a> {
    let chars = dom::text_len(&heading);
    let mut block = heading;
    while let Some(parent) = block.parent().filter(|p| p.id != body.id) {
        if dom::text_len(&parent) > chars || parent.element_children().len() > 1 {
            break;
        }
        block = parent;
    }
    block
}

/// Removes what comes before the product's name (its `<h1>`) and has text: breadcrumbs,
/// promotion bars, a menu that escaped the chrome. The pictures of a gallery (no text)
/// stay.
fn drop_before_name(region: &NodeRef) {
    let Some(h1) = region.descendants_it().find(|n| n.has_name("h1")) else {
        return;
    };
    let mut doomed = Vec::new();
    let mut node = h1;
    while node.id != region.id {
        let mut prev = node.prev_element_sibling();
        while let Some(p) = prev {
            if is_lead_in(&p) {
                doomed.push(p);
            }
            prev = p.prev_element_sibling();
        }
        let Some(parent) = node.parent() else { break };
        node = parent;
    }
    for n in doomed {
        n.remove_from_parent();
    }
}

/// A block before the product's name longer than this (characters) with few links is
/// prose: a description some layouts put first, never a breadcrumb or a promotion.
/// (Measured on WCXB-dev's product pages: 200 -> 0.6427, 400 -> 0.6440, 800 -> 0.6421,
/// where descriptions placed first start to go.)
const LEAD_IN_MAX_CHARS: usize = 400;

/// Text before the product's name that is not its description: short, or mostly links.
fn is_lead_in(node: &NodeRef) -> bool {
    let chars = dom::text_len(node);
    chars > 0 && (chars <= LEAD_IN_MAX_CHARS || dom::link_density(node) > MENU_LINK_DENSITY)
}

/// ARIA roles of a site's menus.
const MENU_ROLES: &[&str] = &["navigation", "menu", "menubar"];

/// A menu is mostly links: more than this share of its text is link text. (A `nav` of the
/// product's own tabs — description, specifications — holds their panels' prose.)
const MENU_LINK_DENSITY: f64 = 0.5;

/// Removes the menus (`nav`, ARIA navigation and menus) still in the region: the chrome
/// stripper spares an element holding most of the page's text, and a shop's mega-menu of a
/// thousand categories can outweigh the product it leads to.
fn drop_menus(region: &NodeRef) {
    let mut doomed = Vec::new();
    let mut next = region.first_element_child();
    while let Some(node) = next {
        let menu = is_menu(&node);
        if menu {
            doomed.push(node);
        }
        next = dom::next_element_within(&node, menu, Some(region.id));
    }
    for node in doomed {
        node.remove_from_parent();
    }
}

/// A `nav` or an element whose role is a menu's, made mostly of links.
fn is_menu(node: &NodeRef) -> bool {
    (node.has_name("nav") || dom::with_attr(node, "role", |r| MENU_ROLES.contains(&r)))
        && dom::link_density(node) > MENU_LINK_DENSITY
}

/// A card is short: a title, a price, a rating, a delivery line (characters). The product
/// itself, with its description, is longer.
const CARD_MAX_CHARS: usize = 400;

/// This many priced cards side by side make a run (one or two are the product and its
/// bundle or variant).
const MIN_CARDS: usize = 3;

/// More items than this are a page of results (a category page taken for a product: shops
/// page their grids by 12, 24 or 48), not a row of suggestions (3 to 9 on WCXB-dev's
/// product pages).
const MAX_CARDS: usize = 10;

/// The cards hold at least this share of their container's text: the container is the run
/// (a heading and a "See all" link may sit beside the cards).
const RUN_SHARE: f64 = 0.6;

/// A run holding more than this share of the region is the page's own grid (a category
/// page taken for a product, `/products/air-purifiers/`): it is the content and stays.
const MAX_RUN_SHARE: f64 = 0.5;

/// Currency signs a price starts (or, in much of Europe, ends) with.
const CURRENCY_SIGNS: &[char] = &['$', '€', '£', '¥', '₹'];

/// Removes every run of priced cards from `region`, except one holding the page's headline.
pub fn drop_card_runs(region: &NodeRef) {
    let runs: Vec<NodeRef> = region
        .descendants_it()
        .filter(|n| n.is_element() && is_card_run(n))
        .collect();
    let total = dom::text_len(region) as f64;
    // Outermost first: a removed run takes any run inside it along.
    for run in runs {
        let grid = dom::text_len(&run) as f64 > MAX_RUN_SHARE * total;
        if run.parent().is_some() && !grid && !holds_headline(&run) {
            run.remove_from_parent();
        }
    }
}

/// At least [`MIN_CARDS`] children are priced cards and they hold most of the text.
fn is_card_run(node: &NodeRef) -> bool {
    let children = node.element_children();
    if !(MIN_CARDS..=MAX_CARDS).contains(&children.len()) {
        return false;
    }
    let mut cards = 0;
    let mut card_chars = 0;
    for child in &children {
        if let Some(text) = dom::inner_text_within(child, CARD_MAX_CHARS)
            && has_price(&text)
            && has_link(child)
        {
            cards += 1;
            card_chars += text.chars().count();
        }
    }
    cards >= MIN_CARDS && card_chars as f64 >= RUN_SHARE * dom::text_len(node) as f64
}

/// A currency sign next to a digit.
fn has_price(text: &str) -> bool {
    let chars: Vec<char> = text.chars().collect();
    chars.windows(2).any(|w| {
        (CURRENCY_SIGNS.contains(&w[0]) && w[1].is_ascii_digit())
            || (w[0].is_ascii_digit() && CURRENCY_SIGNS.contains(&w[1]))
    })
}

/// The node is or holds a link somewhere else.
fn has_link(node: &NodeRef) -> bool {
    std::iter::once(*node)
        .chain(node.descendants_it())
        .any(|n| n.has_name("a") && n.attr("href").is_some_and(|h| !h.starts_with('#')))
}

/// The node holds the page's `<h1>` (the product's own name).
fn holds_headline(node: &NodeRef) -> bool {
    node.descendants_it().any(|n| n.has_name("h1"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn prices_either_side_of_the_number() {
        assert!(has_price("Was $20.11 now"));
        assert!(has_price("19,99€"));
        assert!(!has_price("Size 16, 4 pack"));
    }

    #[test]
    fn breadcrumbs_and_promotions_before_the_name_go_a_long_description_stays() {
        let long = "A light, warm tent for two that packs small and pitches in minutes. ".repeat(8);
        let doc = Document::from(format!(
            "<main><div><a href='/'>Home</a> / <a href='/tents'>Tents</a></div>\
             <p>Free delivery over $50</p><div><img src='t.jpg'></div><p>{long}</p>\
             <div><h1>Tent</h1><p>$120</p></div><p>Made of nylon.</p></main>"
        ));
        let main = doc.select("main").nodes()[0];
        drop_before_name(&main);
        let text = dom::inner_text(&main);
        assert!(!text.contains("Home") && !text.contains("Free delivery"));
        assert!(text.contains("pitches in minutes") && text.contains("Made of nylon"));
        assert_eq!(doc.select("main img").length(), 1);
    }

    #[test]
    fn a_menu_of_links_goes_the_product_tabs_stay() {
        let doc = Document::from(
            "<main><nav><a href='/a'>Tents</a> <a href='/b'>Stoves</a> <a href='/c'>Bags</a></nav>\
             <h1>Tent</h1><nav><a href='#d'>Description</a><p>A tent for two that packs \
             small and pitches in minutes, with a porch for boots.</p></nav></main>",
        );
        let main = doc.select("main").nodes()[0];
        drop_menus(&main);
        let text = dom::inner_text(&main);
        assert!(!text.contains("Stoves"));
        assert!(text.contains("a porch for boots"));
    }

    #[test]
    fn a_run_of_priced_cards_goes_the_product_stays() {
        let doc = Document::from(
            "<main><h1>Tent</h1><p>A tent for two, $120.</p>\
             <div><h2>Also viewed</h2><ul>\
             <li><a href='/a'>Tent A</a> $99</li><li><a href='/b'>Tent B</a> $80</li>\
             <li><a href='/c'>Tent C</a> $70</li></ul></div></main>",
        );
        let main = doc.select("main").nodes()[0];
        drop_card_runs(&main);
        let text = dom::inner_text(&main);
        assert!(text.contains("A tent for two"));
        assert!(!text.contains("Tent B"));
    }
}
