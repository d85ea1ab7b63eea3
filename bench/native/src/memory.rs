//! `memory`: the peak heap each engine needs for the largest corpus page.

use serde_json::{Value, json};

use crate::alloc::measure_peak;
use crate::args::Args;
use crate::engines::{ENGINES, Engine, engines_object, node_count};
use crate::pages::{self, Page, Selection};
use crate::stats::round;

/// Pages of each corpus searched for the largest in quick mode (their first ones): a
/// smaller page keeps the run short while still measuring a real page.
const QUICK_PAGES_PER_CORPUS: usize = 2;

pub fn run(args: &Args) -> Result<Value, String> {
    let selection = if args.quick {
        Selection::EachCorpus(QUICK_PAGES_PER_CORPUS)
    } else {
        Selection::All
    };
    let (pages, _) = pages::load(selection)?;
    let page = pages
        .iter()
        .max_by_key(|p| p.html.len())
        .ok_or("no corpus page found")?;
    eprintln!(
        "memory: largest page {} ({} bytes)",
        page.id,
        page.html.len()
    );
    let reports = ENGINES.iter().map(|&e| engine_report(e, page)).collect();
    Ok(json!({
        "page": {"id": page.id, "bytes": page.html.len(), "nodes": node_count(&page.html)},
        "pages_searched": pages.len(),
        "engines": engines_object(reports),
    }))
}

/// Peak heap of one extraction of `page` by `engine`, above the heap live before it (the
/// page's HTML is already in memory and not counted).
fn engine_report(engine: Engine, page: &Page) -> Value {
    let opts = readmark::Options::default();
    let (result, peak) = measure_peak(|| engine.extract(&page.html, &page.url, &opts));
    let ratio = peak as f64 / page.html.len() as f64;
    eprintln!(
        "{}: peak {:.1} MB = {ratio:.1} x page",
        engine.name(),
        peak as f64 / 1e6
    );
    json!({
        "peak_bytes": peak,
        "peak_over_page_bytes": round(ratio, 2),
        "ok": result.is_ok(),
        "error": result.err(),
    })
}
