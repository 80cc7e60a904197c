// The SQL-over-HTTP transport (Neon's protocol, docs/protocol.md §1-3): wasm builds the request
// bodies and headers (bindings/core, src/driver/http/wire.rs); the request goes out through the
// runtime's own `fetch`; the response is parsed once by JSON.parse and read in JS (rows by
// rows.js, errors here). Responses never cross into wasm. Used by edgepg/neon-http, and by
// edgepg/neon-serverless's pools with `poolQueryViaFetch`.
import { wasm, callWasm, statementBody, NeonDbError, DB_FIELDS } from './core.js';
import { objectRows, arrayRows, DRIZZLE_TYPES } from './rows.js';

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
  /** `db.execute`'s result (SQL-over-HTTP's result object, shaped as neon's). */
  fullResult(r) {
    return fullResult(r);
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

/** `db.execute`'s result as drizzle + @neondatabase/serverless give it (neon's
 * processQueryResult with fullResults): the endpoint's own result object, every key and field as
 * sent, its rows replaced by objects keyed by column name, then `viaNeonFetch`, `rowAsArray`,
 * `_parsers` and `_types` as neon sets them. */
export function fullResult(r, asArrays = false) {
  if (r === null || typeof r !== 'object') return r; // what a stand-in client gave, as drizzle passes it on
  r.viaNeonFetch = true;
  r.rowAsArray = asArrays;
  r.rows = asArrays ? arrayRows(r.fields, r.rows) : objectRows(r.fields, r.rows);
  r._parsers = r.fields.map((f) => DRIZZLE_TYPES.getTypeParser(f.dataTypeID));
  r._types = DRIZZLE_TYPES;
  return r;
}

