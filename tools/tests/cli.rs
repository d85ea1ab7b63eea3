//! The `readmark` binary: `extract` in every format and flag, standard input, every error
//! path (exit code and one clear stderr line), and `eval` on small corpora of both layouts.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

const BIN: &str = env!("CARGO_BIN_EXE_readmark");

fn fixture() -> PathBuf {
    // This package is `tools/`; the fixtures are the repository's.
    let repo = Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .expect("tools/ is in the repo");
    repo.join("tests/fixtures/panorama/source.html")
}

/// (url, title) from the fixture's expected-metadata.json.
fn fixture_meta() -> (String, String) {
    let path = fixture().with_file_name("expected-metadata.json");
    let meta: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap();
    (
        meta["url"].as_str().unwrap().to_string(),
        meta["title"].as_str().unwrap().to_string(),
    )
}

fn run(args: &[&str]) -> Output {
    Command::new(BIN).args(args).output().expect("run readmark")
}

fn run_stdin(args: &[&str], input: &[u8]) -> Output {
    let mut child = Command::new(BIN)
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("spawn readmark");
    // The binary may refuse the input before reading all of it: a closed pipe is fine here.
    let _ = child.stdin.take().unwrap().write_all(input);
    child.wait_with_output().expect("wait for readmark")
}

fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

/// Runs the extraction on the fixture with its real URL plus `extra` flags; must succeed.
fn extract_fixture(extra: &[&str]) -> String {
    let (url, _) = fixture_meta();
    let path = fixture();
    let mut args = vec!["extract", path.to_str().unwrap(), "--url", &url];
    args.extend_from_slice(extra);
    let o = run(&args);
    assert!(
        o.status.success(),
        "{extra:?} failed: {}",
        String::from_utf8_lossy(&o.stderr)
    );
    assert!(
        o.stderr.is_empty(),
        "stderr not empty: {}",
        String::from_utf8_lossy(&o.stderr)
    );
    stdout(&o)
}

/// The article as the library gives it, for comparison with the binary's output.
fn library_article() -> readmark::Article {
    let (url, _) = fixture_meta();
    let html = String::from_utf8_lossy(&std::fs::read(fixture()).unwrap()).into_owned();
    readmark::extract_html(&html, &url, &readmark::Options::default()).expect("fixture extracts")
}

/// Asserts a failure: the exit code, nothing on stdout, and one `readmark: ` line on stderr
/// containing `needle` (case-insensitive) and no panic report.
fn assert_fails(o: &Output, code: i32, needle: &str) {
    let err = String::from_utf8_lossy(&o.stderr);
    assert_eq!(o.status.code(), Some(code), "exit code; stderr: {err}");
    assert!(o.stdout.is_empty(), "stdout should be empty: {}", stdout(o));
    assert_eq!(err.lines().count(), 1, "one stderr line expected: {err:?}");
    assert!(err.starts_with("readmark: "), "{err:?}");
    assert!(
        err.to_lowercase().contains(&needle.to_lowercase()),
        "{err:?} lacks {needle:?}"
    );
    assert!(!err.contains("panicked"), "{err:?}");
}

// ---------------------------------------------------------------- extract: formats

#[test]
fn body_only_markdown_is_the_library_markdown() {
    let a = library_article();
    assert_eq!(
        extract_fixture(&["--body-only"]).trim_end(),
        a.markdown.trim_end()
    );
    assert_eq!(
        extract_fixture(&["--format", "md", "--body-only"]).trim_end(),
        a.markdown.trim_end()
    );
}

#[test]
fn no_front_matter_is_the_library_document_without_it() {
    let a = library_article();
    let out = extract_fixture(&["--no-front-matter"]);
    assert_eq!(
        out.trim_end(),
        a.to_markdown_document(false, None).trim_end()
    );
    assert!(!out.starts_with("---"), "{}", &out[..out.len().min(200)]);
}

#[test]
fn markdown_default_has_front_matter_and_title() {
    let (_, title) = fixture_meta();
    let out = extract_fixture(&[]);
    assert!(
        out.starts_with("---\n"),
        "no YAML front matter: {}",
        &out[..out.len().min(200)]
    );
    assert!(
        out.contains(&format!("# {title}\n")),
        "no '# Title' heading"
    );
    let bare = extract_fixture(&["--no-front-matter"]);
    assert!(
        bare.starts_with(&format!("# {title}\n")),
        "{}",
        &bare[..bare.len().min(200)]
    );
}

#[test]
fn text_format_is_title_blank_line_text() {
    let a = library_article();
    let body = extract_fixture(&["--format", "text", "--body-only"]);
    assert_eq!(body.trim_end(), a.text.trim_end());
    let full = extract_fixture(&["--format=text"]);
    let expected = match &a.metadata.title {
        Some(t) => format!("{t}\n\n{}", a.text),
        None => a.text.clone(),
    };
    assert_eq!(full.trim_end(), expected.trim_end());
}

#[test]
fn text_format_starts_with_the_title() {
    let (_, title) = fixture_meta();
    let full = extract_fixture(&["--format", "text"]);
    assert!(
        full.starts_with(&format!("{title}\n\n")),
        "{}",
        &full[..full.len().min(200)]
    );
}

#[test]
fn json_has_all_metadata_in_camel_case() {
    let (url, title) = fixture_meta();
    let out = extract_fixture(&["--format", "json"]);
    let v: serde_json::Value = serde_json::from_str(&out).expect("valid JSON");
    for key in [
        "url",
        "title",
        "byline",
        "publishedTime",
        "siteName",
        "leadImage",
        "wordCount",
        "markdown",
        "text",
    ] {
        assert!(v.get(key).is_some(), "missing {key}");
    }
    assert_eq!(v["text"].as_str(), Some(library_article().text.as_str()));
    assert_eq!(v["title"].as_str(), Some(title.as_str()));
    assert!(
        v["url"]
            .as_str()
            .is_some_and(|u| u == url || u.starts_with("https://www.panorama.am/"))
    );
}

#[test]
fn default_url_is_the_files_file_url_and_stdin_works() {
    // The Panorama page declares a canonical URL, which would win: take its article
    // without the head, so that the URL reported is the one the CLI gave the page.
    let source = std::fs::read_to_string(fixture()).unwrap();
    let body_only = &source[source.find("<body").unwrap()..];
    let path = temp_dir("fileurl").join("page.html");
    std::fs::write(&path, body_only).unwrap();
    let o = run(&["extract", path.to_str().unwrap(), "--format", "json"]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let v: serde_json::Value = serde_json::from_str(&stdout(&o)).unwrap();
    let url = v["url"].as_str().unwrap();
    assert!(
        url.starts_with("file:///") && url.ends_with("-fileurl/page.html"),
        "{url}"
    );

    let (real_url, _) = fixture_meta();
    let html = std::fs::read(fixture()).unwrap();
    let piped = run_stdin(
        &[
            "extract",
            "-",
            "--url",
            &real_url,
            "--format",
            "text",
            "--body-only",
        ],
        &html,
    );
    assert!(
        piped.status.success(),
        "{}",
        String::from_utf8_lossy(&piped.stderr)
    );
    assert_eq!(
        stdout(&piped),
        extract_fixture(&["--format", "text", "--body-only"])
    );
}

#[test]
fn help_and_version() {
    let o = run(&["--help"]);
    assert!(o.status.success());
    let help = stdout(&o);
    assert!(
        help.contains("readmark extract PATH|-") && help.contains("readmark eval --corpus DIR")
    );
    assert!(stdout(&run(&["--version"])).starts_with("readmark "));
}

// ---------------------------------------------------------------- extract: errors

fn temp_dir(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("readmark-cli-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

#[test]
fn missing_file_and_directory() {
    assert_fails(
        &run(&["extract", "/nonexistent/page.html"]),
        1,
        "no such file",
    );
    let dir = temp_dir("isdir");
    assert_fails(
        &run(&["extract", dir.to_str().unwrap()]),
        1,
        "is a directory",
    );
}

#[test]
fn binary_input_is_not_html() {
    let png = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\x01\0\0\0\x01\0\x08\x06\0\0\0\x5c\x72\xa8\x66\0\0\0\0IEND";
    assert_fails(&run_stdin(&["extract", "-"], png), 1, "not HTML");
}

#[test]
fn page_without_article() {
    let o = run_stdin(
        &["extract", "-"],
        b"<!DOCTYPE html><html><head><title>x</title></head><body></body></html>",
    );
    assert_fails(&o, 1, "no article");
}

#[test]
fn page_without_article_in_json_still_names_the_page() {
    let page = b"<!DOCTYPE html><html><head><title>Sign in - Example Forum</title>\
        <meta property=\"og:title\" content=\"Sign in\"></head><body></body></html>";
    let o = run_stdin(&["extract", "-", "--format", "json"], page);
    assert_eq!(o.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&o.stderr).contains("no article"));
    let json: serde_json::Value = serde_json::from_str(&stdout(&o)).unwrap();
    assert_eq!(json["title"], "Sign in");
    assert_eq!(json["error"]["kind"], "NoArticle");
    assert_eq!(json["wordCount"], 0);
    assert!(json.get("markdown").is_none(), "{json}");
    // Other formats print nothing on standard output.
    let o = run_stdin(&["extract", "-"], page);
    assert_fails(&o, 1, "no article");
}

#[test]
fn too_deep_and_too_many_nodes() {
    // The default depth limit is 512.
    let deep = format!(
        "<html><body>{}<p>text</p>{}</body></html>",
        "<div>".repeat(600),
        "</div>".repeat(600)
    );
    assert_fails(
        &run_stdin(&["extract", "-"], deep.as_bytes()),
        1,
        "nesting depth",
    );
    // The default node limit is 1 000 000.
    let wide = format!(
        "<html><body><p>{}</p></body></html>",
        "<b></b>".repeat(1_000_001)
    );
    assert_fails(
        &run_stdin(&["extract", "-"], wide.as_bytes()),
        1,
        "node count",
    );
}

#[test]
fn usage_errors_exit_2() {
    let path = fixture();
    let p = path.to_str().unwrap();
    assert_fails(
        &run(&["extract", p, "--url", "not a url"]),
        2,
        "invalid URL",
    );
    assert_fails(&run(&["extract", p, "--bogus"]), 2, "--bogus");
    assert_fails(&run(&["extract", p, "--format", "pdf"]), 2, "pdf");
    assert_fails(&run(&["extract", p, "--url"]), 2, "--url needs a value");
    assert_fails(&run(&["extract"]), 2, "PATH");
    assert_fails(&run(&["frobnicate"]), 2, "unknown command");
    assert_fails(&run(&[]), 2, "missing command");
    assert_fails(&run(&["eval"]), 2, "--corpus");
    assert_fails(
        &run(&["eval", "--corpus", "x", "--per-page", "many"]),
        2,
        "--per-page",
    );
}

// ---------------------------------------------------------------- eval

const PAGE: &str = "<html><head><title>T</title></head><body><article><p>The quick brown fox jumps \
                    over the lazy dog, again and again, until the dog finally wakes up.</p></article></body></html>";

/// Checks `[NAME] F1 d.ddd precision d.ddd recall d.ddd pages N failures M` and returns F1.
fn check_summary(line: &str, name: &str, pages: usize, failures: usize) -> f64 {
    let w: Vec<&str> = line.split(' ').collect();
    assert_eq!(w.len(), 11, "{line:?}");
    assert_eq!(w[0], format!("[{name}]"));
    assert_eq!(
        [w[1], w[3], w[5], w[7], w[9]],
        ["F1", "precision", "recall", "pages", "failures"],
        "{line:?}"
    );
    for v in [w[2], w[4], w[6]] {
        let (int, frac) = v
            .split_once('.')
            .unwrap_or_else(|| panic!("{v} in {line:?}"));
        assert!(
            int.len() == 1
                && frac.len() == 3
                && v.parse::<f64>().is_ok_and(|x| (0.0..=1.0).contains(&x)),
            "{line:?}"
        );
    }
    assert_eq!(
        (w[8], w[10]),
        (pages.to_string().as_str(), failures.to_string().as_str()),
        "{line:?}"
    );
    w[2].parse().unwrap()
}

fn eval(dir: &Path, extra: &[&str]) -> String {
    let mut args = vec!["eval", "--corpus", dir.to_str().unwrap()];
    args.extend_from_slice(extra);
    let o = run(&args);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    stdout(&o)
}

#[test]
fn eval_readability_layout() {
    let dir = temp_dir("readability");
    for (name, html) in [
        ("good", PAGE.as_bytes()),
        ("binary", b"\x89PNG\r\n\x1a\n\0\0\0\0\0\0\0\0".as_slice()),
    ] {
        std::fs::create_dir_all(dir.join(name)).unwrap();
        std::fs::write(dir.join(name).join("source.html"), html).unwrap();
        std::fs::write(
            dir.join(name).join("expected.txt"),
            "The quick brown fox jumps over the lazy dog",
        )
        .unwrap();
    }
    let out = eval(&dir, &["--per-page", "2"]);
    let lines: Vec<&str> = out.lines().collect();
    check_summary(lines[0], "readability", 2, 1);
    assert!(
        lines[1].starts_with("    (shingle metric) accuracy "),
        "{out}"
    );
    assert!(
        lines[2].starts_with("    failure binary: input is not HTML"),
        "{out}"
    );
    assert_eq!(lines[3], "    worst 2 pages:");
    assert!(
        lines[5].ends_with("  binary  [input is not HTML: the input looks like binary data]"),
        "{out}"
    );
    assert_eq!(lines.len(), 7, "{out}");
}

#[test]
fn eval_scrapinghub_layout_and_several_corpora() {
    let dir = temp_dir("scrapinghub");
    std::fs::create_dir_all(dir.join("html")).unwrap();
    std::fs::write(dir.join("html/a.html"), PAGE).unwrap();
    std::fs::write(dir.join("html/b.html"), PAGE).unwrap();
    let gt = serde_json::json!({
        "a": {"articleBody": "The quick brown fox jumps over the lazy dog", "url": "https://example.com/a"},
        "b": {"articleBody": "Nothing of this is in the page at all", "url": "https://example.com/b"},
        "c": {"articleBody": "A page whose HTML file is missing", "url": "https://example.com/c"},
    });
    std::fs::write(dir.join("ground-truth.json"), gt.to_string()).unwrap();
    let out = eval(&dir, &[]);
    let lines: Vec<&str> = out.lines().collect();
    check_summary(lines[0], "scrapinghub", 3, 1);
    assert!(lines[2].starts_with("    failure c: cannot read"), "{out}");
    assert_eq!(lines.len(), 3, "{out}");

    let both = run(&[
        "eval",
        "--corpus",
        dir.to_str().unwrap(),
        "--corpus",
        temp_dir("empty").to_str().unwrap(),
    ]);
    assert_fails(&both, 1, "no corpus found");
}

// ---------------------------------------------------------------- extract: unbounded input

/// Runs `readmark extract ARG` under a 1 GB address-space limit with `stdin` as its input,
/// waiting at most 60 s: an endless input must be refused after reading at most the size
/// limit plus one byte, not read until memory runs out.
fn run_limited(arg: &str, stdin: Stdio) -> Output {
    let script = format!("ulimit -v 1000000; exec '{BIN}' extract {arg}");
    let mut child = Command::new("sh")
        .args(["-c", &script])
        .stdin(stdin)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("spawn readmark");
    let start = std::time::Instant::now();
    while child.try_wait().expect("wait").is_none() {
        if start.elapsed() > std::time::Duration::from_secs(60) {
            let _ = child.kill();
            panic!("readmark kept reading an endless input");
        }
        std::thread::sleep(std::time::Duration::from_millis(50));
    }
    child.wait_with_output().expect("output")
}

#[test]
fn endless_input_is_refused_at_the_size_limit() {
    assert_fails(&run_limited("/dev/zero", Stdio::null()), 1, "size limit");
    let zero = std::fs::File::open("/dev/zero").expect("/dev/zero");
    assert_fails(&run_limited("-", Stdio::from(zero)), 1, "size limit");
}
