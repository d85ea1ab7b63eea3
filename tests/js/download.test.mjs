import assert from 'node:assert/strict';
import { test } from 'node:test';

import { downloadMarkdown } from '../../extension/lib/download.js';

const TEXT = '# Ünïcode & 100% #hash\n\nBody, with a ? and a /.';

/** A downloads API whose download() resolves `id` (or rejects `error`), with a listener list. */
function fakeDownloads({ id = 42, error, onStart } = {}) {
  const listeners = new Set();
  const api = {
    calls: [],
    listeners,
    onChanged: {
      addListener: (fn) => listeners.add(fn),
      removeListener: (fn) => listeners.delete(fn),
    },
    async download(options) {
      api.calls.push(options);
      onStart?.(api);
      if (error) throw error;
      return id;
    },
    emit(delta) {
      for (const fn of [...listeners]) fn(delta);
    },
  };
  return api;
}

/** A global scope with Blob URLs and manual timers. */
function blobEnv() {
  const env = {
    Blob,
    created: [],
    revoked: [],
    timers: new Map(),
    nextTimer: 1,
    URL: {
      createObjectURL: (blob) => {
        env.created.push(blob);
        return `blob:ext/${env.created.length}`;
      },
      revokeObjectURL: (url) => env.revoked.push(url),
    },
    setTimeout: (fn, ms) => {
      env.timers.set(env.nextTimer, { fn, ms });
      return env.nextTimer++;
    },
    clearTimeout: (handle) => env.timers.delete(handle),
  };
  return env;
}

test('without createObjectURL (Chromium service worker): a data: URL of the text', async () => {
  const downloads = fakeDownloads();
  const id = await downloadMarkdown(downloads, 'A story.md', TEXT, { URL: {} });
  assert.equal(id, 42);
  const [call] = downloads.calls;
  assert.equal(call.filename, 'A story.md');
  assert.equal(call.saveAs, false);
  assert.equal(call.conflictAction, 'uniquify');
  const prefix = 'data:text/markdown;charset=utf-8,';
  assert.ok(call.url.startsWith(prefix), call.url);
  assert.equal(decodeURIComponent(call.url.slice(prefix.length)), TEXT);
  assert.equal(downloads.listeners.size, 0);
});

test('with createObjectURL (Firefox event page): a Blob URL, revoked when the download completes', async () => {
  const downloads = fakeDownloads();
  const env = blobEnv();
  await downloadMarkdown(downloads, 'A story.md', TEXT, env);
  const [call] = downloads.calls;
  assert.equal(call.url, 'blob:ext/1');
  assert.equal(call.saveAs, false);
  assert.equal(call.conflictAction, 'uniquify');
  assert.equal(await env.created[0].text(), TEXT);
  assert.equal(env.created[0].type, 'text/markdown;charset=utf-8');

  downloads.emit({ id: 7, state: { current: 'complete' } }); // someone else's download
  downloads.emit({ id: 42, state: { current: 'in_progress' } });
  assert.deepEqual(env.revoked, []);
  downloads.emit({ id: 42, state: { current: 'complete' } });
  assert.deepEqual(env.revoked, ['blob:ext/1']);
  assert.equal(downloads.listeners.size, 0);
  assert.equal(env.timers.size, 0, 'the fallback timer is cancelled');
});

test('an interruption reported before download() resolves still revokes the URL', async () => {
  const downloads = fakeDownloads({ onStart: (api) => api.emit({ id: 42, state: { current: 'interrupted' } }) });
  const env = blobEnv();
  await downloadMarkdown(downloads, 'A story.md', TEXT, env);
  assert.deepEqual(env.revoked, ['blob:ext/1']);
  assert.equal(downloads.listeners.size, 0);
});

test('without any final state, the URL is revoked by the timeout', async () => {
  const downloads = fakeDownloads();
  const env = blobEnv();
  await downloadMarkdown(downloads, 'A story.md', TEXT, env);
  assert.equal(env.timers.size, 1);
  const [{ fn, ms }] = env.timers.values();
  assert.ok(ms >= 10_000, 'long enough for the browser to read the Blob');
  fn();
  assert.deepEqual(env.revoked, ['blob:ext/1']);
  assert.equal(downloads.listeners.size, 0);
});

test('a refused download is reported as Download, and the Blob URL released', async () => {
  for (const env of [blobEnv(), { URL: {} }]) {
    const downloads = fakeDownloads({ error: new Error('Invalid filename') });
    await assert.rejects(downloadMarkdown(downloads, 'bad/name.md', TEXT, env), (error) => {
      assert.equal(error.name, 'Download');
      assert.match(error.message, /Invalid filename/);
      return true;
    });
    assert.equal(downloads.listeners.size, 0);
    if (env.revoked) assert.deepEqual(env.revoked, ['blob:ext/1']);
  }
});

test('the options\' saveAs and sub-folder reach downloads.download, in both URL kinds', async () => {
  const plain = fakeDownloads();
  await downloadMarkdown(plain, 'Clips/A story.md', TEXT, { URL: {} }, { saveAs: true });
  assert.equal(plain.calls[0].saveAs, true);
  assert.equal(plain.calls[0].filename, 'Clips/A story.md');
  const blob = fakeDownloads();
  await downloadMarkdown(blob, 'Clips/A story.md', TEXT, blobEnv(), { saveAs: true });
  assert.equal(blob.calls[0].saveAs, true);
  assert.equal(blob.calls[0].filename, 'Clips/A story.md');
});
