//! Corpora on disk (native only): layout detection, loading, and running the extractor over
//! every page with timing.
//!
//! Two layouts, detected as the reference scorer detects them:
//! * **scrapinghub** — `DIR/ground-truth.json` (`{"<id>": {"articleBody": …, "url": …}}`) and
//!   `DIR/html/<id>.html`, or `DIR/html/<id>.html.gz` (gzip) when the plain file is absent;
//! * **readability** — `DIR/<page>/source.html` + `DIR/<page>/expected.txt`, every page at
//!   the URL Readability's own test suite uses ([`READABILITY_TEST_URL`]).

use std::fs;
use std::io::Read;
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::path::{Path, PathBuf};
use std::time::Instant;

use serde_json::Value;

use super::report::Outcome;
use crate::{Error, Options, extract_html};

/// The URL of every readability-corpus page (the one Readability's test suite uses, so that
/// relative links resolve as in its expected output).
pub const READABILITY_TEST_URL: &str = "http://fakehost/test/page.html";

/// The ground-truth file that marks a scrapinghub-layout corpus.
const GROUND_TRUTH: &str = "ground-truth.json";

/// Which layout a corpus directory has.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Layout {
    /// `<page>/source.html` + `expected.txt`.
    Readability,
    /// `ground-truth.json` + `html/<id>.html[.gz]`.
    Scrapinghub,
}

impl Layout {
    /// The name the reports use (the reference scorer's `kind`).
    pub fn name(self) -> &'static str {
        match self {
            Layout::Readability => "readability",
            Layout::Scrapinghub => "scrapinghub",
        }
    }
}

/// One page of a corpus.
#[derive(Clone, Debug)]
pub struct Page {
    /// Page id: directory name or ground-truth key.
    pub id: String,
    /// Its HTML file (may end in `.gz`).
    pub html: PathBuf,
    /// The URL to extract it with.
    pub url: String,
    /// The expected article text.
    pub truth: String,
}

/// A corpus: its layout and pages, sorted by id.
#[derive(Clone, Debug)]
pub struct Corpus {
    /// Detected layout.
    pub layout: Layout,
    /// The directory.
    pub path: PathBuf,
    /// The pages, sorted by id.
    pub pages: Vec<Page>,
}

/// Loads the corpus in `dir`, detecting its layout.
pub fn load(dir: &Path) -> Result<Corpus, Error> {
    if dir.join(GROUND_TRUTH).is_file() {
        return load_scrapinghub(dir);
    }
    let corpus = load_readability(dir)?;
    if corpus.pages.is_empty() {
        return Err(io_error(dir, "no corpus found (expected ground-truth.json or <page>/source.html + expected.txt)"));
    }
    Ok(corpus)
}

fn load_scrapinghub(dir: &Path) -> Result<Corpus, Error> {
    let gt_path = dir.join(GROUND_TRUTH);
    let text = read_text(&gt_path)?;
    let gt: Value = serde_json::from_str(&text).map_err(|e| io_error(&gt_path, &format!("invalid JSON: {e}")))?;
    let entries = gt.as_object().ok_or_else(|| io_error(&gt_path, "not a JSON object of pages"))?;
    let mut pages: Vec<Page> = entries
        .iter()
        .map(|(id, entry)| Page {
            id: id.clone(),
            html: scrapinghub_html(dir, id),
            url: string_field(entry, "url"),
            truth: string_field(entry, "articleBody"),
        })
        .collect();
    pages.sort_by(|a, b| a.id.cmp(&b.id));
    Ok(Corpus { layout: Layout::Scrapinghub, path: dir.to_path_buf(), pages })
}

/// `html/<id>.html`, or `html/<id>.html.gz` when only that exists.
fn scrapinghub_html(dir: &Path, id: &str) -> PathBuf {
    let plain = dir.join("html").join(format!("{id}.html"));
    let gz = dir.join("html").join(format!("{id}.html.gz"));
    if !plain.is_file() && gz.is_file() { gz } else { plain }
}

/// A string member of a JSON object, `""` when absent or not a string.
fn string_field(entry: &Value, key: &str) -> String {
    entry.get(key).and_then(Value::as_str).unwrap_or_default().to_string()
}

fn load_readability(dir: &Path) -> Result<Corpus, Error> {
    let listing = fs::read_dir(dir).map_err(|e| io_error(dir, &e.to_string()))?;
    let mut pages = Vec::new();
    for entry in listing.flatten() {
        let page_dir = entry.path();
        let (source, expected) = (page_dir.join("source.html"), page_dir.join("expected.txt"));
        if !(source.is_file() && expected.is_file()) {
            continue;
        }
        pages.push(Page {
            id: entry.file_name().to_string_lossy().into_owned(),
            html: source,
            url: READABILITY_TEST_URL.to_string(),
            truth: read_text(&expected)?,
        });
    }
    pages.sort_by(|a, b| a.id.cmp(&b.id));
    Ok(Corpus { layout: Layout::Readability, path: dir.to_path_buf(), pages })
}

/// The page's HTML as text (UTF-8, invalid bytes replaced; gunzipped for `.gz`).
pub fn read_html(page: &Page) -> Result<String, Error> {
    let bytes = fs::read(&page.html).map_err(|e| io_error(&page.html, &e.to_string()))?;
    if page.html.extension().is_some_and(|e| e == "gz") {
        let mut plain = Vec::new();
        flate2::read::GzDecoder::new(bytes.as_slice())
            .read_to_end(&mut plain)
            .map_err(|e| io_error(&page.html, &format!("bad gzip data: {e}")))?;
        return Ok(String::from_utf8_lossy(&plain).into_owned());
    }
    Ok(String::from_utf8_lossy(&bytes).into_owned())
}

/// Extracts every page and scores its plain text; a failure (error, unreadable page, or a
/// panic in the extractor) is scored as an empty output and keeps its reason.
pub fn run(corpus: &Corpus, opts: &Options) -> Vec<Outcome> {
    corpus.pages.iter().map(|page| run_page(page, opts)).collect()
}

/// Extracts and scores one page; the time is that of `extract_html` alone.
pub fn run_page(page: &Page, opts: &Options) -> Outcome {
    let html = match read_html(page) {
        Ok(html) => html,
        Err(e) => return Outcome::new(&page.id, &page.truth, Err(e.to_string()), None),
    };
    let start = Instant::now();
    let result = catch_unwind(AssertUnwindSafe(|| extract_html(&html, &page.url, opts)));
    let ms = start.elapsed().as_secs_f64() * 1000.0;
    let output = match result {
        Ok(Ok(article)) => Ok(article.text),
        Ok(Err(e)) => Err(e.to_string()),
        Err(payload) => Err(format!("extractor crashed: {}", panic_message(payload.as_ref()))),
    };
    Outcome::new(&page.id, &page.truth, output.as_deref().map_err(Clone::clone), Some(ms))
}

/// The text of a panic payload, when it has one.
pub fn panic_message(payload: &(dyn std::any::Any + Send)) -> String {
    if let Some(s) = payload.downcast_ref::<&str>() {
        (*s).to_string()
    } else if let Some(s) = payload.downcast_ref::<String>() {
        s.clone()
    } else {
        "unknown cause".to_string()
    }
}

fn read_text(path: &Path) -> Result<String, Error> {
    let bytes = fs::read(path).map_err(|e| io_error(path, &e.to_string()))?;
    Ok(String::from_utf8_lossy(&bytes).into_owned())
}

fn io_error(path: &Path, message: &str) -> Error {
    Error::Io { path: path.display().to_string(), message: message.to_string() }
}
