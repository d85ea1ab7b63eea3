//! When the article was published and last modified, and where each date was read.
//!
//! Published, most trusted first: JSON-LD `datePublished` of the article object;
//! `<meta>` (`article:published_time`, Highwire `citation_publication_date`/`citation_date`,
//! Dublin Core `DC.date`, Parse.ly…); `<time itemprop=datePublished>`; then, on a page that
//! presents itself as an article, the first `<time datetime>` of the page; a
//! visible date line (an element whose class says `date`, or a line starting "Published",
//! "Posted", "Updated"…, read by [`text_date`]); the URL (`/2024/03/14/`); a bare date
//! line in the headline's neighbourhood ([`date_beside_headline`]). An earlier date shown
//! beside the headline replaces a stated one the page shows nowhere ([`first_shown`]). Never inside a
//! comment, a related-story teaser, a review or the footer (the copyright line lives there):
//! see [`authors::is_foreign_date`].
//!
//! Modified: JSON-LD `dateModified`, then `article:modified_time`/`og:updated_time`.

use std::cell::OnceCell;

use dom_query::{Document, NodeRef};
use html5ever::{LocalName, local_name};
use url::Url;

use super::{MetaTags, authors, date, jsonld, text_date};
use crate::extract::patterns;
use crate::{dom, words};

/// Meta keys of the publication date, most trusted first.
const PUBLISHED_KEYS: &[&str] = &[
    "article:published_time",
    "citation_publication_date",
    "citation_date",
    "citation_online_date",
    "parsely-pub-date",
    "sailthru:date",
    "dc:date:issued",
    "dcterms:issued",
    "dc:date",
    "dcterm:date",
    "dcterms:date",
    "date",
    "datepublished",
    "publish-date",
    "publishdate",
    "pubdate",
    "og:published_time",
    // Plain names some CMSs write (`<meta name="published" content="July 17, 2025">`,
    // `<meta name="published-date" content="2021-02-16">`); WCXB-dev: 2 found, none lost.
    "published-date",
    "published_date",
    "publish_date",
    "published",
];
/// Meta keys of the modification date.
const MODIFIED_KEYS: &[&str] = &[
    "article:modified_time",
    "og:updated_time",
    "datemodified",
    "dcterms:modified",
];
/// Class/id words of an element holding the date.
const DATE_CLASS_WORDS: &[&str] = &["date", "time", "publish", "posted", "byline", "meta"];
/// How a visible date line starts (lower case).
const DATE_LINE_STARTS: &[&str] = &[
    "published",
    "posted",
    "updated",
    "last updated",
    "date",
    "publié",
    "mis à jour",
    "veröffentlicht",
    "aktualisiert",
    "publicado",
    "actualizado",
    "опубликовано",
    "обновлено",
    "հրապարակվել",
];
/// How many elements after the headline are searched for a date.
const MAX_ELEMENTS_AFTER_HEADLINE: usize = 150;
/// Longest text of an element read as a date line (characters).
const MAX_DATE_LINE_CHARS: usize = 100;

/// A date and the name of its source.
pub type Sourced = (String, &'static str);

/// The publication date, normalised ([`date::normalize`]). A site's home page and a product
/// page have none: the dates they state are the last build's or the offer's (but a JSON-LD
/// article object's `datePublished` is the article's, whatever products the page's JSON-LD
/// also lists: a buying guide's reviewed items). What the page
/// does not state
/// in its metadata is guessed (from a page-typed JSON-LD object, a `<time>`, a date line or the
/// URL) only on a page that presents itself as an article: `og:type` `article`, or an author
/// named in its metadata. Shops, product pages and documentation show many dates that are
/// not a publication date (offers, reviews, release notes).
pub fn published(
    doc: &Document,
    ld: &jsonld::ArticleLd,
    meta: &MetaTags,
    url: &Url,
    is_article: bool,
) -> Option<Sourced> {
    let page = &Layout::new(doc);
    let is_home = url.path() == "/" && url.query().is_none();
    // An article object's own date stands even when the page's JSON-LD also describes
    // products (a buying guide's reviewed items, their ratings).
    let article_date = ld
        .date_published
        .as_deref()
        .filter(|_| !ld.from_page_type && !is_home)
        .and_then(readable);
    if let Some(date) = article_date {
        return Some(first_shown(page, (local_day(page, url, date), "json-ld")));
    }
    let is_product = ld.describes_product
        || meta
            .first(&["og:type"])
            .is_some_and(|t| t.trim().eq_ignore_ascii_case("product"));
    if is_home || is_product {
        return None;
    }
    let stated = ld
        .date_published
        .clone()
        .filter(|_| !ld.from_page_type)
        .map(|d| (d, "json-ld"))
        .or_else(|| meta.first(PUBLISHED_KEYS).map(|d| (d, "meta")))
        .or_else(|| time_itemprop(page).map(|d| (d, "time-itemprop")));
    let found = stated.and_then(|(d, s)| readable(&d).map(|d| (d, s)));
    if let Some((date, source)) = found {
        return Some(first_shown(page, (local_day(page, url, date), source)));
    }
    if !is_article {
        return None;
    }
    guessed(page, url)
}

/// The stated date, unless the page shows an earlier one beside its headline
/// ([`date_beside_headline`]) and the stated day nowhere: a site that republishes or
/// rebuilds an article writes the new day into its metadata while its header keeps the
/// first publication's (a publication date is never after the day the page says it
/// appeared). A later date shown there is an update's and does not count. WCXB-dev: 7
/// dates found, none lost (the later shown date: 26 found, 26 lost).
fn first_shown(page: &Layout, stated: Sourced) -> Sourced {
    let Some(day) = stated.0.get(..10) else {
        return stated;
    };
    match date_beside_headline(page) {
        Some(shown) if shown[..10] < *day && !shows_day(page, day) => (shown, "headline-date"),
        _ => stated,
    }
}

/// Elements whose text the reader never sees: no date line is read inside them.
const NOT_SHOWN: &[&str] = &["script", "style", "template", "meta", "head", "title"];

/// Does a line of the page's text (any element holding no block, its text short) read as
/// the date `day` (`YYYY-MM-DD`)?
fn shows_day(page: &Layout, day: &str) -> bool {
    page.elements().iter().any(|n| {
        !dom::is_any(n, NOT_SHOWN)
            && dom::inner_text_within(n, MAX_DATE_LINE_CHARS)
                .and_then(|t| text_date::find(&t))
                .is_some_and(|d| d.iso == day)
            && !dom::has_block_descendant(n)
    })
}

/// The date an article page shows without stating it in its metadata: its first `<time>`,
/// a date line near its headline, the date in its URL, or a bare date beside the headline. Only for a page whose metadata
/// says it is an article (see [`published`]).
fn guessed(page: &Layout, url: &Url) -> Option<Sourced> {
    first_time_element(page)
        .map(|d| (d, "time"))
        .or_else(|| visible_date(page).map(|d| (d, "text")))
        .or_else(|| url_date(url).map(|d| (d, "url")))
        .or_else(|| date_beside_headline(page).map(|d| (d, "headline-date")))
}

/// Most `<time>` elements a page may have for its first to be taken as its date when only
/// its layout says it is an article: more date the items of a list (events, other posts).
/// On WCXB-dev the article pages this helps have one or two; a listing read as an article
/// had ten.
const MAX_TIMES_OF_A_LAYOUT_ARTICLE: usize = 3;

/// The date of a page whose metadata does not say it is an article but whose layout does
/// (the classifier's verdict): its only few `<time>`s' first, the date in its URL, else a
/// date line near its headline as [`guessed`] reads it. The date line comes last: without
/// the metadata's word, a "Last updated" line is now and then a footer's or an event
/// list's (WCXB-dev, once pages of undated kinds lost their dates: 7 found, 3 invented).
pub fn of_layout_article(doc: &Document, url: &Url) -> Option<Sourced> {
    if url.path() == "/" && url.query().is_none() {
        return None;
    }
    let page = &Layout::new(doc);
    let times = page
        .elements()
        .iter()
        .filter(|n| n.has_name("time"))
        .take(MAX_TIMES_OF_A_LAYOUT_ARTICLE + 1)
        .count();
    (times <= MAX_TIMES_OF_A_LAYOUT_ARTICLE)
        .then(|| first_time_element(page).map(|d| (d, "time")))
        .flatten()
        .or_else(|| url_date(url).map(|d| (d, "url")))
        .or_else(|| visible_date(page).map(|d| (d, "text")))
        .or_else(|| date_beside_headline(page).map(|d| (d, "headline-date")))
}

/// The modification date, normalised.
pub fn modified(ld: &jsonld::ArticleLd, meta: &MetaTags) -> Option<Sourced> {
    let (d, s) = ld
        .date_modified
        .clone()
        .map(|d| (d, "json-ld"))
        .or_else(|| meta.first(MODIFIED_KEYS).map(|d| (d, "meta")))?;
    readable(&d).map(|d| (d, s))
}

/// Most days a stated date may lie from the date the page writes in its URL or a `<time>`
/// for those to be read as the same moment in the page's own zone: a timestamp stated in
/// UTC falls on the next (or previous) day of the page's local calendar.
const MAX_ZONE_SHIFT_DAYS: i64 = 1;

/// The stated date as the page's own calendar gives it: a UTC timestamp whose instant a
/// `<time>` near the headline writes in a local offset takes that form (its day is the
/// page's), and a date one day off the date in the URL takes the URL's day (the URL is
/// written on the site's calendar; the stated date is the server's UTC).
fn local_day(page: &Layout, url: &Url, stated: String) -> String {
    let Some(instant) = utc_minutes(&stated) else {
        return stated;
    };
    let same_instant = first_time_element(page).filter(|t| {
        !t.ends_with('Z') && utc_minutes(t).is_some_and(|m| m == instant) && t[..10] != stated[..10]
    });
    if let Some(local) = same_instant {
        return local;
    }
    let stated_day = instant.div_euclid(24 * 60);
    let near_url = url_date(url).filter(|u| {
        day_number(u).is_some_and(|d| {
            let shift = (d - day_number(&stated).unwrap_or(d)).abs();
            shift > 0
                && shift <= MAX_ZONE_SHIFT_DAYS
                && (d - stated_day).abs() <= MAX_ZONE_SHIFT_DAYS
        })
    });
    near_url.unwrap_or(stated)
}

/// Days since 1970-01-01 of a `YYYY-MM-DD…` date.
fn day_number(iso: &str) -> Option<i64> {
    let (y, m, d): (i64, i64, i64) = (
        iso.get(..4)?.parse().ok()?,
        iso.get(5..7)?.parse().ok()?,
        iso.get(8..10)?.parse().ok()?,
    );
    // Civil-from-days inverse (proleptic Gregorian), March-based year.
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let mp = (m + 9) % 12;
    let doy = (153 * mp + 2) / 5 + d - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    Some(era * 146_097 + doe - 719_468)
}

/// Minutes since the epoch, in UTC, of a normalised timestamp that carries a zone
/// (`…THH:MM:SSZ` or `…THH:MM:SS±HH:MM`); `None` for a bare day or a zoneless time.
fn utc_minutes(iso: &str) -> Option<i64> {
    let day = day_number(iso)?;
    let time = iso.get(11..)?;
    let (h, m): (i64, i64) = (time.get(..2)?.parse().ok()?, time.get(3..5)?.parse().ok()?);
    let zone = time.trim_start_matches(|c: char| c.is_ascii_digit() || c == ':' || c == '.');
    let offset = match zone {
        "Z" => 0,
        z if z.len() == 6 && (z.starts_with('+') || z.starts_with('-')) => {
            let sign = if z.starts_with('-') { -1 } else { 1 };
            let (oh, om): (i64, i64) = (z.get(1..3)?.parse().ok()?, z.get(4..6)?.parse().ok()?);
            sign * (oh * 60 + om)
        }
        _ => return None,
    };
    Some(day * 24 * 60 + h * 60 + m - offset)
}

/// The date normalised, when it reads as one (starts `YYYY-MM-DD`).
fn readable(raw: &str) -> Option<String> {
    let cleaned = dom::normalize_space(raw);
    let iso = date::normalize(&cleaned);
    if is_iso(&iso) {
        return Some(iso);
    }
    text_date::find(&cleaned).map(|d| d.iso)
}

fn is_iso(s: &str) -> bool {
    let b = s.as_bytes();
    b.len() >= 10 && b[..4].iter().all(u8::is_ascii_digit) && b[4] == b'-' && b[7] == b'-'
}

/// `<time itemprop="datePublished" datetime>` (or its text); else any other element
/// marked so (`<abbr itemprop="datePublished" title>`, a page builder's
/// `<li itemprop="datePublished"><time>February 9th, 2024</time></li>`) whose text is a
/// date: a `content` attribute behind a text like "1 year ago" is, on a thread, the first
/// post's.
fn time_itemprop(page: &Layout) -> Option<String> {
    let marked = |n: &NodeRef| {
        !n.has_name("meta")
            && n.attr("itemprop").is_some_and(|p| {
                p.split_whitespace()
                    .any(|t| t.eq_ignore_ascii_case("datepublished"))
            })
    };
    // One walk of the page: the marked elements are few.
    let marked: Vec<NodeRef> = page.elements().iter().copied().filter(marked).collect();
    if let Some(time) = marked.iter().find(|n| n.has_name("time")) {
        return time
            .attr("datetime")
            .map(|d| d.to_string())
            .or_else(|| Some(time.text().to_string()));
    }
    marked
        .iter()
        .filter(|n| !authors::is_marked_foreign(n))
        .find_map(|n| dom::inner_text_within(n, MAX_DATE_LINE_CHARS).and_then(|t| readable(&t)))
}

/// The first `<time>` outside comments, teasers and footers whose `datetime` (or text) reads
/// as a date.
fn first_time_element(page: &Layout) -> Option<String> {
    page.after_headline()
        .filter(|n| n.has_name("time") && !authors::is_foreign_date(n))
        .find_map(|t| {
            let raw = t
                .attr("datetime")
                .map(|d| d.to_string())
                .unwrap_or_else(|| dom::inner_text(&t));
            readable(&raw)
        })
}

/// The first short element that is a date line: its class says so, or its text starts with
/// "Published", "Updated"… and holds a date.
fn visible_date(page: &Layout) -> Option<String> {
    page.after_headline()
        .filter(|n| !dom::is_any(n, NOT_SHOWN))
        .filter(is_date_line)
        .filter(|n| !authors::is_foreign_date(n))
        .find_map(|n| {
            dom::inner_text_within(&n, MAX_DATE_LINE_CHARS)
                .and_then(|t| text_date::find(&t))
                .map(|d| d.iso)
        })
}

/// The page's elements in document order, and its headline's place among them: read once
/// for all the date searches of a page, when the first asks (each search walked the page
/// for them, and again for its headline: up to six walks on an article whose metadata
/// states no date).
struct Layout<'a> {
    doc: &'a Document,
    read: OnceCell<(Vec<NodeRef<'a>>, Option<usize>)>,
}

impl<'a> Layout<'a> {
    fn new(doc: &'a Document) -> Layout<'a> {
        Layout {
            doc,
            read: OnceCell::new(),
        }
    }

    fn read(&self) -> &(Vec<NodeRef<'a>>, Option<usize>) {
        self.read.get_or_init(|| {
            let elements: Vec<NodeRef> = self
                .doc
                .root()
                .descendants_it()
                .filter(|n| n.is_element())
                .collect();
            let headline =
                headline_in(&elements).and_then(|h| elements.iter().position(|n| n.id == h.id));
            (elements, headline)
        })
    }

    /// Every element of the page, in document order.
    fn elements(&self) -> &[NodeRef<'a>] {
        &self.read().0
    }

    /// The `<h1>` that is the article's headline ([`headline_in`]).
    fn headline(&self) -> Option<NodeRef<'a>> {
        let (elements, at) = self.read();
        at.map(|at| elements[at])
    }

    /// The elements from the headline on (all of them when the page has no `<h1>`), at
    /// most [`MAX_ELEMENTS_AFTER_HEADLINE`]: an article's dates sit next to its headline; a
    /// date far below it belongs to something else (a comment, a list of other posts).
    fn after_headline(&self) -> impl Iterator<Item = NodeRef<'a>> + '_ {
        let (elements, at) = self.read();
        elements[at.unwrap_or(0)..]
            .iter()
            .take(MAX_ELEMENTS_AFTER_HEADLINE)
            .copied()
    }
}

/// The `<h1>` that is the article's headline among the page's `elements`: the first sharing
/// a word with the page's `<title>`, else the first. A hidden "Search" heading or a menu's
/// heading comes before the story's on some pages; the `<title>` repeats the headline, not
/// those.
fn headline_in<'a>(elements: &[NodeRef<'a>]) -> Option<NodeRef<'a>> {
    let (title, h1s) = title_words_and_headings(elements, local_name!("h1"));
    let mut h1s = h1s.into_iter();
    let first = h1s.next()?;
    let shares = |h: &NodeRef| {
        words::lower_words(&h.text())
            .iter()
            .any(|w| title.contains(w))
    };
    if shares(&first) {
        return Some(first);
    }
    h1s.find(shares).or(Some(first))
}

/// The lower-cased words of the page's `<title>` (the text of every `title` element, as
/// the selector `title` reads them: an SVG's too), and its `heading` elements, in one pass
/// over its `elements` (a selector's walk cost twice the heading's).
fn title_words_and_headings<'a>(
    elements: &[NodeRef<'a>],
    heading: LocalName,
) -> (Vec<String>, Vec<NodeRef<'a>>) {
    let (mut title, mut headings) = (String::new(), Vec::new());
    for node in elements {
        let (is_title, is_heading) = node.qual_name_ref().map_or((false, false), |q| {
            (q.local == local_name!("title"), q.local == heading)
        });
        if is_title {
            title.push_str(&node.text());
        } else if is_heading {
            headings.push(*node);
        }
    }
    (words::lower_words(&title), headings)
}

/// Fewest words of the `<title>` an `<h2>` must repeat to stand in for a missing `<h1>`:
/// one is any section heading's ("Related posts" on a page titled "… | Posts").
const MIN_H2_TITLE_WORDS: usize = 2;

/// On a page without an `<h1>` (a site builder styles its headline as an `<h2>`), the first
/// `<h2>` repeating [`MIN_H2_TITLE_WORDS`] words of the `<title>`: where a bare date line is
/// looked for ([`date_beside_headline`]). Only there: the labelled date lines and
/// `<time>`s of such a page are searched from its top, as before (WCXB-dev, taking it as
/// the headline everywhere: 3 dates found, 1 invented on a service page; for the bare date
/// alone: 3 found, none invented).
fn titled_h2<'a>(elements: &[NodeRef<'a>]) -> Option<NodeRef<'a>> {
    let (title, h2s) = title_words_and_headings(elements, local_name!("h2"));
    h2s.into_iter().find(|h| {
        let words = words::lower_words(&h.text());
        words.iter().filter(|w| title.contains(w)).count() >= MIN_H2_TITLE_WORDS
    })
}

/// Elements before the headline searched for an unlabelled date: an article's header may
/// put the date (with its category) above the `<h1>`.
const HEADER_ELEMENTS_BEFORE: usize = 12;
/// Elements after the headline searched for an unlabelled date: the standfirst, the author
/// line and its avatar come between. WCXB-dev: 20 before and 60 after found one more date
/// and invented two (a listing's, a service page's).
const HEADER_ELEMENTS_AFTER: usize = 30;
/// Most words of a line read as a bare date: the date's own three and a few beside it
/// ("Updated", "· 11 min read", "By Dr. Jane Roe –"). WCXB-dev: 6 words found 33 dates,
/// 9 found 36 (one more invented, a project's "DATE: 2025-12-12 - 2025-12-17", refused as
/// a span of days).
const MAX_DATE_ONLY_WORDS: usize = 9;
/// How far up a date line's ancestors a link is looked for: a teaser wraps its date in it.
const MAX_LINK_DEPTH: usize = 4;

/// A date written alone, without a label or a date class, in the article's header: the
/// short line nearest the headline (or, without an `<h1>`, the [`titled_h2`]) that is a
/// date and hardly more ("March 27, 2024", "23.07.2025 · 5 min"). None when the header shows two different such dates (a row of
/// teasers, a list of posts) or the line is a link (a teaser's date) or sits in a comment,
/// a sidebar or a related list.
fn date_beside_headline(page: &Layout) -> Option<String> {
    let elements = page.elements();
    let h = page.headline().or_else(|| titled_h2(elements))?;
    let at = elements.iter().position(|n| n.id == h.id)?;
    let window = &elements[at.saturating_sub(HEADER_ELEMENTS_BEFORE)..];
    let window = &window[..window
        .len()
        .min(HEADER_ELEMENTS_BEFORE + HEADER_ELEMENTS_AFTER + 1)];
    let mut found: Vec<(usize, String)> = window
        .iter()
        .enumerate()
        .filter_map(|(i, n)| bare_date(n).map(|d| (i.abs_diff(at.min(HEADER_ELEMENTS_BEFORE)), d)))
        .collect();
    found.sort();
    found.dedup_by(|a, b| a.1 == b.1);
    let first = found.first()?;
    found
        .iter()
        .all(|(_, d)| d[..10] == first.1[..10])
        .then(|| first.1.clone())
}

/// The date an element's whole text is, when it is a short line holding little else.
fn bare_date(node: &NodeRef) -> Option<String> {
    if dom::is_any(node, &["script", "style", "template", "a", "h1", "option"])
        || dom::has_block_descendant(node)
    {
        return None;
    }
    let text = dom::inner_text_within(node, MAX_DATE_LINE_CHARS)?;
    if words::words(&text).count() > MAX_DATE_ONLY_WORDS
        || dom::has_ancestor_named(node, "a", MAX_LINK_DEPTH)
    {
        return None;
    }
    // Asked only of a date line: it climbs the ancestors and reads their class words.
    let date = text_date::find(&text).filter(|_| !authors::is_foreign_date(node))?;
    let after_year = text[date.start..]
        .find(&date.iso[..4])
        .map(|i| date.start + i + 4)?;
    // A span of days ("2025-12-12 – 2025-12-17") is an event's, not the page's date.
    text_date::find(&text[after_year..])
        .is_none()
        .then_some(date.iso)
}

fn is_date_line(node: &NodeRef) -> bool {
    let names = dom::class_and_id(node);
    if patterns::matches_any(&names, DATE_CLASS_WORDS) {
        return true;
    }
    if dom::has_block_descendant(node) {
        return false;
    }
    dom::inner_text_within(node, MAX_DATE_LINE_CHARS).is_some_and(|t| {
        // Lower-cased once, not once per start.
        let lower = t.to_lowercase();
        DATE_LINE_STARTS.iter().any(|s| lower.starts_with(s))
    })
}

/// A date in the URL's path, year first: `/2024/03/14/`, `/2024-03-14-slug`, `/20240314/`.
fn url_date(url: &Url) -> Option<String> {
    let runs: Vec<&str> = url
        .path()
        .split(|c: char| !c.is_ascii_digit())
        .filter(|r| !r.is_empty())
        .collect();
    runs.windows(3)
        .find_map(|w| ymd(w[0], w[1], w[2]))
        .or_else(|| {
            runs.iter().find_map(|r| {
                (r.len() == 8)
                    .then(|| ymd(&r[..4], &r[4..6], &r[6..]))
                    .flatten()
            })
        })
}

fn ymd(y: &str, m: &str, d: &str) -> Option<String> {
    if y.len() != 4 || m.len() != 2 || d.len() != 2 {
        return None;
    }
    let (y, m, d): (u32, u32, u32) = (y.parse().ok()?, m.parse().ok()?, d.parse().ok()?);
    ((1990..=2100).contains(&y) && (1..=12).contains(&m) && (1..=31).contains(&d))
        .then(|| format!("{y:04}-{m:02}-{d:02}"))
}

#[cfg(test)]
mod tests {
    use super::{
        Layout, date_beside_headline, day_number, first_shown, guessed, local_day, time_itemprop,
        url_date, utc_minutes,
    };
    use dom_query::Document;
    use url::Url;

    #[test]
    fn instants_and_days() {
        assert_eq!(day_number("1970-01-01"), Some(0));
        assert_eq!(day_number("2024-03-01"), Some(19_783));
        assert_eq!(
            utc_minutes("2025-12-19T04:25:38+05:00"),
            utc_minutes("2025-12-18T23:25:38Z")
        );
        assert_eq!(utc_minutes("2025-12-19"), None);
        assert_eq!(utc_minutes("2025-12-19T04:25:38"), None);
    }

    #[test]
    fn a_utc_timestamp_keeps_the_pages_own_day() {
        let page = |body: &str| Document::from(format!("<html><body>{body}</body></html>"));
        let url = Url::parse("https://a.example/threads/x.1").unwrap();
        // A forum's JSON-LD says UTC; its post's <time> writes the same moment in +05:00.
        let doc = page(r#"<h1>T</h1><time datetime="2025-12-19T04:25:38+05:00">Dec 19</time>"#);
        assert_eq!(
            local_day(&Layout::new(&doc), &url, "2025-12-18T23:25:38Z".into()),
            "2025-12-19T04:25:38+05:00"
        );
        // A blog whose URL carries its day: the UTC timestamp just after midnight.
        let dated = Url::parse("https://a.example/2025/12/18/post").unwrap();
        let doc = page("<h1>T</h1><p>Text</p>");
        assert_eq!(
            local_day(&Layout::new(&doc), &dated, "2025-12-19T02:41:41Z".into()),
            "2025-12-18"
        );
        // A URL date further off is another matter (an update, a series): kept as stated.
        let old = Url::parse("https://a.example/2025/12/10/post").unwrap();
        assert_eq!(
            local_day(&Layout::new(&doc), &old, "2025-12-19T02:41:41Z".into()),
            "2025-12-19T02:41:41Z"
        );
    }

    #[test]
    fn the_headline_is_the_h1_the_title_repeats() {
        let doc = Document::from(
            r#"<html><head><title>Trends in Psychiatry | APA</title></head><body>
            <h1 class="sr-only">Search</h1><button>Close search</button>
            <main><h1>Trends in Psychiatry</h1>
            <ul><li class="c-meta__date">December 24, 2024</li><li>Patients</li></ul></main>
            </body></html>"#,
        );
        assert_eq!(
            Layout::new(&doc).headline().unwrap().text().as_ref(),
            "Trends in Psychiatry"
        );
        let url = Url::parse("https://a.example/blogs/trends").unwrap();
        assert_eq!(
            guessed(&Layout::new(&doc), &url),
            Some(("2024-12-24".to_string(), "text"))
        );
        // No <h1> shares a word with the title: the first stands.
        let doc = Document::from(
            "<html><head><title>Home</title></head><body><h1>A</h1><h1>B</h1></body></html>",
        );
        assert_eq!(Layout::new(&doc).headline().unwrap().text().as_ref(), "A");
    }

    #[test]
    fn the_bodys_template_classes_do_not_make_the_header_foreign() {
        let doc = Document::from(
            r#"<html><head><title>Best Employee Software</title></head>
            <body class="single single-blog no-sidebar"><div class="site">
            <h1>Best Employee Software</h1><div class="author-info">
            <span class="author-name">Dakota Hebert</span>
            <span class="published-date">July 3, 2025</span></div></div></body></html>"#,
        );
        let url = Url::parse("https://a.example/blog/best-software/").unwrap();
        assert_eq!(
            guessed(&Layout::new(&doc), &url),
            Some(("2025-07-03".to_string(), "text"))
        );
    }

    #[test]
    fn a_layout_variant_or_a_denied_word_is_not_a_sidebar() {
        let url = Url::parse("https://a.example/blogs/news/home-gym").unwrap();
        // A BEM modifier: the article is laid out beside a sidebar, it is not one.
        let doc = Document::from(
            r#"<html><head><title>Home Gym Setups</title></head><body>
            <section class="m-article m-article--layout1 m-article--sidebar-right">
            <article><div class="m-article__header"><h1>Home Gym Setups</h1>
            <div class="m-article__meta"><span>by ALLIN ONE</span>
            <span>on Jan 22, 2025</span></div></div><p>Text.</p></article></section>
            </body></html>"#,
        );
        assert_eq!(
            guessed(&Layout::new(&doc), &url),
            Some(("2025-01-22".to_string(), "text"))
        );
        // "nosidebar": a container without a sidebar.
        let doc = Document::from(
            r#"<html><head><title>Best Hosts</title></head><body>
            <div class="mainContainer_noSidebar"><div class="titleBar"><h1>Best Hosts</h1>
            <p class="muted">Discussion started by pelex,
            <span class="DateTime">May 26, 2025</span>.</p></div></div></body></html>"#,
        );
        assert_eq!(
            guessed(&Layout::new(&doc), &url),
            Some(("2025-05-26".to_string(), "text"))
        );
        // A real sidebar stays foreign.
        let doc = Document::from(
            r#"<html><head><title>Best Hosts</title></head><body><h1>Best Hosts</h1>
            <div class="casino-sidebar"><p class="date">May 26, 2025</p></div></body></html>"#,
        );
        assert_eq!(guessed(&Layout::new(&doc), &url), None);
    }

    #[test]
    fn an_aside_inside_the_story_is_its_margin() {
        let url = Url::parse("https://a.example/posts/2021/git").unwrap();
        let doc = Document::from(
            r#"<html><head><title>A brief intro to git</title></head><body><main>
            <a href="/posts">Back to posts</a><article><aside>
            <time datetime="2021-06-06"> June 6, 2021 </time></aside>
            <h1>A brief intro to git</h1><p>Text.</p></article></main></body></html>"#,
        );
        assert_eq!(
            guessed(&Layout::new(&doc), &url),
            Some(("2021-06-06".to_string(), "headline-date"))
        );
        // An <aside> beside the story is still a sidebar.
        let doc = Document::from(
            r#"<html><head><title>A brief intro to git</title></head><body>
            <article><h1>A brief intro to git</h1><p>Text.</p></article>
            <aside><p class="date">June 6, 2021</p></aside></body></html>"#,
        );
        assert_eq!(guessed(&Layout::new(&doc), &url), None);
    }

    #[test]
    fn a_page_builders_block_is_not_a_sidebar_widget() {
        let url = Url::parse("https://a.example/best-oral-hygiene-products/").unwrap();
        // Elementor's post info: every block is an `elementor-widget-container`.
        let doc = Document::from(
            r#"<html><head><title>Best Oral Hygiene Products</title></head><body>
            <div class="elementor-widget elementor-widget-theme-post-title"><div
            class="elementor-widget-container"><h1>Best Oral Hygiene Products</h1></div></div>
            <div class="elementor-widget elementor-widget-post-info"><div
            class="elementor-widget-container"><ul class="elementor-post-info"><li
            class="elementor-icon-list-item"><a href="/2025/07/27/"><span
            class="elementor-post-info__item--type-date"><time>July 27, 2025</time></span>
            </a></li></ul></div></div><p>Text.</p></body></html>"#,
        );
        assert_eq!(
            guessed(&Layout::new(&doc), &url),
            Some(("2025-07-27".to_string(), "time"))
        );
        // A sidebar's widget stays foreign.
        let doc = Document::from(
            r#"<html><head><title>Best Oral Hygiene Products</title></head><body>
            <h1>Best Oral Hygiene Products</h1><p>Text.</p>
            <div class="widget widget_recent_entries"><ul><li><a href="/p">Other</a>
            <span class="post-date">December 19, 2025</span></li></ul></div></body></html>"#,
        );
        assert_eq!(guessed(&Layout::new(&doc), &url), None);
    }

    #[test]
    fn a_promoted_article_is_not_a_promo_box() {
        let doc = Document::from(
            r#"<html><head><title>Query Tuning</title></head><body>
            <article class="node node--type-blog-post node--promoted"><h1>Query Tuning</h1>
            <div class="blog-meta"><div class="blog-pubdate"> September 18, 2024 </div></div>
            </article></body></html>"#,
        );
        let url = Url::parse("https://a.example/blog/query-tuning").unwrap();
        assert_eq!(
            guessed(&Layout::new(&doc), &url),
            Some(("2024-09-18".to_string(), "text"))
        );
    }

    #[test]
    fn the_story_holding_the_headline_is_not_foreign() {
        let doc = Document::from(
            r#"<html><head><title>How I Built an Agent</title></head><body>
            <article class="typography newsletter-post post"><div class="post-header">
            <h1>How I Built an Agent</h1><div class="byline-wrapper"><div><a href="/@w">W</a>
            </div><div><div>Dec 04, 2025</div></div></div></div><p>Text.</p></article>
            <div class="newsletter-signup"><p>Subscribe</p></div></body></html>"#,
        );
        let url = Url::parse("https://a.example/p/agent").unwrap();
        assert_eq!(
            guessed(&Layout::new(&doc), &url),
            Some(("2025-12-04".to_string(), "text"))
        );
        // A comment that is an <article> holds no headline: still foreign.
        let doc = Document::from(
            r#"<html><head><title>T</title></head><body><h1>T</h1><p>Text.</p>
            <article class="comment"><p>Mar 3, 2025</p></article></body></html>"#,
        );
        assert_eq!(guessed(&Layout::new(&doc), &url), None);
    }

    #[test]
    fn a_bare_date_beside_the_headline() {
        let page = |body: &str| {
            Document::from(format!(
                "<html><head><title>Cloud Trends | Blog</title></head><body>{body}</body></html>"
            ))
        };
        // Above the headline, its label in an element of its own.
        let doc = page(
            r#"<div class="wrap"><div class="t16">Last updated:</div>
            <div class="t16 muted">Dec 12, 2025</div></div><h1>Cloud Trends</h1><p>Text.</p>"#,
        );
        assert_eq!(
            date_beside_headline(&Layout::new(&doc)).as_deref(),
            Some("2025-12-12")
        );
        // Under it, with the reading time.
        let doc = page(
            r#"<h1>Cloud Trends</h1><div><p><span>23.07.2025</span><span> · </span>
            <span>5 min</span></p></div>"#,
        );
        assert_eq!(
            date_beside_headline(&Layout::new(&doc)).as_deref(),
            Some("2025-07-23")
        );
        // Teasers beside the headline date each other: no date is the page's.
        let doc = page(
            r#"<h1>Cloud Trends</h1><div class="card"><p>Mar 3, 2025</p></div>
            <div class="card"><p>Feb 9, 2025</p></div>"#,
        );
        assert_eq!(date_beside_headline(&Layout::new(&doc)), None);
        // A linked date is a teaser's; a span of days an event's; a comment's is its own.
        let doc = page(r#"<h1>Cloud Trends</h1><a href="/p/1"><span>Mar 3, 2025</span></a>"#);
        assert_eq!(date_beside_headline(&Layout::new(&doc)), None);
        let doc = page("<h1>Cloud Trends</h1><p>DATE: 2025-12-12 - 2025-12-17</p>");
        assert_eq!(date_beside_headline(&Layout::new(&doc)), None);
        let doc = page(r#"<h1>Cloud Trends</h1><div class="comments"><p>Mar 3, 2025</p></div>"#);
        assert_eq!(date_beside_headline(&Layout::new(&doc)), None);
    }

    #[test]
    fn an_earlier_date_shown_by_the_headline_is_the_first_publication() {
        let page = |body: &str| {
            Document::from(format!(
                "<html><head><title>Eat Your Greens | Blog</title></head><body>{body}</body></html>"
            ))
        };
        let stated = || ("2025-06-24".to_string(), "json-ld");
        // The metadata carries the day the site was rebuilt; the header, the first.
        let doc = page(
            r#"<article><h1>Eat Your Greens</h1><div class="text__author">Jane Doe</div>
            <div class="text__date">August 25, 2024</div><p>Text.</p></article>"#,
        );
        assert_eq!(
            first_shown(&Layout::new(&doc), stated()),
            ("2024-08-25".to_string(), "headline-date")
        );
        // A later date there is an update's: the stated date stands.
        let doc = page(r#"<h1>Eat Your Greens</h1><p class="date">December 4, 2025</p>"#);
        assert_eq!(first_shown(&Layout::new(&doc), stated()), stated());
        // The page shows the stated day too, out of the header's reach (a journal's
        // "Published on" above its issue links; a preprint's date by the headline): the
        // stated date stands.
        let links = "<a href=\"/t\">Theme</a>".repeat(20);
        let doc = page(&format!(
            r#"<p>Published on <time>24.Jun.2025</time> in Vol 7</p><div>{links}</div>
            <div>Preprint first published <time>04.Apr.2025</time>.</div>
            <h1>Eat Your Greens</h1>"#
        ));
        assert_eq!(
            date_beside_headline(&Layout::new(&doc)).as_deref(),
            Some("2025-04-04")
        );
        assert_eq!(first_shown(&Layout::new(&doc), stated()), stated());
    }

    #[test]
    fn without_an_h1_the_h2_repeating_the_title_is_the_headline() {
        let page = |heading: &str| {
            Document::from(format!(
                r#"<html><head><title>Introducing the Cayenne Accelerator | Spice AI</title>
                </head><body><nav><a href="/blog">Blog</a></nav><div><h2>{heading}</h2>
                <div><p>Luke Kim</p><small>December 17, 2025</small></div></div><p>Text.</p>
                </body></html>"#
            ))
        };
        let doc = page("Introducing the Cayenne Accelerator");
        assert_eq!(
            date_beside_headline(&Layout::new(&doc)).as_deref(),
            Some("2025-12-17")
        );
        // A heading sharing one word with the title is a section's.
        let doc = page("Accelerator news");
        assert_eq!(date_beside_headline(&Layout::new(&doc)), None);
    }

    #[test]
    fn an_element_marked_date_published_whose_text_is_a_date() {
        // A page builder's post info: every block of the page is a "widget".
        let doc = Document::from(
            r#"<html><body><div class="elementor-widget elementor-widget-post-info">
            <ul><li class="elementor-icon-list-item" itemprop="datePublished">
            <span class="elementor-post-info__item--type-date"><time>February 9th, 2024</time>
            </span></li></ul></div></body></html>"#,
        );
        assert_eq!(
            time_itemprop(&Layout::new(&doc)).as_deref(),
            Some("2024-02-09")
        );
        // Blogger's post header, inside its "widget Blog".
        let doc = Document::from(
            r#"<html><body><div class="widget Blog"><span class="post-timestamp">
            <a href="/p"><abbr class="published" itemprop="datePublished"
            title="2025-12-19T15:18:00-05:00">December 19, 2025</abbr></a></span></div>
            </body></html>"#,
        );
        assert_eq!(
            time_itemprop(&Layout::new(&doc)).as_deref(),
            Some("2025-12-19")
        );
        // A comment's own date, and a thread's "1 year ago" over a content attribute: none.
        let doc = Document::from(
            r#"<html><body><li itemscope itemtype="https://schema.org/Comment">
            <div class="d-none" itemprop="datePublished">2011-02-12 01:30:35 +00:00</div></li>
            <span itemprop="datePublished" content="2024-05-22T14:43:02+00:00">1 year ago</span>
            </body></html>"#,
        );
        assert_eq!(time_itemprop(&Layout::new(&doc)), None);
    }

    #[test]
    fn dates_in_urls() {
        let at = |u: &str| url_date(&Url::parse(u).ok()?);
        assert_eq!(
            at("https://a.example/2024/03/14/story").as_deref(),
            Some("2024-03-14")
        );
        assert_eq!(
            at("https://a.example/news/2024-03-14-story").as_deref(),
            Some("2024-03-14")
        );
        assert_eq!(
            at("https://a.example/p/20240314/x").as_deref(),
            Some("2024-03-14")
        );
        assert_eq!(at("https://a.example/2024/03/story"), None);
        assert_eq!(at("https://a.example/item/123456789"), None);
    }
}
