// "Forget this order": at the foot of the panel of an order Orderwise
// remembers something about (a situation, a copied message, a cancellation
// request), a button that drops all of it; once done, a line says so. Like
// every handler h() attaches, its click is the user's only (dom.byUser).
(() => {
  'use strict';
  const ns = (globalThis.orderwise = globalThis.orderwise || {});
  if (ns.forget) return;

  const { t } = ns.i18n;
  const { h } = ns.dom;
  const forgotten = new Set(); // orders forgotten on this page, with nothing remembered since

  // The button for one order: forget() asks the worker (a promise); an alert
  // beside it says why when that fails.
  function button(orderId, forget) {
    const row = h('p', { class: 'hint forget' });
    let busy = false; // not disabled: the keyboard would leave it, and miss the line that follows
    const onclick = async () => {
      if (busy) return;
      busy = true;
      row.querySelector('[role="alert"]')?.remove();
      forgotten.add(orderId); // before the redraw that forget() brings
      try {
        await forget();
      } catch (error) {
        forgotten.delete(orderId);
        row.append(h('span', { role: 'alert' }, ' ', t('forgetFailed', error.message)));
      }
      busy = false;
    };
    row.append(h('button', { type: 'button', id: `ow-${orderId}-forget`, onclick }, t('forgetOrderButton')));
    return row;
  }

  // The panel's part (content/panel.js's context): the button while the order
  // is remembered, the line once it was forgotten here. The line takes the
  // button's id, so the keyboard stays on it through the redraw.
  function part({ ctl, model }) {
    const memory = model.track?.memory;
    if (memory && ns.deadlines.isFollowed(memory)) {
      forgotten.delete(ctl.orderId);
      return button(ctl.orderId, () => ctl.hooks.forget(ctl.orderId));
    }
    if (!forgotten.has(ctl.orderId)) return null;
    return h('p', { class: 'hint', id: `ow-${ctl.orderId}-forget`, role: 'status', tabindex: '-1' }, t('forgotOrder'));
  }

  ns.forget = Object.freeze({ button, part });
})();
