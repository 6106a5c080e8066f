// A deadline as a calendar file (.ics, RFC 5545), made and saved in the
// browser: one event with a reminder, nothing sent anywhere.
(() => {
  'use strict';
  const ns = (globalThis.orderwise = globalThis.orderwise || {});
  if (ns.ics) return;

  const { t } = ns.i18n;
  const { utcStamp } = ns.dates;
  const ALARM = '-PT2H'; // calendar reminder two hours before
  const MAX_LINE_OCTETS = 75;
  const REVOKE_AFTER_MS = 60_000; // the browser has taken the file by then

  const icsText = (text) =>
    String(text).replace(/\\/g, '\\\\').replace(/;/g, '\\;').replace(/,/g, '\\,').replace(/\r?\n/g, '\\n');

  // Lines of at most 75 octets; a continuation starts with one space.
  function fold(line) {
    const encoder = new TextEncoder();
    const out = [];
    let current = '';
    let size = 0;
    for (const char of line) {
      const bytes = encoder.encode(char).length;
      if (size + bytes > MAX_LINE_OCTETS) {
        out.push(current);
        current = ' ';
        size = 1;
      }
      current += char;
      size += bytes;
    }
    out.push(current);
    return out.join('\r\n');
  }

  // One VEVENT for one deadline ({kind, at, label, then, source}).
  function calendar(orderId, deadline, { now = Date.now(), url } = {}) {
    const summary = t('icsSummary', orderId, deadline.label);
    const basis = deadline.source === 'page' ? t('deadlineFromPage') : t('deadlineFromRule');
    const description = [deadline.then, basis, url].filter(Boolean).join('\n');
    const lines = [
      'BEGIN:VCALENDAR',
      'VERSION:2.0',
      'PRODID:-//Orderwise//Order deadlines//EN',
      'CALSCALE:GREGORIAN',
      'METHOD:PUBLISH',
      'BEGIN:VEVENT',
      `UID:${orderId}-${deadline.kind}-${utcStamp(deadline.at)}@orderwise.invalid`,
      `DTSTAMP:${utcStamp(now)}`,
      `DTSTART:${utcStamp(deadline.at)}`,
      `SUMMARY:${icsText(summary)}`,
      `DESCRIPTION:${icsText(description)}`,
      url ? `URL:${url}` : null,
      'BEGIN:VALARM',
      'ACTION:DISPLAY',
      `TRIGGER:${ALARM}`,
      `DESCRIPTION:${icsText(summary)}`,
      'END:VALARM',
      'END:VEVENT',
      'END:VCALENDAR',
    ].filter(Boolean);
    return `${lines.map(fold).join('\r\n')}\r\n`;
  }

  // Saves the text as a file, through a link clicked inside root (the shadow root).
  function download(root, fileName, text) {
    const href = URL.createObjectURL(new Blob([text], { type: 'text/calendar;charset=utf-8' }));
    const anchor = Object.assign(document.createElement('a'), { href, download: fileName, hidden: true });
    root.append(anchor);
    anchor.click();
    anchor.remove();
    setTimeout(() => URL.revokeObjectURL(href), REVOKE_AFTER_MS);
  }

  ns.ics = Object.freeze({ calendar, download });
})();
