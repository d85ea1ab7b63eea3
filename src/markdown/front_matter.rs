//! YAML front matter for a saved article. Every value is written as a JSON string (valid
//! YAML), never pasted raw, so no page text can break out of it.

use crate::Metadata;

/// The front matter block, `---` to `---`, with a trailing newline. Absent fields are left
/// out; `saved_at` becomes `saved`.
pub fn front_matter(meta: &Metadata, saved_at: Option<&str>) -> String {
    let fields: [(&str, Option<&str>); 9] = [
        ("title", meta.title.as_deref()),
        ("byline", meta.byline.as_deref()),
        ("site", meta.site_name.as_deref()),
        ("url", Some(meta.url.as_str())),
        ("published", meta.published_time.as_deref()),
        ("lang", meta.lang.as_deref()),
        ("excerpt", meta.excerpt.as_deref()),
        ("image", meta.lead_image.as_deref()),
        ("saved", saved_at),
    ];
    let mut out = String::from("---\n");
    for (key, value) in fields {
        let Some(value) = value.map(str::trim).filter(|v| !v.is_empty()) else { continue };
        out.push_str(key);
        out.push_str(": ");
        out.push_str(&quote(value));
        out.push('\n');
    }
    out.push_str("---\n");
    out
}

/// A JSON string literal (serde_json cannot fail on a `&str`; an empty literal otherwise).
pub(crate) fn quote(value: &str) -> String {
    serde_json::to_string(value).unwrap_or_else(|_| String::from("\"\""))
}
