// Building Orderwise's own elements: `h` makes an element from its attributes
// and children (text always as text, never parsed as HTML), and `styleRoot`
// gives a shadow root its stylesheet.
(() => {
  'use strict';
  const ns = (globalThis.orderwise = globalThis.orderwise || {});
  if (ns.dom) return;

  const present = (value) => value !== null && value !== undefined && value !== false;

  // An element with its attributes (on* names add listeners) and children
  // (nodes, strings as text, arrays of them; null, undefined and false skipped).
  // The children go in with one append(): each call into the DOM costs.
  function h(tag, props, ...children) {
    const element = document.createElement(tag);
    for (const name in props) {
      const value = props[name];
      if (!present(value)) continue;
      if (name === 'class') element.className = value;
      else if (name.startsWith('on')) element.addEventListener(name.slice(2), value);
      else if (name === 'hidden') element.hidden = true;
      else element.setAttribute(name, value === true ? '' : String(value));
    }
    const nodes = children.flat().filter(present);
    if (nodes.length) element.append(...nodes);
    return element;
  }

  // One stylesheet per CSS text, shared by every shadow root that adopts it:
  // no <style> per badge to insert, and again on every redraw. A content script
  // sees the page's objects through wrappers (Firefox's Xrays), and older
  // Firefox releases refuse or ignore a sheet the script constructed
  // (firefox-esr 153 takes it); there, and in any browser without
  // constructed sheets, each root gets its own <style>.
  const sheets = new Map(); // css text -> CSSStyleSheet
  let adoptable = typeof CSSStyleSheet === 'function' && 'adoptedStyleSheets' in ShadowRoot.prototype;
  let adopted = false;

  function styleRoot(root, css) {
    if (adoptable) {
      try {
        let sheet = sheets.get(css);
        if (!sheet) {
          sheet = new CSSStyleSheet();
          sheet.replaceSync(css);
          sheets.set(css, sheet);
        }
        root.adoptedStyleSheets = [sheet];
        if (adopted || root.adoptedStyleSheets.length === 1) {
          adopted = true; // checked once: it takes in this world
          return;
        }
      } catch {
        // Not adoptable from this world: a <style> from now on.
      }
      adoptable = false;
      sheets.clear();
    }
    root.prepend(h('style', {}, css));
  }

  ns.dom = Object.freeze({ h, styleRoot });
})();
