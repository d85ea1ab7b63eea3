// The article library: one record per page URL (plus any clips of it) in a storage area
// (`storage.local`), and one undo entry for the last update or deletion.

import { ReadmarkError, messageFor } from './pages.js';

// The record format's version, stored in every record. A record of a newer version (written by
// a later Readmark) is listed, shown and deletable, but never overwritten by this version.
export const SCHEMA = 1;
// Every record's key starts with this, so the library never mistakes other stored data for one.
const KEY_PREFIX = 'article:';
// The one undo entry: `{ action: 'update' | 'delete', id, record, replacedAt? }` (the stored
// value as it was before the last update or deletion). Not an `article:` key: lists ignore it.
const UNDO_KEY = 'undo';
// A clip of a page already in the library gets the page's id plus this and its save time,
// so it never replaces the page's record (ids are URLs without fragment; this is a fragment).
const CLIP_MARK = '#readmark-clip=';
// The Article fields a record keeps (everything but `contentHtml`: Markdown is the source of truth).
const ARTICLE_FIELDS = [
  'url', 'title', 'byline', 'siteName', 'publishedTime', 'modifiedTime', 'lang', 'dir', 'excerpt',
  'leadImage', 'section', 'wordCount', 'readingTimeMinutes', 'fromSelection', 'markdown', 'text',
];
// How a stored value's fields are read back: a field of another type (a damaged or foreign
// record) becomes null, so one bad record never breaks a list, a search or a page.
const STRING_FIELDS = ['title', 'byline', 'siteName', 'publishedTime', 'modifiedTime', 'lang', 'dir', 'excerpt',
  'leadImage', 'section', 'updatedAt'];
const COUNT_FIELDS = ['wordCount', 'readingTimeMinutes'];
// The ways `save` may store an article: `auto` updates the page's record unless the article is
// a selection and the page is already saved (then it becomes a clip: a selection never silently
// replaces a saved article); `update` replaces the page's record; `clip` always adds a new record.
export const SAVE_MODES = new Set(['auto', 'update', 'clip']);

/** A record's id: the page URL without its fragment. */
export function idOf(url) {
  return url.split('#')[0];
}

/** True for the id of a clip (a second record of a page, see CLIP_MARK). */
export function isClipId(id) {
  return id.includes(CLIP_MARK);
}

const keyOf = (id) => KEY_PREFIX + id;

/** The record without its bulky `markdown` and `text`: what lists show. */
export function summaryOf(record) {
  const { markdown, text, ...summary } = record;
  return summary;
}

/** Lower case, accents removed: "Éditions" and "editions" compare equal. */
export function foldText(text) {
  return text.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();
}

const isDate = (value) => typeof value === 'string' && !Number.isNaN(new Date(value).getTime());
const stringOr = (value, fallback) => (typeof value === 'string' ? value : fallback);

/**
 * A stored value under `key` → the record as the library uses it, or null when the value is not
 * a record at all (no positive integer `schema`). The id always comes from the key; a missing or
 * unreadable `savedAt` falls back to `updatedAt`, then null; wrong types become null.
 */
export function readRecord(key, value) {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return null;
  if (!Number.isInteger(value.schema) || value.schema < 1) return null;
  const id = key.slice(KEY_PREFIX.length);
  const record = { schema: value.schema, id, url: stringOr(value.url, idOf(id)) };
  for (const field of STRING_FIELDS) record[field] = stringOr(value[field], null);
  for (const field of COUNT_FIELDS) {
    record[field] = Number.isFinite(value[field]) && value[field] >= 0 ? value[field] : null;
  }
  record.fromSelection = value.fromSelection === true;
  record.markdown = stringOr(value.markdown, '');
  record.text = stringOr(value.text, '');
  record.savedAt = isDate(value.savedAt) ? value.savedAt : isDate(value.updatedAt) ? value.updatedAt : null;
  if (value.schema > SCHEMA) record.newer = true;
  return record;
}

/** Newest first; records without a saved time last; ties by id. */
function newestFirst(a, b) {
  return (b.savedAt ?? '').localeCompare(a.savedAt ?? '') || a.id.localeCompare(b.id);
}

function buildRecord(article, id, previous, nowIso) {
  const record = { schema: SCHEMA, id };
  for (const field of ARTICLE_FIELDS) record[field] = article[field] ?? null;
  record.savedAt = previous?.savedAt ?? nowIso;
  record.updatedAt = nowIso;
  return record;
}

/** The library over `area` (a `storage.local`-like object: get, set, remove returning promises). */
export function createLibrary(area) {
  async function guarded(operation) {
    try {
      return await operation();
    } catch (error) {
      throw new ReadmarkError('Storage', messageFor('Storage', error?.message ?? String(error)));
    }
  }

  async function stored(key) {
    return (await guarded(() => area.get(key)))[key];
  }

  async function get(id) {
    const key = keyOf(id);
    return readRecord(key, await stored(key));
  }

  async function all() {
    const items = await guarded(() => area.get(null));
    const records = [];
    for (const [key, value] of Object.entries(items)) {
      const record = key.startsWith(KEY_PREFIX) ? readRecord(key, value) : null;
      if (record) records.push(record);
    }
    return records.sort(newestFirst);
  }

  /**
   * Saves `article` (one `set`): `{ record: summary, updated, clip }`. `mode` is one of
   * SAVE_MODES. A record of a newer schema is never overwritten (NewerRecord).
   */
  async function save(article, now, { mode = 'auto' } = {}) {
    const nowIso = now.toISOString();
    const pageId = idOf(article.url);
    const key = keyOf(pageId);
    const raw = await stored(key);
    const previous = readRecord(key, raw);
    const asClip = mode === 'clip' || (mode === 'auto' && previous !== null && article.fromSelection === true);
    if (asClip) {
      const record = buildRecord(article, pageId + CLIP_MARK + nowIso, null, nowIso);
      await guarded(() => area.set({ [keyOf(record.id)]: record }));
      return { record: summaryOf(record), updated: false, clip: true };
    }
    if (previous?.newer) throw new ReadmarkError('NewerRecord');
    const record = buildRecord(article, pageId, previous, nowIso);
    const entries = { [key]: record };
    if (previous) entries[UNDO_KEY] = { action: 'update', id: pageId, record: raw, replacedAt: nowIso };
    await guarded(() => area.set(entries));
    return { record: summaryOf(record), updated: previous !== null, clip: false };
  }

  /** Removes whatever is stored as record `id` (any schema, even damaged): true when there was one. */
  async function remove(id) {
    const key = keyOf(id);
    const raw = await stored(key);
    if (raw === undefined) return false;
    await guarded(() => area.set({ [UNDO_KEY]: { action: 'delete', id, record: raw } }));
    await guarded(() => area.remove(key));
    return true;
  }

  /**
   * Undoes the last `action` ('update' or 'delete') on record `id`, when it is still the last
   * one and the record has not changed since: `{ id, action, record: summary }`.
   */
  async function undo(id, action) {
    const entry = await stored(UNDO_KEY);
    if (entry?.id !== id || entry.action !== action) throw new ReadmarkError('NothingToUndo');
    const key = keyOf(id);
    const current = await stored(key);
    const unchanged = action === 'delete' ? current === undefined : current?.updatedAt === entry.replacedAt;
    if (!unchanged) throw new ReadmarkError('NothingToUndo');
    await guarded(() => area.set({ [key]: entry.record }));
    await guarded(() => area.remove(UNDO_KEY));
    const record = readRecord(key, entry.record);
    return { id, action, record: record && summaryOf(record) };
  }

  async function list() {
    return (await all()).map(summaryOf);
  }

  /** Summaries whose title or text contains every word of `query` (case- and accent-insensitive). */
  async function search(query) {
    const words = foldText(query).split(/\s+/).filter(Boolean);
    const matches = (record) => {
      const haystack = foldText(`${record.title ?? ''}\n${record.text}`);
      return words.every((word) => haystack.includes(word));
    };
    return (await all()).filter(matches).map(summaryOf);
  }

  return { get, save, remove, undo, list, search };
}
