// The background's message handlers, by name (the contract is in docs/extension.md).
// Every dependency is injected, so node tests run them with fakes:
//   rm         the WASM module's exports (extractSnapshot, renderDocument, …)
//   ready      a promise that settles when rm is initialised
//   tabs, scripting   the browser APIs of those names
//   capture    the function injected into the page (captureSnapshot of capture.js)
//   store      the library (createLibrary of library-store.js)
//   downloader (path, text, { saveAs }) → download id
//   settings   the user's settings (createSettings of settings.js over storage.sync)
//   now        () → Date, for saved times;  clock  () → milliseconds, for timings
//   storageEstimate  () → navigator.storage.estimate() (what the browser lets the extension still store)

import { SAVE_MODES, idOf, normalizeTags, summaryOf } from './library-store.js';
import { normalizeSettings } from './settings.js';
import { ERROR_KINDS, ReadmarkError, describeError, messageFor, restrictionOf } from './pages.js';

// Injection refusals that mean the browser keeps extensions out of the page (Chromium:
// "Cannot access a chrome:// URL", "The extensions gallery cannot be scripted", "Cannot access
// contents of the page…", "Frame … is showing error page"; Firefox: "Missing host permission").
const RESTRICTED_INJECTION = /cannot be scripted|cannot access|missing host permission|error page/i;
// The tab is gone (closed or never existed).
const NO_TAB_INJECTION = /no tab with id/i;
// Timings are reported to a tenth of a millisecond: finer digits are noise.
const TIMING_PRECISION = 10;
// How many extractions the background keeps for the popups that showed them (by token), so a
// Save or Download sends a token instead of the article back: an article of 16 MB or more
// then crosses the 64 MiB message limit once (as the document), never several times. Each
// entry holds one article; a few cover several open popups without growing without bound.
const KEPT_EXTRACTIONS = 4;
// The popup's preview: the rendered start of the article, cut at a block boundary near this
// many characters of Markdown (about a screen of the 380 × 560 popup, twice over).
const PREVIEW_CHARS = 1500;
// Leading "www." is the same site (example.org and www.example.org name one publisher).
const WWW = /^www\./;
// A title the user typed is cut to this many characters: a title is one line, and the file
// name made from it is bounded by the core anyway.
const MAX_TITLE_CHARS = 300;
// The Article fields too large to send back and forth: a reply to the UI carries none of them.
const BULKY_FIELDS = ['contentHtml', 'markdown', 'text'];
// An export batch stops once its records and files hold this many characters (at least one
// record per batch): a reply stays far below the browsers' 64 MiB message limit, and the
// library page can show progress between batches.
const EXPORT_BATCH_CHARS = 8_000_000;

const badRequest = (detail) => new ReadmarkError('BadRequest', messageFor('BadRequest', detail));
const elapsed = (from, to) => Math.round((to - from) * TIMING_PRECISION) / TIMING_PRECISION;

function injectionError(error) {
  const detail = error?.message ?? String(error);
  if (NO_TAB_INJECTION.test(detail)) return new ReadmarkError('NoTab');
  if (RESTRICTED_INJECTION.test(detail)) return new ReadmarkError('Restricted');
  return new ReadmarkError('CaptureFailed', messageFor('CaptureFailed', detail));
}

/** What the injected capture returned → its `{ json, bytes }`, or the error it reports. */
function capturedSnapshot(results) {
  const [first] = results ?? [];
  if (first?.error !== undefined && first.error !== null) {
    throw new ReadmarkError('CaptureFailed', messageFor('CaptureFailed', first.error?.message ?? String(first.error)));
  }
  const outcome = first?.result;
  if (!outcome) throw new ReadmarkError('CaptureFailed', messageFor('CaptureFailed', 'the page returned no snapshot'));
  if (!outcome.ok) {
    const kind = ERROR_KINDS.has(outcome.kind) ? outcome.kind : 'CaptureFailed';
    throw new ReadmarkError(kind, messageFor(kind, outcome.message));
  }
  return outcome;
}

function requireArticle(article) {
  if (typeof article?.url !== 'string' || typeof article.markdown !== 'string') {
    throw badRequest('an article needs a url and its markdown');
  }
  return article;
}

function requireId(id) {
  if (typeof id !== 'string' || id === '') throw badRequest('an id (the article URL) is required');
  return id;
}

/** The host of an http(s) URL without a leading "www.", or null. */
function siteOf(address) {
  try {
    const url = new URL(address);
    return url.protocol === 'http:' || url.protocol === 'https:' ? url.hostname.replace(WWW, '') : null;
  } catch {
    return null;
  }
}

/**
 * The article keyed where it was read: a page may declare any canonical URL, and the library key
 * is the article's URL, so a canonical URL on another site than the tab's would let one site
 * overwrite another site's saved article. Then the tab's URL is the article's URL.
 */
export function keyedToPage(article, pageUrl) {
  const pageSite = siteOf(pageUrl);
  if (pageSite === null || siteOf(article.url) === pageSite) return article;
  return { ...article, url: pageUrl };
}

/** The article with the tags the user typed (`tags` of a payload), when given: its file carries them. */
function tagged(article, tags) {
  if (tags === undefined || tags === null) return article;
  if (!Array.isArray(tags)) throw badRequest('tags must be an array of strings');
  return { ...article, tags: normalizeTags(tags) };
}

/** The article with the title the user typed (`title` of a payload), when there is one. */
function retitled(article, title) {
  if (title === undefined || title === null) return article;
  if (typeof title !== 'string') throw badRequest('title must be a string');
  const clean = title.replace(/\s+/g, ' ').trim().slice(0, MAX_TITLE_CHARS);
  return clean === '' ? article : { ...article, title: clean };
}

/** The article without its bulky fields (what a reply to the UI may carry). */
function slim(article) {
  const light = { ...article };
  for (const field of BULKY_FIELDS) delete light[field];
  return light;
}

/** The first blocks of `markdown`, up to about PREVIEW_CHARS characters (whole blocks). */
export function previewMarkdown(markdown) {
  if (markdown.length <= PREVIEW_CHARS) return markdown;
  const cut = markdown.lastIndexOf('\n\n', PREVIEW_CHARS);
  return markdown.slice(0, cut > 0 ? cut : PREVIEW_CHARS);
}

/** The handlers map: `{ extract, save, file, download, list, get, delete, undo, search, tags, renameTag, exportBatch, import, usage, getSettings, setSettings }`. */
export function createHandlers({ rm, ready, tabs, scripting, capture, store, downloader, now, clock, storageEstimate, settings }) {
  // token → { article, tabId, selection } of the latest extractions, oldest first.
  const kept = new Map();
  let nextToken = 1;

  function keep(entry) {
    const token = `x${nextToken++}`;
    kept.set(token, entry);
    while (kept.size > KEPT_EXTRACTIONS) kept.delete(kept.keys().next().value);
    return token;
  }

  async function core() {
    try {
      await ready;
    } catch (error) {
      throw new ReadmarkError('Internal', messageFor('Internal', `the extraction engine did not load: ${error?.message}`));
    }
    return rm;
  }

  async function findTab(tabId) {
    if (tabId === undefined || tabId === null) {
      const [tab] = await tabs.query({ active: true, lastFocusedWindow: true });
      if (!tab) throw new ReadmarkError('NoTab');
      return tab;
    }
    if (!Number.isInteger(tabId)) throw badRequest('tabId must be an integer');
    try {
      return await tabs.get(tabId);
    } catch {
      throw new ReadmarkError('NoTab');
    }
  }

  async function captureTab(tabId, selection) {
    try {
      const results = await scripting.executeScript({ target: { tabId }, func: capture, args: [{ selection }] });
      return capturedSnapshot(results);
    } catch (error) {
      throw error instanceof ReadmarkError ? error : injectionError(error);
    }
  }

  /** The user's settings (complete: the core's template fills what is not stored). */
  async function currentSettings() {
    const engine = await core();
    return settings.get(engine.defaultTemplate());
  }

  /**
   * The Markdown file of `article` (or a record: its tags and pageType count) and its name,
   * made by the core's template engine with the user's template: the same file wherever it
   * is made (popup, library, export, quick actions).
   */
  async function fileOf(engine, article, savedAt) {
    return fileWith(engine, (await currentSettings()).template, article, savedAt);
  }

  function fileWith(engine, template, article, savedAt) {
    return {
      document: engine.renderDocument(article, template, savedAt),
      filename: engine.renderFilename(article, template, savedAt),
    };
  }

  async function storedRecord(id) {
    const record = await store.get(requireId(id));
    if (!record) throw new ReadmarkError('NotFound');
    return record;
  }

  /** The `saved` time a file of `article` carries: when the library got it, else now. */
  async function savedTimeOf(article) {
    const saved = await store.get(idOf(article.url));
    return { saved, savedAt: saved?.savedAt ?? now().toISOString() };
  }

  /** Captures and extracts tab `tabId`: `{ article, tab, snapshot, timing }` (article keyed to the tab). */
  async function read(tabId, selection) {
    const started = clock();
    const tab = await findTab(tabId);
    const restriction = restrictionOf(tab.url);
    if (restriction) throw new ReadmarkError('Restricted', restriction);
    const snapshot = await captureTab(tab.id, selection);
    const captured = clock();
    const engine = await core();
    const { markdown: style } = (await currentSettings()).template;
    const extractStarted = clock();
    const article = keyedToPage(engine.extractSnapshot(snapshot.json, style), tab.url ?? snapshot.url);
    const extracted = clock();
    const timing = {
      captureMs: elapsed(started, captured),
      extractMs: elapsed(extractStarted, extracted),
      totalMs: elapsed(started, extracted),
    };
    return { article, tab, snapshot, timing };
  }

  async function extract({ tabId, selection = true }) {
    const { article, tab, snapshot, timing } = await read(tabId, selection === true);
    const engine = await core();
    const { saved, savedAt } = await savedTimeOf(article);
    // A saved page's file carries its tags, as the library's file of it does.
    const { document, filename } = await fileOf(engine, saved ? { ...article, tags: saved.tags } : article, savedAt);
    const token = keep({ article, tabId: tab.id, selection: selection === true });
    return {
      article: slim(article),
      document,
      previewHtml: engine.renderMarkdown(previewMarkdown(article.markdown)),
      filename,
      token,
      savedAt: saved?.savedAt ?? null,
      saved: saved && { fromSelection: saved.fromSelection, wordCount: saved.wordCount, newer: saved.newer === true, tags: saved.tags ?? [] },
      timing,
      snapshotBytes: snapshot.bytes ?? snapshot.json.length,
    };
  }

  /**
   * The article a save or download names: `{ article }` as given, `{ token }` of an extraction
   * this background still keeps (else the same tab is read again), or `{ tabId, selection }`;
   * with the payload's `title` (typed in the popup) when it has one.
   */
  async function articleOf(payload) {
    return tagged(retitled(await namedArticle(payload), payload.title), payload.tags);
  }

  async function namedArticle(payload) {
    if (payload.article !== undefined) return requireArticle(payload.article);
    if (payload.token !== undefined) {
      const entry = kept.get(payload.token);
      if (entry) return entry.article;
      if (payload.tabId === undefined) throw new ReadmarkError('NotFound', messageFor('NotFound'));
    }
    return (await read(payload.tabId, payload.selection !== false)).article;
  }

  /**
   * Saves the article the payload names. For a popup (payload with a token) the reply also
   * carries the Markdown file as the library now makes it (its `saved` time is the record's),
   * so the popup's preview, copy and download stay the same file as the library's.
   */
  async function save(payload) {
    const mode = payload.mode ?? 'auto';
    if (!SAVE_MODES.has(mode)) throw badRequest(`mode must be one of ${[...SAVE_MODES].join(', ')}`);
    const article = await articleOf(payload);
    const saved = await store.save(article, now(), { mode, tags: payload.tags });
    if (payload.token === undefined) return saved;
    return { ...saved, document: (await fileOf(await core(), article, saved.record.savedAt)).document };
  }

  async function downloadable(payload) {
    const engine = await core();
    if (payload.id !== undefined) {
      const record = await storedRecord(payload.id);
      return fileOf(engine, record, record.savedAt);
    }
    const article = await articleOf(payload);
    return fileOf(engine, article, (await savedTimeOf(article)).savedAt);
  }

  /** The Markdown file of what the payload names, without downloading it (the popup after a title edit). */
  async function file(payload) {
    return downloadable(payload);
  }

  /** Downloads the file into the user's sub-folder of Downloads, asking where when `saveAs` is on. */
  async function download(payload) {
    const { document, filename } = await downloadable(payload);
    const { folder, saveAs } = await currentSettings();
    const path = (await core()).downloadPath(folder, filename);
    const downloadId = await downloader(path, document, { saveAs });
    return { filename, path, downloadId };
  }

  // The record's summary and its rendered HTML: one copy of the article in the reply.
  async function get({ id }) {
    const record = await storedRecord(id);
    const engine = await core();
    return { record: summaryOf(record), html: engine.renderMarkdown(record.markdown) };
  }

  async function undo({ id, action }) {
    if (action !== 'update' && action !== 'delete') throw badRequest('action must be update or delete');
    return store.undo(requireId(id), action);
  }

  async function search({ query }) {
    if (typeof query !== 'string') throw badRequest('query must be a string');
    return store.search(query);
  }

  async function tags({ id, tags: list }) {
    if (!Array.isArray(list)) throw badRequest('tags must be an array of strings');
    return { record: await store.setTags(requireId(id), list) };
  }

  /** Every tag of the library, once (as first spelled), with how many records have it: most used first, then by name. */
  async function tagNames() {
    const spelled = new Map();
    for (const summary of await store.list()) {
      for (const tag of summary.tags ?? []) {
        const key = tag.toLowerCase();
        const entry = spelled.get(key) ?? { tag, count: 0 };
        entry.count += 1;
        spelled.set(key, entry);
      }
    }
    return [...spelled.values()].sort((a, b) => b.count - a.count || a.tag.localeCompare(b.tag));
  }

  async function renameTag({ from, to }) {
    if (typeof from !== 'string' || typeof to !== 'string') throw badRequest('from and to must be strings');
    return store.renameTag(from, to);
  }

  /**
   * Records `ids[from…]` with their Markdown files (the core's renderDocument with the user's template, as every
   * download), until the batch holds EXPORT_BATCH_CHARS: `{ entries: [{ record, document,
   * filename }], next }` (`next`: the index to ask for next, or null when done).
   */
  async function exportBatch({ ids, from = 0 }) {
    if (!Array.isArray(ids) || !Number.isInteger(from) || from < 0) throw badRequest('ids must be an array, from an index');
    const engine = await core();
    const { template } = await currentSettings();
    const entries = [];
    let chars = 0;
    let index = from;
    while (index < ids.length && (entries.length === 0 || chars < EXPORT_BATCH_CHARS)) {
      const [record] = await store.records([ids[index]]);
      index += 1;
      if (!record) continue;
      const { document, filename } = fileWith(engine, template, record, record.savedAt);
      entries.push({ record, document, filename });
      chars += document.length + record.markdown.length + record.text.length;
    }
    return { entries, next: index < ids.length ? index : null };
  }

  async function importRecords({ records }) {
    return store.importRecords(records);
  }

  async function usage() {
    const { bytes, measured } = await store.usage();
    let left = null;
    try {
      const estimate = await storageEstimate?.();
      if (Number.isFinite(estimate?.quota) && Number.isFinite(estimate?.usage)) left = Math.max(0, estimate.quota - estimate.usage);
    } catch {
      // No estimate in this browser: only the used bytes are known.
    }
    return { bytes, measured, left };
  }

  /** `{ settings, defaults }`: the stored settings made complete, and the defaults (for "Reset"). */
  async function getSettings() {
    const engine = await core();
    return { settings: await settings.get(engine.defaultTemplate()), defaults: await defaultsOf(engine) };
  }

  async function defaultsOf(engine) {
    return normalizeSettings(undefined, engine.defaultTemplate());
  }

  /** Stores `settings` (repaired: unknown fields and values dropped); replies what was stored. */
  async function setSettings({ settings: wanted }) {
    if (!wanted || typeof wanted !== 'object') throw badRequest('settings must be an object');
    const engine = await core();
    try {
      return { settings: await settings.set(wanted, engine.defaultTemplate()) };
    } catch (error) {
      throw new ReadmarkError('Storage', messageFor('Storage', error?.message ?? String(error)));
    }
  }

  return {
    extract,
    save,
    file,
    download,
    list: () => store.list(),
    get,
    delete: async ({ id }) => ({ deleted: await store.remove(requireId(id)) }),
    undo,
    search,
    tags,
    tagNames,
    renameTag,
    exportBatch,
    import: importRecords,
    usage,
    getSettings,
    setSettings,
  };
}

/** `message` `{ type, payload }` → the reply `{ ok: true, value }` or `{ ok: false, error: { kind, message } }`. */
export function createDispatcher(handlers) {
  return async function dispatch(message) {
    try {
      const type = message?.type;
      if (!Object.hasOwn(handlers, type)) throw badRequest(`unknown message type ${JSON.stringify(type)}`);
      const payload = message.payload ?? {};
      if (typeof payload !== 'object') throw badRequest('the payload must be an object');
      return { ok: true, value: await handlers[type](payload) };
    } catch (error) {
      return { ok: false, error: describeError(error) };
    }
  };
}
