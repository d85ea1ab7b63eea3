//! Corpus pages for the Markdown corpus tests (`markdown_fidelity.rs`, `markdown_text.rs`):
//! loading the three vendored corpora (and the shared WCXB-dev one when present), extracting
//! them on every core, and running the reference Python tools under `tests/tools/`.

#![allow(dead_code)]

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

use readmark::{Article, Options, extract_html};
use readmark_tools::eval::corpus::{self, Page};

/// The vendored corpora and tools.
pub fn tests_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests")
}

/// The full WCXB dev split, outside the repository (absent on a fresh clone).
pub fn shared_wcxb_dev() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/corpora/wcxb-dev")
}

/// Readability and scrapinghub pages, through the crate's own corpus loader.
pub fn load(dir: &Path) -> Vec<Page> {
    corpus::load(dir)
        .unwrap_or_else(|e| panic!("corpus {}: {e}", dir.display()))
        .pages
}

/// WCXB layout: `ground-truth/<id>.json` (with `url`) + `html/<id>.html.gz`.
pub fn load_wcxb(dir: &Path) -> Vec<Page> {
    let gt = dir.join("ground-truth");
    let mut ids: Vec<String> = std::fs::read_dir(&gt)
        .unwrap_or_else(|e| panic!("{}: {e}", gt.display()))
        .filter_map(|e| {
            e.ok()?
                .file_name()
                .to_str()?
                .strip_suffix(".json")
                .map(str::to_string)
        })
        .collect();
    ids.sort();
    ids.into_iter()
        .map(|id| {
            let json: serde_json::Value = serde_json::from_str(
                &std::fs::read_to_string(gt.join(format!("{id}.json"))).unwrap_or_default(),
            )
            .unwrap_or_default();
            let url = json["url"].as_str().unwrap_or_default().to_string();
            let html = dir.join("html").join(format!("{id}.html.gz"));
            Page {
                id,
                html,
                url,
                truth: String::new(),
                labels: None,
            }
        })
        .collect()
}

/// Every page extracted, in order, on all cores (`Err` holds the error message).
pub fn extract_all(pages: &[Page]) -> Vec<Result<Article, String>> {
    corpus::par_map(pages, extract)
}

fn extract(page: &Page) -> Result<Article, String> {
    let html = corpus::read_html(page).map_err(|e| e.to_string())?;
    extract_html(&html, &page.url, &Options::default()).map_err(|e| e.to_string())
}

/// A Python interpreter that can import `module`: the project's `.venv` first, then
/// `python3`. Fails the test (never skips) when there is none, saying how to get one.
pub fn python_with(module: &str) -> PathBuf {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let candidates = [root.join(".venv/bin/python"), PathBuf::from("python3")];
    for python in candidates {
        let ok = Command::new(&python)
            .args(["-c", &format!("import {module}")])
            .output()
            .is_ok_and(|o| o.status.success());
        if ok {
            return python;
        }
    }
    panic!(
        "no Python with `{module}`: run `.venv/bin/pip install -r tests/tools/requirements.txt` (or scripts/setup.sh)"
    )
}

/// Runs `python script args…` with `input` on stdin; its stdout (the test fails if it fails).
pub fn run_python(python: &Path, script: &str, args: &[&str], input: &str) -> String {
    let mut child = Command::new(python)
        .arg(tests_dir().join("tools").join(script))
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap_or_else(|e| panic!("cannot run {}: {e}", python.display()));
    let mut stdin = child.stdin.take().expect("stdin is piped");
    let input = input.to_string();
    let writer = std::thread::spawn(move || stdin.write_all(input.as_bytes()));
    let out = child
        .wait_with_output()
        .unwrap_or_else(|e| panic!("{script}: {e}"));
    let _ = writer.join();
    assert!(
        out.status.success(),
        "{script} failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout).into_owned()
}
