// The knowledge to advise with: the service's, revalidated by its ETag and
// stored; the stored copy when the service fails; the bundled snapshot as the
// last resort. And the one way to reach the service at all.
import '../common/protocol.js';
import '../common/words.js';
import { isKnowledge, isPlainObject } from './validation.js';
import { readStored, writeStored } from './storage.js';

const { SOURCE, REQUESTS } = globalThis.orderwise.protocol;
const FETCH_TIMEOUT_MS = 3000;

// snapshot.json.gz: the service's knowledge as GET /api/v1/knowledge sends it,
// gzipped to fit the extension's size budget (orderwise export-snapshot).
let bundled = null;
export function fetchBundled() {
  bundled ??= (async () => {
    const response = await fetch(chrome.runtime.getURL('snapshot.json.gz'));
    const json = response.body.pipeThrough(new DecompressionStream('gzip'));
    return new Response(json).json();
  })();
  bundled.catch(() => {
    bundled = null;
  });
  return bundled;
}

// What a page gets, once per version and language: the knowledge with only its
// language's translations (every other language's would be copied into each
// page for nothing) and statuses without `words`, and the words of every
// language as the ready lookup table (common/words.js).
const forPages = new Map(); // `${version} ${lang}` -> {knowledge, index}
export function forPage(knowledge, lang) {
  const key = `${knowledge.version} ${lang}`;
  if (!forPages.has(key)) {
    const translations = {};
    if (isPlainObject(knowledge.translations) && Object.hasOwn(knowledge.translations, lang)) {
      translations[lang] = knowledge.translations[lang];
    }
    const statuses = knowledge.statuses.map(({ words, ...rest }) => rest);
    if (forPages.size >= 8) forPages.clear();
    forPages.set(key, { knowledge: { ...knowledge, statuses, translations }, index: globalThis.orderwise.words.table(knowledge) });
  }
  return forPages.get(key);
}

// The one way to reach the service: a request of protocol.REQUESTS, to the
// configured address, with only the headers that request declares (what the
// options page tells the user), a body only where it declares one, no
// cookies, and a timeout.
export function request(spec, serviceUrl, headers = {}, body = undefined) {
  for (const name of Object.keys(headers)) {
    if (!Object.hasOwn(spec.headers, name)) throw new Error(`${name} is not declared for ${spec.path}`);
  }
  if (body !== undefined && spec.method === 'GET') throw new Error(`${spec.path} sends no body`);
  return fetch(`${serviceUrl}${spec.path}`, {
    method: spec.method,
    headers,
    body,
    cache: 'no-store', // the ETag is handled here, not by the HTTP cache
    credentials: 'omit',
    referrerPolicy: 'no-referrer',
    signal: AbortSignal.timeout(FETCH_TIMEOUT_MS),
  });
}

// Ask the service, revalidating the cached copy by its ETag. Throws on any
// failure: down, timeout, an unexpected status, unreadable or wrong-shaped JSON.
async function fetchFromService(serviceUrl, cached) {
  const headers = {};
  const sameService = cached && cached.serviceUrl === serviceUrl && isKnowledge(cached.data);
  if (sameService && typeof cached.etag === 'string') headers['If-None-Match'] = cached.etag;
  const response = await request(REQUESTS.KNOWLEDGE, serviceUrl, headers);
  if (response.status === 304 && sameService) return cached.data;
  if (response.status !== 200) throw new Error(`service answered ${response.status}`);
  const data = await response.json();
  if (!isKnowledge(data)) throw new Error('service sent knowledge of the wrong shape');
  const etag = response.headers.get('ETag');
  await writeStored({ etag: etag || null, serviceUrl, data, storedAt: new Date().toISOString() });
  return data;
}

// Whether the service failed when last asked (written when that changes): a
// page answered from the stored copy shows the note it showed last time.
async function markFailed(cached, serviceUrl, failed) {
  if (cached && cached.serviceUrl === serviceUrl && Boolean(cached.failed) !== failed) {
    await writeStored({ ...cached, failed });
  }
}

const bundledKnowledge = async (fallback) => ({ knowledge: await fetchBundled(), source: SOURCE.BUNDLED, fallback });

// The knowledge to advise with, and where it came from. Never fails: the
// bundled snapshot is the last resort, so the overlay is the same offline.
export async function loadKnowledge(settings) {
  if (settings.offlineOnly) return bundledKnowledge(false);
  const cached = await readStored();
  try {
    const knowledge = await fetchFromService(settings.serviceUrl, cached);
    await markFailed(await readStored(), settings.serviceUrl, false);
    return { knowledge, source: SOURCE.SERVICE, fallback: false };
  } catch (error) {
    console.info('Orderwise: service unavailable, using a local copy:', error.message || error);
  }
  await markFailed(cached, settings.serviceUrl, true);
  if (cached && isKnowledge(cached.data)) {
    return { knowledge: cached.data, source: SOURCE.CACHE, fallback: true };
  }
  return bundledKnowledge(true);
}

// The knowledge at hand without the network: the snapshot offline, else the
// stored copy of this service's knowledge; null when nothing is stored.
export async function knowledgeAtHand(settings) {
  if (settings.offlineOnly) return bundledKnowledge(false);
  const cached = await readStored();
  if (!cached || cached.serviceUrl !== settings.serviceUrl || !isKnowledge(cached.data)) return null;
  return cached.failed
    ? { knowledge: cached.data, source: SOURCE.CACHE, fallback: true }
    : { knowledge: cached.data, source: SOURCE.SERVICE, fallback: false };
}
