//! readmark-bench: readmark against dom_smoothie (a Rust port of Mozilla Readability) on the
//! repository's corpora and on synthetic pages.
//!
//! Run it in release mode, from anywhere in the repository:
//!
//! ```text
//! cargo run --release -p readmark-bench -- throughput [--pages N] [--rounds R] [--quick]
//! cargo run --release -p readmark-bench -- memory [--quick]
//! cargo run --release -p readmark-bench -- scaling [--max-bytes B] [--max-nodes N] [--quick]
//! cargo run --release -p readmark-bench -- pathological [--max-bytes B] [--quick]
//! ```
//!
//! Each prints one JSON object on stdout (the input of the BENCHMARKS.md renderer) and its
//! progress on stderr. The module of each subcommand says what it measures and how.

mod alloc;
mod args;
mod engines;
mod memory;
mod pages;
mod pathological;
mod scaling;
mod stats;
mod synth;
mod throughput;

use std::process::ExitCode;

use serde_json::{Value, json};

use args::{Args, Command};

#[global_allocator]
static ALLOCATOR: alloc::CountingAlloc = alloc::CountingAlloc;

fn main() -> ExitCode {
    let argv: Vec<String> = std::env::args().skip(1).collect();
    let args = match args::parse(&argv) {
        Ok(args) => args,
        Err(message) => {
            eprintln!("readmark-bench: {message}\n\n{}", args::USAGE);
            return ExitCode::from(2);
        }
    };
    match run(&args) {
        Ok(report) => {
            println!("{report:#}");
            ExitCode::SUCCESS
        }
        Err(message) => {
            eprintln!("readmark-bench: {message}");
            ExitCode::FAILURE
        }
    }
}

/// Runs the subcommand and returns its report, headed by what was run and how it was built.
fn run(args: &Args) -> Result<Value, String> {
    let (name, results) = match args.command {
        Command::Throughput => ("throughput", throughput::run(args)?),
        Command::Memory => ("memory", memory::run(args)?),
        Command::Scaling => ("scaling", scaling::run(args)?),
        Command::Pathological => ("pathological", pathological::run(args)?),
    };
    let mut report = json!({
        "subcommand": name,
        "quick": args.quick,
        "build": build_info(),
    });
    if let (Some(head), Value::Object(body)) = (report.as_object_mut(), results) {
        head.extend(body);
    }
    Ok(report)
}

/// How the numbers were produced: a debug build's numbers are not comparable.
fn build_info() -> Value {
    json!({
        "profile": if cfg!(debug_assertions) { "debug" } else { "release" },
        "dom_smoothie_version": engines::DOM_SMOOTHIE_VERSION,
        "cpus": std::thread::available_parallelism().map(|n| n.get()).unwrap_or(1),
        "os": std::env::consts::OS,
        "arch": std::env::consts::ARCH,
    })
}
