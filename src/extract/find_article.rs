//! Find the article: a retry ladder around one attempt.
//!
//! One attempt, on its own copy of the prepared document:
//! 1. **walk** the tree once, dropping hidden nodes, the byline (kept aside), a heading that
//!    repeats the title, unlikely containers (by class/id/role) and empty containers; loose
//!    text in `div`s is wrapped into paragraphs, and paragraph-like elements are collected;
//! 2. **score** them into their ancestors ([`super::scoring`]);
//! 3. **choose** the top candidate, moving up to a shared ancestor when the runners-up are
//!    spread below one, or to a parent that scores as well;
//! 4. **gather** its siblings that look like more of the same article;
//! 5. **clean** the result conditionally ([`super::clean::clean_candidate`]).
//!
//! An attempt that yields less than `char_threshold` characters is retried with fewer
//! filters (keep unlikely containers → ignore class names → no conditional cleaning);
//! if every attempt is short, the longest one wins.

use dom_query::{Document, NodeId, NodeRef};

use super::metadata::Metadata;
use super::patterns;
use super::scoring::{self, Scores};
use crate::dom::next_element;
use crate::words::text_similarity;
use crate::{Options, dom};

/// What finding the article produced.
pub struct Found {
    /// The document the winning attempt worked on (the article lives in it, detached).
    pub document: Document,
    /// A detached `<div>` holding the article's nodes.
    pub root: NodeId,
    /// A byline found in the content (and removed from it).
    pub byline: Option<String>,
    /// The text direction of the article's container.
    pub dir: Option<String>,
}

/// Which filters an attempt applies; the ladder switches them off one by one.
#[derive(Clone, Copy, Debug)]
pub struct Flags {
    /// Remove containers whose class/id/role says "not content" before scoring.
    pub strip_unlikely: bool,
    /// Let class/id words raise or lower scores.
    pub weigh_classes: bool,
    /// Remove tables, lists and divs inside the article that look like boilerplate.
    pub clean_conditionally: bool,
}

/// The ladder, strictest first.
const LADDER: [Flags; 4] = [
    Flags {
        strip_unlikely: true,
        weigh_classes: true,
        clean_conditionally: true,
    },
    Flags {
        strip_unlikely: false,
        weigh_classes: true,
        clean_conditionally: true,
    },
    Flags {
        strip_unlikely: false,
        weigh_classes: false,
        clean_conditionally: true,
    },
    Flags {
        strip_unlikely: false,
        weigh_classes: false,
        clean_conditionally: false,
    },
];

/// Elements whose text is scored as paragraphs.
const SCORED_TAGS: &[&str] = &["section", "h2", "h3", "h4", "h5", "h6", "p", "td", "pre"];

/// Elements that, once gathered as siblings, keep their tag (others become `div`).
const KEEP_TAG_WHEN_GATHERED: &[&str] = &["div", "article", "section", "p", "ol", "ul"];

/// Elements whose presence makes a `div` a block container rather than a paragraph.
const DIV_BLOCK_CHILDREN: &[&str] = &[
    "blockquote",
    "dl",
    "div",
    "img",
    "ol",
    "p",
    "pre",
    "table",
    "ul",
];

/// Runners-up scoring at least this share of the winner count as "close".
const CLOSE_RUNNER_UP: f64 = 0.75;

/// This many close runners-up under one ancestor make that ancestor the article.
const MIN_CLOSE_RUNNERS_UP: usize = 3;

/// Fewest characters a declared `articleBody` needs before it can overrule the scores.
const MIN_DECLARED_BODY_CHARS: usize = 200;

/// Longest text (characters) a byline can have.
const MAX_BYLINE_CHARS: usize = 100;

/// A heading this similar to the title is the title again.
const TITLE_SIMILARITY: f64 = 0.75;

/// Finds the article in a prepared document.
pub fn find(doc: &Document, meta: &Metadata, opts: &Options) -> Option<Found> {
    find_measured(doc, meta, opts).map(|(found, _)| found)
}

/// [`find`], with the characters of text the article holds (the ladder measures every
/// attempt; callers weighing the finding need not count it again).
pub fn find_measured(doc: &Document, meta: &Metadata, opts: &Options) -> Option<(Found, usize)> {
    let mut best: Option<(Found, usize)> = None;
    let mut last: Option<(Flags, Filtered)> = None;
    for flags in LADDER {
        // A rung that only switches off filters which changed nothing in the last attempt
        // finds what it found, too short again: it is not run.
        if last.is_some_and(|(last_flags, filtered)| filtered.same_without(last_flags, flags)) {
            continue;
        }
        let copy = doc.clone();
        let Some((found, filtered)) = attempt(copy, meta, flags) else {
            continue;
        };
        last = Some((flags, filtered));
        let length = found
            .document
            .tree
            .get(&found.root)
            .map(|r| dom::text_len(&r))
            .unwrap_or(0);
        if length >= opts.char_threshold {
            return Some((found, length));
        }
        if best.as_ref().is_none_or(|(_, l)| length > *l) {
            best = Some((found, length));
        }
    }
    best.filter(|(_, length)| *length > 0)
}

/// Which of an attempt's filters changed what it found.
#[derive(Clone, Copy)]
struct Filtered {
    /// Unlikely containers were removed (`strip_unlikely`).
    unlikely: bool,
    /// Class/id words changed a score or removed a heading (`weigh_classes`).
    classes: bool,
    /// Conditional cleaning removed a container (`clean_conditionally`).
    conditional: bool,
}

impl Filtered {
    /// Does an attempt with `next` flags find what the attempt with `last` flags (which
    /// filtered as `self` says) found? Yes when `next` only switches off filters that changed
    /// nothing: everything else an attempt does is the same.
    fn same_without(self, last: Flags, next: Flags) -> bool {
        let same = |was: bool, is: bool, acted: bool| is == was || (was && !is && !acted);
        same(last.strip_unlikely, next.strip_unlikely, self.unlikely)
            && same(last.weigh_classes, next.weigh_classes, self.classes)
            && same(
                last.clean_conditionally,
                next.clean_conditionally,
                self.conditional,
            )
    }
}

/// One attempt with the given filters, and which of them changed what it found.
fn attempt(doc: Document, meta: &Metadata, flags: Flags) -> Option<(Found, Filtered)> {
    let body = doc.body()?;
    let mut walk = Walk {
        flags,
        title: meta.title.clone(),
        byline: None,
        remove_title: true,
        stripped: false,
    };
    let elements = walk.run(&doc);
    let mut scores = Scores::new(flags.weigh_classes);
    scoring::score_paragraphs(&mut scores, &elements);
    let chosen = choose_top(&doc, &body, &mut scores);
    let top = declared_article_body(&doc, &chosen, meta).unwrap_or(chosen);
    scores.initialize(&top);
    let dir = direction(&top);
    let root = gather_siblings(&doc, &top, &mut scores);
    let removed = super::clean::clean_candidate(&root, flags);
    let filtered = Filtered {
        unlikely: walk.stripped,
        classes: scores.weighed || removed.negative_headers,
        conditional: removed.conditional,
    };
    let (root, byline) = (root.id, walk.byline);
    let found = Found {
        document: doc,
        root,
        byline,
        dir,
    };
    Some((found, filtered))
}

/// State of the first pass over the tree.
struct Walk {
    flags: Flags,
    title: Option<String>,
    byline: Option<String>,
    remove_title: bool,
    /// An unlikely container was removed.
    stripped: bool,
}

impl Walk {
    /// Walks every element once, in document order; returns the elements to score.
    fn run<'a>(&mut self, doc: &'a Document) -> Vec<NodeRef<'a>> {
        let mut to_score = Vec::new();
        let mut next = doc.html_root().first_element_child();
        while let Some(node) = next {
            if self.should_remove(&node) {
                next = next_element(&node, true);
                node.remove_from_parent();
                continue;
            }
            let node = if node.has_name("div") {
                self.reshape_div(node, &mut to_score)
            } else {
                node
            };
            if dom::is_any(&node, SCORED_TAGS) {
                to_score.push(node);
            }
            next = next_element(&node, false);
        }
        to_score
    }

    /// Hidden, dialog, byline, repeated title, unlikely or empty: not worth scoring.
    fn should_remove(&mut self, node: &NodeRef) -> bool {
        if dom::is_hidden(node) {
            return true;
        }
        if dom::attr_is(node, "aria-modal", "true") && dom::attr_is(node, "role", "dialog") {
            return true;
        }
        let names = dom::names_of(node);
        if self.take_byline(node, &names) {
            return true;
        }
        if self.remove_title && self.repeats_title(node) {
            self.remove_title = false;
            return true;
        }
        if self.flags.strip_unlikely && is_unlikely(node, &names) {
            self.stripped = true;
            return true;
        }
        dom::is_any(
            node,
            &[
                "div", "section", "header", "h1", "h2", "h3", "h4", "h5", "h6",
            ],
        ) && dom::is_without_content(node)
    }

    /// Keeps the first author line found in the content, so that it can be removed.
    fn take_byline(&mut self, node: &NodeRef, names: &str) -> bool {
        if self.byline.is_some() {
            return false;
        }
        self.byline = byline_of(node, names);
        self.byline.is_some()
    }

    /// An `h1`/`h2` whose text is the title again.
    fn repeats_title(&self, node: &NodeRef) -> bool {
        if !dom::is_any(node, &["h1", "h2"]) {
            return false;
        }
        let Some(title) = &self.title else {
            return false;
        };
        text_similarity(title, &dom::inner_text(node)) > TITLE_SIMILARITY
    }

    /// Wraps loose phrasing content of a `div` into paragraphs, then replaces a `div` that
    /// only holds one paragraph by it, or turns a `div` without blocks into a paragraph.
    fn reshape_div<'a>(&self, div: NodeRef<'a>, to_score: &mut Vec<NodeRef<'a>>) -> NodeRef<'a> {
        wrap_loose_phrasing(&div);
        if let Some(only_p) = dom::single_child_named(&div, "p")
            && dom::link_density(&div) < 0.25
        {
            div.insert_before(&only_p);
            div.remove_from_parent();
            to_score.push(only_p);
            return only_p;
        }
        if !has_block_child(&div) {
            div.rename("p");
            to_score.push(div);
        }
        div
    }
}

/// [`patterns::matches_any`] of an element's class and id (`names`), answered without
/// matching for an element that has neither ([`dom::NO_NAMES`]: most elements, and the walk
/// asks every one): no pattern word is white space, so the one space holds none.
fn names_match(names: &str, words: &[&str]) -> bool {
    names != dom::NO_NAMES && patterns::matches_any(names, words)
}

/// The author line an element is (by `rel`, `itemprop` or class/id words, and short), as
/// text: its `itemprop="name"` part when it has one. `names` is its class and id.
pub fn byline_of(node: &NodeRef, names: &str) -> Option<String> {
    let looks_like = dom::attr_is(node, "rel", "author")
        || dom::with_attr(node, "itemprop", |i| i.contains("author"))
        || names_match(names, patterns::BYLINE);
    if !looks_like {
        return None;
    }
    // Empty, or as long as a byline can be: the text read no further than it must (a
    // container named "author" may hold a whole biography).
    if !dom::text_len_over(node, 0) || dom::text_len_over(node, MAX_BYLINE_CHARS - 1) {
        return None;
    }
    let name_node = node
        .descendants_it()
        .find(|d| dom::attr(d, "itemprop") == "name");
    crate::extract::metadata::authors::line_text(
        name_node.as_ref().unwrap_or(node),
        MAX_BYLINE_CHARS,
    )
}

/// Headings are content by their tag: a class word of theirs names their style
/// (`code-header`, `section-header`), not chrome (a page header is a container, not a
/// heading).
const HEADINGS: &[&str] = &["h1", "h2", "h3", "h4", "h5", "h6"];

/// In a table's class, this word names the style of its own header row (`sticky-header`,
/// `fixed-header`), not a page header: a table of data so marked is content.
const TABLE_HEADER_STYLE: &str = "header";

/// Class/id/role say "not content", and nothing rescues it.
fn is_unlikely(node: &NodeRef, names: &str) -> bool {
    if dom::is_any(node, &["body", "a"]) {
        return false;
    }
    if dom::with_attr(node, "role", |role| {
        patterns::UNLIKELY_ROLES.contains(&role)
    }) {
        return true;
    }
    let names = if node.has_name("table") {
        std::borrow::Cow::Owned(names.replace(TABLE_HEADER_STYLE, ""))
    } else {
        std::borrow::Cow::Borrowed(names)
    };
    names_match(&names, patterns::UNLIKELY_CANDIDATES)
        && !dom::is_any(node, HEADINGS)
        && !names_match(&names, patterns::MAYBE_CANDIDATES)
        && !dom::has_ancestor_named(node, "table", 0)
        && !dom::has_ancestor_named(node, "code", 0)
}

/// Runs of phrasing children of `div` go into new `<p>` elements.
fn wrap_loose_phrasing(div: &NodeRef) {
    let mut paragraph: Option<NodeRef> = None;
    let mut child = div.first_child();
    while let Some(node) = child {
        child = node.next_sibling();
        if dom::is_phrasing(&node) {
            if let Some(p) = &paragraph {
                p.append_child(&node);
            } else if !dom::is_whitespace(&node) {
                let p = div.tree.new_element("p");
                node.insert_before(&p);
                p.append_child(&node);
                paragraph = Some(p);
            }
        } else if let Some(p) = paragraph.take() {
            trim_trailing_whitespace(&p);
        }
    }
    if let Some(p) = paragraph {
        trim_trailing_whitespace(&p);
    }
}

fn trim_trailing_whitespace(p: &NodeRef) {
    while let Some(last) = p.last_child() {
        if !dom::is_whitespace(&last) {
            break;
        }
        last.remove_from_parent();
    }
}

/// Any descendant that is a block (paragraph, list, table, image, `div`…)?
fn has_block_child(node: &NodeRef) -> bool {
    node.descendants_it()
        .any(|d| dom::is_any(&d, DIV_BLOCK_CHILDREN))
}

/// The winning container: the best candidate, possibly moved up the tree. When nothing
/// scored, a new `div` holding all of the body's children stands in.
fn choose_top<'a>(doc: &'a Document, body: &NodeRef<'a>, scores: &mut Scores) -> NodeRef<'a> {
    let ranked = scoring::top_candidates(scores, body);
    let Some((first, _)) = ranked.first().filter(|(n, _)| !n.has_name("body")).copied() else {
        let div = doc.tree.new_element("div");
        while let Some(child) = body.first_child() {
            div.append_child(&child);
        }
        body.append_child(&div);
        scores.initialize(&div);
        return div;
    };
    let mut top = shared_ancestor(&ranked, first).unwrap_or(first);
    scores.initialize(&top);
    top = climb_while_parent_scores(&top, scores);
    while let Some(parent) = top
        .parent()
        .filter(|p| !p.has_name("body") && p.is_element())
    {
        if parent.element_children().len() != 1 {
            break;
        }
        top = parent;
    }
    scores.initialize(&top);
    top
}

/// When at least three close runners-up sit below one ancestor of the winner, the
/// article is that ancestor (the winner was one section of it).
fn shared_ancestor<'a>(ranked: &[(NodeRef<'a>, f64)], top: NodeRef<'a>) -> Option<NodeRef<'a>> {
    let top_score = ranked.first()?.1;
    let close: Vec<Vec<NodeId>> = ranked[1..]
        .iter()
        .filter(|(_, s)| top_score > 0.0 && s / top_score >= CLOSE_RUNNER_UP)
        .map(|(n, _)| dom::ancestors(n, 0).iter().map(|a| a.id).collect())
        .collect();
    if close.len() < MIN_CLOSE_RUNNERS_UP {
        return None;
    }
    let mut parent = top.parent();
    while let Some(p) = parent.filter(|p| p.is_element() && !p.has_name("body")) {
        let containing = close.iter().filter(|list| list.contains(&p.id)).count();
        if containing >= MIN_CLOSE_RUNNERS_UP {
            return Some(p);
        }
        parent = p.parent();
    }
    None
}

/// Moves up while a parent scores higher than the current container (it holds more of
/// the article), stopping when scores fall below a third of the start.
fn climb_while_parent_scores<'a>(top: &NodeRef<'a>, scores: &Scores) -> NodeRef<'a> {
    let mut last = scores.get(top).unwrap_or(0.0);
    let threshold = last / 3.0;
    let mut parent = top.parent();
    while let Some(p) = parent.filter(|p| p.is_element() && !p.has_name("body")) {
        let Some(score) = scores.get(&p) else {
            parent = p.parent();
            continue;
        };
        if score < threshold {
            break;
        }
        if score > last {
            return p;
        }
        last = score;
        parent = p.parent();
    }
    *top
}

/// The page's own statement of where its article is, when the scored winner lies wholly
/// outside it (neither inside nor around it): the site's declaration beats our guess when
/// the two disagree completely. Declarations are the one `itemprop="articleBody"` element,
/// else the container of the JSON-LD `articleBody` text.
fn declared_article_body<'a>(
    doc: &'a Document,
    chosen: &NodeRef<'a>,
    meta: &Metadata,
) -> Option<NodeRef<'a>> {
    let body = itemprop_article_body(doc)
        .or_else(|| json_ld_container(doc, chosen, meta.json_ld_body.as_deref()?))?;
    if dom::text_len(&body) < MIN_DECLARED_BODY_CHARS {
        return None;
    }
    let related = body.id == chosen.id
        || dom::has_ancestor(&body, |a| a.id == chosen.id)
        || dom::has_ancestor(chosen, |a| a.id == body.id);
    if related { None } else { Some(body) }
}

/// Does the page say where its article text is (one `itemprop="articleBody"` element, or a
/// JSON-LD `articleBody`)? Then the finder's container follows the page's word, and no
/// second opinion overrules it.
pub fn declares_body(doc: &Document, meta: &Metadata) -> bool {
    meta.json_ld_body
        .as_deref()
        .is_some_and(|b| b.chars().count() >= MIN_DECLARED_BODY_CHARS)
        || itemprop_article_body(doc).is_some_and(|b| dom::text_len(&b) >= MIN_DECLARED_BODY_CHARS)
}

/// The single element marked `itemprop="articleBody"` (none when there are several).
fn itemprop_article_body(doc: &Document) -> Option<NodeRef<'_>> {
    // A walk of the whole page (on every prose page, and in every attempt): the attribute's
    // name is made an atom once, and each attribute's name compared with it as a number
    // (compared with a `&str`, every attribute of every element was read out as text).
    let itemprop = html5ever::LocalName::from("itemprop");
    let declares = |n: &NodeRef| {
        n.element_ref().is_some_and(|e| {
            e.attrs
                .iter()
                .find(|a| a.name.local == itemprop)
                .is_some_and(|a| a.value.split_whitespace().any(|p| p == "articleBody"))
        })
    };
    let declared: Vec<NodeRef> = doc
        .root()
        .descendants_it()
        .filter(declares)
        .take(2)
        .collect();
    match declared.as_slice() {
        [body] => Some(*body),
        _ => None,
    }
}

/// Characters of the JSON-LD body's first and last words looked for in the page.
const JSON_LD_SNIPPET_CHARS: usize = 60;

/// The smallest element holding both the opening and the closing words of the JSON-LD
/// `articleBody`: where the page shows the text its metadata declares. Not looked for when
/// the chosen container already shows the opening (the common case: no disagreement).
fn json_ld_container<'a>(
    doc: &'a Document,
    chosen: &NodeRef,
    json_ld_body: &str,
) -> Option<NodeRef<'a>> {
    // Compared without white space: adjacent blocks' texts join without a space in the tree.
    let text = squash(json_ld_body);
    if text.chars().count() < MIN_DECLARED_BODY_CHARS {
        return None;
    }
    let head: String = text.chars().take(JSON_LD_SNIPPET_CHARS).collect();
    let tail: String = {
        let reversed: Vec<char> = text.chars().rev().take(JSON_LD_SNIPPET_CHARS).collect();
        reversed.into_iter().rev().collect()
    };
    if squash(&chosen.text()).contains(&head) {
        return None;
    }
    let body = doc.body()?;
    if !squash(&body.text()).contains(&head) {
        return None; // the page does not show the declared text verbatim
    }
    let first = last_holding(&body, &head)?;
    std::iter::once(first)
        .chain(dom::ancestors(&first, 0))
        .find(|n| squash(&n.text()).contains(&tail))
}

/// The last element below `root`, in document order, whose text (without white space)
/// contains `snippet`. An element's text holds each child's, so the elements holding the
/// snippet are ancestors of one another's: the last one is reached by going down to the
/// last child holding it, level by level, reading only those levels' texts (reading every
/// element's text read the page once per level of nesting).
fn last_holding<'a>(root: &NodeRef<'a>, snippet: &str) -> Option<NodeRef<'a>> {
    let holds = |n: &NodeRef| squash(&n.text()).contains(snippet);
    let mut last = None;
    let mut current = *root;
    while let Some(child) = current.element_children().into_iter().rev().find(holds) {
        last = Some(child);
        current = child;
    }
    last
}

/// The text without any white space.
fn squash(s: &str) -> String {
    s.chars().filter(|c| !c.is_whitespace()).collect()
}

/// The `dir` of the container or its nearest ancestor that states one.
fn direction(top: &NodeRef) -> Option<String> {
    std::iter::once(*top)
        .chain(dom::ancestors(top, 0))
        .map(|n| dom::attr(&n, "dir"))
        .find(|d| !d.is_empty())
}

/// A new detached `div` holding the winner and those of its siblings that look like more
/// of the article: similar score, same class, or prose paragraphs.
fn gather_siblings<'a>(doc: &'a Document, top: &NodeRef<'a>, scores: &mut Scores) -> NodeRef<'a> {
    let article = doc.tree.new_element("div");
    let top_score = scores.get(top).unwrap_or(0.0);
    let threshold = (top_score * 0.2).max(10.0);
    let top_class = dom::attr(top, "class");
    let siblings = top
        .parent()
        .map(|p| p.element_children())
        .unwrap_or_else(|| vec![*top]);
    let same_class = |s: &NodeRef| !top_class.is_empty() && dom::attr(s, "class") == top_class;
    let keep: Vec<bool> = siblings
        .iter()
        .map(|sibling| {
            sibling.id == top.id || {
                let bonus = if same_class(sibling) {
                    top_score * 0.2
                } else {
                    0.0
                };
                scores.get(sibling).is_some_and(|s| s + bonus >= threshold)
                    || is_prose_paragraph(sibling)
            }
        })
        .collect();
    let sections = siblings
        .iter()
        .zip(&keep)
        .filter(|(s, k)| **k && same_class(s));
    let mut joined = keep.clone();
    if sections.count() >= MIN_SECTION_RUN {
        keep_lead(&siblings, &mut joined);
    }
    keep_gaps(&siblings, &mut joined);
    // Siblings kept by their score become `div`s (as Readability gathers them); those
    // joining as an introduction or a gap keep their tag (a heading stays a heading).
    for ((sibling, scored), _) in siblings.iter().zip(&keep).zip(&joined).filter(|(_, j)| **j) {
        if *scored && !dom::is_any(sibling, KEEP_TAG_WHEN_GATHERED) {
            sibling.rename("div");
        }
        article.append_child(sibling);
    }
    article
}

/// A sibling between two parts of the article, or leading a run of sections, with at most
/// this link density is one more part of it (an introduction, a synopsis, a short note
/// scoring too little beside long sections); a more linked one is a box of related links set
/// into the article, or the page's navigation.
const MAX_JOINING_LINK_DENSITY: f64 = 0.25;

/// This many kept siblings of the winner's class make the article a run of sections (a
/// reference page's "Description", "Parameters", "Examples"…).
const MIN_SECTION_RUN: usize = 3;

/// Keeps the siblings right before a run of sections that read as text, not links: the
/// run's introduction (a reference page's name line and synopsis), which scores too little
/// beside long sections.
fn keep_lead(siblings: &[NodeRef], keep: &mut [bool]) {
    let Some(first) = keep.iter().position(|k| *k) else {
        return;
    };
    for (sibling, kept) in siblings[..first].iter().zip(&mut keep[..first]).rev() {
        if dom::link_density(sibling) > MAX_JOINING_LINK_DENSITY {
            break;
        }
        *kept = true;
    }
}

/// Keeps the siblings that sit between two kept ones and read as text, not links. A heading
/// alone does not join: the finder's scores already weighed it (and kept it when the section
/// it opens scored), as Readability does.
fn keep_gaps(siblings: &[NodeRef], keep: &mut [bool]) {
    let (Some(first), Some(last)) = (keep.iter().position(|k| *k), keep.iter().rposition(|k| *k))
    else {
        return;
    };
    for (sibling, kept) in siblings[first..last].iter().zip(&mut keep[first..last]) {
        if !*kept && !dom::is_any(sibling, HEADINGS) && dom::text_len(sibling) > 0 {
            *kept = dom::link_density(sibling) <= MAX_JOINING_LINK_DENSITY;
        }
    }
}

/// A `<p>` sibling of the winner that reads like article prose: long with few links, or
/// short, link-free and ending a sentence.
fn is_prose_paragraph(node: &NodeRef) -> bool {
    if !node.has_name("p") {
        return false;
    }
    let density = dom::link_density(node);
    let text = dom::inner_text(node);
    let length = text.chars().count();
    if length > 80 {
        return density < 0.25;
    }
    length > 0 && density == 0.0 && (text.contains(". ") || text.ends_with('.'))
}

#[cfg(test)]
mod tests {
    use super::*;

    const NOTHING: Filtered = Filtered {
        unlikely: false,
        classes: false,
        conditional: false,
    };

    #[test]
    fn names_are_class_and_id_with_or_without_the_attributes() {
        let doc = Document::from(
            "<body><div class='A b' id=Main><p id=x>t</p><span class=s>u</span>\
             <i title=n>v</i><b>w</b></div></body>",
        );
        for node in doc.root().descendants_it() {
            assert_eq!(dom::names_of(&node), dom::class_and_id(&node));
        }
    }

    #[test]
    fn an_element_without_names_matches_no_pattern() {
        for words in [
            patterns::BYLINE,
            patterns::UNLIKELY_CANDIDATES,
            patterns::MAYBE_CANDIDATES,
        ] {
            assert!(!patterns::matches_any(dom::NO_NAMES, words));
        }
    }

    #[test]
    fn the_last_element_holding_a_snippet_is_found_level_by_level() {
        let doc = Document::from(
            "<body><div id=a><p id=b>one two</p><div id=c><p id=d>one two three</p>\
             <p id=e>x</p></div></div><p id=f>one</p></body>",
        );
        let body = doc.body().unwrap();
        for snippet in ["onetwo", "one", "x", "three", "nowhere", "onetwothreex"] {
            let expected = body
                .descendants_it()
                .filter(|n| n.is_element())
                .filter(|n| squash(&n.text()).contains(snippet))
                .last()
                .map(|n| n.id);
            assert_eq!(
                last_holding(&body, snippet).map(|n| n.id),
                expected,
                "{snippet}"
            );
        }
    }

    #[test]
    fn a_rung_is_the_last_attempt_again_when_its_relaxed_filters_did_nothing() {
        let [strict, no_unlikely, no_classes, bare] = LADDER;
        assert!(NOTHING.same_without(strict, no_unlikely));
        assert!(NOTHING.same_without(strict, bare));
        let stripped = Filtered {
            unlikely: true,
            ..NOTHING
        };
        assert!(!stripped.same_without(strict, no_unlikely));
        let weighed = Filtered {
            classes: true,
            ..NOTHING
        };
        assert!(weighed.same_without(strict, no_unlikely));
        assert!(!weighed.same_without(no_unlikely, no_classes));
        let cleaned = Filtered {
            conditional: true,
            ..NOTHING
        };
        assert!(cleaned.same_without(no_unlikely, no_classes));
        assert!(!cleaned.same_without(no_classes, bare));
    }
}
