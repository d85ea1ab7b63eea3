//! Choose the content: the strategy the page's kind calls for, and a second opinion when
//! the first answer is weak or missing.
//!
//! * Prose kinds (articles, documentation) are one container: the article finder
//!   ([`super::find_article`]) scores paragraphs into it. The main region is the second
//!   opinion: when the container holds only a small part of the region's text, the page
//!   was not one container after all (a landing page or an index that looked like an
//!   article), and the region wins; when the finder finds nothing, the region stands in.
//!   A page that declares itself an article (schema.org, `og:type`) gets only the prose
//!   hull as second opinion, and only when the container misses most of the page's prose:
//!   a short container there is a short article (a paywalled teaser). A page that declares
//!   where its article text is (`itemprop="articleBody"`, JSON-LD `articleBody`) gets none.
//! * The other kinds spread their content over the page: the main region
//!   ([`super::region`]) keeps every post, card or section. When the region is empty, the
//!   article finder stands in.
//!
//! A page only ends without content when neither finds any text.

use dom_query::Document;

use super::classify::Kind;
use super::find_article::{self, Found};
use super::metadata::Metadata;
use super::region;
use crate::{Options, dom};

/// A short prose container holding less than this share of the main region's text is one
/// part of a page made of many (measured on WCXB-dev: below 0.4 the region scores better
/// on most such pages, above it the container does).
const MIN_CONTAINER_SHARE: f64 = 0.4;

/// Only a container shorter than this (characters, about 150 words) can be that: a real
/// article is longer, and a long article among much longer comments and teasers (news
/// pages) is still the article.
const WEAK_CONTAINER_CHARS: usize = 1000;

/// The container is a weak answer next to the region.
fn is_weak(container: usize, region: usize) -> bool {
    container < WEAK_CONTAINER_CHARS && (container as f64) < MIN_CONTAINER_SHARE * region as f64
}

/// A container holding less than this share of the page's prose kept one section of an
/// article made of many.
const MIN_PROSE_SHARE: f64 = 0.2;

fn misses_prose(container: usize, prose: usize) -> bool {
    (container as f64) < MIN_PROSE_SHARE * prose as f64
}

/// Characters of text a finding of the main region holds (the article finder reports its
/// own, [`find_article::find_measured`]).
fn chars(found: &Found) -> usize {
    found
        .document
        .tree
        .get(&found.root)
        .map(|r| dom::text_len(&r))
        .unwrap_or(0)
}

/// The content of a prepared document of kind `kind`.
pub fn find(doc: &Document, meta: &Metadata, kind: Kind, opts: &Options) -> Option<Found> {
    if kind.page_type.is_prose() && find_article::declares_body(doc, meta) {
        find_article::find(doc, meta, opts).or_else(|| region::find(doc, kind.page_type))
    } else if kind.page_type.is_prose() && kind.declared {
        let Some((container, length)) = find_article::find_measured(doc, meta, opts) else {
            return region::find(doc, kind.page_type);
        };
        // The whole page's prose bounds the region's from above: when the container holds
        // enough of it, the region (a copy of the page) need not be built.
        if !misses_prose(length, region::page_prose_chars(doc)) {
            return Some(container);
        }
        match region::prose_hull(doc) {
            Some((hull, prose)) if misses_prose(length, prose) => Some(hull),
            _ => Some(container),
        }
    } else if kind.page_type.is_prose() {
        let container = find_article::find_measured(doc, meta, opts);
        // Only a short container can be weak: the region is built for those alone.
        if container
            .as_ref()
            .is_some_and(|(_, length)| *length >= WEAK_CONTAINER_CHARS)
        {
            return container.map(|(c, _)| c);
        }
        match (container, region::find(doc, kind.page_type)) {
            (Some((c, length)), Some(r)) if !is_weak(length, chars(&r)) => Some(c),
            (c, r) => r.or(c.map(|(c, _)| c)),
        }
    } else {
        region::find(doc, kind.page_type)
            .filter(|r| chars(r) > 0)
            .or_else(|| find_article::find(doc, meta, opts))
    }
}
