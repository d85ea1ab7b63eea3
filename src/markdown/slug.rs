//! Heading anchors as GitHub (and Obsidian's GitHub-compatible mode) make them: the
//! heading's text lower-cased, punctuation and symbols removed, each space a `-`, and a
//! repeated slug numbered (`intro`, `intro-1`, `intro-2`).
//!
//! One definition for both sides: the Markdown writer points in-page links at these slugs,
//! and the renderer ([`crate::render`]) gives headings these ids, so the links of a saved
//! article lead where they did on the page. Both take the heading's text from the
//! pulldown-cmark events of its Markdown ([`events_text`]), so they agree by construction.

use std::collections::HashMap;

use pulldown_cmark::{Event, Options, Parser, Tag, TagEnd};

/// The slug of one heading text (not yet made unique).
pub fn slug(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in crate::text::normalize_line(text).chars() {
        if c == ' ' {
            out.push('-');
        } else if c.is_alphanumeric() || c == '-' || c == '_' || is_mark(c) {
            out.extend(c.to_lowercase());
        }
    }
    out
}

/// Combining marks (kept by GitHub inside words: Devanagari, Arabic vowel signs…).
fn is_mark(c: char) -> bool {
    matches!(c as u32, 0x0300..=0x036F | 0x0483..=0x0489 | 0x0591..=0x05BD | 0x0610..=0x061A | 0x064B..=0x065F
        | 0x0900..=0x0903 | 0x093A..=0x094F | 0x0951..=0x0957 | 0x0962..=0x0963 | 0x0E31..=0x0E3A | 0x0E47..=0x0E4E
        | 0x1AB0..=0x1AFF | 0x1DC0..=0x1DFF | 0x20D0..=0x20FF | 0xFE20..=0xFE2F)
}

/// Makes slugs unique within one document, in heading order.
#[derive(Default)]
pub struct Slugger {
    seen: HashMap<String, usize>,
}

impl Slugger {
    /// The unique slug of the next heading with this text.
    pub fn next(&mut self, text: &str) -> String {
        let base = slug(text);
        let mut candidate = base.clone();
        while self.seen.contains_key(&candidate) {
            let n = self.seen.entry(base.clone()).or_default();
            *n += 1;
            candidate = format!("{base}-{n}");
        }
        self.seen.insert(candidate.clone(), 0);
        candidate
    }
}

/// The text a reader sees in a run of inline events: text, code and math, not image alt text.
pub fn events_text<'a>(events: impl IntoIterator<Item = &'a Event<'a>>) -> String {
    let mut out = String::new();
    let mut in_image = 0usize;
    for event in events {
        match event {
            Event::Start(Tag::Image { .. }) => in_image += 1,
            Event::End(TagEnd::Image) => in_image = in_image.saturating_sub(1),
            Event::Text(t) | Event::Code(t) | Event::InlineMath(t) if in_image == 0 => {
                out.push_str(t)
            }
            Event::SoftBreak | Event::HardBreak if in_image == 0 => out.push(' '),
            _ => {}
        }
    }
    out
}

/// The reader's text of one heading written as inline Markdown.
pub fn heading_text(inline_markdown: &str) -> String {
    let line = format!("# {inline_markdown}");
    let events: Vec<Event> =
        Parser::new_ext(&line, Options::ENABLE_MATH | Options::ENABLE_STRIKETHROUGH).collect();
    events_text(&events)
}
