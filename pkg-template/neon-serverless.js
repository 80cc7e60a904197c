// drizzle-orm/neon-serverless over edgepg: the Postgres wire protocol inside a WebSocket, with
// interactive transactions. The protocol is Rust (src/driver/pgwire), in a second wasm module
// (`#wasm-ws`, bindings/ws) that only this entry point loads; pgwire.js drives it apart from any
// socket, ws-socket.js is the WebSocket it runs on. Each statement is the main
// module's SQL-over-HTTP body (made in the same synchronous step as its shape look-up), encoded
// into protocol bytes by `#wasm-ws`, which also turns the bytes read into results shaped like
// SQL-over-HTTP's (values as text) for rows.js to decode exactly as for neon-http. This file owns
// pg's Client and Pool, pooling and drizzle's transactions.
import * as wsWasm from '#wasm-ws';
import {
  callWasm, toJsError, statementBody, renderCompiled, shapeOf, TransactionRollbackError, DrizzleQueryError, DefaultLogger,
} from './core.js';
import { objectRows, arrayRows, RAW_TEXT, DRIZZLE_TYPES } from './rows.js';
import { queryApi } from './relational.js';
import { PgDatabase, PgTransaction } from './builders.js';
import { Session, withDrizzleFields } from './session.js';
import { Transport } from './http-transport.js';
import { Connection, DatabaseError, connectError } from './pgwire.js';
import { webSocketTransport } from './ws-socket.js';

/**
 * @neondatabase/serverless's `neonConfig`: how sockets are opened. Set before connecting.
 * - `webSocketConstructor`: a `WebSocket` class (Node 20: `ws`); default the runtime's own.
 * - `wsProxy`: `(host, port) => url without scheme`, or a string (`?address=host:port` is
 *   appended); default `host => host + '/v2'`.
 * - `useSecureWebSocket`: `wss:` (default) or `ws:`.
 * - `pipelineConnect`: `'password'` (default: startup, password and the first statement in one
 *   message; the server must ask for a cleartext password, as Neon and edgepg-gateway do) or
 *   `false` (wait for the server's request: cleartext or MD5).
 * - `poolQueryViaFetch`: a pool's statements outside transactions go over SQL-over-HTTP (one
 *   request each, no socket to open), transactions over the WebSocket; default false.
 * - `fetchEndpoint`: that HTTP endpoint: `(host, port) => URL` or a URL; default derived from
 *   the connection string as `edgepg/neon-http` derives it.
 */
export const neonConfig = {
  webSocketConstructor: undefined,
  wsProxy: (host) => `${host}/v2`,
  useSecureWebSocket: true,
  pipelineConnect: 'password',
  poolQueryViaFetch: false,
  fetchEndpoint: undefined,
};

export { DatabaseError };

/** A connection over a WebSocket: neonConfig, then the client's own options. */
function wsConnection(connectionString, config, timeouts = {}) {
  const c = { ...neonConfig, ...config };
  return new Connection(connectionString, c, timeouts, webSocketTransport(c));
}

// ---------------------------------------------------------------- pg's Client and Pool

/** A Client's or Pool's config; a malformed connection string fails here, typed (`config`). */
function configOf(config, what) {
  const c = typeof config === 'string' ? { connectionString: config } : { ...(config ?? {}) };
  if (typeof c.connectionString !== 'string' && typeof c.host === 'string') c.connectionString = connectionStringOf(c);
  if (typeof c.connectionString !== 'string') {
    throw connectError(`${what} needs a connection string or a host: new ${what}(process.env.DATABASE_URL) or new ${what}({ host, user, password, database })`);
  }
  callWasm(() => new wsWasm.WsWire(c.connectionString, true)).free();
  return c;
}

/** pg's `ClientConfig` without a connection string (`host`, `port`, `user`, `password`,
 * `database`, `options`, `application_name`, `ssl`) as a connection string; pg's defaults:
 * port 5432, the database named as the user. */
function connectionStringOf(c) {
  const enc = encodeURIComponent;
  if (typeof c.user !== 'string' || c.user === '') throw connectError('a config without a connection string needs a user');
  if (typeof c.password === 'function') throw connectError('a password function is not supported: give the password as a string');
  const password = c.password === undefined || c.password === null ? '' : `:${enc(String(c.password))}`;
  const host = c.host.includes(':') && !c.host.startsWith('[') ? `[${c.host}]` : c.host;
  const query = [];
  if (c.ssl) query.push('sslmode=require');
  for (const k of ['options', 'application_name', 'statement_timeout', 'lock_timeout', 'idle_in_transaction_session_timeout']) {
    if (c[k] !== undefined && c[k] !== null) query.push(`${k}=${enc(String(c[k]))}`);
  }
  return `postgresql://${enc(c.user)}${password}@${host}:${c.port ?? 5432}/${enc(c.database ?? c.user)}${query.length ? `?${query.join('&')}` : ''}`;
}

/** pg's result for `client.query()`: `{ command, rowCount, oid, rows, fields, rowAsArray }`,
 * rows as objects (or arrays with `rowMode: 'array'`), decoded by pg-types' parsers as drizzle
 * configures them (date, time and interval types stay text). */
function pgResult(r, rowMode) {
  const rows = rowMode === 'array' ? arrayRows(r.fields, r.rows) : objectRows(r.fields, r.rows);
  return new Result(r, rows, rowMode === 'array');
}

/** pg's results of one statement (a result) or of a simple query's several (an array of them). */
function pgResults(r, rowMode) {
  return Array.isArray(r) ? r.map((x) => pgResult(x, rowMode)) : pgResult(r, rowMode);
}

/** pg's `Field`: a column of a result. */
export class Field {
  constructor(f) {
    this.name = f.name;
    this.tableID = f.tableID;
    this.columnID = f.columnID;
    this.dataTypeID = f.dataTypeID;
    this.dataTypeSize = f.dataTypeSize;
    this.dataTypeModifier = f.dataTypeModifier;
    this.format = f.format;
  }
}

/** pg's `Result`, with its keys in pg's order: `command`, `rowCount`, `oid`, `rows`, `fields`
 * (`Field`s), `_parsers`, `_types`, `RowCtor`, `rowAsArray`. */
export class Result {
  constructor(r, rows, rowAsArray) {
    this.command = r.command;
    this.rowCount = r.rowCount ?? null;
    this.oid = r.command === 'INSERT' ? 0 : null;
    this.rows = rows;
    this.fields = r.fields.map((f) => new Field(f));
    this._parsers = this.fields.map((f) => DRIZZLE_TYPES.getTypeParser(f.dataTypeID));
    this._types = DRIZZLE_TYPES;
    this.RowCtor = null;
    this.rowAsArray = rowAsArray;
  }
}

/** A statement of `client.query(text | { text, values, rowMode }, values?)`: parameters in
 * text form as pg's `prepareValue` writes them. */
function textQuery(conn, text, values) {
  const q = typeof text === 'object' && text !== null ? text : { text, values };
  const params = (q.values ?? values ?? []).map(prepareValue);
  // pg: without values the text goes as a simple query (several statements: one result each)
  if (params.length === 0) {
    return conn.run(callWasm(() => wsWasm.wsSimpleQuery(q.text)), true).then((rs) => pgResults(simpleResults(rs), q.rowMode));
  }
  return conn.query(q.text, params).then((r) => pgResult(r, q.rowMode));
}

/** pg's `prepareValue`: what a JS value becomes as a text parameter. */
function prepareValue(v) {
  if (v === null || v === undefined) return null;
  if (v instanceof Uint8Array) return `\\x${Array.from(v, (b) => b.toString(16).padStart(2, '0')).join('')}`;
  if (v instanceof Date) return dateText(v);
  if (Array.isArray(v)) return arrayText(v);
  if (typeof v === 'object') return typeof v.toPostgres === 'function' ? String(v.toPostgres(prepareValue)) : JSON.stringify(v);
  return String(v);
}
function arrayText(a) {
  const items = a.map((x) => {
    if (x === null || x === undefined) return 'NULL';
    if (Array.isArray(x)) return arrayText(x);
    const t = prepareValue(x);
    return `"${t.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;
  });
  return `{${items.join(',')}}`;
}
/** pg's `dateToString`: local time with its offset. */
function dateText(d) {
  const pad = (n, w = 2) => String(n).padStart(w, '0');
  const off = -d.getTimezoneOffset();
  const sign = off < 0 ? '-' : '+';
  const abs = Math.abs(off);
  let year = d.getFullYear();
  const bc = year < 1;
  if (bc) year = Math.abs(year) + 1;
  return `${pad(year, 4)}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}.${pad(d.getMilliseconds(), 3)}${sign}${pad(Math.floor(abs / 60))}:${pad(abs % 60)}${bc ? ' BC' : ''}`;
}

function timeoutsOf(config) {
  return { queryTimeout: config.query_timeout ?? config.queryTimeout, connectTimeout: config.connectionTimeoutMillis };
}

/** @neondatabase/serverless's (pg's) `Client`: one connection. */
export class Client {
  constructor(config) {
    this._config = configOf(config, 'Client');
    this.neonConfig = {};
    this._conn = undefined;
  }
  _connection() {
    this._conn ??= wsConnection(this._config.connectionString, this.neonConfig, timeoutsOf(this._config));
    return this._conn;
  }
  /** Opens the socket (with `pipelineConnect: 'password'`, authentication rides with the first
   * statement). */
  async connect() {
    await this._connection().connect();
  }
  /** pg's `client.query(text, values?)` / `client.query({ text, values, rowMode })`. */
  query(text, values) {
    return textQuery(this._connection(), text, values);
  }
  /** `Terminate`, then closes the socket. */
  async end() {
    await this._conn?.end();
  }
}

/** @neondatabase/serverless's (pg's) `Pool`: up to `max` (default 10) connections, reused while
 * idle; a connection left in a transaction, or whose socket failed, is closed, never reused. */
export class Pool {
  constructor(config) {
    this.options = configOf(config, 'Pool');
    this.options.max = this.options.max ?? 10;
    this.neonConfig = {};
    this._idle = [];
    this._all = new Set();
    this._waiting = [];
    this.ending = false;
    this.ended = false;
  }
  get totalCount() {
    return this._all.size;
  }
  get idleCount() {
    return this._idle.length;
  }
  get waitingCount() {
    return this._waiting.length;
  }
  /** A connection of the pool (the internal one). */
  async _acquire() {
    if (this.ending) throw connectError('Cannot use a pool after calling end on the pool');
    while (this._idle.length > 0) {
      const c = this._idle.pop();
      if (c.usable) return c;
      this._all.delete(c);
    }
    if (this._all.size < this.options.max) {
      const c = wsConnection(this.options.connectionString, this.neonConfig, timeoutsOf(this.options));
      this._all.add(c);
      return c;
    }
    return new Promise((resolve, reject) => this._waiting.push({ resolve, reject }));
  }
  _release(c, destroy) {
    if (destroy || !c.usable || c.status !== 'I' || c.deferred.length > 0 || this.ending) {
      this._all.delete(c);
      c.end();
      const w = this._waiting.shift();
      if (w) this._acquire().then(w.resolve, w.reject);
      return;
    }
    const w = this._waiting.shift();
    if (w) w.resolve(c);
    else this._idle.push(c);
  }
  /** Runs `f(connection)` on a connection of the pool and gives it back. */
  async _with(f) {
    const c = await this._acquire();
    try {
      return await f(c);
    } finally {
      this._release(c);
    }
  }
  /** pg's `pool.connect()`: a client to `release()` (`release(true)` closes it). */
  async connect() {
    const c = await this._acquire();
    await c.connect().catch((e) => {
      this._release(c, true);
      throw e;
    });
    let released = false;
    return {
      _conn: c,
      query: (text, values) => textQuery(c, text, values),
      release: (destroy) => {
        if (released) throw new Error('Release called on client which has already been released to the pool.');
        released = true;
        this._release(c, destroy === true || destroy instanceof Error);
      },
    };
  }
  /** pg's `pool.query(text, values?)` (over HTTP with `poolQueryViaFetch`). */
  query(text, values) {
    const http = this._http();
    if (http) {
      const q = typeof text === 'object' && text !== null ? text : { text, values };
      const body = JSON.stringify({ query: q.text, params: (q.values ?? values ?? []).map(prepareValue) });
      return http.send(body).then((r) => pgResult(r, q.rowMode));
    }
    return this._with((c) => textQuery(c, text, values));
  }
  /** The SQL-over-HTTP transport when `poolQueryViaFetch` is on (`neonConfig` or this pool's). */
  _http() {
    const config = { ...neonConfig, ...this.neonConfig };
    if (!config.poolQueryViaFetch) return undefined;
    if (this._fetch === undefined) {
      let endpoint = config.fetchEndpoint;
      if (typeof endpoint === 'function') {
        const wire = callWasm(() => new wsWasm.WsWire(this.options.connectionString, true));
        endpoint = endpoint(wire.host, wire.port);
        wire.free();
      }
      this._fetch = new Transport(this.options.connectionString, endpoint, undefined, this.options.query_timeout);
    }
    return this._fetch;
  }
  /** Closes every connection (idle ones now, the others when they are released). In a
   * Worker: `ctx.waitUntil(pool.end())`. */
  async end() {
    if (this.ended) throw new Error('Called end on pool more than once');
    this.ending = true;
    for (const w of this._waiting.splice(0)) w.reject(connectError('Cannot use a pool after calling end on the pool'));
    const idle = this._idle.splice(0);
    for (const c of idle) this._all.delete(c);
    await Promise.all(idle.map((c) => c.end()));
    this.ended = true;
  }
}

// ---------------------------------------------------------------- drizzle

/** Where a database's statements run: a pool (each statement on any idle connection), or one
 * connection (a `Client`, or a transaction's). Statements are encoded in `request`, in the same
 * synchronous step as their shape look-up (core.js); named ones (`.prepare(name)`) in both
 * forms, since which one is due depends on the connection that will run them. With
 * `poolQueryViaFetch`, a pool's statements are the HTTP body itself. */
class WsTransport {
  constructor(runner) {
    this.runner = runner; // { with(f), http() } over Connection
  }
  request(compiled, named, name) {
    const body = statementBody(compiled, named);
    if (this.runner.http()) return { body };
    const { query, params } = JSON.parse(body);
    // pg: SQL without parameters (and no name) goes as a simple query, so that text holding
    // several statements runs them all
    if (name === undefined && params.length === 0) return { bytes: callWasm(() => wsWasm.wsSimpleQuery(query)), simple: true };
    if (name === undefined) return { bytes: callWasm(() => wsWasm.wsStatement(query, params, undefined, false)) };
    return {
      name,
      sql: query,
      parse: callWasm(() => wsWasm.wsStatement(query, params, name, true)),
      bytes: callWasm(() => wsWasm.wsStatement(query, params, name, false)),
    };
  }
  send(req) {
    if (req.body !== undefined) return this.runner.http().send(req.body);
    return this.runner.with((c) => runStatement(c, req));
  }
  /** `db.execute`'s result as drizzle + @neondatabase/serverless give it: pg's result, rows as
   * objects decoded by drizzle's parsers. */
  fullResult(r) {
    return pgResults(r, undefined);
  }
}

/** A simple query's results as pg gives them: one result, or an array of one per statement. */
function simpleResults(rs) {
  if (rs.length === 0) return { command: null, rowCount: null, rows: [], fields: [] };
  return rs.length === 1 ? rs[0] : rs;
}

async function runStatement(c, req) {
  if (req.simple) return simpleResults(await c.run(req.bytes, true));
  if (req.name === undefined) return c.run(req.bytes);
  const known = c.prepared.get(req.name);
  if (known !== undefined && known !== req.sql) {
    throw new Error(`Prepared statements must be unique - '${req.name}' was used for a different statement`);
  }
  const r = await c.run(known === undefined ? req.parse : req.bytes);
  c.prepared.set(req.name, req.sql);
  return r;
}

/**
 * Statements through a Pool or Client that is not edgepg's (@neondatabase/serverless's own, or
 * any pg-compatible one), as drizzle runs them: `client.query({ name, text, rowMode: 'array',
 * types }, params)`, `types` giving every value as text, so rows are decoded by rows.js exactly as
 * over edgepg's own connections. SQL and parameters are rendered here, as drizzle renders them.
 */
class ForeignTransport {
  constructor(client) {
    this.client = client;
  }
  request(compiled, named, name) {
    const q = renderCompiled(shapeOf(compiled.key), compiled.values, named);
    return { name, text: q.sql, values: q.params };
  }
  send(q) {
    return this.client.query({ name: q.name, text: q.text, rowMode: 'array', types: RAW_TEXT }, q.values);
  }
  fullResult(r) {
    return pgResults(r, undefined);
  }
}

/** pg's Pool (and @neondatabase/serverless's, which extends it): `connect()` lends a client. */
const isForeignPool = (c) => typeof c.connect === 'function' && typeof c.totalCount === 'number';

const onPool = (pool) => ({ with: (f) => pool._with(f), http: () => pool._http() });
const onConnection = (c) => ({ with: (f) => f(c), http: () => undefined });

/** drizzle's `getTransactionConfigSQL`, checked: drizzle pastes these strings into the SQL;
 * edgepg accepts PostgreSQL's own values only. */
function beginSQL(config = {}) {
  const parts = [];
  const { isolationLevel, accessMode, deferrable } = config;
  if (isolationLevel) {
    if (!['read uncommitted', 'read committed', 'repeatable read', 'serializable'].includes(isolationLevel)) {
      throw new Error(`edgepg: isolationLevel ${JSON.stringify(isolationLevel)} is not 'read uncommitted', 'read committed', 'repeatable read' or 'serializable'`);
    }
    parts.push(`isolation level ${isolationLevel}`);
  }
  if (accessMode) {
    if (accessMode !== 'read only' && accessMode !== 'read write') {
      throw new Error(`edgepg: accessMode ${JSON.stringify(accessMode)} is not 'read only' or 'read write'`);
    }
    parts.push(accessMode);
  }
  if (typeof deferrable === 'boolean') parts.push(deferrable ? 'deferrable' : 'not deferrable');
  return parts.join(' ');
}

/** `db.execute` gives pg's result here (the transport's `fullResult`). */
export class NeonDatabase extends PgDatabase {
  /**
   * drizzle's `db.transaction(async (tx) => …, { isolationLevel, accessMode, deferrable })`:
   * `begin …` (sent with the transaction's first statement), `commit` when `fn` resolves (its
   * value is returned), `rollback` when it throws (the error is rethrown; `tx.rollback()` throws
   * `TransactionRollbackError`). On a pool, the transaction holds one connection; one left
   * unusable is closed, never reused.
   */
  async transaction(fn, config) {
    const begin = `begin ${beginSQL(config)}`;
    const s = this._session;
    if (s.foreign) return foreignTransaction(this, s.foreign, begin, fn);
    const pool = s.pool;
    const conn = pool ? await pool._acquire() : s.connection;
    let failed = false;
    try {
      s.logger?.logQuery(begin, []);
      conn.defer(begin);
      const tx = transactionOf(this, conn, 0);
      let result;
      try {
        result = await fn(tx);
        if (conn.deferred.length > 0) conn.deferred.length = 0; // an empty transaction
        else await txQuery(s, conn, 'commit');
      } catch (e) {
        failed = true;
        if (conn.deferred.length > 0) conn.deferred.length = 0; // nothing was sent: nothing to undo
        else if (conn.usable) await txQuery(s, conn, 'rollback').catch(() => {}); // the first error is the one to report
        throw e;
      }
      return result;
    } catch (e) {
      failed = true;
      throw e;
    } finally {
      if (pool) pool._release(conn, failed && !conn.usable);
    }
  }
}

/** A transaction (`depth` 0) or a savepoint inside one: the database API on its connection. */
export class NeonTransaction extends PgTransaction {
  /** drizzle's `tx.rollback()`: throws `TransactionRollbackError`, which rolls the transaction
   * back and is rethrown by `db.transaction`. */
  rollback() {
    throw new TransactionRollbackError();
  }
  /** drizzle's nested `tx.transaction(fn)`: `savepoint spN`, then `release savepoint spN`, or
   * `rollback to savepoint spN` when `fn` throws (rethrown; the outer transaction goes on). */
  async transaction(fn) {
    const name = `sp${this._depth + 1}`;
    const conn = this._conn;
    const s = this._session;
    await txQuery(s, conn, `savepoint ${name}`);
    const inner = transactionOf(this, conn, this._depth + 1);
    let result;
    try {
      result = await fn(inner);
      await txQuery(s, conn, `release savepoint ${name}`);
    } catch (e) {
      if (conn.usable) await txQuery(s, conn, `rollback to savepoint ${name}`).catch(() => {});
      throw e;
    }
    return result;
  }
  /** drizzle's `tx.setTransaction(config)`: `set transaction …`. */
  async setTransaction(config) {
    await txQuery(this._session, this._conn, `set transaction ${beginSQL(config)}`);
  }
}

/** drizzle's transaction on a foreign client: `begin`, `commit` or `rollback` through its
 * `query`, on a client lent by the pool when it is one (released after). */
async function foreignTransaction(db, client, begin, fn) {
  const s = db._session;
  const pooled = isForeignPool(client);
  const c = pooled ? await client.connect() : client;
  const conn = { foreign: c, usable: true, query: (text) => c.query(text) };
  try {
    await txQuery(s, conn, begin);
    let result;
    try {
      result = await fn(transactionOf(db, conn, 0));
      await txQuery(s, conn, 'commit');
    } catch (e) {
      await txQuery(s, conn, 'rollback').catch(() => {});
      throw e;
    }
    return result;
  } finally {
    if (pooled) c.release();
  }
}

/** A transaction's own statement (`begin`, `commit`, `rollback`, savepoints, `set
 * transaction`) as drizzle runs it through `tx.execute`: logged, and a failure is a
 * `DrizzleQueryError` whose `cause` is the database's error. */
async function txQuery(session, conn, text) {
  session.logger?.logQuery(text, []);
  try {
    return await conn.query(text);
  } catch (e) {
    throw new DrizzleQueryError(text, [], toJsError(e));
  }
}

function transactionOf(db, conn, depth) {
  const outer = db._session;
  const transport = conn.foreign ? new ForeignTransport(conn.foreign) : new WsTransport(onConnection(conn));
  const session = new Session(transport, outer.logger, outer.casing, outer.cache);
  session.connection = conn;
  const tx = new NeonTransaction(session);
  tx._conn = conn;
  tx._depth = depth;
  if (db._schema) {
    tx.query = queryApi(session, db._schema);
    tx._schema = db._schema;
  }
  return tx;
}

/**
 * drizzle-orm/neon-serverless's `drizzle()`:
 * - `drizzle(connectionString, config?)`, `drizzle({ connection: string | PoolConfig, ws?, schema?,
 *   logger?, casing? })`: a new `Pool`; `ws` sets `neonConfig.webSocketConstructor`;
 * - `drizzle(pool | client, config?)`, `drizzle({ client, … })`: over that `Pool` or `Client`.
 * `db.$client` is the pool or client: `await db.$client.end()` when done (in a Worker:
 * `ctx.waitUntil(db.$client.end())`, since a WebSocket cannot outlive the request).
 */
export function drizzle(config, extra = {}) {
  if (typeof config === 'string') return construct(new Pool({ connectionString: config }), extra);
  if (config instanceof Pool || config instanceof Client || typeof config?.query === 'function') return construct(config, extra);
  if (config !== undefined && (config === null || typeof config !== 'object')) return construct(config, extra);
  const { connection, client, ws, ...rest } = { ...extra, ...(config ?? {}) };
  if (ws) neonConfig.webSocketConstructor = ws;
  if (client) return construct(client, rest);
  if (connection === undefined) {
    throw new Error('edgepg: drizzle() needs a connection string: drizzle(process.env.DATABASE_URL) or drizzle({ connection: "postgresql://…" })');
  }
  return construct(new Pool(typeof connection === 'string' ? { connectionString: connection } : connection), rest);
}

/** `drizzle.mock(config?)`: a database without a connection (builders and `.toSQL()` only). */
drizzle.mock = function mock(config = {}) {
  return database(undefined, config);
};

function construct(client, config) {
  if (!(client instanceof Pool) && !(client instanceof Client) && typeof client?.query !== 'function') {
    const what = client === null ? 'null' : typeof client === 'object' ? `an object without query() (${client.constructor?.name ?? 'Object'})` : typeof client;
    throw new Error(`edgepg/neon-serverless: drizzle() takes a connection string, a config ({ connection } or { client }), or a Pool or Client (edgepg's, @neondatabase/serverless's or pg's); got ${what}`);
  }
  return database(client, config);
}

function database(client, config) {
  const logger = config.logger === true ? new DefaultLogger() : config.logger || undefined;
  const cache = config.cache;
  let transport;
  let pool;
  let connection;
  let foreign;
  if (client instanceof Pool) {
    pool = client;
    transport = new WsTransport(onPool(client));
  } else if (client instanceof Client) {
    connection = client._connection();
    transport = new WsTransport(onConnection(connection));
  } else if (client !== undefined) {
    foreign = client;
    transport = new ForeignTransport(client);
  }
  const session = new Session(transport, logger, config.casing, cache);
  session.pool = pool;
  session.connection = connection;
  session.foreign = foreign;
  return withDrizzleFields(new NeonDatabase(session), config.schema, client, cache);
}
