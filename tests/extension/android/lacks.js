// Test-only (tests/extension/phone_helpers.py puts it first in a copy of the extension):
// the APIs Firefox for Android does not have, taken away before any of Orderwise's own
// scripts run in the worker, the popup, the options page and the content scripts. The names
// are the WebExtension namespaces that MDN's compatibility data (@mdn/browser-compat-data,
// which addons-linter ships) gives Firefox but not Firefox for Android, and contextMenus,
// Chrome's name for menus. What is left over is noted for the test to check.
(() => {
  'use strict';
  const MISSING = [
    'bookmarks', 'captivePortal', 'commands', 'contextMenus', 'contextualIdentities', 'devtools', 'downloads',
    'find', 'history', 'identity', 'menus', 'omnibox', 'pkcs11', 'search', 'sessions', 'sidebarAction',
    'tabGroups', 'theme', 'topSites', 'windows',
  ];
  // Deleted, and hidden behind a proxy as well: Chromium can put a deleted API back on the object
  // while the context runs (its bindings are refreshed, for one when permissions change), and a
  // test would then find in the worker what Firefox for Android never has.
  const hide = (api) =>
    new Proxy(api, {
      has: (target, name) => !MISSING.includes(name) && name in target,
      get: (target, name) => (MISSING.includes(name) ? undefined : target[name]),
    });
  const leftOver = new Set();
  for (const global of ['chrome', 'browser']) {
    const api = globalThis[global];
    if (!api) continue;
    for (const name of MISSING) delete api[name];
    for (const name of MISSING) if (name in api) leftOver.add(name);
    globalThis[global] = hide(api);
  }
  globalThis.owAndroidLeftOver = [...leftOver];
})();
