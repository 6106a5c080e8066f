// Composing the advice for one order from the knowledge: the mirror of the
// service's engine. No advice text lives here; every sentence shown comes from
// the knowledge. The order number is filled in here, in the browser, and never
// leaves it.
(() => {
  'use strict';
  const ns = (globalThis.orderwise = globalThis.orderwise || {});
  if (ns.advice) return;

  // Python str.format-style templates: {name} from values, with {{ and }} as
  // escapes; a name values lacks stays as it is (the badge's {due}).
  function format(template, values) {
    return template.replace(/\{\{|\}\}|\{([a-z_]+)\}/g, (token, name) => {
      if (token === '{{') return '{';
      if (token === '}}') return '}';
      return Object.hasOwn(values, name) ? values[name] : token;
    });
  }
  const fill = (template, orderId) => format(template, { order_id: orderId });

  // A badge's {refund}: the refund window's business days, "3–20".
  function refundDays(knowledge) {
    const { min_business_days: low, max_business_days: high } = knowledge.timelines.refund;
    return low === high ? `${low}` : `${low}\u2013${high}`;
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
  // English); messageTranslation tells the shopper what it says. requested:
  // the shopper has sent a cancellation request, so a status with a waiting
  // state (once_requested) reads as it; advice.requested says which advice it
  // is, while status and canCancel stay the knowledge's. The result is the
  // caller's: its sources list may be added to.
  function compose(knowledge, statusKey, situationKey, orderId, lang = 'en', requested = false) {
    let cache = composed.get(knowledge);
    if (!cache) composed.set(knowledge, (cache = new Map()));
    const key = `${lang}\n${statusKey}\n${situationKey}\n${Boolean(requested)}`;
    let advice = cache.get(key);
    if (!advice) cache.set(key, (advice = composeUnfilled(knowledge, statusKey, situationKey, lang, Boolean(requested))));
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
  function composeUnfilled(knowledge, statusKey, situationKey, lang, requested) {
    const table = tableOf(knowledge, lang);
    const tr = translator(knowledge, lang);
    const statuses = new Map(knowledge.statuses.map((status) => [status.key, status]));
    const status = statuses.get(statusKey) || statuses.get('unknown');
    // The waiting status this one reads as once a request is sent, if any; a
    // waiting status is itself the state after a request.
    const waiting = status.once_requested ? statuses.get(status.once_requested) : null;
    const shown = requested && waiting ? waiting : status;
    const isWaiting = shown !== status || knowledge.statuses.some((s) => s.once_requested === status.key);
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

    const { dated } = shown.badge;
    const stages = shown.action.steps.map((step) => step.stage || null);
    const currentStage = knowledge.followup?.escalation?.current?.[shown.key] || null;
    const advice = {
      status,
      label: tr(shown.label),
      canCancel: status.can_cancel,
      requested: isWaiting,
      verdict: { text: tr(shown.verdict), sources: cite(shown.sources) },
      // text: plain; dated.text: for when the deadline dated.deadline is known,
      // with {due} to fill with its relative time ("in 2 days").
      badge: {
        text: format(tr(shown.badge.text), { refund: refundDays(knowledge) }),
        dated: dated ? { text: tr(dated.text), deadline: dated.deadline } : null,
      },
      // The steps' texts; a step's own sources join the advice's sources.
      // stages: each step's stage of the way up after shipping (followup's
      // escalation), or null; currentStep: the index of the step the status
      // is at, or null (the panel moves it when protection is nearly over).
      action: {
        key: shown.action.key,
        label: tr(shown.action.label),
        steps: shown.action.steps.map((step) => {
          cite(step.sources);
          return tr(step.text);
        }),
        stages,
        currentStep: currentStage && stages.includes(currentStage) ? stages.indexOf(currentStage) : null,
      },
      warnings: shown.warnings.map((warning) => ({ text: tr(warning.text), sources: cite(warning.sources) })),
      avoid: shown.avoid.map((line) => ({ text: tr(line.text), sources: cite(line.sources), uncertain: Boolean(line.uncertain) })),
      situations: situations.map((s) => ({ key: s.key, label: tr(s.label) })),
      situation: null,
      windows: [],
      sources: [],
    };

    if (situation) {
      // A delivered order's own message where it has one, else its stage's.
      const template = Object.hasOwn(situation.messages, shown.key)
        ? situation.messages[shown.key]
        : situation.messages[shown.stage];
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

    for (const key of shown.deadlines) {
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
