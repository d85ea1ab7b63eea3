// The end-to-end harness: the real extension in headless Chromium, driven by playwright-core,
// with test pages served on 127.0.0.1 by tests/e2e/server.py. Used by tests/e2e/*.test.mjs
// (this file is not a test itself).
//
//   const server = await startServer();           // { origin, url(path, query), stop() }
//   const browser = await launchExtension();      // { context, sw, id, url(path), openTab(url), … }
//
// The extension under test is `extension/` or the directory named by READMARK_EXTENSION. The
// harness loads a *copy* of it whose manifest adds `host_permissions: ["http://127.0.0.1/*"]`:
// `activeTab` cannot be granted in automation (no toolbar click, no keyboard shortcut reaches
// headless Chromium); the shipped manifest keeps none. Every request to a host other than
// 127.0.0.1 is aborted (and DNS resolves nothing else), so the tests never touch the network.

import { spawn } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

export const ROOT = resolve(fileURLToPath(new URL('../..', import.meta.url)));
export const CHROMIUM = process.env.CHROMIUM_BIN ?? '/usr/bin/chromium';
export const EXTENSION_DIR = resolve(process.env.READMARK_EXTENSION ?? join(ROOT, 'extension'));
// The host the copy of the extension may read, and the only host requests may go to.
export const LOCAL_HOST = '127.0.0.1';
// Every browser the tests launch: the new headless mode (extensions need it), no sandbox (we
// run as root), none of Chromium's own background traffic, and a second fence behind the
// request routing: no host but 127.0.0.1 resolves.
export const CHROMIUM_ARGS = [
  '--headless=new',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-dev-shm-usage',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  `--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE ${LOCAL_HOST}`,
];

export const sleep = (ms) => new Promise((done) => setTimeout(done, ms));

/** Polls `probe` (sync or async) until it returns a truthy value; throws `what` after `timeout` ms. */
export async function waitFor(probe, { timeout = 10_000, interval = 50, what = 'a condition' } = {}) {
  const deadline = Date.now() + timeout;
  let lastError;
  for (;;) {
    try {
      const value = await probe();
      if (value) return value;
    } catch (error) {
      lastError = error;
    }
    if (Date.now() > deadline) {
      throw new Error(`timed out after ${timeout} ms waiting for ${what}${lastError ? `: ${lastError.message}` : ''}`);
    }
    await sleep(interval);
  }
}

/** Reads a repository file as text. */
export const repoFile = (path) => readFileSync(join(ROOT, path), 'utf8');

/* ---------- the page server ---------- */

/** Starts tests/e2e/server.py on a free port; resolves `{ port, origin, url(path, query), stop() }`. */
export async function startServer() {
  const child = spawn('python3', [join(ROOT, 'tests/e2e/server.py'), '--port', '0'], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  process.once('exit', () => child.kill()); // never outlive the tests, even when they crash
  const port = await new Promise((done, fail) => {
    const lines = createInterface({ input: child.stdout });
    const timer = setTimeout(() => fail(new Error('tests/e2e/server.py did not print its port')), 10_000);
    child.once('exit', (code) => fail(new Error(`tests/e2e/server.py exited with ${code}`)));
    lines.once('line', (line) => {
      clearTimeout(timer);
      const match = /^PORT (\d+)$/.exec(line.trim());
      if (match) done(Number(match[1]));
      else fail(new Error(`unexpected first line from server.py: ${line}`));
    });
  });
  const origin = `http://${LOCAL_HOST}:${port}`;
  return {
    port,
    origin,
    /** `url('/tests/…/source.html', { csp: 'strict' })` */
    url(path, query = {}) {
      const url = new URL(path, origin);
      for (const [key, value] of Object.entries(query)) url.searchParams.set(key, value);
      return url.href;
    },
    async stop() {
      if (child.exitCode !== null) return;
      const exited = new Promise((done) => child.once('exit', done));
      child.kill('SIGTERM');
      await Promise.race([exited, sleep(2000)]);
    },
  };
}

/* ---------- the extension in Chromium ---------- */

/** Copies the extension to `dir`, adding the 127.0.0.1 host permission to its manifest. */
function prepareExtension(source, dir) {
  if (!existsSync(join(source, 'manifest.json'))) throw new Error(`no manifest.json in ${source}`);
  for (const needed of ['pkg/readmark.js', 'pkg/readmark_bg.wasm', 'capture.js']) {
    if (!existsSync(join(source, needed))) throw new Error(`${join(source, needed)} is missing (build the WASM package first)`);
  }
  cpSync(source, dir, { recursive: true });
  const manifestPath = join(dir, 'manifest.json');
  const manifest = JSON.parse(readFileSync(manifestPath, 'utf8'));
  manifest.host_permissions = [...new Set([...(manifest.host_permissions ?? []), `http://${LOCAL_HOST}/*`])];
  writeFileSync(manifestPath, JSON.stringify(manifest, null, 2));
  return dir;
}

/** True for URLs the browser may fetch: 127.0.0.1 over http(s), and non-network schemes. */
export function isLocal(url) {
  try {
    const { protocol, hostname } = new URL(url);
    if (protocol !== 'http:' && protocol !== 'https:' && protocol !== 'ws:' && protocol !== 'wss:') return true;
    return hostname === LOCAL_HOST;
  } catch {
    return false;
  }
}

/**
 * Launches Chromium with the extension (a copy, see above). Options: `extensionDir`,
 * `viewport`. Resolves an object with the context, the service worker `sw`, the extension
 * `id`, a downloads directory, `blocked` (URLs aborted so far) and helpers.
 */
export async function launchExtension({ extensionDir = EXTENSION_DIR, viewport = { width: 1280, height: 800 } } = {}) {
  const work = mkdtempSync(join(tmpdir(), 'readmark-e2e-'));
  const extension = prepareExtension(extensionDir, join(work, 'extension'));
  const profile = join(work, 'profile');
  const downloads = join(work, 'downloads');
  mkdirSync(join(profile, 'Default'), { recursive: true });
  mkdirSync(downloads);
  // Downloads go to our directory without a prompt (Playwright's own handling is reset below).
  writeFileSync(
    join(profile, 'Default', 'Preferences'),
    JSON.stringify({ download: { default_directory: downloads, prompt_for_download: false, directory_upgrade: true } }),
  );

  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: false, // --headless=new below: extensions need the new headless mode
    viewport,
    args: [
      `--disable-extensions-except=${extension}`,
      `--load-extension=${extension}`,
      ...CHROMIUM_ARGS,
    ],
  });
  const blocked = [];
  await context.route(
    (url) => !isLocal(url.href),
    (route) => {
      blocked.push(route.request().url());
      return route.abort('blockedbyclient');
    },
  );

  const sw = context.serviceWorkers().find((w) => w.url().startsWith('chrome-extension://'))
    ?? (await context.waitForEvent('serviceworker', { timeout: 15_000 }));
  const id = new URL(sw.url()).host;
  const url = (path) => `chrome-extension://${id}/${path}`;

  // Playwright intercepts downloads (it saves them under GUID names in its own folder, and only
  // for downloads started by a page): give them back to the browser, which follows Preferences.
  const [firstPage] = context.pages();
  const blank = firstPage ?? (await context.newPage());
  const cdp = await context.newCDPSession(blank);
  await cdp.send('Browser.setDownloadBehavior', { behavior: 'default' });
  await cdp.detach();

  /** Evaluates `fn(arg)` in the extension's service worker. */
  const inWorker = (fn, arg) => sw.evaluate(fn, arg);

  async function tabIds() {
    return inWorker(async () => (await chrome.tabs.query({})).map((tab) => tab.id));
  }

  /**
   * Opens `address` in a new tab; resolves `{ page, tabId }`. The tab id is the one tab the
   * extension sees appear (works for pages whose URL it may not read, such as chrome://).
   */
  async function openTab(address, { waitUntil = 'load', viewport: size } = {}) {
    const before = new Set(await tabIds());
    const page = await context.newPage();
    if (size) await page.setViewportSize(size);
    const tabId = await waitFor(async () => {
      const fresh = (await tabIds()).filter((tab) => !before.has(tab));
      return fresh.length === 1 ? fresh[0] : null;
    }, { what: 'the new tab to appear to the extension' });
    if (address) await page.goto(address, { waitUntil });
    return { page, tabId };
  }

  /** An extension page (library.html, …) in a new tab. */
  async function openExtensionPage(path, options = {}) {
    return openTab(url(path), options);
  }

  /** Sends `{ type, payload }` to the background from an extension page (as the UI does); resolves the raw reply. */
  async function message(fromPage, type, payload = {}) {
    return fromPage.evaluate(({ type, payload }) => chrome.runtime.sendMessage({ type, payload }), { type, payload });
  }

  /** storage.local as the extension sees it (all keys, or the `keys` given). */
  async function storage(keys = null) {
    return inWorker((keys) => chrome.storage.local.get(keys), keys);
  }

  /** The library records (storage keys `article:<url>`), by id. */
  async function records() {
    const items = await storage();
    return Object.fromEntries(
      Object.entries(items).filter(([key]) => key.startsWith('article:')).map(([, record]) => [record.id, record]),
    );
  }

  /** The ids of every download the browser knows. */
  async function downloadIds() {
    return new Set(await inWorker(async () => (await chrome.downloads.search({})).map((d) => d.id)));
  }

  /**
   * Waits for a finished download whose file name ends with `suffix` and whose id is not in
   * `known` (downloads that existed before); resolves its DownloadItem (`filename` is the full path).
   */
  async function completedDownload(suffix, { known = new Set(), timeout = 10_000 } = {}) {
    return waitFor(async () => {
      const items = await inWorker(() => chrome.downloads.search({}));
      const item = items.find((d) => !known.has(d.id) && d.filename.endsWith(suffix));
      if (item?.state === 'interrupted') throw new Error(`download of ${suffix} interrupted: ${item.error}`);
      return item?.state === 'complete' && existsSync(item.filename) ? item : null;
    }, { timeout, what: `the download of …${suffix}` });
  }

  /** Runs a quick action as the browser would: `contextMenus.onClicked` or `commands.onCommand`, on tab `tabId`. */
  async function quickAction(kind, id, tabId) {
    await inWorker(async ({ kind, id, tabId }) => {
      const tab = await chrome.tabs.get(tabId);
      if (kind === 'menu') chrome.contextMenus.onClicked.dispatch({ menuItemId: id, pageUrl: tab.url, editable: false }, tab);
      else chrome.commands.onCommand.dispatch(id, tab);
    }, { kind, id, tabId });
  }

  /** The toolbar badge of tab `tabId`: `{ text, title, color: [r, g, b, a] }`. */
  async function badge(tabId) {
    return inWorker(async (tabId) => ({
      text: await chrome.action.getBadgeText({ tabId }),
      title: await chrome.action.getTitle({ tabId }),
      color: await chrome.action.getBadgeBackgroundColor({ tabId }),
    }), tabId);
  }

  async function close() {
    await context.close().catch(() => {});
    rmSync(work, { recursive: true, force: true, maxRetries: 3 });
  }

  return {
    context, sw, id, url, extension, downloads, blocked,
    inWorker, tabIds, openTab, openExtensionPage, message, storage, records, downloadIds, completedDownload, quickAction,
    badge, close,
    downloadedFiles: () => readdirSync(downloads),
  };
}

/* ---------- expectations shared by the tests ---------- */

/** The Panorama fixture: its URL (the page's canonical), 14 paragraphs, the boilerplate strings, expected Markdown. */
export function panorama() {
  const metadata = JSON.parse(repoFile('tests/fixtures/panorama/expected-metadata.json'));
  const lines = repoFile('tests/fixtures/panorama/expected.txt').split('\n');
  return {
    path: '/tests/fixtures/panorama/source.html',
    url: metadata.url,
    metadata,
    title: lines[0],
    paragraphs: lines.slice(1).filter((line) => line.trim() !== ''),
    boilerplate: repoFile('tests/fixtures/panorama/boilerplate.txt').split('\n').filter((line) => line !== ''),
    markdown: repoFile('tests/fixtures/panorama/expected.md').trim(),
  };
}

/** A Markdown document without its YAML front matter (`---` … `---`), trimmed. */
export function withoutFrontMatter(document) {
  const match = /^---\n[\s\S]*?\n---\n/.exec(document);
  return (match ? document.slice(match[0].length) : document).trim();
}

/** The front matter of a Markdown document as `{ key: raw value }` (one line per key). */
export function frontMatter(document) {
  const match = /^---\n([\s\S]*?)\n---\n/.exec(document);
  if (!match) return null;
  const fields = {};
  for (const line of match[1].split('\n')) {
    const colon = line.indexOf(':');
    if (colon > 0 && !line.startsWith(' ')) fields[line.slice(0, colon)] = line.slice(colon + 1).trim();
  }
  return fields;
}

/** The boilerplate strings found in `text`. */
export function leakedBoilerplate(text, strings) {
  return strings.filter((s) => text.includes(s));
}

/** The non-empty lines of an article's `text`. */
export const textLines = (text) => text.split('\n').filter((line) => line.trim() !== '');
