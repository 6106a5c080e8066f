// The overlay: one <orderwise-advice> element per order, its open shadow root
// holding the badge and, once opened, the panel (content/panel.js), so the
// page's CSS and ours never mix. Not registered with customElements.define():
// Chrome's content scripts run in an isolated world where `customElements` is
// null, and a valid custom-element name carries a shadow root all the same.
// Built with DOM methods and textContent; page text is never parsed as HTML.
(() => {
  'use strict';
  const ns = (globalThis.orderwise = globalThis.orderwise || {});
  if (ns.overlay) return;

  const TAG = 'orderwise-advice';
  const NOTICE_TAG = 'orderwise-notice'; // "couldn't read this page", one per page
  const { t } = ns.i18n;
  const { h, styleRoot } = ns.dom;

  const BADGE = Object.freeze({
    yes: { words: 'badgeYes', glyph: '✓' },
    request: { words: 'badgeRequest', glyph: '?' },
    no: { words: 'badgeNo', glyph: '✕' },
    unknown: { words: 'badgeUnknown', glyph: '…' },
  });

  const STYLE = `
    :host { all: initial; display: inline-block; vertical-align: top; margin-inline-start: 10px;
      font: 13px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: var(--ow-text); }
    :host([data-view="list"][data-expanded]) { display: block; margin: 12px 0 0; }
    :host([data-view="detail"]) { display: block; margin: 12px 0; }
    * { box-sizing: border-box; }
    [hidden] { display: none !important; }
    .ow { --ow-c: var(--ow-unknown); --ow-ink: var(--ow-unknown-ink); --ow-tint: var(--ow-unknown-tint); }
    .ow[data-can-cancel="yes"] { --ow-c: var(--ow-yes); --ow-ink: var(--ow-yes-ink); --ow-tint: var(--ow-yes-tint); }
    .ow[data-can-cancel="request"] { --ow-c: var(--ow-request); --ow-ink: var(--ow-request-ink);
      --ow-tint: var(--ow-request-tint); }
    .ow[data-can-cancel="no"] { --ow-c: var(--ow-no); --ow-ink: var(--ow-no-ink); --ow-tint: var(--ow-no-tint); }
    button, select, textarea { font: inherit; color: inherit; border-radius: 6px; border: 1px solid var(--ow-line);
      background: var(--ow-bg); }
    button { cursor: pointer; padding: 3px 10px; min-height: 28px; }
    button:hover { border-color: var(--ow-muted); }
    :focus-visible { outline: 2px solid var(--ow-focus); outline-offset: 2px; }
    .sr-only { position: absolute; width: 1px; height: 1px; margin: -1px; overflow: hidden;
      clip: rect(0 0 0 0); white-space: nowrap; }
    .pill { display: inline-flex; align-items: center; gap: 6px; border-radius: 999px; padding: 2px 10px 2px 4px;
      font-weight: 600; background: var(--ow-c); color: var(--ow-ink); border: 1px solid var(--ow-c);
      white-space: nowrap; line-height: 1.5; }
    .ow[data-can-cancel="unknown"] .pill { background: var(--ow-bg); border-style: dashed; }
    .mark, .glyph { display: inline-grid; place-items: center; width: 18px; height: 18px; border-radius: 50%;
      font-size: 11px; font-weight: 700; }
    .mark { background: var(--ow-brand); color: #fff; }
    .caret { font-size: 10px; opacity: .8; }
    .badge { min-height: 0; height: 22px; padding-block: 0; font-size: 12px; line-height: 20px; }
    .badge .mark { width: 16px; height: 16px; font-size: 10px; box-shadow: 0 0 0 1.5px #fff; }
    .glyph { background: rgba(255,255,255,.28); }
    .ow[data-can-cancel="request"] .glyph, .ow[data-can-cancel="unknown"] .glyph { background: rgba(0,0,0,.1); }
    .badge[aria-expanded="true"] .caret { transform: rotate(180deg); }
    .chip { font-size: 12px; border-style: dashed; padding: 1px 8px; min-height: 24px; }
    .panel, .unreadable { max-width: 42rem; background: var(--ow-bg); border-radius: 8px; }
    .panel { border: 1px solid var(--ow-line); border-inline-start: 5px solid var(--ow-c); padding: 10px 14px 12px;
      box-shadow: 0 1px 3px rgba(0,0,0,.08); text-align: start; }
    .badge + .panel { margin-top: 8px; }
    .head, .field { display: flex; align-items: center; gap: 8px; flex-wrap: wrap; }
    .brand { font-weight: 700; color: var(--ow-brand); display: inline-flex; align-items: center; gap: 6px; }
    .tools { margin-inline-start: auto; display: flex; gap: 6px; }
    .tools button { font-size: 12px; min-height: 26px; }
    .verdict { margin: 10px 0 4px; font-size: 17px; line-height: 1.35; font-weight: 700; }
    .raw { margin: 0 0 6px; }
    h3 { font-size: 13px; margin: 12px 0 4px; }
    ol, ul { margin: 0; padding-inline-start: 20px; }
    li { margin: 2px 0; }
    .ref { font-size: 11px; margin-inline-start: 3px; white-space: nowrap; }
    .situation, .report { margin-top: 12px; padding: 10px 12px; border-radius: 6px; }
    .situation { background: var(--ow-tint); }
    select { padding: 3px 6px; min-height: 28px; max-width: 100%; }
    .reason { margin: 8px 0 0; }
    .blame { margin: 6px 0 0; padding: 6px 8px; border-inline-start: 3px solid var(--ow-warn-line);
      background: var(--ow-warn-tint); border-radius: 4px; }
    .blame strong { display: block; }
    .hint { margin: 6px 0 0; }
    .msg-label { display: block; margin: 10px 0 4px; }
    textarea { width: 100%; min-height: 4.5em; resize: vertical; padding: 6px 8px; line-height: 1.4; }
    .copy-row { display: flex; align-items: center; gap: 10px; margin-top: 6px; }
    .copy { background: var(--ow-brand); border-color: var(--ow-brand); color: var(--ow-brand-ink); }
    .copy:hover { filter: brightness(1.08); border-color: var(--ow-brand); }
    .copied { color: var(--ow-yes); }
    .copied.failed { color: var(--ow-warn-line); }
    .chip, .label, .raw, .ref, .hint, .muted, summary, .note, .unreadable p, .sent dt { color: var(--ow-muted); }
    .windows li .muted { display: block; font-size: 12px; }
    details { margin-top: 12px; }
    summary { cursor: pointer; }
    details li { font-size: 12px; }
    a { color: var(--ow-focus); }
    .note { margin: 10px 0 0; font-size: 12px; font-style: italic; }
    /* Right to left: the box mirrors (accent bar, alignment); each line still takes the direction
       of its own text, so an English sentence keeps its full stop at its end. */
    .ow[dir="rtl"] :is(p, li, h3, label, summary, .label, .brand, .muted) { unicode-bidi: plaintext; text-align: right; }
    .says { margin: 6px 0 0; padding: 6px 8px; background: var(--ow-bg); border-radius: 6px; font-size: 12px; }
    .unreadable { display: block; margin: 12px 0; padding: 10px 14px; border: 1px dashed var(--ow-warn-line);
      border-inline-start: 5px solid var(--ow-warn-line); }
    .unreadable p { margin: 4px 0 0; }
    .report { background: var(--ow-field); border: 1px solid var(--ow-line); }
    .report h3 { margin-top: 0; }
    .sent { display: grid; grid-template-columns: max-content 1fr; gap: 2px 12px; margin: 8px 0 0; }
    .sent dd { margin: 0; font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; overflow-wrap: anywhere; }
    .field label, .msg-label, .copy, .copied, .says strong, .send { font-weight: 600; }
  ${ns.palette.CSS}`;

  // The overlay's and the notice's CSS, with the panel's deadline parts'.
  let panelStyle = null;
  const panelCss = () => (panelStyle ??= STYLE + ns.deadlineParts.STYLE);

  // Per-element state that is not in storage: which situation is picked,
  // whether the list badge is open, the last model drawn.
  const controllers = new WeakMap();

  // A verdict's words; "Probably: ..." when the status was read only in part.
  function verdictWords(canCancel, probably) {
    const words = t((BADGE[canCancel] || BADGE.unknown).words);
    return probably ? t('badgeProbably', words) : words;
  }

  function pill(canCancel, probably) {
    const badge = BADGE[canCancel] || BADGE.unknown;
    return h(
      'span',
      { class: 'pill' },
      h('span', { class: 'glyph', 'aria-hidden': 'true' }, badge.glyph),
      verdictWords(canCancel, probably)
    );
  }

  function brand() {
    return h('span', { class: 'brand' }, h('span', { class: 'mark', 'aria-hidden': 'true' }, 'O'), t('extName'));
  }

  // The list's badge button, without its ids and state: built once per
  // verdict and wording, then cloned for each order.
  const badges = new Map(); // words -> button

  function badgeFor(canCancel, probably) {
    const words = verdictWords(canCancel, probably);
    let badge = badges.get(words);
    if (!badge) {
      badge = h(
        'button',
        { type: 'button', class: 'badge pill' },
        h('span', { class: 'mark', 'aria-hidden': 'true', title: t('extName') }, 'O'),
        h('span', { class: 'sr-only' }, `${t('extName')}: `),
        words,
        h('span', { class: 'caret', 'aria-hidden': 'true' }, '▾')
      );
      badges.set(words, badge);
    }
    return badge.cloneNode(true);
  }

  // A verdict from a partial match is shown as probable; an exact word, even
  // one nobody saw on a real page (`assumed`), is not.
  const isProbable = (model) => model.match === 'partial';

  function render(host, { focus: wanted } = {}) {
    const ctl = controllers.get(host);
    const model = ctl.model;
    if (!model) return;
    // A redraw (new memory, a deadline read) keeps the keyboard where it was.
    const focus = wanted || ctl.root.activeElement?.id || null;
    const remembered = model.track?.memory?.situation;
    if (!ctl.situationKey && remembered) ctl.situationKey = remembered;
    const ids = `ow-${ctl.orderId}`;
    const isList = ctl.view === 'list';
    const expanded = isList ? ctl.expanded : !model.state.collapsed;
    // A list badge (closed) and the "Show" chip show only whether the order
    // can be cancelled: the advice is composed when a panel shows it.
    const advice = model.state.dismissed || (isList && !expanded) ? null : adviceFor(ctl, model);
    const canCancel = advice ? advice.canCancel : model.canCancel;
    const probably = canCancel !== 'unknown' && isProbable(model);

    host.toggleAttribute('data-expanded', expanded && !model.state.dismissed);
    const region = h('div', {
      class: 'ow',
      role: 'region',
      'aria-label': t('regionLabel', ctl.orderId),
      'data-can-cancel': canCancel,
      lang: model.lang || 'en',
      dir: model.dir || 'ltr',
    });

    if (model.state.dismissed) {
      region.append(
        h(
          'button',
          { type: 'button', class: 'chip', id: `${ids}-show`, onclick: () => ctl.setState({ dismissed: false }, `${ids}-toggle`) },
          t('showButton')
        )
      );
      show(ctl, region, focus);
      return;
    }

    const toggle = () => {
      if (isList) {
        ctl.expanded = !ctl.expanded;
        ctl.hooks.relayout(host); // the open panel goes below the card header
        render(host, { focus: `${ids}-toggle` });
      } else {
        ctl.setState({ collapsed: !model.state.collapsed }, `${ids}-toggle`);
      }
    };

    if (isList) {
      // Escape anywhere in an open list panel closes it, back to the badge.
      region.addEventListener('keydown', (event) => {
        if (event.key === 'Escape' && ctl.expanded) {
          event.stopPropagation();
          toggle();
        }
      });
      const badge = badgeFor(canCancel, probably);
      badge.id = `${ids}-toggle`;
      badge.setAttribute('aria-expanded', String(expanded));
      badge.setAttribute('aria-controls', `${ids}-panel`);
      badge.addEventListener('click', toggle);
      region.append(badge);
    }

    if (!isList || expanded) {
      const tools = h(
        'span',
        { class: 'tools' },
        isList
          ? null
          : h(
              'button',
              { type: 'button', id: `${ids}-toggle`, 'aria-expanded': String(expanded), 'aria-controls': `${ids}-body`, onclick: toggle },
              expanded ? t('collapseButton') : t('expandButton')
            ),
        h('button', { type: 'button', id: `${ids}-hide`, onclick: () => ctl.setState({ dismissed: true }, `${ids}-show`) }, t('hideButton'))
      );
      const panel = h(
        'div',
        { class: 'panel', id: `${ids}-panel` },
        h('div', { class: 'head' }, brand(), isList ? null : pill(advice.canCancel, probably), h('span', { class: 'label' }, advice.label), tools),
        expanded ? ns.panel.body({ ctl, advice, model, probably, redraw: (focus) => render(host, { focus }) }) : null
      );
      region.append(panel);
    }

    show(ctl, region, focus);
  }

  // The advice the panel shows, with the sources its deadline parts cite.
  function adviceFor(ctl, model) {
    const advice = ns.advice.compose(model.knowledge, model.statusKey, ctl.situationKey, ctl.orderId, model.lang);
    if (model.track) {
      const byId = new Map(model.knowledge.sources.map((source) => [source.id, source]));
      for (const id of ns.deadlines.citedSources(model.knowledge, advice.status.key, model.track)) {
        if (byId.has(id) && !advice.sources.includes(byId.get(id))) advice.sources.push(byId.get(id));
      }
    }
    ctl.situationKey = advice.situation ? advice.situation.key : null;
    return advice;
  }

  // Swap the drawn region for the new one (the root's <style>, if any, stays).
  function show(ctl, region, focus) {
    if (ctl.region && ctl.region.parentNode === ctl.root) ctl.region.replaceWith(region);
    else ctl.root.append(region);
    ctl.region = region;
    if (focus) ctl.root.getElementById(focus)?.focus();
  }

  // A new overlay for one order. hooks.persist(orderId, change) saves state;
  // hooks.relayout(host) puts the element where its state belongs.
  function create(orderId, view, hooks) {
    const host = document.createElement(TAG);
    host.setAttribute('data-order-id', orderId);
    host.setAttribute('data-view', view);
    const root = host.attachShadow({ mode: 'open' });
    styleRoot(root, panelCss());
    const ctl = {
      host,
      root,
      region: null,
      orderId,
      view,
      model: null,
      expanded: false,
      situationKey: null,
      copiedTimer: 0,
      copiedUntil: 0,
      hooks,
      remember(change) {
        if (hooks.remember) hooks.remember(orderId, change);
      },
      setState(change, focus) {
        ctl.model.state = { ...ctl.model.state, ...change };
        render(host, { focus });
        hooks.persist(orderId, change);
      },
    };
    controllers.set(host, ctl);
    return host;
  }

  // Draw (or redraw) with {knowledge, source, fallback, offerReports, statusKey, rawText,
  // match ('exact', 'partial' or null), matchedWords, state, track}; track = {memory, deadlines, next} from content/deadlines.js.
  function update(host, model) {
    const ctl = controllers.get(host);
    if (!ctl) return;
    const find = (key) => model.knowledge.statuses.find((s) => s.key === key);
    const statusKey = find(model.statusKey) ? model.statusKey : 'unknown';
    const status = find(statusKey);
    ctl.model = { ...model, statusKey, canCancel: status ? status.can_cancel : 'unknown' };
    host.setAttribute('data-status', statusKey);
    host.setAttribute('data-can-cancel', ctl.model.canCancel);
    if (model.match) host.setAttribute('data-match', model.match);
    else host.removeAttribute('data-match');
    ns.deadlines.decorate(host, model.track ? model.track.next : null);
    render(host);
  }

  // The "couldn't read this page" notice: shown on an order page (the manifest
  // matched it) where no adapter found an order, so the shopper sees that
  // Orderwise is there but blind here, instead of nothing.
  function notice(lang, dir) {
    const host = document.createElement(NOTICE_TAG);
    const root = host.attachShadow({ mode: 'open' });
    const region = h(
      'div',
      { class: 'ow unreadable', role: 'region', 'aria-label': t('extName'), lang, dir },
      brand(),
      h('strong', {}, ' ', t('unreadableTitle')),
      h('p', {}, t('unreadableHint'))
    );
    styleRoot(root, panelCss());
    root.append(region);
    return host;
  }

  const isOverlay = (node) => node instanceof Element && (node.localName === TAG || node.localName === NOTICE_TAG);
  // Whether a list badge is open (its panel then sits below the card header).
  const isExpanded = (host) => Boolean(controllers.get(host)?.expanded);

  ns.overlay = Object.freeze({ TAG, create, update, notice, isOverlay, isExpanded });
})();