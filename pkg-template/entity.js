// drizzle's entities: the entity-kind symbol and `is()`, so that drizzle's own `is()` recognizes
// edgepg's objects and the other way round; and the facade's own `kind` of every node.

/** The facade's own kind of an object (`column`, `table`, `sql`, `placeholder`, …). */
export const kind = Symbol.for('edgepg:kind');

/** drizzle's entity kind symbol (the same registered symbol, so drizzle's own `is()` recognizes
 * edgepg's tables, columns and SQL too). */
export const entityKind = Symbol.for('drizzle:entityKind');

/** drizzle's `is(value, Class)`: `instanceof`, or the same entity kind up the class chain. */
export function is(value, type) {
  if (!value || typeof value !== 'object') return false;
  if (value instanceof type) return true;
  if (!Object.prototype.hasOwnProperty.call(type, entityKind)) {
    throw new Error(`Class "${type.name ?? '<unknown>'}" doesn't look like a Drizzle entity. If this is incorrect and the class is provided by Drizzle, please report this as a bug.`);
  }
  for (let cls = Object.getPrototypeOf(value).constructor; cls; cls = Object.getPrototypeOf(cls)) {
    if (entityKind in cls && cls[entityKind] === type[entityKind]) return true;
  }
  return false;
}

/** `cls` with drizzle's entity kind `name` (a pure call: bundlers drop the entities an app does
 * not use, which a computed static key in a class body would prevent). */
export function entity(name, cls, nodeKind) {
  Object.defineProperty(cls, entityKind, { value: name });
  // the facade's own kind (`kind`), set here rather than as a computed key in the class body,
  // which bundlers count as a side effect: an unused entity is then dropped whole
  if (nodeKind !== undefined) Object.defineProperty(cls.prototype, kind, { get: () => nodeKind });
  return cls;
}

/** Base classes of drizzle's entities (pg-core's PgTable and PgColumn extend the first two). */
export const Table = /* @__PURE__ */ entity('Table', class Table {});
export const Column = /* @__PURE__ */ entity('Column', class Column {});
export const View = /* @__PURE__ */ entity('View', class View {});
