// Pacing: when the page is read again, and how much of it. What is pending
// (the whole page, or only some list cards) waits here until a pass takes it.
//
// Passes are spaced so that they take at most about a tenth of the page's
// main thread: a pass starts SCAN_PAUSE_FACTOR times as long as it is expected
// to take after the last one ended, at the earliest; past that, on the next
// frame. A whole page is expected to take what it took last time; a few
// cards, what a card took then.
(() => {
  'use strict';
  const ns = (globalThis.orderwise = globalThis.orderwise || {});
  if (ns.pacing) return;

  const SCAN_PAUSE_FACTOR = 9; // pause >= 9x the last scan: scanning stays under ~10% of the thread
  const FRAME_FALLBACK_MS = 100; // a hidden tab draws no frames: scan after this instead

  // cardSelector: the list's card selector, or null (every pass reads the whole
  // page). pass(round) reads what the round holds and resolves to true when it
  // changed what Orderwise shows; then onUseful() is called.
  function init(signal, { cardSelector, pass, onUseful }) {
    let running = false;
    let dirty = false; // asked for again while running
    let cancelScheduled = null; // set while a scan is scheduled
    let scheduledAt = 0; // the earliest start of the scheduled scan; 0: the next frame
    let busyMs = 0; // how long this scan kept the thread busy (waiting for the worker excluded)
    let ordersRead = 0;
    let lastScanEnd = -Infinity; // performance.now() when the last scan ended
    let wholeMs = 0; // how long the last scan of the whole page took
    let orderMs = 0; // how long an order took to read and draw in the last scan
    let wholePending = true; // the next pass reads the whole page
    const dirtyCards = new Set(); // else only these list cards
    const wholeNext = () => wholePending || !cardSelector;

    // What one pass reads (whole, or these cards), and its way to report back.
    function takeRound(whole) {
      const cards = whole ? null : [...dirtyCards].filter((card) => card.isConnected && card.matches(cardSelector));
      wholePending = false;
      dirtyCards.clear();
      return Object.freeze({
        whole,
        cards,
        busy: (ms) => {
          busyMs += ms;
        },
        read: (count) => {
          ordersRead += count;
        },
        // Given up half-way: the whole round is owed again.
        owe: () => {
          if (whole) wholePending = true;
          else for (const card of cards) dirtyCards.add(card);
          dirty = true;
        },
        // One order could not be shown yet: its card (or the page) again.
        again: (card) => {
          if (whole) wholePending = true;
          else dirtyCards.add(card);
          dirty = true;
        },
      });
    }

    async function scan() {
      if (running) {
        dirty = true;
        return;
      }
      running = true;
      busyMs = 0;
      ordersRead = 0;
      let whole = false;
      try {
        do {
          dirty = false;
          const round = wholeNext();
          whole ||= round;
          if (await pass(takeRound(round))) onUseful();
        } while (dirty && !signal.aborted);
      } catch (error) {
        console.error('Orderwise:', error);
      } finally {
        running = false;
        lastScanEnd = performance.now();
        if (whole) wholeMs = busyMs;
        if (ordersRead) orderMs = busyMs / ordersRead;
      }
    }

    // What the next scan is expected to cost: the whole page, or its changed cards.
    const expectedMs = () => (wholeNext() ? wholeMs : Math.min(wholeMs, orderMs * dirtyCards.size));

    function cancel() {
      cancelScheduled?.();
      cancelScheduled = null;
    }

    // A scan of the whole page (cards null) or of these list cards, soon.
    // Already scheduled, it is put off if what is now pending (the whole page
    // after a few cards, say) may not start that soon.
    function schedule(cards) {
      if (cards) for (const card of cards) dirtyCards.add(card);
      else wholePending = true;
      if (signal.aborted) return;
      const pause = lastScanEnd + SCAN_PAUSE_FACTOR * expectedMs() - performance.now();
      const at = pause > 0 ? performance.now() + pause : 0;
      if (cancelScheduled) {
        if (at <= scheduledAt) return;
        cancelScheduled();
      }
      scheduledAt = at;
      const fire = () => {
        cancel();
        scan();
      };
      const timer = setTimeout(fire, pause > 0 ? pause : FRAME_FALLBACK_MS);
      const frame = pause > 0 ? 0 : requestAnimationFrame(fire);
      cancelScheduled = () => {
        clearTimeout(timer);
        cancelAnimationFrame(frame);
      };
    }

    // The whole page, now (not paced: the user's own action, or the start).
    function scanWhole() {
      wholePending = true;
      return scan();
    }

    signal.addEventListener('abort', cancel);
    return Object.freeze({ schedule, scanWhole, cancel });
  }

  ns.pacing = Object.freeze({ init });
})();
