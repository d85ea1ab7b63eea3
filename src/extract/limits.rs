//! Bounds on hostile input: size, node count, nesting depth and attributes per element,
//! enforced *while* the input is read and parsed, so that no phase — parsing included — does
//! more than linear work or allocates past a limit.
//!
//! html5ever has no limits of its own, and two of its costs grow faster than its input:
//!
//! * every start tag scans the stack of open elements, so nesting `n` deep costs `n²`
//!   (100 000 nested `<div>` took 42 s before any limit could apply);
//! * its tokenizer checks each attribute against the tag's earlier ones, so one element with
//!   `k` attributes costs `k²` (a million attributes ran past two minutes).
//!
//! [`parse_document`] and [`check_fragment`] therefore feed html5ever the text in chunks of
//! [`PARSE_CHUNK_BYTES`], through a tree sink ([`Bounded`]) that wraps `dom_query`'s and
//! records the deepest nesting as the tree builder places nodes; after each chunk the node
//! count is read from the tree, and a broken limit stops the parse with
//! [`Error::LimitExceeded`]. The node limit
//! is also proportional to the input ([`NODES_PER_INPUT_BYTE`]): the tree builder can make
//! many nodes from few bytes, and every later phase works in proportion to the tree. Past the limit,
//! at most one chunk's worth of extra work is done. The attribute count cannot be seen from a
//! sink (the tokenizer holds a tag's attributes until the tag ends), so a linear pre-scan
//! ([`max_attributes_per_tag`] runs it on a whole text) follows the HTML tokenizer's tag and
//! attribute states, comments and the raw-text elements, one chunk ahead of the parser, and
//! refuses a tag with more than [`MAX_ATTRIBUTES_PER_ELEMENT`] attributes before html5ever
//! reads them. It counts duplicates and end tags' attributes too (the tokenizer checks those
//! as well). It is a model, not html5ever itself: script-data escapes (`<!--` inside
//! `<script>`), CDATA sections and foreign-content break-outs are simplified, and a page
//! crafted to make the two disagree could hide a tag from it; the fuzz targets
//! (`fuzz/`) treat a slow input as a failure to look for such gaps. Repeated `<html>` and
//! `<body>` tags, whose attributes the tree builder merges into one element, are bounded
//! in the sink.

use std::borrow::Cow;
use std::cell::{Cell, RefCell};

use dom_query::Document;
use dom_query::NodeId;
use html5ever::interface::{ElementFlags, NodeOrText, QuirksMode, TreeSink};
#[allow(unused_imports)]
use html5ever::namespace_url;
use html5ever::tendril::{StrTendril, TendrilSink};
use html5ever::tree_builder::TreeBuilderOpts;
use html5ever::{Attribute, LocalName, ParseOpts, QualName, ns};

use crate::dom::node_index;
use crate::{Error, Options};

/// Most attributes one element may carry. Real elements carry a few dozen at most (the
/// largest count in the test corpora is far below); at this bound html5ever's quadratic
/// duplicate check costs well under a millisecond per element, about 0.2 s per megabyte of
/// input in the worst case.
pub const MAX_ATTRIBUTES_PER_ELEMENT: usize = 1_000;

/// Most nodes a parse may build per byte of its input, plus [`NODES_FLOOR`]. Markup makes
/// well under one node per byte (`<b>a` is four bytes for two nodes; the densest corpus page
/// has far fewer), but the tree builder re-opens every open formatting element in each new
/// paragraph: 300 distinct `<b>` left open made 300 nodes per 8-byte `<p>x</p>`, a 20 KB
/// page of 600 000 nodes that took 8 s to extract. The budget keeps the tree, and so every
/// later phase, proportional to the input.
pub const NODES_PER_INPUT_BYTE: usize = 1;

/// Most bytes of attributes (names and values) a parse may create per byte of its input,
/// plus [`ATTRIBUTE_BYTES_FLOOR`]. A page's own attributes are part of its input; only the
/// tree builder's copies add more: an open `<a>` (or `<font>`, `<b>`…) is re-opened, with
/// its attributes, in every paragraph after it. A fuzz find: a 58 KB `href` left open
/// before 5,886 paragraphs of a 190 KB page became 341 MB of attributes, which every later
/// phase read (URLs resolved, HTML serialised): 1.3 s of CPU and hundreds of megabytes.
/// Past the budget, new elements get no attributes: a sloppy real page copies a short link
/// a few hundred times, far below it.
pub const ATTRIBUTE_BYTES_PER_INPUT_BYTE: usize = 4;

/// Attribute bytes always allowed, however short the input.
pub const ATTRIBUTE_BYTES_FLOOR: usize = 1 << 20;

/// Nodes always allowed, however short the input (the `html`/`head`/`body` skeleton, a
/// snapshot's fragment context).
pub const NODES_FLOOR: usize = 10_000;

/// How much HTML text html5ever reads between two limit checks: past a limit, at most this
/// much more is parsed (4 KiB of `<div>` adds 800 levels; of reconstructed formatting
/// elements, a few hundred thousand nodes at worst), and the checks cost nothing measurable.
pub const PARSE_CHUNK_BYTES: usize = 4096;

/// Refuses text over the byte limit, and text that is not HTML at all (binary data, or no
/// markup anywhere in it).
pub fn check_html_text(html: &str, opts: &Options) -> Result<(), Error> {
    if html.len() > opts.max_bytes {
        return Err(Error::LimitExceeded {
            limit: "size",
            actual: html.len(),
            max: opts.max_bytes,
        });
    }
    if html.trim().is_empty() {
        return Err(Error::NotHtml("the input is empty".into()));
    }
    // Binary files (images, PDFs, archives) carry NUL and other C0 controls early on.
    let head: Vec<char> = html.chars().take(4096).collect();
    let controls = head
        .iter()
        .filter(|c| c.is_control() && !c.is_whitespace())
        .count();
    if controls * 20 > head.len() {
        return Err(Error::NotHtml("the input looks like binary data".into()));
    }
    if !html.contains('<') || !has_tag(html) {
        return Err(Error::NotHtml("no HTML markup in the input".into()));
    }
    Ok(())
}

/// True when the text contains something shaped like a start tag (`<` then a letter).
fn has_tag(html: &str) -> bool {
    html.as_bytes()
        .windows(2)
        .any(|w| w[0] == b'<' && (w[1].is_ascii_alphabetic() || w[1] == b'!'))
}

/// Parses a whole HTML document as `dom_query`'s `Document::from` does (scripting off), within
/// the limits of `opts`: attributes per element checked first, depth and node count while
/// parsing, then the finished tree once more ([`check_tree`]).
pub fn parse_document(html: &str, opts: &Options) -> Result<Document, Error> {
    let budget = Budget::new(opts, 0, 0).proportional_to(html.len());
    let sink = Bounded {
        inner: Document::default(),
        budget: &budget,
    };
    let mut parser = html5ever::parse_document(sink, parse_opts());
    let mut scanner = Scanner::new(html);
    for (end, chunk) in chunks(html) {
        scanner.check_to(end)?;
        parser.process(StrTendril::from_slice(chunk));
        budget.nodes.set(nodes_built(&parser));
        budget.check()?;
    }
    let doc = parser.finish();
    check_tree(&doc, opts)?;
    Ok(doc)
}

/// Checks that `markup`, parsed as a fragment in a `body` context and placed `depth` deep in a
/// tree that already holds `nodes` nodes, stays within the limits of `opts` — without ever
/// building more than one chunk past them. For markup that is parsed later by other means
/// (the snapshot's `<noscript>` text).
pub fn check_fragment(
    markup: &str,
    depth: usize,
    nodes: usize,
    opts: &Options,
) -> Result<(), Error> {
    let budget = Budget::new(opts, depth, nodes).proportional_to(markup.len());
    let sink = Bounded {
        inner: Document::default(),
        budget: &budget,
    };
    let context = QualName::new(None, ns!(html), LocalName::from("body"));
    let mut parser = html5ever::parse_fragment(sink, parse_opts(), context, Vec::new(), false);
    let mut scanner = Scanner::new(markup);
    for (end, chunk) in chunks(markup) {
        scanner.check_to(end)?;
        parser.process(StrTendril::from_slice(chunk));
        budget.nodes.set(nodes_built(&parser));
        budget.check()?;
    }
    budget.nodes.set(parser.finish().tree.len());
    budget.check()
}

/// Nodes the parser's tree holds so far, read between chunks: the sink creates them, and
/// only the checks between chunks look at the count (noting it at each node created cost
/// a read of the arena's length per node).
fn nodes_built(parser: &html5ever::driver::Parser<Bounded<'_>>) -> usize {
    parser.tokenizer.sink.sink.inner.tree.len()
}

/// html5ever's options as `dom_query` sets them: scripting off (`<noscript>` content is
/// markup), the rest default.
fn parse_opts() -> ParseOpts {
    ParseOpts {
        tree_builder: TreeBuilderOpts {
            scripting_enabled: false,
            ..Default::default()
        },
        ..Default::default()
    }
}

/// `text` cut into pieces of about [`PARSE_CHUNK_BYTES`], each ending on a character
/// boundary, with the offset each ends at.
fn chunks(text: &str) -> impl Iterator<Item = (usize, &str)> {
    let mut start = 0;
    std::iter::from_fn(move || {
        if start >= text.len() {
            return None;
        }
        let mut end = (start + PARSE_CHUNK_BYTES).min(text.len());
        while !text.is_char_boundary(end) {
            end += 1;
        }
        let chunk = &text[start..end];
        start = end;
        Some((end, chunk))
    })
}

/// Refuses trees with more nodes, or deeper nesting, than the options allow.
pub fn check_tree(doc: &Document, opts: &Options) -> Result<(), Error> {
    let nodes = doc.tree.len();
    if nodes > opts.max_nodes {
        return Err(Error::LimitExceeded {
            limit: "node count",
            actual: nodes,
            max: opts.max_nodes,
        });
    }
    let depth = max_depth(doc);
    if depth > opts.max_depth {
        return Err(Error::LimitExceeded {
            limit: "nesting depth",
            actual: depth,
            max: opts.max_depth,
        });
    }
    Ok(())
}

/// Deepest nesting of the tree, computed without recursion.
fn max_depth(doc: &Document) -> usize {
    let mut deepest = 0;
    let mut stack = vec![(doc.root(), 0usize)];
    while let Some((node, depth)) = stack.pop() {
        deepest = deepest.max(depth);
        for child in node.children_it(false) {
            stack.push((child, depth + 1));
        }
    }
    deepest
}

// ---- the bounded tree sink ------------------------------------------------------------------

/// What a parse has built so far, against the limits.
struct Budget {
    max_depth: usize,
    max_nodes: usize,
    /// Depth of the place the parsed nodes go (0 for a document).
    base_depth: usize,
    /// Nodes the surrounding tree already holds.
    base_nodes: usize,
    /// Depth of every element placed so far, by [`node_index`] (0: not placed yet, or the
    /// document). Looked up and written once per node the parser places: a table indexed by
    /// the node's place in the arena, where a hash map cost a tenth of the sink's time.
    depths: RefCell<Vec<u32>>,
    deepest: Cell<usize>,
    /// Nodes built, as read between chunks ([`nodes_built`]).
    nodes: Cell<usize>,
    /// Attributes an element would have had after a merge past the limit (`<body>` repeated).
    attributes: Cell<usize>,
    /// Bytes of attributes the elements created so far carry, and the most they may.
    attribute_bytes: Cell<usize>,
    max_attribute_bytes: usize,
}

impl Budget {
    fn new(opts: &Options, base_depth: usize, base_nodes: usize) -> Budget {
        Budget {
            max_depth: opts.max_depth,
            max_nodes: opts.max_nodes,
            base_depth,
            base_nodes,
            depths: RefCell::new(Vec::new()),
            deepest: Cell::new(0),
            nodes: Cell::new(1),
            attributes: Cell::new(0),
            attribute_bytes: Cell::new(0),
            max_attribute_bytes: usize::MAX,
        }
    }

    /// Lowers the node limit to [`NODES_PER_INPUT_BYTE`] per byte of an input of `len` bytes
    /// (plus [`NODES_FLOOR`]) when that is lower.
    fn proportional_to(mut self, len: usize) -> Budget {
        let proportional = len
            .saturating_mul(NODES_PER_INPUT_BYTE)
            .saturating_add(NODES_FLOOR);
        self.max_nodes = self
            .max_nodes
            .min(self.base_nodes.saturating_add(proportional));
        self.max_attribute_bytes = len
            .saturating_mul(ATTRIBUTE_BYTES_PER_INPUT_BYTE)
            .saturating_add(ATTRIBUTE_BYTES_FLOOR);
        self
    }

    /// Spends the bytes of a new element's attributes; false when they do not fit (the
    /// element is then made without them, see [`ATTRIBUTE_BYTES_PER_INPUT_BYTE`]).
    fn spend_attribute_bytes(&self, attrs: &[Attribute]) -> bool {
        let bytes: usize = attrs
            .iter()
            .map(|a| a.name.local.len() + a.value.len())
            .sum();
        let total = self.attribute_bytes.get().saturating_add(bytes);
        if total > self.max_attribute_bytes {
            return false;
        }
        self.attribute_bytes.set(total);
        true
    }

    /// The first limit broken so far, if any.
    fn check(&self) -> Result<(), Error> {
        let depth = self.base_depth + self.deepest.get();
        if depth > self.max_depth {
            return Err(Error::LimitExceeded {
                limit: "nesting depth",
                actual: depth,
                max: self.max_depth,
            });
        }
        let nodes = self.base_nodes + self.nodes.get();
        if nodes > self.max_nodes {
            return Err(Error::LimitExceeded {
                limit: "node count",
                actual: nodes,
                max: self.max_nodes,
            });
        }
        let attributes = self.attributes.get();
        if attributes > MAX_ATTRIBUTES_PER_ELEMENT {
            let limit = "attributes per element";
            return Err(Error::LimitExceeded {
                limit,
                actual: attributes,
                max: MAX_ATTRIBUTES_PER_ELEMENT,
            });
        }
        Ok(())
    }

    fn depth_of(&self, node: &NodeId) -> u32 {
        let depths = self.depths.borrow();
        depths.get(node_index(node)).copied().unwrap_or(0)
    }

    /// Records that `child` (a node, or new text when `None`) now sits `depth` deep.
    fn place(&self, child: Option<NodeId>, depth: u32) {
        if let Some(id) = child {
            let index = node_index(&id);
            let mut depths = self.depths.borrow_mut();
            if index >= depths.len() {
                // Grown by half again, not per node: ids are handed out in order.
                let len = (index + 1).max(depths.len() * 3 / 2);
                depths.resize(len, 0);
            }
            depths[index] = depth;
        }
        self.deepest.set(self.deepest.get().max(depth as usize));
    }
}

/// The node a `NodeOrText` appends, `None` for text.
fn node_of(child: &NodeOrText<NodeId>) -> Option<NodeId> {
    match child {
        NodeOrText::AppendNode(id) => Some(*id),
        NodeOrText::AppendText(_) => None,
    }
}

/// `dom_query`'s tree sink, recording depth in a [`Budget`]. Parse errors are
/// not kept (a hostile page can produce one per byte).
struct Bounded<'b> {
    inner: Document,
    budget: &'b Budget,
}

impl TreeSink for Bounded<'_> {
    type Handle = NodeId;
    type Output = Document;
    type ElemName<'a>
        = <Document as TreeSink>::ElemName<'a>
    where
        Self: 'a;

    fn finish(self) -> Document {
        self.inner
    }
    fn parse_error(&self, _msg: Cow<'static, str>) {}
    fn get_document(&self) -> NodeId {
        self.inner.get_document()
    }
    fn elem_name<'a>(&'a self, target: &'a NodeId) -> Self::ElemName<'a> {
        self.inner.elem_name(target)
    }
    fn create_element(
        &self,
        name: QualName,
        mut attrs: Vec<Attribute>,
        flags: ElementFlags,
    ) -> NodeId {
        if !self.budget.spend_attribute_bytes(&attrs) {
            attrs.clear();
        }
        self.inner.create_element(name, attrs, flags)
    }
    fn create_comment(&self, text: StrTendril) -> NodeId {
        self.inner.create_comment(text)
    }
    fn create_pi(&self, target: StrTendril, data: StrTendril) -> NodeId {
        self.inner.create_pi(target, data)
    }
    fn append(&self, parent: &NodeId, child: NodeOrText<NodeId>) {
        let node = node_of(&child);
        self.inner.append(parent, child);
        self.budget.place(node, self.budget.depth_of(parent) + 1);
    }
    fn append_based_on_parent_node(
        &self,
        element: &NodeId,
        prev_element: &NodeId,
        child: NodeOrText<NodeId>,
    ) {
        // Either place is possible: count the deeper one.
        let depth = self
            .budget
            .depth_of(element)
            .max(self.budget.depth_of(prev_element) + 1);
        let node = node_of(&child);
        self.inner
            .append_based_on_parent_node(element, prev_element, child);
        self.budget.place(node, depth);
    }
    fn append_doctype_to_document(
        &self,
        name: StrTendril,
        public_id: StrTendril,
        system_id: StrTendril,
    ) {
        self.inner
            .append_doctype_to_document(name, public_id, system_id);
    }
    fn get_template_contents(&self, target: &NodeId) -> NodeId {
        self.inner.get_template_contents(target)
    }
    fn same_node(&self, x: &NodeId, y: &NodeId) -> bool {
        x == y
    }
    fn set_quirks_mode(&self, mode: QuirksMode) {
        self.inner.set_quirks_mode(mode);
    }
    fn append_before_sibling(&self, sibling: &NodeId, new_node: NodeOrText<NodeId>) {
        let depth = self.budget.depth_of(sibling);
        let node = node_of(&new_node);
        self.inner.append_before_sibling(sibling, new_node);
        self.budget.place(node, depth);
    }
    fn add_attrs_if_missing(&self, target: &NodeId, attrs: Vec<Attribute>) {
        let had = self.inner.tree.get(target).map_or(0, |n| n.attrs().len());
        // Each merge compares every new attribute with every one the element has: stop
        // merging once the element would be past the limit (the parse stops at the next check).
        if had + attrs.len() > MAX_ATTRIBUTES_PER_ELEMENT {
            self.budget.attributes.set(had + attrs.len());
            return;
        }
        self.inner.add_attrs_if_missing(target, attrs);
    }
    fn remove_from_parent(&self, target: &NodeId) {
        self.inner.remove_from_parent(target);
    }
    fn reparent_children(&self, node: &NodeId, new_parent: &NodeId) {
        // The moved children's depths are not updated: the finished tree is measured again.
        self.inner.reparent_children(node, new_parent);
    }
    fn is_mathml_annotation_xml_integration_point(&self, handle: &NodeId) -> bool {
        self.inner
            .is_mathml_annotation_xml_integration_point(handle)
    }
}

// ---- the attribute pre-scan -----------------------------------------------------------------

/// Elements whose content the tokenizer reads as text up to their end tag (RAWTEXT, RCDATA
/// and script data), outside SVG and MathML.
const RAW_TEXT_ELEMENTS: &[&str] = &[
    "script", "style", "textarea", "title", "xmp", "iframe", "noembed", "noframes",
];

/// The tokenizer states the pre-scan follows (the HTML standard's, merged where the
/// difference cannot change an attribute count).
#[derive(Clone, Copy, PartialEq, Eq)]
enum Scan {
    Data,
    TagName,
    BeforeAttrName,
    AttrName,
    AfterAttrName,
    BeforeAttrValue,
    Quoted(u8),
    Unquoted,
    AfterQuoted,
}

/// The largest number of attributes any one tag of `html` has, as html5ever's tokenizer
/// would read them (duplicates included), in one linear pass.
pub fn max_attributes_per_tag(html: &str) -> usize {
    let mut scanner = Scanner::new(html);
    scanner.scan_to(html.len());
    scanner.most()
}

/// The pre-scan's state; it runs ahead of the parser, chunk by chunk.
struct Scanner<'a> {
    /// The input, for the searches of [`find_from`].
    text: &'a str,
    bytes: &'a [u8],
    /// Where the scan goes on.
    pos: usize,
    state: Scan,
    /// Attributes of the tag being read.
    attrs: usize,
    most: usize,
    /// Where the current tag's name starts (after `<` or `</`).
    tag_start: usize,
    /// How many `svg`/`math` elements are open (no raw text inside them).
    foreign: usize,
}

impl<'a> Scanner<'a> {
    fn new(text: &'a str) -> Scanner<'a> {
        Scanner {
            text,
            bytes: text.as_bytes(),
            pos: 0,
            state: Scan::Data,
            attrs: 0,
            most: 0,
            tag_start: 0,
            foreign: 0,
        }
    }

    /// Scans up to `end` (or somewhat past it, to the end of a comment or raw text).
    fn scan_to(&mut self, end: usize) {
        let end = end.min(self.bytes.len());
        while self.pos < end {
            self.pos = match self.state {
                Scan::Data => self.data(self.pos),
                _ => self.read_tag(self.pos, end),
            };
        }
    }

    /// The most attributes seen on one tag so far, the tag being read included.
    fn most(&self) -> usize {
        self.most.max(self.attrs)
    }

    /// Scans up to `end`; refuses a tag with more than [`MAX_ATTRIBUTES_PER_ELEMENT`]
    /// attributes in what has been read.
    fn check_to(&mut self, end: usize) -> Result<(), Error> {
        self.scan_to(end);
        let most = self.most();
        if most > MAX_ATTRIBUTES_PER_ELEMENT {
            return Err(Error::LimitExceeded {
                limit: "attributes per element",
                actual: most,
                max: MAX_ATTRIBUTES_PER_ELEMENT,
            });
        }
        Ok(())
    }

    /// Reads a tag from `i` (in any state but [`Scan::Data`]) until it ends or the scan
    /// reaches `end`; returns where to go on. The tag's state and count live in locals
    /// meanwhile, and each step is one of [`Scanner::tag_step`]: tags are most of the
    /// pre-scan's steps.
    fn read_tag(&mut self, mut i: usize, end: usize) -> usize {
        let (mut state, mut attrs) = (self.state, self.attrs);
        while i < end {
            match self.tag_step(&mut state, &mut attrs, i) {
                Ok(next) => i = next,
                Err(gt) => {
                    self.attrs = attrs;
                    return self.end_tag(gt);
                }
            }
        }
        (self.state, self.attrs) = (state, attrs);
        i
    }

    /// Reads from `i` in a tag, in `state` with `attrs` attributes so far: where to go on,
    /// or `Err` with the place of the `>` that ends the tag.
    fn tag_step(&self, state: &mut Scan, attrs: &mut usize, i: usize) -> Result<usize, usize> {
        let bytes = self.bytes;
        let stops = match *state {
            Scan::Quoted(q) => {
                // Nothing but the closing quote changes the state: go straight to it.
                let Some(close) = find_from(self.text, i, q) else {
                    return Ok(bytes.len());
                };
                *state = Scan::AfterQuoted;
                return Ok(close + 1);
            }
            Scan::TagName | Scan::Unquoted => TAG_SPACE | TAG_END,
            Scan::AttrName => TAG_SPACE | TAG_END | SLASH | EQUALS,
            _ => 0,
        };
        // A tag's name, an attribute's name or an unquoted value: read the run of bytes that
        // leave the state as it is in one loop, not a step per byte.
        if stops != 0 {
            let run = bytes[i..].iter().position(|&c| byte_class(c) & stops != 0);
            let run_end = run.map_or(bytes.len(), |n| i + n);
            if run_end > i {
                return Ok(run_end);
            }
        }
        let c = bytes[i];
        let space = byte_class(c) & TAG_SPACE != 0;
        match *state {
            Scan::TagName if space => *state = Scan::BeforeAttrName,
            Scan::TagName
            | Scan::BeforeAttrName
            | Scan::AfterAttrName
            | Scan::AfterQuoted
            | Scan::Unquoted
            | Scan::AttrName
            | Scan::BeforeAttrValue
                if c == b'>' =>
            {
                return Err(i);
            }
            Scan::TagName => {}
            Scan::BeforeAttrName | Scan::AfterQuoted if space || c == b'/' => {
                *state = Scan::BeforeAttrName
            }
            Scan::AfterAttrName if space || c == b'/' => {}
            Scan::AfterAttrName if c == b'=' => *state = Scan::BeforeAttrValue,
            Scan::BeforeAttrName | Scan::AfterAttrName | Scan::AfterQuoted => {
                *attrs += 1;
                *state = Scan::AttrName;
            }
            Scan::AttrName if space || c == b'/' => *state = Scan::AfterAttrName,
            Scan::AttrName if c == b'=' => *state = Scan::BeforeAttrValue,
            Scan::AttrName => {}
            Scan::BeforeAttrValue if space => {}
            Scan::BeforeAttrValue if c == b'"' || c == b'\'' => *state = Scan::Quoted(c),
            Scan::BeforeAttrValue => *state = Scan::Unquoted,
            Scan::Unquoted if space => *state = Scan::BeforeAttrName,
            Scan::Unquoted | Scan::Quoted(_) | Scan::Data => {} // Quoted handled above
        }
        Ok(i + 1)
    }

    /// In text: the next `<` decides what follows.
    fn data(&mut self, i: usize) -> usize {
        let Some(lt) = find_from(self.text, i, b'<') else {
            return self.bytes.len();
        };
        let rest = &self.bytes[lt + 1..];
        match rest.first() {
            Some(c) if c.is_ascii_alphabetic() => self.open_tag(lt + 1),
            Some(b'/') if rest.get(1).is_some_and(u8::is_ascii_alphabetic) => self.open_tag(lt + 2),
            Some(b'!') if rest.starts_with(b"!--") => skip_comment(self.text, lt + 4),
            Some(b'!' | b'?' | b'/') => {
                find_from(self.text, lt + 1, b'>').map_or(self.bytes.len(), |gt| gt + 1)
            }
            _ => lt + 1,
        }
    }

    fn open_tag(&mut self, name_start: usize) -> usize {
        self.state = Scan::TagName;
        self.attrs = 0;
        self.tag_start = name_start;
        name_start
    }

    /// A `>` ends the tag: count it, then skip a raw-text element's content.
    fn end_tag(&mut self, gt: usize) -> usize {
        self.most = self.most.max(self.attrs);
        self.attrs = 0;
        self.state = Scan::Data;
        let is_end = self.tag_start >= 2 && self.bytes[self.tag_start - 1] == b'/';
        let name_end = self.bytes[self.tag_start..gt]
            .iter()
            .position(|b| matches!(b, b' ' | b'\t' | b'\n' | b'\r' | b'\x0c' | b'/'))
            .map_or(gt, |p| self.tag_start + p);
        let name = &self.bytes[self.tag_start..name_end];
        let self_closing = gt > 0 && self.bytes[gt - 1] == b'/';
        if name.eq_ignore_ascii_case(b"svg") || name.eq_ignore_ascii_case(b"math") {
            self.foreign = if is_end {
                self.foreign.saturating_sub(1)
            } else {
                self.foreign + usize::from(!self_closing)
            };
            return gt + 1;
        }
        if is_end || self.foreign > 0 || !may_start_raw_text(name) {
            return gt + 1;
        }
        if name.eq_ignore_ascii_case(b"plaintext") {
            return self.bytes.len();
        }
        match RAW_TEXT_ELEMENTS
            .iter()
            .find(|n| n.as_bytes().eq_ignore_ascii_case(name))
        {
            Some(raw) => skip_raw_text(self.text, gt + 1, raw),
            None => gt + 1,
        }
    }
}

/// Letters (lower case) the names of `plaintext` and of the [`RAW_TEXT_ELEMENTS`] start with.
const RAW_TEXT_INITIALS: &[u8] = b"stxinp";

/// Could `name` be `plaintext` or one of the [`RAW_TEXT_ELEMENTS`]? Most tags are not: their
/// first letter rules them out before any name is compared.
fn may_start_raw_text(name: &[u8]) -> bool {
    name.first()
        .is_some_and(|c| RAW_TEXT_INITIALS.contains(&c.to_ascii_lowercase()))
}

/// The bytes that end a run in a tag ([`byte_class`]): white space as the tokenizer's tag
/// states see it, `>`, `/` and `=`.
const TAG_SPACE: u8 = 1;
const TAG_END: u8 = 2;
const SLASH: u8 = 4;
const EQUALS: u8 = 8;

/// Each byte's class among [`TAG_SPACE`], [`TAG_END`], [`SLASH`] and [`EQUALS`] (0 for the
/// rest): one table read per byte of a name run instead of a comparison per kind.
const BYTE_CLASSES: [u8; 256] = {
    let mut table = [0u8; 256];
    table[b' ' as usize] = TAG_SPACE;
    table[b'\t' as usize] = TAG_SPACE;
    table[b'\n' as usize] = TAG_SPACE;
    table[b'\r' as usize] = TAG_SPACE;
    table[0x0c] = TAG_SPACE;
    table[b'>' as usize] = TAG_END;
    table[b'/' as usize] = SLASH;
    table[b'=' as usize] = EQUALS;
    table
};

fn byte_class(c: u8) -> u8 {
    BYTE_CLASSES[usize::from(c)]
}

/// Bytes the byte search ([`find_from`]) reads first, inline: one machine word.
const WORD_BYTES: usize = 8;

/// A word with every byte 0x01, and one with every byte's high bit set: the constants of
/// the "has a zero byte" test ([`first_zero_byte`]).
const LOW_BITS: u64 = u64::from_ne_bytes([0x01; WORD_BYTES]);
const HIGH_BITS: u64 = u64::from_ne_bytes([0x80; WORD_BYTES]);

/// Where the next `byte` (ASCII) is, at or after `from`. The pre-scan goes over every byte
/// of the page, most of them in text, quoted values and scripts. Most searches end within a
/// few bytes (the white space between two tags, a short attribute value): the first word is
/// tested inline, where a call costs more than it saves. Past it, the search is a long one
/// (a paragraph's text, a script, a long value) and `memchr`'s vector search reads it many
/// bytes per instruction (measured on both corpora: 220.6 M instructions for the pre-scan
/// with a word-at-a-time loop all the way, 162.3 M with this; two inline words, 166.9 M).
/// An ASCII byte never occurs inside a multi-byte UTF-8 character, so the search reads
/// bytes, not characters.
fn find_from(text: &str, from: usize, byte: u8) -> Option<usize> {
    let bytes = text.as_bytes();
    let Some(chunk) = bytes.get(from..from.saturating_add(WORD_BYTES)) else {
        let rest = bytes.get(from..)?;
        return rest.iter().position(|&b| b == byte).map(|p| from + p);
    };
    let pattern = LOW_BITS.wrapping_mul(u64::from(byte));
    let word = u64::from_le_bytes(chunk.try_into().ok()?);
    if let Some(p) = first_zero_byte(word ^ pattern) {
        return Some(from + p);
    }
    let rest = from + WORD_BYTES;
    memchr::memchr(byte, &bytes[rest..]).map(|p| rest + p)
}

/// The place of the first zero byte of `word` (read little-endian), if any. A borrow from
/// `word - LOW_BITS` only runs upwards from a zero byte, so the lowest flagged byte is the
/// first zero byte (flags above it may be false).
fn first_zero_byte(word: u64) -> Option<usize> {
    let flags = word.wrapping_sub(LOW_BITS) & !word & HIGH_BITS;
    (flags != 0).then(|| (flags.trailing_zeros() / 8) as usize)
}

/// Past the end of a comment whose text starts at `from` (`-->`, `--!>`, or at once for
/// `<!-->` and `<!--->`).
fn skip_comment(text: &str, from: usize) -> usize {
    let bytes = text.as_bytes();
    let rest = &bytes[from.min(bytes.len())..];
    if rest.starts_with(b">") {
        return from + 1;
    }
    if rest.starts_with(b"->") {
        return from + 2;
    }
    // Every ending starts with `-`: only there can one begin.
    let mut i = from;
    while let Some(dash) = find_from(text, i, b'-') {
        if bytes[dash..].starts_with(b"-->") {
            return dash + 3;
        }
        if bytes[dash..].starts_with(b"--!>") {
            return dash + 4;
        }
        i = dash + 1;
    }
    bytes.len()
}

/// Where the end tag `</name` of a raw-text element starts (the end of the input when none).
fn skip_raw_text(text: &str, from: usize, name: &str) -> usize {
    let bytes = text.as_bytes();
    let mut i = from;
    while let Some(at) = find_from(text, i, b'<') {
        if bytes.get(at + 1) != Some(&b'/') {
            i = at + 1;
            continue;
        }
        let after = at + 2 + name.len();
        let named = bytes
            .get(at + 2..after)
            .is_some_and(|n| n.eq_ignore_ascii_case(name.as_bytes()));
        let ends = bytes
            .get(after)
            .is_none_or(|b| matches!(b, b' ' | b'\t' | b'\n' | b'\r' | b'\x0c' | b'/' | b'>'));
        if named && ends {
            return at;
        }
        i = at + 2;
    }
    bytes.len()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_byte_is_found_near_and_far() {
        let text = "ab日本<c".repeat(9) + &"x".repeat(40) + "<";
        for from in 0..=text.len() + 1 {
            for byte in [b'<', b'c', b'x', b'z'] {
                let expected = text
                    .as_bytes()
                    .get(from..)
                    .and_then(|rest| rest.iter().position(|&b| b == byte))
                    .map(|p| from + p);
                assert_eq!(find_from(&text, from, byte), expected, "{from} {byte}");
            }
        }
    }

    #[test]
    fn a_byte_is_found_past_bytes_one_bit_away() {
        // `=` is `<` with its low bit set: the word test flags it only above a true match.
        let text = "a=<=b\u{80}<=".repeat(5) + "é=";
        for from in 0..=text.len() + 1 {
            for byte in [b'<', b'=', b'b', b'z'] {
                let expected = text
                    .as_bytes()
                    .get(from..)
                    .and_then(|rest| rest.iter().position(|&b| b == byte))
                    .map(|p| from + p);
                assert_eq!(find_from(&text, from, byte), expected, "{from} {byte}");
            }
        }
    }

    #[test]
    fn raw_text_names_pass_the_initial_filter() {
        for name in RAW_TEXT_ELEMENTS.iter().chain(&["plaintext"]) {
            assert!(may_start_raw_text(name.as_bytes()));
            assert!(may_start_raw_text(name.to_uppercase().as_bytes()));
        }
        assert!(!may_start_raw_text(b"div"));
        assert!(!may_start_raw_text(b""));
    }

    #[test]
    fn counts_attributes_as_the_tokenizer_reads_them() {
        assert_eq!(
            max_attributes_per_tag("<p a b=1 c='x y' d=\"z>w\" e>t</p>"),
            5
        );
        assert_eq!(max_attributes_per_tag("<!-- <p a b c d> --><p a>"), 1);
        assert_eq!(
            max_attributes_per_tag("<script>x = '<p a b c d>'</script><i a b>"),
            2
        );
        assert_eq!(
            max_attributes_per_tag("<svg><style><p a b c></style></svg>"),
            3
        );
        assert_eq!(max_attributes_per_tag("<p a=\"<q>\" b=\">\" c>"), 3);
        assert_eq!(max_attributes_per_tag("<p a\"b c'd e<f>"), 3);
    }
}
