//! Escaping page text so that it stays text in Markdown, and quoting URLs, titles and HTML.
//!
//! Inline rules look at the neighbours of a character inside one text chunk; at a chunk edge
//! the neighbour is unknown and the safe choice (escape) is made. Line-start rules are applied
//! separately, to the first text of each output line.

use std::borrow::Cow;

use super::style::{Links, MarkdownStyle};

/// Where a chunk of text sits, for the characters that only matter in some places.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Place {
    /// Inside link text or image alt: `]` would end it.
    pub in_link: bool,
    /// Inside a pipe-table cell: `|` would split the cell.
    pub in_table: bool,
}

/// Longest character reference name looked at after a `&` (the longest HTML entity name
/// is 31 characters; a numeric reference is shorter): bounds the look-ahead per `&`.
const MAX_ENTITY_LEN: usize = 32;

/// Escapes one chunk of (already white-space-collapsed) page text for inline Markdown.
/// Linear in the chunk: what follows the next `]` is found by one backward pass, not by a
/// search ahead from every `[` (a run of `[` would make that quadratic).
pub fn escape_text(s: &str, place: Place) -> String {
    escape_text_styled(s, place, &MarkdownStyle::default())
}

/// [`escape_text`] for output in `style` (whether `$` is escaped; with reference links every
/// `[` is, since any bracketed text could name a definition).
pub fn escape_text_styled(s: &str, place: Place, style: &MarkdownStyle) -> String {
    escape_text_before(s, place, None, &[], style)
}

/// Emphasis and strikethrough characters that may stay bare when they have no partner (a
/// delimiter needs one to be markup). Not `_`: line-based Markdown-to-text tools (the
/// reference scorer's among them) strip a bare `_` at a word's edge, changing the word.
pub const PAIRED_DELIMITERS: &[char] = &['*', '~'];

/// [`escape_text`] for a chunk followed by `following` (`None`: unknown), so that a `]` at
/// its end is judged by what comes after it (`[1]` before `</sup>` cannot open a link);
/// `inert` are delimiters ([`PAIRED_DELIMITERS`]) known to have no partner in the
/// paragraph, so they stay bare ("Price* applies") — but not inside a word (`5*3`), where
/// tools that strip stray delimiters would glue the two words. `style` says whether `$` is
/// escaped and whether reference links are written (see [`escape_text_styled`]).
/// Text the caller owns (an inline run's text, joined from its nodes) is given back as it
/// is when nothing in it may be escaped, not copied.
pub fn escape_text_before<'s>(
    s: impl Into<Cow<'s, str>>,
    place: Place,
    following: Option<char>,
    inert: &[char],
    style: &MarkdownStyle,
) -> String {
    let s = s.into();
    // Most text nodes hold none of them: the text is itself, without a look at each char.
    if !s.bytes().any(may_be_escaped) {
        return s.into_owned();
    }
    escape_specials(&s, place, following, inert, style)
}

/// [`escape_text_before`] of text holding at least one byte that may be escaped.
fn escape_specials(
    s: &str,
    place: Place,
    following: Option<char>,
    inert: &[char],
    style: &MarkdownStyle,
) -> String {
    // Only the characters that may be escaped are judged (each by its neighbours and by what
    // follows the next `]`); the runs between them are copied as they are.
    let specials: Vec<usize> = (0..s.len())
        .filter(|&i| may_be_escaped(s.as_bytes()[i]))
        .collect();
    let closes = closes_after(s, &specials, following);
    let mut out = String::with_capacity(s.len() + 8);
    let mut copied = 0;
    for (&i, &close) in specials.iter().zip(&closes) {
        out.push_str(&s[copied..i]);
        copied = i + 1;
        let c = char::from(s.as_bytes()[i]);
        let (before, after) = (&s[..i], &s[i + 1..]);
        if c == '&' && looks_like_entity_at(after) {
            // `&amp;` rather than `\&`: text tools that decode entities after removing
            // escapes (the reference scorer among them) still see the page's `&copy;`.
            out.push_str("&amp;");
            continue;
        }
        let (prev, next) = (before.chars().next_back(), after.chars().next());
        let bare = inert.contains(&c) && !(is_alnum(prev) && is_alnum(next));
        let styled = match c {
            '$' => style.escape_dollar,
            '[' if style.links == Links::Reference => {
                out.push('\\');
                out.push(c);
                continue;
            }
            _ => true,
        };
        if styled && needs_escape(c, prev, next, close, place) && !bare {
            out.push('\\');
        }
        out.push(c);
    }
    out.push_str(&s[copied..]);
    out
}

/// For every place in `specials` (byte offsets of ASCII characters of `s`, in order, every
/// `]` of `s` among them), what follows the first `]` after it, as the per-character
/// reading of every position gave it.
fn closes_after(s: &str, specials: &[usize], following: Option<char>) -> Vec<AfterClose> {
    let mut out = vec![None; specials.len()];
    let mut seen: AfterClose = None;
    for (slot, &i) in out.iter_mut().zip(specials).rev() {
        *slot = seen;
        if s.as_bytes()[i] == b']' {
            seen = Some(s[i + 1..].chars().next().or(following));
        }
    }
    out
}

/// The only characters [`escape_text_before`] may write otherwise than as themselves: a
/// character reference's `&`, and what [`needs_escape`] may escape. (The pipeline tests
/// bytes with [`may_be_escaped`]; the tests check the two agree.)
#[cfg(test)]
const MAY_BE_ESCAPED: &[char] = &['&', '\\', '`', '[', ']', '|', '*', '$', '_', '~', '<'];

/// Is the byte one of [`MAY_BE_ESCAPED`]? All are ASCII, so a byte test finds them, and
/// is many times cheaper than a search for any of several chars (it runs on all text).
fn may_be_escaped(b: u8) -> bool {
    matches!(
        b,
        b'&' | b'\\' | b'`' | b'[' | b']' | b'|' | b'*' | b'$' | b'_' | b'~' | b'<'
    )
}

/// What follows a `]`: the character after it, `None` at the end of the chunk.
type AfterClose = Option<Option<char>>;

/// Could `c`, between `prev` and `next` (`None` = unknown), start or end Markdown syntax?
/// `close` says what follows the next `]`, `rest` is the text after `c`.
fn needs_escape(
    c: char,
    prev: Option<char>,
    next: Option<char>,
    close: AfterClose,
    place: Place,
) -> bool {
    let spaced = is_ws(prev) && is_ws(next);
    let intraword = is_alnum(prev) && is_alnum(next);
    match c {
        '\\' => next.is_none_or(|n| n.is_ascii_punctuation()),
        '`' => true,
        // In link text every `]` is escaped, so a bare `[` there would find no `]` of its
        // own and take the link's: `[[Hol14\]](url)` links "Hol14]" after a stray `[`.
        '[' => place.in_link || bracket_may_open_syntax(next, close),
        ']' => place.in_link,
        '|' => place.in_table,
        '*' | '$' => !spaced,
        '_' | '~' => !spaced && !intraword,
        '<' => next.is_none_or(|n| n.is_ascii_alphabetic() || matches!(n, '/' | '!' | '?')),
        _ => false,
    }
}

/// Could a `[` start a link, an image, a footnote reference or a reference definition?
/// Only when its `]` is followed by `(`, `[` or `:`, when it opens `[^`, or when the `]`
/// lies beyond this chunk (unknown: escape to be safe). A bracketed aside such as
/// "[by individual invitations] to" stays unescaped and readable: this writer never emits
/// reference definitions in the default style, so a shortcut reference cannot form (with
/// reference links, [`escape_text_before`] escapes every `[`).
fn bracket_may_open_syntax(next: Option<char>, close: AfterClose) -> bool {
    if next == Some('^') {
        return true;
    }
    match close {
        None => true,
        Some(after) => after.is_none_or(|n| matches!(n, '(' | '[' | ':')),
    }
}

/// True when the neighbour is white space (the ends of a chunk are not known to be).
fn is_ws(c: Option<char>) -> bool {
    c.is_some_and(char::is_whitespace)
}

fn is_alnum(c: Option<char>) -> bool {
    c.is_some_and(char::is_alphanumeric)
}

/// Does the text after a `&` read as a character reference (`amp;`, `#38;`, `#x26;`)?
/// (The writers read bytes, [`looks_like_entity_at`]; the tests' char-by-char reference
/// reads chars.)
#[cfg(test)]
fn looks_like_entity(rest: &[char]) -> bool {
    let body = rest
        .iter()
        .take(MAX_ENTITY_LEN)
        .take_while(|c| c.is_ascii_alphanumeric() || **c == '#')
        .count();
    body > 0 && rest.get(body) == Some(&';')
}

/// [`looks_like_entity`] for the text after a `&`, read as bytes: a reference's characters
/// are ASCII, so the first other character ends it as its first byte would.
fn looks_like_entity_at(rest: &str) -> bool {
    let body = rest
        .bytes()
        .take(MAX_ENTITY_LEN)
        .take_while(|b| b.is_ascii_alphanumeric() || *b == b'#')
        .count();
    body > 0 && rest.as_bytes().get(body) == Some(&b';')
}

/// Escapes what would make the start of a line a block marker: ATX heading `#`, blockquote
/// `>`, list markers `-`/`+`/`*`/`1.`/`1)`, thematic breaks and setext underlines (`-`, `=`).
pub fn escape_line_start(line: &str) -> String {
    let mut chars = line.chars();
    let Some(first) = chars.next() else {
        return String::new();
    };
    let second = chars.next();
    let ends_marker = |c: Option<char>| c.is_none_or(char::is_whitespace);
    match first {
        '>' | '=' => format!("\\{line}"),
        '-' | '+' | '*' if ends_marker(second) || second == Some(first) => format!("\\{line}"),
        '#' => {
            let hashes = line.chars().take_while(|&c| c == '#').count();
            let after = line.chars().nth(hashes);
            if hashes <= 6 && ends_marker(after) {
                format!("\\{line}")
            } else {
                line.to_string()
            }
        }
        '0'..='9' => escape_ordered_marker(line),
        _ => line.to_string(),
    }
}

/// `1. text` → `1\. text` (and `1)`), when the digits could be an ordered-list marker.
fn escape_ordered_marker(line: &str) -> String {
    let digits = line.chars().take_while(char::is_ascii_digit).count();
    let mut rest = line.chars().skip(digits);
    let punct = rest.next();
    let after = rest.next();
    let is_marker =
        digits <= 9 && matches!(punct, Some('.' | ')')) && after.is_none_or(char::is_whitespace);
    if !is_marker {
        return line.to_string();
    }
    let (num, tail) = line.split_at(digits);
    format!("{num}\\{tail}")
}

/// A link or image destination: spaces percent-encoded, `<…>` when parentheses or angle
/// brackets remain, backslashes and entity-like `&` escaped, line breaks removed.
pub fn link_destination(url: &str) -> String {
    if is_plain_destination(url) {
        return url.to_string();
    }
    let url = url.replace(['\n', '\r'], "");
    let url = url.trim().replace(' ', "%20");
    let angle = url.contains(['(', ')', '<', '>']) || url.is_empty();
    let mut out = String::with_capacity(url.len() + 4);
    if angle {
        out.push('<');
    }
    push_escaped(&mut out, &url, |b, rest| match b {
        b'\\' => true,
        b'&' => looks_like_entity_at(rest),
        b'<' | b'>' => angle,
        _ => false,
    });
    if angle {
        out.push('>');
    }
    out
}

/// Pushes `s` with a backslash before each ASCII byte that `escape` (given the byte and
/// the text after it) says is to be escaped; the runs between them are copied as they are,
/// where a walk char by char pushed each character on its own.
fn push_escaped(out: &mut String, s: &str, escape: impl Fn(u8, &str) -> bool) {
    let mut copied = 0;
    for (i, b) in s.bytes().enumerate() {
        // An ASCII byte ends a character: the text after it starts on one.
        if b.is_ascii() && escape(b, s.get(i + 1..).unwrap_or_default()) {
            out.push_str(s.get(copied..i).unwrap_or_default());
            out.push('\\');
            copied = i;
        }
    }
    out.push_str(s.get(copied..).unwrap_or_default());
}

/// Is the byte one that a link destination is rewritten for: a line break or space, a
/// backslash or `&` (escaped), a parenthesis or angle bracket (which need the `<…>` form)?
/// A byte test, as [`may_be_escaped`] is: it runs on every URL of the page.
fn is_destination_special(b: u8) -> bool {
    matches!(
        b,
        b'\n' | b'\r' | b' ' | b'\\' | b'&' | b'(' | b')' | b'<' | b'>'
    )
}

/// A destination written as it is: non-empty, no [`is_destination_special`] byte, no white
/// space at its ends (nearly every page's links; [`link_destination`] then copies it as is
/// without reading it char by char).
fn is_plain_destination(url: &str) -> bool {
    !url.is_empty()
        && !url.bytes().any(is_destination_special)
        && !url.starts_with(char::is_whitespace)
        && !url.ends_with(char::is_whitespace)
}

/// A link title in double quotes, with `"`, `\` and entity-like `&` escaped (white space
/// collapsed); empty when there is no title.
pub fn link_title(title: &str) -> String {
    let title = crate::dom::normalize_space(title);
    if title.is_empty() {
        return String::new();
    }
    let mut out = String::with_capacity(title.len() + 4);
    out.push_str(" \"");
    push_escaped(&mut out, &title, |b, rest| {
        matches!(b, b'"' | b'\\') || (b == b'&' && looks_like_entity_at(rest))
    });
    out.push('"');
    out
}

/// Text for raw HTML: `&`, `<`, `>` and `"` as character references.
pub fn html_escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            _ => out.push(c),
        }
    }
    out
}

/// Length of the longest run of `c` in `s`.
pub fn longest_run(s: &str, c: char) -> usize {
    let (mut best, mut cur) = (0, 0);
    for ch in s.chars() {
        cur = if ch == c { cur + 1 } else { 0 };
        best = best.max(cur);
    }
    best
}

#[cfg(test)]
mod tests {
    use super::*;

    /// For every position, what follows the first `]` after it (`None` when there is none;
    /// after the last character comes `following`).
    fn after_next_close(chars: &[char], following: Option<char>) -> Vec<AfterClose> {
        let mut out = vec![None; chars.len()];
        let mut seen: AfterClose = None;
        for i in (0..chars.len()).rev() {
            if let Some(slot) = out.get_mut(i) {
                *slot = seen;
            }
            if chars.get(i) == Some(&']') {
                seen = Some(chars.get(i + 1).copied().or(following));
            }
        }
        out
    }

    /// [`escape_text_before`] as it read every character (the reference the byte reading
    /// must agree with).
    fn escape_by_chars(
        s: &str,
        place: Place,
        following: Option<char>,
        inert: &[char],
        style: &MarkdownStyle,
    ) -> String {
        let chars: Vec<char> = s.chars().collect();
        let after_close = after_next_close(&chars, following);
        let mut out = String::new();
        for (i, &c) in chars.iter().enumerate() {
            let prev = i.checked_sub(1).and_then(|j| chars.get(j)).copied();
            let next = chars.get(i + 1).copied();
            let close = after_close.get(i).copied().flatten();
            if c == '&' && looks_like_entity(&chars[i + 1..]) {
                out.push_str("&amp;");
                continue;
            }
            let bare = inert.contains(&c) && !(is_alnum(prev) && is_alnum(next));
            let styled = match c {
                '$' => style.escape_dollar,
                '[' if style.links == Links::Reference => {
                    out.push('\\');
                    out.push(c);
                    continue;
                }
                _ => true,
            };
            if styled && needs_escape(c, prev, next, close, place) && !bare {
                out.push('\\');
            }
            out.push(c);
        }
        out
    }

    #[test]
    fn escaping_read_by_bytes_is_escaping_read_by_chars() {
        let texts = [
            "plain",
            "a [b] c](d) e",
            "]x] [é]ü",
            "5*3 Price* *a* _b_ ~c~ a_b",
            "&amp; &#38; &x &é; &;",
            "$5 and $6 | pipe \\ back `code` <tag>",
            "[1]",
            "ü*ü ß_ß 日[本]語",
            "]",
            "",
        ];
        let styles = [
            MarkdownStyle::default(),
            MarkdownStyle {
                links: Links::Reference,
                escape_dollar: false,
                ..MarkdownStyle::default()
            },
        ];
        let places = [(false, false), (true, false), (false, true)];
        for text in texts {
            for style in &styles {
                for (in_link, in_table) in places {
                    let place = Place { in_link, in_table };
                    for following in [None, Some('('), Some(' ')] {
                        for inert in [&[][..], PAIRED_DELIMITERS] {
                            assert_eq!(
                                escape_text_before(text, place, following, inert, style),
                                escape_by_chars(text, place, following, inert, style),
                                "{text:?}"
                            );
                        }
                    }
                }
            }
        }
    }

    #[test]
    fn plain_destinations_are_copied_and_the_rest_rewritten_as_before() {
        for url in ["https://a.example/p?q=1", "/x/y#z", "mailto:a@b.c"] {
            assert!(is_plain_destination(url));
            assert_eq!(link_destination(url), url);
        }
        for url in [
            "", " /a", "/a\u{a0}", "/a b", "/a(b)", "/a&amp;b", "/a\\b", "/a\nb",
        ] {
            assert!(!is_plain_destination(url), "{url:?}");
        }
        assert_eq!(link_destination("/a(b)"), "</a(b)>");
        assert_eq!(link_destination(" /a b\n"), "/a%20b");
        assert_eq!(
            link_destination("/é?a=1&b;&amp;\\"),
            "/é?a=1\\&b;\\&amp;\\\\"
        );
        assert_eq!(link_destination("/a<b>&c"), "</a\\<b\\>&c>");
        assert_eq!(
            link_title(" é \"a\"  &x;&\\ "),
            " \"é \\\"a\\\" \\&x;&\\\\\""
        );
    }

    /// The byte test finds exactly the listed characters.
    #[test]
    fn the_byte_test_is_the_list() {
        for b in 0..=u8::MAX {
            assert_eq!(
                may_be_escaped(b),
                MAY_BE_ESCAPED.contains(&char::from(b)),
                "{b}"
            );
        }
    }

    /// The shortcut of [`escape_text_before`] holds: no other ASCII character needs an
    /// escape, at any place, between any neighbours.
    #[test]
    fn only_the_listed_characters_are_ever_escaped() {
        let around = [None, Some(' '), Some('a'), Some(']'), Some('('), Some('^')];
        let places = [(false, false), (true, false), (false, true)];
        for c in (0u8..128)
            .map(char::from)
            .filter(|c| !MAY_BE_ESCAPED.contains(c))
        {
            for (prev, next, close) in around
                .iter()
                .flat_map(|p| around.map(|n| (*p, n)))
                .flat_map(|(p, n)| {
                    around
                        .map(|a| (p, n, Some(a)))
                        .into_iter()
                        .chain([(p, n, None)])
                })
            {
                for (in_link, in_table) in places {
                    let place = Place { in_link, in_table };
                    assert!(!needs_escape(c, prev, next, close, place), "{c:?}");
                }
            }
        }
    }
}
