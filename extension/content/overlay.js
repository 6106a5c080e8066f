// The overlay: one <orderwise-advice> element per order, its open shadow root
// holding the panel, so the page's CSS and ours never mix. Not registered with
// customElements.define(): Chrome's content scripts run in an isolated world
// where `customElements` is null, and a valid custom-element name carries a
// shadow root all the same. Built with DOM methods and textContent; page text
// is never parsed as HTML.
(() => {
  'use strict';
  const ns = (globalThis.orderwise = globalThis.orderwise || {});
  if (ns.overlay) return;

  const TAG = 'orderwise-advice';
  const NOTICE_TAG = 'orderwise-notice'; // "couldn't read this page", one per page
  const { t } = ns.i18n;
  const { SOURCE } = ns.protocol;
  const MAX_RAW_TEXT = 64;
  const COPIED_VISIBLE_MS = 6000;

  const BADGE = Object.freeze({
    yes: { words: 'badgeYes', glyph: '✓' },
    request: { words: 'badgeRequest', glyph: '?' },
    no: { words: 'badgeNo', glyph: '✕' },
    unknown: { words: 'badgeUnknown', glyph: '…' },
  });

  const EVIDENCE = Object.freeze({
    official: 'evidenceOfficial',
    official_old: 'evidenceOfficialOld',
    official_copy: 'evidenceOfficialCopy',
    third_party: 'evidenceThirdParty',
    observed: 'evidenceObserved',
    unsourced: 'evidenceUnsourced',
  });

  const STYLE = `
    :host { all: initial; display: inline-block; vertical-align: top; margin-inline-start: 10px;
      font: 13px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: #1f2328;
      --ow-yes: #1a7f37; --ow-yes-ink: #ffffff; --ow-yes-tint: #e6f6ea;
      --ow-request: #f0b000; --ow-request-ink: #1f1600; --ow-request-tint: #fff6d6;
      --ow-no: #59636e; --ow-no-ink: #ffffff; --ow-no-tint: #eef0f2;
      --ow-unknown: #59636e; --ow-unknown-ink: #1f2328; --ow-unknown-tint: #f6f8fa;
      --ow-bg: #ffffff; --ow-muted: #59636e; --ow-line: #d0d7de; --ow-field: #f6f8fa;
      --ow-brand: #c2410c; --ow-brand-ink: #ffffff; --ow-focus: #0969da; --ow-warn-tint: #fff1e5; --ow-warn-line: #bc4c00; }
    :host([data-view="list"][data-expanded]) { display: block; margin: 12px 0 0; }
    :host([data-view="detail"]) { display: block; margin: 12px 0; }
    @media (prefers-color-scheme: dark) {
      :host { color: #e6edf3; --ow-bg: #161b22; --ow-muted: #9198a1; --ow-line: #3d444d; --ow-field: #0d1117;
        --ow-yes: #3fb950; --ow-yes-ink: #04260f; --ow-yes-tint: #12261b;
        --ow-request: #e3b341; --ow-request-tint: #2b2111;
        --ow-no: #9198a1; --ow-no-ink: #0d1117; --ow-no-tint: #21262d;
        --ow-unknown: #9198a1; --ow-unknown-ink: #e6edf3; --ow-unknown-tint: #161b22;
        --ow-brand: #fb8f44; --ow-brand-ink: #1f1000; --ow-focus: #4493f8; --ow-warn-tint: #2d1d10; --ow-warn-line: #fb8f44; }
    }
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
  `;

  // The overlay's and the notice's CSS, with the deadline parts' (content/deadlines.js
  // loads after this file: joined on first use).
  let panelStyle = null;
  const panelCss = () => (panelStyle ??= STYLE + (ns.deadlines ? ns.deadlines.STYLE : ''));

  // Per-element state that is not in storage: which situation is picked,
  // whether the list badge is open, the last model drawn.
  const controllers = new WeakMap();

  // One stylesheet per CSS text, shared by every shadow root that adopts it:
  // no <style> per badge to insert, and again on every redraw. A content script
  // sees the page's objects through wrappers (Firefox's Xrays), and older
  // Firefox releases refuse or ignore a sheet the script constructed
  // (firefox-esr 153 takes it); there, and in any browser without
  // constructed sheets, each root gets its own <style>.
  const sheets = new Map(); // css text -> CSSStyleSheet
  let adoptable = typeof CSSStyleSheet === 'function' && 'adoptedStyleSheets' in ShadowRoot.prototype;
  let adopted = false;

  function styleRoot(root, css) {
    if (adoptable) {
      try {
        let sheet = sheets.get(css);
        if (!sheet) {
          sheet = new CSSStyleSheet();
          sheet.replaceSync(css);
          sheets.set(css, sheet);
        }
        root.adoptedStyleSheets = [sheet];
        if (adopted || root.adoptedStyleSheets.length === 1) {
          adopted = true; // checked once: it takes in this world
          return;
        }
      } catch {
        // Not adoptable from this world: a <style> from now on.
      }
      adoptable = false;
      sheets.clear();
    }
    root.prepend(h('style', {}, css));
  }

  const present = (value) => value !== null && value !== undefined && value !== false;

  // An element with its attributes (on* names add listeners) and children
  // (nodes, strings as text, arrays of them; null, undefined and false skipped).
  // The children go in with one append(): each call into the DOM costs.
  function h(tag, props, ...children) {
    const element = document.createElement(tag);
    for (const name in props) {
      const value = props[name];
      if (!present(value)) continue;
      if (name === 'class') element.className = value;
      else if (name.startsWith('on')) element.addEventListener(name.slice(2), value);
      else if (name === 'hidden') element.hidden = true;
      else element.setAttribute(name, value === true ? '' : String(value));
    }
    const nodes = children.flat().filter(present);
    if (nodes.length) element.append(...nodes);
    return element;
  }

  const truncate = (text, max) => (text.length > max ? `${text.slice(0, max - 1)}…` : text);
  // Bidi overrides, embeddings and isolates in page text would reorder our own
  // sentence around it: text quoted from the page is shown without them.
  const BIDI_CONTROLS = /[\u061C\u200E\u200F\u202A-\u202E\u2066-\u2069]/g;

  function refs(ids, numbers) {
    const list = ids.map((id) => numbers.get(id)).filter(Boolean);
    if (list.length === 0) return null;
    return h('span', { class: 'ref', title: t('sourcesHeading') }, `[${list.join(', ')}]`);
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

  // --- parts

  function situationPart(ctl, advice, numbers) {
    const ids = `ow-${ctl.orderId}`;
    const { reason, note, message, messageTranslation } = advice.situation;
    const select = h(
      'select',
      {
        id: `${ids}-situation`,
        onchange: (event) => {
          ctl.situationKey = event.target.value;
          render(ctl.host, { focus: `${ids}-situation` });
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
        h('p', { class: 'reason' }, t('reasonLabel'), ' ', h('strong', {}, t('quoted', reason.label)), refs(reason.sources, numbers)),
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

  function panelBody(ctl, advice, model) {
    const numbers = new Map(advice.sources.map((source, i) => [source.id, i + 1]));
    const known = advice.canCancel !== 'unknown';
    const raw = truncate((model.rawText || '').replace(BIDI_CONTROLS, ''), MAX_RAW_TEXT);
    const { track } = model;
    const dl = track && ns.deadlines; // its parts are null when they have nothing to show
    return h(
      'div',
      { class: 'body', id: `ow-${ctl.orderId}-body` },
      h('p', { class: 'verdict' }, advice.verdict.text, refs(advice.verdict.sources, numbers)),
      dl && dl.actByPart(h, ctl, track),
      !known && h('p', { class: 'raw' }, raw ? t('pageSays', raw) : t('noStatusText')),
      known && isProbable(model) && h('p', { class: 'raw' }, t('partialRead', model.matchedWords || '', raw)),
      h('h3', {}, advice.action.label),
      h('ol', {}, advice.action.steps.map((step) => h('li', {}, step))),
      dl && dl.escalationPart(h, model.knowledge, advice.status.key, track.deadlines, numbers, refs, model.lang),
      !known && model.offerReports && model.rawText
        ? ns.report.section(h, ctl, model.rawText, (focus) => render(ctl.host, { focus }))
        : null,
      advice.situation ? situationPart(ctl, advice, numbers) : null,
      dl && [
        dl.requestPart(h, ctl, advice.status.key, track.memory),
        dl.nagPart(h, model.knowledge, track.memory, numbers, refs, model.lang),
      ],
      (advice.warnings.length > 0 || advice.avoid.length > 0) && [
        h('h3', {}, t('warningsHeading')),
        h(
          'ul',
          {},
          advice.warnings.map((w) => h('li', {}, w.text, refs(w.sources, numbers))),
          advice.avoid.map((line) =>
            h(
              'li',
              {},
              line.text,
              line.uncertain ? h('em', { class: 'muted' }, ` (${t('tipUnsourced')})`) : null,
              refs(line.sources, numbers)
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
              refs(w.sources, numbers),
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

  // --- render

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
        expanded ? panelBody(ctl, advice, model) : null
      );
      region.append(panel);
    }

    show(ctl, region, focus);
  }

  // The advice the panel shows, with the sources its deadline parts cite.
  function adviceFor(ctl, model) {
    const advice = ns.advice.compose(model.knowledge, model.statusKey, ctl.situationKey, ctl.orderId, model.lang);
    if (ns.deadlines && model.track) {
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
    if (ns.deadlines) ns.deadlines.decorate(host, model.track ? model.track.next : null);
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

  ns.overlay = Object.freeze({ TAG, create, update, notice, isOverlay, isExpanded, h, styleRoot });
})();
