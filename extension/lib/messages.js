// What UI pages use to talk to the background: `send(type, payload)` resolves the handler's
// value or throws an Error whose `name` is the error kind and whose `message` is for the user.

import { api } from './api.js';
import { messageFor } from './pages.js';

/** The value of a reply, or the Error it carries. */
export function unwrap(reply) {
  if (reply?.ok === true) return reply.value;
  const kind = reply?.error?.kind ?? 'Internal';
  const error = new Error(reply?.error?.message ?? messageFor('Internal', 'the background did not reply'));
  error.name = kind;
  throw error;
}

/** Runs the background handler `type` with `payload`. */
export async function send(type, payload = {}, runtime = api.runtime) {
  let reply;
  try {
    reply = await runtime.sendMessage({ type, payload });
  } catch (error) {
    reply = { ok: false, error: { kind: 'Internal', message: messageFor('Internal', error?.message) } };
  }
  return unwrap(reply);
}
