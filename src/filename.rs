//! The file name a downloaded article gets: `<title>.md`, safe on every desktop file system
//! and accepted by both browsers' download APIs.

/// Longest name, in UTF-8 bytes, before the extension. File systems allow 255 bytes per
/// name; browsers add " (1)" when uniquifying, and Windows paths are short — 150 leaves room.
pub const MAX_STEM_BYTES: usize = 150;

/// The extension every download keeps, whatever the title.
pub const EXTENSION: &str = ".md";

/// Used when the title leaves nothing usable.
pub const FALLBACK_STEM: &str = "article";

/// Characters Windows, macOS or Linux refuse in a name, or that a browser's download API
/// refuses or rewrites (`~`, `%`, `#`…): they become spaces, except the separators `:`, `|`,
/// `/` and `\`, which become a dash so that "Title: Subtitle" stays readable.
const ILLEGAL: &[char] = &[
    '<', '>', ':', '"', '/', '\\', '|', '?', '*', '~', '%', '#', '{', '}', '^', '`',
];

/// Names Windows reserves for devices, whatever follows a dot (`CON.md`, `NUL.txt.md` and
/// `Con.Edison.md` cannot be created), compared without case: the documented ones (Windows'
/// "Naming Files" page lists COM0–9 and LPT0–9 with the superscript digits ¹²³) and those
/// Chromium's download API also refuses (`CLOCK$`, `CONIN$`, `CONOUT$`).
const WINDOWS_RESERVED: &[&str] = &[
    "CON", "PRN", "AUX", "NUL", "CLOCK$", "CONIN$", "CONOUT$", "COM0", "COM1", "COM2", "COM3",
    "COM4", "COM5", "COM6", "COM7", "COM8", "COM9", "COM¹", "COM²", "COM³", "LPT0", "LPT1", "LPT2",
    "LPT3", "LPT4", "LPT5", "LPT6", "LPT7", "LPT8", "LPT9", "LPT¹", "LPT²", "LPT³",
];

/// Put before a stem that starts with a reserved device name: no device name starts with it.
const RESERVED_PREFIX: char = '_';

/// `title` → a download file name ending in `.md`: illegal and control characters become
/// spaces or dashes, white space is collapsed, leading/trailing dots and spaces go, Unicode
/// letters stay, the stem is cut to [`MAX_STEM_BYTES`] on a character boundary, an empty
/// stem is replaced, and one that starts with a reserved device name gets `_` in front.
pub fn download_filename(title: &str) -> String {
    let mut stem = String::with_capacity(title.len());
    for c in title.chars() {
        let c = match c {
            ':' | '|' | '/' | '\\' => '-',
            c if ILLEGAL.contains(&c) || c.is_control() || is_invisible(c) => ' ',
            c if c.is_whitespace() => ' ',
            c => c,
        };
        if c == ' ' && (stem.is_empty() || stem.ends_with(' ')) {
            continue;
        }
        stem.push(c);
    }
    let mut stem = truncate_bytes(&stem, MAX_STEM_BYTES).to_string();
    let trimmed_len = stem.trim_end_matches([' ', '.', '-']).len();
    stem.truncate(trimmed_len);
    let stem = stem.trim_start_matches(['.', ' ', '-']);
    let stem = if stem.is_empty() {
        FALLBACK_STEM.to_string()
    } else {
        stem.to_string()
    };
    let stem = if is_reserved(&stem) {
        format!("{RESERVED_PREFIX}{stem}")
    } else {
        stem
    };
    stem + EXTENSION
}

/// Format characters that render as nothing (zero-width, bidi controls): a name full of them
/// looks empty or reorders on screen.
fn is_invisible(c: char) -> bool {
    matches!(c, '\u{200b}'..='\u{200f}' | '\u{202a}'..='\u{202e}' | '\u{2060}'..='\u{2064}' | '\u{2066}'..='\u{2069}' | '\u{feff}')
}

/// The longest prefix of `s` within `max` bytes that ends on a character boundary.
fn truncate_bytes(s: &str, max: usize) -> &str {
    if s.len() <= max {
        return s;
    }
    let mut end = max;
    while !s.is_char_boundary(end) {
        end -= 1;
    }
    &s[..end]
}

/// True when the stem's part before its first dot, spaces after it ignored (as Windows
/// ignores them), is a device name: `NUL`, `nul.txt`, `Con.Edison`, `Aux .net`.
fn is_reserved(stem: &str) -> bool {
    let base = stem
        .split('.')
        .next()
        .unwrap_or(stem)
        .trim_end()
        .to_lowercase();
    WINDOWS_RESERVED
        .iter()
        .any(|device| device.to_lowercase() == base)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names() {
        assert_eq!(
            download_filename("Hello: World / Part 2?"),
            "Hello- World - Part 2.md"
        );
        assert_eq!(download_filename("Ереван: новости"), "Ереван- новости.md");
        assert_eq!(download_filename("  ...  "), "article.md");
        assert_eq!(download_filename(""), "article.md");
        assert_eq!(download_filename("con"), "_con.md");
        assert_eq!(download_filename("a\u{200b}\u{202e}b\tc\nd"), "a b c d.md");
        assert_eq!(download_filename("report.md"), "report.md.md");
        let long = "日本語".repeat(100);
        let name = download_filename(&long);
        assert!(
            name.ends_with(".md") && name.len() <= MAX_STEM_BYTES + 3,
            "{name}"
        );
        assert!(name.starts_with("日本語"));
    }

    /// Each of these is refused by Chromium's downloads API ("Invalid filename") or cannot be
    /// created on Windows as it was written before (`Con.Edison…` passed unchanged, `NUL.txt`
    /// became `NUL.txt_.md`, still a device name followed by a dot).
    #[test]
    fn device_names_are_never_the_start_of_a_name() {
        let cases = [
            ("Con.Edison restores power", "_Con.Edison restores power.md"),
            ("NUL.txt", "_NUL.txt.md"),
            ("CLOCK$", "_CLOCK$.md"),
            ("clock$.log", "_clock$.log.md"),
            ("COM0", "_COM0.md"),
            ("lpt0.x", "_lpt0.x.md"),
            ("COM¹", "_COM¹.md"),
            ("lpt³.report", "_lpt³.report.md"),
            ("CONIN$", "_CONIN$.md"),
            ("conout$", "_conout$.md"),
            ("Aux .net", "_Aux .net.md"),
        ];
        for (title, expected) in cases {
            assert_eq!(download_filename(title), expected, "{title}");
        }
        // Words that merely start like a device stay as they are.
        assert_eq!(download_filename("Console wars"), "Console wars.md");
        assert_eq!(download_filename("Nullable types"), "Nullable types.md");
        assert_eq!(download_filename("COM10 ports"), "COM10 ports.md");
        assert_eq!(download_filename("Aux stories"), "Aux stories.md");
    }

    #[test]
    fn long_names_keep_their_start() {
        let long = "日本語".repeat(100);
        let name = download_filename(&long);
        assert!(
            name.ends_with(".md") && name.len() <= MAX_STEM_BYTES + 3,
            "{name}"
        );
        assert!(name.starts_with("日本語"));
    }
}
