// edgepg: Drizzle ORM's API over Rust/wasm. Root entry: operators, sql, functions, errors.
export {
  sql, SQL, eq, ne, gt, gte, lt, lte, like, notLike, ilike, notIlike, inArray, notInArray, isNull, isNotNull, exists,
  notExists, between, notBetween, and, or, not, arrayContains, arrayContained, arrayOverlaps, asc, desc, count,
  countDistinct, sum, sumDistinct, avg, avgDistinct, min, max, NeonDbError, DrizzleQueryError,
  l2Distance, l1Distance, innerProduct, cosineDistance, hammingDistance, jaccardDistance, setShapeCacheLimit, shapeCacheStats,
  entityKind, is, Table, Column, View, DrizzleError, TransactionRollbackError,
} from './core.js';
import { sql } from './core.js';
export { getTableName, getTableColumns } from './pg-core.js';

/** drizzle's top-level `placeholder(name)` (the same as `sql.placeholder(name)`). */
export const placeholder = (name) => sql.placeholder(name);

export { relations } from './relational.js';
