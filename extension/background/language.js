// The language a page gets its panel in, and the UI strings for it.
import '../common/protocol.js';

const { LANGUAGES, RTL_LANGUAGES } = globalThis.orderwise.protocol;

const primaryTag = (tag) => String(tag || '').split(/[-_]/)[0].toLowerCase();

// dir follows the shopper's language even where the advice is served in English,
// so an Arabic or Hebrew page lays the panel out right to left.
export function chooseLanguage(setting, pageLang) {
  const shopper = setting !== 'auto' ? setting : primaryTag(pageLang) || 'en';
  const lang = Object.hasOwn(LANGUAGES, shopper) ? shopper : 'en';
  return { lang, dir: RTL_LANGUAGES.includes(shopper) ? 'rtl' : 'ltr' };
}

// chrome.i18n follows the browser's language, not the page's, so the worker
// reads the chosen _locales file itself and flattens it for t(): named
// placeholders become their $1..$9 content. English fills the gaps per key.
async function readLocale(folder) {
  const response = await fetch(chrome.runtime.getURL(`_locales/${folder}/messages.json`));
  const table = {};
  for (const [key, entry] of Object.entries(await response.json())) {
    const placeholders = entry.placeholders || {};
    table[key] = entry.message.replace(/\$([A-Za-z0-9_@]+)\$/g, (whole, name) =>
      Object.hasOwn(placeholders, name.toLowerCase()) ? placeholders[name.toLowerCase()].content : whole
    );
  }
  return table;
}

const uiTables = new Map(); // lang -> Promise of its flattened table
export function uiMessages(lang) {
  if (!uiTables.has(lang)) {
    const table = (async () => {
      const english = await readLocale(LANGUAGES.en);
      return lang === 'en' ? english : { ...english, ...(await readLocale(LANGUAGES[lang])) };
    })();
    table.catch(() => uiTables.delete(lang));
    uiTables.set(lang, table);
  }
  return uiTables.get(lang);
}
