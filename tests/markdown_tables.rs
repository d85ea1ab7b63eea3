//! Golden tests for the table shapes of issue 10: a Wikipedia list (row-header `th`, links
//! in italics, `<br>` in a cell, a pipe in the text, a caption), a table with real spans
//! (minimal HTML), layout tables (unwrapped), and code in cells. Each
//! `tests/fixtures/tables/NAME.html` must give exactly `NAME.md`; the Markdown, rendered by
//! pulldown-cmark, must keep every word of the HTML's text. `UPDATE_GOLDEN=1` rewrites the
//! `.md` files (then review the diff). The same shapes on real corpus pages, through the
//! whole extraction: `tests/markdown_pages.rs`.

use std::path::{Path, PathBuf};

use dom_query::Document;
use pulldown_cmark::{Event, Options, Parser, Tag};
use readmark::{html_to_text, to_markdown};

fn dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/tables")
}

/// The fixture's Markdown, checked against its golden file.
fn golden(name: &str) -> String {
    let html = std::fs::read_to_string(dir().join(format!("{name}.html")))
        .unwrap_or_else(|e| panic!("{name}.html: {e}"));
    let out = to_markdown(&Document::fragment(html.as_str()).root());
    let path = dir().join(format!("{name}.md"));
    if std::env::var_os("UPDATE_GOLDEN").is_some() {
        std::fs::write(&path, &out).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    }
    let want = std::fs::read_to_string(&path)
        .unwrap_or_else(|e| panic!("{}: {e} (UPDATE_GOLDEN=1 writes it)", path.display()));
    assert_eq!(
        out,
        want,
        "{name}: Markdown differs from {}",
        path.display()
    );
    let words = |s: &str| {
        readmark_tools::eval::tokenize(s)
            .into_iter()
            .map(str::to_string)
            .collect::<Vec<_>>()
    };
    assert_eq!(
        words(&html_to_text(&readmark::render_markdown(&out))),
        words(&html_to_text(&html)),
        "{name}: words lost"
    );
    out
}

fn count(markdown: &str, pred: impl Fn(&Event) -> bool) -> usize {
    Parser::new_ext(markdown, Options::ENABLE_TABLES)
        .filter(|e| pred(e))
        .count()
}

fn is_table(e: &Event) -> bool {
    matches!(e, Event::Start(Tag::Table(_)))
}

#[test]
fn wikipedia_list_is_a_pipe_table_with_bold_row_headers() {
    let out = golden("wikipedia-list");
    assert_eq!(count(&out, is_table), 1);
    assert_eq!(
        count(&out, |e| matches!(e, Event::Start(Tag::TableRow))),
        3,
        "header row + 3 rows: {out}"
    );
    assert!(
        out.contains(
            "| ***[Castle in the Sky](/wiki/Castle_in_the_Sky \"Castle in the Sky\")*** |"
        ),
        "{out}"
    );
    assert!(out.contains("Director<br> Writer"), "{out}");
    assert!(!out.contains("<th") && !out.contains("<i>"), "{out}");
}

#[test]
fn table_with_spans_is_minimal_html() {
    let out = golden("spans");
    assert_eq!(count(&out, is_table), 0);
    assert!(
        out.starts_with(
            "<table>\n<tr><th rowspan=\"2\">Region</th><th colspan=\"2\">Population</th></tr>"
        ),
        "{out}"
    );
    for gone in ["style", "class", "href", "<img", "<p>"] {
        assert!(!out.contains(gone), "{gone} kept: {out}");
    }
}

#[test]
fn layout_tables_are_unwrapped() {
    let out = golden("layout");
    assert_eq!(count(&out, is_table), 0);
    assert!(!out.contains('|') && !out.contains("<t"), "{out}");
    assert!(
        out.contains(
            "## Getting started\n\nInstall the package.\n\nThen run it.\n\n### Related\n\n- [Guide]"
        ),
        "{out}"
    );
}

#[test]
fn code_in_cells_stays_code() {
    let out = golden("code-in-cell");
    assert_eq!(count(&out, is_table), 1);
    let codes: Vec<String> = Parser::new_ext(&out, Options::ENABLE_TABLES)
        .filter_map(|e| match e {
            Event::Code(c) => Some(c.to_string()),
            _ => None,
        })
        .collect();
    assert!(
        codes.contains(&"readmark extract page.html | wc -l".to_string()),
        "{codes:?}"
    );
    assert!(
        codes.contains(&"--url https://example.org/".to_string()),
        "{codes:?}"
    );
}

/// Words of `s`, for comparing an HTML table's text with its Markdown's.
fn table_words(s: &str) -> Vec<String> {
    readmark_tools::eval::tokenize(s)
        .into_iter()
        .map(str::to_string)
        .collect()
}

/// Issue 12: a pipe table pads every row to the widest one, so a ragged table (one very wide
/// row over many short ones, or a full-width `colspan` over two-cell rows) grew as rows ×
/// columns. Past a grid budget it is minimal HTML, whose size follows its source; a table
/// only slightly ragged (a summary row) stays a pipe table.
#[test]
fn very_wide_tables_stay_proportional_to_their_source() {
    let width = 2_000;
    let wide_row = format!("<tr>{}</tr>", "<td>w</td>".repeat(width));
    let ragged = format!(
        "<table>{wide_row}{}</table>",
        "<tr><td>s</td></tr>".repeat(width)
    );
    let spanned = format!(
        "<table><tr><td colspan=\"1000\">title</td></tr>{}</table>",
        "<tr><td>a</td><td>b</td></tr>".repeat(width)
    );
    for html in [ragged, spanned] {
        let out = to_markdown(&Document::fragment(html.as_str()).root());
        // Before the budget: 12 MB from the first, 6 MB from the second.
        assert!(
            out.len() <= 2 * html.len(),
            "{} bytes of Markdown from {} of HTML",
            out.len(),
            html.len()
        );
        assert_eq!(count(&out, is_table), 0, "not a pipe table");
        assert_eq!(
            table_words(&html_to_text(&readmark::render_markdown(&out))),
            table_words(&html_to_text(&html))
        );
    }
    let summary = format!(
        "<table><tr><th>a</th><th>b</th><th>c</th></tr>{}<tr><td>total</td></tr></table>",
        "<tr><td>1</td><td>2</td><td>3</td></tr>".repeat(30)
    );
    let out = to_markdown(&Document::fragment(summary.as_str()).root());
    assert_eq!(count(&out, is_table), 1, "{out}");
}
