//! WCXB's word metric, as the reference scorer (`score.py`'s `word_evaluate`, itself WCXB's
//! `evaluate.py`) computes it:
//!
//! * a text's words are the `\w+` tokens of its lower-cased form, as a multiset;
//! * per page, precision = overlap / predicted words, recall = overlap / true words, F1 their
//!   harmonic mean; an empty truth scores 1 for an empty output and 0 otherwise; an empty
//!   output scores 0 against a non-empty truth;
//! * precision, recall and F1 are each averaged over all pages (and per page type);
//! * the share of the truth's `with` snippets found in the output and of its `without`
//!   snippets leaked into it (case-insensitive substrings; 1 when there is none), each
//!   rounded to 2 decimals per page as the reference prints and re-reads them, then averaged;
//! * accuracy is the share of pages with F1 ≥ 0.999.

use std::collections::HashMap;

use super::tokenize;

/// A page counts as exact when its F1 reaches this (the reference's accuracy).
pub const EXACT_F1: f64 = 0.999;

/// What the word metric knows of a page besides its main content.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Labels {
    /// Snippets a correct extraction contains.
    pub with: Vec<String>,
    /// Boilerplate snippets it must not contain.
    pub without: Vec<String>,
    /// The page type (`article`, `forum`, …; the benchmark's `category` is `collection`).
    pub page_type: String,
}

/// The score of one page.
#[derive(Clone, Debug, PartialEq)]
pub struct WordScore {
    /// Overlap / predicted words.
    pub precision: f64,
    /// Overlap / true words.
    pub recall: f64,
    /// Harmonic mean of the two.
    pub f1: f64,
    /// Share of `with` snippets found, rounded to 2 decimals.
    pub with_found: f64,
    /// Share of `without` snippets leaked, rounded to 2 decimals.
    pub without_found: f64,
    /// The page type.
    pub page_type: String,
}

impl WordScore {
    /// Scores `pred` (plain text; empty for a failure) against the page's main content
    /// `truth` and its labels.
    pub fn new(truth: &str, labels: &Labels, pred: &str) -> WordScore {
        let (precision, recall, f1) = word_prf(pred, truth);
        WordScore {
            precision,
            recall,
            f1,
            with_found: two_decimals(share_found(pred, &labels.with)),
            without_found: two_decimals(share_found(pred, &labels.without)),
            page_type: labels.page_type.clone(),
        }
    }
}

/// The lower-cased words of a text.
fn words(text: &str) -> Vec<String> {
    tokenize(&text.to_lowercase())
        .into_iter()
        .map(str::to_string)
        .collect()
}

/// Precision, recall and F1 of `pred` against `truth` over word multisets.
pub fn word_prf(pred: &str, truth: &str) -> (f64, f64, f64) {
    let (p_tok, r_tok) = (words(pred), words(truth));
    if r_tok.is_empty() {
        return if p_tok.is_empty() {
            (1.0, 1.0, 1.0)
        } else {
            (0.0, 0.0, 0.0)
        };
    }
    if p_tok.is_empty() {
        return (0.0, 0.0, 0.0);
    }
    let mut truth_counts: HashMap<&str, usize> = HashMap::new();
    for w in &r_tok {
        *truth_counts.entry(w).or_default() += 1;
    }
    let mut overlap = 0usize;
    for w in &p_tok {
        if let Some(n) = truth_counts.get_mut(w.as_str()).filter(|n| **n > 0) {
            *n -= 1;
            overlap += 1;
        }
    }
    let p = overlap as f64 / p_tok.len() as f64;
    let r = overlap as f64 / r_tok.len() as f64;
    (
        p,
        r,
        if p + r > 0.0 {
            2.0 * p * r / (p + r)
        } else {
            0.0
        },
    )
}

/// Share of `snippets` found in `text` (case-insensitive), 1 when there are none.
fn share_found(text: &str, snippets: &[String]) -> f64 {
    if snippets.is_empty() {
        return 1.0;
    }
    let low = text.to_lowercase();
    snippets
        .iter()
        .filter(|s| low.contains(&s.to_lowercase()))
        .count() as f64
        / snippets.len() as f64
}

/// A value as the reference prints it with `:.2f` and reads it back.
fn two_decimals(v: f64) -> f64 {
    format!("{v:.2}").parse().unwrap_or(v)
}

/// Averages of a set of pages.
#[derive(Clone, Debug, PartialEq)]
pub struct WordAverages {
    /// Pages averaged.
    pub pages: usize,
    /// Mean F1.
    pub f1: f64,
    /// Mean precision.
    pub precision: f64,
    /// Mean recall.
    pub recall: f64,
}

impl WordAverages {
    /// The averages over `pages` (0 for none), summed left to right as the reference does.
    pub fn of<'a>(pages: impl IntoIterator<Item = &'a WordScore>) -> WordAverages {
        let pages: Vec<&WordScore> = pages.into_iter().collect();
        WordAverages {
            pages: pages.len(),
            f1: plain_mean(pages.iter().map(|p| p.f1)),
            precision: plain_mean(pages.iter().map(|p| p.precision)),
            recall: plain_mean(pages.iter().map(|p| p.recall)),
        }
    }
}

/// The corpus-level scores of the word metric.
#[derive(Clone, Debug, PartialEq)]
pub struct WordSummary {
    /// Over all pages.
    pub all: WordAverages,
    /// Share of pages with F1 ≥ [`EXACT_F1`].
    pub accuracy: f64,
    /// Mean share of `with` snippets found.
    pub with_rate: f64,
    /// Mean share of `without` snippets leaked.
    pub without_rate: f64,
    /// Per page type, sorted by type name.
    pub by_type: Vec<(String, WordAverages)>,
}

impl WordSummary {
    /// Aggregates page scores as the reference does.
    pub fn of(pages: &[WordScore]) -> WordSummary {
        let mut types: Vec<&str> = pages.iter().map(|p| p.page_type.as_str()).collect();
        types.sort_unstable();
        types.dedup();
        let by_type = types
            .into_iter()
            .map(|t| {
                (
                    t.to_string(),
                    WordAverages::of(pages.iter().filter(|p| p.page_type == t)),
                )
            })
            .collect();
        let exact = pages.iter().filter(|p| p.f1 >= EXACT_F1).count();
        WordSummary {
            all: WordAverages::of(pages),
            accuracy: if pages.is_empty() {
                0.0
            } else {
                exact as f64 / pages.len() as f64
            },
            with_rate: plain_mean(pages.iter().map(|p| p.with_found)),
            without_rate: plain_mean(pages.iter().map(|p| p.without_found)),
            by_type,
        }
    }

    /// The averages of one page type, if any page has it.
    pub fn of_type(&self, page_type: &str) -> Option<&WordAverages> {
        self.by_type
            .iter()
            .find(|(t, _)| t == page_type)
            .map(|(_, a)| a)
    }
}

/// `sum(values) / len(values)` summed left to right (the reference's `avg`), 0 for none.
fn plain_mean(values: impl Iterator<Item = f64>) -> f64 {
    let (sum, n) = values.fold((0.0f64, 0usize), |(s, n), v| (s + v, n + 1));
    if n == 0 { 0.0 } else { sum / n as f64 }
}
