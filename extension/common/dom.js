// Building Orderwise's own elements: `h` makes an element from its attributes
// and children (text always as text, never parsed as HTML); `byUser` lets a
// handler run only for what the user did; `styleRoot` gives a shadow root the
// one stylesheet every Orderwise root shares.
(() => {
  'use strict';
  const ns = (globalThis.orderwise = globalThis.orderwise || {});
  if (ns.dom) return;

  const present = (value) => value !== null && value !== undefined && value !== false;

  // The shadow roots are open (tests and assistive tools read them), so a page
  // script can call click() on our buttons or dispatch events at them. Every
  // action goes through this: an event the browser did not get from the user
  // (isTrusted false) does nothing.
  function byUser(handler) {
    return function onlyTheUser(event) {
      if (!event.isTrusted) return undefined;
      return handler.call(this, event);
    };
  }

  // A page script's click() on one of our links would open it: only the user's does.
  const refuseScriptedClick = (event) => {
    if (!event.isTrusted) event.preventDefault();
  };

  // An element with its attributes (on* names add listeners, each through
  // byUser) and children (nodes, strings as text, arrays of them; null,
  // undefined and false skipped). The children go in with one append().
  function h(tag, props, ...children) {
    const element = document.createElement(tag);
    for (const name in props) {
      const value = props[name];
      if (!present(value)) continue;
      if (name === 'class') element.className = value;
      else if (name.startsWith('on')) element.addEventListener(name.slice(2), byUser(value));
      else if (name === 'hidden') element.hidden = true;
      else element.setAttribute(name, value === true ? '' : String(value));
    }
    if (tag === 'a') element.addEventListener('click', refuseScriptedClick);
    const nodes = children.flat().filter(present);
    if (nodes.length) element.append(...nodes);
    return element;
  }

  // The CSS of every part, added as each file loads. What is added before a
  // root first asks becomes one sheet (palette, badges, guard, notice); what
  // the panel's code adds when it arrives becomes a second sheet, after it.
  let pending = [];
  const layers = []; // [{css, sheet}], in the order they arrived
  function addCss(css) {
    pending.push(css);
  }

  // The same CSSStyleSheet objects adopted by every shadow root: no copy of
  // the styles per badge. A content script sees the page's objects through
  // wrappers (Firefox's Xrays), and older Firefox releases refuse or ignore a
  // sheet the script constructed (firefox-esr 153 takes it); there, and in
  // any browser without constructed sheets, each root gets a <style> per sheet.
  let adoptable = typeof CSSStyleSheet === 'function' && 'adoptedStyleSheets' in ShadowRoot.prototype;
  let adopted = false;
  const styled = new WeakMap(); // root -> how many layers it holds

  // Gives a root every sheet there is; again after the panel's sheet arrived,
  // the panel's too. Cheap when the root has them all.
  function styleRoot(root) {
    if (pending.length) {
      layers.push({ css: pending.join('\n'), sheet: null });
      pending = [];
    }
    const held = styled.get(root) || 0;
    if (held === layers.length) return;
    styled.set(root, layers.length);
    if (adoptable) {
      try {
        const sheets = layers.map((layer) => {
          if (!layer.sheet) {
            layer.sheet = new CSSStyleSheet();
            layer.sheet.replaceSync(layer.css);
          }
          return layer.sheet;
        });
        root.adoptedStyleSheets = sheets;
        if (adopted || root.adoptedStyleSheets.length === sheets.length) {
          adopted = true; // checked once: it takes in this world
          return;
        }
      } catch {
        // Not adoptable from this world: <style> elements from now on.
      }
      adoptable = false;
      root.prepend(...layers.map((layer) => h('style', {}, layer.css)));
      return;
    }
    // The <style> elements lead the root, in the layers' order.
    const after = root.querySelectorAll(':scope > style')[held - 1] || null;
    const styles = layers.slice(held).map((layer) => h('style', {}, layer.css));
    if (after) after.after(...styles);
    else root.prepend(...styles);
  }

  // The page's own look around an element: whether its background is dark.
  // Orderwise follows the page, not the system's setting, so a dark system
  // shows no dark slab on AliExpress's white page. `colours` keeps what was
  // read of each ancestor during one round of reading.
  function pageLook(element, colours) {
    let background = null;
    for (let node = element.parentElement; node; node = node.parentElement) {
      let colour = colours.get(node);
      if (colour === undefined) colours.set(node, (colour = getComputedStyle(node).backgroundColor));
      const rgba = colour.match(/[\d.]+/g);
      if (rgba && (rgba.length < 4 || Number(rgba[3]) > 0.5)) {
        background = rgba.slice(0, 3).map(Number);
        break;
      }
    }
    // No background anywhere: the canvas, white unless the page asks for dark.
    if (!background) {
      const scheme = getComputedStyle(document.documentElement).colorScheme || '';
      return { dark: /^\s*dark/.test(scheme) };
    }
    const [r, g, b] = background.map((v) => v / 255);
    return { dark: 0.2126 * r + 0.7152 * g + 0.0722 * b < 0.4 };
  }

  // The page's look on a shadow host: its theme as data-theme, set before the
  // next paint. The hosts placed in one task are read together at its end: a
  // pass that places 60 badges has the browser work out the page's styles
  // once, not once per badge (each read after a badge went in forced that).
  const following = new Map(); // host -> the element whose surroundings it takes
  function followPage(host, anchor = host) {
    if (!following.size) queueMicrotask(readLooks);
    following.set(host, anchor);
  }

  function readLooks() {
    const colours = new Map();
    const looks = [...following].map(([host, anchor]) => [host, anchor.isConnected && pageLook(anchor, colours)]);
    following.clear();
    for (const [host, look] of looks) {
      if (look) host.setAttribute('data-theme', look.dark ? 'dark' : 'light');
    }
  }

  ns.dom = Object.freeze({ h, byUser, addCss, styleRoot, followPage });
})();
