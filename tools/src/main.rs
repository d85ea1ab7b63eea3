//! The `readmark` command line: `readmark extract PATH|-` prints the article of a page as
//! Markdown, text or JSON; `readmark eval --corpus DIR` scores the extractor on a corpus.
//! See `readmark --help`. Every failure is one line on standard error and a non-zero exit
//! status (1 for input that yields no article, 2 for a usage error; `--format json` still
//! prints the metadata of a page without an article); nothing panics
//! visibly: a bug that panics is reported as an internal error on one line.

mod cli;

use std::io::{self, Write};
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::process::ExitCode;

use cli::args::{self, Command};
use readmark_tools::eval::corpus::panic_message;

/// Exit status when the input could not be turned into an article.
const EXIT_FAILURE: u8 = 1;
/// Exit status for a command line that could not be understood.
const EXIT_USAGE: u8 = 2;

fn main() -> ExitCode {
    // The default hook prints a multi-line "panicked at" report; the catch below reports it
    // on one line instead.
    std::panic::set_hook(Box::new(|_| {}));
    let argv: Vec<String> = std::env::args_os()
        .skip(1)
        .map(|a| a.to_string_lossy().into_owned())
        .collect();
    match catch_unwind(AssertUnwindSafe(|| run(&argv))) {
        Ok(code) => code,
        Err(payload) => fail(
            EXIT_FAILURE,
            &format!("internal error: {}", panic_message(payload.as_ref())),
        ),
    }
}

fn run(argv: &[String]) -> ExitCode {
    let command = match args::parse(argv) {
        Ok(c) => c,
        Err(usage) => return fail(EXIT_USAGE, &usage),
    };
    if let Command::Extract(a) = &command {
        // A malformed --url is a mistake on the command line, not in the input.
        if let Some(Err(e)) = a
            .url
            .as_deref()
            .filter(|u| !u.is_empty())
            .map(readmark::parse_url)
        {
            return fail(EXIT_USAGE, &format!("--url: {e}"));
        }
    }
    let result = match command {
        Command::Help => write_stdout(args::HELP),
        Command::Version => write_stdout(&format!("readmark {}\n", env!("CARGO_PKG_VERSION"))),
        Command::Extract(a) => match cli::extract(&a) {
            Ok(out) => write_stdout(&out),
            Err(e) => cli::failure_output(&e, &a)
                .map_or(Ok(()), |out| write_stdout(&out))
                .and(Err(e.to_string())),
        },
        Command::Eval(a) => cli::eval(&a, write_raw).map_err(|e| e.to_string()),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => fail(EXIT_FAILURE, &message),
    }
}

/// Writes to standard output; a closed pipe (`readmark … | head`) is not an error.
fn write_stdout(s: &str) -> Result<(), String> {
    write_raw(s).map_err(|e| format!("cannot write output: {e}"))
}

fn write_raw(s: &str) -> io::Result<()> {
    let mut out = io::stdout().lock();
    match out.write_all(s.as_bytes()).and_then(|()| out.flush()) {
        Err(e) if e.kind() == io::ErrorKind::BrokenPipe => Ok(()),
        other => other,
    }
}

/// Prints `readmark: message` (on one line) to standard error; returns the exit status.
fn fail(code: u8, message: &str) -> ExitCode {
    let one_line = message.replace(['\n', '\r'], " ");
    let _ = writeln!(io::stderr(), "readmark: {one_line}");
    ExitCode::from(code)
}
