//! Prepare the document for scoring. (To be written.)
use dom_query::Document;
use url::Url;

/// Removes what is never article content and normalises markup.
pub fn prepare(_doc: &Document, _base: &Url) {}
