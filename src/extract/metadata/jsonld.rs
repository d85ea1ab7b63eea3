//! JSON-LD (`<script type="application/ld+json">`): the schema.org description of the
//! article, when the page has one.
//!
//! Only objects whose `@type` is an article type count (`NewsArticle`, `BlogPosting`…):
//! a page's JSON-LD also describes its web site, breadcrumbs and organisation, whose
//! `name`s are not the article's title. Objects are searched through arrays and `@graph`
//! lists, a bounded number of levels deep. Invalid JSON is skipped, never an error.

use dom_query::Document;
use serde_json::Value;

/// schema.org types whose object describes an article (and its subtypes that pages use).
const ARTICLE_TYPES: &[&str] = &[
    "Article",
    "AdvertiserContentArticle",
    "NewsArticle",
    "AnalysisNewsArticle",
    "AskPublicNewsArticle",
    "BackgroundNewsArticle",
    "OpinionNewsArticle",
    "ReportageNewsArticle",
    "ReviewNewsArticle",
    "Report",
    "SatiricalArticle",
    "ScholarlyArticle",
    "MedicalScholarlyArticle",
    "SocialMediaPosting",
    "BlogPosting",
    "LiveBlogPosting",
    "DiscussionForumPosting",
    "TechArticle",
    "APIReference",
];

/// How deep arrays and `@graph`s are searched: real pages nest two or three levels; the
/// bound keeps hostile input from recursing without end.
const MAX_DEPTH: usize = 8;

/// What the article object says, each value trimmed and non-empty.
#[derive(Debug, Default, Clone, PartialEq)]
pub struct ArticleLd {
    pub name: Option<String>,
    pub headline: Option<String>,
    pub author: Option<String>,
    pub description: Option<String>,
    pub publisher: Option<String>,
    pub date_published: Option<String>,
    pub date_modified: Option<String>,
    pub section: Option<String>,
    pub image: Option<String>,
    pub body: Option<String>,
}

/// The first article object of the page's JSON-LD, read into [`ArticleLd`].
pub fn read(doc: &Document) -> Option<ArticleLd> {
    let root = doc.root();
    let scripts = root.descendants_it().filter(|n| {
        n.has_name("script")
            && n.attr("type").is_some_and(|t| t.trim().eq_ignore_ascii_case("application/ld+json"))
    });
    scripts.filter_map(|s| parse_lenient(&s.text())).find_map(|v| find_article(&v, false, 0).map(describe))
}

/// JSON, after removing what CMSs wrap around it (`<![CDATA[`, HTML comments).
fn parse_lenient(text: &str) -> Option<Value> {
    let cleaned = text.trim().trim_start_matches("<!--").trim_end_matches("-->");
    let cleaned = cleaned.trim().trim_start_matches("//<![CDATA[").trim_start_matches("<![CDATA[");
    let cleaned = cleaned.trim_end().trim_end_matches("//]]>").trim_end_matches("]]>");
    serde_json::from_str(cleaned.trim()).ok()
}

/// True when `@context` names schema.org (as a string, or an object's `@vocab`).
fn is_schema_org(context: &Value) -> bool {
    let named = |s: &str| {
        let s = s.trim().trim_end_matches('/').to_ascii_lowercase();
        s == "http://schema.org" || s == "https://schema.org"
    };
    match context {
        Value::String(s) => named(s),
        Value::Object(o) => o.get("@vocab").and_then(Value::as_str).is_some_and(named),
        Value::Array(a) => a.iter().any(is_schema_org),
        _ => false,
    }
}

/// Depth-first search for an article-typed object; `in_schema` says whether an enclosing
/// object already declared the schema.org context.
fn find_article(v: &Value, in_schema: bool, depth: usize) -> Option<&serde_json::Map<String, Value>> {
    if depth > MAX_DEPTH {
        return None;
    }
    match v {
        Value::Array(items) => items.iter().find_map(|i| find_article(i, in_schema, depth + 1)),
        Value::Object(obj) => {
            let in_schema = in_schema || obj.get("@context").is_some_and(is_schema_org);
            if in_schema && obj.get("@type").is_some_and(is_article_type) {
                return Some(obj);
            }
            obj.get("@graph").and_then(|g| find_article(g, in_schema, depth + 1))
        }
        _ => None,
    }
}

/// `@type` as a string or a list of strings, any of them an article type.
fn is_article_type(t: &Value) -> bool {
    match t {
        Value::String(s) => ARTICLE_TYPES.contains(&s.trim()),
        Value::Array(a) => a.iter().any(is_article_type),
        _ => false,
    }
}

fn describe(obj: &serde_json::Map<String, Value>) -> ArticleLd {
    let get = |k: &str| obj.get(k);
    ArticleLd {
        name: get("name").and_then(text),
        headline: get("headline").and_then(text),
        author: get("author").and_then(names),
        description: get("description").and_then(text),
        publisher: get("publisher").and_then(names),
        date_published: get("datePublished").and_then(text),
        date_modified: get("dateModified").and_then(text),
        section: get("articleSection").and_then(text),
        image: get("image").and_then(image_url),
        body: get("articleBody").and_then(text),
    }
}

/// A string value, trimmed, non-empty; a list gives its first such string.
fn text(v: &Value) -> Option<String> {
    match v {
        Value::String(s) => Some(s.trim().to_string()).filter(|s| !s.is_empty()),
        Value::Array(a) => a.iter().find_map(text),
        _ => None,
    }
}

/// People or organisations: a name string, an object with `name`, or a list of those,
/// joined with ", ".
fn names(v: &Value) -> Option<String> {
    let list: Vec<String> = match v {
        Value::Array(a) => a.iter().filter_map(one_name).collect(),
        other => one_name(other).into_iter().collect(),
    };
    Some(list.join(", ")).filter(|s| !s.is_empty())
}

fn one_name(v: &Value) -> Option<String> {
    match v {
        Value::String(s) => text(&Value::String(s.clone())),
        Value::Object(o) => o.get("name").and_then(text),
        _ => None,
    }
}

/// An image: a URL string, an `ImageObject` (`url` or `contentUrl`), or a list of those.
fn image_url(v: &Value) -> Option<String> {
    match v {
        Value::String(_) => text(v),
        Value::Object(o) => o.get("url").or_else(|| o.get("contentUrl")).and_then(image_url),
        Value::Array(a) => a.iter().find_map(image_url),
        _ => None,
    }
}
