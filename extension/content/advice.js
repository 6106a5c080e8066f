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
    return template.replace(/\{\{|\}\}|\{order_id\}/g, (token) => {
      if (token === '{{') return '{';
      if (token === '}}') return '}';
      return orderId;
    });
  }

  // Everything the panel shows for this order in this situation.
  function compose(knowledge, statusKey, situationKey, orderId) {
    const statuses = new Map(knowledge.statuses.map((status) => [status.key, status]));
    const status = statuses.get(statusKey) || statuses.get('unknown');
    const known = status.can_cancel !== 'unknown';
    const situations = known ? knowledge.situations : [];
    const situation = situations.find((s) => s.key === situationKey) || situations[0] || null;

    const sourceIds = [];
    const cite = (ids) => {
      for (const id of ids || []) if (!sourceIds.includes(id)) sourceIds.push(id);
      return ids || [];
    };

    const advice = {
      status,
      canCancel: status.can_cancel,
      verdict: { text: status.verdict, sources: cite(status.sources) },
      action: status.action,
      warnings: status.warnings.map((warning) => ({ text: warning.text, sources: cite(warning.sources) })),
      avoid: status.avoid,
      situations: situations.map((s) => ({ key: s.key, label: s.label })),
      situation: null,
      windows: [],
      sources: [],
    };

    if (situation) {
      const template = situation.messages[status.stage];
      const showReason = status.can_cancel === 'yes' || status.can_cancel === 'request';
      advice.situation = {
        key: situation.key,
        reason: showReason
          ? { label: situation.reason.label, fault: situation.reason.fault, sources: cite(situation.reason.sources) }
          : null,
        note: showReason ? situation.note : null,
        message: typeof template === 'string' ? fill(template, orderId) : null,
      };
    }

    for (const key of status.deadlines) {
      const window = knowledge.timelines[key];
      if (window) advice.windows.push({ key, ...window, sources: cite(window.sources) });
    }

    const byId = new Map(knowledge.sources.map((source) => [source.id, source]));
    advice.sources = sourceIds.filter((id) => byId.has(id)).map((id) => byId.get(id));
    return advice;
  }

  ns.advice = Object.freeze({ compose, fill });
})();
