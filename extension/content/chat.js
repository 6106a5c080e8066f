// "Copy and open chat": beside Copy, a button that puts the message on the
// clipboard and opens the seller chat for this order in a new tab, where the
// shopper pastes it and presses Send. Nothing is sent for them, and the chat
// is AliExpress's own page, which knows the order already.
//
// The address: the page's own message link for this order when it is one we
// trust (https, an AliExpress host, the /p/message/ path, this order's
// number), read again at the click since the page may change it; otherwise,
// on the new-UI storefronts only, the address seen in real use
// (aliexpress-edges.md §9), always on www.aliexpress.com: keeping the
// storefront's own host would be unsourced. On aliexpress.ru and the old UI no
// address is known, so there is no button unless the page has its own link.
(() => {
  'use strict';
  const ns = (globalThis.orderwise = globalThis.orderwise || {});
  if (ns.chat) return;

  const { t } = ns.i18n;
  const { h } = ns.dom;
  const SEL = ns.selectors;
  const ALIEXPRESS_HOST = /^(?:[a-z0-9-]+\.)*aliexpress\.(?:com|us|ru)$/;
  const NEW_UI = new Set(['detail', 'list']); // the adapters of the 2021-26 storefronts (content/selectors.js)
  const CHAT = 'https://www.aliexpress.com/p/message/index.html';
  // Copy's words (content/panel.js), for the chat.
  const CHAT_WORDS = Object.freeze({ done: 'chatCopied', failed: 'chatCopyFailed', failedTouch: 'chatCopyFailedTouch' });

  // The page's message link for this order, if one can be trusted; else null.
  function pageLink(orderId, doc = document) {
    for (const link of doc.querySelectorAll(SEL.messageLink)) {
      const href = link.getAttribute('href') || '';
      if (!URL.canParse(href, doc.baseURI)) continue;
      const url = new URL(href, doc.baseURI);
      if (
        url.protocol === 'https:' &&
        ALIEXPRESS_HOST.test(url.hostname) &&
        url.pathname.startsWith('/p/message/') &&
        url.searchParams.get('orderId') === orderId
      ) {
        return url.href;
      }
    }
    return null;
  }

  // The address AliExpress's own chat answers for an order, where one is known.
  function builtLink(orderId, pageUrl = location.href) {
    const adapter = ns.read.adapterFor(pageUrl);
    if (!adapter || !NEW_UI.has(adapter.id)) return null;
    const url = new URL(CHAT);
    url.search = new URLSearchParams({ fromCode: 'order', orderId }).toString();
    return url.href;
  }

  const chatAddress = (orderId) => pageLink(orderId) || builtLink(orderId);

  // The button and its hint for the panel's copy row (content/panel.js), or
  // null when no chat address is known. `box` holds the message, `said` is
  // the row's status line.
  function control(ctl, box, said) {
    if (!chatAddress(ctl.orderId)) return null;
    const hint = `ow-${ctl.orderId}-chat-hint`;
    const onclick = async () => {
      const address = chatAddress(ctl.orderId);
      if (!address) return;
      await ns.panel.copyMessage(ctl, box, said, CHAT_WORDS);
      window.open(address, '_blank', 'noopener');
    };
    // The hint is read with the button and shown as its tooltip: the card stays compact.
    return [
      h('button', { type: 'button', class: 'chat', 'data-action': 'chat', 'aria-describedby': hint, title: t('chatHint'), onclick }, t('chatButton')),
      h('span', { class: 'sr-only', id: hint }, t('chatHint')),
    ];
  }

  ns.chat = Object.freeze({ control, pageLink, builtLink });
})();
