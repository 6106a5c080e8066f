// Deadlines and memory for each order: the page's own timers (content/timers.js)
// first, the knowledge's rules where the page shows none, and what the shopper
// did, kept by the worker. Every advice sentence comes from the knowledge
// (followup); nothing leaves the browser. The panel shows them with
// content/deadline-parts.js.
(() => {
  'use strict';
  const ns = (globalThis.orderwise = globalThis.orderwise || {});
  if (ns.deadlines) return;

  const { MSG, MARK, ORIGIN, MAX_ORDER_IDS } = ns.protocol;
  const { isoLocal, addBusinessDays } = ns.dates;
  const HOUR = 3600 * 1000;
  // A ticking countdown read again gives the same moment give or take the
  // time it took to read; a moment that moves more than this is news.
  const STABLE_MS = 5 * 60 * 1000;
  const REQUEST_STATUSES = Object.freeze(['awaiting_shipment', 'cancel_requested']);
  const REFUND_STATUSES = Object.freeze(['awaiting_shipment', 'cancel_requested', 'cancelled']);
  const EMPTY_MEMORY = Object.freeze({
    origin: null, situation: null, copiedAt: null, requestedAt: null, requestedBy: null, deadline: null,
  });

  // --- deadlines

  function kindInfo(knowledge, kind, translate) {
    const entry = knowledge.followup?.deadline_kinds?.[kind];
    return entry ? { label: translate(entry.label), then: translate(entry.then), sources: entry.sources || [] } : null;
  }

  // Every deadline of an order, soonest first: [{kind, at, source: 'page'|'rule',
  // label, then, sources, window?}], its texts in lang. `timers` are the page's,
  // `memory` the worker's, `payment` the knowledge's payment-method key (or null).
  function compute(knowledge, statusKey, timers, memory, payment = null, lang = 'en') {
    const translate = ns.advice.translator(knowledge, lang);
    const list = [];
    const push = (kind, at, source, extra = {}) => {
      const info = kindInfo(knowledge, kind, translate);
      if (info && Number.isFinite(at)) list.push({ kind, at, source, ...info, ...extra });
    };
    for (const timer of timers) push(timer.kind, timer.at, 'page', { pageText: timer.text });

    const rules = knowledge.followup?.rules || {};
    const timelines = knowledge.timelines || {};
    const requestedAt = memory.requestedAt;
    let answerBy = null;
    if (requestedAt && REQUEST_STATUSES.includes(statusKey)) {
      const fromPage = list.find((d) => d.kind === 'seller_answer');
      const window = timelines[rules.seller_answer];
      if (fromPage) answerBy = fromPage.at;
      else if (window && Number.isInteger(window.max_hours)) {
        answerBy = requestedAt + window.max_hours * HOUR;
        push('seller_answer', answerBy, 'rule', { window });
      }
    }
    if (requestedAt && REFUND_STATUSES.includes(statusKey)) {
      // A payment method with its own refund time overrides the general window.
      const general = timelines[rules.refund_due];
      const method = (knowledge.payment_methods || []).find((m) => m.key === payment) || null;
      const window =
        general && method && Number.isInteger(method.max_business_days)
          ? { ...general, min_business_days: method.min_business_days, max_business_days: method.max_business_days }
          : general;
      if (window && Number.isInteger(window.max_business_days)) {
        push('refund_due', addBusinessDays(answerBy || requestedAt, window.max_business_days), 'rule', {
          window,
          method: method ? translate(method.label) : null,
        });
      }
    }
    return list.sort((a, b) => a.at - b.at);
  }

  const nextOf = (deadlines, now) => deadlines.find((d) => d.at > now) || null;

  // The element's test contract: data-act-by (ISO 8601 with offset) and
  // data-act-by-source (page|rule) when the order has a next deadline.
  function decorate(host, next) {
    if (next) {
      host.setAttribute('data-act-by', isoLocal(next.at));
      host.setAttribute('data-act-by-source', next.source);
    } else {
      host.removeAttribute('data-act-by');
      host.removeAttribute('data-act-by-source');
    }
  }

  // --- memory

  const isFollowed = (memory) => Boolean(memory.situation || memory.copiedAt || memory.requestedAt);
  const sameDeadline = (a, b) =>
    (a === null && b === null) || (a && b && a.at === b.at && a.kind === b.kind && a.source === b.source);

  // One per page: the orders' memories and the timers as first read.
  // `send` talks to the worker; `changed()` asks for a new pass over the page;
  // `lang` is the language the deadlines are labelled in.
  function tracker({ knowledge, lang = 'en', send, changed }) {
    const memories = new Map();
    const readings = new Map(); // orderId -> Map(kind -> timer)
    const pending = new Set();
    const seenRequest = new Set();
    const origin = ORIGIN.test(location.origin) ? location.origin : undefined;

    async function load(orderIds) {
      for (let i = 0; i < orderIds.length; i += MAX_ORDER_IDS) {
        const chunk = orderIds.slice(i, i + MAX_ORDER_IDS);
        const data = await send({ type: MSG.GET_MEMORIES, orderIds: chunk }).catch(() => null);
        for (const id of chunk) memories.set(id, data?.memories?.[id] || EMPTY_MEMORY);
      }
    }

    function remember(orderId, change) {
      const message = { type: MSG.REMEMBER, orderId, ...change };
      if (change.mark) message.at = Date.now();
      if (origin) message.origin = origin;
      const key = `${orderId} ${JSON.stringify(change)}`;
      pending.add(key);
      return send(message)
        .then((data) => {
          memories.set(orderId, data.memory);
          changed();
        })
        .catch((error) => console.warn('Orderwise: could not remember this order:', error.message))
        .finally(() => pending.delete(key));
    }

    // The timers read now, but a countdown that only ticked keeps its first reading.
    function steady(orderId, timers) {
      const kept = readings.get(orderId) || new Map();
      const next = new Map();
      for (const timer of timers) {
        const before = kept.get(timer.kind);
        next.set(timer.kind, before && Math.abs(before.at - timer.at) <= STABLE_MS ? before : timer);
      }
      readings.set(orderId, next);
      return [...next.values()];
    }

    // {memory, deadlines, next} for an order as read; tells the worker what it
    // needs to know (a request the page shows, a followed order's next deadline).
    function forOrder(order, scope) {
      const now = Date.now();
      const memory = memories.get(order.orderId) || EMPTY_MEMORY;
      const timers = steady(order.orderId, ns.timers.read(scope, now));
      // How it was paid only picks the refund window, which counts from a request.
      const payment = memory.requestedAt ? ns.timers.payment(scope) : null;
      const deadlines = compute(knowledge, order.statusKey, timers, memory, payment, lang);
      const next = nextOf(deadlines, now);

      if (order.statusKey === 'cancel_requested' && !memory.requestedAt && !seenRequest.has(order.orderId)) {
        seenRequest.add(order.orderId);
        remember(order.orderId, { mark: MARK.REQUEST_SEEN });
      }
      const stored = next ? { at: next.at, kind: next.kind, source: next.source } : null;
      if (isFollowed(memory) && !sameDeadline(memory.deadline, stored)) {
        const change = { deadline: stored };
        if (!pending.has(`${order.orderId} ${JSON.stringify(change)}`)) remember(order.orderId, change);
      }
      return { memory, deadlines, next };
    }

    // "Forget this order": the worker drops its state and memory; here it reads
    // as never followed (a request the page shows is not noted again on this page).
    function forget(orderId) {
      return send({ type: MSG.FORGET, orderId }).then(() => {
        memories.set(orderId, EMPTY_MEMORY);
        seenRequest.add(orderId);
        changed();
      });
    }

    return { load, has: (orderId) => memories.has(orderId), remember, forget, forOrder };
  }

  // Source ids the parts cite, so the panel's numbered sources include them.
  function citedSources(knowledge, track) {
    const ids = [];
    const followup = knowledge.followup || {};
    for (const d of track.deadlines) ids.push(...d.sources);
    if (track.memory.copiedAt && followup.dont_nag) ids.push(...followup.dont_nag.sources);
    return ids;
  }

  ns.deadlines = Object.freeze({
    HOUR, REQUEST_STATUSES, decorate, tracker, citedSources, isFollowed,
  });
})();
