//! Golden tests on real corpus pages, through the whole extraction: the table shapes of
//! issue 10 and MediaWiki's footnotes, each as the Markdown a user gets from the page.
//!
//! * a Wikipedia list (Readability `wikipedia-4`, time-loop films: row-header `th` cells
//!   holding italic links) is a pipe table with bold row headers;
//! * a table with a real span (WCXB `4114`, a training plan whose last row spans the seven
//!   day columns but not the row header) is minimal HTML, spans its only attributes;
//! * a layout table (Readability `table-style-attributes`, an essay laid out in one cell)
//!   is unwrapped into paragraphs and a list;
//! * code in cells (WCXB `2879`, the Arch Wiki's systemd commands) stays code spans in a
//!   pipe table;
//! * notes cited from several places (Readability `wikipedia-2`, "^ a b c") show their back
//!   letters as plain text on the definition's label line, and notes not cited from the
//!   Markdown (WCXB `2905`: their citations are in the laureates' table, written as HTML
//!   for its spans, where Markdown is not read) keep "^ a b c" as plain text in the page's
//!   list of notes.
//!
//! Each part must equal `tests/fixtures/pages/NAME.md`; `UPDATE_GOLDEN=1` rewrites the files
//! (then review the diff: a change in extraction shows here as well as in the Markdown).

use std::path::{Path, PathBuf};

use pulldown_cmark::{Event, Options, Parser, Tag};

fn repo() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).to_path_buf()
}

/// The article Markdown (body) of a corpus page, as `readmark extract --body-only` gives it.
fn page_markdown(page: &str, url: &str) -> String {
    let path = repo().join("tests/corpus").join(page);
    let bytes = std::fs::read(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let bytes = if page.ends_with(".gz") {
        let mut out = Vec::new();
        let mut decoder = flate2::read::GzDecoder::new(bytes.as_slice());
        std::io::Read::read_to_end(&mut decoder, &mut out)
            .unwrap_or_else(|e| panic!("{page}: {e}"));
        out
    } else {
        bytes
    };
    let html = String::from_utf8_lossy(&bytes);
    match readmark::extract_html(&html, url, &Default::default()) {
        Ok(article) => article.markdown,
        Err(e) => panic!("{page}: {e}"),
    }
}

const READABILITY_URL: &str = "http://fakehost/test/page.html";
const WCXB_URL: &str = "https://example.com/a/b";

/// `out` checked against its golden file.
fn golden(name: &str, out: &str) {
    let path = repo().join(format!("tests/fixtures/pages/{name}.md"));
    if std::env::var_os("UPDATE_GOLDEN").is_some() {
        std::fs::write(&path, out).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    }
    let want = std::fs::read_to_string(&path)
        .unwrap_or_else(|e| panic!("{}: {e} (UPDATE_GOLDEN=1 writes it)", path.display()));
    assert_eq!(
        out,
        want,
        "{name}: Markdown differs from {}",
        path.display()
    );
}

/// The blocks (separated by blank lines) of `markdown`.
fn blocks(markdown: &str) -> Vec<&str> {
    markdown.split("\n\n").collect()
}

/// The `n`-th block that is a table (a pipe table or an HTML one), with a final newline.
fn table_block(markdown: &str, n: usize) -> String {
    let tables: Vec<&str> = blocks(markdown)
        .into_iter()
        .filter(|b| b.starts_with('|') || b.starts_with("<table>"))
        .collect();
    match tables.get(n) {
        Some(t) => format!("{t}\n"),
        None => panic!("no table {n} in:\n{markdown}"),
    }
}

fn events(markdown: &str) -> Vec<Event<'_>> {
    Parser::new_ext(
        markdown,
        Options::ENABLE_TABLES | Options::ENABLE_FOOTNOTES | Options::ENABLE_STRIKETHROUGH,
    )
    .collect()
}

fn count(markdown: &str, pred: impl Fn(&Event) -> bool) -> usize {
    events(markdown).iter().filter(|e| pred(e)).count()
}

fn is_table(e: &Event) -> bool {
    matches!(e, Event::Start(Tag::Table(_)))
}

/// Raw HTML, but a cell's `<br>` (the one way a pipe-table cell breaks a line).
fn is_html(e: &Event) -> bool {
    match e {
        Event::Html(_) => true,
        Event::InlineHtml(h) => !h.starts_with("<br"),
        _ => false,
    }
}

#[test]
fn wikipedia_list_of_films_is_a_pipe_table() {
    let md = page_markdown("readability/wikipedia-4/source.html", READABILITY_URL);
    let table = table_block(&md, 0);
    golden("wikipedia-4-films", &table);
    assert_eq!(count(&table, is_table), 1);
    assert_eq!(count(&table, is_html), 0, "{table}");
    assert!(table.starts_with("| Film | Year | Description |\n| --- | --- | --- |\n"));
    let rows = table.lines().skip(2);
    for row in rows {
        assert!(
            row.starts_with("| ***"),
            "row header not bold italic: {row}"
        );
    }
}

#[test]
fn a_table_with_a_real_span_is_minimal_html() {
    let md = page_markdown("wcxb-sample/html/4114.html.gz", WCXB_URL);
    let table = table_block(&md, 0);
    golden("wcxb-4114-span", &table);
    assert_eq!(count(&table, is_table), 0);
    assert!(table.contains("<td colspan=\"7\">"), "{table}");
    for gone in ["class=", "style=", "<a ", "<img", "<p>", "<div"] {
        assert!(!table.contains(gone), "{gone} kept: {table}");
    }
}

#[test]
fn a_layout_table_is_unwrapped() {
    let md = page_markdown(
        "readability/table-style-attributes/source.html",
        READABILITY_URL,
    );
    assert_eq!(count(&md, is_table), 0, "{md}");
    assert!(!md.contains("<t"), "{md}");
    let start = blocks(&md)
        .into_iter()
        .take(5)
        .collect::<Vec<_>>()
        .join("\n\n")
        + "\n";
    golden("table-style-attributes-layout", &start);
    assert!(
        count(&start, |e| matches!(e, Event::Start(Tag::List(_)))) >= 1,
        "the cell's list stays a list: {start}"
    );
}

#[test]
fn code_in_cells_stays_code_in_a_pipe_table() {
    let md = page_markdown("wcxb-sample/html/2879.html.gz", WCXB_URL);
    let table = table_block(&md, 0);
    golden("wcxb-2879-code", &table);
    assert_eq!(count(&table, is_table), 1);
    let codes: Vec<String> = events(&table)
        .into_iter()
        .filter_map(|e| match e {
            Event::Code(c) => Some(c.to_string()),
            _ => None,
        })
        .collect();
    for want in [
        "systemctl status",
        "systemctl --failed",
        "systemctl list-units",
    ] {
        assert!(
            codes.iter().any(|c| c == want),
            "{want} not code: {codes:?}"
        );
    }
}

#[test]
fn notes_cited_several_times_show_their_back_letters_on_the_label_line() {
    let md = page_markdown("readability/wikipedia-2/source.html", READABILITY_URL);
    let several: Vec<&str> = blocks(&md)
        .into_iter()
        .filter(|b| {
            b.starts_with("[^")
                && b.lines()
                    .next()
                    .is_some_and(|l| l.ends_with(" a b") || l.contains(" a b c"))
        })
        .collect();
    assert!(several.len() > 20, "{} notes with letters", several.len());
    golden("wikipedia-2-notes", &(several.join("\n\n") + "\n"));
    for note in &several {
        let label_line = note.lines().next().unwrap_or_default();
        let marker = label_line.split_once(": ").map_or("", |(_, m)| m);
        let letters: Vec<&str> = marker.split(' ').skip(1).collect();
        assert!(marker.starts_with("^ "), "{label_line}");
        assert!(
            letters.iter().zip('a'..).all(|(l, c)| *l == c.to_string()),
            "{label_line}"
        );
        assert!(
            !note.contains("<sup>") && !note.contains("cite_ref"),
            "{note}"
        );
    }
    let definitions = count(&md, |e| {
        matches!(e, Event::Start(Tag::FootnoteDefinition(_)))
    });
    let references = md.matches("[^").count();
    assert!(
        definitions > 200 && references > definitions,
        "{definitions} / {references}"
    );
}

#[test]
fn notes_no_longer_cited_keep_their_marker_as_plain_text() {
    let md = page_markdown("wcxb-sample/html/2905.html.gz", WCXB_URL);
    let notes = blocks(&md)
        .into_iter()
        .find(|b| b.starts_with("1. ^ "))
        .unwrap_or_else(|| panic!("no uncited notes in:\n{md}"));
    golden("wcxb-2905-uncited-notes", &format!("{notes}\n"));
    assert!(notes.contains("\n2. ^ a b c In 1938 and 1939"), "{notes}");
    assert!(
        !notes.contains("<sup>") && !notes.contains("**^**"),
        "{notes}"
    );
}
