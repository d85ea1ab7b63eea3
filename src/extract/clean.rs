//! Clean the article.
//!
//! Two steps. [`clean_candidate`] runs inside every attempt of the article finder (its
//! result decides whether the attempt is long enough): forms, embeds, share bars, buttons
//! and boilerplate-looking tables, lists and `div`s go — a container is judged on its
//! link density, image/paragraph/list-item counts, class weight and commas, and data
//! tables, code and lists of images are protected. [`clean`] then finishes the winner:
//! furniture blocks go ([`super::boilerplate`]), images get their real sources and every
//! URL becomes absolute.

use std::collections::HashMap;

use dom_query::{NodeData, NodeId, NodeRef};
use url::Url;

use super::find_article::Flags;
use super::metadata::Metadata;
use super::patterns;
use super::scoring::class_weight;
use crate::dom;

/// Elements that never belong in an article body, removed unconditionally.
const ALWAYS_REMOVED: &[&str] = &[
    "object", "embed", "footer", "link", "aside", "iframe", "input", "textarea", "select", "button",
];

/// Containers judged one by one (innermost first) by [`is_boilerplate_container`].
const CONDITIONAL: &[&str] = &["form", "fieldset", "table", "ul", "div"];

/// Share bars are short; a "share" container with more text than this is content.
const SHARE_MAX_CHARS: usize = 500;

/// A container with this many commas is prose, whatever else it holds.
const PROSE_COMMAS: usize = 10;

/// What the passes a finder's flag switches removed from a candidate: headings by their
/// class (`weigh_classes`), containers judged conditionally (`clean_conditionally`). A pass
/// that removed nothing leaves the candidate as it would be without it.
#[derive(Clone, Copy, Default)]
pub struct FlaggedRemovals {
    pub negative_headers: bool,
    pub conditional: bool,
}

/// Removes boilerplate from a candidate article (one attempt of the finder).
pub fn clean_candidate(root: &NodeRef, flags: Flags) -> FlaggedRemovals {
    let mut removed = FlaggedRemovals::default();
    mark_data_tables(root);
    super::media::fix_lazy_images(root);
    if flags.clean_conditionally {
        removed.conditional |= remove_conditionally(root, &["form", "fieldset"]);
    }
    remove_share_elements(root);
    remove_tags(root, ALWAYS_REMOVED);
    removed.negative_headers = remove_negative_headers(root, flags.weigh_classes);
    if flags.clean_conditionally {
        removed.conditional |= remove_conditionally(root, &["table", "ul", "div"]);
    }
    for h1 in dom::descendants_named(root, "h1") {
        h1.rename("h2");
    }
    remove_empty_paragraphs(root);
    remove_breaks_before_paragraphs(root);
    unwrap_single_cell_tables(root);
    removed
}

/// Finishes the chosen article: furniture out, real image sources, absolute URLs (against
/// the document's base; in-page `#fragment` links against the page itself).
pub fn clean(root: &NodeRef, meta: &Metadata, base: &Url, page_url: &Url) {
    super::boilerplate::remove(root, meta);
    super::media::fix_lazy_images(root);
    super::media::absolutize_urls_for_page(root, base, page_url);
    remove_icon_glyphs(root);
    separate_glued_words(root);
}

/// Inline elements that sit side by side in the markup with no space between them but
/// are laid out apart by the site's style sheet: a card's brand and product name, a
/// filter's label and its count, a row of tags. Without the style sheet their words run
/// together ("HOKAClifton", "CottonNylon"); a space goes between two such siblings of the
/// same tag when the letters at the seam show a new word starting (see [`is_word_seam`]).
/// Code keeps its spans as they are (syntax highlighting splits identifiers the same way).
fn separate_glued_words(root: &NodeRef) {
    let seams: Vec<NodeRef> = root
        .descendants_it()
        .filter(|n| dom::is_any(n, dom::PHRASING_TAGS) || n.has_name("a"))
        .filter(|n| glued_to_next(n))
        .filter(|n| !dom::has_ancestor(n, |a| dom::is_any(a, CODE_TAGS)))
        .collect();
    for node in seams {
        node.insert_after(&node.tree.new_text(" "));
    }
}

/// Elements whose text is code, spaced exactly as written.
const CODE_TAGS: &[&str] = &["pre", "code", "kbd", "samp"];

/// Is the element followed by an element of its own tag, with the two texts meeting at a
/// word seam? (Comments are gone by now: `prepare` removed them.)
fn glued_to_next(node: &NodeRef) -> bool {
    let Some(next) = node
        .next_sibling()
        .filter(|n| n.is_element() && n.node_name() == node.node_name())
    else {
        return false;
    };
    let mut ahead = next
        .descendants_it()
        .filter(|d| d.is_text())
        .flat_map(|t| t.text().chars().take(2).collect::<Vec<char>>());
    match (last_char(node), ahead.next()) {
        (Some(a), Some(b)) => is_word_seam(a, b, ahead.next()),
        _ => false,
    }
}

/// The last character of the element's text, read from its last text nodes only (a
/// nest of inline elements each beside a sibling must not have its whole text written
/// once per level).
fn last_char(node: &NodeRef) -> Option<char> {
    let mut stack: Vec<NodeRef> = node.children_it(false).collect();
    while let Some(n) = stack.pop() {
        if n.is_text() {
            if let Some(c) = n.text().chars().next_back() {
                return Some(c);
            }
        } else {
            stack.extend(n.children_it(false));
        }
    }
    None
}

/// Do the letters `a` | `b` `c` (`a` ending one text, `b` and `c` starting the next) read
/// as two words run together: a lower-case letter then a capital ("CottonNylon"), or an
/// acronym then a capitalised word ("HOKAClifton")? (Digits beside letters stay joined:
/// "2nd", "10px", "H2O" are split that way as often.)
fn is_word_seam(a: char, b: char, c: Option<char>) -> bool {
    let capital_word = b.is_uppercase() && c.is_some_and(char::is_lowercase);
    (a.is_lowercase() && b.is_uppercase()) || (a.is_uppercase() && capital_word)
}

/// Unicode's private use area (BMP): where icon fonts put their glyphs (a magnifier, an
/// arrow, a logo). Without the font they are boxes, never text.
const ICON_GLYPHS: std::ops::RangeInclusive<char> = '\u{E000}'..='\u{F8FF}';

/// Removes icon-font glyphs from the article's text.
fn remove_icon_glyphs(root: &NodeRef) {
    let glyphed: Vec<NodeRef> = root
        .descendants_it()
        .filter(|n| {
            n.query(|n| match &n.data {
                NodeData::Text { contents } => holds_icon_glyph(contents),
                _ => false,
            })
            .unwrap_or(false)
        })
        .collect();
    for node in glyphed {
        let kept: String = node
            .text()
            .chars()
            .filter(|c| !ICON_GLYPHS.contains(c))
            .collect();
        node.set_text(kept);
    }
}

/// Does the text hold an icon glyph ([`ICON_GLYPHS`])? Read in place, and decoded only when
/// it holds one of their lead bytes (U+E000 to U+EFFF start with 0xEE, U+F000 to U+F8FF with
/// 0xEF), which a byte search finds: copying and decoding every text node of the article
/// cost more than the rest of the pass.
fn holds_icon_glyph(text: &str) -> bool {
    memchr::memchr2(0xEE, 0xEF, text.as_bytes()).is_some()
        && text.chars().any(|c| ICON_GLYPHS.contains(&c))
}

/// Removes every descendant named in `tags`, except players of known video hosts.
fn remove_tags(root: &NodeRef, tags: &[&str]) {
    let doomed: Vec<NodeRef> = root
        .descendants_it()
        .filter(|n| dom::is_any(n, tags))
        .collect();
    for node in doomed {
        if !is_video_embed(&node) {
            node.remove_from_parent();
        }
    }
}

/// An `iframe`/`embed`/`object` showing a video from a known host.
fn is_video_embed(node: &NodeRef) -> bool {
    if !dom::is_any(node, &["iframe", "embed", "object"]) {
        return false;
    }
    let mut sources: String = node
        .attrs()
        .iter()
        .map(|a| a.value.to_string())
        .collect::<Vec<_>>()
        .join(" ");
    if node.has_name("object") {
        sources.push_str(&node.inner_html());
    }
    patterns::matches_any(&sources.to_lowercase(), patterns::VIDEO_HOSTS)
}

/// Share bars inside the article's top-level blocks.
fn remove_share_elements(root: &NodeRef) {
    let doomed: Vec<NodeRef> = root
        .descendants_it()
        .filter(|n| n.is_element() && n.id != root.id)
        .filter(|n| patterns::is_share(&dom::names_of(n)) && dom::text_len(n) < SHARE_MAX_CHARS)
        .collect();
    for node in doomed {
        node.remove_from_parent();
    }
}

/// `h1`/`h2` whose class or id is negative (e.g. "comments-title"); true when one went.
fn remove_negative_headers(root: &NodeRef, weigh_classes: bool) -> bool {
    if !weigh_classes {
        return false;
    }
    let doomed: Vec<NodeRef> = root
        .descendants_it()
        .filter(|n| dom::is_any(n, &["h1", "h2"]) && class_weight(n) < 0.0)
        .collect();
    for node in &doomed {
        node.remove_from_parent();
    }
    !doomed.is_empty()
}

/// Judges every container named in `tags`, innermost (last in document order) first.
///
/// A container is judged on figures of its whole subtree ([`Tally`]); each node's are
/// summed from its children's, which are final when the node is reached (in reverse
/// document order every descendant comes first, and a removed child no longer counts).
/// So the pass reads each node once: reading each container's subtree instead read the
/// page once per level of nesting (500 nested `div`s over 1 MB of paragraphs: 4 s).
/// True when a container went.
fn remove_conditionally(root: &NodeRef, tags: &[&str]) -> bool {
    debug_assert!(tags.iter().all(|t| CONDITIONAL.contains(t)));
    // The pass only ever removes containers named in `tags`: without one (most articles
    // hold no form) there is nothing to judge, and no figures need summing (nor the nodes
    // listing).
    if !root.descendants_it().any(|n| dom::is_any(&n, tags)) {
        return false;
    }
    let order: Vec<NodeRef> = root.descendants_it().collect();
    // Every table of the pass is a `Vec` over `order`, each node found by its place.
    let positions = dom::Positions::of(&order);
    let protected = dom::under_each(root, &order, &positions, |a| {
        is_data_table(a) || a.has_name("code")
    });
    let in_figure = dom::under_each(root, &order, &positions, |a| a.has_name("figure"));
    let spans: Vec<Option<dom::TextSpan>> = order
        .iter()
        .map(|n| n.query(|n| dom::text_span(&n.data)).flatten())
        .collect();
    let entries = entry_runs(root, &order, &positions, &spans);
    let mut tallies: Vec<Option<Tally>> =
        std::iter::repeat_with(|| None).take(order.len()).collect();
    let mut removed = false;
    for (place, node) in order.iter().enumerate().rev() {
        let tally = Tally::of(node, spans[place], &positions, &mut tallies);
        if dom::is_any(node, tags) {
            let above = Above {
                protected: protected[place],
                in_figure: in_figure[place],
                entry: entries[place],
            };
            if is_boilerplate_container(node, &tally, above) {
                node.remove_from_parent();
                removed = true;
                continue;
            }
        }
        tallies[place] = Some(tally);
    }
    removed
}

/// The attribute the data-table pass leaves on tables that hold data, not layout.
const DATA_TABLE_ATTR: &str = "data-rm-table";

fn is_data_table(node: &NodeRef) -> bool {
    node.has_name("table") && node.has_attr(DATA_TABLE_ATTR)
}

/// What lies above a container: a data table or code (which protect it), a figure; and
/// whether it is one of a run of entries that make up the article ([`entry_runs`]).
#[derive(Clone, Copy)]
struct Above {
    protected: bool,
    in_figure: bool,
    entry: bool,
}

/// A run of at least this many siblings of one tag and class…
const MIN_ENTRY_RUN: usize = 3;
/// …holding at least this share of the article's text is the article itself: an index of
/// entries, each a linked title and its summary (a manual's section page listing its
/// pages, a blog's archive). Such entries are linked by nature; a box of related links set
/// into an article holds a minority of its text.
const MIN_ENTRY_RUN_SHARE: f64 = 0.5;

/// Is `node` a `tag` whose classes add to `class` (a run's entry marked as a variant:
/// `row event featured` among `row event`)?
fn is_variant(node: &NodeRef, tag: &str, class: &str) -> bool {
    let own = dom::attr(node, "class");
    let own: Vec<&str> = own.split_whitespace().collect();
    !class.trim().is_empty()
        && dom::tag(node) == tag
        && class.split_whitespace().all(|c| own.contains(&c))
}

/// For each node of `order` (`root`'s descendants in document order): whether it belongs to
/// a run of entries ([`MIN_ENTRY_RUN`], [`MIN_ENTRY_RUN_SHARE`]) or holds one (a list as
/// linked as its entries; the wrappers above it hold other text too and are judged as
/// usual). A table over `order` like the pass's others: a set of ids hashed every lookup. An element's length here is the sum of its text
/// nodes' own lengths (the spaces between them not counted), summed bottom-up in one pass.
fn entry_runs(
    root: &NodeRef,
    order: &[NodeRef],
    positions: &dom::Positions,
    spans: &[Option<dom::TextSpan>],
) -> Vec<bool> {
    let mut chars: Vec<usize> = vec![0; order.len()];
    let sum_children = |node: &NodeRef, chars: &[usize]| -> usize {
        node.children_it(false)
            .map(|c| positions.get(&c.id).map_or(0, |i| chars[i]))
            .sum()
    };
    for (place, node) in order.iter().enumerate().rev() {
        chars[place] = match spans[place] {
            Some(span) => span.chars(),
            None => sum_children(node, &chars),
        };
    }
    let len = |n: &NodeRef| positions.get(&n.id).map_or(0, |i| chars[i]);
    let least = sum_children(root, &chars) as f64 * MIN_ENTRY_RUN_SHARE;
    let mut entries = vec![false; order.len()];
    if least == 0.0 {
        return entries;
    }
    let mut mark = |id: &NodeId| {
        if let Some(i) = positions.get(id) {
            entries[i] = true;
        }
    };
    // Only an element holding at least the run's share can hold such a run: the few
    // elements on the way from the root to the bulk of the text.
    let holders = std::iter::once(root)
        .chain(order.iter())
        .filter(|n| len(n) as f64 >= least);
    for parent in holders {
        let children = parent.element_children();
        let mut runs: HashMap<(String, String), Vec<&NodeRef>> = HashMap::new();
        for child in &children {
            let key = (dom::tag(child), dom::attr(child, "class"));
            runs.entry(key).or_default().push(child);
        }
        for ((tag, class), run) in runs
            .into_iter()
            .filter(|(_, run)| run.len() >= MIN_ENTRY_RUN)
        {
            let held: usize = run.iter().map(|n| len(n)).sum();
            if held as f64 >= least {
                run.iter().for_each(|n| mark(&n.id));
                children
                    .iter()
                    .filter(|c| is_variant(c, &tag, &class))
                    .for_each(|c| mark(&c.id));
                if parent.id != root.id {
                    mark(&parent.id);
                }
            }
        }
    }
    entries
}

/// Does this table, list, `div` or form look like boilerplate inside the article?
fn is_boilerplate_container(node: &NodeRef, t: &Tally, above: Above) -> bool {
    if is_data_table(node) || above.protected || t.data_tables > 0 {
        return false;
    }
    let weight = class_weight(node);
    if weight < 0.0 {
        return true;
    }
    // Prose containers have commas.
    if t.commas >= PROSE_COMMAS {
        return false;
    }
    let counts = t.counts();
    if counts.video_embeds > 0 {
        return false;
    }
    let verdict = fails_content_checks(node, t, weight, &counts, above);
    verdict && !is_list_of_images(node, &counts)
}

/// Element counts below a container.
#[derive(Clone, Copy, Default)]
struct Counts {
    p: usize,
    img: usize,
    li: isize,
    input: usize,
    embeds: usize,
    video_embeds: usize,
}

impl Counts {
    /// Adds `element` itself.
    fn add(&mut self, element: &NodeRef) {
        dom::with_tag(element, |tag| match tag {
            "p" => self.p += 1,
            "img" => self.img += 1,
            "li" => self.li += 1,
            "input" => self.input += 1,
            "object" | "embed" | "iframe" if is_video_embed(element) => self.video_embeds += 1,
            "object" | "embed" | "iframe" => self.embeds += 1,
            _ => {}
        });
    }

    fn sum(&mut self, other: &Counts) {
        self.p += other.p;
        self.img += other.img;
        self.li += other.li;
        self.input += other.input;
        self.embeds += other.embeds;
        self.video_embeds += other.video_embeds;
    }
}

/// List items start this far below zero: a container is a list when its items outnumber
/// its paragraphs by more than this.
const LIST_ITEM_HANDICAP: isize = 100;

/// A node's figures, over its text nodes and the elements below it (not itself).
struct Tally {
    /// Commas of the text nodes.
    commas: usize,
    /// The normalised text ([`dom::inner_text`]): its length and its start.
    words: dom::WordsSpan,
    /// [`dom::text_len`] of the node.
    span: dom::TextSpan,
    /// Elements below, by kind.
    below: Counts,
    /// [`dom::text_len`] of the links below, each weighed by [`dom::link_weight`].
    linked: f64,
    /// [`dom::text_len`] of the headings below, and of the lists.
    headings: usize,
    in_lists: usize,
    /// Data tables below.
    data_tables: usize,
}

impl Tally {
    fn empty() -> Tally {
        Tally {
            commas: 0,
            words: dom::WordsSpan::default(),
            span: dom::TextSpan::EMPTY,
            below: Counts::default(),
            linked: 0.0,
            headings: 0,
            in_lists: 0,
            data_tables: 0,
        }
    }

    /// The node's figures, from its children's (taken out of `tallies`, found by
    /// `positions`); `span` is the node's [`dom::text_span`] (a text node's only).
    fn of(
        node: &NodeRef,
        span: Option<dom::TextSpan>,
        positions: &dom::Positions,
        tallies: &mut [Option<Tally>],
    ) -> Tally {
        if let Some(span) = span
            && let Some(tally) = node.query(|n| Tally::of_text(&n.data, span)).flatten()
        {
            return tally;
        }
        let mut t = Tally::empty();
        for child in node.children_it(false) {
            let taken = positions.get(&child.id).and_then(|i| tallies[i].take());
            if let Some(c) = taken {
                t.add_child(&child, &c);
            }
        }
        t
    }

    fn of_text(data: &dom_query::NodeData, span: dom::TextSpan) -> Option<Tally> {
        let dom_query::NodeData::Text { contents } = data else {
            return None;
        };
        Some(Tally {
            commas: super::scoring::count_commas(contents),
            words: dom::WordsSpan::of_text(contents),
            span,
            ..Tally::empty()
        })
    }

    /// Adds a child: its text, what lies below it, and the child itself.
    fn add_child(&mut self, child: &NodeRef, c: &Tally) {
        self.commas += c.commas;
        self.words = std::mem::take(&mut self.words).then(&c.words);
        self.span = self.span.then(c.span);
        self.below.sum(&c.below);
        self.linked += c.linked;
        self.headings += c.headings;
        self.in_lists += c.in_lists;
        self.data_tables += c.data_tables;
        if !child.is_element() {
            return;
        }
        self.below.add(child);
        let len = c.span.chars();
        if child.has_name("a") {
            self.linked += len as f64 * dom::link_weight(child);
        }
        if dom::is_any(child, &["h1", "h2", "h3", "h4", "h5", "h6"]) {
            self.headings += len;
        }
        if dom::is_any(child, &["ul", "ol"]) {
            self.in_lists += len;
        }
        if is_data_table(child) {
            self.data_tables += 1;
        }
    }

    /// The element counts below, list items handicapped.
    fn counts(&self) -> Counts {
        Counts {
            li: self.below.li - LIST_ITEM_HANDICAP,
            ..self.below
        }
    }

    /// [`dom::link_density`] of the node.
    fn link_density(&self) -> f64 {
        let total = self.span.chars();
        if total == 0 {
            return 0.0;
        }
        self.linked / total as f64
    }

    /// An ad or loading label ([`patterns::is_ad_or_loading_text`]); those are short.
    fn is_ad_or_loading(&self) -> bool {
        self.words
            .short_label()
            .is_some_and(|label| patterns::is_ad_or_loading_text(&label))
    }
}

/// The content checks: too many images for the text, more list items than paragraphs,
/// form inputs, a short linked snippet, heavy linking, or embeds without text.
fn fails_content_checks(node: &NodeRef, t: &Tally, weight: f64, c: &Counts, above: Above) -> bool {
    let in_figure = above.in_figure;
    if t.is_ad_or_loading() {
        return true;
    }
    let length = t.words.chars;
    let is_list = dom::is_any(node, &["ul", "ol"]) || share(t.in_lists, length) > 0.9;
    let density = t.link_density();
    let heading_density = share(t.headings, length);
    (!in_figure && c.img > 1 && (c.p as f64) / (c.img as f64) < 0.5)
        || (!is_list && c.li > c.p as isize)
        || (c.input > c.p / 3)
        || (!is_list
            && !in_figure
            && heading_density < 0.9
            && length < 25
            && (c.img == 0 || c.img > 2)
            && density > 0.0)
        || (!is_list && !above.entry && weight < 25.0 && density > 0.2)
        || (weight >= 25.0 && density > 0.5)
        || (c.embeds == 1 && length < 75)
        || c.embeds > 1
}

/// `part` of `total` characters (0 for no text): the share of the text in lists (over 90 %:
/// mostly lists) or in headings.
fn share(part: usize, total: usize) -> f64 {
    if total == 0 {
        return 0.0;
    }
    part as f64 / total as f64
}

/// A gallery: a list whose items each hold one thing, as many images as items.
fn is_list_of_images(node: &NodeRef, c: &Counts) -> bool {
    if !dom::is_any(node, &["ul", "ol"]) {
        return false;
    }
    let items = node.element_children();
    if items.iter().any(|item| item.element_children().len() > 1) {
        return false;
    }
    c.img as isize == c.li + 100
}

/// Marks tables that hold data (headers, captions, many cells) so that conditional
/// cleaning keeps them; layout tables are judged like any container.
fn mark_data_tables(root: &NodeRef) {
    for table in dom::descendants_named(root, "table") {
        if holds_data(&table) {
            table.set_attr(DATA_TABLE_ATTR, "");
        }
    }
}

fn holds_data(table: &NodeRef) -> bool {
    if dom::attr(table, "role") == "presentation" || dom::attr(table, "datatable") == "0" {
        return false;
    }
    if table.has_attr("summary") {
        return true;
    }
    if table
        .element_children()
        .iter()
        .any(|c| c.has_name("caption") && c.first_child().is_some())
    {
        return true;
    }
    let descendants: Vec<NodeRef> = table.descendants_it().filter(|d| d.is_element()).collect();
    if descendants
        .iter()
        .any(|d| dom::is_any(d, &["col", "colgroup", "tfoot", "thead", "th"]))
    {
        return true;
    }
    if descendants.iter().any(|d| d.has_name("table")) {
        return false;
    }
    let (rows, columns) = table_size(&descendants);
    if rows >= 10 || columns > 4 {
        return true;
    }
    rows * columns > 10
}

/// Rows (with `rowspan`) and the widest row's cells (with `colspan`).
fn table_size(descendants: &[NodeRef]) -> (usize, usize) {
    let span = |n: &NodeRef, name: &str| {
        dom::attr(n, name)
            .trim()
            .parse::<usize>()
            .unwrap_or(1)
            .max(1)
    };
    let mut rows = 0;
    let mut columns = 0;
    for row in descendants.iter().filter(|d| d.has_name("tr")) {
        rows += span(row, "rowspan");
        let cells: usize = row
            .element_children()
            .iter()
            .filter(|c| dom::is_any(c, &["td", "th"]))
            .map(|c| span(c, "colspan"))
            .sum();
        columns = columns.max(cells);
    }
    (rows, columns)
}

/// Paragraphs with no text and no media.
fn remove_empty_paragraphs(root: &NodeRef) {
    for p in dom::descendants_named(root, "p") {
        let has_media = p.descendants_it().any(|d| {
            dom::is_any(
                &d,
                &["img", "embed", "object", "iframe", "picture", "video"],
            )
        });
        // Read only until a character shows (paragraphs are long; most have one at once).
        if !has_media && !dom::text_len_over(&p, 0) {
            p.remove_from_parent();
        }
    }
}

/// A `<br>` right before a paragraph adds nothing.
fn remove_breaks_before_paragraphs(root: &NodeRef) {
    for br in dom::descendants_named(root, "br") {
        let mut next = br.next_sibling();
        while let Some(n) = next.filter(|n| n.is_text() && !n.is_nonempty_text()) {
            next = n.next_sibling();
        }
        if next.is_some_and(|n| n.has_name("p")) {
            br.remove_from_parent();
        }
    }
}

/// A table with one row of one cell is layout: its cell's content replaces it.
fn unwrap_single_cell_tables(root: &NodeRef) {
    for table in dom::descendants_named(root, "table") {
        let Some(cell) = single_cell(&table) else {
            continue;
        };
        let all_phrasing = cell.children_it(false).all(|c| dom::is_phrasing(&c));
        cell.rename(if all_phrasing { "p" } else { "div" });
        table.insert_before(&cell);
        table.remove_from_parent();
    }
}

fn single_cell<'a>(table: &NodeRef<'a>) -> Option<NodeRef<'a>> {
    let mut container = *table;
    if let Some(tbody) = dom::single_child_named(table, "tbody") {
        container = tbody;
    }
    let row = dom::single_child_named(&container, "tr")?;
    dom::single_child_named(&row, "td")
}

#[cfg(test)]
mod tests {
    use super::*;
    use dom_query::Document;

    const STRICT: Flags = Flags {
        strip_unlikely: true,
        weigh_classes: true,
        clean_conditionally: true,
    };

    /// An article of `lead` then four entries, each a linked title and a short summary
    /// (link density over 0.2), the first marked as featured, cleaned; the titles left.
    fn entries_left(lead: &str) -> usize {
        let entries: String = ["templates", "triggers", "runners", "steps"]
            .iter()
            .enumerate()
            .map(|(i, t)| {
                // The first entry is featured: a variant of the others' class.
                let class = if i == 0 { "x featured" } else { "x" };
                format!(
                    "<div class='{class}'><h2><a href=/docs/{t}>Choosing workflow {t}</a></h2>\
                     <p>You can configure the {t} of a run.</p></div>"
                )
            })
            .collect();
        let doc = Document::from(format!(
            "<div id=article><p>{lead}</p><div class=list>{entries}</div></div>"
        ));
        let root = doc.select("#article").nodes()[0];
        clean_candidate(&root, STRICT);
        dom::inner_text(&root).matches("Choosing workflow").count()
    }

    #[test]
    fn entries_making_up_the_article_stay() {
        assert_eq!(entries_left("Workflows automate tasks."), 4);
    }

    #[test]
    fn entries_beside_a_longer_text_go() {
        let lead = "The council approved the budget on Tuesday after a long debate. ".repeat(8);
        assert_eq!(entries_left(&lead), 0);
    }

    /// The text of `html`'s `#a` after [`separate_glued_words`].
    fn separated(html: &str) -> String {
        let doc = Document::from(format!("<div id=a>{html}</div>"));
        let root = doc.select("#a").nodes()[0];
        separate_glued_words(&root);
        root.text().to_string()
    }

    #[test]
    fn icon_glyphs_are_found_by_their_lead_bytes() {
        for (text, holds) in [
            ("plain", false),
            ("\u{E000} search", true),
            ("menu \u{F8FF}", true),
            ("\u{F900}\u{FFFD}\u{D7FF}", false),
            ("\u{EFFF}", true),
            ("", false),
        ] {
            assert_eq!(holds_icon_glyph(text), holds, "{text:?}");
        }
    }

    #[test]
    fn glued_words_of_sibling_spans_are_separated() {
        // A card's brand and name, styled apart; filter labels.
        assert_eq!(
            separated("<a><span>HOKA</span><span>Clifton 10</span></a>"),
            "HOKA Clifton 10"
        );
        assert_eq!(
            separated("<label>Cotton</label><label>Merino Wool</label>"),
            "Cotton Merino Wool"
        );
    }

    #[test]
    fn joined_spans_that_are_one_word_stay_joined() {
        // A drop cap, a highlighted identifier in code, a number and its unit, different tags.
        assert_eq!(
            separated("<span>T</span><span>he story</span>"),
            "The story"
        );
        assert_eq!(
            separated("<code><span>get</span><span>Element</span></code>"),
            "getElement"
        );
        assert_eq!(separated("<span>10</span><span>px</span>"), "10px");
        assert_eq!(separated("<b>i</b><span>Phone</span>"), "iPhone");
        assert_eq!(
            separated("<span>end. </span><span>Next</span>"),
            "end. Next"
        );
    }
}
