// The toolbar popup: extracts the target tab at once, shows the article first (title, counts, a
// short rendered preview; the Markdown file behind a toggle) and offers Save / Download / Copy.
// It never lets a selection or a thin result replace a saved article without asking: a
// selection on a saved page is saved as a new clip unless the user picks the whole page, and a
// result of few words says so. Page content reaches the DOM through textContent, and the
// preview (sanitized HTML from the core) only inside a sandboxed frame (lib/reader-doc.js).

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
import { readerDocument } from './lib/reader-doc.js';

// How long a button shows its confirmation ("Copied") before its label comes back.
const FEEDBACK_MS = 1800;
// After this long the progress message says that large pages take a moment.
const SLOW_MS = 1500;
// Error kinds that a second attempt cannot fix: no "Try again" button for them.
const FINAL_ERRORS = new Set(['Restricted', 'NotHtml']);
// Single-key shortcuts (no modifier) → the button they press; also hinted in each title.
const SHORTCUTS = { s: 'save', d: 'download', c: 'copy', l: 'open-library', r: 'retry', m: 'toggle-markdown', e: 'edit-title' };
// Below this many words a result is "thin": probably not the article (a product page's menu, a
// cookie wall). The warning says so and offers the other way (selection or whole page); an
// article, even a short news brief, has more.
const THIN_WORDS = 50;
// The buttons that act on the extracted article.
const ACTION_IDS = ['save', 'save-clip', 'download', 'copy'];

const $ = (id) => document.getElementById(id);

/** What extract returned: { article, document, previewHtml, token, saved, savedAt, timing }. */
let result = null;
/** Whether the extraction reads the selection (true) or the whole page (false). */
let useSelection = true;
/** The title the user typed (sent with save, download and file), or null for the page's. */
let typedTitle = null;
/** The library's tags, most used first (`tagNames`): what the tags field suggests. */
let libraryTags = [];
/** How the primary button saves: 'auto', 'update' or 'clip' (SAVE_MODES of lib/library-store.js). */
let primaryMode = 'auto';
let slowTimer = 0;

function setState(state) {
  document.body.dataset.state = state;
  for (const id of ACTION_IDS) $(id).disabled = state !== 'ready';
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

async function extract({ selection = useSelection } = {}) {
  useSelection = selection;
  setState('loading');
  $('article').hidden = true;
  $('retry').hidden = true;
  $('undo').hidden = true;
  // The heading names the state (every state has its h1); the live region says what changes.
  $('status-heading').textContent = 'Reading the page…';
  setStatus('');
  clearTimeout(slowTimer);
  slowTimer = setTimeout(() => setStatus('Still reading — long pages take a moment…'), SLOW_MS);
  try {
    const tabId = await targetTabId();
    showArticle({ ...(await send('extract', { tabId, selection })), tabId });
  } catch (error) {
    showError(error);
  } finally {
    clearTimeout(slowTimer);
  }
}

function showArticle(value) {
  result = value;
  typedTitle = null;
  closeTitleEditor();
  const { article, document: markdown, savedAt, timing } = value;
  showTitle(article.title || 'Untitled article');
  $('site').textContent = article.siteName || hostOf(article.url);
  showDate(article.publishedTime);
  $('words').textContent = formatWords(article.wordCount);
  $('reading-time').textContent = formatReadingTime(article.readingTimeMinutes);
  $('timing').textContent = `extracted in ${formatDuration(timing.totalMs)}`;
  $('timing').title = `Capture ${formatDuration(timing.captureMs)}, extraction ${formatDuration(timing.extractMs)}`;
  $('from-selection').hidden = !article.fromSelection;
  $('tags-input').value = (value.saved?.tags ?? []).join(', ');
  suggestTags();
  $('preview').textContent = markdown;
  showPreview(readerDocument(value.previewHtml, { lang: article.lang, dir: article.dir, compact: true }));
  for (const id of ACTION_IDS) resetButton(id);
  showChoices(value, savedAt);
  $('article').hidden = false;
  setStatus('');
  setState('ready');
  $('save').focus();
}

function showTitle(text) {
  $('title').textContent = text;
  $('title').title = text;
}

/* ---------- title editing: the typed title names the saved article and the file ---------- */

function openTitleEditor() {
  $('title-input').value = typedTitle ?? result?.article.title ?? '';
  $('title-form').hidden = false;
  $('title').classList.add('visually-hidden');
  $('edit-title').hidden = true;
  $('title-input').focus();
  $('title-input').select();
}

function closeTitleEditor() {
  $('title-form').hidden = true;
  $('title').classList.remove('visually-hidden');
  $('edit-title').hidden = false;
}

/** Applies the typed title: the popup's file (preview, copy) is made again with it. */
async function applyTitle(event) {
  event.preventDefault();
  const typed = $('title-input').value.replace(/\s+/g, ' ').trim();
  closeTitleEditor();
  $('edit-title').focus();
  if (!result || typed === (typedTitle ?? result.article.title ?? '')) return;
  typedTitle = typed === '' ? null : typed;
  showTitle(typedTitle ?? (result.article.title || 'Untitled article'));
  try {
    const { document: file, filename } = await send('file', articleRef());
    result.document = file;
    result.filename = filename;
    $('preview').textContent = file;
    setStatus(`The file will be “${filename}”`);
  } catch (error) {
    setStatus(error.message || 'The title could not be applied.', 'error');
  }
}

function onTitleKey(event) {
  if (event.key !== 'Escape') return;
  event.preventDefault();
  event.stopPropagation();
  closeTitleEditor();
  $('edit-title').focus();
}

/** A fresh frame for each preview: a frame navigated again while hidden may stay unpainted. */
function showPreview(srcdoc) {
  const old = $('preview-frame');
  const frame = old.cloneNode(false);
  frame.removeAttribute('srcdoc');
  frame.srcdoc = srcdoc;
  old.replaceWith(frame);
}

/** The notices and the save buttons for this result (see the header comment). */
function showChoices({ article, saved }, savedAt) {
  const words = article.wordCount ?? 0;
  const thin = words < THIN_WORDS;
  const selectionOverSaved = Boolean(saved) && !saved.newer && article.fromSelection;
  $('selection-over-saved').hidden = !selectionOverSaved;
  $('thin-warning').hidden = !thin || selectionOverSaved;
  $('whole-page').hidden = !article.fromSelection;
  $('use-selection').hidden = article.fromSelection;
  $('thin-text').textContent = article.fromSelection
    ? `Your selection has only ${formatWords(words)}.`
    : `Only ${formatWords(words)} found: this may not be the article. To keep a part of the page, select it there first.`;
  $('save-clip').hidden = !saved || saved.newer || selectionOverSaved;
  if (saved?.newer) {
    primaryMode = 'clip';
    setPrimaryLabel('Save as a new clip');
    showSavedNote('A newer version of Readmark saved this page; it stays as it is.');
  } else if (selectionOverSaved) {
    primaryMode = 'clip';
    setPrimaryLabel('Save the selection as a new clip');
    $('selection-over-saved-text').textContent =
      `This page is already in your library (${formatWords(saved.wordCount)}). Your selection (${formatWords(words)}) will not replace it.`;
    showSavedNote(null);
  } else if (saved) {
    primaryMode = 'update';
    setPrimaryLabel('Update in library');
    showSavedNote(`Already saved ${formatRelative(savedAt) ?? ''}`.trim());
  } else {
    primaryMode = 'auto';
    setPrimaryLabel(thin ? 'Save anyway' : article.fromSelection ? 'Save the selection' : 'Save to library');
    showSavedNote(null);
  }
}

function setPrimaryLabel(text) {
  originals.set('save', { ...originals.get('save'), text });
  setButtonFace($('save'), text, originals.get('save').icon);
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
  $('status-heading').textContent = 'This page can’t be clipped';
  $('undo').hidden = true;
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
  for (const id of ACTION_IDS) {
    const button = $(id);
    originals.set(id, {
      text: button.querySelector('.label').textContent,
      icon: button.querySelector('use').getAttribute('href'),
    });
  }
}

/** Back to the button's own label and icon. */
function resetButton(id) {
  const button = $(id);
  clearTimeout(feedbackTimers.get(id));
  const { text, icon } = originals.get(id);
  setButtonFace(button, text, icon);
  delete button.dataset.done;
}

/** Shows `text` with a check mark on a button for FEEDBACK_MS, or for good when `keep`. */
function confirmOnButton(id, text, { keep = false } = {}) {
  const button = $(id);
  setButtonFace(button, text, '#i-check');
  button.dataset.done = '';
  clearTimeout(feedbackTimers.get(id));
  if (keep) return;
  feedbackTimers.set(id, setTimeout(() => resetButton(id), FEEDBACK_MS));
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

/** What names this popup's article to the background: the kept extraction, how to read it again, its tags. */
function articleRef() {
  return { token: result.token, tabId: result.tabId, selection: useSelection, title: typedTitle, tags: typedTags() };
}

/** The tags typed: comma-separated, trimmed, blanks dropped (the library normalizes the rest). */
function typedTags() {
  return $('tags-input').value.split(',').map((tag) => tag.trim()).filter(Boolean);
}

/**
 * The suggestions for the tag being typed (after the last comma): the library's tags not yet
 * typed, each offered as the whole field's value with that tag completing it, so the browser's
 * own completion (a datalist matches the whole value) works for the last tag of a list.
 */
function suggestTags() {
  const value = $('tags-input').value;
  const cut = value.lastIndexOf(',');
  const head = cut < 0 ? '' : `${value.slice(0, cut + 1)} `;
  const typed = new Set(typedTags().map((tag) => tag.toLowerCase()));
  const options = libraryTags
    .filter((tag) => !typed.has(tag.toLowerCase()))
    .map((tag) => new Option(`${head.replace(/\s+$/, ' ')}${tag}`.trimStart()));
  $('tag-suggestions').replaceChildren(...options);
}

async function loadLibraryTags() {
  try {
    libraryTags = (await send('tagNames')).map(({ tag }) => tag);
    suggestTags();
  } catch {
    // No suggestions: the field still takes typed tags.
  }
}

async function save(mode = primaryMode, button = 'save') {
  const { record, updated, clip, document: file } = await send('save', { ...articleRef(), mode });
  result.document = file;
  $('preview').textContent = file;
  if (clip) {
    confirmOnButton(button, 'Saved as a clip', { keep: true });
    showSavedNote('Saved as a new clip; the saved article is unchanged');
  } else {
    confirmOnButton(button, updated ? 'Updated' : 'Saved', { keep: true });
    showSavedNote(updated ? 'Updated in your library' : 'Saved to your library');
  }
  $('selection-over-saved').hidden = true;
  setStatus('');
  if (updated) offerUndo(record);
  result.savedAt = record.savedAt;
}

/** After an update: the previous version is one click away. */
function offerUndo(record) {
  setStatus('The previous version was replaced.');
  const undo = $('undo');
  undo.hidden = false;
  undo.onclick = () => runAction('undo', async () => {
    await send('undo', { id: record.id, action: 'update' });
    undo.hidden = true;
    resetButton('save');
    showSavedNote('Undone: your library has the previous version again');
    setStatus('');
  });
}

/** "Update with the whole page": the whole page, read again, replaces the saved article. */
async function updateWithWholePage() {
  await extract({ selection: false });
  if (result) await runAction('save', () => save('update'));
}

/**
 * The thin warning's way out: read the page again as the selection (`selection` true) or as the
 * whole page, show it, and save it, unless there is no selection to save (then say how to make one)
 * or the page is already saved (then the popup asks, as for any saved page).
 */
async function saveInstead(selection) {
  await extract({ selection });
  if (!result) return;
  if (selection && !result.article.fromSelection) {
    setStatus('Nothing is selected on the page: select the part you want to keep there, then press “Save the selection” again.', 'error');
    return;
  }
  if (!result.saved) await runAction('save', () => save('auto'));
}

async function download() {
  const { filename } = await send('download', articleRef());
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
  if (event.target.closest?.('input, textarea')) return; // typing a title
  const id = SHORTCUTS[event.key.toLowerCase()];
  const button = id && $(id);
  if (!button || button.disabled || button.hidden || button.offsetParent === null) return;
  event.preventDefault();
  button.click();
}

function toggleMarkdown() {
  const open = $('toggle-markdown').getAttribute('aria-expanded') !== 'true';
  $('toggle-markdown').setAttribute('aria-expanded', String(open));
  $('markdown-panel').hidden = !open;
  $('preview-frame').hidden = open;
  $('preview-label').textContent = open ? 'Markdown file' : 'Preview';
}

function init() {
  rememberButtonFaces();
  $('save').addEventListener('click', () => runAction('save', () => save()));
  $('save-clip').addEventListener('click', () => runAction('save-clip', () => save('clip', 'save-clip')));
  $('whole-page').addEventListener('click', () => saveInstead(false));
  $('use-selection').addEventListener('click', () => saveInstead(true));
  $('update-whole-page').addEventListener('click', updateWithWholePage);
  $('toggle-markdown').addEventListener('click', toggleMarkdown);
  $('edit-title').addEventListener('click', openTitleEditor);
  $('title-form').addEventListener('submit', applyTitle);
  $('title-input').addEventListener('keydown', onTitleKey);
  $('download').addEventListener('click', () => runAction('download', download));
  $('copy').addEventListener('click', () => runAction('copy', copy));
  $('retry').addEventListener('click', () => extract());
  $('open-library').addEventListener('click', openLibrary);
  $('tags-input').addEventListener('input', suggestTags);
  document.addEventListener('keydown', onShortcut);
  loadLibraryTags();
  extract();
}

init();
