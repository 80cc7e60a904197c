// The Postgres wire protocol in JS, apart from any socket: one connection's statements in
// order, pipelining, timeouts and cancellation, over the protocol core in wasm (`#wasm-ws`,
// bindings/ws: src/driver/pgwire in the crate). The bytes travel on a socket a transport adapter
// opens (ws-socket.js: a WebSocket; a TCP socket is one more adapter). An adapter is
// `transportFor(host, port)` → `{ open(handlers), cancel(bytes) }`: `open` returns
// `{ send(Uint8Array), close() }` and calls `handlers.open()` once connected,
// `handlers.data(Uint8Array)` for each chunk read (in order), and `handlers.fail(error, close)`
// when the socket fails or closes; `cancel` sends a CancelRequest on a new socket (best effort).
import * as wsWasm from '#wasm-ws';
import { callWasm, toJsError, DB_FIELDS } from './core.js';

/** A PostgreSQL error, shaped as pg's `DatabaseError`: `length` (of the ErrorResponse
 * message), `name` (`'error'`, as pg names it), then every field of the ErrorResponse, each key
 * present (undefined when the server did not send it). */
export class DatabaseError extends Error {
  constructor(message, length, name = 'error') {
    super(message);
    this.length = length;
    this.name = name;
    for (const f of DB_FIELDS) this[f] = undefined;
  }
}

/** An error of edgepg's (not of the database): `kind` is `connect`, `timeout`, `protocol`,
 * `config` or `query`. */
export function failure(o) {
  if (o.kind === 'database') {
    const e = new DatabaseError(o.message, o.length);
    for (const f of DB_FIELDS) if (o[f] !== undefined) e[f] = o[f];
    return e;
  }
  const e = new Error(o.message);
  e.name = o.kind === 'timeout' ? 'TimeoutError' : 'EdgepgError';
  e.kind = o.kind;
  return e;
}
export const connectError = (message) => failure({ kind: 'connect', message });

function concat(chunks) {
  if (chunks.length === 1) return chunks[0];
  let n = 0;
  for (const c of chunks) n += c.length;
  const out = new Uint8Array(n);
  let at = 0;
  for (const c of chunks) {
    out.set(c, at);
    at += c.length;
  }
  return out;
}

/**
 * One connection: a socket (from a transport adapter), its protocol state in wasm, and the
 * statements waiting for results in sending order. Nothing is sent until the first statement:
 * with `pipelineConnect: 'password'` it leaves with the startup and the password in one
 * message. A connection whose socket closed, failed or timed out is `broken` and never reused.
 */
export class Connection {
  constructor(connectionString, config, timeouts, transportFor) {
    this.pipeline = config.pipelineConnect === 'password';
    this.wire = callWasm(() => new wsWasm.WsWire(connectionString, this.pipeline));
    try {
      this.transport = transportFor(this.wire.host, this.wire.port);
    } catch (e) {
      this._free();
      throw e;
    }
    this.queryTimeout = timeouts.queryTimeout > 0 ? timeouts.queryTimeout : undefined;
    this.connectTimeout = timeouts.connectTimeout > 0 ? timeouts.connectTimeout : undefined;
    this.pending = []; // { resolve, reject } per statement sent, in order
    this.deferred = []; // statements to send ahead of the next one (a transaction's `begin`)
    this.prepared = new Map(); // named statements parsed here: name -> SQL
    this.broken = false;
    this.ended = false;
    this.socket = undefined;
    this.opened = undefined; // a promise: the socket is open (and authenticated, without pipelining)
  }

  /** Opens the socket; resolves once it can take statements. */
  connect() {
    this.opened ??= new Promise((resolve, reject) => {
      let settled = false;
      const settle = (err) => {
        if (settled) return;
        settled = true;
        if (timer !== undefined) clearTimeout(timer);
        if (err) reject(err);
        else resolve();
      };
      let timer;
      try {
        this.socket = this.transport.open({
          open: () => {
            if (this.broken) return; // timed out meanwhile
            if (this.pipeline) {
              settle();
            } else {
              this.startupSent = true;
              this.socket.send(this.wire.startup());
            }
          },
          data: (bytes) => this._receive(bytes),
          fail: (err, close) => {
            this._fail(err, close);
            settle(this.failure);
          },
        });
      } catch (e) {
        this.broken = true;
        reject(e);
        return;
      }
      timer = this.connectTimeout === undefined ? undefined : setTimeout(() => {
        this._fail(failure({ kind: 'timeout', message: `timeout expired: no connection after ${this.connectTimeout} ms` }), true);
        settle(this.failure);
      }, this.connectTimeout);
      this.onReady = () => settle();
    });
    return this.opened;
  }

  _write(bytes) {
    if (!this.startupSent) {
      this.startupSent = true;
      bytes = concat([this.wire.startup(), bytes]);
    }
    this.socket.send(bytes);
  }

  _receive(bytes) {
    if (this.broken) return;
    let events;
    try {
      events = JSON.parse(this.wire.feed(bytes));
    } catch (e) {
      // authentication failed or the stream broke the protocol: the connection is unusable
      let err;
      try {
        err = failure(JSON.parse(typeof e === 'string' ? e : String(e)));
      } catch {
        err = toJsError(e);
      }
      this._fail(err, true);
      return;
    }
    const answer = this.wire.answer();
    if (answer.length > 0) this.socket.send(answer);
    for (const [what, body] of events) {
      if (what === 'ready') {
        this.onReady?.();
        continue;
      }
      const p = this.pending.shift();
      if (p === undefined) continue;
      if (what === 'err') p.reject(failure(body));
      else p.resolve(body);
    }
  }

  /** Fails every statement waiting with `err`, and (when `close`) closes the socket. The
   * protocol state in wasm is freed: nothing can use it any more. */
  _fail(err, close) {
    if (this.broken) return;
    this.broken = true;
    this.failure = err;
    if (this.timer !== undefined) clearTimeout(this.timer);
    this._free();
    for (const p of this.pending.splice(0)) p.reject(err);
    if (close) {
      try {
        this.socket?.close();
      } catch {
        // already closed
      }
    }
  }

  /** Queues `sql` (no parameters) to leave with the next statement: a transaction's `begin`. */
  defer(sql) {
    this.deferred.push(callWasm(() => wsWasm.wsQuery(sql, [])));
  }

  /** Runs one encoded statement (after any deferred ones, in the same message); resolves to its
   * result. A deferred statement's error is the error reported. */
  async run(bytes, simple = false) {
    if (this.broken) throw this.failure ?? connectError('the connection is closed');
    if (this.ended) throw connectError('Client was closed and is not queryable');
    await this.connect();
    if (this.broken) throw this.failure;
    const chunks = [...this.deferred.splice(0), bytes];
    const results = chunks.map((_, i) => new Promise((resolve, reject) => {
      this.wire.expect(simple && i === chunks.length - 1);
      this.pending.push({ resolve, reject });
    }));
    this._write(concat(chunks));
    if (this.queryTimeout !== undefined) this._arm();
    const settled = await Promise.allSettled(results);
    if (this.pending.length === 0 && this.timer !== undefined) clearTimeout(this.timer);
    for (const s of settled) if (s.status === 'rejected') throw s.reason;
    return settled[settled.length - 1].value;
  }

  /** A statement of SQL text with parameters already in text form (`null` is NULL). */
  query(sql, params) {
    return this.run(callWasm(() => wsWasm.wsQuery(sql, params ?? [])));
  }

  /** The query timeout: the running statement is cancelled (a CancelRequest on a new socket,
   * so no session keeps running it) and the connection dropped. */
  _arm() {
    if (this.timer !== undefined) clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      if (this.broken) return;
      const cancel = this.wire.cancelRequest();
      if (cancel) this.transport.cancel(cancel);
      this._fail(failure({ kind: 'timeout', message: `Query read timeout: no result after ${this.queryTimeout} ms` }), true);
    }, this.queryTimeout);
  }

  /** Frees the protocol state in wasm (wasm-bindgen objects are not garbage-collected). */
  _free() {
    this.wire?.free();
    this.wire = undefined;
  }

  /** `Terminate`, then closes the socket. */
  async end() {
    if (this.ended) return;
    this.ended = true;
    if (this.timer !== undefined) clearTimeout(this.timer);
    if (!this.broken && this.socket && this.startupSent) {
      try {
        this.socket.send(this.wire.terminate());
      } catch {
        // closed meanwhile
      }
    }
    this._free();
    if (!this.socket) return;
    this.broken = true;
    this.failure = connectError('Client was closed and is not queryable');
    for (const p of this.pending.splice(0)) p.reject(this.failure);
    try {
      this.socket.close();
    } catch {
      // already closed
    }
  }

  get usable() {
    return !this.broken && !this.ended;
  }
  /** The transaction status after the last statement: `I`, `T` or `E`. */
  get status() {
    return this.wire?.status ?? 'E';
  }
}

