// UI strings from _locales through chrome.i18n. Advice text never comes from
// here: it comes from the knowledge. Loaded in every context that shows text.
(() => {
  'use strict';
  const ns = (globalThis.orderwise = globalThis.orderwise || {});
  if (ns.i18n) return;

  // A missing key shows as the key itself, so a gap is visible, not blank.
  function t(key, ...substitutions) {
    const text = chrome.i18n.getMessage(key, substitutions.map(String));
    return text || key;
  }

  // Fill every [data-i18n] element of an extension page with its string.
  function localize(root) {
    for (const element of root.querySelectorAll('[data-i18n]')) {
      element.textContent = t(element.dataset.i18n);
    }
  }

  ns.i18n = Object.freeze({ t, localize });
})();
