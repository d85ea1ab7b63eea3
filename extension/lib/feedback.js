// Saving or downloading without the popup: the context-menu items and keyboard commands run
// a handler on a tab and show the result on that tab's toolbar badge for a few seconds.

// Long enough to notice and read the tooltip, short enough not to look like a lasting state.
const BADGE_MS = 5000;
// Green tick for success, red "!" for failure; white text reads on both.
const LOOKS = {
  ok: { text: '✓', color: '#1a7f37' },
  error: { text: '!', color: '#c62828' },
};
const BADGE_TEXT_COLOR = '#ffffff';

/** Menu item / command id → the handler it runs and the menu item's label. */
export const QUICK_ACTIONS = {
  'save-article': { type: 'save', title: 'Save article to Readmark' },
  'download-article': { type: 'download', title: 'Download article as Markdown' },
};
// Where the menu items appear: anywhere on a page, and on a selection (which becomes the article).
const MENU_CONTEXTS = ['page', 'selection'];

/** The badge tooltip after a successful quick action. */
export function successMessage(type, value) {
  if (type === 'download') return `Readmark: downloading ${value.filename}`;
  const { record, updated, clip } = value;
  const title = record.title ?? record.url;
  // A selection on a page already saved is kept as a clip beside it (never replacing it).
  if (clip) return `Readmark: saved your selection of “${title}” as a new clip in the library`;
  return `Readmark: ${updated ? 'updated' : 'saved'} “${title}” in the library`;
}

/** Removes every menu item and creates ours (no duplicate-id errors, whatever ran before). */
export async function rebuildMenus(menus, runtime) {
  await menus.removeAll();
  const reportError = () => {
    if (runtime.lastError) console.error('Readmark: context menu', runtime.lastError.message);
  };
  for (const [id, { title }] of Object.entries(QUICK_ACTIONS)) {
    menus.create({ id, title, contexts: MENU_CONTEXTS }, reportError);
  }
}

/** `run(id, tab)` for menu clicks and commands; `action` is the browser's action API. */
export function createQuickActions({ dispatch, action, tabs, defaultTitle, timers = globalThis }) {
  const clearTimers = new Map();

  function clear(target) {
    return Promise.all([action.setBadgeText({ ...target, text: '' }), action.setTitle({ ...target, title: defaultTitle })]);
  }

  async function show(tabId, type, reply) {
    const look = reply.ok ? LOOKS.ok : LOOKS.error;
    const target = tabId === undefined ? {} : { tabId };
    timers.clearTimeout(clearTimers.get(tabId));
    await Promise.all([
      action.setBadgeText({ ...target, text: look.text }),
      action.setBadgeBackgroundColor({ ...target, color: look.color }),
      action.setBadgeTextColor({ ...target, color: BADGE_TEXT_COLOR }),
      action.setTitle({ ...target, title: reply.ok ? successMessage(type, reply.value) : reply.error.message }),
    ]);
    clearTimers.set(tabId, timers.setTimeout(() => {
      clearTimers.delete(tabId);
      clear(target).catch((error) => console.error('Readmark: badge', error));
    }, BADGE_MS));
  }

  async function activeTabId() {
    const [tab] = await tabs.query({ active: true, lastFocusedWindow: true });
    return tab?.id;
  }

  /** Runs quick action `id` on `tab` (the active tab when absent); resolves the reply. */
  async function run(id, tab) {
    if (!Object.hasOwn(QUICK_ACTIONS, id)) return null;
    const quick = QUICK_ACTIONS[id];
    const tabId = tab?.id ?? (await activeTabId());
    const reply = await dispatch({ type: quick.type, payload: { tabId, selection: true } });
    await show(tabId, quick.type, reply);
    return reply;
  }

  return { run };
}
