//! The title from the document's `<title>`, when no metadata states it.
//!
//! `<title>` usually carries the site name too: `Article – Site`, `Site | Article`,
//! `Site » Section » Article`, `Site: Article`. The rules, in order:
//!
//! 1. With a separator (`|`, `-`, `–`, `—`, `\`, `/`, `>`, `»` between spaces), keep what is
//!    before the last one; if that leaves fewer than [`MIN_PART_WORDS`] words, keep what is
//!    after the first one instead.
//! 2. Else with `": "`, keep what is after the last colon, unless a heading repeats the whole
//!    title (then the colon is part of it); if that leaves fewer than [`MIN_PART_WORDS`],
//!    keep what is after the first colon; if the part before the first colon is long, the
//!    colon is part of the title and the whole is kept.
//! 3. Else a title too short or too long to be real is replaced by the page's single `<h1>`.
//! 4. A result of [`MAX_SHORT_WORDS`] words or fewer is distrusted and the whole title kept,
//!    except when a hierarchical title lost exactly its one-word site part.

use dom_query::{Document, NodeRef};

use crate::dom::normalize_space;

/// Separators between a title and a site name (only when spaces surround them).
const SEPARATORS: &[char] = &['|', '-', '–', '—', '\\', '/', '>', '»'];
/// Separators of a path-like hierarchy (`Site > Section > Title`).
const HIERARCHICAL: &[char] = &['\\', '/', '>', '»'];
/// A part shorter than this (in words) is a site name or a section, not the title.
const MIN_PART_WORDS: usize = 3;
/// Before a colon, more words than this mean the colon belongs to the title.
const MAX_PREFIX_WORDS: usize = 5;
/// Titles outside this character range are replaced by a lone `<h1>`.
const PLAUSIBLE_CHARS: std::ops::RangeInclusive<usize> = 15..=150;
/// A stripped title this short (in words) is more likely a fragment than the title.
const MAX_SHORT_WORDS: usize = 4;

/// The article title derived from `<title>` (and headings); `None` without a `<title>`.
pub fn from_document(doc: &Document) -> Option<String> {
    let title_el = doc.root().descendants_it().find(|n| n.has_name("title"))?;
    let original = normalize_space(&title_el.text());
    Some(strip_site_name(doc, &original))
}

fn strip_site_name(doc: &Document, original: &str) -> String {
    let separators = separator_positions(original);
    let mut hierarchical = false;
    let candidate = if let (Some(first), Some(last)) = (separators.first(), separators.last()) {
        hierarchical = separators.iter().any(|(_, c)| HIERARCHICAL.contains(c));
        let before_last = &original[..last.0];
        if word_count(before_last) >= MIN_PART_WORDS {
            before_last.to_string()
        } else {
            original[first.0..].chars().skip(2).collect()
        }
    } else if original.contains(": ") {
        colon_title(doc, original)
    } else if !PLAUSIBLE_CHARS.contains(&original.chars().count()) {
        lone_h1(doc).unwrap_or_else(|| original.to_string())
    } else {
        original.to_string()
    };
    let candidate = normalize_space(&candidate);
    let words = word_count(&candidate);
    let lost_one_site_word = hierarchical && words + 1 == word_count_without_separators(original);
    if words <= MAX_SHORT_WORDS && !lost_one_site_word { original.to_string() } else { candidate }
}

/// Byte offsets (of the space before) and characters of every ` sep ` in the title.
fn separator_positions(title: &str) -> Vec<(usize, char)> {
    let chars: Vec<(usize, char)> = title.char_indices().collect();
    chars
        .windows(3)
        .filter(|w| w[0].1 == ' ' && w[2].1 == ' ' && SEPARATORS.contains(&w[1].1))
        .map(|w| (w[0].0, w[1].1))
        .collect()
}

fn colon_title(doc: &Document, original: &str) -> String {
    let heading_repeats = doc
        .root()
        .descendants_it()
        .filter(|n| n.has_name("h1") || n.has_name("h2"))
        .any(|h| normalize_space(&h.text()) == original);
    if heading_repeats {
        return original.to_string();
    }
    let after_last = original.rsplit(':').next().unwrap_or(original);
    if word_count(after_last) >= MIN_PART_WORDS {
        return after_last.to_string();
    }
    let (before_first, after_first) = original.split_once(':').unwrap_or((original, ""));
    if word_count(before_first) > MAX_PREFIX_WORDS { original.to_string() } else { after_first.to_string() }
}

fn lone_h1(doc: &Document) -> Option<String> {
    let root = doc.root();
    let mut h1s = root.descendants_it().filter(|n| n.has_name("h1"));
    let only: NodeRef = h1s.next()?;
    if h1s.next().is_some() {
        return None;
    }
    Some(normalize_space(&only.text())).filter(|t| !t.is_empty())
}

fn word_count(s: &str) -> usize {
    s.split_whitespace().count()
}

fn word_count_without_separators(s: &str) -> usize {
    let stripped: String = s.chars().filter(|c| !SEPARATORS.contains(c)).collect();
    word_count(&stripped)
}
