import assert from 'node:assert/strict';
import { test } from 'node:test';
import * as fflate from 'fflate';

import {
  LIBRARY_FILE, archivePaths, countWords, libraryJson, parseLibraryJson, recordFromMarkdown, splitFrontMatter, zipFiles, zipTime,
} from '../../extension/lib/archive.js';
import { createLibrary } from '../../extension/lib/library-store.js';
import { article, memoryArea } from './fakes.mjs';

const T1 = new Date('2026-11-28T10:00:00.000Z');

test('archivePaths: flat or one folder per site; a taken name (any case) gets (2), (3)', () => {
  const entries = [
    { record: { url: 'https://www.news.example/a' }, filename: 'Story.md' },
    { record: { url: 'https://news.example/b' }, filename: 'story.md' },
    { record: { url: 'https://blog.example/c' }, filename: 'Story.md' },
    { record: { url: 'https://news.example/d' }, filename: 'Story.md' },
  ];
  assert.deepEqual(archivePaths(entries, 'flat'), ['Story.md', 'story (2).md', 'Story (3).md', 'Story (4).md']);
  assert.deepEqual(archivePaths(entries, 'site'),
    ['news.example/Story.md', 'news.example/story (2).md', 'blog.example/Story.md', 'news.example/Story (3).md']);
});

test('library.json: the records in order, refused when it is not one or is newer', () => {
  const records = [{ id: 'https://a.example/', tags: ['x'] }];
  const text = libraryJson(records);
  assert.ok(text.endsWith('}\n'));
  assert.deepEqual(parseLibraryJson(text), records);
  assert.throws(() => parseLibraryJson('{"records": []}'), /not a Readmark library/);
  assert.throws(() => parseLibraryJson('nope'), /not JSON/);
  assert.throws(() => parseLibraryJson(JSON.stringify({ format: 'readmark-library', version: 2, records: [] })), /newer Readmark/);
});

test('a Markdown file as the core writes it becomes a record: front matter fields, body without its # Title', () => {
  const md = [
    '---', 'title: "Ça \\"marche\\""', 'byline: "Ana"', 'site: "Example"', 'url: "https://news.example/story"',
    'published: "2026-01-02"', 'saved: "2026-11-28T10:00:00Z"', 'tags:', '  - one', '  - "two words"', '---', '',
    '# Ça "marche"', '', 'First paragraph here.', '', 'Second one.', '',
  ].join('\n');
  const { record } = recordFromMarkdown(md, '2026-12-01T00:00:00.000Z');
  assert.equal(record.title, 'Ça "marche"');
  assert.equal(record.byline, 'Ana');
  assert.equal(record.siteName, 'Example');
  assert.equal(record.url, 'https://news.example/story');
  assert.equal(record.savedAt, '2026-11-28T10:00:00Z');
  assert.equal(record.updatedAt, '2026-11-28T10:00:00Z');
  assert.deepEqual(record.tags, ['one', 'two words']);
  assert.equal(record.markdown, 'First paragraph here.\n\nSecond one.\n');
  assert.equal(record.wordCount, 5);
  assert.deepEqual(recordFromMarkdown('# No front matter\n\ntext', 'now'), { reason: 'noFrontMatter' });
  assert.deepEqual(recordFromMarkdown('---\ntitle: "x"\n---\n\nbody', 'now'), { reason: 'noUrl' });
  const unsaved = recordFromMarkdown('---\nurl: https://x.example/\nauthor: Bo\n---\nbody', '2026-12-01T00:00:00.000Z').record;
  assert.equal(unsaved.savedAt, '2026-12-01T00:00:00.000Z', 'no saved time: the import’s');
  assert.equal(unsaved.byline, 'Bo', 'author is read as the byline');
  assert.equal(record.fromSelection, false, 'no `selection` key: the whole page');
  for (const [line, fromSelection] of [['selection: true', true], ['selection: "true"', true], ['selection: false', false], ['selection: "2026"', false]]) {
    const md = `---\nurl: "https://x.example/"\n${line}\n---\n\n# T\n\nbody\n`;
    assert.equal(recordFromMarkdown(md, 'now').record.fromSelection, fromSelection, line);
  }
  assert.equal(splitFrontMatter('no'), null);
  assert.equal(countWords("It's a well-known fact, 42 times."), 7);
});

test('zipFiles: fflate’s ZIP with the files, in order, with their times; the same input gives the same bytes', async () => {
  const files = [
    { path: 'news.example/Story.md', text: '# Story\n\nÉté\n', time: '2026-11-28T10:00:00Z' },
    { path: LIBRARY_FILE, text: '{}\n', time: null },
  ];
  const seen = [];
  const first = await zipFiles(fflate, files, (done, total) => seen.push(`${done}/${total}`));
  const second = await zipFiles(fflate, files);
  assert.deepEqual(seen, ['1/2', '2/2']);
  assert.ok(Buffer.from(first).equals(Buffer.from(second)), 'deterministic');
  const unzipped = fflate.unzipSync(first);
  assert.deepEqual(Object.keys(unzipped), ['news.example/Story.md', LIBRARY_FILE]);
  assert.equal(fflate.strFromU8(unzipped['news.example/Story.md']), '# Story\n\nÉté\n');
  // Each entry carries its file's time (DOS date and time, local), not the time the ZIP was made.
  const view = new DataView(first.buffer, first.byteOffset);
  const local = new Date('2026-11-28T10:00:00Z');
  assert.equal(view.getUint16(12, true), ((local.getFullYear() - 1980) << 9) | ((local.getMonth() + 1) << 5) | local.getDate());
  assert.equal(view.getUint16(10, true), (local.getHours() << 11) | (local.getMinutes() << 5) | (local.getSeconds() >> 1));
  assert.equal(zipTime(null).toISOString(), '1980-01-01T00:00:00.000Z');
  assert.equal(zipTime('1970-01-01T00:00:00Z').toISOString(), '1980-01-01T00:00:00.000Z');
  assert.equal(zipTime('2026-11-28T10:00:00Z').toISOString(), '2026-11-28T10:00:00.000Z');
});

test('round trip: records exported to library.json and imported into an empty library are the same records', async () => {
  const source = memoryArea();
  const library = createLibrary(source);
  for (let i = 0; i < 20; i += 1) {
    await library.save(article({ url: `https://s${i % 3}.example/${i}`, title: `Story ${i}` }), new Date(T1.getTime() + i * 1000));
  }
  await library.setTags('https://s0.example/0', ['b', 'a']);
  const ids = (await library.list()).map((s) => s.id);
  const exported = libraryJson(await library.records(ids));
  const target = createLibrary(memoryArea());
  const report = await target.importRecords(parseLibraryJson(exported));
  assert.deepEqual(report, { added: 20, updated: 0, skipped: [] });
  const again = libraryJson(await target.records((await target.list()).map((s) => s.id)));
  assert.equal(again, exported);
});
