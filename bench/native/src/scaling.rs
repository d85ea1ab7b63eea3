//! `scaling`: time and peak heap on synthetic pages of growing size, by bytes and by nodes,
//! and how far each engine is from linear.
//!
//! Linearity is reported, not asserted: for each engine and series the time per byte (or per
//! node) at every size, and the ratio of that cost at the largest size to the smallest. A
//! linear engine keeps the ratio near 1 (below 1 when fixed per-page costs weigh on the
//! smallest page); a quadratic one multiplies it by the size ratio.

use serde_json::{Value, json};

use crate::alloc::measure_peak;
use crate::args::Args;
use crate::engines::{ENGINES, Engine, node_count};
use crate::pages::repo_root;
use crate::stats::{median, round, timed};
use crate::synth::Material;

/// Page sizes in bytes (decimal: 10 KB … 10 MB): a small article to far beyond the largest
/// corpus page (1.6 MB), each ten times the last, so growth in cost per byte stands out.
const BYTE_SIZES: [usize; 4] = [10_000, 100_000, 1_000_000, 10_000_000];
/// Page sizes in nodes: the largest corpus page has about 60 000; 1M is readmark's default
/// node limit.
const NODE_SIZES: [usize; 4] = [1_000, 10_000, 100_000, 1_000_000];
/// Largest sizes in quick mode: pages extracted in milliseconds.
const QUICK_MAX_BYTES: usize = 100_000;
const QUICK_MAX_NODES: usize = 10_000;
/// Timed runs per engine and point; the median is reported.
const TIME_RUNS: usize = 3;
/// dom_smoothie is skipped at a point when its time per run, extrapolated from the points
/// before with the growth exponent seen so far (at least linear), would pass this: the
/// series must end in minutes even if an engine turns out quadratic.
const DOM_SMOOTHIE_BUDGET_SECS: f64 = 20.0;
/// The URL synthetic pages are extracted with.
const PAGE_URL: &str = "https://engineering.example.com/posts/monitoring-distributed-systems";

/// What a series grows.
#[derive(Clone, Copy)]
enum Axis {
    Bytes,
    Nodes,
}

impl Axis {
    fn name(self) -> &'static str {
        match self {
            Axis::Bytes => "bytes",
            Axis::Nodes => "nodes",
        }
    }
}

/// A synthetic page and its actual size on both axes.
struct Point {
    html: String,
    nodes: usize,
}

impl Point {
    fn size(&self, axis: Axis) -> usize {
        match axis {
            Axis::Bytes => self.html.len(),
            Axis::Nodes => self.nodes,
        }
    }
}

/// One engine's result at one point: median seconds and the JSON to report.
struct Measured {
    secs: f64,
    report: Value,
}

pub fn run(args: &Args) -> Result<Value, String> {
    let material = Material::load(&repo_root())?;
    let quick_cap = |quick_max: usize| args.quick.then_some(quick_max);
    let max_bytes = args
        .max_bytes
        .or(quick_cap(QUICK_MAX_BYTES))
        .unwrap_or(usize::MAX);
    let max_nodes = args
        .max_nodes
        .or(quick_cap(QUICK_MAX_NODES))
        .unwrap_or(usize::MAX);
    Ok(json!({
        "url": PAGE_URL,
        "time_runs": TIME_RUNS,
        "dom_smoothie_budget_seconds": DOM_SMOOTHIE_BUDGET_SECS,
        "by_bytes": series(&material, Axis::Bytes, &capped(&BYTE_SIZES, max_bytes)),
        "by_nodes": series(&material, Axis::Nodes, &capped(&NODE_SIZES, max_nodes)),
    }))
}

fn capped(sizes: &[usize], max: usize) -> Vec<usize> {
    sizes.iter().copied().filter(|&s| s <= max).collect()
}

/// Measures both engines at every size of one series.
fn series(material: &Material, axis: Axis, sizes: &[usize]) -> Value {
    let mut points = Vec::new();
    // Per engine: (size, median seconds) of each point it ran, for the budget and linearity.
    let mut history: Vec<Vec<(usize, f64)>> = vec![Vec::new(); ENGINES.len()];
    for &target in sizes {
        let point = synthesize(material, axis, target);
        eprintln!(
            "scaling by {}: {target} -> {} bytes, {} nodes",
            axis.name(),
            point.html.len(),
            point.nodes
        );
        let (opts, raised) = readmark_options(&point);
        let mut row = json!({
            "target": target,
            "bytes": point.html.len(),
            "nodes": point.nodes,
            "readmark_limits": {"max_bytes": opts.max_bytes, "max_nodes": opts.max_nodes, "raised": raised},
        });
        for (e, &engine) in ENGINES.iter().enumerate() {
            let size = point.size(axis);
            row[engine.name()] = match skip_reason(engine, &history[e], size) {
                Some(reason) => json!({"skipped": reason}),
                None => {
                    let m = measure(engine, &point, &opts);
                    history[e].push((size, m.secs));
                    m.report
                }
            };
        }
        points.push(row);
    }
    json!({"axis": axis.name(), "points": points, "linearity": linearity(axis, &history)})
}

fn synthesize(material: &Material, axis: Axis, target: usize) -> Point {
    let html = match axis {
        Axis::Bytes => material.page_of_bytes(target),
        Axis::Nodes => material.page_of_nodes(target),
    };
    let nodes = node_count(&html);
    Point { html, nodes }
}

/// readmark's default options, with the byte and node limits raised to the page's size when
/// it is over them (the 1M-node page is); true when raised.
fn readmark_options(point: &Point) -> (readmark::Options, bool) {
    let default = readmark::Options::default();
    let raised = point.html.len() > default.max_bytes || point.nodes > default.max_nodes;
    let opts = readmark::Options {
        max_bytes: default.max_bytes.max(point.html.len()),
        max_nodes: default.max_nodes.max(point.nodes),
        ..default
    };
    (opts, raised)
}

/// Why `engine` is not run at a point of `size`, if it is not: only dom_smoothie is bounded.
fn skip_reason(engine: Engine, history: &[(usize, f64)], size: usize) -> Option<String> {
    if engine != Engine::DomSmoothie {
        return None;
    }
    let predicted = predict_secs(history, size)?;
    (predicted > DOM_SMOOTHIE_BUDGET_SECS).then(|| {
        format!("skipped: about {predicted:.0} s per run predicted from the smaller sizes, over the {DOM_SMOOTHIE_BUDGET_SECS} s budget")
    })
}

/// Seconds at `size` extrapolated from the last point, with the growth exponent of the last
/// two points (at least 1: never assume better than linear); `None` with no history.
fn predict_secs(history: &[(usize, f64)], size: usize) -> Option<f64> {
    let &(last_size, last_secs) = history.last()?;
    let exponent = match history {
        [.., (s1, t1), (s2, t2)] if *t1 > 0.0 && *s2 > *s1 => {
            ((t2 / t1).ln() / (*s2 as f64 / *s1 as f64).ln()).max(1.0)
        }
        _ => 1.0,
    };
    Some(last_secs * (size as f64 / last_size as f64).powf(exponent))
}

/// Times `engine` on the page ([`TIME_RUNS`] runs), then measures its peak heap in one more
/// run (counting is off while timing, so the allocator's counters do not slow the timed runs).
fn measure(engine: Engine, point: &Point, opts: &readmark::Options) -> Measured {
    let runs: Vec<f64> = (0..TIME_RUNS)
        .map(|_| timed(|| engine.extract(&point.html, PAGE_URL, opts)).1)
        .collect();
    let (result, peak) = measure_peak(|| engine.extract(&point.html, PAGE_URL, opts));
    let secs = median(&runs);
    let (bytes, nodes) = (point.html.len() as f64, point.nodes as f64);
    eprintln!(
        "  {}: {:.1} ms, peak {:.1} MB{}",
        engine.name(),
        secs * 1e3,
        peak as f64 / 1e6,
        result
            .as_ref()
            .err()
            .map(|e| format!(", error: {e}"))
            .unwrap_or_default()
    );
    let report = json!({
        "ms": round(secs * 1e3, 3),
        "runs_ms": runs.iter().map(|s| round(s * 1e3, 3)).collect::<Vec<_>>(),
        "ns_per_byte": round(secs * 1e9 / bytes, 3),
        "ns_per_node": round(secs * 1e9 / nodes, 3),
        "peak_bytes": peak,
        "peak_over_page_bytes": round(peak as f64 / bytes, 2),
        "markdown_bytes": result.as_ref().ok(),
        "error": result.err(),
    });
    Measured { secs, report }
}

/// Per engine: the time per unit of the axis at each size it ran, and the ratio of the cost
/// at the largest size to the smallest.
fn linearity(axis: Axis, history: &[Vec<(usize, f64)>]) -> Value {
    let unit = format!("ns_per_{}", axis.name().trim_end_matches('s'));
    let per_engine = ENGINES.iter().zip(history).map(|(engine, points)| {
        let costs: Vec<f64> = points.iter().map(|&(size, secs)| secs * 1e9 / size as f64).collect();
        let ratio = match (costs.first(), costs.last()) {
            (Some(first), Some(last)) if costs.len() > 1 => Some(round(last / first, 3)),
            _ => None,
        };
        let mut report = json!({"sizes": points.iter().map(|p| p.0).collect::<Vec<_>>(), "largest_over_smallest": ratio});
        report[&unit] = json!(costs.iter().map(|c| round(*c, 3)).collect::<Vec<_>>());
        (engine.name().to_string(), report)
    });
    Value::Object(per_engine.collect())
}
