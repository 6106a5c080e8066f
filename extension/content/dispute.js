// The dispute kit, a collapsible part of the panel for orders past shipping:
// the facts this page shows (read here, sent nowhere), the evidence to gather
// for the situation picked, a description in English with those facts filled
// in and its Copy button, the last day to open a dispute and a warning while
// it is too early to open one. The shopper opens the dispute on AliExpress
// and pastes the text. Its texts are the knowledge's (content/kit.js).
(() => {
  'use strict';
  const ns = (globalThis.orderwise = globalThis.orderwise || {});
  if (ns.dispute) return;

  const { t, when } = ns.i18n;
  const { h } = ns.dom;
  const MAX_FACT = 80;
  // The description is English: dates Orderwise writes into it are too. Made
  // on first use: the first date format of a page costs the browser tens of
  // milliseconds, which an order without a kit should not pay.
  let englishDate = null;
  const englishDay = (at) => {
    englishDate ??= new Intl.DateTimeFormat('en-US', { month: 'short', day: 'numeric', year: 'numeric' });
    return englishDate.format(at);
  };

  // The order's part of the page: a list card, or the whole detail page.
  function scopeOf(ctl, adapter) {
    if (ctl.view !== 'list') return document;
    const cards = adapter && ns.read.cardSelector(adapter);
    return (cards && ctl.host.closest(cards)) || null;
  }

  // One fact: the first element a spec finds (whose text starts with its
  // label, if it has one), as the text after its label's colon.
  function readFact(scope, specs) {
    for (const { css, label } of specs) {
      for (const element of scope.querySelectorAll(css)) {
        const text = ns.panel.pageText(element.textContent || '', MAX_FACT);
        if (!text || (label && !label.test(text))) continue;
        const colon = text.indexOf(':');
        const value = colon >= 0 ? text.slice(colon + 1).trim() : text;
        if (value) return value;
      }
    }
    return null;
  }

  // {order_id, order_date, paid_date, ship_date, carrier, tracking,
  // protection_end, store}: what this page shows of them.
  function facts(ctl, model) {
    const adapter = ns.read.adapterFor(location.href);
    const specs = (adapter && ns.selectors.facts[adapter.id]) || {};
    const scope = scopeOf(ctl, adapter);
    const found = { order_id: ctl.orderId };
    for (const [name, list] of Object.entries(scope ? specs : {})) {
      const value = readFact(scope, list);
      if (value) found[name] = value;
    }
    const end = protectionEnd(model);
    if (end) found.protection_end = englishDay(end.at);
    return found;
  }

  // The page's buyer-protection countdown, else its "refund if no delivery before" date.
  function protectionEnd(model) {
    const fromPage = (model.track?.deadlines || []).filter((d) => d.source === 'page');
    return fromPage.find((d) => d.kind === 'protection_ends') || fromPage.find((d) => d.kind === 'no_delivery_refund') || null;
  }

  // The earliest day to open a dispute: the kit's days after the ship date
  // the page shows, else after its order date; null if it shows neither as a
  // date Orderwise reads.
  function earliest(kit, found) {
    const shipped = found.ship_date ? ns.timers.date(found.ship_date) : null;
    const ordered = found.order_date ? ns.timers.date(found.order_date) : null;
    const from = shipped ?? ordered;
    if (!Number.isFinite(from)) return null;
    const day = new Date(from);
    day.setDate(day.getDate() + kit.earliest.days);
    return { at: day.getTime(), fromShip: Number.isFinite(shipped) };
  }

  function timing(kit, found, model, lang) {
    const first = earliest(kit, found);
    const end = (model.track?.deadlines || []).find((d) => d.source === 'page' && d.kind === 'protection_ends');
    const date = new Intl.DateTimeFormat(lang, { day: 'numeric', month: 'long', year: 'numeric' });
    return [
      end ? h('p', { class: 'hint' }, h('strong', {}, t('kitLastDay', when(end.at)))) : h('p', { class: 'hint' }, kit.last_day.rule),
      first === null
        ? h('p', { class: 'hint' }, t('kitNoDate'))
        : Date.now() < first.at &&
          h(
            'div',
            { class: 'blame' },
            h('strong', {}, ns.kit.fill(kit.earliest.too_early, { days: kit.earliest.days, date: date.format(first.at) })),
            first.fromShip ? kit.earliest.from_ship : kit.earliest.from_order
          ),
    ];
  }

  function sourcesOf(ids, knowledge) {
    const byId = new Map((knowledge.sources || []).map((source) => [source.id, source]));
    const listed = ids.map((id) => byId.get(id)).filter(Boolean);
    if (listed.length === 0) return null;
    return h(
      'details',
      {},
      h('summary', {}, t('sourcesHeading')),
      h(
        'ol',
        {},
        listed.map((source) => {
          const url = URL.canParse(source.url || '') ? new URL(source.url) : null;
          return h('li', {}, url && url.protocol === 'https:' ? h('a', { href: url.href, target: '_blank', rel: 'noopener noreferrer' }, source.title) : source.title);
        })
      )
    );
  }

  // What the description says in the shopper's language, its lines kept.
  function says(id, translation) {
    const paragraph = h('p', { class: 'says', id }, h('strong', {}, t('messageSays')), '\n', translation);
    paragraph.style.whiteSpace = 'pre-line'; // through the CSSOM: a page's CSP may refuse style attributes
    return paragraph;
  }

  // `text` is the description Orderwise composed: never the box's, which a page script can change.
  async function copy(box, text, said) {
    said.classList.remove('failed');
    box.value = text;
    try {
      await navigator.clipboard.writeText(text);
      said.textContent = t('copied');
    } catch {
      ns.panel.copyRefused(box, said);
    }
  }

  // The panel's part (content/panel.js's context), or null for a status with
  // no kit. Open or closed and the situation picked stay through redraws.
  function part({ ctl, model, redraw }) {
    const lang = model.lang || 'en';
    const kit = ns.kit.compose(model.knowledge, model.statusKey, ctl.kitSituation, lang);
    if (!kit) return null;
    const ids = `ow-${ctl.orderId}-kit`;
    const found = facts(ctl, model);
    const shown = (kit.template_translation || kit.template)[1].map((line) => ns.kit.fill(line, found)).filter(Boolean);
    const translation = ns.kit.description(kit.template_translation, found);
    const box = h('textarea', {
      id: `${ids}-text`,
      readonly: true,
      rows: 8,
      spellcheck: 'false',
      lang: 'en',
      dir: 'ltr',
      'aria-describedby': translation ? `${ids}-says` : null,
    });
    const description = ns.kit.description(kit.template, found);
    box.value = description;
    const said = h('span', { class: 'copied', role: 'status', 'aria-live': 'polite' });
    const select = h(
      'select',
      {
        id: `${ids}-situation`,
        onchange: (event) => {
          ctl.kitSituation = event.target.value;
          redraw(`${ids}-situation`);
        },
      },
      kit.situations.map(([key, label]) => {
        const option = h('option', { value: key }, label);
        option.selected = key === kit.situation.key;
        return option;
      })
    );
    return h(
      'details',
      { class: 'kit', id: ids, open: ctl.kitOpen || null, ontoggle: (event) => (ctl.kitOpen = event.target.open) },
      h('summary', {}, kit.label),
      h('p', { class: 'hint' }, t('kitBuiltHere')),
      timing(kit, found, model, lang),
      h('h2', {}, t('kitFactsHeading')),
      h('ul', {}, shown.map((line) => h('li', {}, line))),
      h('div', { class: 'field' }, h('label', { for: `${ids}-situation` }, t('kitSituationLabel')), select),
      h('h2', {}, t('kitEvidenceHeading')),
      h(
        'ul',
        {},
        kit.situation.evidence.map((item) =>
          h('li', {}, item.text, item.uncertain ? h('em', { class: 'muted' }, ` (${t('tipUnsourced')})`) : null)
        )
      ),
      h('label', { class: 'msg-label', for: `${ids}-text` }, t('kitDescriptionLabel')),
      box,
      translation ? says(`${ids}-says`, translation) : null,
      h(
        'div',
        { class: 'copy-row' },
        h('button', { type: 'button', class: 'copy', onclick: () => copy(box, description, said) }, t('kitCopyButton')),
        said
      ),
      sourcesOf(kit.sources, model.knowledge)
    );
  }

  ns.dispute = Object.freeze({ part, facts });
})();
