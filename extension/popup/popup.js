// Popup: whether the service answered or a local copy of the advice is in use,
// and the orders being followed, soonest deadline first.
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

  // Followed orders: the worker sorts them; labels come from the knowledge.
  const FORMAT = new Intl.DateTimeFormat(undefined, {
    weekday: 'short', day: 'numeric', month: 'short', year: 'numeric', hour: '2-digit', minute: '2-digit',
  });
  const list = document.getElementById('followed');
  Promise.all([
    chrome.runtime.sendMessage({ type: MSG.LIST_FOLLOWED }),
    chrome.runtime.sendMessage({ type: MSG.GET_KNOWLEDGE }),
  ]).then(([followed, knowledge]) => {
    if (!followed || !followed.ok) return;
    const kinds = (knowledge && knowledge.ok && knowledge.data.knowledge.followup?.deadline_kinds) || {};
    for (const order of followed.data.orders) {
      const item = document.createElement('li');
      const link = document.createElement('a');
      const origin = order.origin || 'https://www.aliexpress.com';
      link.href = `${origin}/p/order/detail.html?orderId=${order.orderId}`;
      link.target = '_blank';
      link.rel = 'noopener noreferrer';
      link.textContent = t('popupOrder', order.orderId);
      const due = document.createElement('span');
      due.className = 'when';
      if (order.deadline) {
        const label = kinds[order.deadline.kind]?.label || order.deadline.kind;
        due.textContent = t('popupDeadline', label, FORMAT.format(new Date(order.deadline.at)));
        if (order.deadline.source === 'rule') due.textContent += ` ${t('popupFromRule')}`;
      } else {
        due.textContent = t('popupNoDeadline');
      }
      item.append(link, due);
      list.append(item);
    }
    document.getElementById('followed-none').hidden = list.childElementCount > 0;
  });
})();
