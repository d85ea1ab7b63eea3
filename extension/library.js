// The library page: lists, searches, opens, downloads and deletes saved articles (with undo).
// Article text is shown only inside a sandboxed iframe where no script may run (its srcdoc is
// the HTML sanitized by the Rust core, under the policy of lib/reader-doc.js); everything else
// reaches the DOM through textContent. The frame is same-origin (allow-same-origin without
// allow-scripts) only so that this page can hear its keys (Esc, /, Delete) and follow its
// in-article links (#section); nothing in it runs.

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
import { LANG_TAG, hasRemoteMedia, readerDocument } from './lib/reader-doc.js';

// Typing pauses shorter than this do not start a search.
const SEARCH_DEBOUNCE_MS = 150;
// How long a confirmation ("Deleted …") stays in the toast; errors stay until the next message.
const STATUS_MS = 4000;
// A confirmation that offers Undo stays longer: time to notice, reach and press it.
const UNDO_MS = 10_000;
// storage.local keys of library records (docs/extension.md, "Library records").
const ARTICLE_KEY_PREFIX = 'article:';
// library.html#id=<encodeURIComponent(id)> opens that article.
const HASH_PREFIX = '#id=';
// Below this width the reader replaces the list (the same breakpoint as library.css).
const NARROW = matchMedia('(max-width: 760px)');

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
  openHtml: '',
  imagesAllowed: new Set(), // ids of the articles whose images the user chose to load
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

/** Shows `text` in the toast; `undo` (a function) adds an Undo button that runs it. */
function announce(text, tone = 'info', undo = null) {
  const status = $('status');
  clearTimeout(view.statusTimer);
  status.dataset.tone = tone;
  status.textContent = text;
  view.undo = undo;
  $('undo').hidden = !undo;
  $('toast').hidden = !text;
  if (tone !== 'error') view.statusTimer = setTimeout(clearToast, undo ? UNDO_MS : STATUS_MS);
}

function clearToast() {
  if ($('toast').contains(document.activeElement)) $('search').focus();
  $('status').textContent = '';
  $('undo').hidden = true;
  $('toast').hidden = true;
  view.undo = null;
}

/** "Saved 3 days ago", or what is known when a damaged record has no saved time. */
function savedText(summary) {
  if (summary.newer) return 'Saved by a newer Readmark';
  const when = formatRelative(summary.savedAt);
  return when ? `Saved ${when}` : 'Saved (date unknown)';
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
    summary.savedAt ? timeElement(summary.savedAt, savedText(summary)) : el('span', 'entry-saved', savedText(summary)),
  );
  const clip = summary.fromSelection ? 'Clip · ' : '';
  const stats = el('span', 'entry-stats', `${clip}${formatWords(summary.wordCount)} · ${formatReadingTime(summary.readingTimeMinutes)}`);
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
  setMetaItem('reader-saved', record.savedAt ? timeElement(record.savedAt, savedText(record)) : savedText(record));
  setMetaItem('reader-length', `${formatWords(record.wordCount)} · ${formatReadingTime(record.readingTimeMinutes)}`);
  $('reader-open').href = record.url;
  $('reader-open').title = record.url;
}

/** Fills the reader frame; remote images load only for articles the user allowed them for. */
function showArticleText() {
  const record = view.openRecord;
  const images = view.imagesAllowed.has(record.id);
  $('load-images').hidden = images || !hasRemoteMedia(view.openHtml);
  $('reader-frame').srcdoc = readerDocument(view.openHtml, { lang: record.lang, dir: record.dir, images });
}

function loadImages() {
  if (!view.openRecord) return;
  view.imagesAllowed.add(view.openRecord.id);
  showArticleText();
  $('reader-title').focus();
  announce('Images load from the article’s site for this article.');
}

/** Keys pressed inside the article reach the page's shortcuts; in-article links scroll the frame. */
function wireFrame() {
  const frameDocument = $('reader-frame').contentDocument;
  if (!frameDocument) return;
  frameDocument.addEventListener('keydown', onDocumentKey);
  frameDocument.addEventListener('click', (event) => onFrameClick(event, frameDocument));
}

/** A link to `#id` in the article scrolls to that element of the frame (the frame's URL is not the article's). */
function onFrameClick(event, frameDocument) {
  const link = event.target.closest?.('a[href^="#"]');
  if (!link) return;
  event.preventDefault();
  let name;
  try {
    name = decodeURIComponent(link.getAttribute('href').slice(1));
  } catch {
    return;
  }
  const target = frameDocument.getElementById(name) ?? frameDocument.getElementsByName(name)[0];
  if (!target) return;
  target.scrollIntoView({ block: 'start' });
  if (!target.hasAttribute('tabindex')) target.setAttribute('tabindex', '-1');
  target.focus({ preventScroll: true });
}

function showReader(record, html) {
  view.openRecord = record;
  view.openHtml = html;
  const title = $('reader-title');
  title.textContent = record.title || 'Untitled article';
  if (LANG_TAG.test(record.lang ?? '')) title.lang = record.lang;
  else title.removeAttribute('lang');
  showReaderMeta(record);
  showArticleText();
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
  view.openHtml = '';
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
  announce(`Deleted “${title}”`, 'info', () => undoDelete(id, title));
}

async function undoDelete(id, title) {
  try {
    await send('undo', { id, action: 'delete' });
  } catch (error) {
    announce(error.message || 'The article could not be restored.', 'error');
    return;
  }
  await refreshList();
  announce(`Restored “${title}”`);
  await openArticle(id, { focusReader: true });
}

function runUndo() {
  const undo = view.undo;
  clearToast();
  undo?.();
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
  return target.closest?.('input, textarea, select, [contenteditable="true"]') != null;
}

/** In the reader: its controls, or anywhere in the article frame's document. */
function inReader(target) {
  return target.ownerDocument === $('reader-frame').contentDocument || $('reader').contains(target);
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
  } else if (event.key === 'Delete' && view.openId && inReader(event.target)) {
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
  $('load-images').addEventListener('click', loadImages);
  $('undo').addEventListener('click', runUndo);
  $('reader-frame').addEventListener('load', wireFrame);
  document.addEventListener('keydown', onDocumentKey);
  addEventListener('hashchange', onHashChange);
  api.storage.onChanged.addListener(onStorageChanged);
  refreshList().then(onHashChange);
}

init();
