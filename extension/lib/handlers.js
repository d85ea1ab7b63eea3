// The background's message handlers, by name (the contract is in docs/extension.md).
// Every dependency is injected, so node tests run them with fakes:
//   rm         the WASM module's exports (extractSnapshot, markdownDocument, …)
//   ready      a promise that settles when rm is initialised
//   tabs, scripting   the browser APIs of those names
//   capture    the function injected into the page (captureSnapshot of capture.js)
//   store      the library (createLibrary of library-store.js)
//   downloader (filename, text) → download id
//   now        () → Date, for saved times;  clock  () → milliseconds, for timings

import { idOf } from './library-store.js';
import { ERROR_KINDS, ReadmarkError, describeError, messageFor, restrictionOf } from './pages.js';

// Injection refusals that mean the browser keeps extensions out of the page (Chromium:
// "Cannot access a chrome:// URL", "The extensions gallery cannot be scripted", "Cannot access
// contents of the page…", "Frame … is showing error page"; Firefox: "Missing host permission").
const RESTRICTED_INJECTION = /cannot be scripted|cannot access|missing host permission|error page/i;
// The tab is gone (closed or never existed).
const NO_TAB_INJECTION = /no tab with id/i;
// Timings are reported to a tenth of a millisecond: finer digits are noise.
const TIMING_PRECISION = 10;

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

const titleOf = (article) => article.title ?? article.siteName ?? article.url;

/** The handlers map: `{ extract, save, download, list, get, delete, search }`. */
export function createHandlers({ rm, ready, tabs, scripting, capture, store, downloader, now, clock }) {
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

  function fileOf(engine, article, savedAt) {
    return {
      document: engine.markdownDocument(article, { frontMatter: true, savedAt }),
      filename: engine.downloadFilename(titleOf(article)),
    };
  }

  async function storedRecord(id) {
    const record = await store.get(requireId(id));
    if (!record) throw new ReadmarkError('NotFound');
    return record;
  }

  async function extract({ tabId, selection = true }) {
    const started = clock();
    const tab = await findTab(tabId);
    const restriction = restrictionOf(tab.url);
    if (restriction) throw new ReadmarkError('Restricted', restriction);
    const snapshot = await captureTab(tab.id, selection === true);
    const captured = clock();
    const engine = await core();
    const extractStarted = clock();
    const article = engine.extractSnapshot(snapshot.json);
    const { document, filename } = fileOf(engine, article, null);
    const extracted = clock();
    const saved = await store.get(idOf(article.url));
    const timing = {
      captureMs: elapsed(started, captured),
      extractMs: elapsed(extractStarted, extracted),
      totalMs: elapsed(started, extracted),
    };
    return { article, document, filename, savedAt: saved?.savedAt ?? null, timing, snapshotBytes: snapshot.bytes ?? snapshot.json.length };
  }

  async function save(payload) {
    const article = payload.article ?? (await extract(payload)).article;
    return store.save(requireArticle(article), now());
  }

  async function downloadable(payload) {
    if (payload.id !== undefined) {
      const record = await storedRecord(payload.id);
      return fileOf(await core(), record, record.savedAt);
    }
    if (payload.article !== undefined) return fileOf(await core(), requireArticle(payload.article), null);
    return extract(payload);
  }

  async function download(payload) {
    const { document, filename } = await downloadable(payload);
    const downloadId = await downloader(filename, document);
    return { filename, downloadId };
  }

  async function get({ id }) {
    const record = await storedRecord(id);
    const engine = await core();
    return {
      record,
      html: engine.renderMarkdown(record.markdown ?? ''),
      document: engine.markdownDocument(record, { frontMatter: true, savedAt: record.savedAt }),
    };
  }

  async function search({ query }) {
    if (typeof query !== 'string') throw badRequest('query must be a string');
    return store.search(query);
  }

  return {
    extract,
    save,
    download,
    list: () => store.list(),
    get,
    delete: async ({ id }) => ({ deleted: await store.remove(requireId(id)) }),
    search,
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
