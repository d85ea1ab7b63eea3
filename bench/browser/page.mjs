// One corpus page: loaded once in the corpus tab (untimed), then (a) Readmark and (b)
// Readability + Turndown, alternated (which runs first flips every rep, and from one page to
// the next), `reps` times each. A failure is recorded, never thrown; a run that hangs past
// CALL_TIMEOUT_MS ends the page and replaces the tab it hung in.

import { READMARK_PARTS, runReadmark } from './readmark.mjs';
import { injectLibraries, runReadability } from './readability.mjs';
import { medians, round } from './stats.mjs';

export const READABILITY_PARTS = ['cloneMs', 'readabilityMs', 'turndownMs', 'totalMs'];
// A page that has not fired `load` by then is measured as it stands (as the parity test does).
export const LOAD_TIMEOUT_MS = 20_000;
// One run of one engine (or the libraries' injection).
export const CALL_TIMEOUT_MS = 30_000;
// Past this, a page's remaining reps are skipped (its medians use the reps done).
export const PAGE_BUDGET_MS = 60_000;

class Timeout extends Error {}

function withTimeout(promise, ms, what) {
  let timer;
  const expired = new Promise((_, fail) => {
    timer = setTimeout(() => fail(new Timeout(`${what} timed out after ${ms} ms`)), ms);
  });
  return Promise.race([promise, expired]).finally(() => clearTimeout(timer));
}

/**
 * Measures `entry` (`{ corpus, id, path }`); `index` is its position (for the alternation).
 * Resolves `{ row, markdown: { readmark, readability } }`: the report row and each engine's
 * Markdown (first rep), or null where the engine failed.
 */
export async function measurePage(bench, entry, { index, reps, savedAt, libraries }) {
  const started = Date.now();
  const row = { corpus: entry.corpus, id: entry.id, path: entry.path };
  const engines = {
    readmark: { samples: [], error: null, markdown: null, run: (withMarkdown) => runReadmark(bench.benchPage, bench.content.tabId, { savedAt, withMarkdown }) },
    readability: { samples: [], error: null, markdown: null, run: (withMarkdown) => runReadability(bench.content.page, { withMarkdown }) },
  };
  const fail = (message) => {
    for (const engine of Object.values(engines)) engine.error ??= message;
  };
  let hung = null;

  try {
    const response = await bench.content.page.goto(bench.server.url(`/${entry.path}`, { csp: 'none-script' }), { waitUntil: 'load', timeout: LOAD_TIMEOUT_MS });
    if (response && !response.ok()) fail(`load: HTTP ${response.status()}`);
  } catch (error) {
    if (/timeout/i.test(error?.message)) row.loadTimedOut = true;
    else fail(`load: ${firstLine(error)}`);
  }
  if (!engines.readability.error) {
    try {
      await withTimeout(injectLibraries(bench.content.page, libraries), CALL_TIMEOUT_MS, 'library injection');
    } catch (error) {
      engines.readability.error = `inject: ${firstLine(error)}`;
      if (error instanceof Timeout) {
        hung = 'content';
        fail(`not run: ${engines.readability.error}`);
      }
    }
  }

  for (let rep = 0; rep < reps && !hung; rep += 1) {
    if (Date.now() - started > PAGE_BUDGET_MS) {
      row.budgetExceeded = true;
      break;
    }
    const order = (index + rep) % 2 === 0 ? ['readmark', 'readability'] : ['readability', 'readmark'];
    for (const name of order) {
      const engine = engines[name];
      if (engine.error || hung) continue;
      const withMarkdown = engine.markdown === null;
      let result;
      try {
        result = await withTimeout(engine.run(withMarkdown), CALL_TIMEOUT_MS, `${name} run`);
      } catch (error) {
        result = { error: firstLine(error) };
        if (error instanceof Timeout) {
          hung = name === 'readmark' ? 'both' : 'content';
          engine.error = result.error;
          fail(`not run to the end: ${name} ${result.error}`);
        }
      }
      if (result.error) {
        engine.error = result.error;
        continue;
      }
      if (withMarkdown) {
        engine.markdown = result.markdown ?? '';
        engine.meta = result.meta ?? null;
      }
      delete result.markdown;
      delete result.meta;
      engine.samples.push(result);
    }
  }
  if (hung) await bench.recover(hung);

  row.readmark = summarise(engines.readmark, READMARK_PARTS);
  if (engines.readmark.samples.length > 0) row.readmark.snapshotBytes = engines.readmark.samples[0].snapshotBytes;
  row.readability = summarise(engines.readability, READABILITY_PARTS);
  row.ratio = row.readmark.ok && row.readability.ok ? round(row.readmark.median.totalMs / row.readability.median.totalMs, 3) : null;
  row.seconds = round((Date.now() - started) / 1000, 1);
  return {
    row,
    markdown: {
      readmark: row.readmark.ok ? engines.readmark.markdown : null,
      readability: row.readability.ok ? engines.readability.markdown : null,
    },
    meta: { readmark: engines.readmark.meta ?? null, readability: engines.readability.meta ?? null },
  };
}

/** An engine's result on a page: `{ ok, error?, reps, median: { part: ms }, samples: { part: [ms] } }`. */
function summarise(engine, parts) {
  const out = { ok: engine.error === null && engine.samples.length > 0, reps: engine.samples.length };
  if (engine.error) out.error = engine.error;
  else if (engine.samples.length === 0) out.error = 'not run';
  if (engine.samples.length > 0) {
    out.median = medians(engine.samples, parts);
    out.samples = Object.fromEntries(parts.map((part) => [part, engine.samples.map((s) => round(s[part]))]));
  }
  return out;
}

const firstLine = (error) => String(error?.message ?? error).split('\n')[0].slice(0, 300);
