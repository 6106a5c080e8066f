// What the worker keeps in chrome.storage.local, read back through checks so
// that an old or damaged entry never breaks a page: each order's panel state
// and memory, and the stored copy of the service's knowledge. The browser stops
// the worker whenever it likes; the copies kept here in memory are only ones it
// can make again.
import { isDeadline, isOrderId, isOrigin, isPlainObject, isSituation, isTime } from './validation.js';

export const KEY = Object.freeze({
  SETTINGS: 'settings', // {serviceUrl, offlineOnly, language, offerReports}
  KNOWLEDGE: 'knowledge', // {etag, serviceUrl, data, storedAt, failed?}: failed when the last revalidation failed
  ORDER_PREFIX: 'order:', // order:<id> -> {collapsed, dismissed}
  MEMORY_PREFIX: 'memory:', // memory:<id> -> see readMemory()
});

export function readOrderState(value) {
  return {
    collapsed: isPlainObject(value) && value.collapsed === true,
    dismissed: isPlainObject(value) && value.dismissed === true,
  };
}

// What Orderwise remembers about one order, from whatever is stored: fields
// that are missing or of the wrong shape read as null, so an old or damaged
// entry never breaks a page.
export function readMemory(value) {
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
export const isFollowed = (memory) => Boolean(memory.situation || memory.copiedAt || memory.requestedAt);

// The stored copy of the service's knowledge, kept once read (every page asks
// for it) until it changes in storage.
let stored;
export async function readStored() {
  if (stored === undefined) {
    const value = (await chrome.storage.local.get(KEY.KNOWLEDGE))[KEY.KNOWLEDGE];
    stored ??= isPlainObject(value) ? value : null;
  }
  return stored;
}

export async function writeStored(value) {
  stored = value;
  await chrome.storage.local.set({ [KEY.KNOWLEDGE]: value });
}

chrome.storage.onChanged.addListener((changes, area) => {
  if (area !== 'local') return;
  if (Object.hasOwn(changes, KEY.KNOWLEDGE)) stored = undefined;
  if (Object.keys(changes).some(isOrderKey)) atStart = undefined;
});

// {orderId: read(its stored value)} for the orders' keys under prefix.
export async function readOrders(prefix, orderIds, read) {
  const stored = await chrome.storage.local.get(orderIds.map((id) => prefix + id));
  return Object.fromEntries(orderIds.map((id) => [id, read(stored[prefix + id])]));
}

// Keeps an order's entry only while it holds something: a default reads the same as none.
export async function writeOrder(key, value, keep) {
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
export function storedOrders() {
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
