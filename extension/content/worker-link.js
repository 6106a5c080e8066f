// The content scripts' line to the worker: one request, tried again while a
// worker that is just starting misses it, and the page's language the worker
// answers in.
(() => {
  'use strict';
  const ns = (globalThis.orderwise = globalThis.orderwise || {});
  if (ns.workerLink) return;

  const RETRY_STEP_MS = 200; // the n-th retry waits n times this

  async function send(message, attempts = 3) {
    for (let attempt = 1; ; attempt += 1) {
      try {
        const reply = await chrome.runtime.sendMessage(message);
        if (reply && reply.ok) return reply.data;
        throw new Error(reply?.error?.message || 'No reply from the Orderwise worker.');
      } catch (error) {
        // A worker that is just starting may miss the first message.
        if (attempt >= attempts) throw error;
        await new Promise((resolve) => {
          setTimeout(resolve, RETRY_STEP_MS * attempt);
        });
      }
    }
  }

  // The page's language (<html lang>), else the browser's. The account's
  // b_locale cookie is not reliably readable from here.
  function pageLanguage() {
    const tag = (document.documentElement?.lang || navigator.language || 'en').trim();
    return /^[A-Za-z]{2,3}(?:[-_][A-Za-z0-9]{1,8})*$/.test(tag) && tag.length <= 35 ? tag : 'en';
  }

  ns.workerLink = Object.freeze({ send, pageLanguage });
})();
