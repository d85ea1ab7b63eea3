//! Images and links: `<noscript>` fallbacks, lazy-load attributes, `srcset`/`<picture>`
//! choice, absolute URLs.
//!
//! Lazy loaders leave the real image where a reader cannot see it: in a `data-*` attribute
//! (`data-src`, `data-srcset`…), in a `<noscript>` after a placeholder, or among the
//! `<source>`s of a `<picture>`. These functions move it into `src`, and when several sizes
//! are offered (`srcset`) put the largest in `src` as well, so that Markdown — which has room
//! for one URL per image — gets a good one. `srcset` itself is kept for the HTML output.
//!
//! Parsed with scripting on (a browser, a DOM snapshot), a `<noscript>`'s content is one
//! text node, parsed again as a fragment here to get at its `<img>`; parsed with scripting
//! off (`dom_query`'s `Document::from`), it is already elements. Both are handled.

use dom_query::{Document, NodeRef};
use html5ever::{LocalName, local_name};
use url::Url;

use crate::dom::{self, attr, is_script_url, normalize_space};

/// Attributes lazy loaders keep a single image URL in, most specific first.
const LAZY_SRC_ATTRS: &[&str] = &[
    "data-src",
    "data-lazy-src",
    "data-original",
    "data-url",
    "data-hi-res-src",
    "data-orig-src",
    "data-full-src",
    "data-actualsrc",
    "data-echo",
    "data-lazyload",
];
/// Attributes lazy loaders keep a `srcset` in.
const LAZY_SRCSET_ATTRS: &[&str] = &["data-srcset", "data-lazy-srcset", "data-original-set"];
/// Attributes never read as a hidden image source even when they hold an image URL (links,
/// captions, alternative text).
const NOT_SOURCE_ATTRS: &[&str] = &[
    "src", "srcset", "alt", "title", "href", "longdesc", "class", "id", "style",
];
/// File extensions that make an attribute value look like an image URL.
const IMAGE_EXTENSIONS: &[&str] = &[".jpg", ".jpeg", ".png", ".webp", ".gif", ".avif", ".svg"];
/// A base64 `data:` payload shorter than this (bytes) is a placeholder (a 1×1 GIF is ~60;
/// the smallest real thumbnails are several hundred), never the image itself.
const TINY_DATA_URI_BYTES: usize = 133;
/// Elements whose `src` is a media URL to make absolute.
const SRC_ELEMENTS: &[&str] = &[
    "img", "source", "video", "audio", "iframe", "embed", "track", "input",
];
/// Elements whose `srcset` lists image candidates.
const SRCSET_ELEMENTS: &[&str] = &["img", "source"];

/// Schemes a `<base href>` may have. Any other (`mailto:`, `javascript:`, `data:`…) cannot
/// resolve a relative link: links would stay relative, and in the extension's reader resolve
/// against the extension's own pages. The page's own scheme counts too (a saved `file:` page
/// with a relative base).
const BASE_SCHEMES: &[&str] = &["http", "https"];

/// The effective base URL of `doc`: its first `<base href>` resolved against the page URL
/// (relative `href`s too) when that gives an http(s) URL (or one of the page's own scheme),
/// else the page URL.
pub fn document_base(doc: &Document, page_url: &Url) -> Url {
    // Names compared as atoms (a number), not read out as text: a walk of the whole page.
    let is_base = |n: &NodeRef| {
        n.element_ref().is_some_and(|e| {
            e.name.local == local_name!("base") && e.attr_ref(local_name!("href")).is_some()
        })
    };
    doc.root()
        .descendants_it()
        .find(is_base)
        .and_then(|b| page_url.join(attr(&b, "href").trim()).ok())
        .filter(|base| BASE_SCHEMES.contains(&base.scheme()) || base.scheme() == page_url.scheme())
        .filter(|base| !base.cannot_be_a_base())
        .unwrap_or_else(|| page_url.clone())
}

/// Replaces placeholder images with the real image a following `<noscript>` holds (the
/// placeholder's extra `data-*` attributes carried over), and drops `<img>`s that have no
/// source at all.
pub fn unwrap_noscript_images(doc: &Document) {
    // Placeholders without any source are still placeholders: unwrap before dropping them.
    // Only the outermost: a `noscript` nested in another is never an image's fallback (a
    // browser keeps the outer one's content as text), and serialising every one of hundreds
    // of nested `noscript`s would read the page once per level.
    for noscript in dom::outermost(&doc.root(), |n| n.has_name("noscript")) {
        unwrap_one_noscript(&noscript);
    }
    let imgs: Vec<NodeRef> = doc
        .root()
        .descendants_it()
        .filter(|n| n.has_name("img"))
        .collect();
    for img in imgs.iter().filter(|i| !has_any_source(i)) {
        img.remove_from_parent();
    }
}

fn unwrap_one_noscript(noscript: &NodeRef) {
    let markup = noscript_markup(noscript);
    if !is_single_image_fragment(&markup) {
        return;
    }
    let Some(placeholder) = noscript.prev_element_sibling().filter(is_single_image) else {
        return;
    };
    let old_img = if placeholder.has_name("img") {
        Some(placeholder)
    } else {
        first_img(&placeholder)
    };
    let carried: Vec<(String, String)> = old_img.map(|i| carried_attrs(&i)).unwrap_or_default();
    placeholder.replace_with_html(markup.trim());
    if let Some(new_img) = noscript.prev_element_sibling().and_then(|e| {
        if e.has_name("img") {
            Some(e)
        } else {
            first_img(&e)
        }
    }) {
        for (name, value) in carried {
            if !new_img.has_attr(&name) {
                new_img.set_attr(&name, &value);
            }
        }
    }
    noscript.remove_from_parent();
}

/// The markup inside a `<noscript>`: its one text node when the parser ran with scripting
/// on (browsers, DOM snapshots), its serialised children when scripting was off (as
/// `dom_query`'s `Document::from` parses).
fn noscript_markup(noscript: &NodeRef) -> String {
    if noscript.first_element_child().is_some() {
        noscript.inner_html().to_string()
    } else {
        noscript.text().to_string()
    }
}

/// What the real image takes over from a placeholder: its `data-*` attributes, and its
/// `src` as `data-old-src` (the preview, which tells where the image was).
fn carried_attrs(img: &NodeRef) -> Vec<(String, String)> {
    img.attrs()
        .iter()
        .filter_map(|a| {
            let name = a.name.local.to_string();
            let value = a.value.to_string();
            match name.as_str() {
                "src" if !value.trim().is_empty() && !value.starts_with("data:") => {
                    Some(("data-old-src".to_string(), value))
                }
                n if n.starts_with("data-") => Some((name, value)),
                _ => None,
            }
        })
        .collect()
}

fn first_img<'a>(node: &NodeRef<'a>) -> Option<NodeRef<'a>> {
    node.descendants_it().find(|d| d.has_name("img"))
}

/// True if the HTML is one image (possibly wrapped) and no text.
fn is_single_image_fragment(markup: &str) -> bool {
    if !markup.to_ascii_lowercase().contains("<img") {
        return false;
    }
    let fragment = Document::fragment(markup);
    let Some(root) = fragment.root().first_element_child() else {
        return false;
    };
    // html5ever puts a fragment under an `html` element.
    let elements = root.element_children();
    let [only] = elements.as_slice() else {
        return false;
    };
    normalize_space(&root.text()).is_empty() && is_single_image(only)
}

/// An `<img>`, or an element whose only content, all the way down, is one `<img>`.
fn is_single_image(node: &NodeRef) -> bool {
    if node.has_name("img") {
        return true;
    }
    let children = node.element_children();
    let [only] = children.as_slice() else {
        return false;
    };
    normalize_space(&node.text()).is_empty() && is_single_image(only)
}

/// Any attribute that could give the image a picture.
fn has_any_source(img: &NodeRef) -> bool {
    img.attrs().iter().any(|a| {
        let name = &*a.name.local;
        let value = a.value.trim();
        !value.is_empty()
            && (matches!(name, "src" | "srcset" | "data-src" | "data-srcset")
                || looks_like_image_url(value))
    })
}

/// Gives every image under `root` (and `root` itself) its real source: lazy-load
/// attributes, then the best `srcset` candidate as `src`; `<picture>`s get the best of
/// their `<source>`s.
pub fn fix_lazy_images(root: &NodeRef) {
    // The image elements and their names, found in one walk (names compared as atoms).
    let images: Vec<(NodeRef, LocalName)> = std::iter::once(*root)
        .chain(root.descendants_it())
        .filter_map(|n| {
            let name = n.qual_name_ref()?.local.clone();
            let image = name == local_name!("img")
                || name == local_name!("source")
                || name == local_name!("picture");
            image.then_some((n, name))
        })
        .collect();
    let named = |name: LocalName| {
        images
            .iter()
            .filter(move |(_, n)| *n == name)
            .map(|(node, _)| node)
    };
    for (node, _) in images
        .iter()
        .filter(|(_, n)| *n == local_name!("img") || *n == local_name!("source"))
    {
        adopt_lazy_sources(node);
    }
    for img in named(local_name!("img")) {
        if let Some(best) = best_candidate(&attr(img, "srcset")) {
            img.set_attr("src", &best);
        }
    }
    for picture in named(local_name!("picture")) {
        choose_picture_source(picture);
    }
}

/// Moves a lazy-load attribute into `src`/`srcset`, replacing a placeholder.
fn adopt_lazy_sources(node: &NodeRef) {
    let lazy_srcset = LAZY_SRCSET_ATTRS
        .iter()
        .map(|a| attr(node, a))
        .find(|v| !v.trim().is_empty());
    let placeholder_src = is_placeholder(&attr(node, "src"));
    let lazy_src = LAZY_SRC_ATTRS
        .iter()
        .map(|a| attr(node, a))
        .find(|v| looks_like_url(v))
        .or_else(|| other_image_attr(node).filter(|_| placeholder_src));
    let has_real = lazy_src.is_some() || lazy_srcset.is_some();
    if has_real && placeholder_src {
        node.remove_attr("src");
    }
    if has_real && is_placeholder(&attr(node, "srcset")) {
        node.remove_attr("srcset");
    }
    if let Some(src) = lazy_src.filter(|_| node.has_name("img")) {
        node.set_attr("src", src.trim());
    }
    if let Some(srcset) = lazy_srcset.filter(|_| !node.has_attr("srcset")) {
        node.set_attr("srcset", srcset.trim());
    }
}

/// The value of an attribute not known as a lazy one that holds an image URL (loaders
/// invent names: `data-lazy`, `data-img`, `data-image-src`…). Only trusted when `src` is a
/// placeholder: real images carry ids and file names too (`data-image-id="1*ab.jpeg"`).
fn other_image_attr(node: &NodeRef) -> Option<String> {
    node.attrs()
        .iter()
        .filter(|a| {
            !NOT_SOURCE_ATTRS.contains(&&*a.name.local)
                && !LAZY_SRCSET_ATTRS.contains(&&*a.name.local)
        })
        .map(|a| a.value.trim().to_string())
        .find(|v| looks_like_image_url(v))
}

/// No source, or a `data:` URI standing in for the real image (any `data:` URI counts once a
/// lazy attribute offers a real URL; tiny ones are 1×1 pixels, larger ones blurred previews).
fn is_placeholder(src: &str) -> bool {
    let src = src.trim();
    src.is_empty() || src.starts_with("data:")
}

/// True for a tiny base64 `data:` image: a placeholder pixel whatever else is there.
pub fn is_tiny_data_uri(src: &str) -> bool {
    let Some(rest) = src.trim().strip_prefix("data:") else {
        return false;
    };
    let payload = rest.split_once(',').map_or(rest, |(_, p)| p);
    rest.contains(";base64") && payload.len() < TINY_DATA_URI_BYTES
}

/// A single URL (no spaces) with an image file extension, optionally followed by a query.
fn looks_like_image_url(value: &str) -> bool {
    if value.starts_with("data:image/") {
        return false;
    }
    let lower = value.to_ascii_lowercase();
    let path = lower.split(['?', '#']).next().unwrap_or("");
    !value.contains(char::is_whitespace) && IMAGE_EXTENSIONS.iter().any(|ext| path.ends_with(ext))
}

/// A value usable as a URL: non-empty, no white space inside, not a placeholder.
fn looks_like_url(value: &str) -> bool {
    let v = value.trim();
    !v.is_empty() && !v.contains(char::is_whitespace) && !v.starts_with("data:")
}

/// For a `<picture>`: the largest candidate among its `<source>`s and its `<img>`, set as
/// the `<img>`'s `src` (an `<img>` is created when the picture has none).
fn choose_picture_source(picture: &NodeRef) {
    let sources: Vec<String> = picture
        .children_it(false)
        .filter(|c| c.has_name("source") || c.has_name("img"))
        .map(|c| attr(&c, "srcset"))
        .collect();
    let candidates: Vec<Candidate> = sources.iter().flat_map(|s| parse_srcset(s)).collect();
    let Some(best) = pick_best(&candidates) else {
        return;
    };
    let img = match first_img(picture) {
        Some(img) => img,
        None => {
            let img = picture.tree.new_element("img");
            picture.append_child(&img);
            img
        }
    };
    let current = attr(&img, "src");
    if current.trim().is_empty()
        || current.starts_with("data:")
        || !attr(&img, "srcset").is_empty()
        || sources.len() > 1
    {
        img.set_attr("src", &best);
    }
}

/// One `srcset` candidate: URL and its width (`w`) or pixel density (`x`) descriptor.
#[derive(Debug, Clone, PartialEq)]
pub struct Candidate {
    /// The URL as written.
    pub url: String,
    /// Width in pixels, from a `w` descriptor.
    pub width: Option<f64>,
    /// Pixel density, from an `x` descriptor (1 when there is no descriptor).
    pub density: f64,
}

/// The candidates of a `srcset`, per the HTML parsing rules: URLs may contain commas
/// (`c_fill,w_320`), a candidate ends at a comma after its descriptors.
pub fn parse_srcset(srcset: &str) -> Vec<Candidate> {
    let mut out = Vec::new();
    let mut rest = srcset;
    loop {
        rest = rest.trim_start_matches(|c: char| c.is_whitespace() || c == ',');
        if rest.is_empty() {
            return out;
        }
        let url_end = rest.find(char::is_whitespace).unwrap_or(rest.len());
        let (raw_url, after) = rest.split_at(url_end);
        let (url, descriptor) = if raw_url.ends_with(',') {
            rest = after;
            (raw_url.trim_end_matches(','), "")
        } else {
            let desc_end = after.find(',').unwrap_or(after.len());
            let (desc, after_desc) = after.split_at(desc_end);
            rest = after_desc;
            (raw_url, desc.trim())
        };
        if !url.is_empty() {
            out.push(candidate(url, descriptor));
        }
    }
}

fn candidate(url: &str, descriptor: &str) -> Candidate {
    let mut c = Candidate {
        url: url.to_string(),
        width: None,
        density: 1.0,
    };
    for d in descriptor.split_whitespace() {
        if let Some(w) = d.strip_suffix(['w', 'W']).and_then(|n| n.parse().ok()) {
            c.width = Some(w);
        } else if let Some(x) = d.strip_suffix(['x', 'X']).and_then(|n| n.parse().ok()) {
            c.density = x;
        }
    }
    c
}

/// The best URL of a `srcset`: the largest width, else the largest density.
pub fn best_candidate(srcset: &str) -> Option<String> {
    pick_best(&parse_srcset(srcset))
}

fn pick_best(candidates: &[Candidate]) -> Option<String> {
    let real: Vec<&Candidate> = candidates
        .iter()
        .filter(|c| !is_tiny_data_uri(&c.url))
        .collect();
    let by_width = real.iter().filter(|c| c.width.is_some()).max_by(|a, b| {
        a.width
            .partial_cmp(&b.width)
            .unwrap_or(std::cmp::Ordering::Equal)
    });
    let by_density = || {
        real.iter().max_by(|a, b| {
            a.density
                .partial_cmp(&b.density)
                .unwrap_or(std::cmp::Ordering::Equal)
        })
    };
    by_width.or_else(by_density).map(|c| c.url.clone())
}

/// Makes every link and media URL under `root` absolute against `base`; the page is taken
/// to be at `base` (so `#fragment` links stay in-page). See [`absolutize_urls_for_page`].
pub fn absolutize_urls(root: &NodeRef, base: &Url) {
    absolutize_urls_for_page(root, base, base);
}

/// Makes every link and media URL under `root` absolute against `base` (the document base,
/// see [`document_base`]). Links to scripts or documents in the URL
/// (`javascript:`, `vbscript:`, `data:`: [`is_script_url`]) become their content. Pure `#fragment` links
/// stay as written when `base` is the page itself (`page`); under a different `<base>` they
/// point to that base, as a browser would follow them.
pub fn absolutize_urls_for_page(root: &NodeRef, base: &Url, page: &Url) {
    let nodes: Vec<NodeRef> = std::iter::once(*root)
        .chain(root.descendants_it())
        .collect();
    let same_page = base.as_str().split('#').next() == page.as_str().split('#').next();
    for node in nodes.iter().filter(|n| n.is_element()) {
        if node.has_name("a") {
            absolutize_link(node, base, same_page);
            continue;
        }
        if crate::dom::is_any(node, SRC_ELEMENTS) {
            resolve_attr(node, "src", base);
        }
        if node.has_name("video") {
            resolve_attr(node, "poster", base);
        }
        if crate::dom::is_any(node, SRCSET_ELEMENTS) && node.has_attr("srcset") {
            let rewritten = rewrite_srcset(&attr(node, "srcset"), base);
            node.set_attr("srcset", &rewritten);
        }
    }
}

fn absolutize_link(a: &NodeRef, base: &Url, same_page: bool) {
    let Some(href) = a.attr("href").map(|h| h.trim().to_string()) else {
        return;
    };
    if is_script_url(&href) {
        replace_with_children(a);
    } else if !(href.starts_with('#') && same_page) {
        resolve_attr(a, "href", base);
    }
}

/// Puts the node's children where it is, and removes it.
fn replace_with_children(node: &NodeRef) {
    for child in node.children() {
        node.insert_before(&child);
    }
    node.remove_from_parent();
}

/// Resolves one URL attribute in place; a value that does not parse is left as written.
fn resolve_attr(node: &NodeRef, name: &str, base: &Url) {
    let Some(value) = node.attr(name) else {
        return;
    };
    if let Some(abs) = resolve(base, &value) {
        node.set_attr(name, &abs);
    }
}

/// `value` resolved against `base`; `data:` URIs and unparsable values give `None`.
fn resolve(base: &Url, value: &str) -> Option<String> {
    let v = value.trim();
    if v.is_empty() || v.starts_with("data:") {
        return None;
    }
    base.join(v).ok().map(String::from)
}

/// The `srcset` with each candidate's URL resolved, descriptors kept.
fn rewrite_srcset(srcset: &str, base: &Url) -> String {
    parse_srcset(srcset)
        .iter()
        .map(|c| {
            let url = resolve(base, &c.url).unwrap_or_else(|| c.url.clone());
            let mut descriptor = String::new();
            if let Some(w) = c.width {
                descriptor = format!(" {w}w");
            } else if c.density != 1.0 {
                descriptor = format!(" {}x", c.density);
            }
            format!("{url}{descriptor}")
        })
        .collect::<Vec<_>>()
        .join(", ")
}
