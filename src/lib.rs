//! Readmark: the article of a web page, as clean Markdown.
//!
//! The pipeline, phase by phase (each phase is one file under `src/extract/`):
//!
//! 1. **input** — an HTML string and its URL, parsed by html5ever through `dom_query`
//!    ([`extract_html`]), or a DOM snapshot of a live page ([`extract_snapshot`], format in
//!    [`snapshot`]). Both give the same `dom_query` tree; `extract::limits` bounds it. Saved
//!    HTML a server streamed gets its hidden segments put where the page's script would
//!    have put them, as a live page shows them (`extract::streamed`).
//! 2. **metadata** — title, byline, dates, site, language, lead image… read from `<meta>`,
//!    JSON-LD and the document itself, *before* scripts are removed (`extract::metadata`).
//! 3. **crawler view** — a script shell whose content is only in `<noscript>` gets that
//!    content in its place (`extract::noscript`).
//! 4. **classify** — the page's kind: article, forum, documentation, product, listing,
//!    collection or service, from schema.org types, `og:type`, the URL's shape and the
//!    document (`extract::classify`). A page it calls an article gets the date its layout
//!    shows when its metadata stated none (`Metadata::adopt_page_kind`).
//! 5. **prepare** — scripts, styles, comments and hidden nodes go; `<br><br>` runs become
//!    paragraphs; lazy images get their real source (`extract::prepare`).
//! 6. **find the content** as the kind needs it (`extract::choose`): one prose container
//!    for articles and docs (candidate scoring with a retry ladder, `extract::find_article`),
//!    the page's main region without its chrome for the rest (`extract::region`; a
//!    thread also without its posts' furniture, `extract::forum`; a product page without
//!    the other products around it, `extract::product`), and a
//!    second opinion (the region, or the prose hull) when the container is weak.
//! 7. **clean** — boilerplate inside the article goes, URLs become absolute (`extract::clean`),
//!    then nothing that can run or load code is left in it (`extract::sanitize`).
//! 8. **Markdown** and plain text of the cleaned article (`markdown`, `text`). A page the
//!    classifier called a forum thread then gets its thread's title when its `<title>`
//!    names it among the forum's sections (`Metadata::adopt_thread_kind`), and a thread or
//!    a service page stating no title for previews the one heading it shows
//!    (`Metadata::adopt_heading_kind`); both taken after cleaning, which drops the heading
//!    that repeats the title it was given.
//!
//! The phases are private modules (`cargo doc --document-private-items` shows them). The
//! public API is what a user of the crate needs:
//!
//! * extraction: [`extract_html`], [`extract_snapshot`] with their [`Options`], giving an
//!   [`Article`] (its [`Metadata`], [`PageType`], Markdown, text) or an [`Error`];
//! * the Markdown writer's style: [`MarkdownStyle`] and its choices ([`Bullet`], [`Delimiter`],
//!   [`Strong`], [`Headings`], [`Fence`], [`Links`]); the writers on a parsed tree
//!   ([`to_markdown`], [`to_markdown_styled`], [`to_text`]) and [`html_to_text`];
//! * for the extension: [`render_markdown`] (Markdown → sanitized HTML), [`download_filename`],
//!   the [`template`]s of saved documents, the [`snapshot`] format (its specification, its
//!   constants and the decoder) and, in WebAssembly, the `wasm` boundary.
//!
//! The corpus evaluation, the snapshot encoder and the `readmark` command line are not part of
//! this crate: they live in the workspace member `tools/` (readmark-tools), as do their tests.
//!
//! The core is pure Rust: no browser API is touched here, so all of it runs under `cargo test`
//! and, unchanged, inside WebAssembly.

// The pipeline's modules are private: what a user of the crate needs is re-exported below,
// and the rest may change with any commit. Public modules: `snapshot` (the format's
// specification, its constants and the decoder), `template` (the extension's templates) and
// `wasm` (the JavaScript boundary). `internals` is hidden: see its doc comment.
mod dom;
mod error;
mod extract;
mod filename;
#[doc(hidden)]
pub mod internals;
mod markdown;
mod render;
pub mod snapshot;
pub mod template;
mod text;
#[cfg(target_arch = "wasm32")]
pub mod wasm;
mod words;

use dom_query::{Document, NodeId};
use serde::{Deserialize, Serialize};
use url::Url;

pub use error::{Error, PageFacts};
pub use extract::classify::PageType;
pub use extract::metadata::Metadata;
pub use filename::download_filename;
pub use markdown::style::{Bullet, Delimiter, Fence, Headings, Links, MarkdownStyle, Strong};
pub use markdown::{to_markdown, to_markdown_styled};
pub use render::render_markdown;
pub use text::{html_to_text, to_text};

/// Knobs of one extraction. [`Options::default`] suits every real page.
#[derive(Clone, Debug)]
pub struct Options {
    /// Most nodes a document may have. Real pages stay far below (the largest corpus page has
    /// about 60 000); hostile input beyond it is refused instead of eating memory.
    pub max_nodes: usize,
    /// Deepest element nesting accepted. Real pages nest < 100 deep; recursion elsewhere in
    /// the pipeline is bounded by this.
    pub max_depth: usize,
    /// Largest input accepted, in bytes (HTML text or snapshot JSON).
    pub max_bytes: usize,
    /// Fewest characters an article must have before the retry ladder stops relaxing.
    pub char_threshold: usize,
    /// How the Markdown body is spelled (the default: the writer's own style).
    pub markdown: MarkdownStyle,
}

impl Default for Options {
    fn default() -> Self {
        Options {
            max_nodes: 1_000_000,
            max_depth: 512,
            max_bytes: 64 << 20,
            char_threshold: 500,
            markdown: MarkdownStyle::default(),
        }
    }
}

/// The extracted article: its metadata, cleaned HTML, Markdown body and plain text.
///
/// It deserializes from a partial object too (every field defaults): the extension keeps
/// saved articles without `contentHtml` and rebuilds the Markdown document from them.
#[derive(Clone, Debug, Default, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct Article {
    /// Everything known about the page and the article.
    #[serde(flatten)]
    pub metadata: Metadata,
    /// What kind of page it is: article, forum, documentation, product, listing,
    /// collection or service.
    pub page_type: PageType,
    /// The cleaned article as HTML (absolute URLs, no scripts, no handlers).
    pub content_html: String,
    /// The article body as Markdown (no title, no front matter).
    pub markdown: String,
    /// The article body as plain text, one block per line.
    pub text: String,
    /// True when the article is the user's selection rather than a found article.
    pub from_selection: bool,
}

impl Article {
    /// The whole Markdown document: optional YAML front matter, `# Title`, then the body.
    pub fn to_markdown_document(&self, front_matter: bool, saved_at: Option<&str>) -> String {
        markdown::document(self, front_matter, saved_at)
    }
}

/// Extracts the article of an HTML page fetched from `url`.
pub fn extract_html(html: &str, url: &str, opts: &Options) -> Result<Article, Error> {
    let page_url = parse_url(url)?;
    extract::limits::check_html_text(html, opts)?;
    let doc = extract::limits::parse_document(html, opts)?;
    run(doc, &page_url, None, opts)
}

/// Extracts the article from a DOM snapshot of a live page (see [`snapshot`] for the format).
pub fn extract_snapshot(json: &str, opts: &Options) -> Result<Article, Error> {
    let snap = snapshot::decode(json, opts)?;
    let page_url = parse_url(&snap.url)?;
    run(snap.document, &page_url, snap.selection, opts)
}

/// The pipeline proper, shared by both inputs.
fn run(
    doc: Document,
    page_url: &Url,
    selection: Option<NodeId>,
    opts: &Options,
) -> Result<Article, Error> {
    extract::streamed::place_segments(&doc, opts)?;
    let base = extract::media::document_base(&doc, page_url);
    let mut metadata = extract::metadata::extract(&doc, page_url);
    extract::noscript::promote_crawler_view(&doc, opts)?;
    let kind = extract::classify::classify(&doc, page_url);
    metadata.adopt_page_kind(
        &doc,
        page_url,
        kind.page_type == PageType::Article,
        !matches!(kind.page_type, PageType::Article | PageType::Forum),
    );
    if kind.page_type == PageType::Forum {
        metadata.adopt_thread_starter(&doc);
    }
    // Products, service pages and listings are signed by nobody.
    if matches!(
        kind.page_type,
        PageType::Product | PageType::Service | PageType::Listing
    ) {
        metadata.adopt_unsigned_kind();
    }
    extract::prepare::prepare(&doc);
    let cleaned = |document: Document, root_id: NodeId, metadata: &Metadata| {
        let root = document.tree.get(&root_id)?;
        extract::clean::clean(&root, metadata, &base, page_url);
        if !kind.page_type.repeats_by_design() {
            extract::repeats::drop_copied_sections(&root);
        }
        extract::sanitize::sanitize(&root);
        let text = text::to_text(&root);
        (!text.trim().is_empty()).then_some((document, root_id, text))
    };
    let (doc, root_id, text, from_selection) = match selection {
        Some(id) => {
            let (doc, id, text) =
                cleaned(doc, id, &metadata).ok_or_else(|| no_article(&metadata, kind.page_type))?;
            (doc, id, text, true)
        }
        None => {
            let found = extract::choose::find(&doc, &metadata, kind, opts)
                .ok_or_else(|| no_article(&metadata, kind.page_type))?;
            metadata.adopt_content_facts(found.byline.as_deref(), found.dir.as_deref());
            // On a page of a non-prose kind the article finder's container was never weighed:
            // when cleaning empties the region (all of it furniture), the container gets its
            // turn, so that a click does not do nothing while the page has text. (On prose
            // kinds the container was weighed and lost to the region already.)
            let (doc, id, text) = cleaned(found.document, found.root, &metadata)
                .or_else(|| {
                    if kind.page_type.is_prose() {
                        return None;
                    }
                    let found = extract::find_article::find(&doc, &metadata, opts)?;
                    cleaned(found.document, found.root, &metadata)
                })
                .ok_or_else(|| no_article(&metadata, kind.page_type))?;
            (doc, id, text, false)
        }
    };
    let root = doc
        .tree
        .get(&root_id)
        .ok_or_else(|| no_article(&metadata, kind.page_type))?;
    let markdown = markdown::to_markdown_styled(&root, &opts.markdown);
    // After cleaning: the heading cleaning dropped as the title's repeat stays dropped.
    if kind.page_type == PageType::Forum {
        metadata.adopt_thread_kind();
    }
    if matches!(kind.page_type, PageType::Forum | PageType::Service) {
        metadata.adopt_heading_kind();
    }
    metadata.finish(&text);
    Ok(Article {
        metadata,
        page_type: kind.page_type,
        content_html: root.inner_html().to_string(),
        markdown,
        text,
        from_selection,
    })
}

/// [`Error::NoArticle`] carrying what the page states about itself.
fn no_article(metadata: &Metadata, page_type: PageType) -> Error {
    Error::NoArticle(Box::new(PageFacts {
        metadata: metadata.clone(),
        page_type,
    }))
}

/// An absolute URL, or [`Error::InvalidUrl`].
pub fn parse_url(url: &str) -> Result<Url, Error> {
    Url::parse(url).map_err(|_| Error::InvalidUrl(url.to_string()))
}
