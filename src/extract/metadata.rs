//! Metadata of the page: title, byline, excerpt, site, dates, section, language, direction,
//! lead image and canonical URL. Read before `prepare` removes scripts, since JSON-LD lives
//! there.
//!
//! Three sources, most trusted first, as Firefox Reader View ranks them:
//!
//! 1. **JSON-LD** of an article-typed schema.org object ([`jsonld`]);
//! 2. **`<meta>`** tags by `property` (Open Graph, `article:*`, Dublin Core) or `name`
//!    (`author`, `description`, `parsely-*`, Highwire `citation_*`…), gathered once into a
//!    [`MetaTags`] table;
//! 3. **the document itself**: `<html lang>`/`dir`, `<link rel=canonical>`.
//!
//! The title, the authors and the dates weigh all three with the page's visible markup, each
//! in its module: the headline ([`title`]: a confirmed `<h1>`, else on an article page its
//! one headline-like `<h1>`, else JSON-LD/`og:title`/`<title>` with the site's part, known
//! from [`site`], stripped), the authors as a list
//! ([`authors`]: JSON-LD, `citation_author`, `DC.creator`, `meta author`, `itemprop`/`rel`
//! author, author elements and "By …" lines; never the site's name, but last the writer of
//! a `twitter:label1` "Written by" pair), the dates ([`dates`]:
//! stated dates, then on article pages `<time>`, visible date lines read by [`text_date`] in
//! six languages, and the URL). [`Sources`] records where each came from.
//!
//! This phase runs first and depends on no later one (issue 8): what finding the content
//! learns comes back through [`Metadata::adopt_content_facts`] as plain values.
//!
//! Every value is trimmed, has its whitespace collapsed and leftover HTML entities decoded
//! (pages double-escape `&amp;quot;`); empty values count as absent. Dates are normalised
//! to ISO 8601 ([`date`]). What depends on the final article text — word count, reading time,
//! an excerpt when the page states none — is filled by [`Metadata::finish`].

pub(crate) mod authors;
mod date;
mod dates;
mod jsonld;
mod legible;
mod site;
mod text_date;
mod title;

use std::collections::HashMap;

use dom_query::{Document, NodeRef};
use html5ever::local_name;
use serde::{Deserialize, Serialize};
use url::Url;

use super::address::is_web_address;
use crate::dom::normalize_space;
use crate::words::word_overlap;
use site::SiteNames;

pub use date::normalize as normalize_date;

/// Meta keys for the title, most trusted first.
const TITLE_KEYS: &[&str] = &[
    "dc:title",
    "dcterm:title",
    "og:title",
    "weibo:article:title",
    "weibo:webpage:title",
    "title",
    "twitter:title",
    "parsely-title",
];
/// Meta keys for the author(s), most trusted first, each tag one author or a list
/// (`article:author` separately: it is often a profile URL rather than a name).
const BYLINE_KEYS: &[&str] = &[
    "citation_author",
    "dc:creator",
    "dcterm:creator",
    "dcterms:creator",
    "author",
    "parsely-author",
    "sailthru:author",
];
/// Meta keys for the description.
const EXCERPT_KEYS: &[&str] = &[
    "dc:description",
    "dcterm:description",
    "og:description",
    "weibo:article:description",
    "weibo:webpage:description",
    "description",
    "twitter:description",
];
const SITE_NAME_KEYS: &[&str] = &["og:site_name", "application-name"];
/// Labels of the `twitter:labelN`/`twitter:dataN` pairs (Yoast SEO, Ghost) whose value is
/// the writer (lower case).
const WRITER_LABELS: &[&str] = &["written by", "author", "by"];
/// The `N` of `twitter:labelN` pairs read: sites use 1 to 3.
const TWITTER_LABEL_PAIRS: std::ops::RangeInclusive<usize> = 1..=4;
const SECTION_KEYS: &[&str] = &["article:section", "parsely-section"];
const IMAGE_KEYS: &[&str] = &[
    "og:image",
    "og:image:url",
    "og:image:secure_url",
    "twitter:image",
    "twitter:image:src",
];
const LANG_KEYS: &[&str] = &["content-language", "language", "dc:language"];

/// Words per minute of an average adult reader of screen text: the reading-time pace.
const WORDS_PER_MINUTE: usize = 230;
/// A line of text shorter than this (in characters) is a caption, date or heading rather
/// than the first real paragraph an excerpt is taken from.
const MIN_EXCERPT_CHARS: usize = 80;
/// How similar (share of shared words) a JSON-LD `name` or `headline` must be to the
/// `<title>` to be believed the article's title when the two disagree.
const TITLE_SIMILARITY: f64 = 0.75;
/// Author sources read from the page's own lines, not its structured metadata
/// ([`Metadata::adopt_unsigned_kind`]).
const PAGE_LINE_SOURCES: &[&str] = &["author-element", "by-line", "rel-author"];
/// A site-named author of fewer words is a brand, not its owner's name ([`site_owner`]).
const MIN_OWNER_WORDS: usize = 2;

/// Everything known about the page and its article. Absent facts are `None`, never `""`.
#[derive(Clone, Debug, Default, Serialize, Deserialize, PartialEq)]
#[serde(rename_all = "camelCase", default)]
pub struct Metadata {
    /// The page URL: the canonical URL when the page declares one, else the URL given.
    pub url: String,
    /// The article title, without the site-name suffix.
    pub title: Option<String>,
    /// Author(s), joined as a person writes them ("A, B, and C").
    pub byline: Option<String>,
    /// Every author's name, in order.
    pub authors: Vec<String>,
    /// First publication time, ISO 8601.
    pub published_time: Option<String>,
    /// Last modification time, ISO 8601.
    pub modified_time: Option<String>,
    /// The site's name.
    pub site_name: Option<String>,
    /// The section (category) of the site the article is filed under.
    pub section: Option<String>,
    /// Language tag (`<html lang>` or metadata).
    pub lang: Option<String>,
    /// Text direction (`ltr`/`rtl`), when stated.
    pub dir: Option<String>,
    /// A short description or the first paragraph.
    pub excerpt: Option<String>,
    /// The lead image, absolute.
    pub lead_image: Option<String>,
    /// Words in the article text (CJK characters count as words).
    pub word_count: usize,
    /// Minutes to read at an average pace, at least 1.
    pub reading_time_minutes: usize,
    /// Where each value came from (`json-ld`, `meta:og:title`, `h1`, `byline-line`…).
    pub sources: Sources,
    /// The JSON-LD `articleBody`, when the page gives one: a hint for finding the article,
    /// not part of the output.
    #[serde(skip)]
    pub json_ld_body: Option<String>,
    /// The page's author lines name several people: a list of posts, whose content holds no
    /// byline of its own. Not part of the output.
    #[serde(skip)]
    pub is_list_page: bool,
    /// The site's owner ([`site_owner`]) of a page naming no author, for when a date is
    /// found later ([`Metadata::adopt_page_kind`]). Not part of the output.
    #[serde(skip)]
    pub site_owner: Option<Vec<String>>,
    /// The site's own name as its meta tags state the author of a page declaring itself an
    /// article ([`site_signed`]), or a personal site's name on a dated page
    /// ([`personal_site`]), with its source, for when its content names nobody either
    /// ([`Metadata::adopt_content_facts`]). Not part of the output.
    #[serde(skip)]
    pub site_signed: Option<(Vec<String>, &'static str)>,
    /// The thread's title a forum's hierarchical `<title>` holds ([`title::thread_title`]),
    /// or the title without a thread's label ([`title::without_label`]), for when the page
    /// proves a forum thread ([`Metadata::adopt_thread_kind`]). Not part of the output.
    #[serde(skip)]
    pub thread_title: Option<String>,
    /// The page's one heading ([`title::lone_heading`]) when the title was read from
    /// `<title>` (the page states none for previews), for when the page proves a thread or
    /// a service page ([`Metadata::adopt_heading_kind`]). Not part of the output.
    #[serde(skip)]
    pub lone_heading: Option<String>,
    /// The page proved a kind nobody signs ([`Metadata::adopt_unsigned_kind`]): its own
    /// lines and its content name no author. Not part of the output.
    #[serde(skip)]
    pub unsigned_kind: bool,
}

/// Where the title, authors and dates were read: the name of the source, `None` when the
/// value is absent.
#[derive(Clone, Debug, Default, Serialize, Deserialize, PartialEq)]
#[serde(rename_all = "camelCase", default)]
pub struct Sources {
    pub title: Option<String>,
    pub byline: Option<String>,
    pub published_time: Option<String>,
    pub modified_time: Option<String>,
}

/// Reads the metadata of `doc`, fetched from `base` (the page URL).
pub fn extract(doc: &Document, base: &Url) -> Metadata {
    let (metas, scripts) = metas_and_scripts(doc);
    let ld = jsonld::read(&scripts).unwrap_or_default();
    let meta = MetaTags::read(&metas);
    let doc_base = super::media::document_base(doc, base);
    let modified = dates::modified(&ld, &meta);
    let site_name = clean(ld.publisher.clone().or_else(|| meta.first(SITE_NAME_KEYS)));
    let stated_sites = [ld.publisher.clone(), meta.first(SITE_NAME_KEYS)];
    let sites = SiteNames::new(
        stated_sites.iter().flatten().map(String::as_str),
        Some(base),
    );
    let is_og_article = meta
        .first(&["og:type"])
        .is_some_and(|t| t.trim().eq_ignore_ascii_case("article"));
    let (found_authors, is_list_page) = match choose_authors(doc, &ld, &meta, &sites) {
        Ok(found) => (found, false),
        Err(()) => (None, true),
    };
    let (mut authors, mut byline_source) = found_authors.unwrap_or_default();
    let is_article = is_og_article || !authors.is_empty();
    let published = dates::published(doc, &ld, &meta, base, is_article);
    let owner = (authors.is_empty() && !is_list_page)
        .then(|| site_owner(&ld, &meta, &sites, base))
        .flatten();
    if published.is_some()
        && let Some(owner) = owner.clone()
    {
        (authors, byline_source) = (owner, "site-owner");
    }
    let authors_empty = authors.is_empty();
    // The site's signature, a last resort after the content's byline.
    let site_signed = (authors_empty && !is_list_page)
        .then(|| {
            let stated = is_og_article.then(|| site_signed(&meta, &sites)).flatten();
            let personal = published.as_ref().and(site_name.as_deref());
            stated.map(|names| (names, "meta-site")).or_else(|| {
                personal
                    .and_then(|n| personal_site(n, base))
                    .map(|name| (vec![name], "site-name"))
            })
        })
        .flatten();
    let h1s = title::not_logos(doc, &sites, Some(&doc_base));
    let title = choose_title(
        doc,
        &ld,
        &meta,
        &sites,
        is_article || published.is_some(),
        is_home_page(base.as_str()),
        &h1s,
    );
    let unlabelled = title.as_ref().and_then(|t| t.2.clone());
    let lone_heading = title
        .as_ref()
        .filter(|t| t.1 == "title")
        .and_then(|_| title::lone_heading(&h1s, &sites))
        .map(|h| legible::legible(&h));
    Metadata {
        url: canonical_url(doc, &meta, &doc_base).unwrap_or_else(|| base.to_string()),
        sources: Sources {
            title: title.as_ref().map(|t| t.1.to_string()),
            byline: Some(byline_source.to_string()).filter(|s| !s.is_empty()),
            published_time: published.as_ref().map(|d| d.1.to_string()),
            modified_time: modified.as_ref().map(|d| d.1.to_string()),
        },
        title: title.map(|t| t.0),
        byline: authors::join_as_shown(&authors, doc),
        authors,
        published_time: published.as_ref().map(|d| d.0.clone()),
        modified_time: modified.as_ref().map(|d| d.0.clone()),
        site_name,
        section: clean(ld.section.clone().or_else(|| meta.first(SECTION_KEYS))),
        lang: root_attr(doc, "html", "lang").or_else(|| meta.first(LANG_KEYS)),
        dir: root_attr(doc, "body", "dir")
            .or_else(|| root_attr(doc, "html", "dir"))
            .map(|d| d.to_lowercase()),
        excerpt: clean(ld.description.clone().or_else(|| meta.first(EXCERPT_KEYS))),
        lead_image: ld
            .image
            .clone()
            .or_else(|| meta.first(IMAGE_KEYS))
            .and_then(|u| absolute(&doc_base, &u)),
        json_ld_body: clean(ld.body),
        is_list_page,
        site_owner: owner.filter(|_| published.is_none()),
        site_signed,
        thread_title: title::thread_title(doc)
            .or(unlabelled)
            .map(|t| legible::legible(&t)),
        lone_heading,
        ..Metadata::default()
    }
}

impl Metadata {
    /// Takes what a later phase learnt from the article's content: a byline it found there
    /// (read as names, when the page's metadata named nobody) and the text direction of the
    /// article's container. Plain values, so that metadata depends on no later phase.
    pub fn adopt_content_facts(&mut self, byline: Option<&str>, dir: Option<&str>) {
        if self.byline.is_none() && !self.is_list_page && !self.unsigned_kind {
            let sites = SiteNames::new(
                self.site_name.as_deref(),
                Url::parse(&self.url).ok().as_ref(),
            );
            self.authors = byline
                .map(|b| authors::names(b, &sites, authors::Listing::Prose))
                .unwrap_or_default();
            self.byline = authors::join(&self.authors);
            if self.byline.is_some() {
                self.sources.byline = Some("content".to_string());
            } else if let Some((signed, source)) = self.site_signed.take() {
                self.byline = authors::join(&signed);
                self.authors = signed;
                self.sources.byline = Some(source.to_string());
            }
        }
        if self.dir.is_none() {
            self.dir = dir.map(str::to_string);
        }
    }

    /// Takes the page's kind, once classified: an article whose metadata states no date
    /// gets the one its layout shows ([`dates::of_layout_article`]); [`extract`] guesses
    /// dates only for pages whose metadata says they are articles. A page of a kind that is
    /// not published once (`is_undated_kind`: documentation, a product, a shop's collection,
    /// a listing, a service page; only articles and forum threads are) has no publication
    /// date unless it names its author (a paper, a post: then it was published): the date
    /// an unsigned one states is the last build's, edit's or listed item's (WCXB-dev: 9
    /// such dates dropped, none the page's, none lost).
    pub fn adopt_page_kind(
        &mut self,
        doc: &Document,
        page_url: &Url,
        is_article: bool,
        is_undated_kind: bool,
    ) {
        if is_undated_kind && self.authors.is_empty() {
            self.published_time = None;
            self.sources.published_time = None;
        }
        if !is_article {
            // A service page or a shop that declares itself an article signs with its
            // brand, no byline ([`site_signed`]).
            self.site_signed = None;
        }
        if !is_article || self.published_time.is_some() {
            return;
        }
        if let Some((date, source)) = dates::of_layout_article(doc, page_url) {
            self.published_time = Some(date);
            self.sources.published_time = Some(source.to_string());
            // Dated now: the site's owner signs it, as a page dated in its metadata.
            if self.authors.is_empty()
                && let Some(owner) = self.site_owner.take()
            {
                self.byline = authors::join_as_shown(&owner, doc);
                self.authors = owner;
                self.sources.byline = Some("site-owner".to_string());
            }
        }
    }

    /// Takes that the page is a forum thread: a title that holds the thread's title its
    /// `<title>` names among the forum's sections ([`title::thread_title`]) is cut to it
    /// ("Payment issues - how to delete or change payment method", a heading with the
    /// thread's prefix; "Topic / Arch Discussion", a `<title>` without its forum's name).
    pub fn adopt_thread_kind(&mut self) {
        let (Some(thread), Some(title)) = (self.thread_title.take(), &self.title) else {
            return;
        };
        let (thread_key, title_key) = (site::key(&thread), site::key(title));
        if thread_key.len() < title_key.len() && title_key.contains(&thread_key) {
            self.title = Some(thread);
        }
    }

    /// Takes that the page is a forum thread or a service page, kinds whose `<title>` is
    /// the site's shell or written for search engines, never a headline: a page that states
    /// no title for previews (no `og:title`, no JSON-LD headline: the title was read from
    /// `<title>`) is named by its one visible heading ([`title::lone_heading`]). On
    /// WCXB-dev the heading was the title on 8 such pages, `<title>` on 2; on articles,
    /// documentation, products, collections and listings on 6 and 5: those keep `<title>`.
    pub fn adopt_heading_kind(&mut self) {
        if let Some(heading) = self.lone_heading.take() {
            self.title = Some(heading);
            self.sources.title = Some("h1".to_string());
        }
    }

    /// Takes that the page is of a kind nobody signs (a product, a service page, a listing):
    /// a name its own markup offers (an author element, a "By" line, `rel=author`) or its
    /// content's byline is a shop's "By <brand>", a webinar's speaker or a listed post's
    /// author, not the page's; only its structured metadata states one. (WCXB-dev: 11 names
    /// on such pages without an author dropped, 1 author lost.)
    pub fn adopt_unsigned_kind(&mut self) {
        self.unsigned_kind = true;
        if matches!(self.sources.byline.as_deref(), Some(s) if PAGE_LINE_SOURCES.contains(&s)) {
            self.authors.clear();
            self.byline = None;
            self.sources.byline = None;
        }
    }

    /// Takes the thread's starter as the author of a page classified as a forum thread
    /// ([`authors::thread_starter`]), when the page's metadata names nobody or only its
    /// markup's author element or "By" line offered a name: there every post is marked up
    /// alike, and the first post's author is the thread's (WCXB's reference names the
    /// question's author). Runs before the content's byline, which on a thread is any
    /// reply's author.
    pub fn adopt_thread_starter(&mut self, doc: &Document) {
        let from_markup = matches!(
            self.sources.byline.as_deref(),
            None | Some("author-element" | "by-line")
        );
        if !from_markup {
            return;
        }
        let sites = SiteNames::new(
            self.site_name.as_deref(),
            Url::parse(&self.url).ok().as_ref(),
        );
        if let Some(found) = authors::thread_starter(doc, &sites) {
            self.byline = authors::join(&found);
            self.authors = found;
            self.sources.byline = Some("thread-starter".to_string());
        }
    }

    /// Fills what depends on the final text: word count, reading time, excerpt fallback.
    pub fn finish(&mut self, text: &str) {
        self.word_count = word_count(text);
        self.reading_time_minutes = self.word_count.div_ceil(WORDS_PER_MINUTE).max(1);
        if self.excerpt.is_none() {
            self.excerpt = first_paragraph(text);
        }
    }
}

/// The page's `<meta>` and `<script>` elements, in document order, found in one walk of the
/// page, each name told by its atom (a walk for each cost more than what they read).
fn metas_and_scripts(doc: &Document) -> (Vec<NodeRef<'_>>, Vec<NodeRef<'_>>) {
    let (mut metas, mut scripts) = (Vec::new(), Vec::new());
    for node in doc.root().descendants_it() {
        let Some(name) = node.qual_name_ref().map(|q| q.local.clone()) else {
            continue; // not an element
        };
        if name == local_name!("meta") {
            metas.push(node);
        } else if name == local_name!("script") {
            scripts.push(node);
        }
    }
    (metas, scripts)
}

/// `<meta>` values by lower-cased key, the first non-empty value of each key kept; values
/// given by `property` (the standard attribute of Open Graph and RDFa) apart from those given
/// by `name`/`http-equiv`/`itemprop`, and preferred to them.
///
/// `property` may list several space-separated keys; `name` keys have their spaces removed
/// and `.` read as `:` (`DC.date` is `dc:date`).
struct MetaTags {
    by_property: HashMap<String, String>,
    by_name: HashMap<String, String>,
    /// Every value of every key (property or name), in document order.
    every: HashMap<String, Vec<String>>,
}

impl MetaTags {
    /// The tags of `metas`, the page's `<meta>` elements in document order.
    fn read(metas: &[NodeRef]) -> MetaTags {
        let mut tags = MetaTags {
            by_property: HashMap::new(),
            by_name: HashMap::new(),
            every: HashMap::new(),
        };
        for m in metas {
            let Some(content) = m
                .attr("content")
                .map(|c| c.trim().to_string())
                .filter(|c| !c.is_empty())
            else {
                continue;
            };
            for key in property_keys(m) {
                tags.every
                    .entry(key.clone())
                    .or_default()
                    .push(content.clone());
                tags.by_property
                    .entry(key)
                    .or_insert_with(|| content.clone());
            }
            for key in name_keys(m) {
                tags.every
                    .entry(key.clone())
                    .or_default()
                    .push(content.clone());
                tags.by_name.entry(key).or_insert_with(|| content.clone());
            }
        }
        tags
    }

    /// The value of the first key (in the order given) the page has.
    fn first(&self, keys: &[&str]) -> Option<String> {
        keys.iter()
            .find_map(|k| self.by_property.get(*k).or_else(|| self.by_name.get(*k)))
            .cloned()
    }

    /// Every value of `key`, by property or name.
    fn all(&self, key: &str) -> &[String] {
        self.every.get(key).map(Vec::as_slice).unwrap_or_default()
    }

    /// The value a `twitter:labelN` "Written by" pair gives ([`WRITER_LABELS`]).
    fn labelled_writer(&self) -> Option<String> {
        TWITTER_LABEL_PAIRS.into_iter().find_map(|n| {
            let label = self.first(&[format!("twitter:label{n}").as_str()])?;
            WRITER_LABELS
                .contains(&label.trim().to_lowercase().as_str())
                .then(|| self.first(&[format!("twitter:data{n}").as_str()]))
                .flatten()
        })
    }

    /// `article:author` when it is a name, not a profile URL: given as a `property` (Open
    /// Graph's attribute), else as a `name` (as some templates write every meta tag).
    fn author_not_url(&self) -> Option<String> {
        let author = self
            .by_property
            .get("article:author")
            .or_else(|| self.by_name.get("article:author"))?;
        (Url::parse(author).is_err() && !author.starts_with('/')).then(|| author.clone())
    }
}

fn property_keys(m: &NodeRef) -> Vec<String> {
    m.attr("property")
        .map(|p| p.split_whitespace().map(str::to_lowercase).collect())
        .unwrap_or_default()
}

fn name_keys(m: &NodeRef) -> Vec<String> {
    ["name", "http-equiv", "itemprop"]
        .iter()
        .filter_map(|a| m.attr(a))
        .map(|name| {
            let key: String = name.chars().filter(|c| !c.is_whitespace()).collect();
            key.to_lowercase().replace('.', ":")
        })
        .collect()
}

/// The headline ([`title::choose`]; `article_like`: the page is an article by its `og:type`,
/// an author or a date): JSON-LD's title is its `name` or `headline`; when the
/// two differ, `name` unless only `headline` resembles `<title>`. With the headline, its
/// source and the thread's title without its label, for a forum thread
/// ([`title::without_label`]).
fn choose_title(
    doc: &Document,
    ld: &jsonld::ArticleLd,
    meta: &MetaTags,
    sites: &SiteNames,
    article_like: bool,
    home_page: bool,
    h1s: &[String],
) -> Option<(String, &'static str, Option<String>)> {
    let ld_title = match (&ld.name, &ld.headline) {
        (Some(name), Some(headline)) if name != headline => {
            let page_title = title::from_document(doc).unwrap_or_default();
            let headline_fits = word_overlap(headline, &page_title) > TITLE_SIMILARITY;
            let name_fits = word_overlap(name, &page_title) > TITLE_SIMILARITY;
            Some(if headline_fits && !name_fits {
                headline.clone()
            } else {
                name.clone()
            })
        }
        (name, headline) => name.clone().or_else(|| headline.clone()),
    };
    let sources = title::TitleSources {
        article_like,
        home_page,
        og_title: clean(meta.first(TITLE_KEYS)),
        twitter_title: clean(meta.first(&["twitter:title"])),
        ld_title: clean(ld_title),
        ld_alternatives: [&ld.name, &ld.headline]
            .into_iter()
            .flatten()
            .cloned()
            .collect(),
    };
    let chosen = title::choose(doc, &sources, sites, h1s)
        .and_then(|(t, src)| clean(Some(legible::legible(&t))).map(|t| (t, src)))?;
    let unlabelled = title::without_label(&chosen.0, doc, &sources);
    Some((chosen.0, chosen.1, unlabelled))
}

/// The authors from the first source that names someone: JSON-LD, then the meta tags (all
/// tags of a key: Highwire writes one `citation_author` per author), then `article:author`
/// when not a URL, then the page's markup ([`authors::from_dom`]), then, last, the writer
/// SEO plugins state for link previews (`twitter:label1` "Written by", `twitter:data1`),
/// the site's own name included: that pair names who wrote the page, not who owns it
/// (WCXB-dev: 29 authors found, 2 invented on pages without one).
///
/// Structured metadata that names only the site itself as the author (a company blog's
/// `"author": {"name": "Site"}`, a personal site's `meta name=author`) is passed over: the
/// site is not a byline. (Taken as a last resort on dated articles it gained 39 WCXB-dev
/// authors but invented one on 9 author-less pages, and on the Panorama fixture, whose
/// JSON-LD names the news site as an Organization author, it gave a byline the page does
/// not have.)
fn choose_authors(
    doc: &Document,
    ld: &jsonld::ArticleLd,
    meta: &MetaTags,
    sites: &SiteNames,
) -> Result<Option<(Vec<String>, &'static str)>, ()> {
    let names_of = |values: &[String]| stated_names(values, sites);
    let mut stated = vec![(names_of(&ld.authors), "json-ld")];
    stated.extend(
        BYLINE_KEYS
            .iter()
            .map(|key| (names_of(meta.all(key)), "meta")),
    );
    stated.push((
        names_of(&meta.author_not_url().into_iter().collect::<Vec<_>>()),
        "meta",
    ));
    for (found, source) in stated {
        if found.is_empty() || found.iter().all(|n| sites.is_name(n)) {
            continue;
        }
        return Ok(Some((found, source)));
    }
    let labelled = names_of(&meta.labelled_writer().into_iter().collect::<Vec<_>>());
    // The label states who wrote this page: it stands also where the page's author lines
    // read as a list of posts (a news page's rail of other stories).
    match authors::from_dom(doc, sites) {
        Ok(None) | Err(()) if !labelled.is_empty() => Ok(Some((labelled, "meta:twitter-label"))),
        found => found,
    }
}

/// The names in structured author values (JSON-LD, meta tags), each once.
fn stated_names(values: &[String], sites: &SiteNames) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for v in values {
        for name in authors::names(&decode_entities(v), sites, authors::Listing::Structured) {
            if !out.contains(&name) {
                out.push(name);
            }
        }
    }
    out
}

/// The site's owner as the author of a dated page whose structured metadata names only the
/// site, when that name of [`MIN_OWNER_WORDS`] or more words is spelt out in the page's host
/// ("Karl Voit" on `karl-voit.at`, "Loona Construction" on `loona-construction.com`): a
/// personal site or a small business signs its own posts. A one-word brand (`github.com`,
/// "GitHub") or a name the host does not spell ("Docker Inc") is an organisation that
/// publishes pages nobody signs. (Site-named authors taken on every dated page: 39 WCXB-dev
/// authors found, 21 invented.) A name the host does not spell is taken when it reads as a
/// person's ([`reads_as_personal_name`]; WCXB-dev: 3 found, none invented).
fn site_owner(
    ld: &jsonld::ArticleLd,
    meta: &MetaTags,
    sites: &SiteNames,
    base: &Url,
) -> Option<Vec<String>> {
    let host = site::key(base.host_str()?);
    let spelt_in_host = |name: &String| {
        name.split_whitespace().count() >= MIN_OWNER_WORDS && host.contains(&site::key(name))
    };
    std::iter::once(stated_names(&ld.authors, sites))
        .chain(BYLINE_KEYS.iter().map(|k| stated_names(meta.all(k), sites)))
        .find(|found| !found.is_empty())
        .filter(|found| {
            found
                .iter()
                .all(|n| spelt_in_host(n) || reads_as_personal_name(n))
        })
}

/// The site's name as the page's meta tags state its author (`meta name=author`,
/// Highwire, Dublin Core…; [`choose_authors`] passes it over as no byline), read where the
/// page declares itself an article (`og:type`), is classified as one
/// ([`Metadata::adopt_page_kind`]) and nothing else names its author: a company's or a
/// person's blog signing its posts with the site's name. JSON-LD's site-named author is
/// left out: SEO plugins fill it with the publishing Organization; so is a site's web
/// address ("Example.com"), its label. (WCXB-dev: 4 authors found, none invented; with
/// web addresses, 1 invented.)
fn site_signed(meta: &MetaTags, sites: &SiteNames) -> Option<Vec<String>> {
    BYLINE_KEYS
        .iter()
        .map(|key| stated_names(meta.all(key), sites))
        .find(|found| !found.is_empty())
        .filter(|found| !found.iter().any(|n| is_web_address_name(n)))
}

/// A name that is the site's web address ("Example.com"): the site's label, not its
/// signature.
fn is_web_address_name(name: &str) -> bool {
    name.rsplit_once('.').is_some_and(|(host, tld)| {
        !host.is_empty()
            && (2..=4).contains(&tld.len())
            && tld.chars().all(|c| c.is_ascii_lowercase())
    })
}

/// Words of a site's name read as its owner's ([`personal_site`]): a first and a last
/// name. (With three, "Scottish Construction Now" on its own host is a trade paper.)
const PERSONAL_SITE_WORDS: usize = 2;

/// The site's name when the site is its owner's own, named after them: two words that
/// read as a person's ([`reads_as_personal_name`]) and that its host spells out whole
/// ("Polly Barks" on `pollybarks.com`). A dated post there is signed with the site's name
/// although no metadata states an author. (WCXB-dev: 3 authors found, 1 invented; with the
/// host's first label being the first name, `owain.bearblog.dev`, 2 more found and 3
/// invented: `scripps.org` is "Scripps Health".)
fn personal_site(name: &str, base: &Url) -> Option<String> {
    let host = site::key(base.host_str()?);
    let name = name.trim();
    (name.split_whitespace().count() == PERSONAL_SITE_WORDS
        && reads_as_personal_name(name)
        && host.contains(&site::key(name)))
    .then(|| name.to_string())
}

/// Most words of a site-named author read as its owner's personal name.
const MAX_OWNER_WORDS: usize = 3;
/// Words that make a capitalised name a title or a brand ("The Verge"), not a person's.
const NOT_NAME_WORDS: &[&str] = &["the", "of", "and", "for", "at", "in", "on", "by"];

/// Does the site's name read as a person's ("Anil Madhavapeddy", "Mod Sharon"): two or
/// three words, each a capital then small letters (a hyphen or an apostrophe inside), none
/// a function word? A personal site named after its owner signs its posts with that name
/// although the host does not spell it (`anil.recoil.org`); a brand is one word
/// ("GitHub"), in capitals ("IBM Cloud") or a phrase ("The Verge").
fn reads_as_personal_name(name: &str) -> bool {
    let words: Vec<&str> = name.split_whitespace().collect();
    (MIN_OWNER_WORDS..=MAX_OWNER_WORDS).contains(&words.len())
        && words.iter().all(|w| {
            let mut chars = w.chars();
            chars.next().is_some_and(char::is_uppercase)
                && chars.clone().next().is_some_and(char::is_lowercase)
                && chars.all(|c| c.is_lowercase() || c == '-' || c == '\'')
                && !NOT_NAME_WORDS.contains(&w.to_lowercase().as_str())
        })
}

/// `<link rel=canonical>`, else `og:url`, made absolute. Not believed: a canonical URL that
/// is a site's home page while the page itself is not (a common template mistake: every
/// article of such a site would collide), nor one on another host than the page (`www.`
/// aside): the URL is the key of a saved article, and a page must not be able to claim, and
/// overwrite, another site's. A page whose own address is unknown (a file, or the reserved
/// `.invalid` domain the playground stands in with) has no host to compare: its canonical URL
/// is the best address it has.
fn canonical_url(doc: &Document, meta: &MetaTags, base: &Url) -> Option<String> {
    declared_canonical(doc, meta, base)
        .filter(|c| !is_home_page(c) || is_home_page(base.as_str()))
        .filter(|c| !is_web_address(base) || Url::parse(c).is_ok_and(|c| same_host(&c, base)))
}

/// The same host, with or without `www.`.
fn same_host(a: &Url, b: &Url) -> bool {
    let host = |u: &Url| {
        u.host_str()
            .map(|h| h.trim_start_matches("www.").to_ascii_lowercase())
    };
    host(a).is_some() && host(a) == host(b)
}

/// Query parameters that say where a visitor came from, not which page they see: a
/// search engine's or a campaign's link to a home page carries them
/// (`https://bigwalldecor.com/?srsltid=…`) and the page is still the home page.
const TRACKING_PARAMS: &[&str] = &["srsltid", "gclid", "fbclid", "msclkid", "mc_cid", "mc_eid"];
/// The prefix of the campaign parameters (`utm_source`, `utm_medium`…).
const TRACKING_PREFIX: &str = "utm_";

/// Is `url` a site's home page: its root, with no query but tracking parameters
/// ([`TRACKING_PARAMS`]; a query such as WordPress's `?p=123` names another page).
fn is_home_page(url: &str) -> bool {
    Url::parse(url).is_ok_and(|u| {
        u.path() == "/"
            && u.query_pairs().all(|(name, _)| {
                TRACKING_PARAMS.contains(&name.as_ref()) || name.starts_with(TRACKING_PREFIX)
            })
    })
}

fn declared_canonical(doc: &Document, meta: &MetaTags, base: &Url) -> Option<String> {
    let link = doc.root().descendants_it().find(|n| {
        n.has_name("link")
            && n.attr("rel").is_some_and(|r| {
                r.split_whitespace()
                    .any(|t| t.eq_ignore_ascii_case("canonical"))
            })
    });
    let href = link
        .and_then(|l| l.attr("href"))
        .map(|h| h.trim().to_string())
        .filter(|h| !h.is_empty());
    href.or_else(|| meta.first(&["og:url"]))
        .and_then(|u| absolute(base, &u))
}

/// An `http(s)` URL resolved against `base`.
fn absolute(base: &Url, url: &str) -> Option<String> {
    let resolved = base.join(url.trim()).ok()?;
    matches!(resolved.scheme(), "http" | "https").then(|| resolved.to_string())
}

/// A trimmed, non-empty attribute of the first `<html>`/`<body>` element.
fn root_attr(doc: &Document, element: &str, attr: &str) -> Option<String> {
    let el = doc.root().descendants_it().find(|n| n.has_name(element))?;
    el.attr(attr)
        .map(|v| v.trim().to_string())
        .filter(|v| !v.is_empty())
}

/// Whitespace collapsed, leftover entities decoded, empty as `None`.
fn clean(value: Option<String>) -> Option<String> {
    value
        .map(|v| normalize_space(&decode_entities(&v)))
        .filter(|v| !v.is_empty())
}

/// Bytes from an entity's `&` to its `;` (excluded) that [`decode_entities`] reads:
/// `&#x10FFFF` and a few leading zeros.
const MAX_ENTITY_BYTES: usize = 12;

/// Decodes the entities that survive in double-escaped metadata: the five XML ones, numeric
/// references (a number that is no character, or NUL, gives U+FFFD as in HTML) and the
/// [`TYPOGRAPHIC_ENTITIES`]. Others are left as written.
pub fn decode_entities(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(amp) = rest.find('&') {
        out.push_str(&rest[..amp]);
        let after = &rest[amp..];
        // The `;` is looked for within an entity's length only: searched to the end of the
        // text, a value of `&#&#&#…` without one (a fuzz find: 256 KB in 0.8 s) was read
        // once per `&`.
        match after
            .bytes()
            .take(MAX_ENTITY_BYTES + 1)
            .position(|b| b == b';')
            .and_then(|end| decode_one(&after[1..end]).map(|c| (c, end)))
        {
            Some((c, end)) => {
                out.push(c);
                rest = &after[end + 1..];
            }
            None => {
                out.push('&');
                rest = &after[1..];
            }
        }
    }
    out.push_str(rest);
    out
}

/// Named entities found escaped twice in titles and descriptions (a CMS that escapes what
/// its editor had escaped already: "TFC8&amp;reg;", "aren&amp;rsquo;t"): typography,
/// marks and the Latin letters of the corpora's European pages. The full HTML table has
/// 2,231 names; a rare one stays as written, which is what the page showed anyway.
const TYPOGRAPHIC_ENTITIES: &[(&str, char)] = &[
    ("nbsp", '\u{a0}'),
    ("shy", '\u{ad}'),
    ("ndash", '–'),
    ("mdash", '—'),
    ("hellip", '…'),
    ("lsquo", '‘'),
    ("rsquo", '’'),
    ("sbquo", '‚'),
    ("ldquo", '“'),
    ("rdquo", '”'),
    ("bdquo", '„'),
    ("laquo", '«'),
    ("raquo", '»'),
    ("middot", '·'),
    ("bull", '•'),
    ("reg", '®'),
    ("copy", '©'),
    ("trade", '™'),
    ("deg", '°'),
    ("euro", '€'),
    ("pound", '£'),
    ("times", '×'),
    ("agrave", 'à'),
    ("aacute", 'á'),
    ("acirc", 'â'),
    ("auml", 'ä'),
    ("ccedil", 'ç'),
    ("egrave", 'è'),
    ("eacute", 'é'),
    ("ecirc", 'ê'),
    ("iacute", 'í'),
    ("ntilde", 'ñ'),
    ("oacute", 'ó'),
    ("ouml", 'ö'),
    ("uacute", 'ú'),
    ("uuml", 'ü'),
    ("szlig", 'ß'),
    ("Eacute", 'É'),
    ("Auml", 'Ä'),
    ("Ouml", 'Ö'),
    ("Uuml", 'Ü'),
];

fn decode_one(entity: &str) -> Option<char> {
    match entity {
        "amp" => Some('&'),
        "lt" => Some('<'),
        "gt" => Some('>'),
        "quot" => Some('"'),
        "apos" => Some('\''),
        _ if !entity.starts_with('#') => TYPOGRAPHIC_ENTITIES
            .iter()
            .find(|(name, _)| *name == entity)
            .map(|(_, c)| *c),
        _ => {
            let num = entity.strip_prefix('#')?;
            let (digits, radix) = match num.strip_prefix(['x', 'X']) {
                Some(hex) => (hex, 16),
                None => (num, 10),
            };
            if digits.is_empty() || !digits.chars().all(|c| c.is_digit(radix)) {
                return None;
            }
            let code = u32::from_str_radix(digits, radix).unwrap_or(u32::MAX);
            Some(
                char::from_u32(code)
                    .filter(|c| *c != '\0')
                    .unwrap_or(char::REPLACEMENT_CHARACTER),
            )
        }
    }
}

/// Words of `text`; every CJK or Thai character counts as one word, since those scripts
/// do not separate words with spaces.
pub fn word_count(text: &str) -> usize {
    let mut count = 0;
    let mut in_word = false;
    for c in text.chars() {
        if is_cjk(c) {
            count += 1;
            in_word = false;
        } else if c.is_whitespace() {
            in_word = false;
        } else if !in_word {
            count += 1;
            in_word = true;
        }
    }
    count
}

/// Han, Hiragana, Katakana, Hangul and Thai characters.
fn is_cjk(c: char) -> bool {
    matches!(c as u32,
        0x0E00..=0x0E7F      // Thai
        | 0x1100..=0x11FF    // Hangul Jamo
        | 0x3040..=0x30FF    // Hiragana, Katakana
        | 0x3400..=0x4DBF    // Han extension A
        | 0x4E00..=0x9FFF    // Han
        | 0xAC00..=0xD7AF    // Hangul syllables
        | 0xF900..=0xFAFF    // Han compatibility
        | 0x20000..=0x2FA1F  // Han extensions B–F
    )
}

/// The first line of `text` long enough to be a paragraph, else the first non-empty line,
/// whole (as Reader View shows it).
fn first_paragraph(text: &str) -> Option<String> {
    let lines = || text.lines().map(normalize_space).filter(|l| !l.is_empty());
    lines()
        .find(|l| l.chars().count() >= MIN_EXCERPT_CHARS)
        .or_else(|| lines().next())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn entities() {
        assert_eq!(
            decode_entities("a &amp;quot; &#39;b&#x27; &nbsp; & c"),
            "a &quot; 'b' \u{a0} & c"
        );
        // Typographic names a CMS escaped twice; a rare name stays as written.
        assert_eq!(
            decode_entities("TFC8&reg; aren&rsquo;t &Eacute;t&eacute; &thetasym; &REG;"),
            "TFC8® aren’t Été &thetasym; &REG;"
        );
        // A `;` further than an entity's length ends none; the last byte that may is read.
        assert_eq!(decode_entities("&#&#&#0000000039;"), "&#&#'");
        assert_eq!(decode_entities("&#00000000039;"), "&#00000000039;");
        assert_eq!(decode_entities("&#0000000039;"), "'");
    }

    #[test]
    fn cjk_words() {
        assert_eq!(word_count("hello world"), 2);
        assert_eq!(word_count("日本語のテキスト abc"), 9);
    }

    #[test]
    fn a_personal_site_signs_its_posts_with_its_owners_name() {
        let page = |site: &str| {
            Document::from(format!(
                r#"<html><head><meta property="og:site_name" content="{site}">
                <script type="application/ld+json">{{"@context":"https://schema.org",
                "@type":"NewsArticle","headline":"AoAH Day 15",
                "datePublished":"2025-12-15T00:00:00-00:00",
                "author":[{{"@type":"Person","name":"{site}"}}]}}</script>
                <title>AoAH Day 15</title></head><body><h1>AoAH Day 15</h1>
                <p>Text.</p></body></html>"#
            ))
        };
        let url = Url::parse("https://anil.recoil.org/notes/aoah-2025-15").unwrap();
        let meta = extract(&page("Anil Madhavapeddy"), &url);
        assert_eq!(meta.byline.as_deref(), Some("Anil Madhavapeddy"));
        assert_eq!(meta.sources.byline.as_deref(), Some("site-owner"));
        // A brand names nobody.
        for brand in ["The Verge", "IBM Cloud", "GitHub"] {
            assert_eq!(extract(&page(brand), &url).byline, None, "{brand}");
        }
    }

    #[test]
    fn a_personal_site_named_after_its_owner_signs_its_dated_posts() {
        let page = |site: &str, date: &str| {
            Document::from(format!(
                r#"<html><head><meta property="og:site_name" content="{site}">
                <meta property="og:type" content="article">{date}
                <title>Zero waste living</title></head><body><h1>Zero waste living</h1>
                <p>Text.</p></body></html>"#
            ))
        };
        let dated = r#"<meta property="article:published_time" content="2024-03-01">"#;
        let url = Url::parse("https://pollybarks.com/blog/zero-waste").unwrap();
        let meta = extract(&page("Polly Barks", dated), &url);
        assert_eq!(
            meta.site_signed,
            Some((vec!["Polly Barks".to_string()], "site-name"))
        );
        let mut meta = meta;
        meta.adopt_content_facts(None, None);
        assert_eq!(meta.byline.as_deref(), Some("Polly Barks"));
        assert_eq!(meta.sources.byline.as_deref(), Some("site-name"));
        // Undated, on another host, or three words: no signature.
        assert_eq!(extract(&page("Polly Barks", ""), &url).site_signed, None);
        let other = Url::parse("https://example.com/blog/zero-waste").unwrap();
        assert_eq!(
            extract(&page("Polly Barks", dated), &other).site_signed,
            None
        );
        let trade = Url::parse("https://scottishconstructionnow.com/a").unwrap();
        let paper = page("Scottish Construction Now", dated);
        assert_eq!(extract(&paper, &trade).site_signed, None);
    }

    #[test]
    fn a_page_of_a_kind_nobody_signs_keeps_only_stated_authors() {
        let url = Url::parse("https://example.com/webinars").unwrap();
        let page = |head: &str| {
            Document::from(format!(
                r#"<html><head>{head}<title>Webinars</title></head><body><h1>Webinars</h1>
                <h3>Preventing Burnout</h3><p>By: <strong>Samer Morqos</strong>,
                Counseling Psychologist<br>April 22, 2025</p></body></html>"#
            ))
        };
        let mut meta = extract(&page(""), &url);
        assert!(
            meta.byline
                .as_deref()
                .is_some_and(|b| b.starts_with("Samer Morqos"))
        );
        meta.adopt_unsigned_kind();
        meta.adopt_content_facts(Some("By Samer Morqos"), None);
        assert_eq!((meta.byline, meta.sources.byline), (None, None));
        let stated = r#"<meta name="author" content="Jane Doe">"#;
        let mut meta = extract(&page(stated), &url);
        meta.adopt_unsigned_kind();
        assert_eq!(meta.byline.as_deref(), Some("Jane Doe"));
    }

    #[test]
    fn a_meta_tag_named_published_dates_the_page() {
        let url = Url::parse("https://www.example.com/en_us/blog/learn/tools.html").unwrap();
        let page = |tag: &str| {
            Document::from(format!(
                r#"<html><head><title>Data Analysis Tools</title>
                <meta name="author" content="Austin Chia">{tag}</head><body>
                <h1>Data Analysis Tools</h1><p>Text.</p></body></html>"#
            ))
        };
        let dated = |tag: &str| extract(&page(tag), &url).published_time;
        assert_eq!(
            dated(r#"<meta name="published" content="July 17, 2025">"#).as_deref(),
            Some("2025-07-17")
        );
        assert_eq!(
            dated(r#"<meta name="published-date" content="2021-02-16">"#).as_deref(),
            Some("2021-02-16")
        );
    }

    #[test]
    fn a_page_dated_by_its_layout_is_signed_by_the_sites_owner() {
        let doc = Document::from(
            r#"<html><head><title>A brief intro to git • Cory Dransfeldt</title>
            <meta name="author" content="Cory Dransfeldt">
            <meta property="og:site_name" content="Cory Dransfeldt">
            <meta property="og:type" content="website"></head><body><main><article>
            <h1>A brief intro to git</h1><time datetime="2021-06-06">June 6, 2021</time>
            <p>Text.</p></article></main></body></html>"#,
        );
        let url = Url::parse("https://www.coryd.dev/posts/2021/a-brief-intro-to-git").unwrap();
        let mut meta = extract(&doc, &url);
        assert_eq!(
            (meta.published_time.as_deref(), meta.byline.as_deref()),
            (None, None)
        );
        meta.adopt_page_kind(&doc, &url, true, false);
        assert_eq!(meta.published_time.as_deref(), Some("2021-06-06"));
        assert_eq!(meta.byline.as_deref(), Some("Cory Dransfeldt"));
        // Not dated: nobody signs it.
        let mut meta = extract(&doc, &url);
        meta.adopt_page_kind(&doc, &url, false, false);
        assert_eq!(meta.byline, None);
    }

    #[test]
    fn a_home_page_reached_through_a_tracking_link_is_the_home_page() {
        // A shop's home page opened from a search engine's shopping results.
        let doc = Document::from(
            r#"<html><head><title>BIG Wall Décor | High-Quality Wall Art and Decor</title>
            <meta property="og:title" content="BIG Wall Décor | High-Quality Wall Art and Decor">
            <meta property="og:site_name" content="BIG Wall Décor"></head><body>
            <h1>BIG ART ENERGY</h1><h1>BIG ART ENERGY</h1><p>Text.</p></body></html>"#,
        );
        let url = Url::parse("https://bigwalldecor.com/?srsltid=AfmBOorh1op9uY84VGXy").unwrap();
        assert_eq!(
            extract(&doc, &url).title.as_deref(),
            Some("BIG Wall Décor | High-Quality Wall Art and Decor")
        );
        assert!(is_home_page(
            "https://a.org/?utm_source=news&utm_medium=email"
        ));
        assert!(is_home_page("https://a.org/?gclid=x"));
        // A query that picks a page, or a path: another page.
        assert!(!is_home_page("https://a.org/?p=123"));
        assert!(!is_home_page("https://a.org/?srsltid=x&page_id=7"));
        assert!(!is_home_page("https://a.org/shop?srsltid=x"));
    }

    #[test]
    fn a_heading_after_the_colon_of_the_stated_title_is_the_headline() {
        // A city's page: the department before the colon, the page's heading after it,
        // hyphenated for narrow screens with a soft hyphen the title must not keep.
        let doc = Document::from(
            r#"<html><head><title>City of Marion Building Department Department: Home Repair Assistance Program</title>
            <meta property="og:title" content="City of Marion Building Department Department: Home Repair Assistance Program">
            <meta property="og:site_name" content="City of Marion, IN"></head><body><main>
            <h1 class="page-title">Home Repair Assis&shy;tance Program</h1><p>Text.</p></main></body></html>"#,
        );
        let url = Url::parse("https://cityofmarion.in.gov/government/home-repair").unwrap();
        let meta = extract(&doc, &url);
        assert_eq!(
            meta.title.as_deref(),
            Some("Home Repair Assistance Program")
        );
        // A heading equal to the last segment after another separator is still the site's
        // logo, not the headline (the name is too short to strip as the site's).
        let doc = Document::from(
            r#"<html><head><title>Binaries using Emscripten · V8</title></head><body>
            <h1>V8</h1><p>Text.</p></body></html>"#,
        );
        let url = Url::parse("https://v8.dev/docs/emscripten").unwrap();
        assert_eq!(
            extract(&doc, &url).title.as_deref(),
            Some("Binaries using Emscripten · V8")
        );
    }

    #[test]
    fn a_forum_thread_is_titled_by_its_thread_not_its_prefix() {
        // Invision Community: the heading carries the thread's prefix, `<title>` the
        // thread among the forum's sections.
        let doc = Document::from(
            r#"<html><head><title>Payment issues - how to delete or change payment method - General topics - PrestaShop Forums</title>
            <meta property="og:title" content="Payment issues - how to delete or change payment method">
            <meta property="og:site_name" content="PrestaShop Forums"></head><body>
            <h1 class="ipsType_pageTitle"><span class="ipsType_break"><span>Payment issues - how to delete or change payment method</span></span></h1>
            <article><p>Hello, how can I delete the card I saved?</p></article></body></html>"#,
        );
        let url = Url::parse("https://www.prestashop.com/forums/topic/1088-payment/").unwrap();
        let mut meta = extract(&doc, &url);
        assert_eq!(
            meta.title.as_deref(),
            Some("Payment issues - how to delete or change payment method")
        );
        meta.adopt_thread_kind();
        assert_eq!(
            meta.title.as_deref(),
            Some("how to delete or change payment method")
        );
    }

    #[test]
    fn a_forum_title_left_with_its_section_loses_it() {
        // FluxBB: `Topic / Section / Forum`, the forum's name stripped as the site's.
        let doc = Document::from(
            r#"<html><head><title>What happened with Arch Linux ISO in 2024 / Arch Discussion / Arch Linux Forums</title></head>
            <body><div id="brdtitle"><h1><a href="https://bbs.archlinux.org/">Arch Linux</a></h1></div>
            <div class="blockpost"><p>The ISO of this month is missing.</p></div></body></html>"#,
        );
        let url = Url::parse("https://bbs.archlinux.org/viewtopic.php?id=291234").unwrap();
        let mut meta = extract(&doc, &url);
        meta.adopt_thread_kind();
        assert_eq!(
            meta.title.as_deref(),
            Some("What happened with Arch Linux ISO in 2024")
        );
    }

    #[test]
    fn a_thread_title_never_replaces_a_heading_that_does_not_hold_it() {
        // The longest part of the hierarchy is a section here, not in the heading.
        let doc = Document::from(
            r#"<html><head><title>Plugin Help - Obsidian Plugins And Themes Discussion - Obsidian Forum</title></head>
            <body><h1>Plugin Help</h1><article><p>Which plugin?</p></article></body></html>"#,
        );
        let url = Url::parse("https://forum.obsidian.md/t/plugin-help/123").unwrap();
        let mut meta = extract(&doc, &url);
        meta.adopt_thread_kind();
        assert_eq!(meta.title.as_deref(), Some("Plugin Help"));
    }

    #[test]
    fn a_thread_stating_no_title_is_named_by_its_heading() {
        // A script-built thread page: `<title>` is the site's shell, no `og:title`.
        let doc = Document::from(
            r#"<html><head><title>Reddit - The heart of the internet</title></head><body>
            <header><a href="/"><span>reddit</span></a></header>
            <shreddit-post><h1 slot="title">Enameled Cast Iron Pan and Metal</h1>
            <p>Can I use a metal spatula on my enameled pan?</p></shreddit-post></body></html>"#,
        );
        let url = Url::parse("https://www.reddit.com/r/castiron/comments/1abc/enameled/").unwrap();
        let mut meta = extract(&doc, &url);
        assert_eq!(meta.title.as_deref(), Some("The heart of the internet"));
        meta.adopt_heading_kind();
        assert_eq!(
            meta.title.as_deref(),
            Some("Enameled Cast Iron Pan and Metal")
        );
    }

    #[test]
    fn a_service_page_stating_a_title_keeps_it() {
        // `og:title` given: the stated title stays, whatever the heading's slogan.
        let html = r#"<html><head><title>Resume/CV Writing Service - HigherEdJobs</title>{og}</head>
            <body><h1>Leave your resume or CV to the experts</h1><h2>Our writers</h2>
            <p>Professional writers craft your resume.</p></body></html>"#;
        let url = Url::parse("https://www.higheredjobs.com/career/resume.cfm").unwrap();
        let mut meta = extract(&Document::from(html.replace("{og}", "")), &url);
        meta.adopt_heading_kind();
        assert_eq!(
            meta.title.as_deref(),
            Some("Leave your resume or CV to the experts")
        );
        let stated = r#"<meta property="og:title" content="Resume/CV Writing Service">"#;
        let mut meta = extract(&Document::from(html.replace("{og}", stated)), &url);
        meta.adopt_heading_kind();
        assert_eq!(meta.title.as_deref(), Some("Resume/CV Writing Service"));
    }

    #[test]
    fn a_logo_or_a_short_heading_never_names_the_page() {
        for body in [
            r#"<h1><a href="/">Arch Linux Forums Home</a></h1>"#,
            "<h1>Posts</h1>",
            "<h1>Plans and pricing</h1><h1>Frequently asked questions</h1>",
        ] {
            let html = format!(
                "<html><head><title>Deploy app servers close to your users · Fly</title></head>\
                 <body>{body}<p>Text of the page.</p></body></html>"
            );
            let url = Url::parse("https://fly.io/").unwrap();
            let mut meta = extract(&Document::from(html.as_str()), &url);
            meta.adopt_heading_kind();
            assert_eq!(
                meta.title.as_deref(),
                Some("Deploy app servers close to your users"),
                "{body}"
            );
        }
    }

    #[test]
    fn a_thread_is_signed_by_its_starter_unless_its_metadata_names_someone() {
        let page = |head: &str| {
            Document::from(format!(
                r#"<html><head><title>Which GPU?</title>{head}</head><body>
                <h1>Which GPU?</h1><div class=post><dl class=postprofile><dt><a
                class=username href="/u/1">ridwan</a></dt></dl><p>Help.</p></div>
                <div class=post><dl class=postprofile><dt><a class=username
                href="/u/2">Lutfij</a></dt></dl><p>This one.</p></div></body></html>"#
            ))
        };
        let url = Url::parse("https://forums.example.com/threads/which-gpu.1/").unwrap();
        let starter = |head: &str| {
            let doc = page(head);
            let mut meta = extract(&doc, &url);
            meta.adopt_thread_starter(&doc);
            meta.byline
        };
        assert_eq!(starter("").as_deref(), Some("ridwan"));
        assert_eq!(
            starter(r#"<meta name="author" content="Forum Moderator">"#).as_deref(),
            Some("Forum Moderator")
        );
    }

    #[test]
    fn a_site_signing_its_article_in_meta_author_is_taken_last() {
        let page = |author: &str| {
            Document::from(format!(
                r#"<html><head><meta name="author" content="{author}">
                <meta property="og:type" content="article">
                <title>How crypto regulation changed in 2025</title></head><body>
                <h1>How crypto regulation changed in 2025</h1><p>Text.</p></body></html>"#
            ))
        };
        let url = Url::parse("https://www.elliptic.co/blog/crypto-regulation-2025").unwrap();
        let mut found = extract(&page("Elliptic"), &url);
        assert_eq!(found.byline, None);
        found.adopt_page_kind(&page("Elliptic"), &url, true, false);
        found.adopt_content_facts(None, None);
        assert_eq!(found.byline.as_deref(), Some("Elliptic"));
        // Not where the page proves no article, nor where the name is the site's address.
        let mut service = extract(&page("Elliptic"), &url);
        service.adopt_page_kind(&page("Elliptic"), &url, false, true);
        service.adopt_content_facts(None, None);
        assert_eq!(service.byline, None);
        let mut address = extract(&page("Elliptic.co"), &url);
        address.adopt_content_facts(None, None);
        assert_eq!(address.byline, None);
        // A byline the content shows comes first.
        let mut shown = extract(&page("Elliptic"), &url);
        shown.adopt_content_facts(Some("By Jane Doe"), None);
        assert_eq!(shown.byline.as_deref(), Some("Jane Doe"));
    }

    #[test]
    fn a_writer_label_stands_on_a_page_whose_author_lines_read_as_a_list() {
        let doc = Document::from(
            r#"<html><head><title>11 podcasts | CIO</title>
            <meta name="twitter:label1" content="Written by">
            <meta name="twitter:data1" content="Linda Rosencrance"></head><body>
            <h1>11 podcasts</h1><p>Text.</p><ul class=more-from>
            <li><span class=byline>By Ann Lee</span></li><li><span class=byline>By Bo
            Park</span></li><li><span class=byline>By Cy Diaz</span></li><li><span
            class=byline>By Di Roe</span></li></ul></body></html>"#,
        );
        let url = Url::parse("https://www.cio.com/article/11-podcasts.html").unwrap();
        assert_eq!(
            extract(&doc, &url).byline.as_deref(),
            Some("Linda Rosencrance")
        );
    }

    #[test]
    fn article_author_given_by_name_is_read_as_by_property() {
        let url = Url::parse("https://www.example.com/nutrition/keto-diet").unwrap();
        let page = |attr: &str| {
            Document::from(format!(
                r#"<html><head><title>Keto diet</title>
                <meta {attr}="article:author" content="Jillian Kubala, MS, RD"></head>
                <body><h1>Keto diet</h1><p>Text.</p></body></html>"#
            ))
        };
        for attr in ["property", "name"] {
            assert_eq!(
                extract(&page(attr), &url).byline.as_deref(),
                Some("Jillian Kubala"),
                "{attr}"
            );
        }
        let url_valued = Document::from(
            r#"<html><head><meta name="article:author"
            content="https://www.facebook.com/example"></head><body><p>Text.</p></body></html>"#,
        );
        assert_eq!(extract(&url_valued, &url).byline, None);
    }

    #[test]
    fn excerpt_skips_short_lines() {
        let text = "Politics 22:31\n\nA real first paragraph that is long enough to be a paragraph of the article body.";
        assert_eq!(
            first_paragraph(text).as_deref(),
            Some(text.lines().nth(2).unwrap_or_default())
        );
    }
}
