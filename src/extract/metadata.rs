//! Metadata of the page: read before `prepare` removes scripts, since JSON-LD lives there.
//! (Helper-owned: to be written.)

use dom_query::Document;
use serde::Serialize;
use url::Url;

use super::find_article::Found;

/// Everything known about the page and its article. Absent facts are `None`, never `""`.
#[derive(Clone, Debug, Default, Serialize, PartialEq)]
#[serde(rename_all = "camelCase")]
pub struct Metadata {
    /// The page URL: the canonical URL when the page declares one, else the URL given.
    pub url: String,
    /// The article title, without the site-name suffix.
    pub title: Option<String>,
    /// Author(s), as the page writes them.
    pub byline: Option<String>,
    /// First publication time, ISO 8601.
    pub published_time: Option<String>,
    /// Last modification time, ISO 8601.
    pub modified_time: Option<String>,
    /// The site's name.
    pub site_name: Option<String>,
    /// The section (category) of the site the article is filed under.
    pub section: Option<String>,
    /// Language tag (`<html lang>` or metadata).
    pub lang: Option<String>,
    /// Text direction (`ltr`/`rtl`), when stated.
    pub dir: Option<String>,
    /// A short description or the first paragraph.
    pub excerpt: Option<String>,
    /// The lead image, absolute.
    pub lead_image: Option<String>,
    /// Words in the article text (CJK characters count as words).
    pub word_count: usize,
    /// Minutes to read at an average pace, at least 1.
    pub reading_time_minutes: usize,
}

/// Reads the metadata of `doc`, fetched from `base`.
pub fn extract(_doc: &Document, base: &Url) -> Metadata {
    Metadata { url: base.to_string(), ..Metadata::default() }
}

impl Metadata {
    /// Takes what finding the article learnt: a byline found in the content, its direction.
    pub fn adopt_found(&mut self, found: &Found) {
        if self.byline.is_none() {
            self.byline = found.byline.clone();
        }
        if self.dir.is_none() {
            self.dir = found.dir.clone();
        }
    }

    /// Fills what depends on the final text: word count, reading time, excerpt fallback.
    pub fn finish(&mut self, text: &str) {
        self.word_count = text.split_whitespace().count();
        self.reading_time_minutes = self.word_count.div_ceil(230).max(1);
    }
}
