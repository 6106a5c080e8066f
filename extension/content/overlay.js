// The overlay: one <orderwise-advice> element per order, its open shadow root
// holding the badge and, once opened, the panel (content/panel.js), so the
// page's CSS and ours never mix. On a list the panel opens as a popover over
// the page, anchored to its badge: none of the page's own buttons move. On an
// order's own page it is a compact card under the status line. Not
// registered with customElements.define(): Chrome's content scripts run in an
// isolated world where `customElements` is null, and a valid custom-element
// name carries a shadow root all the same. Built with DOM methods and
// textContent; page text is never parsed as HTML.
(() => {
  'use strict';
  const ns = (globalThis.orderwise = globalThis.orderwise || {});
  if (ns.overlay) return;

  const TAG = 'orderwise-advice';
  const NOTICE_TAG = 'orderwise-notice'; // "couldn't read this page", one per page
  const { t } = ns.i18n;
  const { h, byUser, styleRoot, followPage } = ns.dom;
  const { POPOVER_WIDTH } = ns.styles;
  const { MSG, RTL_LANGUAGES } = ns.protocol;

  // The mark before a badge's words: can cancel, can ask, cannot, unread.
  const GLYPH = Object.freeze({ yes: '✓', request: '?', no: '✕', unknown: '…' });
  const PRESS_HOLD_MS = 1000; // the longest an update waits for a press's click

  // Per-element state that is not in storage: which situation is picked,
  // whether the list badge and "More" are open, the user's edits, the last model drawn.
  const controllers = new WeakMap();

  // The badge's words, from the knowledge: dated ("Refund expected in 5
  // days") once the deadline it names is known, and "Probably: ..." when the
  // status was read only in part.
  function badgeWords(advice, model, probably) {
    const { text, dated } = advice.badge;
    let words = text;
    const now = Date.now();
    const due = dated && model.track?.deadlines.find((d) => d.kind === dated.deadline && d.at > now);
    if (due) words = dated.text.replace('{due}', ns.dates.relative(due.at, model.lang || 'en', now));
    return probably ? t('badgeProbably', words) : words;
  }

  const glyph = (canCancel) => h('span', { class: 'glyph', 'aria-hidden': 'true' }, GLYPH[canCancel] || GLYPH.unknown);

  function pill(canCancel, words) {
    return h('span', { class: 'pill' }, glyph(canCancel), words);
  }

  // The list's badge button, without its ids and state: built once per
  // verdict and wording, then cloned for each order (listeners are added after).
  const badges = new Map(); // verdict and words -> button

  function badgeFor(canCancel, words) {
    const key = `${canCancel}\n${words}`;
    let badge = badges.get(key);
    if (!badge) {
      badge = h(
        'button',
        { type: 'button', class: 'badge pill' },
        glyph(canCancel),
        h('span', { class: 'sr-only' }, `${t('extName')}: `),
        words,
        h('span', { class: 'caret', 'aria-hidden': 'true' }, '▾')
      );
      badges.set(key, badge);
    }
    return badge.cloneNode(true);
  }

  // A verdict from a partial match is shown as probable; an exact word, even
  // one nobody saw on a real page (`assumed`), is not.
  const isProbable = (model) => model.match === 'partial';

  // The panel's code and styles (protocol.PANEL_SCRIPTS) come from the
  // worker the first time a panel opens: a list of 60 badges pays for none of
  // it until the shopper asks. A failed load is tried again on the next open.
  let panelCode = null;
  function loadPanel() {
    panelCode ??= ns.workerLink.send({ type: MSG.LOAD_PANEL }).catch((error) => {
      panelCode = null;
      throw error;
    });
    return panelCode;
  }
  const cannotLoad = (error) => console.warn('Orderwise: could not load the panel:', error.message);

  // An open popover closes on Escape, on its close button, or on a press
  // anywhere outside it; the focus goes back to its badge unless the press
  // put it elsewhere.
  function setOpen(host, open, { focus } = {}) {
    const ctl = controllers.get(host);
    if (open && !ns.panel) {
      loadPanel().then(() => setOpen(host, true, { focus }), cannotLoad);
      return;
    }
    if (ctl.expanded === open) return;
    ctl.expanded = open;
    if (open) {
      ctl.outside = byUser((event) => {
        if (!event.composedPath().includes(host)) setOpen(host, false, { focus: null });
      });
      document.addEventListener('pointerdown', ctl.outside, true);
    } else {
      document.removeEventListener('pointerdown', ctl.outside, true);
      ctl.outside = null;
      ctl.more = false;
    }
    render(host, { focus: focus === undefined ? `ow-${ctl.orderId}-${open ? 'panel' : 'toggle'}` : focus });
  }

  function render(host, { focus: wanted } = {}) {
    const ctl = controllers.get(host);
    const model = ctl.model;
    if (!model) return;
    // A redraw (new memory, a deadline read) keeps the keyboard where it was.
    const focus = wanted !== undefined ? wanted : ctl.root.activeElement?.id || null;
    const remembered = model.track?.memory?.situation;
    if (!ctl.situationKey && remembered) ctl.situationKey = remembered;
    const ids = `ow-${ctl.orderId}`;
    const isList = ctl.view === 'list';
    const expanded = isList ? ctl.expanded : !model.state.collapsed;
    // The "Show" chip needs no advice; a closed badge its words only, an
    // open panel everything, with the sources its deadline parts cite.
    const advice = model.state.dismissed ? null : adviceFor(ctl, model, !isList || expanded);
    const canCancel = model.canCancel;
    const probably = canCancel !== 'unknown' && isProbable(model);
    const lang = model.lang || 'en';
    // The panel reads in the direction of its advice's language (English advice
    // left to right on a Hebrew page); the badge keeps the page's.
    const dir = RTL_LANGUAGES.includes(lang.split('-')[0]) ? 'rtl' : 'ltr';

    host.toggleAttribute('data-expanded', expanded && !model.state.dismissed);
    const region = h('div', {
      class: 'ow',
      role: 'region',
      'aria-label': t('regionLabel', ctl.orderId),
      'data-can-cancel': canCancel,
      lang,
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

    // An order's own page opens its card at once: drawn whole once its code
    // is here, so the page below it moves once, not twice.
    if (!isList && expanded && !ns.panel) {
      loadPanel().then(() => render(host), cannotLoad);
      return;
    }

    if (isList) {
      region.addEventListener(
        'keydown',
        byUser((event) => {
          if (event.key === 'Escape' && ctl.expanded) {
            event.stopPropagation();
            setOpen(host, false);
          }
        })
      );
      const badge = badgeFor(canCancel, badgeWords(advice, model, probably));
      badge.id = `${ids}-toggle`;
      badge.setAttribute('aria-expanded', String(expanded));
      badge.setAttribute('aria-controls', `${ids}-panel`);
      badge.setAttribute('aria-haspopup', 'dialog');
      badge.addEventListener('click', byUser(() => setOpen(host, !ctl.expanded)));
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
              {
                type: 'button',
                id: `${ids}-toggle`,
                'aria-expanded': String(expanded),
                'aria-controls': `${ids}-body`,
                onclick: () => ctl.setState({ collapsed: !model.state.collapsed }, `${ids}-toggle`),
              },
              expanded ? t('collapseButton') : t('expandButton')
            ),
        isList
          ? h(
              'button',
              { type: 'button', class: 'close', 'aria-label': t('closeButton'), onclick: () => setOpen(host, false) },
              '✕'
            )
          : null
      );
      const panel = h(
        'div',
        {
          class: isList ? 'panel popover' : 'panel',
          id: `${ids}-panel`,
          lang,
          dir,
          role: isList ? 'dialog' : null,
          'aria-labelledby': isList ? `${ids}-brand` : null,
          tabindex: isList ? '-1' : null,
        },
        h(
          'div',
          { class: 'head' },
          h('span', { class: 'brand', id: `${ids}-brand` }, t('extName')),
          isList ? null : pill(canCancel, badgeWords(advice, model, probably)),
          h('span', { class: 'label' }, advice.label),
          tools
        ),
        expanded ? ns.panel.body({ ctl, advice, model, probably, redraw: (focus) => render(host, { focus }) }) : null
      );
      region.append(panel);
    }

    show(ctl, region, focus);
    if (isList && expanded) alignPopover(ctl);
  }

  // "Hide for this order", behind "More".
  function hideButton(ctl) {
    const ids = `ow-${ctl.orderId}`;
    return h(
      'button',
      { type: 'button', id: `${ids}-hide`, 'data-action': 'hide', onclick: () => ctl.setState({ dismissed: true }, `${ids}-show`) },
      t('hideButton')
    );
  }

  // A popover opens from its badge toward the page's reading direction (its
  // panel may read the other way), or toward the other side where the window
  // has no room for it; on a window too narrow for it (a phone), it is a sheet
  // along the bottom of the screen.
  function alignPopover(ctl) {
    const panel = ctl.root.getElementById(`ow-${ctl.orderId}-panel`);
    const viewport = document.documentElement.clientWidth;
    const box = ctl.host.getBoundingClientRect();
    const rtl = getComputedStyle(ctl.host).direction === 'rtl';
    const fitsRight = box.left + POPOVER_WIDTH <= viewport;
    const fitsLeft = box.right - POPOVER_WIDTH >= 0;
    panel.classList.toggle('sheet', viewport < POPOVER_WIDTH + 32);
    panel.classList.toggle('from-right', rtl ? fitsLeft || !fitsRight : !fitsRight && fitsLeft);
  }

  // The advice for this order; `whole` adds the sources its deadline parts cite.
  // Once the shopper marked or the page showed a cancellation request, a
  // status with a waiting state reads as it (verdict, badge, steps, message);
  // data-status and data-can-cancel keep the knowledge's key and verdict.
  function adviceFor(ctl, model, whole) {
    const requested = Boolean(model.track?.memory?.requestedAt);
    const advice = ns.advice.compose(model.knowledge, model.statusKey, ctl.situationKey, ctl.orderId, model.lang, requested);
    if (whole && model.track) {
      const byId = new Map(model.knowledge.sources.map((source) => [source.id, source]));
      for (const id of ns.deadlines.citedSources(model.knowledge, model.track)) {
        if (byId.has(id) && !advice.sources.includes(byId.get(id))) advice.sources.push(byId.get(id));
      }
    }
    ctl.situationKey = advice.situation ? advice.situation.key : null;
    return advice;
  }

  // Swap the drawn region for the new one (the root's <style> elements, if
  // any, stay); a root that shows a panel for the first time takes its sheet.
  function show(ctl, region, focus) {
    styleRoot(ctl.root);
    if (ctl.region && ctl.region.parentNode === ctl.root) ctl.region.replaceWith(region);
    else ctl.root.append(region);
    ctl.region = region;
    if (focus) ctl.root.getElementById(focus)?.focus();
  }

  // A new overlay for one order. hooks.persist(orderId, change) saves state;
  // hooks.remember(orderId, change) tells the order's memory.
  function create(orderId, view, hooks) {
    const host = document.createElement(TAG);
    host.setAttribute('data-order-id', orderId);
    host.setAttribute('data-view', view);
    const root = host.attachShadow({ mode: 'open' });
    const ctl = {
      host,
      root,
      region: null,
      orderId,
      view,
      model: null,
      expanded: false,
      more: false,
      sources: false,
      outside: null,
      edit: null,
      pressed: false, // a press of the shopper's is under way (holdDuringPress)
      held: false, // and an update waits for it
      situationKey: null,
      copiedTimer: 0,
      copiedUntil: 0,
      copiedWords: null, // what the last copy said (content/panel.js)
      hooks,
      remember(change) {
        if (hooks.remember) hooks.remember(orderId, change);
      },
      setState(change, focus) {
        ctl.model.state = { ...ctl.model.state, ...change };
        if (change.dismissed) {
          setOpen(host, false, { focus: null });
          ctl.more = false;
        }
        render(host, { focus });
        hooks.persist(orderId, change);
      },
    };
    controllers.set(host, ctl);
    holdDuringPress(ctl);
    return host;
  }

  // A click needs the press and the release on one element: a redraw between
  // them (new memory, a deadline read, fresher knowledge) would replace the
  // button and lose the click. So an update that comes during a press is drawn
  // after its click, or after PRESS_HOLD_MS if no click comes (dragged away).
  // Only the shopper's presses count; a page's made-up events hold nothing.
  function holdDuringPress(ctl) {
    let timer = 0;
    const release = () => {
      clearTimeout(timer);
      ctl.pressed = false;
      if (!ctl.held) return;
      ctl.held = false;
      setTimeout(() => render(ctl.host)); // after the click's own handler
    };
    // A button pressed with Space clicks on the key's release.
    const press = (event) => {
      if (!event.isTrusted || (event.type === 'keydown' && event.key !== ' ')) return;
      ctl.pressed = true;
      clearTimeout(timer);
      timer = setTimeout(release, PRESS_HOLD_MS);
    };
    ctl.root.addEventListener('pointerdown', press, true);
    ctl.root.addEventListener('keydown', press, true);
    ctl.root.addEventListener('click', (event) => event.isTrusted && ctl.pressed && release(), true);
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
    if (host.isConnected) followPage(host);
    ns.deadlines.decorate(host, model.track ? model.track.next : null);
    if (ctl.pressed) ctl.held = true;
    else render(host);
  }

  // The "couldn't read this page" notice: shown on an order page (the manifest
  // matched it) where no adapter found an order, so the shopper sees that
  // Orderwise is there but blind here, instead of nothing.
  function notice(lang, dir) {
    const host = document.createElement(NOTICE_TAG);
    const root = host.attachShadow({ mode: 'open' });
    const region = h(
      'div',
      { class: 'ow panel unreadable', role: 'region', 'aria-label': t('extName'), lang, dir },
      h('span', { class: 'brand' }, t('extName')),
      h('strong', {}, ' ', t('unreadableTitle')),
      h('p', {}, t('unreadableHint'))
    );
    styleRoot(root);
    root.append(region);
    return host;
  }

  const isOverlay = (node) => node instanceof Element && (node.localName === TAG || node.localName === NOTICE_TAG);

  ns.overlay = Object.freeze({ TAG, create, update, notice, isOverlay, hideButton });
})();
