//! The last pass over the cleaned article, so that `contentHtml` holds no script and no way
//! to start one, whatever the page (or the DOM snapshot) sent:
//!
//! * elements that run code, load documents or change how the page is read go with their
//!   content: [`REMOVED_ELEMENTS`];
//! * no event-handler attribute (`on…`, any case), no `style` (CSS can load URLs and hide or
//!   overlay text), no `srcdoc`;
//! * URL attributes ([`URL_ATTRS`], `xlink:href` included) keep only safe URLs: no
//!   `javascript:`, `vbscript:` or `data:` (tabs, line breaks, case and leading controls as a
//!   browser ignores them), except `data:image/` of a raster type ([`RASTER_DATA_TYPES`]);
//!   `srcset` keeps its safe candidates only;
//! * SVG is kept for what draws: its elements outside [`SVG_ELEMENTS`] (`script`,
//!   `foreignObject`, `animate`/`set`, which can rewrite an `href`, `style`…) go with their
//!   content, and `<use>` may only point inside the document (`#id`). MathML keeps its
//!   elements (they run nothing) under the same attribute rules.
//!
//! It runs after [`clean`](super::clean), before the Markdown and text writers, so the
//! Markdown never sees what was removed here either.

use std::collections::HashSet;

use dom_query::NodeRef;
use html5ever::LocalName;

use crate::dom::is_script_url;

/// Elements removed with their content wherever they are in the article.
pub const REMOVED_ELEMENTS: &[&str] = &[
    "script", "style", "template", "noscript", "object", "embed", "applet", "frame", "frameset",
    "base", "meta", "link", "param", "portal",
];

/// Attributes holding one URL (or, `srcset`, a list of candidates).
pub const URL_ATTRS: &[&str] = &[
    "href",
    "src",
    "srcset",
    "poster",
    "action",
    "formaction",
    "background",
    "cite",
    "longdesc",
    "data",
    "codebase",
    "lowsrc",
    "dynsrc",
    "ping",
    "manifest",
    "icon",
    "xlink:href",
];

/// `data:` media types an image may keep inline: raster formats, which run nothing
/// (`image/svg+xml` is a document that may hold scripts).
pub const RASTER_DATA_TYPES: &[&str] = &[
    "data:image/png",
    "data:image/jpeg",
    "data:image/jpg",
    "data:image/gif",
    "data:image/webp",
    "data:image/avif",
    "data:image/bmp",
];

/// SVG elements kept (lower-cased local names): shapes, text, grouping, paint servers,
/// clipping and masking, descriptive text.
pub const SVG_ELEMENTS: &[&str] = &[
    "svg",
    "g",
    "path",
    "circle",
    "ellipse",
    "line",
    "polyline",
    "polygon",
    "rect",
    "text",
    "tspan",
    "textpath",
    "title",
    "desc",
    "defs",
    "symbol",
    "use",
    "lineargradient",
    "radialgradient",
    "stop",
    "clippath",
    "mask",
    "marker",
    "pattern",
    "image",
];

/// Removes every script, handler, style and unsafe URL from the article under `root`.
pub fn sanitize(root: &NodeRef) {
    let doomed: Vec<NodeRef> = root.descendants_it().filter(is_removed).collect();
    for node in doomed {
        node.remove_from_parent();
    }
    let elements: Vec<NodeRef> = root.descendants_it().filter(|n| n.is_element()).collect();
    for element in elements {
        sanitize_attrs(&element);
    }
}

/// An element to remove with its content.
fn is_removed(node: &NodeRef) -> bool {
    let Some(name) = node.qual_name_ref() else {
        return false;
    };
    let local: &str = &name.local;
    let listed = |list: &[&str]| list.iter().any(|entry| is_lowered(entry, local));
    if name.ns == html5ever::ns!(svg) {
        return !listed(SVG_ELEMENTS);
    }
    listed(REMOVED_ELEMENTS)
}

/// Is `entry` the ASCII lower-casing of `name`? What comparing it with
/// `name.to_ascii_lowercase()` answers, without writing that copy (asked of every element).
fn is_lowered(entry: &str, name: &str) -> bool {
    entry.len() == name.len()
        && entry
            .bytes()
            .zip(name.bytes())
            .all(|(e, n)| e == n.to_ascii_lowercase())
}

/// Drops the element's unsafe attributes, and unsafe `srcset` candidates, in one pass over
/// its attribute list: removing them one by one (`remove_attr` scans the whole list each
/// time) was quadratic in the attributes of an element, 0.7 s for one element of 16,000.
fn sanitize_attrs(element: &NodeRef) {
    let is_svg_use = element
        .qual_name_ref()
        .is_some_and(|q| q.ns == html5ever::ns!(svg) && &q.local == "use");
    element.update(|node| {
        if let Some(e) = node.as_element_mut() {
            clean_attrs(&mut e.attrs, is_svg_use);
        }
    });
}

/// The verdicts are taken on the attributes as they came; an attribute goes when any
/// attribute of its local name is dropped (as `remove_attr` did: `xlink:href` and `href`
/// share the local name `href`).
fn clean_attrs(attrs: &mut Vec<html5ever::Attribute>, is_svg_use: bool) {
    let mut dropped: HashSet<LocalName> = HashSet::new();
    // One buffer for the names: writing each into a new string (through `format!` or
    // `to_string`) and lower-casing it into another cost two allocations per attribute.
    let mut name = String::new();
    for attr in attrs.iter_mut() {
        write_lowered_name(attr, &mut name);
        let verdict = if name == "srcset" {
            srcset_verdict(&attr.value)
        } else if is_unsafe(&name, &attr.value, is_svg_use) {
            Verdict::Drop
        } else {
            Verdict::Keep
        };
        match verdict {
            Verdict::Keep => {}
            Verdict::Drop => {
                dropped.insert(attr.name.local.clone());
            }
            Verdict::Replace(kept) => attr.value = kept.into(),
        }
    }
    if !dropped.is_empty() {
        attrs.retain(|a| !dropped.contains(&a.name.local));
    }
}

/// A handler, `style`, `srcdoc`, an unsafe URL, or an SVG `<use>` pointing out of the page.
fn is_unsafe(name: &str, value: &str, is_svg_use: bool) -> bool {
    name.starts_with("on")
        || name == "style"
        || name == "srcdoc"
        || (URL_ATTRS.contains(&name) && !is_safe_url(value))
        || (is_svg_use && name.ends_with("href") && !value.trim_start().starts_with('#'))
}

/// What becomes of one attribute.
enum Verdict {
    Keep,
    Drop,
    Replace(String),
}

/// A `srcset` is kept as it is, cut to its safe candidates, or dropped when none is safe.
fn srcset_verdict(srcset: &str) -> Verdict {
    if candidates(srcset).all(is_safe_url) {
        return Verdict::Keep;
    }
    let kept: Vec<&str> = srcset
        .split(',')
        .map(str::trim)
        .filter(|c| c.split_whitespace().next().is_some_and(is_safe_url))
        .collect();
    if kept.is_empty() {
        Verdict::Drop
    } else {
        Verdict::Replace(kept.join(", "))
    }
}

/// Writes the attribute's name as written (`xlink:href` for a namespaced one), ASCII
/// lower-cased, into `out` (replacing what it held).
fn write_lowered_name(attr: &html5ever::Attribute, out: &mut String) {
    out.clear();
    if let Some(prefix) = &attr.name.prefix {
        out.push_str(prefix);
        out.push(':');
    }
    out.push_str(&attr.name.local);
    out.make_ascii_lowercase();
}

/// A URL that runs nothing when followed or loaded.
pub fn is_safe_url(url: &str) -> bool {
    if !is_script_url(url) {
        return true;
    }
    let lower: String = url
        .trim_matches(|c: char| c <= ' ')
        .chars()
        .filter(|c| !matches!(c, '\t' | '\n' | '\r'))
        .take(24)
        .map(|c| c.to_ascii_lowercase())
        .collect();
    RASTER_DATA_TYPES
        .iter()
        .any(|t| lower.starts_with(t) && matches!(lower[t.len()..].chars().next(), Some(';' | ',')))
}

/// The URLs of a `srcset` (the first word of each comma-separated candidate).
fn candidates(srcset: &str) -> impl Iterator<Item = &str> {
    srcset
        .split(',')
        .filter_map(|c| c.split_whitespace().next())
}

#[cfg(test)]
mod tests {
    use super::*;
    use html5ever::{QualName, local_name, namespace_prefix, ns};

    #[test]
    fn a_listed_name_matches_the_lower_cased_name() {
        assert!(is_lowered("script", "script") && is_lowered("script", "SCRIPT"));
        assert!(!is_lowered("script", "scripts") && !is_lowered("script", "scrip"));
        // An entry with a capital never equals a lower-cased name.
        assert!(!is_lowered("clipPath", "clipPath"));
    }

    #[test]
    fn attribute_names_are_written_as_written_lower_cased() {
        let attr = |prefix, local| html5ever::Attribute {
            name: QualName::new(prefix, ns!(), local),
            value: "x".into(),
        };
        let mut out = String::from("left over");
        write_lowered_name(&attr(None, LocalName::from("onClick")), &mut out);
        assert_eq!(out, "onclick");
        let xlink = attr(Some(namespace_prefix!("xlink")), local_name!("href"));
        write_lowered_name(&xlink, &mut out);
        assert_eq!(out, "xlink:href");
    }
}
