#!/usr/bin/env node
// Browser benchmark: Readmark as the user's click runs it (capture in the page, transfer,
// WASM extraction in an extension page) against Mozilla Readability.js + Turndown in the page,
// on every corpus page in headless Chromium; plus the WASM cold start and click-to-saved
// through the real extension. See bench/browser/README.md.
//
//   node bench/browser/run.mjs [--quick] [--reps N] [--out FILE] [--only corpus/id]…

import { dirname, resolve } from 'node:path';
import { parseArgs } from 'node:util';

import { ROOT, machineInfo, startBench } from './browser.mjs';
import { PANORAMA_KEY, corpusPages, quickPages } from './corpus.mjs';
import { humanSummary, summarise, writeJsonl, writeReport } from './output.mjs';
import { CALL_TIMEOUT_MS, LOAD_TIMEOUT_MS, PAGE_BUDGET_MS, measurePage } from './page.mjs';
import { TURNDOWN_OPTIONS, libraryVersions, librarySource } from './readability.mjs';
import { coldStart, endToEnd } from './readmark.mjs';

const DEFAULT_REPS = 5;
const QUICK_REPS = 3;
const COLD_PAGES = 5;
const END_TO_END_RUNS = 5;

const log = (...parts) => console.error(...parts);

function options() {
  const { values } = parseArgs({
    options: {
      quick: { type: 'boolean', default: false },
      reps: { type: 'string' },
      out: { type: 'string' },
      only: { type: 'string', multiple: true },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  if (values.help) {
    log('usage: node bench/browser/run.mjs [--quick] [--reps N] [--out FILE] [--only corpus/id]…');
    log('  --quick      5 pages, 3 reps (default out bench/out/browser-quick.json)');
    log('  --reps N     runs of each engine per page (default 5)');
    log('  --out FILE   the JSON report (default bench/out/browser.json); a full run also writes');
    log('               readability.<corpus>.jsonl and readmark-live.<corpus>.jsonl beside it');
    log('  --only KEY   only this page (readability/<name>, scrapinghub/<id>, fixtures/panorama), repeatable');
    process.exit(0);
  }
  const reps = values.reps === undefined ? (values.quick ? QUICK_REPS : DEFAULT_REPS) : Number(values.reps);
  if (!Number.isInteger(reps) || reps < 1) throw new Error(`--reps wants a positive integer, not ${values.reps}`);
  // A quick run never overwrites the full run's report.
  const out = values.out ?? (values.quick ? 'bench/out/browser-quick.json' : 'bench/out/browser.json');
  return { quick: values.quick, reps, out: resolve(out), only: values.only ?? [] };
}

async function main() {
  const opts = options();
  const wallStart = Date.now();
  const every = corpusPages(ROOT);
  let pages = opts.quick ? quickPages(every) : every;
  if (opts.only.length > 0) pages = every.filter((p) => opts.only.includes(p.key));
  if (pages.length === 0) throw new Error('no page selected');
  const panorama = every.find((p) => p.key === PANORAMA_KEY);
  const savedAt = new Date().toISOString().replace(/\.\d+Z$/, 'Z');
  const libraries = librarySource(ROOT);

  const bench = await startBench();
  try {
    const machine = await machineInfo(bench.browser, libraryVersions());
    log(`bench: ${pages.length} pages × ${opts.reps} reps in ${machine.chromium}`);

    // Cold start first, in fresh extension pages (the bench page is not open yet).
    const cold = await coldStart(bench.browser, COLD_PAGES).catch((error) => ({ error: String(error?.message ?? error) }));
    await bench.open();

    // One untimed run of each engine (JIT and caches warm), on Panorama.
    await measurePage(bench, panorama, { index: 0, reps: 1, savedAt, libraries });

    const results = [];
    for (const [index, entry] of pages.entries()) {
      const result = await measurePage(bench, entry, { index, reps: opts.reps, savedAt, libraries });
      results.push(result);
      const { row } = result;
      const total = (e) => (e.ok ? `${e.median.totalMs.toFixed(1)}` : 'FAIL');
      if (opts.quick || index % 10 === 9 || index === pages.length - 1 || !row.readmark.ok || !row.readability.ok) {
        log(`  [${index + 1}/${pages.length}] ${entry.key}: a ${total(row.readmark)} ms, b ${total(row.readability)} ms (${Math.round((Date.now() - wallStart) / 1000)} s)`);
      }
    }

    // Click to saved through the real background, on Panorama.
    let e2e;
    try {
      await bench.content.page.goto(bench.server.url(`/${panorama.path}`, { csp: 'none-script' }), { waitUntil: 'load', timeout: LOAD_TIMEOUT_MS });
      e2e = { page: panorama.key, ...(await endToEnd(bench.benchPage, bench.content.tabId, END_TO_END_RUNS)) };
    } catch (error) {
      e2e = { page: panorama.key, error: String(error?.message ?? error) };
    }

    const rows = results.map((r) => r.row);
    const report = {
      schema: 1,
      bench: 'readmark-browser',
      date: new Date().toISOString(),
      options: {
        quick: opts.quick,
        reps: opts.reps,
        pages: pages.length,
        query: '?csp=none-script',
        warmup: `${PANORAMA_KEY}, one untimed run of each engine`,
        alternation: 'engine order flips every rep and from page to page',
        loadTimeoutMs: LOAD_TIMEOUT_MS,
        callTimeoutMs: CALL_TIMEOUT_MS,
        pageBudgetMs: PAGE_BUDGET_MS,
        turndownOptions: TURNDOWN_OPTIONS,
        percentile: 'nearest rank',
      },
      machine: { ...machine, readmark: { version: bench.version, wasm: bench.wasm } },
      wallSeconds: null,
      summary: summarise(rows),
      coldStart: cold,
      endToEnd: e2e,
      pages: rows,
    };
    // Scoring outputs only for a run over the whole corpus: score.py counts a missing page as a failure.
    const jsonl = opts.only.length > 0 ? [] : writeJsonl(dirname(opts.out), results);
    report.wallSeconds = Math.round((Date.now() - wallStart) / 100) / 10;
    writeReport(opts.out, report);
    log(humanSummary(report));
    log(`wrote ${opts.out}${jsonl.length ? ` and ${jsonl.length} JSONL files in ${dirname(opts.out)}` : ''}`);
  } finally {
    await bench.close();
  }
}

main().catch((error) => {
  log(`bench failed: ${error?.stack ?? error}`);
  process.exit(1);
});
