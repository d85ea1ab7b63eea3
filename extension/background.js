// The background (Chromium service worker / Firefox event page): wiring only. It loads the
// WASM core once, answers UI messages with the handlers of lib/handlers.js, and runs the
// context-menu items and keyboard commands with badge feedback (lib/feedback.js), and makes
// the toolbar button do what the options say (lib/settings.js): open the popup, or save or
// download at once.

import init, * as rm from './pkg/readmark.js';
import { captureSnapshot } from './capture.js';
import { api } from './lib/api.js';
import { downloadMarkdown } from './lib/download.js';
import { createQuickActions, rebuildMenus } from './lib/feedback.js';
import { createDispatcher, createHandlers } from './lib/handlers.js';
import { createLibrary } from './lib/library-store.js';
import { SETTINGS_KEY, TOOLBAR_QUICK_ACTION, applyToolbarAction, createSettings } from './lib/settings.js';

// Started once; handlers await it (a service worker may not use top-level await).
const ready = init({ module_or_path: api.runtime.getURL('pkg/readmark_bg.wasm') });
ready.catch((error) => console.error('Readmark: the WASM core failed to load', error));

const settings = createSettings(api.storage.sync);

const dispatch = createDispatcher(createHandlers({
  rm,
  ready,
  tabs: api.tabs,
  scripting: api.scripting,
  capture: captureSnapshot,
  store: createLibrary(api.storage.local),
  downloader: (path, text, options) => downloadMarkdown(api.downloads, path, text, globalThis, options),
  now: () => new Date(),
  clock: () => performance.now(),
  storageEstimate: () => navigator.storage.estimate(),
  settings,
}));

// Registered synchronously at startup so a message that wakes the worker finds its listener.
// Replies through sendResponse (return true keeps the channel open): same in both browsers.
api.runtime.onMessage.addListener((message, sender, sendResponse) => {
  if (sender.id !== api.runtime.id) return false;
  dispatch(message).then(sendResponse);
  return true;
});

const quickActions = createQuickActions({
  dispatch,
  action: api.action,
  tabs: api.tabs,
  defaultTitle: api.runtime.getManifest().action.default_title,
});
const runQuickAction = (id, tab) => {
  quickActions.run(id, tab).catch((error) => console.error('Readmark: quick action', id, error));
};
api.contextMenus.onClicked.addListener((info, tab) => runQuickAction(info.menuItemId, tab));
api.commands.onCommand.addListener((command, tab) => runQuickAction(command, tab));

// The toolbar button: with a popup set, the browser opens it; without one (the options chose
// "save" or "download"), onClicked fires and runs that quick action. Applied at every start
// (Firefox does not keep setPopup across restarts) and whenever the option changes.
api.action.onClicked.addListener(async (tab) => {
  const choice = await settings.toolbarAction();
  if (Object.hasOwn(TOOLBAR_QUICK_ACTION, choice)) runQuickAction(TOOLBAR_QUICK_ACTION[choice], tab);
});
const applyToolbar = () => {
  settings.toolbarAction()
    .then((choice) => applyToolbarAction(api.action, choice))
    .catch((error) => console.error('Readmark: toolbar action', error));
};
applyToolbar();
api.storage.onChanged.addListener((changes, area) => {
  if (area === 'sync' && SETTINGS_KEY in changes) applyToolbar();
});

// Menus are rebuilt one after another, so install and startup never race to create an id twice.
let menusBuilt = Promise.resolve();
const buildMenus = () => {
  menusBuilt = menusBuilt
    .then(() => rebuildMenus(api.contextMenus, api.runtime))
    .catch((error) => console.error('Readmark: context menu', error));
};
api.runtime.onInstalled.addListener(buildMenus);
api.runtime.onStartup.addListener(buildMenus);
