import assert from 'node:assert/strict';
import { test } from 'node:test';

import { ERROR_KINDS, ReadmarkError, describeError, messageFor, restrictionOf } from '../../extension/lib/pages.js';

const RESTRICTED = [
  'chrome://settings/',
  'chrome://newtab/',
  'edge://extensions/',
  'about:addons',
  'about:blank',
  'view-source:https://news.example/',
  'devtools://devtools/bundled/inspector.html',
  'chrome-extension://abcdefghijklmnopabcdefghijklmnop/popup.html',
  'moz-extension://0d1c1f9e-1111-2222-3333-444455556666/library.html',
  'https://chromewebstore.google.com/detail/some-extension/abcdef',
  'https://chrome.google.com/webstore/detail/abcdef',
  'https://addons.mozilla.org/en-US/firefox/addon/something/',
  'https://microsoftedge.microsoft.com/addons/detail/abc',
  'https://papers.example/report.pdf',
  'https://papers.example/REPORT.PDF?download=1',
];

const ALLOWED = [
  'https://news.example/2026/01/story.html',
  'http://127.0.0.1:8000/panorama.html',
  'https://chrome.google.com/search-help', // same host as the old store, not the store
  'https://example.org/pdf-guide', // "pdf" in the path, not a PDF file
  'https://addons.mozilla.org.example.net/', // look-alike host
  'file:///home/me/page.html', // left to the browser: allowed when the user lets extensions read files
  undefined, // URL not visible: the capture decides
  'not a url',
];

test('browser pages, extension stores and PDFs are restricted, with a sentence', () => {
  for (const url of RESTRICTED) {
    const reason = restrictionOf(url);
    assert.equal(typeof reason, 'string', url);
    assert.match(reason, /\.$/, url);
  }
});

test('ordinary pages and unknown URLs are not refused up front', () => {
  for (const url of ALLOWED) assert.equal(restrictionOf(url), null, String(url));
});

test('each kind has its own sentence; unknown kinds read as Internal', () => {
  const sentences = new Set([...ERROR_KINDS].map((kind) => messageFor(kind)));
  assert.equal(sentences.size, ERROR_KINDS.size);
  assert.equal(messageFor('Nonsense'), messageFor('Internal'));
  for (const kind of ['NoArticle', 'InvalidSnapshot', 'InvalidUrl', 'LimitExceeded', 'NotHtml', 'Restricted',
    'CaptureFailed', 'NoTab', 'Storage', 'Download', 'NotFound', 'BadRequest', 'Internal']) {
    assert.ok(ERROR_KINDS.has(kind), kind);
  }
});

test('technical detail follows the sentence only where it helps', () => {
  assert.equal(messageFor('Storage', 'QUOTA_BYTES quota exceeded'), `${messageFor('Storage')} (QUOTA_BYTES quota exceeded)`);
  assert.equal(messageFor('NoArticle', 'no article found'), messageFor('NoArticle'));
});

test('describeError keeps own errors, names core errors by kind, and calls the rest Internal', () => {
  assert.deepEqual(describeError(new ReadmarkError('NotFound')), { kind: 'NotFound', message: messageFor('NotFound') });
  const core = Object.assign(new Error('no article found'), { name: 'NoArticle' });
  assert.deepEqual(describeError(core), { kind: 'NoArticle', message: messageFor('NoArticle') });
  const untitled = Object.assign(new Error('no article found'), { name: 'NoArticle', page: { title: '  ' } });
  assert.equal(describeError(untitled).message, messageFor('NoArticle'));
  const odd = describeError(new TypeError('x is undefined'));
  assert.equal(odd.kind, 'Internal');
  assert.match(odd.message, /x is undefined/);
  assert.equal(describeError('thrown string').kind, 'Internal');
});

test('NoArticle names the page by the title it states, cut at a word when long', () => {
  const named = (title) => describeError(Object.assign(new Error('no article found in the page'),
    { name: 'NoArticle', page: { title, siteName: 'Forum' } }));
  assert.deepEqual(named('Which telescope\n first?'),
    { kind: 'NoArticle', message: 'Readmark found no article in “Which telescope first?”.' });
  const long = named('A very long thread title that goes on and on about telescopes, mounts, eyepieces and filters');
  assert.equal(long.message, 'Readmark found no article in “A very long thread title that goes on and on about telescopes, mounts, eyepieces…”.');
  // Only NoArticle carries a page: another kind keeps its own sentence.
  const other = Object.assign(new Error('input is not HTML'), { name: 'NotHtml', page: { title: 'x' } });
  assert.equal(describeError(other).message, messageFor('NotHtml'));
});
