// drizzle-orm/neon-http's `drizzle()`, over edgepg's SQL-over-HTTP driver (Rust, in wasm).
import { wasm, callWasm, toJsError, parseResult, compile, shapeOf, renderCompiled, encodeNamed, DrizzleQueryError, SQL } from './core.js';
import { QueryBuilder, Raw } from './builders.js';

class Session {
  constructor(client, logger) {
    this.client = client;
    this.logger = logger;
  }
  /** The statement's cached shape and this execution's values. */
  _compile(builder) {
    const { key, values } = compile(() => builder._desc());
    return { shape: shapeOf(key), values: JSON.stringify(values), rawValues: values };
  }
  async run(builder, placeholders, opts = {}) {
    const { shape, values, rawValues } = this._compile(builder);
    const named = encodeNamed(placeholders);
    if (this.logger) {
      const q = renderCompiled(shape, rawValues, named);
      this.logger.logQuery(q.sql, q.params);
    }
    let text;
    try {
      const abort = opts.signal ? abortHandle(opts.signal) : undefined;
      text = await this.client.executeShape(shape.id, values, named, abort);
    } catch (e) {
      throw wrap(shape, rawValues, named, e);
    }
    const r = parseResult(text);
    const map = builder._mapper?.();
    if (map) return map(r.rows);
    return { rows: objects(r), fields: r.fields, command: r.command, rowCount: r.rowCount, rowAsArray: false };
  }
}

function abortHandle(signal) {
  const h = new wasm.AbortHandle();
  if (signal.aborted) h.abort();
  else signal.addEventListener('abort', () => h.abort(), { once: true });
  return h.share();
}

function objects(r) {
  return r.rows.map((row) => Object.fromEntries(r.fields.map((f, i) => [f.name, row[i]])));
}

/** drizzle's wrapping: `Failed query: <sql>\nparams: <params>` with the driver's error as cause. */
function wrap(shape, values, named, e) {
  const err = toJsError(e);
  let q;
  try {
    q = renderCompiled(shape, values, named);
  } catch {
    return err; // the values themselves were bad (e.g. do not fit a column): that error says why
  }
  return new DrizzleQueryError(q.sql, q.params, err);
}

class DefaultLogger {
  logQuery(query, params) {
    const s = params.map((p) => {
      try {
        return JSON.stringify(p);
      } catch {
        return String(p);
      }
    });
    console.log(`Query: ${query}${s.length ? ` -- params: [${s.join(', ')}]` : ''}`);
  }
}

export class NeonHttpDatabase extends QueryBuilder {
  constructor(session) {
    super(session);
  }
  /** `db.execute(sql\`...\`)`: the full result, rows as objects keyed by column name. */
  execute(query) {
    return new Raw(this._session, typeof query === 'string' ? new SQL([query]) : query);
  }
  /** Every statement in ONE HTTP request, as one transaction. */
  async batch(queries, options) {
    const items = queries.map((q) => {
      const { shape, rawValues } = this._session._compile(q);
      return [shape.id, rawValues];
    });
    let text;
    try {
      text = await this._session.client.batchShapes(JSON.stringify(items), options ? JSON.stringify(options) : undefined);
    } catch (e) {
      throw toJsError(e);
    }
    const { results } = JSON.parse(text);
    return results.map((raw, i) => {
      const r = parseResult(JSON.stringify(raw));
      const map = queries[i]._mapper?.();
      return map ? map(r.rows) : { rows: objects(r), fields: r.fields, command: r.command, rowCount: r.rowCount };
    });
  }
  transaction() {
    throw new Error('No transactions support in neon-http driver');
  }
  $withAuth(token) {
    return drizzle({ connection: { connectionString: this._session.client._conn, authToken: token } });
  }
}

/** `drizzle.mock()`: a database without a connection (builders and `.toSQL()` only). */
drizzle.mock = function mock() {
  return new NeonHttpDatabase(undefined);
};

/**
 * `drizzle(connectionString)`, `drizzle({ connection: string | { connectionString, endpoint?, authToken?, timeout? }, logger? })`.
 * `endpoint` (or `fetchEndpoint`) points at another SQL-over-HTTP endpoint, e.g. edgepg-gateway.
 */
export function drizzle(config, extra = {}) {
  const cfg = typeof config === 'string' ? { connection: config, ...extra } : { ...extra, ...(config ?? {}) };
  const conn = typeof cfg.connection === 'string' ? { connectionString: cfg.connection } : (cfg.connection ?? cfg.client ?? {});
  const connectionString = conn.connectionString ?? conn.url;
  if (typeof connectionString !== 'string') {
    throw new Error('edgepg: drizzle() needs a connection string: drizzle(process.env.DATABASE_URL) or drizzle({ connection: "postgresql://…" })');
  }
  const endpoint = conn.endpoint ?? conn.fetchEndpoint ?? cfg.endpoint;
  const client = callWasm(() => new wasm.HttpClient(connectionString, typeof endpoint === 'function' ? undefined : endpoint, conn.authToken, conn.timeout));
  client._conn = connectionString;
  const logger = cfg.logger === true ? new DefaultLogger() : cfg.logger || undefined;
  const db = new NeonHttpDatabase(new Session(client, logger));
  db.$client = client;
  return db;
}
