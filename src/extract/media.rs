//! Images and links: lazy-load attributes, `srcset`/`<picture>` choice, `<noscript>`
//! fallbacks, absolute URLs. (Helper-owned: to be written.)

use dom_query::{Document, NodeRef};
use url::Url;

/// Replaces `<noscript>`-wrapped images for placeholder images before them (lazy loaders).
pub fn unwrap_noscript_images(_doc: &Document) {}

/// Gives every image its real source (lazy-load attributes, best `srcset` candidate).
pub fn fix_lazy_images(_root: &NodeRef) {}

/// Makes every link and media URL under `root` absolute against `base`.
pub fn absolutize_urls(_root: &NodeRef, _base: &Url) {}

/// The base URL relative links resolve against: `<base href>` when present, else the page URL.
pub fn document_base(_doc: &Document, page_url: &Url) -> Url {
    page_url.clone()
}
