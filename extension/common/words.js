// Status words folded as the service folds them, and the lookup table that
// read.js classifies with. The worker builds the table once per knowledge
// version and hands it to pages ready (folding 15 languages cost a page 4 ms).
// Loaded in the worker and the content scripts.
(() => {
  'use strict';
  const ns = (globalThis.orderwise = globalThis.orderwise || {});
  if (ns.words) return;

  // Mirror of orderwise.kb.normalize (server/orderwise/kb.py): NFKC, lower
  // case (Turkish dotted and dotless i folded to i), every run of characters that
  // are not letters, numbers or marks becomes one space, then each word goes
  // through the spelling variants.
  // ASCII text (most English pages) takes a shorter road to the same result:
  // NFKC leaves it as it is, and its letters and numbers are a-z and 0-9.
  function normalize(text, variants) {
    text = String(text);
    const kept = /^[\0-\x7f]*$/.test(text)
      ? text.toLowerCase().replace(/[^a-z0-9]+/g, ' ')
      : text
          .normalize('NFKC')
          .toLowerCase()
          .replaceAll('i\u0307', 'i')
          .replaceAll('ı', 'i')
          .replace(/[^\p{L}\p{N}\p{M}]+/gu, ' ');
    let words = kept.split(' ').filter(Boolean);
    if (variants) words = words.map((word) => (Object.hasOwn(variants, word) ? variants[word] : word));
    return words.join(' ');
  }

  // The knowledge's status words, folded, in the knowledge's order:
  // {variants, words: [[folded word, status key, 1 if matched anywhere in the text]]}.
  function table(knowledge) {
    const variants = knowledge.spelling_variants || {};
    const words = [];
    for (const status of knowledge.statuses) {
      for (const word of status.words) {
        const folded = normalize(word.text, variants);
        if (folded) words.push(word.match === 'contains' ? [folded, status.key, 1] : [folded, status.key]);
      }
    }
    return { variants, words };
  }

  ns.words = Object.freeze({ normalize, table });
})();
