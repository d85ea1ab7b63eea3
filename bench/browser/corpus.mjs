// The benchmark's pages: every corpus page, with the id tests/tools/score.py gives it
// (load_corpus: readability = the page's directory name, scrapinghub = the ground-truth key),
// plus the Panorama fixture (timed, not scored).

import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

const READABILITY = 'tests/corpus/readability';
const SCRAPINGHUB = 'tests/corpus/scrapinghub-dev';
const PANORAMA = 'tests/fixtures/panorama/source.html';

// The pages of --quick: Panorama, two of each corpus (one small, one large).
const QUICK = [
  'fixtures/panorama',
  'readability/001',
  'readability/wikipedia',
  'scrapinghub/06e5123e4ef7cfb4533250dc45d1e03d0838fc66223f45c583c4d12f48b4da85',
  'scrapinghub/08f793762792bd252c75fb57544cdf506ffcc04785136cb87503f02364b82b56',
];

/**
 * `[{ corpus, id, key, path }]`: `corpus` is score.py's corpus kind (readability | scrapinghub)
 * or `fixtures`; `key` is `corpus/id`; `path` is the file as tests/e2e/server.py serves it
 * (a `.html` whose bytes may be stored as `.html.gz`).
 */
export function corpusPages(root) {
  const pages = [];
  // readability: DIR/<page>/source.html + expected.txt, sorted by name (as score.py).
  for (const name of readdirSync(join(root, READABILITY)).sort()) {
    const dir = join(root, READABILITY, name);
    if (existsSync(join(dir, 'source.html')) && existsSync(join(dir, 'expected.txt'))) {
      pages.push(page('readability', name, `${READABILITY}/${name}/source.html`));
    }
  }
  // scrapinghub: the ground-truth keys, sorted, whose html/<id>.html[.gz] exists.
  const truth = JSON.parse(readFileSync(join(root, SCRAPINGHUB, 'ground-truth.json'), 'utf8'));
  for (const id of Object.keys(truth).sort()) {
    const file = join(root, SCRAPINGHUB, 'html', `${id}.html`);
    if (existsSync(file) || existsSync(`${file}.gz`)) pages.push(page('scrapinghub', id, `${SCRAPINGHUB}/html/${id}.html`));
  }
  pages.push(page('fixtures', 'panorama', PANORAMA));
  return pages;
}

/** The --quick selection (those of QUICK that exist, else the first five). */
export function quickPages(pages) {
  const chosen = QUICK.map((key) => pages.find((p) => p.key === key)).filter(Boolean);
  return chosen.length === QUICK.length ? chosen : pages.slice(0, QUICK.length);
}

export const PANORAMA_KEY = 'fixtures/panorama';

function page(corpus, id, path) {
  return { corpus, id, key: `${corpus}/${id}`, path };
}
