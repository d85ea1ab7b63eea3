// Browser parity: for every corpus page (readability + scrapinghub-dev), the live path (the
// page opened in headless Chromium with no script of its own, captured by
// extension/capture.js, extracted from the snapshot) and the text path (extractHtml on the
// same bytes, decoded as the browser decoded them, with the same URL) give the same Markdown.
// Pages where the live page rightly differs are listed, each with its reason, in
// parity-exceptions.json.
//
//   node --test --test-concurrency=1 tests/e2e/parity.test.mjs

import assert from 'node:assert/strict';
import { readdirSync, readFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { after, before, test } from 'node:test';

import { ROOT, capture, launchBrowser, loadCore, offlinePage, outcome, startServer } from './capture-harness.mjs';

const EXCEPTIONS_FILE = join(ROOT, 'tests/e2e/parity-exceptions.json');
const READABILITY = 'tests/corpus/readability';
const SCRAPINGHUB = 'tests/corpus/scrapinghub-dev/html';
// Pages are served so that they run no script: page scripts would rewrite the DOM, and the
// text path cannot run them.
const NO_SCRIPT = '?csp=none-script';
// Pages loaded at once: two cores, and a page mostly waits for layout and refused requests.
const WORKERS = 3;
// A page that has not fired `load` by then is captured as it stands.
const LOAD_TIMEOUT_MS = 20_000;
// Mismatches shown in full in a failure message.
const SHOWN = 8;

/** Every corpus page: `{ name, path }` (path served by server.py, from the repository root). */
function corpus() {
  const pages = [];
  for (const dir of readdirSync(join(ROOT, READABILITY)).sort()) {
    if (existsSync(join(ROOT, READABILITY, dir, 'source.html'))) {
      pages.push({ name: `readability/${dir}`, path: `${READABILITY}/${dir}/source.html` });
    }
  }
  for (const file of readdirSync(join(ROOT, SCRAPINGHUB)).sort()) {
    const id = /^(.*)\.html(\.gz)?$/.exec(file)?.[1];
    if (id) pages.push({ name: `scrapinghub/${id}`, path: `${SCRAPINGHUB}/${id}.html` });
  }
  return pages;
}

/** The page's bytes as the server sends them. */
function bytesOf(path) {
  const file = join(ROOT, path);
  return existsSync(file) ? readFileSync(file) : gunzipSync(readFileSync(`${file}.gz`));
}

// windows-1252 at 0x80–0x9F (0x81, 0x8D, 0x8F, 0x90, 0x9D stay C1 controls, as in the
// WHATWG Encoding table). Node 20's TextDecoder decodes windows-1252 as ISO-8859-1, unlike
// browsers, so that range is mapped here.
const WINDOWS_1252_HIGH = [
  0x20ac, 0x81, 0x201a, 0x192, 0x201e, 0x2026, 0x2020, 0x2021, 0x2c6, 0x2030, 0x160, 0x2039, 0x152, 0x8d, 0x17d, 0x8f,
  0x90, 0x2018, 0x2019, 0x201c, 0x201d, 0x2022, 0x2013, 0x2014, 0x2dc, 0x2122, 0x161, 0x203a, 0x153, 0x9d, 0x17e, 0x178,
];

/** The page's text, decoded as the browser decoded it (`document.characterSet`). */
function decode(bytes, charset) {
  if (charset.toLowerCase() === 'windows-1252') {
    const units = Array.from(bytes, (byte) => (byte >= 0x80 && byte < 0xa0 ? WINDOWS_1252_HIGH[byte - 0x80] : byte));
    let text = '';
    for (let at = 0; at < units.length; at += 0x8000) text += String.fromCharCode(...units.slice(at, at + 0x8000));
    return text;
  }
  try {
    return new TextDecoder(charset).decode(bytes);
  } catch {
    return new TextDecoder('utf-8').decode(bytes); // a label Node does not know
  }
}

/** What an extraction gave, comparable: the Markdown, or the error kind. */
const markdownOf = (result) => (result.error ? `error ${result.error.name}` : result.value.markdown);

let server;
let browser;
let rm;

before(async () => {
  [server, browser, rm] = await Promise.all([startServer(), launchBrowser(), loadCore()]);
});

after(async () => {
  await browser?.close();
  await server?.stop();
});

/** Both paths on one page: `{ name, live, text }` (Markdown or error kind), or `failure`. */
async function compare(page, { name, path }) {
  try {
    await page.goto(`${server.origin}/${path}${NO_SCRIPT}`, { waitUntil: 'load', timeout: LOAD_TIMEOUT_MS });
  } catch (error) {
    if (!/Timeout/i.test(error?.message)) return { name, failure: `load: ${error.message}` };
  }
  const captured = await capture(page, { selection: false });
  if (!captured.ok) return { name, failure: `capture: ${captured.kind}: ${captured.message}` };
  const { url } = JSON.parse(captured.json);
  const charset = await page.evaluate(() => document.characterSet);
  const html = decode(bytesOf(path), charset);
  const live = markdownOf(outcome(() => rm.extractSnapshot(captured.json)));
  const text = markdownOf(outcome(() => rm.extractHtml(html, url)));
  return { name, live, text };
}

/** Where two texts first differ, with a little context from each. */
function firstDifference(a, b) {
  let at = 0;
  while (at < a.length && at < b.length && a[at] === b[at]) at += 1;
  const clip = (s) => JSON.stringify(s.slice(Math.max(0, at - 60), at + 100));
  return `at ${at} (lengths ${a.length} / ${b.length})\n    live: ${clip(a)}\n    text: ${clip(b)}`;
}

test('the live capture and the HTML text give the same Markdown on every corpus page', async () => {
  const started = performance.now();
  const pages = corpus();
  assert.ok(pages.length >= 191, `corpus incomplete: ${pages.length} pages`);
  const exceptions = JSON.parse(readFileSync(EXCEPTIONS_FILE, 'utf8'));
  const names = new Set(pages.map((page) => page.name));
  const stale = Object.keys(exceptions).filter((name) => !names.has(name));
  assert.deepEqual(stale, [], 'parity-exceptions.json lists pages that are not in the corpus');
  for (const [name, reason] of Object.entries(exceptions)) {
    assert.ok(typeof reason === 'string' && reason.trim().length > 0, `${name}: an exception needs its reason`);
  }

  const queue = [...pages];
  const results = [];
  const worker = async () => {
    const page = await offlinePage(browser);
    for (let next = queue.shift(); next; next = queue.shift()) results.push(await compare(page, next));
    await page.context().close();
  };
  await Promise.all(Array.from({ length: WORKERS }, worker));

  const failures = results.filter((r) => r.failure);
  const differing = results.filter((r) => !r.failure && r.live !== r.text);
  const unexpected = differing.filter((r) => !(r.name in exceptions));
  const excepted = differing.filter((r) => r.name in exceptions);
  const nowIdentical = Object.keys(exceptions).filter((name) => results.some((r) => r.name === name && !r.failure && r.live === r.text));
  const identical = results.length - failures.length - differing.length;
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  console.log(`parity: ${identical} identical, ${excepted.length} excepted, ${unexpected.length} unexpected, ${failures.length} failed / ${pages.length} pages, ${seconds} s`);
  if (nowIdentical.length > 0) console.log(`parity: listed as exceptions but identical now: ${nowIdentical.join(', ')}`);

  assert.deepEqual(failures.map((r) => `${r.name}: ${r.failure}`), [], 'pages that could not be compared');
  const shown = unexpected.slice(0, SHOWN).map((r) => `${r.name} ${firstDifference(r.live, r.text)}`);
  assert.equal(unexpected.length, 0, `live and text Markdown differ on ${unexpected.length} unlisted pages:\n${shown.join('\n')}`);
});
