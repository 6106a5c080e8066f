// Popup: whether Orderwise may run on the order pages, whether the service
// answered or a local copy of the advice is in use, and the orders being
// followed, soonest deadline first.
(() => {
  'use strict';
  const { MSG, SOURCE } = globalThis.orderwise.protocol;
  const { t, localize, when } = globalThis.orderwise.i18n;

  localize(document);
  const source = document.getElementById('source');

  // The sites Orderwise works with: the local service and the storefronts
  // (host_permissions) and their order pages (content_scripts). Firefox may install without them, and both
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

  const showAccess = (granted) => {
    access.hidden = granted;
    document.body.dataset.access = granted ? 'granted' : 'withheld';
  };
  chrome.permissions.contains({ origins }).then(showAccess);

  document.getElementById('grant').addEventListener('click', () => {
    // Called straight from the click, before any await: browsers only show the
    // permission prompt for a user action.
    chrome.permissions.request({ origins }).then(async (granted) => {
      if (!granted) {
        accessResult.textContent = t('popupAccessDenied');
        return;
      }
      showAccess(true);
      // Content scripts start with the next load: reload the order page in view.
      const [tab] = await chrome.tabs.query({ active: true, currentWindow: true });
      const reload = Boolean(tab) && ORDER_PAGE.test(tab.url || '');
      accessResult.textContent = reload ? t('popupAccessGrantedReload') : t('popupAccessGranted');
      if (reload) chrome.tabs.reload(tab.id);
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

  // Followed orders: the worker sorts them; labels come from the knowledge, in
  // the language the panel would speak for this browser.
  const list = document.getElementById('followed');
  Promise.all([
    chrome.runtime.sendMessage({ type: MSG.LIST_FOLLOWED }),
    chrome.runtime.sendMessage({ type: MSG.GET_KNOWLEDGE, pageLang: chrome.i18n.getUILanguage() }),
  ]).then(([followed, knowledge]) => {
    if (!followed || !followed.ok) return;
    const data = knowledge && knowledge.ok ? knowledge.data : null;
    const kinds = data?.knowledge.followup?.deadline_kinds || {};
    const table = data?.knowledge.translations?.[data.lang] || {};
    const tr = (text) => (Object.hasOwn(table, text) ? table[text] : text);
    for (const order of followed.data.orders) {
      const { deadline } = order;
      const link = Object.assign(document.createElement('a'), {
        href: `${order.origin || 'https://www.aliexpress.com'}/p/order/detail.html?orderId=${order.orderId}`,
        target: '_blank',
        rel: 'noopener noreferrer',
        textContent: t('popupOrder', order.orderId),
      });
      const due = Object.assign(document.createElement('span'), {
        className: 'when',
        textContent: deadline
          ? t('popupDeadline', tr(kinds[deadline.kind]?.label || deadline.kind), when(deadline.at)) +
            (deadline.source === 'rule' ? ` ${t('popupFromRule')}` : '')
          : t('popupNoDeadline'),
      });
      const item = document.createElement('li');
      item.append(link, due, forgetButton(order.orderId, item));
      list.append(item);
    }
    showNone();
  });

  const showNone = () => {
    document.getElementById('followed-none').hidden = list.childElementCount > 0;
  };

  // Forget one followed order: its memory and panel state go, and so does its
  // line; the keyboard moves to the next line's button (or the heading).
  function forgetButton(orderId, item) {
    const button = Object.assign(document.createElement('button'), {
      type: 'button',
      className: 'forget',
      textContent: t('popupForget'),
    });
    button.setAttribute('aria-label', t('popupForgetLabel', orderId));
    button.addEventListener('click', async (event) => {
      if (!event.isTrusted) return;
      button.disabled = true;
      const reply = await chrome.runtime.sendMessage({ type: MSG.FORGET, orderId });
      if (!reply || !reply.ok) {
        button.disabled = false;
        source.textContent = t('forgetFailed', reply?.error?.message || '');
        return;
      }
      const next = item.nextElementSibling || item.previousElementSibling;
      item.remove();
      showNone();
      (next ? next.querySelector('button') : document.getElementById('followed-heading')).focus();
    });
    return button;
  }
})();
