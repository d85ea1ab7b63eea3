//! The page's main region: what is left of the page once its chrome is gone.
//!
//! Many pages a user clips have no single prose container: a thread is a run of posts, a
//! listing or a product grid is a run of cards, a service page is a run of sections (hero,
//! features, pricing, FAQ), a product page spreads its name, description and specifications
//! over several blocks. Scoring paragraphs into one container (the article finder) keeps
//! one post, one card or one section of those. This strategy keeps them all:
//!
//! 1. **strip the chrome**: hidden nodes, dialogs, navigation, page headers and footers,
//!    sidebars, search and filter panels, cookie and newsletter notices, share bars —
//!    by tag, ARIA role and class/id words ([`is_chrome`]); a block holding the page's
//!    headline is never chrome;
//! 2. **narrow** to the page's declared main region (`<main>`, `role=main`) when it holds
//!    enough of what is left ([`main_region`]), with the prose on the headline's topic that
//!    the template left outside it ([`gather_prose_outside`]);
//! 3. **drop link lists**: lists of short links (menus that escaped their markup), not a
//!    grid of titled cards (a shop's categories: an image and a heading in each link).
//!
//! On a thread, [`super::forum`] then takes the furniture around its posts away; on a
//! product page the other products around the product (suggestion rows, runs of priced
//! cards) go too ([`super::product`]); on the other kinds (listings, shop grids, service
//! pages, and a prose page whose region stands in for its container) the cards' furniture
//! (screen-reader labels, badges, buttons) goes ([`super::listing`]). The result is
//! cleaned like any article (furniture, media, URLs).

use dom_query::{Document, NodeId, NodeRef};

use super::classify::PageType;
use super::find_article::{self, Found};
use super::forum;
use super::patterns::{self, WordSet, has_words};
use crate::dom::{self, DeepText, next_element};

/// A declared main region (`<main>`, `role=main`) is the content when it holds at least
/// this share of the text left after the chrome is gone; below that it is a fragment (a
/// hero banner marked `main` on a page whose sections follow it).
const MAIN_REGION_SHARE: f64 = 0.4;

/// An element holding more than this share of the page's text is the page itself (a
/// wrapper some sites name "offcanvas" or "modal-root"), never chrome.
const MAX_CHROME_SHARE: f64 = 0.5;

/// A class/id word alone makes chrome of a short block or a link-heavy one; a long prose
/// block named so is content in a layout class ("sidebar-first-only" on the main column).
const CHROME_WORD_MAX_CHARS: usize = 200;
const CHROME_WORD_LINK_DENSITY: f64 = 0.35;

/// A list is a menu when most of its text is link text…
const MENU_LINK_DENSITY: f64 = 0.8;
/// …its items are short (characters per item, on average)…
const MENU_ITEM_CHARS: usize = 30;
/// …and it has at least this many items.
const MENU_MIN_ITEMS: usize = 3;

/// Elements that are never part of a page's content.
const CHROME_TAGS: &[&str] = &[
    "nav", "aside", "dialog", "button", "select", "input", "textarea", "iframe", "svg",
];

/// Elements that are chrome when they belong to the page, not to a post or card inside it.
const PAGE_LEVEL_CHROME_TAGS: &[&str] = &["header", "footer"];

/// ARIA roles of page chrome.
const CHROME_ROLES: &[&str] = &[
    "navigation",
    "banner",
    "contentinfo",
    "complementary",
    "search",
    "menu",
    "menubar",
    "dialog",
    "alertdialog",
    "toolbar",
];

/// Containers inside which a `header`/`footer` belongs to a post or a card, not the page.
const CONTENT_SCOPES: &[&str] = &["article", "main", "section", "li"];

/// Class/id words (whole `-`/`_`-delimited words) of page chrome. Whole words, not
/// substrings: "nav" must not hit "canvas", "ad" must not hit "header".
const CHROME_WORDS: WordSet = WordSet::new(&[
    "nav",
    "navbar",
    "navigation",
    "menu",
    "megamenu",
    "submenu",
    "breadcrumb",
    "breadcrumbs",
    "sidebar",
    "cookie",
    "cookies",
    "consent",
    "gdpr",
    "newsletter",
    "modal",
    "popup",
    "overlay",
    "drawer",
    "offcanvas",
    "share",
    "sharing",
    "social",
    "skip",
    "skiplink",
    "filter",
    "filters",
    "facet",
    "facets",
    "refinements",
    "pagination",
    "pager",
    "toolbar",
    "topbar",
    "announcement",
    "signup",
    "subscribe",
    "masthead",
    "footer",
    "ads",
    "advert",
    "advertisement",
    "sponsored",
    "promo",
    "related",
    "recommendations",
    "upsell",
    "carousel",
    "slider",
    "crosssell",
    "recently",
    "similar",
]);

/// Class/id words of cookie and consent notices: chrome at any length. Their preference
/// centres run to thousands of words (a paragraph per purpose), which neither the short
/// block rule of [`CHROME_WORDS`] nor the page-wrapper guard ([`MAX_CHROME_SHARE`]) may
/// save: no page's content is named so. ("cookies" is not one: a bakery's shop names its
/// category so.)
const CONSENT_WORDS: WordSet = WordSet::new(&["cookie", "consent", "gdpr", "onetrust"]);

/// No class/id words: the pages whose kind names no more chrome than every page's.
const NO_WORDS: WordSet = WordSet::new(&[]);

/// Extracts the main region of a prepared document, on its own copy.
pub fn find(doc: &Document, kind: PageType) -> Option<Found> {
    let doc = doc.clone();
    let extra = match kind {
        PageType::Product => &REVIEW_WORDS,
        PageType::Forum => &forum::FURNITURE_WORDS,
        _ => &NO_WORDS,
    };
    let (root, byline) = {
        let elsewhere = match kind {
            PageType::Product => super::product::elsewhere_sections(&doc),
            _ => Vec::new(),
        };
        if kind == PageType::Forum {
            forum::keep_author_names(&doc.body()?);
        }
        let region = stripped_region(&doc, extra)?;
        match kind {
            PageType::Forum => forum::tidy(&region),
            PageType::Product => super::product::tidy(&doc, &region, &elsewhere),
            _ => super::listing::tidy(&region),
        }
        let byline = first_byline(&region);
        (detach_children(&doc, &region)?, byline)
    };
    Some(Found {
        document: doc,
        root,
        byline,
        dir: None,
    })
}

/// The prose hull of the page: the smallest element of the main region holding most of its
/// prose (paragraphs of some length with few links), comment threads left out; and how many
/// characters of prose the region has. A second opinion for prose pages whose article
/// finder kept one section of many (a buying guide's picks, a listicle's items).
pub fn prose_hull(doc: &Document) -> Option<(Found, usize)> {
    let doc = doc.clone();
    let (root, prose) = {
        let region = stripped_region(&doc, &COMMENT_WORDS)?;
        let (hull, prose) = hull_of(&region)?;
        (detach_children(&doc, &hull)?, prose)
    };
    Some((
        Found {
            document: doc,
            root,
            byline: None,
            dir: None,
        },
        prose,
    ))
}

/// The body with its chrome (and elements named by `extra_words`) gone, narrowed to its
/// declared main region, without menus, sections pointing elsewhere and forms.
fn stripped_region<'a>(doc: &'a Document, extra_words: &WordSet) -> Option<NodeRef<'a>> {
    let body = doc.body()?;
    let headline = headline(&body);
    let mains = strip_chrome(&body, headline.as_ref(), extra_words);
    let region = match main_region(&body, &mains) {
        Some(main) => {
            gather_prose_outside(&body, &main, headline.as_ref());
            main
        }
        None => body,
    };
    let blocks = Blocks::of(&region);
    let menus_dropped = drop_menus(&blocks.lists);
    drop_elsewhere_sections(&region, &blocks.headings, menus_dropped);
    open_forms(&blocks.forms);
    Some(region)
}

/// The lists, section headings and forms of a region, found in one walk for the three steps
/// that act on them ([`drop_menus`], [`drop_elsewhere_sections`], [`open_forms`]), each of
/// which walked the region on its own. A step only removes subtrees (or renames a form):
/// what the earlier steps took away is told by its no longer having the region as an ancestor.
struct Blocks<'a> {
    /// `ul` and `ol`, in document order.
    lists: Vec<NodeRef<'a>>,
    /// `h2`–`h6`, in document order.
    headings: Vec<NodeRef<'a>>,
    /// `form`, in document order.
    forms: Vec<NodeRef<'a>>,
}

impl<'a> Blocks<'a> {
    fn of(region: &NodeRef<'a>) -> Blocks<'a> {
        let mut blocks = Blocks {
            lists: Vec::new(),
            headings: Vec::new(),
            forms: Vec::new(),
        };
        for node in region.descendants_it() {
            let list = dom::with_tag(&node, |tag| match tag {
                "ul" | "ol" => Some(&mut blocks.lists),
                "form" => Some(&mut blocks.forms),
                _ if SUB_HEADINGS.contains(&tag) => Some(&mut blocks.headings),
                _ => None,
            });
            if let Some(list) = list {
                list.push(node);
            }
        }
        blocks
    }
}

/// The first author line of the region (left in place: on a thread each post has one).
fn first_byline(region: &NodeRef) -> Option<String> {
    region
        .descendants_it()
        .filter(|n| n.is_element())
        .find_map(|n| find_article::byline_of(&n, &dom::names_of(&n)))
}

/// A new detached `div` holding `node`'s children: the finding's root, when it has text.
fn detach_children(doc: &Document, node: &NodeRef) -> Option<NodeId> {
    let root = doc.tree.new_element("div");
    while let Some(child) = node.first_child() {
        root.append_child(&child);
    }
    root.is_nonempty_text_deep().then_some(root.id)
}

/// Class/id words of customer reviews and their widgets: a product page's content is the
/// product (WCXB's product pages leave reviews out of the content in 9 of 10 cases).
const REVIEW_WORDS: WordSet = WordSet::new(&[
    "review",
    "reviews",
    "ratings",
    "testimonials",
    "yotpo",
    "okendo",
    "judgeme",
    "bazaarvoice",
    "bv",
    "stamped",
    "qa",
    "questions",
]);

/// Class/id words of comment threads: a prose page's comments are prose, but not its article.
const COMMENT_WORDS: WordSet = WordSet::new(&[
    "comment",
    "comments",
    "respond",
    "disqus",
    "replies",
    "discussion",
]);

/// A prose paragraph has at least this many characters…
const PROSE_MIN_CHARS: usize = 60;
/// …and at most this link density.
const PROSE_MAX_LINK_DENSITY: f64 = 0.3;
/// The hull holds at least this share of the region's prose.
const HULL_SHARE: f64 = 0.8;

/// Elements that hold a paragraph of text.
const PARAGRAPHS: &[&str] = &["p", "li", "blockquote", "dd"];

/// The prose paragraphs under `root` (long enough, few links; the outermost of nested ones)
/// with their lengths.
fn prose_paragraphs<'a>(root: &NodeRef<'a>) -> impl Iterator<Item = (NodeRef<'a>, usize)> {
    // The outermost paragraphs, found in one walk down that steps over each paragraph's
    // subtree (no paragraph climbs its ancestors, and no map of every node is built).
    let is_paragraph = |n: &NodeRef| dom::is_any(n, PARAGRAPHS);
    let inside = is_paragraph(root) || dom::has_ancestor(root, is_paragraph);
    let (mut next, root_id) = (root.first_element_child().filter(|_| !inside), root.id);
    std::iter::from_fn(move || {
        while let Some(node) = next {
            let paragraph = is_paragraph(&node);
            next = dom::next_element_within(&node, paragraph, Some(root_id));
            if paragraph {
                return Some(node);
            }
        }
        None
    })
    .map(|n| (n, dom::text_len(&n)))
    .filter(|(n, chars)| {
        // The paragraph's own length is known: link density reads only its links'.
        let len = |x: &NodeRef| {
            if x.id == n.id {
                *chars
            } else {
                dom::text_len(x)
            }
        };
        *chars >= PROSE_MIN_CHARS && dom::link_density_by(n, len) <= PROSE_MAX_LINK_DENSITY
    })
}

/// Characters of prose in the whole page, chrome included: an upper bound of what
/// [`prose_hull`] counts, cheap to read (no copy of the page).
pub fn page_prose_chars(doc: &Document) -> usize {
    doc.body().map_or(0, |body| {
        prose_paragraphs(&body).map(|(_, chars)| chars).sum()
    })
}

/// The deepest element of `region` holding [`HULL_SHARE`] of its prose, and the prose's
/// total characters.
fn hull_of<'a>(region: &NodeRef<'a>) -> Option<(NodeRef<'a>, usize)> {
    let mut own: dom::NodeMap<usize> = dom::NodeMap::default();
    let mut total = 0;
    for (paragraph, chars) in prose_paragraphs(region) {
        total += chars;
        own.insert(paragraph.id, chars);
    }
    // The prose below each element, summed bottom-up (reverse document order reaches every
    // child before its parent): no paragraph climbs its ancestors.
    let mut prose: dom::NodeMap<usize> = dom::NodeMap::default();
    let order: Vec<NodeRef> = region.descendants_it().collect();
    for node in order.iter().rev() {
        let chars =
            prose.get(&node.id).copied().unwrap_or(0) + own.get(&node.id).copied().unwrap_or(0);
        if chars == 0 {
            continue;
        }
        if let Some(parent) = node.parent().filter(|p| p.id != region.id) {
            *prose.entry(parent.id).or_default() += chars;
        }
    }
    if total == 0 {
        return None;
    }
    let needed = (total as f64 * HULL_SHARE) as usize;
    let mut hull = *region;
    while let Some(child) = hull
        .element_children()
        .into_iter()
        .find(|c| prose.get(&c.id).is_some_and(|&p| p >= needed))
    {
        hull = child;
    }
    Some((hull, total))
}

/// The page's first `<h1>`: the block holding it is content, whatever its class says.
fn headline<'a>(body: &NodeRef<'a>) -> Option<NodeRef<'a>> {
    body.descendants_it()
        .find(|n| n.has_name("h1") && dom::text_len(n) > 0)
}

/// Removes every chrome element below `body` (outermost first, so each subtree goes once).
/// Returns the outermost declared main regions left (`<main>`, `role=main`), in document
/// order: the walk reads every element that stays, so [`main_region`] need not walk again.
fn strip_chrome<'a>(
    body: &NodeRef<'a>,
    headline: Option<&NodeRef>,
    extra_words: &WordSet,
) -> Vec<NodeRef<'a>> {
    let lens = dom::TextLens::of(body);
    let page_chars = lens.len(body) as f64;
    // The headline and the blocks holding it, read once (asking each node whether it holds
    // the headline climbed the headline's ancestors once per node). A page's nesting is
    // shallow: a list is read faster than a hashed set.
    let holds_headline: Vec<NodeId> = headline
        .map(|h| {
            std::iter::once(*h)
                .chain(h.ancestors_it(None))
                .map(|a| a.id)
                .collect()
        })
        .unwrap_or_default();
    let (mut doomed, mut mains) = (Vec::new(), Vec::new());
    let mut next = body.first_element_child();
    while let Some(node) = next {
        let [consent, chrome_word, extra_word] = has_words(
            &dom::names_of(&node),
            [&CONSENT_WORDS, &CHROME_WORDS, extra_words],
        );
        let protected = holds_headline.contains(&node.id)
            || (!consent && lens.len(&node) as f64 > page_chars * MAX_CHROME_SHARE);
        if !protected && (consent || is_chrome(&node, chrome_word, &lens) || extra_word) {
            next = next_element(&node, true);
            doomed.push(node);
            continue;
        }
        // Its ancestors all stay too: they were walked before it, and none was chrome.
        if is_main(&node) && !dom::has_ancestor(&node, is_main) {
            mains.push(node);
        }
        next = next_element(&node, false);
    }
    for node in doomed {
        node.remove_from_parent();
    }
    mains
}

/// Hidden, a dialog, or chrome by tag, role or class/id words (`chrome_word`: a
/// [`CHROME_WORDS`] word is among its [`dom::class_and_id`]). `lens` holds the lengths of
/// the page's nodes.
fn is_chrome(node: &NodeRef, chrome_word: bool, lens: &dom::TextLens) -> bool {
    if dom::is_hidden(node) || dom::is_any(node, CHROME_TAGS) {
        return true;
    }
    if dom::with_attr(node, "role", |r| CHROME_ROLES.contains(&r)) {
        return true;
    }
    if dom::is_any(node, PAGE_LEVEL_CHROME_TAGS)
        && !dom::has_ancestor(node, |a| dom::is_any(a, CONTENT_SCOPES))
    {
        return true;
    }
    chrome_word
        && (lens.len(node) < CHROME_WORD_MAX_CHARS
            || dom::link_density_by(node, |n| lens.len(n)) > CHROME_WORD_LINK_DENSITY)
}

/// A declared main region: `<main>` or `role=main`.
fn is_main(node: &NodeRef) -> bool {
    node.has_name("main") || dom::attr_is(node, "role", "main")
}

/// The one declared main region of `mains` (the outermost ones below `body`), when it holds
/// enough of the page's text.
fn main_region<'a>(body: &NodeRef<'a>, mains: &[NodeRef<'a>]) -> Option<NodeRef<'a>> {
    let [main] = mains else {
        return None;
    };
    let (total, in_main) = dom::text_len_with_part(body, main);
    (in_main as f64 / total.max(1) as f64 >= MAIN_REGION_SHARE).then_some(*main)
}

/// Headings below the page's `<h1>`: a section's, a card's.
const SUB_HEADINGS: &[&str] = &["h2", "h3", "h4", "h5", "h6"];

/// The headings of a page's own sections, where a guide names its topic (an `h5` or `h6`
/// is a card's or a widget's label more often).
const TOPIC_HEADINGS: &[&str] = &["h2", "h3", "h4"];

/// A block outside the declared main region joins it when it holds at least this many
/// characters of prose…
const OUTSIDE_PROSE_CHARS: usize = 400;
/// …making at least this share of its text…
const OUTSIDE_PROSE_SHARE: f64 = 0.5;
/// …under a heading sharing a word of at least this many letters with the headline. (A
/// footer's prose, "About us", "Accessibility", is on no page's topic.) Measured on
/// WCXB-dev: the blocks join the region on 9 pages; 4 change, all collections: two shops'
/// buying guides below their grids (0.20 -> 0.62, 0.22 -> 0.66, 0.15 -> 0.42) and one whose
/// truth leaves its guide out (0.78 -> 0.65). Without the heading test, footers join on
/// many shops (collection 0.7099 -> 0.7083, product three pages worse).
const TOPIC_WORD_CHARS: usize = 5;

/// Moves into `main` the blocks around it (siblings of it and of its ancestors) that are
/// prose on the page's topic: a shop's buying guide below its grid, left out of the `<main>`
/// the template wraps around the products. Blocks before `main` go first, blocks after it
/// last.
fn gather_prose_outside(body: &NodeRef, main: &NodeRef, headline: Option<&NodeRef>) {
    let Some(topic) = headline.map(|h| topic_words(&dom::inner_text(h))) else {
        return;
    };
    let mut node = *main;
    while let Some(parent) = node.parent() {
        let (mut blocks, mut before) = (Vec::new(), 0);
        for sibling in parent.element_children() {
            if sibling.id == node.id {
                before = blocks.len();
            } else if is_prose_block(&sibling) && has_topic_heading(&sibling, &topic) {
                blocks.push(sibling);
            }
        }
        for block in blocks[..before].iter().rev() {
            main.prepend_child(block);
        }
        for block in &blocks[before..] {
            main.append_child(block);
        }
        if parent.id == body.id {
            break;
        }
        node = parent;
    }
}

/// The words of `text` long enough to name a topic ("barbecue", "lenses"), lower-cased: the
/// short ones are mostly function words ("your", "with", "best").
fn topic_words(text: &str) -> Vec<String> {
    crate::words::lower_words(text)
        .into_iter()
        .filter(|w| w.chars().count() >= TOPIC_WORD_CHARS)
        .collect()
}

/// Some section heading of `block` shares a word with the `topic`.
fn has_topic_heading(block: &NodeRef, topic: &[String]) -> bool {
    block
        .descendants_it()
        .filter(|n| dom::is_any(n, TOPIC_HEADINGS))
        .any(|h| {
            topic_words(&dom::inner_text(&h))
                .iter()
                .any(|w| topic.contains(w))
        })
}

/// `node` holds [`OUTSIDE_PROSE_CHARS`] of prose, [`OUTSIDE_PROSE_SHARE`] of its text.
fn is_prose_block(node: &NodeRef) -> bool {
    let prose: usize = prose_paragraphs(node).map(|(_, chars)| chars).sum();
    prose >= OUTSIDE_PROSE_CHARS && prose as f64 >= OUTSIDE_PROSE_SHARE * dom::text_len(node) as f64
}

/// A section holding at most this share of the region's text can go with its heading.
pub(super) const MAX_ELSEWHERE_SHARE: f64 = 0.4;

/// A heading (`h2`–`h6`) naming somewhere else to go: "You may also like", "Related posts"….
pub(super) fn is_elsewhere_heading(node: &NodeRef) -> bool {
    if !dom::is_any(node, SUB_HEADINGS) {
        return false;
    }
    let text = dom::inner_text(node).to_lowercase();
    text.chars().count() < MAX_HEADING_CHARS
        && patterns::ELSEWHERE_HEADINGS
            .iter()
            .any(|o| text.starts_with(o))
}

/// Removes sections headed "You may also like", "Related posts"…: the heading's parent when
/// the heading opens it and it is a small part of the region, else the heading and the
/// block after it. `headings` are the region's `h2`–`h6` before `menus_dropped`.
fn drop_elsewhere_sections(region: &NodeRef, headings: &[NodeRef], menus_dropped: bool) {
    let headings: Vec<&NodeRef> = headings
        .iter()
        // Still below the region: no menu took it away with its list.
        .filter(|h| !menus_dropped || dom::has_ancestor(h, |a| a.id == region.id))
        .filter(|h| is_elsewhere_heading(h))
        .collect();
    // The region's length is read only on the pages that have such a heading.
    let total = if headings.is_empty() {
        0.0
    } else {
        dom::text_len(region) as f64
    };
    for heading in headings {
        if heading.parent().is_none() {
            continue;
        }
        let section = heading.parent().filter(|p| {
            p.id != region.id
                && p.first_element_child().is_some_and(|f| f.id == heading.id)
                && (dom::text_len(p) as f64) < total * MAX_ELSEWHERE_SHARE
        });
        match section {
            Some(section) => section.remove_from_parent(),
            None => {
                if let Some(next) = heading.next_element_sibling() {
                    next.remove_from_parent();
                }
                heading.remove_from_parent();
            }
        }
    }
}

/// A heading longer than this is a sentence, not a section label.
const MAX_HEADING_CHARS: usize = 60;

/// A `<form>` holding real text is a page built inside one (ASP.NET pages wrap the whole
/// body in a form): it becomes a `div`, since forms are never written out. Short forms
/// (search boxes, sign-ups) go. (A form an earlier step took away with its block is
/// detached: what becomes of it is never seen.)
fn open_forms(forms: &[NodeRef]) {
    for form in forms.iter().rev() {
        if dom::text_len(form) < CHROME_WORD_MAX_CHARS {
            form.remove_from_parent();
        } else {
            form.rename("div");
        }
    }
}

/// Removes the `lists` (a region's, in document order) that are menus: mostly short links.
/// Whether it removed any.
fn drop_menus(lists: &[NodeRef]) -> bool {
    let mut dropped = false;
    for list in lists.iter().rev() {
        if is_menu(list) {
            list.remove_from_parent();
            dropped = true;
        }
    }
    dropped
}

/// A list of [`MENU_MIN_ITEMS`] or more short items that are nearly all link text.
fn is_menu(list: &NodeRef) -> bool {
    let items = list
        .element_children()
        .iter()
        .filter(|c| c.has_name("li"))
        .count();
    if items < MENU_MIN_ITEMS {
        return false;
    }
    let chars = dom::text_len(list);
    chars / items <= MENU_ITEM_CHARS
        && dom::link_density(list) >= MENU_LINK_DENSITY
        && !has_titled_items(list, items)
}

/// Most of the list's items hold a heading: a grid of cards (a shop's categories, each an
/// image and a titled link), not a menu, however short their titles.
fn has_titled_items(list: &NodeRef, items: usize) -> bool {
    let titled = list
        .element_children()
        .iter()
        .filter(|c| c.has_name("li") && c.descendants_it().any(|d| dom::is_any(&d, SUB_HEADINGS)))
        .count();
    titled * 2 > items
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_long_consent_centre_goes_even_when_it_outweighs_the_cards() {
        let purpose = "<h4>Measure content performance</h4><p>Information regarding which \
            content is presented to you and how you interact with it can be used.</p>"
            .repeat(12);
        let doc = Document::from(format!(
            "<body><h1>Tomato Sauce Recipes</h1><ul><li><a href='/a'>Spaghetti and \
             Meatballs</a></li><li><a href='/b'>Vodka Pizza</a></li></ul>\
             <div id='onetrust-consent-sdk' class='show-banner'><div class='ot-pc'>\
             <h2>Privacy Preference Center</h2>{purpose}</div></div></body>"
        ));
        let region = stripped_region(&doc, &NO_WORDS).expect("a region");
        let text = dom::inner_text(&region);
        assert!(text.contains("Vodka Pizza"));
        assert!(!text.contains("Privacy Preference") && !text.contains("content performance"));
    }

    fn category_grid(title_tag: &str) -> String {
        let cards: String = ["Radios", "Power Banks", "Speakers", "Phone Accessories"]
            .iter()
            .map(|name| {
                format!(
                    "<li class='product-category'><a href='/c/{name}'><img src='/{name}.jpg' \
                     alt='{name}'><{title_tag}>{name} <mark>(4)</mark></{title_tag}></a></li>"
                )
            })
            .collect();
        format!("<body><h1>Electronics and gadgets</h1><ul class='products'>{cards}</ul></body>")
    }

    /// A shop's category page: its `<main>` holds the grid; a block after it, outside, holds
    /// a guide under `guide_heading` and a store notice in prose.
    fn shop_with_guide(guide_heading: &str) -> String {
        let cards = "<li><h3><a href='/p1'>Kettle 57 cm</a></h3><p>149,00 €</p></li>".repeat(30);
        let guide = "Le couvercle transforme votre barbecue en four d'extérieur : vous maîtrisez \
                     enfin vos cuissons, en directe comme en indirecte. "
            .repeat(4);
        format!(
            "<body><div class='page'><main><h1>Barbecue au charbon de bois</h1><ul>{cards}</ul>\
             </main><div class='bottom'><h2>{guide_heading}</h2><p>{guide}</p></div></div></body>"
        )
    }

    #[test]
    fn a_guide_on_the_headline_topic_outside_main_joins_it_after_the_grid() {
        let doc = Document::from(shop_with_guide("Comment choisir son barbecue charbon ?"));
        let text = dom::inner_text(&stripped_region(&doc, &NO_WORDS).unwrap());
        let (grid, guide) = (text.find("Kettle 57 cm"), text.find("Comment choisir"));
        assert!(grid.is_some() && guide.is_some() && grid < guide, "{text}");
    }

    #[test]
    fn prose_outside_main_on_another_topic_stays_out() {
        let doc = Document::from(shop_with_guide("Nos engagements"));
        let text = dom::inner_text(&stripped_region(&doc, &NO_WORDS).unwrap());
        assert!(
            text.contains("Kettle 57 cm") && !text.contains("couvercle"),
            "{text}"
        );
    }

    #[test]
    fn a_grid_of_titled_category_cards_is_no_menu() {
        let doc = Document::from(category_grid("h2"));
        let region = stripped_region(&doc, &NO_WORDS).unwrap();
        assert!(dom::inner_text(&region).contains("Power Banks (4)"));
    }

    #[test]
    fn the_same_links_without_titles_are_a_menu() {
        let doc = Document::from(category_grid("span"));
        let region = stripped_region(&doc, &NO_WORDS).unwrap();
        assert!(!dom::inner_text(&region).contains("Power Banks"));
    }

    #[test]
    fn a_shop_category_named_cookies_stays() {
        let cards = "<div class='card'><h3><a href='/p'>Oatmeal raisin</a></h3><p>Baked every \
            morning with rolled oats, plump raisins and a pinch of cinnamon. $12 a dozen.</p>\
            </div>"
            .repeat(6);
        let doc = Document::from(format!(
            "<body><h1>Our bakery</h1><section id='cookies' class='category'><h2>Cookies</h2>\
             {cards}</section><div class='cookie-notice'>We use cookies.</div></body>"
        ));
        let region = stripped_region(&doc, &NO_WORDS).expect("a region");
        let text = dom::inner_text(&region);
        assert!(text.contains("Oatmeal raisin"), "{text}");
        assert!(!text.contains("We use cookies"), "{text}");
    }

    #[test]
    fn prose_paragraphs_are_the_outermost_long_ones() {
        let long = "A sentence of the page's own prose, long enough to count as one. ";
        let doc = Document::from(format!(
            "<body><div><p>{long}</p><blockquote><p>{long}</p>{long}</blockquote></div>\
             <ul><li>short</li><li><a href='/x'>{long}</a></li></ul><p>{long}{long}</p></body>"
        ));
        let body = doc.body().unwrap();
        let found: Vec<String> = prose_paragraphs(&body)
            .map(|(n, chars)| format!("{}:{chars}", dom::tag(&n)))
            .collect();
        assert_eq!(found, ["p:64", "blockquote:129", "p:129"]);
        let quote = dom::descendants_named(&body, "blockquote")[0];
        assert_eq!(prose_paragraphs(&quote).count(), 0, "inside a paragraph");
    }

    #[test]
    fn a_long_block_in_a_layout_class_stays() {
        let prose = "A long paragraph of the page's own prose, in a column. ".repeat(8);
        let doc = Document::from(format!(
            "<body><h1>Title</h1><div class='sidebar-first-only'><p>{prose}</p></div></body>"
        ));
        let region = stripped_region(&doc, &NO_WORDS).expect("a region");
        assert!(dom::inner_text(&region).contains("own prose"));
    }
}
