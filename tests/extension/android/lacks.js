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
  for (const api of [globalThis.chrome, globalThis.browser]) {
    if (!api) continue;
    for (const name of MISSING) delete api[name];
  }
  globalThis.owAndroidLeftOver = MISSING.filter((name) => name in (globalThis.chrome || {}));
})();
