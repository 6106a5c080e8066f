// The open panel's body. First the compact card: the verdict, the one
// deadline that matters, the situation and the reason to pick, the message to
// the seller with its Copy button, and the next things to press. Behind "More":
// the steps (a shipped or delivered order's current one marked), every date,
// warnings, time limits and the sources.
// Every part takes one context: {ctl (the overlay's per-element state), advice
// (composed), model (what was read and known), redraw(focusId)}.
(() => {
  'use strict';
  const ns = (globalThis.orderwise = globalThis.orderwise || {});
  if (ns.panel) return;

  const { t } = ns.i18n;
  const { h } = ns.dom;
  const { SOURCE, MARK } = ns.protocol;
  const MAX_RAW_TEXT = 64;
  const COPIED_VISIBLE_MS = 6000;
  // What the row says after Copy; `failedTouch` on a touch screen, which has
  // no Ctrl+C: there the shopper copies with a long press on the message.
  const COPY_WORDS = Object.freeze({ done: 'copied', failed: 'copyFailed', failedTouch: 'copyFailedTouch' });

  const EVIDENCE = Object.freeze({
    official: 'evidenceOfficial',
    official_old: 'evidenceOfficialOld',
    official_copy: 'evidenceOfficialCopy',
    third_party: 'evidenceThirdParty',
    observed: 'evidenceObserved',
    unsourced: 'evidenceUnsourced',
  });

  // Text quoted from the page (here, and the dispute kit's facts): one line,
  // without control characters or bidi overrides, embeddings and isolates,
  // which would reorder Orderwise's own sentence around it; at most `max` long.
  const UNWANTED = /[\u0000-\u001F\u007F\u061C\u200E\u200F\u202A-\u202E\u2066-\u2069]/g;
  function pageText(text, max) {
    const plain = text.replace(UNWANTED, ' ').replace(/\s+/g, ' ').trim();
    return plain.length > max ? `${plain.slice(0, max - 1)}…` : plain;
  }

  function windowText(window) {
    const unit = ['hours', 'days', 'business_days'].find((u) => Number.isInteger(window[`min_${u}`]));
    if (!unit) return '';
    const low = window[`min_${unit}`];
    const high = window[`max_${unit}`];
    const name = { hours: 'Hours', days: 'Days', business_days: 'BusinessDays' }[unit];
    if (low === high) return t(`exact${name}`, low);
    if (low === 0) return t(`upTo${name}`, high);
    return t(`range${name}`, low, high);
  }

  function safeHref(url) {
    const parsed = URL.canParse(url) ? new URL(url) : null;
    return parsed && ['https:', 'http:'].includes(parsed.protocol) ? parsed.href : null;
  }

  // The situation picker and the reason, only where a reason or a message applies.
  function situationPart({ ctl, advice, redraw }) {
    const ids = `ow-${ctl.orderId}`;
    const { reason, note, message } = advice.situation;
    if (!reason && message === null) return null;
    const select = h(
      'select',
      {
        id: `${ids}-situation`,
        onchange: (event) => {
          ctl.situationKey = event.target.value;
          redraw(`${ids}-situation`);
          ctl.remember({ situation: ctl.situationKey });
        },
      },
      advice.situations.map((s) => {
        const option = h('option', { value: s.key }, s.label);
        option.selected = s.key === advice.situation.key;
        return option;
      })
    );
    return h(
      'div',
      { class: 'situation' },
      h('div', { class: 'field' }, h('label', { for: `${ids}-situation` }, t('situationLabel')), select),
      reason && [
        h('p', { class: 'reason' }, t('reasonLabel'), ' ', h('strong', {}, t('quoted', reason.label))),
        reason.fault === 'seller' ? h('p', { class: 'blame', role: 'note' }, h('strong', {}, t('sellerFaultWarning')), ' ', note) : null,
      ]
    );
  }

  // The message box shows the composed message and takes the user's own edits;
  // what Copy puts on the clipboard is kept here, from those two, and never
  // read back from the box, which a page script could change under the user.
  function messagePart(ctl, ids, message, translation) {
    if (ctl.edit?.of !== message) ctl.edit = { of: message, text: message };
    const box = h('textarea', {
      id: `${ids}-message`,
      rows: 3,
      spellcheck: 'false',
      lang: 'en',
      dir: 'ltr',
      'aria-label': t('messageLabel'),
      'aria-describedby': translation && ctl.more ? `${ids}-says` : null,
      // The box was changed behind the user's back: the user's keystroke goes into our text.
      onbeforeinput: (event) => {
        if (event.target.value !== ctl.edit.text) event.target.value = ctl.edit.text;
      },
      oninput: (event) => {
        ctl.edit = { of: message, text: event.target.value };
      },
    });
    box.value = ctl.edit.text;
    // Copying makes the panel redraw (the order is remembered): the new status line
    // still says what the last copy said, for as long as it would have.
    const said = h('span', { class: 'copied', role: 'status', 'aria-live': 'polite' },
      Date.now() < ctl.copiedUntil ? t(ctl.copiedWords.done) : null);
    // Copy across the card, sharing its row with "Copy and open chat" where a chat is known.
    return [
      box,
      h(
        'div',
        { class: 'copy-row' },
        h('button', { type: 'button', class: 'copy', 'data-action': 'copy', onclick: () => copyMessage(ctl, box, said) }, t('copyButton')),
        ns.chat.control(ctl, box, said)
      ),
      said,
    ];
  }

  // The clipboard refused (here, and the dispute kit's Copy): the text left
  // selected in its box, and the row says how to copy it instead.
  function copyRefused(box, said, words = COPY_WORDS) {
    box.focus();
    box.select();
    said.classList.add('failed');
    said.textContent = t(matchMedia('(pointer: coarse)').matches ? words.failedTouch : words.failed);
  }

  // Put the message on the clipboard: Orderwise's own text and the user's edits,
  // never the box's (a page script can change it). `words` name what the row
  // then says.
  async function copyMessage(ctl, box, said, words = COPY_WORDS) {
    clearTimeout(ctl.copiedTimer);
    said.textContent = '';
    said.classList.remove('failed');
    try {
      await navigator.clipboard.writeText(ctl.edit.text);
      box.value = ctl.edit.text; // what was copied, whatever the page put there meanwhile
      said.textContent = t(words.done);
      ctl.copiedWords = words;
      ctl.copiedUntil = Date.now() + COPIED_VISIBLE_MS;
      ctl.copiedTimer = setTimeout(() => {
        const shown = ctl.root.querySelector('.copied'); // the panel may have been redrawn
        if (shown) shown.textContent = '';
      }, COPIED_VISIBLE_MS);
      ctl.remember({ mark: MARK.COPIED });
    } catch {
      box.value = ctl.edit.text;
      copyRefused(box, said, words);
    }
  }

  // "More" and what is behind it.
  function moreButton({ ctl, redraw }) {
    const id = `ow-${ctl.orderId}-more`;
    return h(
      'button',
      {
        type: 'button',
        id,
        class: 'link more',
        'data-action': 'more',
        'aria-expanded': String(Boolean(ctl.more)),
        'aria-controls': `${id}-body`,
        onclick: () => {
          ctl.more = !ctl.more;
          redraw(id);
          // A popover low in the window comes whole into view as it grows.
          if (ctl.more && ctl.view === 'list') {
            ctl.root.getElementById(`ow-${ctl.orderId}-panel`)?.scrollIntoView({ block: 'nearest' });
          }
        },
      },
      t('moreButton'),
      h('span', { class: 'caret', 'aria-hidden': 'true' }, ctl.more ? '▴' : '▾')
    );
  }

  function sourcesPart({ ctl, advice, redraw }) {
    if (!advice.sources.length) return null;
    const id = `ow-${ctl.orderId}-sources`;
    return h(
      'div',
      { class: 'sources' },
      h(
        'button',
        {
          type: 'button',
          id,
          class: 'link',
          'data-action': 'sources',
          'aria-expanded': String(Boolean(ctl.sources)),
          'aria-controls': `${id}-list`,
          onclick: () => {
            ctl.sources = !ctl.sources;
            redraw(id);
          },
        },
        t('sourcesHeading'),
        h('span', { class: 'caret', 'aria-hidden': 'true' }, ctl.sources ? '▴' : '▾')
      ),
      ctl.sources
        ? h(
            'ol',
            { id: `${id}-list` },
            advice.sources.map((source) => {
              const href = source.url && safeHref(source.url);
              const title = href
                ? h('a', { href, target: '_blank', rel: 'noopener noreferrer' }, source.title)
                : h('span', {}, source.title);
              const evidence = t(EVIDENCE[source.evidence] || 'evidenceUnsourced');
              // A date only where someone compared the fact with its page.
              const meta = source.checked ? t('sourceMeta', evidence, source.checked) : evidence;
              return h('li', {}, title, h('span', { class: 'muted' }, ` — ${meta}`));
            })
          )
        : null
    );
  }

  // The steps; on the order's own page, as the knowledge words them there
  // (no "Open the order with Details"), unless a sent request changed them.
  // A shipped or delivered order's step it is at is marked, for the eye and
  // for screen readers: the way up after shipping is this one list, not a second.
  function stepsPart(part) {
    const { ctl, advice, model } = part;
    const here = ctl.view === 'detail' && !advice.requested ? advice.status.action.on_order_page : null;
    const steps = here ? here.map(ns.advice.translator(model.knowledge, model.lang)) : advice.action.steps;
    // Only the knowledge's own steps name stages (the loader keeps on_order_page off such statuses).
    const current = here ? null : ns.deadlineParts.currentStep(part);
    return h(
      'ol',
      { class: 'todo' },
      steps.map((step, i) =>
        i === current
          ? h('li', { class: 'current', 'aria-current': 'step' }, step, h('span', { class: 'here' }, ` ${t('currentStep')}`))
          : h('li', {}, step)
      )
    );
  }

  function moreBody(part) {
    const { ctl, advice, model } = part;
    const parts = ns.deadlineParts;
    const translation = advice.situation?.message !== null && advice.situation?.messageTranslation;
    return h(
      'div',
      { class: 'more-body', id: `ow-${ctl.orderId}-more-body` },
      // What the English message says, in the shopper's language.
      translation ? h('p', { class: 'says', id: `ow-${ctl.orderId}-says` }, h('strong', {}, t('messageSays')), ' ', translation) : null,
      h('h2', {}, advice.action.label),
      stepsPart(part),
      parts.datesPart(part),
      parts.requestedPart(part),
      ns.dispute.part(part),
      parts.nagPart(part),
      ns.forget.part(part),
      (advice.warnings.length > 0 || advice.avoid.length > 0) && [
        h('h2', {}, t('warningsHeading')),
        h(
          'ul',
          {},
          advice.warnings.map((w) => h('li', {}, w.text)),
          advice.avoid.map((line) =>
            h('li', {}, line.text, line.uncertain ? h('em', { class: 'muted' }, ` (${t('tipUnsourced')})`) : null)
          )
        ),
      ],
      advice.windows.length > 0 && [
        h('h2', {}, t('windowsHeading')),
        h(
          'ul',
          { class: 'windows' },
          advice.windows.map((w) =>
            h(
              'li',
              {},
              `${w.label}: `,
              h('strong', {}, windowText(w)),
              w.uncertain ? ` (${t('uncertain')})` : '',
              w.note ? h('span', { class: 'muted' }, w.note) : null
            )
          )
        ),
      ],
      sourcesPart(part),
      // Only here, for whoever opens the details: where this advice came from.
      model.fallback &&
        h('p', { class: 'note', 'data-note': model.source }, t(model.source === SOURCE.CACHE ? 'noteCached' : 'noteBundled')),
      h('p', { class: 'hide-row' }, ns.overlay.hideButton(ctl))
    );
  }

  // The body; `probably` when the status was read only in part.
  function body({ ctl, advice, model, probably, redraw }) {
    const part = Object.freeze({ ctl, advice, model, redraw });
    const parts = ns.deadlineParts; // each null when it has nothing to show
    const known = advice.canCancel !== 'unknown';
    const raw = pageText(model.rawText || '', MAX_RAW_TEXT);
    const ids = `ow-${ctl.orderId}`;
    const situation = advice.situation;
    return h(
      'div',
      { class: 'body', id: `${ids}-body` },
      h('p', { class: 'verdict' }, advice.verdict.text),
      parts.whenPart(part),
      !known && h('p', { class: 'raw' }, raw ? t('pageSays', raw) : t('noStatusText')),
      known && probably && h('p', { class: 'raw' }, t('partialRead', model.matchedWords || '', raw)),
      !known && model.offerReports && model.rawText ? ns.report.section(part) : null,
      situation ? situationPart(part) : null,
      situation && situation.message !== null ? messagePart(ctl, ids, situation.message, situation.messageTranslation) : null,
      h('div', { class: 'actions' }, parts.requestButton(part), parts.showCancelButton(part), moreButton(part)),
      ctl.more ? moreBody(part) : null
    );
  }

  ns.panel = Object.freeze({ body, copyMessage, copyRefused, pageText });
})();
