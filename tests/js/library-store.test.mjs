import assert from 'node:assert/strict';
import { test } from 'node:test';

import { SCHEMA, createLibrary, foldText, idOf } from '../../extension/lib/library-store.js';
import { recordFromMarkdown } from '../../extension/lib/archive.js';
import { article, memoryArea } from './fakes.mjs';

const FIELDS = ['schema', 'id', 'url', 'title', 'byline', 'siteName', 'publishedTime', 'modifiedTime', 'lang', 'dir',
  'excerpt', 'leadImage', 'section', 'pageType', 'wordCount', 'readingTimeMinutes', 'fromSelection', 'tags', 'markdown',
  'text', 'savedAt', 'updatedAt'];
const T1 = new Date('2026-11-28T10:00:00.000Z');
const T2 = new Date('2026-11-28T11:00:00.000Z');
const T3 = new Date('2026-11-28T12:00:00.000Z');

test('a record has exactly the documented fields, under article:<url without fragment>', async () => {
  const area = memoryArea();
  const library = createLibrary(area);
  const { record, updated } = await library.save(article({ url: 'https://news.example/story#comments' }), T1);
  assert.equal(updated, false);
  const stored = area.items['article:https://news.example/story'];
  assert.deepEqual(Object.keys(stored).sort(), [...FIELDS].sort());
  assert.equal(stored.schema, SCHEMA);
  assert.equal(stored.id, 'https://news.example/story');
  assert.equal(stored.savedAt, T1.toISOString());
  assert.equal(stored.markdown, 'Body of story');
  assert.equal('contentHtml' in stored, false);
  assert.equal('markdown' in record || 'text' in record, false, 'the reply is a summary');
  assert.equal(record.title, 'A story');
});

test('absent article fields are stored as null', async () => {
  const area = memoryArea();
  const { url, markdown, text } = article();
  await createLibrary(area).save({ url, markdown, text }, T1);
  assert.equal(area.items[`article:${url}`].byline, null);
});

test('saving the same URL again updates the record and keeps its first savedAt', async () => {
  const area = memoryArea();
  const library = createLibrary(area);
  await library.save(article(), T1);
  const { record, updated } = await library.save(article({ url: 'https://news.example/story#again', title: 'New title' }), T2);
  assert.equal(updated, true);
  assert.equal(record.title, 'New title');
  assert.equal(record.savedAt, T1.toISOString());
  assert.equal(record.updatedAt, T2.toISOString());
  assert.equal((await library.list()).length, 1);
});

test('one set per save; a failed write is reported as Storage and changes nothing', async () => {
  const area = memoryArea();
  const library = createLibrary(area);
  await library.save(article(), T1);
  const before = structuredClone(area.items);
  area.failNextSet = new Error('QUOTA_BYTES quota exceeded');
  await assert.rejects(library.save(article({ title: 'Changed' }), T2), (error) => {
    assert.equal(error.name, 'Storage');
    assert.match(error.message, /QUOTA_BYTES quota exceeded/);
    return true;
  });
  assert.deepEqual(area.items, before);
  area.failNextSet = new Error('disk full');
  await assert.rejects(library.save(article({ url: 'https://other.example/' }), T2), { name: 'Storage' });
  assert.deepEqual(area.items, before);
  assert.equal(area.setCalls, 3);
});

test('list: summaries newest first; other keys ignored; a newer schema listed last (no saved time), marked newer', async () => {
  const area = memoryArea({ settings: { theme: 'dark' }, 'article:https://old.example/': { schema: 99, id: 'x' } });
  const library = createLibrary(area);
  await library.save(article({ url: 'https://a.example/', title: 'First' }), T1);
  await library.save(article({ url: 'https://b.example/', title: 'Third' }), T3);
  await library.save(article({ url: 'https://c.example/', title: 'Second' }), T2);
  const list = await library.list();
  assert.deepEqual(list.map((r) => r.title), ['Third', 'Second', 'First', null]);
  for (const summary of list) assert.equal('text' in summary, false);
  const newer = await library.get('https://old.example/');
  assert.equal(newer.newer, true);
  assert.equal(newer.id, 'https://old.example/', 'the id is the key’s, whatever the value says');
});

test('search: every word, in title or text, case- and accent-insensitive', async () => {
  const library = createLibrary(memoryArea());
  await library.save(article({ url: 'https://a.example/', title: 'Élections à Erevan', text: 'Les électeurs votent.' }), T1);
  await library.save(article({ url: 'https://b.example/', title: 'Weather', text: 'Rain in YEREVAN today' }), T2);
  const titles = async (query) => (await library.search(query)).map((r) => r.title);
  assert.deepEqual(await titles('elections erevan'), ['Élections à Erevan']);
  assert.deepEqual(await titles('ELECTEURS'), ['Élections à Erevan']);
  assert.deepEqual(await titles('yerevan rain'), ['Weather']);
  assert.deepEqual(await titles('rain elections'), []);
  assert.deepEqual(await titles('  '), ['Weather', 'Élections à Erevan']);
  assert.equal('text' in (await library.search('rain'))[0], false);
});

test('remove reports whether the record existed', async () => {
  const area = memoryArea();
  const library = createLibrary(area);
  await library.save(article(), T1);
  assert.equal(await library.remove('https://news.example/story'), true);
  assert.equal(await library.remove('https://news.example/story'), false);
  assert.deepEqual(Object.keys(area.items), ['undo'], 'only the undo entry is left');
  assert.equal(area.items.undo.record.title, 'A story');
});

test('helpers: ids drop the fragment, folding drops case and accents', () => {
  assert.equal(idOf('https://x.example/a?b=1#c'), 'https://x.example/a?b=1');
  assert.equal(foldText('Ça Ÿ Ñandú ÅNGSTRÖM'), 'ca y nandu angstrom');
});

test('tags: stored normalized on the record, kept by an update, renamed or removed everywhere in one set', async () => {
  const area = memoryArea();
  const library = createLibrary(area);
  await library.save(article({ url: 'https://a.example/' }), T1, { tags: ['  #Reading  list ', 'reading LIST', '', 'Go'] });
  await library.save(article({ url: 'https://b.example/' }), T2);
  assert.deepEqual(area.items['article:https://a.example/'].tags, ['Reading list', 'Go']);
  assert.deepEqual(area.items['article:https://b.example/'].tags, []);
  const summary = await library.setTags('https://b.example/', ['go', 'Later']);
  assert.deepEqual(summary.tags, ['go', 'Later']);
  assert.equal(summary.updatedAt, T2.toISOString(), 'tagging is not an update of the article');
  await library.save(article({ url: 'https://b.example/', title: 'New' }), T3);
  assert.deepEqual((await library.get('https://b.example/')).tags, ['go', 'Later'], 'an update keeps the tags');
  const sets = area.setCalls;
  assert.deepEqual(await library.renameTag('GO', 'Golang'), { renamed: 2 });
  assert.equal(area.setCalls, sets + 1, 'one write for every record');
  assert.deepEqual((await library.get('https://a.example/')).tags, ['Reading list', 'Golang']);
  assert.deepEqual((await library.get('https://b.example/')).tags, ['Golang', 'Later']);
  assert.deepEqual(await library.renameTag('later', ''), { renamed: 1 });
  assert.deepEqual((await library.get('https://b.example/')).tags, ['Golang']);
  await assert.rejects(library.setTags('https://none.example/', ['x']), { name: 'NotFound' });
});

test('search: each result carries a snippet of the text around the first match', async () => {
  const library = createLibrary(memoryArea());
  const text = `${'lorem '.repeat(40)}the Élections were held ${'ipsum '.repeat(40)}`;
  await library.save(article({ url: 'https://a.example/', title: 'Vote', text }), T1);
  const [hit] = await library.search('elections');
  assert.match(hit.snippet, /^….*the Élections were held.*…$/);
  assert.ok(hit.snippet.length < 230, hit.snippet.length);
  const [titleOnly] = await library.search('vote');
  assert.equal(titleOnly.snippet, null);
});

test('import: merged by id; unchanged, older, duplicate, invalid and newer-schema entries are skipped with a reason', async () => {
  const area = memoryArea({ 'article:https://future.example/': { schema: 9, title: 'Future' } });
  const library = createLibrary(area);
  await library.save(article({ url: 'https://a.example/' }), T2);
  const [current] = await library.records(['https://a.example/']);
  const report = await library.importRecords([
    { ...current },
    { ...current, title: 'Older', updatedAt: T1.toISOString() },
    { ...current, id: undefined, url: 'https://b.example/#frag', title: 'B', updatedAt: T1.toISOString() },
    { ...current, url: 'https://b.example/', title: 'B again' },
    { ...current, url: 'https://c.example/', title: 'C', updatedAt: T3.toISOString(), schema: 2 },
    { url: 'javascript:alert(1)', markdown: 'x' },
    'junk',
    { ...current, url: 'https://future.example/', id: 'https://future.example/', updatedAt: T3.toISOString() },
  ]);
  assert.equal(report.added, 1);
  assert.equal(report.updated, 0);
  assert.deepEqual(report.skipped.map((s) => s.reason),
    ['unchanged', 'notNewer', 'duplicate', 'newerSchema', 'invalid', 'invalid', 'newerInLibrary']);
  assert.equal((await library.get('https://b.example/')).title, 'B', 'the id is the URL without its fragment');
  const newer = await library.importRecords([{ ...current, title: 'Newer', updatedAt: T3.toISOString() }]);
  assert.deepEqual(newer, { added: 0, updated: 1, skipped: [] });
  assert.equal((await library.get('https://a.example/')).title, 'Newer');
});

test('import: the Markdown file of a clip without `selection: true` (written before the key) is the library’s clip, never its page’s article', async () => {
  const library = createLibrary(memoryArea());
  const url = 'https://a.example/';
  await library.save(article({ url, title: 'Whole page' }), T1);
  const { record: clip } = await library.save(article({ url, title: 'Selection', fromSelection: true }), T2, { mode: 'clip' });
  const [page, stored] = await library.records([url, clip.id]);
  // As recordFromMarkdown makes it: no id, the `saved` time, updatedAt = savedAt.
  const file = { ...stored, id: undefined, fromSelection: false, updatedAt: stored.savedAt };
  const report = await library.importRecords([file]);
  assert.deepEqual(report, { added: 0, updated: 0, skipped: [{ id: clip.id, title: 'Selection', reason: 'notNewer' }] });
  assert.deepEqual(await library.records([url, clip.id]), [page, stored], 'neither the article nor the clip changed');
  // Another time is no clip of the library's: the file is the page's, merged by its URL as before.
  const other = await library.importRecords([{ ...file, savedAt: T3.toISOString(), updatedAt: T3.toISOString() }]);
  assert.deepEqual([other.added, other.updated], [0, 1]);
});

/** A selection's Markdown file as the core's template engine writes it (src/template.rs): `selection: true` last. */
function selectionFile(url, saved, body) {
  return ['---', 'title: "Selection"', 'site: "Example"', `url: ${JSON.stringify(url)}`, `saved: "${saved}"`, 'selection: true', '---', '',
    '# Selection', '', body, ''].join('\n');
}

test('import: a file with `selection: true` is always a clip of its URL: beside the article (never over it, even saved later), alone in an empty library', async () => {
  const url = 'https://a.example/post';
  const file = (saved) => recordFromMarkdown(selectionFile(url, saved, 'Only the chosen words.'), T3.toISOString()).record;
  const later = file(T2.toISOString());
  assert.equal(later.fromSelection, true);
  // A library with the page's full article (saved before the selection) but not the clip.
  const library = createLibrary(memoryArea());
  await library.save(article({ url, title: 'Whole page', markdown: 'All of the article, every word of it.' }), T1);
  const [page] = await library.records([url]);
  const clipId = `${url}#readmark-clip=${T2.toISOString()}`;
  assert.deepEqual(await library.importRecords([later]), { added: 1, updated: 0, skipped: [] });
  const [articleAfter, clip] = await library.records([url, clipId]);
  assert.deepEqual(articleAfter, page, 'the full article is untouched');
  assert.equal(clip.markdown, 'Only the chosen words.\n');
  assert.equal(clip.fromSelection, true);
  assert.equal(clip.savedAt, T2.toISOString());
  // The same file again is that clip (no duplicate).
  assert.deepEqual((await library.importRecords([file(T2.toISOString())])).skipped.map((s) => [s.id, s.reason]), [[clipId, 'unchanged']]);
  assert.equal((await library.list()).length, 2);
  // An empty library: a clip too, never the page's article.
  const empty = createLibrary(memoryArea());
  assert.deepEqual(await empty.importRecords([later]), { added: 1, updated: 0, skipped: [] });
  assert.deepEqual((await empty.list()).map((s) => [s.id, s.fromSelection]), [[clipId, true]]);
  assert.equal(await empty.get(url), null, 'no article of the page');
  // A selection that was its page's first save is the page's record: its file is that record, not a new clip.
  const first = createLibrary(memoryArea());
  await first.save(article({ url, title: 'Selection', fromSelection: true }), T2);
  assert.deepEqual((await first.importRecords([file(T2.toISOString())])).skipped.map((s) => [s.id, s.reason]), [[url, 'notNewer']]);
  assert.equal((await first.list()).length, 1);
});

test('import: a failed write leaves the library exactly as it was', async () => {
  const area = memoryArea();
  const library = createLibrary(area);
  await library.save(article({ url: 'https://a.example/' }), T1);
  const before = structuredClone(area.items);
  const [current] = await library.records(['https://a.example/']);
  area.failNextSet = new Error('QUOTA_BYTES quota exceeded');
  await assert.rejects(library.importRecords([
    { ...current, title: 'Changed', updatedAt: T3.toISOString() },
    { ...current, id: null, url: 'https://new.example/' },
  ]), { name: 'Storage' });
  assert.deepEqual(area.items, before);
});

test('usage: the browser’s byte count when it has one, else the stored JSON’s size', async () => {
  const area = memoryArea();
  const library = createLibrary(area);
  await library.save(article(), T1);
  const json = await library.usage();
  assert.equal(json.measured, 'json');
  const expected = Object.entries(area.items).reduce((n, [k, v]) => n + Buffer.byteLength(k) + Buffer.byteLength(JSON.stringify(v)), 0);
  assert.equal(json.bytes, expected);
  area.getBytesInUse = async () => 1234;
  assert.deepEqual(await library.usage(), { bytes: 1234, measured: 'browser' });
});
