//! Tables. Layout tables (one column, one row, or a cell holding a whole section: a
//! heading, a table, several paragraphs) become their cells' blocks. Tables without a real
//! span (a `rowspan`, or a `colspan` that does not cover a whole row) become GFM pipe
//! tables: the header from `thead` or the first row, row-header `th` cells in bold, the
//! cell's lines (its `<br>`, paragraphs, list items, code lines) joined by `<br>`, pipes
//! escaped. A table too ragged for a pipe table (its grid, every row padded to the widest,
//! out of proportion to its cells: [`MAX_GRID_PER_CELL`]) is minimal HTML too, so that the
//! Markdown's size stays linear in the page's. The rest become minimal raw HTML (structure, `colspan`/`rowspan`, a few
//! formatting tags; text HTML-escaped), written without blank lines so that CommonMark
//! keeps it one HTML block.

use dom_query::NodeRef;

use super::Ctx;
use super::block::blocks;
use super::escape::html_escape;
use super::inline::{Kind, Mode};
use super::math::math_of;
use crate::dom::{attr, is_any, normalize_space};
use crate::text::{is_block, is_skipped, is_space, text_of};

/// Largest `colspan`/`rowspan` kept (HTML itself caps colspan at 1000).
const MAX_SPAN: u32 = 1000;

/// Tags kept, without attributes, inside an HTML table: line breaks, lists, code, and the
/// small formatting Markdown itself writes as HTML. Other block elements become `<br>`
/// line breaks, other inline elements (links, emphasis) their text, images nothing: the
/// table stays readable as source, with no markup beyond what its spans need.
const KEPT_TAGS: &[&str] = &["br", "ul", "ol", "li", "pre", "code", "sub", "sup"];

/// A line break inside an HTML table cell.
const HTML_BREAK: &str = "<br>";

/// A cell holding at least this many paragraphs, lists, quotes or code blocks holds a whole
/// section: its table is page layout, not data.
const LAYOUT_BLOCKS: usize = 3;

/// Elements that make a cell a section of its own (its table is layout).
const SECTION_TAGS: &[&str] = &["h1", "h2", "h3", "h4", "h5", "h6", "table"];

/// Block elements counted toward [`LAYOUT_BLOCKS`].
const PARAGRAPH_TAGS: &[&str] = &["p", "ul", "ol", "dl", "pre", "blockquote", "figure"];

/// A pipe table writes every row out to the widest row's width, so its size is rows ×
/// columns, whatever the cells hold: a ragged table (one very wide row among many short
/// ones, or a `colspan="1000"` over two-cell rows) would pad out to far more than its
/// source. A pipe table's grid may hold at most this many cells per real cell element
/// (real tables pad a few summary rows: well under 2); a table past it is written as
/// minimal HTML, whose size follows its source.
const MAX_GRID_PER_CELL: usize = 4;

/// Grids this small are always pipe tables (a caption row over a small table pads more
/// than [`MAX_GRID_PER_CELL`] allows, and its size is bounded anyway).
const SMALL_GRID: usize = 64;

/// The parts of a table: optional caption and rows of cells.
struct Parts<'a> {
    caption: Option<NodeRef<'a>>,
    /// The caption comes after the first row in the source (text order follows it).
    caption_last: bool,
    /// Rows of cells; the header rows (from `thead`) come first.
    rows: Vec<Vec<NodeRef<'a>>>,
}

/// How a table is written.
#[derive(Debug, PartialEq, Eq)]
enum Shape {
    /// Page layout (one column, one row, or cells holding whole sections): its cells'
    /// blocks, in order.
    Layout,
    /// A GFM pipe table.
    Pipe,
    /// Minimal HTML: a span GFM cannot express.
    Html,
}

/// The blocks of a `table` element.
pub(crate) fn table(ctx: &Ctx, node: &NodeRef) -> Vec<String> {
    let parts = parts(node);
    let caption = parts.caption.map(|c| blocks(ctx, &c)).unwrap_or_default();
    let mut out = if parts.caption_last {
        Vec::new()
    } else {
        caption.clone()
    };
    let cols = parts.rows.iter().map(|r| row_width(r)).max().unwrap_or(0);
    if cols == 0 {
        return caption;
    }
    match shape(&parts, cols) {
        Shape::Html => {
            let mut html = String::new();
            html_table(node, &mut html);
            return vec![html];
        }
        Shape::Layout => {
            for cell in parts.rows.iter().flatten() {
                out.extend(blocks(ctx, cell));
            }
        }
        Shape::Pipe => out.push(pipe_table(ctx, &parts.rows, cols)),
    }
    if parts.caption_last {
        out.extend(caption);
    }
    out
}

/// Is `node` a `table` written as minimal HTML? Markdown inside it (a footnote reference,
/// say) is not read as Markdown.
pub(crate) fn is_html_table(node: &NodeRef) -> bool {
    if !node.has_name("table") {
        return false;
    }
    let parts = parts(node);
    let cols = parts.rows.iter().map(|r| row_width(r)).max().unwrap_or(0);
    cols > 0 && shape(&parts, cols) == Shape::Html
}

/// Layout when one column, one row or a section-holding cell; HTML when a span is real or
/// the grid is too ragged for a pipe table ([`MAX_GRID_PER_CELL`]); else a pipe table.
fn shape(parts: &Parts, cols: usize) -> Shape {
    let cells = || parts.rows.iter().flatten();
    if cols == 1 || parts.rows.len() == 1 || cells().any(holds_section) {
        return Shape::Layout;
    }
    let real_span = parts.rows.iter().any(|row| {
        let full_width = row.len() == 1;
        row.iter()
            .any(|c| span(c, "rowspan") > 1 || (span(c, "colspan") > 1 && !full_width))
    });
    if real_span || too_ragged(parts, cols) {
        Shape::Html
    } else {
        Shape::Pipe
    }
}

/// Would the pipe table's padded grid be out of proportion to the cells the table has?
fn too_ragged(parts: &Parts, cols: usize) -> bool {
    let cells: usize = parts.rows.iter().map(Vec::len).sum();
    let grid = parts.rows.len().saturating_mul(cols);
    grid > SMALL_GRID && grid > cells.saturating_mul(MAX_GRID_PER_CELL)
}

/// The number of grid columns a row covers.
fn row_width(row: &[NodeRef]) -> usize {
    row.iter().map(|c| span(c, "colspan") as usize).sum()
}

/// Does this cell hold a section (a heading, a table, or several paragraphs)?
fn holds_section(cell: &NodeRef) -> bool {
    let mut paragraphs = 0;
    for node in cell.descendants_it().filter(|n| n.is_element()) {
        if is_skipped(&node) {
            continue;
        }
        if is_any(&node, SECTION_TAGS) {
            return true;
        }
        if is_any(&node, PARAGRAPH_TAGS) {
            paragraphs += 1;
        }
    }
    paragraphs >= LAYOUT_BLOCKS
}

/// Caption and rows, looking through `thead`/`tbody`/`tfoot` but not into nested tables;
/// `thead` rows first, wherever the source put them.
fn parts<'a>(table: &NodeRef<'a>) -> Parts<'a> {
    let mut parts = Parts {
        caption: None,
        caption_last: false,
        rows: Vec::new(),
    };
    let mut head = Vec::new();
    for child in table
        .children_it(false)
        .filter(|c| !is_skipped(c) && c.is_element())
    {
        if child.has_name("caption") {
            parts.caption_last =
                parts.caption.is_none() && !(parts.rows.is_empty() && head.is_empty());
            parts.caption.get_or_insert(child);
        } else if child.has_name("tr") {
            parts.rows.push(cells(&child));
        } else if is_any(&child, &["thead", "tbody", "tfoot"]) {
            let rows = child
                .children_it(false)
                .filter(|r| r.has_name("tr") && !is_skipped(r))
                .map(|r| cells(&r));
            if child.has_name("thead") && head.is_empty() && parts.rows.is_empty() {
                head.extend(rows);
            } else {
                parts.rows.extend(rows);
            }
        }
    }
    head.append(&mut parts.rows);
    parts.rows = head;
    parts.rows.retain(|r| !r.is_empty());
    parts
}

fn cells<'a>(row: &NodeRef<'a>) -> Vec<NodeRef<'a>> {
    row.children_it(false)
        .filter(|c| is_any(c, &["td", "th"]) && !is_skipped(c))
        .collect()
}

/// A span attribute's value, 1 when absent or invalid.
fn span(cell: &NodeRef, name: &str) -> u32 {
    attr(cell, name)
        .trim()
        .parse::<u32>()
        .unwrap_or(1)
        .clamp(1, MAX_SPAN)
}

/// A GFM pipe table; the first row is the header, short rows are padded, `th` cells of
/// the other rows (row headers) are bold.
fn pipe_table(ctx: &Ctx, rows: &[Vec<NodeRef>], cols: usize) -> String {
    let mut lines = Vec::with_capacity(rows.len() + 1);
    for (i, row) in rows.iter().enumerate() {
        let mut texts: Vec<String> = row.iter().map(|c| cell_markdown(ctx, c, i > 0)).collect();
        texts.resize(cols, String::new());
        lines.push(format!("| {} |", texts.join(" | ")));
        if i == 0 {
            lines.push(format!("|{}", " --- |".repeat(cols)));
        }
    }
    lines.join("\n")
}

/// One cell's content on one line; a row header (`th` outside the header row) in bold.
fn cell_markdown(ctx: &Ctx, cell: &NodeRef, body_row: bool) -> String {
    let mut run = ctx.inline(Mode::Cell);
    if body_row && cell.has_name("th") {
        run.wrapped(ctx, cell, Kind::Strong);
    } else {
        run.children(ctx, cell);
    }
    run.finish()
}

/// Minimal HTML for a table GFM cannot express.
fn html_table(table: &NodeRef, out: &mut String) {
    let parts = parts(table);
    out.push_str("<table>\n");
    if !parts.caption_last {
        html_caption(parts.caption.as_ref(), out);
    }
    for row in &parts.rows {
        out.push_str("<tr>");
        for cell in row {
            let tag = if cell.has_name("th") { "th" } else { "td" };
            out.push('<');
            out.push_str(tag);
            for name in ["colspan", "rowspan"] {
                let n = span(cell, name);
                if n > 1 {
                    out.push_str(&format!(" {name}=\"{n}\""));
                }
            }
            out.push('>');
            let mut content = String::new();
            html_content(cell, false, &mut content);
            out.push_str(trim_breaks(&content));
            out.push_str(&format!("</{tag}>"));
        }
        out.push_str("</tr>\n");
    }
    if parts.caption_last {
        html_caption(parts.caption.as_ref(), out);
    }
    out.push_str("</table>");
}

fn html_caption(caption: Option<&NodeRef>, out: &mut String) {
    if let Some(caption) = caption {
        let mut content = String::new();
        html_content(caption, false, &mut content);
        out.push_str("<caption>");
        out.push_str(trim_breaks(&content));
        out.push_str("</caption>\n");
    }
}

/// Cell content without line breaks (or spaces) at either end.
fn trim_breaks(mut s: &str) -> &str {
    loop {
        let t = s.trim();
        let t = t.strip_prefix(HTML_BREAK).unwrap_or(t);
        let t = t.strip_suffix(HTML_BREAK).unwrap_or(t);
        if t.len() == s.len() {
            return t;
        }
        s = t;
    }
}

/// A line break, unless the content just broke the line.
fn html_break(out: &mut String) {
    if !out.trim_end().ends_with(HTML_BREAK) {
        out.push_str(HTML_BREAK);
    }
}

/// The children of `node` as minimal HTML, on one line (`pre` line breaks as `&#10;`).
fn html_content(node: &NodeRef, pre: bool, out: &mut String) {
    for child in node.children_it(false) {
        if let Some(text) = text_of(&child) {
            out.push_str(&html_text(&text, pre));
        } else if !child.is_element() || is_skipped(&child) {
        } else if let Some(math) = math_of(&child) {
            let (open, close) = if math.display {
                ("<div>", "</div>")
            } else {
                ("", "")
            };
            out.push_str(&format!("{open}{}{close}", html_escape(&math.tex)));
        } else if child.has_name("table") {
            html_table(&child, out);
        } else {
            html_element(&child, pre, out);
        }
    }
}

fn html_text(text: &str, pre: bool) -> String {
    if pre {
        return html_escape(text).replace('\n', "&#10;").replace('\r', "");
    }
    let mut s = String::new();
    if text.starts_with(is_space) {
        s.push(' ');
    }
    let words = normalize_space(text);
    s.push_str(&words);
    if text.ends_with(is_space) && !words.is_empty() {
        s.push(' ');
    }
    html_escape(&s)
}

fn html_element(node: &NodeRef, pre: bool, out: &mut String) {
    let Some(tag) = super::tag_in(node, KEPT_TAGS) else {
        let block = is_block(node) || node.has_name("hr");
        if block {
            html_break(out);
        }
        if !node.has_name("img") {
            html_content(node, pre, out);
        }
        if block {
            html_break(out);
        }
        return;
    };
    out.push('<');
    out.push_str(tag);
    out.push('>');
    if tag == "br" {
        return;
    }
    html_content(node, pre || tag == "pre", out);
    out.push_str("</");
    out.push_str(tag);
    out.push('>');
}
