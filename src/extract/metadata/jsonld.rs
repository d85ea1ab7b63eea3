//! JSON-LD (`<script type="application/ld+json">`): the schema.org description of the
//! article, when the page has one.
//!
//! Only objects whose `@type` is an article type count (`NewsArticle`, `BlogPosting`…):
//! a page's JSON-LD also describes its web site, breadcrumbs and organisation, whose
//! `name`s are not the article's title. Objects are searched through arrays and `@graph`
//! lists, a bounded number of levels deep. Invalid JSON is skipped, never an error.

use std::collections::HashMap;

use dom_query::NodeRef;
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

/// schema.org types that are not articles but whose `author` and dates are the page's own
/// (a web page, a forum question, a recipe): read when the page has no article object. Not
/// `Review` or `Comment`: those are other people's words on the page.
const PAGE_TYPES: &[&str] = &[
    "WebPage",
    "MedicalWebPage",
    "Question",
    "Recipe",
    "HowTo",
    "CreativeWork",
    "Course",
    "VideoObject",
];

/// schema.org types of a product: a page describing one is a shop page, not an article.
const PRODUCT_TYPES: &[&str] = &["Product", "ProductGroup", "IndividualProduct"];

/// How deep arrays and `@graph`s are searched: real pages nest two or three levels; the
/// bound keeps hostile input from recursing without end.
const MAX_DEPTH: usize = 8;

/// What the article object says, each value trimmed and non-empty.
#[derive(Debug, Default, Clone, PartialEq)]
pub struct ArticleLd {
    pub name: Option<String>,
    pub headline: Option<String>,
    pub author: Option<String>,
    /// Every author's name, in order, references by `@id` resolved.
    pub authors: Vec<String>,
    pub description: Option<String>,
    pub publisher: Option<String>,
    pub date_published: Option<String>,
    pub date_modified: Option<String>,
    pub section: Option<String>,
    pub image: Option<String>,
    pub body: Option<String>,
    /// The page's JSON-LD describes a product (`Product`, `ProductGroup`).
    pub describes_product: bool,
    /// Read from a page-typed object ([`PAGE_TYPES`]), not an article.
    pub from_page_type: bool,
}

/// The first article object of the page's JSON-LD, read into [`ArticleLd`]; without one, the
/// first object of a [`PAGE_TYPES`] type (its authors and dates only). `scripts` are the
/// page's `<script>` elements, in document order.
pub fn read(scripts: &[NodeRef]) -> Option<ArticleLd> {
    let scripts = scripts.iter().filter(|n| {
        n.attr("type")
            .is_some_and(|t| t.trim().eq_ignore_ascii_case("application/ld+json"))
    });
    let values: Vec<Value> = scripts.filter_map(|s| parse_lenient(&s.text())).collect();
    let mut ids = HashMap::new();
    for v in &values {
        index_ids(v, 0, &mut ids);
    }
    let describes_product = values
        .iter()
        .any(|v| find_typed(v, false, 0, PRODUCT_TYPES).is_some());
    if let Some(article) = values
        .iter()
        .find_map(|v| find_typed(v, false, 0, ARTICLE_TYPES))
    {
        return Some(ArticleLd {
            describes_product,
            ..describe(article, &ids)
        });
    }
    let Some(page) = values
        .iter()
        .find_map(|v| find_typed(v, false, 0, PAGE_TYPES))
    else {
        return Some(ArticleLd {
            describes_product,
            ..ArticleLd::default()
        });
    };
    let full = describe(page, &ids);
    Some(ArticleLd {
        describes_product,
        authors: full.authors,
        author: full.author,
        date_published: full.date_published,
        date_modified: full.date_modified,
        from_page_type: true,
        ..ArticleLd::default()
    })
}

/// Names of every object with an `@id` and a `name`, so that `"author": {"@id": …}` can be
/// resolved (Yoast and similar plugins put the Person apart in the `@graph`).
fn index_ids(v: &Value, depth: usize, ids: &mut HashMap<String, String>) {
    if depth > MAX_DEPTH {
        return;
    }
    match v {
        Value::Array(items) => items.iter().for_each(|i| index_ids(i, depth + 1, ids)),
        Value::Object(obj) => {
            if let (Some(id), Some(name)) = (
                obj.get("@id").and_then(Value::as_str),
                obj.get("name").and_then(text),
            ) {
                ids.entry(id.to_string()).or_insert(name);
            }
            obj.values().for_each(|i| index_ids(i, depth + 1, ids));
        }
        _ => {}
    }
}

/// JSON, after removing what CMSs wrap around it (`<![CDATA[`, HTML comments).
fn parse_lenient(text: &str) -> Option<Value> {
    let cleaned = text
        .trim()
        .trim_start_matches("<!--")
        .trim_end_matches("-->");
    let cleaned = cleaned
        .trim()
        .trim_start_matches("//<![CDATA[")
        .trim_start_matches("<![CDATA[");
    let cleaned = cleaned
        .trim_end()
        .trim_end_matches("//]]>")
        .trim_end_matches("]]>");
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

type Object = serde_json::Map<String, Value>;

/// Depth-first search for an object whose `@type` is one of `types`; `in_schema` says
/// whether an enclosing object already declared the schema.org context. Searched through
/// arrays, `@graph` and `mainEntity` (a QAPage's question).
fn find_typed<'a>(
    v: &'a Value,
    in_schema: bool,
    depth: usize,
    types: &[&str],
) -> Option<&'a Object> {
    if depth > MAX_DEPTH {
        return None;
    }
    match v {
        Value::Array(items) => items
            .iter()
            .find_map(|i| find_typed(i, in_schema, depth + 1, types)),
        Value::Object(obj) => {
            let in_schema = in_schema || obj.get("@context").is_some_and(is_schema_org);
            if in_schema && obj.get("@type").is_some_and(|t| is_type(t, types)) {
                return Some(obj);
            }
            ["@graph", "mainEntity"]
                .iter()
                .filter_map(|k| obj.get(*k))
                .find_map(|g| find_typed(g, in_schema, depth + 1, types))
        }
        _ => None,
    }
}

/// `@type` as a string or a list of strings, any of them in `types`.
fn is_type(t: &Value, types: &[&str]) -> bool {
    match t {
        Value::String(s) => types.contains(&s.trim()),
        Value::Array(a) => a.iter().any(|t| is_type(t, types)),
        _ => false,
    }
}

fn describe(obj: &Object, ids: &HashMap<String, String>) -> ArticleLd {
    let get = |k: &str| obj.get(k);
    let authors = get("author")
        .or_else(|| get("creator"))
        .map(|a| name_list(a, ids))
        .unwrap_or_default();
    ArticleLd {
        authors,
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
        from_page_type: false,
        describes_product: false,
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

/// People or organisations (a name, an object with `name`, a reference by `@id`, or a list
/// of those) as a list of names.
fn name_list(v: &Value, ids: &HashMap<String, String>) -> Vec<String> {
    let one = |v: &Value| match v {
        Value::Object(o) => o.get("name").and_then(text).or_else(|| {
            let id = o.get("@id").and_then(Value::as_str)?;
            ids.get(id).cloned()
        }),
        Value::String(_) => text(v),
        _ => None,
    };
    match v {
        Value::Array(a) => a.iter().filter_map(one).collect(),
        other => one(other).into_iter().collect(),
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
        Value::Object(o) => o
            .get("url")
            .or_else(|| o.get("contentUrl"))
            .and_then(image_url),
        Value::Array(a) => a.iter().find_map(image_url),
        _ => None,
    }
}
