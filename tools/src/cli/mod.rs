//! The two commands of the binary: `extract` and `eval`.

pub mod args;
pub mod time;

use std::io::{self, Read};
use std::path::Path;

use readmark::{Article, Error, Options, extract_html};
use readmark_tools::eval::{corpus, report};

use args::{EvalArgs, ExtractArgs, Format, Input};

/// The URL given to a page read from standard input when `--url` is absent: it names the
/// stream, so relative links stay visibly unresolved instead of pointing at a real site.
pub const STDIN_URL: &str = "file:///dev/stdin";

/// Runs `extract`: the article of one page, on standard output in the chosen format.
pub fn extract(a: &ExtractArgs) -> Result<String, Error> {
    let opts = Options::default();
    let (html, default_url) = read_input(&a.input, opts.max_bytes)?;
    // An empty --url is no URL (batch runners pass one for pages whose URL is unknown).
    let url = a
        .url
        .clone()
        .filter(|u| !u.is_empty())
        .unwrap_or(default_url);
    let article = extract_html(&html, &url, &opts)?;
    render(&article, a)
}

/// The page text and its default URL. At most `max_bytes + 1` bytes are read: an input
/// longer than the limit (`/dev/zero`, an endless pipe) is refused without reading the rest.
fn read_input(input: &Input, max_bytes: usize) -> Result<(String, String), Error> {
    match input {
        Input::Stdin => {
            let bytes = read_bounded(io::stdin().lock(), max_bytes)
                .map_err(|e| io_error("standard input", &e))?;
            Ok((text_within(bytes, max_bytes)?, STDIN_URL.to_string()))
        }
        Input::File(path) => {
            let shown = path.display().to_string();
            if path.is_dir() {
                return Err(Error::Io {
                    path: shown,
                    message: "is a directory".into(),
                });
            }
            let file = std::fs::File::open(path).map_err(|e| io_error(&shown, &e))?;
            let bytes = read_bounded(file, max_bytes).map_err(|e| io_error(&shown, &e))?;
            Ok((text_within(bytes, max_bytes)?, file_url(path)?))
        }
    }
}

/// Reads at most `max_bytes + 1` bytes: enough to tell that an input is over the limit.
fn read_bounded(source: impl Read, max_bytes: usize) -> io::Result<Vec<u8>> {
    let mut bytes = Vec::new();
    source.take(max_bytes as u64 + 1).read_to_end(&mut bytes)?;
    Ok(bytes)
}

/// The bytes as text (invalid UTF-8 replaced), or the size limit error when they are over it.
fn text_within(bytes: Vec<u8>, max_bytes: usize) -> Result<String, Error> {
    if bytes.len() > max_bytes {
        // Only max_bytes + 1 were read: the true size is unknown, and at least that.
        return Err(Error::LimitExceeded {
            limit: "size",
            actual: bytes.len(),
            max: max_bytes,
        });
    }
    Ok(String::from_utf8_lossy(&bytes).into_owned())
}

/// The absolute `file://` URL of a path.
fn file_url(path: &Path) -> Result<String, Error> {
    let absolute =
        std::path::absolute(path).map_err(|e| io_error(&path.display().to_string(), &e))?;
    url::Url::from_file_path(&absolute)
        .map(String::from)
        .map_err(|()| Error::InvalidUrl(absolute.display().to_string()))
}

/// An I/O error with its message in lower case and without the OS error number.
fn io_error(path: &str, e: &io::Error) -> Error {
    let message = match e.kind() {
        io::ErrorKind::NotFound => "no such file".to_string(),
        io::ErrorKind::PermissionDenied => "permission denied".to_string(),
        _ => e.to_string(),
    };
    Error::Io {
        path: path.to_string(),
        message,
    }
}

/// The article in the requested format, ending with a newline.
fn render(article: &Article, a: &ExtractArgs) -> Result<String, Error> {
    let title = article
        .metadata
        .title
        .as_deref()
        .filter(|t| !t.trim().is_empty());
    let out = match (a.format, a.body_only) {
        (Format::Markdown, true) => article.markdown.clone(),
        (Format::Markdown, false) => {
            article.to_markdown_document(a.front_matter, Some(&time::now_iso8601()))
        }
        (Format::Text, true) => article.text.clone(),
        (Format::Text, false) => match title {
            Some(t) => format!("{t}\n\n{}", article.text),
            None => article.text.clone(),
        },
        (Format::Json, _) => serde_json::to_string_pretty(article).map_err(|e| Error::Io {
            path: "standard output".into(),
            message: e.to_string(),
        })?,
    };
    Ok(with_final_newline(out))
}

/// What `extract --format json` prints for a page without an article, before the error
/// line: the page's own metadata (the article's keys, no body) and `error: {kind, message}`,
/// so a batch run still learns the page's title, site and description. `None` for every
/// other failure and format.
pub fn failure_output(error: &Error, a: &ExtractArgs) -> Option<String> {
    let Error::NoArticle(page) = error else {
        return None;
    };
    if a.format != Format::Json {
        return None;
    }
    let mut json = serde_json::to_value(page.as_ref()).ok()?;
    json.as_object_mut()?.insert(
        "error".into(),
        serde_json::json!({ "kind": error.kind(), "message": error.to_string() }),
    );
    serde_json::to_string_pretty(&json)
        .ok()
        .map(with_final_newline)
}

fn with_final_newline(mut s: String) -> String {
    if !s.ends_with('\n') {
        s.push('\n');
    }
    s
}

/// Runs `eval`: the report of every corpus, in order. All corpora are loaded first, so a
/// directory that is not a corpus stops the run before any page is extracted.
pub fn eval(a: &EvalArgs, mut emit: impl FnMut(&str) -> io::Result<()>) -> Result<(), Error> {
    let opts = Options::default();
    let output = if a.text {
        corpus::Output::Text
    } else {
        corpus::Output::Markdown
    };
    let corpora = a
        .corpora
        .iter()
        .map(|dir| corpus::load(dir))
        .collect::<Result<Vec<_>, _>>()?;
    for corpus in &corpora {
        let outcomes = corpus::run(corpus, &opts, output);
        emit(&report::render(
            corpus.layout.name(),
            corpus.layout.metric(),
            &outcomes,
            a.per_page,
        ))
        .map_err(|e| io_error("standard output", &e))?;
    }
    Ok(())
}
