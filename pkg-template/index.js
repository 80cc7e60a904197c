// edgepg: Drizzle ORM's API over Rust/wasm. Root entry: operators, sql, functions, errors.
export {
  sql, SQL, eq, ne, gt, gte, lt, lte, like, notLike, ilike, notIlike, inArray, notInArray, isNull, isNotNull, exists,
  notExists, between, notBetween, and, or, not, arrayContains, arrayContained, arrayOverlaps, asc, desc, count,
  countDistinct, sum, sumDistinct, avg, avgDistinct, min, max, NeonDbError, DrizzleQueryError,
  l2Distance, l1Distance, innerProduct, cosineDistance, hammingDistance, jaccardDistance, setShapeCacheLimit, shapeCacheStats,
  entityKind, is, Table, Column, View, DrizzleError, TransactionRollbackError,
} from './core.js';
import { sql } from './core.js';
export {
  param, name, Name, Placeholder, isSQLWrapper, isDriverValueEncoder, bindIfParam, fillPlaceholders, noopDecoder, noopEncoder, noopMapper,
  haveSameKeys, hasOwnEntityKind, textDecoder, ConsoleLogWriter, DefaultLogger, NoopLogger,
} from './core.js';
export { QueryPromise, Subquery, WithSubquery } from './builders.js';
export {
  getTableName, getTableColumns, ColumnBuilder, isTable, isView, getViewName, getViewSelectedFields, getTableUniqueName,
  aliasedTable,
} from './pg-core.js';
export { getOperators, getOrderByOperators } from './relational.js';

/** drizzle's top-level `placeholder(name)` (the same as `sql.placeholder(name)`). */
export const placeholder = (name) => sql.placeholder(name);

export { relations, Relation, Relations, One, Many } from './relational.js';
