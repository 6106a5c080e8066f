// Reporting a status word Orderwise does not know yet. Offered in the
// couldn't-read state only when the user switched it on in the options; it
// shows exactly the four fields that will be sent, and sends nothing until
// the user presses Send. The worker adds the storefront host itself, from the
// browser's record of which page asked, and posts the report to the service.
(() => {
  'use strict';
  const ns = (globalThis.orderwise = globalThis.orderwise || {});
  if (ns.report) return;

  const { t } = ns.i18n;
  const { h } = ns.dom;
  const { MSG, REPORT } = ns.protocol;

  // The page's language as a tag the service takes: "en_US" -> "en-US";
  // "zh-Hans-CN" -> "zh"; none or unreadable -> "und" (undetermined).
  function pageLang(raw = document.documentElement.lang) {
    const parts = String(raw || '').trim().replace(/_/g, '-').split('-');
    parts[0] = parts[0].toLowerCase();
    const whole = parts.slice(0, 2).join('-');
    if (REPORT.LANG_TAG.test(whole)) return whole;
    return REPORT.LANG_TAG.test(parts[0]) ? parts[0] : 'und';
  }

  // Exactly what a report of this text on this page holds. The text is cut to
  // 64 characters (code points, as the service counts them), once it reads as the
  // page shows it, without what the service refuses: format characters (bidi
  // marks, soft hyphens, zero-width characters), which show nothing, and lone
  // surrogates are dropped; each run of spaces, line breaks and control
  // characters becomes one space.
  function payload(rawText, view) {
    const plain = String(rawText)
      .replace(/[\p{Cf}\p{Cs}]/gu, '')
      .replace(/[\s\p{Cc}\p{Zl}\p{Zp}]+/gu, ' ')
      .trim();
    return {
      text: Array.from(plain).slice(0, REPORT.MAX_TEXT).join(''),
      lang: pageLang(),
      host: location.hostname,
      page_kind: view,
    };
  }

  async function send(ctl, report, redraw, statusId) {
    ctl.report = { state: 'sending' };
    redraw(statusId);
    try {
      const reply = await chrome.runtime.sendMessage({
        type: MSG.REPORT_WORD,
        text: report.text,
        lang: report.lang,
        page_kind: report.page_kind,
      });
      if (!reply || !reply.ok) throw new Error(reply?.error?.message || 'no reply from Orderwise');
      ctl.report = { state: 'sent' };
    } catch (error) {
      ctl.report = { state: 'failed', message: String(error.message || error).slice(0, 200) };
    }
    redraw(statusId);
  }

  // The section, from the panel's part context (content/panel.js). ctl.report
  // keeps what happened across redraws; redraw(focusId) draws the panel again.
  // Null when there is nothing to report (no letter or digit to read).
  function section({ ctl, model, redraw }) {
    const report = payload(model.rawText, ctl.view);
    if (!/[\p{L}\p{N}]/u.test(report.text)) return null;
    const ids = `ow-${ctl.orderId}-report`;
    const state = ctl.report || { state: 'ready' };
    const labels = {
      text: t('reportFieldText'),
      lang: t('reportFieldLang'),
      host: t('reportFieldHost'),
      page_kind: t('reportFieldPageKind'),
    };
    const said = {
      ready: '',
      sending: t('reportSending'),
      sent: t('reportSent'),
      failed: t('reportFailed', state.message || ''),
    }[state.state];
    return h(
      'section',
      { class: 'report', 'aria-labelledby': `${ids}-heading` },
      h('h2', { id: `${ids}-heading` }, t('reportHeading')),
      h('p', { class: 'hint' }, t('reportIntro')),
      h(
        'dl',
        { class: 'sent', 'aria-label': t('reportWhatIsSent') },
        Object.entries(labels).flatMap(([field, label]) => [
          h('dt', {}, label),
          h('dd', { 'data-field': field }, report[field]),
        ])
      ),
      h('p', { class: 'hint' }, t('reportNothingElse')),
      h(
        'div',
        { class: 'copy-row' },
        state.state === 'sent'
          ? null
          : h(
              'button',
              {
                type: 'button',
                class: 'send',
                disabled: state.state === 'sending',
                onclick: () => send(ctl, report, redraw, `${ids}-status`),
              },
              t('reportSendButton')
            ),
        h(
          'span',
          {
            id: `${ids}-status`,
            class: state.state === 'failed' ? 'copied failed' : 'copied',
            role: 'status',
            'aria-live': 'polite',
            tabindex: '-1',
          },
          said
        )
      )
    );
  }

  ns.report = Object.freeze({ section, pageLang });
})();
