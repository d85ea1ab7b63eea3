//! The article's authors, as a list of names.
//!
//! Sources, most trusted first (the first that yields a name wins, see [`super::extract`]):
//! JSON-LD `author` ([`super::jsonld`]), Highwire `citation_author` (one tag per author),
//! Dublin Core `DC.creator`, `meta name=author`, then the page itself ([`from_dom`]):
//! `itemprop=author`, `rel=author`, elements whose class or id says `author`/`byline`,
//! visible "By …" / "Written by …" lines (a "By" line running on past its name gives its
//! link's name) and labels before the name ("Author", also as a small heading). Outside
//! comments, related-story teasers, reviews and the footer. (WCXB-dev: heading labels 2
//! authors found, the date-first author element 1, the linked name 1, `reviewed-by` boxes
//! no review container 1, plural roles 1, a label element before the name as text 1;
//! none invented.) On a page classified as a forum thread, the first poster
//! ([`thread_starter`]).
//!
//! Every raw value goes through [`names`]: role words ("By", "Written by", "Author:",
//! "Von", "Par", "Por", "Автор:") are dropped, the line is cut at a date, a "|" or "·" and
//! split at "and"/"&"/","; what remains must look like a name ([`is_plausible`]: no word a
//! shop or a docs page puts in an author slot, [`NOT_NAME_WORDS`]). The site's own name is
//! no author in the page's text ("By Site"); stated in structured metadata or in an element
//! the markup marks as the author (WCXB-dev: 9 site-signed posts found, 2 invented) it is
//! kept, and the caller
//! takes it only as a last resort on a dated page whose host spells it out (a personal
//! blog signs with its owner's name; a news site or a company with its brand, which is no
//! byline: see `site_owner` in the parent module).

use std::sync::LazyLock;

use dom_query::{Document, Element, NodeData, NodeId, NodeRef};
use html5ever::{LocalName, local_name};

use super::site::SiteNames;
use super::text_date;
use crate::dom;
use crate::extract::patterns;

/// Words that introduce an author (lower case, compared at the start of the line).
const ROLE_PREFIXES: &[&str] = &[
    "written by",
    "posted by",
    "post by",
    "published by",
    "article by",
    "read more about",
    "more about",
    "authored by",
    "story by",
    "words by",
    "text by",
    "by:",
    "by",
    "authors:",
    "author:",
    "authors",
    "author",
    "von",
    "par",
    "por",
    "автор:",
    "автор",
    "от",
    "հեղինակ՝",
    "հեղինակ:",
];
/// A label in its own element, the name in the next one ("Written by" / "Jane Doe").
const LABELS: &[&str] = &[
    "by",
    "article by",
    "contributors",
    "written by",
    "posted by",
    "author",
    "authors",
    "автор",
];
/// Elements whose own text may be an author line or its label.
const BY_LINE_ELEMENTS: &[&str] = &["p", "span", "div", "li", "address", "strong", "em", "small"];
/// Headings that may be an author line's label, the name in the next element ("<h3>Author
/// </h3><p>Jane Doe</p>"), never the line itself: a list of posts heads each teaser with
/// its title and a "By Jane Doe" subheading.
const LABEL_HEADINGS: &[&str] = &["h2", "h3", "h4", "h5", "h6"];
/// Elements after a label that hold a choice, not a name ("Sort by" / `<select>`).
const CONTROLS: &[&str] = &["select", "option", "button", "input", "label", "ul", "ol"];
/// How a visible author line starts (lower case); the name after it must be capitalised.
const LINE_STARTS: &[&str] = &[
    "by ",
    "by: ",
    "written by ",
    "posted by ",
    "author: ",
    "authors: ",
    "автор: ",
    "par ",
    "von ",
];
/// Where an author line stops: what follows is a date, a place or a role.
const CUTS: &[&str] = &[
    " | ",
    " |",
    " · ",
    " ⋅ ",
    " • ",
    " — ",
    " – ",
    " - ",
    // "Laura / House Plant House": the name, then the site or the photographer.
    " / ",
    " on ",
    " in ",
    " at ",
    "\n",
    ";",
    " Updated",
    " Published",
    " Posted",
    " Last ",
    " Reviewed",
    " Medically",
    " Fact",
    " Edited",
    " Photo",
];
/// Words of a job title after a name ("Jane Doe, Senior Editor"): a part holding one is a
/// role, not another author (compared lower-cased, whole words).
const ROLE_WORDS: &[&str] = &[
    "editor",
    "writer",
    "director",
    "ceo",
    "cto",
    "founder",
    "co-founder",
    "manager",
    "head",
    "expert",
    "specialist",
    "educator",
    "dietitian",
    "nutritionist",
    "contributor",
    "reporter",
    "correspondent",
    "columnist",
    "staff",
    "president",
    "officer",
    "lead",
    "analyst",
    "consultant",
    "coach",
    "instructor",
    "professor",
    "researcher",
    "strategist",
    "marketing",
    "team lead",
    "reviewed",
    "updated",
    "published",
];
/// Weekday names and abbreviations: a byline cut to one of these is a date's remains.
const WEEKDAYS: &[&str] = &[
    "mon",
    "tue",
    "tues",
    "wed",
    "thu",
    "thur",
    "thurs",
    "fri",
    "sat",
    "sun",
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
];
/// Separators between a date and the name after it in an author element.
const DATE_SEPARATORS: &[&str] = &[" · ", " | ", " • "];
/// Separators between several authors.
const LIST_SEPARATORS: &[&str] = &[
    ", and ", " and ", " & ", ", ", " und ", " et ", " y ", " и ",
];
/// Separators between authors in one structured value ("and" is part of a name there).
const STRUCTURED_SEPARATORS: &[&str] = &[", ", "; "];
/// Credentials and roles after a name ("Jane Doe, MD"): not names of their own.
const CREDENTIALS: &[&str] = &[
    "md", "m d", "phd", "ph d", "rn", "rd", "do", "dds", "mba", "msc", "bsc", "ma", "ba", "jr",
    "sr", "ii", "iii", "esq", "cpa", "lcsw", "facp", "faclm", "mph", "ms", "np", "pa", "pharmd",
    "dvm",
];
/// Texts that sit where a name would and are none (compared lower-cased, whole).
const NOT_NAMES: &[&str] = &[
    "about the author",
    "the author",
    "author",
    "authors",
    "follow",
    "follow the author",
    "sign in",
    "log in",
    "login",
    "undefined",
    "null",
    "unknown",
    "admin",
    "administrator",
    "anonymous",
    "guest",
    "name",
    "name *",
    "get in touch",
    "contact",
    "share",
    "more",
    "read more",
    "view all posts",
    "all posts",
    "topic author",
    "original poster",
    "posts",
    "comments",
    "reply",
    "by",
    "written by",
    "editorial",
    "staff",
    "webmaster",
];
/// Words (lower case, whole) that no name holds: what sits in an author slot on shops,
/// docs and landing pages ("Visit the X Store", "Category", "Authorized Dealer", "This
/// article was written by", "About authentication", "Bruce Henry Testimonial"). Also the
/// institutions and companies that publish course, service and wiki pages in their author
/// slot ("The X State University", "X Institute of America", "Contributors to X
/// projects", "X Inc"): the publisher, not a byline (WCXB-dev: 7 such authors on pages
/// without one, none in a byline that counts).
const NOT_NAME_WORDS: &[&str] = &[
    "category",
    "collection",
    "dealer",
    "manufacturer",
    "testimonial",
    "client",
    "review",
    "written",
    "view",
    "price",
    "article",
    "coming",
    "forms",
    "applications",
    "authentication",
    "authorization",
    "authoring",
    "visit",
    "get",
    "updated",
    "published",
    "university",
    "institute",
    "contributors",
    "inc",
    "ltd",
    "llc",
];
/// Links under a "By …" line that make it the heading of a menu group, not a byline
/// ([`heads_links`]).
const MIN_GROUP_LINKS: usize = 3;
/// Longest plausible name (characters) and most words in one.
const MAX_NAME_CHARS: usize = 60;
const MAX_NAME_WORDS: usize = 6;
/// Longest text of an element read as an author line (characters).
const MAX_LINE_CHARS: usize = 120;
/// Class/id words of an author element, and words that make such an element something else
/// (an avatar, a biography, a list of the author's other posts).
const AUTHOR_CLASS_WORDS: &[&str] = &["author", "byline", "writer", "posted-by", "postedby"];
const NOT_AUTHOR_CLASS_WORDS: &[&str] = &[
    "avatar",
    "image",
    "img",
    "photo",
    "pic",
    "bio",
    "desc",
    "about",
    "title",
    "role",
    "job",
    "social",
    "follow",
    "more",
    "posts",
    "comment",
    "authority",
    "categor",
];
/// Class/id words of a part of an author line that holds no name: the post's category
/// links beside the byline ("Jane Doe | Wellness & Prevention").
const NOT_NAME_PART_CLASS_WORDS: &[&str] = &["categor"];
/// Containers whose authors are not the article's: comments, teasers, reviews, footers.
const FOREIGN_CONTAINERS: &[&str] = &[
    "comment",
    "related",
    "teaser",
    "recommend",
    "review",
    "testimonial",
    "footer",
    "sidebar",
    "widget",
    "reply",
    "replies",
    "more-stories",
    "promo",
    "newsletter",
];
/// Elements whose content is never the article's byline.
const FOREIGN_ELEMENTS: &[&str] = &[
    "footer", "nav", "aside", "form", "script", "style", "template", "noscript",
];
/// Class words that say what state an article is in, not what a container is: Drupal
/// marks an article promoted to the front page `node--promoted`, which holds "promo"; a
/// health site's author box of a medically reviewed article is `reviewed-by-…`, which
/// holds "review" (the byline comes first in it, the reviewer after).
const STATES_NOT_CONTAINERS: &[&str] = &["promoted", "reviewed"];
/// Elements that, holding the headline, are the story itself ([`holds_headline`]).
const STORY_ELEMENTS: &[&str] = &["article", "main"];
/// Elements whose classes describe the whole page, not a container within it.
const PAGE_ELEMENTS: &[&str] = &["body", "html"];
/// This many different people in the author lines of one page make it a list of posts.
const MAX_DISTINCT_DOM_AUTHORS: usize = 4;
/// How many ancestors are checked for a foreign container.
const MAX_CONTAINER_DEPTH: usize = 12;

/// How a raw value lists several authors.
#[derive(Clone, Copy, PartialEq)]
pub enum Listing {
    /// A value of structured metadata (JSON-LD, a meta tag): one entity per value or per
    /// comma; "and" belongs to the name ("Center for Drug Evaluation and Research").
    Structured,
    /// A line of text: "A, B and C" names three people.
    Prose,
}

/// The names in a raw author value; empty when it names nobody plausible. A part after the
/// first that is a credential is no name; one that is a job title ("Jane Doe, Senior
/// Editor") ends the list, the parts after it being its organisation ("…, Atlas Van
/// Lines").
pub fn names(raw: &str, sites: &SiteNames, listing: Listing) -> Vec<String> {
    names_marked(raw, sites, listing, false)
}

/// [`names`] of a value the markup marks as the author (`itemprop=author`, `rel=author`,
/// an `author` class): there the site's own name is the page's signature (a company or a
/// personal blog signing its posts), kept.
fn names_marked(raw: &str, sites: &SiteNames, listing: Listing, marked: bool) -> Vec<String> {
    let raw = dom::normalize_space(raw);
    let mut line = cut_line(&strip_role(&raw));
    // An author element that opens with the date ("Dec. 19, 2025 · Jane Doe"): the name
    // follows the first separator.
    if marked && line.is_empty() {
        let after = DATE_SEPARATORS
            .iter()
            .find_map(|sep| raw.split_once(sep).map(|(_, rest)| rest))
            .or_else(|| after_opening_date(&raw));
        line = after.map_or(line, |rest| cut_line(&strip_role(rest)));
    }
    let mut out: Vec<String> = Vec::new();
    let separators = if listing == Listing::Prose {
        LIST_SEPARATORS
    } else {
        STRUCTURED_SEPARATORS
    };
    let mut parts = split_list(&line, separators);
    // "Curie, Marie": one name, family name first (as Highwire and library records write).
    if listing == Listing::Structured
        && parts.len() == 2
        && parts.iter().all(|p| p.split_whitespace().count() == 1)
    {
        parts = vec![line.clone()];
    }
    for (i, part) in parts.iter().enumerate() {
        let name = part
            .trim_matches(|c: char| !c.is_alphanumeric() && c != '.' && c != ')')
            .trim()
            .to_string();
        // After the first name, a lower-case part is the sentence going on ("…, le 3 mars").
        let continues = i > 0 && name.starts_with(char::is_lowercase);
        // A job title after the first name ends the list: what follows is the title's
        // organisation or tenure ("Jane Doe, Sr. Director of Operations, Acme Van Lines").
        if i > 0 && is_role(&name) {
            break;
        }
        if is_credential(&name) || continues || is_only_role(&name) {
            continue;
        }
        // The site's name is refused where the page's text offers it (a logo, a "by Site"
        // credit line), kept where structured metadata states it as the author: the page then
        // says the organisation wrote it (a company blog's `"author": {"name": "Site"}`, a
        // personal site's `meta name=author`).
        let site_refused = listing == Listing::Prose && sites.is_name(&name);
        let site_refused = site_refused && !marked;
        if is_plausible(&name) && !site_refused && !out.contains(&name) {
            out.push(name);
        }
    }
    out
}

/// The text after the date an author element opens with, up to its year, when no
/// separator follows the date ("Dec 17, 2025 Jane Doe": the date and the name styled apart).
fn after_opening_date(raw: &str) -> Option<&str> {
    let date = text_date::find(raw).filter(|d| raw[..d.start].trim().is_empty())?;
    let year = date.iso.get(..4)?;
    let at = raw[date.start..].find(year)? + date.start + year.len();
    Some(&raw[at..])
}

/// Names joined with ", " (as schema.org lists and library catalogues write them).
pub fn join(names: &[String]) -> Option<String> {
    Some(names.join(", ")).filter(|j| !j.is_empty())
}

/// Names joined as the page's text shows them, when it lists them in prose ("A and B",
/// "A, B, and C", "A, B and C", "A & B": the byline a reader sees), else [`join`]'s
/// ", " (a list from structured metadata the page does not spell out).
pub fn join_as_shown(names: &[String], doc: &Document) -> Option<String> {
    if names.len() < 2 {
        return join(names);
    }
    let (last, rest) = names.split_last()?;
    let head = rest.join(", ");
    let shown: Vec<String> = if rest.len() == 1 {
        vec![format!("{head} and {last}"), format!("{head} & {last}")]
    } else {
        vec![
            format!("{head}, and {last}"),
            format!("{head} and {last}"),
            format!("{head} & {last}"),
        ]
    };
    let text = dom::inner_text(&doc.root());
    shown
        .into_iter()
        .find(|s| text.contains(s.as_str()))
        .or_else(|| join(names))
}

/// The first author line of the page's own markup, as names. A page whose author lines
/// name [`MAX_DISTINCT_DOM_AUTHORS`] or more different people is a list of other posts (a
/// section front, a category page): none of them wrote the page. One person written
/// several ways ("Liza Burke" in "Liza Burke Marketing Director", an author card and the
/// name inside it) counts once ([`same_person`]).
///
/// Within the first author line, a name it nests alone ([`refines`]) is taken for the line:
/// the card "Liza Burke Marketing Director May 14, 2025" gives "Liza Burke" from its
/// `author-name` element.
///
/// `Err(())` for such a list page: the caller then takes no author from the content either.
/// Posts marked up with `itemprop=author` or `rel=author` (forum threads: the first post's
/// author is the thread's) do not count.
pub fn from_dom(
    doc: &Document,
    sites: &SiteNames,
) -> Result<Option<(Vec<String>, &'static str)>, ()> {
    let mut first: Option<FirstLine> = None;
    let mut distinct: Vec<String> = Vec::new();
    let nodes: Vec<NodeRef> = doc.root().descendants_it().collect();
    let starts = LineStarts::of(&nodes);
    for node in nodes.into_iter().filter(|n| n.is_element()) {
        let Some((raw, source)) = candidate(&node, &starts) else {
            continue;
        };
        if is_foreign(&node) {
            continue;
        }
        let marked = source != "by-line";
        let mut found = names_marked(&raw, sites, Listing::Prose, marked);
        if found.is_empty() && !marked {
            found = linked_name(&node, sites);
        }
        if found.is_empty() {
            continue;
        }
        let counted = matches!(source, "author-element" | "by-line");
        if counted && !distinct.iter().any(|d| same_person(d, &found[0])) {
            distinct.push(found[0].clone());
        }
        if distinct.len() >= MAX_DISTINCT_DOM_AUTHORS {
            return Err(());
        }
        match &mut first {
            None => {
                first = Some(FirstLine {
                    names: found,
                    source,
                    node,
                    refined: false,
                })
            }
            Some(line) if !line.refined && refines(line, &node, &found) => {
                (line.names, line.source, line.refined) = (found, source, true);
            }
            Some(_) => {}
        }
    }
    Ok(first.map(|line| (line.names, line.source)))
}

/// Where every element's line text starts: its first text node that is not all white
/// space, as [`dom::item_text_within`] reads the element with [`is_not_name_part`], found
/// in one pass over the page from its last node to its first (an element's children before
/// it). The search asks it of nearly every element: each asking walked down into the
/// element, nested wrappers once per level. Indexed by [`dom::node_index`].
struct LineStarts(Vec<Option<NodeId>>);

impl LineStarts {
    /// The line starts of the elements among `nodes`, the page's nodes in document order.
    fn of(nodes: &[NodeRef]) -> LineStarts {
        let len = nodes.iter().map(|n| dom::node_index(&n.id) + 1).max();
        let mut starts = vec![None; len.unwrap_or(0)];
        for node in nodes.iter().rev().filter(|n| n.is_element()) {
            let found = node.children_it(false).find_map(|child| {
                if child.is_element() {
                    let of_child = starts.get(dom::node_index(&child.id)).copied().flatten();
                    return of_child.filter(|_| !is_not_name_part(&child));
                }
                let shown = child.query_or(false, |n| match &n.data {
                    NodeData::Text { contents } => !contents.trim_start().is_empty(),
                    _ => false,
                });
                shown.then_some(child.id)
            });
            starts[dom::node_index(&node.id)] = found;
        }
        LineStarts(starts)
    }

    /// Calls `read` with the text of `node`'s line start, white space before it trimmed;
    /// `None` for an element without text.
    fn with_start<R>(&self, node: &NodeRef, read: impl FnOnce(&str) -> R) -> Option<R> {
        let start = self.0.get(dom::node_index(&node.id)).copied().flatten()?;
        node.tree.get(&start)?.query_or(None, |n| match &n.data {
            NodeData::Text { contents } => Some(read(contents.trim_start())),
            _ => None,
        })
    }

    /// The first character of `node`'s line text, `None` for an element without text.
    fn first_char(&self, node: &NodeRef) -> Option<char> {
        self.with_start(node, |from| from.chars().next()).flatten()
    }

    /// The first word of `node`'s line text when its first text node holds all of it (white
    /// space follows it there), else `None`.
    fn first_word(&self, node: &NodeRef) -> Option<String> {
        self.with_start(node, |from| {
            let word = from.split(char::is_whitespace).next().unwrap_or_default();
            let whole = word.len() < from.len();
            whole.then(|| word.to_string())
        })
        .flatten()
    }
}

/// The name a "By" line links to, when the whole line reads as none: "By <a>Jane Doe</a>
/// <a>View in digital edition</a>" runs on past the name with other links.
fn linked_name(node: &NodeRef, sites: &SiteNames) -> Vec<String> {
    node.descendants_it()
        .find(|d| d.has_name("a"))
        .map(|link| names(&dom::inner_text(&link), sites, Listing::Prose))
        .unwrap_or_default()
}

/// The page's first author line: its names, their source and its element.
struct FirstLine<'a> {
    names: Vec<String>,
    source: &'static str,
    node: NodeRef<'a>,
    /// A name nested in it has been taken for it.
    refined: bool,
}

/// Is `found`, read from `node`, the one name of the first author line (`line`) alone: one
/// name, inside the line's element, whose words the line's name holds with more around
/// them, with no job title and every word capitalised ("Liza Burke", not "Head
/// Winemaker" or "Insights from")?
fn refines(line: &FirstLine, node: &NodeRef, found: &[String]) -> bool {
    let [name] = found else { return false };
    let [outer] = line.names.as_slice() else {
        return false;
    };
    name != outer
        && same_person(outer, name)
        && !is_role(name)
        && name
            .split_whitespace()
            .all(|w| w.starts_with(char::is_uppercase))
        && dom::has_ancestor(node, |a| a.id == line.node.id)
}

/// Do two names read the same person, one the other's words with more around them
/// ("Liza Burke" in "Liza Burke Marketing Director")?
fn same_person(a: &str, b: &str) -> bool {
    let (a, b) = (crate::words::lower_words(a), crate::words::lower_words(b));
    let (short, long) = if a.len() <= b.len() {
        (&a, &b)
    } else {
        (&b, &a)
    };
    !short.is_empty() && long.windows(short.len()).any(|w| w == short.as_slice())
}

/// Class/id words (or their `-`/`_` parts) of the element naming a post's author on a
/// thread: phpBB's and XenForo's `a.username`, vBulletin's `a.bigusername` (a word ending
/// in "username"), Invision's `ipsUsername`, phpBB's `p.author` line, MyBB's
/// `author_information`.
const POSTER_WORDS: &[&str] = &["username", "author", "postauthor", "postuser"];
/// Class/id words of a part of a user card that names no one: its post buttons ("Find",
/// "PM").
const NOT_POSTER_WORDS: &[&str] = &["button"];
/// Longest name of a poster (characters): a longer link is a post's title or a sentence.
const MAX_POSTER_CHARS: usize = 40;

/// The thread's starter: on a forum thread the first post's author, named by the first
/// element marked as a poster ([`POSTER_WORDS`], an author line or a user card no longer
/// than an author line) outside the page's header, navigation and footer: its link to the
/// poster's profile (the element itself, or the first link in it with text) read as a name.
/// The class words that make an author line foreign elsewhere ("reply", "comment") name
/// the posts themselves on a thread and are not read. (WCXB-dev: 11 starters found, none
/// on a page without an author; with those words read, 2 fewer.)
pub fn thread_starter(doc: &Document, sites: &SiteNames) -> Option<Vec<String>> {
    doc.root()
        .descendants_it()
        .filter(|n| n.is_element() && is_poster(n))
        .filter(|n| !dom::text_len_exceeds(n, MAX_LINE_CHARS))
        .filter_map(|n| profile_link(&n))
        .filter(|link| !dom::text_len_exceeds(link, MAX_POSTER_CHARS))
        .filter(|link| !in_page_chrome(link))
        .map(|link| names_marked(&dom::inner_text(&link), sites, Listing::Prose, true))
        .find(|found| !found.is_empty())
}

/// Is the element marked as a post's author by a [`POSTER_WORDS`] class or id word (or a
/// word ending in "username"), and not as an avatar, a biography or a button?
fn is_poster(node: &NodeRef) -> bool {
    let names = dom::class_and_id(node);
    names.split_whitespace().any(|class| {
        class.ends_with("username") || class.split(['-', '_']).any(|w| POSTER_WORDS.contains(&w))
    }) && !NOT_AUTHOR_CLASS_WORDS
        .iter()
        .chain(NOT_POSTER_WORDS)
        .any(|w| names.contains(w))
}

/// The poster's profile link: the element itself when it is a link, else the first link
/// inside it that has text (a post icon's link before it has none).
fn profile_link<'a>(node: &NodeRef<'a>) -> Option<NodeRef<'a>> {
    if node.has_name("a") {
        return Some(*node);
    }
    let mut links = node.descendants_it().filter(|d| d.has_name("a")).peekable();
    // A poster's name heading with no link (Flarum's `<h3 class="PostUser-name">`) is
    // its own.
    if links.peek().is_none() && dom::is_any(node, LABEL_HEADINGS) {
        return Some(*node);
    }
    links.find(|d| !dom::inner_text(d).is_empty())
}

/// Inside the page's `<header>` (the logged-in user, the site's name) or its other
/// furniture ([`FOREIGN_ELEMENTS`])?
fn in_page_chrome(node: &NodeRef) -> bool {
    dom::ancestors(node, MAX_CONTAINER_DEPTH)
        .iter()
        .any(|a| a.has_name("header") || dom::is_any(a, FOREIGN_ELEMENTS))
}

/// The attributes [`candidate`] reads (the first of each name, as [`dom::with_attr`] finds
/// it), gathered in one pass over the element's attributes: the search asks them of every
/// element of the page, and a lookup per attribute read the list four times over.
#[derive(Default)]
struct MarkAttrs<'a> {
    itemprop: Option<&'a str>,
    rel: Option<&'a str>,
    class: Option<&'a str>,
    id: Option<&'a str>,
}

impl<'a> MarkAttrs<'a> {
    fn of(element: &'a Element) -> MarkAttrs<'a> {
        let mut attrs = MarkAttrs::default();
        for a in &element.attrs {
            let slot = match a.name.local {
                local_name!("itemprop") => &mut attrs.itemprop,
                local_name!("rel") => &mut attrs.rel,
                local_name!("class") => &mut attrs.class,
                local_name!("id") => &mut attrs.id,
                _ => continue,
            };
            slot.get_or_insert(a.value.as_ref());
        }
        attrs
    }

    /// Does the element's class or id hold an [`AUTHOR_CLASS_WORDS`] word and no
    /// [`NOT_AUTHOR_CLASS_WORDS`] word? Most elements have neither attribute: no names to
    /// build and search.
    fn name_author(&self, node: &NodeRef) -> bool {
        if self.class.is_none() && self.id.is_none() {
            return false;
        }
        let names = dom::class_and_id(node);
        patterns::matches_any(&names, AUTHOR_CLASS_WORDS)
            && !patterns::matches_any(&names, NOT_AUTHOR_CLASS_WORDS)
    }
}

/// Does a space-separated attribute value hold the token `author` (case ignored)?
fn has_author_token(value: Option<&str>) -> bool {
    value.is_some_and(|v| {
        v.split_whitespace()
            .any(|t| t.eq_ignore_ascii_case("author"))
    })
}

/// The raw author text `node` offers, and what kind of source it is.
fn candidate(node: &NodeRef, starts: &LineStarts) -> Option<(String, &'static str)> {
    let element = node.element_ref()?;
    let attrs = MarkAttrs::of(&element);
    if has_author_token(attrs.itemprop) {
        let name = node
            .descendants_it()
            .find(|d| dom::attr_is(d, "itemprop", "name"));
        let text = name
            .as_ref()
            .map(|n| {
                n.attr("content")
                    .map(|c| c.to_string())
                    .unwrap_or_else(|| dom::inner_text(n))
            })
            .or_else(|| node.attr("content").map(|c| c.to_string()))
            .unwrap_or_else(|| dom::inner_text(node));
        return Some((text, "itemprop-author"));
    }
    let tag = &element.name.local;
    if *tag == local_name!("a") && has_author_token(attrs.rel) {
        return Some((dom::inner_text(node), "rel-author"));
    }
    if matches!(
        *tag,
        local_name!("meta") | local_name!("link") | local_name!("script")
    ) {
        return None;
    }
    if attrs.name_author(node) {
        return short_text(node).map(|t| (t, "author-element"));
    }
    by_line(node, tag, starts).map(|t| (t, "by-line"))
}

/// Is the element's name (`tag`) one of `names`?
fn tag_is_any(tag: &LocalName, names: &[&str]) -> bool {
    names.contains(&&**tag)
}

/// A short element whose own text is "By …"/"Written by …", or a label "Written by" whose
/// next sibling element holds the name. `tag` is its name.
fn by_line(node: &NodeRef, tag: &LocalName, starts: &LineStarts) -> Option<String> {
    let heading = tag_is_any(tag, LABEL_HEADINGS);
    if !heading && !tag_is_any(tag, BY_LINE_ELEMENTS) {
        return None;
    }
    if !may_start_line(node, starts) {
        return None;
    }
    let text = short_text(node)?;
    let lower = text.to_lowercase();
    if LABELS.contains(&lower.trim_end_matches(':')) {
        if let Some(text) = text_after(node) {
            return Some(text);
        }
        let next = node
            .next_element_sibling()
            .filter(|n| !dom::is_any(n, CONTROLS))?;
        return short_text(&next).filter(|t| t.starts_with(char::is_uppercase));
    }
    if heading {
        return None;
    }
    // A meta line opening with a numeric date ("03/01/2017 by Jane Doe"): the line after it.
    // One holding no author line's start anywhere (most: "2 comments", "12 min read") cannot
    // have one after its date, and the date is not looked for.
    let dated = text.starts_with(|c: char| c.is_ascii_digit());
    if dated && !LINE_STARTS.iter().any(|p| lower.contains(p)) {
        return None;
    }
    let text = match dated {
        true => after_opening_date(&text)?.trim().to_string(),
        false => text,
    };
    let lower = text.to_lowercase();
    let role = LINE_STARTS.iter().find(|p| lower.starts_with(*p))?;
    // "By Jane Doe", not "By clicking…" or "by following the tips below".
    let name_starts_upper = text[role.len()..]
        .trim_start()
        .starts_with(char::is_uppercase);
    (name_starts_upper && !holds_block(node) && !heads_links(node)).then_some(text)
}

/// Does the line hold a block (it is then a container of lines, not one)? The `<address>`
/// that marks up the name itself ("Written by <address>Jane Doe</address>") is no block
/// here.
fn holds_block(node: &NodeRef) -> bool {
    node.descendants_it()
        .any(|d| !d.has_name("address") && dom::is_any(&d, dom::BLOCK_TAGS))
}

/// The text right after a label element that ends its parent's line ("<strong>Author:
/// </strong> Jane Doe"), when capitalised and short. (Followed by more, as "<strong>
/// Author:</strong> Jane Doe<br><strong>Released:</strong>…", it is a book's record.)
fn text_after(label: &NodeRef) -> Option<String> {
    let next = label
        .next_sibling()
        .filter(|n| n.is_text() && n.next_sibling().is_none())?;
    let text = dom::normalize_space(&next.text());
    let fits = (1..=MAX_LINE_CHARS).contains(&text.chars().count());
    (fits && text.starts_with(char::is_uppercase)).then_some(text)
}

/// Can the element's line text start with a label, an author line's first word or a
/// numeric date (an author line may follow it)? Its first character ([`LineStarts`]) tells
/// of most, read without the rest of the line: the search asks every `<p>`, `<div>`,
/// `<span>`… of the page, and most of them start with another letter; the first word of
/// the others ([`opens_line`]), read from the line's first text node when it holds the
/// whole word.
fn may_start_line(node: &NodeRef, starts: &LineStarts) -> bool {
    // The first character first: it rules out most elements without copying their word.
    let first = starts
        .first_char(node)
        .and_then(|c| c.to_lowercase().next());
    let may =
        first.is_some_and(|c| c.is_ascii_digit() || OPENING_WORDS.iter().any(|w| w.starts_with(c)));
    may && match starts.first_word(node) {
        Some(word) => opens_line(&word),
        None => opens_line(&dom::item_text_start(
            node,
            FIRST_WORD_CHARS,
            is_not_name_part,
        )),
    }
}

/// Characters of a line read to know its first word ([`opens_line`]): more than the
/// longest first word of [`LABELS`] and [`LINE_STARTS`] ("contributors").
const FIRST_WORD_CHARS: usize = 16;

/// Can a line whose text starts with `start` (all of it, or more than [`FIRST_WORD_CHARS`]
/// of its characters) be an author line [`by_line`] reads: does it open with a digit (a
/// numeric date), or is its first word, colons after it aside, the first word of a
/// [`LABELS`] or [`LINE_STARTS`] entry? A first word cut off at the end of `start` is
/// longer than any of those, so it matches only as one followed by colons, as the whole
/// word would.
fn opens_line(start: &str) -> bool {
    if start.starts_with(|c: char| c.is_ascii_digit()) {
        return true;
    }
    let word = start.split(' ').next().unwrap_or_default().to_lowercase();
    let word = word.trim_end_matches(':');
    OPENING_WORDS.contains(&word)
}

/// The first words of the [`LABELS`] and [`LINE_STARTS`] entries, colons after them aside,
/// each once: what [`opens_line`] compares a line's first word with, cut out of the entries
/// once rather than for every line read.
static OPENING_WORDS: LazyLock<Vec<&'static str>> = LazyLock::new(|| {
    let mut words: Vec<&str> = LABELS
        .iter()
        .chain(LINE_STARTS)
        .map(|s| {
            s.split(' ')
                .next()
                .unwrap_or_default()
                .trim_end_matches(':')
        })
        .collect();
    words.sort_unstable();
    words.dedup();
    words
});

/// Is `node` the heading of a group of links (its next sibling element holds
/// [`MIN_GROUP_LINKS`] links or more)? A shop's menu sorts its collections so: "By Weight",
/// "By Occasion", each above its links.
fn heads_links(node: &NodeRef) -> bool {
    node.next_element_sibling().is_some_and(|next| {
        next.descendants_it().filter(|d| d.has_name("a")).count() >= MIN_GROUP_LINKS
    })
}

/// The element's text as a line of items (see [`line_text`]), when short.
fn short_text(node: &NodeRef) -> Option<String> {
    line_text(node, MAX_LINE_CHARS)
}

/// The text of an author line, its parts kept apart ("Jane Doe" then a date in the next
/// element: "Jane Doe March 3", which [`names`] cuts at the date), the category links
/// beside the name left out; `None` when longer than `max_chars` or empty.
pub fn line_text(node: &NodeRef, max_chars: usize) -> Option<String> {
    dom::item_text_within(node, max_chars, is_not_name_part).filter(|t| !t.is_empty())
}

/// A part of an author line left out of its text: the category links beside the name.
fn is_not_name_part(part: &NodeRef) -> bool {
    // Read in place: asked of every element of every line read.
    NOT_NAME_PART_CLASS_WORDS
        .iter()
        .any(|w| dom::names_contain(part, w))
}

/// Inside a comment, a teaser, a review, a footer or a navigation block? The `<body>`'s and
/// `<html>`'s classes name the page's template ("no-sidebar", "has-comments"), not a part of
/// it, and are not read; an `<aside>` within the story holding the headline is its margin.
pub(super) fn is_foreign(node: &NodeRef) -> bool {
    foreign(node, false)
}

/// [`is_foreign`] for a date line, with one difference: "widget" names a sidebar's box only
/// as a class word of its own (`widget`, `widget_recent_entries`); inside another word
/// (`elementor-widget-container`) it names a page builder's block, which holds the article's
/// post info (its date) as well as anything. WCXB-dev: 3 dates found, none lost. Author
/// lines keep the stricter reading: there a builder's block of a shop page holds a
/// "From <brand>" line that names no author (2 invented).
pub(super) fn is_foreign_date(node: &NodeRef) -> bool {
    foreign(node, true)
}

fn foreign(node: &NodeRef, builder_blocks: bool) -> bool {
    let ancestors = dom::ancestors(node, MAX_CONTAINER_DEPTH);
    // An `<aside>` inside the story (the `<article>`/`<main>` holding the headline) is the
    // article's own margin: its date and author column ("<article><aside><time>"). A
    // container around the story is the page's layout (`<div class="sidebar_content">`,
    // `<div class="content-sidebar-wrap">`), not a sidebar.
    let story = ancestors.iter().position(holds_headline);
    ancestors.iter().enumerate().any(|(i, a)| {
        if i < story.unwrap_or(0) && a.has_name("aside") {
            return false;
        }
        dom::is_any(a, FOREIGN_ELEMENTS)
            || !dom::is_any(a, PAGE_ELEMENTS)
                && story.is_none_or(|s| i < s)
                && (names_foreign_container(a, builder_blocks) || is_comment_or_review_item(a))
                && !holds_headline(a)
    })
}

/// Do the element's class and id words name a [`FOREIGN_CONTAINERS`] word (see
/// [`foreign`])? Most elements have neither attribute: they are answered without a search.
fn names_foreign_container(node: &NodeRef, builder_blocks: bool) -> bool {
    let names = role_names(node);
    if names.is_empty() {
        return false;
    }
    let names = STATES_NOT_CONTAINERS.iter().fold(names, |names, state| {
        if names.contains(state) {
            names.replace(state, "")
        } else {
            names
        }
    });
    FOREIGN_CONTAINERS.iter().any(|w| {
        names_container(&names, w)
            && !(builder_blocks && *w == BUILDER_WORD && !is_class_word(&names, w))
    })
}

/// Is the node inside a comment, a review or the page's furniture by the page's own markup
/// (an `itemtype` of `Comment`/`Review`, a `<footer>`, `<aside>`, `<nav>`…), whatever the
/// class words say? For what the page marks up as the article's (`itemprop`): there a
/// class word like "widget" names the page builder's blocks (Elementor's
/// `elementor-widget`, Blogger's `widget Blog`), not a box beside the article.
pub(super) fn is_marked_foreign(node: &NodeRef) -> bool {
    dom::ancestors(node, MAX_CONTAINER_DEPTH)
        .iter()
        .any(|a| dom::is_any(a, FOREIGN_ELEMENTS) || is_comment_or_review_item(a))
}

/// A schema.org `Comment` or `Review` item by its `itemtype`.
fn is_comment_or_review_item(node: &NodeRef) -> bool {
    dom::with_attr(node, "itemtype", |t| {
        t.contains("Review") || t.contains("Comment")
    })
}

/// The container word a page builder also puts inside its blocks' class names
/// (`elementor-widget-container`): see [`is_foreign_date`].
const BUILDER_WORD: &str = "widget";

/// Does a class word start with `word` (`widget`, `widget_text`), not merely hold it
/// (`elementor-widget-container`)?
fn is_class_word(names: &str, word: &str) -> bool {
    names
        .split_whitespace()
        .any(|class| class.starts_with(word))
}

/// Prefixes that deny a class word: `maincontainer_nosidebar`, `layout-no-sidebar` say
/// the container has no sidebar, not that it is one. (After a letter they are part of
/// another word: `casino-sidebar` is a sidebar.)
const NEGATIONS: &[&str] = &["no-", "no_", "no", "without-", "without_"];

/// Do the class words hold `word`, not denied by a [`NEGATIONS`] prefix?
fn names_container(names: &str, word: &str) -> bool {
    names.match_indices(word).any(|(at, _)| {
        let before = &names[..at];
        !NEGATIONS.iter().any(|n| {
            before
                .strip_suffix(n)
                .is_some_and(|rest| !rest.ends_with(|c: char| c.is_ascii_alphanumeric()))
        })
    })
}

/// An `<article>` or `<main>` holding an `<h1>` is the page's story (`<article
/// class="newsletter-post">`), not a comment, a teaser or a sidebar beside it, whatever its
/// class words.
fn holds_headline(node: &NodeRef) -> bool {
    dom::is_any(node, STORY_ELEMENTS) && node.descendants_it().any(|n| n.has_name("h1"))
}

/// The element's class and id words that name what it is: utility classes with a variant
/// or an arbitrary value (Tailwind's `group-[.sidebar]:hidden`, `md:sidebar-open:flex`)
/// style it by where it may sit, and are left out; a BEM modifier (`block--variant`) is
/// cut from its block.
fn role_names(node: &NodeRef) -> String {
    dom::class_and_id(node)
        .split_whitespace()
        .filter(|t| !t.contains([':', '[']))
        // A BEM modifier names a variant of the block, not what it is:
        // `m-article--sidebar-right` is an article laid out beside a sidebar.
        .map(|t| t.split("--").next().unwrap_or(t))
        .collect::<Vec<_>>()
        .join(" ")
}

/// A sentence that names the author after these words ("This post was written by Jane
/// Doe, Head of Marketing"): the name starts there.
const INNER_ROLES: &[&str] = &[" written by ", " Written by "];

/// The line without the word that introduces it ("By", "Written by", "Author:"), or the
/// sentence before an [`INNER_ROLES`] phrase.
fn strip_role(line: &str) -> String {
    let mut rest = line.trim();
    if let Some(at) = INNER_ROLES.iter().filter_map(|r| rest.find(r)).min() {
        rest = rest[at..].trim();
    }
    loop {
        let lower = rest.to_lowercase();
        let Some(prefix) = ROLE_PREFIXES.iter().find(|p| {
            lower.starts_with(*p)
                && lower[p.len()..]
                    .chars()
                    .next()
                    .is_some_and(|c| !c.is_alphabetic() || p.ends_with(':'))
        }) else {
            break;
        };
        rest = rest[prefix.len()..]
            .trim_start_matches([':', ' ', '\u{a0}'])
            .trim();
    }
    // "byClemson News": the role glued to a capitalised name.
    if let Some(glued) = rest
        .strip_prefix("by")
        .filter(|r| r.starts_with(char::is_uppercase))
    {
        rest = glued;
    }
    rest.to_string()
}

/// The line up to where a date, a place or a role starts.
fn cut_line(line: &str) -> String {
    let mut end = line.len();
    for cut in CUTS {
        if let Some(at) = line.find(cut) {
            end = end.min(at);
        }
    }
    if let Some(found) = text_date::find(line) {
        end = end.min(found.start);
    }
    // Names have no digits: a digit starts a date, a time or a count ("5 min read"), and a
    // month or weekday right before it is that date's ("Heather Handmade December 8").
    if let Some(at) = line.find(|c: char| c.is_ascii_digit()) {
        end = end.min(date_word_before(line, at));
    }
    line[..end].trim().to_string()
}

/// Where the date ending at byte `at` of `line` starts: at the month or weekday word right
/// before it, if there is one; else `at`.
fn date_word_before(line: &str, at: usize) -> usize {
    let before = line[..at].trim_end();
    let start = before.rfind(char::is_whitespace).map_or(0, |i| i + 1);
    let word = before[start..].trim_end_matches(',');
    if !word.is_empty() && is_date_word(word) {
        start
    } else {
        at
    }
}

fn split_list(line: &str, separators: &[&str]) -> Vec<String> {
    let mut parts = vec![line.to_string()];
    for sep in separators {
        parts = parts
            .iter()
            .flat_map(|p| p.split(sep).map(str::to_string).collect::<Vec<_>>())
            .collect();
    }
    parts
}

fn is_credential(part: &str) -> bool {
    let key: String = part
        .chars()
        .filter(|c| c.is_alphanumeric() || *c == ' ')
        .flat_map(char::to_lowercase)
        .collect();
    CREDENTIALS.contains(&key.trim())
        || (part.len() <= 5 && part.chars().all(|c| c.is_uppercase() || c == '.'))
}

/// A part that is a job title and nothing else ("Writer", "Staff Writer"): the label of
/// an author slot whose name is elsewhere.
fn is_only_role(part: &str) -> bool {
    let words: Vec<String> = crate::words::lower_words(part);
    !words.is_empty() && words.iter().all(|w| ROLE_WORDS.contains(&w.as_str()))
}

fn is_role(part: &str) -> bool {
    part.split_whitespace().any(|w| {
        let w = w
            .trim_matches(|c: char| !c.is_alphanumeric() && c != '-')
            .to_lowercase();
        // A role shared by the names before it is plural ("…, Extension educators").
        let singular = w.strip_suffix('s').unwrap_or(&w);
        ROLE_WORDS.contains(&w.as_str()) || ROLE_WORDS.contains(&singular)
    })
}

/// A single word that is a month or a weekday (what is left of a date line).
fn is_date_word(name: &str) -> bool {
    let lower = name.trim_end_matches('.').to_lowercase();
    !name.contains(' ')
        && (WEEKDAYS.contains(&lower.as_str()) || text_date::month_of(&lower).is_some())
}

/// A name: a few words, not too long, not a label or a placeholder, not a URL or an email,
/// with at least one letter.
fn is_plausible(name: &str) -> bool {
    let chars = name.chars().count();
    let words = name.split_whitespace().count();
    let lower = name.to_lowercase();
    (2..=MAX_NAME_CHARS).contains(&chars)
        && (1..=MAX_NAME_WORDS).contains(&words)
        && name.chars().any(char::is_alphabetic)
        && !name.contains(['@', '/', '{', '}', '<', '>', '=', '*', '?', '!'])
        && !lower.starts_with("http")
        && !NOT_NAMES.contains(&lower.as_str())
        && !crate::words::words(&lower).any(|w| NOT_NAME_WORDS.contains(&w) || w == "author")
        && !name.contains('»')
        && !is_date_word(name)
}

#[cfg(test)]
mod tests {
    use super::*;
    use url::Url;

    fn sites() -> SiteNames {
        SiteNames::new(
            ["Daily Planet"],
            Url::parse("https://www.dailyplanet.example/x")
                .ok()
                .as_ref(),
        )
    }

    #[test]
    fn role_words_dates_and_lists() {
        assert_eq!(
            names("By Jane Doe | March 3, 2024", &sites(), Listing::Prose),
            ["Jane Doe"]
        );
        assert_eq!(
            names("Written by: Ann Lee and Bo Park", &sites(), Listing::Prose),
            ["Ann Lee", "Bo Park"]
        );
        assert_eq!(
            names("Doris Munoz-Mantilla, MD, FOMA", &sites(), Listing::Prose),
            ["Doris Munoz-Mantilla"]
        );
        assert_eq!(
            names("Par Marie Curie, le 3 mars 2024", &sites(), Listing::Prose),
            ["Marie Curie"]
        );
        assert_eq!(
            names("By Heather Handmade December 8", &sites(), Listing::Prose),
            ["Heather Handmade"]
        );
        assert_eq!(
            names("By Theresa May", &sites(), Listing::Prose),
            ["Theresa May"]
        );
        assert_eq!(
            names("Daily Planet", &sites(), Listing::Prose),
            Vec::<String>::new()
        );
        assert_eq!(
            names("About the Author", &sites(), Listing::Prose),
            Vec::<String>::new()
        );
        assert_eq!(names("By", &sites(), Listing::Prose), Vec::<String>::new());
        assert_eq!(
            names("Read more about The Example Team", &sites(), Listing::Prose),
            ["The Example Team"]
        );
        assert_eq!(
            names("Writer", &sites(), Listing::Prose),
            Vec::<String>::new()
        );
        assert_eq!(
            names(
                "This post was written by Danielle Padula, Head of Marketing and Community Development",
                &sites(),
                Listing::Prose
            ),
            ["Danielle Padula"]
        );
        // A job title's organisation after it is no second author.
        assert_eq!(
            names(
                "Benjamin Johnson, Sr. Director of Operations, Atlas Van Lines - 10+ Years",
                &sites(),
                Listing::Structured
            ),
            ["Benjamin Johnson"]
        );
        assert_eq!(
            names(
                "Julie Weisenhorn, Senior Editor, Minnesota Extension",
                &sites(),
                Listing::Prose
            ),
            ["Julie Weisenhorn"]
        );
    }

    #[test]
    fn joined_as_written() {
        let n = |v: &[&str]| v.iter().map(|s| s.to_string()).collect::<Vec<_>>();
        assert_eq!(join(&n(&["A B"])).as_deref(), Some("A B"));
        assert_eq!(join(&n(&["A B", "C D"])).as_deref(), Some("A B, C D"));
        assert_eq!(join(&n(&[])), None);
    }

    fn dom_authors(html: &str) -> Option<Vec<String>> {
        let doc = Document::from(html);
        from_dom(&doc, &sites())
            .ok()
            .flatten()
            .map(|(found, _)| found)
    }

    #[test]
    fn author_line_parts_read_apart() {
        // A name and a date in sibling elements with no space between them.
        let glued = "<a class=author-wrapper><div class=author-name>Jane Doe</div>\
                     <div class=published-date>September 4, 2025</div></a>";
        assert_eq!(dom_authors(glued), Some(vec!["Jane Doe".to_string()]));
        // The post's category beside its date in a byline bar names nobody.
        let category = "<section class=byline><span class=byline__date>March 20, 2023</span>\
                        <span class=byline__category><a href=/c>Wellness &amp; Prevention</a>\
                        </span></section>";
        assert_eq!(dom_authors(category), None);
    }

    #[test]
    fn site_signing_its_author_element_is_kept_not_its_credit_line() {
        let marked = "<span class=author><a href=/about>Daily Planet</a></span>";
        assert_eq!(dom_authors(marked), Some(vec!["Daily Planet".to_string()]));
        assert_eq!(dom_authors("<p>By Daily Planet</p>"), None);
    }

    #[test]
    fn institutions_are_publishers_not_bylines() {
        for org in [
            "The Pennsylvania State University",
            "Culinary Institute of America",
            "Contributors to Wikimedia projects",
            "Example Inc",
        ] {
            assert_eq!(
                names(org, &sites(), Listing::Structured),
                Vec::<String>::new()
            );
        }
    }

    #[test]
    fn several_names_joined_as_the_page_shows_them() {
        let n = |v: &[&str]| v.iter().map(|s| s.to_string()).collect::<Vec<_>>();
        let two = Document::from("<p>By Ann Lee and Bo Park</p>");
        assert_eq!(
            join_as_shown(&n(&["Ann Lee", "Bo Park"]), &two).as_deref(),
            Some("Ann Lee and Bo Park")
        );
        let three = Document::from("<p>Ann Lee, Bo Park, and Cy Diaz</p>");
        assert_eq!(
            join_as_shown(&n(&["Ann Lee", "Bo Park", "Cy Diaz"]), &three).as_deref(),
            Some("Ann Lee, Bo Park, and Cy Diaz")
        );
        // Listed only in metadata: the catalogue's commas.
        let unseen = Document::from("<p>An article.</p>");
        assert_eq!(
            join_as_shown(&n(&["Ann Lee", "Bo Park"]), &unseen).as_deref(),
            Some("Ann Lee, Bo Park")
        );
    }

    #[test]
    fn one_author_written_several_ways_is_no_list_of_posts() {
        // The byline card, the name inside it and a related post's card: two people.
        let card = r#"<div class=author-card><div class=author-info><div
            class=author-name>Stephen Jesudunsin</div><div class=author-role>AI Writer,
            Embarque</div></div></div><div class=editor-author>Stephen Jesudunsin AI
            Writer</div><div class=author-meta>Written by Stephen Jesudunsin AI Writer
            Embarque</div><div class=next-post><span class=author-line>Chukwuezugo Aronu
            Editor</span></div>"#;
        assert!(dom_authors(card).is_some());
        // Four people are a list page's.
        let list = "<p class=author>Ann Lee</p><p class=author>Bo Park</p>\
                    <p class=author>Cy Diaz</p><p class=author>Di Roe</p>";
        assert_eq!(dom_authors(list), None);
    }

    #[test]
    fn the_name_alone_in_an_author_card_is_taken_for_the_card() {
        let card = r#"<div class=t-blogpost-author><div class=t-blogpost-author-label>
            Insights from</div><div class=t-blogpost-author-info><div
            class=t-blogpost-author-name>Liza Burke</div><div
            class=t-blogpost-author-position>Marketing Director</div></div>
            <div class=t-blogpost-date>May 14, 2025</div></div>"#;
        assert_eq!(dom_authors(card), Some(vec!["Liza Burke".to_string()]));
        // A job title nested in the card is not the name.
        let titled = r#"<div class=author-box>Matt Check <span class=author-role>Head
            Winemaker</span></div>"#;
        assert_eq!(
            dom_authors(titled),
            Some(vec!["Matt Check Head Winemaker".to_string()])
        );
    }

    fn starter(html: &str) -> Option<Vec<String>> {
        thread_starter(&Document::from(html), &sites())
    }

    #[test]
    fn a_threads_starter_is_its_first_posters_name() {
        // XenForo: the thread's description names its starter before the posts.
        let xenforo = r#"<header class=p-header><a href=/account class="p-navgroup-link
            username">me</a></header><div class=p-description><ul><li>
            <span class=u-srOnly>Thread starter</span>
            <a href="/members/samuelmiz.3009205/" class="username u-concealed">SamuelMIz</a>
            </li></ul></div><article class="message message--post"><div
            class=message-userDetails><h4 class=message-name><a href="/members/ralston.1/"
            class=username>Ralston</a></h4></div><div class=bbWrapper>Try this.</div>
            </article>"#;
        assert_eq!(starter(xenforo), Some(vec!["SamuelMIz".to_string()]));
        // phpBB: the post's author line, after the post icon's link without text.
        let phpbb = r#"<div class="post bg2"><p class=author><a href="./viewtopic.php?p=1">
            <img src=icon.gif alt=Post></a>by <strong><a
            href="./memberlist.php?mode=viewprofile&u=16">Outer Armatonisdaristan</a>
            </strong> &raquo; Tue Aug 27, 2019 1:47 am</p><div class=content>Hello</div>
            </div>"#;
        assert_eq!(
            starter(phpbb),
            Some(vec!["Outer Armatonisdaristan".to_string()])
        );
        // MyBB: the card's name, not its "Find all posts" button.
        let mybb = r#"<div class=post_author><div class=author_information><strong><span
            class=largetext><a href="/user-126792.html">StarredSkies</a></span></strong>
            <span class=smalltext>Big Board Owner</span></div></div><div
            class="postbit_buttons author_buttons"><a href="/search.php?uid=126792"
            class=postbit_find><span>Find</span></a></div>"#;
        assert_eq!(starter(mybb), Some(vec!["StarredSkies".to_string()]));
        // A whole post classed by its author's slug is no author line.
        let slug = r#"<article class="entry author-jennifer-charles"><h2>News</h2>
            <p>A long teaser that goes on about the news of the week and the people in
            it, longer than any author line would be.</p><a href=/c>Comment</a></article>"#;
        assert_eq!(starter(slug), None);
    }

    #[test]
    fn utility_class_variants_name_no_sidebar() {
        let styled = "<div class='flex group-[.sidebar]:hidden md:sidebar:block'>\
                      <span class=author>Jane Doe</span></div>";
        assert_eq!(dom_authors(styled), Some(vec!["Jane Doe".to_string()]));
        let aside = "<div class='sidebar'><span class=author>Jane Doe</span></div>";
        assert_eq!(dom_authors(aside), None);
    }

    #[test]
    fn a_role_shared_by_several_names_ends_the_list() {
        assert_eq!(
            names(
                "Julie Weisenhorn and Natalie Hoidal, Extension horticulture educators",
                &sites(),
                Listing::Prose
            ),
            ["Julie Weisenhorn", "Natalie Hoidal"]
        );
    }

    #[test]
    fn a_heading_labels_the_name_after_it() {
        let card = "<div class=content-item><h3>Author</h3><p>  Lisa D. Ellis</p></div>";
        assert_eq!(dom_authors(card), Some(vec!["Lisa D. Ellis".to_string()]));
        let outro = "<div class=space-y-6><h2 class=text-3xl>Article by</h2>\
                     <div class=leading-relaxed>Matias Heikkil\u{e4}</div></div>";
        assert_eq!(
            dom_authors(outro),
            Some(vec!["Matias Heikkil\u{e4}".to_string()])
        );
        // A teaser's "By" subheading in a list of posts is no byline of the page.
        let teaser = "<a href=/p><h2>Optimizing Systems</h2><h3>By Harshad Sane</h3></a>";
        assert_eq!(dom_authors(teaser), None);
    }

    #[test]
    fn an_author_element_opening_with_the_date() {
        let line = "<div class=publish-date-author>Dec. 19, 2025 &middot; Niko Matsakis \
                    on behalf of <a href=/teams>the Vision Doc group</a></div>";
        assert_eq!(dom_authors(line), Some(vec!["Niko Matsakis".to_string()]));
    }

    #[test]
    fn an_author_element_opening_with_the_date_styled_apart() {
        let line = "<div class=dateAndAuthorContainer><span>Dec 17, 2025</span>\
                    <span>Julian K. Arni</span></div>";
        assert_eq!(dom_authors(line), Some(vec!["Julian K. Arni".to_string()]));
    }

    #[test]
    fn a_meta_line_opening_with_a_numeric_date() {
        let line = "<div class=node__meta><time datetime=2017-03-01>03/01/2017</time> by \
                    Agatha Caleo, Candidate Representative to the Candidate Liaison Committee</div>";
        assert_eq!(dom_authors(line), Some(vec!["Agatha Caleo".to_string()]));
        assert_eq!(dom_authors("<p>03/01/2017 by the numbers</p>"), None);
    }

    #[test]
    fn a_name_marked_up_as_an_address_and_a_name_before_a_slash() {
        let line = "<ul class=page-text__meta><li>Written by <address>The Team, edited by \
                    Walter</address></li><li>Published on <time>Dec 19</time></li></ul>";
        assert_eq!(dom_authors(line), Some(vec!["The Team".to_string()]));
        let slash = "<p class=wp-block-post-author__name>Laura / House Plant House</p>";
        assert_eq!(dom_authors(slash), Some(vec!["Laura".to_string()]));
    }

    #[test]
    fn a_by_colon_line_split_by_a_break() {
        let line = "<article><h1>Notes</h1><p class=meta>by:<br>Ziyi Xu, Dec 17, 2025</p>\
                    <p>Text.</p></article>";
        assert_eq!(dom_authors(line), Some(vec!["Ziyi Xu".to_string()]));
        let clause = "<p>By: clicking below you agree.</p>";
        assert_eq!(dom_authors(clause), None);
    }

    #[test]
    fn a_layout_wrapper_named_sidebar_around_the_story_is_no_sidebar() {
        let page = "<div class=sidebar_content><article class=post><h1>Ten Desks</h1>\
                    <p class=post-meta><span class=author><i class='fa fa-user'></i>\
                    <a href=/author/ryan/>Ryan Bald </a></span></p><p>Text.</p></article>\
                    <div class=sidebar><span class=author>Greg Knighton</span></div></div>";
        assert_eq!(dom_authors(page), Some(vec!["Ryan Bald".to_string()]));
        // The sidebar itself stays foreign.
        let sidebar = "<div class=sidebar><span class=author>Greg Knighton</span></div>";
        assert_eq!(dom_authors(sidebar), None);
    }

    #[test]
    fn a_by_line_running_on_past_its_linked_name() {
        let line = "<p>By <a href=/contributor/a._j._neal>A. J. Neal</a>&nbsp;&nbsp;\
                    <a href=http://digital.example>View In Digital Edition</a></p>";
        assert_eq!(dom_authors(line), Some(vec!["A. J. Neal".to_string()]));
    }

    #[test]
    fn a_reviewed_articles_author_box_is_no_review() {
        let box_ = "<div class='reviewed-by-component reviewed-by-top'><div \
                    class='article-author-info'><span class=meta-heading> Written by </span>\
                    <span class=meta-value><button class=user-name>Emma Ryan</button></span>\
                    </div></div>";
        assert_eq!(dom_authors(box_), Some(vec!["Emma Ryan".to_string()]));
        let reviews = "<div class=reviews><p>By Jane Doe</p></div>";
        assert_eq!(dom_authors(reviews), None);
    }

    #[test]
    fn a_posters_name_heading_without_a_link() {
        // Flarum: each post's author is a heading of its own.
        let flarum = r#"<article><div class="PostUser"><h3 class="PostUser-name">antonjw</h3>
            </div><div class="Post-body"><p>Hello</p></div></article>"#;
        assert_eq!(starter(flarum), Some(vec!["antonjw".to_string()]));
    }

    #[test]
    fn line_starts_read_at_once_as_each_element_reads_its_own() {
        let doc = Document::from(
            "<body><div><div>\n <span class=post-categories><a>News</a></span>\
             <p>  By <b>Jane</b></p></div><ul><li class=category>x</li><li> </li></ul>\
             <div class=categories><i>1</i></div><script>var a</script><p>\u{a0}Écrit</p></div>",
        );
        let nodes: Vec<NodeRef> = doc.root().descendants_it().collect();
        let starts = LineStarts::of(&nodes);
        for node in nodes.iter().filter(|n| n.is_element()) {
            let (word, first) = (starts.first_word(node), starts.first_char(node));
            assert_eq!(
                first,
                dom::item_first_char(node, is_not_name_part),
                "{}",
                node.html()
            );
            // A whole first word is the line's.
            let line = dom::item_text_within(node, 1000, is_not_name_part).unwrap_or_default();
            if let Some(word) = word {
                assert_eq!(
                    line.split(' ').next(),
                    Some(word.as_str()),
                    "{}",
                    node.html()
                );
            }
        }
        let p = doc.select("p").nodes()[0];
        assert_eq!(starts.first_word(&p), Some("By".to_string()));
        assert_eq!(starts.first_char(&p), Some('B'));
        // "By<b>line</b>": the word runs on in the next text node.
        let glued = Document::from("<p>By<b>line</b> x</p>");
        let nodes: Vec<NodeRef> = glued.root().descendants_it().collect();
        let p = glued.select("p").nodes()[0];
        let starts = LineStarts::of(&nodes);
        assert_eq!(
            (starts.first_word(&p), starts.first_char(&p)),
            (None, Some('B'))
        );
    }

    #[test]
    fn a_line_opens_with_a_labels_first_word_or_a_digit() {
        for start in [
            "By Jane",
            "by: Jane",
            "Written by Jane",
            "Author:: x",
            "Contributors",
        ] {
            assert!(opens_line(start), "{start}");
        }
        assert!(opens_line("12/03/2024 by Jane") && opens_line("Автор: Иван"));
        for start in [
            "Byron Bay travel",
            "About us",
            "Bypass the",
            "Posts",
            "",
            "Par-3 golf",
        ] {
            assert!(!opens_line(start), "{start}");
        }
        // A first word cut off where the start ends: only colons may follow it.
        assert!(opens_line("by::::::::::::::::"));
        assert!(!opens_line("authorisationsandthe"));
    }

    #[test]
    fn a_label_element_before_the_name_as_text() {
        let tags = "<div class=tags><div><strong>Contributors:</strong> Janet Loughrey \
                    </div></div>";
        assert_eq!(dom_authors(tags), Some(vec!["Janet Loughrey".to_string()]));
        // A book's record, the name followed by more fields, is no byline.
        let record = Document::from(
            "<p><strong>Author:</strong> H.G. Parry<br><strong>Released:</strong> 2025</p>",
        );
        let label = record.select("strong").nodes()[0];
        assert_eq!(text_after(&label), None);
    }
}
