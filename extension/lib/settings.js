// The user's settings, in `storage.sync` under one key (SETTINGS_KEY), always read through
// `normalizeSettings`: whatever is stored (nothing, an older or damaged value), the background
// gets a complete, valid object. The template's defaults come from the core
// (`defaultTemplate()`), so the default files are exactly the core's.
//
//   { template: { frontMatter, fields: [{ field, name, enabled }], filename,
//                 markdown: { bullet, emphasis, strong, headings, fence, links, escapeDollar } },
//     toolbarAction: 'popup' | 'save' | 'download', saveAs: boolean, folder: string }

export const SETTINGS_KEY = 'settings';
// What the toolbar button does: open the popup, or run a quick action at once.
export const TOOLBAR_ACTIONS = ['popup', 'save', 'download'];
// The quick action (lib/feedback.js) each non-popup toolbar action runs.
export const TOOLBAR_QUICK_ACTION = { save: 'save-article', download: 'download-article' };
export const POPUP_PAGE = 'popup.html';
// A sub-folder of Downloads is a short path; the core makes each part safe.
const MAX_FOLDER_CHARS = 200;
// A file-name template or a field's key typed by the user is short.
const MAX_PATTERN_CHARS = 300;
const MAX_KEY_CHARS = 40;
// The Markdown style's choices: the spellings the core's MarkdownStyle accepts, by key.
export const MARKDOWN_STYLE_CHOICES = {
  bullet: ['-', '*', '+'],
  emphasis: ['*', '_'],
  strong: ['**', '__'],
  headings: ['atx', 'setext'],
  fence: ['```', '~~~'],
  links: ['inline', 'reference'],
};

/** Settings without a stored value: the core's template, the popup, no dialog, no folder. */
export function defaultSettings(defaultTemplate) {
  return { template: structuredClone(defaultTemplate), toolbarAction: 'popup', saveAs: false, folder: '' };
}

const text = (value, max) => (typeof value === 'string' ? value.slice(0, max) : null);

/**
 * The template the user stored, repaired against the core's default: only fields the core
 * knows, each once, in the stored order; fields missing from it follow in the default's order
 * and state (a field added by a newer version appears as it is by default).
 */
function normalizeTemplate(stored, fallback) {
  const known = new Map(fallback.fields.map((rule) => [rule.field, rule]));
  const fields = [];
  const seen = new Set();
  for (const rule of Array.isArray(stored?.fields) ? stored.fields : []) {
    if (!known.has(rule?.field) || seen.has(rule.field)) continue;
    seen.add(rule.field);
    fields.push({
      field: rule.field,
      name: text(rule.name, MAX_KEY_CHARS) ?? known.get(rule.field).name,
      enabled: typeof rule.enabled === 'boolean' ? rule.enabled : known.get(rule.field).enabled,
    });
  }
  for (const rule of fallback.fields) if (!seen.has(rule.field)) fields.push({ ...rule });
  return {
    frontMatter: typeof stored?.frontMatter === 'boolean' ? stored.frontMatter : fallback.frontMatter,
    fields,
    filename: text(stored?.filename, MAX_PATTERN_CHARS) ?? fallback.filename,
    markdown: normalizeStyle(stored?.markdown, fallback.markdown),
  };
}

/** The stored Markdown style with every unknown or missing choice at the core's default. */
function normalizeStyle(stored, fallback) {
  const style = {};
  for (const [key, choices] of Object.entries(MARKDOWN_STYLE_CHOICES)) {
    style[key] = choices.includes(stored?.[key]) ? stored[key] : fallback[key];
  }
  style.escapeDollar = typeof stored?.escapeDollar === 'boolean' ? stored.escapeDollar : fallback.escapeDollar;
  return style;
}

/** Any stored value (or none) → complete settings. */
export function normalizeSettings(stored, defaultTemplate) {
  const defaults = defaultSettings(defaultTemplate);
  const value = stored && typeof stored === 'object' ? stored : {};
  return {
    template: normalizeTemplate(value.template, defaults.template),
    toolbarAction: TOOLBAR_ACTIONS.includes(value.toolbarAction) ? value.toolbarAction : defaults.toolbarAction,
    saveAs: typeof value.saveAs === 'boolean' ? value.saveAs : defaults.saveAs,
    folder: text(value.folder, MAX_FOLDER_CHARS) ?? defaults.folder,
  };
}

/** The settings over `area` (storage.sync): `get(defaultTemplate)`, `set(settings, defaultTemplate)`. */
export function createSettings(area) {
  return {
    async get(defaultTemplate) {
      const stored = await area.get(SETTINGS_KEY);
      return normalizeSettings(stored[SETTINGS_KEY], defaultTemplate);
    },
    async set(settings, defaultTemplate) {
      const clean = normalizeSettings(settings, defaultTemplate);
      await area.set({ [SETTINGS_KEY]: clean });
      return clean;
    },
    async toolbarAction() {
      const stored = await area.get(SETTINGS_KEY);
      const action = stored[SETTINGS_KEY]?.toolbarAction;
      return TOOLBAR_ACTIONS.includes(action) ? action : 'popup';
    },
  };
}

/** Makes the toolbar button open the popup, or (popup '') fire `action.onClicked`. */
export async function applyToolbarAction(action, toolbarAction) {
  await action.setPopup({ popup: toolbarAction === 'popup' ? POPUP_PAGE : '' });
}
