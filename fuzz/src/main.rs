//! readmark-fuzz: a fuzzing harness on stable Rust (no nightly, no libFuzzer), seeded from the
//! repository's corpora. Random bytes from a seeded generator become structured mutations
//! through the `arbitrary` crate ([`mutate`]); each mutated input goes through one target
//! ([`targets`]); a panic, or an input slower than the time bound, is a failure, saved under
//! `fuzz/artifacts/<target>/` and reported, and the run exits non-zero.
//!
//! ```text
//! cargo run --profile fuzz -p readmark-fuzz -- [--seconds N] [--seed S] [--target NAME]
//!     [--slow-ms MS] [--slow-ms-per-mb MS] [--max-seeds N]
//! cargo run --profile fuzz -p readmark-fuzz -- --target NAME --replay FILE...
//! ```
//!
//! Targets: `snapshot` (snapshot decoding and extraction), `html` (`extract_html`, then the
//! Markdown document and `render_markdown` of its output), `markdown` (the Markdown and text
//! writers on any parsed body, not only on what the finder picks), `render`
//! (`render_markdown` on mutated Markdown); `all` (the default) shares the time among them.
//! A run is reproducible from its seed. The time bound is `--slow-ms` plus `--slow-ms-per-mb`
//! per megabyte of input (defaults 1000 + 1000: the issue's budget of about a second per
//! megabyte, with a floor for small inputs), in CPU time of the fuzzing thread (so that a
//! busy machine does not make inputs look slow); an input over it is timed once more and
//! counts as slow only if both runs were. `--replay` runs saved inputs once each and prints
//! their CPU time.

mod mutate;
mod seeds;
mod targets;

use std::path::PathBuf;
use std::process::ExitCode;
use std::time::{Duration, Instant};

use targets::{Outcome, Target};

/// What the command line asks for.
struct Args {
    seconds: u64,
    seed: u64,
    targets: Vec<Target>,
    slow_ms: u64,
    slow_ms_per_mb: u64,
    max_seeds: usize,
    /// Saved inputs to run once each instead of fuzzing.
    replay: Vec<String>,
}

const USAGE: &str = "usage: readmark-fuzz [--seconds N] [--seed S] [--target snapshot|html|markdown|render|all] \
[--slow-ms MS] [--slow-ms-per-mb MS] [--max-seeds N] | --target NAME --replay FILE...";

fn main() -> ExitCode {
    let argv: Vec<String> = std::env::args().skip(1).collect();
    let args = match parse_args(&argv) {
        Ok(a) => a,
        Err(e) => {
            eprintln!("readmark-fuzz: {e}\n{USAGE}");
            return ExitCode::from(2);
        }
    };
    // Panics are caught and reported per input; the default hook would print each one.
    std::panic::set_hook(Box::new(|_| {}));
    if !args.replay.is_empty() {
        return replay(args.targets[0], &args.replay);
    }
    let seeds = seeds::load(&root(), args.max_seeds);
    eprintln!(
        "readmark-fuzz: {} HTML seeds, {} snapshot seeds, {} Markdown seeds",
        seeds.html.len(),
        seeds.snapshots.len(),
        seeds.markdown.len()
    );
    let report = run(&args, &seeds);
    report.print(&args);
    if report.failures == 0 {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    }
}

/// The repository root (this crate's parent directory).
fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("..")
}

fn parse_args(argv: &[String]) -> Result<Args, String> {
    let mut args = Args {
        seconds: 60,
        seed: 1,
        targets: Target::ALL.to_vec(),
        slow_ms: 1000,
        slow_ms_per_mb: 1000,
        max_seeds: 400,
        replay: Vec::new(),
    };
    let mut it = argv.iter();
    while let Some(flag) = it.next() {
        let mut value = || it.next().ok_or_else(|| format!("{flag} needs a value"));
        let number = |v: &String| {
            v.parse::<u64>()
                .map_err(|_| format!("{flag}: not a number: {v}"))
        };
        match flag.as_str() {
            "--seconds" => args.seconds = number(value()?)?,
            "--seed" => args.seed = number(value()?)?,
            "--slow-ms" => args.slow_ms = number(value()?)?,
            "--slow-ms-per-mb" => args.slow_ms_per_mb = number(value()?)?,
            "--max-seeds" => args.max_seeds = number(value()?)? as usize,
            "--target" => args.targets = Target::parse(value()?)?,
            "--replay" => args.replay = it.by_ref().cloned().collect(),
            other => return Err(format!("unknown argument {other}")),
        }
    }
    Ok(args)
}

/// Counts of one run.
#[derive(Default)]
struct Report {
    inputs: u64,
    per_target: Vec<(Target, u64)>,
    panics: u64,
    slow: u64,
    failures: u64,
    slowest: (Duration, usize, &'static str),
    busy: Duration,
}

/// How often a long run prints its counts so far (stderr), so that its log has figures even
/// if it is stopped.
const PROGRESS_EVERY: Duration = Duration::from_secs(300);

impl Report {
    fn progress(&self) {
        eprintln!(
            "readmark-fuzz: so far {} inputs, {:.1} s CPU in the targets, {} panics, {} slow; slowest {:.1} ms ({})",
            self.inputs,
            self.busy.as_secs_f64(),
            self.panics,
            self.slow,
            self.slowest.0.as_secs_f64() * 1000.0,
            self.slowest.2,
        );
    }

    fn print(&self, args: &Args) {
        let targets: Vec<String> = self
            .per_target
            .iter()
            .map(|(t, n)| format!("{}={n}", t.name()))
            .collect();
        println!(
            "readmark-fuzz: seed {} ran {} s: {} inputs ({}), {:.1} s in the targets; {} panics, {} slow (bound {} ms + {} ms/MB); slowest {:.1} ms ({} bytes, {})",
            args.seed,
            args.seconds,
            self.inputs,
            targets.join(", "),
            self.busy.as_secs_f64(),
            self.panics,
            self.slow,
            args.slow_ms,
            args.slow_ms_per_mb,
            self.slowest.0.as_secs_f64() * 1000.0,
            self.slowest.1,
            self.slowest.2,
        );
    }
}

/// Fuzzes until the time is up, the targets taking turns.
fn run(args: &Args, seeds: &seeds::Seeds) -> Report {
    let mut rng = mutate::Rng::new(args.seed);
    let mut report = Report {
        per_target: args.targets.iter().map(|t| (*t, 0)).collect(),
        ..Report::default()
    };
    let deadline = Instant::now() + Duration::from_secs(args.seconds);
    let mut next_progress = Instant::now() + PROGRESS_EVERY;
    let mut turn = 0usize;
    while Instant::now() < deadline {
        if Instant::now() >= next_progress {
            next_progress += PROGRESS_EVERY;
            report.progress();
        }
        let index = turn % args.targets.len();
        let target = args.targets[index];
        turn += 1;
        let input = target.input(seeds, &mut rng);
        let outcome = time_input(target, &input, args);
        report.inputs += 1;
        report.per_target[index].1 += 1;
        record(&mut report, target, &input, outcome);
    }
    report
}

/// Runs one input; a slow one is run once more, and stays slow only if it is slow again.
fn time_input(target: Target, input: &[u8], args: &Args) -> (Outcome, Duration) {
    let bound =
        Duration::from_millis(args.slow_ms + args.slow_ms_per_mb * input.len() as u64 / 1_000_000);
    let (outcome, took) = timed(target, input);
    if took <= bound || !matches!(outcome, Outcome::Done) {
        return (outcome, took);
    }
    let (again, took_again) = timed(target, input);
    let best = took.min(took_again);
    if best > bound {
        (Outcome::Slow(best), best)
    } else {
        (again, best)
    }
}

/// Runs the target once, measuring the CPU time of this thread (Linux's schedstat; wall-clock
/// time elsewhere): on a shared machine, waiting for a core is not the target's slowness.
fn timed(target: Target, input: &[u8]) -> (Outcome, Duration) {
    let (start, cpu_start) = (Instant::now(), thread_cpu_time());
    let outcome = target.run(input);
    let took = match (cpu_start, thread_cpu_time()) {
        (Some(a), Some(b)) => b.saturating_sub(a),
        _ => start.elapsed(),
    };
    (outcome, took)
}

/// CPU time this thread has run, from /proc/thread-self/schedstat (nanoseconds, first field).
fn thread_cpu_time() -> Option<Duration> {
    let stat = std::fs::read_to_string("/proc/thread-self/schedstat").ok()?;
    stat.split_whitespace()
        .next()?
        .parse()
        .ok()
        .map(Duration::from_nanos)
}

/// Runs the target on saved inputs (`--replay FILE…`), printing each one's time and outcome.
fn replay(target: Target, files: &[String]) -> ExitCode {
    let mut failed = false;
    for file in files {
        let Ok(input) = std::fs::read(file) else {
            eprintln!("readmark-fuzz: cannot read {file}");
            return ExitCode::from(2);
        };
        let (outcome, took) = timed(target, &input);
        let what = match outcome {
            Outcome::Done => "done".to_string(),
            Outcome::Panic(m) => {
                failed = true;
                format!("panic: {m}")
            }
            Outcome::Slow(_) => "slow".to_string(),
        };
        println!(
            "{file}: {} bytes, {:.1} ms CPU, {what}",
            input.len(),
            took.as_secs_f64() * 1000.0
        );
    }
    if failed {
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    }
}

fn record(report: &mut Report, target: Target, input: &[u8], (outcome, took): (Outcome, Duration)) {
    report.busy += took;
    if took > report.slowest.0 {
        report.slowest = (took, input.len(), target.name());
    }
    let kind = match outcome {
        Outcome::Done => return,
        Outcome::Panic(message) => {
            report.panics += 1;
            format!("panic: {message}")
        }
        Outcome::Slow(t) => {
            report.slow += 1;
            format!("slow: {:.0} ms", t.as_secs_f64() * 1000.0)
        }
    };
    report.failures += 1;
    let saved = save_artifact(target, input);
    eprintln!(
        "readmark-fuzz: {} input of {} bytes, {kind}; saved as {saved}",
        target.name(),
        input.len()
    );
}

/// Saves a failing input under fuzz/artifacts/<target>/ (named by its content hash).
fn save_artifact(target: Target, input: &[u8]) -> String {
    let dir = root().join("fuzz/artifacts").join(target.name());
    let name = format!("{:016x}", mutate::hash(input));
    let path = dir.join(name);
    match std::fs::create_dir_all(&dir).and_then(|()| std::fs::write(&path, input)) {
        Ok(()) => path.display().to_string(),
        Err(e) => format!("(not saved: {e})"),
    }
}
