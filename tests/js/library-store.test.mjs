import assert from 'node:assert/strict';
import { test } from 'node:test';

import { SCHEMA, createLibrary, foldText, idOf } from '../../extension/lib/library-store.js';
import { article, memoryArea } from './fakes.mjs';

const FIELDS = ['schema', 'id', 'url', 'title', 'byline', 'siteName', 'publishedTime', 'modifiedTime', 'lang', 'dir',
  'excerpt', 'leadImage', 'section', 'wordCount', 'readingTimeMinutes', 'fromSelection', 'markdown', 'text',
  'savedAt', 'updatedAt'];
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
