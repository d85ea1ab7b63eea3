//! The one error type of the crate. Every failure that input can cause is a value here;
//! nothing derived from input panics.

use serde::Serialize;
use thiserror::Error;

use crate::{Metadata, PageType};

/// Why an extraction (or an input step before it) did not produce an article.
#[derive(Debug, Error, Clone, PartialEq)]
pub enum Error {
    /// The input file or stream could not be read (path, I/O message).
    #[error("cannot read {path}: {message}")]
    Io { path: String, message: String },

    /// The input does not look like an HTML document (binary data, empty, or no markup).
    #[error("input is not HTML: {0}")]
    NotHtml(String),

    /// A DOM snapshot could not be decoded (malformed JSON, wrong shape, unknown version).
    #[error("invalid DOM snapshot: {0}")]
    InvalidSnapshot(String),

    /// The page URL given (or found in a snapshot) is not an absolute URL.
    #[error("invalid URL {0:?}")]
    InvalidUrl(String),

    /// The document exceeds a configured limit (node count, nesting depth or byte size).
    #[error("input exceeds the {limit} limit ({actual} > {max})")]
    LimitExceeded {
        limit: &'static str,
        actual: usize,
        max: usize,
    },

    /// The page was read, but no part of it looks like an article. What the page states about
    /// itself (title, site, description, kind) still comes with it, so that a caller can name
    /// the page it could not clip.
    #[error("no article found in the page")]
    NoArticle(Box<PageFacts>),
}

/// What a page without an article still tells about itself: its metadata (read before the
/// content was looked for) and its kind. The word count is 0: there is no article to count.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct PageFacts {
    /// The page's metadata: title, site name, description, language, dates, authors…
    #[serde(flatten)]
    pub metadata: Metadata,
    /// What kind of page it looked like.
    pub page_type: PageType,
}

impl Error {
    /// The variant's name (`"NoArticle"`, `"InvalidSnapshot"`…): a stable code for callers
    /// that branch on the kind of failure, such as the browser extension.
    pub fn kind(&self) -> &'static str {
        match self {
            Error::Io { .. } => "Io",
            Error::NotHtml(_) => "NotHtml",
            Error::InvalidSnapshot(_) => "InvalidSnapshot",
            Error::InvalidUrl(_) => "InvalidUrl",
            Error::LimitExceeded { .. } => "LimitExceeded",
            Error::NoArticle(_) => "NoArticle",
        }
    }
}
