// The report: corpus summary, the JSON file, the JSONL outputs for tests/tools/score.py, and
// the short human summary.

import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

import { READMARK_PARTS } from './readmark.mjs';
import { READABILITY_PARTS } from './page.mjs';
import { median, percentile, round } from './stats.mjs';

// Corpora whose outputs score.py scores (its corpus kinds).
// fixtures (Panorama) is not scored by score.py; its line feeds bench/quality.py's metadata table.
const SCORED = ['readability', 'scrapinghub', 'fixtures'];
// JSONL file prefix by engine.
const JSONL_NAMES = { readability: 'readability', readmark: 'readmark-live' };

/** Summary of `rows`: per engine medians of every part and p95 of totals, ratios, by corpus. */
export function summarise(rows) {
  const all = summaryOf(rows);
  const byCorpus = {};
  for (const corpus of [...new Set(rows.map((r) => r.corpus))]) byCorpus[corpus] = summaryOf(rows.filter((r) => r.corpus === corpus));
  return { ...all, byCorpus };
}

function summaryOf(rows) {
  const engine = (name, parts) => {
    const ok = rows.filter((r) => r[name].ok);
    const totals = ok.map((r) => r[name].median.totalMs);
    return {
      ok: ok.length,
      failed: rows.length - ok.length,
      medianMs: Object.fromEntries(parts.map((part) => [part, round(median(ok.map((r) => r[name].median[part])))])),
      p95TotalMs: round(percentile(totals, 95)),
      // The first run on each freshly loaded page (cold page-side JIT), as one click sees it.
      firstRunMedianTotalMs: round(median(ok.map((r) => r[name].samples.totalMs[0]))),
    };
  };
  const both = rows.filter((r) => r.ratio !== null);
  const medianOf = (name) => median(both.map((r) => r[name].median.totalMs));
  return {
    pages: rows.length,
    readmark: engine('readmark', READMARK_PARTS),
    readability: engine('readability', READABILITY_PARTS),
    ratio: {
      pages: both.length,
      medianOfPageRatios: round(median(both.map((r) => r.ratio)), 3),
      ratioOfMedians: both.length ? round(medianOf('readmark') / medianOf('readability'), 3) : null,
      readmarkFaster: both.filter((r) => r.ratio < 1).length,
    },
  };
}

/** Writes the report as JSON to `file` (directories made). */
export function writeReport(file, report) {
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, `${JSON.stringify(report, null, 1)}\n`);
}

/**
 * Writes `<dir>/readability.<corpus>.jsonl` and `<dir>/readmark-live.<corpus>.jsonl` for the
 * scored corpora, one line per page as score.py --jsonl reads them:
 * `{ corpus, id, text, ms, title?, byline?, publishedTime? }` (ms: the median total; the
 * metadata where the engine reports it) or `{ corpus, id, error }`. Returns the paths.
 */
export function writeJsonl(dir, results) {
  mkdirSync(dir, { recursive: true });
  const written = [];
  for (const corpus of SCORED) {
    const mine = results.filter(({ row }) => row.corpus === corpus);
    if (mine.length === 0) continue;
    for (const [engine, prefix] of Object.entries(JSONL_NAMES)) {
      const lines = mine.map(({ row, markdown, meta }) => {
        const result = row[engine];
        const line = { corpus, id: row.id };
        if (result.ok) Object.assign(line, { text: markdown[engine] ?? '', ms: result.median.totalMs, ...(meta?.[engine] ?? {}) });
        else line.error = result.error;
        return JSON.stringify(line);
      });
      const path = join(dir, `${prefix}.${corpus}.jsonl`);
      writeFileSync(path, `${lines.join('\n')}\n`);
      written.push(path);
    }
  }
  return written;
}

/** The short summary printed on stderr. */
export function humanSummary(report) {
  const { machine, summary: s, options } = report;
  const ms = (x) => (x === null || x === undefined ? 'n/a' : `${x.toFixed(1)} ms`);
  const lines = [
    `Readmark browser bench: ${s.pages} pages × ${options.reps} reps, ${machine.chromium}, ${machine.cpu} (${machine.cores} cores), ${report.wallSeconds} s`,
  ];
  const describe = (label, t) => {
    const a = t.readmark;
    const b = t.readability;
    lines.push(`${label}`);
    lines.push(`  (a) Readmark   ok ${a.ok}/${t.pages}: median total ${ms(a.medianMs.totalMs)} (capture ${ms(a.medianMs.captureMs)}, transfer ${ms(a.medianMs.transferMs)}, extract ${ms(a.medianMs.extractMs)}, document ${ms(a.medianMs.markdownMs)}), p95 ${ms(a.p95TotalMs)}; first run on a page ${ms(a.firstRunMedianTotalMs)}`);
    lines.push(`  (b) Readability+Turndown ok ${b.ok}/${t.pages}: median total ${ms(b.medianMs.totalMs)} (readability ${ms(b.medianMs.readabilityMs)} incl. clone ${ms(b.medianMs.cloneMs)}, turndown ${ms(b.medianMs.turndownMs)}), p95 ${ms(b.p95TotalMs)}; first run on a page ${ms(b.firstRunMedianTotalMs)}`);
    lines.push(`  a/b over ${t.ratio.pages} pages: median of ratios ${t.ratio.medianOfPageRatios}, ratio of medians ${t.ratio.ratioOfMedians}, Readmark faster on ${t.ratio.readmarkFaster}`);
  };
  describe('all pages', s);
  for (const [corpus, t] of Object.entries(s.byCorpus)) describe(`${corpus}`, t);
  const c = report.coldStart;
  if (c?.error) lines.push(`WASM cold start: failed: ${c.error}`);
  else if (c) lines.push(`WASM cold start (${c.wasmBytes} bytes): init() median ${ms(c.initMs.median)} over ${c.pages} fresh pages; uncached fetch ${ms(c.uncached.fetchMs)} + compile ${ms(c.uncached.compileMs)} + instantiate ${ms(c.uncached.instantiateMs)}`);
  const e = report.endToEnd;
  if (e?.error) lines.push(`End to end (Panorama): failed: ${e.error}`);
  else if (e) lines.push(`End to end (Panorama): save round trip median ${ms(e.save.roundTripMs.median)}; extract round trip ${ms(e.extract.roundTripMs.median)}, reply timing capture ${ms(e.extract.timing.captureMs)} extract ${ms(e.extract.timing.extractMs)} total ${ms(e.extract.timing.totalMs)}`);
  const failures = report.pages.filter((r) => !r.readmark.ok || !r.readability.ok);
  for (const r of failures.slice(0, 12)) {
    lines.push(`  failure ${r.corpus}/${r.id}: ${!r.readmark.ok ? `readmark: ${r.readmark.error}` : ''}${!r.readmark.ok && !r.readability.ok ? '; ' : ''}${!r.readability.ok ? `readability: ${r.readability.error}` : ''}`);
  }
  if (failures.length > 12) lines.push(`  … ${failures.length - 12} more failures`);
  return lines.join('\n');
}
