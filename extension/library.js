// The library page: lists, searches (matches highlighted), filters (tag, site, type, date) and
// sorts, opens, tags, downloads and deletes saved articles (with undo); export and import are
// the dialogs of transfer.js.
// Article text is shown only inside a sandboxed iframe where no script may run (its srcdoc is
// the HTML sanitized by the Rust core, under the policy of lib/reader-doc.js); everything else
// reaches the DOM through textContent. The frame is same-origin (allow-same-origin without
// allow-scripts) only so that this page can hear its keys (Esc, /, Delete) and follow its
// in-article links (#section); nothing in it runs.

import { api } from './lib/api.js';
import { send } from './lib/messages.js';
import {
  formatBytes,
  formatDate,
  formatFullDate,
  formatReadingTime,
  formatRelative,
  formatWords,
  hostOf,
} from './format.js';
import { highlightIn, highlightedNodes, searchWords } from './lib/highlight.js';
import { LANG_TAG, hasRemoteMedia, readerDocument } from './lib/reader-doc.js';
import { initTransfer } from './transfer.js';

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
// At most this many matches are marked in an open article: enough to find them, bounded for a huge one.
const MAX_MARKS = 500;
const DAY_MS = 24 * 3600 * 1000;
// The page types a core that classifies pages gives (Article.pageType), as the type filter names them.
const TYPE_NAMES = {
  article: 'Article', forum: 'Forum', documentation: 'Documentation', product: 'Product', listing: 'Listing',
  collection: 'Collection', service: 'Service',
};

const $ = (id) => document.getElementById(id);

const view = {
  library: [], // every summary, newest first
  found: null, // the search's summaries (with snippets), or null without a query
  items: [], // the summaries shown: found or library, filtered and sorted
  query: '',
  words: [], // the query's folded words, for highlighting
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

function countText(count, query, filtered, total) {
  if (count === 0) return query || filtered ? 'No matches' : 'No articles';
  const noun = count === 1 ? 'article' : 'articles';
  if (filtered) return `${count.toLocaleString()} of ${total.toLocaleString()} ${total === 1 ? 'article' : 'articles'}`;
  return `${count.toLocaleString()} ${noun}${query ? ' found' : ''}`;
}

/* ---------- filters and sort ---------- */

function filters() {
  return {
    tag: $('filter-tag').value,
    site: $('filter-site').value,
    type: $('filter-type').value,
    days: Number($('filter-date').value) || 0,
    sort: $('sort').value,
  };
}

const isFiltered = (f = filters()) => Boolean(f.tag || f.site || f.type || f.days);
const siteOf = (summary) => summary.siteName || hostOf(summary.url);
const byTitle = (a, b) => (a.title ?? '').localeCompare(b.title ?? '', undefined, { sensitivity: 'base' });
const SORTS = {
  newest: () => 0, // the background's order
  oldest: (a, b) => (a.savedAt ?? '\uffff').localeCompare(b.savedAt ?? '\uffff') || a.id.localeCompare(b.id),
  title: (a, b) => byTitle(a, b) || a.id.localeCompare(b.id),
  site: (a, b) => siteOf(a).localeCompare(siteOf(b), undefined, { sensitivity: 'base' }) || byTitle(a, b),
};

function shownItems() {
  const f = filters();
  const since = f.days ? Date.now() - f.days * DAY_MS : null;
  const tag = f.tag.toLowerCase();
  const kept = (view.found ?? view.library).filter((s) => (
    (!tag || (s.tags ?? []).some((t) => t.toLowerCase() === tag))
    && (!f.site || siteOf(s) === f.site)
    && (!f.type || s.pageType === f.type)
    && (!since || (s.savedAt && new Date(s.savedAt).getTime() >= since))
  ));
  return kept.sort(SORTS[f.sort] ?? SORTS.newest);
}

/** Refills a filter's options (value → label) and keeps its choice while it still exists. */
function fillSelect(select, first, options) {
  const chosen = select.value;
  const nodes = [new Option(first, '')];
  for (const [value, label] of options) nodes.push(new Option(label, value));
  select.replaceChildren(...nodes);
  select.value = options.some(([value]) => value === chosen) ? chosen : '';
}

function counted(values) {
  const counts = new Map();
  for (const value of values) counts.set(value, (counts.get(value) ?? 0) + 1);
  return [...counts].sort((a, b) => a[0].localeCompare(b[0], undefined, { sensitivity: 'base' }));
}

function allTags() {
  const spelled = new Map(); // lower case → first spelling
  for (const tag of view.library.flatMap((s) => s.tags ?? [])) if (!spelled.has(tag.toLowerCase())) spelled.set(tag.toLowerCase(), tag);
  return counted(view.library.flatMap((s) => (s.tags ?? []).map((t) => spelled.get(t.toLowerCase()))));
}

function fillFilters() {
  fillSelect($('filter-tag'), 'All tags', allTags().map(([tag, n]) => [tag, `${tag} (${n})`]));
  fillSelect($('filter-site'), 'All sites', counted(view.library.map(siteOf)).map(([site, n]) => [site, `${site} (${n})`]));
  const types = counted(view.library.map((s) => s.pageType).filter((t) => typeof t === 'string' && t));
  fillSelect($('filter-type'), 'All types', types.map(([type, n]) => [type, `${TYPE_NAMES[type] ?? type} (${n})`]));
  // Cores that do not classify pages give no type: the filter shows once some article has one.
  $('filter-type-field').hidden = types.length === 0;
  $('tag-options').replaceChildren(...allTags().map(([tag]) => new Option(tag)));
}

function onFilterChange() {
  $('rename-tag').hidden = !$('filter-tag').value;
  $('clear-filters').hidden = !isFiltered();
  view.items = shownItems();
  renderList();
}

function clearFilters() {
  for (const id of ['filter-tag', 'filter-site', 'filter-type', 'filter-date']) $(id).value = '';
  onFilterChange();
}

/* ---------- list ---------- */

function entry(summary) {
  const li = el('li');
  li.dataset.id = summary.id;
  const button = el('button', 'entry');
  button.type = 'button';
  button.tabIndex = -1;
  const title = el('span', 'entry-title');
  title.append(...highlightedNodes(document, summary.title || 'Untitled article', view.words));
  title.dir = 'auto';
  const meta = el('span', 'entry-meta');
  meta.append(
    el('span', 'entry-site', summary.siteName || hostOf(summary.url)),
    summary.savedAt ? timeElement(summary.savedAt, savedText(summary)) : el('span', 'entry-saved', savedText(summary)),
  );
  const clip = summary.fromSelection ? 'Clip · ' : '';
  const stats = el('span', 'entry-stats', `${clip}${formatWords(summary.wordCount)} · ${formatReadingTime(summary.readingTimeMinutes)}`);
  button.append(title, meta);
  if (summary.snippet) {
    const snippet = el('span', 'entry-snippet');
    snippet.dir = 'auto';
    snippet.append(...highlightedNodes(document, summary.snippet, view.words));
    button.append(snippet);
  } else if (summary.excerpt) {
    const excerpt = el('span', 'entry-excerpt', summary.excerpt);
    excerpt.dir = 'auto';
    excerpt.setAttribute('aria-hidden', 'true');
    button.append(excerpt);
  }
  button.append(stats);
  if (summary.tags?.length) {
    const tags = el('span', 'entry-tags');
    tags.append(...summary.tags.map((tag) => el('span', 'tag', tag)));
    button.append(tags);
  }
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
  const filtered = isFiltered();
  const focusedId = document.activeElement?.closest?.('li[data-id]')?.dataset.id;
  const libraryEmpty = view.library.length === 0;
  document.body.toggleAttribute('data-empty', libraryEmpty);
  $('empty').hidden = !libraryEmpty;
  $('count').textContent = countText(items.length, query, filtered, view.library.length);
  $('no-results').hidden = !((query || filtered) && items.length === 0);
  $('no-results-text').textContent = query ? `Nothing in your library matches “${query}”.` : 'No article matches these filters.';
  $('list').replaceChildren(...items.map(entry));
  markCurrent();
  if (focusedId) entryFor(focusedId)?.focus();
}

async function refreshList() {
  const request = ++view.listRequest;
  const { query } = view;
  try {
    const [library, found] = await Promise.all([send('list'), query ? send('search', { query }) : null]);
    if (request !== view.listRequest) return;
    view.library = library;
    view.found = found;
    view.words = searchWords(query);
    fillFilters();
    view.items = shownItems();
    $('rename-tag').hidden = !$('filter-tag').value;
    $('clear-filters').hidden = !isFiltered();
    renderList();
    if (view.openRecord) showTags(view.library.find((s) => s.id === view.openId) ?? view.openRecord);
    refreshUsage();
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
  for (const id of ['filter-tag', 'filter-site', 'filter-type', 'filter-date']) $(id).value = '';
  onFilterChange();
  runSearch();
  $('search').focus();
}

/* ---------- storage used and left ---------- */

async function refreshUsage() {
  try {
    const { bytes, left } = await send('usage');
    const parts = [`Storage: ${formatBytes(bytes)} used`];
    if (left !== null) parts.push(`${formatBytes(left)} left`);
    $('storage').textContent = parts.join(' · ');
  } catch {
    $('storage').textContent = '';
  }
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
  if (view.words.length > 0 && frameDocument.body) {
    const first = highlightIn(frameDocument.body, view.words, MAX_MARKS);
    first?.scrollIntoView({ block: 'center' });
  }
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

/* ---------- tags of the open article ---------- */

function showTags(record) {
  const list = $('reader-tags');
  const tags = record.tags ?? [];
  // Drawn again on every storage change: a focused chip keeps the focus.
  const focusedTag = list.contains(document.activeElement) ? document.activeElement.dataset.tag : null;
  list.replaceChildren(...tags.map((tag) => {
    const item = el('li', 'tag tag-editable');
    const name = el('span', '', tag);
    name.dir = 'auto';
    const remove = el('button', 'tag-remove');
    remove.type = 'button';
    remove.dataset.tag = tag;
    remove.setAttribute('aria-label', `Remove tag ${tag}`);
    remove.title = `Remove tag “${tag}”`;
    remove.append(svgIcon('i-close'));
    item.append(name, remove);
    return item;
  }));
  list.hidden = tags.length === 0;
  if (focusedTag) ([...list.querySelectorAll('.tag-remove')].find((b) => b.dataset.tag === focusedTag) ?? $('tag-input')).focus();
}

function svgIcon(name) {
  const svg = document.createElementNS('http://www.w3.org/2000/svg', 'svg');
  svg.setAttribute('class', 'icon');
  svg.setAttribute('aria-hidden', 'true');
  svg.setAttribute('focusable', 'false');
  const use = document.createElementNS('http://www.w3.org/2000/svg', 'use');
  use.setAttribute('href', `#${name}`);
  svg.append(use);
  return svg;
}

async function saveTags(tags, message) {
  const id = view.openId;
  if (!id) return;
  try {
    const { record } = await send('tags', { id, tags });
    if (view.openId !== id) return;
    view.openRecord = { ...view.openRecord, tags: record.tags };
    showTags(record);
    announce(message);
  } catch (error) {
    announce(error.message || 'The tags could not be saved.', 'error');
  }
}

async function addTag(event) {
  event.preventDefault();
  const input = $('tag-input');
  const typed = input.value.split(',').map((t) => t.trim()).filter(Boolean);
  if (typed.length === 0 || !view.openRecord) return;
  input.value = '';
  await saveTags([...(view.openRecord.tags ?? []), ...typed], `Tagged “${typed.join('”, “')}”`);
  input.focus();
}

async function onTagClick(event) {
  const button = event.target.closest('.tag-remove');
  if (!button || !view.openRecord) return;
  const { tag } = button.dataset;
  const position = [...$('reader-tags').querySelectorAll('.tag-remove')].indexOf(button);
  await saveTags(view.openRecord.tags.filter((t) => t !== tag), `Removed tag “${tag}”`);
  const rest = [...$('reader-tags').querySelectorAll('.tag-remove')];
  (rest[Math.min(position, rest.length - 1)] ?? $('tag-input')).focus();
}

function askRename() {
  const tag = $('filter-tag').value;
  if (!tag) return;
  const dialog = $('rename-dialog');
  $('rename-text').textContent = `New name for “${tag}”`;
  $('rename-input').value = tag;
  dialog.returnValue = '';
  dialog.showModal();
  $('rename-input').select();
  dialog.addEventListener('close', async () => {
    if (dialog.returnValue !== 'rename') return;
    const to = $('rename-input').value;
    try {
      const { renamed } = await send('renameTag', { from: tag, to });
      await refreshList();
      if (to.trim()) {
        $('filter-tag').value = [...$('filter-tag').options].find((o) => o.value.toLowerCase() === to.trim().toLowerCase())?.value ?? '';
        onFilterChange();
      }
      announce(to.trim() ? `Renamed “${tag}” to “${to.trim()}” on ${renamed} ${renamed === 1 ? 'article' : 'articles'}` : `Removed “${tag}” from ${renamed} ${renamed === 1 ? 'article' : 'articles'}`);
    } catch (error) {
      announce(error.message || 'The tag could not be renamed.', 'error');
    }
  }, { once: true });
}

function showReader(record, html) {
  view.openRecord = record;
  view.openHtml = html;
  const title = $('reader-title');
  title.textContent = record.title || 'Untitled article';
  if (LANG_TAG.test(record.lang ?? '')) title.lang = record.lang;
  else title.removeAttribute('lang');
  showReaderMeta(record);
  showTags(record);
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
  } else if (event.key === 'Escape') {
    event.preventDefault();
    if (view.openId) closeReader({ restoreFocus: true });
    else $('search').blur();
  }
}

function anyDialogOpen() {
  return document.querySelector('dialog[open]') !== null;
}

function onDocumentKey(event) {
  if (event.defaultPrevented || event.altKey || event.ctrlKey || event.metaKey || anyDialogOpen()) return;
  const typing = isTyping(event.target);
  const key = event.key.length === 1 ? event.key.toLowerCase() : event.key;
  if (event.key === 'Escape' && typing && event.target.id !== 'search') {
    // Esc from any field (tag, filters): leave it; a second Esc closes the article.
    if (event.target.value && event.target.id === 'tag-input') event.target.value = '';
    else event.target.blur();
    event.preventDefault();
    return;
  }
  if (!typing && key === 'e' && !event.shiftKey) {
    event.preventDefault();
    transfer.openExport();
  } else if (!typing && key === 'i' && !event.shiftKey) {
    event.preventDefault();
    transfer.openImport();
  } else if (!typing && key === 't' && view.openId && !event.shiftKey) {
    event.preventDefault();
    $('tag-input').focus();
  } else if (event.key === '/' && !typing) {
    event.preventDefault();
    $('search').focus();
    $('search').select();
  } else if (event.key === 'Escape' && view.openId && !typing) {
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

let transfer;

function init() {
  transfer = initTransfer({
    lists: () => ({ all: view.library.map((s) => s.id), shown: view.items.map((s) => s.id), filtered: Boolean(view.query) || isFiltered() }),
    announce,
  });
  for (const id of ['filter-tag', 'filter-site', 'filter-type', 'filter-date', 'sort']) $(id).addEventListener('change', onFilterChange);
  $('clear-filters').addEventListener('click', clearFilters);
  $('rename-tag').addEventListener('click', askRename);
  $('tag-form').addEventListener('submit', addTag);
  $('reader-tags').addEventListener('click', onTagClick);
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
