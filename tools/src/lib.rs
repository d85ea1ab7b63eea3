//! The workspace's measuring tools around the `readmark` core, kept out of the shipped crate
//! (neither the browser extension nor a user of the library needs them):
//!
//! * [`eval`] — corpus evaluation: reading the benchmark corpora, the port of the reference
//!   scorer (`tests/tools/score.py`) and its reports; behind `readmark eval` and the quality
//!   floors of `tests/quality.rs`.
//! * [`snapshot`] — the snapshot encoder: a parsed page written as the DOM snapshot JSON the
//!   extension's content script would send, so that the snapshot path can be tested, fuzzed
//!   and benchmarked on every corpus page without a browser.
//!
//! The `readmark` command line (`src/main.rs`, `src/cli/`) is this package's binary: its
//! `eval` subcommand needs [`eval`], and a binary of the core package could not depend on a
//! crate that depends on the core.

pub mod eval;
pub mod snapshot;
