// Engine (b): Mozilla Readability.js + Turndown (with turndown-plugin-gfm), run in the page
// itself on `document.cloneNode(true)`, timed there with performance.now. The libraries'
// CommonJS builds are evaluated once per page (after its load, untimed) through the DevTools
// protocol, which the page's CSP (`script-src 'none'`) does not govern: each file runs in a
// function given its own `module`/`exports`, so no page global (an element id="module"…) can
// change what it exports, and the three end up in one global, `__readmarkBenchLibs`.

import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import { installedVersion } from './browser.mjs';

export const LIBRARIES = {
  readability: { package: '@mozilla/readability', file: 'Readability.js' },
  turndown: { package: 'turndown', file: 'lib/turndown.browser.cjs.js' },
  gfm: { package: 'turndown-plugin-gfm', file: 'lib/turndown-plugin-gfm.browser.cjs.js' },
};

// Turndown's options: ATX headings and fenced code, as Readmark writes them (the defaults are
// setext headings and indented code). Readability runs with its defaults.
export const TURNDOWN_OPTIONS = { headingStyle: 'atx', codeBlockStyle: 'fenced', bulletListMarker: '-' };

/** The versions of the three libraries, by package name. */
export function libraryVersions() {
  return Object.fromEntries(Object.values(LIBRARIES).map(({ package: name }) => [name, installedVersion(name)]));
}

/** The expression that defines `globalThis.__readmarkBenchLibs = { Readability, TurndownService, gfm }`. */
export function librarySource(root) {
  // Each file runs as CommonJS: a function of its own `module` and `exports` (and no `define`).
  const cjs = ({ package: name, file }) => {
    const source = readFileSync(join(root, 'node_modules', name, file), 'utf8');
    return `(() => { const module = { exports: {} };\n(function (module, exports, define) {\n${source}\n})(module, module.exports, undefined);\nreturn module.exports; })()`;
  };
  return `(() => {
  const Readability = ${cjs(LIBRARIES.readability)};
  const TurndownService = ${cjs(LIBRARIES.turndown)};
  const gfm = ${cjs(LIBRARIES.gfm)}.gfm;
  globalThis.__readmarkBenchLibs = { Readability, TurndownService, gfm };
  return typeof Readability === 'function' && typeof TurndownService === 'function' && typeof gfm === 'function';
})()`;
}

/** Defines the libraries in `page` (once per loaded page); throws if they did not load. */
export async function injectLibraries(page, source) {
  const ok = await page.evaluate(source);
  if (ok !== true) throw new Error('the Readability/Turndown libraries did not load in the page');
}

/**
 * One run in `page`: clone, Readability.parse, Turndown. Resolves `{ cloneMs, readabilityMs
 * (clone + parse), turndownMs, totalMs, markdown?, meta? }` (meta: the
 * article's title, byline and publishedTime, for the metadata table) or `{ error, … }`.
 */
export function runReadability(page, { withMarkdown = false } = {}) {
  return page.evaluate(({ withMarkdown, options }) => {
    const libs = globalThis.__readmarkBenchLibs;
    if (!libs) return { error: 'libraries not loaded' };
    const started = performance.now();
    const clone = document.cloneNode(true);
    const cloned = performance.now();
    let article;
    try {
      article = new libs.Readability(clone).parse();
    } catch (error) {
      return { error: `Readability threw: ${error?.message ?? error}` };
    }
    const parsed = performance.now();
    if (!article || typeof article.content !== 'string') {
      return { error: 'Readability found no article', readabilityMs: parsed - started };
    }
    let markdown;
    try {
      const turndown = new libs.TurndownService(options);
      turndown.use(libs.gfm);
      markdown = turndown.turndown(article.content);
    } catch (error) {
      return { error: `Turndown threw: ${error?.message ?? error}`, readabilityMs: parsed - started };
    }
    const done = performance.now();
    return {
      cloneMs: cloned - started,
      readabilityMs: parsed - started,
      turndownMs: done - parsed,
      totalMs: done - started,
      ...(withMarkdown ? { markdown, meta: { title: article.title, byline: article.byline, publishedTime: article.publishedTime } } : {}),
    };
  }, { withMarkdown, options: TURNDOWN_OPTIONS });
}
