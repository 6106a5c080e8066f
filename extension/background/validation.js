// Checks of what reaches the worker: every message (who sent it, its type,
// each field) and the knowledge a service answers with. A message that fails
// them is refused with a MessageError, whose code goes back to the sender.
import '../common/protocol.js';

const {
  MSG, MARK, ORDER_ID, ORIGIN, LOOPBACK_HOSTNAME, MAX_ORDER_IDS, DEADLINE_KINDS, DEADLINE_SOURCES, LANGUAGES, REPORT,
} = globalThis.orderwise.protocol;

const LANG_TAG = /^[A-Za-z]{2,3}(?:[-_][A-Za-z0-9]{1,8})*$/;

const STATUS_KEYS = Object.freeze([
  'unpaid', 'payment_processing', 'awaiting_shipment', 'cancel_requested', 'partially_shipped', 'shipped',
  'delivered', 'completed', 'cancelled', 'refund_processing', 'frozen', 'in_dispute', 'dispute_closed', 'unknown',
]);
const STAGES = Object.freeze(['before_payment', 'before_shipment', 'after_shipment', 'closed', 'unknown']);
const CAN_CANCEL = Object.freeze(['yes', 'request', 'no', 'unknown']);

export class MessageError extends Error {
  constructor(code, message) {
    super(message);
    this.code = code;
  }
}

export const isPlainObject = (value) =>
  value !== null && typeof value === 'object' && Object.getPrototypeOf(value) === Object.prototype;
export const isText = (value) => typeof value === 'string';
const areTexts = (list) => Array.isArray(list) && list.every(isText);
const isTextMap = (value) => isPlainObject(value) && Object.values(value).every(isText);
export const isString = (max) => (value) => isText(value) && value.length > 0 && value.length <= max;
export const isBool = (value) => typeof value === 'boolean';
export const isOrderId = (value) => isText(value) && ORDER_ID.test(value);
const isOrderIdList = (value) =>
  Array.isArray(value) && value.length > 0 && value.length <= MAX_ORDER_IDS && value.every(isOrderId);
const optional = (check) => Object.assign((value) => check(value), { optional: true });
// A moment as milliseconds since the epoch, between 2000 and 2200.
export const isTime = (value) => Number.isSafeInteger(value) && value >= 946684800000 && value <= 7258118400000;
export const isDeadline = (value) =>
  value === null ||
  (isPlainObject(value) &&
    Object.keys(value).length === 3 &&
    isTime(value.at) &&
    DEADLINE_KINDS.includes(value.kind) &&
    DEADLINE_SOURCES.includes(value.source));
// The order page's origin, to link back to it from the popup.
export const isOrigin = (value) => isText(value) && ORIGIN.test(value);
export const isSituation = (value) => isText(value) && /^[a-z][a-z0-9_-]{0,63}$/.test(value);
const isMark = (value) => Object.values(MARK).includes(value);
const isLanguageSetting = (value) => value === 'auto' || (isText(value) && Object.hasOwn(LANGUAGES, value));
const isLangTag = (value) => isText(value) && value.length <= 35 && LANG_TAG.test(value);
const isReportText = (value) => isText(value) && Array.from(value).length <= REPORT.MAX_TEXT && /[\p{L}\p{N}]/u.test(value);
const isReportLang = (value) => isText(value) && REPORT.LANG_TAG.test(value);
const isPageKind = (value) => REPORT.PAGE_KINDS.includes(value);

// The storefront a content script runs on, from the browser's own record of
// the sender: an https AliExpress host, or null.
export function storefrontHost(sender) {
  const url = URL.canParse(sender.url) ? new URL(sender.url) : null;
  return url && url.protocol === 'https:' && !url.port && REPORT.HOST.test(url.hostname) ? url.hostname : null;
}

// Only https addresses (plain http to this machine only), without credentials, query or fragment.
export function parseServiceUrl(value) {
  const url = isText(value) && value.length <= 200 && URL.canParse(value) ? new URL(value) : null;
  if (!url || !['http:', 'https:'].includes(url.protocol) || url.username || url.password || url.search || url.hash) {
    return null;
  }
  if (url.protocol === 'http:' && !LOOPBACK_HOSTNAME.test(url.hostname)) return null;
  return url.href.replace(/\/+$/, '');
}

// Who may send what: `page` = content scripts and extension pages, `extension`
// = extension pages only (the popup and options page), so a page can never
// change where the worker sends requests.
export const SPECS = Object.freeze({
  [MSG.GET_KNOWLEDGE]: {
    from: 'page',
    fields: { pageLang: optional(isLangTag), since: optional(isString(128)), orderIds: optional(isOrderIdList) },
  },
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
  [MSG.FORGET]: { from: 'page', fields: { orderId: isOrderId } },
  [MSG.FORGET_ALL]: { from: 'extension', fields: {} },
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
  [MSG.LOAD_PANEL]: { from: 'storefront', fields: {} },
});

export function validate(msg, sender) {
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

// A status's steps, each with its own sources (a service older than sourced
// steps sends plain texts: its knowledge is not used, the snapshot is).
const isStep = (step) => isPlainObject(step) && isText(step.text) && areTexts(step.sources) && typeof step.uncertain === 'boolean';
const areSteps = (steps) => Array.isArray(steps) && steps.length > 0 && steps.every(isStep);

// The dispute kit (disputes.yaml), as content/kit.js reads it.
const isEvidence = (item) => isPlainObject(item) && isText(item.text) && areTexts(item.sources) && typeof item.uncertain === 'boolean';
const isKitSituation = (s) =>
  isPlainObject(s) &&
  [s.key, s.label, s.summary, s.request].every(isText) &&
  areTexts(s.default_for) &&
  Array.isArray(s.evidence) &&
  s.evidence.every(isEvidence);
function isDisputes(kit, timelines) {
  if (!isPlainObject(kit) || !isText(kit.label) || !isText(kit.closing)) return false;
  if (!areTexts(kit.statuses) || !areTexts(kit.fact_lines)) return false;
  if (!Array.isArray(kit.situations) || kit.situations.length === 0 || !kit.situations.every(isKitSituation)) return false;
  const { earliest, last_day: lastDay } = kit;
  if (!isPlainObject(earliest) || ![earliest.too_early, earliest.from_ship, earliest.from_order].every(isText)) return false;
  const window = isText(earliest.timeline) && Object.hasOwn(timelines, earliest.timeline) ? timelines[earliest.timeline] : null;
  if (!isPlainObject(window) || !Number.isInteger(window.min_days) || !areTexts(window.sources)) return false;
  return isPlainObject(lastDay) && isText(lastDay.rule) && areTexts(lastDay.sources);
}

// The knowledge's shape, checked before it is used or cached: a service that
// answers with something else is treated like a service that is down.
export function isKnowledge(data) {
  if (!isPlainObject(data) || !isString(128)(data.version) || !isTextMap(data.spelling_variants)) return false;
  if (!Array.isArray(data.statuses) || !Array.isArray(data.situations) || !Array.isArray(data.sources)) return false;
  if (!isPlainObject(data.timelines) || !Array.isArray(data.payment_methods)) return false;
  const keys = new Set();
  for (const status of data.statuses) {
    if (!isPlainObject(status) || !STATUS_KEYS.includes(status.key)) return false;
    if (!STAGES.includes(status.stage) || !CAN_CANCEL.includes(status.can_cancel)) return false;
    if (!isText(status.label) || !isText(status.verdict)) return false;
    if (!isPlainObject(status.action) || !isText(status.action.label) || !areSteps(status.action.steps)) return false;
    if (!Array.isArray(status.words) || !status.words.every((w) => isPlainObject(w) && isText(w.text))) return false;
    if (!Array.isArray(status.warnings) || !Array.isArray(status.avoid) || !Array.isArray(status.deadlines)) {
      return false;
    }
    if (!status.deadlines.every((d) => isPlainObject(data.timelines[d]))) return false;
    // The badge and the waiting state compose() reads (a service older than
    // badges sends none: its knowledge is not used, the snapshot is).
    if (!isPlainObject(status.badge) || !isText(status.badge.text)) return false;
    const { dated } = status.badge;
    const isDated = isPlainObject(dated) && isText(dated.text) && DEADLINE_KINDS.includes(dated.deadline);
    if (dated !== null && !isDated) return false;
    if (status.once_requested !== null && !STATUS_KEYS.includes(status.once_requested)) return false;
    keys.add(status.key);
  }
  if (!STATUS_KEYS.every((key) => keys.has(key))) return false;
  if (data.cues !== undefined && !(Array.isArray(data.cues) && data.cues.every(isCue))) return false;
  if (data.disputes !== undefined && !isDisputes(data.disputes, data.timelines)) return false;
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
