// UI strings from _locales. Advice text never comes from here: it comes from
// the knowledge. Loaded in every context that shows text. Extension pages use
// chrome.i18n (the browser's language); the content script speaks the
// shopper's language instead: the worker hands it that locale's table (use()),
// and chrome.i18n only fills a key the table lacks.
(() => {
  'use strict';
  const ns = (globalThis.orderwise = globalThis.orderwise || {});
  if (ns.i18n) return;

  let table = null;

  // The flattened messages of the shopper's locale: {key: 'text with $1'}.
  function use(messages) {
    table = messages;
  }

  // A missing key shows as the key itself, so a gap is visible, not blank.
  function t(key, ...substitutions) {
    const own = table && table[key];
    if (typeof own === 'string') {
      // Most messages have no placeholder: no pattern to run for them.
      if (!own.includes('$')) return own;
      return own.replace(/\$(\d|\$)/g, (whole, n) => (n === '$' ? '$' : String(substitutions[n - 1] ?? '')));
    }
    const text = chrome.i18n.getMessage(key, substitutions.map(String));
    return text || key;
  }

  // Fill every [data-i18n] element of an extension page with its string.
  function localize(root) {
    for (const element of root.querySelectorAll('[data-i18n]')) {
      element.textContent = t(element.dataset.i18n);
    }
  }

  // A moment in the browser's language and time zone: "Tue, Sep 15, 2026, 12:00".
  // Made on first use: building a date format costs a page that shows no date.
  let format = null;
  function when(ms) {
    format ??= new Intl.DateTimeFormat(undefined, {
      weekday: 'short', day: 'numeric', month: 'short', year: 'numeric', hour: '2-digit', minute: '2-digit',
    });
    return format.format(new Date(ms));
  }

  ns.i18n = Object.freeze({ t, localize, use, when });
})();
