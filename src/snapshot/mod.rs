//! The DOM snapshot: how the browser extension hands a *live* page to the core.
//!
//! A content script walks the live DOM and writes one JSON document, version 1, described
//! here; [`decode`] turns it into the same kind of `dom_query` tree that html5ever builds from
//! HTML text (document → `html` → `head`, `body`), so every later phase of the pipeline works
//! on either input unchanged. The encoder (`readmark_tools::snapshot::encode`, in the tools/
//! workspace member) writes a snapshot from a parsed tree, following the same rules as the
//! browser capture: tests, fuzzing and the browser-parity test use it.
//!
//! This text is the specification of the format and of the capture's contract.
//!
//! # Top level
//!
//! ```json
//! {"v":1,"url":"https://example.org/a/b","title":"A title","doc":[…],"sel":[…]}
//! ```
//!
//! | key     | required | value |
//! |---------|----------|-------|
//! | `v`     | yes      | the format version, the integer `1`; any other value is refused |
//! | `url`   | yes      | the page's absolute URL (`document.URL`); a relative or malformed one is [`Error::InvalidUrl`] |
//! | `title` | no       | `document.title`; used only when `head` has no `<title>` element (one is then created) |
//! | `doc`   | yes      | the document as a [node list](#node-lists) holding exactly one root, the `html` element |
//! | `sel`   | no       | the user's selection as a node list (any number of roots); absent or `[]` = no selection |
//!
//! `v` should be written first: a decoder stops at an unknown version before reading the rest.
//! Keys may come in any order; unknown keys are ignored (room for optional additions within
//! version 1); a repeated key is an error.
//!
//! # Node lists
//!
//! A node list is **one flat JSON array** holding trees in pre-order: each element entry says
//! how many child subtrees follow it, and those subtrees come next, one after the other.
//! The tree is never expressed by JSON nesting, so
//!
//! * JSON nesting stays 4 levels deep whatever the page's depth: serde_json's recursion limit
//!   (128) is never near, with no `unbounded_depth` feature and no stack-growing crate (which
//!   WebAssembly could not offer anyway), and a hostile document cannot exhaust the stack;
//! * the decoder builds the tree with an explicit stack, counting nodes and depth *as it
//!   reads*, so the [`Options`] limits stop a hostile snapshot before it allocates past them;
//! * the size is what nested arrays would cost: `,3]` of a count where nesting needs `[`…`]`.
//!
//! Measured over the test corpus (192 pages, `tests/snapshot.rs`): snapshots written by
//! the encoder weigh 0.39 of the HTML bytes in total (median page 0.68; small script-less pages
//! with many attributes can come out larger than their HTML, as JSON quotes every name), and
//! decoding them takes about a third of the time html5ever takes to parse the HTML.
//!
//! A text node is a JSON **string** (its character data, exactly as in the DOM: white space
//! kept, no entity escaping beyond JSON's own), or, for the commonest text of all, the
//! indentation between tags, a JSON **integer** *k*: a text node of one line feed followed by
//! *k* spaces (`"\n    "` is written `4`), with *k* at most [`MAX_INDENT`]. Strings must be
//! valid Unicode: the capture replaces lone surrogates (`String.prototype.toWellFormed`).
//! An element is a JSON **array**:
//!
//! ```text
//! [tag]  [tag, attrs]  [tag, count]  [tag, attrs, count]  [tag, attrs, count, flags]  [tag, count, flags]
//! ```
//!
//! * `tag` (string, required): the element's local name, exactly as `Element.localName`
//!   (lower case in HTML, camelCase such as `foreignObject` in SVG), optionally prefixed to
//!   state its namespace — see [Namespaces](#namespaces). An HTML-namespace tag is lower-cased
//!   by the decoder. Names must be [safe](#safe-names), or the snapshot is refused.
//! * `attrs` (object, optional, only right after the tag): attribute qualified names
//!   (`Attr.name`, e.g. `class`, `xlink:href`) to string values. A name repeated keeps its
//!   first value (as html5ever does). Omitted when the element has none.
//! * `count` (non-negative integer, optional, 0 when omitted): how many child subtrees follow.
//! * `flags` (non-negative integer, optional, 0 when omitted): facts of the live page, a bit
//!   set. Bit 0 (`1`, [`FLAG_HIDDEN`]): the page does not render this element (see
//!   [Computed invisibility](#computed-invisibility)); the decoder marks it with the attribute
//!   [`SNAPSHOT_HIDDEN_ATTR`]. Other bits are reserved:
//!   a capture writes 0, a decoder ignores them.
//!
//! Trailing parts are omitted when they are empty or zero: `["br"]`, `["p",2]`,
//! `["a",{"href":"https://x.org/"},1]`, `["div",0,1]` (a hidden, empty `div`).
//! A list that ends while an element still awaits children is an error (a truncated tree).
//!
//! Example — `<html lang="en"><head><title>T</title></head><body><p>Hi <b>you</b></p></body></html>`:
//!
//! ```json
//! [["html",{"lang":"en"},2],["head",1],["title",1],"T",["body",1],["p",2],"Hi ",["b",1],"you"]
//! ```
//!
//! # Namespaces
//!
//! SVG and MathML elements keep their namespace without a per-element cost: an unprefixed
//! tag takes the namespace the HTML parser would give it in its parent —
//!
//! * `svg` is SVG and `math` is MathML, wherever they appear;
//! * otherwise the parent decides: children of an HTML element are HTML; children of an SVG
//!   element are SVG, except inside `foreignObject`, `desc` and `title`, whose children are
//!   HTML; children of a MathML element are MathML, except inside `mi`, `mo`, `mn`, `ms`,
//!   `mtext` and `annotation-xml`, whose children are HTML;
//! * list roots (the `html` element, the selection's roots) are HTML.
//!
//! When that rule would give the wrong answer the tag carries an explicit prefix: `html:`,
//! `svg:` or `math:` (`"svg:math"` is an SVG element named `math`; `"math:mglyph"` a MathML
//! `mglyph` inside `mi`). Any other colon is part of the local name.
//!
//! On SVG and MathML elements the attributes `xlink:*`, `xml:lang`, `xml:space`, `xmlns` and
//! `xmlns:xlink` get the XLink, XML and XMLNS namespaces, as html5ever gives them; on HTML
//! elements every attribute name is taken as it is.
//!
//! # Safe names
//!
//! A tag or attribute name is safe when it is non-empty and has no ASCII white space, control
//! character, `"`, `'`, `` ` ``, `<`, `>`, `/` or `=` in it: such names could not be written
//! back as HTML unambiguously. An element with an unsafe name refuses the snapshot; an
//! attribute with an unsafe name is dropped. (HTML parsers do create such names from broken
//! markup; the capture leaves those elements out, subtree and all, and their attributes.)
//!
//! # What the capture sends
//!
//! The capture (and the encoder) walks `document.documentElement` in tree order and sends
//!
//! * elements and text nodes (the capture skips empty ones: scripts can leave them, parsers
//!   never do); **not** comments, processing instructions, doctypes;
//! * `head` with its `title`, `meta`, `base` (its `href` absolute) and the allowed `link` and
//!   `script` elements below; the `html` element's attributes (`lang`, `dir`…): metadata reads
//!   them;
//! * **no** `<script>` except `type="application/ld+json"` and MathJax `type="math/tex…"`
//!   (ASCII case-insensitive, trimmed), which keep their text; **no** `<style>`, **no**
//!   `<template>`; **no** `<link>` except those whose `rel` has one of the tokens `canonical`,
//!   `author`, `alternate`;
//! * **no** attribute whose name starts with `on` (event handlers). The decoder drops any
//!   such attribute anyway. `javascript:` URLs are sent as they are: the cleaner removes them;
//! * `href` and `src` of HTML elements **absolute**: the capture writes the resolved
//!   properties (`a.href`, `img.src`, `base.href`…) rather than the attribute text; an image's
//!   `src` is its `currentSrc` (the candidate the browser chose from `srcset`/`<picture>`) when
//!   non-empty. Two exceptions go as written: an `href` or `src` that is only a fragment
//!   (`#notes`, after leading white space), so that in-page links still count as such (link
//!   density weighs `#…` links less, as it does on the HTML text), and the attribute of an
//!   element whose property is not a resolved URL: only `href` of `a`, `area`, `base`, `link`
//!   and `src` of `img`, `iframe`, `frame`, `embed`, `input`, `script`, `source`, `track`,
//!   `video`, `audio` are read as properties (SVG's `href` is an animated string; a custom
//!   element's getter is page code). Other URL attributes (`srcset`, `data-src`, `poster`…) go
//!   as written; the cleaner resolves them against `url`;
//! * `<noscript>` as the browser holds it when scripts run: one text node with its markup
//!   (where scripts are off and the browser parsed its content, its `innerHTML` as that text).
//!   The decoder parses the text of a `noscript` whose only child is a text with `<` or `&`
//!   in it as HTML (as a script-less parser would have), so lazy-loading fallbacks stay
//!   usable; what that parse yields is not filtered by these rules;
//! * a cross-origin `<iframe>` (and a sandboxed one, whose origin is opaque) as an empty
//!   `iframe` element with its attributes; so too a same-origin one whose document is empty
//!   (`about:blank`, a frame not loaded yet: no `body`, or one with neither elements nor text),
//!   which keeps its attributes that way rather than becoming an empty `div`;
//! * the elements of the page's **open shadow roots** (and closed ones, where the browser lets
//!   an extension read them: `chrome.dom.openOrClosedShadowRoot` in Chromium, on HTML elements
//!   only, as it throws on SVG and MathML ones; `Element.openOrClosedShadowRoot` in Firefox)
//!   flattened in place: a shadow host's children are its shadow tree's children instead of its
//!   light children, and each `<slot>` of a shadow tree is replaced by the nodes assigned to it
//!   (or by its own fallback children when none are), recursively. Only custom elements and
//!   the elements `attachShadow` accepts (`div`, `span`, `article`, `p`…) are taken as hosts:
//!   the browser's own shadow trees (`input`, `video`, `details`…) are never flattened. A
//!   `<slot>` outside any shadow tree is an ordinary element;
//! * a **same-origin iframe**'s document as a `div` standing where the `iframe` was, carrying
//!   [`IFRAME_ATTR`] (value: the iframe's absolute `src`, or `about:srcdoc`) and the iframe's
//!   `id`, `class` and `title`; its children are that document's `body` children, captured by
//!   these same rules, flags included (its `head` is not sent: its metadata is not the page's);
//! * the selection, when the user has one, under `sel`: the contents of each range of
//!   `getSelection()` in order, walked in the live DOM by these same rules (with flags), text
//!   nodes cut at the range's boundaries, the range's partially selected ancestors kept as
//!   elements so that list items stay in lists and cells in tables. A range whose common
//!   ancestor is the document or the `html` element is taken from `body`'s children.
//!
//! # Computed invisibility
//!
//! Below `body` (`body` itself is never flagged) the capture sets [`FLAG_HIDDEN`] on an element
//! whose computed style is `display: none`, `visibility: hidden|collapse` or `opacity: 0`, or
//! that has zero width or height (its border box) and clips its overflow (a float container
//! of zero height still shows its floats, so zero size alone is not enough), or that has the
//! `hidden` attribute or `aria-hidden="true"` — except an element whose `class` contains
//! `fallback-image` (Wikimedia marks its shown math images so; the HTML path's own hidden test
//! makes the same exception). Descendants of a flagged element need not be flagged (the
//! capture does not look below one). Never flagged: `head` and everything in it (the browser
//! never renders them, yet metadata lives there), `noscript` (hidden only because scripts run;
//! its fallback images are wanted), `br` and `wbr`.
//!
//! Four refinements keep the rules from flagging what a live page does show:
//!
//! * **replaced and media elements** (`img`, `picture`, `video`, `audio`, `iframe`, `svg`,
//!   `math`, `canvas`, `object`, `embed`, `source`, `track`) are flagged only for `display:
//!   none`, `visibility: hidden|collapse`, `hidden` or `aria-hidden`: their box is the media,
//!   which may not have loaded yet (zero size) or be fading in (`opacity: 0`); and one that
//!   waits for a lazy loader (it has `data-src`, `data-srcset`, `data-lazy-src`,
//!   `data-lazy-srcset` or `data-original`, or a `class` containing `lazy`) is not flagged for
//!   `visibility: hidden|collapse` either: lazysizes hides such images only until they scroll
//!   into view, and the reader wants them in the article;
//! * the zero-size rule skips inline boxes (`display: inline` or `contents`: overflow does not
//!   clip them), elements with neither element children nor text (nothing to hide), and boxes
//!   that hold media (`img`, `picture`, `video`, `audio`, `iframe`, `svg`, `canvas`, `object`,
//!   `embed` below them): a placeholder sized by media that has not loaded yet;
//! * inside an `svg` or `math` element nothing is flagged: their parts are drawn, not laid out
//!   as boxes;
//! * when the document's `body` itself computes `visibility: hidden|collapse`, visibility
//!   flags nothing in that document: anti-flicker snippets (A/B testing, analytics: `body {
//!   visibility: hidden !important }`) hide the whole page until their script runs, and when
//!   it has not run (blocked, failed, scripts off) the page is still there to be read; the
//!   inherited value says nothing about any one element (the other rules still apply).
//!
//! # The decoded tree
//!
//! [`decode`] builds: a document node whose only child is the `html` element; `html` holding
//! a `head` first (created empty when the snapshot had none) and a `body` (created when there
//! was neither `body` nor `frameset`); any other non-blank child of `html` moved into `body`
//! (before its children when it stood before `body`, after them otherwise), as the HTML parser
//! would have placed it. Adjacent text nodes are not merged (html5ever keeps text around a
//! removed comment apart too). The selection's roots become children of one detached `div`
//! whose id is [`Snapshot::selection`].
//!
//! # Limits
//!
//! The JSON may not exceed [`Options::max_bytes`]; the tree may not hold more than
//! [`Options::max_nodes`] nodes (every node the arena holds: selection, created nodes and what
//! `noscript` text parses into included) nor nest deeper than
//! [`Options::max_depth`] (the `html` element is at depth 1, as under html5ever; selection
//! roots at depth 2). Going past one is [`Error::LimitExceeded`], detected while reading.
//! The text of a `noscript` is parsed within these limits too (through
//! `extract::limits::check_fragment`, which stops
//! html5ever one chunk past a limit), before it joins the tree. Indentation integers expand
//! to at most four bytes of text per byte of JSON in all (limit `"indentation"`; 64 KiB at
//! least): a short number stands for a long string, so without a budget 1.5 MB of `4096,`
//! would be a gigabyte of spaces.
//! Everything else malformed is [`Error::InvalidSnapshot`].

mod decode;
pub(crate) mod names;

use dom_query::{Document, NodeId};

/// The attribute the decoder marks a hidden element with (flag bit [`FLAG_HIDDEN`]).
pub use crate::dom::SNAPSHOT_HIDDEN_ATTR;
pub use decode::decode;

#[allow(unused_imports)]
use crate::{Error, Options};

/// The only snapshot format version this crate reads and writes.
pub const VERSION: u64 = 1;

/// Largest indentation a text-node integer may stand for: real indentation stays far below,
/// and the bound keeps a short number from making a long string.
pub const MAX_INDENT: u64 = 4096;

/// Flag bit: the live page did not render the element (computed invisibility).
pub const FLAG_HIDDEN: u64 = 1;

/// The marker attribute on the `div` that stands for a same-origin iframe's document; its
/// value is the iframe's absolute `src` (or `about:srcdoc`).
pub const IFRAME_ATTR: &str = "data-rm-iframe";

/// A decoded snapshot: the page as a tree, its URL, and the user's selection if any.
pub struct Snapshot {
    /// The page's tree, shaped as html5ever would have built it.
    pub document: Document,
    /// The page's URL, absolute.
    pub url: String,
    /// `document.title` as the snapshot gave it.
    pub title: Option<String>,
    /// A detached `div` holding the selected content, when the user had a selection.
    pub selection: Option<NodeId>,
}
