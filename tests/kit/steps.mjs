// The schema versions of the migration-generation goldens: each step changes the
// schema of the step before it, and drizzle-kit 0.31 writes one migration per step
// (generate.mjs → expected/). Written against a pg-core module (`pg`): the same steps build
// drizzle-orm's tables for the oracle and edgepg's for the generator under test.
//
// No step drops one column (or table) and adds another in the same table: drizzle-kit would ask
// interactively whether that is a rename.

/** A column: `(pg, refs) => builder`; a table: `{ schema?, columns, extra? }`. */
const base = {
  enums: {},
  schemas: [],
  tables: {
    users: { columns: { id: (pg) => pg.serial('id').primaryKey(), name: (pg) => pg.text('name').notNull() } },
  },
};

const clone = (m) => ({
  enums: { ...m.enums },
  schemas: [...m.schemas],
  tables: Object.fromEntries(Object.entries(m.tables).map(([k, t]) => [k, { ...t, columns: { ...t.columns }, extra: t.extra }])),
});

/** [step name, change of the model]. */
const CHANGES = [
  ['create_users', () => {}],
  ['add_age', (m) => { m.tables.users.columns.age = (pg) => pg.integer('age'); }],
  ['add_text_default', (m) => { m.tables.users.columns.role = (pg) => pg.text('role').default('member'); }],
  ['add_not_null_default', (m) => { m.tables.users.columns.active = (pg) => pg.boolean('active').notNull().default(true); }],
  ['set_not_null', (m) => { m.tables.users.columns.age = (pg) => pg.integer('age').notNull(); }],
  ['drop_not_null', (m) => { m.tables.users.columns.age = (pg) => pg.integer('age'); }],
  ['change_default', (m) => { m.tables.users.columns.role = (pg) => pg.text('role').default('guest'); }],
  ['drop_default', (m) => { m.tables.users.columns.role = (pg) => pg.text('role'); }],
  ['change_type', (m) => { m.tables.users.columns.age = (pg) => pg.bigint('age', { mode: 'number' }); }],
  ['add_varchar', (m) => { m.tables.users.columns.email = (pg) => pg.varchar('email', { length: 255 }); }],
  ['add_unique', (m) => { m.tables.users.columns.email = (pg) => pg.varchar('email', { length: 255 }).unique(); }],
  ['create_posts_fk', (m) => {
    m.tables.posts = { columns: {
      id: (pg) => pg.serial('id').primaryKey(),
      userId: (pg, t) => pg.integer('user_id').notNull().references(() => t.users.id, { onDelete: 'cascade' }),
      title: (pg) => pg.text('title').notNull(),
    } };
  }],
  ['index', (m) => { m.tables.posts.extra = (pg, t) => [pg.index('posts_title_idx').on(t.title)]; }],
  ['unique_index_multi', (m) => {
    m.tables.posts.extra = (pg, t) => [pg.index('posts_title_idx').on(t.title), pg.uniqueIndex('posts_user_title_idx').on(t.userId, t.title)];
  }],
  ['add_jsonb', (m) => { m.tables.posts.columns.meta = (pg) => pg.jsonb('meta'); }],
  ['gin_index', (m) => {
    m.tables.posts.extra = (pg, t) => [pg.index('posts_title_idx').on(t.title), pg.uniqueIndex('posts_user_title_idx').on(t.userId, t.title),
      pg.index('posts_meta_idx').using('gin', t.meta)];
  }],
  ['partial_index', (m) => {
    m.tables.users.extra = (pg, t, sql) => [pg.index('users_active_idx').on(t.name).where(sql`${t.active} = true`)];
  }],
  ['drop_index', (m) => {
    m.tables.posts.extra = (pg, t) => [pg.uniqueIndex('posts_user_title_idx').on(t.userId, t.title), pg.index('posts_meta_idx').using('gin', t.meta)];
  }],
  ['add_check', (m) => {
    const before = m.tables.users.extra;
    m.tables.users.extra = (pg, t, sql) => [...before(pg, t, sql), pg.check('users_age_check', sql`${t.age} >= 0`)];
  }],
  ['drop_check', (m) => {
    m.tables.users.extra = (pg, t, sql) => [pg.index('users_active_idx').on(t.name).where(sql`${t.active} = true`)];
  }],
  ['composite_pk', (m) => {
    m.tables.postTags = { name: 'post_tags', columns: {
      postId: (pg, t) => pg.integer('post_id').notNull().references(() => t.posts.id),
      tag: (pg) => pg.text('tag').notNull(),
    }, extra: (pg, t) => [pg.primaryKey({ columns: [t.postId, t.tag] })] };
  }],
  ['enum', (m) => {
    m.enums.mood = (pg) => pg.pgEnum('mood', ['sad', 'ok']);
    m.tables.users.columns.mood = (pg, t, e) => e.mood('mood');
  }],
  ['enum_add_value', (m) => { m.enums.mood = (pg) => pg.pgEnum('mood', ['sad', 'ok', 'happy']); }],
  ['pg_schema', (m) => {
    m.schemas = ['app'];
    m.tables.settings = { schema: 'app', name: 'settings', columns: {
      key: (pg) => pg.text('key').primaryKey(),
      value: (pg) => pg.text('value'),
    } };
  }],
  ['numeric', (m) => { m.tables.posts.columns.price = (pg) => pg.numeric('price', { precision: 10, scale: 2 }); }],
  ['timestamps', (m) => {
    m.tables.posts.columns.createdAt = (pg) => pg.timestamp('created_at', { withTimezone: true }).notNull().defaultNow();
    m.tables.posts.columns.updatedAt = (pg) => pg.timestamp('updated_at', { precision: 3 });
  }],
  ['date_time_interval', (m) => {
    m.tables.users.columns.born = (pg) => pg.date('born');
    m.tables.users.columns.wakeAt = (pg) => pg.time('wake_at');
    m.tables.users.columns.grace = (pg) => pg.interval('grace');
  }],
  ['uuid_default_random', (m) => { m.tables.users.columns.uid = (pg) => pg.uuid('uid').defaultRandom().notNull(); }],
  ['arrays', (m) => {
    m.tables.posts.columns.labels = (pg) => pg.text('labels').array();
    m.tables.posts.columns.scores = (pg) => pg.integer('scores').array().default([]);
  }],
  ['json_and_floats', (m) => {
    m.tables.posts.columns.raw = (pg) => pg.json('raw');
    m.tables.posts.columns.ratio = (pg) => pg.doublePrecision('ratio');
    m.tables.posts.columns.weight = (pg) => pg.real('weight');
  }],
  ['small_and_big', (m) => {
    m.tables.events = { columns: {
      id: (pg) => pg.bigserial('id', { mode: 'number' }).primaryKey(),
      level: (pg) => pg.smallint('level').notNull().default(0),
      code: (pg) => pg.char('code', { length: 10 }),
    } };
  }],
  ['fk_on_update', (m) => {
    m.tables.events.columns.userId = (pg, t) => pg.integer('user_id').references(() => t.users.id, { onDelete: 'set null', onUpdate: 'cascade' });
  }],
  ['drop_fk', (m) => { m.tables.events.columns.userId = (pg) => pg.integer('user_id'); }],
  ['drop_column', (m) => { delete m.tables.posts.columns.weight; }],
  ['drop_unique', (m) => { m.tables.users.columns.email = (pg) => pg.varchar('email', { length: 255 }); }],
  ['identity', (m) => {
    m.tables.counters = { columns: {
      id: (pg) => pg.integer('id').primaryKey().generatedAlwaysAsIdentity(),
      n: (pg) => pg.integer('n').generatedByDefaultAsIdentity({ startWith: 10 }),
    } };
  }],
  ['unique_constraint_multi', (m) => {
    m.tables.events.extra = (pg, t) => [pg.unique('events_level_code_unique').on(t.level, t.code)];
  }],
  ['unique_nulls_not_distinct', (m) => {
    m.tables.events.extra = (pg, t) => [pg.unique('events_level_code_unique').on(t.level, t.code).nullsNotDistinct()];
  }],
  ['index_desc', (m) => {
    const before = m.tables.events.extra;
    m.tables.events.extra = (pg, t, sql) => [...before(pg, t, sql), pg.index('events_level_idx').on(t.level.desc())];
  }],
  ['change_varchar_length', (m) => { m.tables.users.columns.email = (pg) => pg.varchar('email', { length: 320 }); }],
  ['add_column_to_schema_table', (m) => { m.tables.settings.columns.updatedAt = (pg) => pg.timestamp('updated_at').defaultNow(); }],
  ['drop_table', (m) => { delete m.tables.counters; }],
  ['drop_enum_column', (m) => { delete m.tables.users.columns.mood; }],
  ['named_fk_table_self_ref', (m) => {
    m.tables.users.columns.invitedBy = (pg) => pg.integer('invited_by');
    const before = m.tables.users.extra;
    m.tables.users.extra = (pg, t, sql) => [...before(pg, t, sql), pg.foreignKey({ name: 'users_invited_by_fk', columns: [t.invitedBy], foreignColumns: [t.id] })];
  }],
];

/** The model after each step: `[{ name, model }]`. */
export const steps = (() => {
  let m = base;
  return CHANGES.map(([name, change], i) => {
    m = clone(m);
    change(m);
    return { name: `${String(i).padStart(2, '0')}_${name}`, model: m };
  });
})();

/**
 * The schema of a model with a pg-core module `pg` and its `sql` tag: an object of named exports
 * (enums, schemas, tables) as a schema file exports them.
 */
export function build(model, pg, sql) {
  const out = {};
  const enums = {};
  for (const [k, e] of Object.entries(model.enums)) out[`${k}Enum`] = enums[k] = e(pg);
  const schemas = {};
  for (const s of model.schemas) out[`${s}Schema`] = schemas[s] = pg.pgSchema(s);
  const tables = {};
  for (const [key, t] of Object.entries(model.tables)) {
    const name = t.name ?? key;
    const make = t.schema ? schemas[t.schema].table.bind(schemas[t.schema]) : pg.pgTable;
    const columns = Object.fromEntries(Object.entries(t.columns).map(([ck, c]) => [ck, c(pg, tables, enums)]));
    tables[key] = t.extra ? make(name, columns, (tt) => t.extra(pg, tt, sql)) : make(name, columns);
    out[key] = tables[key];
  }
  return out;
}
