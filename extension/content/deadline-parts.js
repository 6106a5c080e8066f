// The panel's deadline parts: "Act by" with a calendar file per deadline, the
// "I've requested cancellation" mark, the wait after a copied message, and the
// way up for shipped and delivered orders. Each takes the panel's part context
// (content/panel.js) and is null when it has nothing to show.
(() => {
  'use strict';
  const ns = (globalThis.orderwise = globalThis.orderwise || {});
  if (ns.deadlineParts) return;

  const { MARK } = ns.protocol;
  const { t, when } = ns.i18n;
  const { h } = ns.dom;
  const { HOUR, REQUEST_STATUSES, ESCALATION_STATUSES } = ns.deadlines;

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
  function actByPart({ ctl, model }) {
    const { track } = model;
    if (!track) return null;
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
                  ns.ics.download(
                    ctl.root,
                    `aliexpress-order-${ctl.orderId}-${d.kind.replace(/_/g, '-')}.ics`,
                    ns.ics.calendar(ctl.orderId, d, { url: orderUrl(ctl.orderId, track.memory) })
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
  function requestPart({ ctl, advice, model }) {
    if (!model.track || !REQUEST_STATUSES.includes(advice.status.key)) return null;
    const { memory } = model.track;
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
  function nagPart({ model, cite }) {
    const { knowledge, track, lang } = model;
    const rule = knowledge.followup?.dont_nag;
    if (!track || !track.memory.copiedAt || !rule) return null;
    const { memory } = track;
    const translate = ns.advice.translator(knowledge, lang);
    return h(
      'div',
      { class: 'nag', role: 'note', 'aria-label': t('nagLabel') },
      h('strong', {}, t('copiedOn', when(memory.copiedAt))),
      ' ',
      t('waitUntil', when(memory.copiedAt + rule.wait_hours * HOUR)),
      h('span', { class: 'block' }, translate(rule.text), ' ', h('em', { class: 'muted' }, `(${t('tipUnsourced')})`), cite(rule.sources))
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

  function escalationPart({ advice, model, cite }) {
    const { knowledge, track, lang } = model;
    const statusKey = advice.status.key;
    const escalation = knowledge.followup?.escalation;
    if (!track || !escalation || !ESCALATION_STATUSES.includes(statusKey)) return null;
    const translate = ns.advice.translator(knowledge, lang);
    const current = currentStep(escalation, statusKey, track.deadlines, Date.now());
    return h(
      'div',
      { class: 'escalation' },
      h('h3', {}, translate(escalation.label)),
      h(
        'ol',
        { class: 'steps' },
        escalation.steps.map((step) =>
          h(
            'li',
            { 'data-step': step.key, 'aria-current': step.key === current ? 'step' : null, class: step.key === current ? 'current' : null },
            translate(step.label),
            cite(step.sources),
            step.key === current ? h('span', { class: 'here' }, ` ${t('currentStep')}`) : null
          )
        )
      )
    );
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

  ns.deadlineParts = Object.freeze({ STYLE, actByPart, requestPart, nagPart, escalationPart });
})();
