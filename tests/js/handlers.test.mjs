import assert from 'node:assert/strict';
import { test } from 'node:test';

import { createDispatcher, createHandlers } from '../../extension/lib/handlers.js';
import { createLibrary } from '../../extension/lib/library-store.js';
import { messageFor } from '../../extension/lib/pages.js';
import { fakeBrowser, fakeCapture, fakeCore, memoryArea, snapshotOf, steppingClock } from './fakes.mjs';

const STORY = 'https://news.example/story';
const T1 = new Date('2026-11-28T10:00:00.000Z');
const T2 = new Date('2026-11-28T11:00:00.000Z');

/** A dispatcher over fakes; `tabs` is the fake browser's tab table. */
function setup(tabTable = { 1: { url: STORY } }, options = {}) {
  const browser = fakeBrowser(tabTable, options);
  const area = memoryArea();
  const downloads = [];
  let time = T1;
  const dispatch = createDispatcher(createHandlers({
    rm: fakeCore(),
    ready: options.ready ?? Promise.resolve(),
    tabs: browser.tabs,
    scripting: browser.scripting,
    capture: fakeCapture,
    store: createLibrary(area),
    downloader: options.downloader ?? (async (filename, text) => downloads.push({ filename, text })),
    now: () => time,
    clock: steppingClock(),
  }));
  const call = (type, payload) => dispatch({ type, payload });
  const setTime = (t) => { time = t; };
  return { call, dispatch, browser, area, downloads, setTime };
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
  assert.equal(value.document, `---\nurl: ${STORY}\nsaved: never\n---\n# A story\n\nBody of story`);
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
  const { article } = await success(call('extract', { tabId: 1 }));
  const saved = await success(call('save', { article }));
  assert.equal(saved.updated, false);
  assert.equal(saved.record.id, STORY);
  assert.equal('markdown' in saved.record, false);

  const list = await success(call('list', {}));
  assert.deepEqual(list.map((r) => r.id), [STORY]);
  assert.deepEqual((await success(call('search', { query: 'STORY body' }))).map((r) => r.id), [STORY]);
  assert.deepEqual(await success(call('search', { query: 'absent' })), []);

  const got = await success(call('get', { id: STORY }));
  assert.equal(got.record.markdown, 'Body of story');
  assert.equal(got.html, '<p>Body of story</p>');
  assert.match(got.document, /saved: 2026-11-28T10:00:00.000Z/);

  assert.deepEqual(await success(call('delete', { id: STORY })), { deleted: true });
  assert.deepEqual(await success(call('delete', { id: STORY })), { deleted: false });
  assert.deepEqual(await success(call('list')), []);
  assert.deepEqual(area.items, {});
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

test('download from an article, a saved record or a tab', async () => {
  const { call, downloads } = setup();
  const { article } = await success(call('extract', { tabId: 1 }));
  assert.deepEqual(await success(call('download', { article })), { filename: 'A story.md', downloadId: 1 });
  assert.match(downloads[0].text, /saved: never/);

  await success(call('save', { article }));
  await success(call('download', { id: STORY }));
  assert.match(downloads[1].text, /saved: 2026-11-28T10:00:00.000Z/);

  await success(call('download', { tabId: 1 }));
  assert.equal(downloads[2].filename, 'A story.md');
  assert.match(downloads[2].text, /# A story\n\nBody of story$/);

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
