// Wiring: get the knowledge from the worker, draw one overlay per order, and
// follow the page (orders loaded later, status changed in place) with a
// MutationObserver. Everything init() sets up is undone when its signal aborts.
//
// The observer is bounded, in time and in cost:
// - It stops IDLE_STOP_MS (60 s) after the last useful change: a scan that
//   added, changed or removed an overlay (start-up counts as one). A page that
//   never shows a status, or that rewrites itself forever (countdowns,
//   carousels), does not keep Orderwise scanning. The user's next click, key
//   press or wheel turn starts it again, with a scan and a new 60 s: what the
//   user does (load more orders, switch tabs) is what brings new orders.
// - Scans are spaced so that they take at most about a tenth of the page's
//   main thread: the pause before the next scan is at least SCAN_DELAY_MS and
//   at least SCAN_PAUSE_FACTOR times as long as the last scan took.
(() => {
  'use strict';
  const ns = (globalThis.orderwise = globalThis.orderwise || {});
  if (ns.main) return;

  const { MSG, MAX_ORDER_IDS } = ns.protocol;
  const { TAG, isOverlay } = ns.overlay;
  const SCAN_DELAY_MS = 50; // coalesce a burst of mutations into one scan
  const SCAN_PAUSE_FACTOR = 9; // pause >= 9x the last scan: scanning stays under ~10% of the thread
  const IDLE_STOP_MS = 60_000; // stop observing a minute after the last useful change
  const WAKE_EVENTS = Object.freeze(['pointerdown', 'keydown', 'wheel']);
  // An order page that still shows no order after this long gets the
  // "couldn't read this page" notice (it goes away if orders appear later).
  const UNREADABLE_AFTER_MS = 2500;
  const DEFAULT_STATE = Object.freeze({ collapsed: false, dismissed: false });

  async function send(message, attempts = 3) {
    for (let attempt = 1; ; attempt += 1) {
      try {
        const reply = await chrome.runtime.sendMessage(message);
        if (reply && reply.ok) return reply.data;
        throw new Error(reply?.error?.message || 'No reply from the Orderwise worker.');
      } catch (error) {
        // A worker that is just starting may miss the first message.
        if (attempt >= attempts) throw error;
        await new Promise((resolve) => {
          setTimeout(resolve, 200 * attempt);
        });
      }
    }
  }

  // The page's language (<html lang>), else the browser's. The account's
  // b_locale cookie is not reliably readable from here.
  function pageLanguage() {
    const tag = (document.documentElement.lang || navigator.language || 'en').trim();
    return /^[A-Za-z]{2,3}(?:[-_][A-Za-z0-9]{1,8})*$/.test(tag) && tag.length <= 35 ? tag : 'en';
  }

  async function init(signal) {
    const adapter = ns.read.adapterFor(location.href);
    const { knowledge, source, fallback, offerReports, lang, dir, messages } = await send({
      type: MSG.GET_KNOWLEDGE,
      pageLang: pageLanguage(),
    });
    if (signal.aborted) return;
    ns.i18n.use(messages);

    let notice = null;
    const showNotice = () => {
      if (notice && notice.isConnected) return;
      notice = ns.overlay.notice(lang, dir);
      ns.read.noticeArea(document, adapter).prepend(notice);
    };
    const hideNotice = () => {
      if (notice) notice.remove();
      notice = null;
    };
    signal.addEventListener('abort', hideNotice);
    // A page the manifest matched but no adapter knows: say so at once.
    if (!adapter) {
      showNotice();
      return;
    }
    const type = adapter.kind;
    const index = ns.read.buildIndex(knowledge);
    // Deadlines and per-order memory (content/deadlines.js).
    const tracker = ns.deadlines.tracker({ knowledge, lang, send, changed: () => schedule() });
    let everFound = false;
    const unreadableTimer = setTimeout(() => {
      if (!everFound && !signal.aborted) showNotice();
    }, UNREADABLE_AFTER_MS);
    signal.addEventListener('abort', () => clearTimeout(unreadableTimer));
    const hosts = new Map(); // orderId -> <orderwise-advice>
    const states = new Map(); // orderId -> {collapsed, dismissed}
    const drawn = new WeakMap(); // host -> signature of what it shows
    let running = false;
    let dirty = false;
    let timer = 0;
    let idleTimer = 0;
    let lastScanMs = 0; // how long the last scan kept the thread busy (waiting for the worker excluded)
    let observing = false;
    let wake = null; // AbortController of the wake-up listeners while stopped
    const lastTrack = new Map(); // orderId -> its deadlines and memory as last drawn

    const signatureOf = (order, state, track) =>
      JSON.stringify([
        order.statusKey,
        order.rawText,
        state.collapsed,
        state.dismissed,
        track.memory,
        track.deadlines.map((d) => [d.kind, d.at, d.source]),
      ]);

    // The panel has already redrawn itself (and moved the focus) for this
    // change: record that, so the next scan doesn't draw it again and lose the focus.
    const persist = (orderId, change) => {
      const state = { ...(states.get(orderId) || DEFAULT_STATE), ...change };
      states.set(orderId, state);
      const host = hosts.get(orderId);
      if (host && lastRead.has(orderId) && lastTrack.has(orderId)) {
        drawn.set(host, signatureOf(lastRead.get(orderId), state, lastTrack.get(orderId)));
      }
      send({ type: MSG.SET_ORDER_STATE, orderId, ...change }).catch((error) => {
        console.warn('Orderwise: could not save this order’s panel state:', error.message);
      });
    };

    async function loadStates(orderIds) {
      await tracker.load(orderIds);
      for (let i = 0; i < orderIds.length; i += MAX_ORDER_IDS) {
        const orderIdsChunk = orderIds.slice(i, i + MAX_ORDER_IDS);
        try {
          const data = await send({ type: MSG.GET_ORDER_STATES, orderIds: orderIdsChunk });
          for (const id of orderIdsChunk) states.set(id, data.states[id] || DEFAULT_STATE);
        } catch {
          for (const id of orderIdsChunk) states.set(id, DEFAULT_STATE);
        }
      }
    }

    function hostFor(orderId) {
      let host = hosts.get(orderId);
      if (host && host.isConnected) return host;
      // Never two overlays for one order, whatever left one behind.
      for (const stray of document.querySelectorAll(`${TAG}[data-order-id="${orderId}"]`)) stray.remove();
      host = ns.overlay.create(orderId, type, {
        persist,
        relayout: () => position(orderId),
        remember: (id, change) => tracker.remember(id, change),
      });
      hosts.set(orderId, host);
      return host;
    }

    const lastRead = new Map(); // orderId -> the order as last read

    // Right after the status it read. An open list panel goes instead right
    // after the card's header block (the status's ancestor that is a child of
    // the card): inside the header it would push the page's header apart.
    function position(orderId) {
      const order = lastRead.get(orderId);
      const host = hosts.get(orderId);
      if (!order || !host) return;
      let after = order.after;
      if (order.card && ns.overlay.isExpanded(host)) {
        after = order.after || order.prependTo;
        while (after.parentElement && after.parentElement !== order.card) after = after.parentElement;
        if (after.parentElement !== order.card) after = order.after;
      }
      if (after) {
        if (after.nextElementSibling !== host) after.after(host);
      } else if (order.prependTo.firstElementChild !== host) {
        order.prependTo.prepend(host);
      }
    }

    function place(order) {
      const host = hostFor(order.orderId);
      lastRead.set(order.orderId, order);
      position(order.orderId);
      const state = states.get(order.orderId) || DEFAULT_STATE;
      // The order's own block is where its timers are: the list card, or the detail page.
      const scope = order.card || document.querySelector('#root .order-wrap') || document.body;
      const track = tracker.forOrder(order, scope);
      lastTrack.set(order.orderId, track);
      const signature = signatureOf(order, state, track);
      if (drawn.get(host) === signature) return false;
      drawn.set(host, signature);
      ns.overlay.update(host, {
        knowledge,
        source,
        fallback,
        lang,
        dir,
        offerReports,
        statusKey: order.statusKey,
        rawText: order.rawText,
        state,
        track,
      });
      return true;
    }

    // One pass over the page; true when it changed what Orderwise shows.
    async function scanOnce() {
      let changed = false;
      let since = performance.now();
      let orders = ns.read.findOrders(document, adapter, index);
      // A guard belongs beside an order's button: a page with no order read
      // (or a huge page still without one) is not searched for buttons.
      if (orders.length) ns.guard.place(document, knowledge, lang);
      const missing = orders.map((order) => order.orderId).filter((id) => !states.has(id) || !tracker.has(id));
      if (missing.length) {
        lastScanMs += performance.now() - since;
        await loadStates(missing);
        if (signal.aborted) return false;
        since = performance.now();
        orders = ns.read.findOrders(document, adapter, index); // the page may have moved on
      }
      if (orders.length) {
        everFound = true;
        hideNotice();
      }
      const seen = new Set();
      for (const order of orders) {
        if (!states.has(order.orderId)) {
          dirty = true; // arrived while states were loading: next round
          continue;
        }
        seen.add(order.orderId);
        if (place(order)) changed = true;
      }
      for (const [orderId, host] of hosts) {
        if (!seen.has(orderId) && !missing.includes(orderId)) {
          host.remove();
          hosts.delete(orderId);
          lastRead.delete(orderId);
          lastTrack.delete(orderId);
          changed = true;
        }
      }
      lastScanMs += performance.now() - since;
      return changed;
    }

    async function scan() {
      if (running) {
        dirty = true;
        return;
      }
      running = true;
      lastScanMs = 0;
      try {
        do {
          dirty = false;
          if (await scanOnce()) armIdleStop();
        } while (dirty && !signal.aborted);
      } catch (error) {
        console.error('Orderwise:', error);
      } finally {
        running = false;
      }
    }

    function schedule() {
      if (timer || signal.aborted) return;
      timer = setTimeout(
        () => {
          timer = 0;
          scan();
        },
        Math.max(SCAN_DELAY_MS, SCAN_PAUSE_FACTOR * lastScanMs)
      );
    }

    // Our own insertions and moves are not news.
    const isOwn = (record) =>
      record.type === 'childList' &&
      [...record.addedNodes, ...record.removedNodes].every((node) => isOverlay(node) || ns.guard.isGuard(node));

    const observer = new MutationObserver((records) => {
      if (!records.every(isOwn)) schedule();
    });

    function armIdleStop() {
      clearTimeout(idleTimer);
      idleTimer = setTimeout(stopObserving, IDLE_STOP_MS);
    }

    function startObserving() {
      if (observing || signal.aborted) return;
      observing = true;
      wake?.abort();
      wake = null;
      observer.observe(document.body, { childList: true, subtree: true, characterData: true });
      armIdleStop();
    }

    function stopObserving() {
      if (!observing) return;
      observing = false;
      observer.disconnect();
      clearTimeout(timer);
      timer = 0;
      wake = new AbortController();
      const options = { capture: true, passive: true, signal: wake.signal };
      const resume = () => {
        startObserving();
        scan();
      };
      for (const type of WAKE_EVENTS) document.addEventListener(type, resume, options);
    }

    signal.addEventListener('abort', () => {
      observer.disconnect();
      clearTimeout(timer);
      clearTimeout(idleTimer);
      wake?.abort();
      for (const host of hosts.values()) host.remove();
      hosts.clear();
      ns.guard.removeAll(document);
    });
    startObserving();
    await scan();
  }

  ns.main = Object.freeze({ init });

  const controller = new AbortController();
  ns.stop = () => controller.abort();
  init(controller.signal).catch((error) => {
    console.error('Orderwise could not start on this page:', error);
  });
})();
