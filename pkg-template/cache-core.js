// edgepg/cache/core: drizzle-orm/cache/core's query cache interface. Pass an instance as
// `drizzle({ …, cache })`: selects with `.$withCache()` (or every select, with strategy 'all')
// are looked up and stored by it; inserts, updates and deletes tell it which tables changed.
// What it stores is the endpoint's parsed response (rows as text), decoded after the look-up,
// so a cached result decodes exactly like a fresh one.
import { entityKind } from './core.js';

/** The base class of caches (drizzle's `Cache`): implement `strategy()`, `get`, `put`, `onMutate`. */
export class Cache {
  static [entityKind] = 'Cache';
}

/** A cache that stores nothing (drizzle's default). */
export class NoopCache extends Cache {
  static [entityKind] = 'NoopCache';
  strategy() {
    return 'all';
  }
  async get(_key) {
    return undefined;
  }
  async put(_hashedQuery, _response, _tables, _config) {}
  async onMutate(_params) {}
}

/** drizzle's cache key: the SHA-256 (hex) of `${sql}-${JSON.stringify(params)}`. */
export async function hashQuery(sql, params) {
  const data = new TextEncoder().encode(`${sql}-${JSON.stringify(params)}`);
  const hash = new Uint8Array(await crypto.subtle.digest('SHA-256', data));
  let hex = '';
  for (const b of hash) hex += b.toString(16).padStart(2, '0');
  return hex;
}
