// Orderwise service worker: the only part of the extension that talks to the
// service; it owns the network, the settings and the per-order UI state.
// A classic script, not an ES module, so Firefox can load the same file through
// `background.scripts` (an event page: no importScripts, the manifest lists
// protocol.js first). The browser stops a worker whenever it likes, so what must
// survive lives in chrome.storage.local; globals only keep copies it can make again.
'use strict';

if (typeof WorkerGlobalScope !== 'undefined' && globalThis instanceof WorkerGlobalScope) {
  importScripts('../common/protocol.js', '../common/words.js');
}

const {
  MSG, MARK, SOURCE, ORDER_ID, ORIGIN, LOOPBACK_HOSTNAME, MAX_ORDER_IDS, DEADLINE_KINDS, DEADLINE_SOURCES, LANGUAGES, RTL_LANGUAGES, REPORT, REQUESTS,
} = globalThis.orderwise.protocol;

const FETCH_TIMEOUT_MS = 3000;

const KEY = Object.freeze({
  SETTINGS: 'settings', // {serviceUrl, offlineOnly, language, offerReports}
  KNOWLEDGE: 'knowledge', // {etag, serviceUrl, data, storedAt, failed?}: failed when the last revalidation failed
  ORDER_PREFIX: 'order:', // order:<id> -> {collapsed, dismissed}
  MEMORY_PREFIX: 'memory:', // memory:<id> -> see readMemory()
});

const DEFAULT_SETTINGS = Object.freeze({
  serviceUrl: 'http://127.0.0.1:5000',
  offlineOnly: false,
  language: 'auto',
  offerReports: false,
});
const LANG_TAG = /^[A-Za-z]{2,3}(?:[-_][A-Za-z0-9]{1,8})*$/;

const STATUS_KEYS = Object.freeze([
  'unpaid', 'payment_processing', 'awaiting_shipment', 'cancel_requested', 'partially_shipped', 'shipped',
  'delivered', 'completed', 'cancelled', 'refund_processing', 'frozen', 'in_dispute', 'dispute_closed', 'unknown',
]);
const STAGES = Object.freeze(['before_payment', 'before_shipment', 'after_shipment', 'closed', 'unknown']);
const CAN_CANCEL = Object.freeze(['yes', 'request', 'no', 'unknown']);

class MessageError extends Error {
  constructor(code, message) {
    super(message);
    this.code = code;
  }
}

// --- validation

const isPlainObject = (value) =>
  value !== null && typeof value === 'object' && Object.getPrototypeOf(value) === Object.prototype;
const isText = (value) => typeof value === 'string';
const areTexts = (list) => Array.isArray(list) && list.every(isText);
const isTextMap = (value) => isPlainObject(value) && Object.values(value).every(isText);
const isString = (max) => (value) => isText(value) && value.length > 0 && value.length <= max;
const isBool = (value) => typeof value === 'boolean';
const isOrderId = (value) => isText(value) && ORDER_ID.test(value);
const isOrderIdList = (value) =>
  Array.isArray(value) && value.length > 0 && value.length <= MAX_ORDER_IDS && value.every(isOrderId);
const optional = (check) => Object.assign((value) => check(value), { optional: true });
// A moment as milliseconds since the epoch, between 2000 and 2200.
const isTime = (value) => Number.isSafeInteger(value) && value >= 946684800000 && value <= 7258118400000;
const isDeadline = (value) =>
  value === null ||
  (isPlainObject(value) &&
    Object.keys(value).length === 3 &&
    isTime(value.at) &&
    DEADLINE_KINDS.includes(value.kind) &&
    DEADLINE_SOURCES.includes(value.source));
// The order page's origin, to link back to it from the popup.
const isOrigin = (value) => isText(value) && ORIGIN.test(value);
const isSituation = (value) => isText(value) && /^[a-z][a-z0-9_-]{0,63}$/.test(value);
const isMark = (value) => Object.values(MARK).includes(value);
const isLanguageSetting = (value) => value === 'auto' || (isText(value) && Object.hasOwn(LANGUAGES, value));
const isLangTag = (value) => isText(value) && value.length <= 35 && LANG_TAG.test(value);
const isReportText = (value) => isText(value) && Array.from(value).length <= REPORT.MAX_TEXT && /[\p{L}\p{N}]/u.test(value);
const isReportLang = (value) => isText(value) && REPORT.LANG_TAG.test(value);
const isPageKind = (value) => REPORT.PAGE_KINDS.includes(value);

// The storefront a content script runs on, from the browser's own record of
// the sender: an https AliExpress host, or null.
function storefrontHost(sender) {
  const url = URL.canParse(sender.url) ? new URL(sender.url) : null;
  return url && url.protocol === 'https:' && !url.port && REPORT.HOST.test(url.hostname) ? url.hostname : null;
}

// Only https addresses (plain http to this machine only), without credentials, query or fragment.
function parseServiceUrl(value) {
  const url = isText(value) && value.length <= 200 && URL.canParse(value) ? new URL(value) : null;
  if (!url || !['http:', 'https:'].includes(url.protocol) || url.username || url.password || url.search || url.hash) {
    return null;
  }
  if (url.protocol === 'http:' && !LOOPBACK_HOSTNAME.test(url.hostname)) return null;
  return url.href.replace(/\/+$/, '');
}

// Firefox asks the user itself before an extension sends what a page holds: the manifest
// declares the report's data collection as optional, the options page asks for it when
// reports are switched on, and the user can take it back in Firefox's add-on manager.
// Chrome has no such permission (and no runtime.getBrowserInfo).
const REPORT_DATA_COLLECTION =
  typeof globalThis.browser?.runtime?.getBrowserInfo === 'function'
    ? chrome.runtime.getManifest().browser_specific_settings?.gecko?.data_collection_permissions?.optional || null
    : null;

// Reports are offered and sent only when switched on, online, and (Firefox) allowed there too.
async function reportsAllowed(settings) {
  if (!settings.offerReports || settings.offlineOnly) return false;
  return !REPORT_DATA_COLLECTION || chrome.permissions.contains({ data_collection: REPORT_DATA_COLLECTION });
}

// Who may send what: `page` = content scripts and extension pages, `extension`
// = extension pages only (the popup and options page), so a page can never
// change where the worker sends requests.
const SPECS = Object.freeze({
  [MSG.GET_KNOWLEDGE]: { from: 'page', fields: { pageLang: optional(isLangTag), since: optional(isString(128)) } },
  [MSG.GET_ORDER_STATES]: { from: 'page', fields: { orderIds: isOrderIdList } },
  [MSG.SET_ORDER_STATE]: {
    from: 'page',
    fields: { orderId: isOrderId, collapsed: optional(isBool), dismissed: optional(isBool) },
  },
  [MSG.GET_MEMORIES]: { from: 'page', fields: { orderIds: isOrderIdList } },
  [MSG.REMEMBER]: {
    from: 'page',
    fields: {
      orderId: isOrderId,
      origin: optional(isOrigin),
      situation: optional((value) => value === null || isSituation(value)),
      mark: optional(isMark),
      at: optional(isTime),
      deadline: optional(isDeadline),
    },
  },
  [MSG.LIST_FOLLOWED]: { from: 'extension', fields: {} },
  [MSG.GET_SETTINGS]: { from: 'extension', fields: {} },
  [MSG.SET_SETTINGS]: {
    from: 'extension',
    fields: {
      serviceUrl: (value) => parseServiceUrl(value) !== null,
      offlineOnly: isBool,
      language: optional(isLanguageSetting),
      offerReports: optional(isBool),
    },
  },
  [MSG.GET_SERVICE_STATUS]: { from: 'extension', fields: {} },
  [MSG.REPORT_WORD]: { from: 'storefront', fields: { text: isReportText, lang: isReportLang, page_kind: isPageKind } },
});

function validate(msg, sender) {
  if (!sender || sender.id !== chrome.runtime.id) {
    throw new MessageError('forbidden', 'Messages are accepted only from Orderwise itself.');
  }
  if (!isPlainObject(msg) || typeof msg.type !== 'string' || !Object.hasOwn(SPECS, msg.type)) {
    throw new MessageError('bad_type', 'Unknown message type.');
  }
  const spec = SPECS[msg.type];
  if (spec.from === 'extension' && !(typeof sender.url === 'string' && sender.url.startsWith(chrome.runtime.getURL('')))) {
    throw new MessageError('forbidden', `${msg.type} is accepted only from the extension's own pages.`);
  }
  if (spec.from === 'storefront' && !(sender.tab && storefrontHost(sender))) {
    throw new MessageError('forbidden', `${msg.type} is accepted only from an AliExpress page.`);
  }
  for (const field of Object.keys(msg)) {
    if (field !== 'type' && !Object.hasOwn(spec.fields, field)) {
      throw new MessageError('bad_field', `Unknown field ${JSON.stringify(field.slice(0, 40))}.`);
    }
  }
  for (const [field, check] of Object.entries(spec.fields)) {
    if (!Object.hasOwn(msg, field)) {
      if (check.optional) continue;
      throw new MessageError('bad_field', `Missing field ${field}.`);
    }
    if (!check(msg[field])) throw new MessageError('bad_field', `Invalid value for ${field}.`);
  }
}

const isCue = (cue) =>
  isPlainObject(cue) &&
  areTexts(cue.statuses) &&
  cue.statuses.length > 0 &&
  Array.isArray(cue.words) &&
  cue.words.every((w) => isPlainObject(w) && isText(w.text) && ['prefix', 'contains'].includes(w.match));

// The knowledge's shape, checked before it is used or cached: a service that
// answers with something else is treated like a service that is down.
function isKnowledge(data) {
  if (!isPlainObject(data) || !isString(128)(data.version) || !isTextMap(data.spelling_variants)) return false;
  if (!Array.isArray(data.statuses) || !Array.isArray(data.situations) || !Array.isArray(data.sources)) return false;
  if (!isPlainObject(data.timelines) || !Array.isArray(data.payment_methods)) return false;
  const keys = new Set();
  for (const status of data.statuses) {
    if (!isPlainObject(status) || !STATUS_KEYS.includes(status.key)) return false;
    if (!STAGES.includes(status.stage) || !CAN_CANCEL.includes(status.can_cancel)) return false;
    if (!isText(status.label) || !isText(status.verdict)) return false;
    if (!isPlainObject(status.action) || !isText(status.action.label) || !areTexts(status.action.steps)) return false;
    if (!Array.isArray(status.words) || !status.words.every((w) => isPlainObject(w) && isText(w.text))) return false;
    if (!Array.isArray(status.warnings) || !Array.isArray(status.avoid) || !Array.isArray(status.deadlines)) {
      return false;
    }
    if (!status.deadlines.every((d) => isPlainObject(data.timelines[d]))) return false;
    keys.add(status.key);
  }
  if (!STATUS_KEYS.every((key) => keys.has(key))) return false;
  if (data.cues !== undefined && !(Array.isArray(data.cues) && data.cues.every(isCue))) return false;
  for (const situation of data.situations) {
    if (!isPlainObject(situation) || !isText(situation.key) || !isText(situation.label)) return false;
    if (!isPlainObject(situation.reason) || !isText(situation.reason.label)) return false;
    if (!['buyer', 'seller'].includes(situation.reason.fault) || !isTextMap(situation.messages)) return false;
  }
  if (data.translations !== undefined) {
    if (!isPlainObject(data.translations) || !Object.values(data.translations).every(isTextMap)) return false;
  }
  return data.sources.every((s) => isPlainObject(s) && isText(s.id) && isText(s.title));
}

// --- language

const primaryTag = (tag) => String(tag || '').split(/[-_]/)[0].toLowerCase();

// dir follows the shopper's language even where the advice is served in English,
// so an Arabic or Hebrew page lays the panel out right to left.
function chooseLanguage(setting, pageLang) {
  const shopper = setting !== 'auto' ? setting : primaryTag(pageLang) || 'en';
  const lang = Object.hasOwn(LANGUAGES, shopper) ? shopper : 'en';
  return { lang, dir: RTL_LANGUAGES.includes(shopper) ? 'rtl' : 'ltr' };
}

// chrome.i18n follows the browser's language, not the page's, so the worker
// reads the chosen _locales file itself and flattens it for t(): named
// placeholders become their $1..$9 content. English fills the gaps per key.
async function readLocale(folder) {
  const response = await fetch(chrome.runtime.getURL(`_locales/${folder}/messages.json`));
  const table = {};
  for (const [key, entry] of Object.entries(await response.json())) {
    const placeholders = entry.placeholders || {};
    table[key] = entry.message.replace(/\$([A-Za-z0-9_@]+)\$/g, (whole, name) =>
      Object.hasOwn(placeholders, name.toLowerCase()) ? placeholders[name.toLowerCase()].content : whole
    );
  }
  return table;
}

const uiTables = new Map(); // lang -> Promise of its flattened table
function uiMessages(lang) {
  if (!uiTables.has(lang)) {
    const table = (async () => {
      const english = await readLocale(LANGUAGES.en);
      return lang === 'en' ? english : { ...english, ...(await readLocale(LANGUAGES[lang])) };
    })();
    table.catch(() => uiTables.delete(lang));
    uiTables.set(lang, table);
  }
  return uiTables.get(lang);
}

// --- storage

// Each stored field that passes SET_SETTINGS' check, else its default.
async function getSettings() {
  const stored = (await chrome.storage.local.get(KEY.SETTINGS))[KEY.SETTINGS];
  const settings = { ...DEFAULT_SETTINGS };
  for (const [field, check] of Object.entries(SPECS[MSG.SET_SETTINGS].fields)) {
    if (isPlainObject(stored) && check(stored[field])) settings[field] = stored[field];
  }
  return { ...settings, serviceUrl: parseServiceUrl(settings.serviceUrl) };
}

function readOrderState(value) {
  return {
    collapsed: isPlainObject(value) && value.collapsed === true,
    dismissed: isPlainObject(value) && value.dismissed === true,
  };
}

// What Orderwise remembers about one order, from whatever is stored: fields
// that are missing or of the wrong shape read as null, so an old or damaged
// entry never breaks a page.
function readMemory(value) {
  const stored = isPlainObject(value) ? value : {};
  const pick = (name, check) => (check(stored[name]) ? stored[name] : null);
  return {
    origin: pick('origin', isOrigin),
    situation: pick('situation', isSituation),
    copiedAt: pick('copiedAt', isTime),
    requestedAt: pick('requestedAt', isTime),
    requestedBy: pick('requestedBy', (v) => v === 'user' || v === 'seen'),
    deadline: pick('deadline', (v) => v !== null && isDeadline(v)),
  };
}

// An order is followed once the user did something for it, or the page showed
// its cancellation request; only then is anything stored.
const isFollowed = (memory) => Boolean(memory.situation || memory.copiedAt || memory.requestedAt);

// --- knowledge

// snapshot.json.gz: the service's knowledge as GET /api/v1/knowledge sends it,
// gzipped to fit the extension's size budget (orderwise export-snapshot).
let bundled = null;
function fetchBundled() {
  bundled ??= (async () => {
    const response = await fetch(chrome.runtime.getURL('snapshot.json.gz'));
    const json = response.body.pipeThrough(new DecompressionStream('gzip'));
    return new Response(json).json();
  })();
  bundled.catch(() => {
    bundled = null;
  });
  return bundled;
}

// The stored copy of the service's knowledge, kept once read (every page asks
// for it) until it changes in storage.
let stored;
async function readStored() {
  if (stored === undefined) {
    const value = (await chrome.storage.local.get(KEY.KNOWLEDGE))[KEY.KNOWLEDGE];
    stored ??= isPlainObject(value) ? value : null;
  }
  return stored;
}

async function writeStored(value) {
  stored = value;
  await chrome.storage.local.set({ [KEY.KNOWLEDGE]: value });
}

chrome.storage.onChanged.addListener((changes, area) => {
  if (area !== 'local') return;
  if (Object.hasOwn(changes, KEY.KNOWLEDGE)) stored = undefined;
  if (Object.keys(changes).some(isOrderKey)) atStart = undefined;
});

// {orderId: read(its stored value)} for the orders' keys under prefix.
async function readOrders(prefix, orderIds, read) {
  const stored = await chrome.storage.local.get(orderIds.map((id) => prefix + id));
  return Object.fromEntries(orderIds.map((id) => [id, read(stored[prefix + id])]));
}

// Keeps an order's entry only while it holds something: a default reads the same as none.
async function writeOrder(key, value, keep) {
  atStart = undefined;
  if (keep) await chrome.storage.local.set({ [key]: value });
  else await chrome.storage.local.remove(key);
}

// Every order with something stored (panel state or memory), for a page's
// first overlays: with them in the first reply, those wait for no second round
// trip. Kept once read; a change to any order in storage drops it. null past
// MAX_AT_START orders (the page then asks per order).
const MAX_AT_START = 500;
const isOrderKey = (key) => key.startsWith(KEY.ORDER_PREFIX) || key.startsWith(KEY.MEMORY_PREFIX);
let atStart;
function storedOrders() {
  atStart ??= (async () => {
    const keys = chrome.storage.local.getKeys ? (await chrome.storage.local.getKeys()).filter(isOrderKey) : null;
    if (keys && keys.length > MAX_AT_START) return null;
    const orders = { states: {}, memories: {} };
    let count = 0;
    for (const [key, value] of Object.entries(await chrome.storage.local.get(keys))) {
      const orderId = key.slice(key.indexOf(':') + 1);
      if (!isOrderKey(key) || !isOrderId(orderId)) continue;
      if (key.startsWith(KEY.ORDER_PREFIX)) orders.states[orderId] = readOrderState(value);
      else orders.memories[orderId] = readMemory(value);
      count += 1;
    }
    return count > MAX_AT_START ? null : orders;
  })();
  return atStart;
}

// What a page gets, once per version and language: the knowledge with only its
// language's translations (25 KB each) and statuses without `words`, and the
// words of every language as the ready lookup table (common/words.js).
const forPages = new Map(); // `${version} ${lang}` -> {knowledge, index}
function forPage(knowledge, lang) {
  const key = `${knowledge.version} ${lang}`;
  if (!forPages.has(key)) {
    const translations = {};
    if (isPlainObject(knowledge.translations) && Object.hasOwn(knowledge.translations, lang)) {
      translations[lang] = knowledge.translations[lang];
    }
    const statuses = knowledge.statuses.map(({ words, ...rest }) => rest);
    if (forPages.size >= 8) forPages.clear();
    forPages.set(key, { knowledge: { ...knowledge, statuses, translations }, index: globalThis.orderwise.words.table(knowledge) });
  }
  return forPages.get(key);
}

// The one way to reach the service: a request of protocol.REQUESTS, to the
// configured address, with only the headers that request declares (what the
// options page tells the user), a body only where it declares one, no
// cookies, and a timeout.
function request(spec, serviceUrl, headers = {}, body = undefined) {
  for (const name of Object.keys(headers)) {
    if (!Object.hasOwn(spec.headers, name)) throw new Error(`${name} is not declared for ${spec.path}`);
  }
  if (body !== undefined && spec.method === 'GET') throw new Error(`${spec.path} sends no body`);
  return fetch(`${serviceUrl}${spec.path}`, {
    method: spec.method,
    headers,
    body,
    cache: 'no-store', // the ETag is handled here, not by the HTTP cache
    credentials: 'omit',
    referrerPolicy: 'no-referrer',
    signal: AbortSignal.timeout(FETCH_TIMEOUT_MS),
  });
}

// Ask the service, revalidating the cached copy by its ETag. Throws on any
// failure: down, timeout, an unexpected status, unreadable or wrong-shaped JSON.
async function fetchFromService(serviceUrl, cached) {
  const headers = {};
  const sameService = cached && cached.serviceUrl === serviceUrl && isKnowledge(cached.data);
  if (sameService && typeof cached.etag === 'string') headers['If-None-Match'] = cached.etag;
  const response = await request(REQUESTS.KNOWLEDGE, serviceUrl, headers);
  if (response.status === 304 && sameService) return cached.data;
  if (response.status !== 200) throw new Error(`service answered ${response.status}`);
  const data = await response.json();
  if (!isKnowledge(data)) throw new Error('service sent knowledge of the wrong shape');
  const etag = response.headers.get('ETag');
  await writeStored({ etag: etag || null, serviceUrl, data, storedAt: new Date().toISOString() });
  return data;
}

// Whether the service failed when last asked (written when that changes): a
// page answered from the stored copy shows the note it showed last time.
async function markFailed(cached, serviceUrl, failed) {
  if (cached && cached.serviceUrl === serviceUrl && Boolean(cached.failed) !== failed) {
    await writeStored({ ...cached, failed });
  }
}

const bundledKnowledge = async (fallback) => ({ knowledge: await fetchBundled(), source: SOURCE.BUNDLED, fallback });

// The knowledge to advise with, and where it came from. Never fails: the
// bundled snapshot is the last resort, so the overlay is the same offline.
async function loadKnowledge(settings) {
  if (settings.offlineOnly) return bundledKnowledge(false);
  const cached = await readStored();
  try {
    const knowledge = await fetchFromService(settings.serviceUrl, cached);
    await markFailed(await readStored(), settings.serviceUrl, false);
    return { knowledge, source: SOURCE.SERVICE, fallback: false };
  } catch (error) {
    console.info('Orderwise: service unavailable, using a local copy:', error.message || error);
  }
  await markFailed(cached, settings.serviceUrl, true);
  if (cached && isKnowledge(cached.data)) {
    return { knowledge: cached.data, source: SOURCE.CACHE, fallback: true };
  }
  return bundledKnowledge(true);
}

// The knowledge at hand without the network: the snapshot offline, else the
// stored copy of this service's knowledge; null when nothing is stored.
async function knowledgeAtHand(settings) {
  if (settings.offlineOnly) return bundledKnowledge(false);
  const cached = await readStored();
  if (!cached || cached.serviceUrl !== settings.serviceUrl || !isKnowledge(cached.data)) return null;
  return cached.failed
    ? { knowledge: cached.data, source: SOURCE.CACHE, fallback: true }
    : { knowledge: cached.data, source: SOURCE.SERVICE, fallback: false };
}

// --- handlers

const handlers = Object.freeze({
  // Stale-while-revalidate, as protocol.MSG.GET_KNOWLEDGE says; with nothing at hand, the service's.
  async [MSG.GET_KNOWLEDGE]({ pageLang, since }) {
    const settings = await getSettings();
    const { lang, dir } = chooseLanguage(settings.language, pageLang);
    if (since !== undefined) {
      const { knowledge, source, fallback } = await loadKnowledge(settings);
      const page = knowledge.version === since ? { knowledge: null, index: null } : forPage(knowledge, lang);
      return { ...page, source, fallback };
    }
    const atHand = await knowledgeAtHand(settings);
    const { knowledge, source, fallback } = atHand || (await loadKnowledge(settings));
    // No report offer in offline-only mode: the user asked for no network at all.
    const offerReports = await reportsAllowed(settings);
    const revalidate = Boolean(atHand) && !settings.offlineOnly;
    const [messages, orders] = await Promise.all([uiMessages(lang), storedOrders()]);
    return { ...forPage(knowledge, lang), source, fallback, offerReports, lang, dir, messages, revalidate, orders };
  },

  async [MSG.GET_ORDER_STATES]({ orderIds }) {
    return { states: await readOrders(KEY.ORDER_PREFIX, orderIds, readOrderState) };
  },

  async [MSG.SET_ORDER_STATE]({ orderId, collapsed, dismissed }) {
    const state = (await readOrders(KEY.ORDER_PREFIX, [orderId], readOrderState))[orderId];
    if (collapsed !== undefined) state.collapsed = collapsed;
    if (dismissed !== undefined) state.dismissed = dismissed;
    await writeOrder(KEY.ORDER_PREFIX + orderId, state, state.collapsed || state.dismissed);
    return { state };
  },

  async [MSG.GET_MEMORIES]({ orderIds }) {
    return { memories: await readOrders(KEY.MEMORY_PREFIX, orderIds, readMemory) };
  },

  // `at`: when the mark happened by the page's clock (the deadlines shown are
  // dated against that clock too); the worker's clock when absent.
  async [MSG.REMEMBER]({ orderId, origin, situation, mark, at, deadline }) {
    const memory = (await readOrders(KEY.MEMORY_PREFIX, [orderId], readMemory))[orderId];
    const now = at ?? Date.now();
    if (origin !== undefined) memory.origin = origin;
    if (situation !== undefined) memory.situation = situation;
    if (deadline !== undefined) memory.deadline = deadline;
    if (mark === MARK.COPIED) memory.copiedAt = now;
    if (mark === MARK.REQUESTED) Object.assign(memory, { requestedAt: now, requestedBy: 'user' });
    if (mark === MARK.REQUEST_SEEN && !memory.requestedAt) Object.assign(memory, { requestedAt: now, requestedBy: 'seen' });
    if (mark === MARK.NOT_REQUESTED) Object.assign(memory, { requestedAt: null, requestedBy: null });
    await writeOrder(KEY.MEMORY_PREFIX + orderId, memory, isFollowed(memory));
    return { memory };
  },

  async [MSG.LIST_FOLLOWED]() {
    const all = await chrome.storage.local.get(null);
    const orders = [];
    for (const [key, value] of Object.entries(all)) {
      if (!key.startsWith(KEY.MEMORY_PREFIX)) continue;
      const orderId = key.slice(KEY.MEMORY_PREFIX.length);
      const memory = readMemory(value);
      if (isOrderId(orderId) && isFollowed(memory)) orders.push({ orderId, ...memory });
    }
    // Soonest deadline first; orders without one last, newest order number first.
    const at = (order) => (order.deadline ? order.deadline.at : Infinity);
    orders.sort((a, b) => at(a) - at(b) || b.orderId.localeCompare(a.orderId));
    return { orders };
  },

  async [MSG.GET_SETTINGS]() {
    return { settings: await getSettings() };
  },

  async [MSG.SET_SETTINGS]({ serviceUrl, offlineOnly, language, offerReports }) {
    const settings = { ...(await getSettings()), serviceUrl: parseServiceUrl(serviceUrl), offlineOnly };
    if (language !== undefined) settings.language = language;
    if (offerReports !== undefined) settings.offerReports = offerReports;
    await chrome.storage.local.set({ [KEY.SETTINGS]: settings });
    return { settings };
  },

  async [MSG.GET_SERVICE_STATUS]() {
    const settings = await getSettings();
    const { knowledge, source, fallback } = await loadKnowledge(settings);
    return { source, fallback, version: knowledge.version, ...settings };
  },

  async [MSG.REPORT_WORD]({ text, lang, page_kind: pageKind }, sender) {
    const settings = await getSettings();
    if (!(await reportsAllowed(settings))) {
      throw new MessageError('reports_off', 'Reporting words is switched off in the options.');
    }
    // Exactly the four fields the panel showed; the host is the sender's own.
    const report = { text, lang, host: storefrontHost(sender), page_kind: pageKind };
    let response;
    try {
      response = await request(
        REQUESTS.REPORT,
        settings.serviceUrl,
        { 'Content-Type': 'application/json' },
        JSON.stringify(report)
      );
    } catch (error) {
      throw new MessageError('service_unreachable', `The Orderwise service did not answer (${error.name}).`);
    }
    const body = await response.json().catch(() => null); // not JSON: handled below
    if ((response.status === 201 || response.status === 200) && Number.isInteger(body?.count)) {
      return { count: body.count };
    }
    const said = isText(body?.message) ? `: ${body.message.slice(0, 200)}` : '';
    const code = response.status === 429 ? 'rate_limited' : 'service_error';
    throw new MessageError(code, `The service answered ${response.status}${said}`);
  },
});

async function handle(msg, sender) {
  try {
    validate(msg, sender);
    const { type, ...fields } = msg;
    return { ok: true, data: await handlers[type](fields, sender) };
  } catch (error) {
    if (error instanceof MessageError) return { ok: false, error: { code: error.code, message: error.message } };
    console.error('Orderwise worker:', error);
    return { ok: false, error: { code: 'internal', message: 'Orderwise could not handle this request.' } };
  }
}

chrome.runtime.onMessage.addListener((msg, sender, sendResponse) => {
  handle(msg, sender).then(sendResponse);
  return true;
});
