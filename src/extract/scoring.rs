//! Content scores of candidate containers.
//!
//! Every paragraph-like element with enough text gives points to its parent (in full), its
//! grandparent (half) and up to three more ancestors (a third per level and less): the
//! container that gathers the most prose wins. Points grow with commas and length; a
//! container's own tag and class/id adjust its starting score; links discount it.

use dom_query::{NodeId, NodeRef};

use super::patterns;
use crate::dom;

/// How many ancestors of a paragraph share its points: deep enough to reach the article
/// container through a few wrapper `div`s, shallow enough not to crown `<body>`.
pub const ANCESTOR_LEVELS: usize = 5;

/// Paragraphs shorter than this (characters) give no points: captions, labels, buttons.
pub const MIN_PARAGRAPH_CHARS: usize = 25;

/// How many top candidates are kept for the "shared ancestor" check.
pub const TOP_CANDIDATES: usize = 5;

/// Points for a class or id word in the positive / negative lists.
const CLASS_WEIGHT: f64 = 25.0;

/// Content scores of the candidates found so far.
#[derive(Default)]
pub struct Scores {
    score: dom::NodeMap<f64>,
    /// Candidates in the order they were first seen (ties keep document order).
    pub order: Vec<NodeId>,
    /// Whether class/id words count (off on the last retries).
    pub weigh_classes: bool,
    /// Whether a class/id word changed a starting score: without one, the scores are those
    /// an attempt that does not weigh classes gives.
    pub weighed: bool,
}

impl Scores {
    /// An empty score table.
    pub fn new(weigh_classes: bool) -> Self {
        Scores {
            weigh_classes,
            ..Scores::default()
        }
    }

    /// The node's score, if it is a candidate.
    pub fn get(&self, node: &NodeRef) -> Option<f64> {
        self.score.get(&node.id).copied()
    }

    /// Makes `node` a candidate with its starting score (tag + class weight), once.
    pub fn initialize(&mut self, node: &NodeRef) {
        if self.score.contains_key(&node.id) {
            return;
        }
        let weight = self.class_weight(node);
        self.weighed |= weight != 0.0;
        let start = tag_score(node) + weight;
        self.score.insert(node.id, start);
        self.order.push(node.id);
    }

    /// Adds points to a candidate.
    pub fn add(&mut self, node: &NodeRef, points: f64) {
        if let Some(s) = self.score.get_mut(&node.id) {
            *s += points;
        }
    }

    /// Multiplies a candidate's score.
    pub fn scale(&mut self, id: NodeId, factor: f64) {
        if let Some(s) = self.score.get_mut(&id) {
            *s *= factor;
        }
    }

    /// +25 / −25 for positive / negative words in the class and in the id.
    pub fn class_weight(&self, node: &NodeRef) -> f64 {
        if !self.weigh_classes {
            return 0.0;
        }
        class_weight(node)
    }
}

/// +25 / −25 for positive / negative words in the class and in the id, always counted.
pub fn class_weight(node: &NodeRef) -> f64 {
    // Read in place: an absent or empty attribute costs no copy.
    dom::with_attr(node, "class", value_weight) + dom::with_attr(node, "id", value_weight)
}

/// The weight of one class or id value (see [`class_weight`]).
fn value_weight(value: &str) -> f64 {
    if value.is_empty() {
        return 0.0;
    }
    let value = value.to_lowercase();
    let mut weight = 0.0;
    if patterns::is_negative(&value) {
        weight -= CLASS_WEIGHT;
    }
    if patterns::matches_any(&value, patterns::POSITIVE) {
        weight += CLASS_WEIGHT;
    }
    weight
}

/// A container's starting score from its tag: `div`s hold articles, lists and headings
/// rarely do.
fn tag_score(node: &NodeRef) -> f64 {
    dom::with_tag(node, |tag| match tag {
        "div" => 5.0,
        "pre" | "td" | "blockquote" => 3.0,
        "address" | "ol" | "ul" | "dl" | "dd" | "dt" | "li" | "form" => -3.0,
        "h1" | "h2" | "h3" | "h4" | "h5" | "h6" | "th" => -5.0,
        _ => 0.0,
    })
}

/// Characters per point for length, and the most such points.
const CHARS_PER_POINT: usize = 100;
const MAX_LENGTH_POINTS: usize = 3;
/// A paragraph longer than this gets all the points for length.
const MAX_LENGTH_CHARS: usize = CHARS_PER_POINT * MAX_LENGTH_POINTS;

/// The points one paragraph is worth, for a text of `length` characters with `commas` commas:
/// 1, plus one per comma, plus one per 100 characters (at most 3).
fn points_of(length: usize, commas: usize) -> f64 {
    1.0 + commas as f64 + (length / CHARS_PER_POINT).min(MAX_LENGTH_POINTS) as f64
}

/// The comma-like characters ([`patterns::COMMAS`]) of `text`, counted without decoding the
/// text: `,` is found by a vector byte search, and the other commas only where one of their lead bytes
/// ([`WIDE_COMMA_LEADS`]) starts a character, decoded there (a lead byte is never inside
/// another character). Paragraphs are mostly Latin text: a byte filter counted them
/// byte by byte, and other scripts were decoded whole.
pub fn count_commas(text: &str) -> usize {
    let bytes = text.as_bytes();
    let ascii = memchr::memchr_iter(b',', bytes).count();
    let [a, b, c] = WIDE_COMMA_LEADS;
    let wide = memchr::memchr3_iter(a, b, c, bytes)
        .filter(|&i| {
            text[i..]
                .chars()
                .next()
                .is_some_and(|ch| patterns::COMMAS.contains(&ch))
        })
        .count();
    ascii + wide
}

/// The first UTF-8 bytes of the commas of [`patterns::COMMAS`] other than `,` (U+060C:
/// 0xD8; U+2E32, U+2E34, U+2E41: 0xE2; U+FE10, U+FE11, U+FE50, U+FF0C: 0xEF).
const WIDE_COMMA_LEADS: [u8; 3] = [0xD8, 0xE2, 0xEF];

/// The share of a paragraph's points that its ancestor at `level` receives.
pub fn level_divider(level: usize) -> f64 {
    match level {
        0 => 1.0,
        1 => 2.0,
        n => n as f64 * 3.0,
    }
}

/// Gives the points of every scorable element to its ancestors, then discounts each
/// candidate by its link density.
pub fn score_paragraphs(scores: &mut Scores, elements: &[NodeRef]) {
    for element in elements {
        let Some(parent) = element.parent() else {
            continue;
        };
        if !parent.is_element() {
            continue;
        }
        // Counted in the text nodes: building each paragraph's text costs more. Lengths
        // past the most points for length are not needed exactly.
        let (length, commas) =
            dom::inner_text_stats_within(element, MAX_LENGTH_CHARS, count_commas);
        if length < MIN_PARAGRAPH_CHARS {
            continue;
        }
        let points = points_of(length, commas);
        for (level, ancestor) in dom::ancestors(element, ANCESTOR_LEVELS).iter().enumerate() {
            let has_element_parent = ancestor.parent().is_some_and(|p| p.is_element());
            if !has_element_parent {
                continue;
            }
            scores.initialize(ancestor);
            scores.add(ancestor, points / level_divider(level));
        }
    }
    let Some(tree) = elements.first().map(|e| e.tree) else {
        return;
    };
    let root = tree.root();
    let lens = dom::TextLens::of(&root);
    let densities = link_densities(&root, scores, &lens);
    for id in scores.order.clone() {
        let Some(node) = tree.get(&id) else { continue };
        let density = densities
            .get(&id)
            .copied()
            .unwrap_or_else(|| dom::link_density_by(&node, |n| lens.len(n)));
        scores.scale(id, 1.0 - density);
    }
}

/// A candidate whose subtree the walk of [`link_densities`] is in: its depth, and the
/// weighted length of the links met below it so far.
struct OpenCandidate {
    id: NodeId,
    depth: usize,
    linked: f64,
}

/// [`dom::link_density_by`] (lengths from `lens`) of every candidate under `root`, in one
/// walk of the tree: each link is weighed once and its weight added to every candidate
/// above it. Asking each candidate walked the subtrees of nested candidates again and
/// weighed their links once per candidate above them. The links are added in document
/// order, as `link_density_by` adds them, so the densities are the same to the last bit.
fn link_densities(root: &NodeRef, scores: &Scores, lens: &dom::TextLens) -> dom::NodeMap<f64> {
    let mut densities = dom::NodeMap::default();
    let close = |open: OpenCandidate, densities: &mut dom::NodeMap<f64>| {
        let node = NodeRef::new(open.id, root.tree);
        let total = lens.len(&node);
        let density = if total == 0 {
            0.0
        } else {
            open.linked / total as f64
        };
        densities.insert(open.id, density);
    };
    let mut open: Vec<OpenCandidate> = Vec::new();
    let mut stack = vec![(*root, 0usize)];
    while let Some((node, depth)) = stack.pop() {
        while let Some(done) = open.pop_if(|o| o.depth >= depth) {
            close(done, &mut densities);
        }
        if node.has_name("a") {
            let weighted = lens.len(&node) as f64 * dom::link_weight(&node);
            for candidate in &mut open {
                candidate.linked += weighted;
            }
        }
        if scores.score.contains_key(&node.id) {
            open.push(OpenCandidate {
                id: node.id,
                depth,
                linked: 0.0,
            });
        }
        let children = node.children_it(true).filter(|c| c.is_element());
        stack.extend(children.map(|c| (c, depth + 1)));
    }
    for done in open {
        close(done, &mut densities);
    }
    densities
}

/// The best candidates, highest score first (ties in document order).
pub fn top_candidates<'a>(scores: &Scores, any: &NodeRef<'a>) -> Vec<(NodeRef<'a>, f64)> {
    let mut ranked: Vec<(NodeRef<'a>, f64)> = scores
        .order
        .iter()
        .filter_map(|id| any.tree.get(id))
        .filter_map(|n| scores.get(&n).map(|s| (n, s)))
        .collect();
    ranked.sort_by(|a, b| b.1.partial_cmp(&a.1).unwrap_or(std::cmp::Ordering::Equal));
    ranked.truncate(TOP_CANDIDATES);
    ranked
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_byte_search_counts_every_comma() {
        let ascii: Vec<char> = patterns::COMMAS
            .iter()
            .copied()
            .filter(char::is_ascii)
            .collect();
        assert_eq!(ascii, [',']);
        for comma in patterns::COMMAS.iter().filter(|c| !c.is_ascii()) {
            let lead = comma.to_string().as_bytes()[0];
            assert!(WIDE_COMMA_LEADS.contains(&lead), "{comma}");
        }
        for text in [
            "a, b,, c",
            "no commas",
            "",
            "\u{060C}a,\u{FF0C}",
            "مرحبا، عالم, نص",
            "中文，标点、符号\u{FE50}\u{FE10}\u{FE11}\u{2E41}\u{2E34}\u{2E32}—…",
        ] {
            assert_eq!(count_commas(text), patterns::count_commas(text));
        }
    }
}
