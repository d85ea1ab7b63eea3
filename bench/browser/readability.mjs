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

/**
 * Readability, then Turndown, on `doc`, in the page (its source is injected with the libraries,
 * so it must stay self-contained): the one conversion both benches run, the corpus bench on a
 * live page's clone (`runReadability`) and the WCXB bench on a parsed document (wcxb.mjs).
 * Returns `{ markdown, meta, parseMs, turndownMs }` (meta: the article's title, byline and
 * publishedTime) or `{ error, parseMs? }`.
 */
function readabilityMarkdown(doc) {
  const libs = globalThis.__readmarkBenchLibs;
  const started = performance.now();
  let article;
  try {
    article = new libs.Readability(doc).parse();
  } catch (error) {
    return { error: `Readability threw: ${error?.message ?? error}` };
  }
  const parsed = performance.now();
  if (!article || typeof article.content !== 'string') {
    return { error: 'Readability found no article', parseMs: parsed - started };
  }
  let markdown;
  try {
    const turndown = new libs.TurndownService(libs.turndownOptions);
    turndown.use(libs.gfm);
    markdown = turndown.turndown(article.content);
  } catch (error) {
    return { error: `Turndown threw: ${error?.message ?? error}`, parseMs: parsed - started };
  }
  return {
    markdown,
    meta: { title: article.title, byline: article.byline, publishedTime: article.publishedTime },
    parseMs: parsed - started,
    turndownMs: performance.now() - parsed,
  };
}

/**
 * The expression that defines `globalThis.__readmarkBenchLibs = { Readability, TurndownService,
 * gfm, turndownOptions, convert }` (`convert(doc)`: readabilityMarkdown).
 */
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
  const turndownOptions = ${JSON.stringify(TURNDOWN_OPTIONS)};
  const convert = ${readabilityMarkdown.toString()};
  globalThis.__readmarkBenchLibs = { Readability, TurndownService, gfm, turndownOptions, convert };
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
  return page.evaluate((wanted) => {
    const libs = globalThis.__readmarkBenchLibs;
    if (!libs) return { error: 'libraries not loaded' };
    const started = performance.now();
    const clone = document.cloneNode(true);
    const cloneMs = performance.now() - started;
    const result = libs.convert(clone);
    if (result.error) {
      return result.parseMs === undefined ? { error: result.error } : { error: result.error, readabilityMs: cloneMs + result.parseMs };
    }
    return {
      cloneMs,
      readabilityMs: cloneMs + result.parseMs,
      turndownMs: result.turndownMs,
      totalMs: cloneMs + result.parseMs + result.turndownMs,
      ...(wanted ? { markdown: result.markdown, meta: result.meta } : {}),
    };
  }, withMarkdown);
}
