// Table metadata, drizzle-shaped: the extras of a table's third argument (indexes, primary and
// foreign keys, checks, unique constraints) and `getTableConfig`. They do not change any
// statement; libraries and tools read them. Column SQL types and flags come from the Rust schema
// (wasm `tableColumns`), the one home of those rules; the names below are drizzle's.
const TableName = Symbol.for('edgepg:TableName');
const Columns = Symbol.for('edgepg:Columns');
const ExtraColumns = Symbol.for('edgepg:ExtraConfigColumns');

/** drizzle's `uniqueKeyName(table, columnNames)`: `<table>_<col>_<col>_unique`. */
export function uniqueKeyName(table, columns) {
  return `${table[TableName]}_${columns.join('_')}_unique`;
}

// ---------------------------------------------------------------- extras builders

/** drizzle's `index(name?)` / `uniqueIndex(name?)`: `.on(...)`, `.onOnly(...)`, `.using(method, ...)`,
 * then `.where(sql)`, `.with(params)`, `.concurrently()`. */
const indexBuilder = (unique) => (name) => {
  const start = (columns, only, method) => new IndexBuilder({ name, columns, unique, concurrently: false, only, method, with: {} });
  return {
    on: (...columns) => start(columns, false, 'btree'),
    onOnly: (...columns) => start(columns, true, 'btree'),
    using: (method, ...columns) => start(columns, false, method),
  };
};

class IndexBuilder {
  constructor(config) {
    this.config = config;
  }
  concurrently() {
    this.config.concurrently = true;
    return this;
  }
  with(obj) {
    this.config.with = obj;
    return this;
  }
  where(condition) {
    this.config.where = condition;
    return this;
  }
  _build(table) {
    return { config: { ...this.config, table } };
  }
}
export const index = indexBuilder(false);
export const uniqueIndex = indexBuilder(true);

/** drizzle's `primaryKey({ columns, name? })`. */
export function primaryKey(config) {
  return {
    _build: (table) => ({
      table,
      columns: config.columns,
      name: config.name,
      getName() {
        return config.name ?? `${table[TableName]}_${config.columns.map((c) => c.name).join('_')}_pk`;
      },
    }),
  };
}

/** drizzle's `foreignKey({ columns, foreignColumns, name? })` with `.onUpdate()` / `.onDelete()`. */
export function foreignKey(config) {
  const actions = {};
  const b = {
    onUpdate(action) {
      actions.onUpdate = action ?? 'no action';
      return b;
    },
    onDelete(action) {
      actions.onDelete = action ?? 'no action';
      return b;
    },
    _build: (table) => makeForeignKey(table, () => ({ name: config.name, columns: config.columns, foreignTable: config.foreignColumns[0]?.table, foreignColumns: config.foreignColumns }), actions),
  };
  return b;
}

function makeForeignKey(table, reference, actions) {
  return {
    table,
    reference,
    onUpdate: actions.onUpdate ?? 'no action',
    onDelete: actions.onDelete ?? 'no action',
    getName() {
      const { name, columns, foreignTable, foreignColumns } = reference();
      return name ?? `${table[TableName]}_${columns.map((c) => c.name).join('_')}_${foreignTable[TableName]}_${foreignColumns.map((c) => c.name).join('_')}_fk`;
    },
  };
}

/** drizzle's `check(name, sql)`. */
export function check(name, value) {
  return { _build: (table) => ({ table, name, value }) };
}

/** drizzle's `unique(name?)`: `.on(...columns)`, `.nullsNotDistinct()`. */
export function unique(name) {
  return {
    on(...columns) {
      const c = { name, columns, nullsNotDistinct: false };
      const b = {
        nullsNotDistinct() {
          c.nullsNotDistinct = true;
          return b;
        },
        _build: (table) => ({
          table,
          columns: c.columns,
          name: c.name,
          nullsNotDistinct: c.nullsNotDistinct,
          getName() {
            return c.name ?? uniqueKeyName(table, c.columns.map((col) => col.name));
          },
        }),
      };
      return b;
    },
  };
}

// ---------------------------------------------------------------- getTableConfig

/** The columns a table's extras callback receives (drizzle's ExtraConfigColumns): usable in SQL
 * like the table's own, with `.asc()`, `.desc()`, `.nullsFirst()`, `.nullsLast()`, `.op()` for
 * index columns. Made once per table, as drizzle's are. */
function extraColumns(table) {
  if (table[ExtraColumns]) return table[ExtraColumns];
  const out = {};
  for (const [key, col] of Object.entries(table[Columns])) {
    const c = Object.create(col);
    c.indexConfig = { order: 'asc', nulls: 'last', opClass: undefined };
    c.asc = () => ((c.indexConfig.order = 'asc'), c);
    c.desc = () => ((c.indexConfig.order = 'desc'), c);
    c.nullsFirst = () => ((c.indexConfig.nulls = 'first'), c);
    c.nullsLast = () => ((c.indexConfig.nulls = 'last'), c);
    c.op = (opClass) => ((c.indexConfig.opClass = opClass), c);
    out[key] = c;
  }
  return (table[ExtraColumns] = out);
}

/**
 * drizzle's `getTableConfig(table)`: `{ columns, indexes, foreignKeys, checks, primaryKeys,
 * uniqueConstraints, name, schema, policies, enableRLS }`, foreign keys declared inline with
 * `.references()` first.
 */
export function getTableConfig(table) {
  const columns = Object.values(table[Columns]);
  const foreignKeys = columns.filter((c) => c.config.references).map((c) => {
    const { ref, actions } = c.config.references;
    return makeForeignKey(table, () => {
      const foreign = ref();
      return { name: actions.name, columns: [c], foreignTable: foreign.table, foreignColumns: [foreign] };
    }, actions);
  });
  const config = { columns, indexes: [], foreignKeys, checks: [], primaryKeys: [], uniqueConstraints: [],
    name: table[TableName], schema: table._schema, policies: [], enableRLS: !!table._enableRLS };
  const extra = table._extra;
  if (extra !== undefined) {
    const built = typeof extra === 'function' ? extra(extraColumns(table)) : extra;
    for (const b of Array.isArray(built) ? built.flat(1) : Object.values(built)) {
      if (b._build === undefined) {
        config.policies.push(b); // a pgPolicy
        continue;
      }
      const x = b._build(table);
      if (b instanceof IndexBuilder) config.indexes.push(x);
      else if ('value' in x) config.checks.push(x);
      else if ('reference' in x) config.foreignKeys.push(x);
      else if ('nullsNotDistinct' in x) config.uniqueConstraints.push(x);
      else config.primaryKeys.push(x);
    }
  }
  return config;
}
