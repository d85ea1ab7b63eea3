#!/usr/bin/env node
// Readability.js 0.6 + Turndown on a WCXB-layout corpus (ground-truth/<id>.json +
// html/<id>.html.gz), in headless Chromium, for the WCXB tables of BENCHMARKS.md
// (bench/quality.py runs it). Quality only, not speed: each page's HTML is parsed with
// DOMParser in one blank tab (no page load, no network, no page script, as the corpus bench's
// `?csp=none-script` pages), then Readability and Turndown run on that document exactly as
// bench/browser/readability.mjs runs them on a live page (the same injected function).
//
//   node bench/browser/wcxb.mjs --corpus DIR --out FILE.jsonl
//
// Writes one line per page, in corpus order, as tests/tools/score.py --jsonl reads them:
// `{ id, text, ms, title, byline, publishedTime }` (text: the Markdown) or `{ id, error }`.

import { readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { gunzipSync } from 'node:zlib';

import { chromium } from 'playwright-core';

import { CHROMIUM, CHROMIUM_ARGS, ROOT } from '../../tests/e2e/harness.mjs';
import { injectLibraries, librarySource } from './readability.mjs';

// A page whose run takes longer than this is a failure (the tab is then replaced).
const PAGE_TIMEOUT_MS = 30_000;
// Progress on stderr every this many pages.
const PROGRESS_EVERY = 100;
// Tabs working at once (one per core of the bench machine).
const LANES = 2;

const log = (...parts) => console.error(...parts);

/** The corpus pages in score.py's order (ground-truth file names sorted). */
function corpusPages(dir) {
  return readdirSync(join(dir, 'ground-truth'))
    .filter((name) => name.endsWith('.json'))
    .sort()
    .map((name) => {
      const id = name.slice(0, -'.json'.length);
      const truth = JSON.parse(readFileSync(join(dir, 'ground-truth', name), 'utf8'));
      return { id, url: truth.url || '', html: join(dir, 'html', `${id}.html.gz`) };
    });
}

/**
 * In the tab: parse, then the corpus bench's own Readability + Turndown conversion
 * (readability.mjs, injected with the libraries). Resolves `{ markdown, meta, ms }` or `{ error }`.
 */
function runInTab(page, html, url) {
  return page.evaluate((input) => {
    const libs = globalThis.__readmarkBenchLibs;
    if (!libs) return { error: 'libraries not loaded' };
    const started = performance.now();
    const doc = new DOMParser().parseFromString(input.html, 'text/html');
    // Relative links resolve against the page's URL, as on the live page.
    if (input.url && !doc.querySelector('base[href]')) {
      const base = doc.createElement('base');
      base.setAttribute('href', input.url);
      doc.head?.prepend(base);
    }
    const result = libs.convert(doc);
    if (result.error) return { error: result.error };
    return { markdown: result.markdown, meta: result.meta, ms: performance.now() - started };
  }, { html, url });
}

async function freshTab(browser, libraries) {
  const page = await browser.newPage();
  await injectLibraries(page, libraries);
  return page;
}

/** One page's JSONL record; a hung tab is replaced (returned as `tab`). */
async function measure(browser, tab, libraries, entry) {
  const html = gunzipSync(readFileSync(entry.html)).toString('utf8');
  let timer;
  const timeout = new Promise((resolve) => {
    timer = setTimeout(() => resolve({ error: `timeout after ${PAGE_TIMEOUT_MS / 1000} s`, hung: true }), PAGE_TIMEOUT_MS);
  });
  const result = await Promise.race([runInTab(tab, html, entry.url).catch((e) => ({ error: String(e?.message ?? e), hung: true })), timeout]);
  clearTimeout(timer);
  if (result.hung) {
    await tab.close().catch(() => {});
    tab = await freshTab(browser, libraries);
  }
  const record = result.error
    ? { id: entry.id, error: result.error }
    : { id: entry.id, text: result.markdown, ms: Math.round(result.ms * 10) / 10, ...result.meta };
  return { record, tab };
}

async function main() {
  const { values } = parseArgs({ options: { corpus: { type: 'string' }, out: { type: 'string' } } });
  if (!values.corpus || !values.out) throw new Error('usage: node bench/browser/wcxb.mjs --corpus DIR --out FILE.jsonl');
  const pages = corpusPages(values.corpus);
  const libraries = librarySource(ROOT);
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS, headless: true });
  const started = Date.now();
  const records = new Array(pages.length);
  let next = 0;
  let finished = 0;
  const lane = async () => {
    let tab = await freshTab(browser, libraries);
    for (let i = next++; i < pages.length; i = next++) {
      const done = await measure(browser, tab, libraries, pages[i]);
      tab = done.tab;
      records[i] = JSON.stringify(done.record);
      finished += 1;
      if (finished % PROGRESS_EVERY === 0 || finished === pages.length) {
        log(`  readability.js wcxb: ${finished}/${pages.length} (${Math.round((Date.now() - started) / 1000)} s)`);
      }
    }
    await tab.close().catch(() => {});
  };
  try {
    await Promise.all(Array.from({ length: LANES }, lane));
  } finally {
    await browser.close();
  }
  const lines = records;
  writeFileSync(values.out, `${lines.join('\n')}\n`);
}

main().catch((error) => {
  log(`wcxb bench failed: ${error?.stack ?? error}`);
  process.exit(1);
});
