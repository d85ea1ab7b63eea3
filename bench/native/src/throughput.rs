//! `throughput`: every corpus page through both engines, several rounds, each call timed.
//!
//! Within a round the engines alternate page by page, and which one goes first flips from
//! page to page and round to round, so neither gets a warmer cache or a quieter machine on
//! average. A round's time per engine is the sum of its calls; rates come from the median
//! round, which discards a round disturbed by other load on the machine.

use serde_json::{Value, json};

use crate::args::Args;
use crate::engines::{ENGINES, Engine, engines_object};
use crate::pages::{self, Page, Selection};
use crate::stats::{MB, median, percentile, round, timed};

/// Rounds by default: an odd count, so the median round is a real round, and enough that
/// one round slowed by the browser tests sharing the machine does not move it.
const DEFAULT_ROUNDS: usize = 5;
/// Pages of each corpus in quick mode: both corpora take part, and it runs in a second.
const QUICK_PAGES_PER_CORPUS: usize = 2;
/// Rounds in quick mode.
const QUICK_ROUNDS: usize = 2;
/// Percentile of the per-page times reported besides the median.
const TAIL_PERCENTILE: f64 = 95.0;

/// The timings of one engine: seconds per call, `[round][page]`, and its failures.
struct Runs {
    secs: Vec<Vec<f64>>,
    /// `(page id, error)` of each page that failed in the first round.
    failures: Vec<(String, String)>,
}

pub fn run(args: &Args) -> Result<Value, String> {
    let selection = match (args.pages, args.quick) {
        (Some(n), _) => Selection::First(n),
        (None, true) => Selection::EachCorpus(QUICK_PAGES_PER_CORPUS),
        (None, false) => Selection::All,
    };
    let rounds = args.rounds.unwrap_or(if args.quick {
        QUICK_ROUNDS
    } else {
        DEFAULT_ROUNDS
    });
    let (pages, corpora) = pages::load(selection)?;
    eprintln!(
        "throughput: {} pages, {} bytes, {rounds} rounds",
        pages.len(),
        pages::total_bytes(&pages)
    );
    let runs = measure(&pages, rounds);
    let engines: Vec<Value> = ENGINES
        .iter()
        .zip(&runs)
        .map(|(&e, r)| engine_report(e, r, &pages))
        .collect();
    // `runs` is in ENGINES order: readmark, then dom_smoothie.
    let ratio = rate(&runs[0], &pages) / rate(&runs[1], &pages);
    eprintln!("throughput: readmark / dom_smoothie = {ratio:.2}");
    Ok(json!({
        "pages": pages.len(),
        "total_bytes": pages::total_bytes(&pages),
        "rounds": rounds,
        "corpora": corpora.iter().map(|c| json!({"path": c.path, "pages": c.pages})).collect::<Vec<_>>(),
        "engines": engines_object(engines),
        "ratio_readmark_over_dom_smoothie": round(ratio, 3),
        "per_page": per_page(&pages, &runs),
    }))
}

/// Runs every round and returns the timings of each engine, in [`ENGINES`] order.
fn measure(pages: &[Page], rounds: usize) -> Vec<Runs> {
    let mut runs: Vec<Runs> = ENGINES
        .iter()
        .map(|_| Runs {
            secs: Vec::new(),
            failures: Vec::new(),
        })
        .collect();
    let opts = readmark::Options::default();
    for r in 0..rounds {
        runs.iter_mut()
            .for_each(|run| run.secs.push(vec![0.0; pages.len()]));
        for (i, page) in pages.iter().enumerate() {
            for e in alternating_order(r + i) {
                let (result, secs) = timed(|| ENGINES[e].extract(&page.html, &page.url, &opts));
                runs[e].secs[r][i] = secs;
                if let (0, Err(error)) = (r, result) {
                    runs[e].failures.push((page.id.clone(), error));
                }
            }
        }
        let totals: Vec<String> = ENGINES
            .iter()
            .zip(&runs)
            .map(|(e, run)| format!("{} {:.3} s", e.name(), run.secs[r].iter().sum::<f64>()))
            .collect();
        eprintln!("round {}/{rounds}: {}", r + 1, totals.join(", "));
    }
    runs
}

/// Engine indexes in the order to run them for the `k`-th call pair: flips every pair.
fn alternating_order(k: usize) -> [usize; 2] {
    if k.is_multiple_of(2) { [0, 1] } else { [1, 0] }
}

/// Seconds of the median round.
fn median_round(runs: &Runs) -> f64 {
    median(
        &runs
            .secs
            .iter()
            .map(|r| r.iter().sum())
            .collect::<Vec<f64>>(),
    )
}

/// Pages per second in the median round.
fn rate(runs: &Runs, pages: &[Page]) -> f64 {
    pages.len() as f64 / median_round(runs)
}

/// Each page's median time over the rounds, in milliseconds.
fn page_medians_ms(runs: &Runs, page_count: usize) -> Vec<f64> {
    (0..page_count)
        .map(|i| 1000.0 * median(&runs.secs.iter().map(|r| r[i]).collect::<Vec<f64>>()))
        .collect()
}

fn engine_report(engine: Engine, runs: &Runs, pages: &[Page]) -> Value {
    let secs = median_round(runs);
    let bytes = pages::total_bytes(pages);
    let page_ms = page_medians_ms(runs, pages.len());
    eprintln!(
        "{}: {:.1} pages/s, {:.2} MB/s, {} failures",
        engine.name(),
        rate(runs, pages),
        bytes as f64 / MB / secs,
        runs.failures.len()
    );
    json!({
        "total_bytes": bytes,
        "round_seconds": runs.secs.iter().map(|r| round(r.iter().sum(), 4)).collect::<Vec<_>>(),
        "median_round_seconds": round(secs, 4),
        "pages_per_s": round(rate(runs, pages), 2),
        "mb_per_s": round(bytes as f64 / MB / secs, 3),
        "page_ms": {
            "median": round(median(&page_ms), 3),
            "p95": round(percentile(&page_ms, TAIL_PERCENTILE), 3),
            "max": round(percentile(&page_ms, 100.0), 3),
        },
        "failures": runs.failures.len(),
        "failed_pages": runs.failures.iter().map(|(id, error)| json!({"id": id, "error": error})).collect::<Vec<_>>(),
    })
}

/// Every page's size and median time per engine, for tables and plots.
fn per_page(pages: &[Page], runs: &[Runs]) -> Vec<Value> {
    let medians: Vec<Vec<f64>> = runs
        .iter()
        .map(|r| page_medians_ms(r, pages.len()))
        .collect();
    pages
        .iter()
        .enumerate()
        .map(|(i, page)| {
            let mut row = json!({"id": page.id, "bytes": page.html.len()});
            for (e, engine) in ENGINES.iter().enumerate() {
                row[format!("{}_ms", engine.name())] = json!(round(medians[e][i], 3));
            }
            row
        })
        .collect()
}
