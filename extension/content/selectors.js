// Where things are on AliExpress order pages, as data. Newest markup first;
// each entry names the page it serves. Stable hooks (data-pl, data-testid,
// role, aria) come before class names, and reading falls back to the
// knowledge's status words in the page text when none of these match, so a
// renamed class does not blind Orderwise.
(() => {
  'use strict';
  const ns = (globalThis.orderwise = globalThis.orderwise || {});
  if (ns.selectors) return;

  ns.selectors = Object.freeze({
    // Which page is this? Tested against location.pathname.
    pages: Object.freeze({
      list: /^\/p\/order\/(index\.html)?$/, // My Orders, 2021 onward
      detail: /^\/p\/order\/detail\.html$/, // order detail, 2021 onward
    }),

    list: Object.freeze({
      // One order card. My Orders list 2022-26: div.order-item (exact class).
      card: Object.freeze(['div.order-item']),
      // The status text of a card. My Orders list 2022-26.
      status: Object.freeze([
        '[data-pl="order_item_header_status"] .order-item-header-status-text',
        '.order-item-header-status-text',
        '[data-pl="order_item_header_status"]',
      ]),
      // The card's own link to its detail page (orderId=), then the track link
      // (tradeOrderId=). My Orders list 2022-26.
      orderLink: Object.freeze([
        'a[data-pl="order_item_header_detail"]',
        'a[href*="/p/order/detail.html"][href*="orderId="]',
        'a[href*="tradeOrderId="]',
      ]),
      // The date + "Order ID:" / "Ref. Number:" block. My Orders list 2023-26.
      orderIdText: Object.freeze(['[data-pl="order_item_header_info"]', '.order-item-header-right-info']),
      // Any order link, used to find cards whose classes were renamed.
      anyOrderLink: 'a[href*="orderId="], a[href*="tradeOrderId="]',
    }),

    detail: Object.freeze({
      // The status heading. Order detail 2021-26.
      status: Object.freeze([
        '.order-status .order-block-title',
        '.order-status-content .order-block-title',
        '.order-block-title',
      ]),
      // "Order ID: 8181..." / "Ref. Number: 8190...". Order detail 2023-26.
      orderIdText: Object.freeze(['[data-pl="order_detail_gray_id"]']),
      // Where to look for status words when no selector matches.
      textRoot: Object.freeze(['#root .order-wrap', '#root', 'body']),
    }),

    // Never read status words from these (buttons say "Track order", ...).
    notStatusText: 'button, [role="button"], [role="tab"], script, style, noscript, template, select, option, textarea',

    // An order number after its label, in the page text (EN 2023 / EN 2026 / ES / KO).
    orderIdInText: /(?:order\s*id|ref\.?\s*number|n[º°o]\.?\s*de\s*pedido|주문\s*(?:id|번호))\s*:*\s*([0-9][0-9 ]{5,30}[0-9])/iu,
    // Status text longer than this is not a status.
    maxStatusLength: 64,
  });
})();
