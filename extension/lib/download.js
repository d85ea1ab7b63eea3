// Saving a Markdown file through the downloads API.
//
// Chromium's service worker has no `URL.createObjectURL`: the text goes as a `data:` URL.
// Firefox's event page has it, and refuses `data:` downloads: the text goes as a Blob URL,
// revoked once the download is over.

import { ReadmarkError, messageFor } from './pages.js';

const MARKDOWN_TYPE = 'text/markdown;charset=utf-8';
// If no final state is ever reported (the listener missed it), the Blob URL is released anyway
// after this long; a local Blob is read in well under a second.
const REVOKE_AFTER_MS = 60_000;
// The download states after which the browser no longer reads the URL.
const FINAL_STATES = new Set(['complete', 'interrupted']);

/** Revokes `url` once download `id` reaches a final state, or after REVOKE_AFTER_MS. */
function revokeWhenDone(downloads, env, url) {
  const finished = new Set();
  let watchedId;
  let timer;
  const release = () => {
    downloads.onChanged.removeListener(onChanged);
    env.clearTimeout(timer);
    env.URL.revokeObjectURL(url);
  };
  function onChanged(delta) {
    if (!FINAL_STATES.has(delta.state?.current)) return;
    if (delta.id === watchedId) release();
    else finished.add(delta.id); // may be ours, reported before download() resolved
  }
  downloads.onChanged.addListener(onChanged);
  return {
    watch(id) {
      watchedId = id;
      if (finished.has(id)) release();
      else timer = env.setTimeout(release, REVOKE_AFTER_MS);
    },
    release,
  };
}

async function start(downloads, url, filename, saveAs = false) {
  try {
    return await downloads.download({ url, filename, saveAs, conflictAction: 'uniquify' });
  } catch (error) {
    throw new ReadmarkError('Download', messageFor('Download', error?.message ?? String(error)));
  }
}

/**
 * Downloads `blob` (a page's Blob: a ZIP export) as the file `filename` through a Blob URL,
 * revoked once the download is over; resolves the download id.
 */
export async function downloadBlob(downloads, filename, blob, env = globalThis, { saveAs = false } = {}) {
  const url = env.URL.createObjectURL(blob);
  const revoker = revokeWhenDone(downloads, env, url);
  try {
    const id = await start(downloads, url, filename, saveAs);
    revoker.watch(id);
    return id;
  } catch (error) {
    revoker.release();
    throw error;
  }
}

/**
 * Downloads `text` as the file `filename` (a path under Downloads: `Folder/name.md`); with
 * `saveAs` the browser asks where to save it. Resolves the download id.
 * `env` supplies URL, Blob and timers (the global scope; tests pass their own).
 */
export async function downloadMarkdown(downloads, filename, text, env = globalThis, { saveAs = false } = {}) {
  if (typeof env.URL?.createObjectURL !== 'function') {
    return start(downloads, `data:${MARKDOWN_TYPE},${encodeURIComponent(text)}`, filename, saveAs);
  }
  return downloadBlob(downloads, filename, new env.Blob([text], { type: MARKDOWN_TYPE }), env, { saveAs });
}
