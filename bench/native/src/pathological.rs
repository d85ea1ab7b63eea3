//! `pathological`: the hostile shapes of issue 12 at growing sizes, each through readmark's
//! whole pipeline (HTML shapes through `extract_html`, snapshot shapes through
//! `extract_snapshot`), reporting seconds per megabyte of input at each size. A shape whose
//! time per megabyte stays flat as the size grows is linear; the budget is about one second
//! per megabyte. Sizes are bounded (`--max-bytes`, default 4 MB; `--quick` 256 kB) so that a
//! regression to quadratic work shows as a rising figure, not a run that never ends.
//!
//! Times are CPU time of the measuring thread (`CLOCK_THREAD_CPUTIME_ID`; wall-clock time
//! where that is missing): on a shared machine, waiting for a core is not the input's cost.
//! The wall-clock time is reported beside it.
//! Each point is the fastest of up to [`REPS`] runs (a single run of a one-millisecond point
//! is at the mercy of the machine's other work; a slow point is run once). The outcome (`ok`,
//! or the error's kind and limit) is reported with the time: most shapes are meant to be
//! refused early. `make bench` runs it (`scripts/bench.sh`), and `bench/report.py` writes its
//! table into BENCHMARKS.md ("Hostile inputs").

use std::time::Instant;

use serde_json::{Value, json};

use crate::args::Args;

/// Largest input by default, and with `--quick`.
const MAX_BYTES: usize = 4_096_000;
const QUICK_MAX_BYTES: usize = 256_000;
/// The smallest size; each next size is four times the previous.
const MIN_BYTES: usize = 16_000;
/// A shape whose point took longer than this is not run at larger sizes: a quadratic shape
/// would take sixteen times as long at the next size (the run of `[` took 452 s at 1 MB).
const SKIP_AFTER_SECS: f64 = 5.0;
/// Runs per point at most, the fastest kept; a point slower than [`REPEAT_UNDER_SECS`] is run
/// once (its time is not noise, and a slow shape would make the run long).
const REPS: usize = 3;
const REPEAT_UNDER_SECS: f64 = 0.5;

/// One shape: its name, whether it is a snapshot, and a repeating unit.
struct Shape {
    name: &'static str,
    snapshot: bool,
    /// The input of about `bytes` bytes.
    make: fn(usize) -> String,
}

const SHAPES: &[Shape] = &[
    Shape {
        name: "nested div",
        snapshot: false,
        make: |n| html_page(&"<div>".repeat(n / 5)),
    },
    Shape {
        name: "noscript nested div",
        snapshot: false,
        make: |n| html_page(&format!("<noscript>{}</noscript>", "<div>".repeat(n / 5))),
    },
    Shape {
        name: "paragraphs in 330 nested noscripts",
        snapshot: false,
        // A fuzz find: each `noscript` was serialised (image fallbacks) and measured (the
        // crawler view) on its whole subtree, so the work grew with nesting times size.
        make: |n| {
            html_page(&format!(
                "{}{}",
                "<noscript>".repeat(330),
                "<p>Some words here, and more.</p>".repeat(n / 32)
            ))
        },
    },
    Shape {
        name: "unclosed link before paragraphs",
        snapshot: false,
        // A fuzz find: the parser copies an open `<a>`, with its 20 KB `href`, into every
        // paragraph after it; each copy was written out as a link.
        make: |n| {
            html_page(&format!(
                "<p><a href=\"https://example.org/{}\">link {}",
                "x".repeat(20_000),
                "<p>Some words here, and more.</p>".repeat(n.saturating_sub(20_000) / 32)
            ))
        },
    },
    Shape {
        name: "product paragraphs 500 deep",
        snapshot: false,
        // Blocks said twice are dropped on product pages: each nested level's text was
        // read whole to compare it (4 s for 1.1 MB).
        make: |n| {
            let para = "<p>A solid frame, a quiet motor and a top that resists scratches, dents \
                        and spills for years of daily use at home.</p>";
            format!(
                "<html><head><title>Desk</title><meta property=og:type content=product></head>\
                 <body><main>{}{}</main></body></html>",
                format!("<div>{para}").repeat(500),
                para.repeat(n.saturating_sub(70_000) / para.len())
            )
        },
    },
    Shape {
        name: "attributes on one element",
        snapshot: false,
        make: |n| html_page(&format!("<p{}>x</p>", attrs(n / 7))),
    },
    Shape {
        name: "unclosed <i>a",
        snapshot: false,
        make: |n| html_page(&"<i>a".repeat(n / 4)),
    },
    Shape {
        name: "reopened formatting",
        snapshot: false,
        make: |n| {
            html_page(&format!(
                "<p>{}</p>{}",
                distinct_bold(300),
                "<p>x</p>".repeat(n / 8)
            ))
        },
    },
    Shape {
        name: "paragraphs 500 deep",
        snapshot: false,
        make: |n| {
            html_page(&format!(
                "{}{}",
                "<div>".repeat(500),
                "<p>Some words here, and more.</p>".repeat(n / 32)
            ))
        },
    },
    Shape {
        name: "paragraphs 500 deep, no commas",
        snapshot: false,
        // Without commas no container reads as prose early: conditional cleaning judged
        // each of the 500 levels on its whole subtree (4.3 s for 1 MB).
        make: |n| {
            html_page(&format!(
                "{}{}",
                "<div>".repeat(500),
                "<p>Some words here and more.</p>".repeat(n / 31)
            ))
        },
    },
    Shape {
        name: "handlers on every element",
        snapshot: false,
        // Each attribute the sanitizer dropped rescanned the element's attribute list.
        make: |n| {
            html_page(&format!("<p{}>x</p>", handlers(999)).repeat((n / (999 * 11 + 8)).max(1)))
        },
    },
    Shape {
        name: "run of [",
        snapshot: false,
        make: |n| html_page(&format!("<p>{}</p>", "[".repeat(n))),
    },
    Shape {
        name: "snapshot indentation runs",
        snapshot: true,
        make: |n| snapshot_page(&vec!["4096"; n / 5].join(","), n / 5),
    },
    Shape {
        name: "snapshot noscript nested div",
        snapshot: true,
        make: |n| {
            snapshot_page(
                &format!(r#"["noscript",1],{}"#, json!("<div>".repeat(n / 5))),
                1,
            )
        },
    },
];

/// A page with an ordinary paragraph first, then the hostile part.
fn html_page(hostile: &str) -> String {
    let para = "The council met on Tuesday to discuss the budget for the coming year. ".repeat(8);
    format!(
        "<html><head><title>T</title></head><body><article><p>{para}</p>{hostile}</article></body></html>"
    )
}

/// `count` open `<b>` with distinct ids: the tree builder re-opens each in every paragraph
/// (identical ones it keeps only three of).
fn distinct_bold(count: usize) -> String {
    (0..count).map(|i| format!("<b id=b{i}>")).collect()
}

/// `count` event-handler attributes (`onclick`-like, distinct).
fn handlers(count: usize) -> String {
    (0..count).map(|i| format!(" on{i:04}=x()")).collect()
}

fn attrs(count: usize) -> String {
    (0..count).map(|i| format!(" a{i}")).collect()
}

/// A snapshot whose `article` has `children` child entries given by `nodes`.
fn snapshot_page(nodes: &str, children: usize) -> String {
    let para =
        json!("The council met on Tuesday to discuss the budget for the coming year. ".repeat(8));
    format!(
        r#"{{"v":1,"url":"https://example.org/a","doc":[["html",2],["head"],["body",1],["article",{}],["p",1],{para},{nodes}]}}"#,
        children + 1
    )
}

pub fn run(args: &Args) -> Result<Value, String> {
    let max = args.max_bytes.unwrap_or(if args.quick {
        QUICK_MAX_BYTES
    } else {
        MAX_BYTES
    });
    let sizes: Vec<usize> = std::iter::successors(Some(MIN_BYTES), |s| Some(s * 4))
        .take_while(|s| *s <= max)
        .collect();
    let shapes: Vec<Value> = SHAPES
        .iter()
        .map(|shape| measure_shape(shape, &sizes))
        .collect();
    Ok(json!({ "max_bytes": max, "shapes": shapes }))
}

fn measure_shape(shape: &Shape, sizes: &[usize]) -> Value {
    let mut points: Vec<Value> = Vec::new();
    for &size in sizes {
        let slow = points
            .last()
            .and_then(|p| p["seconds"].as_f64())
            .filter(|s| *s > SKIP_AFTER_SECS);
        if let Some(secs) = slow {
            eprintln!(
                "{:<30} {size:>9} B  skipped: the previous size took {secs:.1} s",
                shape.name
            );
            points.push(
                json!({ "target_bytes": size, "bytes": size, "skipped": format!("previous size took {secs:.1} s") }),
            );
            break;
        }
        points.push(measure_point(shape, size));
    }
    json!({ "shape": shape.name, "input": if shape.snapshot { "snapshot" } else { "html" }, "points": points })
}

fn measure_point(shape: &Shape, size: usize) -> Value {
    let input = (shape.make)(size);
    let (mut secs, mut wall, result) = run_once(shape, &input);
    for _ in 1..REPS {
        if secs >= REPEAT_UNDER_SECS {
            break;
        }
        let (again, again_wall, _) = run_once(shape, &input);
        if again < secs {
            (secs, wall) = (again, again_wall);
        }
    }
    let mb = input.len() as f64 / 1e6;
    let outcome = match result {
        Ok(_) => "ok".to_string(),
        Err(readmark::Error::LimitExceeded { limit, .. }) => format!("refused: {limit}"),
        Err(e) => e.kind().to_string(),
    };
    eprintln!(
        "{:<30} {:>9} B  {:>8.4} s CPU  {:>8.3} s/MB  ({:.4} s wall)  {outcome}",
        shape.name,
        input.len(),
        secs,
        secs / mb,
        wall
    );
    json!({
        "target_bytes": size,
        "bytes": input.len(),
        "seconds": secs,
        "wall_seconds": wall,
        "seconds_per_mb": secs / mb,
        "outcome": outcome,
    })
}

/// One extraction of the input: its CPU and wall-clock seconds, and its result.
fn run_once(shape: &Shape, input: &str) -> (f64, f64, Result<readmark::Article, readmark::Error>) {
    let opts = readmark::Options::default();
    let (start, cpu_start) = (Instant::now(), thread_cpu_seconds());
    let result = if shape.snapshot {
        readmark::extract_snapshot(input, &opts)
    } else {
        readmark::extract_html(input, "https://example.org/a", &opts)
    };
    let wall = start.elapsed().as_secs_f64();
    let cpu = match (cpu_start, thread_cpu_seconds()) {
        (Some(a), Some(b)) => b - a,
        _ => wall,
    };
    (cpu, wall, result)
}

/// CPU time this thread has run, in seconds (`CLOCK_THREAD_CPUTIME_ID`); None where that
/// clock is missing.
#[cfg(unix)]
fn thread_cpu_seconds() -> Option<f64> {
    let mut now = libc::timespec {
        tv_sec: 0,
        tv_nsec: 0,
    };
    // SAFETY: clock_gettime only writes the timespec it is given, which lives for the call.
    let status = unsafe { libc::clock_gettime(libc::CLOCK_THREAD_CPUTIME_ID, &mut now) };
    (status == 0).then(|| now.tv_sec as f64 + now.tv_nsec as f64 / 1e9)
}

#[cfg(not(unix))]
fn thread_cpu_seconds() -> Option<f64> {
    None
}
