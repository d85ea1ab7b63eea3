//! Choose the content: the strategy the page's kind calls for, and a second opinion when
//! the first answer is weak or missing.
//!
//! * Prose kinds (articles, documentation) are one container: the article finder
//!   ([`super::find_article`]) scores paragraphs into it. The main region is the second
//!   opinion: when the container holds only a small part of the region's text, the page
//!   was not one container after all (a landing page or an index that looked like an
//!   article), and the region wins; when the finder finds nothing, the region stands in.
//!   Two more shapes make the region win whatever the container's length, on every prose
//!   page: the region is a run of linked cards (link density 0.15 to 0.6) at an address
//!   that can be an index's (a section, not a story's slug), and the container holds under
//!   a third of its words (the finder kept one card); or the region has almost no links
//!   (at most 8) and the container holds under 60% of its words (it kept one section of a
//!   page made of many). Measured on WCXB-dev: listing 0.6614 -> 0.6894 (6 pages better,
//!   1 worse), article 0.9452 -> 0.9482 (6 better), service and product one page better
//!   each, no other page changed; Readability and ScrapingHub unchanged page by page
//!   (their news pages heavy with teasers have the cards' shape, but not at an index's
//!   address). At an index's address a region with a few links more (at most 20: a landing
//!   page's calls to action) is a page of sections too, when the container holds under 65%
//!   of its words (WCXB-dev: service 0.8268 -> 0.8378, 11 pages better, none worse).
//!   Otherwise a page that declares itself an article (schema.org, `og:type`)
//!   gets the region only when its container is a stub (a paragraph or two, with four times
//!   more in the region: the introduction of a page of cards that a CMS calls an article),
//!   and the prose hull when the container misses most of the page's prose: a short
//!   container there is a short article (a paywalled teaser). A page that declares
//!   where its article text is (`itemprop="articleBody"`, JSON-LD `articleBody`) gets none.
//! * The other kinds spread their content over the page: the main region
//!   ([`super::region`]) keeps every post, card or section. When the region is empty, the
//!   article finder stands in.
//!
//! A page only ends without content when neither finds any text.

use std::collections::HashMap;

use dom_query::{Document, NodeRef};

use super::classify::Kind;
use super::find_article::{self, Found};
use super::metadata::Metadata;
use super::region;
use crate::words::words;
use crate::{Options, dom};

/// A short prose container holding less than this share of the main region's text is one
/// part of a page made of many (measured on WCXB-dev: below 0.4 the region scores better
/// on most such pages, above it the container does).
const MIN_CONTAINER_SHARE: f64 = 0.4;

/// Only a container shorter than this (characters, about 150 words) can be that: a real
/// article is longer, and a long article among much longer comments and teasers (news
/// pages) is still the article.
const WEAK_CONTAINER_CHARS: usize = 1000;

/// The container is a weak answer next to the region.
fn is_weak(container: usize, region: usize) -> bool {
    container < WEAK_CONTAINER_CHARS && (container as f64) < MIN_CONTAINER_SHARE * region as f64
}

/// A container of a page declaring itself an article shorter than this (characters, about
/// 60 words) is not its article but the introduction of a page of cards (a CMS declares
/// every page an article), when the region holds [`STUB_REGION_FACTOR`] times more.
/// Measured on WCXB-dev: 3 pages change (a listing 0.227 -> 0.892, a collection 0.023 ->
/// 0.939, an article 0.194 -> 0.071), Readability and ScrapingHub unchanged; at 700
/// characters and 3 times, ScrapingHub falls to 0.959 (news teasers) and a thread is lost.
const STUB_CONTAINER_CHARS: usize = 400;
const STUB_REGION_FACTOR: usize = 4;

fn is_stub(container: usize, region: usize) -> bool {
    container < STUB_CONTAINER_CHARS && container * STUB_REGION_FACTOR < region
}

/// A container holding less than this share of the page's prose kept one section of an
/// article made of many.
const MIN_PROSE_SHARE: f64 = 0.2;

fn misses_prose(container: usize, prose: usize) -> bool {
    (container as f64) < MIN_PROSE_SHARE * prose as f64
}

/// A container holding less than this share of the region's words is one card of many
/// when the region is a run of cards (see [`MIN_CARDS_LINK_DENSITY`]). Measured on
/// WCXB-dev: at 0.4, one more listing gains, two listings and a shop's grid lose.
const MAX_CARD_SHARE: f64 = 0.3;

/// A run of cards is linked in part (each card's title) but not mostly: between these link
/// densities. Below, the region is prose; above, it is menus and link farms around an
/// article (measured on WCXB-dev: the articles whose region passed 0.6 lost to it).
const MIN_CARDS_LINK_DENSITY: f64 = 0.15;
const MAX_CARDS_LINK_DENSITY: f64 = 0.6;

/// The container is one card of the region's run of linked cards (`region_chars`: the
/// region's [`chars`], read once by the caller).
fn is_card(container: &Found, region: &Found, region_chars: usize) -> bool {
    let Some(root) = region.document.tree.get(&region.root) else {
        return false;
    };
    let len = |n: &NodeRef| {
        if n.id == root.id {
            region_chars
        } else {
            dom::text_len(n)
        }
    };
    (MIN_CARDS_LINK_DENSITY..=MAX_CARDS_LINK_DENSITY).contains(&dom::link_density_by(&root, len))
        && covered_share(container, &root) < MAX_CARD_SHARE
}

/// A region with at most this many links holds no menus, teasers or related links: what
/// of it the container leaves out is more of the page's own sections. Measured on WCXB-dev:
/// at 12, articles whose region has a few related links begin to lose to it.
const MAX_PLAIN_REGION_LINKS: usize = 8;

/// In such a region, a container holding less than this share of its words kept one
/// section of a page made of many.
const MAX_SECTION_SHARE: f64 = 0.6;

/// At an address that can be an index's (a service, a section of a site, not a story's
/// slug), a region with at most this many links is still a page of sections: a landing
/// page's sections carry a call to action or two each. (A story's page with as many links
/// is an article among related links and comments, so its own address is needed to tell.)
/// Measured on WCXB-dev with [`MAX_INDEX_SECTION_SHARE`]: 11 pages better (service 5,
/// listing 2, article 2, collection, product), none worse; at 25 links a collection and a
/// documentation page trade places, beyond 30 articles lose.
const MAX_INDEX_REGION_LINKS: usize = 20;

/// On such an address, a container holding less than this share of the region's words kept
/// one section of many (at 0.7 a service page loses, at 0.6 two service pages stay with
/// their one section).
const MAX_INDEX_SECTION_SHARE: f64 = 0.65;

/// The container is one section of a plain region (one with almost no links, or few at an
/// index's address) longer than a short page ([`WEAK_CONTAINER_CHARS`]; shorter ones are
/// [`is_weak`]'s). `region_chars` is the region's [`chars`].
fn is_section(kind: Kind, container: &Found, region: &Found, region_chars: usize) -> bool {
    let Some(root) = region.document.tree.get(&region.root) else {
        return false;
    };
    if region_chars < WEAK_CONTAINER_CHARS {
        return false;
    }
    let links = dom::descendants_named(&root, "a").len();
    let plain = links <= MAX_PLAIN_REGION_LINKS;
    let plain_index = kind.index_url && links <= MAX_INDEX_REGION_LINKS;
    // The share reads both texts whole: only worth it when the links allow a section.
    if !plain && !plain_index {
        return false;
    }
    let share = covered_share(container, &root);
    (plain && share < MAX_SECTION_SHARE) || (plain_index && share < MAX_INDEX_SECTION_SHARE)
}

/// The region is the better answer than the prose container: the container is one section
/// of a plain region or, at an address that can be an index's, one of its cards. (A
/// story's page has the shape of cards when its teasers outweigh the story, so its own
/// address is needed to tell.) `region_chars` is the region's [`chars`].
fn wins(kind: Kind, container: &Found, region: &Found, region_chars: usize) -> bool {
    (kind.index_url && is_card(container, region, region_chars))
        || is_section(kind, container, region, region_chars)
}

/// The share of the region's words (as a multiset, lower-cased) that the container holds.
fn covered_share(container: &Found, region: &NodeRef) -> f64 {
    let Some(c) = container.document.tree.get(&container.root) else {
        return 0.0;
    };
    let held_text = dom::inner_text(&c).to_lowercase();
    let mut held = word_counts(&held_text);
    let text = dom::inner_text(region).to_lowercase();
    let (mut total, mut common) = (0usize, 0usize);
    for word in words(&text) {
        total += 1;
        if let Some(n) = held.get_mut(word).filter(|n| **n > 0) {
            *n -= 1;
            common += 1;
        }
    }
    if total == 0 {
        0.0
    } else {
        common as f64 / total as f64
    }
}

/// How many times each word of the lower-cased text occurs (the words borrowed from it, not
/// copied one by one).
fn word_counts(lower: &str) -> HashMap<&str, usize> {
    let mut counts = HashMap::new();
    for word in words(lower) {
        *counts.entry(word).or_insert(0) += 1;
    }
    counts
}

/// Characters of text a finding of the main region holds (the article finder reports its
/// own, [`find_article::find_measured`]).
fn chars(found: &Found) -> usize {
    found
        .document
        .tree
        .get(&found.root)
        .map(|r| dom::text_len(&r))
        .unwrap_or(0)
}

/// A container holding at least this share of the page's text leaves the region (a subset
/// of the page) too little to win by: neither [`is_weak`] (under 40% of the region) nor
/// [`wins`] (under 60% of its words) can hold, so the region, a stripped copy of the page,
/// is not built. (Building it for every page raised the per-node cost of long articles by
/// about 15%: a fuzz find of 350,000 nodes in 342 KB took 1.6 s.)
const HOLDS_THE_PAGE_SHARE: f64 = 0.9;

/// The region may be the better answer than a container of `length` characters.
fn region_may_win(doc: &Document, length: usize) -> bool {
    // Counting stops once the page is long enough: the whole body was read on every page.
    let limit = shortest_page_held(length) - 1;
    doc.body()
        .is_some_and(|body| dom::text_len_over(&body, limit))
}

/// Whether a container of `length` characters is under [`HOLDS_THE_PAGE_SHARE`] of a
/// page of `page` characters.
fn is_under_share(length: usize, page: usize) -> bool {
    (length as f64) < HOLDS_THE_PAGE_SHARE * page as f64
}

/// The fewest page characters a container of `length` characters is under
/// [`HOLDS_THE_PAGE_SHARE`] of (the float comparison is monotone in the page's length,
/// so the estimate is stepped to the exact boundary).
fn shortest_page_held(length: usize) -> usize {
    let mut page = (length as f64 / HOLDS_THE_PAGE_SHARE) as usize;
    while page > 0 && is_under_share(length, page - 1) {
        page -= 1;
    }
    while !is_under_share(length, page) {
        page += 1;
    }
    page
}

/// On a prose page the article finder did not declare, its container of `length`
/// characters stands against the region: it is neither weak next to it nor beaten by it.
fn container_stands(kind: Kind, container: &Found, length: usize, region: &Found) -> bool {
    let region_chars = chars(region);
    !is_weak(length, region_chars) && !wins(kind, container, region, region_chars)
}

/// The content of a prepared document of kind `kind`.
pub fn find(doc: &Document, meta: &Metadata, kind: Kind, opts: &Options) -> Option<Found> {
    if kind.page_type.is_prose() && find_article::declares_body(doc, meta) {
        find_article::find(doc, meta, opts).or_else(|| region::find(doc, kind.page_type))
    } else if kind.page_type.is_prose() && kind.declared {
        let Some((container, length)) = find_article::find_measured(doc, meta, opts) else {
            return region::find(doc, kind.page_type);
        };
        if region_may_win(doc, length)
            && let Some(r) = region::find(doc, kind.page_type).filter(|r| {
                let region_chars = chars(r);
                wins(kind, &container, r, region_chars) || is_stub(length, region_chars)
            })
        {
            return Some(r);
        }
        // The whole page's prose bounds the region's from above: when the container holds
        // enough of it, the region (a copy of the page) need not be built.
        if !misses_prose(length, region::page_prose_chars(doc)) {
            return Some(container);
        }
        match region::prose_hull(doc) {
            Some((hull, prose)) if misses_prose(length, prose) => Some(hull),
            _ => Some(container),
        }
    } else if kind.page_type.is_prose() {
        let container = find_article::find_measured(doc, meta, opts);
        if let Some((_, length)) = &container
            && !region_may_win(doc, *length)
        {
            return container.map(|(c, _)| c);
        }
        match (container, region::find(doc, kind.page_type)) {
            (Some((c, length)), Some(r)) if container_stands(kind, &c, length, &r) => Some(c),
            (c, r) => r.or(c.map(|(c, _)| c)),
        }
    } else {
        region::find(doc, kind.page_type)
            .filter(|r| chars(r) > 0)
            .or_else(|| find_article::find(doc, meta, opts))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shortest_page_held_is_the_exact_share_boundary() {
        for length in [0, 1, 8, 9, 10, 90, 899, 900, 901, 12_345] {
            let page = shortest_page_held(length);
            assert!(is_under_share(length, page), "{length}");
            assert!(page == 0 || !is_under_share(length, page - 1), "{length}");
        }
    }
    use crate::extract::classify::PageType;

    /// The long first section of a landing page (what the article finder keeps), and the
    /// whole page: that section among short ones, each with a call to action, a dozen links.
    fn landing_page() -> (String, String) {
        let long = "Our consultants review your security programme, compare it with current \
                    practice and write a plan your team can follow for years. "
            .repeat(6);
        let first = format!("<section><h2>Workshops</h2><p>{long}</p></section>");
        let mut page = first.clone();
        for (i, name) in ["Assessments", "Threat intelligence", "Cloud reviews"]
            .iter()
            .enumerate()
        {
            page.push_str(&format!(
                "<section><h2>{name}</h2><ul><li>Penetration testing of networks {i}</li>\
                 <li>Compliance and regulatory gap analysis</li><li>Vulnerability scans \
                 of every asset</li></ul><p><a href='/sheet{i}'>Datasheet</a> \
                 <a href='/paper{i}'>White paper</a> <a href='/talk{i}'>Talk to us</a></p>\
                 <p>Each engagement ends with a written report and a meeting.</p></section>"
            ));
        }
        (first, page)
    }

    fn found(html: &str) -> Found {
        let document = Document::from(format!("<body>{html}</body>"));
        let root = document.body().unwrap().id;
        Found {
            document,
            root,
            byline: None,
            dir: None,
        }
    }

    fn kind(index_url: bool) -> Kind {
        Kind {
            page_type: PageType::Article,
            declared: false,
            index_url,
        }
    }

    #[test]
    fn at_an_index_address_a_section_among_linked_sections_gives_way_to_the_region() {
        let (first, page) = landing_page();
        let page = found(&page);
        assert!(wins(kind(true), &found(&first), &page, chars(&page)));
    }

    #[test]
    fn at_a_story_address_a_region_with_links_does_not_win() {
        let (first, page) = landing_page();
        let page = found(&page);
        assert!(!wins(kind(false), &found(&first), &page, chars(&page)));
    }

    #[test]
    fn a_container_holding_most_of_the_region_keeps_it() {
        let (_, page) = landing_page();
        let region = found(&page);
        assert!(!wins(kind(true), &found(&page), &region, chars(&region)));
    }
}
