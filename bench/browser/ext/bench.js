// Bench-only extension page (see bench.html): Readmark as the user's click runs it, timed from
// an extension page of the loaded copy. The driver (bench/browser/readmark.mjs) calls the
// functions of `globalThis.readmarkBench` through page.evaluate; every timing is taken here
// with performance.now, so Playwright's own round trips are never counted.
//
//   bench.html          initialises the WASM core at load (ready() resolves when done)
//   bench.html?cold     does not: coldStart() / coldStartParts() time the first initialisation

import init, * as rm from './pkg/readmark.js';
import { captureSnapshot } from './capture.js';

const WASM_URL = chrome.runtime.getURL('pkg/readmark_bg.wasm');
const cold = new URL(location.href).searchParams.has('cold');
const ready = cold ? null : init({ module_or_path: WASM_URL });

const errorText = (error) => `${error?.name ?? 'Error'}: ${error?.message ?? String(error)}`;

/**
 * One run of the click path on tab `tabId`: capture in the page (executeScript of
 * captureSnapshot), extractSnapshot, markdownDocument. Resolves the timings (ms) and, when
 * `withMarkdown`, the body Markdown; `{ error, … }` with the timings reached on a failure.
 */
async function run({ tabId, savedAt, withMarkdown = false }) {
  await ready;
  const started = performance.now();
  let results;
  try {
    results = await chrome.scripting.executeScript({ target: { tabId }, func: captureSnapshot, args: [{ selection: false }] });
  } catch (error) {
    return { error: `CaptureFailed: executeScript: ${errorText(error)}` };
  }
  const captured = performance.now();
  const outcome = results?.[0]?.result;
  if (results?.[0]?.error) return { error: `CaptureFailed: ${errorText(results[0].error)}` };
  if (!outcome?.ok) return { error: `${outcome?.kind ?? 'CaptureFailed'}: ${outcome?.message ?? 'no snapshot returned'}` };
  const timing = {
    captureMs: outcome.ms,
    transferMs: captured - started - outcome.ms,
    snapshotBytes: outcome.bytes,
  };
  let article;
  try {
    article = rm.extractSnapshot(outcome.json);
  } catch (error) {
    return { ...timing, error: errorText(error) };
  }
  const extracted = performance.now();
  let document;
  try {
    document = rm.markdownDocument(article, { frontMatter: true, savedAt });
  } catch (error) {
    return { ...timing, error: `markdownDocument: ${errorText(error)}` };
  }
  const done = performance.now();
  return {
    ...timing,
    extractMs: extracted - captured,
    markdownMs: done - extracted,
    totalMs: done - started,
    documentChars: document.length,
    ...(withMarkdown ? { markdown: article.markdown } : {}),
  };
}

/** `init()` as the extension calls it (fetch + compile + instantiate, streaming), timed once. */
async function coldStart() {
  const started = performance.now();
  await init({ module_or_path: WASM_URL });
  return { initMs: performance.now() - started, version: rm.version() };
}

/**
 * The same three steps apart: fetch (+ arrayBuffer), WebAssembly.compile, instantiate (init with
 * the compiled module). With `unique`, a custom section of random name is appended to the bytes
 * first, so that no compiled copy of the module this process already holds can be reused.
 */
async function coldStartParts({ unique = false } = {}) {
  const started = performance.now();
  const response = await fetch(WASM_URL);
  let bytes = new Uint8Array(await response.arrayBuffer());
  const fetched = performance.now();
  const wasmBytes = bytes.length;
  if (unique) bytes = withCustomSection(bytes, `bench-${crypto.randomUUID()}`);
  const compileStarted = performance.now();
  const module = await WebAssembly.compile(bytes);
  const compiled = performance.now();
  await init({ module_or_path: module });
  const done = performance.now();
  return {
    fetchMs: fetched - started,
    compileMs: compiled - compileStarted,
    instantiateMs: done - compiled,
    totalMs: fetched - started + (done - compileStarted),
    wasmBytes,
  };
}

/** `bytes` + a custom section (id 0) named `name` with no payload: same module, other bytes. */
function withCustomSection(bytes, name) {
  const nameBytes = new TextEncoder().encode(name);
  const leb = (n) => {
    const out = [];
    do {
      let byte = n & 0x7f;
      n >>>= 7;
      if (n) byte |= 0x80;
      out.push(byte);
    } while (n);
    return out;
  };
  const body = [...leb(nameBytes.length), ...nameBytes];
  const section = new Uint8Array([0, ...leb(body.length), ...body]);
  const out = new Uint8Array(bytes.length + section.length);
  out.set(bytes);
  out.set(section, bytes.length);
  return out;
}

/** `runtime.sendMessage({ type, payload })` to the real background, timed to its reply. */
async function message({ type, payload }) {
  const started = performance.now();
  const reply = await chrome.runtime.sendMessage({ type, payload });
  const roundTripMs = performance.now() - started;
  if (!reply?.ok) return { roundTripMs, error: reply?.error ?? { kind: 'Internal', message: 'no reply' } };
  // Only the facts the bench reports (the article and document stay here).
  const { timing, snapshotBytes, updated, record, document } = reply.value ?? {};
  return { roundTripMs, timing, snapshotBytes, updated, id: record?.id, documentChars: document?.length };
}

globalThis.readmarkBench = {
  ready: async () => {
    await ready;
    return rm.version();
  },
  run,
  coldStart,
  coldStartParts,
  message,
};
