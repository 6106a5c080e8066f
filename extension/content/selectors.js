// Where things are on AliExpress order pages, as data: one adapter per page
// shape, newest first, each naming the storefront and page it serves. Stable
// hooks (data-pl, data-testid, role, aria) come before class names, hashed
// class names are matched by their prefix, and reading falls back to the
// knowledge's status words in the page text when none of these match, so a
// renamed class does not blind Orderwise. The manifest's content-script
// matches list exactly the pages these adapters serve.
(() => {
  'use strict';
  const ns = (globalThis.orderwise = globalThis.orderwise || {});
  if (ns.selectors) return;

  // www.aliexpress.com, every xx.aliexpress.com, www.aliexpress.us. The mobile site,
  // m.aliexpress.com, serves the same paths; its markup is taken to be the desktop's
  // until someone sees it (if not, reading falls back to the status words in its text).
  const GLOBAL_HOST = /^(?:[a-z0-9-]+\.)?aliexpress\.(?:com|us)$/;

  // The new-UI list's order links, also used to find cards whose classes were renamed.
  const ANY_ORDER_LINK = 'a[href*="orderId="], a[href*="tradeOrderId="]';

  const adapters = [
    {
      // aliexpress.ru order detail, 2022 onward: /order-list/<id>. Its own
      // platform: CSS-module classes with hashed suffixes, data-testid hooks.
      id: 'ru-detail',
      kind: 'detail',
      host: /^aliexpress\.ru$/,
      path: /^\/order-list\/[0-9]+\/?$/,
      status: [
        '[data-testid="orderStatus"]',
        '[class*="RedOrderDetails"][class*="__status__"]',
        '[class*="RedOrderDetails"][class*="__statusTitle__"]',
      ],
      orderIdText: ['[data-testid="orderNumber"]'],
      textRoot: ['#__aer_root__', 'main', 'body'],
    },
    {
      // aliexpress.ru order list, 2022 onward: /order-list (?filterName=active|archive).
      id: 'ru-list',
      kind: 'list',
      host: /^aliexpress\.ru$/,
      path: /^\/order-list\/?$/,
      card: ['[class*="RedOrderList_OrderList__item__"]'],
      status: ['[class*="RedOrderList_OrderItem__tag__"]'],
      orderLink: ['a[class*="RedOrderList_OrderItem__link__"]', 'a[href*="/order-list/"]'],
      // "5550 6772 2909 7566": the number printed in groups of digits.
      orderIdText: ['[class*="RedOrderList_OrderItem__number__"]'],
      anyOrderLink: 'a[href*="/order-list/"]',
      area: ['[class*="RedOrderList_OrderList__"]', 'main', 'body'],
    },
    {
      // Order detail, new UI 2021-26, on every global storefront.
      id: 'detail',
      kind: 'detail',
      host: GLOBAL_HOST,
      path: /^\/p\/order\/detail\.html$/,
      status: ['.order-status .order-block-title', '.order-status-content .order-block-title', '.order-block-title'],
      // "Order ID: 8181..." / "Ref. Number: 8190...". Order detail 2023-26.
      orderIdText: ['[data-pl="order_detail_gray_id"]'],
      textRoot: ['#root .order-wrap', '#root', 'body'],
    },
    {
      // My Orders list, new UI 2021-26, on every global storefront.
      id: 'list',
      kind: 'list',
      host: GLOBAL_HOST,
      path: /^\/p\/order\/(index\.html)?$/,
      // One order card. My Orders list 2022-26: div.order-item (exact class).
      card: ['div.order-item'],
      status: [
        '[data-pl="order_item_header_status"] .order-item-header-status-text',
        '.order-item-header-status-text',
        '[data-pl="order_item_header_status"]',
      ],
      // The card's own link to its detail page (orderId=), then the track link (tradeOrderId=).
      orderLink: [
        'a[data-pl="order_item_header_detail"]',
        'a[href*="/p/order/detail.html"][href*="orderId="]',
        'a[href*="tradeOrderId="]',
      ],
      // The date + "Order ID:" / "Ref. Number:" block. My Orders list 2023-26.
      orderIdText: ['[data-pl="order_item_header_info"]', '.order-item-header-right-info'],
      anyOrderLink: ANY_ORDER_LINK,
      area: ['.order-content', '#root', 'body'],
    },
    {
      // The old list, up to about 2021: trade.aliexpress.com/orderList.htm,
      // one tbody per order in table#buyer-ordertable ("wraper" sic).
      id: 'old-list',
      kind: 'list',
      host: /^trade\.aliexpress\.com$/,
      path: /^\/orderList\.htm$/,
      card: ['tbody.order-item-wraper'],
      status: ['td.order-status > span.f-left', 'td.order-status > span', '.order-status .f-left'],
      orderLink: ['a.view-detail-link[href*="orderId="]', 'a[href*="order_detail.htm"][href*="orderId="]'],
      orderIdText: ['tr.order-head td.order-info p.first-row span.info-body', 'tr.order-head td.order-info'],
      anyOrderLink: 'a[href*="orderId="]',
      area: ['#buyer-ordertable', 'body'],
    },
  ];

  ns.selectors = Object.freeze({
    adapters: Object.freeze(adapters.map((adapter) => Object.freeze(adapter))),

    // Never read status words from these (buttons say "Track order", ...).
    notStatusText: 'button, [role="button"], [role="tab"], script, style, noscript, template, select, option, textarea',

    // An order number after its label, in the page text (EN 2023 / EN 2026 / ES / KO / RU / PT / FR).
    orderIdInText:
      /(?:order\s*id|ref\.?\s*number|n[º°o]\.?\s*de\s*pedido|주문\s*(?:id|번호)|номер\s*заказа|заказ\s*№?|n[º°o]\.?\s*(?:du\s*)?commande)\s*:*\s*([0-9][0-9 \u00a0]{5,30}[0-9])/iu,
    // An order number printed in groups of digits (aliexpress.ru): 5550 6772 2909 7566.
    groupedOrderId: /(?<![0-9])[0-9]{2,4}(?:[ \u00a0][0-9]{4}){3}(?![0-9])/u,
    // A link to the seller chat, any storefront. The address is seen in real use
    // (aliexpress-edges.md §9); where the page puts such a link is assumed: no
    // source shows the chat control's markup (aliexpress-pages.md §3.2).
    messageLink: 'a[href*="/p/message/"]',
    // The dispute kit's facts (content/dispute.js), per adapter id, each a list
    // tried in order: `css` finds the element, `label` (if given) keeps only one
    // whose text starts with it. The value is the text after the label's colon.
    facts: {
      detail: {
        // "Order placed on: Dec 14, 2023". Order detail 2023-26 (aliexpress-pages.md §3.1; LBO, HUN, IMP, SKL).
        order_date: [{ css: '[data-pl="order_detail_gray_date"]' }],
        // "Paid on: Sep 14, 2026": the label is seen (§3.1, SKL); that it is an .info-row of its own is assumed.
        paid_date: [{ css: '.order-detail-order-info .info-row', label: /^paid on\b/i }],
        // "Shipped on: Sep 11, 2026": assumed; no source shows a ship date on the detail page.
        ship_date: [{ css: '.order-detail-order-info .info-row', label: /^(?:shipped on|ship(?:ping)? date)\b/i }],
        // The tracking page's number and carrier (§4; ASUM, hashed names matched by prefix);
        // that the detail page's tracking block uses them is assumed.
        tracking: [{ css: '[class*="logistic-info-v2--mailNoValue"]' }],
        carrier: [{ css: '[class*="logistic-info-v2--carrierTitle"]' }],
        // Order detail 2023-26 (§3.1; LBO, IMP, ESD).
        store: [{ css: '.order-detail-item-store .store-name' }],
      },
      list: {
        // The card's first info line, "Date: Sep 15, 2026" (2026) or "Order date: Dec 14, 2023"
        // (2023-24). My Orders list (§2.2; KAG, GF490901, ASUM, VEI).
        order_date: [
          { css: '[data-pl="order_item_header_info"] > div:first-child' },
          { css: '.order-item-header-right-info > div:first-child' },
        ],
        // My Orders list 2022-26 (§2.2; KAG, ESP, NOR).
        store: [{ css: '[data-pl="order_item_store_name"]' }, { css: '.order-item-store-name' }],
      },
    },
    // Status text longer than this is not a status.
    maxStatusLength: 64,
    // AliExpress's own Cancel control on an order's page: a button labelled
    // "Cancel" (EN 2026, seen), "Cancel order" (older EN pages); the Russian,
    // Spanish, Portuguese and French words are assumed, no real page seen.
    cancelButtons: 'button, a, [role="button"]',
    cancelButtonText:
      /^\s*(?:cancel(?:\s+order)?|отменить(?:\s+заказ)?|cancelar(?:\s+(?:el\s+)?pedido)?|annuler(?:\s+la\s+commande)?)\s*$/iu,
  });
})();
