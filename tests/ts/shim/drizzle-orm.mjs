// 'drizzle-orm' for the golden cases: edgepg's root entry, plus drizzle's `is()` and the classes
// the cases' renderer checks.
import { SQL } from 'edgepg';
export * from 'edgepg';

const kind = Symbol.for('edgepg:kind');
export class Placeholder {}
export class Param {}
export function is(value, type) {
  if (type === SQL) return value instanceof SQL;
  if (type === Placeholder) return value?.[kind] === 'placeholder';
  if (type === Param) return false;
  return value instanceof type;
}
