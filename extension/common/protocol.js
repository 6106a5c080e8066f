// The message protocol shared by the service worker, the content scripts, the
// popup and the options page. Loaded as a classic script in every context
// (importScripts in the worker, the manifest's content_scripts list, a <script>
// tag in the pages), so it only adds to the `orderwise` namespace.
(() => {
  'use strict';
  const ns = (globalThis.orderwise = globalThis.orderwise || {});
  if (ns.protocol) return;

  ns.protocol = Object.freeze({
    // Message types. Every message is `{type, ...fields}`; the worker replies
    // `{ok: true, data}` or `{ok: false, error: {code, message}}`.
    MSG: Object.freeze({
      GET_KNOWLEDGE: 'getKnowledge', // {} -> {knowledge, source, fallback, offerReports}
      GET_ORDER_STATES: 'getOrderStates', // {orderIds: string[]} -> {states: {id: {collapsed, dismissed}}}
      SET_ORDER_STATE: 'setOrderState', // {orderId, collapsed?, dismissed?} -> {state}
      GET_SETTINGS: 'getSettings', // {} -> {settings} (extension pages only)
      SET_SETTINGS: 'setSettings', // {serviceUrl, offlineOnly, offerReports?} -> {settings} (extension pages only)
      GET_SERVICE_STATUS: 'getServiceStatus', // {} -> {source, fallback, version, serviceUrl, offlineOnly}
      // A status word the knowledge does not know, sent only on the user's click.
      // The worker adds the storefront host from the sender's URL, never from here.
      REPORT_WORD: 'reportWord', // {text, lang, page_kind} -> {count} (AliExpress pages only)
    }),
    // Where the knowledge in a GET_KNOWLEDGE reply came from.
    SOURCE: Object.freeze({ SERVICE: 'service', CACHE: 'cache', BUNDLED: 'bundled' }),
    ORDER_ID: /^[0-9]{1,24}$/,
    MAX_ORDER_IDS: 200,
    // What a report may hold (the service's ReportSchema checks the same).
    REPORT: Object.freeze({
      MAX_TEXT: 64,
      LANG_TAG: /^[a-z]{2,3}(-[A-Za-z0-9]{2,8})?$/, // orderwise.kb.LANG_TAG
      PAGE_KINDS: Object.freeze(['list', 'detail']),
      HOST: /^([a-z0-9-]+\.)?aliexpress\.(com|us|ru)$/, // orderwise.security.ALIEXPRESS_HOST
    }),
  });
})();
