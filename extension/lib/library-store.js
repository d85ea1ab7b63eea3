// The article library: one record per page URL in a storage area (`storage.local`).

import { ReadmarkError, messageFor } from './pages.js';

// The record format's version, stored in every record; records of another version are ignored.
export const SCHEMA = 1;
// Every record's key starts with this, so the library never mistakes other stored data for one.
const KEY_PREFIX = 'article:';
// The Article fields a record keeps (everything but `contentHtml`: Markdown is the source of truth).
const ARTICLE_FIELDS = [
  'url', 'title', 'byline', 'siteName', 'publishedTime', 'modifiedTime', 'lang', 'dir', 'excerpt',
  'leadImage', 'section', 'wordCount', 'readingTimeMinutes', 'fromSelection', 'markdown', 'text',
];

/** A record's id: the page URL without its fragment. */
export function idOf(url) {
  return url.split('#')[0];
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

function newestFirst(a, b) {
  return b.savedAt.localeCompare(a.savedAt) || a.id.localeCompare(b.id);
}

function buildRecord(article, previous, nowIso) {
  const record = { schema: SCHEMA, id: idOf(article.url) };
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

  async function get(id) {
    const key = keyOf(id);
    const found = (await guarded(() => area.get(key)))[key];
    return found?.schema === SCHEMA ? found : null;
  }

  async function all() {
    const items = await guarded(() => area.get(null));
    return Object.entries(items)
      .filter(([key, value]) => key.startsWith(KEY_PREFIX) && value?.schema === SCHEMA)
      .map(([, record]) => record)
      .sort(newestFirst);
  }

  /** Saves `article` (one `set` of one key): `{ record: summary, updated }`. */
  async function save(article, now) {
    const previous = await get(idOf(article.url));
    const record = buildRecord(article, previous, now.toISOString());
    await guarded(() => area.set({ [keyOf(record.id)]: record }));
    return { record: summaryOf(record), updated: previous !== null };
  }

  /** Removes the record `id`: true when there was one. */
  async function remove(id) {
    if ((await get(id)) === null) return false;
    await guarded(() => area.remove(keyOf(id)));
    return true;
  }

  async function list() {
    return (await all()).map(summaryOf);
  }

  /** Summaries whose title or text contains every word of `query` (case- and accent-insensitive). */
  async function search(query) {
    const words = foldText(query).split(/\s+/).filter(Boolean);
    const matches = (record) => {
      const haystack = foldText(`${record.title ?? ''}\n${record.text ?? ''}`);
      return words.every((word) => haystack.includes(word));
    };
    return (await all()).filter(matches).map(summaryOf);
  }

  return { get, save, remove, list, search };
}
