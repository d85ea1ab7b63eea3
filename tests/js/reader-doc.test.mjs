import assert from 'node:assert/strict';
import { test } from 'node:test';

import { hasRemoteMedia, readerDocument } from '../../extension/lib/reader-doc.js';

const policyOf = (doc) => /http-equiv="Content-Security-Policy" content="([^"]*)"/.exec(doc)[1];

test('the reader document loads nothing from the network until images are allowed (finding 11)', () => {
  const offline = policyOf(readerDocument('<p><img src="https://site.example/a.png" alt="A"></p>'));
  assert.match(offline, /default-src 'none'/);
  assert.match(offline, /img-src data:(;|$)/);
  assert.doesNotMatch(offline, /https?:/, 'no remote source at all');
  const images = policyOf(readerDocument('<p></p>', { images: true }));
  assert.match(images, /img-src https: http: data:/);
  assert.match(images, /media-src https: http:/);
  assert.match(images, /default-src 'none'/, 'still no script, font, frame or fetch');
});

test('lang and dir are used only when well formed', () => {
  assert.match(readerDocument('', { lang: 'fr-CA', dir: 'rtl' }), /<html lang="fr-CA" dir="rtl">/);
  assert.match(readerDocument('', { lang: 'en" onload="x', dir: 'sideways' }), /<html dir="auto">/);
});

test('remote media is detected in the core’s HTML; data: images are not remote', () => {
  assert.equal(hasRemoteMedia('<figure><img src="https://cdn.example/p.jpg" alt=""></figure>'), true);
  assert.equal(hasRemoteMedia('<video controls src="http://v.example/v.mp4"></video>'), true);
  assert.equal(hasRemoteMedia('<img alt="" src="//cdn.example/p.jpg">'), true);
  assert.equal(hasRemoteMedia('<img src="data:image/png;base64,AAAA" alt="">'), false);
  assert.equal(hasRemoteMedia('<p>An img src="https://x" in text</p>'), false);
});
