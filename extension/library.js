// The library page: lists, searches, opens, downloads and deletes saved articles. Article text
// is shown only inside a sandboxed iframe without script permission (its srcdoc is the HTML
// sanitized by the Rust core); everything else reaches the DOM through textContent.

import { api } from './lib/api.js';
import { send } from './lib/messages.js';
import {
  formatDate,
  formatFullDate,
  formatReadingTime,
  formatRelative,
  formatWords,
  hostOf,
} from './format.js';

// Typing pauses shorter than this do not start a search.
const SEARCH_DEBOUNCE_MS = 150;
// How long a confirmation ("Deleted …") stays in the toast; errors stay until the next message.
const STATUS_MS = 4000;
// storage.local keys of library records (docs/extension.md, "Library records").
const ARTICLE_KEY_PREFIX = 'article:';
// library.html#id=<encodeURIComponent(id)> opens that article.
const HASH_PREFIX = '#id=';
// Below this width the reader replaces the list (the same breakpoint as library.css).
const NARROW = matchMedia('(max-width: 760px)');
// A language tag safe to put in the reader's lang attribute as is (BCP 47 shape).
const LANG_TAG = /^[a-z]{2,8}(-[a-z0-9]{1,8})*$/i;
// The reader frame's own policy: no script, no fetches beyond images and media, inline style only.
const READER_CSP = "default-src 'none'; img-src https: http: data:; media-src https: http:; style-src 'unsafe-inline'";
// Reading typography for the frame: a measure of about 70 characters (the same 42rem as the
// reader's header in library.css; a scrollbar gutter on both sides keeps it centred under the
// header), scaled media, tables and code that scroll, light and dark.
const READER_CSS = `
:root { color-scheme: light dark; --text: #1f2328; --muted: #57606a; --bg: #ffffff; --rule: #d9dde3;
  --link: #2350c2; --code-bg: #f2f4f7; --quote: #c9d1db; }
@media (prefers-color-scheme: dark) { :root { --text: #e4e6e9; --muted: #a3abb7; --bg: #1b1e23;
  --rule: #363c45; --link: #8fb1ff; --code-bg: #262a31; --quote: #4a525e; } }
html { background: var(--bg); color: var(--text); -webkit-text-size-adjust: 100%; scrollbar-width: thin;
  scrollbar-color: var(--rule) transparent; scrollbar-gutter: stable both-edges; }
body { margin: 0; padding: 4px 28px 72px; font: 18px/1.7 Charter, "Bitstream Charter", "Sitka Text", Cambria,
  "Noto Serif", "DejaVu Serif", Georgia, serif; overflow-wrap: break-word; }
main { max-width: 42rem; margin: 0 auto; }
main > :first-child { margin-top: 0; }
p, ul, ol, dl, figure, table, pre, blockquote { margin: 0 0 1.1em; }
h1, h2, h3, h4, h5, h6 { font-family: system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", sans-serif;
  line-height: 1.3; margin: 1.8em 0 0.6em; letter-spacing: -0.01em; }
h1 { font-size: 1.6em; } h2 { font-size: 1.35em; } h3 { font-size: 1.15em; } h4, h5, h6 { font-size: 1em; }
a { color: var(--link); text-underline-offset: 0.15em; text-decoration-thickness: 1px; }
a:hover { text-decoration-thickness: 2px; }
a:focus-visible { outline: 2px solid var(--link); outline-offset: 2px; border-radius: 2px; }
img, video, svg, picture { max-width: 100%; height: auto; }
img { display: block; margin: 1.4em auto; border-radius: 6px; }
figure { margin: 1.6em 0; } figure img { margin: 0 auto; }
figcaption { margin-top: 0.5em; font: 0.8em/1.5 system-ui, sans-serif; color: var(--muted); text-align: center; }
blockquote { margin-left: 0; padding: 0.1em 0 0.1em 1.1em; border-left: 3px solid var(--quote); color: var(--muted);
  font-style: italic; }
code, kbd, samp { font: 0.86em/1.5 ui-monospace, "SF Mono", Menlo, Consolas, "Liberation Mono", monospace;
  background: var(--code-bg); border-radius: 4px; padding: 0.1em 0.3em; }
pre { background: var(--code-bg); padding: 0.9em 1.1em; border-radius: 8px; overflow-x: auto; line-height: 1.5; }
pre code { background: none; padding: 0; font-size: 0.84em; }
table { display: block; max-width: 100%; overflow-x: auto; border-collapse: collapse; font-size: 0.88em;
  line-height: 1.5; }
th, td { border: 1px solid var(--rule); padding: 0.4em 0.7em; text-align: start; vertical-align: top; }
th { background: var(--code-bg); font-weight: 650; }
hr { border: 0; border-top: 1px solid var(--rule); margin: 2.2em 0; }
li { margin: 0.25em 0; }
li > p { margin: 0; }
sup, sub { line-height: 0; }
@media (max-width: 600px) { body { padding: 0 16px 48px; font-size: 17px; } }
`;

const $ = (id) => document.getElementById(id);

const view = {
  items: [], // the summaries shown, newest first
  query: '',
  openId: null,
  openRecord: null,
  listRequest: 0, // ids of the latest requests: older answers are dropped
  openRequest: 0,
  searchTimer: 0,
  statusTimer: 0,
};

/* ---------- small DOM helpers ---------- */

function el(tag, className, text) {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (text !== undefined) node.textContent = text;
  return node;
}

function timeElement(iso, text) {
  const time = el('time', '', text);
  time.dateTime = iso;
  time.title = formatFullDate(iso) ?? iso;
  return time;
}

function announce(text, tone = 'info') {
  const status = $('status');
  clearTimeout(view.statusTimer);
  status.dataset.tone = tone;
  status.textContent = text;
  if (tone !== 'error') view.statusTimer = setTimeout(() => (status.textContent = ''), STATUS_MS);
}

function countText(count, query) {
  if (count === 0) return query ? 'No matches' : 'No articles';
  const noun = count === 1 ? 'article' : 'articles';
  return `${count.toLocaleString()} ${noun}${query ? ' found' : ''}`;
}

/* ---------- list ---------- */

function entry(summary) {
  const li = el('li');
  li.dataset.id = summary.id;
  const button = el('button', 'entry');
  button.type = 'button';
  button.tabIndex = -1;
  const title = el('span', 'entry-title', summary.title || 'Untitled article');
  title.dir = 'auto';
  const meta = el('span', 'entry-meta');
  meta.append(
    el('span', 'entry-site', summary.siteName || hostOf(summary.url)),
    timeElement(summary.savedAt, `Saved ${formatRelative(summary.savedAt)}`),
  );
  const stats = el('span', 'entry-stats', `${formatWords(summary.wordCount)} · ${formatReadingTime(summary.readingTimeMinutes)}`);
  button.append(title, meta);
  if (summary.excerpt) {
    const excerpt = el('span', 'entry-excerpt', summary.excerpt);
    excerpt.dir = 'auto';
    excerpt.setAttribute('aria-hidden', 'true');
    button.append(excerpt);
  }
  button.append(stats);
  li.append(button);
  return li;
}

function entries() {
  return [...$('list').querySelectorAll('li[data-id] > .entry')];
}

function entryFor(id) {
  return entries().find((button) => button.parentElement.dataset.id === id) ?? null;
}

/** Marks the open article and gives the one tab stop of the list to it (or to the first entry). */
function markCurrent() {
  const buttons = entries();
  const current = entryFor(view.openId);
  for (const button of buttons) {
    const isCurrent = button === current;
    if (isCurrent) button.setAttribute('aria-current', 'true');
    else button.removeAttribute('aria-current');
    button.tabIndex = -1;
  }
  const tabStop = current ?? buttons[0];
  if (tabStop) tabStop.tabIndex = 0;
}

function renderList() {
  const { items, query } = view;
  const focusedId = document.activeElement?.closest?.('li[data-id]')?.dataset.id;
  const libraryEmpty = !query && items.length === 0;
  document.body.toggleAttribute('data-empty', libraryEmpty);
  $('empty').hidden = !libraryEmpty;
  $('count').textContent = countText(items.length, query);
  $('no-results').hidden = !(query && items.length === 0);
  $('no-results-text').textContent = `Nothing in your library matches “${query}”.`;
  $('list').replaceChildren(...items.map(entry));
  markCurrent();
  if (focusedId) entryFor(focusedId)?.focus();
}

async function refreshList() {
  const request = ++view.listRequest;
  const { query } = view;
  try {
    const items = query ? await send('search', { query }) : await send('list');
    if (request !== view.listRequest) return;
    view.items = items;
    renderList();
    document.body.dataset.state = 'ready';
  } catch (error) {
    if (request !== view.listRequest) return;
    document.body.dataset.state = 'error';
    $('count').textContent = '';
    announce(error.message || 'The library could not be read.', 'error');
  }
}

function scheduleSearch() {
  clearTimeout(view.searchTimer);
  view.searchTimer = setTimeout(runSearch, SEARCH_DEBOUNCE_MS);
}

function runSearch() {
  clearTimeout(view.searchTimer);
  const query = $('search').value.trim();
  if (query === view.query) return;
  view.query = query;
  refreshList();
}

function clearSearch() {
  $('search').value = '';
  runSearch();
  $('search').focus();
}

/* ---------- reader ---------- */

function readerDocument(record, html) {
  const lang = LANG_TAG.test(record.lang ?? '') ? ` lang="${record.lang}"` : '';
  const dir = record.dir === 'rtl' || record.dir === 'ltr' ? record.dir : 'auto';
  return (
    `<!doctype html><html${lang} dir="${dir}"><head><meta charset="utf-8">` +
    `<meta http-equiv="Content-Security-Policy" content="${READER_CSP}">` +
    '<meta name="color-scheme" content="light dark"><meta name="referrer" content="no-referrer">' +
    `<style>${READER_CSS}</style></head><body><main>${html}</main></body></html>`
  );
}

function setMetaItem(id, content) {
  const item = $(id);
  item.hidden = !content;
  item.replaceChildren(...(content ? [content] : []));
}

function showReaderMeta(record) {
  const published = formatDate(record.publishedTime);
  setMetaItem('reader-byline', record.byline && `By ${record.byline}`);
  setMetaItem('reader-site', record.siteName || hostOf(record.url));
  setMetaItem('reader-published', published && timeElement(record.publishedTime, `Published ${published}`));
  setMetaItem('reader-saved', timeElement(record.savedAt, `Saved ${formatRelative(record.savedAt)}`));
  setMetaItem('reader-length', `${formatWords(record.wordCount)} · ${formatReadingTime(record.readingTimeMinutes)}`);
  $('reader-open').href = record.url;
  $('reader-open').title = record.url;
}

function showReader(record, html) {
  view.openRecord = record;
  const title = $('reader-title');
  title.textContent = record.title || 'Untitled article';
  if (LANG_TAG.test(record.lang ?? '')) title.lang = record.lang;
  else title.removeAttribute('lang');
  showReaderMeta(record);
  $('reader-frame').srcdoc = readerDocument(record, html);
  $('reader').hidden = false;
  $('placeholder').hidden = true;
  document.body.dataset.view = 'reader';
  document.title = `${title.textContent} — Readmark`;
}

async function openArticle(id, { focusReader = false } = {}) {
  const request = ++view.openRequest;
  view.openId = id;
  syncHash();
  markCurrent();
  try {
    const { record, html } = await send('get', { id });
    if (request !== view.openRequest) return;
    showReader(record, html);
    if (focusReader || NARROW.matches) $('reader-title').focus();
  } catch (error) {
    if (request !== view.openRequest) return;
    closeReader();
    announce(error.message || 'This article could not be opened.', 'error');
  }
}

function closeReader({ restoreFocus = false } = {}) {
  const closedId = view.openId;
  view.openRequest++;
  view.openId = null;
  view.openRecord = null;
  $('reader').hidden = true;
  $('placeholder').hidden = false;
  $('reader-frame').removeAttribute('srcdoc');
  delete document.body.dataset.view;
  document.title = 'Readmark library';
  syncHash();
  markCurrent();
  if (restoreFocus) (entryFor(closedId) ?? $('search')).focus();
}

/* ---------- hash ---------- */

function idFromHash() {
  if (!location.hash.startsWith(HASH_PREFIX)) return null;
  try {
    return decodeURIComponent(location.hash.slice(HASH_PREFIX.length)) || null;
  } catch {
    return null;
  }
}

function syncHash() {
  const hash = view.openId ? HASH_PREFIX + encodeURIComponent(view.openId) : '';
  if (location.hash === hash) return;
  history.replaceState(null, '', hash || location.pathname + location.search);
}

function onHashChange() {
  const id = idFromHash();
  if (id && id !== view.openId) openArticle(id);
  else if (!id && view.openId) closeReader();
}

/* ---------- actions ---------- */

function titleOf(id) {
  const known = view.items.find((item) => item.id === id) ?? view.openRecord;
  return known?.title || 'Untitled article';
}

function confirmDelete(title) {
  const dialog = $('confirm-delete');
  $('confirm-text').textContent = `“${title}” will be removed from your library. The original page is not affected.`;
  dialog.returnValue = '';
  dialog.showModal();
  return new Promise((resolve) => {
    dialog.addEventListener('close', () => resolve(dialog.returnValue === 'delete'), { once: true });
  });
}

async function askDelete(id) {
  const title = titleOf(id);
  if (!(await confirmDelete(title))) return;
  const position = entries().findIndex((button) => button.parentElement.dataset.id === id);
  try {
    await send('delete', { id });
  } catch (error) {
    announce(error.message || 'The article could not be deleted.', 'error');
    return;
  }
  if (view.openId === id) closeReader();
  await refreshList();
  const next = entries()[Math.min(position, entries().length - 1)];
  (next ?? $('search')).focus();
  announce(`Deleted “${title}”`);
}

async function downloadOpen() {
  try {
    const { filename } = await send('download', { id: view.openId });
    announce(`Downloading “${filename}”`);
  } catch (error) {
    announce(error.message || 'The download did not start.', 'error');
  }
}

/* ---------- keyboard ---------- */

function isTyping(target) {
  return target.closest('input, textarea, select, [contenteditable="true"]') !== null;
}

function moveFocus(current, key) {
  const buttons = entries();
  const index = buttons.indexOf(current);
  const targets = {
    ArrowDown: Math.min(index + 1, buttons.length - 1),
    ArrowUp: Math.max(index - 1, 0),
    Home: 0,
    End: buttons.length - 1,
  };
  const next = buttons[targets[key]];
  if (!next) return;
  for (const button of buttons) button.tabIndex = -1;
  next.tabIndex = 0;
  next.focus();
}

function onListKey(event) {
  const button = event.target.closest('.entry');
  if (!button || event.altKey || event.ctrlKey || event.metaKey) return;
  if (['ArrowDown', 'ArrowUp', 'Home', 'End'].includes(event.key)) {
    event.preventDefault();
    moveFocus(button, event.key);
  } else if (event.key === 'Delete' || event.key === 'Backspace') {
    event.preventDefault();
    askDelete(button.parentElement.dataset.id);
  }
}

function onSearchKey(event) {
  if (event.key === 'ArrowDown') {
    event.preventDefault();
    (entryFor(view.openId) ?? entries()[0])?.focus();
  } else if (event.key === 'Enter') {
    runSearch();
  } else if (event.key === 'Escape' && $('search').value) {
    event.preventDefault();
    clearSearch();
  }
}

function onDocumentKey(event) {
  if (event.defaultPrevented || event.altKey || event.ctrlKey || event.metaKey || $('confirm-delete').open) return;
  if (event.key === '/' && !isTyping(event.target)) {
    event.preventDefault();
    $('search').focus();
    $('search').select();
  } else if (event.key === 'Escape' && view.openId && !isTyping(event.target)) {
    closeReader({ restoreFocus: true });
  } else if (event.key === 'Delete' && view.openId && $('reader').contains(event.target)) {
    askDelete(view.openId);
  }
}

/* ---------- storage changes from elsewhere (popup, context menu, other tabs) ---------- */

function onStorageChanged(changes, area) {
  if (area !== 'local') return;
  const keys = Object.keys(changes).filter((key) => key.startsWith(ARTICLE_KEY_PREFIX));
  if (keys.length === 0) return;
  refreshList();
  const change = view.openId && changes[ARTICLE_KEY_PREFIX + view.openId];
  if (!change) return;
  if (change.newValue === undefined) closeReader();
  else if (change.newValue.updatedAt !== view.openRecord?.updatedAt) openArticle(view.openId);
}

/* ---------- start ---------- */

function init() {
  $('search').addEventListener('input', scheduleSearch);
  $('search').addEventListener('keydown', onSearchKey);
  $('clear-search').addEventListener('click', clearSearch);
  $('list').addEventListener('keydown', onListKey);
  $('list').addEventListener('click', (event) => {
    const li = event.target.closest('li[data-id]');
    if (li) openArticle(li.dataset.id);
  });
  $('reader-close').addEventListener('click', () => closeReader({ restoreFocus: true }));
  $('reader-download').addEventListener('click', downloadOpen);
  $('reader-delete').addEventListener('click', () => askDelete(view.openId));
  document.addEventListener('keydown', onDocumentKey);
  addEventListener('hashchange', onHashChange);
  api.storage.onChanged.addListener(onStorageChanged);
  refreshList().then(onHashChange);
}

init();
