//! Footnotes: `sup > a[href="#fn1"]` (or `#footnote…`, `#cite_note…`; also `a > sup`)
//! pointing at a list item with that id become GFM `[^1]` references, and the list items
//! become `[^1]: …` definitions at the end of the document, in the page's order.
//!
//! A note keeps the label the page shows (`[12]` → `[^12]`, `[n 4]` → `[^n-4]`), so the
//! Markdown says what the page says; a reference without a usable label, or whose label
//! another note already has, is numbered.

use std::collections::{HashMap, HashSet};

use dom_query::NodeRef;

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

/// The footnotes of one article: labels by target id, definitions in page order.
#[derive(Default)]
pub(crate) struct Footnotes<'a> {
    labels: HashMap<String, String>,
    defs: Vec<(NodeRef<'a>, String)>,
    /// The definitions again, for membership tests: every link asks about each of its
    /// ancestors, and a page may have hundreds of notes.
    def_ids: NodeMap<usize>,
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
        let mut used: HashSet<String> = HashSet::new();
        for a in root
            .descendants_it()
            .filter(|d| d.has_name("a") && in_sup(d))
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

    /// The back marker the page shows at the start of the note `li` ("^" before each of
    /// Wikipedia's references), if it shows one.
    ///
    /// The definition writes it on its label's line (`[^1]: ^`): the page's text has it, and
    /// the label line then holds nothing a line-based reader takes for words. Such readers
    /// (the reference Markdown-to-text step among them) do not know footnotes: a bare
    /// `[^1]:` line is text to them, so the label would count as a word the page never shows
    /// (its notes are a numbered list), while `[^1]: …` has the shape of a link reference
    /// definition, dropped whole.
    pub(crate) fn leading_marker(&self, li: &NodeRef) -> Option<&'static str> {
        let first = li
            .descendants_it()
            .filter(|d| d.is_text())
            .map(|t| t.text().to_string())
            .find(|t| !t.trim().is_empty())?;
        let word = first.split_whitespace().next()?;
        LEADING_MARKERS.iter().copied().find(|m| *m == word)
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
