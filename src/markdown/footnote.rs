//! Footnotes: `sup > a[href="#fn1"]` (or `#footnote…`, `#cite_note…`; also `a > sup`)
//! pointing at a list item with that id become GFM `[^1]` references, and the list items
//! become `[^1]: …` definitions at the end of the document, in the page's order.
//!
//! A note keeps the label the page shows (`[12]` → `[^12]`, `[n 4]` → `[^n-4]`), so the
//! Markdown says what the page says; a reference without a usable label, or whose label
//! another note already has, is numbered.
//!
//! A note's leading back marker (MediaWiki's "^", or "^ a b c" when one note is cited from
//! three places, each letter a link back) goes on the definition's label line as plain text
//! (`[^6]: ^ a b c`); the back links themselves are not written. A note no longer cited (its
//! citation was left out with a table, say) stays in the page's list and shows the same
//! plain `^ a b c`, without the links' bold, italics and `<sup>`. A reference inside a table
//! written as HTML is no citation: Markdown is not read there, so its `<sup>` stays as it is.

use std::collections::{HashMap, HashSet};

use dom_query::NodeRef;

use super::table::is_html_table;
use crate::dom::{NodeMap, attr};

/// How a fragment must start to be a footnote target (lower-cased).
const TARGET_PREFIXES: &[&str] = &["fn", "footnote", "cite_note"];

/// How the fragment of a link back from a footnote to its reference starts (lower-cased).
const BACKLINK_PREFIXES: &[&str] = &["fnref", "cite_ref", "footnote-ref", "footnoteref", "ref-"];

/// Link texts that mean "back to the text" in footnote definitions.
const BACKLINK_TEXTS: &[&str] = &["↩", "↩︎", "↑", "^"];

/// Back markers a page may show at the *start* of each note (MediaWiki's "^", "↑"): the
/// definition keeps it as its first line, on the label's line.
const LEADING_MARKERS: &[&str] = &["^", "↑"];

/// The back marker a note starts with, as the page shows it: the marker, then the labels of
/// the back links that follow it when the note is cited from several places (MediaWiki's
/// "^ a b c", each letter a link to one citation).
struct LeadingMarker {
    /// The marker and the link labels, one space apart (`^ a b c`).
    text: String,
    /// How many of its markers are page text rather than link text: the note's body still
    /// starts with them.
    plain: usize,
}

/// The footnotes of one article: labels by target id, definitions in page order.
#[derive(Default)]
pub(crate) struct Footnotes<'a> {
    labels: HashMap<String, String>,
    defs: Vec<(NodeRef<'a>, String)>,
    /// The definitions again, for membership tests: every link asks about each of its
    /// ancestors, and a page may have hundreds of notes.
    def_ids: NodeMap<usize>,
    /// The leading back marker of every note the page has (referenced or not), by note.
    markers: NodeMap<LeadingMarker>,
    /// The back links in those markers, and the inline elements that only wrap one
    /// (`<b><a>^</a></b>`, `<a><sup><i><b>a</b></i></sup></a>`): written as plain text.
    marker_nodes: NodeMap<()>,
}

impl<'a> Footnotes<'a> {
    /// Finds the footnote references under `root` and the list items they point at.
    pub(crate) fn find(root: &NodeRef<'a>) -> Self {
        let mut items: HashMap<String, NodeRef<'a>> = HashMap::new();
        for li in root.descendants_it().filter(|d| d.has_name("li")) {
            let id = attr(&li, "id");
            if !id.is_empty() {
                items.entry(id).or_insert(li);
            }
        }
        let mut notes = Footnotes::default();
        if items.is_empty() {
            return notes;
        }
        notes.find_markers(&items);
        let html_tables: NodeMap<()> = root
            .descendants_it()
            .filter(is_html_table)
            .map(|t| (t.id, ()))
            .collect();
        let mut used: HashSet<String> = HashSet::new();
        for a in root
            .descendants_it()
            .filter(|d| d.has_name("a") && in_sup(d) && !in_any(d, &html_tables))
        {
            let Some(frag) = target(&a) else { continue };
            if let Some(li) = items.get(&frag)
                && !notes.labels.contains_key(&frag)
            {
                let label = unique_label(&page_label(&a), &mut used);
                notes.def_ids.insert(li.id, 0);
                notes.labels.insert(frag, label);
            }
        }
        let lis: Vec<NodeRef<'a>> = root
            .descendants_it()
            .filter(|d| d.has_name("li") && notes.def_ids.contains_key(&d.id))
            .collect();
        for li in lis {
            let label = notes
                .labels
                .get(&attr(&li, "id"))
                .cloned()
                .unwrap_or_default();
            notes.def_ids.insert(li.id, notes.defs.len());
            notes.defs.push((li, label));
        }
        notes
    }

    /// The label of the footnote `node` refers to (`sup` around reference links, or a
    /// reference link), if it is one.
    pub(crate) fn reference(&self, node: &NodeRef) -> Option<Vec<String>> {
        if self.labels.is_empty() {
            return None;
        }
        if node.has_name("a") && in_sup(node) {
            return target(node)
                .and_then(|f| self.labels.get(&f))
                .map(|l| vec![l.clone()]);
        }
        if !node.has_name("sup") {
            return None;
        }
        let links: Vec<NodeRef> = node.descendants_it().filter(|d| d.has_name("a")).collect();
        let labels: Vec<String> = links
            .iter()
            .filter_map(|a| target(a).and_then(|f| self.labels.get(&f).cloned()))
            .collect();
        let only_refs = labels.len() == links.len() && !labels.is_empty();
        (only_refs && stray_text_is_punctuation(node)).then_some(labels)
    }

    /// Is `node` a list item that is rendered as a footnote definition?
    pub(crate) fn is_definition(&self, node: &NodeRef) -> bool {
        node.has_name("li") && self.def_ids.contains_key(&node.id)
    }

    /// The definition list item `node` with its label, if it is one.
    pub(crate) fn definition(&self, node: &NodeRef) -> Option<&(NodeRef<'a>, String)> {
        self.def_ids.get(&node.id).and_then(|&i| self.defs.get(i))
    }

    /// The definitions with their labels, in page order.
    pub(crate) fn definitions(&self) -> &[(NodeRef<'a>, String)] {
        &self.defs
    }

    /// The leading back markers of the notes among `items` (list items by id): those whose
    /// id names a footnote target, referenced from the article or not.
    fn find_markers(&mut self, items: &HashMap<String, NodeRef<'a>>) {
        for (id, li) in items {
            let lower = id.to_lowercase();
            if !TARGET_PREFIXES.iter().any(|p| lower.starts_with(p)) {
                continue;
            }
            let mut scan = MarkerScan::default();
            scan.children(li);
            if scan.words.is_empty() {
                continue;
            }
            for link in &scan.links {
                self.marker_nodes.insert(link.id, ());
                mark_wrappers(link, li, &mut self.marker_nodes);
            }
            let text = scan.words.join(" ");
            self.markers.insert(
                li.id,
                LeadingMarker {
                    text,
                    plain: scan.plain,
                },
            );
        }
    }

    /// The back marker the page shows at the start of the note `li` ("^" before each of
    /// Wikipedia's references, "^ a b" before one cited twice), if it shows one, and how
    /// many of its markers the note's body starts with (the others are back links, which
    /// a definition drops).
    ///
    /// The definition writes it on its label's line (`[^1]: ^`, `[^2]: ^ a b`): the page's
    /// text has it, and the label line then holds nothing a line-based reader takes for
    /// words. Such readers (the reference Markdown-to-text step among them) do not know
    /// footnotes: a bare `[^1]:` line is text to them, so the label would count as a word
    /// the page never shows (its notes are a numbered list), while `[^1]: …` has the shape
    /// of a link reference definition, dropped whole.
    pub(crate) fn leading_marker(&self, li: &NodeRef) -> Option<(&str, usize)> {
        self.markers.get(&li.id).map(|m| (m.text.as_str(), m.plain))
    }

    /// Is `node` a back link of a note's leading marker, or an inline element only wrapping
    /// one? Outside a definition (a note the article no longer cites) it is written as its
    /// plain text, so the note starts with `^ a b` as on the page, not with link soup.
    pub(crate) fn is_marker_part(&self, node: &NodeRef) -> bool {
        self.marker_nodes.contains_key(&node.id)
    }

    /// Is `node` a link from a definition back to its reference? (Only inside a list item
    /// that is rendered as a definition: elsewhere a "^" link is ordinary text.)
    pub(crate) fn is_backlink(&self, node: &NodeRef) -> bool {
        if self.labels.is_empty() || !node.has_name("a") {
            return false;
        }
        if !node.ancestors_it(None).any(|a| self.is_definition(&a)) {
            return false;
        }
        let frag = fragment(node).to_lowercase();
        let text = node.text();
        BACKLINK_PREFIXES.iter().any(|p| frag.starts_with(p))
            || BACKLINK_TEXTS.contains(&text.trim())
    }
}

/// Reads a note's leading back marker: a marker ("^", page text or a back link's), then
/// back links only, white space between them; stops at anything else.
#[derive(Default)]
struct MarkerScan<'a> {
    words: Vec<String>,
    plain: usize,
    links: Vec<NodeRef<'a>>,
    done: bool,
}

impl<'a> MarkerScan<'a> {
    fn children(&mut self, node: &NodeRef<'a>) {
        for child in node.children_it(false) {
            if self.done {
                return;
            }
            self.node(&child);
        }
    }

    fn node(&mut self, node: &NodeRef<'a>) {
        if node.is_text() {
            for word in node.text().split_whitespace() {
                self.plain_word(word);
            }
        } else if node.has_name("a") && is_back_link(node) {
            let label = crate::dom::normalize_space(&node.text());
            let first = self.words.is_empty();
            if label.is_empty() || (first && !LEADING_MARKERS.contains(&label.as_str())) {
                self.done = true;
                return;
            }
            self.words.push(label);
            self.links.push(*node);
        } else if node.is_element() {
            self.children(node);
        }
    }

    /// A word of page text: a marker starts the group, anything else ends it.
    fn plain_word(&mut self, word: &str) {
        if self.done {
            return;
        }
        if self.words.is_empty() && LEADING_MARKERS.contains(&word) {
            self.words.push(word.to_string());
            self.plain += 1;
        } else {
            self.done = true;
        }
    }
}

/// Is `a` a link back from a note to where it is cited: by its fragment
/// ([`BACKLINK_PREFIXES`]) or by its text ([`BACKLINK_TEXTS`], an in-page link)?
fn is_back_link(a: &NodeRef) -> bool {
    let frag = fragment(a).to_lowercase();
    BACKLINK_PREFIXES.iter().any(|p| frag.starts_with(p))
        || (crate::dom::attr(a, "href").trim_start().starts_with('#')
            && BACKLINK_TEXTS.contains(&a.text().trim()))
}

/// Marks the ancestors of `link` below `li` that hold nothing but it.
fn mark_wrappers(link: &NodeRef, li: &NodeRef, marked: &mut NodeMap<()>) {
    let label = crate::dom::normalize_space(&link.text());
    let mut node = link.parent();
    while let Some(p) = node.filter(|p| p.id != li.id && p.is_element()) {
        if crate::dom::normalize_space(&p.text()) != label {
            return;
        }
        marked.insert(p.id, ());
        node = p.parent();
    }
}

/// The label a reference shows (`[12]` → `12`, `[n 4]` → `n-4`): its letters and digits,
/// other runs of characters as one `-`.
fn page_label(a: &NodeRef) -> String {
    let mut label = String::new();
    for c in a.text().chars() {
        if c.is_alphanumeric() {
            label.push(c);
        } else if !label.is_empty() && !label.ends_with('-') {
            label.push('-');
        }
    }
    label.trim_end_matches('-').to_string()
}

/// `label`, or the first free number (after `label-` when there is a label) when it is empty
/// or taken.
fn unique_label(label: &str, used: &mut HashSet<String>) -> String {
    let mut candidate = label.to_string();
    let mut n = 1;
    while candidate.is_empty() || used.contains(&candidate) {
        candidate = if label.is_empty() {
            n.to_string()
        } else {
            format!("{label}-{n}")
        };
        n += 1;
    }
    used.insert(candidate.clone());
    candidate
}

/// `a` inside a `sup`, or with a `sup` inside.
/// Is `node` inside one of `nodes`?
fn in_any(node: &NodeRef, nodes: &NodeMap<()>) -> bool {
    !nodes.is_empty() && node.ancestors_it(None).any(|a| nodes.contains_key(&a.id))
}

fn in_sup(a: &NodeRef) -> bool {
    a.parent().is_some_and(|p| p.has_name("sup")) || a.descendants_it().any(|d| d.has_name("sup"))
}

/// The fragment of the link's `href` (after the last `#`), or `""`.
fn fragment(a: &NodeRef) -> String {
    let href = attr(a, "href");
    href.rsplit_once('#')
        .map(|(_, f)| f.to_string())
        .unwrap_or_default()
}

/// The fragment, if it names a footnote target.
fn target(a: &NodeRef) -> Option<String> {
    let frag = fragment(a);
    let lower = frag.to_lowercase();
    TARGET_PREFIXES
        .iter()
        .any(|p| lower.starts_with(p))
        .then_some(frag)
}

/// True when the text of a `sup` outside its links is only brackets, commas and spaces.
fn stray_text_is_punctuation(sup: &NodeRef) -> bool {
    sup.descendants_it()
        .filter(|d| d.is_text() && !d.ancestors_it(None).any(|a| a.has_name("a")))
        .all(|t| {
            t.text()
                .chars()
                .all(|c| c.is_whitespace() || matches!(c, '[' | ']' | ',' | '(' | ')'))
        })
}
