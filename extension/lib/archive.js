// The library's export and import formats (docs/extension.md, "Export and import"), as pure
// functions: the library page (transfer.js) builds and reads archives with them, node tests run
// them directly.
//
//   libraryJson(records)              → the text of library.json (everything the library holds)
//   parseLibraryJson(text)            → its records, or throws
//   archivePaths(entries, layout)     → the path of each Markdown file in the ZIP ('flat' | 'site')
//   recordFromMarkdown(text)          → a record from a Markdown file with front matter, or a reason
//   zipFiles(fflate, files, progress) → the ZIP's bytes (fflate, the vendored library, writes it)

// library.json says what it is, so an import refuses any other JSON.
export const LIBRARY_FORMAT = 'readmark-library';
export const LIBRARY_VERSION = 1;
export const LIBRARY_FILE = 'library.json';
export const LAYOUTS = new Set(['flat', 'site']);
// The folder of files whose URL names no host (never for http(s) records, which are all the library keeps).
const NO_SITE_FOLDER = 'other';
// Leading "www." is the same site (the folder is the publisher's host).
const WWW = /^www\./;
// A ZIP entry's time is the record's updatedAt (so the same library gives the same bytes); the
// format cannot say a time before 1980 or after 2099, and a record without a time gets this.
const ZIP_EPOCH = '1980-01-01T00:00:00Z';
const ZIP_LAST_YEAR = 2099;
// Deflate level of the Markdown files: fflate's default, a good size for little time.
const ZIP_LEVEL = 6;
// The page stays responsive while zipping: it yields to the browser after this much work, so
// the progress bar moves and the page answers keys.
const YIELD_EVERY_MS = 30;
// Reading time of an imported Markdown file: the core's reading speed (src/extract/metadata.rs,
// WORDS_PER_MINUTE), so an imported file reads as long as a saved page of the same length.
const WORDS_PER_MINUTE = 230;
// The front-matter keys the core writes (src/markdown/front_matter.rs) → record fields; the
// alias `author` (the name other clippers use for the byline) is read too.
const FRONT_MATTER_FIELDS = {
  title: 'title', byline: 'byline', author: 'byline', site: 'siteName', url: 'url', published: 'publishedTime',
  lang: 'lang', excerpt: 'excerpt', image: 'leadImage', saved: 'savedAt', type: 'pageType',
};
// The key the core's template engine ends a selection's front matter with, valued `true`
// (src/template.rs, SELECTION_KEY): the file is a selection of its page, imported as a clip of
// its URL, never as the page's article (lib/library-store.js, importRecords).
const SELECTION_KEY = 'selection';

/** The text of library.json: the records in the order given, two-space indented, one final newline. */
export function libraryJson(records) {
  return `${JSON.stringify({ format: LIBRARY_FORMAT, version: LIBRARY_VERSION, records }, null, 2)}\n`;
}

/** library.json's text → its records; throws an Error saying why it is not one. */
export function parseLibraryJson(text) {
  let data;
  try {
    data = JSON.parse(text);
  } catch (error) {
    throw new Error(`not JSON (${error.message})`, { cause: error });
  }
  if (data?.format !== LIBRARY_FORMAT || !Array.isArray(data.records)) throw new Error('not a Readmark library.json');
  if (!Number.isInteger(data.version) || data.version > LIBRARY_VERSION) {
    throw new Error(`written by a newer Readmark (format version ${data.version})`);
  }
  return data.records;
}

/** The folder of a record's files in the 'site' layout: its host without "www.". */
export function siteFolder(url) {
  try {
    return new URL(url).hostname.replace(WWW, '') || NO_SITE_FOLDER;
  } catch {
    return NO_SITE_FOLDER;
  }
}

/**
 * The path of each entry's file (`{ record, filename }`, filename from the core's
 * downloadFilename): `filename` or `site/filename`; a name already taken in its folder (compared
 * without case, as on most disks) gets " (2)", " (3)"… before ".md".
 */
export function archivePaths(entries, layout) {
  const taken = new Set();
  return entries.map(({ record, filename }) => {
    const folder = layout === 'site' ? `${siteFolder(record.url)}/` : '';
    const stem = filename.replace(/\.md$/i, '');
    let path = `${folder}${stem}.md`;
    for (let n = 2; taken.has(path.toLowerCase()); n += 1) path = `${folder}${stem} (${n}).md`;
    taken.add(path.toLowerCase());
    return path;
  });
}

/** The time a ZIP entry carries for `iso` (clamped to what the format can say). */
export function zipTime(iso) {
  const date = new Date(iso ?? ZIP_EPOCH);
  if (Number.isNaN(date.getTime())) return new Date(ZIP_EPOCH);
  if (date < new Date(ZIP_EPOCH)) return new Date(ZIP_EPOCH);
  if (date.getUTCFullYear() > ZIP_LAST_YEAR) return new Date(Date.UTC(ZIP_LAST_YEAR, 0, 1));
  return date;
}

const pause = () => new Promise((resolve) => setTimeout(resolve, 0));

/**
 * The ZIP of `files` (`[{ path, text, time }]`, in that order) written by fflate (`Zip` and
 * `ZipDeflate` of the vendored module, passed in): resolves a Uint8Array. `progress(done,
 * total)` after each file.
 */
export async function zipFiles(fflate, files, progress = () => {}) {
  const chunks = [];
  let failure = null;
  const zip = new fflate.Zip((error, chunk) => {
    if (error) failure = error;
    else chunks.push(chunk);
  });
  const encoder = new TextEncoder();
  let since = Date.now();
  for (const [index, file] of files.entries()) {
    const entry = new fflate.ZipDeflate(file.path, { level: ZIP_LEVEL });
    entry.mtime = zipTime(file.time); // the streaming Zip reads a file's time from the entry itself
    zip.add(entry);
    entry.push(encoder.encode(file.text), true);
    if (failure) throw failure;
    progress(index + 1, files.length);
    if (Date.now() - since > YIELD_EVERY_MS) {
      await pause();
      since = Date.now();
    }
  }
  zip.end();
  if (failure) throw failure;
  const bytes = new Uint8Array(chunks.reduce((sum, chunk) => sum + chunk.length, 0));
  let offset = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, offset);
    offset += chunk.length;
  }
  return bytes;
}

/** A front-matter value: the core writes JSON strings; plain YAML scalars and lists are read too. */
function frontMatterValue(raw) {
  const value = raw.trim();
  if (value.startsWith('"') || value.startsWith('[')) {
    try {
      return JSON.parse(value);
    } catch {
      // not JSON: the plain text below
    }
  }
  if (value.startsWith("'") && value.endsWith("'") && value.length >= 2) return value.slice(1, -1).replace(/''/g, "'");
  return value;
}

/** `---` … `---` at the start of `text` → `{ fields, body }`, or null without front matter. */
export function splitFrontMatter(text) {
  const match = /^\uFEFF?---\r?\n([\s\S]*?)\r?\n---\r?\n?/.exec(text);
  if (!match) return null;
  const fields = {};
  let listKey = null;
  for (const line of match[1].split(/\r?\n/)) {
    const item = /^\s+-\s+(.*)$/.exec(line);
    if (item && listKey) {
      fields[listKey].push(frontMatterValue(item[1]));
      continue;
    }
    const pair = /^([A-Za-z_][\w-]*):\s*(.*)$/.exec(line);
    if (!pair) continue;
    const [, key, raw] = pair;
    listKey = raw.trim() === '' ? key : null;
    fields[key] = listKey ? [] : frontMatterValue(raw);
  }
  return { fields, body: text.slice(match[0].length) };
}

/** Words of a Markdown body: runs of letters and digits (the count a reader would make, near enough). */
export function countWords(text) {
  return (text.match(/[\p{L}\p{N}]+(?:['’][\p{L}\p{N}]+)*/gu) ?? []).length;
}

/**
 * A Markdown file (as the core writes them: front matter, "# Title", body) → `{ record }` for
 * the import, or `{ reason }`: 'noFrontMatter', 'noUrl'. The body loses its "# Title" line
 * (the title is the front matter's); its text is the Markdown itself (no core in this page).
 * A file without a `saved` time counts as saved at `nowIso` (the import's time). `selection:
 * true` (the file of a selection) gives `fromSelection: true`, which the store imports as a clip.
 */
export function recordFromMarkdown(text, nowIso) {
  const parts = splitFrontMatter(text);
  if (!parts) return { reason: 'noFrontMatter' };
  const record = {};
  for (const [key, field] of Object.entries(FRONT_MATTER_FIELDS)) {
    const value = parts.fields[key];
    if (typeof value === 'string' && value.trim() !== '' && record[field] === undefined) record[field] = value.trim();
  }
  if (!record.url) return { reason: 'noUrl' };
  const tags = parts.fields.tags;
  record.tags = Array.isArray(tags) ? tags.map(String) : typeof tags === 'string' ? tags.split(',') : [];
  let body = parts.body.replace(/^\s*\n/, '');
  if (/^# .*\n?/.test(body)) body = body.replace(/^# .*\n?/, '').replace(/^\s*\n/, '');
  record.markdown = body.replace(/\s+$/, '\n');
  if (record.markdown === '\n') record.markdown = '';
  record.text = record.markdown;
  record.wordCount = countWords(body);
  record.readingTimeMinutes = Math.max(1, Math.ceil(record.wordCount / WORDS_PER_MINUTE));
  const selection = parts.fields[SELECTION_KEY];
  record.fromSelection = selection === true || (typeof selection === 'string' && selection.trim().toLowerCase() === 'true');
  record.savedAt ??= nowIso;
  record.updatedAt = record.savedAt;
  return { record };
}
