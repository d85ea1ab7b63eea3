import assert from 'node:assert/strict';
import { test } from 'node:test';

import { matchRanges, searchWords } from '../../extension/lib/highlight.js';

test('matches are found case- and accent-insensitively, as offsets into the original text', () => {
  const text = 'Élections à Erevan — ÉLECTIONS 😀 erevan';
  const ranges = matchRanges(text, searchWords('elections EREVAN'));
  assert.deepEqual(ranges.map(([a, b]) => text.slice(a, b)), ['Élections', 'Erevan', 'ÉLECTIONS', 'erevan']);
});

test('decomposed accents and overlapping words give one merged range', () => {
  const text = 'Cafe\u0301 cafés';
  const ranges = matchRanges(text, searchWords('cafe caf'));
  assert.deepEqual(ranges.map(([a, b]) => text.slice(a, b)), ['Cafe\u0301', 'café']);
  assert.deepEqual(matchRanges(text, []), []);
  assert.deepEqual(matchRanges('', ['x']), []);
});
