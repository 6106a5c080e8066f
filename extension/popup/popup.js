// Popup: whether the service answered or a local copy of the advice is in use.
(() => {
  'use strict';
  const { MSG, SOURCE } = globalThis.orderwise.protocol;
  const { t, localize } = globalThis.orderwise.i18n;

  localize(document);
  const source = document.getElementById('source');

  chrome.runtime.sendMessage({ type: MSG.GET_SERVICE_STATUS }).then((reply) => {
    if (!reply || !reply.ok) {
      source.textContent = reply?.error?.message || '';
      return;
    }
    const status = reply.data;
    let key = 'popupService';
    if (status.offlineOnly) key = 'popupOffline';
    else if (status.source === SOURCE.CACHE) key = 'popupCache';
    else if (status.source === SOURCE.BUNDLED) key = 'popupBundled';
    source.dataset.source = status.source;
    source.textContent = t(key);
    document.getElementById('version').textContent = t('popupVersion', status.version);
    document.getElementById('service').textContent = status.offlineOnly ? '' : t('popupServiceUrl', status.serviceUrl);
  });
})();
