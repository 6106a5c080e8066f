// Status words folded as the service folds them, and the lookup table that
// read.js classifies with. The worker builds the table once per knowledge
// version and hands it to pages ready, sorted (folding and sorting 15
// languages' words cost a page several milliseconds).
// Loaded in the worker and the content scripts.
(() => {
  'use strict';
  const ns = (globalThis.orderwise = globalThis.orderwise || {});
  if (ns.words) return;

  // Mirror of orderwise.kb.normalize (server/orderwise/kb/folding.py): NFKC, lower
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

  // How sure a reading is: the engine's EXACT, EXACT_ASSUMED, PREFIX, CONTAINS,
  // CUE and WORD (server/orderwise/engine/reading.py); keep the two in step.
  const CONFIDENCE = Object.freeze({ exact: 1, exactAssumed: 0.9, prefix: 0.7, contains: 0.6, cue: 0.6, word: 0.5 });

  // The knowledge's status words folded, as classify() (content/read.js)
  // looks them up, the way the service's engine builds them (word_table in
  // server/orderwise/engine/reading.py): {variants, exact: [[word, status key,
  // confidence]] in the knowledge's order (a later word wins), prefixes and
  // contains (the words matched anywhere in the text): [[word, status key]],
  // longest first, cues: [[statuses, the first of them (the one the cue gives),
  // [[cue word, match]] longest first]] in the knowledge's order}.
  function table(knowledge) {
    const variants = knowledge.spelling_variants || {};
    const exact = [];
    const prefixes = [];
    const contains = [];
    for (const status of knowledge.statuses) {
      for (const word of status.words) {
        const folded = normalize(word.text, variants);
        if (!folded) continue;
        exact.push([folded, status.key, word.evidence === 'assumed' ? CONFIDENCE.exactAssumed : CONFIDENCE.exact]);
        (word.match === 'contains' ? contains : prefixes).push([folded, status.key]);
      }
    }
    const longestFirst = (a, b) => b[0].length - a[0].length;
    const cues = [];
    for (const cue of knowledge.cues || []) {
      const words = cue.words
        .map((word) => [normalize(word.text, variants), word.match])
        .filter(([folded]) => folded)
        .sort(longestFirst);
      cues.push([cue.statuses, cue.statuses[0], words]);
    }
    return {
      variants,
      exact,
      prefixes: prefixes.sort(longestFirst),
      contains: contains.sort(longestFirst),
      cues,
    };
  }

  ns.words = Object.freeze({ normalize, table, CONFIDENCE });
})();
