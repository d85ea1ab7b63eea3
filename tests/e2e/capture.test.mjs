// The page capture (extension/capture.js) in headless Chromium, on small pages of its own
// (tests/e2e/pages/capture-*.html): the live facts the snapshot carries, checked in the JSON
// and in the article the WASM core extracts from it.
//
//   node --test --test-concurrency=1 tests/e2e/capture.test.mjs

import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';

import {
  byId,
  capture,
  elements,
  launchBrowser,
  loadCore,
  offlinePage,
  outcome,
  readNodeList,
  startServer,
  textOf,
} from './capture-harness.mjs';

const PAGES = '/tests/e2e/pages';
// The depth of the deep page: ten times the core's depth limit, far past any recursion budget.
const DEEP = 5000;

let server;
let browser;
let page;
let rm;

before(async () => {
  [server, browser, rm] = await Promise.all([startServer(), launchBrowser(), loadCore()]);
  page = await offlinePage(browser);
});

after(async () => {
  await browser?.close();
  await server?.stop();
});

const urlOf = (path) => `${server.origin}${path}`;

/** Opens a page, captures it, and returns the result with its snapshot parsed. */
async function captured(path, options) {
  await page.goto(urlOf(path), { waitUntil: 'load' });
  const result = await capture(page, options);
  assert.equal(result.ok, true, `capture failed: ${result.kind}: ${result.message}`);
  const snapshot = JSON.parse(result.json);
  return { result, snapshot, doc: readNodeList(snapshot.doc) };
}

test('stylesheet-hidden elements are flagged and stay out of the article; media placeholders are not', async () => {
  const { result, snapshot, doc } = await captured(`${PAGES}/capture-hidden.html`);
  assert.equal(result.contentType, 'text/html');
  assert.equal(result.bytes, Buffer.byteLength(result.json));
  assert.ok(result.ms >= 0);
  for (const id of ['display-none', 'visibility-hidden', 'opacity-zero', 'zero-height', 'hidden-attr', 'aria-hidden', 'ghost-img']) {
    assert.equal(byId(doc, id)?.flags, 1, `#${id} should be flagged hidden`);
  }
  // A zero-height clipped box holding a not-yet-shown image, and an image fading in: shown.
  assert.equal(byId(doc, 'media-box').flags, 0);
  assert.equal(byId(doc, 'lazy').flags, 0);
  // An image lazysizes keeps invisible until it scrolls into view: shown.
  assert.equal(byId(doc, 'lazysizes').flags, 0);
  // Nothing outside body is flagged, nor is body itself.
  const flaggedTags = [...elements(doc)].filter(({ node }) => node.flags).map(({ node }) => node.tag);
  assert.ok(!flaggedTags.includes('head') && !flaggedTags.includes('body') && !flaggedTags.includes('br'));

  const article = rm.extractSnapshot(result.json);
  assert.match(article.markdown, /old stone bridge/);
  assert.match(article.markdown, /plaque now marks/);
  assert.doesNotMatch(article.markdown, /SECRET-/);
  assert.equal(article.title, "Hidden by the page's stylesheet");
  // The HTML text alone cannot know what the stylesheet hides: the live fact is the capture's.
  const fromHtml = rm.extractHtml(await page.content(), snapshot.url);
  assert.match(fromHtml.markdown, /SECRET-DISPLAY-NONE/);
});

test('a body made invisible by an anti-flicker rule does not hide the article', async () => {
  const { result, doc } = await captured(`${PAGES}/capture-anti-flicker.html`);
  // Visibility inherited from such a body says nothing about an element; display still does.
  assert.equal(byId(doc, 'shown').flags, 0);
  assert.equal(byId(doc, 'display-none').flags, 1);
  const article = rm.extractSnapshot(result.json);
  assert.match(article.markdown, /ferry to the island/);
  assert.match(article.markdown, /walked across the ice/);
  assert.doesNotMatch(article.markdown, /SECRET-/);
});

test('an open shadow root is flattened in place, slots replaced by their assigned nodes', async () => {
  const { result, doc } = await captured(`${PAGES}/capture-shadow.html`);
  const host = byId(doc, 'open-host');
  const tags = [...elements(host.children)].map(({ node }) => node.tag);
  assert.ok(!tags.includes('slot'), 'no slot element is sent');
  assert.ok(!tags.includes('template') && !tags.includes('style'));
  const text = textOf(host);
  const order = ['OPEN-SHADOW-HEADING', 'SLOTTED-LEAD', 'OPEN-SHADOW-TEXT', 'SLOTTED-DEFAULT', 'SLOT-FALLBACK-USED'].map((mark) => text.indexOf(mark));
  assert.ok(order.every((at) => at >= 0), `all the shadow and slotted text is there: ${order}`);
  assert.deepEqual(order, [...order].sort((a, b) => a - b), 'in rendering order');
  assert.ok(!text.includes('SLOT-FALLBACK-UNUSED'), 'a slot with assigned nodes does not show its fallback');
  // The slotted paragraphs sit inside the shadow tree's wrapper, as rendered.
  const wrapper = host.children.find((child) => typeof child !== 'string' && child.attrs.class === 'body');
  assert.match(textOf(wrapper), /SLOTTED-DEFAULT/);

  const article = rm.extractSnapshot(result.json);
  assert.match(article.markdown, /SLOTTED-LEAD/);
  assert.match(article.markdown, /OPEN-SHADOW-TEXT/);
  assert.match(article.markdown, /SLOTTED-DEFAULT/);
});

test('a closed shadow root: its light children without chrome.dom, its shadow tree through chrome.dom', async () => {
  const { doc } = await captured(`${PAGES}/capture-shadow.html`);
  const plain = textOf(byId(doc, 'closed-host'));
  assert.match(plain, /CLOSED-LIGHT/);
  assert.doesNotMatch(plain, /CLOSED-SHADOW-TEXT/);
  const light = [...elements(byId(doc, 'closed-host').children)][0].node;
  assert.equal(light.flags, 1, 'a light child no slot takes is not rendered, so it is flagged');

  // A content script gets chrome.dom.openOrClosedShadowRoot; stand in for it in the page,
  // throwing on non-HTML elements as Chromium's does.
  await page.evaluate(() => {
    globalThis.chrome = {
      dom: {
        openOrClosedShadowRoot(el) {
          if (!(el instanceof HTMLElement)) throw new TypeError('not an HTMLElement');
          return window.__closedRoots.get(el) ?? el.shadowRoot;
        },
      },
    };
  });
  const result = await capture(page);
  assert.equal(result.ok, true, result.message);
  const withDom = readNodeList(JSON.parse(result.json).doc);
  const closed = textOf(byId(withDom, 'closed-host'));
  assert.match(closed, /CLOSED-SHADOW-TEXT/);
  assert.doesNotMatch(closed, /CLOSED-LIGHT/, 'a light child with no slot is not rendered');
  assert.match(textOf(byId(withDom, 'open-host')), /OPEN-SHADOW-HEADING/, 'open roots still come through');
});

test('iframes: same-origin and srcdoc documents become marked divs; blank, sandboxed and external ones stay iframes', async () => {
  const { result, doc } = await captured(`${PAGES}/capture-iframe.html`);
  const same = byId(doc, 'same');
  assert.equal(same.tag, 'div');
  assert.equal(same.attrs['data-rm-iframe'], urlOf(`${PAGES}/capture-frame-child.html`));
  assert.equal(same.attrs.class, 'embed chart');
  assert.equal(same.attrs.title, 'Chart frame');
  assert.equal(same.attrs.src, undefined);
  const sameText = textOf(same);
  assert.match(sameText, /SAME-ORIGIN-FRAME-TEXT/);
  assert.doesNotMatch(sameText, /FRAME-CHILD-TITLE|FRAME-CHILD-AUTHOR/, 'the frame head is not sent');
  const frameHidden = [...elements(same.children)].find(({ node }) => /FRAME-HIDDEN-TEXT/.test(textOf(node)));
  assert.equal(frameHidden.node.flags, 1, 'flags are computed inside the frame');

  const srcdoc = byId(doc, 'srcdoc');
  assert.equal(srcdoc.tag, 'div');
  assert.equal(srcdoc.attrs['data-rm-iframe'], 'about:srcdoc');
  assert.match(textOf(srcdoc), /SRCDOC-FRAME-TEXT/);

  for (const id of ['blank', 'sandboxed', 'external']) {
    const frame = byId(doc, id);
    assert.equal(frame.tag, 'iframe', `#${id} stays an iframe`);
    assert.equal(frame.children.length, 0);
  }
  assert.equal(byId(doc, 'external').attrs.src, 'https://video.example.com/embed/12345');
  assert.ok(!result.json.includes('SANDBOXED-FRAME-TEXT"'), 'an opaque-origin frame is not read');

  const article = rm.extractSnapshot(result.json);
  assert.match(article.markdown, /SAME-ORIGIN-FRAME-TEXT/);
  assert.match(article.markdown, /SRCDOC-FRAME-TEXT/);
  assert.doesNotMatch(article.markdown, /FRAME-HIDDEN-TEXT/);
});

test('the selection goes under sel, cut at its boundaries, and becomes the article', async () => {
  await page.goto(urlOf(`${PAGES}/capture-selection.html`), { waitUntil: 'load' });
  await page.evaluate(() => {
    const start = document.getElementById('start').firstChild;
    const end = document.getElementById('last-item').firstChild;
    const range = document.createRange();
    range.setStart(start, start.data.indexOf('SELECTED-FIRST'));
    range.setEnd(end, end.data.indexOf(' NOT-SELECTED-TAIL'));
    getSelection().removeAllRanges();
    getSelection().addRange(range);
  });
  const result = await capture(page, { selection: true });
  assert.equal(result.ok, true, result.message);
  const snapshot = JSON.parse(result.json);
  const sel = readNodeList(snapshot.sel);
  const selected = textOf(sel);
  assert.match(selected, /^SELECTED-FIRST/, 'the first text is cut at the start');
  assert.match(selected, /SELECTED-ITEM-TWO: the second point, where the selection ends\.$/, 'and the last at the end');
  assert.doesNotMatch(selected, /UNSELECTED|NOT-SELECTED/);
  assert.deepEqual(sel.filter((root) => typeof root !== 'string').map((root) => root.tag), ['p', 'ul'], 'the list items stay in their list');
  assert.match(textOf(readNodeList(snapshot.doc)), /UNSELECTED-INTRO/, 'doc is the whole page still');

  const article = rm.extractSnapshot(result.json);
  assert.equal(article.fromSelection, true);
  assert.match(article.markdown, /SELECTED-FIRST/);
  assert.match(article.markdown, /SELECTED-ITEM-ONE/);
  assert.doesNotMatch(article.markdown, /UNSELECTED|NOT-SELECTED/);

  // The same page without asking for the selection, or with it collapsed: no sel.
  const whole = await capture(page, { selection: false });
  assert.equal(JSON.parse(whole.json).sel, undefined);
  assert.equal(rm.extractSnapshot(whole.json).fromSelection, false);
  await page.evaluate(() => getSelection().collapseToStart());
  const collapsed = await capture(page, { selection: true });
  assert.equal(JSON.parse(collapsed.json).sel, undefined);
});

test('SVG and MathML inside the article keep their namespaces and do not break the capture', async () => {
  await page.goto(urlOf(`${PAGES}/capture-svg-math.html`), { waitUntil: 'load' });
  // Chromium's chrome.dom.openOrClosedShadowRoot throws on SVG and MathML elements.
  await page.evaluate(() => {
    globalThis.chrome = {
      dom: {
        openOrClosedShadowRoot(el) {
          if (!(el instanceof HTMLElement)) throw new TypeError('not an HTMLElement');
          return el.shadowRoot;
        },
      },
    };
  });
  const result = await capture(page);
  assert.equal(result.ok, true, result.message);
  const doc = readNodeList(JSON.parse(result.json).doc);
  const svg = byId(doc, 'drawing');
  const svgTags = [...elements([svg])].map(({ node }) => node.tag);
  assert.deepEqual(svgTags, ['svg', 'title', 'circle', 'a', 'text', 'foreignObject', 'p']);
  const link = [...elements([svg])].find(({ node }) => node.tag === 'a').node;
  assert.equal(link.attrs.href, 'target.html', 'an SVG href is an animated string: sent as written');
  assert.equal(link.attrs['xlink:href'], 'target.html');
  const math = byId(doc, 'formula');
  assert.deepEqual([...elements([math])].map(({ node }) => node.tag).slice(0, 4), ['math', 'mrow', 'msup', 'mi']);

  const article = rm.extractSnapshot(result.json);
  assert.match(article.markdown, /Babylonians/);
  assert.match(article.markdown, /MATH-AFTER/);
  assert.match(article.markdown, /FIGURE-CAPTION/);
});

test('URLs are absolute (base element honoured), images give their currentSrc, fragments stay as written', async () => {
  const { snapshot, doc } = await captured(`${PAGES}/capture-rules.html`);
  const base = urlOf(`${PAGES}/base/`);
  assert.equal(byId(doc, 'relative').attrs.href, `${base}story.html?x=1`);
  assert.equal(byId(doc, 'fragment').attrs.href, '#notes');
  assert.equal(byId(doc, 'js').attrs.href, 'javascript:void(0)');
  assert.equal(byId(doc, 'upper').attrs.href, 'https://example.org/Absolute');
  assert.equal(byId(doc, 'srcset').attrs.src, urlOf('/extension/icons/icon-128.png'), 'the srcset candidate the browser chose');
  assert.equal(byId(doc, 'srcset').attrs.srcset, '/extension/icons/icon-128.png 1x', 'srcset goes as written');
  assert.equal(byId(doc, 'srcset').attrs['data-src'], 'lazy.png');
  assert.equal(byId(doc, 'pictured').attrs.src, urlOf('/extension/icons/icon-48.png'), 'the picture source the browser chose');
  const head = doc[0].children.find((child) => child.tag === 'head');
  const links = head.children.filter((child) => child.tag === 'link');
  assert.deepEqual(links.map((link) => link.attrs.href), [urlOf(`${PAGES}/canonical.html`)], 'only the canonical link, resolved');
  const baseElement = head.children.find((child) => child.tag === 'base');
  assert.equal(baseElement.attrs.href, base);
  assert.equal(snapshot.url, urlOf(`${PAGES}/capture-rules.html`));
  assert.equal(snapshot.title, 'What the capture sends and what it leaves out');
});

test('no code goes out: scripts, styles, templates, comments and on* attributes are left out', async () => {
  const { result, doc } = await captured(`${PAGES}/capture-rules.html`);
  const json = result.json;
  for (const absent of ['SCRIPT_RAN', 'SCRIPT-TEMPLATE-TEXT', 'TEMPLATE-TEXT', 'COMMENT-TEXT', 'margin: 1em', 'alert(1)', 'x()']) {
    assert.ok(!json.includes(absent), `${absent} must not be in the snapshot`);
  }
  for (const { node } of elements(doc)) {
    assert.ok(!['style', 'template'].includes(node.tag), `no <${node.tag}>`);
    assert.ok(!Object.keys(node.attrs).some((name) => /^on/i.test(name)), `no handler on <${node.tag}>`);
    if (node.tag === 'script') assert.equal(node.attrs.type, 'application/ld+json', 'only data scripts');
  }
  assert.match(json, /LD-JSON-HEADLINE/);
  assert.equal(doc[0].attrs.lang, 'en');
  assert.equal(doc[0].attrs.dir, 'ltr');
  // noscript: one text child, its markup, as a script-running browser holds it.
  const noscript = [...elements(doc)].find(({ node }) => node.tag === 'noscript').node;
  assert.equal(noscript.children.length, 1);
  assert.match(noscript.children[0], /<img id="fallback" src="noscript.png" alt="NOSCRIPT-IMAGE">/);
  // Indentation goes as integers; a lone surrogate is replaced, so the JSON stays valid Unicode.
  assert.ok(JSON.parse(json).doc.some((item) => Number.isInteger(item)), 'indentation integers');
  assert.match(textOf(byId(doc, 'lone-surrogate')), /^LONE-SURROGATE:\uFFFD: end$/);
  assert.equal(Buffer.from(json, 'utf8').toString('utf8'), json);

  const article = rm.extractSnapshot(json);
  assert.match(article.markdown, /absolute addresses/);
  assert.equal(article.url, urlOf(`${PAGES}/canonical.html`), 'the canonical link decides the article URL');
});

test(`a page ${DEEP} elements deep is captured without overflowing the stack`, async () => {
  const { result, doc } = await captured(`${PAGES}/capture-deep.html?depth=${DEEP}`);
  let deepest = 0;
  for (const { depth } of elements(doc)) deepest = Math.max(deepest, depth);
  assert.equal(deepest, DEEP + 2, 'html, body, then every div');
  assert.match(result.json, /DEEPEST-TEXT/);
  // The core refuses the depth cleanly (its own limit), rather than crashing.
  const refused = outcome(() => rm.extractSnapshot(result.json));
  assert.equal(refused.error?.name, 'LimitExceeded');
});

test('a document that is not HTML gives NotHtml with its type', async () => {
  const documents = [
    ['/tests/corpus/readability/001/expected.txt', 'text/plain'],
    ['/extension/icons/icon-48.png', 'image/png'],
    ['/extension/manifest.json', 'application/json'],
  ];
  for (const [path, type] of documents) {
    await page.goto(urlOf(path), { waitUntil: 'load' });
    const result = await capture(page, { selection: true });
    assert.equal(result.ok, false, path);
    assert.equal(result.kind, 'NotHtml', path);
    assert.equal(result.contentType, type, path);
    assert.ok(result.message.length > 0);
  }
});

test('an exception inside the capture is reported as CaptureFailed, never thrown', async () => {
  await page.goto(urlOf(`${PAGES}/capture-selection.html`), { waitUntil: 'load' });
  await page.evaluate(() => {
    Object.defineProperty(document, 'documentElement', { get: () => { throw new Error('BROKEN-PAGE'); } });
  });
  const result = await capture(page);
  assert.equal(result.ok, false);
  assert.equal(result.kind, 'CaptureFailed');
  assert.match(result.message, /BROKEN-PAGE/);
});
