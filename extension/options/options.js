// Options page: shows and saves the settings through the worker, which owns them.
(() => {
  'use strict';
  const { MSG, REQUESTS, LOOPBACK_HOSTNAME } = globalThis.orderwise.protocol;
  const { t, localize } = globalThis.orderwise.i18n;

  const form = document.getElementById('settings');
  const url = document.getElementById('service-url');
  const offline = document.getElementById('offline-only');
  const language = document.getElementById('language');
  const offerReports = document.getElementById('offer-reports');
  const error = document.getElementById('service-url-error');
  const saved = document.getElementById('saved');
  const leaves = document.getElementById('leaves');

  // Firefox's own consent for what a report sends (see the worker's REPORT_DATA_COLLECTION).
  const reportDataCollection =
    typeof globalThis.browser?.runtime?.getBrowserInfo === 'function'
      ? chrome.runtime.getManifest().browser_specific_settings?.gecko?.data_collection_permissions?.optional || null
      : null;

  async function send(message) {
    const reply = await chrome.runtime.sendMessage(message);
    if (!reply || !reply.ok) throw new Error(reply?.error?.message || 'no reply');
    return reply.data;
  }

  function isServiceUrl(value) {
    try {
      const parsed = new URL(value);
      const reachable = parsed.protocol === 'https:' || (parsed.protocol === 'http:' && LOOPBACK_HOSTNAME.test(parsed.hostname));
      return reachable && !parsed.search && !parsed.hash && !parsed.username && !parsed.password;
    } catch {
      return false;
    }
  }

  const line = (tag, text) => Object.assign(document.createElement(tag), { textContent: text });

  // "What leaves your browser", from the same list the worker sends by.
  function showRequests(serviceUrl) {
    leaves.replaceChildren(
      ...Object.values(REQUESTS).map((spec) => {
        const item = document.createElement('li');
        item.append(
          line('code', `${spec.method} ${serviceUrl}${spec.path}`),
          line('p', t(spec.when)),
          ...Object.entries(spec.headers).map(([name, meaning]) => line('p', t('leavesHeader', name, t(meaning)))),
          line('p', t(spec.body))
        );
        return item;
      })
    );
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
    // Asked from the click itself, before anything is awaited; refused, reports stay off.
    const consent =
      offerReports.checked && reportDataCollection
        ? chrome.permissions.request({ data_collection: reportDataCollection }).catch(() => false)
        : Promise.resolve(true);
    try {
      if (!(await consent)) offerReports.checked = false;
      const { settings } = await send({
        type: MSG.SET_SETTINGS,
        serviceUrl,
        offlineOnly: offline.checked,
        language: language.value,
        offerReports: offerReports.checked,
      });
      url.value = settings.serviceUrl;
      showRequests(settings.serviceUrl);
      saved.textContent = t('saved');
    } catch (failure) {
      error.textContent = t('saveFailed', failure.message);
    }
  });

  // "Forget every order": only the orders' panel states and memory; the
  // settings and the stored advice stay. Asked once more first: it cannot be undone.
  const forgotten = document.getElementById('forgotten');
  document.getElementById('forget-all').addEventListener('click', async (event) => {
    if (!event.isTrusted || !window.confirm(t('forgetAllConfirm'))) return;
    forgotten.textContent = '';
    try {
      const reply = await send({ type: MSG.FORGET_ALL });
      forgotten.textContent = t('forgetAllDone', reply.forgotten);
    } catch (failure) {
      forgotten.textContent = t('forgetFailed', failure.message);
    }
  });

  localize(document);
  document.title = t('optionsTitle');
  send({ type: MSG.GET_SETTINGS }).then(async ({ settings }) => {
    url.value = settings.serviceUrl;
    offline.checked = settings.offlineOnly;
    language.value = settings.language;
    // Firefox may have taken the consent back (its add-on manager): then reports are off.
    const allowed =
      !reportDataCollection || (await chrome.permissions.contains({ data_collection: reportDataCollection }));
    offerReports.checked = settings.offerReports && allowed;
    showRequests(settings.serviceUrl);
  });
})();
