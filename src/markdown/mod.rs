//! HTML article → CommonMark + GFM Markdown.
//!
//! The cleaned article subtree is walked once. Block elements ([`block`]) become blocks
//! separated by exactly one blank line; runs of phrasing content between them become
//! paragraphs through [`inline`], where page text is escaped ([`escape`]) so that it never
//! turns into markup, and only where it could (neighbouring text chunks are escaped together).
//! A `<br>` is a hard break, two in a row a new paragraph, one at the end of a block nothing.
//! Tables ([`table`]) are GFM pipe tables unless a real span needs minimal HTML; layout
//! tables are unwrapped. Footnotes ([`footnote`]) and math ([`math`]) use the
//! GFM/pulldown-cmark extensions (`[^1]`, `$…$`, `$$…$$`; a note's definition stays where the
//! page has its list of notes, so the plain text reads in the page's order). Headings
//! ([`headings`]) start at `##`, lose their permalinks, and are the targets of in-page links
//! through GitHub-style slugs ([`slug`]). [`document`] adds YAML front matter and the title
//! ([`front_matter`]).
//!
//! How the Markdown is spelled (bullet, emphasis and strong markers, ATX or setext headings,
//! backtick or tilde fences, inline or reference links, `$` escaped or not) is the user's
//! [`MarkdownStyle`] ([`style`]); the default is the spelling described here, and every
//! style reads back as the same document.
//!
//! The words of the output, rendered back to HTML, are those of [`crate::text`], and so are
//! its 4-word shingles through the reference scorer's Markdown-to-text step: the corpus
//! tests check both page by page (`tests/markdown_corpus.rs`, `tests/markdown_text.rs`).

mod block;
pub mod escape;
mod footnote;
pub mod front_matter;
mod headings;
mod inline;
pub mod math;
pub mod slug;
pub mod style;
mod table;

use std::cell::{Cell, RefCell};
use std::collections::HashMap;

use dom_query::NodeRef;

use crate::Article;
pub use style::MarkdownStyle;

/// What the whole walk needs to know about the article.
pub(crate) struct Ctx<'a> {
    footnotes: footnote::Footnotes<'a>,
    headings: headings::Headings,
    /// Footnote definitions already written where the page had them.
    written: RefCell<crate::dom::NodeMap<()>>,
    style: MarkdownStyle,
    /// Reference links: the definitions' targets (`<url> "title"`) in label order, and
    /// each target's label (1-based), so a repeated target reuses its number.
    link_targets: RefCell<(Vec<String>, HashMap<String, usize>)>,
    /// Bytes of link destinations the document may still spell out ([`DESTINATION_BUDGET`]).
    destination_bytes_left: Cell<usize>,
    /// The closing text (`](url)`, `][n]`) of a link wrapping the blocks being written
    /// ([`block`] sets it): their paragraphs and headings become its text.
    enclosing_link: RefCell<Option<String>>,
}

/// Most bytes of link destinations one document writes; past it, links are written as their
/// text. A page's own links stay far below (a link-heavy corpus page spells a few hundred
/// kilobytes), but the parser copies an unclosed `<a>` into every following paragraph, each
/// copy with the whole `href`: a quote left open swallows the page into one `href`, and 3,400
/// paragraphs after it made 470 MB of Markdown out of 139 KB (a fuzz find). The budget keeps
/// the output, and the work, linear in the page.
const DESTINATION_BUDGET: usize = 4 << 20;

impl Ctx<'_> {
    /// A new inline run written in this document's style.
    pub(crate) fn inline(&self, mode: inline::Mode) -> inline::Inline {
        let mut run = inline::Inline::styled(mode, self.style);
        // A table cell is finished by the table's own code, row by row: a link wrapping a
        // table leaves its cells as they are.
        if mode != inline::Mode::Cell
            && let Some(tail) = self.enclosing_link.borrow().as_deref()
        {
            run.enclose(tail);
        }
        run
    }

    /// Is a link wrapping blocks being written ([`Ctx::enclosing_link`])?
    pub(crate) fn in_enclosing_link(&self) -> bool {
        self.enclosing_link.borrow().is_some()
    }

    /// Sets or clears the link wrapping the blocks being written.
    pub(crate) fn set_enclosing_link(&self, tail: Option<String>) {
        *self.enclosing_link.borrow_mut() = tail;
    }

    /// The label of a reference link to `target` (destination and title as written):
    /// the next number, or the one the same target already has.
    pub(crate) fn link_label(&self, target: &str) -> usize {
        let mut refs = self.link_targets.borrow_mut();
        let (order, labels) = &mut *refs;
        if let Some(&label) = labels.get(target) {
            return label;
        }
        order.push(target.to_string());
        labels.insert(target.to_string(), order.len());
        order.len()
    }

    /// The `[n]: target` definitions of the reference links written, one per line.
    fn link_definitions(&self) -> String {
        let refs = self.link_targets.borrow();
        refs.0
            .iter()
            .enumerate()
            .map(|(i, target)| format!("[{}]: {target}", i + 1))
            .collect::<Vec<_>>()
            .join("\n")
    }

    /// Takes `bytes` from the document's link destination budget; false (nothing taken)
    /// when too little is left, and the link is to be written as its text.
    pub(crate) fn spend_on_destination(&self, bytes: usize) -> bool {
        let left = self.destination_bytes_left.get();
        let fits = bytes <= left;
        if fits {
            self.destination_bytes_left.set(left - bytes);
        }
        fits
    }

    /// `[^n]` markup if `node` is a footnote reference.
    pub(crate) fn footnote_ref(&self, node: &NodeRef) -> Option<String> {
        let labels = self.footnotes.reference(node)?;
        Some(
            labels
                .iter()
                .map(|l| format!("[^{l}]"))
                .collect::<Vec<_>>()
                .join(" "),
        )
    }

    /// Is `node` a footnote's link back to its reference (dropped)?
    pub(crate) fn is_backlink(&self, node: &NodeRef) -> bool {
        self.footnotes.is_backlink(node)
    }

    /// The Markdown level of a heading element.
    pub(crate) fn heading_level(&self, node: &NodeRef) -> usize {
        self.headings.level(headings::page_level(node))
    }

    /// The heading slug an in-page fragment (`#id`, without the `#`) leads to.
    pub(crate) fn anchor(&self, fragment: &str) -> Option<&str> {
        self.headings.anchor(fragment)
    }

    /// The `[^label]: …` block of a footnote definition, written where the page has it (once).
    pub(crate) fn definition_block(&self, li: &NodeRef) -> Option<String> {
        let (def, label) = self.footnotes.definition(li)?;
        if self.written.borrow_mut().insert(def.id, ()).is_some() {
            return None;
        }
        Some(block::footnote_definition(self, def, label))
    }

    /// The back marker the page shows at the start of the note `li` (`^`, `^ a b`), if
    /// any, and how many of its markers are page text its body starts with.
    pub(crate) fn leading_marker(&self, li: &NodeRef) -> Option<(&str, usize)> {
        self.footnotes.leading_marker(li)
    }

    /// Is `node` a back link of a note's leading marker, or an element only wrapping one
    /// (written as plain text where the note is not a definition)?
    pub(crate) fn is_marker_part(&self, node: &NodeRef) -> bool {
        self.footnotes.is_marker_part(node)
    }

    /// Is `node` a list item written as a footnote definition instead of in place?
    pub(crate) fn is_footnote_definition(&self, node: &NodeRef) -> bool {
        self.footnotes.is_definition(node)
    }
}

/// The element's local name if it is one of `names`, as that entry of `names`: a tag to
/// match on without copying the name out of the tree (the writer asks it of every element).
pub(crate) fn tag_in(node: &NodeRef, names: &[&'static str]) -> Option<&'static str> {
    crate::dom::with_tag(node, |t| names.iter().copied().find(|n| *n == t))
}

/// The Markdown of the article body under `root`: blocks separated by one blank line,
/// footnote definitions last, ending with a single newline (empty for an empty article).
pub fn to_markdown(root: &NodeRef) -> String {
    to_markdown_styled(root, &MarkdownStyle::default())
}

/// [`to_markdown`] spelled in `style`; with reference links, their definitions come last.
pub fn to_markdown_styled(root: &NodeRef, style: &MarkdownStyle) -> String {
    // The headings are found with inline links: their text is what matters there, and a
    // reference numbered now would be numbered out of the document's order.
    let mut ctx = Ctx {
        footnotes: footnote::Footnotes::find(root),
        headings: Default::default(),
        written: Default::default(),
        style: MarkdownStyle {
            links: style::Links::Inline,
            ..*style
        },
        link_targets: Default::default(),
        destination_bytes_left: Cell::new(DESTINATION_BUDGET),
        enclosing_link: RefCell::new(None),
    };
    ctx.headings = headings::find(&ctx, root);
    ctx.style = *style;
    let mut blocks = block::blocks(&ctx, root);
    for (def, _) in ctx.footnotes.definitions() {
        blocks.extend(ctx.definition_block(def));
    }
    blocks.push(ctx.link_definitions());
    join_blocks(&blocks)
}

/// Blocks joined by blank lines, with a final newline.
fn join_blocks(blocks: &[String]) -> String {
    let body = blocks
        .iter()
        .map(|b| b.trim_end())
        .filter(|b| !b.is_empty())
        .collect::<Vec<_>>()
        .join("\n\n");
    if body.is_empty() { body } else { body + "\n" }
}

/// The whole Markdown document: YAML front matter (when `front_matter`; `saved_at` is the
/// `saved` field), `# Title` when there is a title, then the body.
pub fn document(article: &Article, front_matter: bool, saved_at: Option<&str>) -> String {
    document_styled(article, front_matter, saved_at, &MarkdownStyle::default())
}

/// [`document`] with the title heading spelled in `style` (the body is the article's
/// Markdown as extracted, in the style it was extracted with).
pub fn document_styled(
    article: &Article,
    front_matter: bool,
    saved_at: Option<&str>,
    style: &MarkdownStyle,
) -> String {
    let mut out = String::new();
    if front_matter {
        out.push_str(&front_matter::front_matter(
            &article.metadata,
            Some(article.page_type.name()),
            saved_at,
        ));
        out.push('\n');
    }
    let title = article
        .metadata
        .title
        .as_deref()
        .map(crate::dom::normalize_space)
        .unwrap_or_default();
    if !title.is_empty() {
        out.push_str(&block::heading_line(
            1,
            &title_markdown(&title, style),
            style,
        ));
        out.push_str("\n\n");
    }
    out.push_str(&article.markdown);
    if out.ends_with("\n\n") {
        out.pop();
    }
    out
}

/// The title as escaped inline Markdown.
fn title_markdown(title: &str, style: &MarkdownStyle) -> String {
    let mut run = inline::Inline::styled(inline::Mode::Heading, *style);
    run.text(title);
    run.finish()
}
