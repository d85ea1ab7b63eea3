//! Small, shared questions about `dom_query` nodes: names, text, link density, visibility.
//! Every phase asks these; they are answered once, here.

use std::borrow::Cow;
use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hash, Hasher};

use dom_query::{NodeData, NodeId, NodeRef};

/// The marker attribute a DOM snapshot puts on elements the live page did not show
/// (computed `display:none`, `visibility:hidden`, zero opacity or zero size).
pub const SNAPSHOT_HIDDEN_ATTR: &str = "data-rm-hidden";

thread_local! {
    /// Nodes read by this module's subtree and ancestor walks on this thread: see
    /// [`nodes_read`].
    static NODES_READ: std::cell::Cell<u64> = const { std::cell::Cell::new(0) };
}

/// How many nodes this module's walks (text of a subtree, ancestors, [`under_each`]) have
/// read on this thread so far: a measure of work that does not depend on the machine, so that
/// a test can bound a phase's work on a hostile page (a quadratic phase reads the page once
/// per level of nesting) where a timed test would fail on a busy machine.
pub fn nodes_read() -> u64 {
    NODES_READ.with(std::cell::Cell::get)
}

fn read_node() {
    NODES_READ.with(|c| c.set(c.get() + 1));
}

/// Inline elements: text flows through them (HTML's "phrasing content").
pub const PHRASING_TAGS: &[&str] = &[
    "abbr", "audio", "b", "bdo", "br", "button", "cite", "code", "data", "datalist", "dfn", "em",
    "embed", "i", "img", "input", "kbd", "label", "mark", "math", "meter", "noscript", "object",
    "output", "progress", "q", "ruby", "samp", "script", "select", "small", "span", "strong",
    "sub", "sup", "textarea", "time", "var", "wbr", "s", "u", "del", "ins", "font", "strike", "tt",
    "big", "bdi",
];

/// Elements that start a block of their own.
pub const BLOCK_TAGS: &[&str] = &[
    "address",
    "article",
    "aside",
    "blockquote",
    "dd",
    "details",
    "dialog",
    "div",
    "dl",
    "dt",
    "fieldset",
    "figcaption",
    "figure",
    "footer",
    "form",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "header",
    "hgroup",
    "hr",
    "li",
    "main",
    "nav",
    "ol",
    "p",
    "pre",
    "section",
    "table",
    "ul",
    "summary",
    "menu",
];

/// URL schemes that run code or carry a whole document when followed: a link to one keeps
/// its text and loses its target, in the cleaned article and in the Markdown (a downloaded
/// `.md` may be opened by any viewer, so the safe form must be the stored one).
const SCRIPT_URL_SCHEMES: &[&str] = &["javascript:", "vbscript:", "data:"];
/// Enough of a URL to hold the longest scheme of [`SCRIPT_URL_SCHEMES`].
const SCHEME_PREFIX_CHARS: usize = 12;

/// Whether `url`, as written in an attribute, uses a scheme of [`SCRIPT_URL_SCHEMES`]. As a
/// browser does, leading and trailing spaces and controls are ignored, and so are tabs and
/// line breaks anywhere (`java\nscript:` is `javascript:`); the scheme is ASCII
/// case-insensitive.
pub fn is_script_url(url: &str) -> bool {
    let prefix: String = url
        .trim_matches(|c: char| c <= ' ')
        .chars()
        .filter(|c| !matches!(c, '\t' | '\n' | '\r'))
        .take(SCHEME_PREFIX_CHARS)
        .map(|c| c.to_ascii_lowercase())
        .collect();
    SCRIPT_URL_SCHEMES
        .iter()
        .any(|scheme| prefix.starts_with(scheme))
}

/// The element's local name (lower case), or `""` for a non-element.
pub fn tag(node: &NodeRef) -> String {
    node.qual_name_ref()
        .map(|q| q.local.to_string())
        .unwrap_or_default()
}

/// Calls `f` with the element's local name (lower case; `""` for a non-element), without
/// copying it. The tree is borrowed meanwhile: `f` must not change it.
pub fn with_tag<R>(node: &NodeRef, f: impl FnOnce(&str) -> R) -> R {
    match node.qual_name_ref() {
        Some(q) => f(&q.local),
        None => f(""),
    }
}

/// True if the node is an element with one of these local names.
pub fn is_any(node: &NodeRef, names: &[&str]) -> bool {
    node.qual_name_ref().is_some_and(|q| {
        // The name is read out of its atom once, not once per candidate.
        let local = q.local.as_bytes();
        names.iter().any(|n| is_same_name(n.as_bytes(), local))
    })
}

/// `candidate == local`, comparing the bytes only when the lengths and first bytes agree:
/// most candidates differ in one of them, and comparing the bytes is a call to `memcmp`
/// (`is_any` is asked millions of times, mostly of lists that do not hold the name).
fn is_same_name(candidate: &[u8], local: &[u8]) -> bool {
    candidate.len() == local.len() && candidate.first() == local.first() && candidate == local
}

/// Attribute value, or `""`.
pub fn attr(node: &NodeRef, name: &str) -> String {
    with_attr(node, name, str::to_string)
}

/// Calls `f` with the attribute's value (`""` when absent) where it lies in the tree,
/// without copying it. The tree is borrowed meanwhile: `f` must not change it.
pub fn with_attr<R>(node: &NodeRef, name: &str, f: impl FnOnce(&str) -> R) -> R {
    let element = node.element_ref();
    let found = element
        .as_deref()
        .and_then(|e| e.attrs.iter().find(|a| &a.name.local == name));
    f(found.map_or("", |a| a.value.as_ref()))
}

/// True if the attribute's value is exactly `value` (an absent attribute is `""`).
pub fn attr_is(node: &NodeRef, name: &str, value: &str) -> bool {
    with_attr(node, name, |v| v == value)
}

/// What [`class_and_id`] gives for an element without a `class` or an `id` (and for
/// any other node): the empty class and id joined by their space.
pub const NO_NAMES: &str = " ";

/// [`class_and_id`] of `node`, without building a string for a node that has neither
/// attribute (most elements: the finder, the cleaner and the region ask it of every element).
pub fn names_of(node: &NodeRef) -> Cow<'static, str> {
    let named = node.element_ref().is_some_and(|e| {
        e.attrs
            .iter()
            .any(|a| matches!(&*a.name.local, "class" | "id"))
    });
    if named {
        Cow::Owned(class_and_id(node))
    } else {
        Cow::Borrowed(NO_NAMES)
    }
}

/// `class` and `id` together, lower-cased: what boilerplate patterns are matched against.
pub fn class_and_id(node: &NodeRef) -> String {
    let element = node.element_ref();
    let attrs = element.as_deref().map_or(&[][..], |e| &e.attrs[..]);
    let value = |name: &str| {
        attrs
            .iter()
            .find(|a| &a.name.local == name)
            .map_or("", |a| a.value.as_ref())
    };
    let (class, id) = (value("class"), value("id"));
    // Sized once: grown piece by piece, the string was reallocated up to three times, and
    // every phase asks this of many elements.
    let mut s = String::with_capacity(class.len() + 1 + id.len());
    s.push_str(class);
    s.push(' ');
    s.push_str(id);
    lowered(s)
}

/// `text` lower-cased: in place when it is ASCII (as nearly all class names, styles and
/// short labels are; [`str::to_lowercase`] would write a copy), else by `to_lowercase`.
pub fn lowered(mut text: String) -> String {
    if text.is_ascii() {
        text.make_ascii_lowercase();
        text
    } else {
        text.to_lowercase()
    }
}

/// `class_and_id(node).contains(needle)`, for a lower-case ASCII `needle` without a space,
/// without building the string when both names are ASCII (matched case-insensitively; the
/// rare other names take the general path). Asked of every element of an article.
pub fn names_contain(node: &NodeRef, needle: &str) -> bool {
    let element = node.element_ref();
    let attrs = element.as_deref().map_or(&[][..], |e| &e.attrs[..]);
    let value = |name: &str| {
        attrs
            .iter()
            .find(|a| &a.name.local == name)
            .map_or("", |a| a.value.as_ref())
    };
    let (class, id) = (value("class"), value("id"));
    if !class.is_ascii() || !id.is_ascii() {
        return class_and_id(node).contains(needle);
    }
    let holds = |name: &str| {
        name.as_bytes()
            .windows(needle.len())
            .any(|w| w.eq_ignore_ascii_case(needle.as_bytes()))
    };
    holds(class) || holds(id)
}

/// Text content with runs of white space collapsed to one space and the ends trimmed.
/// Written straight from the text nodes (what [`normalize_space`] makes of `node.text()`,
/// without building the raw text first): every phase asks this of many nodes.
pub fn inner_text(node: &NodeRef) -> String {
    let mut words = Words::new(String::new(), usize::MAX);
    push_text_nodes(node, &mut words);
    words.out
}

/// The number of characters of [`inner_text`], and the sum of `count` over the node's text
/// nodes, without building the text. (`count` must count characters other than white
/// space, such as commas: then it counts them in the inner text too.)
/// The pipeline uses the bounded form only; the tests check it against this one.
#[cfg(test)]
pub fn inner_text_stats(node: &NodeRef, count: impl Fn(&str) -> usize) -> (usize, usize) {
    inner_text_stats_within(node, usize::MAX, count)
}

/// [`inner_text_stats`] with the characters counted only until there are more than
/// `max_chars` (then the count is some number over `max_chars`): enough to compare a length
/// with a bound, and the rest of a long text is only read by `count`.
pub fn inner_text_stats_within(
    node: &NodeRef,
    max_chars: usize,
    count: impl Fn(&str) -> usize,
) -> (usize, usize) {
    let mut words = Words::new(String::new(), max_chars);
    words.write = false;
    let (mut counted, mut within) = (0, true);
    for d in std::iter::once(*node).chain(node.descendants_it()) {
        read_node();
        d.query(|n| {
            if let NodeData::Text { contents } = &n.data {
                within = within && words.push(contents);
                counted += count(contents);
            }
        });
    }
    (words.chars, counted)
}

/// Whether `count`, summed over the node's text nodes in document order, reaches `target`;
/// reads no further than it must. No phase uses it any more (the crate's modules became
/// private and the compiler said so); kept for its test until a phase needs it again.
#[cfg(test)]
pub fn text_count_reaches(node: &NodeRef, target: usize, count: impl Fn(&str) -> usize) -> bool {
    let mut counted = 0;
    std::iter::once(*node)
        .chain(node.descendants_it())
        .inspect(|_| read_node())
        .any(|d| {
            d.query_or(false, |n| match &n.data {
                NodeData::Text { contents } => {
                    counted += count(contents);
                    counted >= target
                }
                _ => false,
            })
        })
        || target == 0
}

/// Collapses every run of white space (including NBSP) to one space and trims the ends.
pub fn normalize_space(s: &str) -> String {
    let mut words = Words::new(String::with_capacity(s.len()), usize::MAX);
    words.push(s);
    words.out
}

/// [`inner_text_within`] read as a line of separate items: text nodes of different
/// elements are kept apart by a space even where the markup puts none between them (an
/// author's name `<div>` then a date `<span>` reads "Jane Doe March 3", not "Jane DoeMarch
/// 3"), and the subtrees `skip` refuses (with their text) are left out. For short lines
/// such as bylines, whose parts are styled apart rather than spaced. A `<br>` parts the
/// text around it too ("By:<br>Jane Doe" reads "By: Jane Doe", not "By:Jane Doe").
pub fn item_text_within(
    node: &NodeRef,
    max_chars: usize,
    skip: impl Fn(&NodeRef) -> bool,
) -> Option<String> {
    let (text, within) = item_text_read(node, max_chars, skip);
    within.then_some(text)
}

/// The start of [`item_text_within`]'s text: all of it when it has at most `max_chars`
/// characters, else its words up to the first that goes past `max_chars` (a prefix of the
/// whole text, longer than `max_chars`). Enough to read a line's first word without
/// reading the line.
pub fn item_text_start(
    node: &NodeRef,
    max_chars: usize,
    skip: impl Fn(&NodeRef) -> bool,
) -> String {
    item_text_read(node, max_chars, skip).0
}

/// [`item_text_within`]'s text as far as it was read, and whether that is all of it.
fn item_text_read(
    node: &NodeRef,
    max_chars: usize,
    skip: impl Fn(&NodeRef) -> bool,
) -> (String, bool) {
    let mut words = Words::new(String::new(), max_chars);
    let mut last_parent = None;
    // The walk asks `skip` of each element in document order: a `<br>` asked about lies
    // between the text read before it and the text read after it.
    let line_break = std::cell::Cell::new(false);
    let skip_noting_breaks = |n: &NodeRef| {
        if n.has_name("br") {
            line_break.set(true);
        }
        skip(n)
    };
    let within = walk_item_texts(node, skip_noting_breaks, |parent_id, contents| {
        if line_break.take() || last_parent.is_some() && parent_id != last_parent {
            words.space_pending = true;
        }
        if !contents.trim().is_empty() {
            last_parent = parent_id;
        }
        words.push(contents)
    });
    (words.out, within)
}

/// The first character of [`item_text_within`]'s text (its length not limited), found
/// without writing the text: enough to tell that a line cannot start with a given word.
/// The author search reads it for every element at once (`authors::LineStarts`); kept as the
/// reference the tests check that against.
#[cfg(test)]
pub fn item_first_char(node: &NodeRef, skip: impl Fn(&NodeRef) -> bool) -> Option<char> {
    let mut first = None;
    walk_item_texts(node, skip, |_, contents| {
        first = contents.chars().find(|c| !c.is_whitespace());
        first.is_none()
    });
    first
}

/// Calls `visit` with each text node under `node` (its parent's id and its contents) in
/// document order, leaving out the subtrees `skip` refuses, until `visit` returns false;
/// false when it did.
fn walk_item_texts(
    node: &NodeRef,
    skip: impl Fn(&NodeRef) -> bool,
    mut visit: impl FnMut(Option<NodeId>, &str) -> bool,
) -> bool {
    // Its own stack, in document order: a refused element is judged once and its subtree
    // never entered, and no text node's ancestors are read (nested `div`s cost each one
    // visit, tests/hostile.rs).
    // The text is read in place (no copy of a text node, no list of children per element).
    let mut stack: Vec<NodeRef> = node.children_it(true).collect();
    while let Some(d) = stack.pop() {
        read_node();
        if d.is_element() {
            if !skip(&d) {
                stack.extend(d.children_it(true));
            }
            continue;
        }
        let parent_id = d.parent().map(|p| p.id);
        let go_on = d.query(|n| match &n.data {
            NodeData::Text { contents } => visit(parent_id, contents),
            _ => true,
        });
        if go_on == Some(false) {
            return false;
        }
    }
    true
}

/// Writes the text nodes of `node` (itself and its descendants, in document order) into
/// `words`; false as soon as one goes past its limit.
fn push_text_nodes(node: &NodeRef, words: &mut Words) -> bool {
    std::iter::once(*node)
        .chain(node.descendants_it())
        .inspect(|_| read_node())
        .all(|d| {
            d.query_or(true, |n| match &n.data {
                NodeData::Text { contents } => words.push(contents),
                _ => true,
            })
        })
}

/// Normalised text written piece by piece: white space inside a piece or between pieces
/// becomes one space between words, none at the ends; pieces join without a space when
/// no white space separates them (a word may span two text nodes).
struct Words {
    out: String,
    /// White space was read after the last word written.
    space_pending: bool,
    /// Characters written.
    chars: usize,
    /// Most characters wanted (`usize::MAX`: no limit).
    max_chars: usize,
    /// Whether the text is written to `out` (else only counted).
    write: bool,
}

impl Words {
    fn new(out: String, max_chars: usize) -> Words {
        Words {
            out,
            space_pending: false,
            chars: 0,
            max_chars,
            write: true,
        }
    }

    /// Writes the words of `s`; false once the text is over the limit.
    fn push(&mut self, s: &str) -> bool {
        if s.is_ascii() {
            return self.push_runs(s, true) || self.push_split(s, true);
        }
        if !has_wide_space(s.as_bytes()) {
            return self.push_runs(s, false) || self.push_split(s, false);
        }
        self.push_decoded(s)
    }

    /// [`Words::push`] of a text whose white space is all ASCII, a run of words at a time: words
    /// one space apart are written as they stand (most text nodes are a sentence or a label:
    /// written whole), where [`Words::push_split`] writes word by word. When the text goes
    /// over the limit, false with nothing written: [`Words::push_split`] then writes it.
    fn push_runs(&mut self, s: &str, ascii: bool) -> bool {
        let (written, chars, pending) = (self.out.len(), self.chars, self.space_pending);
        let bytes = s.as_bytes();
        let mut i = 0;
        while i < bytes.len() {
            let spaces = bytes[i..]
                .iter()
                .take_while(|&&b| is_ascii_space(b))
                .count();
            self.space_pending |= spaces > 0;
            i += spaces;
            if i == bytes.len() {
                break;
            }
            let start = i;
            i = end_of_run(bytes, i);
            // The run starts and ends next to ASCII bytes (or the text's ends): on characters.
            let run = s.get(start..i).unwrap_or_default();
            let run_chars = if ascii {
                run.len()
            } else {
                run.len() - continuation_bytes(run.as_bytes())
            };
            if !self.write_word(run, run_chars) {
                self.out.truncate(written);
                (self.chars, self.space_pending) = (chars, pending);
                return false;
            }
        }
        true
    }

    /// [`Words::push`] reading the text char by char.
    fn push_decoded(&mut self, s: &str) -> bool {
        let mut i = 0;
        while i < s.len() {
            let (space_end, _) = run_of(s, i, true);
            self.space_pending |= space_end > i;
            let (word_end, chars) = run_of(s, space_end, false);
            if word_end == i {
                break; // no progress: `run_of` stopped off a character boundary
            }
            i = word_end;
            if word_end == space_end {
                continue;
            }
            if !self.write_word(s.get(space_end..word_end).unwrap_or_default(), chars) {
                return false;
            }
        }
        true
    }

    /// [`Words::push`] for text whose white space is all ASCII (nearly all of a page's, see
    /// [`has_wide_space`]): its words are the pieces between white space bytes, found byte by
    /// byte (a split at a `char` test decodes every character), and a word's characters are
    /// its bytes (`ascii`) or those that start a character.
    fn push_split(&mut self, s: &str, ascii: bool) -> bool {
        let mut rest = s;
        while !rest.is_empty() {
            let word_len = rest.bytes().position(is_ascii_space).unwrap_or(rest.len());
            let (word, tail) = rest.split_at(word_len);
            let chars = if ascii {
                word.len()
            } else {
                word.len() - continuation_bytes(word.as_bytes())
            };
            if !word.is_empty() && !self.write_word(word, chars) {
                return false;
            }
            let spaces = tail.bytes().take_while(|&b| is_ascii_space(b)).count();
            self.space_pending |= spaces > 0;
            rest = tail.get(spaces..).unwrap_or_default();
        }
        true
    }

    /// Writes one word of `chars` characters, after a space when white space came before it;
    /// false once the text is over the limit.
    fn write_word(&mut self, word: &str, chars: usize) -> bool {
        // Something was written exactly when something was counted.
        if std::mem::take(&mut self.space_pending) && self.chars > 0 {
            self.chars += 1;
            if self.write {
                self.out.push(' ');
            }
        }
        if self.write {
            self.out.push_str(word);
        }
        self.chars += chars;
        self.chars <= self.max_chars
    }
}

/// White space among ASCII bytes as `char::is_whitespace` has it: tab, line feed, vertical
/// tab, form feed, carriage return, space (`u8::is_ascii_whitespace` leaves out the
/// vertical tab).
pub(crate) fn is_ascii_space(b: u8) -> bool {
    matches!(b, b'\t'..=b'\r' | b' ')
}

/// Bytes [`end_of_run`] tests at once: a block in which no white space byte ends a run is
/// stepped over whole (the compiler tests its bytes many per instruction); the block holding
/// the end is read byte by byte.
const RUN_BLOCK: usize = 16;

/// The end of the run of words one space apart that starts at byte `from` (not white space)
/// of `bytes`: the first white space byte that is not a single space between two words.
fn end_of_run(bytes: &[u8], from: usize) -> usize {
    end_of_run_by(bytes, from, is_ascii_space)
}

/// [`end_of_run`] with white space bytes as `is_space` has them (`b' '` among them).
pub fn end_of_run_by(bytes: &[u8], from: usize, is_space: impl Fn(u8) -> bool) -> usize {
    let space = |b: u8| u8::from(is_space(b));
    // A white space byte that is not a space, or is followed by white space.
    let ends = |b: u8, next: u8| space(b) & (u8::from(b != b' ') | space(next));
    let mut i = from;
    while let Some(window) = bytes.get(i..i + RUN_BLOCK + 1) {
        let (block, next) = (&window[..RUN_BLOCK], &window[1..]);
        if block
            .iter()
            .zip(next)
            .fold(0u8, |n, (&b, &c)| n | ends(b, c))
            != 0
        {
            break;
        }
        i += RUN_BLOCK;
    }
    loop {
        i += bytes[i..]
            .iter()
            .position(|&b| is_space(b))
            .unwrap_or(bytes.len() - i);
        match bytes.get(i..i + 2) {
            Some([b' ', next]) if !is_space(*next) => i += 1,
            _ => return i,
        }
    }
}

/// The end of the run of white space (`space`) or of other characters (`!space`) starting
/// at byte `from` of `s`, and its length in characters. ASCII is classified byte by byte
/// ([`is_ascii_space`]); other characters are decoded.
fn run_of(s: &str, from: usize, space: bool) -> (usize, usize) {
    let bytes = s.as_bytes();
    let (mut i, mut chars) = (from, 0);
    while let Some(&b) = bytes.get(i) {
        let (is_space, len) = if b.is_ascii() {
            (is_ascii_space(b), 1)
        } else {
            match s.get(i..).and_then(|rest| rest.chars().next()) {
                Some(c) => (c.is_whitespace(), c.len_utf8()),
                None => break,
            }
        };
        if is_space != space {
            break;
        }
        i += len;
        chars += 1;
    }
    (i, chars)
}

/// Bytes of all the text under `node`, as its `text()` would have them, without building
/// that string (a walk of the subtree, counted in [`nodes_read`]).
pub fn text_bytes(node: &NodeRef) -> usize {
    node.descendants_it()
        .inspect(|_| read_node())
        .filter_map(|d| with_own_text(&d, str::len))
        .sum()
}

/// Calls `f` with the contents of a text node, borrowed (`text()` copies them into a new
/// string first); `None` for any other node. The tree is borrowed meanwhile: `f` must not
/// change it.
pub fn with_own_text<R>(node: &NodeRef, f: impl FnOnce(&str) -> R) -> Option<R> {
    node.query(|n| match &n.data {
        NodeData::Text { contents } => Some(f(contents)),
        _ => None,
    })
    .flatten()
}

/// Number of characters of the normalised text: the unit of every length threshold
/// (characters, not bytes, so that Armenian, Cyrillic or CJK text counts like Latin).
/// Counted as `dom_query`'s `normalized_char_count` counts (the tests check it), from the
/// spans of the text nodes: that count reads each text character by character.
pub fn text_len(node: &NodeRef) -> usize {
    std::iter::once(*node)
        .chain(node.descendants_it())
        .filter_map(|d| d.query(|n| span_of(&n.data)).flatten())
        .fold(TextSpan::EMPTY, TextSpan::then)
        .chars()
}

/// [`text_len`] of `node` and of `part`, a node below it, in one read of `node`'s text:
/// `part`'s text is read once, where asking both read it twice.
pub fn text_len_with_part(node: &NodeRef, part: &NodeRef) -> (usize, usize) {
    let span_below = |n: &NodeRef| {
        std::iter::once(*n)
            .chain(n.descendants_it())
            .filter_map(|d| d.query(|n| span_of(&n.data)).flatten())
            .fold(TextSpan::EMPTY, TextSpan::then)
    };
    let part_span = span_below(part);
    // Document order, `part`'s subtree taken whole (joining spans is associative).
    let mut span = node
        .query(|n| span_of(&n.data))
        .flatten()
        .unwrap_or(TextSpan::EMPTY);
    let mut stack: Vec<NodeRef> = node.children_it(true).collect();
    while let Some(d) = stack.pop() {
        if d.id == part.id {
            span = span.then(part_span);
            continue;
        }
        if let Some(text) = d.query(|n| span_of(&n.data)).flatten() {
            span = span.then(text);
        }
        stack.extend(d.children_it(true));
    }
    (span.chars(), part_span.chars())
}

/// True when [`text_len`] of the node is over `limit`; stops counting as soon as it is.
pub fn text_len_exceeds(node: &NodeRef, limit: usize) -> bool {
    let mut span = TextSpan::EMPTY;
    for d in std::iter::once(*node).chain(node.descendants_it()) {
        read_node();
        if let Some(text) = d.query(|n| text_span(&n.data)).flatten() {
            span = span.then(text);
            // The final count loses at most one trailing space.
            if span.after_space > limit + 1 {
                return true;
            }
        }
    }
    span.chars() > limit
}

/// [`text_len_exceeds`], not counted in [`nodes_read`] (as [`text_len`] is not).
pub fn text_len_over(node: &NodeRef, limit: usize) -> bool {
    std::iter::once(*node)
        .chain(node.descendants_it())
        .filter_map(|d| d.query(|n| span_of(&n.data)).flatten())
        .try_fold(TextSpan::EMPTY, |span, text| span.then(text).within(limit))
        .is_none_or(|span| span.chars() > limit)
}

/// [`inner_text`], unless it has more than `max_chars` characters (then `None`, found
/// without building the whole text: long blocks are common and only short ones are wanted).
pub fn inner_text_within(node: &NodeRef, max_chars: usize) -> Option<String> {
    let mut words = Words::new(String::new(), max_chars);
    push_text_nodes(node, &mut words).then_some(words.out)
}

/// How much an in-page link's text (`#…`: tables of contents, footnote marks) counts toward
/// link density, next to a link elsewhere's 1: such links are part of the article they sit
/// in, not a way out of it.
const IN_PAGE_LINK_WEIGHT: f64 = 0.3;

/// The weight of link `a`'s text in link density: [`IN_PAGE_LINK_WEIGHT`] for a link to an
/// anchor of the page, else 1.
pub fn link_weight(a: &NodeRef) -> f64 {
    let in_page = a
        .attr("href")
        .is_some_and(|h| h.trim_start().starts_with('#'));
    if in_page { IN_PAGE_LINK_WEIGHT } else { 1.0 }
}

/// Share of the node's text that sits inside links, references weighed by
/// [`link_weight`].
pub fn link_density(node: &NodeRef) -> f64 {
    link_density_by(node, text_len)
}

/// [`link_density`] with text lengths taken from `len` (e.g. a [`TextLens`]).
pub fn link_density_by(node: &NodeRef, len: impl Fn(&NodeRef) -> usize) -> f64 {
    let total = len(node);
    if total == 0 {
        return 0.0;
    }
    let mut linked = 0.0;
    for a in node.descendants_it().filter(|d| d.has_name("a")) {
        linked += len(&a) as f64 * link_weight(&a);
    }
    linked / total as f64
}

/// [`text_len`] of every node of a subtree, computed in one pass: asking each candidate
/// container for its length instead would read the text of nested containers again and
/// again. Valid until the subtree changes.
pub struct TextLens {
    /// Where each node of the subtree sits in `spans`.
    positions: Positions,
    spans: Vec<TextSpan>,
}

/// A map keyed by node: ids are small distinct integers, so one multiplication hashes them
/// well enough (the default, DoS-resistant hasher costs more than the lookups it serves).
pub type NodeMap<V> = HashMap<NodeId, V, BuildHasherDefault<NodeIdHasher>>;

/// 2^64 / golden ratio: multiplying by it scatters nearby integers.
const FIBONACCI_MULTIPLIER: u64 = 0x9E37_79B9_7F4A_7C15;

/// The hasher of [`NodeMap`]: Fibonacci hashing of the id (one `u32`), which spreads
/// consecutive ids over the high bits the table probes with.
#[derive(Default)]
pub struct NodeIdHasher(u64);

impl Hasher for NodeIdHasher {
    fn finish(&self) -> u64 {
        self.0
    }

    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 = (self.0 << 8) | u64::from(b);
        }
    }

    fn write_u32(&mut self, n: u32) {
        self.0 = u64::from(n).wrapping_mul(FIBONACCI_MULTIPLIER);
    }
}

/// The node's place in its tree's arena, counted from 1 (0 is never a node's): a dense
/// index for tables kept in a `Vec` where a [`NodeMap`] would hash every lookup. `dom_query`
/// keeps `NodeId`'s accessor to itself, but hashes the id as that one `u32`.
pub fn node_index(id: &NodeId) -> usize {
    let mut index = IndexOf(0);
    id.hash(&mut index);
    index.0 as usize
}

/// The hasher [`node_index`] reads the id with: it keeps the `u32` it is given.
struct IndexOf(u32);

impl Hasher for IndexOf {
    fn finish(&self) -> u64 {
        u64::from(self.0)
    }

    fn write(&mut self, _bytes: &[u8]) {
        unreachable!("a NodeId hashes as one u32");
    }

    fn write_u32(&mut self, n: u32) {
        self.0 = n;
    }
}

impl TextLens {
    /// The lengths of `root` and all its descendants.
    pub fn of(root: &NodeRef) -> TextLens {
        let order: Vec<NodeRef> = std::iter::once(*root)
            .chain(root.descendants_it())
            .collect();
        let positions = Positions::of(&order);
        let mut spans = vec![TextSpan::EMPTY; order.len()];
        // Reverse document order reaches every child before its parent.
        for (place, node) in order.iter().enumerate().rev() {
            let span = node
                .query(|n| text_span(&n.data))
                .flatten()
                .unwrap_or_else(|| {
                    node.children_it(false).fold(TextSpan::EMPTY, |acc, c| {
                        acc.then(positions.get(&c.id).map_or(TextSpan::EMPTY, |i| spans[i]))
                    })
                });
            spans[place] = span;
        }
        TextLens { positions, spans }
    }

    /// [`text_len`] of a node of the subtree (computed directly for any other node).
    pub fn len(&self, node: &NodeRef) -> usize {
        self.positions
            .get(&node.id)
            .map_or_else(|| text_len(node), |i| self.spans[i].chars())
    }
}

/// The normalised character count of a run of text nodes, as `dom_query` counts it (white
/// space runs count once, also across nodes; an empty text node ends a run), for both
/// states the run can start in, so that runs can be joined without reading them again.
#[derive(Clone, Copy)]
pub struct TextSpan {
    /// Characters counted when the run follows white space (or starts the text).
    after_space: usize,
    /// Characters counted when the run follows other text.
    after_text: usize,
    /// Whether the run ends in white space; `None` for a run without text nodes.
    ends_in_space: Option<bool>,
}

impl TextSpan {
    pub const EMPTY: TextSpan = TextSpan {
        after_space: 0,
        after_text: 0,
        ends_in_space: None,
    };

    /// This run followed by `next`.
    pub fn then(self, next: TextSpan) -> TextSpan {
        let continue_from = |in_space: bool| match self.ends_in_space.unwrap_or(in_space) {
            true => next.after_space,
            false => next.after_text,
        };
        TextSpan {
            after_space: self.after_space + continue_from(true),
            after_text: self.after_text + continue_from(false),
            ends_in_space: next.ends_in_space.or(self.ends_in_space),
        }
    }

    /// The span, or `None` once the whole text's count is surely over `limit` (the final
    /// count loses at most one trailing space).
    fn within(self, limit: usize) -> Option<TextSpan> {
        (self.after_space <= limit + 1).then_some(self)
    }

    /// The count of the whole text: it starts as if after white space, and a trailing
    /// white space run is not counted.
    pub fn chars(self) -> usize {
        let trailing = self.ends_in_space.unwrap_or(true) && self.after_space > 0;
        self.after_space - usize::from(trailing)
    }
}

/// The span of one text node, or `None` for any other node.
pub fn text_span(data: &NodeData) -> Option<TextSpan> {
    let span = span_of(data)?;
    read_node();
    Some(span)
}

/// [`text_span`], not counted in [`nodes_read`]. Inlined: most nodes asked are elements,
/// answered by the test of the node's kind (a call cost more than that answer).
#[inline]
fn span_of(data: &NodeData) -> Option<TextSpan> {
    match data {
        NodeData::Text { contents } => Some(span_of_text(contents)),
        _ => None,
    }
}

/// The span of a text node's contents.
fn span_of_text(contents: &str) -> TextSpan {
    let after_text = collapsed_chars(contents);
    let leading_space = contents.starts_with(char::is_whitespace);
    TextSpan {
        after_space: after_text - usize::from(leading_space),
        after_text,
        ends_in_space: Some(contents.ends_with(char::is_whitespace)),
    }
}

/// Byte windows [`has_wide_space`] tests per block: the compiler tests many per instruction
/// (about ten times faster than decoding the text char by char).
const SPACE_WINDOW_BLOCK: usize = 64;

/// Characters of `s` with each run of white space counted once, when `s` follows other
/// text. White space is then one byte (ASCII) unless the text holds one of Unicode's wider
/// spaces ([`has_wide_space`], rare): the characters are the bytes that start one (not UTF-8
/// continuation bytes) less the white space bytes that follow white space, both counted
/// block by block. Text with a wide space is read char by char.
fn collapsed_chars(s: &str) -> usize {
    let bytes = s.as_bytes();
    let ascii = s.is_ascii();
    if !ascii && has_wide_space(bytes) {
        return collapsed_chars_decoded(s);
    }
    let is_space = |b: u8| u8::from(is_ascii_space(b));
    let repeated_spaces = count_pairs(bytes, |a, b| is_space(a) & is_space(b));
    let continuations = if ascii { 0 } else { continuation_bytes(bytes) };
    bytes.len() - continuations - repeated_spaces
}

/// Bytes [`count_pairs`] reads per step: one vector register's width.
const PAIR_STEP: usize = 16;

/// The sum of `pair(b, next)` (0 or 1) over the bytes `b` of `bytes`, `next` the byte after
/// it (0 after the last byte: `pair` must give 0 for a pair ending in 0 where the last
/// byte should not count). A whole step of pairs at a time, the last step padded with 0s:
/// the compiler compares all the pairs of a step at once, where a loop over the text was
/// vectorised only for its long middle and read short texts (most text nodes) and the end
/// of every text byte by byte.
fn count_pairs(bytes: &[u8], pair: impl Fn(u8, u8) -> u8) -> usize {
    let mut count = 0;
    let mut rest = bytes;
    while let Some(window) = rest.first_chunk::<{ PAIR_STEP + 1 }>() {
        count += pairs_in_step(window, &pair);
        rest = &rest[PAIR_STEP..];
    }
    let mut last = [0u8; PAIR_STEP + 1];
    last[..rest.len()].copy_from_slice(rest);
    count + pairs_in_step(&last, &pair)
}

/// [`count_pairs`] of one step. Never inlined: compiled on its own, the step is compared
/// in one vector register; forced inline, the compiler unrolled it and compared the pairs
/// one by one (seven times the instructions).
#[inline(never)]
fn pairs_in_step(window: &[u8; PAIR_STEP + 1], pair: &impl Fn(u8, u8) -> u8) -> usize {
    let (step, next) = (&window[..PAIR_STEP], &window[1..]);
    let pairs = step.iter().zip(next);
    usize::from(pairs.fold(0u8, |n, (&b, &c)| n + pair(b, c)))
}

/// [`collapsed_chars`], decoding every character.
fn collapsed_chars_decoded(s: &str) -> usize {
    let mut count = 0;
    let mut previous_space = false;
    for c in s.chars() {
        let space = c.is_whitespace();
        count += usize::from(!(previous_space && space));
        previous_space = space;
    }
    count
}

/// UTF-8 continuation bytes (`10xxxxxx`) of the text, counted step by step.
fn continuation_bytes(bytes: &[u8]) -> usize {
    count_pairs(bytes, |b, _| u8::from(b & 0xC0 == 0x80))
}

/// Does the text hold a white space character outside ASCII (`char::is_whitespace`: the
/// no-break space, the ideographic space…)? Each starts with one of four lead bytes.
///
/// Every place but the last two is tested as the start of a three-byte window, block by
/// block: within a block the test has no early exit, so the compiler compares many windows
/// per instruction (a search byte by byte, stopping at each lead byte, cost about five
/// instructions a byte; the lead bytes 0xC2 and 0xE2 start much of Latin text's
/// punctuation too). The last two places are tested on their own.
pub(crate) fn has_wide_space(bytes: &[u8]) -> bool {
    let (first, second) = (bytes.get(1..).unwrap_or(&[]), bytes.get(2..).unwrap_or(&[]));
    let windows = bytes
        .chunks(SPACE_WINDOW_BLOCK)
        .zip(first.chunks(SPACE_WINDOW_BLOCK))
        .zip(second.chunks(SPACE_WINDOW_BLOCK));
    let tail = bytes.len().saturating_sub(2);
    windows
        .map(|((a, b), c)| a.iter().zip(b).zip(c))
        .any(|block| {
            block.fold(false, |found, ((&x, &y), &z)| {
                found | starts_wide_space(x, y, z)
            })
        })
        || (tail..bytes.len()).any(|i| is_wide_space(&bytes[i..]))
}

/// [`is_wide_space`] of a window of three bytes, without branches (see [`has_wide_space`]).
fn starts_wide_space(x: u8, y: u8, z: u8) -> bool {
    let two_bytes = (x == 0xC2) & ((y == 0x85) | (y == 0xA0));
    let ogham = (x == 0xE1) & (y == 0x9A) & (z == 0x80);
    let en_quad_to_hair = (0x80..=0x8A).contains(&z);
    let general = (x == 0xE2)
        & (((y == 0x80) & (en_quad_to_hair | (z == 0xA8) | (z == 0xA9) | (z == 0xAF)))
            | ((y == 0x81) & (z == 0x9F)));
    let ideographic = (x == 0xE3) & (y == 0x80) & (z == 0x80);
    two_bytes | ogham | general | ideographic
}

/// Do the bytes start with the UTF-8 of a white space character outside ASCII (U+0085,
/// U+00A0, U+1680, U+2000 to U+200A, U+2028, U+2029, U+202F, U+205F, U+3000)?
fn is_wide_space(bytes: &[u8]) -> bool {
    matches!(
        bytes,
        [0xC2, 0x85 | 0xA0, ..]
            | [0xE1, 0x9A, 0x80, ..]
            | [0xE2, 0x80, 0x80..=0x8A | 0xA8 | 0xA9 | 0xAF, ..]
            | [0xE2, 0x81, 0x9F, ..]
            | [0xE3, 0x80, 0x80, ..]
    )
}

/// What [`inner_text`] makes of a run of text nodes, joinable without reading them again
/// (as [`TextSpan`] is for [`text_len`]): a phase that judges every container of a subtree,
/// innermost first, sums its children's instead of reading each container's text, which
/// was one read of the whole subtree per level of nesting.
#[derive(Clone, Default)]
pub struct WordsSpan {
    /// Characters of the normalised text.
    pub chars: usize,
    /// White space before the first word (in a run without words: any white space).
    lead_space: bool,
    /// White space after the last word (in a run without words: any white space).
    trail_space: bool,
    /// The text's first [`WordsSpan::PREFIX_CHARS`] characters (all of it when shorter).
    pub prefix: String,
    /// Characters of the text's trailing run of [`LABEL_TRAILERS`].
    pub trailers: usize,
}

/// What may trail a short label ("Loading…", "Advertisement . . ."): dots, ellipses and the
/// spaces between them.
pub const LABEL_TRAILERS: &[char] = &['…', '.', ' '];

impl WordsSpan {
    /// Characters of the text kept in [`WordsSpan::prefix`]: enough for the short labels a
    /// phase compares whole texts with.
    pub const PREFIX_CHARS: usize = 32;

    /// The span of one text node's contents.
    pub fn of_text(s: &str) -> WordsSpan {
        let mut words = Words::new(String::with_capacity(s.len()), usize::MAX);
        words.push(s);
        let mut text = words.out;
        let trailers = text
            .chars()
            .rev()
            .take_while(|c| LABEL_TRAILERS.contains(c))
            .count();
        // The prefix is the text cut short in place (asked of every text node of an article).
        if let Some((end, _)) = text.char_indices().nth(WordsSpan::PREFIX_CHARS) {
            text.truncate(end);
        }
        WordsSpan {
            chars: words.chars,
            lead_space: s.starts_with(char::is_whitespace),
            trail_space: s.ends_with(char::is_whitespace),
            prefix: text,
            trailers,
        }
    }

    /// The text without its trailing run of [`LABEL_TRAILERS`], when it is at most
    /// [`WordsSpan::PREFIX_CHARS`] characters long.
    pub fn short_label(&self) -> Option<String> {
        let core = self.chars - self.trailers;
        (core <= WordsSpan::PREFIX_CHARS).then(|| self.prefix.chars().take(core).collect())
    }

    /// This run followed by `next` (as [`Words::push`] joins pieces: one space between
    /// words when white space separates them, none at the ends).
    pub fn then(mut self, next: &WordsSpan) -> WordsSpan {
        if next.chars == 0 {
            self.trail_space |= next.lead_space;
            return self;
        }
        if self.chars == 0 {
            let lead_space = self.lead_space || next.lead_space;
            return WordsSpan {
                lead_space,
                ..next.clone()
            };
        }
        let gap = usize::from(self.trail_space || next.lead_space);
        // The gap is a space, one of the trailers.
        self.trailers = if next.trailers == next.chars {
            self.trailers + gap + next.chars
        } else {
            next.trailers
        };
        let room = WordsSpan::PREFIX_CHARS.saturating_sub(self.chars);
        if room > 0 {
            if gap == 1 {
                self.prefix.push(' ');
            }
            self.prefix
                .extend(next.prefix.chars().take(room.saturating_sub(gap)));
        }
        self.chars += gap + next.chars;
        self.trail_space = next.trail_space;
        self
    }
}

/// Where each node of a list sits in it, found by [`node_index`]: tables over a subtree's
/// nodes kept in `Vec`s (one slot per node of the list), where [`NodeMap`]s hashed every
/// lookup of a pass that reads each node a few times.
pub struct Positions {
    /// By [`node_index`]: the node's place in the list, [`Positions::ABSENT`] for others.
    slots: Vec<u32>,
}

impl Positions {
    const ABSENT: u32 = u32::MAX;

    /// The places of `nodes` (distinct nodes of one tree).
    pub fn of(nodes: &[NodeRef]) -> Positions {
        let highest = nodes.iter().map(|n| node_index(&n.id)).max().unwrap_or(0);
        let mut slots = vec![Positions::ABSENT; highest + 1];
        for (place, node) in nodes.iter().enumerate() {
            slots[node_index(&node.id)] = u32::try_from(place).unwrap_or(Positions::ABSENT);
        }
        Positions { slots }
    }

    /// The node's place in the list, if it is in it.
    pub fn get(&self, id: &NodeId) -> Option<usize> {
        let slot = *self.slots.get(node_index(id))?;
        (slot != Positions::ABSENT).then_some(slot as usize)
    }
}

/// For the nodes of `order` (`root`'s descendants in document order, placed by
/// `positions`): whether an element above each (up to the document's root, `root` itself
/// included) passes `test`; `test` asked once per element. One pass down the tree, where
/// asking each node would walk all its ancestors: on a page nested hundreds deep that was
/// hundreds of steps per node.
pub fn under_each(
    root: &NodeRef,
    order: &[NodeRef],
    positions: &Positions,
    test: impl Fn(&NodeRef) -> bool,
) -> Vec<bool> {
    let root_passes = has_ancestor(root, &test) || (root.is_element() && test(root));
    // Per node: something above it passes; something above it or the node itself passes.
    let mut above = Vec::with_capacity(order.len());
    let mut at_or_above = Vec::with_capacity(order.len());
    for node in order {
        read_node();
        let from_parent = node.parent().is_some_and(|p| {
            if p.id == root.id {
                return root_passes;
            }
            positions.get(&p.id).is_some_and(|i| at_or_above[i])
        });
        above.push(from_parent);
        at_or_above.push(from_parent || (node.is_element() && test(node)));
    }
    above
}

/// Descendant elements with the given local name, in document order.
pub fn descendants_named<'a>(node: &NodeRef<'a>, name: &str) -> Vec<NodeRef<'a>> {
    // The name as an atom once: each element's name is then compared as a number, not
    // read out as text (whole-document walks ask this of every node).
    let name = html5ever::LocalName::from(name);
    node.descendants_it()
        .filter(|d| d.qual_name_ref().is_some_and(|q| q.local == name))
        .collect()
}

/// True for a text node with only white space in it, or a `<br>`.
pub fn is_whitespace(node: &NodeRef) -> bool {
    (node.is_text() && !node.is_nonempty_text()) || node.has_name("br")
}

/// Phrasing content: text, inline elements, and `a`/`del`/`ins` whose children are all phrasing.
pub fn is_phrasing(node: &NodeRef) -> bool {
    if node.is_text() {
        return true;
    }
    if is_any(node, PHRASING_TAGS) {
        return true;
    }
    is_any(node, &["a", "del", "ins"]) && node.children_it(false).all(|c| is_phrasing(&c))
}

/// True when the element has a block-level element anywhere below it.
pub fn has_block_descendant(node: &NodeRef) -> bool {
    node.descendants_it().any(|d| is_any(&d, BLOCK_TAGS))
}

/// The element child, if the node has exactly one element child named `name` and no
/// non-blank text beside it.
pub fn single_child_named<'a>(node: &NodeRef<'a>, name: &str) -> Option<NodeRef<'a>> {
    only_child(node).filter(|c| c.has_name(name))
}

/// The element child, if the node has exactly one element child and no non-blank text
/// beside it: the node says what that child says.
pub fn only_child<'a>(node: &NodeRef<'a>) -> Option<NodeRef<'a>> {
    let children = node.element_children();
    if children.len() != 1 {
        return None;
    }
    let stray_text = node
        .children_it(false)
        .any(|c| c.is_text() && c.is_nonempty_text());
    if stray_text {
        None
    } else {
        children.into_iter().next()
    }
}

/// An element with no text and no element children but `<br>`/`<hr>`.
pub fn is_without_content(node: &NodeRef) -> bool {
    node.is_element()
        && !node.is_nonempty_text_deep()
        && node
            .element_children()
            .iter()
            .all(|c| is_any(c, &["br", "hr"]))
}

/// Does the page say this element is not shown? Inline `display:none`/`visibility:hidden`,
/// the `hidden` attribute, `aria-hidden="true"`, or the snapshot's computed-hidden marker.
/// (`aria-hidden` on a `fallback-image` is how Wikimedia marks real math images, so it stays.)
pub fn is_hidden(node: &NodeRef) -> bool {
    let Some(element) = node.element_ref() else {
        return false;
    };
    // One pass over the attributes (asked of every element of the page, most without any
    // of these).
    let mut aria_hidden = false;
    for a in &element.attrs {
        match &*a.name.local {
            "hidden" | SNAPSHOT_HIDDEN_ATTR => return true,
            "style" if hides_by_style(&a.value) => return true,
            "aria-hidden" => aria_hidden = &*a.value == "true",
            _ => {}
        }
    }
    aria_hidden && !with_attr(node, "class", |c| c.contains("fallback-image"))
}

/// An inline style that hides the element: `display:none` or `visibility:hidden`, however
/// spaced (a tab or a line break inside the declaration too). The one reading of a hiding
/// style: [`is_hidden`] and the text writers' `text::is_skipped` both ask it.
pub(crate) fn hides_by_style(style: &str) -> bool {
    if style.is_empty() {
        return false;
    }
    // Sized once, and lower-cased in place when ASCII (as nearly all styles are).
    let mut squeezed = String::with_capacity(style.len());
    squeezed.extend(style.chars().filter(|c| !c.is_whitespace()));
    let style = lowered(squeezed);
    style.contains("display:none") || style.contains("visibility:hidden")
}

/// Ancestors, nearest first, at most `max` of them (all when `max` is 0).
pub fn ancestors<'a>(node: &NodeRef<'a>, max: usize) -> Vec<NodeRef<'a>> {
    node.ancestors(if max == 0 { None } else { Some(max) })
        .into_iter()
        .filter(|a| a.is_element())
        .collect()
}

/// Does some ancestor element satisfy `test`? (Walks up without collecting.)
pub fn has_ancestor(node: &NodeRef, test: impl Fn(&NodeRef) -> bool) -> bool {
    node.ancestors_it(None)
        .inspect(|_| read_node())
        .any(|a| a.is_element() && test(&a))
}

/// Is some ancestor (within `max_depth`, 0 = any) an element named `name`?
pub fn has_ancestor_named(node: &NodeRef, name: &str, max_depth: usize) -> bool {
    if max_depth == 0 {
        return has_ancestor(node, |a| a.has_name(name));
    }
    ancestors(node, max_depth).iter().any(|a| a.has_name(name))
}

/// The next element in document order; skips `node`'s subtree when `skip_children`.
pub fn next_element<'a>(node: &NodeRef<'a>, skip_children: bool) -> Option<NodeRef<'a>> {
    next_element_within(node, skip_children, None)
}

/// [`next_element`], but `None` once the walk would leave the element `root` (when given).
pub fn next_element_within<'a>(
    node: &NodeRef<'a>,
    skip_children: bool,
    root: Option<NodeId>,
) -> Option<NodeRef<'a>> {
    if !skip_children && let Some(child) = node.first_element_child() {
        return Some(child);
    }
    let mut current = *node;
    loop {
        if let Some(sibling) = current.next_element_sibling() {
            return Some(sibling);
        }
        current = current
            .parent()
            .filter(|p| p.is_element() && Some(p.id) != root)?;
    }
}

/// The first sibling after `node` that passes `test` (each sibling looked at counted in
/// [`nodes_read`]).
pub fn next_sibling_where<'a>(
    node: &NodeRef<'a>,
    test: impl Fn(&NodeRef) -> bool,
) -> Option<NodeRef<'a>> {
    let mut next = node.next_sibling();
    while let Some(n) = next {
        read_node();
        if test(&n) {
            return Some(n);
        }
        next = n.next_sibling();
    }
    None
}

/// The elements under `root` that pass `test` and lie inside no other element under `root`
/// that passes it, in document order. One walk that does not enter a match's subtree: nested
/// matches (hundreds of `<noscript>`s one inside the other, say) cost nothing, and the
/// subtrees returned are disjoint, so reading each of them once stays linear in the page.
pub fn outermost<'a>(root: &NodeRef<'a>, test: impl Fn(&NodeRef) -> bool) -> Vec<NodeRef<'a>> {
    let mut found = Vec::new();
    let mut next = root.first_element_child();
    while let Some(node) = next {
        read_node();
        let hit = test(&node);
        if hit {
            found.push(node);
        }
        next = next_element_within(&node, hit, Some(root.id));
    }
    found
}

/// Trait sugar so that "has any non-blank text below it" reads well at call sites.
pub trait DeepText {
    /// True if some descendant text node has non-white-space text.
    fn is_nonempty_text_deep(&self) -> bool;
}

impl DeepText for NodeRef<'_> {
    fn is_nonempty_text_deep(&self) -> bool {
        self.descendants_it().any(|d| d.is_nonempty_text())
    }
}

/// True for a comment node.
pub fn is_comment(node: &NodeRef) -> bool {
    node.query_or(false, |n| matches!(n.data, NodeData::Comment { .. }))
}

#[cfg(test)]
mod tests {
    use dom_query::Document;

    use super::*;

    /// White space in every position: leading, trailing, between nodes, inside and around
    /// empty elements, non-breaking spaces, links with and without text, and a word split
    /// over two text nodes.
    const TRICKY: &str = "<div id=t> a <b> </b>\n<i>x \u{a0} y</i><a href='#n'> 1 </a>\
        <span></span> z<b>wo</b>rd <p>\t</p><a href=/x>two words</a> <em> </em></div>";

    #[test]
    fn a_text_written_whole_reads_as_written_word_by_word() {
        let pieces = [
            "",
            "  ",
            "one",
            " one two ",
            "\n\tRead  more\n",
            "line\none",
            "déjà vu, naïve",
            " x ",
            "a b c d e f g h",
            "a longer sentence of words one space apart, then  two spaces",
            "thirty-two bytes of text, then\na line break and more words that follow it ",
        ];
        for first in pieces {
            for second in pieces {
                for max_chars in [0, 1, 3, 5, 8, 20, 40, 70, usize::MAX] {
                    for write in [true, false] {
                        let run = |whole: bool| {
                            let mut words = Words::new(String::new(), max_chars);
                            words.write = write;
                            let within = [first, second].iter().all(|s| {
                                let ascii = s.is_ascii();
                                (whole && words.push_runs(s, ascii)) || words.push_split(s, ascii)
                            });
                            (within, words.out, words.chars, words.space_pending)
                        };
                        assert_eq!(run(true), run(false), "{first:?} {second:?} {max_chars}");
                    }
                }
            }
        }
    }

    #[test]
    fn white_space_is_what_char_is_whitespace_says() {
        // ASCII controls on both sides of the line, no-break and ideographic spaces, line
        // separators, multi-byte letters.
        let s = "\u{b}a\u{1c}b\u{c}\u{a0}ä\u{3000}\u{2028}日本\u{85}x\r\n \u{1f}";
        let expected: Vec<&str> = s
            .split(char::is_whitespace)
            .filter(|w| !w.is_empty())
            .collect();
        assert_eq!(normalize_space(s), expected.join(" "));
        assert_eq!(normalize_space(" \t "), "");
    }

    #[test]
    fn wide_spaces_are_the_white_space_outside_ascii() {
        for c in '\u{80}'..=char::MAX {
            let mut buf = [0u8; 4];
            let bytes = c.encode_utf8(&mut buf).as_bytes();
            assert_eq!(is_wide_space(bytes), c.is_whitespace(), "{c:?}");
        }
    }

    #[test]
    fn has_wide_space_finds_each_at_any_place() {
        let wide = [
            '\u{85}', '\u{a0}', '\u{1680}', '\u{2003}', '\u{202f}', '\u{3000}',
        ];
        let near = [
            '\u{a9}', '\u{2019}', '\u{2060}', '\u{3001}', '\u{1681}', 'é',
        ];
        for len in 0..140 {
            let base: String = "a’b".chars().cycle().take(len).collect();
            assert!(!has_wide_space(base.as_bytes()), "{len}");
            for at in (0..=base.len()).filter(|&i| base.is_char_boundary(i)) {
                for c in wide.iter().chain(&near) {
                    let mut text = base.clone();
                    text.insert(at, *c);
                    let expected = text.chars().any(|c| !c.is_ascii() && c.is_whitespace());
                    assert_eq!(has_wide_space(text.as_bytes()), expected, "{text:?}");
                }
            }
        }
    }

    #[test]
    fn names_contain_agrees_with_class_and_id() {
        let doc = Document::from(
            r#"<div class="Photo-CAPTION"></div><p id="x-caption"></p><span class="cap tion"></span>
            <i class="Légende caption"></i><b class="capTİon"></b><u></u>"#,
        );
        for node in doc.select("div, p, span, i, b, u").nodes() {
            assert_eq!(
                names_contain(node, "caption"),
                class_and_id(node).contains("caption")
            );
        }
    }

    #[test]
    fn collapsed_chars_agrees_with_reading_char_by_char() {
        let pieces = [
            "a",
            " ",
            "\t",
            "\u{a0}",
            "\u{3000}",
            "\u{2028}",
            "\u{85}",
            "’",
            "日",
            "é",
            "\u{1c}",
            "x\u{2009}",
            "\u{1680}",
            "\u{205f}",
            "\u{202f}",
            "\u{200b}",
            "\u{feff}",
            "😀",
        ];
        let mut texts = vec![String::new()];
        for a in pieces {
            for b in pieces {
                for c in pieces {
                    texts.push(format!("{a}{b}{c}"));
                    texts.push(format!("{a} {b}\n\n{c}  {a}"));
                }
            }
        }
        texts.push("long ’ text ".repeat(40));
        for text in texts {
            assert_eq!(
                collapsed_chars(&text),
                collapsed_chars_decoded(&text),
                "{text:?}"
            );
        }
    }

    #[test]
    fn words_split_at_bytes_as_read_char_by_char() {
        let pieces = [
            "a", " ", "\t\n", "’", "日本", "é", "\u{1c}", "😀", "\u{200b}",
        ];
        let mut texts = Vec::new();
        for a in pieces {
            for b in pieces {
                for c in pieces {
                    texts.push(format!("{a}{b}{c}"));
                    texts.push(format!("{a} {b}\n\n{c}  {a}"));
                }
            }
        }
        for text in texts.iter().filter(|t| !t.is_ascii()) {
            for max_chars in [0, 1, 2, 3, 5, usize::MAX] {
                let mut split = Words::new(String::new(), max_chars);
                let mut decoded = Words::new(String::new(), max_chars);
                for _ in 0..2 {
                    let fits = split.push_split(text, false);
                    assert_eq!(fits, decoded.push_decoded(text), "{text:?}");
                }
                assert_eq!(split.out, decoded.out, "{text:?}");
                assert_eq!(split.chars, decoded.chars, "{text:?}");
                assert_eq!(split.space_pending, decoded.space_pending, "{text:?}");
            }
        }
    }

    #[test]
    fn node_index_is_the_arena_place() {
        let doc = Document::from("<div><p>a</p><p>b</p></div>");
        let mut indexes: Vec<usize> = std::iter::once(doc.root())
            .chain(doc.root().descendants_it())
            .map(|n| node_index(&n.id))
            .collect();
        indexes.sort_unstable();
        let expected: Vec<usize> = (1..=doc.tree.len()).collect();
        assert_eq!(indexes, expected);
    }

    #[test]
    fn text_len_counts_as_dom_query_does() {
        // ASCII and other white space at every place, a text made empty by an edit, and
        // multi-byte letters beside ASCII.
        let doc = Document::from(
            "<div id=t> a\t\t<b>\u{a0} \u{a0}</b>\n\r<i>日本 \u{3000}x</i><s>e</s>\u{b}\u{1c}\
             <p> ä  b </p> \u{85} <u> </u></div>",
        );
        let root = doc.select("#t").nodes()[0];
        doc.select("s").nodes()[0]
            .first_child()
            .unwrap()
            .set_text("");
        for node in std::iter::once(root).chain(root.descendants_it()) {
            assert_eq!(text_len(&node), node.normalized_char_count());
        }
        for s in [
            "",
            " ",
            "a  b",
            "\t a \r\n",
            "x\u{1f}\u{1c} y",
            "  日 本  ",
            "\u{a0}\u{a0}a",
        ] {
            let doc = Document::from(format!("<p id=t>{s}</p>"));
            let p = doc.select("#t").nodes()[0];
            assert_eq!(text_len(&p), p.normalized_char_count(), "{s:?}");
        }
    }

    #[test]
    fn shortcuts_agree_with_the_direct_answers() {
        let doc = Document::from(TRICKY);
        let root = doc.select("#t").nodes()[0];
        // A removal leaves two text nodes side by side, as the finder's edits do.
        doc.select("span").remove();
        let lens = TextLens::of(&root);
        for node in std::iter::once(root).chain(root.descendants_it()) {
            let (len, text) = (text_len(&node), inner_text(&node));
            assert_eq!(text, normalize_space(&node.text()));
            // Already normalised: callers need not normalise it again.
            assert_eq!(normalize_space(&text), text);
            let letters = |s: &str| s.chars().filter(|c| c.is_alphabetic()).count();
            assert_eq!(
                inner_text_stats(&node, letters),
                (text.chars().count(), letters(&text))
            );
            for limit in 0..len + 2 {
                let (chars, counted) = inner_text_stats_within(&node, limit, letters);
                assert_eq!(counted, letters(&text));
                assert_eq!(chars > limit, text.chars().count() > limit);
                assert!(chars > limit || chars == text.chars().count());
                assert_eq!(
                    text_count_reaches(&node, limit, letters),
                    letters(&text) >= limit
                );
            }
            assert_eq!(lens.len(&node), len);
            for part in node.descendants_it() {
                assert_eq!(text_len_with_part(&node, &part), (len, text_len(&part)));
            }
            for limit in 0..len + 2 {
                assert_eq!(text_len_exceeds(&node, limit), len > limit);
                assert_eq!(text_len_over(&node, limit), len > limit);
                let within = (text.chars().count() <= limit).then(|| text.clone());
                assert_eq!(inner_text_within(&node, limit), within);
            }
            assert_eq!(link_density_by(&node, |n| lens.len(n)), link_density(&node));
        }
    }

    #[test]
    fn item_text_keeps_elements_apart_and_skips_refused_parts() {
        let doc = Document::from(
            "<a id=t><div class=name>Team Example</div><div class=date>September 4, \
             2025</div><span class=cat>News</span><b>Jo</b> hn</a>",
        );
        let root = doc.select("#t").nodes()[0];
        let all = item_text_within(&root, 100, |_| false);
        assert_eq!(
            all.as_deref(),
            Some("Team Example September 4, 2025 News Jo hn")
        );
        let no_cat = item_text_within(&root, 100, |n| attr_is(n, "class", "cat"));
        assert_eq!(
            no_cat.as_deref(),
            Some("Team Example September 4, 2025 Jo hn")
        );
        assert_eq!(item_text_within(&root, 10, |_| false), None);
        let broken = Document::from("<p id=b>By:<br>Jane Doe<br>March 3</p>");
        let line = item_text_within(&broken.select("#b").nodes()[0], 100, |_| false);
        assert_eq!(line.as_deref(), Some("By: Jane Doe March 3"));
        // The start: all of a short text, else its words until past the limit.
        assert_eq!(item_text_start(&root, 100, |_| false), all.unwrap());
        assert_eq!(item_text_start(&root, 10, |_| false), "Team Example");
        assert_eq!(
            item_text_start(&root, 13, |_| false),
            "Team Example September"
        );
        assert_eq!(item_first_char(&root, |_| false), Some('T'));
        let no_name = |n: &NodeRef| attr_is(n, "class", "name");
        assert_eq!(item_first_char(&root, no_name), Some('S'));
    }
}
