// The panel's inside: the verdict, the reason and message with Copy, "More"
// and what it holds (dates, steps, sources, the dispute kit, reports). Its
// own sheet, injected with the panel's code (protocol.PANEL_SCRIPTS), adopted
// after content/styles.js's by every root that shows a panel.
(() => {
  'use strict';
  const ns = (globalThis.orderwise = globalThis.orderwise || {});
  if (ns.panelStyles) return;

  ns.dom.addCss(`
    .verdict { margin: 8px 0 2px; font-size: 15px; line-height: 1.35; font-weight: 700; }
    .raw { margin: 0 0 6px; color: var(--ow-muted); }
    .situation { margin-top: 6px; }
    .field { display: flex; align-items: center; gap: 8px; }
    .field label { font-weight: 600; white-space: nowrap; }
    select { padding: 3px 6px; min-height: 30px; min-width: 0; flex: 1; }
    .reason { margin: 6px 0 0; }
    .blame { margin: 4px 0 0; padding: 4px 8px; border-inline-start: 3px solid var(--ow-warn-line);
      background: var(--ow-warn-tint); border-radius: 6px; font-size: 12px; }
    .hint { margin: 6px 0 0; color: var(--ow-muted); }
    textarea { display: block; width: 100%; margin-top: 8px; resize: vertical; padding: 6px 8px; line-height: 1.4;
      font-size: 12px; background: var(--ow-field); }
    .copy { display: block; width: 100%; min-height: 44px; margin-top: 8px; font-size: 14px;
      background: var(--ow-action); border-color: var(--ow-action); color: var(--ow-action-ink); }
    .copy:hover { filter: brightness(1.08); border-color: var(--ow-action); }
    .copied { color: var(--ow-yes); font-weight: 600; }
    .copied.failed { color: var(--ow-warn-line); }
    .actions { display: flex; flex-wrap: wrap; align-items: center; gap: 6px 8px; margin-top: 8px; }
    .actions button { font-size: 12px; min-height: 30px; }
    button.link { border-color: transparent; background: none; color: var(--ow-text); padding-inline: 6px; }
    .actions .more { margin-inline-start: auto; }
    .more-body { border-top: 1px solid var(--ow-line); margin-top: 10px; padding-top: 2px; }
    .windows li .muted { display: block; font-size: 12px; }
    .sources { margin-top: 10px; }
    .sources li { font-size: 12px; }
    a { color: var(--ow-focus); }
    .note { margin: 10px 0 0; font-size: 12px; }
    .hide-row { margin: 10px 0 0; }
    .hide-row button { font-size: 12px; min-height: 28px; font-weight: 400; }
    .says { margin: 6px 0 0; font-size: 12px; color: var(--ow-muted); }
    .report { margin-top: 10px; padding: 10px 12px; border-radius: 8px; background: var(--ow-field);
      border: 1px solid var(--ow-line); }
    .report h2 { margin-top: 0; }
    .sent { display: grid; grid-template-columns: max-content 1fr; gap: 2px 12px; margin: 8px 0 0; }
    .sent dt { color: var(--ow-muted); }
    .sent dd { margin: 0; font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; overflow-wrap: anywhere; }
    .copy-row { display: flex; align-items: center; gap: 8px; margin-top: 8px; }
    .copy-row .copy { flex: 1; width: auto; margin-top: 0; }
    .copy-row .chat { min-height: 44px; }
    .msg-label { display: block; margin: 10px 0 4px; font-weight: 600; }
    .kit { margin-top: 12px; }
    .kit summary { cursor: pointer; font-weight: 600; min-height: 28px; }
    .send { font-weight: 600; }
    .when { margin: 2px 0 8px; }
    .when-kind { font-size: 11px; font-weight: 700; text-transform: uppercase; letter-spacing: .02em; color: var(--ow-muted); }
    .when.act .when-kind, li.next .when-kind { color: var(--ow-action); }
    .dates { margin: 10px 0 4px; }
    .deadlines { list-style: none; padding: 0; }
    .deadlines li { margin: 4px 0 10px; }
    .block { display: block; }
    .basis.rule { font-style: italic; }
    .cal { margin-top: 4px; font-size: 12px; min-height: 26px; }
    .requested { margin-top: 10px; }
    .requested p { margin: 4px 0; }
    .nag { margin-top: 10px; padding: 6px 8px; border-inline-start: 3px solid var(--ow-brand);
      background: var(--ow-warn-tint); border-radius: 8px; }
    .todo li.current { font-weight: 700; }
    .here { color: var(--ow-action); font-weight: 700; }
  ` + ns.styles.TOUCH);

  ns.panelStyles = true;
})();
