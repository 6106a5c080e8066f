// Wiring: ask the worker for the knowledge, then read the page and place one
// overlay per order (content/placing.js), paced (content/pacing.js), and follow
// the page's changes (content/watch.js). Everything is undone when the signal aborts.
//
// Start-up runs at document_idle, once the page is parsed: injected at
// document_start, the scripts split the page's parse into one long task with
// its first layout, and the overlays came no sooner. The worker answers from
// what it has at hand; the service is asked after the first overlays, which
// change only if its answer differs.
(() => {
  'use strict';
  const ns = (globalThis.orderwise = globalThis.orderwise || {});
  if (ns.main) return;

  const { MSG, MAX_ORDER_IDS } = ns.protocol;
  const { send, pageLanguage } = ns.workerLink;

  async function init(signal) {
    const adapter = ns.read.adapterFor(location.href);
    const pageLang = pageLanguage();
    // The orders already on the page come back with the knowledge: the first
    // overlays wait for no second round trip (orders drawn later are asked for).
    const orderIds = adapter ? ns.read.orderIds(document, adapter, MAX_ORDER_IDS) : [];
    const reply = await send({ type: MSG.GET_KNOWLEDGE, pageLang, ...(orderIds.length ? { orderIds } : {}) });
    if (signal.aborted) return;
    const { offerReports, lang, dir, messages } = reply;
    ns.i18n.use(messages);
    const notice = ns.notice.init(signal, { adapter, lang, dir });
    if (!adapter) return;

    // What the worker answered; a revalidation may replace the knowledge and its parts.
    const session = {
      knowledge: reply.knowledge,
      source: reply.source,
      fallback: reply.fallback,
      lang,
      dir,
      offerReports,
      index: ns.read.useIndex(reply.index),
      // The states and memories of the orders asked for with the knowledge,
      // until the first pass ends.
      atStart: reply.orders || null,
      tracker: null,
    };
    const atStart = (ids) => Boolean(session.atStart) && ids.every((id) => Object.hasOwn(session.atStart.memories, id));
    const trackerSend = (message) =>
      message.type === MSG.GET_MEMORIES && atStart(message.orderIds)
        ? Promise.resolve({ memories: session.atStart.memories })
        : send(message);
    // Deadlines and per-order memory; they follow the knowledge.
    const newTracker = () =>
      ns.deadlines.tracker({ knowledge: session.knowledge, lang, send: trackerSend, changed: () => pacing.schedule(null) });
    session.tracker = newTracker();

    const cardSelector = ns.read.cardSelector(adapter); // null: every pass reads the whole page
    const watch = ns.watch.init(signal, {
      cardSelector,
      schedule: (cards) => pacing.schedule(cards),
      wake: () => pacing.scanWhole(),
      asleep: () => pacing.cancel(),
    });
    const placing = ns.placing.init(signal, { adapter, session, send, changes: watch.changes, found: notice.found });
    const pacing = ns.pacing.init(signal, { cardSelector, pass: placing.pass, onUseful: watch.stillUseful });

    // The knowledge, source and note shown were what the worker had at hand:
    // now the service is asked. Only what changed is drawn again.
    function revalidate() {
      send({ type: MSG.GET_KNOWLEDGE, pageLang, since: session.knowledge.version })
        .then((fresh) => {
          if (signal.aborted) return;
          if (!fresh.knowledge && fresh.source === session.source && fresh.fallback === session.fallback) return;
          if (fresh.knowledge) {
            session.knowledge = fresh.knowledge;
            session.index = ns.read.useIndex(fresh.index);
            session.tracker = newTracker(); // memories load again
          }
          session.source = fresh.source;
          session.fallback = fresh.fallback;
          placing.forgetDrawn();
          if (watch.isObserving()) pacing.schedule(null);
          else pacing.scanWhole();
        })
        .catch((error) => {
          console.warn('Orderwise: could not revalidate the advice:', error.message);
        });
    }

    watch.start();
    await pacing.scanWhole();
    session.atStart = null;
    if (reply.revalidate) revalidate(); // after the first overlays, not competing with them
  }

  ns.main = Object.freeze({ init });

  const controller = new AbortController();
  ns.stop = () => controller.abort();
  init(controller.signal).catch((error) => {
    console.error('Orderwise could not start on this page:', error);
  });
})();
