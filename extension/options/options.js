// Options page: shows and saves the settings through the worker, which owns them.
(() => {
  'use strict';
  const { MSG } = globalThis.orderwise.protocol;
  const { t, localize } = globalThis.orderwise.i18n;

  const form = document.getElementById('settings');
  const url = document.getElementById('service-url');
  const offline = document.getElementById('offline-only');
  const language = document.getElementById('language');
  const offerReports = document.getElementById('offer-reports');
  const error = document.getElementById('service-url-error');
  const saved = document.getElementById('saved');

  async function send(message) {
    const reply = await chrome.runtime.sendMessage(message);
    if (!reply || !reply.ok) throw new Error(reply?.error?.message || 'no reply');
    return reply.data;
  }

  function isServiceUrl(value) {
    try {
      const parsed = new URL(value);
      return ['http:', 'https:'].includes(parsed.protocol) && !parsed.search && !parsed.hash && !parsed.username;
    } catch {
      return false;
    }
  }

  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    saved.textContent = '';
    error.textContent = '';
    const serviceUrl = url.value.trim();
    if (!isServiceUrl(serviceUrl)) {
      error.textContent = t('invalidUrl');
      url.setAttribute('aria-invalid', 'true');
      url.focus();
      return;
    }
    url.removeAttribute('aria-invalid');
    try {
      const { settings } = await send({
        type: MSG.SET_SETTINGS,
        serviceUrl,
        offlineOnly: offline.checked,
        language: language.value,
        offerReports: offerReports.checked,
      });
      url.value = settings.serviceUrl;
      saved.textContent = t('saved');
    } catch (failure) {
      error.textContent = t('saveFailed', failure.message);
    }
  });

  localize(document);
  document.title = t('optionsTitle');
  send({ type: MSG.GET_SETTINGS }).then(({ settings }) => {
    url.value = settings.serviceUrl;
    offline.checked = settings.offlineOnly;
    language.value = settings.language;
    offerReports.checked = settings.offerReports;
  });
})();
