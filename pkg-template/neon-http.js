// drizzle-orm/neon-http's `drizzle()` over edgepg: wasm renders statements and builds request
// bodies and headers (src/js, src/driver/http/wire.rs); the request goes out through the
// runtime's own `fetch`, and the response is parsed once by JSON.parse and read in JS: rows by
// rows.js, errors here. Responses never cross into wasm.
import { DefaultLogger, wasm, callWasm, toJsError, compile, shapeOf, statementBody, renderCompiled, encodeNamed, withCasing, is, DrizzleQueryError, NeonDbError, DB_FIELDS } from './core.js';
import { NoopCache, hashQuery } from './cache-core.js';
import { objectRows, arrayRows, textParser } from './rows.js';
import { PgDatabase } from './builders.js';
export { PgDatabase };
import { relationalSchema, queryApi } from './relational.js';

/** One SQL-over-HTTP endpoint: where requests go, with which headers, and how they fail. */
export class Transport {
  constructor(connectionString, endpoint, authToken, timeout) {
    this.client = callWasm(() => new wasm.HttpClient(connectionString, endpoint, authToken !== undefined && authToken !== null));
    this.endpoint = this.client.endpoint;
    this.authToken = authToken;
    this.timeout = Number.isFinite(timeout) && timeout > 0 ? timeout : undefined;
    this.plain = typeof authToken === 'function' ? undefined : this._headers(authToken);
  }
  _headers(token, options) {
    return JSON.parse(callWasm(() => this.client.headers(token ?? undefined, options)));
  }
  async _token() {
    try {
      return await this.authToken();
    } catch (e) {
      throw Object.assign(new Error(`Error getting auth token: ${e instanceof Error ? e.message : e}`), { kind: 'config', cause: e });
    }
  }
  /** A statement's request, made in the same synchronous step as its shape look-up. */
  request(compiled, named) {
    return statementBody(compiled, named);
  }
  /** Sends one statement; resolves to the endpoint's result object (rows as arrays of text). */
  async send(body) {
    return JSON.parse(await this.post(body));
  }
  /** Sends statements in ONE request (one transaction); resolves to their result objects. */
  async sendBatch(bodies, options) {
    return JSON.parse(await this.post(`{"queries":[${bodies.join(',')}]}`, options)).results;
  }
  /** POSTs `body`; resolves to the response text of a 200, rejects with a typed error. */
  async post(body, batchOptions) {
    const options = batchOptions ? JSON.stringify(batchOptions) : undefined;
    const headers = typeof this.authToken === 'function' ? this._headers(await this._token(), options)
      : options ? this._headers(this.authToken, options) : this.plain;
    let ctrl;
    let timer;
    if (this.timeout !== undefined) {
      ctrl = new AbortController();
      timer = setTimeout(() => ctrl.abort(), this.timeout);
    }
    try {
      const resp = await fetch(this.endpoint, { method: 'POST', headers, body, signal: ctrl?.signal });
      const text = await resp.text();
      if (resp.status !== 200) throw responseError(resp.status, text);
      return text;
    } catch (e) {
      if (e instanceof NeonDbError) throw e;
      if (ctrl?.signal.aborted) throw Object.assign(new Error(`the request timed out after ${this.timeout} ms`), { name: 'TimeoutError', kind: 'timeout' });
      // @neondatabase/serverless: `Error connecting to database: ${err}`, the error kept
      throw Object.assign(new NeonDbError(`Error connecting to database: ${e}`), { kind: 'connect', sourceError: e });
    } finally {
      if (timer !== undefined) clearTimeout(timer);
    }
  }
}

/** Text for every OID: rows come back as the endpoint sent them, for rows.js to decode. */
const RAW_TEXT = { getTypeParser: () => (v) => v };

/**
 * Queries through a `neon()` function of @neondatabase/serverless (`drizzle(client)`), called as
 * drizzle calls it: `(client.query ?? client)(sql, params, { arrayMode, fullResults: true,
 * authToken? })` (`client.query` from 1.0, the function itself before; a plain function works
 * too), with `arrayMode` as drizzle sets it per statement. The SQL and parameters are rendered
 * here (as drizzle renders them). The options object also carries a non-enumerable `types`
 * (invisible to code that inspects or copies the options) asking neon for every value as text,
 * so rows are decoded by rows.js exactly as for edgepg's own transport, whatever type parsers
 * the app set on neon's `types` (a deliberate difference: drizzle's rows go through them).
 */
class ClientTransport {
  constructor(client, authToken) {
    this.client = client;
    this.query = typeof client.query === 'function' ? client.query : client;
    this.authToken = authToken;
  }
  request(compiled, named, _name, arrayMode) {
    return { ...renderCompiled(shapeOf(compiled.key), compiled.values, named), arrayMode };
  }
  _options(arrayMode, auth = true) {
    const o = { arrayMode, fullResults: true };
    if (auth && this.authToken !== undefined) o.authToken = this.authToken;
    Object.defineProperty(o, 'types', { value: RAW_TEXT });
    return o;
  }
  async send(q) {
    return arrays(await this.query(q.sql, q.params, this._options(q.arrayMode)));
  }
  async sendBatch(queries, options) {
    const auth = this.authToken === undefined ? {} : { authToken: this.authToken };
    const results = await this.client.transaction(queries.map((q) => this.query(q.sql, q.params, this._options(q.arrayMode, false))),
      { arrayMode: true, fullResults: true, ...options, ...auth });
    return results.map(arrays);
  }
}

/** A neon result whose rows are objects (`arrayMode: false`) with rows as arrays in field order,
 * as the row mappers read them (a name given twice holds its last value, as in the objects). */
function arrays(r) {
  if (r && r.rowAsArray === false) r.rows = r.rows.map((o) => r.fields.map((f) => o[f.name]));
  return r;
}

/** A non-200 answer as @neondatabase/serverless reports it (`docs/protocol.md` §3.3): a 400 with
 * a JSON body is a `NeonDbError` with its message and fields; anything else is
 * `Server error (HTTP status …): <body>` (neon would throw JSON.parse's SyntaxError for a 400
 * that is not JSON: that one is a server error here). The Rust driver's twin: wire.rs
 * `error_response`. */
function responseError(status, text) {
  if (status === 400) {
    let body;
    try {
      body = JSON.parse(text);
    } catch {
      body = undefined;
    }
    if (body !== null && typeof body === 'object') {
      const e = new NeonDbError(body.message);
      for (const f of DB_FIELDS) e[f] = body[f] ?? undefined;
      e.sourceError = undefined; // every key of neon's NeonDbError, as it sets them
      return e;
    }
  }
  return Object.assign(new NeonDbError(`Server error (HTTP status ${status}): ${text}`), { status });
}

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
    const compiled = compile(() => withCasing(builder._desc(), this.casing));
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
    return map ? map(r) : (this.transport.fullResult ?? fullResult)(r);
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

/** `db.execute`'s result as drizzle + @neondatabase/serverless give it (neon's
 * processQueryResult with fullResults): the endpoint's own result object, every key and field as
 * sent, its rows replaced by objects keyed by column name, then `viaNeonFetch`, `rowAsArray`,
 * `_parsers` and `_types` as neon sets them. */
function fullResult(r, asArrays = false) {
  if (r === null || typeof r !== 'object') return r; // what a stand-in client gave, as drizzle passes it on
  r.viaNeonFetch = true;
  r.rowAsArray = asArrays;
  r.rows = asArrays ? arrayRows(r.fields, r.rows) : objectRows(r.fields, r.rows);
  r._parsers = r.fields.map((f) => textParser(f.dataTypeID) ?? String);
  r._types = TYPES;
  return r;
}
/** What `_types` answers: the parsers drizzle's neon-http driver applies. */
const TYPES = { getTypeParser: (oid) => textParser(oid) ?? String };

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

export { DefaultLogger };

export class NeonHttpDatabase extends PgDatabase {
  /** Every statement in ONE HTTP request, as one transaction. */
  async batch(queries, options) {
    const session = this._session;
    // Each statement's body is made right after its shape look-up: a cache reset caused by a
    // later item cannot touch it.
    const prepared = queries.map((q) => session._prepare(q, undefined, undefined, true));
    let results;
    try {
      results = await session.transport.sendBatch(prepared.map((p) => p.body), options);
    } catch (e) {
      throw toJsError(e);
    }
    return results.map((r, i) => (prepared[i].map ? prepared[i].map(r) : fullResult(r, prepared[i].arrayMode)));
  }
  transaction() {
    throw new Error('No transactions support in neon-http driver');
  }
  /** The same database, each request carrying `token` (drizzle's `$withAuth`). */
  $withAuth(token) {
    const { transport: t, logger, casing } = this._session;
    const cache = this.$cache;
    const schema = this._schemaSource;
    if (t instanceof ClientTransport) return database(new ClientTransport(t.client, token), logger, t.client, casing, cache, schema);
    return drizzle({ connection: { connectionString: t.connectionString, endpoint: t.givenEndpoint, authToken: token, timeout: t.timeout }, logger, casing, cache, schema });
  }
}

/** `drizzle.mock()`: a database without a connection (builders and `.toSQL()` only). */
/** `drizzle.mock(config?)`: a database without a connection (builders and `.toSQL()` only). */
drizzle.mock = function mock(config = {}) {
  return database(undefined, undefined, undefined, config.casing, undefined, config.schema);
};

/**
 * drizzle-orm/neon-http's `drizzle()`:
 * - `drizzle(connectionString)`, `drizzle(connectionString, config)`,
 *   `drizzle({ connection: string | { connectionString, endpoint?, authToken?, timeout? }, logger? })`:
 *   edgepg's own transport (the runtime's `fetch`); `endpoint` (or `fetchEndpoint`) points at
 *   another SQL-over-HTTP endpoint, e.g. edgepg-gateway; `authToken` is a string or an (async)
 *   function returning one, asked before each request.
 * - `drizzle(client)`, `drizzle(client, config)`, `drizzle({ client, logger? })`, where `client` is
 *   a `neon()` function of @neondatabase/serverless: queries go through it (its fetch options,
 *   auth token and endpoint), and `db.$client` is it.
 */
export function drizzle(config, extra = {}) {
  if (typeof config === 'function') return drizzle({ ...extra, client: config });
  const cfg = typeof config === 'string' ? { connection: config, ...extra } : { ...extra, ...(config ?? {}) };
  const logger = cfg.logger === true ? new DefaultLogger() : cfg.logger || undefined;
  if (typeof cfg.client === 'function') return database(new ClientTransport(cfg.client), logger, cfg.client, cfg.casing, cfg.cache, cfg.schema);
  const conn = typeof cfg.connection === 'string' ? { connectionString: cfg.connection } : (cfg.connection ?? cfg.client ?? {});
  const connectionString = conn.connectionString ?? conn.url;
  if (typeof connectionString !== 'string') {
    throw new Error('edgepg: drizzle() needs a connection string: drizzle(process.env.DATABASE_URL) or drizzle({ connection: "postgresql://…" })');
  }
  let endpoint = conn.endpoint ?? conn.fetchEndpoint ?? cfg.endpoint;
  if (typeof endpoint === 'function') endpoint = undefined;
  const transport = new Transport(connectionString, endpoint, conn.authToken, conn.timeout);
  transport.connectionString = connectionString;
  transport.givenEndpoint = endpoint;
  return database(transport, logger, transport, cfg.casing, cfg.cache, cfg.schema);
}

/** drizzle's `casing` option: `'snake_case'`, `'camelCase'` or none. */
export function checkCasing(casing) {
  if (casing === undefined || casing === 'snake_case' || casing === 'camelCase') return casing;
  throw new Error(`edgepg: unknown casing ${JSON.stringify(casing)} (expected 'snake_case' or 'camelCase')`);
}

function database(transport, logger, client, casing, cache, schema) {
  return withDrizzleFields(new NeonHttpDatabase(new Session(transport, logger, casing, cache)), schema, client, cache);
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
