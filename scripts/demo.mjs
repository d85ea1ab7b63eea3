// `make demo`'s last step: runs the built WebAssembly package (the very files the extension
// loads) on the bundled Panorama page and prints the Markdown document it would download.
//   node scripts/demo.mjs [page.html] [url]
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import init, * as rm from '../extension/pkg/readmark.js';

const PANORAMA = {
  path: fileURLToPath(new URL('../tests/fixtures/panorama/source.html', import.meta.url)),
  url: 'https://www.panorama.am/en/news/2020/10/30/Armenian-Artsakh-Human-Rights-Defenders/2391666',
};

const [path = PANORAMA.path, url = PANORAMA.url] = process.argv.slice(2);
const wasm = readFileSync(new URL('../extension/pkg/readmark_bg.wasm', import.meta.url));
const t0 = performance.now();
await init({ module_or_path: wasm });
const t1 = performance.now();
const article = rm.extractHtml(readFileSync(path, 'utf8'), url);
const document = rm.markdownDocument(article, { frontMatter: true, savedAt: new Date().toISOString() });
const t2 = performance.now();
process.stdout.write(document);
console.error(
  `\nreadmark ${rm.version()} (WebAssembly): ${article.wordCount} words, ` +
    `extracted in ${(t2 - t1).toFixed(1)} ms (WASM start ${(t1 - t0).toFixed(1)} ms); ` +
    `it would download as "${rm.downloadFilename(article.title ?? 'article')}"`,
);
