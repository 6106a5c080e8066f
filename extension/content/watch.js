// Watching the page: a MutationObserver follows orders loaded later and
// statuses changed in place, and asks pacing for a pass over what changed.
//
// It is bounded in time: it stops IDLE_STOP_MS after the last useful change
// (a pass that added, changed or removed an overlay; the start counts as one).
// A page that never shows a status, or that rewrites itself forever
// (countdowns, carousels), does not keep Orderwise reading it. The user's next
// click, key press or wheel turn starts it again, with a pass over the whole
// page and a new minute: what the user does (load more orders, switch tabs) is
// what brings new orders. On a list, a change inside some cards (or cards added,
// or removed) asks for only those cards; any other change, for the whole page.
(() => {
  'use strict';
  const ns = (globalThis.orderwise = globalThis.orderwise || {});
  if (ns.watch) return;

  const IDLE_STOP_MS = 60_000; // stop observing a minute after the last useful change
  const WAKE_EVENTS = Object.freeze(['pointerdown', 'keydown', 'wheel']);

  // Our own insertions and moves are not news.
  const isOwn = (record) =>
    record.type === 'childList' &&
    [...record.addedNodes, ...record.removedNodes].every((node) => ns.overlay.isOverlay(node) || ns.guard.isGuard(node));

  // The list cards that the page's changes touched: changed inside, or
  // added (cards removed need no reading: the pass lets their overlays go).
  // Null when a change lies outside the cards, or the page has no card
  // selector: the whole page is read then.
  function touchedCards(records, cardSelector) {
    if (!cardSelector) return null;
    const cards = new Set();
    const cardsIn = (node) => {
      if (node.nodeType === Node.TEXT_NODE && !node.data.trim()) return [];
      if (node.nodeType !== Node.ELEMENT_NODE) return null;
      const inner = node.matches(cardSelector) ? [node] : node.querySelectorAll(cardSelector);
      return inner.length ? inner : null;
    };
    for (const record of records) {
      if (isOwn(record)) continue;
      const { target } = record;
      let card = (target.nodeType === Node.ELEMENT_NODE ? target : target.parentElement)?.closest(cardSelector);
      // The outermost: a page's own nested element may match a [class*=] selector too.
      for (let outer = card; outer; outer = outer.parentElement?.closest(cardSelector)) card = outer;
      if (card) {
        cards.add(card);
        continue;
      }
      if (record.type !== 'childList') return null;
      for (const node of record.removedNodes) if (!cardsIn(node)) return null;
      for (const node of record.addedNodes) {
        const added = cardsIn(node);
        if (!added) return null;
        for (const each of added) cards.add(each);
      }
    }
    return cards;
  }

  // schedule(cards | null) asks for a paced pass; wake() for a pass over the
  // whole page at once; asleep() cancels what was scheduled.
  function init(signal, { cardSelector, schedule, wake, asleep }) {
    let changes = 0; // the page's own changes seen so far
    let observing = false;
    let idleTimer = 0;
    let wakeListeners = null; // AbortController of the wake-up listeners while stopped

    const observer = new MutationObserver((records) => {
      if (records.every(isOwn)) return;
      changes += 1;
      schedule(touchedCards(records, cardSelector));
    });

    function stillUseful() {
      clearTimeout(idleTimer);
      idleTimer = setTimeout(stop, IDLE_STOP_MS);
    }

    function start() {
      if (observing || signal.aborted) return;
      observing = true;
      wakeListeners?.abort();
      wakeListeners = null;
      observer.observe(document.body, { childList: true, subtree: true, characterData: true });
      stillUseful();
    }

    function stop() {
      if (!observing) return;
      observing = false;
      observer.disconnect();
      asleep();
      wakeListeners = new AbortController();
      const options = { capture: true, passive: true, signal: wakeListeners.signal };
      const resume = () => {
        start();
        wake();
      };
      for (const type of WAKE_EVENTS) document.addEventListener(type, resume, options);
    }

    signal.addEventListener('abort', () => {
      observer.disconnect();
      clearTimeout(idleTimer);
      wakeListeners?.abort();
    });
    return Object.freeze({
      start,
      stillUseful,
      isObserving: () => observing,
      changes: () => changes,
    });
  }

  ns.watch = Object.freeze({ init });
})();
