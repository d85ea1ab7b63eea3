// End-to-end: the playground (www/) in headless Chromium, on the same WebAssembly package as the
// extension, served from 127.0.0.1 by tests/e2e/server.py (the repository root, so the page is
// /www/index.html). Run:
//   node --test tests/e2e/www.test.mjs
// UPDATE_SCREENSHOTS=1 also rewrites docs/playground.png.
//
// Every request to a host other than 127.0.0.1 is aborted, so nothing touches the network.

import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { after, before, test } from 'node:test';
import { chromium } from 'playwright-core';
import {
  CHROMIUM, CHROMIUM_ARGS, ROOT, frontMatter, isLocal, leakedBoilerplate, panorama, sleep, startServer, waitFor, withoutFrontMatter,
} from './harness.mjs';
import { readerDocument } from '../../extension/lib/reader-doc.js';

const PANORAMA = panorama();
const VIEWPORT = { width: 1280, height: 900 };
const SCREENSHOTS = process.env.UPDATE_SCREENSHOTS === '1';
const PAGES = join(ROOT, 'tests/e2e/pages');
const FALLBACK_URL = 'https://example.invalid/';

let server;
let browser;
let context;
const blocked = [];
const problems = []; // uncaught page errors and console errors, per page
const dialogs = [];
let current = '';
const sandboxBlocks = [];

/** A fresh playground tab, once the WebAssembly core is loaded. */
async function openPlayground(address = server.url('/www/index.html')) {
  current = new Error().stack.split('\n')[2];
  const page = await context.newPage();
  page.on('pageerror', (error) => problems.push(`pageerror: ${error.message}`));
  page.on('console', (message) => {
    if (message.type() !== 'error') return;
    // Article images point at their (blocked) hosts: their failed loads are expected.
    if (/Failed to load resource/.test(message.text())) return;
    // The sandbox refusing a script in the frame. Playwright's own hover and click checks
    // cause these too, so the hostile-page test counts them before it interacts.
    if (/^Blocked script execution in 'about:srcdoc'/.test(message.text())) {
      sandboxBlocks.push(message.text());
      return;
    }
    problems.push(`console [${current.trim()} ${message.location()?.url}]: ${message.text()}`);
  });
  page.on('dialog', (dialog) => {
    dialogs.push(dialog.message());
    dialog.dismiss().catch(() => {});
  });
  await page.goto(address);
  await page.waitForSelector('body[data-state="idle"]', { timeout: 15_000 });
  return page;
}

/** Waits until an extraction settled; resolves the body state ("ready" or "error"). */
async function settled(page) {
  await page.waitForSelector('body[data-state="ready"], body[data-state="error"]', { timeout: 15_000 });
  return page.evaluate(() => document.body.dataset.state);
}

const text = (page, selector) => page.locator(selector).textContent();

/** The rendered frame's paragraphs, once its srcdoc document is in. */
async function frameParagraphs(page, expected) {
  const frame = page.frameLocator('#article-frame');
  await waitFor(async () => (await frame.locator('main > p').count()) === expected, {
    what: `${expected} paragraphs in the article frame`,
  });
  return frame.locator('main > p').allTextContents();
}

/** Drops `file` on the drop zone as a browser would after a drag from the desktop. */
async function dropFile(page, file) {
  const bytes = [...readFileSync(join(PAGES, file))];
  const dataTransfer = await page.evaluateHandle(
    ({ bytes, name }) => {
      const data = new DataTransfer();
      data.items.add(new File([new Uint8Array(bytes)], name, { type: 'text/html' }));
      return data;
    },
    { bytes, name: file },
  );
  await page.dispatchEvent('#drop', 'dragenter', { dataTransfer });
  await page.dispatchEvent('#drop', 'dragover', { dataTransfer });
  await page.dispatchEvent('#drop', 'drop', { dataTransfer });
}

before(async () => {
  for (const needed of ['www/pkg/readmark.js', 'www/pkg/readmark_bg.wasm', 'www/shared/reader-doc.js', 'www/shared/palette.css']) {
    if (!existsSync(join(ROOT, needed))) throw new Error(`${needed} is missing: build it with scripts/build-wasm.sh`);
  }
  server = await startServer();
  browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: CHROMIUM_ARGS,
  });
  context = await browser.newContext({ viewport: VIEWPORT, acceptDownloads: true, colorScheme: 'light' });
  await context.route(
    (url) => !isLocal(url.href),
    (route) => {
      blocked.push(route.request().url());
      return route.abort('blockedbyclient');
    },
  );
});

after(async () => {
  await browser?.close();
  await server?.stop();
  const local = blocked.filter((url) => new URL(url).hostname === '127.0.0.1');
  assert.deepEqual(local, [], 'no local request was blocked');
});

test('the sample loads: the Panorama article, its metadata, timings and Markdown, no boilerplate', async () => {
  const page = await openPlayground();
  assert.match(await text(page, '#core-text'), /^Core \d+\.\d+\.\d+ · WebAssembly loaded in [\d.]+ m?s$/);

  await page.click('#sample');
  assert.equal(await settled(page), 'ready');

  assert.equal(await text(page, '#title'), PANORAMA.title);
  assert.equal(await page.getAttribute('#article-url', 'href'), PANORAMA.url);
  assert.equal(await text(page, '#site'), PANORAMA.metadata.siteName);
  assert.match(await page.getAttribute('#published', 'title'), /^2020-10-30T22:31:00\+04:00$/);
  assert.match(await text(page, '#published'), /Oct 30, 2020, 10:31\s?PM/); // as the page wrote it
  assert.match(await text(page, '#lang'), /English \(en\)/);
  const words = Number((await text(page, '#words')).replace(/\D/g, ''));
  assert.ok(words > 400 && words < 800, `word count ${words}`);
  assert.match(await text(page, '#reading-time'), /^\d+ min read$/);
  for (const id of ['#extract-ms', '#markdown-ms', '#render-ms', '#wasm-ms']) {
    assert.match(await text(page, id), /^[\d.]+ (ms|s)$/, id);
  }
  // No URL typed: the page's canonical address is used, and the note says so.
  assert.match(await text(page, '#url-note'), /No URL given: using the address the page declares/);
  assert.match(await text(page, '#probe-ms'), /^[\d.]+ (ms|s)$/);
  const sampleKb = Math.round(readFileSync(join(ROOT, 'www/samples/panorama.html')).length / 1024);
  assert.equal(await text(page, '#source-note'), `Sample panorama.html: ${sampleKb} KB, decoded as utf-8 (declared charset utf-8).`);

  const paragraphs = await frameParagraphs(page, 14);
  assert.deepEqual(paragraphs.map((p) => p.replace(/\s+/g, ' ').trim()), PANORAMA.paragraphs);
  // The frame's document is the extension's reader (its stylesheet and policy, with images
  // allowed): one copy, extension/lib/reader-doc.js, which the build copies to www/shared/.
  const srcdoc = await page.getAttribute('#article-frame', 'srcdoc');
  const reader = readerDocument('', { images: true });
  const head = (doc) => doc.slice(doc.indexOf('<head>'), doc.indexOf('<main>'));
  assert.equal(head(srcdoc), head(reader));

  const markdown = await text(page, '#markdown');
  assert.deepEqual(leakedBoilerplate(markdown, PANORAMA.boilerplate), []);
  assert.equal(withoutFrontMatter(markdown), PANORAMA.markdown);
  const fields = frontMatter(markdown);
  assert.equal(JSON.parse(fields.url), PANORAMA.url);
  assert.ok(!Number.isNaN(Date.parse(JSON.parse(fields.saved))), 'saved is a date');

  // The tabs work from the keyboard (roving tab index, arrow keys).
  await page.focus('#tab-article');
  await page.keyboard.press('ArrowRight');
  assert.equal(await page.evaluate(() => document.activeElement.id), 'tab-markdown');
  assert.ok(await page.isVisible('#markdown'));
  assert.ok(await page.isHidden('#article-frame'));
  await page.keyboard.press('End');
  assert.ok(await page.isVisible('#json'));
  assert.equal(JSON.parse(await text(page, '#json')).siteName, 'Panorama.am');
  await page.keyboard.press('Home');
  assert.ok(await page.isVisible('#article-frame'));

  if (SCREENSHOTS) {
    await page.evaluate(() => document.activeElement.blur());
    await page.evaluate(() => window.scrollTo(0, 0));
    await sleep(200); // the frame paints its srcdoc
    await page.screenshot({ path: join(ROOT, 'docs/playground.png') });
  }
  await page.close();
});

test('pasted HTML with a URL: relative links resolve against it; without one, the fallback is explained', async () => {
  const page = await openPlayground();
  const html = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Tide tables made simple</title></head>
    <body><nav><a href="/">Home</a> <a href="/sea/">Sea</a></nav><article><h1>Tide tables made simple</h1>
    <p>Reading a tide table is easier than it looks. Each row gives the time of a high or a low tide and the height of the water above chart datum, the level below which the sea rarely falls.</p>
    <p>Start with the date, then find the two high tides of the day. Between them lies a low tide, roughly six hours after each high. The <a href="/guides/datum.html">guide to chart datum</a> explains the zero.</p>
    <p>Spring tides, with the largest range, follow the new and the full moon by a day or two; neap tides, with the smallest, follow the quarters. Plan a walk on the sands for a neap low tide.</p>
    <p>Always add a safety margin: wind and air pressure move the sea by tens of centimetres, and a table is a prediction, not a promise.</p></article></body></html>`;
  await page.fill('#html', html);
  await page.fill('#url', 'https://gazette.example.com/coast/tides.html');
  await page.focus('#html');
  await page.keyboard.press('Control+Enter');
  assert.equal(await settled(page), 'ready');

  assert.equal(await text(page, '#title'), 'Tide tables made simple');
  assert.equal(await page.getAttribute('#article-url', 'href'), 'https://gazette.example.com/coast/tides.html');
  assert.match(await text(page, '#source-summary'), /pasted HTML/);
  assert.match(await text(page, '#url-note'), /resolve against https:\/\/gazette\.example\.com\/coast\/tides\.html/);
  const markdown = await text(page, '#markdown');
  assert.match(markdown, /\[guide to chart datum\]\(https:\/\/gazette\.example\.com\/guides\/datum\.html\)/);
  await frameParagraphs(page, 4);
  const href = await page.frameLocator('#article-frame').locator('a').first().getAttribute('href');
  assert.equal(href, 'https://gazette.example.com/guides/datum.html');

  // No URL and no canonical: the placeholder URL, with a visible note.
  await page.fill('#url', '');
  await page.click('#extract');
  assert.equal(await settled(page), 'ready');
  assert.equal(await page.getAttribute('#url-note', 'data-tone'), 'warn');
  assert.ok(await page.isVisible('#url-note'));
  assert.match(await text(page, '#url-note'), /placeholder https:\/\/example\.invalid\//);
  assert.match(await text(page, '#markdown'), /\(https:\/\/example\.invalid\/guides\/datum\.html\)/);

  // A URL that is not absolute: the core's InvalidUrl, explained.
  await page.fill('#url', 'tides.html');
  await page.press('#url', 'Enter');
  assert.equal(await settled(page), 'error');
  assert.equal(await page.getAttribute('#error', 'data-kind'), 'InvalidUrl');
  assert.match(await text(page, '#error'), /This page’s address is not one Readmark can use/);
  await page.close();
});

test('files: a windows-1251 page through the file picker, an iso-8859-1 page dropped on the page', async () => {
  const page = await openPlayground();

  await page.setInputFiles('#file', join(PAGES, 'playground-cp1251.html'));
  assert.equal(await settled(page), 'ready');
  assert.equal(await text(page, '#title'), 'Городской парк откроется после реконструкции весной');
  assert.match(await text(page, '#source-note'), /decoded as windows-1251 \(declared charset windows-1251\)/);
  assert.match(await text(page, '#lang'), /Russian \(ru\)/);
  assert.equal(await text(page, '#site'), 'Вечерние новости');
  let markdown = await text(page, '#markdown');
  assert.match(markdown, /Центральный городской парк, закрытый на реконструкцию почти два года назад/);
  assert.match(markdown, /«Мы хотели сохранить исторический облик парка/);
  assert.ok(!markdown.includes('\uFFFD'), 'no replacement character');
  // No URL and the page declares none: the placeholder, said so.
  assert.equal(await page.getAttribute('#url-note', 'data-tone'), 'warn');
  assert.match(await text(page, '#url-note'), new RegExp(FALLBACK_URL.replace(/[./]/g, '\\$&')));
  assert.match(await text(page, '#source-summary'), /playground-cp1251\.html · [\d.]+ KB · windows-1251/);
  const cyrillic = await frameParagraphs(page, 6);
  assert.match(cyrillic[5], /^Вход в парк останется бесплатным/);

  await dropFile(page, 'playground-latin1.html');
  await waitFor(async () => (await text(page, '#title')) !== 'Городской парк откроется после реконструкции весной', {
    what: 'the dropped file to be extracted',
  });
  assert.equal(await settled(page), 'ready');
  assert.equal(await text(page, '#title'), "Le marché de Noël de Strasbourg bat des records d'affluence");
  // TextDecoder reads the iso-8859-1 label as windows-1252, as browsers do (the € is 0x80).
  assert.match(await text(page, '#source-note'), /decoded as windows-1252 \(declared charset iso-8859-1\)/);
  markdown = await text(page, '#markdown');
  assert.match(markdown, /vendu 3,50 € le gobelet/);
  assert.match(markdown, /« C'est une année exceptionnelle/);
  assert.ok(!markdown.includes('\uFFFD'), 'no replacement character');
  assert.match(await text(page, '#url-note'), /declares \(canonical link or og:url\), https:\/\/journal\.example\.org\/regions\/2023\/12\/marche-de-noel-strasbourg/);
  assert.equal(await page.getAttribute('#article-url', 'href'), 'https://journal.example.org/regions/2023/12/marche-de-noel-strasbourg');
  await frameParagraphs(page, 5);
  await page.close();
});

test('a page without an article: the NoArticle message in the live region, then recovery', async () => {
  const page = await openPlayground();
  await page.setInputFiles('#file', join(PAGES, 'playground-noarticle.html'));
  assert.equal(await settled(page), 'error');
  const error = page.locator('#error');
  assert.equal(await error.getAttribute('role'), 'alert');
  assert.equal(await error.getAttribute('data-kind'), 'NoArticle');
  assert.ok(await error.isVisible());
  assert.match(await error.textContent(), /Readmark found no article in “Loading…”/); // the extension's sentence, naming the page
  assert.match(await error.textContent(), /NoArticle/);
  assert.ok(await page.isHidden('#result'));
  assert.match(await text(page, '#status'), /found no article/);

  // A file that is not HTML at all is refused before the core sees it.
  await page.setInputFiles('#file', { name: 'notes.txt', mimeType: 'text/plain', buffer: Buffer.from('just text') });
  await waitFor(async () => (await page.getAttribute('#error', 'data-kind')) === 'NotHtmlFile', { what: 'NotHtmlFile' });

  // An empty box.
  await page.fill('#html', '   ');
  await page.click('#extract');
  await waitFor(async () => (await page.getAttribute('#error', 'data-kind')) === 'EmptyInput', { what: 'EmptyInput' });

  // The next good page clears the error.
  await page.click('#sample');
  await page.waitForSelector('body[data-state="ready"]');
  assert.equal(await text(page, '#error'), '');
  assert.ok(await page.isHidden('#error'));
  await page.close();

  // Without its WebAssembly package the page says what is missing, instead of hanging.
  const broken = await context.newPage();
  await broken.route('**/pkg/readmark_bg.wasm', (route) => route.abort('failed'));
  await broken.goto(server.url('/www/index.html'));
  await broken.waitForSelector('#error[data-kind="WasmLoad"]');
  assert.match(await text(broken, '#error'), /The WebAssembly core could not be loaded/);
  assert.ok(await broken.isDisabled('#extract'));
  assert.ok(await broken.isDisabled('#sample'));
  await broken.close();
});

test('a hostile page: nothing executable reaches the frame or the page', async () => {
  const page = await openPlayground();
  await page.setInputFiles('#file', join(PAGES, 'playground-hostile.html'));
  assert.equal(await settled(page), 'ready');

  // The title is page text: shown as text, never parsed as markup.
  assert.match(await text(page, '#title'), /^Hostile <img src=x onerror="top\.pwnedTitle=1"> page$/);
  assert.equal(await page.locator('#result img').count(), 0);

  const sandbox = await page.getAttribute('#article-frame', 'sandbox');
  assert.ok(!/allow-scripts|allow-same-origin/.test(sandbox), `sandbox="${sandbox}"`);

  const frame = page.frameLocator('#article-frame');
  await waitFor(async () => (await frame.locator('main p').count()) >= 4, { what: 'the hostile article in the frame' });
  const srcdoc = await page.getAttribute('#article-frame', 'srcdoc');
  const body = srcdoc.slice(srcdoc.indexOf('<main>'));
  assert.ok(!/<(script|iframe|object|embed|form|svg|math|video|base|input|button|style)\b/i.test(body), 'no dangerous element');
  assert.ok(!/\son[a-z]+\s*=/i.test(body), 'no event handler attribute');
  const tags = body.match(/<[^>]*>/g) ?? [];
  assert.deepEqual(tags.filter((tag) => /javascript:|vbscript:|data:text/i.test(tag)), [], 'no script URL in any tag');
  // The same, as the frame's DOM has it.
  const audit = await frame.locator('html').evaluate((root) => {
    const all = [...root.querySelectorAll('*')];
    return {
      scripts: root.querySelectorAll('script, iframe, object, embed, form, svg, math, base').length,
      handlers: all.flatMap((el) => [...el.attributes].filter((a) => /^on/i.test(a.name)).map((a) => a.name)),
      badUrls: all.flatMap((el) => [...el.attributes]
        .filter((a) => /^(href|src|action|formaction|xlink:href|data)$/i.test(a.name))
        .map((a) => a.value)
        .filter((v) => /^\s*(javascript|data|vbscript):/i.test(v))),
      styles: all.filter((el) => el.hasAttribute('style')).length,
    };
  });
  assert.deepEqual(audit, { scripts: 0, handlers: [], badUrls: [], styles: 0 });
  // The text survives, with the would-be markup still text.
  // (Markdown escapes the `<` that would open a tag: `\<script>alert('escaped')\</script>`.)
  assert.match(await text(page, '#markdown'), /\\<script>alert\('escaped'\)\\<\/script>/);
  // The downloadable Markdown itself carries no link a viewer could run or navigate into.
  assert.doesNotMatch(await text(page, '#markdown'), /\]\(<?\s*(javascript|vbscript|data):/i);

  // Give anything that could have run a moment, then check that nothing did, not even an attempt.
  await sleep(300);
  assert.deepEqual(sandboxBlocks, [], 'the frame tried to run no script');
  await frame.locator('main p').first().hover();
  await frame.locator('main p').nth(1).click();
  const pwned = await page.evaluate(() => Object.keys(window).filter((key) => key.startsWith('pwned')));
  assert.deepEqual(pwned, []);
  assert.deepEqual(dialogs, []);
  await page.close();
});

test('Download saves the Markdown document as a .md file; Copy puts it on the clipboard', async () => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: server.origin });
  const page = await openPlayground();
  await page.click('#sample');
  assert.equal(await settled(page), 'ready');
  const shown = await text(page, '#markdown');

  const [download] = await Promise.all([page.waitForEvent('download'), page.click('#download')]);
  const expectedName = `${PANORAMA.title}.md`;
  assert.equal(download.suggestedFilename(), expectedName);
  const saved = readFileSync(await download.path(), 'utf8');
  assert.equal(saved, shown);
  assert.equal(withoutFrontMatter(saved), PANORAMA.markdown);
  assert.equal(JSON.parse(frontMatter(saved).title), PANORAMA.title);
  assert.match(await text(page, '#download'), /Downloaded/);

  await page.click('#copy');
  await waitFor(async () => /Copied/.test(await text(page, '#copy')), { what: 'the Copied confirmation' });
  assert.equal(await page.evaluate(() => navigator.clipboard.readText()), shown);
  await page.close();
});

test('works with www/ as the server root (python3 -m http.server -d www)', async () => {
  const child = spawn('python3', ['-u', '-m', 'http.server', '0', '--bind', '127.0.0.1', '-d', join(ROOT, 'www')], {
    stdio: ['ignore', 'pipe', 'ignore'],
  });
  try {
    const port = await new Promise((done, fail) => {
      const timer = setTimeout(() => fail(new Error('http.server did not start')), 10_000);
      createInterface({ input: child.stdout }).once('line', (line) => {
        clearTimeout(timer);
        const match = /port (\d+)/.exec(line);
        if (match) done(Number(match[1]));
        else fail(new Error(`unexpected line from http.server: ${line}`));
      });
    });
    const page = await openPlayground(`http://127.0.0.1:${port}/`);
    await page.click('#sample');
    assert.equal(await settled(page), 'ready');
    assert.equal(await text(page, '#title'), PANORAMA.title);
    await frameParagraphs(page, 14);
    await page.close();
  } finally {
    child.kill('SIGTERM');
  }
});

test('no page error, no console error, no request outside 127.0.0.1 but article images', () => {
  assert.deepEqual(problems, []);
  const foreign = blocked.filter((url) => new URL(url).hostname !== '127.0.0.1');
  for (const url of foreign) assert.match(url, /^https:\/\/(www\.panorama\.am|example\.invalid|gazette\.example\.com|journal\.example\.org)\//, url);
});
