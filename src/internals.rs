//! Not part of the API: pipeline internals that the workspace's own tests and tools reach
//! into, exposed on purpose and nowhere else. The integration tests under `tests/` check
//! phases one at a time (metadata, media URLs, limits, the DOM helpers on decoded snapshots),
//! and the hostile-input tests bound the work counter [`dom::nodes_read`]; the snapshot
//! encoder of readmark-tools follows the decoder's own name rules ([`snapshot`]). A cargo
//! feature would hide them better, but the integration tests of this package cannot turn one
//! on for themselves; `#[doc(hidden)]` keeps them out of the documentation instead.
//!
//! Everything here may change or go with any commit; code outside this workspace should not
//! use it.

/// The DOM helpers and the work counter (`nodes_read`: nodes read by the walks so far, on this
/// thread).
pub mod dom {
    pub use crate::dom::{attr, inner_text, is_hidden, nodes_read, normalize_space, tag, text_len};
}

/// The input limits (issue 12) and the bounded parser.
pub mod limits {
    pub use crate::extract::limits::{
        ATTRIBUTE_BYTES_FLOOR, ATTRIBUTE_BYTES_PER_INPUT_BYTE, MAX_ATTRIBUTES_PER_ELEMENT,
        NODES_FLOOR, NODES_PER_INPUT_BYTE, PARSE_CHUNK_BYTES, max_attributes_per_tag,
        parse_document,
    };
}

/// Image sources and URL resolution.
pub mod media {
    pub use crate::extract::media::{
        absolutize_urls, absolutize_urls_for_page, best_candidate, document_base, fix_lazy_images,
        parse_srcset, unwrap_noscript_images,
    };
}

/// The metadata phase on its own.
pub mod metadata {
    pub use crate::extract::metadata::{extract, normalize_date};
}

/// The Markdown renderer with its raw-HTML report, and the sanitizer on its own.
pub mod render {
    pub use crate::render::{RawHtml, render, sanitize_html};
}

/// The longest file-name stem [`crate::download_filename`] writes, in bytes.
pub use crate::filename::MAX_STEM_BYTES;

/// The snapshot's namespace and name rules, for the encoder (readmark-tools).
pub mod snapshot {
    pub use crate::snapshot::names::{Space, is_handler_attr, is_safe_name, split_tag, tag_for};
}
