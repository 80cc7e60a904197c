// What every driver's database runs on (drizzle's PgSession): statements prepared in one
// synchronous step (description, shape, request), run through the driver's transport, mapped to
// rows, wrapped in drizzle's error, through the query cache when there is one; and the fields
// drizzle() sets on every database. A transport has request(), send(), fullResult() (and
// sendBatch() where it batches): the SQL-over-HTTP one (http-transport.js), a neon client's
// (neon-http.js), the WebSocket ones (neon-serverless.js).
import { toJsError, compile, shapeOf, renderCompiled, encodeNamed, withCasing, is, DrizzleQueryError } from './core.js';
import { NoopCache, hashQuery } from './cache-core.js';
import { relationalSchema, queryApi } from './relational.js';

export class Session {
  constructor(transport, logger, casing, cache) {
    this.transport = transport;
    this.logger = logger;
    this.casing = checkCasing(casing);
    this.cache = cache === undefined || is(cache, NoopCache) ? undefined : cache;
  }
  /** Everything an execution needs before it awaits: the body, the row mapper, and the compiled
   * statement (its key and values) for messages. One synchronous step. */
  _prepare(builder, named, name, inBatch = false) {
    const compiled = compile((cx) => withCasing(builder._desc(cx), this.casing));
    const map = builder._mapper?.();
    // drizzle's arrayMode: rows as arrays when it maps them (not for `$count`), and in a batch
    // for every statement but `db.execute`
    const arrayMode = inBatch ? !builder._objectRows : !!map && !builder._objectRows;
    const body = this.transport.request(compiled, named, name, arrayMode);
    if (this.logger) {
      const q = renderCompiled(shapeOf(compiled.key), compiled.values, named);
      this.logger.logQuery(q.sql, q.params);
    }
    return { compiled, body, map, arrayMode };
  }
  async run(builder, placeholders, name) {
    if (!this.transport) throw new Error('this database is a mock (drizzle.mock()): it builds queries, it cannot run them');
    const named = encodeNamed(placeholders);
    const { compiled, body, map } = this._prepare(builder, named, name);
    const meta = this.cache && builder._queryMeta?.();
    let r;
    try {
      r = meta ? await this._cached(meta, builder._cacheConfig, compiled, named, body) : await this.transport.send(body);
    } catch (e) {
      throw wrap(compiled, named, e);
    }
    return map ? map(r) : this.transport.fullResult(r);
  }
  /** drizzle's queryWithCache: writes tell the cache which tables changed; selects with a cache
   * config are looked up by tag or by the hash of their SQL and parameters, and stored on a miss.
   * What is cached is the parsed response, decoded after the look-up. */
  async _cached(meta, config, compiled, named, body) {
    const cache = this.cache;
    if (cache.strategy() === 'all' && config === undefined) config = { enable: true, autoInvalidate: true };
    if (!config?.enable) config = undefined;
    if (meta.type !== 'select' && meta.tables.length > 0) {
      const [r] = await Promise.all([this.transport.send(body), cache.onMutate({ tables: meta.tables })]);
      return r;
    }
    if (!config || meta.type !== 'select') return this.transport.send(body);
    const isTag = config.tag !== undefined;
    const key = async () => {
      const q = renderCompiled(shapeOf(compiled.key), compiled.values, named);
      return config.tag ?? (await hashQuery(q.sql, q.params));
    };
    const hit = await cache.get(await key(), meta.tables, isTag, config.autoInvalidate);
    if (hit !== undefined) return hit;
    const r = await this.transport.send(body);
    await cache.put(await key(), r, config.autoInvalidate ? meta.tables : [], isTag, config.config);
    return r;
  }
}

/** drizzle's wrapping: `Failed query: <sql>\nparams: <params>` with the driver's error as cause.
 * The shape is looked up again by its key: the cache may have been reset meanwhile. */
function wrap(compiled, named, e) {
  const err = toJsError(e);
  let q;
  try {
    q = renderCompiled(shapeOf(compiled.key), compiled.values, named);
  } catch {
    return err;
  }
  return new DrizzleQueryError(q.sql, q.params, err);
}

/** drizzle's `casing` option: `'snake_case'`, `'camelCase'` or none. */
export function checkCasing(casing) {
  if (casing === undefined || casing === 'snake_case' || casing === 'camelCase') return casing;
  throw new Error(`edgepg: unknown casing ${JSON.stringify(casing)} (expected 'snake_case' or 'camelCase')`);
}

/** What drizzle's `drizzle()` sets on every database: `db.query` over the tables and relations
 * of `schema` (registered once, kept as `db._schema`), `$client`, and `$cache` with
 * `$cache.invalidate({ tables, tags })` as its onMutate. */
export function withDrizzleFields(db, schema, client, cache) {
  if (schema) {
    db._schema = relationalSchema(schema);
    db.query = queryApi(db._session, db._schema);
  }
  db._schemaSource = schema;
  db.$client = client;
  db.$cache = cache;
  if (cache) cache.invalidate = cache.onMutate;
  return db;
}
