// The library's export and import dialogs (a UI surface of library.html).
//
// Export: the whole library or the list as filtered, as a ZIP of Markdown files (one per
// article, made by the core's template engine (renderDocument, the user's template) through the background's `exportBatch`, the same
// file a download gives) in one folder per site or flat, plus library.json with every record.
// fflate (vendor/fflate.js) writes the ZIP in this page. Import: library.json, an export ZIP, or
// Markdown files (chosen one by one or as a folder) with front matter; the background merges
// them by URL in one storage write (`import`) and the dialog reports what it skipped and why.
// Page text reaches the DOM through textContent only.

import * as fflate from './vendor/fflate.js';
import { api } from './lib/api.js';
import { LIBRARY_FILE, archivePaths, libraryJson, parseLibraryJson, recordFromMarkdown, zipFiles } from './lib/archive.js';
import { downloadBlob } from './lib/download.js';
import { send } from './lib/messages.js';

// Why an entry of an import was not taken, as the report says it.
const SKIP_REASONS = {
  invalid: 'not a Readmark record (it needs an http(s) URL and Markdown)',
  newerSchema: 'written by a newer version of Readmark',
  duplicate: 'the same article appears earlier in this import',
  unchanged: 'already in your library, unchanged',
  notNewer: 'your library has the same or a more recent version',
  newerInLibrary: 'your library’s copy was saved by a newer Readmark',
  noFrontMatter: 'a Markdown file without front matter (no URL to file it under)',
  noUrl: 'its front matter has no url',
  unreadable: 'could not be read',
  notLibrary: 'not a Readmark export',
  unsupported: 'not a .zip, .json or .md file',
};
// Reading the files advances the bar this far; the storage write is the rest.
const READ_SHARE = 0.9;
// Reading the records and files advances the export's bar this far; zipping is the rest.
const FETCH_SHARE = 0.5;
const MARKDOWN_FILE = /\.(md|markdown)$/i;

const $ = (id) => document.getElementById(id);

/** Sets a dialog's progress bar (`fraction` 0…1, or null: indeterminate) and status line. */
function progress(prefix, fraction, text) {
  const bar = $(`${prefix}-progress`);
  bar.hidden = false;
  if (fraction === null) bar.removeAttribute('value');
  else bar.value = Math.round(fraction * 1000) / 10;
  if (text !== undefined) $(`${prefix}-status`).textContent = text;
}

const plural = (count, one, many = `${one}s`) => `${count.toLocaleString()} ${count === 1 ? one : many}`;

function localDate(date) {
  const pad = (n) => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
}

/**
 * Wires the dialogs. `lists()` → `{ all: [ids], shown: [ids], filtered: boolean }` (the whole
 * library newest first, and the list as the page shows it); `announce(text, tone)` is the page's toast.
 */
export function initTransfer({ lists, announce }) {
  let busy = false;

  /* ---------- export ---------- */

  function openExport() {
    if ($('export-dialog').open || $('import-dialog').open) return;
    const { all, shown, filtered } = lists();
    $('export-all-label').textContent = `The whole library (${plural(all.length, 'article')})`;
    $('export-filtered-label').textContent = `The list as filtered (${plural(shown.length, 'article')})`;
    $('export-filtered').disabled = !filtered;
    if (!filtered) $('export-all').checked = true;
    $('export-progress').hidden = true;
    $('export-status').textContent = '';
    $('export-start').disabled = all.length === 0;
    $('export-dialog').showModal();
  }

  async function fetchEntries(ids) {
    const entries = [];
    let from = 0;
    while (from !== null) {
      const batch = await send('exportBatch', { ids, from });
      entries.push(...batch.entries);
      from = batch.next;
      progress('export', (FETCH_SHARE * (from ?? ids.length)) / ids.length, `Reading articles… ${entries.length} of ${ids.length}`);
    }
    return entries;
  }

  async function runExport(event) {
    if (event.submitter?.id !== 'export-start') return; // Close: the dialog closes
    event.preventDefault();
    if (busy) return;
    const { all, shown } = lists();
    const filtered = $('export-filtered').checked;
    const ids = filtered ? shown : all;
    const layout = $('layout-flat').checked ? 'flat' : 'site';
    busy = true;
    $('export-start').disabled = true;
    try {
      progress('export', 0, 'Reading articles…');
      const entries = await fetchEntries(ids);
      const paths = archivePaths(entries, layout);
      const records = entries.map((entry) => entry.record);
      const latest = records.map((r) => r.updatedAt ?? r.savedAt ?? '').sort().at(-1) || null;
      const files = [
        ...entries.map((entry, i) => ({ path: paths[i], text: entry.document, time: entry.record.updatedAt ?? entry.record.savedAt })),
        { path: LIBRARY_FILE, text: libraryJson(records), time: latest },
      ];
      const bytes = await zipFiles(fflate, files, (done, total) => {
        progress('export', FETCH_SHARE + ((1 - FETCH_SHARE) * done) / total, `Writing the ZIP… ${Math.min(done, entries.length)} of ${entries.length}`);
      });
      const filename = `readmark-${filtered ? 'selection' : 'library'}-${localDate(new Date())}.zip`;
      await downloadBlob(api.downloads, filename, new Blob([bytes], { type: 'application/zip' }));
      progress('export', 1, `Exported ${plural(entries.length, 'article')} to “${filename}” (${(bytes.length / 1024).toLocaleString(undefined, { maximumFractionDigits: 0 })} KB).`);
      $('export-dialog').dataset.done = 'true';
    } catch (error) {
      $('export-status').textContent = `The export failed: ${error.message || error}`;
    } finally {
      busy = false;
      $('export-start').disabled = false;
    }
  }

  /* ---------- import ---------- */

  function openImport() {
    if ($('export-dialog').open || $('import-dialog').open) return;
    $('import-progress').hidden = true;
    $('import-status').textContent = '';
    delete $('import-status').dataset.tone;
    $('import-report').hidden = true;
    $('import-dialog').showModal();
  }

  /** The records the chosen files hold, and what was skipped before the merge: `{ records, skipped }`. */
  async function readFiles(files) {
    const records = [];
    const skipped = [];
    const nowIso = new Date().toISOString();
    for (const [index, file] of files.entries()) {
      const name = file.webkitRelativePath || file.name;
      progress('import', (READ_SHARE * index) / files.length, `Reading ${name}…`);
      try {
        if (/\.zip$/i.test(file.name)) {
          const unzipped = fflate.unzipSync(new Uint8Array(await file.arrayBuffer()), {
            filter: (entry) => entry.name === LIBRARY_FILE || entry.name.endsWith(`/${LIBRARY_FILE}`),
          });
          const json = Object.values(unzipped)[0];
          if (!json) skipped.push({ id: name, title: null, reason: 'notLibrary' });
          else records.push(...parseLibraryJson(fflate.strFromU8(json)));
        } else if (/\.json$/i.test(file.name)) {
          records.push(...parseLibraryJson(await file.text()));
        } else if (MARKDOWN_FILE.test(file.name)) {
          const { record, reason } = recordFromMarkdown(await file.text(), nowIso);
          if (record) records.push(record);
          else skipped.push({ id: name, title: null, reason });
        } else {
          skipped.push({ id: name, title: null, reason: 'unsupported' });
        }
      } catch (error) {
        skipped.push({ id: name, title: null, reason: 'notLibrary', detail: error.message });
      }
    }
    return { records, skipped };
  }

  function showReport({ added, updated, skipped }) {
    $('import-summary').textContent = [
      `Added ${plural(added, 'article')}`,
      `updated ${updated.toLocaleString()}`,
      `skipped ${skipped.length.toLocaleString()}`,
    ].join(', ') + '.';
    $('import-skipped').replaceChildren(...skipped.map((skip) => {
      const item = document.createElement('li');
      const what = document.createElement('span');
      what.className = 'skip-what';
      what.dir = 'auto';
      what.textContent = skip.title || skip.id || 'An entry';
      const why = document.createElement('span');
      why.className = 'skip-why';
      why.textContent = `: ${SKIP_REASONS[skip.reason] ?? skip.reason}${skip.detail ? ` (${skip.detail})` : ''}`;
      item.append(what, why);
      return item;
    }));
    $('import-skipped-heading').hidden = skipped.length === 0;
    $('import-report').hidden = false;
  }

  async function runImport(input) {
    const files = [...input.files];
    input.value = '';
    if (busy || files.length === 0) return;
    busy = true;
    $('import-report').hidden = true;
    try {
      const { records, skipped } = await readFiles(files);
      progress('import', READ_SHARE, `Saving ${plural(records.length, 'article')} to your library…`);
      const result = records.length > 0 ? await send('import', { records }) : { added: 0, updated: 0, skipped: [] };
      const report = { ...result, skipped: [...skipped, ...result.skipped] };
      progress('import', 1, 'Import finished.');
      showReport(report);
      announce(`Imported: ${report.added} added, ${report.updated} updated, ${report.skipped.length} skipped.`);
    } catch (error) {
      $('import-progress').hidden = true;
      $('import-status').textContent = `Nothing was imported: ${error.message || error}`;
      $('import-status').dataset.tone = 'error';
    } finally {
      busy = false;
    }
  }

  $('open-export').addEventListener('click', openExport);
  $('export-form').addEventListener('submit', runExport);
  $('open-import').addEventListener('click', openImport);
  $('import-choose-files').addEventListener('click', () => $('import-files').click());
  $('import-choose-folder').addEventListener('click', () => $('import-folder').click());
  for (const id of ['import-files', 'import-folder']) $(id).addEventListener('change', (event) => runImport(event.target));
  for (const id of ['export-dialog', 'import-dialog']) {
    // A dialog does not close while its work runs (Esc included): the work would go on unseen.
    $(id).addEventListener('cancel', (event) => {
      if (busy) event.preventDefault();
    });
  }
  return { openExport, openImport, isOpen: () => $('export-dialog').open || $('import-dialog').open };
}
