// Moments as the deadlines need them written or counted: the shopper's local
// time with its offset, RFC 5545's UTC form, business days, and how far off
// a moment is in words.
(() => {
  'use strict';
  const ns = (globalThis.orderwise = globalThis.orderwise || {});
  if (ns.dates) return;

  const MINUTE = 60 * 1000;
  const HOUR = 60 * MINUTE;
  const pad = (n, width = 2) => String(n).padStart(width, '0');

  // ISO 8601 in the shopper's time zone, with its offset: 2026-09-17T06:15:00+02:00.
  function isoLocal(ms) {
    const d = new Date(ms);
    const offset = -d.getTimezoneOffset();
    const sign = offset >= 0 ? '+' : '-';
    const abs = Math.abs(offset);
    return (
      `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}` +
      `T${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}` +
      `${sign}${pad(Math.floor(abs / 60))}:${pad(abs % 60)}`
    );
  }

  // RFC 5545 UTC form: 20260917T041500Z.
  function utcStamp(ms) {
    const d = new Date(ms);
    return (
      `${d.getUTCFullYear()}${pad(d.getUTCMonth() + 1)}${pad(d.getUTCDate())}` +
      `T${pad(d.getUTCHours())}${pad(d.getUTCMinutes())}${pad(d.getUTCSeconds())}Z`
    );
  }

  // The same time of day, `days` business days (Monday to Friday) later; as
  // the service's engine.add_business_days counts them.
  function addBusinessDays(ms, days) {
    const d = new Date(ms);
    const weekday = (d.getDay() + 6) % 7; // Monday 0 ... Sunday 6
    if (days > 0 && weekday > 4) d.setDate(d.getDate() - (weekday - 4));
    let rest = days;
    while (rest > 0) {
      d.setDate(d.getDate() + 1);
      if ((d.getDay() + 6) % 7 < 5) rest -= 1;
    }
    return d.getTime();
  }

  // "in 2 days", "in 5 hours", "3 days ago", in the advice's language.
  const relativeFormats = new Map();
  function relative(at, lang, now = Date.now()) {
    let format = relativeFormats.get(lang);
    if (!format) relativeFormats.set(lang, (format = new Intl.RelativeTimeFormat(lang, { numeric: 'auto' })));
    const left = at - now;
    const size = Math.abs(left);
    if (size < HOUR) return format.format(Math.round(left / MINUTE), 'minute');
    if (size < 48 * HOUR) return format.format(Math.round(left / HOUR), 'hour');
    return format.format(Math.round(left / (24 * HOUR)), 'day');
  }

  ns.dates = Object.freeze({ isoLocal, utcStamp, addBusinessDays, relative });
})();
