//! The evaluation report, line for line as the reference scorer prints it: the summary line
//! `[NAME] F1 … precision … recall … pages N failures M`, a line with accuracy, empty outputs
//! and time per page (for the word metric also the `with`/`without` snippet shares), for the
//! word metric one line per page type, then the failures, and optionally the worst pages.

use std::fmt::Write;

use super::words::{Labels, WordScore, WordSummary};
use super::{Metric, PageScore, Summary, is_blank, mean, median};

/// Failures listed by name before the rest are only counted (as the reference scorer does).
pub const MAX_LISTED_FAILURES: usize = 10;

/// A page's score under one of the two metrics.
#[derive(Clone, Debug, PartialEq)]
pub enum Score {
    /// Shingle metric.
    Shingle(PageScore),
    /// Word metric.
    Word(WordScore),
}

impl Score {
    /// The page's F1.
    pub fn f1(&self) -> f64 {
        match self {
            Score::Shingle(s) => s.counts.f1(),
            Score::Word(w) => w.f1,
        }
    }
}

/// What the extractor did on one page, and how that scored.
#[derive(Clone, Debug)]
pub struct Outcome {
    /// The page id (directory name or ground-truth key).
    pub id: String,
    /// The score of the output (an empty output for a failure).
    pub score: Score,
    /// Why the extraction failed, if it did.
    pub error: Option<String>,
    /// Milliseconds the extraction took, when measured.
    pub ms: Option<f64>,
    /// True when the extraction succeeded but produced only whitespace.
    pub empty: bool,
}

impl Outcome {
    /// Scores an extraction result (plain text) against `truth` with the shingle metric; an
    /// `Err` is a failure, scored as empty.
    pub fn new(id: &str, truth: &str, output: Result<&str, String>, ms: Option<f64>) -> Outcome {
        Outcome::scored(id, output, ms, |pred| {
            Score::Shingle(PageScore::new(truth, pred))
        })
    }

    /// The same with the word metric, against the page's main content and labels.
    pub fn word(
        id: &str,
        truth: &str,
        labels: &Labels,
        output: Result<&str, String>,
        ms: Option<f64>,
    ) -> Outcome {
        Outcome::scored(id, output, ms, |pred| {
            Score::Word(WordScore::new(truth, labels, pred))
        })
    }

    fn scored(
        id: &str,
        output: Result<&str, String>,
        ms: Option<f64>,
        score: impl Fn(&str) -> Score,
    ) -> Outcome {
        let (pred, error) = match output {
            Ok(text) => (text, None),
            Err(e) => ("", Some(e)),
        };
        Outcome {
            id: id.to_string(),
            score: score(pred),
            empty: error.is_none() && is_blank(pred),
            error,
            ms,
        }
    }
}

/// The shingle scores of these outcomes (pages scored otherwise are left out).
pub fn summary(outcomes: &[Outcome]) -> Summary {
    let scores: Vec<PageScore> = outcomes
        .iter()
        .filter_map(|o| match &o.score {
            Score::Shingle(s) => Some(s.clone()),
            Score::Word(_) => None,
        })
        .collect();
    Summary::of(&scores)
}

/// The word scores of these outcomes (pages scored otherwise are left out).
pub fn word_summary(outcomes: &[Outcome]) -> WordSummary {
    let scores: Vec<WordScore> = outcomes
        .iter()
        .filter_map(|o| match &o.score {
            Score::Word(w) => Some(w.clone()),
            Score::Shingle(_) => None,
        })
        .collect();
    WordSummary::of(&scores)
}

/// The corpus F1 of these outcomes under `metric`.
pub fn corpus_f1(metric: Metric, outcomes: &[Outcome]) -> f64 {
    match metric {
        Metric::Shingle => summary(outcomes).f1,
        Metric::Word => word_summary(outcomes).all.f1,
    }
}

/// The report for one corpus of kind `name` (`readability`, `scrapinghub`, `wcxb`) scored
/// with `metric`, listing the `worst` lowest-F1 pages when `worst > 0`. Every line ends with
/// a newline.
pub fn render(name: &str, metric: Metric, outcomes: &[Outcome], worst: usize) -> String {
    let failures: Vec<&Outcome> = outcomes.iter().filter(|o| o.error.is_some()).collect();
    let mut out = match metric {
        Metric::Shingle => shingle_head(name, outcomes, failures.len()),
        Metric::Word => word_head(name, outcomes, failures.len()),
    };
    for f in failures.iter().take(MAX_LISTED_FAILURES) {
        let _ = writeln!(
            out,
            "    failure {}: {}",
            f.id,
            f.error.as_deref().unwrap_or_default()
        );
    }
    if failures.len() > MAX_LISTED_FAILURES {
        let _ = writeln!(
            out,
            "    ... {} more failures",
            failures.len() - MAX_LISTED_FAILURES
        );
    }
    if worst > 0 {
        out.push_str(&worst_table(metric, outcomes, worst));
    }
    out
}

fn shingle_head(name: &str, outcomes: &[Outcome], failures: usize) -> String {
    let s = summary(outcomes);
    let mut out = summary_line(name, s.f1, s.precision, s.recall, outcomes.len(), failures);
    out.push_str(&detail_line(Metric::Shingle, s.accuracy, outcomes, ""));
    out
}

fn word_head(name: &str, outcomes: &[Outcome], failures: usize) -> String {
    let s = word_summary(outcomes);
    let a = &s.all;
    let mut out = summary_line(name, a.f1, a.precision, a.recall, outcomes.len(), failures);
    let snippets = format!(" with {:.3} without {:.3}", s.with_rate, s.without_rate);
    out.push_str(&detail_line(Metric::Word, s.accuracy, outcomes, &snippets));
    for (t, tm) in &s.by_type {
        let _ = writeln!(
            out,
            "    type {t:<14} pages {:>4} F1 {:.3} precision {:.3} recall {:.3}",
            tm.pages, tm.f1, tm.precision, tm.recall
        );
    }
    out
}

/// `[NAME] F1 0.xxx precision 0.xxx recall 0.xxx pages N failures M`.
pub fn summary_line(
    name: &str,
    f1: f64,
    precision: f64,
    recall: f64,
    pages: usize,
    failures: usize,
) -> String {
    format!(
        "[{name}] F1 {f1:.3} precision {precision:.3} recall {recall:.3} pages {pages} failures {failures}\n"
    )
}

/// Accuracy, empty outputs, median and mean milliseconds per page, then `extra`.
fn detail_line(metric: Metric, accuracy: f64, outcomes: &[Outcome], extra: &str) -> String {
    let times: Vec<f64> = outcomes.iter().filter_map(|o| o.ms).collect();
    let ms = |v: Option<f64>| v.map_or_else(|| "n/a".to_string(), |v| format!("{v:.1}"));
    let empty = outcomes.iter().filter(|o| o.empty).count();
    format!(
        "    ({} metric) accuracy {accuracy:.3} empty_outputs {empty} median_ms/page {} mean_ms/page {}{extra}\n",
        metric.name(),
        ms(median(&times)),
        ms(mean(times.iter().copied())),
    )
}

/// The `n` pages with the lowest F1 (ties in corpus order), as a table.
fn worst_table(metric: Metric, outcomes: &[Outcome], n: usize) -> String {
    let mut rows: Vec<&Outcome> = outcomes.iter().collect();
    rows.sort_by(|a, b| a.score.f1().total_cmp(&b.score.f1()));
    rows.truncate(n);
    let mut out = format!("    worst {} pages:\n", rows.len());
    let (a, b) = match metric {
        Metric::Shingle => ("true_tok", "pred_tok"),
        Metric::Word => ("with", "without"),
    };
    let _ = writeln!(
        out,
        "    {:>6} {:>6} {:>6} {a:>8} {b:>8} {:>8}  id",
        "F1", "P", "R", "ms"
    );
    for o in rows {
        let ms = o.ms.map_or_else(|| "-".to_string(), |v| format!("{v:.0}"));
        let err = o
            .error
            .as_ref()
            .map(|e| format!("  [{e}]"))
            .unwrap_or_default();
        let (p, r, a, b) = match &o.score {
            Score::Shingle(s) => (
                s.counts.precision(),
                s.counts.recall(),
                s.true_tokens.to_string(),
                s.pred_tokens.to_string(),
            ),
            Score::Word(w) => (
                Some(w.precision),
                Some(w.recall),
                format!("{:.2}", w.with_found),
                format!("{:.2}", w.without_found),
            ),
        };
        let f1 = three(Some(o.score.f1()));
        let _ = writeln!(
            out,
            "    {f1:>6} {:>6} {:>6} {a:>8} {b:>8} {ms:>8}  {}{err}",
            three(p),
            three(r),
            o.id
        );
    }
    out
}

/// A score with three decimals, or the scorer's `  -  ` for an undefined one.
fn three(v: Option<f64>) -> String {
    v.map_or_else(|| "  -  ".to_string(), |v| format!("{v:.3}"))
}
