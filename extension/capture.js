// The page capture: walks the live DOM into a snapshot, version 1 (the format and the rules
// are specified in src/snapshot/mod.rs; the contract is in docs/extension.md, "Capture").
//
// captureSnapshot is injected into the page by `scripting.executeScript({ func })`, which
// sends the function's source text alone: it must stay self-contained — no imports, no
// reference to anything at module scope. Every helper is nested inside it.

/**
 * Captures the page this runs in.
 *
 * @param {{ selection?: boolean }} [options] `selection: true` adds the user's selection (`sel`)
 * @returns {{ ok: true, json: string, url: string, contentType: string, bytes: number, ms: number }
 *         | { ok: false, kind: 'NotHtml' | 'CaptureFailed', message: string, contentType?: string }}
 */
export function captureSnapshot(options) {
  // The snapshot format version this capture writes.
  const VERSION = 1;
  // Document types whose DOM is an HTML tree (XHTML parses into the same elements).
  const HTML_TYPES = new Set(['text/html', 'application/xhtml+xml']);
  const HTML_NS = 'http://www.w3.org/1999/xhtml';
  const SVG_NS = 'http://www.w3.org/2000/svg';
  const MATHML_NS = 'http://www.w3.org/1998/Math/MathML';
  // A text node of a line feed and k spaces is written as the integer k, up to this bound
  // (the decoder refuses larger ones: a short number must not stand for a long string).
  const MAX_INDENT = 4096;
  const INDENTATION = /^\n( *)$/;
  // Flag bit 0: the live page does not render the element.
  const FLAG_HIDDEN = 1;
  // The marker attribute of the div standing for a same-origin iframe's document.
  const IFRAME_ATTR = 'data-rm-iframe';
  // The iframe attributes that div carries over.
  const IFRAME_KEPT_ATTRS = ['id', 'class', 'title'];
  // <script> types that carry data, not code (prefixes, after trimming and lower-casing).
  const KEPT_SCRIPT_TYPES = ['application/ld+json', 'math/tex'];
  // <link rel> tokens metadata reads; every other link is left out.
  const KEPT_LINK_RELS = new Set(['canonical', 'author', 'alternate']);
  // Never sent, subtree and all: code, styling and inert templates.
  const DROPPED_TAGS = new Set(['style', 'template']);
  // Never flagged hidden: noscript is hidden only because scripts run (its fallback images are
  // wanted); line breaks have no box of their own.
  const NEVER_FLAGGED = new Set(['noscript', 'br', 'wbr']);
  // Replaced and media elements: their box is the media itself, which may be unloaded (zero
  // size) or fading in (opacity 0) while the page still shows it. Only the page's explicit
  // "not shown" (display, visibility, hidden, aria-hidden) counts for them.
  const REPLACED_TAGS = new Set([
    'img', 'picture', 'video', 'audio', 'iframe', 'svg', 'math', 'canvas', 'object', 'embed', 'source', 'track',
  ]);
  // A zero-size, clipped element holding one of these is a media placeholder whose media
  // has not loaded (lazy images, blocked embeds), not something the page hides.
  const MEDIA_SELECTOR = 'img, picture, video, audio, iframe, svg, canvas, object, embed';
  // Wikimedia marks its real math images aria-hidden="true" with classes holding this text
  // (mwe-math-fallback-image-inline…): they are shown. The core's HTML path exempts them too.
  const ARIA_HIDDEN_EXEMPT_CLASS = 'fallback-image';
  // Lazy loaders hide an image only until it scrolls into view (lazysizes ships
  // `.lazyload { visibility: hidden }`, others fade in from opacity 0): the reader expects
  // that image in the saved article. Known by the attributes the loader reads the real URL from,
  // or by a class naming the loader.
  const LAZY_SOURCE_ATTRS = ['data-src', 'data-srcset', 'data-lazy-src', 'data-lazy-srcset', 'data-original'];
  const LAZY_CLASS = /lazy/i;
  // Anti-flicker snippets (A/B testing, analytics: `body { visibility: hidden !important }`)
  // hide the whole body until their script runs and removes the rule; when it has not run
  // (blocked, failed, scripts off) the page is still meant to be read. Visibility is
  // inherited, so under such a body it says nothing about any one element: it is not read.
  const WHOLE_BODY_HIDDEN = new Set(['hidden', 'collapse']);
  // The HTML elements whose `href` / `src` property is the attribute resolved as a URL. Other
  // elements (custom ones above all, whose getters are page code) keep the attribute text.
  const URL_PROPERTY_TAGS = {
    href: new Set(['a', 'area', 'base', 'link']),
    src: new Set(['audio', 'embed', 'frame', 'iframe', 'img', 'input', 'script', 'source', 'track', 'video']),
  };
  // Overflow values that do not clip.
  const UNCLIPPED = 'visible';
  // Elements to which an author shadow root can be attached (plus custom elements, whose
  // names have a hyphen). Others may have a user-agent shadow root (input, video, details…),
  // which is the browser's own rendering, never flattened.
  const SHADOW_HOSTS = new Set([
    'article', 'aside', 'blockquote', 'body', 'div', 'footer', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6',
    'header', 'main', 'nav', 'p', 'section', 'span',
  ]);
  // A name is unsafe if it holds any of these: it could not be written back as HTML.
  // eslint-disable-next-line no-control-regex -- control characters are what it looks for
  const UNSAFE_NAME = /[\t\n\f\r "'`<>/=\u0000-\u001f\u007f-\u009f]/;
  const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;
  // Timings are reported to a tenth of a millisecond.
  const TIMING_PRECISION = 10;

  // Namespaces as the format names them, with their explicit tag prefixes.
  const HTML = 'html';
  const SVG = 'svg';
  const MATH = 'math';
  const PREFIX = { [HTML]: 'html:', [SVG]: 'svg:', [MATH]: 'math:' };
  // Children of these are HTML again (HTML integration points), though their parent is not.
  const SVG_HTML_POINTS = new Set(['foreignObject', 'desc', 'title']);
  const MATH_HTML_POINTS = new Set(['mi', 'mo', 'mn', 'ms', 'mtext', 'annotation-xml']);

  const wellFormed = (s) => (typeof s.toWellFormed === 'function' ? s.toWellFormed() : s.replace(LONE_SURROGATE, '\ufffd'));
  const isSafeName = (name) => name !== '' && !UNSAFE_NAME.test(name);
  // HTML's name and keyword comparisons are ASCII case-insensitive (no Unicode folding).
  const asciiLower = (s) => s.replace(/[A-Z]+/g, (upper) => upper.toLowerCase());
  const isHandler = (name) => asciiLower(name.slice(0, 2)) === 'on';
  const isText = (node) => node.nodeType === Node.TEXT_NODE;
  const isElement = (node) => node.nodeType === Node.ELEMENT_NODE;

  function spaceOf(el) {
    if (el.namespaceURI === SVG_NS) return SVG;
    if (el.namespaceURI === MATHML_NS) return MATH;
    return HTML;
  }

  /** The namespace an unprefixed tag gets where the parent gives its children `parent`. */
  function inferredSpace(local, parent) {
    if (local === 'svg') return SVG;
    if (local === 'math') return MATH;
    return parent;
  }

  /** The namespace an element of `space` named `local` gives its children by default. */
  function childrenSpace(space, local) {
    if (space === SVG && SVG_HTML_POINTS.has(local)) return HTML;
    if (space === MATH && MATH_HTML_POINTS.has(local)) return HTML;
    return space;
  }

  /** What a decoder reads from `tag` where the parent gives `parent`: [space, local]. */
  function splitTag(tag, parent) {
    for (const space of [HTML, SVG, MATH]) {
      if (tag.startsWith(PREFIX[space])) return [space, tag.slice(PREFIX[space].length)];
    }
    return [inferredSpace(tag, parent), tag];
  }

  /** The bare local name when a decoder infers the right namespace from it, else prefixed. */
  function tagFor(space, local, parent) {
    const [readSpace, readLocal] = splitTag(local, parent);
    return readSpace === space && readLocal === local ? local : PREFIX[space] + local;
  }

  // ---- what is sent ----

  function isDataScript(el) {
    const type = asciiLower((el.getAttribute('type') ?? '').trim());
    return KEPT_SCRIPT_TYPES.some((kept) => type.startsWith(kept));
  }

  function isMetadataLink(el) {
    const rel = asciiLower(el.getAttribute('rel') ?? '');
    return rel.split(/[\t\n\f\r ]+/).some((token) => KEPT_LINK_RELS.has(token));
  }

  /** Is this node sent at all? Text (non-empty) and elements, by the rules. */
  function isSent(node) {
    if (isText(node)) return node.data !== '';
    if (!isElement(node) || !isSafeName(node.localName)) return false;
    const local = node.localName;
    if (local === 'script') return isDataScript(node);
    if (local === 'link') return isMetadataLink(node);
    return !DROPPED_TAGS.has(local);
  }

  // ---- shadow roots and slots ----

  /**
   * The shadow root an extension may read, or null. Chromium's chrome.dom throws on SVG and
   * MathML elements: only HTML ones are asked (by namespace rather than `instanceof
   * HTMLElement`, which fails on the elements of a same-origin iframe, another realm).
   */
  function shadowRootOf(el) {
    if (el.namespaceURI !== HTML_NS) return null;
    if (!SHADOW_HOSTS.has(el.localName) && !el.localName.includes('-')) return null;
    try {
      const extensionDom = globalThis.chrome?.dom;
      if (typeof extensionDom?.openOrClosedShadowRoot === 'function') {
        return extensionDom.openOrClosedShadowRoot(el) ?? el.shadowRoot;
      }
      return el.openOrClosedShadowRoot ?? el.shadowRoot;
    } catch {
      return el.shadowRoot;
    }
  }

  /** A `<slot>` of a shadow tree (a slot elsewhere is an ordinary unknown element). */
  function isShadowSlot(node) {
    if (!isElement(node) || node.localName !== 'slot' || node.namespaceURI !== HTML_NS) return false;
    const root = node.getRootNode();
    return root.nodeType === Node.DOCUMENT_FRAGMENT_NODE && root.host !== undefined;
  }

  /** A slot's stand-ins: the nodes assigned to it, or its own fallback children. */
  function slotContent(slot) {
    const assigned = slot.assignedNodes();
    return assigned.length > 0 ? assigned : [...slot.childNodes];
  }

  /** The element's children as rendered: the shadow tree's, slots replaced (without recursion). */
  function composedChildren(el) {
    const root = shadowRootOf(el);
    const pending = [...(root ?? el).childNodes].reverse();
    const children = [];
    while (pending.length > 0) {
      const node = pending.pop();
      if (isShadowSlot(node)) pending.push(...slotContent(node).reverse());
      else children.push(node);
    }
    return children;
  }

  // ---- same-origin iframes ----

  /** The document of a same-origin iframe with something in it, or null. */
  function frameDocumentOf(iframe) {
    let doc;
    try {
      doc = iframe.contentDocument;
    } catch {
      return null; // cross-origin
    }
    const body = doc?.body;
    if (!body) return null;
    const empty = body.firstElementChild === null && body.textContent.trim() === '';
    return empty ? null : doc;
  }

  function frameAttrs(iframe) {
    const attrs = { [IFRAME_ATTR]: iframe.hasAttribute('srcdoc') ? 'about:srcdoc' : iframe.src || 'about:blank' };
    for (const name of IFRAME_KEPT_ATTRS) {
      const value = iframe.getAttribute(name);
      if (value !== null) attrs[name] = wellFormed(value);
    }
    return attrs;
  }

  // ---- attributes ----

  /** The value sent for attribute `name` (`href` or `src`) written as `written`. */
  function urlValue(el, name, written) {
    if (written.trimStart().startsWith('#')) return written; // in-page anchor: kept as written
    if (el.namespaceURI !== HTML_NS || !URL_PROPERTY_TAGS[name].has(el.localName)) return written;
    if (name === 'src' && el.localName === 'img' && el.currentSrc) return el.currentSrc;
    return el[name];
  }

  function attrsOf(el) {
    let attrs = null;
    for (const attr of el.attributes) {
      const name = attr.name;
      if (!isSafeName(name) || isHandler(name)) continue;
      const key = wellFormed(name);
      if (attrs !== null && Object.hasOwn(attrs, key)) continue; // a repeated name keeps its first value
      const value = name === 'href' || name === 'src' ? urlValue(el, name, attr.value) : attr.value;
      attrs ??= Object.create(null); // no prototype: a "__proto__" attribute is a plain key
      attrs[key] = wellFormed(value);
    }
    return attrs;
  }

  // ---- computed invisibility ----

  function isAriaHidden(el) {
    if (el.getAttribute('aria-hidden') !== 'true') return false;
    return !(el.getAttribute('class') ?? '').includes(ARIA_HIDDEN_EXEMPT_CLASS);
  }

  /** Is this box a zero-size clip that hides real content? */
  function isClippedAway(el, style) {
    if (style.display === 'inline' || style.display === 'contents') return false; // no box to clip
    if (style.overflowX === UNCLIPPED && style.overflowY === UNCLIPPED) return false;
    const box = el.getBoundingClientRect();
    if (box.width > 0 && box.height > 0) return false;
    if (el.firstElementChild === null && el.textContent.trim() === '') return false; // nothing to hide
    return el.querySelector(MEDIA_SELECTOR) === null; // a media placeholder waiting for its media
  }

  /** Is this a media element a lazy loader has not revealed yet? */
  function awaitsLazyLoader(el) {
    if (!REPLACED_TAGS.has(el.localName)) return false;
    return LAZY_SOURCE_ATTRS.some((name) => el.hasAttribute(name)) || LAZY_CLASS.test(el.getAttribute('class') ?? '');
  }

  // Per document (the page's, same-origin iframes'): is its whole body made invisible?
  const bodyHidden = new Map();

  /** Does `doc`'s body compute to an invisible visibility (an anti-flicker rule)? */
  function isBodyHidden(doc) {
    if (!bodyHidden.has(doc)) {
      const body = doc.body;
      const visibility = body ? doc.defaultView.getComputedStyle(body).visibility : 'visible';
      bodyHidden.set(doc, WHOLE_BODY_HIDDEN.has(visibility));
    }
    return bodyHidden.get(doc);
  }

  /** Does the live page leave this element (in body) unrendered? */
  function isHidden(el) {
    if (NEVER_FLAGGED.has(el.localName)) return false;
    if (el.hasAttribute('hidden') || isAriaHidden(el)) return true;
    const style = el.ownerDocument.defaultView.getComputedStyle(el);
    if (style.display === 'none') return true;
    if (style.visibility === 'hidden' || style.visibility === 'collapse') {
      return !awaitsLazyLoader(el) && !isBodyHidden(el.ownerDocument);
    }
    if (REPLACED_TAGS.has(el.localName)) return false;
    return Number.parseFloat(style.opacity) === 0 || isClippedAway(el, style);
  }

  // ---- selection ----

  /** Is `node` entirely inside `range`? */
  function containedIn(node, range) {
    const own = node.ownerDocument.createRange();
    own.selectNode(node);
    return range.compareBoundaryPoints(Range.START_TO_START, own) <= 0 && range.compareBoundaryPoints(Range.END_TO_END, own) >= 0;
  }

  /** The part of a text node inside `range`. */
  function cutText(text, range) {
    const start = text === range.startContainer ? range.startOffset : 0;
    const end = text === range.endContainer ? range.endOffset : text.data.length;
    return text.data.slice(start, end);
  }

  /** The selection's ranges, when asked for and not collapsed. */
  function selectedRanges() {
    if (options?.selection !== true) return [];
    const selection = globalThis.getSelection?.();
    if (!selection || selection.isCollapsed || selection.rangeCount === 0) return [];
    const ranges = [];
    for (let i = 0; i < selection.rangeCount; i += 1) {
      const range = selection.getRangeAt(i);
      if (!range.collapsed) ranges.push(range);
    }
    return ranges;
  }

  // ---- the walk ----

  /**
   * A unit of work: a node to write; the namespace its parent gives its children; whether
   * flags are computed for it (inside body, under no flagged element, not inside SVG or
   * MathML); the selection range that selects it partially (null when wholly taken); and,
   * for a text node, its text (cut at the range's boundaries).
   */
  const work = (node, space, flaggable, range = null, text = null) => ({ node, space, flaggable, range, text });

  /** The work units of the children of `el` to send, as seen by `range` (null: all of them). */
  function sentChildren(el, space, flaggable, range) {
    const units = [];
    for (const node of composedChildren(el)) {
      if (!isSent(node)) continue;
      if (range === null) {
        units.push(work(node, space, flaggable));
      } else if (isText(node)) {
        const text = range.intersectsNode(node) ? cutText(node, range) : '';
        if (text !== '') units.push(work(node, space, flaggable, null, text));
      } else if (range.intersectsNode(node)) {
        units.push(work(node, space, flaggable, containedIn(node, range) ? null : range));
      }
    }
    return units;
  }

  /** Writes the subtrees of `roots` (work units) into `out` in pre-order, with a stack. */
  function writeTrees(out, roots) {
    const stack = [...roots].reverse();
    while (stack.length > 0) {
      const item = stack.pop();
      if (isText(item.node)) {
        writeText(out, item.text ?? item.node.data);
        continue;
      }
      const children = writeElement(out, item);
      for (let i = children.length - 1; i >= 0; i -= 1) stack.push(children[i]);
    }
  }

  function writeText(out, text) {
    const indent = INDENTATION.exec(text);
    out.push(indent && indent[1].length <= MAX_INDENT ? indent[1].length : wellFormed(text));
  }

  /** Writes one element entry; returns the work units of its children. */
  function writeElement(out, { node: el, space: parentSpace, flaggable, range }) {
    const space = spaceOf(el);
    const local = el.localName;
    const hidden = flaggable && isHidden(el);
    const isBody = el === el.ownerDocument.body;
    // Flags start below body; stop under a flagged element and inside SVG and MathML.
    const childFlaggable = isBody || (flaggable && !hidden && space === HTML);
    const frameDoc = local === 'iframe' && space === HTML ? frameDocumentOf(el) : null;
    if (frameDoc) {
      const children = sentChildren(frameDoc.body, HTML, childFlaggable, null);
      out.push(entry(tagFor(HTML, 'div', parentSpace), frameAttrs(el), children.length, hidden));
      return children;
    }
    const tag = wellFormed(tagFor(space, local, parentSpace));
    if (local === 'noscript' && space === HTML) {
      const markup = noscriptMarkup(el);
      out.push(entry(tag, attrsOf(el), markup === '' ? 0 : 1, false));
      if (markup !== '') out.push(wellFormed(markup));
      return [];
    }
    const children = sentChildren(el, childrenSpace(space, local), childFlaggable, range);
    out.push(entry(tag, attrsOf(el), children.length, hidden));
    return children;
  }

  /** `noscript` as a script-running browser holds it: its markup as one text. */
  function noscriptMarkup(el) {
    const onlyText = [...el.childNodes].every(isText);
    return onlyText ? el.textContent : el.innerHTML;
  }

  /** `[tag, attrs?, count?, flags?]`, trailing parts omitted when empty or zero. */
  function entry(tag, attrs, count, hidden) {
    const parts = [tag];
    if (attrs !== null) parts.push(attrs);
    if (count > 0 || hidden) parts.push(count);
    if (hidden) parts.push(FLAG_HIDDEN);
    return parts;
  }

  /** The selection as node-list roots: the contents of each range, in order. */
  function selectionRoots(ranges) {
    const roots = [];
    for (const range of ranges) {
      let container = range.commonAncestorContainer;
      if (isText(container)) {
        const text = cutText(container, range);
        if (text !== '') roots.push(work(container, HTML, true, null, text));
        continue;
      }
      const doc = container.ownerDocument ?? container;
      if (container === doc || container === doc.documentElement) container = doc.body;
      if (container) roots.push(...sentChildren(container, HTML, true, range));
    }
    return roots;
  }

  // ---- the capture ----

  const started = performance.now();
  try {
    const contentType = document.contentType;
    const root = document.documentElement;
    const isHtmlTree = root !== null && root.localName === 'html' && root.namespaceURI === HTML_NS;
    if (!HTML_TYPES.has(contentType) || !isHtmlTree) {
      return { ok: false, kind: 'NotHtml', message: `this is not a web page but a ${contentType} document`, contentType };
    }
    const snapshot = { v: VERSION, url: wellFormed(document.URL) };
    if (document.title) snapshot.title = wellFormed(document.title);
    snapshot.doc = [];
    writeTrees(snapshot.doc, [work(root, HTML, false)]);
    const selection = [];
    writeTrees(selection, selectionRoots(selectedRanges()));
    if (selection.length > 0) snapshot.sel = selection;
    const json = JSON.stringify(snapshot);
    const bytes = new TextEncoder().encode(json).length;
    const ms = Math.round((performance.now() - started) * TIMING_PRECISION) / TIMING_PRECISION;
    return { ok: true, json, url: snapshot.url, contentType, bytes, ms };
  } catch (error) {
    return { ok: false, kind: 'CaptureFailed', message: `the page could not be captured: ${error?.message ?? error}` };
  }
}
