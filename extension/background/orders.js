// What the worker keeps per order (the panel's state under order:<id>, the
// memory under memory:<id>), with bounds and an exit:
// - at most MAX_ORDERS orders; past that the oldest go, and orders that only
//   the page put there (a cancellation request it showed) go before orders
//   the user did something for, so a page that shows hundreds of orders
//   cannot push out the ones the user follows;
// - an order is forgotten KEEP_AFTER_MS after its last deadline or its last
//   change, whichever is later;
// - the user can forget one order, or all of them.
// Every read and change runs after the one before (serial), so two changes to
// one order never lose each other and the count is never off.
import { isDeadline, isOrderId, isPlainObject, isTime } from './validation.js';
import { KEY, readMemory } from './storage.js';

const DAY = 24 * 3600 * 1000;
// A shopper follows a handful of orders at a time, a busy one a few dozen:
// 200 leaves room for years of that within the expiry below, while keeping
// every order's entries (two small objects each) one quick read.
export const MAX_ORDERS = 200;
// Six weeks after the last deadline: a refund the seller agreed to can take up
// to 20 business days to be marked done and the bank 7-15 more, and a dispute
// stays possible for 15 days after an order completes. Past that, what
// Orderwise noted helps with nothing the order page does not show by itself.
export const KEEP_AFTER_MS = 42 * DAY;

const PREFIXES = Object.freeze([KEY.ORDER_PREFIX, KEY.MEMORY_PREFIX]);
const orderIdOf = (key) => key.slice(key.indexOf(':') + 1);
const isOrderKey = (key) => PREFIXES.some((prefix) => key.startsWith(prefix)) && isOrderId(orderIdOf(key));
const keysOf = (orderId) => PREFIXES.map((prefix) => prefix + orderId);

let queue = Promise.resolve();
function serial(task) {
  const run = queue.then(task);
  queue = run.catch(() => {});
  return run;
}

// The moment an order's entries stop being useful: KEEP_AFTER_MS after the
// later of the last change and the last deadline. An entry stored before
// changes were timed counts as changed when first seen (sweep() stamps it).
// Nothing stored is never past its time.
function usefulUntil(values, now) {
  if (!values.some(isPlainObject)) return Infinity;
  let last = 0;
  for (const value of values) {
    if (!isPlainObject(value)) continue;
    last = Math.max(last, isTime(value.savedAt) ? value.savedAt : now);
    if (value.deadline && isDeadline(value.deadline)) last = Math.max(last, value.deadline.at);
  }
  return last + KEEP_AFTER_MS;
}

// Whether the user did something for the order: a panel state is always the
// user's; a memory is when it holds a situation, a copy or the user's own mark.
function byUser(key, value) {
  if (key.startsWith(KEY.ORDER_PREFIX)) return true;
  const memory = readMemory(value);
  return Boolean(memory.situation || memory.copiedAt || memory.requestedBy === 'user');
}

async function allOrderKeys() {
  if (chrome.storage.local.getKeys) return (await chrome.storage.local.getKeys()).filter(isOrderKey);
  return Object.keys(await chrome.storage.local.get(null)).filter(isOrderKey);
}

// {orderId: {key: value}} of every order stored.
async function allOrders() {
  const stored = await chrome.storage.local.get(await allOrderKeys());
  const orders = {};
  for (const [key, value] of Object.entries(stored)) (orders[orderIdOf(key)] ??= {})[key] = value;
  return orders;
}

// Drops the orders past their time and damaged entries; stamps entries
// stored without a time. Returns the orders left, as allOrders() does.
async function sweep(orders, now = Date.now()) {
  const gone = [];
  const stamped = {};
  for (const [orderId, entries] of Object.entries(orders)) {
    if (usefulUntil(Object.values(entries), now) < now) {
      gone.push(...Object.keys(entries));
      delete orders[orderId];
      continue;
    }
    for (const [key, value] of Object.entries(entries)) {
      if (!isPlainObject(value)) gone.push(key); // damaged: it reads as nothing anyway
      else if (!isTime(value.savedAt)) stamped[key] = entries[key] = { ...value, savedAt: now };
    }
  }
  if (gone.length) await chrome.storage.local.remove(gone);
  if (Object.keys(stamped).length) await chrome.storage.local.set(stamped);
  return orders;
}

// Past MAX_ORDERS, drops the orders only the page stored, oldest first, then
// the oldest of the rest; never `kept`, the order just changed.
async function bound(kept) {
  const keys = await allOrderKeys();
  const count = new Set(keys.map(orderIdOf)).size;
  if (count <= MAX_ORDERS) return;
  const orders = await sweep(await allOrders());
  const ranked = Object.entries(orders)
    .filter(([orderId]) => orderId !== kept)
    .map(([orderId, entries]) => ({
      keys: Object.keys(entries),
      byUser: Object.entries(entries).some(([key, value]) => byUser(key, value)),
      savedAt: Math.max(...Object.values(entries).map((value) => value?.savedAt ?? 0)),
    }))
    .sort((a, b) => a.byUser - b.byUser || a.savedAt - b.savedAt);
  const excess = Object.keys(orders).length - MAX_ORDERS;
  if (excess > 0) await chrome.storage.local.remove(ranked.slice(0, excess).flatMap((order) => order.keys));
}

// {orderId: read(its entry under prefix)}; an order past its time reads as
// nothing stored, and is dropped.
export function readOrders(prefix, orderIds, read) {
  return serial(async () => {
    const stored = await chrome.storage.local.get(orderIds.flatMap(keysOf));
    const now = Date.now();
    const expired = orderIds.filter((id) => usefulUntil(keysOf(id).map((key) => stored[key]), now) < now);
    if (expired.length) await chrome.storage.local.remove(expired.flatMap(keysOf));
    return Object.fromEntries(orderIds.map((id) => [id, read(expired.includes(id) ? undefined : stored[prefix + id])]));
  });
}

// Reads an order's entry under prefix, lets change() change it, and keeps it
// (timed) only while keep(value) says it holds something: a default reads the
// same as none. Returns the value.
export function updateOrder(prefix, orderId, read, change, keep) {
  return serial(async () => {
    const key = prefix + orderId;
    const value = read((await chrome.storage.local.get(key))[key]);
    change(value);
    if (keep(value)) {
      await chrome.storage.local.set({ [key]: { ...value, savedAt: Date.now() } });
      await bound(orderId);
    } else {
      await chrome.storage.local.remove(key);
    }
    return value;
  });
}

// Forgets the given orders, or every order (null): the count of orders that had something stored.
export function forgetOrders(orderIds) {
  return serial(async () => {
    const keys = await allOrderKeys();
    const wanted = orderIds && new Set(orderIds);
    const gone = wanted ? keys.filter((key) => wanted.has(orderIdOf(key))) : keys;
    await chrome.storage.local.remove(gone);
    return new Set(gone.map(orderIdOf)).size;
  });
}

// {orderId: memory} of every order with a memory stored, after the sweep.
export function allMemories() {
  return serial(async () => {
    const orders = await sweep(await allOrders());
    const memories = {};
    for (const [orderId, entries] of Object.entries(orders)) {
      const key = KEY.MEMORY_PREFIX + orderId;
      if (Object.hasOwn(entries, key)) memories[orderId] = readMemory(entries[key]);
    }
    return memories;
  });
}

// When the worker starts: whatever expired while it was stopped goes.
serial(async () => sweep(await allOrders())).catch((error) => {
  console.warn('Orderwise: could not drop expired orders:', error);
});
