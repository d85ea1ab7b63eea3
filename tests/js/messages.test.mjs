import assert from 'node:assert/strict';
import { test } from 'node:test';

import { send, unwrap } from '../../extension/lib/messages.js';

test('send posts { type, payload } and resolves the value', async () => {
  const sent = [];
  const runtime = { sendMessage: async (message) => { sent.push(message); return { ok: true, value: [1, 2] }; } };
  assert.deepEqual(await send('list', {}, runtime), [1, 2]);
  assert.deepEqual(sent, [{ type: 'list', payload: {} }]);
});

test('an error reply throws an Error named by its kind', async () => {
  const runtime = { sendMessage: async () => ({ ok: false, error: { kind: 'NoArticle', message: 'No article here.' } }) };
  await assert.rejects(send('extract', { tabId: 1 }, runtime), { name: 'NoArticle', message: 'No article here.' });
});

test('no reply, or no receiver, is Internal', async () => {
  assert.throws(() => unwrap(undefined), { name: 'Internal' });
  const runtime = { sendMessage: async () => { throw new Error('Could not establish connection. Receiving end does not exist.'); } };
  await assert.rejects(send('list', {}, runtime), (error) => error.name === 'Internal' && /Receiving end/.test(error.message));
});
