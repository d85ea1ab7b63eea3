//! The article's headline, chosen among the page's `<h1>`s, `og:title`, JSON-LD
//! `headline`/`name` and `<title>` ([`choose`]):
//!
//! 0. a `<title>` "Chapter - Book" whose `<h1>` is the book's name and whose first heading
//!    after that `<h1>` repeats the chapter: the chapter (a documentation generator's top
//!    bar, [`book_chapter`]);
//! 1. the first `<h1>` that another title source repeats (its text contained in `og:title`,
//!    `<title>`, `twitter:title` or JSON-LD's headline/name, compared by [`site::key`]):
//!    the page's own headline, confirmed; an `<h1>` linking to the site's or the manual's
//!    index names the site and is never chosen ([`not_logos`]);
//! 2. else, on an article page (`og:type` article, an author or a date), its one visible
//!    `<h1>` that reads as the headline although no stated title repeats it: the stated
//!    titles are then a search-engine rewording, and a reader (and WCXB's annotators) take
//!    the heading they see ([`article_headline`]: at least three words, half of them in the
//!    stated titles or the page's first heading as long as a sentence, not a link to the
//!    home page, not wrapping a whole stated title);
//! 3. else JSON-LD's headline/name, then `og:title`, then `<title>`, each with the site's
//!    part ([`SiteNames`]) stripped wherever it sits (but on the site's home page a site
//!    name opening the title stays: "Figma: The Collaborative Interface Design Tool"), and
//!    cut at a pipe still left ([`before_pipe`]: "Title | Tagline").
//!
//! An `<h1>` found inside a segment of the stated titles, with words on both sides, is a
//! fragment of the page's name, never its headline ([`is_fragment`]: "MX Vertical" of
//! "Logitech MX Vertical Ergonomic Wireless Mouse").
//!
//! A chosen `<h1>` loses a site part at its end ("… Coverage | WRAL", [`without_site`]).
//! The last segment of a title or heading is the site's part also when it is short and
//! opens with the site's name ("| Zoho People", "- Xfinity Entertainment").
//!
//! Readability.js's expected titles are its `<title>` algorithm's output, WCXB's are what
//! a reader calls the headline. The rule that reconciles them: a stated title wins unless
//! the page itself shows a headline the stated titles only reword (step 2), which test
//! pages and sites whose `<h1>` is a logo or a slogan never do; a trailing site part is
//! stripped either way (the Readability test counts "Title" for "Title | Site").
//!
//! A heading or title that is the site's name itself is never chosen.
//!
//! When no segment of `<title>` is recognisably the site, [`from_document`]'s rules guess.
//! `<title>` usually carries the site name too: `Article – Site`, `Site | Article`,
//! `Site » Section » Article`, `Site: Article`. The rules, in order:
//!
//! 1. With a separator (`|`, `-`, `–`, `—`, `\`, `/`, `>`, `»` between spaces), keep what is
//!    before the last one; if that leaves fewer than [`MIN_PART_WORDS`] words, keep what is
//!    after the first one instead.
//! 2. Else with `": "`, keep what is after the last colon, unless a heading repeats the whole
//!    title (then the colon is part of it); if that leaves fewer than [`MIN_PART_WORDS`],
//!    keep what is after the first colon; if the part before the first colon is long, the
//!    colon is part of the title and the whole is kept.
//! 3. Else a title too short or too long to be real is replaced by the page's single `<h1>`.
//! 4. A result of [`MAX_SHORT_WORDS`] words or fewer is distrusted and the whole title kept,
//!    except when a hierarchical title lost exactly its one-word site part.

use std::collections::{HashMap, HashSet};

use dom_query::{Document, NodeId, NodeRef};
use url::Url;

use super::site::{self, SiteNames};
use crate::dom::{self, normalize_space};
use crate::words::{lower_words, shared_share};

/// Separators between a title and the site's name, with the spaces around them: any of
/// these may split off a site part at either end ([`strip_site`]). The full-width vertical
/// line is one without spaces: Japanese and Chinese titles set it between words that have
/// none ("東京の天気予報｜ウェザーニュース").
const SITE_SEPARATORS: &[&str] = &[
    " | ", " - ", " – ", " — ", " · ", " • ", " » ", " / ", " :: ", ": ", "｜",
];
/// Labels forum software puts before a thread's or a forum's title in `<title>`, by key
/// ([`site::key`]): phpBB's "View topic" and "View forum" ([`strip_site`]).
const FORUM_PAGE_LABELS: &[&str] = &["viewtopic", "viewforum"];
/// Fewest words a title keeps once the site's address is taken from it ([`without_address`]):
/// a title that is the address and one word ("example.com Blog") names the site.
const MIN_ADDRESS_REST_WORDS: usize = 2;
/// What a title cut to a length limit may end with.
const ELLIPSES: &[&str] = &["…", "..."];
/// A cut-off title shorter than this (characters) is too short to tell a cut from a
/// heading that merely opens like the longer text ([`is_cut_from`]).
const MIN_CUT_CHARS: usize = 20;
/// The separator after which a stated title holds no more of the headline ([`before_pipe`]).
const PIPE: &str = " | ";
/// The permalink mark documentation generators put after a heading (Sphinx's `¶`).
const PILCROW: char = '¶';
/// An `<h1>` longer than this (characters) is a block of text or a stylesheet, not a headline.
const MAX_HEADLINE_CHARS: usize = 300;
/// An unconfirmed `<h1>` ([`article_headline`]) longer than this (characters) is a teaser
/// paragraph set large, not a headline.
const MAX_ARTICLE_HEADLINE_CHARS: usize = 150;
/// Share of an unconfirmed `<h1>`'s words the stated titles must hold for it to be their
/// subject reworded, not a logo, a slogan or a test page's stray heading.
const MIN_SHARED_WORDS: f64 = 0.5;
/// An unconfirmed first `<h1>` of this many words reads as a sentence-long headline even
/// when the stated titles word the subject otherwise ([`is_sentence_headline`]). On WCXB-dev
/// 8 gained 13 titles and lost 4; 7 lost 3 more, 10 gained 2 and lost 7.
const MIN_SENTENCE_HEADLINE_WORDS: usize = 8;
/// A stated title's segment of this many words, inside a longer `<h1>`, makes that heading
/// a wrapper of the title ([`wraps_segment`]).
const MIN_WRAPPED_WORDS: usize = 5;
/// A heading that rewords `<title>` has at least this many words ([`reworded_heading`]).
const MIN_REWORDED_WORDS: usize = 2;
const MAX_REWORDED_WORDS: usize = 4;
/// What a heading's permalink shows, if anything: nothing (an icon set by the stylesheet),
/// Sphinx's `¶`, `#`, `§`, a link symbol ([`permalinked`]).
const PERMALINK_MARKS: &[char] = &[PILCROW, '#', '§', '🔗'];
/// Elements of a heading whose text is no part of it: buttons ("Copy item path"), a
/// stylesheet or a script set inside the heading by a component framework.
const UNREAD_IN_HEADING: &[&str] = &["button", "style", "script", "noscript", "template"];
/// The headings that open a chapter's body below a book's `<h1>` ([`book_chapter`]).
const BODY_HEADINGS: &[&str] = &["h2", "h3"];
/// What sets a headline's subtitle apart from its head ([`subtitles`]).
const SUBTITLE_MARKS: &[&str] = &[": ", ", "];
/// A stated title of fewer words is too short to vouch for a heading that opens with it and
/// goes on: "Reviews" opens "Reviews: What Our Clients Say" as well as any other heading.
const MIN_SUBTITLED_WORDS: usize = 3;
/// An unconfirmed `<h1>` of fewer words is a section name ("Reviews", "Shop", "Minecraft
/// News") or a logo.
const MIN_HEADLINE_WORDS: usize = 3;

/// Where a title can come from, gathered by the caller.
#[derive(Debug, Default)]
pub struct TitleSources {
    /// The page states it is an article (`og:type` article), or names an author or a
    /// publication date: its visible `<h1>` is the headline a reader sees, and the stated
    /// titles are often a search-engine rewording of it.
    pub article_like: bool,
    /// The page is the site's home page: a site name opening its title is then the page's
    /// subject ("Figma: The Collaborative Interface Design Tool"), not a site part.
    pub home_page: bool,
    pub og_title: Option<String>,
    pub twitter_title: Option<String>,
    pub ld_title: Option<String>,
    pub ld_alternatives: Vec<String>,
}

/// The headline and the name of its source.
pub fn choose(
    doc: &Document,
    sources: &TitleSources,
    sites: &SiteNames,
    h1s: &[String],
) -> Option<(String, &'static str)> {
    let page_title = page_title(doc);
    let mut others: Vec<&str> = [
        &sources.og_title,
        &page_title,
        &sources.twitter_title,
        &sources.ld_title,
    ]
    .into_iter()
    .flatten()
    .map(String::as_str)
    .collect();
    others.extend(sources.ld_alternatives.iter().map(String::as_str));
    if let Some(chapter) = page_title
        .as_deref()
        .and_then(|t| book_chapter(doc, t, h1s))
    {
        return Some((chapter, "title"));
    }
    let confirmed = h1s.iter().find(|h| {
        let k = site::key(h);
        (others.iter().any(|o| site::key(o).contains(&k))
            && !others.iter().any(|o| is_end_segment(o, &k))
            && !is_fragment(&k, &others, sites))
            || others
                .iter()
                .any(|o| opens_cut_from(o, h) || subtitles(h, o, sites))
    });
    if let Some(h1) = confirmed {
        return Some((without_site(h1, sites), "h1"));
    }
    if sources.article_like
        && let Some(h1) = article_headline(h1s, &others, sites, &permalinked(doc))
    {
        return Some((without_site(&h1, sites), "h1"));
    }
    let stated = [
        (&sources.ld_title, "json-ld"),
        (&sources.og_title, "og:title"),
    ];
    for (value, source) in stated {
        let Some(value) = value.as_deref() else {
            continue;
        };
        if others.iter().any(|o| is_cut_from(value, o)) {
            continue;
        }
        let stripped =
            strip_site(value, sites, sources.home_page).unwrap_or_else(|| normalize_space(value));
        if !sites.is_name(&stripped) {
            return Some((before_pipe(&stripped, sites), source));
        }
    }
    let page_title = page_title.filter(|t| !t.is_empty())?;
    let title = without_dangling_separator(&page_title);
    if let Some(heading) = reworded_heading(h1s, &title, sites) {
        return Some((heading, "h1"));
    }
    let stripped = strip_site(&title, sites, sources.home_page)
        .unwrap_or_else(|| strip_site_name(doc, &title));
    if title != page_title
        && sites.is_segment(&stripped)
        && let Some(heading) = h1s.iter().find(|h| !sites.is_segment(h))
    {
        return Some((without_site(heading, sites), "h1"));
    }
    Some((before_pipe(&stripped, sites), "title"))
}

/// `title` without a separator left at its start or end by a template whose page name was
/// empty ("| Nuts & Volts Magazine"): what remains is the site's part alone, which
/// [`choose`] then passes over for the page's first heading. (A `<title>` that is the
/// site's name with no separator names a home page: the site is then its title, on 4
/// WCXB-dev pages; only the empty template is a sure sign the page's name is missing.)
fn without_dangling_separator(title: &str) -> String {
    let marks: Vec<&str> = SITE_SEPARATORS.iter().map(|s| s.trim()).collect();
    let mut rest = title.trim();
    while let Some(next) = marks.iter().find_map(|m| {
        rest.strip_prefix(m)
            .filter(|r| r.starts_with(' '))
            .or_else(|| rest.strip_suffix(m).filter(|r| r.ends_with(' ')))
    }) {
        rest = next.trim();
    }
    rest.to_string()
}

/// A heading without the site's part at its end, when it carries one ("… Coverage | WRAL",
/// "… 2025 – Artlyst"); as it is otherwise. Not at its start ("Figma: The Collaborative
/// Interface Design Tool" names the product it is about), nor after a colon ("Small Business
/// Guide: Cyber Security" on the National Cyber Security Centre's site). A separator set
/// before or after the heading's words as an ornament ("/ CREATIVE AGENCY PORTFOLIO")
/// separates nothing and goes too ([`without_dangling_separator`]).
fn without_site(heading: &str, sites: &SiteNames) -> String {
    let heading = normalize_space(&without_dangling_separator(heading));
    let mut end = heading.len();
    for (at, _) in separator_cuts(&heading).into_iter().rev() {
        let tail = &heading[at..end];
        let tail = SITE_SEPARATORS
            .iter()
            .find_map(|sep| tail.strip_prefix(sep))
            .unwrap_or(tail);
        let colon = heading[at..].starts_with(": ");
        if at == 0 || colon || !sites.is_tail_segment(tail) {
            break;
        }
        end = at;
    }
    heading[..end].trim().to_string()
}

/// Is `key` the site's segment of `title`: its last segment ("V8" of "Binaries using
/// Emscripten · V8", "Salon" of "… - Salon.com") or, before a colon, its first ("Silicon
/// Exposed: Open Verilog flow…"), and shorter than the other end? Then the heading is the
/// site's logo, not the headline. After a colon the last segment is the subject, never the
/// site ("City of Marion Building Department: Home Repair Assistance Program": the page's
/// heading is "Home Repair Assistance Program").
fn is_end_segment(title: &str, key: &str) -> bool {
    let title = normalize_space(title);
    let cuts = separator_cuts(&title);
    let (Some(first), Some(last)) = (cuts.first(), cuts.last()) else {
        return false;
    };
    let head = site::key(&title[..first.0]);
    let tail = site::key(&title[last.0 + last.1..]);
    let names = |segment: &str| !segment.is_empty() && (segment == key || segment.starts_with(key));
    let colon_prefix = title[first.0..].starts_with(": ");
    let colon_suffix = title[last.0..].starts_with(": ");
    (!colon_suffix && names(&tail) && head.len() > tail.len())
        || (colon_prefix && names(&head) && tail.len() > head.len())
}

/// The `<title>`'s head when the page's `<h1>` is the name the `<title>` ends with and the
/// first heading after that `<h1>` repeats the head ("What is Ownership? - The Rust
/// Programming Language": the `<h1>` "The Rust Programming Language" in the top bar, then
/// the `<h2>` "What Is Ownership?" opening the chapter). Documentation generators (mdBook
/// and its kind) show the book's name as every page's `<h1>`: without this every chapter is
/// titled, and saved, by the book's name. [`is_end_segment`] knows a site's segment by its
/// being the shorter end of the title; a book's name is often the longer. The heading must
/// open what follows the `<h1>`: a "Site - Headline" page whose footer has a heading with
/// the site's name keeps its headline. After a colon the last segment is the subject, never
/// the site. On WCXB-dev: 2 titles gained, none lost.
fn book_chapter(doc: &Document, title: &str, h1s: &[String]) -> Option<String> {
    let title = normalize_space(title);
    let &(at, len) = separator_cuts(&title).last()?;
    if title[at..].starts_with(": ") {
        return None;
    }
    let (head, tail) = (title[..at].trim(), site::key(&title[at + len..]));
    let head_key = site::key(head);
    if tail.is_empty() || head_key.is_empty() || !h1s.iter().any(|h| site::key(h) == tail) {
        return None;
    }
    let root = doc.root();
    let mut headings = root
        .descendants_it()
        .filter(|n| n.has_name("h1") || BODY_HEADINGS.iter().any(|name| n.has_name(name)));
    headings.find(|h| h.has_name("h1") && site::key(&heading_text(h)) == tail)?;
    let opening = headings.find(|h| !h.has_name("h1"))?;
    (site::key(&heading_text(&opening)) == head_key).then(|| head.to_string())
}

/// On an article page, the one `<h1>` that reads as its headline although no stated title
/// repeats it (the stated titles are then a search-engine rewording: "Top 10 Health and
/// Nutrition Trends to Watch" on the page, "Health And Nutrition Trends For 2026 - Site" in
/// `<title>`). A candidate has at least [`MIN_HEADLINE_WORDS`] words and at most
/// [`MAX_ARTICLE_HEADLINE_CHARS`] characters, has half its words in the stated titles (the
/// same subject) or reads as a sentence-long headline ([`is_sentence_headline`]), does not
/// link to the home page ([`not_logos`]), is not the site's part of them (a logo `<h1>`: the
/// last segment of `<title>`), is no fragment of a stated title ([`is_fragment`]) and does
/// not wrap a whole stated title in more text ("Thread: …", "… (latimes.com) 87": the
/// stated title is then the cleaner headline). Two candidates: none is trusted.
/// `permalinked`: the texts of the headings that carry their own permalink ([`permalinked`]).
fn article_headline(
    h1s: &[String],
    others: &[&str],
    sites: &SiteNames,
    permalinked: &HashSet<String>,
) -> Option<String> {
    let stated_words: Vec<String> = others.iter().flat_map(|o| lower_words(o)).collect();
    let mut candidates = h1s.iter().enumerate().filter(|(at, h)| {
        let k = site::key(h);
        let words = lower_words(h);
        words.len() >= MIN_HEADLINE_WORDS
            && h.chars().count() <= MAX_ARTICLE_HEADLINE_CHARS
            && !sites.is_segment(h)
            && (shared_share(&words, &stated_words) >= MIN_SHARED_WORDS
                || (is_sentence_headline(*at, h, &words) && !permalinked.contains(*h)))
            && !is_fragment(&k, others, sites)
            && !others
                .iter()
                .any(|o| is_last_segment(o, &k) || wraps_segment(&k, o))
    });
    let (_, only) = candidates.next()?;
    candidates.next().is_none().then(|| only.clone())
}

/// Is the `at`-th `<h1>` of the page a sentence-long headline that needs no stated title to
/// vouch for it ("Find an Efficient Vehicle That's Right for You" over "Hybrid and EV Buying
/// Guide - Consumer Reports")? The first heading, of at least [`MIN_SENTENCE_HEADLINE_WORDS`]
/// words, not a lead-in ending in a colon ("A message from …:"). A logo or a slogan is
/// shorter; a later heading is the body's ("Who was the King of England in 1650?").
fn is_sentence_headline(at: usize, heading: &str, words: &[String]) -> bool {
    at == 0 && words.len() >= MIN_SENTENCE_HEADLINE_WORDS && !heading.ends_with(':')
}

/// Does the heading (by key) hold a long segment of `title` and more ("Thread: …" around
/// "… - Forum")? Segments of at least [`MIN_WRAPPED_WORDS`] words count: a shorter one is a
/// fragment a longer headline may well contain.
fn wraps_segment(heading_key: &str, title: &str) -> bool {
    let title = normalize_space(title);
    segment_bounds(&title).into_iter().any(|(a, b)| {
        let segment = &title[a..b];
        let k = site::key(segment);
        lower_words(segment).len() >= MIN_WRAPPED_WORDS
            && k.len() < heading_key.len()
            && heading_key.contains(&k)
    })
}

/// The JSON-LD headline a confirmed heading holds after a label, when a stated title sets
/// that label apart as its first segment: a forum thread's prefix ("News", "Tips/Techniques")
/// that the heading shows as a badge before the thread's title (`<h1><span
/// class="label">News</span> Digital Cameras: …</h1>`, `og:title` "News - Digital Cameras:
/// …", JSON-LD's headline "Digital Cameras: …"). The label is the forum's category, not
/// part of the title. `heading` is the title chosen; read for a page the classifier calls a
/// forum thread (`Metadata::adopt_thread_kind`, after cleaning dropped the heading).
pub fn without_label(heading: &str, doc: &Document, sources: &TitleSources) -> Option<String> {
    if sources.ld_alternatives.is_empty() {
        return None;
    }
    let page_title = page_title(doc);
    let stated = [&sources.og_title, &page_title, &sources.twitter_title];
    let stated: Vec<&str> = stated.into_iter().flatten().map(String::as_str).collect();
    let heading_key = site::key(heading);
    let headline = sources.ld_alternatives.iter().find(|headline| {
        let k = site::key(headline);
        let Some(label) = heading_key
            .strip_suffix(k.as_str())
            .filter(|l| !l.is_empty() && !k.is_empty())
        else {
            return false;
        };
        stated.iter().any(|title| {
            let title = normalize_space(title);
            separator_cuts(&title).first().is_some_and(|&(at, len)| {
                site::key(&title[..at]) == label && site::key(&title[at + len..]).starts_with(&k)
            })
        })
    });
    headline.map(|h| normalize_space(h))
}

/// Does the stated `title`, whole or up to one of its separators, read as `heading` cut to a
/// length limit ([`is_cut_from`])? The heading is then the page's name in full.
fn opens_cut_from(title: &str, heading: &str) -> bool {
    let title = normalize_space(title);
    let heads = separator_cuts(&title)
        .into_iter()
        .map(|(at, _)| &title[..at]);
    heads
        .chain([title.as_str()])
        .any(|head| is_cut_from(head, heading))
}

/// The texts of the `<h1>`s that carry their own permalink, an empty or one-mark link to
/// an anchor (`<h1 id="x"><a class="anchor" href="#x"></a>…</h1>`, Sphinx's `¶`): headings
/// of a text rendered from Markdown or a manual, set in the body. Such a heading is never the
/// page's headline by its length alone ([`is_sentence_headline`]): a blog post's first
/// section ("But what they love is the sense of empowerment and versatility") reads as long
/// as a headline. Confirmed by a stated title, it stays the headline (a manual's page).
/// On WCXB-dev: 1 title gained, none lost.
fn permalinked(doc: &Document) -> HashSet<String> {
    let is_permalink = |a: &NodeRef| {
        a.attr("href").is_some_and(|h| h.starts_with('#'))
            && normalize_space(&a.text())
                .chars()
                .all(|c| PERMALINK_MARKS.contains(&c))
    };
    doc.root()
        .descendants_it()
        .filter(|n| n.has_name("h1"))
        .filter(|h| {
            h.descendants_it()
                .any(|a| a.has_name("a") && is_permalink(&a))
        })
        .map(|h| heading_text(&h))
        .collect()
}

/// Does `heading` open with the whole of the stated `title` (its site part stripped), then
/// go on after a comma or a colon ("Pros and Cons of Tiny House Living: Why Live in a Tiny
/// House?" over "Pros and Cons of Tiny House Living | LoadUp", "Best High School Tutors in
/// 2025, Reviewed by a Student" over "Best High School Tutors in 2025 | Bold.org")? The
/// stated title is then the headline without its subtitle, shortened for search results,
/// and the heading the page's name in full. Other continuations are no subtitle: a link's
/// source and score ("… (latimes.com) 87"), a tagline ("… | Python, SQL & AI"), a
/// product's offer ("… + $5 Million in Insurance*"). The stated title has at least
/// [`MIN_SUBTITLED_WORDS`] words. On WCXB-dev: 3 titles gained, none lost.
fn subtitles(heading: &str, title: &str, sites: &SiteNames) -> bool {
    let stated = strip_site(title, sites, false).unwrap_or_else(|| normalize_space(title));
    let stated_key = site::key(&stated);
    if lower_words(&stated).len() < MIN_SUBTITLED_WORDS {
        return false;
    }
    let heading = normalize_space(heading);
    SUBTITLE_MARKS.iter().any(|mark| {
        heading.match_indices(mark).any(|(at, _)| {
            site::key(&heading[..at]) == stated_key
                && !site::key(&heading[at + mark.len()..]).is_empty()
        })
    })
}

/// Is `short` a cut-off copy of `long`: its start, cut inside a word ("… laptop, and k" of
/// "… laptop, and keyboard (checklist)"), inside brackets ("… Solutions (Including" of "…
/// Solutions (Including One Universal Trick That 9/10 Works)") or before an ellipsis? A
/// stated title cut to a length limit (a CMS's `<title>`, a plugin's JSON-LD) is then the
/// longer text's. A word joined to the next without a space ("Black EditionComplete …", two
/// blocks of a heading read as one) is no cut: the next letter is a capital.
fn is_cut_from(short: &str, long: &str) -> bool {
    let short = short.trim_end();
    let trimmed = ELLIPSES
        .iter()
        .find_map(|e| short.strip_suffix(e))
        .unwrap_or(short)
        .trim_end();
    let Some(rest) = long
        .get(..trimmed.len())
        .filter(|head| {
            trimmed.chars().count() >= MIN_CUT_CHARS && head.eq_ignore_ascii_case(trimmed)
        })
        .map(|_| &long[trimmed.len()..])
        .filter(|rest| !rest.trim().is_empty())
    else {
        return false;
    };
    let ellipsis = trimmed.len() < short.len();
    let in_word = trimmed.ends_with(char::is_alphanumeric)
        && rest.starts_with(|c: char| c.is_lowercase() || c.is_ascii_digit());
    let unclosed =
        |open: char, close: char| trimmed.matches(open).count() > trimmed.matches(close).count();
    ellipsis || in_word || unclosed('(', ')') || unclosed('[', ']')
}

/// The page's one visible heading (however often repeated) when `<title>` is the page's
/// only stated title and words the same subject: half the heading's words in it.
fn reworded_heading(h1s: &[String], title: &str, sites: &SiteNames) -> Option<String> {
    let first = h1s.first()?;
    let words = lower_words(first);
    (h1s.iter().all(|h| h == first)
        && (MIN_REWORDED_WORDS..=MAX_REWORDED_WORDS).contains(&words.len())
        && !sites.is_segment(first)
        && !is_last_segment(title, &site::key(first))
        && shared_share(&words, &lower_words(title)) >= MIN_SHARED_WORDS)
        .then(|| without_site(first, sites))
}

/// Is the heading (by key) a fragment of the stated titles: inside a segment of each that
/// holds it, with words of that segment before and after it ("Furniture" of "Shop Furniture
/// Online - Target", "MX Vertical" of "Logitech MX Vertical Ergonomic Wireless Mouse")? The
/// heading then names a product line or a category the stated title names in full. A
/// segment that names the site is left out: the heading may be the name without the brand
/// ("Rambler® 20 oz Tumbler" of "YETI Rambler 20 oz Tumbler with MagSlider Lid") or the
/// segment a shop's wording around it ("Thomann Buy Microphones at Thomann"), either way.
/// On WCXB-dev: 5 titles gained, 1 lost; taking such segments too gained 4 more and lost 3
/// more.
fn is_fragment(heading_key: &str, others: &[&str], sites: &SiteNames) -> bool {
    let mut found = false;
    for title in others {
        let title = normalize_space(title);
        for (a, b) in segment_bounds(&title) {
            let k = site::key(&title[a..b]);
            let Some(at) = k.find(heading_key) else {
                continue;
            };
            if sites.is_named_in(&title[a..b]) {
                return false;
            }
            if at == 0 || at + heading_key.len() == k.len() {
                return false;
            }
            found = true;
        }
    }
    found
}

/// Is `key` the last of several segments of `title` (`Article · Site`)?
fn is_last_segment(title: &str, key: &str) -> bool {
    let title = normalize_space(title);
    separator_cuts(&title)
        .last()
        .is_some_and(|(at, len)| site::key(&title[at + len..]) == key)
}

/// The texts of the visible `<h1>`s that are not the site's name nor its logo: a heading
/// that links to the site's home page (`<h1><a href="/">Archive of Our Own</a></h1>`) or to
/// the index of the book or manual the page belongs to (`<h1><a href="../index.html">SQLAlchemy
/// 2.0 Documentation</a></h1>`, [`links_to_index`]) names the site, not the page. A visible
/// heading is kept when some heading of its text is no logo. `page` is the page's URL (its
/// document base): a heading's link is judged by where it leads, so that `index.html` and
/// the absolute URL a live capture writes for it agree. Read once per page: [`choose`] and
/// [`lone_heading`] take the texts.
pub fn not_logos(doc: &Document, sites: &SiteNames, page: Option<&Url>) -> Vec<String> {
    let mut marks = Marks::new(page);
    let read: Vec<(String, H1)> = dom::descendants_named(&doc.root(), "h1")
        .iter()
        .map(|h| (heading_text(h), marks.of_h1(h)))
        .collect();
    let texts: HashSet<&String> = read
        .iter()
        .filter(|(_, h)| !h.logo)
        .map(|(t, _)| t)
        .collect();
    read.iter()
        .filter(|(t, h)| {
            h.shown
                && !site::key(t).is_empty()
                && t.chars().count() <= MAX_HEADLINE_CHARS
                && !sites.is_name(t)
                && texts.contains(t)
        })
        .map(|(t, _)| t.clone())
        .collect()
}

/// What the page says of one of its `<h1>`s.
struct H1 {
    /// Neither it nor an element above it is hidden.
    shown: bool,
    /// An element above it, or a link inside it, is a link home ([`links_to_index`]).
    logo: bool,
}

/// Whether each element or one above it is hidden, and whether one of them is a link home,
/// worked out from the `<h1>`s up and kept: a page's few headings are judged without a walk
/// of the whole page (which cost more than the rest of the metadata's title), and the
/// ancestors they share are read once (headings under 500 nested `div`s,
/// tests/hostile.rs), each link judged once (judging resolves the link: a 158 KB `href`
/// judged once per child of the link took 1.5 s).
struct Marks<'u> {
    page: Option<&'u Url>,
    /// (hidden, in a link home) of each element read, itself included.
    above: HashMap<NodeId, (bool, bool)>,
    /// Whether each link judged leads home.
    home_links: HashMap<NodeId, bool>,
}

impl<'u> Marks<'u> {
    fn new(page: Option<&'u Url>) -> Marks<'u> {
        Marks {
            page,
            above: HashMap::new(),
            home_links: HashMap::new(),
        }
    }

    fn of_h1(&mut self, h1: &NodeRef) -> H1 {
        let (hidden, in_home_link) = self.marks(h1);
        let logo = in_home_link || h1.descendants_it().any(|d| self.is_home_link(&d));
        H1 {
            shown: !hidden,
            logo,
        }
    }

    /// (hidden, in a link home) of `node`, itself included: the ancestors not read yet are
    /// climbed to, then marked from the top down.
    fn marks(&mut self, node: &NodeRef) -> (bool, bool) {
        let mut unread = Vec::new();
        let mut marks = (false, false);
        let mut next = Some(*node);
        while let Some(n) = next {
            if let Some(known) = self.above.get(&n.id) {
                marks = *known;
                break;
            }
            next = n.parent();
            unread.push(n);
        }
        for n in unread.iter().rev() {
            if n.is_element() {
                marks = (
                    marks.0 || dom::is_hidden(n),
                    marks.1 || self.is_home_link(n),
                );
            }
            self.above.insert(n.id, marks);
        }
        marks
    }

    fn is_home_link(&mut self, node: &NodeRef) -> bool {
        if !node.has_name("a") {
            return false;
        }
        let page = self.page;
        *self
            .home_links
            .entry(node.id)
            .or_insert_with(|| node.attr("href").is_some_and(|h| links_to_index(&h, page)))
    }
}

/// Does `href` lead to a home page or to the index of a directory holding the page: `/`,
/// `./`, `../`, `index.html`, `../../index.html`, or an absolute URL of one of these (a
/// live capture makes every link absolute)? Without the page's URL, only the relative
/// forms and a site's root are recognised.
fn links_to_index(href: &str, page: Option<&Url>) -> bool {
    let href = href.trim();
    if href.is_empty() || href.starts_with('#') {
        return false;
    }
    let Some(page) = page else {
        return Url::parse(href).map_or_else(|_| relative_index(href), |u| is_root(&u));
    };
    !names_a_file(href) && !leads_elsewhere(href, page.path()) && resolves_to_index(href, page)
}

/// [`links_to_index`] for a link resolved against the page's URL.
fn resolves_to_index(href: &str, page: &Url) -> bool {
    let Ok(target) = page.join(href) else {
        return false;
    };
    let path = target.path();
    let dir = path.strip_suffix("index.html").unwrap_or(path);
    is_root(&target)
        || (target.query().is_none()
            && dir.ends_with('/')
            && target.origin() == page.origin()
            && page.path().starts_with(dir))
}

/// Does `href`, whatever the page's URL, lead to a path that names a file other than
/// `index.html` (`/2024/05/story`, `https://a.org/team.html?x=1`)? Only a plain path, alone
/// or after an `http(s)://` host, with nothing the URL parser decodes or drops (`%`, `\`,
/// controls): then the target's path ends as the href's does, and no URL need be built (a
/// page has hundreds of links).
fn names_a_file(href: &str) -> bool {
    let after_host = match href
        .strip_prefix("https://")
        .or_else(|| href.strip_prefix("http://"))
    {
        Some(host_on) => match host_on.find(['/', '?', '#', '\\']) {
            Some(at) if host_on[at..].starts_with('/') => &host_on[at..],
            _ => return false,
        },
        None if href.starts_with("//") || href.contains(':') => return false,
        None => href,
    };
    let path = after_host.split(['?', '#']).next().unwrap_or(after_host);
    !href.contains(['%', '\\'])
        && !href.contains(|c: char| c.is_ascii_control())
        && path.ends_with(|c: char| c.is_ascii_alphanumeric())
        && !path.ends_with("index.html")
}

/// Bytes the URL parser keeps as they are in a path (no percent-encoding, no `\` read as
/// `/`): [`leads_elsewhere`] reads such a path as the target's.
const PLAIN_PATH_BYTES: &[u8] = b"/-._~!$&'()*+,;=:@";

/// Does `href` lead, wherever it is resolved, to a path other than `/` that is no
/// directory of `page_path` (the page's path does not start with it, `index.html` cut):
/// then it is no link to an index, known without building the URL (a page has hundreds of
/// links). Only for an absolute path or an `http(s)://` URL with a host, whose path is
/// plain ([`PLAIN_PATH_BYTES`], no `.` or `..` segment): then the target's path is the
/// href's.
fn leads_elsewhere(href: &str, page_path: &str) -> bool {
    let path_on = match href
        .strip_prefix("https://")
        .or_else(|| href.strip_prefix("http://"))
    {
        Some(host_on) => match host_on.find(['/', '?', '#', '\\']) {
            Some(at) if at > 0 && host_on[at..].starts_with('/') => &host_on[at..],
            _ => return false,
        },
        None if href.starts_with('/') && !href.starts_with("//") => href,
        None => return false,
    };
    let path = path_on.split(['?', '#']).next().unwrap_or(path_on);
    let plain = path
        .bytes()
        .all(|b| b.is_ascii_alphanumeric() || PLAIN_PATH_BYTES.contains(&b));
    let dots = path.split('/').any(|s| s == "." || s == "..");
    let dir = path.strip_suffix("index.html").unwrap_or(path);
    plain && !dots && path != "/" && !page_path.starts_with(dir)
}

/// A site's root page: `https://a.org/`.
fn is_root(url: &Url) -> bool {
    url.path() == "/" && url.query().is_none()
}

/// `./`, `../`, `index.html`, `../../index.html`: a relative link to a directory's index.
fn relative_index(href: &str) -> bool {
    let dirs = href.strip_suffix("index.html").unwrap_or(href);
    dirs.split('/')
        .all(|part| part.is_empty() || part == "." || part == "..")
}

/// The text of a heading, a line break read as a space ("News Product<br>Management"),
/// without its buttons ("Crate tokio <button>Copy item path</button>") and the pilcrow of
/// a permalink after it ("ORM Quick Start<a class="headerlink">¶</a>").
fn heading_text(h: &NodeRef) -> String {
    // Walked with its own stack, within the heading only: the heading's ancestors are never
    // read (a page of headings under 500 nested `div`s, tests/hostile.rs).
    let mut text = String::new();
    let mut stack: Vec<NodeRef> = h.children().into_iter().rev().collect();
    while let Some(node) = stack.pop() {
        if node.has_name("br") {
            text.push(' ');
        } else if node.is_text() {
            text.push_str(&node.text());
        } else if !UNREAD_IN_HEADING.iter().any(|name| node.has_name(name)) {
            stack.extend(node.children().into_iter().rev());
        }
    }
    normalize_space(normalize_space(&text).trim_end_matches(PILCROW))
}

/// A stated title without what follows its first ` | `: once the site's part is gone, a
/// pipe still left separates the title from a tagline, a section or a second site name
/// ("Best Residential Movers in NYC 2025 | Top 19 Companies", "New Links | Hacker News").
/// On WCXB-dev the part before the pipe was the headline on 17 pages, the whole on 4.
fn before_pipe(title: &str, sites: &SiteNames) -> String {
    match title.split_once(PIPE) {
        Some((head, _)) if !site::key(head).is_empty() && !sites.is_segment(head) => {
            head.trim().to_string()
        }
        _ => title.to_string(),
    }
}

/// `title` without the segments at its ends that are the site's name; `Some(title)` as is
/// when it has no separator, `None` when it has one but no end is recognisably the site.
/// On the site's home page (`home_page`) a leading site segment stays: it names the page's
/// subject. A forum's page label after the site's name goes too ([`is_page_label`]).
pub fn strip_site(title: &str, sites: &SiteNames, home_page: bool) -> Option<String> {
    let title = normalize_space(title);
    let bounds = segment_bounds(&title);
    if bounds.len() == 1 {
        return Some(without_address(&title, sites));
    }
    let (mut first, mut last) = (0, bounds.len() - 1);
    while first < last && sites.is_tail_segment(&title[bounds[last].0..bounds[last].1]) {
        last -= 1;
    }
    while first < last {
        let segment = &title[bounds[first].0..bounds[first].1];
        if !(is_page_label(segment) || (!home_page && sites.is_segment(segment))) {
            break;
        }
        first += 1;
    }
    if first == 0 && last == bounds.len() - 1 {
        return None;
    }
    Some(title[bounds[first].0..bounds[last].1].trim().to_string()).filter(|t| !t.is_empty())
}

/// `title` without the site's address as its first word, with no separator after it
/// ("davidbau.com Vibe Coding": a personal site's template names the site by its host).
/// Only a word with a dot inside that is one of the site's names ([`SiteNames`]) is an
/// address: a brand without its domain opens a product's name ("Logitech MX Vertical
/// Ergonomic Wireless Mouse") and stays. At the end an address is the sentence's ("Hardware
/// Catalogs on Thomasnet.com") and stays too. What remains has at least
/// [`MIN_ADDRESS_REST_WORDS`] words.
fn without_address(title: &str, sites: &SiteNames) -> String {
    let words: Vec<&str> = title.split_whitespace().collect();
    match words.as_slice() {
        [first, rest @ ..]
            if rest.len() >= MIN_ADDRESS_REST_WORDS
                && first.contains('.')
                && sites.is_name(first) =>
        {
            rest.join(" ")
        }
        _ => title.to_string(),
    }
}

/// Is `segment` the label forum software writes before a thread's title, a segment of its
/// own (phpBB's "Site • View topic - Title")? It names the kind of page, not the page.
fn is_page_label(segment: &str) -> bool {
    let k = site::key(segment);
    FORUM_PAGE_LABELS.contains(&k.as_str())
}

/// The (start, end) byte ranges of `title`'s segments, the text between its separators
/// ([`separator_cuts`]); the whole title when it has none.
fn segment_bounds(title: &str) -> Vec<(usize, usize)> {
    let mut bounds = Vec::new();
    let mut start = 0;
    for (at, len) in separator_cuts(title) {
        bounds.push((start, at));
        start = at + len;
    }
    bounds.push((start, title.len()));
    bounds
}

/// Byte offset and length of every separator in `title`, in order.
fn separator_cuts(title: &str) -> Vec<(usize, usize)> {
    let mut cuts: Vec<(usize, usize)> = SITE_SEPARATORS
        .iter()
        .flat_map(|sep| title.match_indices(sep).map(|(at, s)| (at, s.len())))
        .collect();
    cuts.sort();
    cuts.dedup_by(|b, a| b.0 < a.0 + a.1);
    cuts
}

/// Separators between a title and a site name (only when spaces surround them).
const SEPARATORS: &[char] = &['|', '-', '–', '—', '\\', '/', '>', '»'];
/// Separators of a path-like hierarchy (`Site > Section > Title`).
const HIERARCHICAL: &[char] = &['\\', '/', '>', '»'];
/// A part shorter than this (in words) is a site name or a section, not the title.
const MIN_PART_WORDS: usize = 3;
/// Before a colon, more words than this mean the colon belongs to the title.
const MAX_PREFIX_WORDS: usize = 5;
/// Titles outside this character range are replaced by a lone `<h1>`.
const PLAUSIBLE_CHARS: std::ops::RangeInclusive<usize> = 15..=150;
/// A stripped title this short (in words) is more likely a fragment than the title.
const MAX_SHORT_WORDS: usize = 4;

/// The page's one visible heading (however often repeated), of at least
/// [`MIN_HEADLINE_WORDS`] words, that is neither the site's name or part nor its logo
/// ([`not_logos`]), without a site part at its end ([`without_site`]): the name a thread or
/// a service page shows when its `<title>` is the site's shell ("Reddit - The heart of the
/// internet") or written for search engines ("Resume/CV Writing Service - HigherEdJobs").
pub fn lone_heading(h1s: &[String], sites: &SiteNames) -> Option<String> {
    let first = h1s.first()?;
    let only = h1s.iter().all(|h| h == first);
    (only && lower_words(first).len() >= MIN_HEADLINE_WORDS && !sites.is_segment(first))
        .then(|| without_site(first, sites))
}

/// A forum thread's own title, from a `<title>` that forum software writes as a hierarchy
/// of one separator repeated ("Payment issues - how to delete or change payment method -
/// General topics - PrestaShop Forums", "Topic / Arch Discussion / Arch Linux Forums"): its
/// longest part, when longer than every other by a word and of at least [`MIN_PART_WORDS`]
/// words. Pipes are left out: `Title | Tagline | Site` is no hierarchy ([`before_pipe`]).
pub fn thread_title(doc: &Document) -> Option<String> {
    let title = page_title(doc)?;
    let separators = separator_positions(&title);
    let kind = separators.first()?.1;
    if kind == '|' || separators.len() < 2 || separators.iter().any(|(_, c)| *c != kind) {
        return None;
    }
    let mut parts: Vec<&str> = title.split(&format!(" {kind} ")).map(str::trim).collect();
    parts.sort_by_key(|p| std::cmp::Reverse(word_count(p)));
    let (longest, next) = (parts.first()?, parts.get(1)?);
    (word_count(longest) >= MIN_PART_WORDS && word_count(longest) > word_count(next))
        .then(|| longest.to_string())
}

/// The article title derived from `<title>` (and headings); `None` without a `<title>`.
pub fn from_document(doc: &Document) -> Option<String> {
    Some(strip_site_name(doc, &page_title(doc)?))
}

/// The text of the page's `<title>`, white space collapsed.
fn page_title(doc: &Document) -> Option<String> {
    doc.root()
        .descendants_it()
        .find(|n| n.has_name("title"))
        .map(|t| normalize_space(&t.text()))
}

fn strip_site_name(doc: &Document, original: &str) -> String {
    let separators = separator_positions(original);
    let mut hierarchical = false;
    let candidate = if let (Some(first), Some(last)) = (separators.first(), separators.last()) {
        hierarchical = separators.iter().any(|(_, c)| HIERARCHICAL.contains(c));
        let before_last = &original[..last.0];
        if word_count(before_last) >= MIN_PART_WORDS {
            before_last.to_string()
        } else {
            original[first.0..].chars().skip(2).collect()
        }
    } else if original.contains(": ") {
        colon_title(doc, original)
    } else if !PLAUSIBLE_CHARS.contains(&original.chars().count()) {
        lone_h1(doc).unwrap_or_else(|| original.to_string())
    } else {
        original.to_string()
    };
    let candidate = normalize_space(&candidate);
    let words = word_count(&candidate);
    let lost_one_site_word = hierarchical && words + 1 == word_count_without_separators(original);
    if words <= MAX_SHORT_WORDS && !lost_one_site_word {
        original.to_string()
    } else {
        candidate
    }
}

/// Byte offsets (of the space before) and characters of every ` sep ` in the title.
fn separator_positions(title: &str) -> Vec<(usize, char)> {
    let chars: Vec<(usize, char)> = title.char_indices().collect();
    chars
        .windows(3)
        .filter(|w| w[0].1 == ' ' && w[2].1 == ' ' && SEPARATORS.contains(&w[1].1))
        .map(|w| (w[0].0, w[1].1))
        .collect()
}

fn colon_title(doc: &Document, original: &str) -> String {
    let heading_repeats = doc
        .root()
        .descendants_it()
        .filter(|n| n.has_name("h1") || n.has_name("h2"))
        .any(|h| normalize_space(&h.text()) == original);
    if heading_repeats {
        return original.to_string();
    }
    let after_last = original.rsplit(':').next().unwrap_or(original);
    if word_count(after_last) >= MIN_PART_WORDS {
        return after_last.to_string();
    }
    let (before_first, after_first) = original.split_once(':').unwrap_or((original, ""));
    if word_count(before_first) > MAX_PREFIX_WORDS {
        original.to_string()
    } else {
        after_first.to_string()
    }
}

fn lone_h1(doc: &Document) -> Option<String> {
    let root = doc.root();
    let mut h1s = root.descendants_it().filter(|n| n.has_name("h1"));
    let only: NodeRef = h1s.next()?;
    if h1s.next().is_some() {
        return None;
    }
    Some(normalize_space(&only.text())).filter(|t| !t.is_empty())
}

fn word_count(s: &str) -> usize {
    s.split_whitespace().count()
}

fn word_count_without_separators(s: &str) -> usize {
    let stripped: String = s.chars().filter(|c| !SEPARATORS.contains(c)).collect();
    word_count(&stripped)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn chosen(html: &str) -> Option<String> {
        let doc = Document::from(html);
        let h1s = not_logos(&doc, &SiteNames::default(), None);
        choose(&doc, &TitleSources::default(), &SiteNames::default(), &h1s).map(|t| t.0)
    }

    /// The shortcut agrees with the URL parser: what it calls a file is never an index,
    /// and forms the parser rewrites (`%2e%2e`, `\\`, a host, a dot segment) are left to it.
    #[test]
    fn file_links_are_told_without_a_url() {
        let page = Url::parse("https://a.org/docs/").unwrap();
        let files = [
            "post.html",
            "/2024/05/story",
            "team.html?x=1#top",
            "a/../b",
            "https://b.org/x/story",
            "http://a.org:8080/p?x=/",
        ];
        for href in files {
            assert!(names_a_file(href), "{href}");
            let path = page.join(href).unwrap().path().to_string();
            assert!(
                !path.ends_with('/') && !path.ends_with("index.html"),
                "{href}"
            );
        }
        let left = [
            "https://a.org",
            "https://a.org?x/y",
            "https://a.org\\x",
            "HTTPS://a.org/x",
            "//a.org",
            "mailto:a@b.org",
            "a/%2e%2e",
            "a\\..",
            "a/..",
            "",
            "?q",
        ];
        for href in left {
            assert!(!names_a_file(href), "{href}");
        }
    }

    #[test]
    fn index_links() {
        let page = Url::parse("https://a.org/docs/guide/page.html").unwrap();
        let indexes = [
            "/",
            "./",
            "../",
            "index.html",
            "../../index.html",
            "https://a.org/",
        ];
        let not_indexes = ["", "#top", "post.html", "../other/", "https://a.org/p/1"];
        for href in indexes {
            assert!(links_to_index(href, None), "{href}");
            assert!(links_to_index(href, Some(&page)), "{href}");
            let absolute = page.join(href).unwrap();
            assert!(links_to_index(absolute.as_str(), Some(&page)), "{absolute}");
        }
        for href in not_indexes {
            assert!(!links_to_index(href, None), "{href}");
            assert!(!links_to_index(href, Some(&page)), "{href}");
        }
        for absolute in [
            "https://a.org/docs/other/index.html",
            "https://b.org/docs/guide/index.html",
            "https://a.org/docs/guide/page.html#top",
        ] {
            assert!(!links_to_index(absolute, Some(&page)), "{absolute}");
        }
    }

    #[test]
    fn a_plain_path_elsewhere_is_no_index_without_building_the_url() {
        let hrefs = [
            "/category/news/",
            "/docs/",
            "/docs/guide/",
            "/docs/guide/index.html",
            "/",
            "https://b.org/tag/x/",
            "https://a.org/docs/",
            "http:///docs/x/",
            "http://a.org?x/y/",
            "/tag/x/../../",
            "/tag/%2e%2e/",
            "/a b/",
            "/share?u=%20x",
            "https://a.org/feed/?p=1",
        ];
        for page in ["https://a.org/docs/guide/page.html", "https://a.org/"] {
            let page = Url::parse(page).unwrap();
            for href in hrefs {
                if leads_elsewhere(href, page.path()) {
                    assert!(!resolves_to_index(href, &page), "{href} from {page}");
                }
            }
        }
        let page = Url::parse("https://a.org/docs/guide/page.html").unwrap();
        assert!(leads_elsewhere("/category/news/", page.path()));
        assert!(leads_elsewhere("https://b.org/tag/x/", page.path()));
        // Its directory, the root, a host left out, dots and encodings are read in full.
        for href in [
            "/docs/",
            "/",
            "http:///docs/x/",
            "/tag/x/../../",
            "/tag/%2e%2e/",
        ] {
            assert!(!leads_elsewhere(href, page.path()), "{href}");
        }
    }

    #[test]
    fn manual_name_heading_is_not_the_headline() {
        let html = r##"<html><head><title>ORM Quick Start — SQLAlchemy 2.0 Documentation</title></head>
            <body><div id="docs-header"><h1><a href="../index.html">SQLAlchemy 2.0 Documentation</a></h1></div>
            <section><h1>ORM Quick Start<a class="headerlink" href="#orm-quick-start">¶</a></h1>
            <p>Text.</p></section></body></html>"##;
        assert_eq!(chosen(html).as_deref(), Some("ORM Quick Start"));
    }

    /// A slash set before a heading's words as an ornament is no part of the headline.
    #[test]
    fn an_ornamental_separator_before_the_heading_goes() {
        let html = r#"<html><head><title>Creative Agency Portfolio | Denver Web Design | Blennd</title></head>
            <body><h1><span>/</span> Creative Agency Portfolio</h1><p>Work.</p></body></html>"#;
        assert_eq!(chosen(html).as_deref(), Some("Creative Agency Portfolio"));
    }

    /// A CJK title names its site after a full-width vertical line, without spaces.
    #[test]
    fn a_full_width_bar_parts_the_title_from_the_site() {
        let sites = SiteNames::new(["ウェザーニュース"], None);
        assert_eq!(
            strip_site("東京の天気予報と週間天気｜ウェザーニュース", &sites, false).as_deref(),
            Some("東京の天気予報と週間天気")
        );
        assert_eq!(
            strip_site("ウェザーニュース｜東京の天気予報", &sites, false).as_deref(),
            Some("東京の天気予報")
        );
    }

    /// mdBook's top bar holds the book's name as every chapter's `<h1>`; the chapter's own
    /// heading is an `<h2>` repeating the `<title>`'s head. Without that heading the `<h1>`
    /// ending the `<title>` is no proof of a book's name, and stays the headline.
    #[test]
    fn a_book_name_heading_gives_way_to_the_chapter_its_body_opens() {
        let page = |body_heading: &str| {
            format!(
                r#"<html><head><title>What is Ownership? - The Rust Programming Language</title></head>
                <body><div class="menu-bar"><h1 class="menu-title">The Rust Programming Language</h1></div>
                <main>{body_heading}<p>Ownership is a set of rules.</p></main></body></html>"#
            )
        };
        let chapter =
            page(r##"<h2 id="o"><a class="header" href="#o">What Is Ownership?</a></h2>"##);
        assert_eq!(chosen(&chapter).as_deref(), Some("What is Ownership?"));
        let unconfirmed = page("<h2>Rules</h2>");
        assert_eq!(
            chosen(&unconfirmed).as_deref(),
            Some("The Rust Programming Language")
        );
        let colon = r#"<html><head><title>Guide: Rust Basics</title></head><body><h1>Rust Basics</h1>
            <h2>Guide</h2></body></html>"#;
        assert_eq!(chosen(colon).as_deref(), Some("Rust Basics"));
        let site_first = r#"<html><head><title>Frommer's - The Best Airfare Search Sites</title></head>
            <body><h1>The Best Airfare Search Sites</h1><h2>How we chose</h2><p>Text.</p>
            <footer><h2>Frommer's</h2></footer></body></html>"#;
        assert_eq!(
            chosen(site_first).as_deref(),
            Some("The Best Airfare Search Sites")
        );
    }

    #[test]
    fn manual_name_heading_is_not_the_headline_when_its_link_is_absolute() {
        // A live capture writes `href="index.html"` as the absolute URL it leads to.
        let html = r##"<html><head><title>Sharing — evolve extension for Mercurial</title></head>
            <body><h1><a href="https://a.org/evolve/index.html">evolve extension for Mercurial</a></h1>
            <h2>Sharing</h2><h1>Sharing</h1><p>Text.</p></body></html>"##;
        let doc = Document::from(html);
        let page = Url::parse("https://a.org/evolve/sharing.html").ok();
        let h1s = not_logos(&doc, &SiteNames::default(), page.as_ref());
        let title =
            choose(&doc, &TitleSources::default(), &SiteNames::default(), &h1s).map(|t| t.0);
        assert_eq!(title.as_deref(), Some("Sharing"));
    }

    #[test]
    fn thread_title_is_the_longest_part_of_a_hierarchy() {
        let title = |t: &str| {
            let html = format!("<html><head><title>{t}</title></head><body></body></html>");
            thread_title(&Document::from(html.as_str()))
        };
        assert_eq!(
            title("Hybrid Quantum And Classical Computing - Programming - Nigeria").as_deref(),
            Some("Hybrid Quantum And Classical Computing")
        );
        assert_eq!(
            title("Forum » Hardware » Which graphics card for a quiet build").as_deref(),
            Some("Which graphics card for a quiet build")
        );
        // One separator, mixed separators, pipes, a tie: no hierarchy to read.
        assert_eq!(
            title("Turning off all LED of RPi 5 - Raspberry Pi Forums"),
            None
        );
        assert_eq!(
            title("NationStates • View topic - MLS is Back in Town"),
            None
        );
        assert_eq!(
            title("24/7 Online Math Tutors | Online Math Help | The Princeton Review"),
            None
        );
        assert_eq!(
            title("New UI 2024 - Evernote General Discussions - Evernote User Forum"),
            None
        );
    }

    fn chosen_on_article(html: &str) -> Option<String> {
        let doc = Document::from(html);
        let h1s = not_logos(&doc, &SiteNames::default(), None);
        let sources = TitleSources {
            article_like: true,
            og_title: Some(page_title(&doc).unwrap_or_default()),
            ..TitleSources::default()
        };
        choose(&doc, &sources, &SiteNames::default(), &h1s).map(|t| t.0)
    }

    #[test]
    fn a_sentence_long_first_heading_is_the_headline_of_an_article() {
        // Consumer Reports: `<title>` written for search engines, the page's own headline
        // sharing none of its words.
        let html = r#"<html><head><title>Hybrid and EV Buying Guide - Consumer Reports</title></head>
            <body><header><a href="/">Consumer Reports</a></header><main><article>
            <h1 class="crux-headline">Find an Efficient Vehicle That’s Right for You</h1>
            <p>By Keith Barry</p><p>Text.</p></article></main></body></html>"#;
        assert_eq!(
            chosen_on_article(html).as_deref(),
            Some("Find an Efficient Vehicle That’s Right for You")
        );
        // A later heading of the body, or a lead-in ending in a colon, is no headline.
        let later = r#"<html><head><title>Small adventures with small language models</title></head>
            <body><h1>Small is the new large</h1><p>Text.</p>
            <h1>Who was the King of England in 1650?</h1><p>Text.</p></body></html>"#;
        assert_eq!(
            chosen_on_article(later).as_deref(),
            Some("Small adventures with small language models")
        );
        let lead_in = r#"<html><head><title>How Google Cloud runs AI inference at production scale</title></head>
            <body><h1>A message from John Furrier, co-founder of SiliconANGLE:</h1><p>Text.</p></body></html>"#;
        assert_eq!(
            chosen_on_article(lead_in).as_deref(),
            Some("How Google Cloud runs AI inference at production scale")
        );
    }

    #[test]
    fn a_thread_label_before_the_json_ld_headline_is_left_out() {
        // XenForo: the prefix is a badge in the heading, a segment of `og:title`.
        let html = r#"<html><head><title>Tips/Techniques - ProxMox or Ubuntu or Debian for Windows virtualization? | Canadian Hobby Metal Workers</title></head>
            <body><h1 class="p-title-value"><span class="label">Tips/Techniques</span> ProxMox or Ubuntu or Debian for Windows virtualization?</h1></body></html>"#;
        let doc = Document::from(html);
        let mut sources = TitleSources {
            og_title: Some(
                "Tips/Techniques - ProxMox or Ubuntu or Debian for Windows virtualization?"
                    .to_string(),
            ),
            ld_alternatives: vec![
                "ProxMox or Ubuntu or Debian for Windows virtualization?".to_string(),
            ],
            ..TitleSources::default()
        };
        let heading = "Tips/Techniques ProxMox or Ubuntu or Debian for Windows virtualization?";
        assert_eq!(
            without_label(heading, &doc, &sources).as_deref(),
            Some("ProxMox or Ubuntu or Debian for Windows virtualization?")
        );
        // Words before the headline that no stated title sets apart are the headline's.
        sources.og_title = Some(heading.to_string());
        let doc = Document::from("<title>Tips/Techniques ProxMox or Ubuntu</title>");
        assert_eq!(without_label(heading, &doc, &sources), None);
    }

    #[test]
    fn a_stated_title_cut_to_a_length_limit_gives_way_to_the_whole() {
        let long = "Ergonomic desk step by step: how to set up your monitor, laptop, and keyboard (checklist)";
        assert!(is_cut_from(
            "Ergonomic desk step by step: how to set up your monitor, laptop, and k",
            long
        ));
        assert!(is_cut_from(
            "Ergonomic desk step by step: how to set up your monitor…",
            long
        ));
        assert!(is_cut_from(
            "We Help 4 Readers Find Solutions (Including",
            "We Help 4 Readers Find Solutions (Including One Universal Trick That 9/10 Works)"
        ));
        // A whole word, a sentence's full stop, blocks of a heading read as one: no cut.
        assert!(!is_cut_from("Ergonomic desk step by step", long));
        assert!(!is_cut_from(
            "Hire the top 3% of the world’s designers.",
            "Hire the top 3% of the world’s designers. Toptal"
        ));
        assert!(!is_cut_from(
            "Tax 101: Understanding the basics",
            "Tax 101: Understanding the basicsA guide to the types of taxes"
        ));
        // Oakywood: `<title>` cut mid-word, the page's heading whole.
        let html = r#"<html><head><title>Ergonomic desk step by step: how to set up your monitor, laptop, and k | Oakywood.shop</title></head>
            <body><h1>Ergonomic desk step by step: how to set up your monitor, laptop, and keyboard (checklist)</h1></body></html>"#;
        assert_eq!(chosen(html).as_deref(), Some(long));
    }

    #[test]
    fn a_short_heading_rewording_the_only_stated_title_names_the_page() {
        // A shop's category: `<title>` written for search engines, the heading the name.
        let html = r#"<html><head><title>Ergonomic Mesh-Back & All-Mesh Office Chairs w/Lumbar Support</title></head>
            <body><h1 class="category-title">Mesh Style Chairs</h1><ul><li>Chair</li></ul></body></html>"#;
        assert_eq!(chosen(html).as_deref(), Some("Mesh Style Chairs"));
        // A heading as long as a sentence is left to the article rules; `<title>` stays.
        let html = r#"<html><head><title>MathJax v3 with MathML input and HTML output</title></head>
            <body><h1>MathJax v3 beta: MathML input, HTML output test</h1></body></html>"#;
        assert_eq!(
            chosen(html).as_deref(),
            Some("MathJax v3 with MathML input and HTML output")
        );
        // The book's name a manual shows as its heading is the `<title>`'s site part, never
        // the page's name (here `<title>` stays whole: nothing tells the site).
        let html = r#"<html><head><title>Recoverable Errors with Result - The Rust Programming Language</title></head>
            <body><h1 class="menu-title">The Rust Programming Language</h1></body></html>"#;
        assert_eq!(
            chosen(html).as_deref(),
            Some("Recoverable Errors with Result - The Rust Programming Language")
        );
    }

    #[test]
    fn a_heading_inside_the_stated_title_is_a_fragment_of_it() {
        // Logitech: the product line as the heading, the product's name in `og:title`.
        let html = r#"<html><head><title>Logitech MX Vertical Ergonomic Wireless Mouse</title>
            <meta property="og:title" content="Logitech MX Vertical Ergonomic Wireless Mouse"></head>
            <body><main><h1 class="product-name">MX Vertical</h1><p>Text.</p></main></body></html>"#;
        let doc = Document::from(html);
        let h1s = not_logos(&doc, &SiteNames::default(), None);
        let sources = TitleSources {
            og_title: Some("Logitech MX Vertical Ergonomic Wireless Mouse".to_string()),
            ..TitleSources::default()
        };
        let title = choose(&doc, &sources, &SiteNames::default(), &h1s);
        assert_eq!(
            title,
            Some((
                "Logitech MX Vertical Ergonomic Wireless Mouse".to_string(),
                "og:title"
            ))
        );
        // At an end of a segment the heading is the name and the rest a tagline.
        let others = ["Bike Helmets for Men & Women | REI Co-op"];
        let none = SiteNames::default();
        assert!(!is_fragment(&site::key("Bike Helmets"), &others, &none));
        assert!(!is_fragment(&site::key("Women"), &others, &none));
        assert!(is_fragment(&site::key("for Men"), &others, &none));
        // A segment naming the site: the heading may be the name without the brand.
        let rei = SiteNames::new(["REI"], None);
        let named = ["REI Bike Helmets for Men & Women"];
        assert!(is_fragment(&site::key("Bike Helmets"), &named, &none));
        assert!(!is_fragment(&site::key("Bike Helmets"), &named, &rei));
        // Nowhere in the stated titles: no fragment (the heading is judged otherwise).
        assert!(!is_fragment(&site::key("Kayaks"), &others, &none));
    }

    #[test]
    fn a_heading_that_adds_a_subtitle_to_the_stated_title_is_the_headline() {
        // LoadUp: `og:title` the heading cut before its colon, with the site's name.
        let html = r#"<html><head><title>Pros and Cons of Tiny House Living | LoadUp</title></head>
            <body><main><h1 class="entry-title">Pros and Cons of Tiny House Living: Why Live in a Tiny House?</h1>
            <p>Text.</p></main></body></html>"#;
        let doc = Document::from(html);
        let sites = SiteNames::new(["LoadUp"], None);
        let h1s = not_logos(&doc, &sites, None);
        let sources = TitleSources {
            og_title: Some("Pros and Cons of Tiny House Living | LoadUp".to_string()),
            ..TitleSources::default()
        };
        assert_eq!(
            choose(&doc, &sources, &sites, &h1s),
            Some((
                "Pros and Cons of Tiny House Living: Why Live in a Tiny House?".to_string(),
                "h1"
            ))
        );
        let none = SiteNames::default();
        assert!(subtitles(
            "Best High School Tutors in 2025, Reviewed by a Student",
            "Best High School Tutors in 2025",
            &none
        ));
        // A link's source and score, an offer, a short title: no subtitle.
        assert!(!subtitles(
            "Stanford Grads Find Their Degrees No Longer Guarantee Jobs (latimes.com) 87",
            "Stanford Grads Find Their Degrees No Longer Guarantee Jobs",
            &none
        ));
        assert!(!subtitles(
            "Identity Theft Protection + $5 Million in Insurance*",
            "Identity Theft Protection",
            &none
        ));
        assert!(!subtitles(
            "Reviews: What Our Clients Say",
            "Reviews",
            &none
        ));
    }

    #[test]
    fn a_body_heading_with_its_own_permalink_is_no_sentence_headline() {
        // A blog rendered from Markdown: the first section's heading, as long as a
        // sentence, carries a permalink; the post's title is in `<title>` only.
        let html = r##"<html><head><title>What do people love about Rust? | Rust Blog</title></head>
            <body><section><div class="post"><p>Text.</p>
            <h1 id="but-what-they-love"><a class="anchor" href="#but-what-they-love" aria-hidden="true"></a>
            But what they love is the sense of empowerment and versatility</h1>
            <p>Text.</p></div></section></body></html>"##;
        let doc = Document::from(html);
        let sites = SiteNames::new(["Rust Blog"], None);
        let h1s = not_logos(&doc, &sites, None);
        let sources = TitleSources {
            article_like: true,
            og_title: Some("What do people love about Rust? | Rust Blog".to_string()),
            ..TitleSources::default()
        };
        let title = choose(&doc, &sources, &sites, &h1s).map(|t| t.0);
        assert_eq!(title.as_deref(), Some("What do people love about Rust?"));
        // Sphinx's pilcrow counts too; a link with words is no permalink.
        let doc = Document::from(
            r##"<h1>Intro<a class="headerlink" href="#intro">¶</a></h1><h1><a href="#top">Back to top</a></h1>"##,
        );
        assert_eq!(permalinked(&doc), HashSet::from(["Intro".to_string()]));
    }

    #[test]
    fn a_title_left_empty_by_its_template_gives_way_to_the_heading() {
        let html = r#"<html><head><title>| Nuts &amp; Volts Magazine</title></head>
            <body><h1 class="page-title">Electronic Gadgets</h1><ul><li>Post</li></ul></body></html>"#;
        let doc = Document::from(html);
        let page = Url::parse("https://www.nutsvolts.com/magazine/category/gadgets").ok();
        let sites = SiteNames::new(["Nuts and Volts Magazine"], page.as_ref());
        let h1s = not_logos(&doc, &sites, page.as_ref());
        let title = choose(&doc, &TitleSources::default(), &sites, &h1s);
        assert_eq!(title, Some(("Electronic Gadgets".to_string(), "h1")));
        assert_eq!(
            without_dangling_separator("| Nuts & Volts Magazine"),
            "Nuts & Volts Magazine"
        );
        assert_eq!(without_dangling_separator("Site -"), "Site");
        assert_eq!(without_dangling_separator("A - B"), "A - B");
        assert_eq!(without_dangling_separator("-5 °C"), "-5 °C");
    }

    #[test]
    fn a_forum_page_label_after_the_site_name_is_no_part_of_the_title() {
        // phpBB (prosilver): "Site • View topic - Title".
        let html = r#"<html><head><title>NationStates • View topic - 2025-26 Football Season: MLS is Back!</title></head>
            <body><div id="page-body"><h2 class="topic-title"><a href="./viewtopic.php?t=487157">2025-26 Football Season: MLS is Back!</a></h2>
            <div class="post"><p>Text.</p></div></div></body></html>"#;
        let doc = Document::from(html);
        let page = Url::parse("https://forum.nationstates.net/viewtopic.php?f=20&t=487157").ok();
        let sites = SiteNames::new([], page.as_ref());
        let h1s = not_logos(&doc, &sites, page.as_ref());
        let title = choose(&doc, &TitleSources::default(), &sites, &h1s).map(|t| t.0);
        assert_eq!(
            title.as_deref(),
            Some("2025-26 Football Season: MLS is Back!")
        );
        // The words inside a title are the title's.
        let none = SiteNames::default();
        assert_eq!(
            strip_site("How to view topic - based feeds", &none, false),
            None
        );
    }

    #[test]
    fn a_site_address_opening_the_title_is_the_sites_part() {
        // A personal site's template: its host, then the post's title, no separator.
        let html = r#"<html><head><title>davidbau.com Vibe Coding</title></head>
            <body><h1><a href="/">davidbau.com</a></h1><h3 class="title">Vibe Coding</h3>
            <p>Text.</p></body></html>"#;
        let doc = Document::from(html);
        let page = Url::parse("https://davidbau.com/archives/2025/12/16/vibe_coding.html").ok();
        let sites = SiteNames::new([], page.as_ref());
        let h1s = not_logos(&doc, &sites, page.as_ref());
        let title = choose(&doc, &TitleSources::default(), &sites, &h1s).map(|t| t.0);
        assert_eq!(title.as_deref(), Some("Vibe Coding"));
        // A brand opening a product's name, an address ending a sentence, an address and
        // one word: all stay.
        let logitech = SiteNames::new(["Logitech"], None);
        let mouse = "Logitech MX Vertical Ergonomic Wireless Mouse";
        assert_eq!(without_address(mouse, &logitech), mouse);
        let thomasnet = SiteNames::new(["Thomasnet.com"], None);
        let catalogs = "Fasteners & Hardware Catalogs on Thomasnet.com";
        assert_eq!(without_address(catalogs, &thomasnet), catalogs);
        let dev = SiteNames::new(["dev.to"], None);
        assert_eq!(
            without_address("dev.to Community", &dev),
            "dev.to Community"
        );
    }

    #[test]
    fn heading_text_leaves_out_buttons() {
        let doc = Document::from(
            r#"<h1>Crate <span>tokio</span>&nbsp;<button id="copy-path">Copy item path</button></h1>"#,
        );
        let h1 = doc.select("h1").nodes()[0];
        assert_eq!(heading_text(&h1), "Crate tokio");
        // A component's stylesheet inside the heading (a shop's product name).
        let doc = Document::from(
            r#"<h1><style>.brand{font-weight:700}</style><span class="brand">Augustinus Bader</span> The Cream</h1>"#,
        );
        let h1 = doc.select("h1").nodes()[0];
        assert_eq!(heading_text(&h1), "Augustinus Bader The Cream");
    }
}
