// The "couldn't read this page" notice: shown at once on a page the manifest
// matched but no reader knows, and on an order page that still shows no order
// UNREADABLE_AFTER_MS after the start; it goes away when orders appear.
(() => {
  'use strict';
  const ns = (globalThis.orderwise = globalThis.orderwise || {});
  if (ns.notice) return;

  const UNREADABLE_AFTER_MS = 2500;

  // adapter: the page kind's reader, or null; lang, dir: the notice's language.
  function init(signal, { adapter, lang, dir }) {
    let notice = null;
    let everFound = false;
    const show = () => {
      if (notice && notice.isConnected) return;
      notice = ns.overlay.notice(lang, dir);
      ns.read.noticeArea(document, adapter).prepend(notice);
      ns.dom.followPage(notice);
    };
    const hide = () => {
      if (notice) notice.remove();
      notice = null;
    };
    signal.addEventListener('abort', hide);
    if (!adapter) {
      show();
      return Object.freeze({ found: hide });
    }
    const timer = setTimeout(() => {
      if (!everFound && !signal.aborted) show();
    }, UNREADABLE_AFTER_MS);
    signal.addEventListener('abort', () => clearTimeout(timer));
    const found = () => {
      everFound = true;
      hide();
    };
    return Object.freeze({ found });
  }

  ns.notice = Object.freeze({ init });
})();
