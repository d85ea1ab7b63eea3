// Server and browser setup, reusing tests/e2e/harness.mjs: the page server (server.py on
// 127.0.0.1), Chromium with a copy of the extension (127.0.0.1 host permission, every other
// host blocked). The copy given to the harness gets the bench-only page ext/bench.{html,js}
// besides; extension/ itself is never written.

import { createHash } from 'node:crypto';
import { cpSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

import { EXTENSION_DIR, ROOT, launchExtension, startServer, waitFor } from '../../tests/e2e/harness.mjs';

export { ROOT };

const HERE = dirname(fileURLToPath(import.meta.url));
const BENCH_PAGE_FILES = ['bench.html', 'bench.js'];

/**
 * Starts the server and Chromium; resolves `{ server, browser, open(), recover(), close(), … }`.
 * After open(): `benchPage` is the bench extension page (WASM initialised, `version`), `content`
 * `{ page, tabId }` the tab the corpus pages are loaded in. `wasm` describes the copied core.
 */
export async function startBench() {
  const work = mkdtempSync(join(tmpdir(), 'readmark-bench-'));
  const source = join(work, 'extension');
  cpSync(EXTENSION_DIR, source, { recursive: true });
  for (const file of BENCH_PAGE_FILES) cpSync(join(HERE, 'ext', file), join(source, file));

  let server;
  let browser;
  try {
    server = await startServer();
    browser = await launchExtension({ extensionDir: source });
  } catch (error) {
    await browser?.close();
    await server?.stop();
    rmSync(work, { recursive: true, force: true });
    throw error;
  }
  const bench = {
    server,
    browser,
    benchPage: null,
    content: null,
    version: null,
    wasm: wasmInfo(join(source, 'pkg', 'readmark_bg.wasm')),
    /** Opens the bench extension page and the corpus tab (both replaced by recover()). */
    async open() {
      bench.benchPage = await openBenchPage(browser);
      bench.version = await bench.benchPage.evaluate(() => globalThis.readmarkBench.ready());
      bench.content = await browser.openTab(null);
    },
    /** After a run hung: a fresh corpus tab, and (`what` = 'both') a fresh bench page. */
    async recover(what) {
      await bench.content?.page.close().catch(() => {});
      bench.content = await browser.openTab(null);
      if (what === 'both') {
        await bench.benchPage?.close().catch(() => {});
        bench.benchPage = await openBenchPage(browser);
        await bench.benchPage.evaluate(() => globalThis.readmarkBench.ready());
      }
    },
    async close() {
      await browser.close();
      await server.stop();
      rmSync(work, { recursive: true, force: true, maxRetries: 3 });
    },
  };
  return bench;
}

/** Opens the bench extension page (`query` e.g. '?cold'); resolves the Playwright page once its module ran. */
export async function openBenchPage(browser, query = '') {
  const { page } = await browser.openExtensionPage(`bench.html${query}`);
  await waitFor(() => page.evaluate(() => typeof globalThis.readmarkBench === 'object'), { what: 'bench.js to load' });
  return page;
}

/** What the report says about the machine: CPU, cores, Chromium, Node, library versions. */
export async function machineInfo(browser, libraries) {
  const cpuinfo = readFileSync('/proc/cpuinfo', 'utf8');
  const cpu = /^model name\s*:\s*(.+)$/m.exec(cpuinfo)?.[1]?.trim() ?? null;
  const logical = (cpuinfo.match(/^processor\s*:/gm) ?? []).length;
  const { availableParallelism, cpus } = await import('node:os');
  const cdp = await browser.context.newCDPSession(browser.context.pages()[0] ?? (await browser.context.newPage()));
  const { product, userAgent } = await cdp.send('Browser.getVersion');
  await cdp.detach();
  return {
    cpu,
    cores: availableParallelism?.() ?? cpus().length,
    logicalProcessors: logical,
    chromium: product,
    userAgent,
    node: process.version,
    platform: `${process.platform} ${process.arch}`,
    libraries,
  };
}

/** `name` → the version in node_modules/`name`/package.json (null when missing). */
export function installedVersion(name) {
  try {
    return JSON.parse(readFileSync(join(ROOT, 'node_modules', name, 'package.json'), 'utf8')).version;
  } catch {
    return null;
  }
}

/** Size and SHA-256 (first 16 hex digits) of the WASM file the bench runs. */
function wasmInfo(path) {
  const bytes = readFileSync(path);
  return { bytes: bytes.length, sha256: createHash('sha256').update(bytes).digest('hex').slice(0, 16) };
}
