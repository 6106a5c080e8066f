// Deadlines and memory for each order: the page's own timers (content/timers.js)
// first, the knowledge's rules where the page shows none; what the shopper did,
// kept by the worker; the panel parts that show them, and an .ics file per
// deadline. Every advice sentence comes from the knowledge (followup); nothing
// leaves the browser.
(() => {
  'use strict';
  const ns = (globalThis.orderwise = globalThis.orderwise || {});
  if (ns.deadlines) return;

  const { MSG, MARK, ORIGIN, MAX_ORDER_IDS } = ns.protocol;
  const { t, when } = ns.i18n;
  const HOUR = 3600 * 1000;
  // A ticking countdown read again gives the same moment give or take the
  // time it took to read; a moment that moves more than this is news.
  const STABLE_MS = 5 * 60 * 1000;
  const ALARM = '-PT2H'; // calendar reminder two hours before
  const REQUEST_STATUSES = Object.freeze(['awaiting_shipment', 'cancel_requested']);
  const REFUND_STATUSES = Object.freeze(['awaiting_shipment', 'cancel_requested', 'cancelled']);
  const ESCALATION_STATUSES = Object.freeze(['shipped', 'delivered']);
  const EMPTY_MEMORY = Object.freeze({
    origin: null, situation: null, copiedAt: null, requestedAt: null, requestedBy: null, deadline: null,
  });

  // --- dates

  const pad = (n, width = 2) => String(n).padStart(width, '0');

  // ISO 8601 in the shopper's time zone, with its offset: 2026-09-17T06:15:00+02:00.
  function isoLocal(ms) {
    const d = new Date(ms);
    const offset = -d.getTimezoneOffset();
    const sign = offset >= 0 ? '+' : '-';
    const abs = Math.abs(offset);
    return (
      `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}` +
      `T${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}` +
      `${sign}${pad(Math.floor(abs / 60))}:${pad(abs % 60)}`
    );
  }

  // RFC 5545 UTC form: 20260917T041500Z.
  function icsUtc(ms) {
    const d = new Date(ms);
    return (
      `${d.getUTCFullYear()}${pad(d.getUTCMonth() + 1)}${pad(d.getUTCDate())}` +
      `T${pad(d.getUTCHours())}${pad(d.getUTCMinutes())}${pad(d.getUTCSeconds())}Z`
    );
  }

  // The same time of day, `days` business days (Monday to Friday) later; as
  // the service's engine.add_business_days counts them.
  function addBusinessDays(ms, days) {
    const d = new Date(ms);
    const weekday = (d.getDay() + 6) % 7; // Monday 0 ... Sunday 6
    if (days > 0 && weekday > 4) d.setDate(d.getDate() - (weekday - 4));
    let rest = days;
    while (rest > 0) {
      d.setDate(d.getDate() + 1);
      if ((d.getDay() + 6) % 7 < 5) rest -= 1;
    }
    return d.getTime();
  }

  // --- deadlines

  function kindInfo(knowledge, kind, tr) {
    const entry = knowledge.followup?.deadline_kinds?.[kind];
    return entry ? { label: tr(entry.label), then: tr(entry.then), sources: entry.sources || [] } : null;
  }

  // Every deadline of an order, soonest first: [{kind, at, source: 'page'|'rule',
  // label, then, sources, window?}], its texts in lang. `timers` are the page's,
  // `memory` the worker's, `payment` the knowledge's payment-method key (or null).
  function compute(knowledge, statusKey, timers, memory, payment = null, lang = 'en') {
    const tr = ns.advice.translator(knowledge, lang);
    const list = [];
    const push = (kind, at, source, extra = {}) => {
      const info = kindInfo(knowledge, kind, tr);
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
          method: method ? tr(method.label) : null,
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
  // `send` talks to the worker; `changed()` asks main.js for a new scan;
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

    return { load, has: (orderId) => memories.has(orderId), remember, forOrder };
  }

  // --- calendar

  const icsText = (text) =>
    String(text).replace(/\\/g, '\\\\').replace(/;/g, '\\;').replace(/,/g, '\\,').replace(/\r?\n/g, '\\n');

  // Lines of at most 75 octets; a continuation starts with one space.
  function fold(line) {
    const encoder = new TextEncoder();
    const out = [];
    let current = '';
    let size = 0;
    for (const char of line) {
      const bytes = encoder.encode(char).length;
      if (size + bytes > 75) {
        out.push(current);
        current = ' ';
        size = 1;
      }
      current += char;
      size += bytes;
    }
    out.push(current);
    return out.join('\r\n');
  }

  // One VEVENT per deadline, in RFC 5545 form.
  function ics(orderId, deadline, { now = Date.now(), url } = {}) {
    const summary = t('icsSummary', orderId, deadline.label);
    const basis = deadline.source === 'page' ? t('deadlineFromPage') : t('deadlineFromRule');
    const description = [deadline.then, basis, url].filter(Boolean).join('\n');
    const lines = [
      'BEGIN:VCALENDAR',
      'VERSION:2.0',
      'PRODID:-//Orderwise//Order deadlines//EN',
      'CALSCALE:GREGORIAN',
      'METHOD:PUBLISH',
      'BEGIN:VEVENT',
      `UID:${orderId}-${deadline.kind}-${icsUtc(deadline.at)}@orderwise.invalid`,
      `DTSTAMP:${icsUtc(now)}`,
      `DTSTART:${icsUtc(deadline.at)}`,
      `SUMMARY:${icsText(summary)}`,
      `DESCRIPTION:${icsText(description)}`,
      url ? `URL:${url}` : null,
      'BEGIN:VALARM',
      'ACTION:DISPLAY',
      `TRIGGER:${ALARM}`,
      `DESCRIPTION:${icsText(summary)}`,
      'END:VALARM',
      'END:VEVENT',
      'END:VCALENDAR',
    ].filter(Boolean);
    return `${lines.map(fold).join('\r\n')}\r\n`;
  }

  function download(root, fileName, text) {
    const href = URL.createObjectURL(new Blob([text], { type: 'text/calendar;charset=utf-8' }));
    const anchor = Object.assign(document.createElement('a'), { href, download: fileName, hidden: true });
    root.append(anchor);
    anchor.click();
    anchor.remove();
    setTimeout(() => URL.revokeObjectURL(href), 60000);
  }

  // --- panel parts

  function orderUrl(orderId, memory) {
    const origin = memory.origin || (/aliexpress\.(?:com|us|ru)$/.test(location.hostname) ? location.origin : null);
    return origin ? `${origin}/p/order/detail.html?orderId=${orderId}` : null;
  }

  function ruleText(window) {
    if (Number.isInteger(window.max_hours)) return t('ruleHours', window.min_hours, window.max_hours);
    if (Number.isInteger(window.max_business_days)) {
      return t('ruleBusinessDays', window.min_business_days, window.max_business_days);
    }
    return '';
  }

  // "Act by": every deadline, the next one first and marked, each with where
  // it comes from and a calendar file.
  function actByPart(h, ctl, track) {
    const { deadlines, next } = track;
    if (!deadlines.length) return null;
    const ordered = next ? [next, ...deadlines.filter((d) => d !== next)] : deadlines;
    const now = Date.now();
    return h(
      'div',
      { class: 'act-by', role: 'group', 'aria-label': t('actByHeading') },
      h('h3', {}, t('actByHeading')),
      h(
        'ul',
        { class: 'deadlines' },
        ordered.map((d) => {
          const rule = d.window && (d.method ? t('ruleForMethod', ruleText(d.window), d.method) : ruleText(d.window));
          const basis = h(
            'span',
            { class: `basis ${d.source}` },
            d.source === 'page' ? t('deadlineFromPage') : t('deadlineFromRule'),
            d.window ? ` (${rule})` : ''
          );
          return h(
            'li',
            { 'data-kind': d.kind, 'data-source': d.source, class: d === next ? 'next' : null },
            h('span', { class: 'dl-label' }, `${d.label}: `),
            h('strong', {}, when(d.at)),
            d.at <= now ? h('span', { class: 'muted' }, ` (${t('deadlinePassed')})`) : null,
            h('span', { class: 'muted block' }, basis),
            h('span', { class: 'muted block' }, d.then),
            h(
              'button',
              {
                type: 'button',
                class: 'cal',
                'aria-label': t('addToCalendarLabel', d.label),
                onclick: () =>
                  download(
                    ctl.root,
                    `aliexpress-order-${ctl.orderId}-${d.kind.replace(/_/g, '-')}.ics`,
                    ics(ctl.orderId, d, { url: orderUrl(ctl.orderId, track.memory) })
                  ),
              },
              t('addToCalendar')
            )
          );
        })
      )
    );
  }

  // "I've requested cancellation", or when it was requested and by whom.
  function requestPart(h, ctl, statusKey, memory) {
    if (!REQUEST_STATUSES.includes(statusKey)) return null;
    const button = (id, mark, label) =>
      h('button', { type: 'button', id: `ow-${ctl.orderId}-${id}`, onclick: () => ctl.remember({ mark }) }, label);
    if (!memory.requestedAt) {
      return h(
        'div',
        { class: 'requested' },
        button('request', MARK.REQUESTED, t('markRequested')),
        h('p', { class: 'hint' }, t('markRequestedHint'))
      );
    }
    return h(
      'div',
      { class: 'requested' },
      h('p', {}, t(memory.requestedBy === 'seen' ? 'requestSeenOn' : 'requestedOn', when(memory.requestedAt))),
      memory.requestedBy === 'user' ? button('unrequest', MARK.NOT_REQUESTED, t('undoRequested')) : null
    );
  }

  // After a message was copied: when, and how long to wait before another.
  function nagPart(h, knowledge, memory, numbers, refs, lang = 'en') {
    const rule = knowledge.followup?.dont_nag;
    const tr = ns.advice.translator(knowledge, lang);
    if (!memory.copiedAt || !rule) return null;
    return h(
      'div',
      { class: 'nag', role: 'note', 'aria-label': t('nagLabel') },
      h('strong', {}, t('copiedOn', when(memory.copiedAt))),
      ' ',
      t('waitUntil', when(memory.copiedAt + rule.wait_hours * HOUR)),
      h('span', { class: 'block' }, tr(rule.text), ' ', h('em', { class: 'muted' }, `(${t('tipUnsourced')})`), refs(rule.sources, numbers))
    );
  }

  // Shipped and delivered orders: the way up, in order, the current step marked.
  function currentStep(escalation, statusKey, deadlines, now) {
    const protection = deadlines.find((d) => d.kind === 'protection_ends' && d.at > now);
    if (protection && protection.at - now < escalation.urgent_days * 24 * HOUR) {
      return escalation.steps[escalation.steps.length - 1].key;
    }
    const step = escalation.steps.find((s) => s.current_for.includes(statusKey));
    return step ? step.key : null;
  }

  function escalationPart(h, knowledge, statusKey, deadlines, numbers, refs, lang = 'en') {
    const escalation = knowledge.followup?.escalation;
    if (!escalation || !ESCALATION_STATUSES.includes(statusKey)) return null;
    const tr = ns.advice.translator(knowledge, lang);
    const current = currentStep(escalation, statusKey, deadlines, Date.now());
    return h(
      'div',
      { class: 'escalation' },
      h('h3', {}, tr(escalation.label)),
      h(
        'ol',
        { class: 'steps' },
        escalation.steps.map((step) =>
          h(
            'li',
            { 'data-step': step.key, 'aria-current': step.key === current ? 'step' : null, class: step.key === current ? 'current' : null },
            tr(step.label),
            refs(step.sources, numbers),
            step.key === current ? h('span', { class: 'here' }, ` ${t('currentStep')}`) : null
          )
        )
      )
    );
  }

  // Source ids the parts cite, so the panel's numbered sources include them.
  function citedSources(knowledge, statusKey, track) {
    const ids = [];
    const followup = knowledge.followup || {};
    for (const d of track.deadlines) ids.push(...d.sources);
    if (track.memory.copiedAt && followup.dont_nag) ids.push(...followup.dont_nag.sources);
    if (followup.escalation && ESCALATION_STATUSES.includes(statusKey)) {
      for (const step of followup.escalation.steps) ids.push(...step.sources);
    }
    return ids;
  }

  const STYLE = `
    .act-by { margin: 8px 0 4px; padding: 8px 10px; border: 1px solid var(--ow-line); border-radius: 6px; }
    .act-by h3 { margin-top: 0; }
    .deadlines { list-style: none; padding: 0; }
    .deadlines li { margin: 4px 0 8px; }
    .deadlines li.next strong { color: var(--ow-brand); font-size: 14px; }
    .block { display: block; }
    .basis.rule { font-style: italic; }
    .cal { margin-top: 4px; font-size: 12px; min-height: 24px; }
    .requested { margin-top: 10px; }
    .requested p { margin: 4px 0; }
    .nag { margin-top: 10px; padding: 6px 8px; border-inline-start: 3px solid var(--ow-request);
      background: var(--ow-request-tint); border-radius: 4px; }
    .steps li.current { font-weight: 700; }
    .here { color: var(--ow-brand); font-weight: 700; }
  `;

  ns.deadlines = Object.freeze({
    STYLE, decorate, tracker, actByPart, requestPart, nagPart, escalationPart, citedSources,
  });
})();
