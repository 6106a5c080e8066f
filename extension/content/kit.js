// The dispute kit composed from the knowledge: the mirror of the service's
// engine/disputes.py (tests/golden/disputes.json holds both to the same
// result). No text lives here; the facts filled in are read from the page
// and never leave the browser. The panel shows the kit with content/dispute.js.
(() => {
  'use strict';
  const ns = (globalThis.orderwise = globalThis.orderwise || {});
  if (ns.kit) return;

  // The kit for an order in statusKey with the kit situation situationKey
  // (else the status's default, else the first), in lang; null where the
  // status has none, or the knowledge (from an older service) holds no kit.
  function compose(knowledge, statusKey, situationKey, lang = 'en') {
    const disputes = knowledge.disputes;
    if (!disputes || !Array.isArray(disputes.statuses) || !disputes.statuses.includes(statusKey)) return null;
    const tr = ns.advice.translator(knowledge, lang);
    const { situations, earliest } = disputes;
    const chosen =
      situations.find((s) => s.key === situationKey) ||
      situations.find((s) => s.default_for.includes(statusKey)) ||
      situations[0];
    const window = knowledge.timelines[earliest.timeline];
    const english = [chosen.summary, disputes.fact_lines, chosen.request, disputes.closing];
    const sources = [...chosen.evidence.flatMap((item) => item.sources), ...window.sources, ...disputes.last_day.sources];
    return {
      label: tr(disputes.label),
      situations: situations.map((s) => [s.key, tr(s.label)]),
      situation: {
        key: chosen.key,
        label: tr(chosen.label),
        evidence: chosen.evidence.map((item) => ({ text: tr(item.text), uncertain: item.uncertain, sources: item.sources })),
      },
      template: english,
      // null in English: the description is English already.
      template_translation: lang === 'en' ? null : [tr(chosen.summary), disputes.fact_lines.map(tr), tr(chosen.request), tr(disputes.closing)],
      earliest: {
        days: window.min_days,
        too_early: tr(earliest.too_early),
        from_ship: tr(earliest.from_ship),
        from_order: tr(earliest.from_order),
        sources: window.sources,
      },
      last_day: { rule: tr(disputes.last_day.rule), sources: disputes.last_day.sources },
      sources: [...new Set(sources)],
    };
  }

  // A Python str.format-style template with values filled in ({{ and }} are
  // escapes); null when it names a value that is missing or empty.
  function fill(template, values) {
    let complete = true;
    const text = template.replace(/\{\{|\}\}|\{([a-z_]+)\}/g, (token, name) => {
      if (token === '{{') return '{';
      if (token === '}}') return '}';
      const value = values[name];
      if (typeof value === 'string' && value) return value;
      if (Number.isFinite(value)) return String(value);
      complete = false;
      return '';
    });
    return complete ? text : null;
  }

  // The description from a kit's template (or its translation) with the
  // page's facts: the summary, one line per fact line whose facts are all
  // known, the request and the closing.
  function description(template, facts) {
    if (!template) return null;
    const [summary, lines, request, closing] = template;
    const kept = lines.map((line) => fill(line, facts)).filter((line) => line !== null);
    return [summary, kept.join('\n'), `${request} ${closing}`].join('\n\n');
  }

  ns.kit = Object.freeze({ compose, description, fill });
})();
