// The open panel's body: the verdict and its steps, the deadline parts, the
// situation picker with the message to the seller and its copy button, the
// warnings, time limits and numbered sources. Every part takes one context:
// {ctl (the overlay's per-element state), advice (composed), model (what was
// read and known), cite(sourceIds) (their numbers, or null), redraw(focusId)}.
(() => {
  'use strict';
  const ns = (globalThis.orderwise = globalThis.orderwise || {});
  if (ns.panel) return;

  const { t } = ns.i18n;
  const { h } = ns.dom;
  const { SOURCE } = ns.protocol;
  const MAX_RAW_TEXT = 64;
  const COPIED_VISIBLE_MS = 6000;

  const EVIDENCE = Object.freeze({
    official: 'evidenceOfficial',
    official_old: 'evidenceOfficialOld',
    official_copy: 'evidenceOfficialCopy',
    third_party: 'evidenceThirdParty',
    observed: 'evidenceObserved',
    unsourced: 'evidenceUnsourced',
  });

  const truncate = (text, max) => (text.length > max ? `${text.slice(0, max - 1)}…` : text);
  // Bidi overrides, embeddings and isolates in page text would reorder our own
  // sentence around it: text quoted from the page is shown without them.
  const BIDI_CONTROLS = /[\u061C\u200E\u200F\u202A-\u202E\u2066-\u2069]/g;

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

  function situationPart({ ctl, advice, cite, redraw }) {
    const ids = `ow-${ctl.orderId}`;
    const { reason, note, message, messageTranslation } = advice.situation;
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
        h('p', { class: 'reason' }, t('reasonLabel'), ' ', h('strong', {}, t('quoted', reason.label)), cite(reason.sources)),
        reason.fault === 'seller'
          ? h('div', { class: 'blame', role: 'note' }, h('strong', {}, t('sellerFaultWarning')), note)
          : note ? h('p', { class: 'hint' }, note) : null,
      ],
      message === null ? h('p', { class: 'hint' }, t('noMessage')) : messagePart(ctl, ids, message, messageTranslation)
    );
  }

  function messagePart(ctl, ids, message, translation) {
    // The seller gets English; beside it, what it says in the shopper's language.
    const box = h('textarea', {
      id: `${ids}-message`,
      readonly: true,
      rows: 4,
      spellcheck: 'false',
      lang: 'en',
      dir: 'ltr',
      'aria-describedby': translation ? `${ids}-says` : null,
    });
    box.value = message;
    const said = h('span', { class: 'copied', role: 'status', 'aria-live': 'polite' }, Date.now() < ctl.copiedUntil ? t('copied') : null);
    return [
      h('label', { class: 'msg-label', for: `${ids}-message` }, t('messageLabel')),
      box,
      translation ? h('p', { class: 'says', id: `${ids}-says` }, h('strong', {}, t('messageSays')), ' ', translation) : null,
      h(
        'div',
        { class: 'copy-row' },
        h('button', { type: 'button', class: 'copy', onclick: () => copyMessage(ctl, box, said) }, t('copyButton')),
        ns.chat.control(ctl, box, said),
        said
      ),
    ];
  }

  async function copyMessage(ctl, box, said) {
    clearTimeout(ctl.copiedTimer);
    said.textContent = '';
    said.classList.remove('failed');
    try {
      await navigator.clipboard.writeText(box.value);
      said.textContent = t('copied');
      ctl.copiedUntil = Date.now() + COPIED_VISIBLE_MS;
      ctl.copiedTimer = setTimeout(() => {
        const shown = ctl.root.querySelector('.copied'); // the panel may have been redrawn
        if (shown) shown.textContent = '';
      }, COPIED_VISIBLE_MS);
      ctl.remember({ mark: 'copied' });
    } catch {
      box.focus();
      box.select();
      said.classList.add('failed');
      said.textContent = t('copyFailed');
    }
  }

  // The body; `probably` when the status was read only in part.
  function body({ ctl, advice, model, probably, redraw }) {
    const numbers = new Map(advice.sources.map((source, i) => [source.id, i + 1]));
    const cite = (ids) => {
      const list = ids.map((id) => numbers.get(id)).filter(Boolean);
      return list.length ? h('span', { class: 'ref', title: t('sourcesHeading') }, `[${list.join(', ')}]`) : null;
    };
    const part = Object.freeze({ ctl, advice, model, cite, redraw });
    const parts = ns.deadlineParts; // each null when it has nothing to show
    const known = advice.canCancel !== 'unknown';
    const raw = truncate((model.rawText || '').replace(BIDI_CONTROLS, ''), MAX_RAW_TEXT);
    return h(
      'div',
      { class: 'body', id: `ow-${ctl.orderId}-body` },
      h('p', { class: 'verdict' }, advice.verdict.text, cite(advice.verdict.sources)),
      parts.actByPart(part),
      !known && h('p', { class: 'raw' }, raw ? t('pageSays', raw) : t('noStatusText')),
      known && probably && h('p', { class: 'raw' }, t('partialRead', model.matchedWords || '', raw)),
      h('h3', {}, advice.action.label),
      h('ol', {}, advice.action.steps.map((step) => h('li', {}, step))),
      parts.escalationPart(part),
      !known && model.offerReports && model.rawText ? ns.report.section(part) : null,
      advice.situation ? situationPart(part) : null,
      ns.dispute.part(part),
      parts.requestPart(part),
      parts.nagPart(part),
      ns.forget.part(part),
      (advice.warnings.length > 0 || advice.avoid.length > 0) && [
        h('h3', {}, t('warningsHeading')),
        h(
          'ul',
          {},
          advice.warnings.map((w) => h('li', {}, w.text, cite(w.sources))),
          advice.avoid.map((line) =>
            h(
              'li',
              {},
              line.text,
              line.uncertain ? h('em', { class: 'muted' }, ` (${t('tipUnsourced')})`) : null,
              cite(line.sources)
            )
          )
        ),
      ],
      advice.windows.length > 0 && [
        h('h3', {}, t('windowsHeading')),
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
              cite(w.sources),
              w.note ? h('span', { class: 'muted' }, w.note) : null
            )
          )
        ),
      ],
      advice.sources.length > 0 &&
        h(
          'details',
          {},
          h('summary', {}, t('sourcesHeading')),
          h(
            'ol',
            {},
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
        ),
      model.fallback && h('p', { class: 'note' }, t(model.source === SOURCE.CACHE ? 'noteCached' : 'noteBundled'))
    );
  }

  ns.panel = Object.freeze({ body });
})();
