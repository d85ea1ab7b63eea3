// The Readmark playground: a static page on the same WebAssembly package as the extension.
// Input: a dropped or chosen .html file (decoded with the charset the page declares), pasted
// HTML, or the bundled sample; an optional page URL. Output: the metadata, the time taken, the
// article (sanitized HTML from the core, shown only inside a sandboxed frame without script
// permission), the Markdown document, Copy and Download.
//
// Page-derived text reaches this document through textContent only; page-derived HTML only
// through the frame's srcdoc.

import init, * as rm from './pkg/readmark.js';
// Shared with the extension, copied here by scripts/build-wasm.sh: the reader document (its
// stylesheet and policy), the formatting helpers, the sentences for the core's errors.
import { formatBytes, formatDuration, formatReadingTime, formatWords, hostOf } from './shared/format.js';
import { messageFor, noArticleMessage } from './shared/pages.js';
import { LANG_TAG, readerDocument } from './shared/reader-doc.js';

// Relative links resolve against this when no URL is given and the page declares none:
// `.invalid` is reserved (RFC 2606), so such links can never reach a real site.
const FALLBACK_URL = 'https://example.invalid/';
const SAMPLE = { path: 'samples/panorama.html', name: 'panorama.html' };
// How many bytes of a file are searched for its charset declaration (the HTML standard's
// prescan reads 1024; saved pages sometimes carry long comments first).
const PRESCAN_BYTES = 4096;
const HTML_FILE = /\.(x?html?|xht)$/i;
const HTML_TYPES = new Set(['text/html', 'application/xhtml+xml']);
const FEEDBACK_MS = 1800;
// What a user should read for each error kind. The core's kinds take the extension's sentence
// (shared/pages.js) with a hint for this page; the others are the playground's own.
const CORE_HINTS = {
  NoArticle:
    'Readmark looks for a body of running text. A home page, a list of links, a form or an empty page has none — try the page of a single article.',
  NotHtml: 'Drop a web page saved as .html, or paste its source.',
  InvalidUrl: 'Enter an absolute address such as https://example.com/news/1, or leave the field empty.',
  LimitExceeded: 'The core bounds the size, node count and nesting depth of its input.',
};
const PLAYGROUND_ERRORS = {
  EmptyInput: { title: 'Nothing to extract', hint: 'Drop or choose an .html file, paste HTML into the box, or load the sample.' },
  NotHtmlFile: { title: 'That file is not an HTML page', hint: 'Choose a page saved as .html or .htm.' },
  ReadFailed: { title: 'The file could not be read', hint: 'Try saving the page again.' },
  WasmLoad: {
    title: 'The WebAssembly core could not be loaded',
    hint: 'Build it with scripts/build-wasm.sh (it lands in www/pkg/) and serve this folder over HTTP.',
  },
};

/**
 * `{ title, hint }` for an error kind: the playground's own, else the shared sentence; `page`
 * is what the core read of a page without an article, whose sentence then names it.
 */
function errorText(kind, page) {
  const sentence = kind === 'NoArticle' ? noArticleMessage(page) : messageFor(kind);
  return PLAYGROUND_ERRORS[kind] ?? { title: sentence.replace(/\.$/, ''), hint: CORE_HINTS[kind] ?? '' };
}

// Dates are shown as the page wrote them (its own wall-clock time, whatever its offset), so
// the formatters work in UTC on the written fields.
const DATE = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeZone: 'UTC' });
const DATE_TIME = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short', timeZone: 'UTC' });
const ISO_DATE = /^(\d{4})-(\d\d)-(\d\d)(?:[T ](\d\d):(\d\d))?/;
const LANGUAGE_NAMES = new Intl.DisplayNames(['en'], { type: 'language' });

const $ = (id) => document.getElementById(id);

const state = {
  ready: false,
  wasmMs: 0,
  // Where the textarea's HTML came from: { kind: 'paste' } or { kind: 'file' | 'sample', name, bytes, encoding, declared }.
  source: { kind: 'paste' },
  // The last successful result: { article, document, filename }.
  result: null,
  busy: false,
};

/* ---------- formatting ---------- */

/** "Oct 30, 2020, 10:31 PM" for "2020-10-30T22:31:00+04:00"; other values as written. */
function formatDate(value) {
  if (!value) return null;
  const match = ISO_DATE.exec(value);
  if (!match) return value;
  const [, year, month, day, hour, minute] = match;
  const date = new Date(Date.UTC(+year, +month - 1, +day, +(hour ?? 0), +(minute ?? 0)));
  if (Number.isNaN(date.getTime())) return value;
  return (hour ? DATE_TIME : DATE).format(date);
}

function languageName(tag) {
  if (!tag) return null;
  try {
    const name = LANGUAGE_NAMES.of(tag);
    return name && name !== tag ? `${name} (${tag})` : tag;
  } catch {
    return tag;
  }
}

/* ---------- decoding a file ---------- */

/**
 * The text of an HTML file's bytes, decoded as a browser would: a byte-order mark first, then
 * the charset a `<meta charset>` / `<meta http-equiv="Content-Type">` (or an XML declaration)
 * names near the start, else UTF-8.
 * Returns { text, encoding, declared } — `declared` is the label the page used, or null.
 */
export function decodeHtml(bytes) {
  const bom = bomEncoding(bytes);
  if (bom) return { text: new TextDecoder(bom).decode(bytes), encoding: bom, declared: 'byte-order mark' };
  const declared = declaredCharset(bytes);
  let decoder = null;
  if (declared) {
    try {
      decoder = new TextDecoder(declared);
    } catch {
      decoder = null; // an unknown label: UTF-8, as browsers fall back
    }
    // A page that declares UTF-16 in ASCII cannot be UTF-16: the standard reads it as UTF-8.
    if (decoder && decoder.encoding.startsWith('utf-16')) decoder = null;
  }
  decoder ??= new TextDecoder('utf-8');
  return { text: decoder.decode(bytes), encoding: decoder.encoding, declared };
}

function bomEncoding(b) {
  if (b[0] === 0xef && b[1] === 0xbb && b[2] === 0xbf) return 'utf-8';
  if (b[0] === 0xff && b[1] === 0xfe) return 'utf-16le';
  if (b[0] === 0xfe && b[1] === 0xff) return 'utf-16be';
  return null;
}

function declaredCharset(bytes) {
  // Every byte maps to one character in windows-1252 (ASCII unchanged), which is all the
  // prescan needs; comments are skipped as the standard's prescan skips them.
  const head = new TextDecoder('windows-1252')
    .decode(bytes.subarray(0, PRESCAN_BYTES))
    .replace(/<!--[\s\S]*?(-->|$)/g, '');
  for (const tag of head.match(/<meta\b[^>]*>/gi) ?? []) {
    const charset = tag.match(/\bcharset\s*=\s*["']?\s*([^\s"'>;/]+)/i);
    if (charset) return charset[1].toLowerCase();
  }
  const xml = head.match(/^\s*<\?xml[^>]*\bencoding\s*=\s*["']([^"']+)["']/i);
  return xml ? xml[1].toLowerCase() : null;
}

/* ---------- the page URL ---------- */

function isWebUrl(value) {
  try {
    const url = new URL(value);
    return url.protocol === 'https:' || url.protocol === 'http:';
  } catch {
    return false;
  }
}

/**
 * Extracts `html` with the URL the user typed; without one, first with FALLBACK_URL, and when
 * the core then reports the page's own address (its canonical link or og:url, which the core
 * reads and makes absolute), once more with that address, so that relative links and images
 * resolve as on the real page. Throws the core's error.
 * Resolves { article, url, how: 'typed' | 'page' | 'fallback', extractMs, probeMs }.
 */
function extractWithUrl(html) {
  const typed = $('url').value.trim();
  let t = performance.now();
  let article = rm.extractHtml(html, typed || FALLBACK_URL);
  let extractMs = performance.now() - t;
  if (typed) return { article, url: typed, how: 'typed', extractMs, probeMs: 0 };

  const declared = article.url && isWebUrl(article.url) && new URL(article.url).hostname !== new URL(FALLBACK_URL).hostname
    ? article.url
    : null;
  if (!declared) return { article, url: FALLBACK_URL, how: 'fallback', extractMs, probeMs: 0 };
  const probeMs = extractMs;
  t = performance.now();
  article = rm.extractHtml(html, declared);
  extractMs = performance.now() - t;
  return { article, url: declared, how: 'page', extractMs, probeMs };
}

function showUrlNote({ url, how }) {
  const note = $('url-note');
  note.dataset.tone = how === 'fallback' ? 'warn' : 'info';
  const code = document.createElement('code');
  code.textContent = url;
  if (how === 'typed') {
    note.replaceChildren('Relative links and images resolve against ', code, '.');
  } else if (how === 'fallback') {
    note.replaceChildren(
      'No URL given and the page declares none (no canonical link, no og:url): relative links and images resolve against the placeholder ',
      code,
      '. Enter the page’s address to fix them.',
    );
  } else {
    note.replaceChildren('No URL given: using the address the page declares (canonical link or og:url), ', code, '.');
  }
}

/* ---------- status and errors ---------- */

function setStatus(text, tone = 'info') {
  const status = $('status');
  status.dataset.tone = tone;
  status.textContent = text;
}

function showError(kind, message, page) {
  const known = errorText(kind, page);
  const card = $('error');
  const icon = svgIcon('#i-alert', 'error-icon');
  const body = document.createElement('div');
  body.className = 'error-body';
  const title = document.createElement('p');
  title.className = 'error-title';
  title.textContent = known.title;
  const hint = document.createElement('p');
  hint.className = 'error-hint';
  hint.textContent = known.hint;
  const detail = document.createElement('p');
  detail.className = 'error-detail';
  const code = document.createElement('code');
  code.textContent = kind;
  detail.append(code, ` ${message}`);
  body.append(title, ...(known.hint ? [hint] : []), detail);
  card.dataset.kind = kind;
  card.replaceChildren(icon, body);
  $('result').hidden = true;
  $('placeholder').hidden = true;
  document.body.dataset.state = 'error';
  state.result = null;
  setStatus(`${title.textContent}.`, 'error');
}

function clearError() {
  $('error').replaceChildren();
  delete $('error').dataset.kind;
}

function svgIcon(href, className = '') {
  const ns = 'http://www.w3.org/2000/svg';
  const svg = document.createElementNS(ns, 'svg');
  svg.setAttribute('class', `icon ${className}`.trim());
  svg.setAttribute('aria-hidden', 'true');
  svg.setAttribute('focusable', 'false');
  const use = document.createElementNS(ns, 'use');
  use.setAttribute('href', href);
  svg.append(use);
  return svg;
}

/* ---------- extraction ---------- */

function extract() {
  if (!state.ready || state.busy) return;
  const html = $('html').value;
  clearError();
  if (!html.trim()) {
    showError('EmptyInput', 'The HTML box is empty.');
    return;
  }
  state.busy = true;
  try {
    const found = extractWithUrl(html);
    const { article, extractMs, probeMs } = found;
    showUrlNote(found);

    let t = performance.now();
    const markdownDocument = rm.markdownDocument(article, { frontMatter: true, savedAt: new Date().toISOString() });
    const markdownMs = performance.now() - t;

    t = performance.now();
    const rendered = rm.renderMarkdown(article.markdown);
    const renderMs = performance.now() - t;

    const filename = rm.downloadFilename(article.title || 'article');
    state.result = { article, document: markdownDocument, filename };
    showResult(article, markdownDocument, rendered, { extractMs, probeMs, markdownMs, renderMs });
  } catch (error) {
    // The core's errors are named by their kind (NoArticle, InvalidUrl, …).
    showError(error?.name || 'Error', error?.message || String(error), error?.page);
  } finally {
    state.busy = false;
  }
}

function showResult(article, markdownDocument, html, timing) {
  const title = $('title');
  title.textContent = article.title || 'Untitled article';
  if (LANG_TAG.test(article.lang ?? '')) title.lang = article.lang;
  else title.removeAttribute('lang');

  const link = $('article-url');
  const url = article.url && isWebUrl(article.url) ? article.url : null;
  link.hidden = !url;
  if (url) {
    link.href = url;
    link.title = url;
    $('article-url-text').textContent = url;
  }

  setFact('byline', article.byline);
  setFact('site', article.siteName || hostOf(article.url));
  setFact('published', formatDate(article.publishedTime), article.publishedTime);
  setFact('lang', languageName(article.lang) && `${languageName(article.lang)}${article.dir === 'rtl' ? ' · right to left' : ''}`);
  setFact('words', (article.wordCount ?? 0).toLocaleString()); // under its label: the number alone
  setFact('reading-time', formatReadingTime(article.readingTimeMinutes));

  $('extract-ms').textContent = formatDuration(timing.extractMs);
  // Without a URL, a first pass found the page's own address (see extractWithUrl).
  $('probe').hidden = !timing.probeMs;
  $('probe-ms').textContent = timing.probeMs ? formatDuration(timing.probeMs) : '';
  $('markdown-ms').textContent = formatDuration(timing.markdownMs);
  $('render-ms').textContent = formatDuration(timing.renderMs);
  $('wasm-ms').textContent = formatDuration(state.wasmMs);
  $('source-summary').textContent = sourceSummary();

  // The extension's reader document, with the article's images allowed (the playground shows
  // the page as it would read; the frame still runs no script and fetches nothing else).
  $('article-frame').srcdoc = readerDocument(html, { lang: article.lang, dir: article.dir, images: true });
  $('markdown').textContent = markdownDocument;
  $('markdown-size').textContent = formatBytes(new TextEncoder().encode(markdownDocument).length);
  $('json').textContent = JSON.stringify(metadataOf(article), null, 2);

  $('placeholder').hidden = true;
  $('result').hidden = false;
  document.body.dataset.state = 'ready';
  document.title = `${title.textContent} — Readmark playground`;
  setStatus(`Article extracted: ${formatWords(article.wordCount)} in ${formatDuration(timing.extractMs)}.`, 'success');
}

function setFact(id, text, tooltip) {
  const dd = $(id);
  dd.textContent = text || '—';
  dd.classList.toggle('absent', !text);
  if (tooltip) dd.title = tooltip;
  else dd.removeAttribute('title');
}

function sourceSummary() {
  const { source } = state;
  if (source.kind === 'paste') return 'From pasted HTML';
  const what = source.kind === 'sample' ? `sample ${source.name}` : source.name;
  return `From ${what} · ${formatBytes(source.bytes)} · ${source.encoding}`;
}

/** The article object without its three long texts, for the JSON view. */
function metadataOf(article) {
  const { contentHtml, markdown, text, ...rest } = article;
  return {
    ...rest,
    contentHtml: `(${formatBytes(contentHtml?.length ?? 0)} of HTML)`,
    markdown: `(${formatBytes(markdown?.length ?? 0)} of Markdown)`,
    text: `(${formatBytes(text?.length ?? 0)} of text)`,
  };
}

/* ---------- inputs ---------- */

async function loadBytes(bytes, source) {
  const { text, encoding, declared } = decodeHtml(bytes);
  state.source = { ...source, bytes: bytes.length, encoding, declared };
  $('html').value = text;
  const how = declared ? `declared charset ${declared}` : 'no charset declared';
  $('source-note').textContent = `${source.kind === 'sample' ? 'Sample' : 'File'} ${source.name}: ${formatBytes(bytes.length)}, decoded as ${encoding} (${how}).`;
  extract();
}

async function loadFile(file) {
  if (!file) return;
  if (!HTML_FILE.test(file.name) && !HTML_TYPES.has(file.type)) {
    clearError();
    showError('NotHtmlFile', `“${file.name}” (${file.type || 'unknown type'}) is not an .html file.`);
    return;
  }
  setStatus(`Reading ${file.name}…`);
  let bytes;
  try {
    bytes = new Uint8Array(await file.arrayBuffer());
  } catch (error) {
    showError('ReadFailed', error?.message || String(error));
    return;
  }
  await loadBytes(bytes, { kind: 'file', name: file.name });
}

async function loadSample() {
  if (!state.ready) return;
  setStatus('Loading the sample…');
  let bytes;
  try {
    const response = await fetch(SAMPLE.path);
    if (!response.ok) throw new Error(`${SAMPLE.path}: HTTP ${response.status}`);
    bytes = new Uint8Array(await response.arrayBuffer());
  } catch (error) {
    showError('ReadFailed', error?.message || String(error));
    return;
  }
  $('url').value = ''; // the sample names its own canonical URL
  await loadBytes(bytes, { kind: 'sample', name: SAMPLE.name });
}

function setupDrop() {
  const drop = $('drop');
  let depth = 0;
  const hasFiles = (event) => [...(event.dataTransfer?.types ?? [])].includes('Files');
  document.addEventListener('dragenter', (event) => {
    if (!hasFiles(event)) return;
    event.preventDefault();
    depth += 1;
    document.body.dataset.dragging = '';
  });
  document.addEventListener('dragover', (event) => {
    if (!hasFiles(event)) return;
    event.preventDefault();
    event.dataTransfer.dropEffect = 'copy';
  });
  document.addEventListener('dragleave', (event) => {
    if (!hasFiles(event)) return;
    depth = Math.max(0, depth - 1);
    if (depth === 0) delete document.body.dataset.dragging;
  });
  // A file dropped anywhere on the page is taken, not opened by the browser.
  document.addEventListener('drop', (event) => {
    if (!hasFiles(event)) return;
    event.preventDefault();
    depth = 0;
    delete document.body.dataset.dragging;
    if (!state.ready) return;
    loadFile(event.dataTransfer.files[0]);
  });
  drop.addEventListener('dragover', () => drop.classList.add('over'));
  drop.addEventListener('dragleave', () => drop.classList.remove('over'));
  drop.addEventListener('drop', () => drop.classList.remove('over'));
}

/* ---------- output actions ---------- */

const feedbackTimers = new Map();

function confirmOnButton(button, text) {
  const label = button.querySelector('.label');
  const use = button.querySelector('use');
  button.dataset.original ??= label.textContent;
  button.dataset.icon ??= use.getAttribute('href');
  label.textContent = text;
  use.setAttribute('href', '#i-check');
  button.dataset.done = '';
  clearTimeout(feedbackTimers.get(button));
  feedbackTimers.set(
    button,
    setTimeout(() => {
      label.textContent = button.dataset.original;
      use.setAttribute('href', button.dataset.icon);
      delete button.dataset.done;
    }, FEEDBACK_MS),
  );
}

function download() {
  if (!state.result) return;
  const { document: text, filename } = state.result;
  const blob = new Blob([text], { type: 'text/markdown;charset=utf-8' });
  const href = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = href;
  a.download = filename;
  a.hidden = true;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(href), 60_000);
  confirmOnButton($('download'), 'Downloaded');
  setStatus(`Downloading “${filename}”.`, 'success');
}

async function copy() {
  if (!state.result) return;
  try {
    await navigator.clipboard.writeText(state.result.document);
  } catch {
    // The Clipboard API refused (permissions, insecure origin): select the text instead.
    selectTab('tab-markdown');
    getSelection().selectAllChildren($('markdown'));
    if (!document.execCommand('copy')) {
      $('markdown').focus();
      setStatus('The browser refused to copy. The Markdown is selected: press Ctrl+C (⌘C).', 'error');
      return;
    }
  }
  confirmOnButton($('copy'), 'Copied');
  setStatus('Markdown copied to the clipboard.', 'success');
}

/* ---------- tabs ---------- */

const TABS = ['tab-article', 'tab-markdown', 'tab-json'];

function selectTab(id, { focus = false } = {}) {
  for (const tabId of TABS) {
    const tab = $(tabId);
    const selected = tabId === id;
    tab.setAttribute('aria-selected', String(selected));
    tab.tabIndex = selected ? 0 : -1;
    $(tab.getAttribute('aria-controls')).hidden = !selected;
  }
  if (focus) $(id).focus();
}

function setupTabs() {
  for (const id of TABS) $(id).addEventListener('click', () => selectTab(id));
  $('tab-article').parentElement.addEventListener('keydown', (event) => {
    const index = TABS.indexOf(event.target.id);
    if (index < 0) return;
    const next = {
      ArrowRight: (index + 1) % TABS.length,
      ArrowLeft: (index - 1 + TABS.length) % TABS.length,
      Home: 0,
      End: TABS.length - 1,
    }[event.key];
    if (next === undefined) return;
    event.preventDefault();
    selectTab(TABS[next], { focus: true });
  });
}

/* ---------- start ---------- */

function setReady(ready) {
  state.ready = ready;
  for (const id of ['sample', 'placeholder-sample', 'extract']) $(id).disabled = !ready;
  $('file').disabled = !ready;
}

async function start() {
  setupDrop();
  setupTabs();
  $('extract').addEventListener('click', extract);
  $('sample').addEventListener('click', loadSample);
  $('placeholder-sample').addEventListener('click', loadSample);
  $('file').addEventListener('change', (event) => {
    const [file] = event.target.files;
    loadFile(file);
    event.target.value = ''; // choosing the same file again still fires `change`
  });
  $('html').addEventListener('input', () => {
    state.source = { kind: 'paste' };
    $('source-note').textContent = '';
  });
  for (const id of ['html', 'url']) {
    $(id).addEventListener('keydown', (event) => {
      if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) {
        event.preventDefault();
        extract();
      }
    });
  }
  $('url').addEventListener('keydown', (event) => {
    if (event.key === 'Enter' && !event.ctrlKey && !event.metaKey) {
      event.preventDefault();
      extract();
    }
  });
  $('copy').addEventListener('click', copy);
  $('download').addEventListener('click', download);

  const t = performance.now();
  try {
    await init({ module_or_path: new URL('./pkg/readmark_bg.wasm', import.meta.url) });
  } catch (error) {
    $('core-text').textContent = 'WebAssembly core unavailable';
    $('core').dataset.tone = 'error';
    document.body.dataset.state = 'error';
    showError('WasmLoad', error?.message || String(error));
    return;
  }
  state.wasmMs = performance.now() - t;
  const load = document.createElement('span');
  load.className = 'core-load';
  load.textContent = ` · WebAssembly loaded in ${formatDuration(state.wasmMs)}`;
  $('core-text').replaceChildren(`Core ${rm.version()}`, load);
  $('core').dataset.tone = 'ok';
  document.body.dataset.state = 'idle';
  setReady(true);
}

start();
