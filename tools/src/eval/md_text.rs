//! The reference Markdown-to-text step: `markdown_to_text` of `tests/tools/score.py` (a copy
//! of `shared/tools/score.py`), ported line for line, so that `readmark eval` scores the
//! Markdown a user gets exactly as the reference scorer does (`tests/eval.rs` compares the
//! two on every corpus page and on hand-written cases).
//!
//! The reference works line by line with Python regular expressions; they are written here
//! with `fancy_regex` (it has the look-arounds and back-references the reference uses), with
//! Python's own character classes spelled out: Python's `\s` ([`PY_SPACE`]) also takes the
//! information separators U+001C..U+001F, and its `\w` is letters, numbers and `_`
//! ([`PY_WORD`]), without the combining marks of Rust's `\w`. `str.strip()` is [`py_strip`],
//! `html.unescape` is [`unescape`].
//!
//! What it does (as the reference's docstring says): strips headings `#`, setext underlines,
//! rules, blockquote `>`, list markers and task boxes, emphasis, inline code backticks, code
//! fences (content kept), links (text kept), reference links, images (dropped, alt text
//! included), autolinks, the inline HTML tags Markdown converters emit, HTML comments,
//! reference definitions, table pipes and separator rows, backslash escapes and HTML
//! entities; one block per line, white space normalised.

use std::sync::LazyLock;

use fancy_regex::{Captures, Regex};
use html5ever::data::NAMED_ENTITIES;

/// The characters of Python's `\s` in a `str` pattern (= `str.isspace()`), as the body of a
/// regex character class.
const PY_SPACE: &str = r"\t\n\x0B\x0C\r\x1C-\x1F \x{85}\x{A0}\x{1680}\x{2000}-\x{200A}\x{2028}\x{2029}\x{202F}\x{205F}\x{3000}";

/// Python's `\w` in a `str` pattern: letters, numbers, `_` (see [`super::is_word_char`]).
const PY_WORD: &str = r"[\p{L}\p{N}_]";

/// Steps the backtracking patterns (emphasis, code spans) may take on one line before giving
/// up and leaving the line as it is. Python's engine has no limit; fancy-regex's default
/// (1,000,000) is reached by long lines with many unpaired `*`, so this is far above any
/// corpus line while still bounding a hostile one.
const BACKTRACK_LIMIT: usize = 200_000_000;

/// First code point of the private-use block where escaped punctuation is parked meanwhile.
const PUA: u32 = 0xE000;
/// Placeholder brackets for code spans while the rest of a line is rewritten.
const SPAN_OPEN: char = '\u{E100}';
const SPAN_CLOSE: char = '\u{E101}';

/// True for a character of Python's `str.isspace()`.
fn is_py_space(c: char) -> bool {
    c.is_whitespace() || ('\u{1c}'..='\u{1f}').contains(&c)
}

/// Python's `str.strip()` without arguments.
pub fn py_strip(s: &str) -> &str {
    s.trim_matches(is_py_space)
}

/// A pattern with `\s`, `\S` and `\w` replaced by Python's classes (`{s}` inside a class,
/// `\s`/`\S`/`\w` outside one are written as `{sp}`, `{nsp}`, `{w}` in the templates).
fn py(template: &str) -> Regex {
    let pattern = template
        .replace("{sp}", &format!("[{PY_SPACE}]"))
        .replace("{nsp}", &format!("[^{PY_SPACE}]"))
        .replace("{s}", PY_SPACE)
        .replace("{w}", PY_WORD);
    fancy_regex::RegexBuilder::new(&pattern)
        .backtrack_limit(BACKTRACK_LIMIT)
        .build()
        .unwrap_or_else(|e| panic!("invalid built-in pattern {pattern:?}: {e}"))
}

macro_rules! pattern {
    ($name:ident, $template:expr) => {
        static $name: LazyLock<Regex> = LazyLock::new(|| py($template));
    };
}

// The reference's patterns, in its order and under its names.
pattern!(ESC, r"\\([!-/:-@\[-`{-~])");
pattern!(PUA_CHAR, r"[\x{E000}-\x{E07F}]");
pattern!(FENCE, r"^{sp}{0,3}(`{3,}|~{3,})(.*)$");
pattern!(HR, r"^{sp}{0,3}([-*_])(?:[ \t]*\1){2,}[ \t]*$");
pattern!(SETEXT, r"^{sp}{0,3}(?:=+|-+)[ \t]*$");
pattern!(REFDEF, r"^{sp}{0,3}\[[^\]]+\]:{sp}*{nsp}+.*$");
pattern!(
    TABLE_SEP,
    r"^{sp}*\|?{sp}*:?-+:?{sp}*(?:\|{sp}*:?-+:?{sp}*)*\|?{sp}*$"
);
pattern!(QUOTE, r"^{sp}*(?:>{sp}?)+");
pattern!(HEADING, r"^{sp}{0,3}#{1,6}(?:[ \t]+|$)");
pattern!(HEADING_CLOSE, r"[ \t]+#+[ \t]*$");
pattern!(
    LIST,
    r"^{sp}*(?:[-*+]|\d{1,9}[.)])[ \t]+(?:\[[ xX]\][ \t]+)?"
);
/// `_LINK_DEST` and `_LINK_TITLE` of the reference, inlined in the four link patterns.
macro_rules! link {
    ($head:literal, $tail:literal) => {
        concat!($head, r"((?:[^\[\]]|\[[^\[\]]*\])*)", $tail)
    };
}
const LINK_TAIL: &str = r#"\]\({sp}*(?:<[^>\n]*>|(?:[^(){s}]|\((?:[^(){s}])*\))*)(?:{sp}+(?:"[^"\n]*"|'[^'\n]*'|\([^)\n]*\)))?{sp}*\)"#;
static IMAGE: LazyLock<Regex> = LazyLock::new(|| py(&format!("{}{LINK_TAIL}", link!(r"!\[", ""))));
pattern!(IMAGE_REF, link!(r"!\[", r"\]\[[^\]]*\]"));
static LINK: LazyLock<Regex> = LazyLock::new(|| py(&format!("{}{LINK_TAIL}", link!(r"\[", ""))));
pattern!(LINK_REF, link!(r"\[", r"\]\[[^\]]*\]"));
pattern!(AUTOLINK, r"(?i)<((?:https?|ftp|mailto):[^>{s}]*)>");
pattern!(HTML_COMMENT, r"(?s)<!--.*?-->");
// Only the inline HTML that Markdown converters themselves emit (the reference's comment).
pattern!(
    HTML_TAG,
    r"(?i)</?(?:br|hr|sup|sub|kbd|u|ins|del|s|mark|small|span|abbr|cite|dfn|var|samp|q|wbr)(?:{sp}[^<>]*)?/?>"
);
pattern!(CODE_SPAN, r"(`+)(.+?)\1");
pattern!(
    STRONG_STAR,
    r"(?<!\*)(\*{1,3})(?={nsp})(.+?)(?<={nsp})\1(?!\*)"
);
pattern!(
    STRONG_UNDERSCORE,
    r"(?<![\p{L}\p{N}_])(_{1,3})(?={nsp})(.+?)(?<={nsp})\1(?![\p{L}\p{N}_])"
);
pattern!(STRIKE, r"~~(?={nsp})(.+?)(?<={nsp})~~");
pattern!(WS, r"[ \t\x0C\x0B\x{A0}]+");
pattern!(STRAY_UNDERSCORE, r"(?<!{w})_+|_+(?!{w})");
pattern!(SPAN_REF, r"\x{E100}(\d+)\x{E101}");
pattern!(BLANK_LINES, r"\n{2,}");
// `html.unescape`'s character reference pattern.
pattern!(
    CHARREF,
    r"&(#[0-9]+;?|#[xX][0-9a-fA-F]+;?|[^\t\n\x0C <&#;]{1,32};?)"
);

/// `re.sub(pattern, f, s)` with a closure of the captures.
fn sub(re: &Regex, s: &str, f: impl Fn(&Captures) -> String) -> String {
    let mut out = String::with_capacity(s.len());
    let mut last = 0;
    for caps in re.captures_iter(s) {
        let Ok(caps) = caps else { return s.to_string() };
        let m = caps.get(0).expect("group 0 always matches");
        out.push_str(&s[last..m.start()]);
        out.push_str(&f(&caps));
        last = m.end();
    }
    out.push_str(&s[last..]);
    out
}

/// `re.sub(pattern, "", s)`.
fn delete(re: &Regex, s: &str) -> String {
    sub(re, s, |_| String::new())
}

/// Group `i` of a match, `""` when it did not take part.
fn group<'t>(caps: &Captures<'t>, i: usize) -> &'t str {
    caps.get(i).map_or("", |m| m.as_str())
}

fn is_match(re: &Regex, s: &str) -> bool {
    re.is_match(s).unwrap_or(false)
}

/// Backslash-escaped ASCII punctuation moves to the private-use area.
fn park_escapes(s: &str) -> String {
    sub(&ESC, s, |c| {
        let ch = group(c, 1).chars().next().unwrap_or_default();
        char::from_u32(PUA + ch as u32)
            .map(String::from)
            .unwrap_or_default()
    })
}

fn unpark(s: &str) -> String {
    sub(&PUA_CHAR, s, |c| {
        let ch = group(c, 0).chars().next().unwrap_or_default();
        char::from_u32(ch as u32 - PUA)
            .map(String::from)
            .unwrap_or_default()
    })
}

/// The inline part of one line: comments, code spans (kept verbatim), images, links,
/// autolinks, converter HTML tags, emphasis and stray delimiters.
fn inline(s: &str) -> String {
    let s = delete(&HTML_COMMENT, s);
    let spans = std::cell::RefCell::new(Vec::new());
    let mut s = sub(&CODE_SPAN, &s, |c| {
        let mut spans = spans.borrow_mut();
        spans.push(py_strip(group(c, 2)).to_string());
        format!("{SPAN_OPEN}{}{SPAN_CLOSE}", spans.len() - 1)
    });
    for _ in 0..3 {
        // images nested in links: [![alt](img)](url)
        s = delete(&IMAGE, &s);
        s = delete(&IMAGE_REF, &s);
        s = sub(&LINK, &s, |c| group(c, 1).to_string());
        s = sub(&LINK_REF, &s, |c| group(c, 1).to_string());
    }
    s = sub(&AUTOLINK, &s, |c| group(c, 1).to_string());
    s = delete(&HTML_TAG, &s);
    for _ in 0..3 {
        // nested emphasis; each pattern keeps its last group (Python's `m.lastindex`)
        s = sub(&STRONG_STAR, &s, |c| group(c, 2).to_string());
        s = sub(&STRONG_UNDERSCORE, &s, |c| group(c, 2).to_string());
        s = sub(&STRIKE, &s, |c| group(c, 1).to_string());
    }
    // Leftover delimiters of unbalanced emphasis: literal '*' and '_' arrive escaped (parked),
    // so an unescaped '*' is markup; an unescaped '_' is kept only inside a word.
    s = s.replace('*', "");
    s = delete(&STRAY_UNDERSCORE, &s);
    let spans = spans.into_inner();
    sub(&SPAN_REF, &s, |c| {
        let index: Option<usize> = group(c, 1).parse().ok();
        index
            .and_then(|i| spans.get(i))
            .cloned()
            .unwrap_or_default()
    })
}

/// What one line outside a code fence becomes; `None` for a table separator row (dropped
/// without leaving a blank line).
fn block_line(raw: &str) -> Option<String> {
    if is_match(&REFDEF, raw) || is_match(&HR, raw) || is_match(&SETEXT, raw) {
        return Some(String::new());
    }
    let mut line = delete(&QUOTE, &park_escapes(raw));
    let table_sep = is_match(&TABLE_SEP, &line)
        && line.contains('-')
        && (line.contains('|') || py_strip(&line).starts_with(':'));
    if table_sep {
        return None;
    }
    if is_match(&HEADING, &line) {
        line = delete(&HEADING_CLOSE, &delete(&HEADING, &line));
    }
    line = delete(&LIST, &line);
    let stripped = py_strip(&line);
    if stripped.starts_with('|') || (stripped.ends_with('|') && stripped.matches('|').count() >= 2)
    {
        line = line.replace('|', " ");
    }
    let mut line = inline(&line);
    if line.ends_with('\\') {
        // hard line break
        line.pop();
    }
    let line = unescape(&unpark(&line));
    Some(py_strip(&WS.replace_all(&line, " ")).to_string())
}

/// An open code fence: its character and length.
type Fence = (char, usize);

/// The fence a line opens or closes: `(marker, rest of the line)`.
fn fence_of(raw: &str) -> Option<(String, String)> {
    let caps = FENCE.captures(raw).ok()??;
    Some((group(&caps, 1).to_string(), group(&caps, 2).to_string()))
}

/// The visible text of a Markdown document, one block per line (`score.py`'s
/// `markdown_to_text`).
pub fn markdown_to_text(md: &str) -> String {
    let md = md.replace("\r\n", "\n").replace('\r', "\n");
    let mut out: Vec<String> = Vec::new();
    let mut fence: Option<Fence> = None;
    for raw in md.split('\n') {
        let marker = fence_of(raw);
        match (fence, &marker) {
            (None, Some((m, _))) => {
                fence = Some((m.chars().next().unwrap_or('`'), m.chars().count()));
                continue;
            }
            (Some((c, n)), m) => {
                let closes = m.as_ref().is_some_and(|(m, rest)| {
                    m.starts_with(c) && m.chars().count() >= n && py_strip(rest).is_empty()
                });
                if closes {
                    fence = None;
                } else {
                    out.push(py_strip(raw).to_string());
                }
                continue;
            }
            (None, None) => {}
        }
        if let Some(line) = block_line(raw) {
            out.push(line);
        }
    }
    let text = out.join("\n");
    BLANK_LINES
        .replace_all(&text, "\n\n")
        .trim_matches('\n')
        .to_string()
}

// ---------------------------------------------------------------- html.unescape

/// Numeric references the HTML standard maps elsewhere (Python's `html._invalid_charrefs`):
/// NUL, CR, and the Windows-1252 characters of 0x80..0x9F (the five it leaves undefined map
/// to themselves).
fn invalid_charref(n: u32) -> Option<char> {
    const WINDOWS_1252: [u32; 32] = [
        0x20AC, 0x81, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160,
        0x2039, 0x0152, 0x8D, 0x017D, 0x8F, 0x90, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013,
        0x2014, 0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0x9D, 0x017E, 0x0178,
    ];
    match n {
        0 => Some('\u{FFFD}'),
        0x0D => Some('\r'),
        0x80..=0x9F => char::from_u32(WINDOWS_1252[(n - 0x80) as usize]),
        _ => None,
    }
}

/// Code points a numeric reference yields nothing for (Python's `html._invalid_codepoints`).
fn invalid_codepoint(n: u32) -> bool {
    matches!(n, 0x1..=0x8 | 0xB | 0xE..=0x1F | 0x7F..=0x9F | 0xFDD0..=0xFDEF)
        || (n & 0xFFFE) == 0xFFFE
}

/// The text of a numeric reference body (`#123;`, `#x1F;`).
fn numeric_charref(body: &str) -> String {
    let digits = body[1..].trim_end_matches(';');
    let parsed = match digits.strip_prefix(['x', 'X']) {
        Some(hex) => u32::from_str_radix(hex, 16),
        None => digits.parse::<u32>(),
    };
    // Too many digits for u32: beyond Unicode, as Python's unbounded int would be.
    let n = parsed.unwrap_or(u32::MAX);
    if let Some(c) = invalid_charref(n) {
        return c.to_string();
    }
    if (0xD800..=0xDFFF).contains(&n) || n > 0x10FFFF {
        return '\u{FFFD}'.to_string();
    }
    if invalid_codepoint(n) {
        return String::new();
    }
    char::from_u32(n).map(String::from).unwrap_or_default()
}

/// The text of a named entity, `None` when `name` (with its `;`, if any) is not one.
fn named_entity(name: &str) -> Option<String> {
    let &(a, b) = NAMED_ENTITIES.get(name)?;
    // The map also holds every prefix of a name, as (0, 0): those are not entities.
    if a == 0 {
        return None;
    }
    let mut s: String = char::from_u32(a).into_iter().collect();
    s.extend(char::from_u32(b).filter(|_| b != 0));
    Some(s)
}

/// A named reference body: the entity, else the longest entity prefix (of at least two
/// characters) followed by the rest, else the text unchanged.
fn named_charref(body: &str) -> String {
    if let Some(s) = named_entity(body) {
        return s;
    }
    let ends: Vec<usize> = body.char_indices().map(|(i, _)| i).skip(2).collect();
    for &end in ends.iter().rev() {
        if let Some(s) = named_entity(&body[..end]) {
            return s + &body[end..];
        }
    }
    format!("&{body}")
}

/// Python's `html.unescape`: numeric and named character references, HTML5 rules.
pub fn unescape(s: &str) -> String {
    if !s.contains('&') {
        return s.to_string();
    }
    sub(&CHARREF, s, |c| {
        let body = group(c, 1);
        if body.starts_with('#') {
            numeric_charref(body)
        } else {
            named_charref(body)
        }
    })
}
