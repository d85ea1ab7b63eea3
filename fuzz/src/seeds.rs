//! The seeds: every corpus page as HTML and as a DOM snapshot, the Markdown extracted from
//! them, and the pathological shapes of issue 12 at a small size, so that mutations start
//! next to them.

use std::fs;
use std::io::Read;
use std::path::{Path, PathBuf};

use dom_query::Document;
use readmark::{Options, extract_html};
use readmark_tools::snapshot;

/// The URL seeds are extracted at (the corpora's own URLs do not matter to robustness).
pub const SEED_URL: &str = "https://example.org/news/2024/article.html";

/// Inputs the mutations start from.
pub struct Seeds {
    pub html: Vec<String>,
    pub snapshots: Vec<String>,
    pub markdown: Vec<String>,
}

/// Loads up to `max` corpus pages (in a fixed order), plus the pathological shapes.
pub fn load(root: &Path, max: usize) -> Seeds {
    let mut html: Vec<String> = page_files(root)
        .iter()
        .take(max)
        .filter_map(|p| read_page(p))
        .collect();
    html.extend(pathological_html());
    let mut snapshots: Vec<String> = html
        .iter()
        .map(|h| snapshot::encode(&Document::from(h.as_str()), SEED_URL, None))
        .collect();
    snapshots.extend(pathological_snapshots());
    let markdown = html
        .iter()
        .filter_map(|h| extract_html(h, SEED_URL, &Options::default()).ok())
        .map(|a| a.to_markdown_document(true, None))
        .collect();
    Seeds {
        html,
        snapshots,
        markdown,
    }
}

/// Every page of the corpora and fixtures, sorted.
fn page_files(root: &Path) -> Vec<PathBuf> {
    let mut pages = Vec::new();
    let mut dirs = vec![root.join("tests/corpus"), root.join("tests/fixtures")];
    while let Some(dir) = dirs.pop() {
        for entry in fs::read_dir(&dir).into_iter().flatten().flatten() {
            let path = entry.path();
            let name = path.to_string_lossy().to_string();
            if path.is_dir() {
                dirs.push(path);
            } else if name.ends_with(".html") || name.ends_with(".html.gz") {
                pages.push(path);
            }
        }
    }
    pages.sort();
    pages
}

/// A page's text (gzip-compressed pages decompressed; invalid UTF-8 replaced).
fn read_page(path: &Path) -> Option<String> {
    let bytes = fs::read(path).ok()?;
    let bytes = if path.to_string_lossy().ends_with(".gz") {
        let mut out = Vec::new();
        flate2::read::GzDecoder::new(bytes.as_slice())
            .read_to_end(&mut out)
            .ok()?;
        out
    } else {
        bytes
    };
    Some(String::from_utf8_lossy(&bytes).into_owned())
}

/// A real-looking article start, for the shapes to sit in.
fn article_start() -> String {
    let para = "The council met on Tuesday to discuss the budget for the coming year. ".repeat(8);
    format!("<!doctype html><html><head><title>Budget</title></head><body><article><p>{para}</p>")
}

/// Issue 12's shapes, small: deep nesting, many attributes, formatting elements, brackets,
/// a deep `noscript`, `noscript`s nested in one another, an unclosed link before
/// paragraphs, misnested formatting, repeated `<body>`.
fn pathological_html() -> Vec<String> {
    let start = article_start();
    let attrs: String = (0..800).map(|i| format!(" a{i}")).collect();
    vec![
        format!("{start}{}", "<div>".repeat(2_000)),
        format!("{start}<p{attrs}>x</p>"),
        format!("{start}{}", "<i>a".repeat(2_000)),
        format!("{start}<p>{}</p>", "[".repeat(5_000)),
        format!("{start}<p>{}</p>", "*_`\\[".repeat(2_000)),
        format!("{start}<noscript>{}</noscript>", "<div>".repeat(2_000)),
        format!(
            "{start}{}{}",
            "<noscript>".repeat(330),
            "<p>Some words, and more.</p>".repeat(200)
        ),
        format!(
            "{start}<p><a href=\"https://example.org/{}\">link {}",
            "x".repeat(2_000),
            "<p>Some words, and more.</p>".repeat(200)
        ),
        format!(
            "{start}<p>{}</p>{}",
            "<b><i><u><s>".repeat(100),
            "<p>x</p>".repeat(500)
        ),
        format!("{start}<body{attrs}><body{attrs}>"),
        format!("{start}<table>{}</table>", "<tr><td>x".repeat(2_000)),
        format!("{start}<ul>{}</ul>", "<li><ul>".repeat(400)),
    ]
}

/// Snapshot shapes: indentation runs, a deep `noscript` text, a long flat list.
fn pathological_snapshots() -> Vec<String> {
    let doc = |nodes: &str| {
        format!(r#"{{"v":1,"url":"{SEED_URL}","doc":[["html",2],["head"],["body",1],{nodes}]}}"#)
    };
    let runs = vec!["4096"; 2_000].join(",");
    let noscript = serde_json::json!("<div>".repeat(2_000)).to_string();
    vec![
        doc(&format!(r#"["article",2000],{runs}"#)),
        doc(&format!(r#"["noscript",1],{noscript}"#)),
        doc(&format!(
            r#"["p",2000],{}"#,
            vec![r#""[""#; 2_000].join(",")
        )),
    ]
}
