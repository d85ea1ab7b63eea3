//! Clean the article.
//!
//! Two steps. [`clean_candidate`] runs inside every attempt of the article finder (its
//! result decides whether the attempt is long enough): forms, embeds, share bars, buttons
//! and boilerplate-looking tables, lists and `div`s go — a container is judged on its
//! link density, image/paragraph/list-item counts, class weight and commas, and data
//! tables, code and lists of images are protected. [`clean`] then finishes the winner:
//! furniture blocks go ([`super::boilerplate`]), images get their real sources and every
//! URL becomes absolute.

use dom_query::NodeRef;
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

/// Removes boilerplate from a candidate article (one attempt of the finder).
pub fn clean_candidate(root: &NodeRef, flags: Flags) {
    mark_data_tables(root);
    super::media::fix_lazy_images(root);
    if flags.clean_conditionally {
        remove_conditionally(root, &["form", "fieldset"]);
    }
    remove_share_elements(root);
    remove_tags(root, ALWAYS_REMOVED);
    remove_negative_headers(root, flags.weigh_classes);
    if flags.clean_conditionally {
        remove_conditionally(root, &["table", "ul", "div"]);
    }
    for h1 in dom::descendants_named(root, "h1") {
        h1.rename("h2");
    }
    remove_empty_paragraphs(root);
    remove_breaks_before_paragraphs(root);
    unwrap_single_cell_tables(root);
}

/// Finishes the chosen article: furniture out, real image sources, absolute URLs (against
/// the document's base; in-page `#fragment` links against the page itself).
pub fn clean(root: &NodeRef, meta: &Metadata, base: &Url, page_url: &Url) {
    super::boilerplate::remove(root, meta);
    super::media::fix_lazy_images(root);
    super::media::absolutize_urls_for_page(root, base, page_url);
    remove_icon_glyphs(root);
}

/// Unicode's private use area (BMP): where icon fonts put their glyphs (a magnifier, an
/// arrow, a logo). Without the font they are boxes, never text.
const ICON_GLYPHS: std::ops::RangeInclusive<char> = '\u{E000}'..='\u{F8FF}';

/// Removes icon-font glyphs from the article's text.
fn remove_icon_glyphs(root: &NodeRef) {
    let glyphed: Vec<NodeRef> = root
        .descendants_it()
        .filter(|n| n.is_text() && n.text().chars().any(|c| ICON_GLYPHS.contains(&c)))
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
        .filter(|n| patterns::is_share(&dom::class_and_id(n)) && dom::text_len(n) < SHARE_MAX_CHARS)
        .collect();
    for node in doomed {
        node.remove_from_parent();
    }
}

/// `h1`/`h2` whose class or id is negative (e.g. "comments-title").
fn remove_negative_headers(root: &NodeRef, weigh_classes: bool) {
    if !weigh_classes {
        return;
    }
    let doomed: Vec<NodeRef> = root
        .descendants_it()
        .filter(|n| dom::is_any(n, &["h1", "h2"]) && class_weight(n) < 0.0)
        .collect();
    for node in doomed {
        node.remove_from_parent();
    }
}

/// Judges every container named in `tags`, innermost (last in document order) first.
fn remove_conditionally(root: &NodeRef, tags: &[&str]) {
    debug_assert!(tags.iter().all(|t| CONDITIONAL.contains(t)));
    let candidates: Vec<NodeRef> = root
        .descendants_it()
        .filter(|n| dom::is_any(n, tags))
        .collect();
    for node in candidates.into_iter().rev() {
        if is_boilerplate_container(&node) {
            node.remove_from_parent();
        }
    }
}

/// The attribute the data-table pass leaves on tables that hold data, not layout.
const DATA_TABLE_ATTR: &str = "data-rm-table";

fn is_data_table(node: &NodeRef) -> bool {
    node.has_name("table") && node.has_attr(DATA_TABLE_ATTR)
}

/// Does this table, list, `div` or form look like boilerplate inside the article?
fn is_boilerplate_container(node: &NodeRef) -> bool {
    if is_data_table(node) || dom::has_ancestor(node, |a| is_data_table(a) || a.has_name("code")) {
        return false;
    }
    if node.descendants_it().any(|d| is_data_table(&d)) {
        return false;
    }
    let weight = class_weight(node);
    if weight < 0.0 {
        return true;
    }
    // Commas are counted in the text nodes, only until there are enough: prose containers
    // are long, and their text is not needed.
    if dom::text_count_reaches(node, PROSE_COMMAS, super::scoring::count_commas) {
        return false;
    }
    let text = dom::inner_text(node);
    let counts = Counts::of(node);
    if counts.video_embeds > 0 {
        return false;
    }
    let verdict = fails_content_checks(node, &text, weight, &counts);
    verdict && !is_list_of_images(node, &counts)
}

/// Element counts below a container.
struct Counts {
    p: usize,
    img: usize,
    li: isize,
    input: usize,
    embeds: usize,
    video_embeds: usize,
}

impl Counts {
    fn of(node: &NodeRef) -> Counts {
        let mut c = Counts {
            p: 0,
            img: 0,
            li: -100,
            input: 0,
            embeds: 0,
            video_embeds: 0,
        };
        for d in node.descendants_it().filter(|d| d.is_element()) {
            dom::with_tag(&d, |tag| match tag {
                "p" => c.p += 1,
                "img" => c.img += 1,
                "li" => c.li += 1,
                "input" => c.input += 1,
                "object" | "embed" | "iframe" if is_video_embed(&d) => c.video_embeds += 1,
                "object" | "embed" | "iframe" => c.embeds += 1,
                _ => {}
            });
        }
        c
    }
}

/// The content checks: too many images for the text, more list items than paragraphs,
/// form inputs, a short linked snippet, heavy linking, or embeds without text.
fn fails_content_checks(node: &NodeRef, text: &str, weight: f64, c: &Counts) -> bool {
    if patterns::is_ad_or_loading_text(text) {
        return true;
    }
    let is_list = dom::is_any(node, &["ul", "ol"]) || mostly_lists(node, text);
    let in_figure = dom::has_ancestor_named(node, "figure", 0);
    let length = text.chars().count();
    let density = dom::link_density(node);
    let heading_density = heading_text_share(node, length);
    (!in_figure && c.img > 1 && (c.p as f64) / (c.img as f64) < 0.5)
        || (!is_list && c.li > c.p as isize)
        || (c.input > c.p / 3)
        || (!is_list
            && !in_figure
            && heading_density < 0.9
            && length < 25
            && (c.img == 0 || c.img > 2)
            && density > 0.0)
        || (!is_list && weight < 25.0 && density > 0.2)
        || (weight >= 25.0 && density > 0.5)
        || (c.embeds == 1 && length < 75)
        || c.embeds > 1
}

/// More than 90 % of the text sits in lists.
fn mostly_lists(node: &NodeRef, text: &str) -> bool {
    let total = text.chars().count();
    if total == 0 {
        return false;
    }
    let in_lists: usize = node
        .descendants_it()
        .filter(|d| dom::is_any(d, &["ul", "ol"]))
        .map(|l| dom::text_len(&l))
        .sum();
    in_lists as f64 / total as f64 > 0.9
}

/// Share of the text inside headings.
fn heading_text_share(node: &NodeRef, total: usize) -> f64 {
    if total == 0 {
        return 0.0;
    }
    let headings: usize = node
        .descendants_it()
        .filter(|d| dom::is_any(d, &["h1", "h2", "h3", "h4", "h5", "h6"]))
        .map(|h| dom::text_len(&h))
        .sum();
    headings as f64 / total as f64
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
        if !has_media && dom::text_len(&p) == 0 {
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
