//! Inline content: a run of phrasing nodes becomes a list of [`Piece`]s (text, atoms,
//! spaces, breaks, paired delimiters) which is then normalised — white space moved out of
//! delimiters and collapsed, empty pairs dropped, emphasis that CommonMark would not see as
//! emphasis dropped — and written out.

use std::borrow::Cow;
use std::collections::{HashMap, HashSet};

use dom_query::NodeRef;

use super::Ctx;
use super::block::code_text;
use super::escape::{
    PAIRED_DELIMITERS, Place, escape_line_start, escape_text, escape_text_before,
    escape_text_styled, link_destination, link_title, longest_run,
};
use super::math::{Math, math_of};
use super::style::{Delimiter, Links, MarkdownStyle};
use crate::dom::{attr, is_script_url, normalize_space};
use crate::text::{is_block, is_skipped, is_space, with_text};

/// Marks a list item inside a pipe-table cell, where Markdown has no list.
const CELL_BULLET: &str = "•";

/// The elements [`Inline`] writes in their own way (the others: their content, or a break
/// around it for blocks). Matched without copying the name out of the tree.
const INLINE_TAGS: &[&str] = &[
    "br", "em", "i", "strong", "b", "s", "del", "strike", "sup", "sub", "code", "kbd", "samp",
    "tt", "pre", "listing", "xmp", "li", "a", "td", "th", "img",
];

/// The delimiter pair a formatting element is written with.
fn wrapper_kind(tag: &str) -> Option<Kind> {
    match tag {
        "em" | "i" => Some(Kind::Em),
        "strong" | "b" => Some(Kind::Strong),
        "s" | "del" | "strike" => Some(Kind::Strike),
        "sup" => Some(Kind::Sup),
        "sub" => Some(Kind::Sub),
        _ => None,
    }
}

/// What a paired delimiter stands for.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) enum Kind {
    Em,
    Strong,
    /// Emphasis spelled `_a_` (the style's choice; see [`Kind::styled`]).
    EmUnderscore,
    /// Strong emphasis spelled `__a__`.
    StrongUnderscore,
    Strike,
    Sup,
    Sub,
    /// A link; the payload is the closing text `](destination "title")`.
    Link(String),
}

impl Kind {
    /// The kind as `style` spells it: emphasis with `_` when the style says so.
    fn styled(self, style: &MarkdownStyle) -> Kind {
        match self {
            Kind::Em if style.emphasis == Delimiter::Underscore => Kind::EmUnderscore,
            Kind::Strong if style.strong.delimiter() == Delimiter::Underscore => {
                Kind::StrongUnderscore
            }
            other => other,
        }
    }

    /// The same kind spelled with `*` (where `_` cannot be emphasis).
    fn with_asterisks(&self) -> Kind {
        match self {
            Kind::EmUnderscore => Kind::Em,
            Kind::StrongUnderscore => Kind::Strong,
            other => other.clone(),
        }
    }

    fn open(&self) -> &str {
        match self {
            Kind::Em => "*",
            Kind::Strong => "**",
            Kind::EmUnderscore => "_",
            Kind::StrongUnderscore => "__",
            Kind::Strike => "~~",
            Kind::Sup => "<sup>",
            Kind::Sub => "<sub>",
            Kind::Link(_) => "[",
        }
    }

    fn close(&self) -> &str {
        match self {
            Kind::Em => "*",
            Kind::Strong => "**",
            Kind::EmUnderscore => "_",
            Kind::StrongUnderscore => "__",
            Kind::Strike => "~~",
            Kind::Sup => "</sup>",
            Kind::Sub => "</sub>",
            Kind::Link(tail) => tail,
        }
    }

    /// The delimiter character, for the kinds subject to CommonMark's flanking rules.
    fn delim(&self) -> Option<char> {
        match self {
            Kind::Em | Kind::Strong => Some('*'),
            Kind::EmUnderscore | Kind::StrongUnderscore => Some('_'),
            Kind::Strike => Some('~'),
            _ => None,
        }
    }
}

/// One element of inline output.
#[derive(Clone, Debug)]
pub(crate) enum Piece {
    /// Page text, already escaped.
    Text(String),
    /// Page text not yet escaped, and where it sits: neighbouring chunks are escaped
    /// together when the run is finished, so that each character sees its real neighbours.
    Plain(String, Place),
    /// Finished markup: code span, image, math, footnote reference.
    Raw(String),
    /// Collapsible white space.
    Space,
    /// A line break.
    Break,
    /// Two line breaks in a row (`<br><br>`): a paragraph break where no delimiter is open.
    Blank,
    Open(usize, Kind),
    Close(usize, Kind),
}

/// Where the inline content goes; decides how breaks are written and what is escaped.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Mode {
    /// A paragraph: `\` hard breaks, line starts escaped.
    Paragraph,
    /// An ATX heading: one line, a space for breaks, trailing `#` escaped.
    Heading,
    /// A pipe-table cell: one line, `<br>` for breaks, `|` escaped.
    Cell,
}

/// Builder of one inline run.
pub(crate) struct Inline {
    pieces: Vec<Piece>,
    next_id: usize,
    open_kinds: Vec<Kind>,
    mode: Mode,
    style: MarkdownStyle,
    /// The link around the whole run ([`Inline::enclose`]), closed when it is finished.
    enclosure: Option<(usize, Kind)>,
}

impl Inline {
    /// An empty run written in `mode` and `style`.
    pub(crate) fn styled(mode: Mode, style: MarkdownStyle) -> Self {
        Inline {
            pieces: Vec::new(),
            next_id: 0,
            open_kinds: Vec::new(),
            mode,
            style,
            enclosure: None,
        }
    }

    /// Makes the whole run the text of a link whose closing text is `tail` (`](url)` or
    /// `][n]`): the run is part of a block that a link wraps (a card's `<a>` around its
    /// image and title). Links inside it are written as their text.
    ///
    /// The first such run that shows text is the link's title ([`Inline::titles_link`]).
    pub(crate) fn enclose(&mut self, tail: &str) {
        let kind = Kind::Link(tail.to_string());
        let id = self.next_id;
        self.next_id += 1;
        self.pieces.push(Piece::Open(id, kind.clone()));
        self.open_kinds.push(kind.clone());
        self.enclosure = Some((id, kind));
    }

    fn place(&self) -> Place {
        let in_link = self.open_kinds.iter().any(|k| matches!(k, Kind::Link(_)));
        Place {
            in_link,
            in_table: self.mode == Mode::Cell,
        }
    }

    /// Adds a text node's characters, white space collapsed.
    pub(crate) fn text(&mut self, s: &str) {
        if s.starts_with(is_space) {
            self.pieces.push(Piece::Space);
        }
        let words = normalize_space(s);
        if !words.is_empty() {
            self.pieces.push(Piece::Plain(words, self.place()));
            if s.ends_with(is_space) {
                self.pieces.push(Piece::Space);
            }
        }
    }

    /// Adds finished markup.
    pub(crate) fn raw(&mut self, s: String) {
        self.pieces.push(Piece::Raw(s));
    }

    /// Adds a line break; inside link text, where a break only wraps the line (and would
    /// split the link for line-based readers), a space.
    pub(crate) fn line_break(&mut self) {
        let piece = if self.place().in_link {
            Piece::Space
        } else {
            Piece::Break
        };
        self.pieces.push(piece);
    }

    /// Adds `node` and everything below it.
    pub(crate) fn node(&mut self, ctx: &Ctx, node: &NodeRef) {
        if with_text(node, |text| self.text(text)).is_some() || is_skipped(node) {
            // Text is added; a skipped element adds nothing.
        } else if !node.is_element() {
            self.children(ctx, node);
        } else if let Some(math) = math_of(node) {
            self.math(&math);
        } else if let Some(label) = ctx.footnote_ref(node) {
            self.raw(label);
        } else {
            self.element(ctx, node);
        }
    }

    /// Adds the children of `node`.
    pub(crate) fn children(&mut self, ctx: &Ctx, node: &NodeRef) {
        for child in node.children_it(false) {
            self.node(ctx, &child);
        }
    }

    /// Adds the children of `node` wrapped in a delimiter pair (once: no `**` inside `**`).
    pub(crate) fn wrapped(&mut self, ctx: &Ctx, node: &NodeRef, kind: Kind) {
        let kind = kind.styled(&self.style);
        let nested = self
            .open_kinds
            .iter()
            .any(|k| std::mem::discriminant(k) == std::mem::discriminant(&kind));
        if nested {
            self.children(ctx, node);
            return;
        }
        let id = self.next_id;
        self.next_id += 1;
        self.pieces.push(Piece::Open(id, kind.clone()));
        self.open_kinds.push(kind.clone());
        self.children(ctx, node);
        self.open_kinds.pop();
        self.pieces.push(Piece::Close(id, kind));
    }

    fn element(&mut self, ctx: &Ctx, node: &NodeRef) {
        let tag = super::tag_in(node, INLINE_TAGS);
        if let Some(kind) = tag.and_then(wrapper_kind) {
            if ctx.is_marker_part(node) {
                // Formatting around a note's back link ("^", the "a" of "^ a b"): plain.
                self.children(ctx, node);
            } else {
                self.wrapped(ctx, node, kind);
            }
            return;
        }
        match tag {
            Some("br") => self.line_break(),
            Some("code" | "kbd" | "samp" | "tt") => self.code(node, false),
            Some("pre" | "listing" | "xmp") if self.mode == Mode::Cell => {
                self.line_break();
                self.code(node, true);
                self.line_break();
            }
            Some("li") if self.mode == Mode::Cell => {
                self.line_break();
                self.raw(String::from(CELL_BULLET));
                self.pieces.push(Piece::Space);
                self.children(ctx, node);
                self.line_break();
            }
            Some("a") => self.link(ctx, node),
            // Cells outside a table (their rows kept, the table not): a space apart, as in
            // the article text.
            Some("td" | "th") => {
                self.pieces.push(Piece::Space);
                self.children(ctx, node);
                self.pieces.push(Piece::Space);
            }
            Some("img") => self.image(node),
            _ if is_block(node) || node.has_name("hr") => {
                self.line_break();
                self.children(ctx, node);
                self.line_break();
            }
            _ => self.children(ctx, node),
        }
    }

    fn math(&mut self, math: &Math) {
        let unsafe_tex = math.tex.contains('$') || math.tex.ends_with('\\');
        if unsafe_tex {
            self.code_span(&math.tex);
        } else if math.display {
            self.line_break();
            self.raw(format!("$${}$$", math.tex));
            self.line_break();
        } else {
            self.raw(format!("${}$", math.tex));
        }
    }

    /// Inline code: one code span per line of the element's text (source line breaks count
    /// when `pre`).
    fn code(&mut self, node: &NodeRef, pre: bool) {
        let mut text = String::new();
        code_text(node, pre, &mut text);
        let text = text.trim_matches('\n');
        for (i, line) in text.split('\n').enumerate() {
            if i > 0 {
                self.line_break();
            }
            if line.starts_with(is_space) {
                self.pieces.push(Piece::Space);
            }
            self.code_span(&normalize_space(line));
            if line.ends_with(is_space) && !line.trim().is_empty() {
                self.pieces.push(Piece::Space);
            }
        }
    }

    /// A code span around `s` (white space already collapsed), with a backtick run longer
    /// than any inside and padding where the content starts or ends with a backtick.
    fn code_span(&mut self, s: &str) {
        if s.is_empty() {
            return;
        }
        let ticks = "`".repeat(longest_run(s, '`') + 1);
        let pad = if s.starts_with('`') || s.ends_with('`') {
            " "
        } else {
            ""
        };
        self.raw(format!("{ticks}{pad}{s}{pad}{ticks}"));
    }

    fn link(&mut self, ctx: &Ctx, node: &NodeRef) {
        let href = attr(node, "href");
        let href = href.trim();
        if self.mode == Mode::Heading && is_permalink(node, href) {
            return;
        }
        let in_link = self.place().in_link;
        let scripted = is_script_url(href);
        let backlink = ctx.is_backlink(node);
        let target = match href.strip_prefix('#') {
            Some(fragment) => ctx.anchor(fragment).map(|slug| format!("#{slug}")),
            None => Some(href.to_string()),
        };
        if !backlink && ctx.is_marker_part(node) {
            // A note's back link in its leading "^ a b", the note not a definition: the
            // link would lead nowhere, its formatting is the page's way of drawing it.
            self.text(&normalize_space(&node.text()));
            return;
        }
        let Some(target) = target.filter(|t| {
            !t.is_empty() && !scripted && !in_link && !backlink && ctx.spend_on_destination(t.len())
        }) else {
            if !backlink {
                self.children(ctx, node);
            }
            return;
        };
        let destination = destination_of(&target, node);
        let at = self.pieces.len();
        self.wrapped(ctx, node, Kind::Link(inline_tail(&destination)));
        if self.style.links == Links::Reference {
            self.refer(ctx, at, &destination);
        }
    }

    /// Turns the link opened at piece `at` into a numbered reference (`[text][n]`, `n`
    /// from `ctx`), once it is known to show something: a link with no visible text is
    /// dropped later and must not leave an unused definition behind.
    fn refer(&mut self, ctx: &Ctx, at: usize, destination: &str) {
        let visible = self.pieces.get(at + 1..).is_some_and(|rest| {
            rest.iter()
                .any(|p| matches!(p, Piece::Text(_) | Piece::Plain(..) | Piece::Raw(_)))
        });
        let Some(Piece::Open(id, Kind::Link(_))) = self.pieces.get(at) else {
            return;
        };
        let id = *id;
        if !visible {
            return;
        }
        let tail = format!("][{}]", ctx.link_label(destination));
        for piece in self.pieces.iter_mut().skip(at) {
            if let Piece::Open(i, kind) | Piece::Close(i, kind) = piece
                && *i == id
            {
                *kind = Kind::Link(tail.clone());
            }
        }
    }

    fn image(&mut self, node: &NodeRef) {
        let src = attr(node, "src");
        let src = src.trim();
        // No inline data and no script URL: a downloaded `.md` may be opened by any viewer.
        if src.is_empty() || is_script_url(src) {
            return;
        }
        let place = Place {
            in_link: true,
            in_table: self.mode == Mode::Cell,
        };
        let alt = escape_text_styled(&normalize_space(&attr(node, "alt")), place, &self.style);
        let title = link_title(&attr(node, "title"));
        self.raw(format!("![{alt}]({}{title})", link_destination(src)));
    }

    /// The run is enclosed in a link ([`Inline::enclose`]) and shows text, not only images:
    /// it is the title the link is read by.
    pub(crate) fn titles_link(&self) -> bool {
        self.enclosure.is_some()
            && self
                .pieces
                .iter()
                .any(|p| matches!(p, Piece::Plain(..) | Piece::Text(_)))
    }

    /// The Markdown of the run; empty when it holds nothing visible.
    pub(crate) fn finish(mut self) -> String {
        if let Some((id, kind)) = self.enclosure.take() {
            self.pieces.push(Piece::Close(id, kind));
        }
        let mode = self.mode;
        let pieces = normalise_pairs(float_separators(self.pieces));
        write(&escape_runs(pieces, &self.style), mode)
    }
}

/// The passes that tidy delimiter pairs (separators floated again once empty pairs are
/// gone). A run without pairs, most paragraphs, is left as it is: each pass would copy it
/// unchanged (separators already floated stay so).
fn normalise_pairs(pieces: Vec<Piece>) -> Vec<Piece> {
    if !pieces
        .iter()
        .any(|p| matches!(p, Piece::Open(..) | Piece::Close(..)))
    {
        return pieces;
    }
    let pieces = float_separators(drop_empty_pairs(pieces));
    let pieces = merge_adjacent_pairs(pieces);
    drop_unflanked(underscores_or_asterisks(pieces))
}

/// Moves spaces and breaks out of delimiter pairs (`* a*` → ` *a*`), collapses runs of them
/// (a break wins over a space) and drops them at both ends.
fn float_separators(pieces: Vec<Piece>) -> Vec<Piece> {
    let mut out: Vec<Piece> = Vec::with_capacity(pieces.len());
    for piece in pieces {
        match piece {
            Piece::Space | Piece::Break | Piece::Blank => {
                let opens = out
                    .iter()
                    .rev()
                    .take_while(|p| matches!(p, Piece::Open(..)))
                    .count();
                let at = out.len() - opens;
                merge_separator(&mut out, at, piece);
            }
            Piece::Close(..) => {
                let sep = match out.last() {
                    Some(Piece::Space | Piece::Break | Piece::Blank) => out.pop(),
                    _ => None,
                };
                out.push(piece);
                if let Some(sep) = sep {
                    out.push(sep);
                }
            }
            other => out.push(other),
        }
    }
    while matches!(out.last(), Some(Piece::Space | Piece::Break | Piece::Blank)) {
        out.pop();
    }
    out
}

/// Inserts a separator at `at`, merging it with a separator just before it: a break wins
/// over a space, and a second break makes a blank line.
fn merge_separator(out: &mut Vec<Piece>, at: usize, sep: Piece) {
    let before = at.checked_sub(1).and_then(|i| out.get(i));
    let merged = match (before, &sep) {
        (None, _) => return,
        (Some(Piece::Space), Piece::Space)
        | (Some(Piece::Break), Piece::Space)
        | (Some(Piece::Blank), _) => return,
        (Some(Piece::Space), _) => sep,
        (Some(Piece::Break), _) => Piece::Blank,
        (Some(_), _) => {
            out.insert(at, sep);
            return;
        }
    };
    if let Some(slot) = out.get_mut(at - 1) {
        *slot = merged;
    }
}

/// Joins a pair that ends where another of the same kind begins
/// (`<em>Alex Foster (Grove</em><em>)</em>` → `*Alex Foster (Grove)*`): written apart, the
/// delimiters would touch and one pair would be lost, closing the emphasis too early.
fn merge_adjacent_pairs(pieces: Vec<Piece>) -> Vec<Piece> {
    let mut out: Vec<Piece> = Vec::with_capacity(pieces.len());
    let mut alias: HashMap<usize, usize> = HashMap::new();
    for piece in pieces {
        match piece {
            Piece::Open(id, kind)
                if kind.delim().is_some()
                    && matches!(out.last(), Some(Piece::Close(_, k)) if *k == kind) =>
            {
                if let Some(Piece::Close(first, _)) = out.pop() {
                    alias.insert(id, first);
                }
            }
            Piece::Close(id, kind) => {
                out.push(Piece::Close(alias.get(&id).copied().unwrap_or(id), kind))
            }
            other => out.push(other),
        }
    }
    out
}

/// Removes pairs with nothing between them (nested empty pairs too).
fn drop_empty_pairs(pieces: Vec<Piece>) -> Vec<Piece> {
    let mut out: Vec<Piece> = Vec::with_capacity(pieces.len());
    for piece in pieces {
        if let Piece::Close(id, _) = &piece
            && matches!(out.last(), Some(Piece::Open(open_id, _)) if open_id == id)
        {
            out.pop();
            continue;
        }
        out.push(piece);
    }
    out
}

/// Drops emphasis pairs whose delimiters CommonMark would not read as opening and closing
/// (`**"a"**b`), and pairs that would touch a previous pair's closer (`*a***b**`).
fn drop_unflanked(pieces: Vec<Piece>) -> Vec<Piece> {
    let mut bad: HashSet<usize> = HashSet::new();
    for (i, piece) in pieces.iter().enumerate() {
        let (id, kind, opening) = match piece {
            Piece::Open(id, k) => (*id, k, true),
            Piece::Close(id, k) => (*id, k, false),
            _ => continue,
        };
        let Some(d) = kind.delim() else { continue };
        let prev = neighbour(&pieces, i, d, true);
        let next = neighbour(&pieces, i, d, false);
        let ok = can_delimit(d, opening, prev, next);
        let touches = opening
            && i > 0
            && matches!(pieces.get(i - 1), Some(Piece::Close(_, k)) if k.delim() == Some(d));
        if !ok || touches {
            bad.insert(id);
        }
    }
    if bad.is_empty() {
        return pieces;
    }
    pieces
        .into_iter()
        .filter(|p| !matches!(p, Piece::Open(id, _) | Piece::Close(id, _) if bad.contains(id)))
        .collect()
}

/// The character next to position `i` (before it when `before`), looking through delimiters
/// of the same character (they form one run); `None` at the ends.
fn neighbour(pieces: &[Piece], i: usize, d: char, before: bool) -> Option<char> {
    let mut j = i;
    loop {
        j = if before { j.checked_sub(1)? } else { j + 1 };
        let text: &str = match pieces.get(j)? {
            Piece::Text(s) | Piece::Raw(s) | Piece::Plain(s, _) => s,
            Piece::Space => " ",
            Piece::Break | Piece::Blank => "\n",
            Piece::Open(_, k) | Piece::Close(_, k) if k.delim() == Some(d) => continue,
            Piece::Open(_, k) => k.open(),
            Piece::Close(_, k) => k.close(),
        };
        let c = if before {
            text.chars().last()
        } else {
            text.chars().next()
        };
        if c.is_some() {
            return c;
        }
    }
}

/// White space for flanking purposes; the ends of the run count as white space.
fn flank_ws(c: Option<char>) -> bool {
    c.is_none_or(char::is_whitespace)
}

/// Unicode punctuation or symbol, as CommonMark's flanking rules use it.
fn flank_punct(c: Option<char>) -> bool {
    c.is_some_and(|c| {
        c.is_ascii_punctuation() || (!c.is_alphanumeric() && !c.is_whitespace() && !c.is_control())
    })
}

/// Can a run of `d` between `prev` and `next` open (or close, when not `opening`) emphasis?
/// `*` only needs to flank; `_` must not also flank the other way unless punctuation is on
/// that side (CommonMark's rule that keeps `snake_case_name` plain).
/// For `_`, only characters surely punctuation count as such ([`sure_punct`]): a wrong
/// guess there would leave `_` as text, while a pair moved to `*` is emphasis either way.
fn can_delimit(d: char, opening: bool, prev: Option<char>, next: Option<char>) -> bool {
    if d != '_' {
        return if opening {
            left_flanking(prev, next)
        } else {
            right_flanking(prev, next)
        };
    }
    let left = !flank_ws(next) && (!sure_punct(next) || flank_ws(prev) || sure_punct(prev));
    let right = !flank_ws(prev) && (!sure_punct(prev) || flank_ws(next) || sure_punct(next));
    if opening {
        left && (!right || sure_punct(prev))
    } else {
        right && (!left || sure_punct(next))
    }
}

/// Characters that are punctuation for CommonMark in every reader: ASCII punctuation and
/// the General Punctuation block's dashes, quotes and marks (not its spaces and invisible
/// format characters, such as the zero-width space, which are neither space nor punctuation).
fn sure_punct(c: Option<char>) -> bool {
    c.is_some_and(|c| {
        c.is_ascii_punctuation() || matches!(c, '\u{2010}'..='\u{2027}' | '\u{2030}'..='\u{205E}')
    })
}

/// Pairs spelled with `_` where CommonMark would not see `_` as emphasis (inside a word:
/// `un<em>believ</em>able`) are spelled with `*` instead, which it allows there.
fn underscores_or_asterisks(pieces: Vec<Piece>) -> Vec<Piece> {
    let mut bad: HashSet<usize> = HashSet::new();
    for (i, piece) in pieces.iter().enumerate() {
        let (id, opening) = match piece {
            Piece::Open(id, k) if k.delim() == Some('_') => (*id, true),
            Piece::Close(id, k) if k.delim() == Some('_') => (*id, false),
            _ => continue,
        };
        let prev = neighbour(&pieces, i, '_', true);
        let next = neighbour(&pieces, i, '_', false);
        if !can_delimit('_', opening, prev, next) {
            bad.insert(id);
        }
    }
    if bad.is_empty() {
        return pieces;
    }
    pieces
        .into_iter()
        .map(|p| match p {
            Piece::Open(id, k) if bad.contains(&id) => Piece::Open(id, k.with_asterisks()),
            Piece::Close(id, k) if bad.contains(&id) => Piece::Close(id, k.with_asterisks()),
            other => other,
        })
        .collect()
}

fn left_flanking(prev: Option<char>, next: Option<char>) -> bool {
    !flank_ws(next) && (!flank_punct(next) || flank_ws(prev) || flank_punct(prev))
}

fn right_flanking(prev: Option<char>, next: Option<char>) -> bool {
    !flank_ws(prev) && (!flank_punct(prev) || flank_ws(next) || flank_punct(next))
}

/// Escapes page text: each run of text chunks and spaces in one place as one string, told
/// what follows it.
fn escape_runs(pieces: Vec<Piece>, style: &MarkdownStyle) -> Vec<Piece> {
    let inert = inert_delimiters(&pieces);
    let inert = inert.as_slice();
    let mut out: Vec<Piece> = Vec::with_capacity(pieces.len());
    let mut run: Option<(String, Place)> = None;
    let mut iter = pieces.into_iter().peekable();
    while let Some(piece) = iter.next() {
        match piece {
            Piece::Plain(s, place) if run.as_ref().is_none_or(|(_, p)| *p == place) => {
                match run.as_mut() {
                    Some((text, _)) => text.push_str(&s),
                    None => run = Some((s, place)),
                }
            }
            Piece::Space if run.is_some() && matches!(iter.peek(), Some(Piece::Plain(..))) => {
                if let Some((text, _)) = run.as_mut() {
                    text.push(' ');
                }
            }
            other => {
                if let Some((text, place)) = run.take() {
                    out.push(Piece::Text(escape_text_before(
                        text,
                        place,
                        first_char(Some(&other)),
                        inert,
                        style,
                    )));
                }
                if let Piece::Plain(s, place) = other {
                    run = Some((s, place));
                } else {
                    out.push(other);
                }
            }
        }
    }
    if let Some((text, place)) = run {
        // Nothing follows the end of the run: a `]` there closes no link.
        out.push(Piece::Text(escape_text_before(
            text,
            place,
            Some(' '),
            inert,
            style,
        )));
    }
    out
}

/// The delimiter characters that occur once in the run's text and nowhere in its markup:
/// with no partner they cannot open or close anything.
fn inert_delimiters(pieces: &[Piece]) -> Vec<char> {
    PAIRED_DELIMITERS
        .iter()
        .copied()
        .filter(|&d| {
            let mut uses = 0usize;
            for piece in pieces {
                uses += match piece {
                    Piece::Plain(s, _) => s.matches(d).count(),
                    Piece::Text(s) | Piece::Raw(s) => 2 * usize::from(s.contains(d)),
                    Piece::Open(_, k) | Piece::Close(_, k) => {
                        2 * usize::from(k.open().contains(d) || k.close().contains(d))
                    }
                    Piece::Space | Piece::Break | Piece::Blank => 0,
                };
            }
            uses == 1
        })
        .collect()
}

/// The first character a piece writes.
fn first_char(piece: Option<&Piece>) -> Option<char> {
    match piece? {
        Piece::Text(s) | Piece::Raw(s) | Piece::Plain(s, _) => s.chars().next(),
        Piece::Space | Piece::Break | Piece::Blank => Some(' '),
        Piece::Open(_, k) => k.open().chars().next(),
        Piece::Close(_, k) => k.close().chars().next(),
    }
}

/// Writes the normalised pieces out.
fn write(pieces: &[Piece], mode: Mode) -> String {
    let mut out = String::with_capacity(written_len(pieces));
    let mut i = 0;
    let mut open = 0usize;
    while let Some(piece) = pieces.get(i) {
        // A heading is one line: its breaks are spaces, so only its first text starts a line.
        let line_start = i == 0
            || (mode == Mode::Paragraph
                && matches!(pieces.get(i - 1), Some(Piece::Break | Piece::Blank)));
        if line_start && mode != Mode::Cell && matches!(piece, Piece::Text(_)) {
            i = write_line_start(pieces, i, &mut out);
            continue;
        }
        match piece {
            Piece::Open(..) => open += 1,
            Piece::Close(..) => open = open.saturating_sub(1),
            _ => {}
        }
        // A blank line would end the paragraph inside emphasis or link text.
        let piece = if matches!(piece, Piece::Blank) && open > 0 {
            &Piece::Break
        } else {
            piece
        };
        let after_link = matches!(
            i.checked_sub(1).and_then(|j| pieces.get(j)),
            Some(Piece::Close(_, Kind::Link(_)))
        );
        write_piece(piece, mode, after_link, &mut out);
        i += 1;
    }
    out
}

/// About the length [`write`] gives `pieces` (escapes aside), so that the text is written
/// into one allocation instead of one grown piece by piece.
fn written_len(pieces: &[Piece]) -> usize {
    pieces
        .iter()
        .map(|p| match p {
            Piece::Text(s) | Piece::Raw(s) | Piece::Plain(s, _) => s.len(),
            Piece::Space => 1,
            Piece::Break | Piece::Blank => 2,
            Piece::Open(_, k) => k.open().len(),
            Piece::Close(_, k) => k.close().len(),
        })
        .sum()
}

/// Writes the text run starting a line (text split over several nodes, `1` + `.`, counts as
/// one) with its line-start escapes; returns the index after it. Only page text is escaped
/// there: markup opening a line (`**Bold**`) is markup, and a `\` before it would turn its
/// first delimiter into text.
fn write_line_start(pieces: &[Piece], start: usize, out: &mut String) -> usize {
    let mut text = String::new();
    let mut i = start;
    while let Some(piece) = pieces.get(i) {
        match piece {
            Piece::Text(s) => text.push_str(s),
            Piece::Space => text.push(' '),
            _ => break,
        }
        i += 1;
    }
    out.push_str(&escape_line_start(&text));
    i
}

/// Writes one piece; `after_link` says it follows a link (whose `][n]` end, in the
/// reference style, is no note to keep apart from).
fn write_piece(piece: &Piece, mode: Mode, after_link: bool, out: &mut String) {
    match piece {
        Piece::Text(s) => out.push_str(s),
        Piece::Plain(s, place) => out.push_str(&escape_text(s, *place)),
        Piece::Raw(s) => {
            // `[^1][^2]` reads as a reference link to simpler parsers: keep notes apart.
            if s.starts_with("[^") && out.ends_with(']') && !after_link {
                out.push(' ');
            }
            out.push_str(&cell_safe(s, mode));
        }
        Piece::Space => out.push(' '),
        Piece::Blank if mode == Mode::Paragraph => out.push_str("\n\n"),
        Piece::Break | Piece::Blank => out.push_str(match mode {
            Mode::Paragraph => "\\\n",
            Mode::Heading => " ",
            // A space after it: tools that strip tags must not glue the two lines' words.
            Mode::Cell => "<br> ",
        }),
        Piece::Open(_, kind) => {
            if matches!(kind, Kind::Link(_)) && out.ends_with('!') {
                out.pop();
                out.push_str("\\!");
            }
            out.push_str(&cell_safe(kind.open(), mode));
        }
        Piece::Close(_, kind) => out.push_str(&cell_safe(kind.close(), mode)),
    }
}

/// In a table cell every `|`, even inside code or a URL, must be escaped (elsewhere the
/// markup is written as it is, not copied first).
fn cell_safe(s: &str, mode: Mode) -> Cow<'_, str> {
    if mode == Mode::Cell {
        Cow::Owned(s.replace('|', "\\|"))
    } else {
        Cow::Borrowed(s)
    }
}

/// Is this link in a heading a permalink (`¶`, `#`, `§`, an icon, a zero-width space): an
/// in-page or same-page link that shows no word?
fn is_permalink(a: &NodeRef, href: &str) -> bool {
    href.contains('#') && !crate::dom::inner_text(a).chars().any(char::is_alphanumeric)
}

/// The closing text of a link `a` that wraps blocks (`](url "title")`, or `][n]` in the
/// reference style), for [`Inline::enclose`]: none for an in-page or script link, a note's
/// link, a link inside another or one that shows nothing, or when the document's
/// destination budget is spent.
pub(crate) fn enclosing_tail(ctx: &Ctx, a: &NodeRef) -> Option<String> {
    let href = attr(a, "href");
    let href = href.trim();
    let shows = || {
        crate::dom::inner_text(a).chars().any(char::is_alphanumeric)
            || a.descendants_it().any(|d| d.has_name("img"))
    };
    if !a.has_name("a")
        || href.is_empty()
        || href.starts_with('#')
        || is_script_url(href)
        || ctx.is_backlink(a)
        || ctx.is_marker_part(a)
        || ctx.in_enclosing_link()
        || !shows()
        || !ctx.spend_on_destination(href.len())
    {
        return None;
    }
    let destination = destination_of(href, a);
    Some(match ctx.style.links {
        Links::Reference => format!("][{}]", ctx.link_label(&destination)),
        Links::Inline => inline_tail(&destination),
    })
}

/// A link's destination and title as written (`url "title"`), built in place: every link
/// of the page has one, and two `format!` calls per link cost more than the URL's copy.
fn destination_of(url: &str, a: &NodeRef) -> String {
    let mut destination = link_destination(url);
    destination.push_str(&link_title(&attr(a, "title")));
    destination
}

/// The closing text of an inline link to `destination`: `](destination)`.
fn inline_tail(destination: &str) -> String {
    let mut tail = String::with_capacity(destination.len() + 3);
    tail.push_str("](");
    tail.push_str(destination);
    tail.push(')');
    tail
}

/// True for nodes an inline run can hold: everything but blocks and inline elements
/// wrapping blocks. Math with a TeX source always can; skipped nodes show nothing anyway.
pub(crate) fn is_inline(node: &NodeRef) -> bool {
    if !node.is_element() || is_skipped(node) || math_of(node).is_some() {
        return true;
    }
    !is_block(node) && !node.has_name("hr") && !contains_block(node)
}

/// Is there a visible block element below `node`?
fn contains_block(node: &NodeRef) -> bool {
    node.children_it(false).any(|c| {
        c.is_element()
            && !is_skipped(&c)
            && math_of(&c).is_none()
            && (is_block(&c) || contains_block(&c))
    })
}
