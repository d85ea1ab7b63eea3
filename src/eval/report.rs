//! The evaluation report, line for line as the reference scorer prints it: the summary line
//! `[NAME] F1 … precision … recall … pages N failures M`, a line with accuracy, empty outputs
//! and time per page, the failures, and optionally the worst pages.

use std::fmt::Write;

use super::{PageScore, Summary, is_blank, mean, median};

/// Failures listed by name before the rest are only counted (as the reference scorer does).
pub const MAX_LISTED_FAILURES: usize = 10;

/// What the extractor did on one page, and how that scored.
#[derive(Clone, Debug)]
pub struct Outcome {
    /// The page id (directory name or ground-truth key).
    pub id: String,
    /// The score of the output (an empty output for a failure).
    pub score: PageScore,
    /// Why the extraction failed, if it did.
    pub error: Option<String>,
    /// Milliseconds the extraction took, when measured.
    pub ms: Option<f64>,
    /// True when the extraction succeeded but produced only whitespace.
    pub empty: bool,
}

impl Outcome {
    /// Scores an extraction result against `truth`; an `Err` is a failure, scored as empty.
    pub fn new(id: &str, truth: &str, output: Result<&str, String>, ms: Option<f64>) -> Outcome {
        let (pred, error) = match output {
            Ok(text) => (text, None),
            Err(e) => ("", Some(e)),
        };
        Outcome {
            id: id.to_string(),
            score: PageScore::new(truth, pred),
            empty: error.is_none() && is_blank(pred),
            error,
            ms,
        }
    }
}

/// The corpus scores of these outcomes.
pub fn summary(outcomes: &[Outcome]) -> Summary {
    let scores: Vec<PageScore> = outcomes.iter().map(|o| o.score.clone()).collect();
    Summary::of(&scores)
}

/// The report for one corpus of kind `name` (`readability`, `scrapinghub`), listing the
/// `worst` lowest-F1 pages when `worst > 0`. Every line ends with a newline.
pub fn render(name: &str, outcomes: &[Outcome], worst: usize) -> String {
    let s = summary(outcomes);
    let failures: Vec<&Outcome> = outcomes.iter().filter(|o| o.error.is_some()).collect();
    let mut out = summary_line(name, &s, outcomes.len(), failures.len());
    out.push_str(&detail_line(&s, outcomes));
    for f in failures.iter().take(MAX_LISTED_FAILURES) {
        let _ = writeln!(out, "    failure {}: {}", f.id, f.error.as_deref().unwrap_or_default());
    }
    if failures.len() > MAX_LISTED_FAILURES {
        let _ = writeln!(out, "    ... {} more failures", failures.len() - MAX_LISTED_FAILURES);
    }
    if worst > 0 {
        out.push_str(&worst_table(outcomes, worst));
    }
    out
}

/// `[NAME] F1 0.xxx precision 0.xxx recall 0.xxx pages N failures M`.
pub fn summary_line(name: &str, s: &Summary, pages: usize, failures: usize) -> String {
    format!(
        "[{name}] F1 {:.3} precision {:.3} recall {:.3} pages {pages} failures {failures}\n",
        s.f1, s.precision, s.recall
    )
}

/// Accuracy, empty outputs, median and mean milliseconds per page.
fn detail_line(s: &Summary, outcomes: &[Outcome]) -> String {
    let times: Vec<f64> = outcomes.iter().filter_map(|o| o.ms).collect();
    let ms = |v: Option<f64>| v.map_or_else(|| "n/a".to_string(), |v| format!("{v:.1}"));
    let empty = outcomes.iter().filter(|o| o.empty).count();
    format!(
        "    (shingle metric) accuracy {:.3} empty_outputs {empty} median_ms/page {} mean_ms/page {}\n",
        s.accuracy,
        ms(median(&times)),
        ms(mean(times.iter().copied())),
    )
}

/// The `n` pages with the lowest F1 (ties in corpus order), as a table.
fn worst_table(outcomes: &[Outcome], n: usize) -> String {
    let mut rows: Vec<&Outcome> = outcomes.iter().collect();
    rows.sort_by(|a, b| a.score.counts.f1().total_cmp(&b.score.counts.f1()));
    rows.truncate(n);
    let mut out = format!("    worst {} pages:\n", rows.len());
    let _ = writeln!(out, "    {:>6} {:>6} {:>6} {:>8} {:>8} {:>8}  id", "F1", "P", "R", "true_tok", "pred_tok", "ms");
    for o in rows {
        let c = &o.score.counts;
        let ms = o.ms.map_or_else(|| "-".to_string(), |v| format!("{v:.0}"));
        let err = o.error.as_ref().map(|e| format!("  [{e}]")).unwrap_or_default();
        let _ = writeln!(
            out,
            "    {:>6} {:>6} {:>6} {:>8} {:>8} {:>8}  {}{err}",
            three(Some(c.f1())),
            three(c.precision()),
            three(c.recall()),
            o.score.true_tokens,
            o.score.pred_tokens,
            ms,
            o.id
        );
    }
    out
}

/// A score with three decimals, or the scorer's `  -  ` for an undefined one.
fn three(v: Option<f64>) -> String {
    v.map_or_else(|| "  -  ".to_string(), |v| format!("{v:.3}"))
}
