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
// `pageType` (article, forum, documentation, product, listing, collection, service) comes from
// cores that classify pages; an older core gives none, and the record holds null.
const ARTICLE_FIELDS = [
  'url', 'title', 'byline', 'siteName', 'publishedTime', 'modifiedTime', 'lang', 'dir', 'excerpt',
  'leadImage', 'section', 'pageType', 'wordCount', 'readingTimeMinutes', 'fromSelection', 'markdown', 'text',
];
// A record's fields in the one order exports write them (library.json): the same library
// always gives the same bytes.
export const RECORD_FIELDS = [
  'schema', 'id', 'url', 'title', 'byline', 'siteName', 'publishedTime', 'modifiedTime', 'lang', 'dir', 'excerpt',
  'leadImage', 'section', 'pageType', 'wordCount', 'readingTimeMinutes', 'fromSelection', 'tags', 'markdown', 'text',
  'savedAt', 'updatedAt',
];
// How a stored value's fields are read back: a field of another type (a damaged or foreign
// record) becomes null, so one bad record never breaks a list, a search or a page.
const STRING_FIELDS = ['title', 'byline', 'siteName', 'publishedTime', 'modifiedTime', 'lang', 'dir', 'excerpt',
  'leadImage', 'section', 'pageType', 'updatedAt'];
// A tag is one short line: longer input is cut here (tags are labels, not notes).
const MAX_TAG_CHARS = 60;
// Around the first match of a search, this many characters of the text on each side make the
// snippet a list entry shows (with the match highlighted).
const SNIPPET_CONTEXT_CHARS = 70;
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

/** A tag as stored: whitespace runs become one space, a leading "#" goes, cut at MAX_TAG_CHARS. */
export function normalizeTag(tag) {
  if (typeof tag !== 'string') return '';
  return tag.replace(/\s+/g, ' ').trim().replace(/^#+\s*/, '').slice(0, MAX_TAG_CHARS).trim();
}

/** Tags as stored: normalized, without blanks, without case-insensitive repeats (the first spelling stays). */
export function normalizeTags(tags) {
  if (!Array.isArray(tags)) return [];
  const seen = new Set();
  const out = [];
  for (const tag of tags.map(normalizeTag)) {
    const key = tag.toLowerCase();
    if (tag === '' || seen.has(key)) continue;
    seen.add(key);
    out.push(tag);
  }
  return out;
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
  record.tags = normalizeTags(value.tags);
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

/** The record with exactly RECORD_FIELDS, in that order (what is stored and exported). */
export function canonicalRecord(record) {
  return Object.fromEntries(RECORD_FIELDS.map((field) => [field, record[field] ?? null]));
}

function buildRecord(article, id, previous, nowIso, tags) {
  const record = { schema: SCHEMA, id };
  for (const field of ARTICLE_FIELDS) record[field] = article[field] ?? null;
  record.fromSelection = article.fromSelection === true;
  record.tags = tags ?? previous?.tags ?? [];
  record.savedAt = previous?.savedAt ?? nowIso;
  record.updatedAt = nowIso;
  return canonicalRecord(record);
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
  async function save(article, now, { mode = 'auto', tags } = {}) {
    const nowIso = now.toISOString();
    const chosenTags = tags === undefined ? undefined : normalizeTags(tags);
    const pageId = idOf(article.url);
    const key = keyOf(pageId);
    const raw = await stored(key);
    const previous = readRecord(key, raw);
    const asClip = mode === 'clip' || (mode === 'auto' && previous !== null && article.fromSelection === true);
    if (asClip) {
      const record = buildRecord(article, pageId + CLIP_MARK + nowIso, null, nowIso, chosenTags);
      await guarded(() => area.set({ [keyOf(record.id)]: record }));
      return { record: summaryOf(record), updated: false, clip: true };
    }
    if (previous?.newer) throw new ReadmarkError('NewerRecord');
    const record = buildRecord(article, pageId, previous, nowIso, chosenTags);
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

  /**
   * Summaries whose title or text contains every word of `query` (case- and accent-insensitive),
   * each with `snippet`: the text around the first match in the text (null when only the title matches).
   */
  async function search(query) {
    const words = foldText(query).split(/\s+/).filter(Boolean);
    const results = [];
    for (const record of await all()) {
      const title = foldText(record.title ?? '');
      const text = foldText(record.text);
      if (!words.every((word) => title.includes(word) || text.includes(word))) continue;
      results.push({ ...summaryOf(record), snippet: snippetOf(record.text, text, words) });
    }
    return results;
  }

  async function writable(id) {
    const key = keyOf(requireId(id));
    const record = readRecord(key, await stored(key));
    if (!record) throw new ReadmarkError('NotFound');
    if (record.newer) throw new ReadmarkError('NewerRecord');
    return record;
  }

  /** Replaces the tags of record `id` (one `set`; `updatedAt` stays: tags are not the article): the summary. */
  async function setTags(id, tags) {
    const record = canonicalRecord({ ...(await writable(id)), tags: normalizeTags(tags) });
    await guarded(() => area.set({ [keyOf(record.id)]: record }));
    return summaryOf(record);
  }

  /**
   * Renames tag `from` (any case) to `to` on every record that has it, in one `set`; a blank `to`
   * removes the tag. Records of a newer schema are left alone. `{ renamed: count }`.
   */
  async function renameTag(from, to) {
    const old = normalizeTag(from).toLowerCase();
    if (old === '') return { renamed: 0 };
    const entries = {};
    for (const record of await all()) {
      if (record.newer || !record.tags.some((tag) => tag.toLowerCase() === old)) continue;
      const tags = normalizeTags(record.tags.map((tag) => (tag.toLowerCase() === old ? to : tag)));
      entries[keyOf(record.id)] = canonicalRecord({ ...record, tags });
    }
    const renamed = Object.keys(entries).length;
    if (renamed > 0) await guarded(() => area.set(entries));
    return { renamed };
  }

  /** The full records `ids` (canonical field order; a missing id is left out), in the order given. */
  async function records(ids) {
    const keys = ids.map((id) => keyOf(requireId(id)));
    const items = await guarded(() => area.get(keys));
    return keys.map((key) => readRecord(key, items[key])).filter(Boolean).map(canonicalRecord);
  }

  /**
   * Merges `values` (records from an export, or made from Markdown files) into the library by
   * id, in ONE `set`: a failed write leaves the library as it was. An id already present is
   * replaced only by a later `updatedAt`. `{ added, updated, skipped: [{ id, title, reason }] }`,
   * reasons: invalid, newerSchema, duplicate, unchanged, notNewer, newerInLibrary. A value
   * without an id (made from a Markdown file) gets one by idOfFile: a selection's file is
   * always a clip, never its page's article.
   */
  async function importRecords(values) {
    if (!Array.isArray(values)) throw new ReadmarkError('BadRequest', messageFor('BadRequest', 'records must be an array'));
    const current = new Map((await all()).map((record) => [record.id, record]));
    const entries = {};
    const report = { added: [], updated: [], skipped: [] };
    for (const value of values) {
      const { record: found, reason } = importable(value);
      const record = found && typeof value.id !== 'string' ? { ...found, id: idOfFile(found, current) } : found;
      const existing = record && current.get(record.id);
      const why = reason
        ?? (Object.hasOwn(entries, keyOf(record.id)) ? 'duplicate' : null)
        ?? (existing?.newer ? 'newerInLibrary' : null)
        ?? (existing && sameRecord(existing, record) ? 'unchanged' : null)
        ?? (existing && !laterThan(record.updatedAt, existing.updatedAt) ? 'notNewer' : null);
      if (why) {
        report.skipped.push({ id: record?.id ?? (typeof value?.url === 'string' ? value.url : null), title: titleFrom(value), reason: why });
        continue;
      }
      entries[keyOf(record.id)] = record;
      (existing ? report.updated : report.added).push(record.id);
    }
    if (Object.keys(entries).length > 0) await guarded(() => area.set(entries));
    return { added: report.added.length, updated: report.updated.length, skipped: report.skipped };
  }

  /** Bytes the library's storage area holds (the browser's count where it has one, else the JSON size). */
  async function usage() {
    if (typeof area.getBytesInUse === 'function') {
      try {
        return { bytes: await area.getBytesInUse(null), measured: 'browser' };
      } catch {
        // Firefox's storage.local has no getBytesInUse: count the stored JSON instead.
      }
    }
    const items = await guarded(() => area.get(null));
    let bytes = 0;
    for (const [key, value] of Object.entries(items)) bytes += utf8Length(key) + utf8Length(JSON.stringify(value));
    return { bytes, measured: 'json' };
  }

  return { get, save, remove, undo, list, search, setTags, renameTag, records, importRecords, usage };
}

function requireId(id) {
  if (typeof id !== 'string' || id === '') throw new ReadmarkError('BadRequest', messageFor('BadRequest', 'an id (the article URL) is required'));
  return id;
}

const utf8Length = (text) => new TextEncoder().encode(text).length;
const titleFrom = (value) => (typeof value?.title === 'string' ? value.title : null);

/** True when ISO time `a` is later than `b` (an unknown time is never later). */
function laterThan(a, b) {
  if (!isDate(a)) return false;
  if (!isDate(b)) return true;
  return new Date(a).getTime() > new Date(b).getTime();
}

/**
 * The id of a record made from a Markdown file (`record.id` is its page's id). A file names no
 * id, only its page's URL and its `saved` time; a clip's id is its page's id + CLIP_MARK + that
 * time. The file of a selection (front matter `selection: true`, so `fromSelection`) is the
 * library's record of that selection saved at that time when there is one (a clip, or the page's
 * record when the selection was the page's first save), else a new clip: never its page's
 * article, nor a replacement of it. A file without the key (written before it existed, or the
 * whole page's) is the library's clip saved at that time when there is one, else its page's.
 */
function idOfFile(record, current) {
  const clipId = record.id + CLIP_MARK + record.savedAt;
  if (current.has(clipId)) return clipId;
  if (!record.fromSelection) return record.id;
  const page = current.get(record.id);
  return page?.fromSelection && page.savedAt === record.savedAt ? record.id : clipId;
}

function sameRecord(a, b) {
  return JSON.stringify(canonicalRecord(a)) === JSON.stringify(canonicalRecord(b));
}

/** An imported value → `{ record }` (canonical, schema of this version) or `{ reason }`. */
export function importable(value) {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return { reason: 'invalid' };
  if (typeof value.url !== 'string' || !isWebUrl(value.url) || typeof value.markdown !== 'string') return { reason: 'invalid' };
  const schema = value.schema ?? SCHEMA;
  if (!Number.isInteger(schema) || schema < 1) return { reason: 'invalid' };
  if (schema > SCHEMA) return { reason: 'newerSchema' };
  // The id is the URL without fragment, or a clip id of that URL; anything else is re-derived.
  const pageId = idOf(value.url);
  const id = typeof value.id === 'string' && (value.id === pageId || value.id.startsWith(pageId + CLIP_MARK)) ? value.id : pageId;
  const record = readRecord(keyOf(id), { ...value, schema });
  return { record: canonicalRecord(record) };
}

function isWebUrl(address) {
  try {
    const { protocol } = new URL(address);
    return protocol === 'http:' || protocol === 'https:';
  } catch {
    return false;
  }
}

/** The text around the first match of any of `words` in `text` (`folded` is foldText(text)), or null. */
function snippetOf(text, folded, words) {
  const at = Math.min(...words.map((word) => folded.indexOf(word)).filter((index) => index >= 0));
  if (!Number.isFinite(at)) return null;
  // Folding can change lengths (a ligature); the original text is cut at the same offsets, close enough for context.
  const start = Math.max(0, at - SNIPPET_CONTEXT_CHARS);
  const end = Math.min(text.length, at + SNIPPET_CONTEXT_CHARS * 2);
  const body = text.slice(start, end).replace(/\s+/g, ' ').trim();
  return `${start > 0 ? '…' : ''}${body}${end < text.length ? '…' : ''}`;
}
