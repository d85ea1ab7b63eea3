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
//!   "add to cart" control, many prices — counted in one walk ([`Signals`]).

use dom_query::{Document, NodeRef};
use serde::{Deserialize, Serialize};
use url::Url;

use super::address::is_web_address;
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
}

/// The kind of the page, from its JSON-LD, meta tags, URL and document.
pub fn classify(doc: &Document, url: &Url) -> Kind {
    let mut evidence = Evidence::default();
    evidence.add(PageType::Article, PRIOR_ARTICLE);
    schema_evidence(&schema_types(doc), &mut evidence);
    og_type_evidence(&og_type(doc), &mut evidence);
    let declared = evidence;
    url_evidence(url, &mut evidence);
    let signals = doc.body().map(|b| Signals::read(&b)).unwrap_or_default();
    document_evidence(&signals, &mut evidence);
    let best = evidence.best();
    let declared_kind = declared.best() == best && declared.of(best) > PRIOR_ARTICLE;
    Kind {
        page_type: best,
        declared: declared_kind && declared.best() == best,
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

/// Every schema.org type the page declares: JSON-LD `@type`s and microdata `itemtype`s.
fn schema_types(doc: &Document) -> Vec<String> {
    let mut types = Vec::new();
    for script in dom::descendants_named(&doc.root(), "script") {
        if dom::attr(&script, "type").eq_ignore_ascii_case("application/ld+json")
            && let Ok(value) = serde_json::from_str::<serde_json::Value>(&script.text())
        {
            collect_ld_types(&value, &mut types, 0);
        }
    }
    for node in doc
        .root()
        .descendants_it()
        .filter(|n| n.has_attr("itemtype"))
    {
        let itemtype = dom::attr(&node, "itemtype");
        types.extend(
            itemtype
                .split_whitespace()
                .filter_map(|t| t.rsplit('/').next())
                .map(String::from),
        );
    }
    types
}

/// Deepest JSON-LD nesting read: real graphs are shallow; hostile ones are not read to the end.
const MAX_LD_DEPTH: usize = 16;

fn collect_ld_types(value: &serde_json::Value, out: &mut Vec<String>, depth: usize) {
    if depth > MAX_LD_DEPTH {
        return;
    }
    match value {
        serde_json::Value::Array(items) => items
            .iter()
            .for_each(|v| collect_ld_types(v, out, depth + 1)),
        serde_json::Value::Object(map) => {
            match map.get("@type") {
                Some(serde_json::Value::String(t)) => out.push(t.clone()),
                Some(serde_json::Value::Array(ts)) => {
                    out.extend(ts.iter().filter_map(|t| t.as_str()).map(String::from))
                }
                _ => {}
            }
            map.values()
                .for_each(|v| collect_ld_types(v, out, depth + 1));
        }
        _ => {}
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
}

/// The page's `og:type`, lower case.
fn og_type(doc: &Document) -> String {
    doc.root()
        .descendants_it()
        .filter(|n| n.has_name("meta"))
        .find(|n| dom::attr(n, "property").eq_ignore_ascii_case("og:type"))
        .map(|n| dom::attr(&n, "content").trim().to_lowercase())
        .unwrap_or_default()
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

fn url_evidence(url: &Url, evidence: &mut Evidence) {
    if !is_web_address(url) {
        return; // a file's path or a stand-in address says nothing of the page's kind
    }
    let segments: Vec<String> = url
        .path_segments()
        .map(|s| {
            s.filter(|s| !s.is_empty())
                .map(|s| s.to_lowercase())
                .collect()
        })
        .unwrap_or_default();
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
    if has_date(&segments) {
        evidence.add(PageType::Article, MEDIUM);
    }
    if segments.last().is_some_and(|s| is_long_slug(s)) {
        evidence.add(PageType::Article, WEAK);
    }
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
}

/// Elements whose content is never shown as text.
const UNREAD: &[&str] = &["script", "style", "noscript", "template"];

impl Signals {
    fn read(body: &NodeRef) -> Signals {
        let mut signals = Signals::default();
        let mut stack = vec![*body];
        while let Some(node) = stack.pop() {
            if node.is_text() {
                signals.count_price(node.text().trim());
                continue;
            }
            if !node.is_element() || dom::is_any(&node, UNREAD) {
                continue;
            }
            signals.count_element(&node);
            let children: Vec<_> = node.children_it(false).collect();
            stack.extend(children.into_iter().rev());
        }
        signals
    }

    fn count_element(&mut self, node: &NodeRef) {
        let name = dom::tag(node);
        match name.as_str() {
            "article" if node.descendants_it().any(|d| d.has_name("time")) => self.posts += 1,
            "pre" => self.code_blocks += 1,
            _ => {}
        }
        if dom::with_attr(node, "itemtype", |t| {
            t.ends_with("/Comment") || t.ends_with("/Answer")
        }) {
            self.posts += 1;
            self.marked_posts += 1;
        }
        if name == "button" || dom::attr_is(node, "type", "submit") {
            self.count_control(node);
        }
    }

    fn count_control(&mut self, node: &NodeRef) {
        let Some(text) = dom::inner_text_within(node, 40) else {
            return;
        };
        let label = format!("{} {}", text, dom::attr(node, "value")).to_lowercase();
        if CART_LABELS.iter().any(|l| label.contains(l)) {
            self.cart = true;
        }
    }

    fn count_price(&mut self, t: &str) {
        if t.len() < 24
            && t.starts_with(CURRENCY_SIGNS)
            && t.chars().nth(1).is_some_and(|c| c.is_ascii_digit())
        {
            self.prices += 1;
        }
    }
}

/// Labels of the control that buys the product on the page.
const CART_LABELS: &[&str] = &[
    "add to cart",
    "add to bag",
    "add to basket",
    "buy now",
    "in den warenkorb",
    "ajouter au panier",
];

/// Currency signs a price starts with.
const CURRENCY_SIGNS: &[char] = &['$', '€', '£', '¥', '₹'];
