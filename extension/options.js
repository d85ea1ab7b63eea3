// The options page: reads the settings from the background (`getSettings`: stored values made
// complete, and the defaults), shows them, and stores the form with `setSettings` (the
// background repairs and writes them to storage.sync). Nothing here makes files: the core's
// template engine does, in the background, with these settings.

import { send } from './lib/messages.js';

// What each front-matter field holds, as the table names it.
const FIELD_LABELS = {
  title: 'Title',
  byline: 'Author (byline)',
  site: 'Site name',
  url: 'URL',
  published: 'Published',
  modified: 'Modified',
  section: 'Section',
  lang: 'Language',
  excerpt: 'Excerpt',
  image: 'Lead image',
  type: 'Page type',
  words: 'Word count',
  tags: 'Tags (a list)',
  saved: 'Saved (time)',
  created: 'Created (date saved)',
};
// The Markdown style's choices (selects, by the style's key) and its one switch.
const STYLE_SELECTS = ['bullet', 'emphasis', 'strong', 'headings', 'fence', 'links'];
// How long "Options saved" stays before the status empties.
const STATUS_MS = 4000;

const $ = (id) => document.getElementById(id);
let defaults = null;
let statusTimer;

function setStatus(text, state = 'ready') {
  document.body.dataset.state = state;
  $('status').textContent = text;
  clearTimeout(statusTimer);
  if (state === 'ready' && text) statusTimer = setTimeout(() => { $('status').textContent = ''; }, STATUS_MS);
}

/** One table row: the field on/off, its key, and buttons moving it up or down. */
function fieldRow(rule) {
  const label = FIELD_LABELS[rule.field] ?? rule.field;
  const row = document.createElement('tr');
  row.dataset.field = rule.field;

  const on = document.createElement('input');
  on.type = 'checkbox';
  on.id = `field-${rule.field}`;
  on.checked = rule.enabled;
  const onLabel = document.createElement('label');
  onLabel.className = 'choice';
  onLabel.append(on, ` ${label}`);

  const key = document.createElement('input');
  key.type = 'text';
  key.id = `key-${rule.field}`;
  key.value = rule.name;
  key.maxLength = 40;
  key.spellcheck = false;
  key.autocomplete = 'off';
  key.setAttribute('aria-label', `Key for ${label}`);

  const cells = [onLabel, key, orderButtons(row, label)].map((content) => {
    const cell = document.createElement('td');
    cell.append(content);
    return cell;
  });
  row.append(...cells);
  return row;
}

function orderButtons(row, label) {
  const wrap = document.createElement('span');
  for (const [text, name, move] of [['↑', 'up', -1], ['↓', 'down', 1]]) {
    const button = document.createElement('button');
    button.type = 'button';
    button.className = 'btn btn-ghost btn-small';
    button.textContent = text;
    button.setAttribute('aria-label', `Move ${label} ${name}`);
    button.addEventListener('click', () => {
      const sibling = move < 0 ? row.previousElementSibling : row.nextElementSibling;
      if (!sibling) return;
      if (move < 0) sibling.before(row);
      else sibling.after(row);
      button.focus();
    });
    wrap.append(button);
  }
  return wrap;
}

function show(settings) {
  $(`toolbar-${settings.toolbarAction}`).checked = true;
  $('save-as').checked = settings.saveAs;
  $('folder').value = settings.folder;
  $('filename-template').value = settings.template.filename;
  $('front-matter').checked = settings.template.frontMatter;
  $('field-rows').replaceChildren(...settings.template.fields.map(fieldRow));
  for (const key of STYLE_SELECTS) $(`style-${key}`).value = settings.template.markdown[key];
  $('style-escape-dollar').checked = settings.template.markdown.escapeDollar;
}

function readStyle() {
  const style = Object.fromEntries(STYLE_SELECTS.map((key) => [key, $(`style-${key}`).value]));
  return { ...style, escapeDollar: $('style-escape-dollar').checked };
}

function read() {
  const fields = [...$('field-rows').rows].map((row) => ({
    field: row.dataset.field,
    name: row.querySelector('input[type="text"]').value.trim(),
    enabled: row.querySelector('input[type="checkbox"]').checked,
  }));
  return {
    template: {
      frontMatter: $('front-matter').checked,
      fields,
      filename: $('filename-template').value.trim(),
      markdown: readStyle(),
    },
    toolbarAction: document.querySelector('input[name="toolbar"]:checked')?.value ?? 'popup',
    saveAs: $('save-as').checked,
    folder: $('folder').value.trim(),
  };
}

async function save(settings, done) {
  try {
    const stored = await send('setSettings', { settings });
    show(stored.settings);
    setStatus(done);
  } catch (error) {
    setStatus(error.message, 'error');
  }
}

async function start() {
  try {
    const value = await send('getSettings');
    defaults = value.defaults;
    show(value.settings);
    setStatus('');
  } catch (error) {
    setStatus(error.message, 'error');
  }
}

$('options-form').addEventListener('submit', (event) => {
  event.preventDefault();
  save(read(), 'Options saved.');
});
$('reset-options').addEventListener('click', () => {
  if (defaults) save(defaults, 'Options reset to the defaults and saved.');
});

start();
