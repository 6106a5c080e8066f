// Wiring: get the knowledge from the worker, draw one overlay per order, and
// follow the page (orders loaded later, status changed in place) with a
// MutationObserver. Everything init() sets up is undone when its signal aborts.
//
// Start-up: at document_idle (the page parsed; at document_start our scripts
// split the page's parse and made it one long task with its first layout, and
// the overlays came no sooner), the worker answers from what it has; the
// service is asked after the first overlays, which change only if it differs.
//
// The observer is bounded, in time and in cost:
// - It stops IDLE_STOP_MS (60 s) after the last useful change: a scan that
//   added, changed or removed an overlay (start-up counts as one). A page that
//   never shows a status, or that rewrites itself forever (countdowns,
//   carousels), does not keep Orderwise scanning. The user's next click, key
//   press or wheel turn starts it again, with a scan and a new 60 s: what the
//   user does (load more orders, switch tabs) is what brings new orders.
// - On a list, a change inside some cards (or cards added, or removed) reads
//   only those cards; any other change reads the whole page again.
// - Scans are spaced so that they take at most about a tenth of the page's
//   main thread: a scan starts SCAN_PAUSE_FACTOR times as long as it is
//   expected to take after the last one ended, at the earliest; past that, on
//   the next frame. A whole page is expected to take what it took last time;
//   a few cards, what a card took then.
(() => {
  'use strict';
  const ns = (globalThis.orderwise = globalThis.orderwise || {});
  if (ns.main) return;

  const { MSG, MAX_ORDER_IDS } = ns.protocol;
  const { TAG, isOverlay } = ns.overlay;
  const SCAN_PAUSE_FACTOR = 9; // pause >= 9x the last scan: scanning stays under ~10% of the thread
  const FRAME_FALLBACK_MS = 100; // a hidden tab draws no frames: scan after this instead
  const SLICE_MS = 16; // a scan that draws many overlays lets the page run between slices this long
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
    const tag = (document.documentElement?.lang || navigator.language || 'en').trim();
    return /^[A-Za-z]{2,3}(?:[-_][A-Za-z0-9]{1,8})*$/.test(tag) && tag.length <= 35 ? tag : 'en';
  }

  async function init(signal) {
    const adapter = ns.read.adapterFor(location.href);
    const pageLang = pageLanguage();
    const reply = await send({ type: MSG.GET_KNOWLEDGE, pageLang });
    if (signal.aborted) return;
    const { offerReports, lang, dir, messages } = reply;
    let { knowledge, source, fallback } = reply;
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
    let index = ns.read.useIndex(reply.index);
    // Every order with something stored, as the first reply had them: the
    // first scan's orders need no second round trip (later ones ask).
    let atStart = reply.orders;
    const trackerSend = (message) =>
      message.type === MSG.GET_MEMORIES && atStart ? Promise.resolve({ memories: atStart.memories }) : send(message);
    // Deadlines and per-order memory (content/deadlines.js).
    const newTracker = () => ns.deadlines.tracker({ knowledge, lang, send: trackerSend, changed: () => schedule(null) });
    let tracker = newTracker();
    let everFound = false;
    const unreadableTimer = setTimeout(() => {
      if (!everFound && !signal.aborted) showNotice();
    }, UNREADABLE_AFTER_MS);
    signal.addEventListener('abort', () => clearTimeout(unreadableTimer));
    const hosts = new Map(); // orderId -> <orderwise-advice>
    const states = new Map(); // orderId -> {collapsed, dismissed}
    let drawn = new WeakMap(); // host -> signature of what it shows
    let running = false;
    let dirty = false;
    let cancelScheduled = null; // set while a scan is scheduled
    let scheduledAt = 0; // the earliest start of the scheduled scan; 0: the next frame
    let idleTimer = 0;
    let scanOrders = 0; // orders it read
    let lastScanMs = 0; // how long the last scan kept the thread busy (waiting for the worker excluded)
    let lastScanEnd = -Infinity; // performance.now() when it ended
    let wholeMs = 0; // how long the last scan of the whole page took
    let orderMs = 0; // how long an order took to read and draw in the last scan
    const cardSel = ns.read.cardSelector(adapter); // null: every scan reads the whole page
    let wholePending = true; // the next scan reads the whole page
    const dirtyCards = new Set(); // else only these list cards
    const wholeNext = () => wholePending || !cardSel;
    let changes = 0; // the page's own changes seen so far
    let observing = false;
    let wake = null; // AbortController of the wake-up listeners while stopped
    const lastTrack = new Map(); // orderId -> its deadlines and memory as last drawn

    const signatureOf = (order, state, track) =>
      JSON.stringify([
        order.statusKey,
        order.rawText,
        order.match,
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

    // The panels' states and the orders' memories, asked for together.
    async function loadStates(orderIds) {
      if (atStart) {
        for (const id of orderIds) states.set(id, atStart.states[id] || DEFAULT_STATE);
        return tracker.load(orderIds);
      }
      const chunks = [];
      for (let i = 0; i < orderIds.length; i += MAX_ORDER_IDS) chunks.push(orderIds.slice(i, i + MAX_ORDER_IDS));
      const loadChunk = async (chunk) => {
        try {
          const data = await send({ type: MSG.GET_ORDER_STATES, orderIds: chunk });
          for (const id of chunk) states.set(id, data.states[id] || DEFAULT_STATE);
        } catch {
          for (const id of chunk) states.set(id, DEFAULT_STATE);
        }
      };
      await Promise.all([tracker.load(orderIds), ...chunks.map(loadChunk)]);
    }

    function hostFor({ orderId, card }) {
      let host = hosts.get(orderId);
      if (host && host.isConnected) return host;
      // Never two overlays for one order, whatever left one behind (in its card, on a list).
      for (const stray of (card || document).querySelectorAll(`${TAG}[data-order-id="${orderId}"]`)) stray.remove();
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
      const host = hostFor(order);
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
        match: order.match,
        matchedWords: order.matchedWords,
        state,
        track,
      });
      return true;
    }

    // One pass over the whole page, or over the list cards that changed; true
    // when it changed what Orderwise shows. Adds to lastScanMs and scanOrders.
    async function scanOnce(whole) {
      let changed = false;
      let since = performance.now();
      let task = since; // when the page last had the thread
      let placed = 0; // orders placed since then
      const cards = whole ? null : [...dirtyCards].filter((card) => card.isConnected && card.matches(cardSel));
      wholePending = false;
      dirtyCards.clear();
      // A scan given up half-way is owed again.
      const owe = () => {
        if (whole) wholePending = true;
        else for (const card of cards) dirtyCards.add(card);
      };
      let orders = ns.read.findOrders(document, adapter, index, cards);
      if (!whole) {
        // An order already shown in another card of the page stays there.
        orders = orders.filter((order) => {
          const shownIn = lastRead.get(order.orderId)?.card;
          return !shownIn || shownIn === order.card || !shownIn.isConnected;
        });
      }
      scanOrders += orders.length;
      // A guard belongs beside an order's button: a page with no order read
      // (or a huge page still without one) is not searched for buttons.
      if (orders.length) {
        if (whole) ns.guard.place(document, knowledge, lang);
        else for (const card of cards) ns.guard.place(card, knowledge, lang);
      }
      const missing = orders.map((order) => order.orderId).filter((id) => !states.has(id) || !tracker.has(id));
      if (missing.length) {
        lastScanMs += performance.now() - since;
        const before = changes;
        const asked = !atStart; // else answered without leaving this task
        await loadStates(missing);
        if (signal.aborted) return false;
        since = performance.now();
        if (asked) task = since;
        if (changes !== before) {
          // The page moved on: read it again. Cards changed meanwhile are the next round's.
          orders = ns.read.findOrders(document, adapter, index, cards && cards.filter((card) => card.isConnected));
        }
      }
      if (orders.length) {
        everFound = true;
        hideNotice();
      }
      const seen = new Set();
      for (const order of orders) {
        if (placed > 0 && performance.now() - task > SLICE_MS) {
          // No long task: the page's own work (and a frame) goes first. If
          // the page changed meanwhile, the scan starts again from the top.
          lastScanMs += performance.now() - since;
          const before = changes;
          await new Promise((resolve) => {
            setTimeout(resolve);
          });
          if (signal.aborted) return false;
          since = task = performance.now();
          placed = 0;
          if (changes !== before) {
            owe();
            dirty = true;
            return changed;
          }
        }
        if (!states.has(order.orderId)) {
          // Arrived while states were loading: next round.
          if (whole) wholePending = true;
          else dirtyCards.add(order.card);
          dirty = true;
          continue;
        }
        seen.add(order.orderId);
        placed += 1;
        if (place(order)) changed = true;
      }
      // Overlays of orders no longer shown: on a partial scan, those whose card
      // left the page or was read without them.
      const scanned = new Set(cards);
      const gone = (orderId) => {
        if (seen.has(orderId) || missing.includes(orderId)) return false;
        if (whole) return true;
        const card = lastRead.get(orderId)?.card;
        return !card || !card.isConnected || scanned.has(card);
      };
      for (const [orderId, host] of hosts) {
        if (gone(orderId)) {
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
      scanOrders = 0;
      let whole = false;
      try {
        do {
          dirty = false;
          const round = wholeNext();
          whole ||= round;
          if (await scanOnce(round)) armIdleStop();
        } while (dirty && !signal.aborted);
      } catch (error) {
        console.error('Orderwise:', error);
      } finally {
        running = false;
        lastScanEnd = performance.now();
        if (whole) wholeMs = lastScanMs;
        if (scanOrders) orderMs = lastScanMs / scanOrders;
      }
    }

    // What the next scan is expected to cost: the whole page, or its changed cards.
    const expectedMs = () => (wholeNext() ? wholeMs : Math.min(wholeMs, orderMs * dirtyCards.size));

    // A scan of the whole page (cards null) or of these list cards, soon.
    // Already scheduled, it is put off if what is now pending (the whole page
    // after a few cards, say) may not start that soon.
    function schedule(cards) {
      if (cards) for (const card of cards) dirtyCards.add(card);
      else wholePending = true;
      if (signal.aborted) return;
      const pause = lastScanEnd + SCAN_PAUSE_FACTOR * expectedMs() - performance.now();
      const at = pause > 0 ? performance.now() + pause : 0;
      if (cancelScheduled) {
        if (at <= scheduledAt) return;
        cancelScheduled();
      }
      scheduledAt = at;
      const fire = () => {
        cancelScheduled();
        cancelScheduled = null;
        scan();
      };
      const timer = setTimeout(fire, pause > 0 ? pause : FRAME_FALLBACK_MS);
      const frame = pause > 0 ? 0 : requestAnimationFrame(fire);
      cancelScheduled = () => {
        clearTimeout(timer);
        cancelAnimationFrame(frame);
      };
    }

    // Our own insertions and moves are not news.
    const isOwn = (record) =>
      record.type === 'childList' &&
      [...record.addedNodes, ...record.removedNodes].every((node) => isOverlay(node) || ns.guard.isGuard(node));

    // The list cards that the page's changes touched: changed inside, or
    // added (cards removed need no reading: the scan lets their overlays go).
    // Null when a change lies outside the cards, or the page has no card
    // selector: the whole page is read then.
    function touchedCards(records) {
      if (!cardSel) return null;
      const cards = new Set();
      const cardsIn = (node) => {
        if (node.nodeType === Node.TEXT_NODE && !node.data.trim()) return [];
        if (node.nodeType !== Node.ELEMENT_NODE) return null;
        const inner = node.matches(cardSel) ? [node] : node.querySelectorAll(cardSel);
        return inner.length ? inner : null;
      };
      for (const record of records) {
        if (isOwn(record)) continue;
        const { target } = record;
        let card = (target.nodeType === Node.ELEMENT_NODE ? target : target.parentElement)?.closest(cardSel);
        // The outermost: a page's own nested element may match a [class*=] selector too.
        for (let outer = card; outer; outer = outer.parentElement?.closest(cardSel)) card = outer;
        if (card) {
          cards.add(card);
          continue;
        }
        if (record.type !== 'childList') return null;
        for (const node of record.removedNodes) if (!cardsIn(node)) return null;
        for (const node of record.addedNodes) {
          const added = cardsIn(node);
          if (!added) return null;
          for (const each of added) cards.add(each);
        }
      }
      return cards;
    }

    const observer = new MutationObserver((records) => {
      if (records.every(isOwn)) return;
      changes += 1;
      schedule(touchedCards(records));
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
      cancelScheduled?.();
      cancelScheduled = null;
      wake = new AbortController();
      const options = { capture: true, passive: true, signal: wake.signal };
      const resume = () => {
        startObserving();
        wholePending = true;
        scan();
      };
      for (const type of WAKE_EVENTS) document.addEventListener(type, resume, options);
    }

    signal.addEventListener('abort', () => {
      observer.disconnect();
      cancelScheduled?.();
      clearTimeout(idleTimer);
      wake?.abort();
      for (const host of hosts.values()) host.remove();
      hosts.clear();
      ns.guard.removeAll(document);
    });
    // The knowledge, source and note shown were what the worker had at hand:
    // now the service is asked. Only what changed is drawn again.
    function revalidate() {
      send({ type: MSG.GET_KNOWLEDGE, pageLang, since: knowledge.version })
        .then((fresh) => {
          if (signal.aborted || (!fresh.knowledge && fresh.source === source && fresh.fallback === fallback)) return;
          if (fresh.knowledge) {
            knowledge = fresh.knowledge;
            index = ns.read.useIndex(fresh.index);
            tracker = newTracker(); // its deadlines follow the knowledge; memories load again
          }
          ({ source, fallback } = fresh);
          drawn = new WeakMap();
          wholePending = true;
          if (observing) schedule(null);
          else scan();
        })
        .catch((error) => {
          console.warn('Orderwise: could not revalidate the advice:', error.message);
        });
    }

    startObserving();
    await scan();
    atStart = null;
    if (reply.revalidate) revalidate(); // after the first overlays, not competing with them
  }

  ns.main = Object.freeze({ init });

  const controller = new AbortController();
  ns.stop = () => controller.abort();
  init(controller.signal).catch((error) => {
    console.error('Orderwise could not start on this page:', error);
  });
})();
