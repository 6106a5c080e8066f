// Popup: whether Orderwise may run on the order pages, and whether the
// service answered or a local copy of the advice is in use.
(() => {
  'use strict';
  const { MSG, SOURCE } = globalThis.orderwise.protocol;
  const { t, localize } = globalThis.orderwise.i18n;

  localize(document);
  const source = document.getElementById('source');

  // The sites Orderwise works with: the local service (host_permissions) and the
  // order pages (content_scripts). Firefox may install without them, and both
  // browsers let the user switch them off; then the content scripts do not run
  // at all: no overlay, no error. So the popup checks, and asks on a click.
  const manifest = chrome.runtime.getManifest();
  const origins = [...new Set([
    ...(manifest.host_permissions || []),
    ...(manifest.content_scripts || []).flatMap((script) => script.matches),
  ])];
  const ORDER_PAGE = /^https:\/\/([a-z0-9-]+\.)*aliexpress\.(com|us)\/p\/order\//i;
  const access = document.getElementById('access');
  const accessResult = document.getElementById('access-result');

  chrome.permissions.contains({ origins }).then((granted) => {
    access.hidden = granted;
    document.body.dataset.access = granted ? 'granted' : 'withheld';
  });

  document.getElementById('grant').addEventListener('click', () => {
    // Called straight from the click, before any await: browsers only show the
    // permission prompt for a user action.
    chrome.permissions.request({ origins }).then(async (granted) => {
      if (!granted) {
        accessResult.textContent = t('popupAccessDenied');
        return;
      }
      access.hidden = true;
      document.body.dataset.access = 'granted';
      // Content scripts start with the next load: reload the order page in view.
      const [tab] = await chrome.tabs.query({ active: true, currentWindow: true });
      if (tab && ORDER_PAGE.test(tab.url || '')) {
        accessResult.textContent = t('popupAccessGrantedReload');
        chrome.tabs.reload(tab.id);
      } else {
        accessResult.textContent = t('popupAccessGranted');
      }
    });
  });

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
