// Status words folded as the service folds them, and the lookup table that
// read.js classifies with. The worker builds the table once per knowledge
// version and hands it to pages ready, sorted (folding and sorting 15
// languages' words cost a page several milliseconds).
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

  // The knowledge's status words folded, as classify() (content/read.js)
  // looks them up, the way the service's engine builds them
  // (server/orderwise/engine.py): {variants, exact: [[word, status key]] in the
  // knowledge's order (a later word wins), prefixes and contains (the words
  // matched anywhere in the text): [[word, status key]], longest first}.
  function table(knowledge) {
    const variants = knowledge.spelling_variants || {};
    const exact = [];
    const prefixes = [];
    const contains = [];
    for (const status of knowledge.statuses) {
      for (const word of status.words) {
        const folded = normalize(word.text, variants);
        if (!folded) continue;
        exact.push([folded, status.key]);
        (word.match === 'contains' ? contains : prefixes).push([folded, status.key]);
      }
    }
    const longestFirst = (a, b) => b[0].length - a[0].length;
    return { variants, exact, prefixes: prefixes.sort(longestFirst), contains: contains.sort(longestFirst) };
  }

  ns.words = Object.freeze({ normalize, table });
})();
