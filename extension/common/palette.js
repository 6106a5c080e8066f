// Orderwise's colours, light and dark, as custom properties on a shadow
// host: the overlay, the notice and the confirm-receipt guard all take theirs
// from here, so a colour changes in one place. The theme is the page's own
// (data-theme, set from the page's background by ns.dom.followPage), not the
// system's: AliExpress's pages stay white under a dark system. Only
// variables: each part's `:host { all: initial }` resets anything else.
(() => {
  'use strict';
  const ns = (globalThis.orderwise = globalThis.orderwise || {});
  if (ns.palette) return;

  // AliExpress's orange (#ff6a00) for accents; a deeper one where white text
  // sits on it, so the text keeps a 4.5:1 contrast.
  const CSS = `
    :host {
      --ow-text: #191919; --ow-bg: #ffffff; --ow-muted: #5c5c5c; --ow-line: #e0e0e0; --ow-field: #f5f5f5;
      --ow-yes: #1a7f37; --ow-yes-ink: #ffffff; --ow-yes-tint: #e8f5ec;
      --ow-request: #b35c00; --ow-request-ink: #ffffff; --ow-request-tint: #fff4e8;
      --ow-no: #5c5c5c; --ow-no-ink: #ffffff; --ow-no-tint: #f0f0f0;
      --ow-unknown: #5c5c5c; --ow-unknown-ink: #ffffff; --ow-unknown-tint: #f5f5f5;
      --ow-brand: #ff6a00; --ow-action: #c94a00; --ow-action-ink: #ffffff; --ow-focus: #c94a00;
      --ow-warn-tint: #fff1e5; --ow-warn-line: #c94a00; --ow-guard-tint: #fff8f0;
      --ow-shadow: 0 6px 24px rgba(0,0,0,.16); }
    :host([data-theme="dark"]) {
      --ow-text: #ececec; --ow-bg: #1e1e1e; --ow-muted: #a8a8a8; --ow-line: #3c3c3c; --ow-field: #141414;
      --ow-yes: #3fb950; --ow-yes-ink: #04260f; --ow-yes-tint: #12261b;
      --ow-request: #ff9a4d; --ow-request-ink: #2a1000; --ow-request-tint: #2d1d10;
      --ow-no: #a8a8a8; --ow-no-ink: #141414; --ow-no-tint: #262626;
      --ow-unknown: #a8a8a8; --ow-unknown-ink: #141414; --ow-unknown-tint: #1e1e1e;
      --ow-brand: #ff8a3d; --ow-action: #ff8a3d; --ow-action-ink: #1f0d00; --ow-focus: #ff8a3d;
      --ow-warn-tint: #2d1d10; --ow-warn-line: #ff8a3d; --ow-guard-tint: #2d1d10;
      --ow-shadow: 0 6px 24px rgba(0,0,0,.6); }
  `;

  ns.dom.addCss(CSS);
  ns.palette = Object.freeze({ CSS });
})();
