// The panel's deadline parts: the one date that matters on the compact card,
// every date with its calendar file behind "More", "I've requested
// cancellation", the wait after a copied message, which step a shipped or
// delivered order is at, and "Show the Cancel button" on an order's own page.
// Each takes the panel's part context (content/panel.js); a part is null when
// it has nothing to show.
(() => {
  'use strict';
  const ns = (globalThis.orderwise = globalThis.orderwise || {});
  if (ns.deadlineParts) return;

  const { MARK } = ns.protocol;
  const { t, when } = ns.i18n;
  const { h } = ns.dom;
  const { relative } = ns.dates;
  const { HOUR, REQUEST_STATUSES } = ns.deadlines;
  const HIGHLIGHT_MS = 2500;

  // Deadlines by which the shopper has something to do ("Act by"): ask to
  // cancel before the seller ships, open a dispute before the protection
  // ends. The others are things to expect ("Expect by").
  const ACTION_KINDS = Object.freeze(['ship_by', 'protection_ends']);
  const isAction = (deadline) => ACTION_KINDS.includes(deadline.kind);

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

  // The compact card's one date: the next deadline, in relative time first.
  function whenPart({ model }) {
    const next = model.track?.next;
    if (!next) return null;
    return h(
      'p',
      { class: `when${isAction(next) ? ' act' : ''}`, 'data-kind': next.kind },
      h('span', { class: 'when-kind' }, t(isAction(next) ? 'actByHeading' : 'expectByHeading')),
      ' ',
      `${next.label}: `,
      h('strong', {}, relative(next.at, model.lang || 'en')),
      h('span', { class: 'muted' }, ` · ${when(next.at)}`)
    );
  }

  // Every date, the next one first, each with where it comes from and a calendar file.
  function datesPart({ ctl, model }) {
    const { track } = model;
    if (!track || !track.deadlines.length) return null;
    const { deadlines, next } = track;
    const ordered = next ? [next, ...deadlines.filter((d) => d !== next)] : deadlines;
    const now = Date.now();
    return h(
      'div',
      { class: 'dates', role: 'group', 'aria-label': t('datesHeading') },
      h('h2', {}, t('datesHeading')),
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
            h('span', { class: 'when-kind' }, t(isAction(d) ? 'actByHeading' : 'expectByHeading')),
            ' ',
            h('span', { class: 'dl-label' }, `${d.label}: `),
            h('strong', {}, relative(d.at, model.lang || 'en', now)),
            h('span', { class: 'muted' }, ` · ${when(d.at)}`),
            d.at <= now ? h('span', { class: 'muted' }, ` (${t('deadlinePassed')})`) : null,
            h('span', { class: 'muted block' }, basis),
            h('span', { class: 'muted block' }, d.then),
            h(
              'button',
              {
                type: 'button',
                class: 'cal',
                'data-action': 'calendar',
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

  const requestable = ({ advice, model }) => Boolean(model.track) && REQUEST_STATUSES.includes(advice.status.key);

  // "I've requested cancellation", on the compact card until it is pressed.
  function requestButton(part) {
    if (!requestable(part) || part.model.track.memory.requestedAt) return null;
    const { ctl } = part;
    return h(
      'button',
      {
        type: 'button',
        id: `ow-${ctl.orderId}-request`,
        'data-action': 'requested',
        title: t('markRequestedHint'),
        onclick: () => ctl.remember({ mark: MARK.REQUESTED }),
      },
      t('markRequested')
    );
  }

  // Behind "More": when it was requested and by whom, and the way back.
  function requestedPart(part) {
    if (!requestable(part)) return null;
    const { ctl, model } = part;
    const { memory } = model.track;
    if (!memory.requestedAt) return null; // the button on the card says what it is for
    return h(
      'div',
      { class: 'requested' },
      h('p', {}, t(memory.requestedBy === 'seen' ? 'requestSeenOn' : 'requestedOn', when(memory.requestedAt))),
      memory.requestedBy === 'user'
        ? h(
            'button',
            {
              type: 'button',
              id: `ow-${ctl.orderId}-unrequest`,
              'data-action': 'not-requested',
              onclick: () => ctl.remember({ mark: MARK.NOT_REQUESTED }),
            },
            t('undoRequested')
          )
        : null
    );
  }

  // After a message was copied: when, and how long to wait before another.
  function nagPart({ model }) {
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
      h('span', { class: 'block' }, translate(rule.text), ' ', h('em', { class: 'muted' }, `(${t('tipUnsourced')})`))
    );
  }

  // Where the shopper is on the way up after shipping: the index of the step
  // to mark in the action's own list, or null. The status says which stage
  // (advice.action.currentStep); with fewer than urgent_days of buyer
  // protection left on the page's countdown, the last stage's step instead.
  function currentStep({ advice, model }, now = Date.now()) {
    const { stages, currentStep: byStatus } = advice.action;
    const escalation = model.knowledge.followup?.escalation;
    if (byStatus === null || byStatus === undefined || !escalation) return null;
    const protection = (model.track?.deadlines || []).find((d) => d.kind === 'protection_ends' && d.at > now);
    if (protection && protection.at - now < escalation.urgent_days * 24 * HOUR) {
      const last = stages.indexOf(escalation.stages[escalation.stages.length - 1]);
      if (last >= 0) return last;
    }
    return byStatus;
  }

  // AliExpress's own Cancel control on this page, if it shows one (Orderwise's
  // own buttons are in shadow roots, out of this search's reach).
  function pageCancelButton() {
    const { cancelButtons, cancelButtonText } = ns.selectors;
    for (const element of document.querySelectorAll(cancelButtons)) {
      if (cancelButtonText.test(element.textContent)) return element;
    }
    return null;
  }

  // On an order's own page, where it can be cancelled and no request is sent
  // yet: scroll to AliExpress's Cancel button, focus and outline it for a moment.
  function showCancelButton({ ctl, advice }) {
    if (ctl.view !== 'detail' || advice.requested || !['yes', 'request'].includes(advice.canCancel)) return null;
    const said = h('span', { class: 'hint', 'aria-live': 'polite' });
    const show = () => {
      const button = pageCancelButton();
      if (!button) {
        said.textContent = t('cancelNotShown');
        return;
      }
      said.textContent = '';
      button.scrollIntoView({ block: 'center', behavior: 'smooth' });
      button.focus({ preventScroll: true });
      const { outline, outlineOffset } = button.style;
      button.style.outline = '3px solid #ff6a00';
      button.style.outlineOffset = '3px';
      button.setAttribute('data-orderwise-highlight', '');
      setTimeout(() => {
        button.style.outline = outline;
        button.style.outlineOffset = outlineOffset;
        button.removeAttribute('data-orderwise-highlight');
      }, HIGHLIGHT_MS);
    };
    return [h('button', { type: 'button', 'data-action': 'show-cancel', onclick: show }, t('showCancelButton')), said];
  }

  ns.deadlineParts = Object.freeze({
    whenPart, datesPart, requestButton, requestedPart, nagPart, currentStep, showCancelButton,
  });
})();
