//! The hand-written argument parser of `readmark` (no parser crate: the binary stays lean).

use std::path::PathBuf;

/// `--per-page` given without a number lists this many pages, as the reference scorer does.
pub const DEFAULT_PER_PAGE: usize = 20;

/// The `--help` text.
pub const HELP: &str = "\
readmark: the article of a web page, as clean Markdown

Usage:
  readmark extract PATH|- [--url URL] [--format md|json|text] [--body-only] [--no-front-matter]
  readmark eval --corpus DIR [--corpus DIR ...] [--per-page [N]] [--format md|text]
  readmark --help | --version

extract  Reads the HTML file PATH (or standard input for '-'; bytes are read as UTF-8,
         invalid sequences replaced) and prints its article on standard output.
  --url URL          the page's URL, used to resolve relative links (default, and when
                     URL is empty: the file's file:// URL; for standard input file:///dev/stdin)
  --format md        (default) YAML front matter, '# Title', then the Markdown body
  --format text      the title, a blank line, then the plain text, one block per line
  --format json      the article with all its metadata, as JSON (camelCase keys); for a
                     page without an article, its metadata and an \"error\" (exit status 1)
  --body-only        only the body (Markdown or text) without title or front matter
  --no-front-matter  Markdown without the YAML front matter

eval     Extracts every page of each corpus and scores it as tests/tools/score.py does.
         Corpus layouts are detected:
         DIR/<page>/source.html + expected.txt (readability, shingle metric),
         DIR/ground-truth.json + DIR/html/<id>.html[.gz] (scrapinghub, shingle metric), or
         DIR/ground-truth/<id>.json + DIR/html/<id>.html[.gz] (wcxb, word metric, F1 per
         page type).
  --corpus DIR       a corpus directory (repeatable)
  --per-page N       also list the N pages with the lowest F1 (20 without N)
  --format md        (default) score the Markdown body through the reference's
                     Markdown-to-text step, as a user gets it
  --format text      score the article's plain text instead

Exit status: 0 on success, 1 when the input cannot be turned into an article, 2 for a usage
error (unknown option, missing value, malformed --url). Every error is one line on standard error, starting with 'readmark: '.
";

/// Output format of `extract`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    /// Markdown document.
    Markdown,
    /// The article as JSON.
    Json,
    /// Title and plain text.
    Text,
}

/// Where `extract` reads the page from.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Input {
    /// Standard input (`-`).
    Stdin,
    /// A file.
    File(PathBuf),
}

/// Options of `extract`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ExtractArgs {
    pub input: Input,
    pub url: Option<String>,
    pub format: Format,
    pub body_only: bool,
    pub front_matter: bool,
}

/// Options of `eval`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct EvalArgs {
    pub corpora: Vec<PathBuf>,
    pub per_page: usize,
    /// Score the Markdown (`false`, the default) or the plain text (`true`).
    pub text: bool,
}

/// A parsed command line.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Command {
    Help,
    Version,
    Extract(ExtractArgs),
    Eval(EvalArgs),
}

/// Parses the arguments after the program name; `Err` is the usage error's message.
pub fn parse(args: &[String]) -> Result<Command, String> {
    let Some((first, rest)) = args.split_first() else {
        return Err("missing command (try 'readmark --help')".into());
    };
    match first.as_str() {
        "-h" | "--help" | "help" => Ok(Command::Help),
        "-V" | "--version" => Ok(Command::Version),
        "extract" => parse_extract(rest).map(Command::Extract),
        "eval" => parse_eval(rest).map(Command::Eval),
        other => Err(format!("unknown command '{other}' (try 'readmark --help')")),
    }
}

/// Splits `--name=value` into its two halves; other arguments come back whole.
fn split_inline(arg: &str) -> (&str, Option<&str>) {
    match arg.split_once('=') {
        Some((name, value)) if name.starts_with("--") => (name, Some(value)),
        _ => (arg, None),
    }
}

/// The value of an option: inline (`--url=X`) or the next argument.
fn value<'a>(
    name: &str,
    inline: Option<&'a str>,
    it: &mut impl Iterator<Item = &'a String>,
) -> Result<&'a str, String> {
    match inline {
        Some(v) => Ok(v),
        None => it
            .next()
            .map(String::as_str)
            .ok_or_else(|| format!("{name} needs a value")),
    }
}

/// Refuses `--flag=value` for a flag that takes none.
fn no_value(name: &str, inline: Option<&str>) -> Result<(), String> {
    match inline {
        Some(_) => Err(format!("{name} takes no value")),
        None => Ok(()),
    }
}

fn parse_extract(args: &[String]) -> Result<ExtractArgs, String> {
    let mut input = None;
    let mut parsed = ExtractArgs {
        input: Input::Stdin,
        url: None,
        format: Format::Markdown,
        body_only: false,
        front_matter: true,
    };
    let mut it = args.iter();
    while let Some(arg) = it.next() {
        let (name, inline) = split_inline(arg);
        match name {
            "--url" => parsed.url = Some(value(name, inline, &mut it)?.to_string()),
            "--format" => parsed.format = parse_format(value(name, inline, &mut it)?)?,
            "--body-only" => no_value(name, inline).map(|()| parsed.body_only = true)?,
            "--no-front-matter" => no_value(name, inline).map(|()| parsed.front_matter = false)?,
            "-" => set_input(&mut input, Input::Stdin)?,
            flag if flag.starts_with('-') => {
                return Err(format!("unknown option '{flag}' for extract"));
            }
            path => set_input(&mut input, Input::File(PathBuf::from(path)))?,
        }
    }
    parsed.input = input.ok_or("extract needs a PATH (or '-' for standard input)")?;
    Ok(parsed)
}

fn set_input(slot: &mut Option<Input>, input: Input) -> Result<(), String> {
    if slot.is_some() {
        return Err("extract takes one PATH only".into());
    }
    *slot = Some(input);
    Ok(())
}

fn parse_format(v: &str) -> Result<Format, String> {
    match v {
        "md" | "markdown" => Ok(Format::Markdown),
        "json" => Ok(Format::Json),
        "text" | "txt" => Ok(Format::Text),
        other => Err(format!(
            "unknown format '{other}' (expected md, json or text)"
        )),
    }
}

fn parse_eval(args: &[String]) -> Result<EvalArgs, String> {
    let mut parsed = EvalArgs {
        corpora: Vec::new(),
        per_page: 0,
        text: false,
    };
    let mut it = args.iter().peekable();
    while let Some(arg) = it.next() {
        let (name, inline) = split_inline(arg);
        match name {
            "--corpus" => parsed
                .corpora
                .push(PathBuf::from(value(name, inline, &mut it)?)),
            "--per-page" => parsed.per_page = per_page(inline, &mut it)?,
            "--format" => {
                parsed.text = match value(name, inline, &mut it)? {
                    "md" | "markdown" => false,
                    "text" | "txt" => true,
                    other => {
                        return Err(format!(
                            "unknown eval format '{other}' (expected md or text)"
                        ));
                    }
                }
            }
            other => return Err(format!("unknown argument '{other}' for eval")),
        }
    }
    if parsed.corpora.is_empty() {
        return Err("eval needs at least one --corpus DIR".into());
    }
    Ok(parsed)
}

/// `--per-page N`, `--per-page=N`, or a bare `--per-page` ([`DEFAULT_PER_PAGE`]).
fn per_page<'a>(
    inline: Option<&str>,
    it: &mut std::iter::Peekable<impl Iterator<Item = &'a String>>,
) -> Result<usize, String> {
    let given = match inline {
        Some(v) => Some(v.to_string()),
        None => it.next_if(|next| !next.starts_with('-')).cloned(),
    };
    match given {
        None => Ok(DEFAULT_PER_PAGE),
        Some(v) => v
            .parse()
            .map_err(|_| format!("--per-page needs a whole number, not '{v}'")),
    }
}
