import assert from 'node:assert/strict';
import { test } from 'node:test';

import { createDispatcher, createHandlers } from '../../extension/lib/handlers.js';
import { createLibrary } from '../../extension/lib/library-store.js';
import { messageFor } from '../../extension/lib/pages.js';
import { createSettings } from '../../extension/lib/settings.js';
import { fakeBrowser, fakeCapture, fakeCore, memoryArea, snapshotOf, steppingClock } from './fakes.mjs';

const STORY = 'https://news.example/story';
const T1 = new Date('2026-11-28T10:00:00.000Z');
const T2 = new Date('2026-11-28T11:00:00.000Z');

/** A dispatcher over fakes; `tabs` is the fake browser's tab table. */
function setup(tabTable = { 1: { url: STORY } }, options = {}) {
  const browser = fakeBrowser(tabTable, options);
  const area = memoryArea();
  const syncArea = memoryArea();
  const downloads = [];
  let time = T1;
  const dispatch = createDispatcher(createHandlers({
    rm: fakeCore(),
    ready: options.ready ?? Promise.resolve(),
    tabs: browser.tabs,
    scripting: browser.scripting,
    capture: fakeCapture,
    store: createLibrary(area),
    downloader: options.downloader ?? (async (filename, text, opts) => downloads.push({ filename, text, ...opts })),
    now: () => time,
    clock: steppingClock(),
    storageEstimate: options.storageEstimate,
    settings: createSettings(syncArea),
  }));
  const call = (type, payload) => dispatch({ type, payload });
  const setTime = (t) => { time = t; };
  return { call, dispatch, browser, area, syncArea, downloads, setTime };
}

async function failure(reply) {
  const settled = await reply;
  assert.equal(settled.ok, false, JSON.stringify(settled));
  assert.deepEqual(Object.keys(settled.error).sort(), ['kind', 'message']);
  assert.ok(settled.error.message.length > 0);
  return settled.error;
}

async function success(reply) {
  const settled = await reply;
  assert.equal(settled.ok, true, JSON.stringify(settled));
  return settled.value;
}

test('extract injects the capture into the tab and returns article, document, filename and timing', async () => {
  const { call, browser } = setup();
  const value = await success(call('extract', { tabId: 1 }));
  assert.equal(browser.injections.length, 1);
  const [injection] = browser.injections;
  assert.deepEqual(injection.target, { tabId: 1 });
  assert.equal(injection.func, fakeCapture);
  assert.deepEqual(injection.args, [{ selection: true }]);
  assert.equal(value.article.url, STORY);
  // Not in the library: the file's `saved` is the time it was made.
  assert.equal(value.document, `---\nurl: ${STORY}\nsaved: ${T1.toISOString()}\n---\n# A story\n\nBody of story`);
  assert.equal(value.previewHtml, '<p>Body of story</p>');
  assert.match(value.token, /^x\d+$/);
  for (const bulky of ['contentHtml', 'markdown', 'text']) assert.equal(bulky in value.article, false, bulky);
  assert.equal(value.filename, 'A story.md');
  assert.equal(value.savedAt, null);
  assert.equal(value.snapshotBytes, snapshotOf(STORY).bytes);
  const { captureMs, extractMs, totalMs } = value.timing;
  assert.ok(captureMs > 0 && extractMs > 0, JSON.stringify(value.timing));
  assert.ok(totalMs >= captureMs + extractMs, JSON.stringify(value.timing));
});

test('extract passes selection: false through and names the file after the site without a title', async () => {
  const { call, browser } = setup({ 1: { url: STORY, snapshot: snapshotOf(STORY, { title: null }) } });
  const value = await success(call('extract', { tabId: 1, selection: false }));
  assert.deepEqual(browser.injections[0].args, [{ selection: false }]);
  assert.equal(value.filename, 'Example News.md');
});

test('extract without a tabId reads the active tab; with none there, NoTab', async () => {
  const withActive = setup({ 7: { url: STORY } }, { activeId: 7 });
  await success(withActive.call('extract', {}));
  assert.equal(withActive.browser.injections[0].target.tabId, 7);
  assert.equal((await failure(setup().call('extract', {}))).kind, 'NoTab');
  assert.equal((await failure(setup().call('extract', { tabId: 99 }))).kind, 'NoTab');
  assert.equal((await failure(setup().call('extract', { tabId: 'one' }))).kind, 'BadRequest');
});

test('restricted pages are refused before any injection, with the reason', async () => {
  for (const url of ['chrome://settings/', 'https://chromewebstore.google.com/detail/x', 'about:debugging',
    'https://addons.mozilla.org/firefox/', 'https://files.example/a.pdf']) {
    const { call, browser } = setup({ 1: { url } });
    const error = await failure(call('extract', { tabId: 1 }));
    assert.equal(error.kind, 'Restricted', url);
    assert.notEqual(error.message, messageFor('Restricted'), 'the message says why');
    assert.equal(browser.injections.length, 0, url);
  }
});

test('injection failures become Restricted, NoTab or CaptureFailed', async () => {
  const cases = [
    ['Cannot access a chrome:// URL', 'Restricted'],
    ['The extensions gallery cannot be scripted.', 'Restricted'],
    ['Cannot access contents of the page. Extension manifest must request permission to access the respective host.', 'Restricted'],
    ['Frame with ID 0 is showing error page', 'Restricted'],
    ['Missing host permission for the tab', 'Restricted'],
    ['No tab with id: 1.', 'NoTab'],
    ['Something odd happened', 'CaptureFailed'],
  ];
  for (const [message, kind] of cases) {
    const { call } = setup({ 1: { url: STORY, inject: new Error(message) } });
    const error = await failure(call('extract', { tabId: 1 }));
    assert.equal(error.kind, kind, message);
  }
  const { call } = setup({ 1: { url: STORY, inject: new Error('Something odd happened') } });
  assert.match((await failure(call('extract', { tabId: 1 }))).message, /Something odd happened/);
});

test('what the capture reports: its own error kind, an exception, or nothing', async () => {
  const notHtml = { ok: false, kind: 'NotHtml', message: 'application/pdf', contentType: 'application/pdf' };
  const cases = [
    [{ snapshot: notHtml }, 'NotHtml'],
    [{ results: [{ frameId: 0, error: new Error('boom in page') }] }, 'CaptureFailed'],
    [{ results: [{ frameId: 0, result: null }] }, 'CaptureFailed'],
    [{ results: [] }, 'CaptureFailed'],
    [{ snapshot: { ok: false, kind: 'Weird', message: 'x' } }, 'CaptureFailed'],
  ];
  for (const [tab, kind] of cases) {
    const { call } = setup({ 1: { url: STORY, ...tab } });
    assert.equal((await failure(call('extract', { tabId: 1 }))).kind, kind, JSON.stringify(tab));
  }
});

test("the core's thrown errors keep their kind; unknown names are Internal", async () => {
  for (const [name, kind] of [['NoArticle', 'NoArticle'], ['InvalidSnapshot', 'InvalidSnapshot'],
    ['LimitExceeded', 'LimitExceeded'], ['InvalidUrl', 'InvalidUrl'], ['InvalidArgument', 'Internal']]) {
    const { call } = setup({ 1: { url: STORY, snapshot: snapshotOf(STORY, { error: name }) } });
    const error = await failure(call('extract', { tabId: 1 }));
    assert.equal(error.kind, kind, name);
    if (kind === 'NoArticle') assert.equal(error.message, messageFor('NoArticle'));
  }
});

test('a core that failed to load is reported, not awaited forever', async () => {
  const ready = Promise.reject(new Error('CompileError: wasm blocked'));
  ready.catch(() => {});
  const { call } = setup(undefined, { ready });
  const error = await failure(call('extract', { tabId: 1 }));
  assert.equal(error.kind, 'Internal');
  assert.match(error.message, /wasm blocked/);
});

test('save → list → search → get → delete', async () => {
  const { call, area } = setup();
  const { token } = await success(call('extract', { tabId: 1 }));
  const saved = await success(call('save', { token }));
  assert.equal(saved.updated, false);
  assert.equal(saved.record.id, STORY);
  assert.equal('markdown' in saved.record, false);

  const list = await success(call('list', {}));
  assert.deepEqual(list.map((r) => r.id), [STORY]);
  assert.deepEqual((await success(call('search', { query: 'STORY body' }))).map((r) => r.id), [STORY]);
  assert.deepEqual(await success(call('search', { query: 'absent' })), []);

  const got = await success(call('get', { id: STORY }));
  assert.equal(got.record.title, 'A story');
  assert.equal('markdown' in got.record || 'text' in got.record, false, 'one copy of the article: the HTML');
  assert.equal(got.html, '<p>Body of story</p>');

  assert.deepEqual(await success(call('delete', { id: STORY })), { deleted: true });
  assert.deepEqual(await success(call('delete', { id: STORY })), { deleted: false });
  assert.deepEqual(await success(call('list')), []);
  assert.deepEqual(Object.keys(area.items), ['undo']);
  assert.equal((await failure(call('get', { id: STORY }))).kind, 'NotFound');
});

test('saving again updates; extract then reports when the page was saved', async () => {
  const { call, setTime } = setup();
  await success(call('save', { tabId: 1 }));
  setTime(T2);
  const again = await success(call('save', { tabId: 1 }));
  assert.equal(again.updated, true);
  assert.equal(again.record.savedAt, T1.toISOString());
  assert.equal(again.record.updatedAt, T2.toISOString());
  assert.equal((await success(call('list'))).length, 1);
  assert.equal((await success(call('extract', { tabId: 1 }))).savedAt, T1.toISOString());
});

test('a failed save is reported as Storage and the library stays as it was', async () => {
  const { call, area } = setup();
  area.failNextSet = new Error('QUOTA_BYTES quota exceeded');
  const error = await failure(call('save', { tabId: 1 }));
  assert.equal(error.kind, 'Storage');
  assert.match(error.message, /quota/);
  assert.deepEqual(await success(call('list')), []);
});

test('download from an extraction, a saved record or a tab: one article, one file', async () => {
  const { call, downloads, setTime } = setup();
  const { token, document } = await success(call('extract', { tabId: 1 }));
  assert.deepEqual(await success(call('download', { token })), { filename: 'A story.md', path: 'A story.md', downloadId: 1 });
  assert.equal(downloads[0].saveAs, false, 'no dialog by default');
  assert.equal(downloads[0].text, document, 'the file is the document the popup showed');
  assert.match(downloads[0].text, /saved: 2026-11-28T10:00:00.000Z/);

  setTime(T2);
  const saved = await success(call('save', { token }));
  await success(call('download', { id: STORY }));
  assert.equal(saved.document, downloads[1].text, 'the popup gets the file as the library now makes it');
  await success(call('download', { token }));
  assert.match(downloads[1].text, /saved: 2026-11-28T11:00:00.000Z/);
  assert.equal(downloads[2].text, downloads[1].text, 'popup and library downloads of a saved article are the same file');

  await success(call('download', { tabId: 1 }));
  assert.equal(downloads[3].filename, 'A story.md');
  assert.match(downloads[3].text, /# A story\n\nBody of story$/);

  assert.equal((await failure(call('download', { id: 'https://missing.example/' }))).kind, 'NotFound');
  assert.equal((await failure(call('download', { article: { title: 'no url' } }))).kind, 'BadRequest');
});

test('a failing downloader is reported with its kind', async () => {
  const { ReadmarkError } = await import('../../extension/lib/pages.js');
  const downloader = async () => { throw new ReadmarkError('Download', 'The download failed. (Invalid filename)'); };
  const { call } = setup(undefined, { downloader });
  const error = await failure(call('download', { tabId: 1 }));
  assert.deepEqual(error, { kind: 'Download', message: 'The download failed. (Invalid filename)' });
});

test('malformed requests are BadRequest', async () => {
  const { call, dispatch } = setup();
  for (const reply of [dispatch({ type: 'format-disk' }), dispatch({ type: 'toString' }), dispatch(undefined),
    dispatch({ type: 'list', payload: 'all' }), call('search', {}), call('get', {}), call('delete', { id: 3 }),
    call('save', { article: { url: STORY } })]) {
    assert.equal((await failure(reply)).kind, 'BadRequest');
  }
});

test('a token the background no longer keeps reads the tab again; without a tab it is NotFound', async () => {
  const { call, browser } = setup();
  const saved = await success(call('save', { token: 'x999', tabId: 1, selection: false }));
  assert.equal(saved.record.id, STORY);
  assert.deepEqual(browser.injections[0].args, [{ selection: false }]);
  assert.equal((await failure(call('save', { token: 'x999' }))).kind, 'NotFound');
  assert.equal((await failure(call('save', { tabId: 1, mode: 'replace-all' }))).kind, 'BadRequest');
});

test('a canonical URL on another site never keys the article: the tab URL does (finding 2)', async () => {
  const VICTIM = 'https://victim.example/their-story';
  const ATTACKER = 'https://attacker.example/page?x=1';
  const { call, area } = setup({ 1: { url: VICTIM }, 2: { url: ATTACKER, snapshot: snapshotOf(VICTIM, { title: 'Forged' }) } });
  await success(call('save', { tabId: 1 }));
  const before = structuredClone(area.items[`article:${VICTIM}`]);
  const forged = await success(call('extract', { tabId: 2 }));
  assert.equal(forged.article.url, ATTACKER);
  assert.equal(forged.savedAt, null, 'the victim page is not reported as already saved');
  const saved = await success(call('save', { token: forged.token }));
  assert.equal(saved.record.id, ATTACKER);
  assert.equal(saved.updated, false);
  assert.deepEqual(area.items[`article:${VICTIM}`], before, 'the other site’s article is untouched');
  // The quick actions (save by tab) take the same path.
  await success(call('save', { tabId: 2 }));
  assert.deepEqual(area.items[`article:${VICTIM}`], before);
});

test('a canonical URL on the same site (www. or not, http or https) keys the article', async () => {
  const { call } = setup({ 1: { url: 'http://www.news.example/story?utm_source=x', snapshot: snapshotOf(STORY) } });
  assert.equal((await success(call('extract', { tabId: 1 }))).article.url, STORY);
  const { keyedToPage } = await import('../../extension/lib/handlers.js');
  assert.equal(keyedToPage({ url: STORY }, undefined).url, STORY, 'no page URL known: nothing to compare');
  assert.equal(keyedToPage({ url: 'javascript:alert(1)' }, 'https://a.example/').url, 'https://a.example/');
});

test('a selection on a page already saved becomes a clip; the full article stays (issue 11)', async () => {
  const selected = snapshotOf(STORY, { markdown: 'Just a line', text: 'Just a line' });
  const { call, area, setTime, browser } = setup({ 1: { url: STORY } });
  await success(call('save', { tabId: 1 }));
  const full = structuredClone(area.items[`article:${STORY}`]);
  browser.tabs.get = async (id) => ({ id, url: STORY });
  const core = fakeCore();
  const withSelection = { ...core, extractSnapshot: (json) => ({ ...core.extractSnapshot(json), fromSelection: true }) };
  const dispatch = createDispatcher(createHandlers({
    rm: withSelection, ready: Promise.resolve(), tabs: browser.tabs,
    scripting: { executeScript: async () => [{ result: selected }] }, capture: fakeCapture,
    store: createLibrary(area), downloader: async () => 1, now: () => T2, clock: steppingClock(),
    settings: createSettings(memoryArea()),
  }));
  setTime(T2);
  const extracted = (await dispatch({ type: 'extract', payload: { tabId: 1 } })).value;
  assert.equal(extracted.saved.fromSelection, false, 'the popup learns the saved record is a full article');
  const reply = await dispatch({ type: 'save', payload: { tabId: 1, selection: true } });
  assert.equal(reply.value.clip, true);
  assert.equal(reply.value.updated, false);
  assert.deepEqual(area.items[`article:${STORY}`], full, 'the saved article is not replaced');
  const clipKey = Object.keys(area.items).find((key) => key.includes('#readmark-clip='));
  assert.equal(area.items[clipKey].markdown, 'Just a line');
  assert.equal(area.items[clipKey].url, STORY);
  assert.equal((await success(call('list'))).length, 2);
  // Asked for explicitly, the update happens, and can be undone.
  const updated = await dispatch({ type: 'save', payload: { token: extracted.token, mode: 'update' } });
  assert.equal(updated.value.updated, true);
  assert.equal(area.items[`article:${STORY}`].markdown, 'Just a line');
  assert.equal((await success(call('undo', { id: STORY, action: 'update' }))).action, 'update');
  assert.deepEqual(area.items[`article:${STORY}`], full, 'undo brings the full article back');
});

test('undo: a deletion comes back; a stale or unknown undo is refused', async () => {
  const { call, area, setTime } = setup();
  await success(call('save', { tabId: 1 }));
  const record = structuredClone(area.items[`article:${STORY}`]);
  await success(call('delete', { id: STORY }));
  assert.equal((await failure(call('undo', { id: STORY, action: 'update' }))).kind, 'NothingToUndo');
  const undone = await success(call('undo', { id: STORY, action: 'delete' }));
  assert.equal(undone.record.title, 'A story');
  assert.deepEqual(area.items[`article:${STORY}`], record);
  assert.equal((await failure(call('undo', { id: STORY, action: 'delete' }))).kind, 'NothingToUndo', 'once only');
  // An update undone after the record changed again would lose that change: refused.
  setTime(T2);
  await success(call('save', { tabId: 1 }));
  setTime(new Date('2026-11-28T12:00:00Z'));
  await success(call('save', { tabId: 1 }));
  await success(call('undo', { id: STORY, action: 'update' }));
  assert.equal(area.items[`article:${STORY}`].updatedAt, T2.toISOString());
  assert.equal((await failure(call('undo', { id: STORY, action: 'bogus' }))).kind, 'BadRequest');
});

test('a record of a newer schema is not overwritten, is listed and can be deleted (finding 10)', async () => {
  const { call, area } = setup();
  const future = { schema: 2, id: STORY, url: STORY, title: 'From the future', chunks: ['a', 'b'], savedAt: '2027-01-01T00:00:00Z' };
  area.items[`article:${STORY}`] = structuredClone(future);
  const refused = await failure(call('save', { tabId: 1 }));
  assert.equal(refused.kind, 'NewerRecord');
  assert.match(refused.message, /newer version of Readmark/);
  assert.deepEqual(area.items[`article:${STORY}`], future, 'unchanged');
  const asClip = await success(call('save', { tabId: 1, mode: 'clip' }));
  assert.equal(asClip.clip, true, 'it can be saved beside as a new clip');
  const listed = await success(call('list'));
  assert.equal(listed.find((r) => r.id === STORY)?.newer, true);
  assert.equal((await success(call('get', { id: STORY }))).record.title, 'From the future');
  assert.deepEqual(await success(call('delete', { id: STORY })), { deleted: true });
  assert.equal(area.items[`article:${STORY}`], undefined);
});

test('bad records do not hide the library: list, search and get skip or repair them (finding 3)', async () => {
  const { call, area } = setup();
  await success(call('save', { tabId: 1 }));
  Object.assign(area.items, {
    'article:https://a.example/no-saved': { schema: 1, id: 'https://a.example/no-saved', title: 'No savedAt', text: 'alpha' },
    'article:https://b.example/num-saved': { schema: 1, id: 42, savedAt: 12345, title: 'Numeric savedAt', text: 'beta' },
    'article:https://c.example/types': { schema: 1, savedAt: '2026-01-01T00:00:00Z', title: { x: 1 }, text: ['no'], markdown: 7, wordCount: 'many' },
    'article:https://d.example/null': null,
    'article:https://e.example/string': 'just a string',
    'article:https://f.example/no-schema': { id: 'x', title: 'No schema' },
  });
  const list = await success(call('list'));
  assert.deepEqual(list.map((r) => r.id), [STORY, 'https://c.example/types', 'https://a.example/no-saved', 'https://b.example/num-saved']);
  const types = list.find((r) => r.id === 'https://c.example/types');
  assert.equal(types.title, null);
  assert.equal(types.wordCount, null);
  assert.equal(list.find((r) => r.id === 'https://b.example/num-saved').savedAt, null);
  assert.deepEqual((await success(call('search', { query: 'beta' }))).map((r) => r.id), ['https://b.example/num-saved']);
  assert.equal((await success(call('search', { query: 'story' }))).length, 1);
  assert.equal((await success(call('get', { id: 'https://c.example/types' }))).html, '<p></p>');
  assert.deepEqual(await success(call('delete', { id: 'https://e.example/string' })), { deleted: true }, 'even a value that is no record can be removed');
});

test('a 20 MB article crosses each message once: the extract and get replies stay far under 64 MiB (finding 5)', async () => {
  const big = 'word '.repeat(4_000_000); // 20 MB of Markdown (and as much text)
  const { call } = setup({ 1: { url: STORY, snapshot: snapshotOf(STORY, { markdown: big, text: big }) } });
  const extracted = await success(call('extract', { tabId: 1 }));
  const extractBytes = JSON.stringify(extracted).length;
  assert.ok(extractBytes < big.length * 1.1, `extract reply: ${extractBytes} bytes for ${big.length} of Markdown`);
  assert.ok(extracted.previewHtml.length < 2000, 'the preview is the start only');
  await success(call('save', { token: extracted.token }));
  const got = await success(call('get', { id: STORY }));
  const getBytes = JSON.stringify(got).length;
  assert.ok(getBytes < big.length * 1.1, `get reply: ${getBytes} bytes`);
  assert.ok(JSON.stringify(await success(call('list'))).length < 10_000, 'lists carry no text');
});

test('a title typed in the popup names the file, the saved record and the download; blank keeps the page’s', async () => {
  const { call, downloads, area } = setup();
  const { token } = await success(call('extract', { tabId: 1 }));
  const typed = await success(call('file', { token, title: '  My   own\ntitle ' }));
  assert.equal(typed.filename, 'My own title.md');
  assert.match(typed.document, /# My own title\n/);
  await success(call('download', { token, title: 'My own title' }));
  assert.equal(downloads[0].filename, 'My own title.md');
  await success(call('save', { token, title: 'My own title' }));
  assert.equal(area.items[`article:${STORY}`].title, 'My own title');
  assert.equal((await success(call('file', { token, title: '   ' }))).filename, 'A story.md');
  assert.equal((await success(call('file', { token, title: 'x'.repeat(1000) }))).document.split('\n').find((l) => l.startsWith('# ')).length, 302);
  assert.equal((await failure(call('file', { token, title: 42 }))).kind, 'BadRequest');
});

test('tags, renameTag: the record\'s tags change, the article does not; bad payloads are refused', async () => {
  const { call, area } = setup();
  await success(call('save', { tabId: 1, tags: ['Later'] }));
  const { record } = await success(call('tags', { id: STORY, tags: ['Later', 'read me', 'later'] }));
  assert.deepEqual(record.tags, ['Later', 'read me']);
  assert.equal('markdown' in record, false, 'a summary');
  assert.deepEqual(await success(call('renameTag', { from: 'READ ME', to: 'Next' })), { renamed: 1 });
  assert.deepEqual(area.items[`article:${STORY}`].tags, ['Later', 'Next']);
  assert.equal((await failure(call('tags', { id: STORY, tags: 'x' }))).kind, 'BadRequest');
  assert.equal((await failure(call('tags', { id: 'https://none.example/', tags: [] }))).kind, 'NotFound');
  assert.equal((await failure(call('renameTag', { from: 'x' }))).kind, 'BadRequest');
});

test('exportBatch: each record with the core\'s Markdown file (as a download makes it), in the order asked, in batches', async () => {
  const { call, setTime } = setup({ 1: { url: STORY }, 2: { url: 'https://news.example/other' } });
  await success(call('save', { tabId: 1 }));
  setTime(T2);
  await success(call('save', { tabId: 2 }));
  const ids = ['https://news.example/other', 'https://gone.example/', STORY];
  const { entries, next } = await success(call('exportBatch', { ids }));
  assert.equal(next, null);
  assert.deepEqual(entries.map((e) => e.record.id), ['https://news.example/other', STORY], 'a missing id is left out');
  const download = await success(call('file', { id: STORY }));
  assert.equal(entries[1].document, download.document);
  assert.equal(entries[1].filename, download.filename);
  assert.equal(entries[1].record.markdown, 'Body of story', 'the whole record');
  const rest = await success(call('exportBatch', { ids, from: 2 }));
  assert.deepEqual(rest.entries.map((e) => e.record.id), [STORY]);
  assert.equal((await failure(call('exportBatch', { ids: 'x' }))).kind, 'BadRequest');
});

test('import: records merged by the store in one write; a failed write is a Storage error and changes nothing', async () => {
  const { call, area } = setup();
  await success(call('save', { tabId: 1 }));
  const { entries: [{ record }] } = await success(call('exportBatch', { ids: [STORY] }));
  const newer = { ...record, title: 'Newer', updatedAt: T2.toISOString() };
  const fresh = { ...record, id: undefined, url: 'https://fresh.example/' };
  const before = structuredClone(area.items);
  area.failNextSet = new Error('disk full');
  assert.equal((await failure(call('import', { records: [newer, fresh] }))).kind, 'Storage');
  assert.deepEqual(area.items, before);
  const report = await success(call('import', { records: [newer, fresh, record] }));
  assert.deepEqual(report, { added: 1, updated: 1, skipped: [{ id: STORY, title: 'A story', reason: 'duplicate' }] });
  assert.equal((await failure(call('import', { records: 'x' }))).kind, 'BadRequest');
});

test('usage: the bytes stored and, where the browser tells, what is left', async () => {
  const withEstimate = setup({ 1: { url: STORY } }, { storageEstimate: async () => ({ quota: 5000, usage: 1000 }) });
  await success(withEstimate.call('save', { tabId: 1 }));
  const value = await success(withEstimate.call('usage'));
  assert.ok(value.bytes > 100, JSON.stringify(value));
  assert.equal(value.left, 4000);
  const without = await success(setup().call('usage'));
  assert.equal(without.left, null);
});
