// The phone page's script. The page works without it (a GET form); with it,
// the situation switches at once, the order number fills the message, the
// Copy button copies, and the service worker keeps the page for offline use.
// The order number is read from its field (which has no name, so the form
// never submits it) and kept in this tab's sessionStorage: it is never sent.
'use strict';

(() => {
  const ORDER_KEY = 'orderwise.orderNumber';
  const COPIED_VISIBLE_MS = 4000;
  const params = new URLSearchParams(location.search);
  const $ = (selector) => document.querySelector(selector);

  // --- situations: every one is on the page; the picker shows one
  const situation = $('#situation');
  function showSituation(key) {
    for (const block of document.querySelectorAll('[data-situation]')) block.hidden = block.dataset.situation !== key;
  }
  if (situation) {
    const wanted = params.get('situation'); // a cached page opened offline may ask for another one
    if ([...situation.options].some((option) => option.value === wanted)) situation.value = wanted;
    showSituation(situation.value);
    situation.addEventListener('change', () => {
      showSituation(situation.value);
      const url = new URL(location.href);
      url.searchParams.set('situation', situation.value);
      history.replaceState(null, '', url);
    });
  }

  // A status picked from the list is what the shopper means now, not the text typed before.
  const status = $('#status');
  const typed = $('#status-text');
  status.addEventListener('change', () => {
    typed.value = '';
  });

  // --- the order number fills every message and its translation, in place of their placeholder
  const order = $('#order');
  const messages = [...document.querySelectorAll('[data-placeholder]')].map((element) => ({
    element,
    parts: element.textContent.split(element.dataset.placeholder),
  }));
  function fill() {
    const number = order.value.trim();
    for (const { element, parts } of messages) {
      const text = parts.join(number || element.dataset.placeholder);
      if (element instanceof HTMLTextAreaElement) element.value = text;
      else element.textContent = text;
    }
  }
  try {
    order.value = sessionStorage.getItem(ORDER_KEY) || '';
  } catch {
    // Storage refused (a private mode): the number stays in the field only.
  }
  order.addEventListener('input', () => {
    try {
      sessionStorage.setItem(ORDER_KEY, order.value);
    } catch {
      // as above
    }
    fill();
  });
  fill();

  // --- copy
  const answer = $('#answer');
  for (const button of document.querySelectorAll('button[data-copy]')) {
    const box = document.getElementById(button.dataset.copy);
    const said = button.parentElement.querySelector('.copied');
    let timer;
    button.hidden = false;
    button.addEventListener('click', async () => {
      clearTimeout(timer);
      said.textContent = '';
      try {
        await navigator.clipboard.writeText(box.value);
        said.textContent = answer.dataset.copied;
        timer = setTimeout(() => {
          said.textContent = '';
        }, COPIED_VISIBLE_MS);
      } catch {
        box.focus();
        box.select();
        said.textContent = answer.dataset.copyFailed;
      }
    });
  }

  // --- offline
  if (params.get('status_text') && !navigator.onLine) $('#offline-typed').hidden = false;
  if ('serviceWorker' in navigator) {
    const lang = document.documentElement.lang;
    const statuses = [...status.options].map((option) => option.value);
    navigator.serviceWorker.addEventListener('message', (event) => {
      if (event.data && event.data.type === 'cached' && event.data.lang === lang) $('#offline').hidden = false;
    });
    navigator.serviceWorker
      .register('/sw.js')
      .then(() => navigator.serviceWorker.ready)
      .then((registration) => registration.active.postMessage({ type: 'keep', lang, statuses }))
      .catch(() => {
        // No offline copy (a browser without workers for this page); the page itself still works.
      });
  }
})();
