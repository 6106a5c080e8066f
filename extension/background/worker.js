// Orderwise's background: the only part of the extension that talks to the
// service; it owns the network, the settings and the per-order UI state. This
// module answers the messages: it checks each one (validation.js), and reads and
// writes through storage.js, knowledge.js and language.js. An ES module, so
// Chrome's service worker and Firefox's event page load the same files.
import '../common/protocol.js';
import {
  MessageError, SPECS, isPlainObject, isText, parseServiceUrl, storefrontHost, validate,
} from './validation.js';
import { KEY, isFollowed, readMemory, readOrderState } from './storage.js';
import { allMemories, forgetOrders, readOrders, updateOrder } from './orders.js';
import { forPage, knowledgeAtHand, loadKnowledge, request } from './knowledge.js';
import { chooseLanguage, uiMessages } from './language.js';

const { MSG, MARK, REQUESTS, PANEL_SCRIPTS } = globalThis.orderwise.protocol;

// The first reply's orders: {states, memories} of the orders the page named.
async function readStatesAndMemories(orderIds) {
  const [states, memories] = await Promise.all([
    readOrders(KEY.ORDER_PREFIX, orderIds, readOrderState),
    readOrders(KEY.MEMORY_PREFIX, orderIds, readMemory),
  ]);
  return { states, memories };
}

// The default service address: a store build for a hosted service writes its
// own address here.
const DEFAULT_SETTINGS = Object.freeze({
  serviceUrl: 'http://127.0.0.1:5000',
  offlineOnly: false,
  language: 'auto',
  offerReports: false,
});

async function getSettings() {
  const stored = (await chrome.storage.local.get(KEY.SETTINGS))[KEY.SETTINGS];
  const settings = { ...DEFAULT_SETTINGS };
  for (const [field, check] of Object.entries(SPECS[MSG.SET_SETTINGS].fields)) {
    if (isPlainObject(stored) && check(stored[field])) settings[field] = stored[field];
  }
  return { ...settings, serviceUrl: parseServiceUrl(settings.serviceUrl) };
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

const handlers = Object.freeze({
  // Stale-while-revalidate, as protocol.MSG.GET_KNOWLEDGE says; with nothing at hand, the service's.
  async [MSG.GET_KNOWLEDGE]({ pageLang, since, orderIds }) {
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
    const [messages, orders] = await Promise.all([uiMessages(lang), orderIds ? readStatesAndMemories(orderIds) : null]);
    const reply = { ...forPage(knowledge, lang), source, fallback, offerReports, lang, dir, messages, revalidate };
    return orders ? { ...reply, orders } : reply;
  },

  async [MSG.GET_ORDER_STATES]({ orderIds }) {
    return { states: await readOrders(KEY.ORDER_PREFIX, orderIds, readOrderState) };
  },

  async [MSG.SET_ORDER_STATE]({ orderId, collapsed, dismissed }) {
    const change = (state) => {
      if (collapsed !== undefined) state.collapsed = collapsed;
      if (dismissed !== undefined) state.dismissed = dismissed;
    };
    const keep = (state) => state.collapsed || state.dismissed;
    return { state: await updateOrder(KEY.ORDER_PREFIX, orderId, readOrderState, change, keep) };
  },

  async [MSG.GET_MEMORIES]({ orderIds }) {
    return { memories: await readOrders(KEY.MEMORY_PREFIX, orderIds, readMemory) };
  },

  // `at`: when the mark happened by the page's clock (the deadlines shown are
  // dated against that clock too); the worker's clock when absent.
  async [MSG.REMEMBER]({ orderId, origin, situation, mark, at, deadline }) {
    const now = at ?? Date.now();
    const change = (memory) => {
      if (origin !== undefined) memory.origin = origin;
      if (situation !== undefined) memory.situation = situation;
      if (deadline !== undefined) memory.deadline = deadline;
      if (mark === MARK.COPIED) memory.copiedAt = now;
      if (mark === MARK.REQUESTED) Object.assign(memory, { requestedAt: now, requestedBy: 'user' });
      if (mark === MARK.REQUEST_SEEN && !memory.requestedAt) Object.assign(memory, { requestedAt: now, requestedBy: 'seen' });
      if (mark === MARK.NOT_REQUESTED) Object.assign(memory, { requestedAt: null, requestedBy: null });
    };
    return { memory: await updateOrder(KEY.MEMORY_PREFIX, orderId, readMemory, change, isFollowed) };
  },

  // The panel's "Forget this order" and the popup's Forget.
  async [MSG.FORGET]({ orderId }) {
    return { forgotten: (await forgetOrders([orderId])) > 0 };
  },

  // The options page's "Forget every order": the settings and the advice stay.
  async [MSG.FORGET_ALL]() {
    return { forgotten: await forgetOrders(null) };
  },

  async [MSG.LIST_FOLLOWED]() {
    const orders = Object.entries(await allMemories())
      .filter(([, memory]) => isFollowed(memory))
      .map(([orderId, memory]) => ({ orderId, ...memory }));
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

  // Into the frame that asked, in the content scripts' own world (each file
  // runs once there, however often this is asked).
  async [MSG.LOAD_PANEL](fields, sender) {
    await chrome.scripting.executeScript({
      target: { tabId: sender.tab.id, frameIds: [sender.frameId] },
      files: PANEL_SCRIPTS,
    });
    return {};
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
