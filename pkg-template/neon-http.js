// drizzle-orm/neon-http's `drizzle()` over edgepg: its own SQL-over-HTTP transport
// (http-transport.js), or a `neon()` client of @neondatabase/serverless called as drizzle calls
// it; statements prepared and run by the shared session (session.js).
import { DefaultLogger, renderCompiled, shapeOf, toJsError } from './core.js';
import { PgDatabase } from './builders.js';
import { Session, checkCasing, withDrizzleFields } from './session.js';
import { Transport, fullResult } from './http-transport.js';
import { RAW_TEXT } from './rows.js';
export { PgDatabase };

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
  fullResult(r) {
    return fullResult(r);
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

function database(transport, logger, client, casing, cache, schema) {
  return withDrizzleFields(new NeonHttpDatabase(new Session(transport, logger, casing, cache)), schema, client, cache);
}

