// Orderwise's colours, light and dark, as custom properties on a shadow
// host: the overlay, the notice and the confirm-receipt guard all take theirs
// from here, so a colour changes in one place. Only variables: each part's own
// `:host { all: initial }` would reset anything else, custom properties aside.
(() => {
  'use strict';
  const ns = (globalThis.orderwise = globalThis.orderwise || {});
  if (ns.palette) return;

  const CSS = `
    :host {
      --ow-text: #1f2328; --ow-bg: #ffffff; --ow-muted: #59636e; --ow-line: #d0d7de; --ow-field: #f6f8fa;
      --ow-yes: #1a7f37; --ow-yes-ink: #ffffff; --ow-yes-tint: #e6f6ea;
      --ow-request: #f0b000; --ow-request-ink: #1f1600; --ow-request-tint: #fff6d6;
      --ow-no: #59636e; --ow-no-ink: #ffffff; --ow-no-tint: #eef0f2;
      --ow-unknown: #59636e; --ow-unknown-ink: #1f2328; --ow-unknown-tint: #f6f8fa;
      --ow-brand: #c2410c; --ow-brand-ink: #ffffff; --ow-focus: #0969da;
      --ow-warn-tint: #fff1e5; --ow-warn-line: #bc4c00; --ow-guard-tint: #fff8f0; }
    @media (prefers-color-scheme: dark) {
      :host { --ow-text: #e6edf3; --ow-bg: #161b22; --ow-muted: #9198a1; --ow-line: #3d444d; --ow-field: #0d1117;
        --ow-yes: #3fb950; --ow-yes-ink: #04260f; --ow-yes-tint: #12261b;
        --ow-request: #e3b341; --ow-request-tint: #2b2111;
        --ow-no: #9198a1; --ow-no-ink: #0d1117; --ow-no-tint: #21262d;
        --ow-unknown: #9198a1; --ow-unknown-ink: #e6edf3; --ow-unknown-tint: #161b22;
        --ow-brand: #fb8f44; --ow-brand-ink: #1f1000; --ow-focus: #4493f8;
        --ow-warn-tint: #2d1d10; --ow-warn-line: #fb8f44; --ow-guard-tint: #2d1d10; }
    }
  `;

  ns.palette = Object.freeze({ CSS });
})();
