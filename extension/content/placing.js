// Placing overlays: one <orderwise-advice> per order read, right after its
// status, drawn again only when what it shows changed, and removed when its
// order leaves the page. Everything placed is removed when the signal aborts.
(() => {
  'use strict';
  const ns = (globalThis.orderwise = globalThis.orderwise || {});
  if (ns.placing) return;

  const SLICE_MS = 16; // a pass that draws many overlays lets the page run between slices this long
  const DEFAULT_STATE = Object.freeze({ collapsed: false, dismissed: false });

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

  // One context:
  // - adapter: the page kind's reader (content/read.js);
  // - session: what the worker answered, which a revalidation may replace
  //   (knowledge, source, fallback, lang, dir, offerReports, index, tracker,
  //   and atStart: {states, memories} of the orders asked for with the
  //   knowledge, until the first pass ends);
  // - send: a request to the worker;
  // - changes(): how many changes of its own the page has made so far;
  // - found(): called when a pass finds orders.
  function init(signal, { adapter, session, send, changes, found }) {
    const { MSG, MAX_ORDER_IDS } = ns.protocol;
    const hosts = new Map(); // orderId -> <orderwise-advice>
    const states = new Map(); // orderId -> {collapsed, dismissed}
    const lastRead = new Map(); // orderId -> the order as last read
    const lastTrack = new Map(); // orderId -> its deadlines and memory as last drawn
    let drawn = new WeakMap(); // host -> signature of what it shows

    // The panel has already redrawn itself (and moved the focus) for this
    // change: record that, so the next pass doesn't draw it again and lose the focus.
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

    // Whether the first reply had these orders' states and memories.
    const atStart = (orderIds) => Boolean(session.atStart) && orderIds.every((id) => Object.hasOwn(session.atStart.states, id));

    // The panels' states and the orders' memories, asked for together, for
    // the orders read on the page only.
    async function loadStates(orderIds) {
      const { tracker } = session;
      if (atStart(orderIds)) {
        for (const id of orderIds) states.set(id, session.atStart.states[id]);
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
      for (const stray of (card || document).querySelectorAll(`${ns.overlay.TAG}[data-order-id="${orderId}"]`)) {
        stray.remove();
      }
      host = ns.overlay.create(orderId, adapter.kind, {
        persist,
        remember: (id, change) => session.tracker.remember(id, change),
        forget: (id) => session.tracker.forget(id).then(() => states.set(id, DEFAULT_STATE)),
      });
      hosts.set(orderId, host);
      return host;
    }

    // Right after the status it read, where a list's popover opens over the
    // page. On an order's own page, after the status line that follows the
    // status (at most two siblings on): the status line stays where AliExpress put it.
    function position(orderId) {
      const order = lastRead.get(orderId);
      const host = hosts.get(orderId);
      if (!order || !host) return;
      let after = order.after;
      if (after && !order.card) {
        for (let i = 0; i < 2 && after.nextElementSibling && after.nextElementSibling !== host; i += 1) {
          after = after.nextElementSibling;
        }
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
      const track = session.tracker.forOrder(order, scope);
      lastTrack.set(order.orderId, track);
      const signature = signatureOf(order, state, track);
      if (drawn.get(host) === signature) return false;
      drawn.set(host, signature);
      const { knowledge, source, fallback, lang, offerReports } = session;
      ns.overlay.update(host, {
        knowledge,
        source,
        fallback,
        lang,
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

    // One pass over the whole page, or over the list cards that changed (a
    // round from content/pacing.js); true when it changed what Orderwise shows.
    async function pass(round) {
      const { whole, cards } = round;
      let changed = false;
      let since = performance.now();
      let task = since; // when the page last had the thread
      let placed = 0; // orders placed since then
      const find = (within) => ns.read.findOrders(document, adapter, session.index, within);
      let orders = find(cards);
      if (!whole) {
        // An order already shown in another card of the page stays there.
        orders = orders.filter((order) => {
          const shownIn = lastRead.get(order.orderId)?.card;
          return !shownIn || shownIn === order.card || !shownIn.isConnected;
        });
      }
      round.read(orders.length);
      // A guard belongs beside an order's button: a page with no order read
      // (or a huge page still without one) is not searched for buttons.
      if (orders.length) {
        const { knowledge, lang } = session;
        if (whole) ns.guard.place(document, knowledge, lang);
        else for (const card of cards) ns.guard.place(card, knowledge, lang);
      }
      const missing = orders.map((order) => order.orderId).filter((id) => !states.has(id) || !session.tracker.has(id));
      if (missing.length) {
        round.busy(performance.now() - since);
        const before = changes();
        const asked = !atStart(missing); // else answered without leaving this task
        await loadStates(missing);
        if (signal.aborted) return false;
        since = performance.now();
        if (asked) task = since;
        if (changes() !== before) {
          // The page moved on: read it again. Cards changed meanwhile are the next round's.
          orders = find(cards && cards.filter((card) => card.isConnected));
        }
      }
      if (orders.length) found();
      const seen = new Set();
      for (const order of orders) {
        if (placed > 0 && performance.now() - task > SLICE_MS) {
          // No long task: the page's own work (and a frame) goes first. If
          // the page changed meanwhile, the pass starts again from the top.
          round.busy(performance.now() - since);
          const before = changes();
          await new Promise((resolve) => {
            setTimeout(resolve);
          });
          if (signal.aborted) return false;
          since = task = performance.now();
          placed = 0;
          if (changes() !== before) {
            round.owe();
            return changed;
          }
        }
        if (!states.has(order.orderId)) {
          // Arrived while states were loading: next round.
          round.again(order.card);
          continue;
        }
        seen.add(order.orderId);
        placed += 1;
        if (place(order)) changed = true;
      }
      // Overlays of orders no longer shown: on a partial pass, those whose card
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
      round.busy(performance.now() - since);
      return changed;
    }

    // What is drawn no longer counts: the next pass draws every overlay again.
    function forgetDrawn() {
      drawn = new WeakMap();
    }

    signal.addEventListener('abort', () => {
      for (const host of hosts.values()) host.remove();
      hosts.clear();
      ns.guard.removeAll(document);
    });
    return Object.freeze({ pass, forgetDrawn });
  }

  ns.placing = Object.freeze({ init });
})();
