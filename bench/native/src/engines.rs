//! The two engines under test, behind one call: HTML + URL in, the article's Markdown out.
//!
//! Both do the whole job a caller pays for: parse the HTML, find and clean the article, and
//! write it as Markdown. readmark's `extract_html` produces its Markdown (and plain text) as
//! part of the extraction; dom_smoothie is asked for Markdown with `TextMode::Markdown`.

use std::hint::black_box;
use std::panic::{AssertUnwindSafe, catch_unwind};

use dom_smoothie::{Config, Readability, TextMode};
use serde_json::Value;

/// One engine under test.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Engine {
    /// This project.
    Readmark,
    /// dom_smoothie, a Rust port of Mozilla Readability.
    DomSmoothie,
}

/// Both engines, in the order the reports list them.
pub const ENGINES: [Engine; 2] = [Engine::Readmark, Engine::DomSmoothie];

/// `{"readmark": …, "dom_smoothie": …}` from per-engine reports in [`ENGINES`] order.
pub fn engines_object(reports: Vec<Value>) -> Value {
    Value::Object(
        ENGINES
            .iter()
            .map(|e| e.name().to_string())
            .zip(reports)
            .collect(),
    )
}

/// The version of dom_smoothie this benchmark is built against (Cargo.toml's requirement).
pub const DOM_SMOOTHIE_VERSION: &str = "0.19";

impl Engine {
    /// The name used as a JSON key and in progress lines.
    pub fn name(self) -> &'static str {
        match self {
            Engine::Readmark => "readmark",
            Engine::DomSmoothie => "dom_smoothie",
        }
    }

    /// Extracts the article of `html` (fetched from `url`) and returns the length in bytes
    /// of its Markdown, or why there is none. A panic inside the engine is a failure too.
    pub fn extract(self, html: &str, url: &str, opts: &readmark::Options) -> Result<usize, String> {
        let run = || match self {
            Engine::Readmark => readmark_markdown(html, url, opts),
            Engine::DomSmoothie => dom_smoothie_markdown(html, url),
        };
        match catch_unwind(AssertUnwindSafe(run)) {
            Ok(result) => result,
            Err(_) => Err(format!("{} panicked", self.name())),
        }
    }
}

fn readmark_markdown(html: &str, url: &str, opts: &readmark::Options) -> Result<usize, String> {
    let article = readmark::extract_html(html, url, opts).map_err(|e| e.to_string())?;
    Ok(black_box(&article).markdown.len())
}

fn dom_smoothie_markdown(html: &str, url: &str) -> Result<usize, String> {
    // Default configuration (no element limit, Readability's candidate selection), with the
    // article written as Markdown rather than raw text.
    let config = Config {
        text_mode: TextMode::Markdown,
        ..Config::default()
    };
    let mut readability =
        Readability::new(html, Some(url), Some(config)).map_err(|e| e.to_string())?;
    let article = readability.parse().map_err(|e| e.to_string())?;
    Ok(black_box(&article).text_content.len())
}

/// The number of nodes html5ever makes of `html` (the parser and tree both engines use):
/// dom_smoothie exposes its parsed `dom_query` document, so no third parse path is needed.
pub fn node_count(html: &str) -> usize {
    Readability::new(html, None, None)
        .map(|r| r.doc.tree.len())
        .unwrap_or(0)
}
