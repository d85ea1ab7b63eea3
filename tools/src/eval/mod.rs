//! Corpus evaluation, reproducing exactly the project's reference scorer
//! (`tests/tools/score.py`, a copy of `shared/tools/score.py`):
//!
//! * **What is scored** is the Markdown the user gets (`article.markdown`), turned into text by
//!   the reference's own Markdown-to-text step ([`md_text`], native only); `readmark eval
//!   --format text` scores `article.text` instead.
//! * **Shingle metric** (readability and scrapinghub layouts), ScrapingHub's
//!   article-extraction-benchmark: tokens are the matches of Python's `\w+` on a `str`
//!   ([`tokenize`]): runs of characters that are letters (general category `L*`), have a
//!   numeric value (`N*`), or are `_`. Each text becomes a multiset of 4-token shingles (a
//!   shorter, non-empty text is one shorter shingle); a page's true/false positives and false
//!   negatives are counted over the two multisets and normalised to sum 1 ([`PageScore`]).
//!   Precision is averaged over pages with TP+FP > 0, recall over pages with TP+FN > 0, and
//!   F1 is taken of the two averages ([`Summary`]); accuracy is the share of pages whose
//!   token sequences are equal.
//! * **Word metric** (WCXB layout), WCXB's `evaluate.py`: lower-cased words as multisets,
//!   per-page precision, recall and F1 averaged over pages and per page type, and the share
//!   of `with` snippets found and `without` snippets leaked ([`words`]).
//!
//! The metrics and the report are pure functions (they run in WebAssembly too); reading a
//! corpus from disk, the Markdown-to-text step and timing the extractor live in [`corpus`]
//! and [`md_text`], native only.

#[cfg(not(target_arch = "wasm32"))]
pub mod corpus;
#[cfg(not(target_arch = "wasm32"))]
pub mod md_text;
pub mod report;
pub mod words;

/// Which metric a corpus is scored with (decided by its layout, as the reference does).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Metric {
    /// ScrapingHub's 4-token shingles.
    Shingle,
    /// WCXB's lower-cased word multisets.
    Word,
}

impl Metric {
    /// The name the reports print (`(shingle metric)`, `(word metric)`).
    pub fn name(self) -> &'static str {
        match self {
            Metric::Shingle => "shingle",
            Metric::Word => "word",
        }
    }
}

use std::collections::HashMap;

use unicode_general_category::{GeneralCategory as Gc, get_general_category};

/// Tokens per shingle: the benchmark's `ngram_n`.
pub const SHINGLE_LEN: usize = 4;

/// True for a character Python's `re` matches with `\w` in a `str` pattern: `str.isalnum()`
/// or `_`. `isalnum` is "letter" (categories Lu Ll Lt Lm Lo) or "has a numeric value"
/// (Numeric_Type Decimal, Digit or Numeric); in Unicode 14 every character with a numeric
/// value is in a category N* or is a letter, so the test is "L* or N* or `_`". This differs
/// from [`char::is_alphanumeric`], which also takes combining marks (Mn/Mc with
/// Other_Alphabetic, e.g. Devanagari vowel signs) that Python splits words at.
pub fn is_word_char(c: char) -> bool {
    c == '_'
        || matches!(
            get_general_category(c),
            Gc::UppercaseLetter
                | Gc::LowercaseLetter
                | Gc::TitlecaseLetter
                | Gc::ModifierLetter
                | Gc::OtherLetter
                | Gc::DecimalNumber
                | Gc::LetterNumber
                | Gc::OtherNumber
        )
}

/// The `\w+` tokens of `text`, in order (Python's `re.findall(r"\w+", text)`).
pub fn tokenize(text: &str) -> Vec<&str> {
    text.split(|c: char| !is_word_char(c))
        .filter(|t| !t.is_empty())
        .collect()
}

/// True when Python's `str.strip()` would leave nothing: Rust's whitespace plus the
/// information separators U+001C..U+001F, which Python also counts as space.
pub fn is_blank(text: &str) -> bool {
    text.chars()
        .all(|c| c.is_whitespace() || ('\u{1c}'..='\u{1f}').contains(&c))
}

/// The shingles of a token sequence, as the benchmark cuts them: every window of
/// [`SHINGLE_LEN`] tokens; a sequence shorter than that is one (shorter) shingle; an empty
/// sequence has none.
fn shingles<'t>(tokens: &'t [&'t str]) -> Vec<&'t [&'t str]> {
    let starts = tokens.len().saturating_sub(SHINGLE_LEN - 1).max(1);
    (0..starts)
        .map(|i| &tokens[i..(i + SHINGLE_LEN).min(tokens.len())])
        .filter(|s| !s.is_empty())
        .collect()
}

/// True positives, false positives and false negatives of one page, over shingles,
/// normalised to sum 1 (all zero when both texts have no token).
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Counts {
    /// Shingles both in the truth and the prediction.
    pub tp: f64,
    /// Shingles only in the prediction.
    pub fp: f64,
    /// Shingles only in the truth.
    pub fn_: f64,
}

impl Counts {
    /// Counts the shingles of `truth` and `pred` as multisets.
    pub fn of(truth: &[&str], pred: &[&str]) -> Counts {
        let mut both: HashMap<&[&str], (usize, usize)> = HashMap::new();
        for s in shingles(truth) {
            both.entry(s).or_default().0 += 1;
        }
        for s in shingles(pred) {
            both.entry(s).or_default().1 += 1;
        }
        let (mut tp, mut fp, mut fn_) = (0usize, 0usize, 0usize);
        for &(t, p) in both.values() {
            tp += t.min(p);
            fp += p.saturating_sub(t);
            fn_ += t.saturating_sub(p);
        }
        let sum = (tp + fp + fn_) as f64;
        if sum == 0.0 {
            return Counts {
                tp: 0.0,
                fp: 0.0,
                fn_: 0.0,
            };
        }
        Counts {
            tp: tp as f64 / sum,
            fp: fp as f64 / sum,
            fn_: fn_ as f64 / sum,
        }
    }

    /// The page's precision, `None` when the prediction has no shingle (TP+FP = 0): such a
    /// page does not enter the precision average.
    pub fn precision(&self) -> Option<f64> {
        (self.tp + self.fp > 0.0).then(|| self.precision_score())
    }

    /// The page's recall, `None` when the truth has no shingle (TP+FN = 0).
    pub fn recall(&self) -> Option<f64> {
        (self.tp + self.fn_ > 0.0).then(|| self.recall_score())
    }

    /// The page's F1 (1 when both texts are empty, as the benchmark has it).
    pub fn f1(&self) -> f64 {
        harmonic(self.precision_score(), self.recall_score())
    }

    /// `precision_score` of the benchmark, defined for every page.
    fn precision_score(&self) -> f64 {
        if self.fp == 0.0 && self.fn_ == 0.0 {
            1.0
        } else if self.tp == 0.0 && self.fp == 0.0 {
            0.0
        } else {
            self.tp / (self.tp + self.fp)
        }
    }

    /// `recall_score` of the benchmark, defined for every page.
    fn recall_score(&self) -> f64 {
        if self.fp == 0.0 && self.fn_ == 0.0 {
            1.0
        } else if self.tp == 0.0 && self.fn_ == 0.0 {
            0.0
        } else {
            self.tp / (self.tp + self.fn_)
        }
    }
}

/// 2PR/(P+R), or 0 when both are 0.
fn harmonic(p: f64, r: f64) -> f64 {
    if p + r > 0.0 {
        2.0 * p * r / (p + r)
    } else {
        0.0
    }
}

/// The score of one page.
#[derive(Clone, Debug, PartialEq)]
pub struct PageScore {
    /// Normalised shingle counts.
    pub counts: Counts,
    /// Tokens in the truth.
    pub true_tokens: usize,
    /// Tokens in the prediction.
    pub pred_tokens: usize,
    /// True when both token sequences are equal.
    pub exact: bool,
}

impl PageScore {
    /// Scores `pred` (the extractor's plain text; empty for a failure) against `truth`.
    pub fn new(truth: &str, pred: &str) -> PageScore {
        let t = tokenize(truth);
        let p = tokenize(pred);
        PageScore {
            counts: Counts::of(&t, &p),
            true_tokens: t.len(),
            pred_tokens: p.len(),
            exact: t == p,
        }
    }
}

/// The corpus-level scores.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Summary {
    /// F1 of the averaged precision and recall.
    pub f1: f64,
    /// Mean precision over pages with a non-empty prediction.
    pub precision: f64,
    /// Mean recall over pages with a non-empty truth.
    pub recall: f64,
    /// Share of pages whose token sequences match exactly.
    pub accuracy: f64,
}

impl Summary {
    /// Aggregates page scores as the benchmark does (0 for an empty average).
    pub fn of(pages: &[PageScore]) -> Summary {
        let precision = mean(pages.iter().filter_map(|p| p.counts.precision())).unwrap_or(0.0);
        let recall = mean(pages.iter().filter_map(|p| p.counts.recall())).unwrap_or(0.0);
        let accuracy = mean(pages.iter().map(|p| if p.exact { 1.0 } else { 0.0 })).unwrap_or(0.0);
        Summary {
            f1: harmonic(precision, recall),
            precision,
            recall,
            accuracy,
        }
    }
}

/// Arithmetic mean, `None` for no values. Compensated (Neumaier) summation keeps it within
/// an ulp of Python's exact `statistics.mean`.
pub fn mean(values: impl IntoIterator<Item = f64>) -> Option<f64> {
    let (mut sum, mut carry, mut n) = (0.0f64, 0.0f64, 0usize);
    for v in values {
        let t = sum + v;
        carry += if sum.abs() >= v.abs() {
            (sum - t) + v
        } else {
            (v - t) + sum
        };
        sum = t;
        n += 1;
    }
    (n > 0).then(|| (sum + carry) / n as f64)
}

/// Median as Python's `statistics.median`: the mean of the two middle values for an even
/// count; `None` for no values.
pub fn median(values: &[f64]) -> Option<f64> {
    let mut v = values.to_vec();
    v.sort_by(f64::total_cmp);
    let n = v.len();
    match n {
        0 => None,
        _ if n % 2 == 1 => Some(v[n / 2]),
        _ => Some((v[n / 2 - 1] + v[n / 2]) / 2.0),
    }
}
