// The confirm-receipt guard: next to AliExpress's own "Confirm received"
// button, one line that opens to a short checklist and the warning that
// confirming ends most of the buyer protection. One <orderwise-guard> per button, in its own shadow root;
// the button itself is left alone.
(() => {
  'use strict';
  const ns = (globalThis.orderwise = globalThis.orderwise || {});
  if (ns.guard) return;

  const TAG = 'orderwise-guard';
  const { t } = ns.i18n;
  // The button, as data: its English text on list cards (2026, seen) and the
  // detail page (assumed); its Russian, Spanish, Portuguese and French text
  // (assumed: no real page of those seen); then the old list's class. The
  // pattern takes the element's text as it is, white space around and between
  // the words included, so no page text is normalized before it is tested.
  const BUTTON_TEXT =
    /^\s*(?:confirm\s+(?:received|receipt|goods\s+received)|подтвердить\s+получение(?:\s+товара)?|confirmar\s+(?:recepción|recibo|recebimento)|confirmer\s+(?:la\s+)?réception)\s*$/iu;
  const BUTTONS = 'button, a, [role="button"]';
  const OLD_BUTTON = 'button.button-confirmOrderReceived';
  const SKIP = 'orderwise-advice, orderwise-guard';

  function buttons(root) {
    const found = [];
    for (const element of root.querySelectorAll(`${BUTTONS}, ${OLD_BUTTON}`)) {
      if (!(BUTTON_TEXT.test(element.textContent) || element.matches(OLD_BUTTON))) continue;
      if (!element.closest(SKIP)) found.push(element);
    }
    return found;
  }

  function build(knowledge, guard, lang) {
    const { h } = ns.dom;
    const element = document.createElement(TAG);
    const root = element.attachShadow({ mode: 'open' });
    ns.dom.styleRoot(root);
    const tr = ns.advice.translator(knowledge, lang);
    let open = false;
    const details = h(
      'div',
      { id: 'ow-guard-details', hidden: true },
      h('p', { class: 'warning' }, tr(guard.warning.text)),
      h('ul', {}, guard.checklist.map((item) => h('li', {}, tr(item))))
    );
    const line = h(
      'button',
      {
        type: 'button',
        class: 'line',
        'data-action': 'guard',
        'aria-expanded': 'false',
        'aria-controls': 'ow-guard-details',
        onclick: () => {
          open = !open;
          line.setAttribute('aria-expanded', String(open));
          line.lastChild.textContent = open ? ' ▴' : ' ▾';
          details.hidden = !open;
        },
      },
      tr(guard.label),
      h('span', { 'aria-hidden': 'true' }, ' ▾')
    );
    root.append(h('div', { class: 'guard', role: 'note', 'aria-label': t('guardLabel'), lang }, line, details));
    return element;
  }

  // Put a guard after every "Confirm received" button under root (the
  // document, or one list card) that has none yet, and remove guards whose
  // button is gone; the texts in lang. Returns nothing; safe to call often.
  function place(root, knowledge, lang = 'en') {
    const guard = knowledge.followup?.confirm_receipt;
    if (!guard) return;
    const wanted = new Set(buttons(root));
    for (const element of root.querySelectorAll(TAG)) {
      if (!wanted.has(element.previousElementSibling)) element.remove();
    }
    for (const button of wanted) {
      const next = button.nextElementSibling;
      if (next && next.localName === TAG) continue;
      const element = build(knowledge, guard, lang);
      button.after(element);
      ns.dom.followPage(element);
    }
  }

  function removeAll(doc) {
    for (const element of doc.querySelectorAll(TAG)) element.remove();
  }

  const isGuard = (node) => node instanceof Element && node.localName === TAG;

  ns.guard = Object.freeze({ TAG, place, removeAll, isGuard });
})();
