// Reading the order page's own timers (KINDS and LEFT_TIME below), each as an
// absolute moment read against this browser's clock and shown in its time
// zone. Nothing here changes the page.
(() => {
  'use strict';
  const ns = (globalThis.orderwise = globalThis.orderwise || {});
  if (ns.timers) return;

  // Page wording, as data (English pages, and Russian for the seller's answer;
  // see tests/fixtures/README.md for which wording is seen and which is
  // assumed). The first kind whose words match a timer's sentence names it.
  // \b only knows ASCII letters, so the Russian words go without it.
  const KINDS = Object.freeze([
    ['no_delivery_refund', /refund if no delivery/i],
    // Anchored: unanchored, the lookaheads would rescan the text from every position.
    ['seller_answer', /^(?:(?=.*\bcancel)(?=.*\b(?:respond|response|answer|reply|approve)\b)|(?=.*отмен)(?=.*(?:ответ|одобр)))/is],
    ['protection_ends', /buyer protection|protection (?:time|ends)|confirmed automatically|auto(?:matically)?[- ]confirm/i],
    ['ship_by', /\b(?:ship|shipping|shipped|send|dispatch)\b/i],
  ]);
  // Old My Orders list (orderList.htm, up to about 2021): milliseconds left
  // for the seller to send the goods.
  const LEFT_TIME = 'p.left-sendgoods-day[lefttime], [lefttime]';
  // "1 day 20:15:00", "5 days 12:00:00", "1 дн. 20:15:00", "3d 4h 5m", "2 days 5 hours", "20:15:00".
  const DURATIONS = Object.freeze([
    /(\d{1,3})\s*(?:days?|d|дн(?:я|ей)?\.?|день)\s*,?\s*(\d{1,2}):(\d{2}):(\d{2})/i,
    /(\d{1,3})\s*(?:days?|d)\b\s*,?\s*(?:(\d{1,2})\s*(?:hours?|hrs?|h)\b)?\s*(?:(\d{1,2})\s*(?:minutes?|mins?|m)\b)?/i,
    /()(\d{1,3}):(\d{2}):(\d{2})/,
  ]);
  const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];
  // "Oct 20, 2026", "20 Oct 2026", "2026-10-20", each optionally followed by "14:30".
  const DATES = Object.freeze([
    { re: /\b([A-Za-z]{3})[a-z]*\.?\s+(\d{1,2}),?\s+(\d{4})(?:,?\s+(\d{1,2}):(\d{2}))?/, order: ['m', 'd', 'y'] },
    { re: /\b(\d{1,2})\s+([A-Za-z]{3})[a-z]*\.?,?\s+(\d{4})(?:,?\s+(\d{1,2}):(\d{2}))?/, order: ['d', 'm', 'y'] },
    { re: /\b(\d{4})-(\d{2})-(\d{2})(?:[ T](\d{2}):(\d{2}))?/, order: ['y', 'M', 'd'] },
  ]);
  // How the order was paid, for the refund window: the detail page's
  // "Payment method: Visa" row (2023-26), matched to the knowledge's keys.
  const PAYMENT_ROW = '[data-pl="order_detail_gray_payment"]';
  const PAYMENT_WORDS = Object.freeze([
    ['cash_on_delivery', /cash on delivery|\bcod\b/i],
    ['western_union', /western union/i],
    ['bank_transfer', /bank transfer|wire transfer|boleto/i],
    ['paypal', /paypal/i],
    ['alipay', /alipay/i],
    ['cash', /\bcash\b/i],
    ['card', /\b(?:visa|mastercard|maestro|american express|amex|discover|jcb|mir|card)\b/i],
  ]);
  const MAX_TEXT = 300; // a timer's sentence is short; longer text is a block of many
  // What every countdown has (a digit before ":00" or a day word) and the
  // sentence of the one kind read from a date: text without either holds no
  // timer. One test of it spares the kinds' four. Any whitespace, so it holds
  // for the page's text as well as for textOf()'s.
  const TIMER_SHAPE = /\d(?::\d\d|\s*[dд])|refund\s+if\s+no\s+delivery/i;
  const DIGIT = /\d/;
  const SKIP = 'orderwise-advice, orderwise-guard, script, style, noscript, template, textarea, select';
  const HOUR = 3600 * 1000;

  const textOf = (element) => (element.textContent || '').replace(/\s+/g, ' ').trim();

  // The key of the first [key, words] pair whose words match text, or null.
  const firstMatch = (pairs, text) => pairs.find(([, words]) => words.test(text))?.[0] ?? null;

  // Milliseconds in a countdown text, or null.
  function duration(text) {
    for (const re of DURATIONS) {
      const m = re.exec(text);
      if (!m || !m[0].trim()) continue;
      const [days, hours, minutes, seconds] = [m[1], m[2], m[3], m[4]].map((v) => Number(v || 0));
      if (hours > 23 && m[1] !== '') continue;
      if (minutes > 59 || seconds > 59) continue;
      const ms = ((days * 24 + hours) * 60 + minutes) * 60000 + seconds * 1000;
      if (ms > 0) return ms;
    }
    return null;
  }

  // A date (and time) as written on the page, at that moment in the
  // shopper's time zone; a date alone means its start (00:00), so "before
  // Oct 20" ends as Oct 20 begins.
  function date(text) {
    for (const { re, order } of DATES) {
      const m = re.exec(text);
      if (!m) continue;
      const parts = Object.fromEntries(order.map((name, i) => [name, m[i + 1]]));
      const month = parts.M ? Number(parts.M) - 1 : MONTHS.indexOf(parts.m.slice(0, 3).toLowerCase());
      const day = Number(parts.d);
      const year = Number(parts.y);
      if (month < 0 || month > 11 || day < 1 || day > 31) continue;
      const at = new Date(year, month, day, Number(m[4] || 0), Number(m[5] || 0));
      if (at.getDate() !== day) continue; // Feb 30
      return at.getTime();
    }
    return null;
  }

  // Every timer in scope: [{kind, at, text}], one per kind, in page order.
  function read(scope, now = Date.now()) {
    if (!scope) return [];
    const lefts = scope.querySelectorAll(LEFT_TIME);
    // Most orders show no timer at all: one look at the whole text decides,
    // before any element is read on its own.
    if (!lefts.length && !TIMER_SHAPE.test(scope.textContent || '')) return [];
    const found = new Map();
    const add = (kind, at, text) => {
      if (kind && Number.isFinite(at) && !found.has(kind)) found.set(kind, { kind, at: Math.floor(at / 1000) * 1000, text });
    };
    for (const element of lefts) {
      if (element.closest(SKIP)) continue;
      const left = Number(element.getAttribute('lefttime'));
      if (Number.isFinite(left) && left > 0 && left < 366 * 24 * HOUR) add('ship_by', now + left, textOf(element));
    }
    // The smallest element whose text names a kind and holds a countdown or a
    // date: the sentence the timer stands in.
    const candidates = [];
    for (const [element, text] of short(scope)) {
      if (!TIMER_SHAPE.test(text) || element.closest(SKIP)) continue;
      const kind = firstMatch(KINDS, text);
      if (!kind) continue;
      const at = kind === 'no_delivery_refund' ? date(text) : (duration(text) ?? null);
      if (at === null) continue;
      for (let i = candidates.length - 1; i >= 0; i -= 1) {
        if (candidates[i].element.contains(element)) candidates.splice(i, 1);
      }
      candidates.push({ element, kind, at: kind === 'no_delivery_refund' ? at : now + at, text });
    }
    for (const c of candidates) add(c.kind, c.at, c.text);
    return [...found.values()];
  }

  // The elements under scope whose text could hold a timer, each with its
  // text, in page order. Every countdown and date has a digit, so these are
  // the ancestors of a text node with a digit, up to the first whose text is
  // too long (an ancestor's text is never shorter than its descendant's).
  function short(scope) {
    const seen = new Set();
    const out = [];
    const walker = document.createTreeWalker(scope, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      if (!DIGIT.test(node.data)) continue;
      const chain = [];
      for (let el = node.parentElement; el && el !== scope && !seen.has(el); el = el.parentElement) {
        seen.add(el);
        const text = textOf(el);
        if (text.length > MAX_TEXT) break;
        chain.push([el, text]);
      }
      // Outermost first: the new elements all start after the ones already met.
      for (let i = chain.length - 1; i >= 0; i -= 1) out.push(chain[i]);
    }
    return out;
  }

  // The knowledge's payment-method key for the order in scope, or null.
  function payment(scope) {
    const row = scope && scope.querySelector(PAYMENT_ROW);
    return row ? firstMatch(PAYMENT_WORDS, textOf(row)) : null;
  }

  ns.timers = Object.freeze({ read, duration, date, payment });
})();
