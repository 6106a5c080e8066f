// What the worker keeps in chrome.storage.local, read back through checks so
// that an old or damaged entry never breaks a page: each order's panel state
// and memory (kept, bounded and forgotten by orders.js), and the stored copy
// of the service's knowledge. The browser stops
// the worker whenever it likes; the copies kept here in memory are only ones it
// can make again.
import { isDeadline, isOrigin, isPlainObject, isSituation, isTime } from './validation.js';

export const KEY = Object.freeze({
  SETTINGS: 'settings', // {serviceUrl, offlineOnly, language, offerReports}
  KNOWLEDGE: 'knowledge', // {etag, serviceUrl, data, storedAt, failed?}: failed when the last revalidation failed
  ORDER_PREFIX: 'order:', // order:<id> -> {collapsed, dismissed, savedAt}
  MEMORY_PREFIX: 'memory:', // memory:<id> -> see readMemory(), and savedAt
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
  if (area === 'local' && Object.hasOwn(changes, KEY.KNOWLEDGE)) stored = undefined;
});

