//! The command line: a subcommand and its flags.

/// Usage text, printed on a command-line error.
pub const USAGE: &str = "\
usage: readmark-bench <subcommand> [flags]

subcommands (each prints one JSON object on stdout, progress on stderr):
  throughput [--pages N] [--rounds R] [--quick]
      every corpus page (or the first N), R rounds (default 5), both engines alternated
  memory [--quick]
      peak heap of each engine on the largest corpus page
  scaling [--max-bytes B] [--max-nodes N] [--quick]
      synthesized pages of growing size and node count; time, peak heap, linearity
  pathological [--max-bytes B] [--quick]
      the hostile shapes of issue 12 at growing sizes: seconds per megabyte of each

  --quick   a few pages / small sizes: runs in seconds (for the test suite)
  numbers take a k or M suffix (decimal): 100k, 1M";

/// Which measurement to run.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Command {
    Throughput,
    Memory,
    Scaling,
    Pathological,
}

/// The parsed command line.
#[derive(Clone, Debug)]
pub struct Args {
    pub command: Command,
    pub quick: bool,
    pub pages: Option<usize>,
    pub rounds: Option<usize>,
    pub max_bytes: Option<usize>,
    pub max_nodes: Option<usize>,
}

/// Parses the arguments after the program name.
pub fn parse(argv: &[String]) -> Result<Args, String> {
    let (name, flags) = argv.split_first().ok_or("no subcommand given")?;
    let command = match name.as_str() {
        "throughput" => Command::Throughput,
        "memory" => Command::Memory,
        "scaling" => Command::Scaling,
        "pathological" => Command::Pathological,
        other => return Err(format!("unknown subcommand {other:?}")),
    };
    let mut args = Args {
        command,
        quick: false,
        pages: None,
        rounds: None,
        max_bytes: None,
        max_nodes: None,
    };
    let mut it = flags.iter();
    while let Some(flag) = it.next() {
        if flag == "--quick" {
            args.quick = true;
            continue;
        }
        let slot = number_slot(&mut args, flag)?;
        let value = it.next().ok_or_else(|| format!("{flag} needs a value"))?;
        *slot = Some(
            parse_count(value)
                .ok_or_else(|| format!("{flag}: not a positive number: {value:?}"))?,
        );
    }
    Ok(args)
}

/// The field a numeric flag sets, if the subcommand takes that flag.
fn number_slot<'a>(args: &'a mut Args, flag: &str) -> Result<&'a mut Option<usize>, String> {
    match (args.command, flag) {
        (Command::Throughput, "--pages") => Ok(&mut args.pages),
        (Command::Throughput, "--rounds") => Ok(&mut args.rounds),
        (Command::Scaling, "--max-bytes") => Ok(&mut args.max_bytes),
        (Command::Scaling, "--max-nodes") => Ok(&mut args.max_nodes),
        (Command::Pathological, "--max-bytes") => Ok(&mut args.max_bytes),
        _ => Err(format!("unknown flag {flag:?} for this subcommand")),
    }
}

/// A positive count, with an optional decimal `k` (10^3) or `M` (10^6) suffix.
fn parse_count(text: &str) -> Option<usize> {
    let (digits, scale) = match text.strip_suffix(['k', 'K']) {
        Some(rest) => (rest, 1_000),
        None => match text.strip_suffix('M') {
            Some(rest) => (rest, 1_000_000),
            None => (text, 1),
        },
    };
    let n = digits.parse::<usize>().ok()?.checked_mul(scale)?;
    (n > 0).then_some(n)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_take_decimal_suffixes() {
        assert_eq!(parse_count("10k"), Some(10_000));
        assert_eq!(parse_count("1M"), Some(1_000_000));
        assert_eq!(parse_count("42"), Some(42));
        assert_eq!(parse_count("0"), None);
        assert_eq!(parse_count("x"), None);
    }

    #[test]
    fn flags_belong_to_their_subcommand() {
        let argv = |s: &str| s.split_whitespace().map(String::from).collect::<Vec<_>>();
        let a = parse(&argv("throughput --pages 3 --quick")).unwrap();
        assert_eq!((a.pages, a.quick), (Some(3), true));
        assert!(parse(&argv("memory --pages 3")).is_err());
        assert!(parse(&argv("scaling --max-bytes")).is_err());
        assert!(parse(&argv("bogus")).is_err());
    }
}
