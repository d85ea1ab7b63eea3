// Where the words of a search occur in a text, for highlighting: the library's search folds case
// and accents (foldText of library-store.js), so "elections" matches "Élections"; the ranges
// are offsets into the original text, whatever folding did to its length.

import { foldText } from './library-store.js';

/** The search's words, folded (blank words dropped). */
export function searchWords(query) {
  return foldText(query ?? '').split(/\s+/).filter(Boolean);
}

/**
 * `[[start, end], …]` (UTF-16 offsets into `text`, sorted, merged when they overlap) of every
 * occurrence of any of `words` (already folded).
 */
export function matchRanges(text, words) {
  if (!text || words.length === 0) return [];
  // The folded text, and for each of its code units the offset in `text` of the character it came from.
  let folded = '';
  const origin = [];
  for (let index = 0; index < text.length;) {
    const char = String.fromCodePoint(text.codePointAt(index));
    const piece = foldText(char);
    folded += piece;
    for (let k = 0; k < piece.length; k += 1) origin.push(index);
    index += char.length;
  }
  origin.push(text.length);
  const found = [];
  for (const word of words) {
    for (let at = folded.indexOf(word); at >= 0; at = folded.indexOf(word, at + word.length)) {
      const last = origin[at + word.length - 1];
      let end = last + String.fromCodePoint(text.codePointAt(last)).length;
      // Marks that fold to nothing (a combining accent) belong to the letter before them.
      while (end < text.length && foldText(String.fromCodePoint(text.codePointAt(end))) === '') end += 1;
      found.push([origin[at], end]);
    }
  }
  found.sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  const merged = [];
  for (const range of found) {
    const previous = merged[merged.length - 1];
    if (previous && range[0] <= previous[1]) previous[1] = Math.max(previous[1], range[1]);
    else merged.push([...range]);
  }
  return merged;
}

/**
 * `text` as nodes of `doc`: text nodes, with each match in a `<mark>` (textContent only: page
 * text never becomes markup).
 */
export function highlightedNodes(doc, text, words) {
  const nodes = [];
  let at = 0;
  for (const [start, end] of matchRanges(text, words)) {
    if (start > at) nodes.push(doc.createTextNode(text.slice(at, start)));
    const mark = doc.createElement('mark');
    mark.textContent = text.slice(start, end);
    nodes.push(mark);
    at = end;
  }
  if (at < text.length || nodes.length === 0) nodes.push(doc.createTextNode(text.slice(at)));
  return nodes;
}

/**
 * Wraps the matches of `words` in the text of `root` (the reader frame's article) in `<mark>`,
 * at most `limit` of them; returns the first mark, or null.
 */
export function highlightIn(root, words, limit) {
  const doc = root.ownerDocument;
  const walker = doc.createTreeWalker(root, 4 /* NodeFilter.SHOW_TEXT */);
  const targets = [];
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    if (matchRanges(node.data, words).length > 0) targets.push(node);
  }
  let first = null;
  let count = 0;
  for (const node of targets) {
    if (count >= limit) break;
    const nodes = highlightedNodes(doc, node.data, words);
    count += nodes.filter((n) => n.nodeName === 'MARK').length;
    first ??= nodes.find((n) => n.nodeName === 'MARK') ?? null;
    node.replaceWith(...nodes);
  }
  return first;
}
