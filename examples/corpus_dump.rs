//! Development aid: extracts every page of the bundled corpora and prints one JSON line per
//! page (`corpus`, `id`, `text`, `ms`, `error`) — the `--jsonl` input of the shared scorer.
//! `cargo run --release --example corpus_dump > out.jsonl`

use std::time::Instant;

use readmark::{Options, extract_html};

fn main() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/corpus");
    let mut pages: Vec<(String, String, std::path::PathBuf, String)> = Vec::new();
    if let Ok(entries) = std::fs::read_dir(root.join("readability")) {
        for e in entries.flatten() {
            let dir = e.path();
            if dir.join("source.html").is_file() {
                let id = e.file_name().to_string_lossy().to_string();
                pages.push(("readability".into(), id, dir.join("source.html"), "http://fakehost/test/page.html".into()));
            }
        }
    }
    let gt_path = root.join("scrapinghub-dev/ground-truth.json");
    if let Ok(gt) = std::fs::read_to_string(&gt_path) {
        let gt: serde_json::Value = serde_json::from_str(&gt).unwrap_or_default();
        if let Some(map) = gt.as_object() {
            for (id, v) in map {
                let url = v.get("url").and_then(|u| u.as_str()).unwrap_or("http://example.com/").to_string();
                pages.push(("scrapinghub".into(), id.clone(), root.join(format!("scrapinghub-dev/html/{id}.html")), url));
            }
        }
    }
    pages.sort();
    let only: Vec<String> = std::env::args().skip(1).collect();
    for (corpus, id, path, url) in pages {
        if !only.is_empty() && !only.contains(&id) {
            continue;
        }
        let html = String::from_utf8_lossy(&std::fs::read(&path).unwrap_or_default()).to_string();
        let start = Instant::now();
        let result = extract_html(&html, &url, &Options::default());
        let ms = start.elapsed().as_secs_f64() * 1000.0;
        let line = match result {
            Ok(a) => serde_json::json!({"corpus": corpus, "id": id, "text": a.text, "ms": ms, "title": a.metadata.title, "html": a.content_html}),
            Err(e) => serde_json::json!({"corpus": corpus, "id": id, "text": "", "ms": ms, "error": e.to_string()}),
        };
        println!("{line}");
    }
}
