//! Corpora on disk (native only): layout detection, loading, and running the extractor over
//! every page with timing.
//!
//! Three layouts, detected as the reference scorer detects them (in its order):
//! * **scrapinghub** — `DIR/ground-truth.json` (`{"<id>": {"articleBody": …, "url": …}}`) and
//!   `DIR/html/<id>.html`, or `DIR/html/<id>.html.gz` (gzip) when the plain file is absent;
//! * **wcxb** — `DIR/ground-truth/<id>.json` (`url`, `_internal.page_type.primary`,
//!   `ground_truth.main_content`, `.with`, `.without`) and `DIR/html/<id>.html[.gz]`; scored
//!   with the word metric;
//! * **readability** — `DIR/<page>/source.html` + `DIR/<page>/expected.txt`, every page at
//!   the URL Readability's own test suite uses ([`READABILITY_TEST_URL`]).
//!
//! What is scored is the Markdown body the user gets, through the reference's
//! Markdown-to-text step ([`Output::Markdown`], the default), or the article's plain text
//! ([`Output::Text`]). Pages run on every available core, their outcomes in corpus order.

use std::fs;
use std::io::Read;
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::path::{Path, PathBuf};
use std::time::Instant;

use serde_json::Value;

use super::Metric;
use super::md_text::markdown_to_text;
use super::report::Outcome;
use super::words::Labels;
use readmark::{Article, Error, Options, extract_html};

/// The URL of every readability-corpus page (the one Readability's test suite uses, so that
/// relative links resolve as in its expected output).
pub const READABILITY_TEST_URL: &str = "http://fakehost/test/page.html";

/// The ground-truth file that marks a scrapinghub-layout corpus.
const GROUND_TRUTH: &str = "ground-truth.json";
/// The ground-truth directory that marks a wcxb-layout corpus (one JSON file per page).
const GROUND_TRUTH_DIR: &str = "ground-truth";
/// A WCXB page without a page type is an article (as the reference reads it).
const DEFAULT_PAGE_TYPE: &str = "article";
/// WCXB calls collections `category` in some records; the reference reports them as this.
const COLLECTION: &str = "collection";

/// Which layout a corpus directory has.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Layout {
    /// `<page>/source.html` + `expected.txt`.
    Readability,
    /// `ground-truth.json` + `html/<id>.html[.gz]`.
    Scrapinghub,
    /// `ground-truth/<id>.json` + `html/<id>.html[.gz]`.
    Wcxb,
}

impl Layout {
    /// The name the reports use (the reference scorer's `kind`).
    pub fn name(self) -> &'static str {
        match self {
            Layout::Readability => "readability",
            Layout::Scrapinghub => "scrapinghub",
            Layout::Wcxb => "wcxb",
        }
    }

    /// The metric the reference scores this layout with.
    pub fn metric(self) -> Metric {
        match self {
            Layout::Readability | Layout::Scrapinghub => Metric::Shingle,
            Layout::Wcxb => Metric::Word,
        }
    }
}

/// Which output of the extractor is scored.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum Output {
    /// `article.markdown` (the body a user downloads) through the reference's
    /// Markdown-to-text step, as `score.py --format md` scores a Markdown extractor.
    #[default]
    Markdown,
    /// `article.text`, as `score.py --format text`.
    Text,
}

impl Output {
    /// The text of `article` that is scored.
    pub fn of(self, article: &Article) -> String {
        match self {
            Output::Markdown => markdown_to_text(&article.markdown),
            Output::Text => article.text.clone(),
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
    /// Snippets and page type (wcxb layout only).
    pub labels: Option<Labels>,
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
    if dir.join(GROUND_TRUTH_DIR).is_dir() {
        return load_wcxb(dir);
    }
    let corpus = load_readability(dir)?;
    if corpus.pages.is_empty() {
        return Err(io_error(
            dir,
            "no corpus found (expected ground-truth.json or <page>/source.html + expected.txt)",
        ));
    }
    Ok(corpus)
}

fn load_scrapinghub(dir: &Path) -> Result<Corpus, Error> {
    let gt_path = dir.join(GROUND_TRUTH);
    let text = read_text(&gt_path)?;
    let gt: Value = serde_json::from_str(&text)
        .map_err(|e| io_error(&gt_path, &format!("invalid JSON: {e}")))?;
    let entries = gt
        .as_object()
        .ok_or_else(|| io_error(&gt_path, "not a JSON object of pages"))?;
    let mut pages: Vec<Page> = entries
        .iter()
        .map(|(id, entry)| Page {
            id: id.clone(),
            html: html_file(dir, id),
            url: string_field(entry, "url"),
            truth: string_field(entry, "articleBody"),
            labels: None,
        })
        .collect();
    pages.sort_by(|a, b| a.id.cmp(&b.id));
    Ok(Corpus {
        layout: Layout::Scrapinghub,
        path: dir.to_path_buf(),
        pages,
    })
}

/// `html/<id>.html`, or `html/<id>.html.gz` when only that exists.
fn html_file(dir: &Path, id: &str) -> PathBuf {
    let plain = dir.join("html").join(format!("{id}.html"));
    let gz = dir.join("html").join(format!("{id}.html.gz"));
    if !plain.is_file() && gz.is_file() {
        gz
    } else {
        plain
    }
}

/// A string member of a JSON object, `""` when absent or not a string.
fn string_field(entry: &Value, key: &str) -> String {
    entry
        .get(key)
        .and_then(Value::as_str)
        .unwrap_or_default()
        .to_string()
}

fn load_wcxb(dir: &Path) -> Result<Corpus, Error> {
    let gt_dir = dir.join(GROUND_TRUTH_DIR);
    let listing = fs::read_dir(&gt_dir).map_err(|e| io_error(&gt_dir, &e.to_string()))?;
    let mut names: Vec<String> = listing
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(".json"))
        .collect();
    names.sort();
    let pages = names
        .iter()
        .map(|name| wcxb_page(dir, &gt_dir.join(name), name))
        .collect::<Result<_, _>>()?;
    Ok(Corpus {
        layout: Layout::Wcxb,
        path: dir.to_path_buf(),
        pages,
    })
}

/// One page of a wcxb-layout corpus from its ground-truth file.
fn wcxb_page(dir: &Path, path: &Path, name: &str) -> Result<Page, Error> {
    let data: Value = serde_json::from_str(&read_text(path)?)
        .map_err(|e| io_error(path, &format!("invalid JSON: {e}")))?;
    let gt = data
        .get("ground_truth")
        .filter(|g| g.is_object())
        .cloned()
        .unwrap_or(Value::Null);
    let id = name.trim_end_matches(".json").to_string();
    let labels = Labels {
        with: strings(&gt, "with"),
        without: strings(&gt, "without"),
        page_type: page_type(&data),
    };
    Ok(Page {
        html: html_file(dir, &id),
        url: string_field(&data, "url"),
        truth: string_field(&gt, "main_content"),
        labels: Some(labels),
        id,
    })
}

/// `_internal.page_type.primary` (or `_internal.page_type` when it is a string), `article`
/// when absent, `category` read as `collection`.
fn page_type(data: &Value) -> String {
    let pt = data.get("_internal").and_then(|i| i.get("page_type"));
    let primary = match pt {
        Some(Value::Object(o)) => o.get("primary").and_then(Value::as_str),
        Some(Value::String(s)) => Some(s.as_str()).filter(|s| !s.is_empty()),
        _ => None,
    };
    match primary.unwrap_or(DEFAULT_PAGE_TYPE) {
        "category" => COLLECTION.to_string(),
        other => other.to_string(),
    }
}

/// A JSON array of strings, empty when absent (non-strings are skipped).
fn strings(entry: &Value, key: &str) -> Vec<String> {
    entry
        .get(key)
        .and_then(Value::as_array)
        .map_or_else(Vec::new, |items| {
            items
                .iter()
                .filter_map(Value::as_str)
                .map(str::to_string)
                .collect()
        })
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
            labels: None,
        });
    }
    pages.sort_by(|a, b| a.id.cmp(&b.id));
    Ok(Corpus {
        layout: Layout::Readability,
        path: dir.to_path_buf(),
        pages,
    })
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

/// Extracts every page and scores the chosen output with the layout's metric, pages in
/// parallel (one worker per available core), outcomes in corpus order; a failure (error,
/// unreadable page, or a panic in the extractor) is scored as an empty output and keeps its
/// reason.
pub fn run(corpus: &Corpus, opts: &Options, output: Output) -> Vec<Outcome> {
    par_map(&corpus.pages, |page| {
        run_page(page, corpus.layout.metric(), opts, output)
    })
}

/// `f` of every item, in the items' order, computed on one worker per available core; each
/// worker takes the next item when it is done with one, so slow pages do not leave a core
/// idle. A worker that panics loses its results (the caller sees fewer than it gave).
pub fn par_map<T: Sync, R: Send>(items: &[T], f: impl Fn(&T) -> R + Sync) -> Vec<R> {
    let workers = std::thread::available_parallelism()
        .map_or(1, usize::from)
        .min(items.len())
        .max(1);
    let next = std::sync::atomic::AtomicUsize::new(0);
    let mut done: Vec<(usize, R)> = std::thread::scope(|scope| {
        let handles: Vec<_> = (0..workers)
            .map(|_| {
                scope.spawn(|| {
                    let mut mine = Vec::new();
                    loop {
                        let i = next.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
                        let Some(item) = items.get(i) else {
                            break mine;
                        };
                        mine.push((i, f(item)));
                    }
                })
            })
            .collect();
        handles
            .into_iter()
            .flat_map(|h| h.join().unwrap_or_default())
            .collect()
    });
    done.sort_by_key(|(i, _)| *i);
    done.into_iter().map(|(_, r)| r).collect()
}

/// The URL to extract a page with: its own, or its file's when the corpus gives none (as the
/// command line does without `--url`; a few WCXB pages have an empty URL).
fn page_url(page: &Page) -> String {
    if !page.url.is_empty() {
        return page.url.clone();
    }
    let path = std::fs::canonicalize(&page.html).unwrap_or_else(|_| page.html.clone());
    url::Url::from_file_path(path)
        .map(String::from)
        .unwrap_or_else(|_| "file:///page.html".into())
}

/// Extracts and scores one page; the time is that of `extract_html` alone.
pub fn run_page(page: &Page, metric: Metric, opts: &Options, output: Output) -> Outcome {
    let html = match read_html(page) {
        Ok(html) => html,
        Err(e) => return score(page, metric, Err(e.to_string()), None),
    };
    let url = page_url(page);
    let start = Instant::now();
    let result = catch_unwind(AssertUnwindSafe(|| extract_html(&html, &url, opts)));
    let ms = start.elapsed().as_secs_f64() * 1000.0;
    let text = match result {
        Ok(Ok(article)) => Ok(output.of(&article)),
        Ok(Err(e)) => Err(e.to_string()),
        Err(payload) => Err(format!(
            "extractor crashed: {}",
            panic_message(payload.as_ref())
        )),
    };
    score(page, metric, text, Some(ms))
}

/// Scores one page's scored text (`Err` for a failure) with `metric`.
pub fn score(
    page: &Page,
    metric: Metric,
    text: Result<String, String>,
    ms: Option<f64>,
) -> Outcome {
    let text = text.as_deref().map_err(Clone::clone);
    match (metric, &page.labels) {
        (Metric::Word, Some(labels)) => Outcome::word(&page.id, &page.truth, labels, text, ms),
        (Metric::Word, None) => Outcome::word(&page.id, &page.truth, &Labels::default(), text, ms),
        (Metric::Shingle, _) => Outcome::new(&page.id, &page.truth, text, ms),
    }
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
    Error::Io {
        path: path.display().to_string(),
        message: message.to_string(),
    }
}
