//! What kind of page this is: an article, a thread, documentation, a product, a listing, a
//! collection (a shop's grid) or a service (landing) page. The kind decides how the content
//! is found: one prose container for articles, the whole main region for the rest.
//!
//! Evidence is added up per kind from signals that hold across sites, and the kind with
//! the most wins (articles on a tie: they are what is clipped most):
//! * **schema.org types** in JSON-LD (`NewsArticle`, `DiscussionForumPosting`, `Product`,
//!   `CollectionPage`…) and microdata (`itemtype`);
//! * **`og:type`** (`article`, `product`, `product.group`);
//! * **the URL's shape**: `/t/…` and `forum.` hosts, `/docs/`, `/products/`, `/collections/`,
//!   a date in the path, the site's home page;
//! * **the document**: many posts with their own author and time, code blocks, an
//!   "add to cart" control, many prices — counted in one walk ([`Signals`]);
//! * **what a service page lacks and has**: a marketing page names neither a publication
//!   date nor an author (an article, even an undeclared one, nearly always names one or the
//!   other) and asks the reader to act ("get started", "request a demo", "contact us");
//!   service and solution paths (`/services/…`) and schema.org `Service`-like types add to
//!   that, and a shop's page (many elements marked as prices) is exempt. Measured on
//!   WCXB-dev: service pages named right 40 -> 92 of 165, articles named service 3 -> 19
//!   of 793 (their F1 unchanged: those are mostly one-container pages either way).
//!
//! **Indexes that call themselves articles.** A site's `og:type=article` or `Article` markup
//! is often sitewide, on its section pages too; those go to the article finder, which keeps
//! one card of many. A body whose headings are mostly links to elsewhere (cards' titles, at
//! least [`MIN_CARD_TITLES`], outside nav, header, footer and aside) at a URL that names a
//! section rather than one piece ([`is_index_url`]) is a listing, whatever the evidence
//! said — unless it is a shop's grid (many price marks) or asks the reader to act (a
//! landing page's teaser cards: there the article finder measured better). Measured on
//! WCXB-dev: listing 0.6462 -> 0.6614, article 0.9442 -> 0.9448, collection and service
//! level (0.6519, 0.8157), page types 1162 -> 1172 right; the Readability pages, whose
//! stand-in URL names a document (`page.html`), unchanged. Without the two exemptions the
//! rule gave listing 0.680 but cost collection (3 shop grids) and service (1 page).
//! A call to action exempts only an index whose cards are undated: a news or blog index
//! dates its cards ([`MIN_CARD_DATES`]) and may still ask for a newsletter sign-up.
//! Measured on WCXB-dev: listings named right +4 (none lost), listing 0.7058 -> 0.7098
//! (2 pages up, none down); exempting every dated page instead cost a service page (-0.15).
//!
//! The walk is linear: whether an `article` holds a `time` is learned on leaving it, not by
//! searching it again, so nested `article`s cost no more than flat ones.

use dom_query::{Document, NodeData, NodeId, NodeRef};
use html5ever::{LocalName, local_name};
use serde::{Deserialize, Serialize};
use url::Url;

use super::address::is_web_address;
use super::patterns;
use crate::dom;

/// The kind of a page.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum PageType {
    /// News, blog posts, guides, reviews: one piece of prose.
    #[default]
    Article,
    /// A thread or Q&A: a question or opening post and its replies.
    Forum,
    /// API docs, tutorials, wikis: prose with code.
    Documentation,
    /// One product: name, description, specifications.
    Product,
    /// An index of posts, courses, reviews: a run of cards.
    Listing,
    /// A shop's category page: a grid of products.
    Collection,
    /// A company's or product's marketing page: a run of sections.
    Service,
}

/// Every kind, in tie-breaking order.
const KINDS: [PageType; 7] = [
    PageType::Article,
    PageType::Forum,
    PageType::Documentation,
    PageType::Product,
    PageType::Listing,
    PageType::Collection,
    PageType::Service,
];

impl PageType {
    /// The lower-case name used in the JSON output and the front matter.
    pub fn name(self) -> &'static str {
        match self {
            PageType::Article => "article",
            PageType::Forum => "forum",
            PageType::Documentation => "documentation",
            PageType::Product => "product",
            PageType::Listing => "listing",
            PageType::Collection => "collection",
            PageType::Service => "service",
        }
    }

    /// Pages of this kind are one prose container; the others spread their content over
    /// the page's main region.
    pub fn is_prose(self) -> bool {
        matches!(self, PageType::Article | PageType::Documentation)
    }

    /// Pages of this kind repeat blocks by design: a reference page describes the same
    /// parameter under every endpoint, so a block said twice there is not a layout's copy
    /// (measured on WCXB-dev: dropping copied sections on pages classed documentation too
    /// lowered 3 pages and raised 1, −0.22 summed F1).
    pub fn repeats_by_design(self) -> bool {
        self == PageType::Documentation
    }
}

/// Evidence weights. A strong signal (the site names the kind) outweighs a weak one (a URL
/// shape some sites use for other things); the article prior breaks ties.
const PRIOR_ARTICLE: i32 = 1;
const STRONG: i32 = 4;
const MEDIUM: i32 = 2;
const WEAK: i32 = 1;

/// schema.org types naming a kind outright.
const ARTICLE_TYPES: &[&str] = &[
    "Article",
    "NewsArticle",
    "BlogPosting",
    "ReportageNewsArticle",
    "AnalysisNewsArticle",
    "OpinionNewsArticle",
    "ReviewNewsArticle",
    "ScholarlyArticle",
    "Recipe",
    "LiveBlogPosting",
];
const FORUM_TYPES: &[&str] = &["DiscussionForumPosting", "QAPage", "SocialMediaPosting"];
const DOCS_TYPES: &[&str] = &["TechArticle", "APIReference", "HowTo"];
const LIST_TYPES: &[&str] = &["CollectionPage", "ItemList", "SearchResultsPage"];

/// Path segments (between slashes) of each kind's URLs.
const FORUM_SEGMENTS: &[&str] = &[
    "t",
    "thread",
    "threads",
    "topic",
    "topics",
    "questions",
    "forum",
    "forums",
    "discussion",
    "discussions",
    "d",
    "comments",
    "viewtopic.php",
    "showthread.php",
];
const DOCS_SEGMENTS: &[&str] = &[
    "docs",
    "doc",
    "documentation",
    "api",
    "reference",
    "manual",
    "guide",
    "guides",
    "wiki",
    "tutorial",
    "tutorials",
    "book",
    "learn",
];
const PRODUCT_SEGMENTS: &[&str] = &["product", "products", "p", "dp", "item", "itm", "pd", "pdp"];
const COLLECTION_SEGMENTS: &[&str] = &[
    "collections",
    "collection",
    "category",
    "categories",
    "c",
    "shop",
    "b",
    "browse",
    "department",
    "catalog",
    "s",
];
/// Path segments of a site's publication sections: a page under one (`/blog/<slug>`) is a
/// post (the section's own page, the last segment, is its index).
const ARTICLE_SECTIONS: &[&str] = &[
    "blog", "blogs", "article", "articles", "post", "posts", "story", "stories", "insights",
];
/// Path segments of a company's service and landing pages (`/services/cloud-migration`).
const SERVICE_SEGMENTS: &[&str] = &[
    "services",
    "service",
    "solutions",
    "pricing",
    "features",
    "what-we-do",
    "capabilities",
    "consulting",
    "platform",
    "plans",
];
/// schema.org types a service or landing page declares (an article page does not).
const SERVICE_TYPES: &[&str] = &[
    "Service",
    "ProfessionalService",
    "SoftwareApplication",
    "WebApplication",
    "LocalBusiness",
    "Offer",
    "FAQPage",
];
/// schema.org types naming the person who wrote the page.
const AUTHOR_TYPES: &[&str] = &["Person"];
/// First labels of hosts that serve one kind.
const FORUM_HOSTS: &[&str] = &[
    "forum",
    "forums",
    "community",
    "discuss",
    "discussion",
    "answers",
    "talk",
];
const DOCS_HOSTS: &[&str] = &["docs", "developer", "developers", "wiki", "doc", "devdocs"];

/// Posts with their own author and time: this many make a thread, and this many marked up
/// as comments or answers outweigh a CMS's generic `Article` markup on a thread's page
/// (an index's cards are `article`s with a `time` too, so those do not count there).
const MIN_POSTS: usize = 3;
const MANY_POSTS: usize = 10;
/// Code blocks: this many make documentation likely.
const MIN_CODE_BLOCKS: usize = 3;
/// Prices: this many make a grid of products.
const MIN_PRICES: usize = 8;

/// What the classifier concluded.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Kind {
    /// The kind with the most evidence.
    pub page_type: PageType,
    /// The page names its kind itself (schema.org type or `og:type`) and it is the one
    /// chosen: the strategies then trust it over their own second opinions.
    pub declared: bool,
    /// The URL names a section of the site rather than one piece ([`is_index_url`]): an
    /// index may live there, which a story's own address rules out.
    pub index_url: bool,
}

/// The kind of the page, from its JSON-LD, meta tags, URL and document.
pub fn classify(doc: &Document, url: &Url) -> Kind {
    let mut evidence = Evidence::default();
    evidence.add(PageType::Article, PRIOR_ARTICLE);
    let (schema, meta) = page_facts(doc);
    schema_evidence(&schema.types, &mut evidence);
    og_type_evidence(&meta.og_type, &mut evidence);
    let declared = evidence;
    url_evidence(url, &mut evidence);
    let signals = doc.body().map(|b| Signals::read(&b)).unwrap_or_default();
    document_evidence(&signals, &mut evidence);
    let has_author = signals.byline
        || schema
            .types
            .iter()
            .any(|t| AUTHOR_TYPES.contains(&t.as_str()));
    let dated = signals.dated || schema.dated || meta.dated;
    service_evidence(!dated && !has_author, &signals, &mut evidence);
    let best = evidence.best();
    let declared_kind = declared.best() == best && declared.of(best) > PRIOR_ARTICLE;
    let shop = signals.price_marks >= SHOP_PRICE_MARKS;
    let marketing =
        signals.calls_to_action >= MIN_CALLS_TO_ACTION && signals.dates < MIN_CARD_DATES;
    let index_url = is_index_url(url);
    if best.is_prose() && !marketing && !shop && signals.is_index() && index_url {
        return Kind {
            page_type: PageType::Listing,
            declared: false,
            index_url,
        };
    }
    Kind {
        page_type: best,
        declared: declared_kind && declared.best() == best,
        index_url,
    }
}

/// Points per kind, in [`KINDS`] order.
#[derive(Clone, Copy, Default)]
struct Evidence([i32; KINDS.len()]);

impl Evidence {
    fn index(kind: PageType) -> usize {
        KINDS.iter().position(|k| *k == kind).unwrap_or(0)
    }

    fn add(&mut self, kind: PageType, points: i32) {
        self.0[Self::index(kind)] += points;
    }

    fn of(&self, kind: PageType) -> i32 {
        self.0[Self::index(kind)]
    }

    /// The kind with the most points; the earlier in [`KINDS`] on a tie.
    fn best(&self) -> PageType {
        let i = (0..KINDS.len())
            .max_by_key(|&i| (self.0[i], std::cmp::Reverse(i)))
            .unwrap_or(0);
        KINDS[i]
    }
}

/// What the page's structured data says.
#[derive(Default)]
struct SchemaFacts {
    /// Every schema.org type the page declares: JSON-LD `@type`s and microdata `itemtype`s.
    types: Vec<String>,
    /// The JSON-LD names a publication date (`datePublished`).
    dated: bool,
}

/// The page's structured data and `<meta>` tags, read in one walk of the whole page (three
/// walks, one per kind of element, cost more than what they read).
fn page_facts(doc: &Document) -> (SchemaFacts, MetaFacts) {
    let (mut schema, mut meta) = (SchemaFacts::default(), MetaFacts::default());
    // Microdata types follow the JSON-LD ones, as when each was gathered in a walk of its own.
    let mut item_types = Vec::new();
    for node in doc.root().descendants_it() {
        let Some(name) = node.qual_name_ref().map(|q| q.local.clone()) else {
            continue; // not an element
        };
        if name == local_name!("script") {
            read_json_ld(&node, &mut schema);
        } else if name == local_name!("meta") {
            read_meta(&node, &mut meta);
        }
        // The attribute found by its atom: comparing each attribute's name as text cost
        // more than the rest of this walk.
        if let Some(element) = node.element_ref()
            && let Some(itemtype) = element
                .attrs
                .iter()
                .find(|a| a.name.local == local_name!("itemtype"))
        {
            item_types.extend(
                itemtype
                    .value
                    .split_whitespace()
                    .filter_map(|t| t.rsplit('/').next())
                    .map(String::from),
            );
        }
    }
    schema.types.append(&mut item_types);
    (schema, meta)
}

/// The JSON-LD types (and date) of a `<script>`, if it is JSON-LD.
fn read_json_ld(script: &NodeRef, facts: &mut SchemaFacts) {
    if dom::attr(script, "type").eq_ignore_ascii_case("application/ld+json")
        && let Ok(value) = serde_json::from_str::<serde_json::Value>(&script.text())
    {
        collect_ld(&value, facts, 0);
    }
}

/// Deepest JSON-LD nesting read: real graphs are shallow; hostile ones are not read to the end.
const MAX_LD_DEPTH: usize = 16;

fn collect_ld(value: &serde_json::Value, out: &mut SchemaFacts, depth: usize) {
    if depth > MAX_LD_DEPTH {
        return;
    }
    match value {
        serde_json::Value::Array(items) => items.iter().for_each(|v| collect_ld(v, out, depth + 1)),
        serde_json::Value::Object(map) => {
            match map.get("@type") {
                Some(serde_json::Value::String(t)) => out.types.push(t.clone()),
                Some(serde_json::Value::Array(ts)) => out
                    .types
                    .extend(ts.iter().filter_map(|t| t.as_str()).map(String::from)),
                _ => {}
            }
            out.dated |= map.contains_key("datePublished") && !is_web_page(map.get("@type"));
            map.values().for_each(|v| collect_ld(v, out, depth + 1));
        }
        _ => {}
    }
}

/// A JSON-LD object typed as the page itself (`WebPage`, `AboutPage`, `ItemPage`…): the
/// `datePublished` a CMS gives every page it serves, a landing page's too, unlike an
/// article's.
fn is_web_page(ld_type: Option<&serde_json::Value>) -> bool {
    let is_page = |t: &str| t.ends_with("Page");
    match ld_type {
        Some(serde_json::Value::String(t)) => is_page(t),
        Some(serde_json::Value::Array(ts)) => ts.iter().filter_map(|t| t.as_str()).any(is_page),
        _ => false,
    }
}

fn schema_evidence(types: &[String], evidence: &mut Evidence) {
    let count = |names: &[&str]| types.iter().filter(|t| names.contains(&t.as_str())).count();
    if count(ARTICLE_TYPES) > 0 {
        evidence.add(PageType::Article, STRONG);
    }
    if count(FORUM_TYPES) > 0 {
        evidence.add(PageType::Forum, STRONG + MEDIUM);
    }
    if count(DOCS_TYPES) > 0 {
        evidence.add(PageType::Documentation, MEDIUM);
    }
    match count(&["Product"]) {
        0 => {}
        1 if count(LIST_TYPES) == 0 => evidence.add(PageType::Product, STRONG),
        1 => evidence.add(PageType::Product, MEDIUM),
        _ => evidence.add(PageType::Collection, MEDIUM),
    }
    if count(LIST_TYPES) > 0 {
        evidence.add(PageType::Collection, WEAK);
        evidence.add(PageType::Listing, WEAK);
    }
    if count(SERVICE_TYPES) > 0 {
        evidence.add(PageType::Service, WEAK);
    }
}

/// Calls to action that make an anonymous page a marketing page (measured on WCXB-dev:
/// asking for two loses a third of the service pages found and none of the mistakes).
const MIN_CALLS_TO_ACTION: usize = 1;

/// Elements marked as a price (a class word `price`) that make a shop's page: every card of
/// a grid marks its price, a landing page's pricing table a few tiers. A shop's category
/// page asks for quotes and contact too, but it is no service page.
const SHOP_PRICE_MARKS: usize = 16;

/// A page naming neither a date nor an author (`anonymous`) that asks the reader to act is
/// a marketing page; either alone is not (a wiki page is undated, an article ends with
/// "contact us").
fn service_evidence(anonymous: bool, signals: &Signals, evidence: &mut Evidence) {
    if anonymous
        && signals.calls_to_action >= MIN_CALLS_TO_ACTION
        && signals.price_marks < SHOP_PRICE_MARKS
    {
        evidence.add(PageType::Service, MEDIUM);
    }
}

/// `<meta>` names (`property`, `name` or `itemprop`, lower case) carrying a publication date.
const DATE_META: &[&str] = &[
    "article:published_time",
    "og:published_time",
    "datepublished",
    "date",
    "pubdate",
    "publish-date",
    "publishdate",
    "dc.date",
    "dc.date.issued",
    "sailthru.date",
    "parsely-pub-date",
];

/// What the page's `<meta>` tags say.
#[derive(Default)]
struct MetaFacts {
    /// The page's `og:type`, lower case.
    og_type: String,
    /// A tag names a publication date.
    dated: bool,
}

/// What one `<meta>` tag says: the page's `og:type` (the first one), a publication date.
fn read_meta(meta: &NodeRef, facts: &mut MetaFacts) {
    let property = dom::attr(meta, "property").to_lowercase();
    if property == "og:type" && facts.og_type.is_empty() {
        facts.og_type = dom::attr(meta, "content").trim().to_lowercase();
    }
    let name = dom::attr(meta, "name").to_lowercase();
    let itemprop = dom::attr(meta, "itemprop").to_lowercase();
    facts.dated |= [property, name, itemprop]
        .iter()
        .any(|n| DATE_META.contains(&n.as_str()));
}

fn og_type_evidence(og_type: &str, evidence: &mut Evidence) {
    match og_type {
        "article" | "blog" | "newsarticle" => evidence.add(PageType::Article, MEDIUM),
        "product.group" => evidence.add(PageType::Collection, STRONG),
        t if t.contains("product") || t.contains(":item") => {
            evidence.add(PageType::Product, STRONG)
        }
        _ => {}
    }
}

/// The URL's non-empty path segments, lower case.
fn path_segments(url: &Url) -> Vec<String> {
    url.path_segments()
        .map(|s| {
            s.filter(|s| !s.is_empty())
                .map(|s| s.to_lowercase())
                .collect()
        })
        .unwrap_or_default()
}

fn url_evidence(url: &Url, evidence: &mut Evidence) {
    if !is_web_address(url) {
        return; // a file's path or a stand-in address says nothing of the page's kind
    }
    let segments = path_segments(url);
    let has = |names: &[&str]| segments.iter().any(|s| names.contains(&s.as_str()));
    let host = url
        .host_str()
        .unwrap_or("")
        .trim_start_matches("www.")
        .to_lowercase();
    let first_label = host.split('.').next().unwrap_or("");
    if has(FORUM_SEGMENTS) || FORUM_HOSTS.contains(&first_label) {
        evidence.add(PageType::Forum, MEDIUM + WEAK);
    }
    if has(DOCS_SEGMENTS) || DOCS_HOSTS.contains(&first_label) {
        evidence.add(PageType::Documentation, MEDIUM + WEAK);
    }
    if has(PRODUCT_SEGMENTS) {
        evidence.add(PageType::Product, MEDIUM);
    }
    if has(COLLECTION_SEGMENTS) {
        evidence.add(PageType::Collection, MEDIUM);
    }
    if segments.is_empty() {
        evidence.add(PageType::Service, MEDIUM + WEAK);
    }
    if has(SERVICE_SEGMENTS) {
        evidence.add(PageType::Service, MEDIUM);
    }
    if has_date(&segments) {
        evidence.add(PageType::Article, MEDIUM);
    }
    let sections = &segments[..segments.len().saturating_sub(1)];
    if sections
        .iter()
        .any(|s| ARTICLE_SECTIONS.contains(&s.as_str()))
    {
        evidence.add(PageType::Article, WEAK);
    }
    if segments.last().is_some_and(|s| is_long_slug(s)) {
        evidence.add(PageType::Article, WEAK);
    }
}

/// File extensions of a page served as one document (`/story/page.html`, `view.php`).
const DOCUMENT_EXTENSIONS: &[&str] = &["html", "htm", "shtml", "php", "asp", "aspx", "jsp", "cfm"];

/// The URL can be an index's: a web address naming a section (`/news`, `/sections/science/`,
/// `/recipes/dinner`, the home page), not one piece (a headline's slug, a dated path, a
/// document's file name). Without it, linked headings are a story's related links.
fn is_index_url(url: &Url) -> bool {
    if !is_web_address(url) {
        return false;
    }
    let segments = path_segments(url);
    let is_document = |s: &str| {
        s.rsplit_once('.')
            .is_some_and(|(_, ext)| DOCUMENT_EXTENSIONS.contains(&ext))
    };
    !has_date(&segments)
        && !segments
            .last()
            .is_some_and(|s| is_long_slug(s) || is_document(s))
}

/// Words a slug needs to read as a headline (`how-to-choose-a-tent`): shops, indexes and
/// landing pages use one- to three-word paths (`/tents`, `/pricing`, `/c/sleeping-bags`).
const HEADLINE_SLUG_WORDS: usize = 4;

/// The last path segment is a headline turned into a slug.
fn is_long_slug(segment: &str) -> bool {
    let stem = segment.rsplit_once('.').map_or(segment, |(stem, _)| stem);
    stem.split(['-', '_'])
        .filter(|w| !w.is_empty() && w.chars().any(|c| c.is_alphabetic()))
        .count()
        >= HEADLINE_SLUG_WORDS
}

/// A year (1990–2099) followed by a month in the path: `/2024/05/…`.
fn has_date(segments: &[String]) -> bool {
    segments.windows(2).any(|w| {
        let year = w[0].parse::<u32>().is_ok_and(|y| (1990..2100).contains(&y));
        let month = w[1].parse::<u32>().is_ok_and(|m| (1..=12).contains(&m));
        year && month
    })
}

fn document_evidence(signals: &Signals, evidence: &mut Evidence) {
    if signals.marked_posts >= MANY_POSTS {
        evidence.add(PageType::Forum, STRONG);
    } else if signals.posts >= MIN_POSTS {
        evidence.add(PageType::Forum, MEDIUM);
    }
    if signals.code_blocks >= MIN_CODE_BLOCKS {
        evidence.add(PageType::Documentation, WEAK);
    }
    if signals.cart {
        evidence.add(PageType::Product, MEDIUM);
    }
    if signals.prices >= MIN_PRICES {
        evidence.add(PageType::Collection, MEDIUM);
    }
}

/// Page chrome whose headings are no card's or section's (menus, the header's and footer's
/// link columns, sidebars' "popular posts").
const CHROME: &[LocalName] = &[
    local_name!("nav"),
    local_name!("header"),
    local_name!("footer"),
    local_name!("aside"),
];

/// A heading is a link when at least this share of its text is link text.
const LINKED_HEADING_DENSITY: f64 = 0.8;

/// Dates (`time` elements, date classes) that make a run of dated cards: a news or blog
/// index dates every card, a landing page its one notice at most. Such a run is an index
/// even when the page also asks the reader to act (a newsletter's "get started").
const MIN_CARD_DATES: usize = 3;

/// Linked headings that make a run of cards (an article links a few related posts).
const MIN_CARD_TITLES: usize = 8;

/// What one walk over the body counts.
#[derive(Default, Debug)]
struct Signals {
    /// Posts: microdata comments/answers, or `article`s holding their own `time`.
    posts: usize,
    /// Of those, the ones marked up as schema.org comments or answers.
    marked_posts: usize,
    /// `pre` blocks.
    code_blocks: usize,
    /// A control that buys the product.
    cart: bool,
    /// Text nodes that are a price.
    prices: usize,
    /// A `time` element or a microdata `datePublished`.
    dated: bool,
    /// Elements that are or mark a date: `time`, `datePublished`, a date class.
    dates: usize,
    /// An author's name is marked up (`rel=author`, `itemprop=author`, an "author" or
    /// "byline" class).
    byline: bool,
    /// Links and buttons asking the reader to act ([`CALL_TO_ACTION_LABELS`]).
    calls_to_action: usize,
    /// Elements whose class names a price (`price`, `price--sale`, `product_price`).
    price_marks: usize,
    /// Section headings (`h2`–`h4`) outside the page's chrome that are a link: a card's
    /// title, which leads to the item.
    linked_headings: usize,
    /// Section headings outside the chrome that are not: a piece's own sections.
    plain_headings: usize,
}

/// One step of the walk: entering a node, or leaving an `article` (to learn whether a
/// `time` was inside it without walking it again: nested articles stay linear), a piece of
/// the chrome or a link (so that a heading knows what it is inside without climbing its
/// ancestors: a deep page of many headings made that its depth times their number).
enum Step {
    Enter(NodeId),
    LeaveArticle,
    LeaveChrome,
    LeaveLink,
}

/// What the walk is inside of at a node: counts of open chrome elements and links.
#[derive(Default)]
struct Inside {
    chrome: usize,
    links: usize,
}

/// Elements whose content is never shown as text.
const UNREAD: &[LocalName] = &[
    local_name!("script"),
    local_name!("style"),
    local_name!("noscript"),
    local_name!("template"),
];

impl Signals {
    fn read(body: &NodeRef) -> Signals {
        let mut signals = Signals::default();
        // Per open `article`, innermost last: whether a `time` was seen inside it so far.
        let mut open_articles: Vec<bool> = Vec::new();
        let mut inside = Inside::default();
        let mut stack = vec![Step::Enter(body.id)];
        while let Some(step) = stack.pop() {
            let id = match step {
                Step::Enter(id) => id,
                Step::LeaveChrome => {
                    inside.chrome -= 1;
                    continue;
                }
                Step::LeaveLink => {
                    inside.links -= 1;
                    continue;
                }
                Step::LeaveArticle => {
                    let timed = open_articles.pop().unwrap_or(false);
                    if timed {
                        signals.posts += 1;
                    }
                    if let Some(outer) = open_articles.last_mut() {
                        *outer |= timed;
                    }
                    continue;
                }
            };
            let Some(node) = body.tree.get(&id) else {
                continue;
            };
            if node.is_text() {
                // Read in place: a copy of every text node of the page cost more than the test.
                node.query(|n| {
                    if let NodeData::Text { contents } = &n.data {
                        signals.count_price(contents);
                    }
                });
                continue;
            }
            // The name's atom, not a copy of its text, read once and compared as a number
            // (asked of every element).
            let Some(name) = node.qual_name_ref().map(|q| q.local.clone()) else {
                continue; // not an element
            };
            if UNREAD.contains(&name) {
                continue;
            }
            signals.count_element(&node, &name, &inside);
            if name == local_name!("time")
                && let Some(innermost) = open_articles.last_mut()
            {
                *innermost = true;
            }
            if name == local_name!("article") {
                open_articles.push(false);
                stack.push(Step::LeaveArticle);
            }
            if CHROME.contains(&name) {
                inside.chrome += 1;
                stack.push(Step::LeaveChrome);
            }
            if name == local_name!("a") {
                inside.links += 1;
                stack.push(Step::LeaveLink);
            }
            // Last child first, so that the first is read next (no list per element).
            stack.extend(node.children_it(true).map(|c| Step::Enter(c.id)));
        }
        signals
    }

    fn count_element(&mut self, node: &NodeRef, name: &LocalName, inside: &Inside) {
        match *name {
            local_name!("pre") => self.code_blocks += 1,
            local_name!("time") => self.dated = true,
            local_name!("a") => self.count_call_to_action(node),
            local_name!("h2") | local_name!("h3") | local_name!("h4") => {
                self.count_heading(node, inside)
            }
            _ => {}
        }
        let marks = AttrMarks::of(node, !self.byline);
        let date = *name == local_name!("time") || marks.date;
        self.dated |= date;
        self.dates += usize::from(date);
        if marks.price {
            self.price_marks += 1;
        }
        self.byline |= marks.byline;
        if marks.post {
            self.posts += 1;
            self.marked_posts += 1;
        }
        if *name == local_name!("button") || marks.submit {
            self.count_control(node);
        }
    }

    fn count_control(&mut self, node: &NodeRef) {
        let Some(text) = dom::inner_text_within(node, CONTROL_LABEL_CHARS) else {
            return;
        };
        let label = format!("{} {}", text, dom::attr(node, "value")).to_lowercase();
        if patterns::matches_any(&label, CART_LABELS) {
            self.cart = true;
        }
        if patterns::matches_any(&label, CALL_TO_ACTION_LABELS) {
            self.calls_to_action += 1;
        }
    }

    fn count_call_to_action(&mut self, link: &NodeRef) {
        let Some(text) = dom::inner_text_within(link, CONTROL_LABEL_CHARS) else {
            return;
        };
        // Most links ("Home", "More") are shorter than any label: not lower-cased and
        // searched. A shorter text cannot hold a label once lower-cased: no character
        // lower-cases to more ASCII bytes than it has itself.
        if text.len() < SHORTEST_CALL_TO_ACTION {
            return;
        }
        let label = text.to_lowercase();
        if patterns::matches_any(&label, CALL_TO_ACTION_LABELS) {
            self.calls_to_action += 1;
        }
    }

    /// A heading outside the page's chrome, linked (a card's title) or plain.
    fn count_heading(&mut self, heading: &NodeRef, inside: &Inside) {
        if inside.chrome > 0 || dom::text_len(heading) == 0 {
            return;
        }
        let linked = inside.links > 0 || dom::link_density(heading) >= LINKED_HEADING_DENSITY;
        if linked {
            self.linked_headings += 1;
        } else {
            self.plain_headings += 1;
        }
    }

    /// The body is an index: a run of cards, each titled by a link to its item, outnumbering
    /// the headings of any piece of prose among them.
    fn is_index(&self) -> bool {
        self.linked_headings >= MIN_CARD_TITLES && self.linked_headings >= self.plain_headings
    }

    /// Counts a text node reading as a price ("$12", "€4.50"), white space around it aside.
    fn count_price(&mut self, text: &str) {
        // Trimmed at the end only when it opens like one: most text nodes do not. The
        // markup's indentation is stepped over a block at a time first (the classifier reads
        // every text node of the page, and many are nothing but indentation).
        let text = text
            .get(leading_ascii_space(text.as_bytes())..)
            .unwrap_or_default();
        let Some(t) = patterns::from_currency_sign(text) else {
            return;
        };
        let t = t.trim_end();
        if t.len() < 24 && t.chars().nth(1).is_some_and(|c| c.is_ascii_digit()) {
            self.prices += 1;
        }
    }
}

/// Bytes [`leading_ascii_space`] tests at once: a block that is all white space is stepped
/// over whole (the compiler tests its bytes many per instruction, where a byte-by-byte
/// search with an early exit costs several instructions a byte).
const SPACE_BLOCK: usize = 16;

/// How many bytes of ASCII white space (as `char::is_whitespace` has it) open `bytes`.
fn leading_ascii_space(bytes: &[u8]) -> usize {
    let is_space = dom::is_ascii_space;
    let blocks = bytes.chunks_exact(SPACE_BLOCK);
    let whole = blocks
        .take_while(|block| block.iter().fold(true, |all, &b| all & is_space(b)))
        .count()
        * SPACE_BLOCK;
    whole + bytes[whole..].iter().take_while(|&&b| is_space(b)).count()
}

/// What an element's attributes mark, read in one pass over them (the walk asks it of every
/// element of the page; a lookup per attribute read the list five times).
#[derive(Default)]
struct AttrMarks {
    /// A date: `itemprop=datePublished` or a date class word.
    date: bool,
    /// A price: a class word `price`.
    price: bool,
    /// An author's name: `rel=author`, `itemprop=author` or an author/byline class.
    byline: bool,
    /// A schema.org comment or answer (`itemtype`).
    post: bool,
    /// A submit control (`type=submit`).
    submit: bool,
}

impl AttrMarks {
    /// The marks of `node`'s attributes; the byline only when `byline` is asked.
    fn of(node: &NodeRef, byline: bool) -> AttrMarks {
        let Some(element) = node.element_ref() else {
            return AttrMarks::default();
        };
        // The first attribute of each name, as `dom::with_attr` reads it (absent is "").
        let (mut class, mut itemprop, mut rel, mut itemtype, mut kind) =
            (None, None, None, None, None);
        for a in &element.attrs {
            let slot = match &a.name.local {
                n if *n == local_name!("class") => &mut class,
                n if *n == local_name!("itemprop") => &mut itemprop,
                n if *n == local_name!("rel") => &mut rel,
                n if *n == local_name!("itemtype") => &mut itemtype,
                n if *n == local_name!("type") => &mut kind,
                _ => continue,
            };
            slot.get_or_insert(a.value.as_ref());
        }
        let (class, itemprop) = (class.unwrap_or(""), itemprop.unwrap_or(""));
        let (date_class, price) = names_date_and_price(class);
        let itemtype = itemtype.unwrap_or("");
        AttrMarks {
            date: itemprop.contains("datePublished") || date_class,
            price,
            byline: byline
                && (rel == Some("author")
                    || itemprop.contains("author")
                    || BYLINE_CLASS_PARTS
                        .iter()
                        .any(|p| patterns::contains_ignore_case(class, p))),
            post: itemtype.ends_with("/Comment") || itemtype.ends_with("/Answer"),
            submit: kind == Some("submit"),
        }
    }
}

/// Words of class names that mark a post's date (`post-date`, `entry_time`, `timestamp`):
/// the page is dated even when the date is plain text.
const DATE_CLASS_WORDS: &[&str] = &[
    "date",
    "time",
    "timestamp",
    "datetime",
    "published",
    "pubdate",
    "posted",
    "dateline",
];

/// Parts of class names that mark an author's name (`author-name`, `post-byline`).
const BYLINE_CLASS_PARTS: &[&str] = &["author", "byline"];

/// Bytes that cut a class attribute into the words [`names_date_and_price`] reads: ASCII
/// white space between class names, `-` and `_` inside them.
fn cuts_class_words(b: &u8) -> bool {
    b.is_ascii_whitespace() || matches!(b, b'-' | b'_')
}

/// Whether a class attribute names a date (one of its words is a [`DATE_CLASS_WORDS`]
/// word) and a price (one is "price"); its words are the names split at `-` and `_`, read
/// once for both (asked of every element of the page), byte by byte.
fn names_date_and_price(class: &str) -> (bool, bool) {
    let (mut date, mut price) = (false, false);
    for w in class.as_bytes().split(cuts_class_words) {
        if w.is_empty() {
            continue;
        }
        date = date
            || DATE_CLASS_WORDS
                .iter()
                .any(|d| w.eq_ignore_ascii_case(d.as_bytes()));
        price = price || w.eq_ignore_ascii_case(b"price");
        if date && price {
            break;
        }
    }
    (date, price)
}

/// Longest label (characters) read as a control's: a longer text is a sentence, not a label.
const CONTROL_LABEL_CHARS: usize = 40;

/// Bytes of the shortest of [`CALL_TO_ACTION_LABELS`].
const SHORTEST_CALL_TO_ACTION: usize = shortest(CALL_TO_ACTION_LABELS);

/// Bytes of the shortest of `labels`.
const fn shortest(labels: &[&str]) -> usize {
    let (mut i, mut min) = (0, usize::MAX);
    while i < labels.len() {
        if labels[i].len() < min {
            min = labels[i].len();
        }
        i += 1;
    }
    min
}

/// Labels of links and buttons by which a marketing page asks the reader to act.
const CALL_TO_ACTION_LABELS: &[&str] = &[
    "get started",
    "request a demo",
    "book a demo",
    "schedule a demo",
    "get a demo",
    "request a quote",
    "get a quote",
    "free quote",
    "contact us",
    "talk to sales",
    "contact sales",
    "free trial",
    "try it free",
    "try for free",
    "try it for free",
    "sign up free",
    "get in touch",
    "schedule a consultation",
    "book a consultation",
    "learn more",
];

/// Labels of the control that buys the product on the page.
const CART_LABELS: &[&str] = &[
    "add to cart",
    "add to bag",
    "add to basket",
    "buy now",
    "in den warenkorb",
    "ajouter au panier",
];

#[cfg(test)]
mod tests {
    use super::*;

    /// A section page of ten cards with linked titles, dated or not, that also asks the
    /// reader to act.
    fn index_page(dated: bool) -> String {
        let card = |i: usize| {
            let date = if dated {
                format!("<time datetime=\"2024-05-{:02}\">May {i}</time>", i + 1)
            } else {
                String::new()
            };
            format!(
                "<div><h3><a href=\"/news/story-{i}\">Story {i}</a></h3>{date}<p>A short teaser.</p></div>"
            )
        };
        let cards: String = (0..10).map(card).collect();
        format!("<html><body><main>{cards}<a href=\"/signup\">Get started</a></main></body></html>")
    }

    /// The reading [`names_date_and_price`] and [`patterns::contains_ignore_case`] replaced: class
    /// names split at white space, then at `-` and `_`; a window compared at every byte.
    fn class_marks_as_first_read(class: &str, needle: &str) -> (bool, bool, bool) {
        let (mut date, mut price) = (false, false);
        for w in class
            .split_ascii_whitespace()
            .flat_map(|c| c.split(['-', '_']))
        {
            date = date || DATE_CLASS_WORDS.iter().any(|d| w.eq_ignore_ascii_case(d));
            price = price || w.eq_ignore_ascii_case("price");
        }
        let found = class
            .as_bytes()
            .windows(needle.len())
            .any(|w| w.eq_ignore_ascii_case(needle.as_bytes()));
        (date, price, found)
    }

    #[test]
    fn class_words_read_byte_by_byte_as_split_by_words() {
        let classes = [
            "",
            "post-date entry_Time",
            "  Price\tcard--PRICE ",
            "byline-x AUTHOR",
            "timestamp\u{a0}price",
            "datepublished pub_date-time",
            "x-\u{e9}date au thor Byl",
            "product_price__value",
            "author",
            "a",
        ];
        for class in classes {
            for needle in BYLINE_CLASS_PARTS {
                let (date, price, found) = class_marks_as_first_read(class, needle);
                assert_eq!(names_date_and_price(class), (date, price), "{class:?}");
                assert_eq!(
                    patterns::contains_ignore_case(class, needle),
                    found,
                    "{class:?}"
                );
            }
        }
    }

    #[test]
    fn leading_space_is_what_trim_start_skips_in_ascii() {
        let indented = format!("{}$5 ", "\n ".repeat(20));
        let spaces = " ".repeat(40);
        for text in [
            "",
            " ",
            "\n\t\u{b}\u{c}\r x",
            "\u{a0} x",
            &spaces,
            &indented,
        ] {
            let skipped = leading_ascii_space(text.as_bytes());
            let ascii_space = |c: char| c.is_ascii() && c.is_whitespace();
            assert_eq!(
                &text[skipped..],
                text.trim_start_matches(ascii_space),
                "{text:?}"
            );
        }
    }

    #[test]
    fn dated_cards_asking_to_act_are_a_listing() {
        let url = Url::parse("https://example.com/science").unwrap();
        let doc = Document::from(index_page(true).as_str());
        assert_eq!(classify(&doc, &url).page_type, PageType::Listing);
    }

    #[test]
    fn undated_cards_asking_to_act_stay_with_the_evidence() {
        let url = Url::parse("https://example.com/science").unwrap();
        let doc = Document::from(index_page(false).as_str());
        assert_ne!(classify(&doc, &url).page_type, PageType::Listing);
    }
}
