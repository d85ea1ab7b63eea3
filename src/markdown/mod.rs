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
mod table;

use std::cell::RefCell;

use dom_query::NodeRef;

use crate::Article;

/// What the whole walk needs to know about the article.
pub(crate) struct Ctx<'a> {
    footnotes: footnote::Footnotes<'a>,
    headings: headings::Headings,
    /// Footnote definitions already written where the page had them.
    written: RefCell<crate::dom::NodeMap<()>>,
}

impl Ctx<'_> {
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

    /// The back marker the page shows at the start of the note `li`, if any.
    pub(crate) fn leading_marker(&self, li: &NodeRef) -> Option<&'static str> {
        self.footnotes.leading_marker(li)
    }

    /// Is `node` a list item written as a footnote definition instead of in place?
    pub(crate) fn is_footnote_definition(&self, node: &NodeRef) -> bool {
        self.footnotes.is_definition(node)
    }
}

/// The Markdown of the article body under `root`: blocks separated by one blank line,
/// footnote definitions last, ending with a single newline (empty for an empty article).
pub fn to_markdown(root: &NodeRef) -> String {
    let mut ctx = Ctx {
        footnotes: footnote::Footnotes::find(root),
        headings: Default::default(),
        written: Default::default(),
    };
    ctx.headings = headings::find(&ctx, root);
    let mut blocks = block::blocks(&ctx, root);
    for (def, _) in ctx.footnotes.definitions() {
        blocks.extend(ctx.definition_block(def));
    }
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
    let mut out = String::new();
    if front_matter {
        out.push_str(&front_matter::front_matter(&article.metadata, saved_at));
        out.push('\n');
    }
    let title = article
        .metadata
        .title
        .as_deref()
        .map(crate::dom::normalize_space)
        .unwrap_or_default();
    if !title.is_empty() {
        out.push_str(&block::heading_line(1, &title_markdown(&title)));
        out.push_str("\n\n");
    }
    out.push_str(&article.markdown);
    if out.ends_with("\n\n") {
        out.pop();
    }
    out
}

/// The title as escaped inline Markdown.
fn title_markdown(title: &str) -> String {
    let mut run = inline::Inline::new(inline::Mode::Heading);
    run.text(title);
    run.finish()
}
