import assert from 'node:assert/strict';
import { test } from 'node:test';

import { QUICK_ACTIONS, createQuickActions, rebuildMenus, successMessage } from '../../extension/lib/feedback.js';

const DEFAULT_TITLE = 'Readmark: read this article';

/** An action API recording the latest badge state per tab, and manual timers. */
function fakes(reply, { activeId } = {}) {
  const state = {};
  const record = (field) => async ({ tabId = 'global', ...rest }) => {
    state[tabId] = { ...state[tabId], [field]: rest.text ?? rest.color ?? rest.title };
  };
  const action = {
    setBadgeText: record('text'),
    setBadgeBackgroundColor: record('color'),
    setBadgeTextColor: record('textColor'),
    setTitle: record('title'),
  };
  const timers = new Map();
  let next = 1;
  const env = {
    setTimeout: (fn, ms) => { timers.set(next, { fn, ms }); return next++; },
    clearTimeout: (handle) => timers.delete(handle),
  };
  const messages = [];
  const dispatch = async (message) => { messages.push(message); return reply; };
  const tabs = { query: async () => (activeId === undefined ? [] : [{ id: activeId }]) };
  const quick = createQuickActions({ dispatch, action, tabs, defaultTitle: DEFAULT_TITLE, timers: env });
  return { quick, state, timers, messages };
}

test('a successful save shows a green tick and the title on that tab, then clears', async () => {
  const reply = { ok: true, value: { record: { title: 'A story', url: 'https://x/' }, updated: false } };
  const { quick, state, timers, messages } = fakes(reply);
  assert.equal(await quick.run('save-article', { id: 5 }), reply);
  assert.deepEqual(messages, [{ type: 'save', payload: { tabId: 5, selection: true } }]);
  assert.equal(state[5].text, '✓');
  assert.equal(state[5].color, '#1a7f37');
  assert.equal(state[5].title, successMessage('save', reply.value));
  assert.match(state[5].title, /saved “A story”/);
  assert.equal(timers.size, 1);
  const [{ fn, ms }] = timers.values();
  assert.ok(ms >= 2000 && ms <= 10_000);
  fn();
  await new Promise((resolve) => setImmediate(resolve));
  assert.equal(state[5].text, '');
  assert.equal(state[5].title, DEFAULT_TITLE);
});

test('a failure shows a red "!" with the error message as the title', async () => {
  const reply = { ok: false, error: { kind: 'Restricted', message: 'This is a browser page: no extension may read it.' } };
  const { quick, state, messages } = fakes(reply, { activeId: 9 });
  await quick.run('download-article', undefined);
  assert.deepEqual(messages, [{ type: 'download', payload: { tabId: 9, selection: true } }]);
  assert.equal(state[9].text, '!');
  assert.equal(state[9].color, '#c62828');
  assert.equal(state[9].title, reply.error.message);
});

test('a second action on the tab restarts the clearing delay; unknown ids do nothing', async () => {
  const reply = { ok: true, value: { filename: 'A.md', downloadId: 1 } };
  const { quick, timers, messages } = fakes(reply);
  await quick.run('download-article', { id: 1 });
  await quick.run('download-article', { id: 1 });
  assert.equal(timers.size, 1);
  assert.equal(await quick.run('toString', { id: 1 }), null);
  assert.equal(await quick.run('_execute_action', { id: 1 }), null);
  assert.equal(messages.length, 2);
});

test('menus: everything removed first, then one item per quick action on pages and selections', async () => {
  const log = [];
  const menus = {
    removeAll: async () => log.push('removeAll'),
    create: (item, callback) => { log.push(item); callback(); },
  };
  await rebuildMenus(menus, { lastError: undefined });
  assert.equal(log[0], 'removeAll');
  assert.deepEqual(log.slice(1), [
    { id: 'save-article', title: 'Save article to Readmark', contexts: ['page', 'selection'] },
    { id: 'download-article', title: 'Download article as Markdown', contexts: ['page', 'selection'] },
  ]);
  assert.deepEqual(Object.keys(QUICK_ACTIONS), ['save-article', 'download-article']);
});

test('a selection kept beside a saved article says it was saved as a new clip', () => {
  const message = successMessage('save', { record: { title: 'A story', url: 'https://x/' }, updated: false, clip: true });
  assert.match(message, /saved your selection of “A story” as a new clip/);
});
