// Golden-test schema for edgepg. A schema with every column type and table feature drizzle renders.
// Names passed to the builders are the DB names; JS keys are camelCase.
import { sql } from 'drizzle-orm';
import {
  pgEnum, pgTable, pgSchema, pgTableCreator, customType,
  serial, smallserial, bigserial, integer, smallint, bigint,
  numeric, decimal, real, doublePrecision, boolean, text, varchar, char,
  uuid, json, jsonb, timestamp, date, time, interval,
  inet, cidr, macaddr, macaddr8, point, line,
  vector, halfvec, sparsevec, bit,
  index, uniqueIndex, primaryKey, foreignKey, check, unique,
} from 'drizzle-orm/pg-core';

export const moodEnum = pgEnum('mood', ['sad', 'ok', 'happy']);

export const cities = pgTable('cities', {
  id: serial('id').primaryKey(),
  name: text('name').notNull(),
});

export const users = pgTable('users', {
  id: serial('id').primaryKey(),
  name: text('name').notNull(),
  email: varchar('email', { length: 256 }).unique(),
  verified: boolean('verified').notNull().default(false),
  meta: jsonb('meta'),
  tags: text('tags').array(),
  mood: moodEnum('mood'),
  cityId: integer('city_id').references(() => cities.id, { onDelete: 'cascade' }),
  createdAt: timestamp('created_at').notNull().defaultNow(),
  updatedAt: timestamp('updated_at', { precision: 3, withTimezone: true, mode: 'string' }).$onUpdate(() => sql`now()`),
  token: text('token').$defaultFn(() => 'tok-generated'),
});

export const posts = pgTable('posts', {
  id: serial('id').primaryKey(),
  authorId: integer('author_id').notNull().references(() => users.id),
  title: text('title').notNull(),
  content: text('content'),
});

export const comments = pgTable('comments', {
  id: serial('id').primaryKey(),
  postId: integer('post_id').notNull(),
  text: text('text').notNull(),
});

export const mySchema = pgSchema('my_schema');

export const mySchemaUsers = mySchema.table('users', {
  id: serial('id').primaryKey(),
  name: text('name'),
});

export const schemaMood = mySchema.enum('smood', ['a', 'b']);

export const citext = customType({
  dataType() {
    return 'citext';
  },
  toDriver(v) {
    return v.toLowerCase();
  },
  fromDriver(v) {
    return v;
  },
});

export const everything = pgTable('everything', {
  i: integer('i'),
  si: smallint('si'),
  bn: bigint('bn', { mode: 'number' }),
  bb: bigint('bb', { mode: 'bigint' }),
  ser: serial('ser'),
  sser: smallserial('sser'),
  bser: bigserial('bser', { mode: 'number' }),
  bserBig: bigserial('bser_big', { mode: 'bigint' }),
  num: numeric('num'),
  numP: numeric('num_p', { precision: 10 }),
  numPs: numeric('num_ps', { precision: 10, scale: 2 }),
  numN: numeric('num_n', { mode: 'number' }),
  numB: numeric('num_b', { mode: 'bigint' }),
  dec: decimal('dec', { precision: 7, scale: 3 }),
  r: real('r'),
  dp: doublePrecision('dp'),
  b: boolean('b'),
  t: text('t'),
  te: text('te', { enum: ['x', 'y'] }),
  vc: varchar('vc'),
  vcl: varchar('vcl', { length: 20 }),
  ch: char('ch'),
  chl: char('chl', { length: 2 }),
  u: uuid('u').defaultRandom(),
  j: json('j'),
  jb: jsonb('jb'),
  ts: timestamp('ts'),
  tsp: timestamp('tsp', { precision: 6, withTimezone: true }),
  tss: timestamp('tss', { mode: 'string' }),
  tssp: timestamp('tssp', { mode: 'string', precision: 3, withTimezone: true }),
  d: date('d'),
  dd: date('dd', { mode: 'date' }),
  tm: time('tm'),
  tmp: time('tmp', { precision: 3, withTimezone: true }),
  iv: interval('iv'),
  ivf: interval('ivf', { fields: 'day to second', precision: 2 }),
  inet: inet('inet'),
  cidr: cidr('cidr'),
  mac: macaddr('mac'),
  mac8: macaddr8('mac8'),
  pt: point('pt'),
  ptxy: point('ptxy', { mode: 'xy' }),
  ln: line('ln'),
  lnabc: line('lnabc', { mode: 'abc' }),
  vec: vector('vec', { dimensions: 3 }),
  hv: halfvec('hv', { dimensions: 3 }),
  sv: sparsevec('sv', { dimensions: 5 }),
  bits: bit('bits', { dimensions: 8 }),
  ia: integer('ia').array(),
  ia3: integer('ia3').array(3),
  ia2: integer('ia2').array().array(),
  ta: text('ta').array(),
  mood: moodEnum('mood'),
  smood: schemaMood('smood'),
  moods: moodEnum('moods').array(),
  idAlways: integer('id_always').generatedAlwaysAsIdentity({ startWith: 10 }),
  idDefault: integer('id_default').generatedByDefaultAsIdentity(),
  gen: text('gen').generatedAlwaysAs(sql`'x'`),
  cust: citext('cust'),
  withDef: integer('with_def').default(7),
  uq: text('uq').unique('custom_uq', { nulls: 'not distinct' }),
  ref: integer('ref').references(() => cities.id, { onDelete: 'set null', onUpdate: 'cascade' }),
  nn: text('nn').notNull(),
}, (t) => [
  index('ev_i_idx').on(t.i),
  uniqueIndex('ev_t_uidx').using('btree', t.t.asc().nullsFirst(), t.si.desc()).where(sql`${t.i} > 0`),
  primaryKey({ columns: [t.i, t.si] }),
  foreignKey({ columns: [t.bn], foreignColumns: [users.id], name: 'ev_bn_fk' }).onDelete('cascade'),
  check('ev_i_check', sql`${t.i} > 0`),
  unique('ev_t_si_unique').on(t.t, t.si).nullsNotDistinct(),
]);

export const prefixed = pgTableCreator((n) => 'app_' + n)('things', {
  id: serial('id').primaryKey(),
});

// Identifier-escaping torture table: both names contain a double quote.
export const weird = pgTable('we"ird', {
  id: integer('i"d'),
});
