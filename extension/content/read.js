// Reading the page: which orders are shown, their numbers and their status.
// Known selectors first, then the knowledge's status words in the page text.
// Nothing here changes the page.
(() => {
  'use strict';
  const ns = (globalThis.orderwise = globalThis.orderwise || {});
  if (ns.read) return;

  const SEL = ns.selectors;
  const { ORDER_ID } = ns.protocol;
  const UNKNOWN = 'unknown';
  const { normalize } = ns.words;
  const MAX_TEXT = 64; // engine.MAX_TEXT: classify() reads the first 4x this code points

  // classify()'s lookup tables from the table the worker built (words.table,
  // in GET_KNOWLEDGE's reply).
  const useIndex = ({ variants, exact, prefixes, contains, cues }) => ({
    variants,
    exact: new Map(exact.map(([word, key, confidence]) => [word, [key, confidence]])),
    prefixes,
    contains,
    cues: cues || [],
    remembered: new Map(),
  });

  // The same from the whole knowledge (words and all).
  const buildIndex = (knowledge) => useIndex(ns.words.table(knowledge));

  const { CONFIDENCE } = ns.words;
  const NOTHING = Object.freeze({ status: UNKNOWN, confidence: 0, match: null, words: null });
  const reading = (status, confidence, match, words) => ({ status, confidence, match, words });

  // How a status text reads, the same steps as the engine's classify():
  // {status, confidence, match: 'exact' | 'partial' | null, words: the
  // knowledge's word or cue (folded) that decided}. The exact word first;
  // else a partial match, unless the text holds a cue (money going back, a
  // dispute, a freeze) whose statuses the partial match is not among: then the
  // cue decides.
  function classification(text, index) {
    text = String(text);
    const head = text.length <= MAX_TEXT * 4 ? text : Array.from(text).slice(0, MAX_TEXT * 4).join('');
    const folded = normalize(head, index.variants);
    if (!folded) return NOTHING;
    const exact = index.exact.get(folded);
    if (exact) return reading(exact[0], exact[1], 'exact', folded);
    const partial = partialMatch(folded, index);
    const cue = cueIn(folded, index);
    if (cue && (partial === null || !cue.statuses.includes(partial.status))) {
      return reading(cue.status, CONFIDENCE.cue, 'partial', cue.word);
    }
    return partial || NOTHING;
  }

  // The text starting with a known word (longest first); a "contains" word
  // anywhere; a known word among the text's words.
  function partialMatch(folded, index) {
    for (const [word, key] of index.prefixes) if (folded.startsWith(word)) return reading(key, CONFIDENCE.prefix, 'partial', word);
    for (const [word, key] of index.contains) if (folded.includes(word)) return reading(key, CONFIDENCE.contains, 'partial', word);
    const padded = ` ${folded} `;
    for (const [word, key] of index.prefixes) if (padded.includes(` ${word} `)) return reading(key, CONFIDENCE.word, 'partial', word);
    return null;
  }

  // The first cue (in the knowledge's order) the text holds: a cue word at
  // the start of one of its words, or anywhere for a "contains" cue word.
  function cueIn(folded, index) {
    const padded = ` ${folded}`;
    for (const [statuses, status, words] of index.cues) {
      for (const [word, match] of words) {
        if (match === 'contains' ? folded.includes(word) : padded.includes(` ${word}`)) return { statuses, status, word };
      }
    }
    return null;
  }

  // The status key alone.
  const classify = (text, index) => classification(text, index).status;

  // Only an exact status word counts when searching free text. Remembered per
  // text: a page re-rendering the same 20,000 texts is folded once, not per scan.
  const MAX_REMEMBERED = 20_000;
  function isExactStatus(text, index) {
    let exact = index.remembered.get(text);
    if (exact === undefined) {
      if (index.remembered.size >= MAX_REMEMBERED) index.remembered.clear();
      exact = index.exact.has(normalize(text, index.variants));
      index.remembered.set(text, exact);
    }
    return exact;
  }

  const textOf = (element) => (element.textContent || '').replace(/\s+/g, ' ').trim();

  function first(scope, selectors) {
    for (const selector of selectors) {
      const found = scope.querySelector(selector);
      if (found) return found;
    }
    return null;
  }

  function cleanOrderId(value) {
    const digits = String(value || '').replace(/\s+/g, '');
    return ORDER_ID.test(digits) ? digits : null;
  }

  // ?orderId= / ?tradeOrderId= (global storefronts), or /order-list/<id> (aliexpress.ru).
  function orderIdFromHref(href) {
    try {
      const url = new URL(href, location.href);
      const query = url.searchParams.get('orderId') || url.searchParams.get('tradeOrderId');
      if (query) return cleanOrderId(query);
      const path = /^\/order-list\/([0-9]+)\/?$/.exec(url.pathname);
      return path ? cleanOrderId(path[1]) : null;
    } catch {
      return null;
    }
  }

  // After its label, else printed in groups (5550 6772 2909 7566), else bare digits.
  function orderIdFromText(text) {
    const labelled = SEL.orderIdInText.exec(text);
    if (labelled) return cleanOrderId(labelled[1]);
    const grouped = SEL.groupedOrderId.exec(text);
    if (grouped) return cleanOrderId(grouped[0]);
    const bare = /(?<![0-9])[0-9]{12,24}(?![0-9])/.exec(text);
    return bare ? bare[0] : null;
  }

  // What an order carries of its status's reading.
  function read(text, index) {
    const { status, match, words } = classification(text, index);
    return { key: status, match, words };
  }

  // The status element: known selectors in scope, then an element of textScope
  // whose whole text is a known status word. Returns {element, text, key, match, words} or null.
  function findStatus(scope, selectors, index, textScope = scope) {
    for (const selector of selectors) {
      for (const element of scope.querySelectorAll(selector)) {
        const text = textOf(element);
        if (text) return { element, text, ...read(text, index) };
      }
    }
    if (!textScope) return null;
    // Cheapest test first: this visits every element of a page that may be huge.
    for (const element of textScope.querySelectorAll('*')) {
      if (element.childElementCount > 0) continue;
      const text = textOf(element);
      if (!text || text.length > SEL.maxStatusLength || !isExactStatus(text, index)) continue;
      if (!element.closest(SEL.notStatusText)) return { element, text, ...read(text, index) };
    }
    return null;
  }

  // An order whose status findStatus() found, placed right after it.
  const orderAt = (orderId, status) => ({
    orderId,
    statusKey: status.key,
    rawText: status.text,
    match: status.match,
    matchedWords: status.words,
    after: status.element,
  });

  // Cards when the card class is renamed: climb from each order link while
  // the ancestor still holds links to this one order only.
  function cardsFromLinks(root, adapter) {
    const cards = new Set();
    const idsUnder = (element) => {
      const ids = new Set();
      for (const link of element.querySelectorAll(adapter.anyOrderLink)) {
        const id = orderIdFromHref(link.getAttribute('href'));
        if (id) ids.add(id);
      }
      return ids;
    };
    for (const link of root.querySelectorAll(adapter.anyOrderLink)) {
      if (!orderIdFromHref(link.getAttribute('href'))) continue;
      let card = link;
      while (card.parentElement && card.parentElement !== root.body && idsUnder(card.parentElement).size <= 1) {
        card = card.parentElement;
      }
      if (card !== link) cards.add(card);
    }
    return [...cards];
  }

  function cardOrderId(card, adapter) {
    for (const selector of adapter.orderLink) {
      for (const link of card.querySelectorAll(selector)) {
        const id = orderIdFromHref(link.getAttribute('href'));
        if (id) return id;
      }
    }
    const info = first(card, adapter.orderIdText);
    return orderIdFromText(textOf(info || card));
  }

  // The selector of a list's cards; null for a detail page. A page whose card
  // class was renamed has no card it matches, and is read whole.
  const cardSelector = (adapter) => (adapter.kind === 'list' ? adapter.card.join(',') : null);

  function readList(doc, index, adapter, only) {
    let cards = only || [...doc.querySelectorAll(cardSelector(adapter))];
    if (cards.length === 0 && !only) cards = cardsFromLinks(doc, adapter);
    const orders = [];
    for (const card of cards) {
      const orderId = cardOrderId(card, adapter);
      if (!orderId) continue;
      const status = findStatus(card, adapter.status, index);
      if (status) {
        orders.push({ ...orderAt(orderId, status), card });
      } else if (card.firstElementChild) {
        // A card with no readable status still gets an overlay that says so.
        orders.push({ orderId, statusKey: UNKNOWN, rawText: '', match: null, matchedWords: null, prependTo: card.firstElementChild, card });
      }
    }
    return orders;
  }

  function readDetail(doc, index, adapter) {
    const orderId =
      orderIdFromHref(location.href) || orderIdFromText(textOf(first(doc, adapter.orderIdText) || doc.body));
    if (!orderId) return [];
    const status = findStatus(doc, adapter.status, index, first(doc, adapter.textRoot));
    // No status yet: the page is still rendering; the observer will call again.
    if (!status) return [];
    return [orderAt(orderId, status)];
  }

  // The order numbers a page shows, read before the knowledge is there (no
  // status needed), so the first request can ask for their states too. At most
  // `max`; none when the page has not drawn its orders yet.
  function orderIds(doc, adapter, max) {
    if (adapter.kind === 'detail') {
      const info = first(doc, adapter.orderIdText);
      const id = orderIdFromHref(location.href) || (info && orderIdFromText(textOf(info)));
      return id ? [id] : [];
    }
    let cards = [...doc.querySelectorAll(cardSelector(adapter))];
    if (cards.length === 0) cards = cardsFromLinks(doc, adapter);
    return [...new Set(cards.map((card) => cardOrderId(card, adapter)).filter(Boolean))].slice(0, max);
  }

  // The adapter for a page (a URL), or null for a page shape Orderwise can't read.
  function adapterFor(url) {
    const { hostname, pathname } = new URL(url);
    return SEL.adapters.find((adapter) => adapter.host.test(hostname) && adapter.path.test(pathname)) || null;
  }

  // Where the "couldn't read this page" notice goes: the top of the order area.
  function noticeArea(doc, adapter) {
    return first(doc, (adapter && (adapter.area || adapter.textRoot)) || ['body']) || doc.body;
  }

  // Every order on the page, one entry per order number, in page order:
  // {orderId, statusKey, rawText, match, matchedWords, after | prependTo, card (list only)}.
  // On a list, `cards` (elements matching cardSelector) reads only those.
  function findOrders(doc, adapter, index, cards = null) {
    const found = adapter.kind === 'detail' ? readDetail(doc, index, adapter) : readList(doc, index, adapter, cards);
    const seen = new Set();
    return found.filter((order) => !seen.has(order.orderId) && seen.add(order.orderId));
  }

  ns.read = Object.freeze({
    normalize,
    buildIndex,
    useIndex,
    classify,
    classification,
    findOrders,
    orderIds,
    cardSelector,
    adapterFor,
    noticeArea,
    orderIdFromText,
    UNKNOWN,
  });
})();
