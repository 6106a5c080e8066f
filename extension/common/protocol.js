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
      GET_KNOWLEDGE: 'getKnowledge', // {} -> {knowledge, source, fallback}
      GET_ORDER_STATES: 'getOrderStates', // {orderIds: string[]} -> {states: {id: {collapsed, dismissed}}}
      SET_ORDER_STATE: 'setOrderState', // {orderId, collapsed?, dismissed?} -> {state}
      GET_SETTINGS: 'getSettings', // {} -> {settings} (extension pages only)
      SET_SETTINGS: 'setSettings', // {serviceUrl, offlineOnly} -> {settings} (extension pages only)
      GET_SERVICE_STATUS: 'getServiceStatus', // {} -> {source, fallback, version, serviceUrl, offlineOnly}
    }),
    // Where the knowledge in a GET_KNOWLEDGE reply came from.
    SOURCE: Object.freeze({ SERVICE: 'service', CACHE: 'cache', BUNDLED: 'bundled' }),
    // Every request Orderwise makes, as data. The worker builds its requests
    // from this list (and refuses to send a header not named here), and the
    // options page shows it under "What leaves your browser": a request added
    // here is listed there too. `headers` are the only headers Orderwise sets
    // (header -> i18n key of what it holds); the browser adds its usual ones
    // (User-Agent, Accept, Accept-Language, ...). `when` and `body` are i18n keys.
    REQUESTS: Object.freeze({
      KNOWLEDGE: Object.freeze({
        method: 'GET',
        path: '/api/v1/knowledge',
        headers: Object.freeze({ 'If-None-Match': 'leavesIfNoneMatch' }),
        body: 'leavesNoBody',
        when: 'leavesKnowledgeWhen',
      }),
    }),
    ORDER_ID: /^[0-9]{1,24}$/,
    MAX_ORDER_IDS: 200,
  });
})();
