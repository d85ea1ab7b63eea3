//! Reading a snapshot: serde visitors that stream the JSON straight into the `dom_query` arena
//! (no intermediate JSON value), with an explicit stack for the tree and the limits checked
//! before every node is created.

use std::collections::HashSet;
use std::fmt;

use dom_query::{Document, Element, NodeData, NodeId, NodeRef};
#[allow(unused_imports)]
use html5ever::namespace_url;
use html5ever::tendril::StrTendril;
use html5ever::{Attribute, LocalName, Namespace, Prefix, QualName, ns};
use serde::de::{self, DeserializeSeed, Deserializer, IgnoredAny, MapAccess, SeqAccess, Visitor};

use super::names::{Space, is_handler_attr, is_safe_name, split_tag};
use super::{FLAG_HIDDEN, MAX_INDENT, Snapshot, VERSION};
use crate::dom::SNAPSHOT_HIDDEN_ATTR;
use crate::{Error, Options};

/// Depth of the `html` element (the document node is 0), as html5ever's tree has it.
const DOC_ROOT_DEPTH: usize = 1;
/// Depth of the selection's roots: they sit under a holder `div` standing at depth 1.
const SELECTION_ROOT_DEPTH: usize = 2;

/// Decodes a snapshot (format in [the module docs](super)) into a document shaped as html5ever
/// would have built it from the page's HTML.
///
/// Malformed input is [`Error::InvalidSnapshot`]; input past a limit of `opts` is
/// [`Error::LimitExceeded`], detected while reading; a relative `url` is [`Error::InvalidUrl`].
pub fn decode(json: &str, opts: &Options) -> Result<Snapshot, Error> {
    if json.len() > opts.max_bytes {
        return Err(Error::LimitExceeded {
            limit: "size",
            actual: json.len(),
            max: opts.max_bytes,
        });
    }
    let mut builder = Builder {
        doc: Document::default(),
        opts,
        failure: None,
        noscripts: Vec::new(),
        indent_left: indentation_budget(json.len()),
    };
    let mut de = serde_json::Deserializer::from_str(json);
    let read = TopSeed { b: &mut builder }
        .deserialize(&mut de)
        .and_then(|top| de.end().map(|()| top));
    match read {
        Ok(top) => builder.finish(top),
        Err(e) => Err(builder
            .failure
            .take()
            .unwrap_or_else(|| Error::InvalidSnapshot(e.to_string()))),
    }
}

/// The tree under construction, the limits, and the first limit broken (serde errors are
/// strings; the typed error is kept here so that it comes out as [`Error::LimitExceeded`]).
struct Builder<'o> {
    doc: Document,
    opts: &'o Options,
    failure: Option<Error>,
    /// `noscript` elements seen, to parse their text as HTML once the tree is built.
    noscripts: Vec<NodeId>,
    /// Bytes of text that indentation integers may still expand to.
    indent_left: usize,
}

/// The most text (bytes) indentation integers may expand to in a snapshot of `json_len` bytes:
/// [`INDENT_BYTES_PER_JSON_BYTE`] times its size, at least [`INDENT_BYTES_FLOOR`]. Without a
/// budget, 1.5 MB of `4096,` expand to a gigabyte of spaces.
pub(crate) fn indentation_budget(json_len: usize) -> usize {
    json_len
        .saturating_mul(INDENT_BYTES_PER_JSON_BYTE)
        .max(INDENT_BYTES_FLOOR)
}

/// Indentation bytes allowed per byte of snapshot JSON. Over the corpus pages the encoder's
/// indentation expands to at most 1.24 times the JSON's size (`tests/snapshot.rs` measures
/// it); 4 leaves room for more deeply indented pages while bounding the decoded text to five
/// times the input.
pub(crate) const INDENT_BYTES_PER_JSON_BYTE: usize = 4;

/// Indentation always allowed, however small the snapshot: one maximal run, and some.
pub(crate) const INDENT_BYTES_FLOOR: usize = 64 * 1024;

/// The top-level fields as read.
#[derive(Default)]
struct Top {
    version: Option<u64>,
    url: Option<String>,
    title: Option<String>,
    doc: Option<Vec<NodeId>>,
    sel: Option<Vec<NodeId>>,
}

/// One node entry of a node list, read but not yet in the tree.
enum Item {
    Text(StrTendril),
    /// An indentation integer: a line feed and this many spaces, expanded within the budget.
    Indent(usize),
    Element {
        name: QualName,
        attrs: Vec<Attribute>,
        children: u64,
        children_space: Space,
    },
}

impl Builder<'_> {
    /// Records a broken limit and turns it into a serde error to stop the reading.
    fn fail<E: de::Error>(&mut self, error: Error) -> E {
        let e = E::custom(&error);
        self.failure.get_or_insert(error);
        e
    }

    /// Refuses a node at `depth` past `max_depth`.
    fn check_depth(&self, depth: usize) -> Result<(), Error> {
        if depth > self.opts.max_depth {
            return Err(Error::LimitExceeded {
                limit: "nesting depth",
                actual: depth,
                max: self.opts.max_depth,
            });
        }
        Ok(())
    }

    /// Refuses a tree of `count` nodes when that is past `max_nodes`.
    fn check_count(&self, count: usize) -> Result<(), Error> {
        if count > self.opts.max_nodes {
            return Err(Error::LimitExceeded {
                limit: "node count",
                actual: count,
                max: self.opts.max_nodes,
            });
        }
        Ok(())
    }

    /// Creates a detached node for `item` at `depth`, within the limits.
    fn create(&mut self, item: Item, depth: usize) -> Result<NodeId, Error> {
        self.check_depth(depth)?;
        self.check_count(self.doc.tree.len() + 1)?;
        let (data, is_noscript) = match item {
            Item::Text(text) => (NodeData::Text { contents: text }, false),
            Item::Indent(spaces) => (
                NodeData::Text {
                    contents: self.indentation(spaces)?,
                },
                false,
            ),
            Item::Element { name, attrs, .. } => {
                let is_noscript = name.ns == ns!(html) && &name.local == "noscript";
                (
                    NodeData::Element(Element::new(name, attrs, None, false)),
                    is_noscript,
                )
            }
        };
        let id = self.doc.tree.create_node(data);
        if is_noscript {
            self.noscripts.push(id);
        }
        Ok(id)
    }

    /// The text of an indentation integer, taken from the budget.
    fn indentation(&mut self, spaces: usize) -> Result<StrTendril, Error> {
        let bytes = spaces + 1;
        if bytes > self.indent_left {
            let budget = self.indent_left;
            return Err(Error::LimitExceeded {
                limit: "indentation",
                actual: bytes,
                max: budget,
            });
        }
        self.indent_left -= bytes;
        let mut text = StrTendril::from_char('\n');
        text.push_slice(&" ".repeat(spaces));
        Ok(text)
    }

    /// Creates a detached, attribute-less HTML element, within the limits.
    fn create_html_element(&mut self, local: &str, depth: usize) -> Result<NodeId, Error> {
        let name = QualName::new(None, ns!(html), LocalName::from(local));
        let item = Item::Element {
            name,
            attrs: Vec::new(),
            children: 0,
            children_space: Space::Html,
        };
        self.create(item, depth)
    }

    /// Puts the pieces together once the whole JSON has been read.
    fn finish(mut self, top: Top) -> Result<Snapshot, Error> {
        let missing = |key: &str| Error::InvalidSnapshot(format!("missing field `{key}`"));
        top.version.ok_or_else(|| missing("v"))?;
        let url = top.url.ok_or_else(|| missing("url"))?;
        crate::parse_url(&url)?;
        let roots = top.doc.ok_or_else(|| missing("doc"))?;
        let html = self.single_html_root(&roots)?;
        self.doc
            .tree
            .append_child_of(&self.doc.tree.root_id(), &html);
        self.shape_html(html)?;
        if let Some(title) = &top.title {
            self.ensure_title(title)?;
        }
        let selection = match top.sel {
            Some(sel_roots) if !sel_roots.is_empty() => Some(self.hold_selection(&sel_roots)?),
            _ => None,
        };
        self.parse_noscripts()?;
        Ok(Snapshot {
            document: self.doc,
            url,
            title: top.title,
            selection,
        })
    }

    /// The one `html` element that `doc` must consist of.
    fn single_html_root(&self, roots: &[NodeId]) -> Result<NodeId, Error> {
        let refuse =
            || Error::InvalidSnapshot("`doc` must hold exactly one root, the html element".into());
        let [root] = roots else { return Err(refuse()) };
        let node = self.doc.tree.get_unchecked(root);
        if is_html_named(&node, "html") {
            Ok(*root)
        } else {
            Err(refuse())
        }
    }

    /// Gives `html` a `head` first and a `body`, moving stray content into `body` as the HTML
    /// parser would have placed it.
    fn shape_html(&mut self, html: NodeId) -> Result<(), Error> {
        let tree = &self.doc.tree;
        let children: Vec<NodeRef> = tree.get_unchecked(&html).children();
        let has_head = children.iter().any(|c| is_html_named(c, "head"));
        let body = children
            .iter()
            .find(|c| is_html_named(c, "body") || is_html_named(c, "frameset"))
            .map(|b| b.id);
        let strays: Vec<(NodeId, bool)> = stray_children(&children, body);
        if !has_head {
            let head = self.create_html_element("head", DOC_ROOT_DEPTH + 1)?;
            self.doc.tree.prepend_child_of(&html, &head);
        }
        let body = match body {
            Some(body) => body,
            None => {
                let body = self.create_html_element("body", DOC_ROOT_DEPTH + 1)?;
                self.doc.tree.append_child_of(&html, &body);
                body
            }
        };
        self.move_strays_into(body, &strays);
        Ok(())
    }

    /// Moves the strays (each with "stood before body") into `body`, keeping their order.
    fn move_strays_into(&self, body: NodeId, strays: &[(NodeId, bool)]) {
        let tree = &self.doc.tree;
        let first = tree.first_child_of(&body).map(|f| f.id);
        for (stray, before) in strays {
            match (before, first) {
                (true, Some(first)) => tree.insert_before_of(&first, stray),
                _ => tree.append_child_of(&body, stray),
            }
        }
    }

    /// Adds `<title>` with the snapshot's title when `head` has none.
    fn ensure_title(&mut self, title: &str) -> Result<(), Error> {
        let Some(head) = self.doc.head().map(|h| h.id) else {
            return Ok(());
        };
        let has_title = self
            .doc
            .tree
            .get_unchecked(&head)
            .children_it(false)
            .any(|c| is_html_named(&c, "title"));
        if has_title {
            return Ok(());
        }
        let element = self.create_html_element("title", DOC_ROOT_DEPTH + 2)?;
        let text = self.create(
            Item::Text(StrTendril::from_slice(title)),
            DOC_ROOT_DEPTH + 3,
        )?;
        self.doc.tree.append_child_of(&element, &text);
        self.doc.tree.append_child_of(&head, &element);
        Ok(())
    }

    /// Appends the selection's roots to a new detached `div` and returns its id.
    fn hold_selection(&mut self, roots: &[NodeId]) -> Result<NodeId, Error> {
        let holder = self.create_html_element("div", SELECTION_ROOT_DEPTH - 1)?;
        for root in roots {
            self.doc.tree.append_child_of(&holder, root);
        }
        Ok(holder)
    }

    /// Parses as HTML each `noscript` whose only child is a text with markup in it (a live
    /// page holds `noscript` contents as text), then checks the limits again.
    fn parse_noscripts(&mut self) -> Result<(), Error> {
        for id in std::mem::take(&mut self.noscripts) {
            let node = self.doc.tree.get_unchecked(&id);
            let Some(markup) = markup_text(&node) else {
                continue;
            };
            // Parse it once within the limits before `set_html` parses it for good: html5ever
            // alone would build any depth, at a cost growing with its square.
            let depth = node.ancestors_it(None).count();
            crate::extract::limits::check_fragment(&markup, depth, self.doc.tree.len(), self.opts)?;
            node.set_html(markup);
            // The ancestors of a node in the document end with the document node (depth 0).
            self.check_depth(node.ancestors_it(None).count() + subtree_depth(&node))?;
            self.check_count(self.doc.tree.len())?;
        }
        Ok(())
    }
}

/// True for an HTML-namespace element with this local name.
fn is_html_named(node: &NodeRef, local: &str) -> bool {
    node.qual_name_ref()
        .is_some_and(|q| q.ns == ns!(html) && &q.local == local)
}

/// The children of `html` that belong in `body`, each with whether it stood before `body`:
/// everything but `head`, `body`/`frameset` and blank text.
fn stray_children(children: &[NodeRef], body: Option<NodeId>) -> Vec<(NodeId, bool)> {
    let mut before_body = true;
    let mut strays = Vec::new();
    for child in children {
        if Some(child.id) == body {
            before_body = false;
            continue;
        }
        let blank_text = child.is_text() && child.text().trim().is_empty();
        if !blank_text && !is_html_named(child, "head") {
            strays.push((child.id, before_body));
        }
    }
    strays
}

/// The markup text of a `noscript` holding exactly one text child with markup (`<` or `&`)
/// in it; text without either parses to itself.
fn markup_text(node: &NodeRef) -> Option<StrTendril> {
    let first = node.first_child()?;
    let only_text = first.is_text() && first.next_sibling().is_none();
    let text = first.text();
    (only_text && text.contains(['<', '&'])).then_some(text)
}

/// How many levels the subtree under `node` goes down (0 for a leaf), without recursion.
fn subtree_depth(node: &NodeRef) -> usize {
    let mut deepest = 0;
    let mut stack = vec![(*node, 0usize)];
    while let Some((n, depth)) = stack.pop() {
        deepest = deepest.max(depth);
        stack.extend(n.children_it(false).map(|c| (c, depth + 1)));
    }
    deepest
}

/// The attribute name for `name` on an element of namespace `space`: on SVG and MathML
/// elements, `xlink:*`, `xml:*` and `xmlns*` get their namespaces as html5ever gives them.
fn attr_name(name: &str, space: Space) -> QualName {
    let plain = || QualName::new(None, ns!(), LocalName::from(name));
    if space == Space::Html {
        return plain();
    }
    let (prefix, ns, local): (Option<&str>, Namespace, &str) = match name.split_once(':') {
        Some(("xlink", l))
            if matches!(
                l,
                "actuate" | "arcrole" | "href" | "role" | "show" | "title" | "type"
            ) =>
        {
            (Some("xlink"), ns!(xlink), l)
        }
        Some(("xml", l)) if matches!(l, "lang" | "space") => (Some("xml"), ns!(xml), l),
        Some(("xmlns", "xlink")) => (Some("xmlns"), ns!(xmlns), "xlink"),
        None if name == "xmlns" => (None, ns!(xmlns), "xmlns"),
        _ => return plain(),
    };
    QualName::new(prefix.map(Prefix::from), ns, LocalName::from(local))
}

/// The element name for a snapshot tag whose parent gives its children `default`.
fn element_name(tag: &str, default: Space) -> Option<QualName> {
    let (space, local) = split_tag(tag, default);
    if !is_safe_name(local) {
        return None;
    }
    let (ns, local) = match space {
        Space::Html => (ns!(html), LocalName::from(local.to_ascii_lowercase())),
        Space::Svg => (ns!(svg), LocalName::from(local)),
        Space::MathMl => (ns!(mathml), LocalName::from(local)),
    };
    Some(QualName::new(None, ns, local))
}

/// Keeps the first of attributes with the same name, as html5ever does.
fn dedupe(attrs: &mut Vec<Attribute>) {
    if attrs.len() > 1 {
        let mut seen = HashSet::with_capacity(attrs.len());
        attrs.retain(|a| seen.insert(a.name.clone()));
    }
}

// ---- serde visitors -------------------------------------------------------------------------

/// The top-level object.
struct TopSeed<'b, 'o> {
    b: &'b mut Builder<'o>,
}

impl<'de> DeserializeSeed<'de> for TopSeed<'_, '_> {
    type Value = Top;
    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<Top, D::Error> {
        d.deserialize_map(self)
    }
}

impl<'de> Visitor<'de> for TopSeed<'_, '_> {
    type Value = Top;
    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a snapshot object")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Top, A::Error> {
        let b = self.b;
        let mut top = Top::default();
        while let Some(key) = map.next_key_seed(TendrilSeed)? {
            let fresh = match &*key {
                "v" => set_once(&mut top.version, read_version(&mut map)?),
                "url" => set_once(&mut top.url, map.next_value()?),
                "title" => set_once(&mut top.title, map.next_value()?),
                "doc" => set_once(
                    &mut top.doc,
                    map.next_value_seed(ListSeed {
                        b: &mut *b,
                        base: DOC_ROOT_DEPTH,
                    })?,
                ),
                "sel" => set_once(
                    &mut top.sel,
                    map.next_value_seed(ListSeed {
                        b: &mut *b,
                        base: SELECTION_ROOT_DEPTH,
                    })?,
                ),
                _ => map.next_value::<IgnoredAny>().map(|_| true)?,
            };
            if !fresh {
                return Err(de::Error::custom(format_args!("duplicate field `{key}`")));
            }
        }
        Ok(top)
    }
}

/// Stores `value` unless the field was already set; false when it was.
fn set_once<T>(field: &mut Option<T>, value: T) -> bool {
    let fresh = field.is_none();
    field.get_or_insert(value);
    fresh
}

/// Reads `v`, refusing any version but [`VERSION`] at once.
fn read_version<'de, A: MapAccess<'de>>(map: &mut A) -> Result<u64, A::Error> {
    let version: u64 = map.next_value()?;
    if version != VERSION {
        return Err(de::Error::custom(format_args!(
            "unsupported version {version} (this decoder reads {VERSION})"
        )));
    }
    Ok(version)
}

/// A string, copied once into a tendril whether or not JSON escapes forced serde to unescape it.
struct TendrilSeed;

impl<'de> DeserializeSeed<'de> for TendrilSeed {
    type Value = StrTendril;
    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<StrTendril, D::Error> {
        d.deserialize_str(self)
    }
}

impl Visitor<'_> for TendrilSeed {
    type Value = StrTendril;
    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a string")
    }
    fn visit_str<E: de::Error>(self, v: &str) -> Result<StrTendril, E> {
        Ok(StrTendril::from_slice(v))
    }
}

/// A node list: flat pre-order trees, built into the arena with an explicit stack.
struct ListSeed<'b, 'o> {
    b: &'b mut Builder<'o>,
    /// Depth of the list's roots.
    base: usize,
}

/// An element of the list still awaiting children.
struct Open {
    id: NodeId,
    remaining: u64,
    children_space: Space,
}

impl<'de> DeserializeSeed<'de> for ListSeed<'_, '_> {
    type Value = Vec<NodeId>;
    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<Vec<NodeId>, D::Error> {
        d.deserialize_seq(self)
    }
}

impl<'de> Visitor<'de> for ListSeed<'_, '_> {
    type Value = Vec<NodeId>;
    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a node list (array)")
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Vec<NodeId>, A::Error> {
        let mut roots = Vec::new();
        let mut stack: Vec<Open> = Vec::new();
        loop {
            let space = stack.last().map_or(Space::Html, |open| open.children_space);
            let Some(item) = seq.next_element_seed(NodeSeed { space })? else {
                break;
            };
            let children = match &item {
                Item::Element {
                    children,
                    children_space,
                    ..
                } => Some((*children, *children_space)),
                Item::Text(_) | Item::Indent(_) => None,
            };
            let depth = self.base + stack.len();
            let id = self
                .b
                .create(item, depth)
                .map_err(|e| self.b.fail::<A::Error>(e))?;
            match stack.last_mut() {
                Some(parent) => {
                    parent.remaining = parent.remaining.saturating_sub(1);
                    self.b.doc.tree.append_child_of(&parent.id, &id);
                }
                None => roots.push(id),
            }
            if let Some((remaining @ 1.., children_space)) = children {
                stack.push(Open {
                    id,
                    remaining,
                    children_space,
                });
            }
            while stack.last().is_some_and(|open| open.remaining == 0) {
                stack.pop();
            }
        }
        match stack.last() {
            Some(open) => Err(de::Error::custom(format_args!(
                "truncated tree: {} children missing",
                open.remaining
            ))),
            None => Ok(roots),
        }
    }
}

/// One entry of a node list: a text string or an element array. `space` is the namespace
/// the parent gives its children.
struct NodeSeed {
    space: Space,
}

impl<'de> DeserializeSeed<'de> for NodeSeed {
    type Value = Item;
    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<Item, D::Error> {
        d.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for NodeSeed {
    type Value = Item;
    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a text string, an indentation integer or an element array")
    }

    fn visit_str<E: de::Error>(self, v: &str) -> Result<Item, E> {
        Ok(Item::Text(StrTendril::from_slice(v)))
    }

    fn visit_u64<E: de::Error>(self, spaces: u64) -> Result<Item, E> {
        let count = usize::try_from(spaces)
            .ok()
            .filter(|_| spaces <= MAX_INDENT);
        let count = count
            .ok_or_else(|| E::custom(format_args!("indentation {spaces} over {MAX_INDENT}")))?;
        Ok(Item::Indent(count))
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Item, A::Error> {
        let tag = seq
            .next_element_seed(TendrilSeed)?
            .ok_or_else(|| de::Error::invalid_length(0, &self))?;
        let name = element_name(&tag, self.space)
            .ok_or_else(|| de::Error::custom(format_args!("invalid tag name {:?}", &*tag)))?;
        let space = Space::of(&name);
        let mut attrs = Vec::new();
        let (mut children, mut flags, mut numbers) = (0, 0, 0);
        let mut position = 1;
        while let Some(part) = seq.next_element_seed(PartSeed {
            space,
            attrs: &mut attrs,
            first: position == 1,
        })? {
            if let Part::Number(n) = part {
                match numbers {
                    0 => children = n,
                    1 => flags = n,
                    _ => {
                        return Err(de::Error::invalid_length(
                            position + 1,
                            &"at most [tag, attrs, count, flags]",
                        ));
                    }
                }
                numbers += 1;
            }
            position += 1;
        }
        dedupe(&mut attrs);
        if flags & FLAG_HIDDEN != 0 {
            mark_hidden(&mut attrs);
        }
        let children_space = space.of_children(&name.local);
        Ok(Item::Element {
            name,
            attrs,
            children,
            children_space,
        })
    }
}

/// Adds the hidden marker attribute unless the element already carries it.
fn mark_hidden(attrs: &mut Vec<Attribute>) {
    if !attrs.iter().any(|a| &a.name.local == SNAPSHOT_HIDDEN_ATTR) {
        let name = QualName::new(None, ns!(), LocalName::from(SNAPSHOT_HIDDEN_ATTR));
        attrs.push(Attribute {
            name,
            value: StrTendril::new(),
        });
    }
}

/// What followed the tag in an element array.
enum Part {
    /// The attributes object (already stored).
    Attrs,
    /// A child count or flags.
    Number(u64),
}

/// A part after the tag: the attributes object (only `first`) or a non-negative integer.
struct PartSeed<'a> {
    space: Space,
    attrs: &'a mut Vec<Attribute>,
    first: bool,
}

impl<'de> DeserializeSeed<'de> for PartSeed<'_> {
    type Value = Part;
    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<Part, D::Error> {
        d.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for PartSeed<'_> {
    type Value = Part;
    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str(if self.first {
            "an attributes object or a child count"
        } else {
            "a non-negative integer"
        })
    }

    fn visit_u64<E: de::Error>(self, v: u64) -> Result<Part, E> {
        Ok(Part::Number(v))
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Part, A::Error> {
        if !self.first {
            return Err(de::Error::invalid_type(de::Unexpected::Map, &self));
        }
        while let Some(name) = map.next_key_seed(TendrilSeed)? {
            let value = map.next_value_seed(TendrilSeed)?;
            if is_safe_name(&name) && !is_handler_attr(&name) {
                self.attrs.push(Attribute {
                    name: attr_name(&name, self.space),
                    value,
                });
            }
        }
        Ok(Part::Attrs)
    }
}
