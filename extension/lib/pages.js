// Which pages no extension may read, and the sentence the user sees for every error kind.
// The playground words the core's errors with the same sentences: scripts/build-wasm.sh
// copies this file to www/shared/ (so it stays a module without imports).

// URL schemes of browser-internal pages: the browser refuses every extension there.
const BROWSER_SCHEMES = new Set([
  'about:', 'chrome:', 'chrome-extension:', 'chrome-search:', 'chrome-untrusted:', 'devtools:',
  'edge:', 'moz-extension:', 'resource:', 'view-source:',
]);

// Extension stores: both browsers keep extensions out of them. Host → path prefix.
const STORES = [
  { host: 'chromewebstore.google.com', path: '/' },
  { host: 'chrome.google.com', path: '/webstore' },
  { host: 'addons.mozilla.org', path: '/' },
  { host: 'microsoftedge.microsoft.com', path: '/addons' },
];

// A path ending in .pdf is shown by the browser's PDF viewer, which extensions cannot read.
const PDF_PATH = /\.pdf$/i;

/** The user-facing sentence for each error kind. */
const MESSAGES = {
  NoArticle: 'Readmark found no article on this page.',
  InvalidSnapshot: 'Readmark could not read this page’s content.',
  InvalidUrl: 'This page’s address is not one Readmark can use.',
  LimitExceeded: 'This page is too large for Readmark to read.',
  NotHtml: 'This is not a web page (HTML): Readmark reads articles only.',
  Restricted: 'The browser does not let extensions read this page.',
  CaptureFailed: 'Readmark could not read this page.',
  NoTab: 'There is no tab to read: the tab may have been closed.',
  Storage: 'The library could not be saved; it is unchanged.',
  Download: 'The download failed.',
  NotFound: 'This article is not in the library (any more).',
  NewerRecord: 'A newer version of Readmark saved this article, so this version leaves it as it is. Save it as a new clip, or delete it in the library.',
  NothingToUndo: 'There is nothing to undo: the article has changed since.',
  BadRequest: 'Readmark received a request it does not understand.',
  Internal: 'Something went wrong inside Readmark.',
};

// Kinds whose sentence is followed by the technical detail: the user (or a bug report) needs it.
const WITH_DETAIL = new Set(['InvalidSnapshot', 'LimitExceeded', 'CaptureFailed', 'Storage', 'Download', 'BadRequest', 'Internal']);

/** Every error kind a reply may carry. */
export const ERROR_KINDS = new Set(Object.keys(MESSAGES));

/** The sentence for `kind` (unknown kinds count as Internal), with `detail` where it helps. */
export function messageFor(kind, detail) {
  const known = ERROR_KINDS.has(kind) ? kind : 'Internal';
  const sentence = MESSAGES[known];
  return detail && WITH_DETAIL.has(known) ? `${sentence} (${detail})` : sentence;
}

/** An error of a known kind whose message is already the user-facing sentence. */
export class ReadmarkError extends Error {
  constructor(kind, message = messageFor(kind)) {
    super(message);
    this.name = kind;
  }
}

// Longest page title quoted in a message; a longer one is cut at a word and ends with "…".
const MAX_QUOTED_TITLE = 80;

/**
 * A thrown value → `{ kind, message }` for a reply: own errors as they are, the core's by name.
 * The core's NoArticle carries the page's own metadata (`error.page`): its sentence then names
 * the page by its title, so that the user sees which page could not be clipped.
 */
export function describeError(error) {
  if (error instanceof ReadmarkError) return { kind: error.name, message: error.message };
  const kind = ERROR_KINDS.has(error?.name) ? error.name : 'Internal';
  if (kind === 'NoArticle') return { kind, message: noArticleMessage(error.page) };
  return { kind, message: messageFor(kind, error?.message ?? String(error)) };
}

/** NoArticle's sentence, naming the page by the title the core read from it when it has one. */
export function noArticleMessage(page) {
  const title = quotedTitle(page?.title);
  return title ? `Readmark found no article in “${title}”.` : messageFor('NoArticle');
}

/** A page title fit to quote in one sentence: white space collapsed, long ones cut; or ''. */
function quotedTitle(title) {
  const flat = typeof title === 'string' ? title.replace(/\s+/g, ' ').trim() : '';
  if (flat.length <= MAX_QUOTED_TITLE) return flat;
  const cut = flat.slice(0, MAX_QUOTED_TITLE + 1); // one more: a space there ends a whole word
  const space = cut.lastIndexOf(' ');
  const words = space > MAX_QUOTED_TITLE / 2 ? cut.slice(0, space) : cut.slice(0, MAX_QUOTED_TITLE);
  return `${words.replace(/[\s,;:|·–—-]+$/u, '')}…`;
}

function isStore(url) {
  return STORES.some(({ host, path }) => url.hostname === host && url.pathname.startsWith(path));
}

/**
 * Why `address` can never be captured, as the sentence for the user, or null when it may be.
 * An unknown address (undefined: the tab's URL is not visible to us) is left to the capture.
 */
export function restrictionOf(address) {
  if (!address) return null;
  let url;
  try {
    url = new URL(address);
  } catch {
    return null;
  }
  if (BROWSER_SCHEMES.has(url.protocol)) return 'This is a browser page: no extension may read it.';
  if (isStore(url)) return 'Extension stores are protected: no extension may read them.';
  if (PDF_PATH.test(url.pathname)) return 'This is a PDF shown by the browser’s viewer: Readmark reads web pages only.';
  return null;
}
