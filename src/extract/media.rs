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
