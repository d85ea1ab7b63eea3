// Engine (a): Readmark as the user's click runs it, driven through the bench extension page
// (ext/bench.js, which takes every timing itself), plus the WASM cold start in fresh extension
// pages and the end-to-end save through the real background.

import { openBenchPage } from './browser.mjs';
import { median, medians, round } from './stats.mjs';

// The parts of one run of (a), in milliseconds.
export const READMARK_PARTS = ['captureMs', 'transferMs', 'extractMs', 'markdownMs', 'totalMs'];

/** One run of (a) on tab `tabId`: `{ captureMs, transferMs, extractMs, markdownMs, totalMs, snapshotBytes, markdown? }` or `{ error }`. */
export function runReadmark(benchPage, tabId, { savedAt, withMarkdown = false }) {
  return benchPage.evaluate((args) => globalThis.readmarkBench.run(args), { tabId, savedAt, withMarkdown });
}

/**
 * WASM cold start: `init()` in `count` fresh bench pages (`?cold`, nothing initialised), then the
 * same steps apart (fetch, compile, instantiate) in `count` more, with bytes made unique so the
 * compile cannot reuse a module the extension process already holds (the background has one).
 */
export async function coldStart(browser, count) {
  const init = [];
  const parts = [];
  for (let i = 0; i < count; i += 1) init.push(await inFreshPage(browser, () => globalThis.readmarkBench.coldStart()));
  for (let i = 0; i < count; i += 1) {
    parts.push(await inFreshPage(browser, () => globalThis.readmarkBench.coldStartParts({ unique: true })));
  }
  return {
    pages: count,
    initMs: { median: round(median(init.map((r) => r.initMs))), samples: init.map((r) => round(r.initMs)) },
    uncached: {
      ...medians(parts, ['fetchMs', 'compileMs', 'instantiateMs', 'totalMs']),
      samples: parts.map((p) => ({ fetchMs: round(p.fetchMs), compileMs: round(p.compileMs), instantiateMs: round(p.instantiateMs) })),
    },
    wasmBytes: parts[0]?.wasmBytes ?? null,
    version: init[0]?.version ?? null,
  };
}

async function inFreshPage(browser, fn) {
  const page = await openBenchPage(browser, '?cold');
  try {
    return await page.evaluate(fn);
  } finally {
    await page.close();
  }
}

/**
 * Click to saved through the real extension: `save` `{ tabId }` from an extension page to the
 * real background, `count` times, timed to the reply; then `extract` `count` times, with the
 * timing fields of its reply.
 */
export async function endToEnd(benchPage, tabId, count) {
  const send = (type) => benchPage.evaluate((message) => globalThis.readmarkBench.message(message), { type, payload: { tabId } });
  const saves = [];
  const extracts = [];
  for (let i = 0; i < count; i += 1) saves.push(await send('save'));
  for (let i = 0; i < count; i += 1) extracts.push(await send('extract'));
  const failed = [...saves, ...extracts].find((r) => r.error);
  if (failed) return { error: `${failed.error.kind}: ${failed.error.message}` };
  return {
    save: {
      roundTripMs: { median: round(median(saves.map((r) => r.roundTripMs))), samples: saves.map((r) => round(r.roundTripMs)) },
      updated: saves.map((r) => r.updated),
      id: saves[0].id,
    },
    extract: {
      roundTripMs: { median: round(median(extracts.map((r) => r.roundTripMs))), samples: extracts.map((r) => round(r.roundTripMs)) },
      timing: medians(extracts.map((r) => r.timing), ['captureMs', 'extractMs', 'totalMs']),
      timingSamples: extracts.map((r) => r.timing),
      snapshotBytes: extracts[0].snapshotBytes,
      documentChars: extracts[0].documentChars,
    },
  };
}
