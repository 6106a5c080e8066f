// The confirm-receipt guard: next to AliExpress's own "Confirm received"
// button, a short checklist and the warning that confirming ends most of the
// buyer protection. One <orderwise-guard> per button, in its own shadow root;
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

  const STYLE = `
    :host { all: initial; display: block; margin: 6px 0; max-width: 22rem;
      font: 12px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: var(--ow-text); }
    .guard { background: var(--ow-guard-tint); border: 1px solid var(--ow-warn-line); border-inline-start-width: 4px;
      border-radius: 6px; padding: 6px 10px; text-align: start; }
    .title { font-weight: 700; color: var(--ow-brand); margin: 0 0 2px; }
    .warning { margin: 0 0 4px; font-weight: 600; }
    ul { margin: 0; padding-inline-start: 18px; }
    li { margin: 1px 0; }
    :focus-visible { outline: 2px solid var(--ow-focus); outline-offset: 2px; }
  ${ns.palette.CSS}`;

  function buttons(root) {
    const found = [];
    for (const element of root.querySelectorAll(`${BUTTONS}, ${OLD_BUTTON}`)) {
      if (!(BUTTON_TEXT.test(element.textContent) || element.matches(OLD_BUTTON))) continue;
      if (!element.closest(SKIP)) found.push(element);
    }
    return found;
  }

  // The guard's content, built once per knowledge and language, then cloned.
  const built = new WeakMap(); // knowledge -> Map(lang -> the .guard element)

  function content(knowledge, guard, lang) {
    let byLang = built.get(knowledge);
    if (!byLang) built.set(knowledge, (byLang = new Map()));
    let note = byLang.get(lang);
    if (!note) {
      const { h } = ns.dom;
      const tr = ns.advice.translator(knowledge, lang);
      note = h(
        'div',
        { class: 'guard', role: 'note', 'aria-label': t('guardLabel'), lang },
        h('p', { class: 'title' }, tr(guard.label)),
        h('p', { class: 'warning' }, tr(guard.warning.text)),
        h('ul', {}, guard.checklist.map((item) => h('li', {}, tr(item))))
      );
      byLang.set(lang, note);
    }
    return note.cloneNode(true);
  }

  function build(knowledge, guard, lang) {
    const element = document.createElement(TAG);
    const root = element.attachShadow({ mode: 'open' });
    ns.dom.styleRoot(root, STYLE);
    root.append(content(knowledge, guard, lang));
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
      if (!(next && next.localName === TAG)) button.after(build(knowledge, guard, lang));
    }
  }

  function removeAll(doc) {
    for (const element of doc.querySelectorAll(TAG)) element.remove();
  }

  const isGuard = (node) => node instanceof Element && node.localName === TAG;

  ns.guard = Object.freeze({ TAG, place, removeAll, isGuard });
})();
