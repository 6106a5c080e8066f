// Every style of Orderwise's own elements (badges, panels, the notice, the
// confirm-receipt guard), in the one stylesheet all their shadow roots share
// (ns.dom.styleRoot). The page's font and AliExpress's shapes: pill buttons,
// 12 px cards, its orange for what to press. A badge takes the page's
// direction; a panel that of its advice's language.
(() => {
  'use strict';
  const ns = (globalThis.orderwise = globalThis.orderwise || {});
  if (ns.styles) return;

  const POPOVER_WIDTH = 440;

  ns.dom.addCss(`
    :host { all: initial; font-family: inherit; display: inline-block; vertical-align: middle; position: relative;
      margin-inline-start: 8px; font-size: 13px; line-height: 1.45; color: var(--ow-text); }
    :host([data-view="detail"]) { display: block; margin: 12px 0; max-width: 46rem; }
    :host(orderwise-guard) { display: block; margin: 6px 0; max-width: 22rem; font-size: 12px; }
    :host(orderwise-notice) { display: block; margin: 12px 0; }
    * { box-sizing: border-box; }
    [hidden] { display: none !important; }
    .ow { --ow-c: var(--ow-unknown); --ow-ink: var(--ow-unknown-ink); --ow-tint: var(--ow-unknown-tint); }
    .ow[data-can-cancel="yes"] { --ow-c: var(--ow-yes); --ow-ink: var(--ow-yes-ink); --ow-tint: var(--ow-yes-tint); }
    .ow[data-can-cancel="request"] { --ow-c: var(--ow-request); --ow-ink: var(--ow-request-ink);
      --ow-tint: var(--ow-request-tint); }
    .ow[data-can-cancel="no"] { --ow-c: var(--ow-no); --ow-ink: var(--ow-no-ink); --ow-tint: var(--ow-no-tint); }
    button, select, textarea { font: inherit; color: inherit; border: 1px solid var(--ow-line); background: var(--ow-bg); }
    button { cursor: pointer; padding: 4px 14px; min-height: 32px; border-radius: 999px; font-weight: 600; }
    button:hover { border-color: var(--ow-muted); }
    select, textarea { border-radius: 8px; }
    :focus-visible { outline: 2px solid var(--ow-focus); outline-offset: 2px; }
    .sr-only { position: absolute; width: 1px; height: 1px; margin: -1px; overflow: hidden;
      clip: rect(0 0 0 0); white-space: nowrap; }
    .pill { display: inline-flex; align-items: center; gap: 5px; border-radius: 999px; padding: 0 10px 0 3px;
      font-weight: 600; background: var(--ow-tint); color: var(--ow-text); border: 1px solid var(--ow-c);
      white-space: nowrap; height: 24px; line-height: 22px; font-size: 12px; }
    .ow[data-can-cancel="unknown"] .pill { border-style: dashed; }
    .glyph { display: inline-grid; place-items: center; width: 18px; height: 18px; border-radius: 50%;
      font-size: 11px; font-weight: 700; background: var(--ow-c); color: var(--ow-ink); }
    .badge { min-height: 0; }
    .caret { font-size: 10px; opacity: .8; margin-inline-start: 2px; }
    .chip { font-size: 12px; border-style: dashed; min-height: 26px; padding: 1px 10px; }
    .panel { background: var(--ow-bg); border: 1px solid var(--ow-line); border-radius: 12px; padding: 10px 14px 12px;
      text-align: start; }
    .popover { position: absolute; z-index: 2147483000; top: calc(100% + 6px); left: 0;
      width: min(${POPOVER_WIDTH}px, calc(100vw - 16px)); max-height: min(75vh, 640px); overflow: auto;
      box-shadow: var(--ow-shadow); }
    .popover.from-right { left: auto; right: 0; }
    .popover.sheet { position: fixed; top: auto; left: 8px; right: 8px; bottom: 8px; width: auto; max-height: 80vh; }
    .popover:focus { outline: none; }
    .head { display: flex; align-items: center; gap: 8px; flex-wrap: wrap; }
    .brand { font-weight: 700; color: var(--ow-action); }
    .label { color: var(--ow-muted); font-size: 12px; }
    .tools { margin-inline-start: auto; display: flex; gap: 6px; }
    .tools button { font-size: 12px; min-height: 26px; padding: 1px 10px; font-weight: 400; }
    .tools .close { padding: 0; width: 28px; min-height: 28px; font-size: 14px; }
    .verdict { margin: 8px 0 2px; font-size: 15px; line-height: 1.35; font-weight: 700; }
    .raw { margin: 0 0 6px; color: var(--ow-muted); }
    h2 { font-size: 13px; margin: 12px 0 4px; }
    ol, ul { margin: 0; padding-inline-start: 20px; }
    li { margin: 2px 0; }
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
    .label, .raw, .hint, .muted, .note, .unreadable p { color: var(--ow-muted); }
    .windows li .muted { display: block; font-size: 12px; }
    .sources { margin-top: 10px; }
    .sources li { font-size: 12px; }
    a { color: var(--ow-focus); }
    .note { margin: 10px 0 0; font-size: 12px; }
    .hide-row { margin: 10px 0 0; }
    .hide-row button { font-size: 12px; min-height: 28px; font-weight: 400; }
    /* A line quoted from elsewhere takes the direction of its own text. */
    :is(p, li, h2, label, .muted) { unicode-bidi: plaintext; }
    .says { margin: 6px 0 0; font-size: 12px; color: var(--ow-muted); }
    .unreadable { border-style: dashed; border-color: var(--ow-warn-line); }
    .unreadable p { margin: 4px 0 0; }
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
  
    /* The confirm-receipt guard: one line that opens. */
    .guard { background: var(--ow-guard-tint); border: 1px solid var(--ow-line); border-inline-start: 3px solid var(--ow-brand);
      border-radius: 8px; padding: 2px 4px; text-align: start; }
    .guard .line { border: 0; background: none; min-height: 28px; padding: 2px 6px; font-size: 12px; width: 100%;
      text-align: start; border-radius: 6px; }
    .guard .warning { margin: 2px 6px 4px; font-weight: 600; }
    .guard ul { margin: 0 6px 6px; padding-inline-start: 18px; }

    /* A touch screen (a phone): text of at least 16 px, and every control at least 44 x 44 px
       to hit with a thumb (WCAG 2.5.5), the badge included. */
    @media (pointer: coarse) {
      :host, :host(orderwise-guard) { font-size: 16px; }
      :is(.pill, .glyph, .caret, .label, h2, .blame, textarea, button, select, summary, .windows li .muted,
        .sources li, .note, .says, .when-kind) { font-size: 16px; }
      .verdict { font-size: 18px; }
      .pill { height: 44px; line-height: 42px; padding: 0 14px 0 6px; }
      .glyph { width: 28px; height: 28px; line-height: 1; }
      .copy-row { flex-wrap: wrap; }
      .copy-row :is(.copy, .chat) { flex: 1 1 100%; }
      /* Over every smaller size set above for a desktop's pointer. */
      button, select, summary { min-height: 44px !important; min-width: 44px; }
      .tools .close { width: 44px; }
      summary { display: flex; align-items: center; }
    }
  `);

  ns.styles = Object.freeze({ POPOVER_WIDTH });
})();
