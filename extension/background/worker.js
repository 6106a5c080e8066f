// Orderwise service worker: the only part of the extension that talks to the
// service. It owns the network, the settings and the per-order UI state.
//
// A classic script, not an ES module, so Firefox can load the same file through
// `background.scripts`. It keeps nothing in globals that must survive: the
// browser stops a worker whenever it likes, so settings, the cached knowledge
// (with its ETag) and the per-order state all live in chrome.storage.local.
'use strict';

importScripts('../common/protocol.js');

const { MSG, SOURCE, ORDER_ID, MAX_ORDER_IDS, REQUESTS } = globalThis.orderwise.protocol;

const FETCH_TIMEOUT_MS = 3000;

const KEY = Object.freeze({
  SETTINGS: 'settings', // {serviceUrl, offlineOnly}
  KNOWLEDGE: 'knowledge', // {etag, serviceUrl, data, storedAt}
  ORDER_PREFIX: 'order:', // order:<id> -> {collapsed, dismissed}
});

const DEFAULT_SETTINGS = Object.freeze({ serviceUrl: 'http://127.0.0.1:5000', offlineOnly: false });

const STATUS_KEYS = Object.freeze([
  'unpaid', 'payment_processing', 'awaiting_shipment', 'cancel_requested', 'shipped',
  'delivered', 'completed', 'cancelled', 'in_dispute', 'unknown',
]);
const STAGES = Object.freeze(['before_payment', 'before_shipment', 'after_shipment', 'closed', 'unknown']);
const CAN_CANCEL = Object.freeze(['yes', 'request', 'no', 'unknown']);

class MessageError extends Error {
  constructor(code, message) {
    super(message);
    this.code = code;
  }
}

// ---------------------------------------------------------------- validation

const isPlainObject = (value) =>
  value !== null && typeof value === 'object' && Object.getPrototypeOf(value) === Object.prototype;
const isString = (max) => (value) => typeof value === 'string' && value.length > 0 && value.length <= max;
const isBool = (value) => typeof value === 'boolean';
const isOrderId = (value) => typeof value === 'string' && ORDER_ID.test(value);
const isOrderIdList = (value) =>
  Array.isArray(value) && value.length > 0 && value.length <= MAX_ORDER_IDS && value.every(isOrderId);
const optional = (check) => Object.assign((value) => check(value), { optional: true });

// Only plain http(s) addresses without credentials, query or fragment.
function parseServiceUrl(value) {
  if (typeof value !== 'string' || value.length > 200) return null;
  let url;
  try {
    url = new URL(value);
  } catch {
    return null;
  }
  if (!['http:', 'https:'].includes(url.protocol) || url.username || url.password || url.search || url.hash) {
    return null;
  }
  return url.href.replace(/\/+$/, '');
}

// Who may send what: `page` = content scripts and extension pages, `extension`
// = extension pages only (the popup and options page), so a page can never
// change where the worker sends requests.
const SPECS = Object.freeze({
  [MSG.GET_KNOWLEDGE]: { from: 'page', fields: {} },
  [MSG.GET_ORDER_STATES]: { from: 'page', fields: { orderIds: isOrderIdList } },
  [MSG.SET_ORDER_STATE]: {
    from: 'page',
    fields: { orderId: isOrderId, collapsed: optional(isBool), dismissed: optional(isBool) },
  },
  [MSG.GET_SETTINGS]: { from: 'extension', fields: {} },
  [MSG.SET_SETTINGS]: {
    from: 'extension',
    fields: { serviceUrl: (value) => parseServiceUrl(value) !== null, offlineOnly: isBool },
  },
  [MSG.GET_SERVICE_STATUS]: { from: 'extension', fields: {} },
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

// The knowledge's shape, checked before it is used or cached: a service that
// answers with something else is treated like a service that is down.
function isKnowledge(data) {
  if (!isPlainObject(data) || !isString(128)(data.version)) return false;
  if (!isPlainObject(data.spelling_variants)) return false;
  if (!Object.values(data.spelling_variants).every((v) => typeof v === 'string')) return false;
  if (!Array.isArray(data.statuses) || !Array.isArray(data.situations) || !Array.isArray(data.sources)) return false;
  if (!isPlainObject(data.timelines) || !Array.isArray(data.payment_methods)) return false;
  const keys = new Set();
  for (const status of data.statuses) {
    if (!isPlainObject(status) || !STATUS_KEYS.includes(status.key)) return false;
    if (!STAGES.includes(status.stage) || !CAN_CANCEL.includes(status.can_cancel)) return false;
    if (typeof status.label !== 'string' || typeof status.verdict !== 'string') return false;
    if (!isPlainObject(status.action) || typeof status.action.label !== 'string') return false;
    if (!Array.isArray(status.action.steps) || !status.action.steps.every((s) => typeof s === 'string')) return false;
    if (!Array.isArray(status.words) || !status.words.every((w) => isPlainObject(w) && typeof w.text === 'string')) {
      return false;
    }
    if (!Array.isArray(status.warnings) || !Array.isArray(status.avoid) || !Array.isArray(status.deadlines)) {
      return false;
    }
    if (!status.deadlines.every((d) => isPlainObject(data.timelines[d]))) return false;
    keys.add(status.key);
  }
  if (!STATUS_KEYS.every((key) => keys.has(key))) return false;
  for (const situation of data.situations) {
    if (!isPlainObject(situation) || typeof situation.key !== 'string' || typeof situation.label !== 'string') {
      return false;
    }
    if (!isPlainObject(situation.reason) || typeof situation.reason.label !== 'string') return false;
    if (!['buyer', 'seller'].includes(situation.reason.fault)) return false;
    if (!isPlainObject(situation.messages)) return false;
    if (!Object.values(situation.messages).every((m) => typeof m === 'string')) return false;
  }
  return data.sources.every((s) => isPlainObject(s) && typeof s.id === 'string' && typeof s.title === 'string');
}

// ------------------------------------------------------------------- storage

async function getSettings() {
  const stored = (await chrome.storage.local.get(KEY.SETTINGS))[KEY.SETTINGS];
  const settings = { ...DEFAULT_SETTINGS };
  if (isPlainObject(stored)) {
    const url = parseServiceUrl(stored.serviceUrl);
    if (url) settings.serviceUrl = url;
    if (isBool(stored.offlineOnly)) settings.offlineOnly = stored.offlineOnly;
  }
  return settings;
}

const orderKey = (orderId) => KEY.ORDER_PREFIX + orderId;

function readOrderState(value) {
  return {
    collapsed: isPlainObject(value) && value.collapsed === true,
    dismissed: isPlainObject(value) && value.dismissed === true,
  };
}

// ----------------------------------------------------------------- knowledge

async function fetchBundled() {
  const response = await fetch(chrome.runtime.getURL('snapshot.json'));
  return response.json();
}

// The one way to reach the service: a request of protocol.REQUESTS, to the
// configured address, with only the headers that request declares (what the
// options page tells the user), no body, no cookies, and a timeout.
function request(spec, serviceUrl, headers = {}) {
  for (const name of Object.keys(headers)) {
    if (!Object.hasOwn(spec.headers, name)) throw new Error(`${name} is not declared for ${spec.path}`);
  }
  return fetch(`${serviceUrl}${spec.path}`, {
    method: spec.method,
    headers,
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
  await chrome.storage.local.set({
    [KEY.KNOWLEDGE]: { etag: etag || null, serviceUrl, data, storedAt: new Date().toISOString() },
  });
  return data;
}

// The knowledge to advise with, and where it came from. Never fails: the
// bundled snapshot is the last resort, so the overlay is the same offline.
async function loadKnowledge() {
  const settings = await getSettings();
  if (settings.offlineOnly) {
    return { knowledge: await fetchBundled(), source: SOURCE.BUNDLED, fallback: false, settings };
  }
  const cached = (await chrome.storage.local.get(KEY.KNOWLEDGE))[KEY.KNOWLEDGE];
  try {
    const knowledge = await fetchFromService(settings.serviceUrl, cached);
    return { knowledge, source: SOURCE.SERVICE, fallback: false, settings };
  } catch (error) {
    console.info('Orderwise: service unavailable, using a local copy:', error.message || error);
  }
  if (cached && isKnowledge(cached.data)) {
    return { knowledge: cached.data, source: SOURCE.CACHE, fallback: true, settings };
  }
  return { knowledge: await fetchBundled(), source: SOURCE.BUNDLED, fallback: true, settings };
}

// ------------------------------------------------------------------ handlers

const handlers = Object.freeze({
  async [MSG.GET_KNOWLEDGE]() {
    const { knowledge, source, fallback } = await loadKnowledge();
    return { knowledge, source, fallback };
  },

  async [MSG.GET_ORDER_STATES]({ orderIds }) {
    const stored = await chrome.storage.local.get(orderIds.map(orderKey));
    const states = {};
    for (const orderId of orderIds) states[orderId] = readOrderState(stored[orderKey(orderId)]);
    return { states };
  },

  async [MSG.SET_ORDER_STATE]({ orderId, collapsed, dismissed }) {
    const key = orderKey(orderId);
    const state = readOrderState((await chrome.storage.local.get(key))[key]);
    if (collapsed !== undefined) state.collapsed = collapsed;
    if (dismissed !== undefined) state.dismissed = dismissed;
    if (state.collapsed || state.dismissed) await chrome.storage.local.set({ [key]: state });
    else await chrome.storage.local.remove(key);
    return { state };
  },

  async [MSG.GET_SETTINGS]() {
    return { settings: await getSettings() };
  },

  async [MSG.SET_SETTINGS]({ serviceUrl, offlineOnly }) {
    const settings = { serviceUrl: parseServiceUrl(serviceUrl), offlineOnly };
    await chrome.storage.local.set({ [KEY.SETTINGS]: settings });
    return { settings };
  },

  async [MSG.GET_SERVICE_STATUS]() {
    const { knowledge, source, fallback, settings } = await loadKnowledge();
    return { source, fallback, version: knowledge.version, ...settings };
  },
});

async function handle(msg, sender) {
  try {
    validate(msg, sender);
    const { type, ...fields } = msg;
    return { ok: true, data: await handlers[type](fields) };
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
