// Shared helpers of the capture tests (capture.test.mjs, parity.test.mjs): the page server,
// a headless Chromium that never reaches the network, the capture run in a page, the WASM
// core loaded in Node, and a reader of snapshot node lists.

import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import { chromium } from 'playwright-core';

import { captureSnapshot } from '../../extension/capture.js';
import { CHROMIUM, CHROMIUM_ARGS, LOCAL_HOST, ROOT, startServer } from './harness.mjs';

// The page server and the browser flags are the extension tests' own (harness.mjs).
export { ROOT, startServer };

/** Headless Chromium. */
export function launchBrowser() {
  return chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
}

/** A page (in a context of its own) whose requests to any host but the test server fail. */
export async function offlinePage(browser) {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.route('**/*', (route) => {
    const { hostname } = new URL(route.request().url());
    return hostname === LOCAL_HOST ? route.continue() : route.abort('blockedbyclient');
  });
  return page;
}

// The capture as executeScript would inject it: the function's source text, called in the page.
const CAPTURE_SOURCE = captureSnapshot.toString();

/** Runs the capture in the page's main frame; resolves its result object. */
export function capture(page, options = { selection: false }) {
  return page.evaluate(`(${CAPTURE_SOURCE})(${JSON.stringify(options)})`);
}

/** The WASM core (extension/pkg, built by scripts/build-wasm.sh), initialised once. */
let core = null;
export async function loadCore() {
  if (core === null) {
    const rm = await import('../../extension/pkg/readmark.js');
    await rm.default({ module_or_path: readFileSync(join(ROOT, 'extension/pkg/readmark_bg.wasm')) });
    core = rm;
  }
  return core;
}

/** Runs `fn`, returning `{ value }` or `{ error: { name, message } }` (the core throws Errors). */
export function outcome(fn) {
  try {
    return { value: fn() };
  } catch (error) {
    return { error: { name: error?.name, message: error?.message ?? String(error) } };
  }
}

/**
 * Reads a snapshot node list into trees: `{ tag, attrs, flags, children }` for elements,
 * strings for text (indentation integers expanded). Uses a stack: lists may be very deep.
 */
export function readNodeList(list) {
  const roots = [];
  const open = []; // [node, children still expected]
  for (const item of list) {
    const node = typeof item === 'string' ? item : typeof item === 'number' ? `\n${' '.repeat(item)}` : elementOf(item);
    const parent = open.at(-1);
    if (parent) {
      parent[0].children.push(node);
      parent[1] -= 1;
    } else {
      roots.push(node);
    }
    if (typeof node !== 'string' && node.count > 0) open.push([node, node.count]);
    while (open.length > 0 && open.at(-1)[1] === 0) open.pop();
  }
  if (open.length > 0) throw new Error('truncated node list');
  return roots;
}

function elementOf([tag, ...rest]) {
  const attrs = typeof rest[0] === 'object' ? rest.shift() : {};
  const [count = 0, flags = 0] = rest;
  return { tag, attrs, count, flags, children: [] };
}

/** Every element of the trees, in pre-order, with its depth (roots at 1); iterative. */
export function* elements(roots) {
  const stack = roots.map((node) => [node, 1]).reverse();
  while (stack.length > 0) {
    const [node, depth] = stack.pop();
    if (typeof node === 'string') continue;
    yield { node, depth };
    for (let i = node.children.length - 1; i >= 0; i -= 1) stack.push([node.children[i], depth + 1]);
  }
}

/** The first element whose `id` attribute is `id`. */
export function byId(roots, id) {
  for (const { node } of elements(roots)) if (node.attrs.id === id) return node;
  return null;
}

/** All the text below a tree node (or nodes), concatenated; iterative. */
export function textOf(nodes) {
  const stack = [].concat(nodes).reverse();
  let text = '';
  while (stack.length > 0) {
    const node = stack.pop();
    if (typeof node === 'string') text += node;
    else for (let i = node.children.length - 1; i >= 0; i -= 1) stack.push(node.children[i]);
  }
  return text;
}
