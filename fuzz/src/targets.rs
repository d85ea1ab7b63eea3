//! The fuzz targets. Each takes any bytes (invalid UTF-8 replaced, as the CLI reads pages)
//! and must return — with an article or a typed error — without panicking.

use std::panic::{AssertUnwindSafe, catch_unwind};
use std::time::Duration;

use readmark::internals::limits;
use readmark::{Options, extract_html, extract_snapshot, render_markdown, to_markdown, to_text};

use crate::mutate::{Rng, mutate};
use crate::seeds::{SEED_URL, Seeds};

/// What one input did.
pub enum Outcome {
    Done,
    Panic(String),
    Slow(Duration),
}

#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Target {
    Snapshot,
    Html,
    Markdown,
    Render,
}

impl Target {
    pub const ALL: [Target; 4] = [
        Target::Snapshot,
        Target::Html,
        Target::Markdown,
        Target::Render,
    ];

    pub fn name(self) -> &'static str {
        match self {
            Target::Snapshot => "snapshot",
            Target::Html => "html",
            Target::Markdown => "markdown",
            Target::Render => "render",
        }
    }

    pub fn parse(name: &str) -> Result<Vec<Target>, String> {
        if name == "all" {
            return Ok(Target::ALL.to_vec());
        }
        Target::ALL
            .iter()
            .find(|t| t.name() == name)
            .map(|t| vec![*t])
            .ok_or_else(|| format!("unknown target {name}"))
    }

    /// A mutated input for this target.
    pub fn input(self, seeds: &Seeds, rng: &mut Rng) -> Vec<u8> {
        match self {
            Target::Snapshot => mutate(&seeds.snapshots, rng),
            Target::Html | Target::Markdown => mutate(&seeds.html, rng),
            Target::Render => mutate(&seeds.markdown, rng),
        }
    }

    /// Runs the target on `input`, catching a panic.
    pub fn run(self, input: &[u8]) -> Outcome {
        let text = String::from_utf8_lossy(input);
        let result = catch_unwind(AssertUnwindSafe(|| match self {
            Target::Snapshot => snapshot_target(&text),
            Target::Html => html_target(&text),
            Target::Markdown => markdown_target(&text),
            Target::Render => {
                render_markdown(&text);
            }
        }));
        match result {
            Ok(()) => Outcome::Done,
            Err(payload) => Outcome::Panic(readmark_tools::eval::corpus::panic_message(
                payload.as_ref(),
            )),
        }
    }
}

fn snapshot_target(json: &str) {
    if let Ok(article) = extract_snapshot(json, &Options::default()) {
        render_markdown(&article.to_markdown_document(true, None));
    }
}

/// The whole path a page takes: extraction, the Markdown document, its rendering.
fn html_target(html: &str) {
    if let Ok(article) = extract_html(html, SEED_URL, &Options::default()) {
        render_markdown(&article.to_markdown_document(true, Some("2024-01-01T00:00:00Z")));
    }
}

/// The Markdown and text writers on the whole body, parsed within the limits.
fn markdown_target(html: &str) {
    if let Ok(doc) = limits::parse_document(html, &Options::default())
        && let Some(body) = doc.body()
    {
        let md = to_markdown(&body);
        let _ = to_text(&body);
        render_markdown(&md);
    }
}
