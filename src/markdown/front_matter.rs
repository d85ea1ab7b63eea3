//! YAML front matter for a saved article. Every value is written as a double-quoted string
//! (JSON string syntax, which YAML reads the same), never pasted raw, so no page text can
//! break out of it. Characters YAML does not allow in a document — DEL, the C1 controls,
//! U+FEFF, U+FFFE and U+FFFF — are written as `\uXXXX` escapes: JSON leaves them raw and a
//! YAML parser would refuse the file.
//!
//! The authors go under `author:`, one string for one author, a YAML list for several. The
//! page type (`article`, `forum`, `documentation`…: [`crate::PageType`]) goes under `type:`.

use crate::Metadata;

/// The front matter block, `---` to `---`, with a trailing newline. Absent fields are left
/// out; `page_type` becomes `type`, `saved_at` becomes `saved`.
pub fn front_matter(meta: &Metadata, page_type: Option<&str>, saved_at: Option<&str>) -> String {
    let mut out = String::from("---\n");
    field(&mut out, "title", meta.title.as_deref());
    authors(&mut out, meta);
    let rest: [(&str, Option<&str>); 8] = [
        ("site", meta.site_name.as_deref()),
        ("type", page_type),
        ("url", Some(meta.url.as_str())),
        ("published", meta.published_time.as_deref()),
        ("lang", meta.lang.as_deref()),
        ("excerpt", meta.excerpt.as_deref()),
        ("image", meta.lead_image.as_deref()),
        ("saved", saved_at),
    ];
    for (key, value) in rest {
        field(&mut out, key, value);
    }
    out.push_str("---\n");
    out
}

fn field(out: &mut String, key: &str, value: Option<&str>) {
    let Some(value) = value.map(str::trim).filter(|v| !v.is_empty()) else {
        return;
    };
    out.push_str(key);
    out.push_str(": ");
    out.push_str(&quote(value));
    out.push('\n');
}

/// `author:` as a list when the page names several authors, else the byline as one string.
fn authors(out: &mut String, meta: &Metadata) {
    let names: Vec<&str> = meta
        .authors
        .iter()
        .map(|a| a.trim())
        .filter(|a| !a.is_empty())
        .collect();
    if names.len() < 2 {
        field(out, "author", meta.byline.as_deref());
        return;
    }
    out.push_str("author:\n");
    for name in names {
        out.push_str("  - ");
        out.push_str(&quote(name));
        out.push('\n');
    }
}

/// A double-quoted string: JSON's escaping, plus `\uXXXX` for what YAML forbids.
pub(crate) fn quote(value: &str) -> String {
    let json = serde_json::to_string(value).unwrap_or_else(|_| String::from("\"\""));
    let mut out = String::with_capacity(json.len());
    for c in json.chars() {
        if is_forbidden_in_yaml(c) {
            out.push_str(&format!("\\u{:04X}", c as u32));
        } else {
            out.push(c);
        }
    }
    out
}

/// Outside YAML's printable set (or a byte-order mark inside the document). NEL (U+0085) is
/// printable but a line break to some parsers: escaped too.
fn is_forbidden_in_yaml(c: char) -> bool {
    matches!(
        c,
        '\u{7F}'..='\u{9F}' | '\u{FEFF}' | '\u{FFFE}' | '\u{FFFF}'
    )
}
