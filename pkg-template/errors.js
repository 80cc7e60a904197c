// drizzle's and @neondatabase/serverless's errors, and wasm errors as the Error users see.
import { entity } from './entity.js';

export class NeonDbError extends Error {
  constructor(message) {
    super(message);
    this.name = 'NeonDbError';
  }
}

/** drizzle's base error class. */
export const DrizzleError = /* @__PURE__ */ entity('DrizzleError', class DrizzleError extends Error {
  constructor({ message, cause } = {}) {
    super(message);
    this.name = 'DrizzleError';
    this.cause = cause;
  }
});

/** drizzle's `tx.rollback()` error. */
export const TransactionRollbackError = /* @__PURE__ */ entity('TransactionRollbackError', class TransactionRollbackError extends DrizzleError {
  constructor() {
    super({ message: 'Rollback' });
  }
});
export const DB_FIELDS = ['severity', 'code', 'detail', 'hint', 'position', 'internalPosition', 'internalQuery', 'where',
  'schema', 'table', 'column', 'dataType', 'constraint', 'file', 'line', 'routine'];

export class DrizzleQueryError extends Error {
  constructor(query, params, cause) {
    super(`Failed query: ${query}\nparams: ${params}`);
    this.query = query;
    this.params = params;
    this.cause = cause;
  }
}

/** A wasm error (`kind`: `config` or `query`) as the Error users see; other errors pass. */
export function toJsError(e) {
  if (!(e instanceof Error) || (e.kind !== 'config' && e.kind !== 'query') || e.name !== 'Error') return e;
  const out = new Error(e.message);
  out.name = 'EdgepgError';
  out.kind = e.kind;
  return out;
}

export function callWasm(f) {
  try {
    return f();
  } catch (e) {
    throw toJsError(e);
  }
}
