// The options: storage.sync settings made complete and valid (lib/settings.js), the handlers
// that read and write them, and their effect on every file the background makes.

import assert from 'node:assert/strict';
import { test } from 'node:test';

import { createDispatcher, createHandlers } from '../../extension/lib/handlers.js';
import { createLibrary } from '../../extension/lib/library-store.js';
import { SETTINGS_KEY, applyToolbarAction, createSettings, normalizeSettings } from '../../extension/lib/settings.js';
import { article, fakeBrowser, fakeCapture, fakeCore, memoryArea, steppingClock } from './fakes.mjs';

const STORY = 'https://news.example/story';
const T1 = new Date('2026-11-28T10:00:00.000Z');
const DEFAULT_TEMPLATE = fakeCore().defaultTemplate();

function setup(stored) {
  const browser = fakeBrowser({ 1: { url: STORY } });
  const sync = memoryArea(stored === undefined ? {} : { [SETTINGS_KEY]: stored });
  const downloads = [];
  const core = fakeCore();
  const dispatch = createDispatcher(createHandlers({
    rm: core,
    ready: Promise.resolve(),
    tabs: browser.tabs,
    scripting: browser.scripting,
    capture: fakeCapture,
    store: createLibrary(memoryArea()),
    downloader: async (path, text, options) => downloads.push({ path, text, ...options }),
    now: () => T1,
    clock: steppingClock(),
    settings: createSettings(sync),
  }));
  const call = async (type, payload) => {
    const reply = await dispatch({ type, payload });
    assert.equal(reply.ok, true, JSON.stringify(reply));
    return reply.value;
  };
  return { call, dispatch, sync, downloads, core };
}

test('without stored settings: the core\'s template, the popup, no dialog, no folder', async () => {
  const { call } = setup();
  const { settings, defaults } = await call('getSettings', {});
  assert.deepEqual(settings, { template: DEFAULT_TEMPLATE, toolbarAction: 'popup', saveAs: false, folder: '' });
  assert.deepEqual(defaults, settings);
});

test('a damaged or older stored value is repaired field by field', () => {
  const stored = {
    template: {
      frontMatter: 'yes',
      fields: [{ field: 'byline', name: 'author', enabled: true }, { field: 'nope' }, { field: 'byline', name: 'again' }, 7],
      filename: 42,
    },
    toolbarAction: 'explode',
    saveAs: true,
    folder: ['x'],
  };
  const settings = normalizeSettings(stored, DEFAULT_TEMPLATE);
  assert.equal(settings.template.frontMatter, true);
  assert.deepEqual(settings.template.fields.map((f) => [f.field, f.name, f.enabled]),
    [['byline', 'author', true], ['url', 'url', true], ['saved', 'saved', true], ['tags', 'tags', true]]);
  assert.equal(settings.template.filename, '{title}');
  assert.equal(settings.toolbarAction, 'popup');
  assert.equal(settings.saveAs, true);
  assert.equal(settings.folder, '');
  assert.deepEqual(normalizeSettings(null, DEFAULT_TEMPLATE), normalizeSettings({}, DEFAULT_TEMPLATE));
});

test('the Markdown style: unknown choices repaired to the default; the stored style reaches every extraction', async () => {
  const repaired = normalizeSettings({ template: { markdown: { bullet: '+', emphasis: '~', fence: '~~~', links: 'footnote', escapeDollar: 'no' } } }, DEFAULT_TEMPLATE);
  assert.deepEqual(repaired.template.markdown,
    { bullet: '+', emphasis: '*', strong: '**', headings: 'atx', fence: '~~~', links: 'inline', escapeDollar: true });
  assert.deepEqual(normalizeSettings(undefined, DEFAULT_TEMPLATE).template.markdown, DEFAULT_TEMPLATE.markdown);

  const { call, core } = setup();
  await call('extract', { tabId: 1 });
  assert.deepEqual(core.styles.at(-1), DEFAULT_TEMPLATE.markdown, 'the default style without stored settings');
  const template = structuredClone(DEFAULT_TEMPLATE);
  template.markdown = { ...template.markdown, bullet: '*', headings: 'setext', links: 'reference', escapeDollar: false };
  await call('setSettings', { settings: { template } });
  await call('extract', { tabId: 1 });
  await call('download', { tabId: 1 });
  assert.deepEqual(core.styles.slice(-2), [template.markdown, template.markdown], 'the popup and a quick download extract in the stored style');
});

test('setSettings stores the repaired settings in storage.sync and every file follows them', async () => {
  const { call, sync, downloads } = setup();
  const before = await call('extract', { tabId: 1 });
  assert.equal(before.filename, 'A story.md');
  assert.doesNotMatch(before.document, /author:/);

  const template = structuredClone(DEFAULT_TEMPLATE);
  template.fields.find((f) => f.field === 'byline').enabled = true;
  template.fields.find((f) => f.field === 'byline').name = 'author';
  template.filename = '{site} - {title}';
  const { settings } = await call('setSettings', { settings: { template, toolbarAction: 'save', saveAs: true, folder: 'Clips/News', extra: 1 } });
  assert.deepEqual(sync.items[SETTINGS_KEY], settings, 'what is stored is what the handler replied');
  assert.equal('extra' in settings, false);
  assert.equal(settings.toolbarAction, 'save');

  const after = await call('extract', { tabId: 1 });
  assert.match(after.document, /^---\nurl: .*\nsaved: .*\nauthor: Ana Writer\n---\n/);
  assert.equal(after.filename, 'Example News - A story.md');
  const file = await call('file', { token: after.token });
  assert.equal(file.document, after.document);

  const download = await call('download', { token: after.token });
  assert.equal(download.filename, 'Example News - A story.md');
  assert.equal(download.path, 'Clips/News/Example News - A story.md');
  assert.deepEqual(downloads[0], { path: 'Clips/News/Example News - A story.md', text: after.document, saveAs: true });

  // The library's files (download by id, export) follow the same template, tags included.
  await call('save', { token: after.token, tags: ['one', 'two'] });
  const { entries } = await call('exportBatch', { ids: [STORY] });
  assert.equal(entries[0].filename, 'Example News - A story.md');
  assert.match(entries[0].document, /author: Ana Writer\ntags: one, two\n---\n/);
  await call('download', { id: STORY });
  assert.equal(downloads[1].text, entries[0].document, 'a library download is the export\'s file');
});

test('setSettings refuses a non-object; a failed write is Storage and changes nothing', async () => {
  const { dispatch, sync } = setup({ toolbarAction: 'download' });
  const bad = await dispatch({ type: 'setSettings', payload: { settings: 'all' } });
  assert.equal(bad.error.kind, 'BadRequest');
  sync.failNextSet = new Error('QUOTA_BYTES_PER_ITEM quota exceeded');
  const failed = await dispatch({ type: 'setSettings', payload: { settings: { toolbarAction: 'save' } } });
  assert.equal(failed.ok, false);
  assert.equal(failed.error.kind, 'Storage');
  assert.deepEqual(sync.items[SETTINGS_KEY], { toolbarAction: 'download' });
});

test('toolbarAction reads the stored choice; applyToolbarAction sets or clears the popup', async () => {
  assert.equal(await createSettings(memoryArea()).toolbarAction(), 'popup');
  assert.equal(await createSettings(memoryArea({ [SETTINGS_KEY]: { toolbarAction: 'download' } })).toolbarAction(), 'download');
  assert.equal(await createSettings(memoryArea({ [SETTINGS_KEY]: { toolbarAction: 'x' } })).toolbarAction(), 'popup');
  const calls = [];
  const action = { setPopup: async (details) => calls.push(details) };
  await applyToolbarAction(action, 'save');
  await applyToolbarAction(action, 'popup');
  assert.deepEqual(calls, [{ popup: '' }, { popup: 'popup.html' }]);
});

test('a record\'s tags reach the template (file of an article object)', async () => {
  const { call } = setup();
  const file = await call('file', { article: article({ tags: ['x'] }) });
  assert.match(file.document, /tags: x\n/);
});

test('tags typed in the popup: saved with the article, in its file, and offered back by tagNames', async () => {
  const { call } = setup();
  assert.deepEqual(await call('tagNames', {}), []);
  const first = await call('extract', { tabId: 1 });
  const saved = await call('save', { token: first.token, tags: [' Science ', 'reading', 'science'] });
  assert.deepEqual(saved.record.tags, ['Science', 'reading'], 'trimmed, one per spelling');
  assert.match(saved.document, /tags: Science, reading\n/, 'the file made on save carries them');
  await call('save', { article: article({ url: 'https://news.example/other' }), tags: ['reading'] });
  assert.deepEqual(await call('tagNames', {}), [{ tag: 'reading', count: 2 }, { tag: 'Science', count: 1 }]);
  const again = await call('extract', { tabId: 1 });
  assert.deepEqual(again.saved.tags, ['Science', 'reading'], 'a saved page reports its tags to the popup');
  assert.match(again.document, /tags: Science, reading\n/);
  const { dispatch } = setup();
  const refused = await dispatch({ type: 'save', payload: { article: article(), tags: 'x' } });
  assert.equal(refused.ok, false);
  assert.equal(refused.error.kind, 'BadRequest');
});
