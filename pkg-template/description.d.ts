// The contract between this facade and its main wasm module: the JSON the facade writes for a
// statement, a table and a schema's relations (sql.js, operators.js, builders.js, relational.js,
// pg-core.js), which wasm reads into typed Rust values (bindings/core/src/describe/contract.rs:
// the same names, the same shapes). Objects are read by key in any order; keys not named here are
// ignored. Internal to the package: apps never see these.

/** `[table id, "key"]`: a column of a registered table (or alias). */
export type ColRef = [table: number, key: string];

/** `.as()`, `.mapWith()`, `.inlineParams()` of a node. */
export interface Mods {
  as?: string;
  map?: 'number' | 'string' | ColRef;
  inline?: boolean;
}

/** A parameter value: JSON scalars and arrays as they are; values JSON cannot carry are tagged. */
export type Val =
  | null
  | boolean
  | number
  | string
  | Val[]
  | { $bigint: string }
  | { $bytes: string }
  | { $number: 'NaN' | 'Infinity' | '-Infinity' }
  | { $json: unknown }
  | { [key: string]: unknown };

/** A selection: `[key, node]` pairs; a nested group is `{ n: Selection }`. */
export type Selection = Array<[key: string, node: Node]>;

/** An expression node: an object with one of these keys (and the modifiers where they apply), or a list. */
export type Node =
  | ({ c: ColRef } & Mods)
  | ({ v: Val; enc?: ColRef } & Mods)
  | ({ p: number; enc?: ColRef } & Mods)
  | ({ s: Array<string | Node> } & Mods)
  | ({ t: number } & Mods)
  | ({ ph: string } & Mods)
  | ({ id: string } & Mods)
  | ({ enum: [name: string, schema: string | null] } & Mods)
  | ({ f: string; a: Node[] } & Mods)
  | ({ q: Statement } & Mods)
  | { sq: Statement; as: string; k?: string | string[] }
  | { cte: string; q: Statement; fields?: Selection; schema?: string; k?: string | string[] }
  | { n: Selection }
  | Node[];

export interface Join {
  type: 'left' | 'inner' | 'right' | 'full' | 'cross';
  src: Node;
  on: Node | null;
  lateral?: boolean;
}

export interface FindConfig {
  columns?: Array<[key: string, included: boolean]>;
  with?: Array<[key: string, config: true | FindConfig]>;
  where?: Node;
  orderBy?: Node[];
  limit?: Node;
  offset?: Node;
  extras?: Node[];
}

/** A statement: `k` names its kind; each kind reads its own keys. */
export interface Statement {
  k: 'select' | 'insert' | 'update' | 'delete' | 'sql' | 'count' | 'rel';
  /** drizzle's `casing` (root only). */
  casing?: 'snake_case' | 'camelCase';
  with?: Node[];
  // select
  from?: Node;
  fields?: Selection;
  distinct?: true | Node[];
  joins?: Join[];
  where?: Node;
  groupBy?: Node[];
  having?: Node;
  orderBy?: Node[];
  limit?: Node;
  offset?: Node;
  lock?: { strength: 'update' | 'no key update' | 'share' | 'key share'; of?: Node[]; noWait?: boolean; skipLocked?: boolean };
  setOps?: Array<{ op: 'union' | 'unionAll' | 'intersect' | 'intersectAll' | 'except' | 'exceptAll'; q: Statement }>;
  after?: { orderBy?: Node[]; limit?: Node; offset?: Node };
  // insert, update, delete (a table id), rel (a table key)
  table?: number | string;
  overriding?: boolean;
  rows?: Array<Array<[key: string, node: Node]>>;
  select?: Statement;
  onConflict?: { do: 'nothing' | 'update'; target?: Node[]; targetWhere?: Node; set?: Array<[string, Node]>; setWhere?: Node };
  returning?: true | Selection;
  set?: Array<[key: string, node: Node]>;
  // count
  src?: Node;
  // sql (with Mods)
  s?: Array<string | Node>;
  as?: string;
  map?: Mods['map'];
  inline?: boolean;
  // rel
  schema?: number;
  first?: boolean;
  config?: FindConfig;
}

/** A column of `pgTable(…)`: pg-core's builder name and config, and the column's flags. */
export interface Column {
  key: string;
  name?: string;
  keyAsName?: boolean;
  type: string;
  cfg?: {
    mode?: string;
    length?: number;
    precision?: number;
    scale?: number;
    withTimezone?: boolean;
    fields?: string;
    dimensions?: number;
    dataType?: string;
    enumName?: string;
    values?: string[];
    enumSchema?: string;
    enumValues?: string[];
  };
  array?: Array<number | null>;
  notNull?: boolean;
  primary?: boolean;
  unique?: { name: string | null; nnd?: boolean } | null;
  defaultNow?: boolean;
  defaultRandom?: boolean;
  hasDefaultFn?: boolean;
  default?: Node;
  generated?: Node;
  identity?: 'always' | 'byDefault';
}

export interface Table {
  name: string;
  schema?: string | null;
  columns: Column[];
}

export interface Relations {
  tables: Array<[key: string, tableId: number]>;
  relations: Array<{
    source: string;
    name: string;
    kind: 'one' | 'many';
    referenced: string;
    fields?: string[];
    references?: string[];
    relationName?: string;
  }>;
}
