// The toolbar popup: extracts the target tab at once, shows the article and its Markdown, and
// offers Save / Download / Copy. Page content only ever reaches the DOM through textContent.

import { api } from './lib/api.js';
import { send } from './lib/messages.js';
import {
  formatDate,
  formatDuration,
  formatReadingTime,
  formatRelative,
  formatWords,
  hostOf,
} from './format.js';

// How long a button shows its confirmation ("Copied") before its label comes back.
const FEEDBACK_MS = 1800;
// After this long the progress message says that large pages take a moment.
const SLOW_MS = 1500;
// Error kinds that a second attempt cannot fix: no "Try again" button for them.
const FINAL_ERRORS = new Set(['Restricted', 'NotHtml']);
// Single-key shortcuts (no modifier) → the button they press; also hinted in each title.
const SHORTCUTS = { s: 'save', d: 'download', c: 'copy', l: 'open-library', r: 'retry' };

const $ = (id) => document.getElementById(id);

/** What extract returned: { article, document, filename, savedAt, timing }. */
let result = null;
let slowTimer = 0;

function setState(state) {
  document.body.dataset.state = state;
  for (const id of ['save', 'download', 'copy']) $(id).disabled = state !== 'ready';
}

function setStatus(text, tone = 'info') {
  const status = $('status');
  status.dataset.tone = tone;
  status.textContent = text;
}

/** The tab to read: `?tab=<id>` when given, otherwise the active tab of this window. */
async function targetTabId() {
  const param = new URLSearchParams(location.search).get('tab');
  if (param !== null) return Number(param);
  const [tab] = await api.tabs.query({ active: true, currentWindow: true });
  return tab?.id;
}

async function extract() {
  setState('loading');
  $('article').hidden = true;
  $('retry').hidden = true;
  setStatus('Reading the page…');
  clearTimeout(slowTimer);
  slowTimer = setTimeout(() => setStatus('Still reading — long pages take a moment…'), SLOW_MS);
  try {
    const tabId = await targetTabId();
    showArticle(await send('extract', { tabId, selection: true }));
  } catch (error) {
    showError(error);
  } finally {
    clearTimeout(slowTimer);
  }
}

function showArticle(value) {
  result = value;
  const { article, document: markdown, savedAt, timing } = value;
  $('title').textContent = article.title || 'Untitled article';
  $('title').title = $('title').textContent;
  $('site').textContent = article.siteName || hostOf(article.url);
  showDate(article.publishedTime);
  $('words').textContent = formatWords(article.wordCount);
  $('reading-time').textContent = formatReadingTime(article.readingTimeMinutes);
  $('timing').textContent = `extracted in ${formatDuration(timing.totalMs)}`;
  $('timing').title = `Capture ${formatDuration(timing.captureMs)}, extraction ${formatDuration(timing.extractMs)}`;
  $('from-selection').hidden = !article.fromSelection;
  $('preview').textContent = markdown;
  showSavedNote(savedAt ? `Already saved ${formatRelative(savedAt)}` : null);
  $('article').hidden = false;
  setStatus('');
  setState('ready');
  $('save').focus();
}

function showDate(publishedTime) {
  const text = formatDate(publishedTime);
  $('date-row').hidden = !publishedTime;
  $('date').textContent = text ?? publishedTime ?? '';
  $('date').dateTime = text ? publishedTime : '';
}

function showSavedNote(text) {
  $('saved-note').hidden = !text;
  $('saved-text').textContent = text ?? '';
}

function showError(error) {
  result = null;
  setState('error');
  setStatus(error.message || 'Something went wrong while reading this page.', 'error');
  $('retry').hidden = FINAL_ERRORS.has(error.name);
}

/** Each action button's label and icon as written in the page, to come back to after feedback. */
const originals = new Map();
const feedbackTimers = new Map();

function setButtonFace(button, text, iconHref) {
  button.querySelector('.label').textContent = text;
  button.querySelector('use').setAttribute('href', iconHref);
}

function rememberButtonFaces() {
  for (const id of ['save', 'download', 'copy']) {
    const button = $(id);
    originals.set(id, {
      text: button.querySelector('.label').textContent,
      icon: button.querySelector('use').getAttribute('href'),
    });
  }
}

/** Shows `text` with a check mark on a button for FEEDBACK_MS, or for good when `keep`. */
function confirmOnButton(id, text, { keep = false } = {}) {
  const button = $(id);
  setButtonFace(button, text, '#i-check');
  button.dataset.done = '';
  clearTimeout(feedbackTimers.get(id));
  if (keep) return;
  feedbackTimers.set(
    id,
    setTimeout(() => {
      const { text: label, icon } = originals.get(id);
      setButtonFace(button, label, icon);
      delete button.dataset.done;
    }, FEEDBACK_MS),
  );
}

async function runAction(id, action) {
  const button = $(id);
  if (button.disabled) return;
  button.disabled = true;
  try {
    await action();
  } catch (error) {
    setStatus(error.message || 'That did not work.', 'error');
  } finally {
    button.disabled = document.body.dataset.state !== 'ready';
  }
}

async function save() {
  const { record, updated } = await send('save', { article: result.article });
  confirmOnButton('save', updated ? 'Updated' : 'Saved', { keep: true });
  showSavedNote(updated ? 'Updated in your library' : 'Saved to your library');
  setStatus('');
  result.savedAt = record.savedAt;
}

async function download() {
  const { filename } = await send('download', { article: result.article });
  confirmOnButton('download', 'Downloaded');
  setStatus(`Downloading “${filename}”`);
}

async function copy() {
  try {
    await navigator.clipboard.writeText(result.document);
  } catch {
    copyBySelection();
    return;
  }
  confirmOnButton('copy', 'Copied');
  setStatus('Markdown copied to the clipboard');
}

/** Fallback when the Clipboard API is refused: select the preview and ask the browser to copy it. */
function copyBySelection() {
  const selection = getSelection();
  selection.selectAllChildren($('preview'));
  if (document.execCommand('copy')) {
    confirmOnButton('copy', 'Copied');
    setStatus('Markdown copied to the clipboard');
    return;
  }
  $('preview').focus();
  throw new Error('The browser refused to copy. The Markdown is selected below: press Ctrl+C (⌘C) to copy it.');
}

async function openLibrary() {
  try {
    await api.tabs.create({ url: api.runtime.getURL('library.html') });
  } catch (error) {
    setStatus(`The library could not be opened: ${error.message}`, 'error');
  }
}

function onShortcut(event) {
  if (event.altKey || event.ctrlKey || event.metaKey || event.repeat) return;
  const id = SHORTCUTS[event.key.toLowerCase()];
  const button = id && $(id);
  if (!button || button.disabled || button.hidden || button.offsetParent === null) return;
  event.preventDefault();
  button.click();
}

function init() {
  rememberButtonFaces();
  $('save').addEventListener('click', () => runAction('save', save));
  $('download').addEventListener('click', () => runAction('download', download));
  $('copy').addEventListener('click', () => runAction('copy', copy));
  $('retry').addEventListener('click', extract);
  $('open-library').addEventListener('click', openLibrary);
  document.addEventListener('keydown', onShortcut);
  extract();
}

init();
