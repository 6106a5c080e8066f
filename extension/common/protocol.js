// The message protocol shared by the worker, the content scripts and the
// extension pages. Loaded as a classic script (the manifest, <script>) and as
// an imported module (the worker's), so it only adds to the `orderwise` namespace.
(() => {
  'use strict';
  const ns = (globalThis.orderwise = globalThis.orderwise || {});
  if (ns.protocol) return;

  ns.protocol = Object.freeze({
    // Message types. Every message is `{type, ...fields}`; the worker replies
    // `{ok: true, data}` or `{ok: false, error: {code, message}}`.
    MSG: Object.freeze({
      // {pageLang?, orderIds?} -> {knowledge, index, source, fallback, offerReports, lang, dir, messages,
      // revalidate, orders?}, from what the worker has. lang: the language of the advice and of messages
      // (UI strings, English where lang has none, flat for t()); dir: the shopper's script direction;
      // knowledge: lang's translations only, no status words (index: them, from words.table); orders:
      // {states, memories} of the orderIds named and of no other order (as with GET_ORDER_STATES and
      // GET_MEMORIES: a page only ever gets the orders it names). When `revalidate`, ask again with
      // {pageLang, since: knowledge.version} -> {knowledge, index, source, fallback} from the service,
      // null if unchanged.
      GET_KNOWLEDGE: 'getKnowledge',
      GET_ORDER_STATES: 'getOrderStates', // {orderIds: string[]} -> {states: {id: {collapsed, dismissed}}}
      SET_ORDER_STATE: 'setOrderState', // {orderId, collapsed?, dismissed?} -> {state}
      GET_SETTINGS: 'getSettings', // {} -> {settings} (extension pages only)
      // {serviceUrl, offlineOnly, language?, offerReports?} -> {settings} (extension pages only)
      SET_SETTINGS: 'setSettings',
      GET_SERVICE_STATUS: 'getServiceStatus', // {} -> {source, fallback, version, serviceUrl, offlineOnly}
      // Per-order memory (content/deadlines.js): what the user did and the next deadline.
      GET_MEMORIES: 'getMemories', // {orderIds: string[]} -> {memories: {id: memory}}
      REMEMBER: 'remember', // {orderId, origin?, situation?, mark?, at?, deadline?} -> {memory}
      FORGET: 'forget', // {orderId} -> {forgotten: bool}: its panel state and memory are gone
      FORGET_ALL: 'forgetAll', // {} -> {forgotten: count of orders} (extension pages only)
      LIST_FOLLOWED: 'listFollowed', // {} -> {orders: [{orderId, ...memory}]}, soonest deadline first (extension pages only)
      // A status word the knowledge does not know, sent only on the user's click.
      // The worker adds the storefront host from the sender's URL, never from here.
      REPORT_WORD: 'reportWord', // {text, lang, page_kind} -> {count} (AliExpress pages only)
      // {} -> {} once PANEL_SCRIPTS have run in the sender's frame (AliExpress pages only).
      LOAD_PANEL: 'loadPanel',
    }),
    // The panel's code and styles, in the order they run. Not in the manifest:
    // a page of 60 orders shows 60 badges and maybe no panel, so the worker
    // injects these into the content scripts' world the first time a panel opens.
    PANEL_SCRIPTS: Object.freeze([
      'content/panel-styles.js',
      'content/ics.js',
      'content/deadline-parts.js',
      'content/forget.js',
      'content/report.js',
      'content/chat.js',
      'content/kit.js',
      'content/dispute.js',
      'content/panel.js',
    ]),
    // What REMEMBER's `mark` records; the worker stamps the time.
    MARK: Object.freeze({
      COPIED: 'copied', // the message to the seller was copied
      REQUESTED: 'requested', // the user says they requested cancellation
      REQUEST_SEEN: 'requestSeen', // the page showed the request (first time only)
      NOT_REQUESTED: 'notRequested', // the user takes their mark back
    }),
    DEADLINE_KINDS: Object.freeze(['seller_answer', 'ship_by', 'protection_ends', 'no_delivery_refund', 'refund_due']),
    DEADLINE_SOURCES: Object.freeze(['page', 'rule']),
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
      REPORT: Object.freeze({
        method: 'POST',
        path: '/api/v1/reports',
        headers: Object.freeze({ 'Content-Type': 'leavesContentTypeJson' }),
        body: 'leavesReportBody',
        when: 'leavesReportWhen',
      }),
    }),
    ORDER_ID: /^[0-9]{1,24}$/,
    ORIGIN: /^https:\/\/(?:[a-z0-9-]+\.)*aliexpress\.(?:com|us|ru)$/, // an order page's, kept to link back to it
    // A service address may be plain http only on this machine (a URL's hostname); anywhere else, https.
    LOOPBACK_HOSTNAME: /^(?:localhost|127(?:\.[0-9]{1,3}){3}|\[::1\])$/,
    // The shopper's language: 'auto' (the page's, then the browser's) or one of these. Each has
    // its advice in the knowledge's translations (English is the original) and _locales/<folder>.
    LANGUAGES: Object.freeze({ en: 'en', ru: 'ru', es: 'es', pt: 'pt_BR', fr: 'fr' }),
    RTL_LANGUAGES: Object.freeze(['ar', 'he', 'fa', 'ur', 'yi']),
    MAX_ORDER_IDS: 200,
    // What a report may hold (the service's ReportSchema checks the same).
    REPORT: Object.freeze({
      MAX_TEXT: 64,
      LANG_TAG: /^[a-z]{2,3}(-[A-Za-z0-9]{2,8})?$(?!\n)/, // orderwise.kb.LANG_TAG
      PAGE_KINDS: Object.freeze(['list', 'detail']),
      HOST: /^([a-z0-9-]+\.)?aliexpress\.(com|us|ru)$/, // orderwise.security.ALIEXPRESS_HOST
    }),
  });
})();
