// Composing the advice for one order from the knowledge: the mirror of the
// service's engine. No advice text lives here; every sentence shown comes from
// the knowledge. The order number is filled in here, in the browser, and never
// leaves it.
(() => {
  'use strict';
  const ns = (globalThis.orderwise = globalThis.orderwise || {});
  if (ns.advice) return;

  // Python str.format-style templates: {order_id}, with {{ and }} as escapes.
  function fill(template, orderId) {
    return template.replace(/\{\{|\}\}|\{order_id\}/g, (token) => ({ '{{': '{', '}}': '}' })[token] ?? orderId);
  }

  const tableOf = (knowledge, lang) => knowledge.translations?.[lang] || {};

  // The knowledge's text in lang: its translation, else the English text.
  function translator(knowledge, lang = 'en') {
    const table = tableOf(knowledge, lang);
    return (text) => (typeof text === 'string' && Object.hasOwn(table, text) ? table[text] : text);
  }

  // Composed advice without the order number, per knowledge and then per
  // language, status and situation: sixty orders in one status compose it once.
  const composed = new WeakMap(); // knowledge -> Map(key -> advice with templates unfilled)

  // Everything the panel shows for this order in this situation, in lang:
  // each English text through the knowledge's translations, English where a
  // text has none. The message to the seller stays English (sellers read
  // English); messageTranslation tells the shopper what it says. The result
  // is the caller's: its sources list may be added to.
  function compose(knowledge, statusKey, situationKey, orderId, lang = 'en') {
    let cache = composed.get(knowledge);
    if (!cache) composed.set(knowledge, (cache = new Map()));
    const key = `${lang}\n${statusKey}\n${situationKey}`;
    let advice = cache.get(key);
    if (!advice) cache.set(key, (advice = composeUnfilled(knowledge, statusKey, situationKey, lang)));
    const { situation } = advice;
    const filled = (template) => (template === null ? null : fill(template, orderId));
    return {
      ...advice,
      situation: situation && {
        ...situation,
        message: filled(situation.message),
        messageTranslation: filled(situation.messageTranslation),
      },
      sources: [...advice.sources],
    };
  }

  // compose() with the message templates left unfilled; shared, never changed.
  function composeUnfilled(knowledge, statusKey, situationKey, lang) {
    const table = tableOf(knowledge, lang);
    const tr = translator(knowledge, lang);
    const statuses = new Map(knowledge.statuses.map((status) => [status.key, status]));
    const status = statuses.get(statusKey) || statuses.get('unknown');
    const known = status.can_cancel !== 'unknown';
    // Offered for this status: the situations naming it, and those naming none.
    const offered = (s) => !Array.isArray(s.statuses) || s.statuses.length === 0 || s.statuses.includes(status.key);
    const situations = known ? knowledge.situations.filter(offered) : [];
    const situation = situations.find((s) => s.key === situationKey) || situations[0] || null;

    const sourceIds = [];
    const cite = (ids) => {
      for (const id of ids || []) if (!sourceIds.includes(id)) sourceIds.push(id);
      return ids || [];
    };

    const advice = {
      status,
      label: tr(status.label),
      canCancel: status.can_cancel,
      verdict: { text: tr(status.verdict), sources: cite(status.sources) },
      action: { key: status.action.key, label: tr(status.action.label), steps: status.action.steps.map(tr) },
      warnings: status.warnings.map((warning) => ({ text: tr(warning.text), sources: cite(warning.sources) })),
      avoid: status.avoid.map((line) => ({ text: tr(line.text), sources: cite(line.sources), uncertain: Boolean(line.uncertain) })),
      situations: situations.map((s) => ({ key: s.key, label: tr(s.label) })),
      situation: null,
      windows: [],
      sources: [],
    };

    if (situation) {
      // A delivered order's own message where it has one, else its stage's.
      const template = Object.hasOwn(situation.messages, status.key)
        ? situation.messages[status.key]
        : situation.messages[status.stage];
      const showReason = status.can_cancel === 'yes' || status.can_cancel === 'request';
      advice.situation = {
        key: situation.key,
        reason: showReason
          ? { label: tr(situation.reason.label), fault: situation.reason.fault, sources: cite(situation.reason.sources) }
          : null,
        note: showReason ? tr(situation.note) : null,
        message: typeof template === 'string' ? template : null,
        messageTranslation: typeof template === 'string' && Object.hasOwn(table, template) ? table[template] : null,
      };
    }

    for (const key of status.deadlines) {
      const window = knowledge.timelines[key];
      if (window) {
        advice.windows.push({ key, ...window, label: tr(window.label), note: tr(window.note), sources: cite(window.sources) });
      }
    }

    const byId = new Map(knowledge.sources.map((source) => [source.id, source]));
    advice.sources = sourceIds.filter((id) => byId.has(id)).map((id) => byId.get(id));
    return advice;
  }

  ns.advice = Object.freeze({ compose, translator });
})();
