// Golden cases for edgepg: every case is ONE drizzle call chain. `generate.mjs` runs them against
// drizzle-orm (the oracle) to write expected.json; `tests/ts/parity.mjs` runs the SAME file with
// 'drizzle-orm' resolved to edgepg's npm package (a module hook) and compares.
//
// Every case is ONE call chain built against drizzle-orm 0.45.4 (the oracle). The Rust side
// translates each case one-to-one and compares `sql` byte-for-byte and `params` by value.
// Helpers used by many cases (keep them identical on the Rust side):
//   uw(cond)  = db.select({ id: users.id }).from(users).where(cond)
//   ew(cond)  = db.select({ i: everything.i }).from(everything).where(cond)
//   render(x) = if x has .toSQL() -> x.toSQL(); if x is an SQL object -> dialect.sqlToQuery(x);
//               otherwise x is already { sql, params } (e.g. .prepare('p').getQuery()). `typings` are dropped.
import {
  sql, is, SQL, Param, Placeholder,
  eq, ne, gt, gte, lt, lte, like, ilike, notLike, notIlike,
  inArray, notInArray, isNull, isNotNull, between, notBetween, exists, notExists,
  and, or, not, arrayContains, arrayContained, arrayOverlaps, asc, desc,
  count, countDistinct, sum, sumDistinct, avg, avgDistinct, min, max,
  l2Distance, l1Distance, innerProduct, cosineDistance, hammingDistance, jaccardDistance, relations,
} from 'drizzle-orm';
import { drizzle } from 'drizzle-orm/neon-http';
import {
  alias, QueryBuilder, PgDialect, pgTable, serial, text, integer, timestamp, pgView, pgMaterializedView,
  union, unionAll, intersect, intersectAll, except, exceptAll,
} from 'drizzle-orm/pg-core';
import {
  moodEnum, cities, users, posts, comments, mySchema, mySchemaUsers, schemaMood,
  everything, prefixed, weird,
} from './schema.mjs';


const db = drizzle.mock({ schema: { cities, users, posts, comments } });
const dialect = new PgDialect();

// ---------------------------------------------------------------------------------------------
// helpers shared by cases
const uw = (cond) => db.select({ id: users.id }).from(users).where(cond);
const ew = (cond) => db.select({ i: everything.i }).from(everything).where(cond);
const parent = alias(users, 'parent');
const msu = alias(mySchemaUsers, 'msu');
const D1 = new Date('2024-01-02T03:04:05.678Z');
const D2 = new Date('2024-12-31T23:59:59.999Z');

// ---------------------------------------------------------------------------------------------
const cases = [];
const c = (name, fn) => {
  if (cases.some(([n]) => n === name)) throw new Error(`duplicate case name ${name}`);
  cases.push([name, fn]);
};

// ---- select ---------------------------------------------------------------------------------
c('select/all_columns', () => db.select().from(users));
c('select/partial', () => db.select({ id: users.id, name: users.name }).from(users));
c('select/nested_object', () => db.select({ id: users.id, info: { name: users.name, email: users.email }, lower: sql`lower(${users.name})` }).from(users));
c('select/sql_field', () => db.select({ n: sql`count(*)` }).from(users));
c('select/sql_field_as', () => db.select({ lower: sql`lower(${users.name})`.as('lower_name') }).from(users));
c('select/sql_field_with_param', () => db.select({ id: users.id, plus: sql`${users.id} + ${5}` }).from(users));
c('select/schema_table_all', () => db.select().from(mySchemaUsers));
c('select/schema_table_where', () => db.select().from(mySchemaUsers).where(eq(mySchemaUsers.id, 1)));
c('select/prefixed_table', () => db.select().from(prefixed));
c('select/from_sql', () => db.select({ x: sql`x` }).from(sql`generate_series(1, 3) as g(x)`));
c('select/distinct_partial', () => db.selectDistinct({ name: users.name }).from(users));
c('select/distinct_all', () => db.selectDistinct().from(cities));
c('select/distinct_on_one', () => db.selectDistinctOn([users.cityId], { cityId: users.cityId, name: users.name }).from(users).orderBy(users.cityId, desc(users.createdAt)));
c('select/distinct_on_two', () => db.selectDistinctOn([users.cityId, users.mood], { id: users.id }).from(users).orderBy(users.cityId, users.mood));
c('select/count_field', () => db.select({ n: count() }).from(users));
c('select/wrapped_subquery_field', () => db.select({ id: users.id, cityCount: sql`(${db.select({ n: count() }).from(cities)})` }).from(users));
c('select/from_subquery', () => { const sq = db.select({ id: users.id, nm: sql`upper(${users.name})`.as('nm') }).from(users).as('sub'); return db.select().from(sq); });
c('select/from_alias', () => db.select().from(parent).where(eq(parent.id, 1)));
c('select/field_of_unjoined_table', () => db.select({ id: users.id, cityName: cities.name }).from(users));
c('select/dynamic_where_limit', () => { let q = db.select({ id: users.id }).from(users).$dynamic(); if (true) q = q.where(eq(users.id, 1)); if (true) q = q.limit(2); return q; });
c('select/dynamic_nothing', () => { let q = db.select({ id: users.id }).from(users).$dynamic(); if (false) q = q.where(eq(users.id, 1)); if (false) q = q.limit(2); return q; });
c('select/dynamic_where_twice_last_wins', () => db.select({ id: users.id }).from(users).$dynamic().where(eq(users.id, 1)).where(eq(users.id, 2)));
c('select/query_builder', () => new QueryBuilder().select().from(cities).where(eq(cities.id, 1)));
c('select/where_callback', () => db.select({ id: users.id, nm: sql`lower(${users.name})`.as('nm') }).from(users).where(({ nm }) => eq(nm, 'x')));

// ---- joins ----------------------------------------------------------------------------------
c('joins/left_full', () => db.select().from(users).leftJoin(cities, eq(users.cityId, cities.id)));
c('joins/left_partial', () => db.select({ userName: users.name, cityName: cities.name }).from(users).leftJoin(cities, eq(users.cityId, cities.id)));
c('joins/inner_full', () => db.select().from(users).innerJoin(cities, eq(users.cityId, cities.id)));
c('joins/inner_partial', () => db.select({ userName: users.name, cityName: cities.name }).from(users).innerJoin(cities, eq(users.cityId, cities.id)));
c('joins/right_full', () => db.select().from(users).rightJoin(cities, eq(users.cityId, cities.id)));
c('joins/right_partial', () => db.select({ userName: users.name, cityName: cities.name }).from(users).rightJoin(cities, eq(users.cityId, cities.id)));
c('joins/full_full', () => db.select().from(users).fullJoin(cities, eq(users.cityId, cities.id)));
c('joins/full_partial', () => db.select({ userName: users.name, cityName: cities.name }).from(users).fullJoin(cities, eq(users.cityId, cities.id)));
c('joins/cross_full', () => db.select().from(users).crossJoin(cities));
c('joins/cross_partial', () => db.select({ userName: users.name, cityName: cities.name }).from(users).crossJoin(cities));
c('joins/multiple_partial', () => db.select({ userName: users.name, cityName: cities.name, title: posts.title }).from(users).leftJoin(cities, eq(users.cityId, cities.id)).innerJoin(posts, eq(posts.authorId, users.id)).where(eq(users.id, 1)));
c('joins/multiple_full', () => db.select().from(posts).innerJoin(users, eq(posts.authorId, users.id)).leftJoin(cities, eq(users.cityId, cities.id)));
c('joins/self_alias_partial', () => db.select({ name: users.name, parentName: parent.name }).from(users).leftJoin(parent, eq(parent.id, users.cityId)));
c('joins/self_alias_full', () => db.select().from(users).leftJoin(parent, eq(parent.id, users.cityId)));
c('joins/subquery_partial', () => { const sq = db.select({ id: posts.id, authorId: posts.authorId, upTitle: sql`upper(${posts.title})`.as('up_title') }).from(posts).as('sub'); return db.select({ name: users.name, postId: sq.id, upTitle: sq.upTitle }).from(users).leftJoin(sq, eq(sq.authorId, users.id)); });
c('joins/subquery_full', () => { const sq = db.select({ id: posts.id, authorId: posts.authorId }).from(posts).where(eq(posts.title, 't')).as('sub'); return db.select().from(users).leftJoin(sq, eq(sq.authorId, users.id)).where(eq(users.id, 2)); });
c('joins/left_lateral', () => { const sq = db.select({ id: posts.id, authorId: posts.authorId }).from(posts).where(eq(posts.authorId, users.id)).limit(2).as('p'); return db.select({ name: users.name, postId: sq.id }).from(users).leftJoinLateral(sq, sql`true`); });
c('joins/inner_lateral', () => { const sq = db.select({ id: posts.id }).from(posts).where(eq(posts.authorId, users.id)).limit(1).as('p'); return db.select({ name: users.name, postId: sq.id }).from(users).innerJoinLateral(sq, sql`true`); });
c('joins/cross_lateral', () => { const sq = db.select({ id: posts.id }).from(posts).where(eq(posts.authorId, users.id)).as('p'); return db.select({ name: users.name, postId: sq.id }).from(users).crossJoinLateral(sq); });
c('joins/lateral_full_select', () => { const sq = db.select({ id: posts.id, title: posts.title }).from(posts).where(eq(posts.authorId, users.id)).limit(3).as('p'); return db.select().from(users).leftJoinLateral(sq, sql`true`).where(eq(users.id, 9)); });
c('joins/and_on', () => db.select({ name: users.name, title: posts.title }).from(users).leftJoin(posts, and(eq(posts.authorId, users.id), eq(posts.title, 'x'))));
c('joins/on_callback', () => db.select({ name: users.name, city: cities.name }).from(users).leftJoin(cities, (f) => eq(f.city, f.name)));
c('joins/on_callback_full_selection', () => db.select().from(users).innerJoin(cities, (f) => eq(f.cities.id, f.users.cityId)));
c('joins/sql_on', () => db.select({ name: users.name, city: cities.name }).from(users).leftJoin(cities, sql`${users.cityId} = ${cities.id}`));
c('joins/schema_table_partial', () => db.select({ name: users.name, otherName: mySchemaUsers.name }).from(users).innerJoin(mySchemaUsers, eq(mySchemaUsers.id, users.id)));
c('joins/schema_table_full_same_name', () => db.select().from(users).innerJoin(mySchemaUsers, eq(mySchemaUsers.id, users.id)));
c('joins/schema_alias', () => db.select().from(users).leftJoin(msu, eq(msu.id, users.id)));
c('joins/with_where_order_limit', () => db.select({ name: users.name, city: cities.name }).from(users).innerJoin(cities, eq(users.cityId, cities.id)).where(like(cities.name, 'P%')).orderBy(asc(cities.name), desc(users.id)).limit(5));
c('joins/three_tables_comments', () => db.select({ title: posts.title, text: comments.text }).from(posts).leftJoin(comments, eq(comments.postId, posts.id)).leftJoin(users, eq(users.id, posts.authorId)).where(isNotNull(comments.id)));

// ---- where ----------------------------------------------------------------------------------
c('where/eq_value', () => uw(eq(users.id, 1)));
c('where/ne_value', () => uw(ne(users.id, 2)));
c('where/gt_value', () => uw(gt(users.id, 3)));
c('where/gte_value', () => uw(gte(users.id, 4)));
c('where/lt_value', () => uw(lt(users.id, 5)));
c('where/lte_value', () => uw(lte(users.id, 6)));
c('where/eq_string', () => uw(eq(users.name, 'alice')));
c('where/eq_bool', () => uw(eq(users.verified, true)));
c('where/eq_enum', () => uw(eq(users.mood, 'happy')));
c('where/eq_column', () => uw(eq(users.id, users.cityId)));
c('where/gt_column', () => uw(gt(users.id, users.cityId)));
c('where/eq_null', () => uw(eq(users.email, null)));
c('where/ne_null', () => uw(ne(users.email, null)));
c('where/eq_sql_value', () => uw(eq(users.id, sql`1 + 1`)));
c('where/like', () => uw(like(users.name, 'a%')));
c('where/ilike', () => uw(ilike(users.name, 'A%')));
c('where/not_like', () => uw(notLike(users.name, '%x')));
c('where/not_ilike', () => uw(notIlike(users.name, '%X')));
c('where/in_array', () => uw(inArray(users.id, [1, 2, 3])));
c('where/in_array_strings', () => uw(inArray(users.name, ['a', 'b'])));
c('where/in_array_empty', () => uw(inArray(users.id, [])));
c('where/not_in_array', () => uw(notInArray(users.id, [1, 2])));
c('where/not_in_array_empty', () => uw(notInArray(users.id, [])));
c('where/in_array_subquery', () => uw(inArray(users.id, db.select({ id: posts.authorId }).from(posts))));
c('where/not_in_array_subquery', () => uw(notInArray(users.id, db.select({ id: posts.authorId }).from(posts).where(eq(posts.title, 't')))));
c('where/is_null', () => uw(isNull(users.email)));
c('where/is_not_null', () => uw(isNotNull(users.email)));
c('where/between', () => uw(between(users.id, 1, 10)));
c('where/not_between', () => uw(notBetween(users.id, 1, 10)));
c('where/exists', () => uw(exists(db.select({ one: sql`1` }).from(posts).where(eq(posts.authorId, users.id)))));
c('where/not_exists', () => uw(notExists(db.select({ one: sql`1` }).from(posts).where(eq(posts.authorId, users.id)))));
c('where/and_two', () => uw(and(eq(users.id, 1), eq(users.name, 'a'))));
c('where/or_two', () => uw(or(eq(users.id, 1), eq(users.id, 2))));
c('where/and_or_nested', () => uw(or(and(eq(users.id, 1), eq(users.name, 'a')), eq(users.id, 3))));
c('where/and_with_undefined', () => uw(and(eq(users.id, 1), undefined, eq(users.name, 'b'))));
c('where/and_single', () => uw(and(eq(users.id, 1))));
c('where/and_single_with_undefined', () => uw(and(undefined, eq(users.id, 1))));
c('where/and_empty', () => uw(and()));
c('where/or_only_undefined', () => uw(or(undefined, undefined)));
c('where/not_eq', () => uw(not(eq(users.id, 1))));
c('where/not_and', () => uw(not(and(eq(users.id, 1), eq(users.name, 'a')))));
c('where/sql_template', () => uw(sql`${users.meta}->>'a' = ${'1'}`));
c('where/array_contains_text', () => uw(arrayContains(users.tags, ['a', 'b'])));
c('where/array_contained_text', () => uw(arrayContained(users.tags, ['a', 'b'])));
c('where/array_overlaps_text', () => uw(arrayOverlaps(users.tags, ['a', 'b'])));
c('where/array_contains_int', () => ew(arrayContains(everything.ia, [1, 2])));
c('where/array_contained_int', () => ew(arrayContained(everything.ia, [1, 2])));
c('where/array_overlaps_int', () => ew(arrayOverlaps(everything.ia, [1, 2])));
c('where/array_contains_column', () => ew(arrayContains(everything.ia, everything.ia3)));
c('where/array_contains_empty', () => uw(arrayContains(users.tags, [])));
c('where/array_contained_empty', () => uw(arrayContained(users.tags, [])));
c('where/array_overlaps_empty', () => uw(arrayOverlaps(users.tags, [])));

// ---- types (value encoding through column encoders) -----------------------------------------
c('types/select_all_everything', () => db.select().from(everything));
c('types/insert_default_row', () => db.insert(everything).values({ nn: 'x' }));
c('types/insert_generated_ignored', () => db.insert(everything).values({ nn: 'x', gen: 'y' }));
c('types/eq_jsonb_object', () => uw(eq(users.meta, { a: 1, b: [true, null] })));
c('types/eq_json_object', () => ew(eq(everything.j, { k: 'v' })));
c('types/eq_jsonb_array', () => ew(eq(everything.jb, [1, 'two'])));
c('types/eq_jsonb_string', () => ew(eq(everything.jb, 'str')));
c('types/eq_timestamp_date', () => ew(eq(everything.ts, D1)));
c('types/eq_timestamptz_date', () => ew(eq(everything.tsp, D1)));
c('types/eq_timestamp_string', () => ew(eq(everything.tss, '2024-01-02 03:04:05')));
c('types/eq_timestamp_string_tz', () => ew(eq(everything.tssp, '2024-01-02 03:04:05.678+00')));
c('types/eq_date_string', () => ew(eq(everything.d, '2024-01-02')));
c('types/eq_date_date', () => ew(eq(everything.dd, D1)));
c('types/between_timestamps', () => ew(between(everything.ts, D1, D2)));
c('types/in_array_timestamps', () => ew(inArray(everything.ts, [D1, D2])));
c('types/eq_numeric', () => ew(eq(everything.num, '1.23')));
c('types/eq_numeric_number', () => ew(eq(everything.numN, 1.5)));
c('types/eq_numeric_bigint', () => ew(eq(everything.numB, 123n)));
c('types/eq_bigint_bigint', () => ew(eq(everything.bb, 9007199254740993n)));
c('types/eq_bigint_number', () => ew(eq(everything.bn, 42)));
c('types/eq_real', () => ew(eq(everything.r, 1.25)));
c('types/eq_bool', () => ew(eq(everything.b, false)));
c('types/eq_uuid', () => ew(eq(everything.u, '00000000-0000-0000-0000-000000000001')));
c('types/eq_time', () => ew(eq(everything.tm, '12:34:56')));
c('types/eq_interval', () => ew(eq(everything.iv, '1 day')));
c('types/eq_inet', () => ew(eq(everything.inet, '10.0.0.1')));
c('types/eq_point_tuple', () => ew(eq(everything.pt, [1, 2])));
c('types/eq_point_xy', () => ew(eq(everything.ptxy, { x: 1.5, y: -2 })));
c('types/eq_line_tuple', () => ew(eq(everything.ln, [1, 2, 3])));
c('types/eq_line_abc', () => ew(eq(everything.lnabc, { a: 1, b: 2, c: 3 })));
c('types/eq_vector', () => ew(eq(everything.vec, [1, 2, 3])));
c('types/eq_halfvec', () => ew(eq(everything.hv, [0.5, 1, 1.5])));
c('types/eq_sparsevec', () => ew(eq(everything.sv, '{1:1,3:2}/5')));
c('types/eq_bit', () => ew(eq(everything.bits, '10101010')));
c('types/eq_int_array', () => ew(eq(everything.ia, [1, 2])));
c('types/eq_int_array_empty', () => ew(eq(everything.ia, [])));
c('types/eq_int_array_2d', () => ew(eq(everything.ia2, [[1, 2], [3, 4]])));
c('types/eq_text_array', () => ew(eq(everything.ta, ['x', 'y'])));
c('types/eq_text_array_escaping', () => ew(eq(everything.ta, ['a"b', 'c\\d', 'e f', '', 'g,h'])));
c('types/eq_text_array_users', () => uw(eq(users.tags, ['t1'])));
c('types/eq_enum_array', () => ew(eq(everything.moods, ['sad', 'ok'])));
c('types/eq_schema_enum', () => ew(eq(everything.smood, 'a')));
c('types/eq_custom', () => ew(eq(everything.cust, 'HeLLo')));
c('types/in_array_custom', () => ew(inArray(everything.cust, ['A', 'B'])));

// ---- vector distance helpers ----------------------------------------------------------------
c('vector/l2_order_by', () => db.select({ i: everything.i }).from(everything).orderBy(l2Distance(everything.vec, [1, 2, 3])).limit(5));
c('vector/l1_select', () => db.select({ d: l1Distance(everything.vec, [1, 2, 3]) }).from(everything));
c('vector/inner_product_where', () => ew(lt(innerProduct(everything.vec, [1, 2, 3]), 0.5)));
c('vector/cosine_similarity_select', () => db.select({ sim: sql`1 - (${cosineDistance(everything.vec, [1, 2, 3])})` }).from(everything));
c('vector/cosine_distance_column', () => ew(lt(cosineDistance(everything.vec, everything.hv), 1)));
c('vector/hamming_order_by', () => db.select({ i: everything.i }).from(everything).orderBy(hammingDistance(everything.bits, '10101010')));
c('vector/jaccard_select', () => db.select({ d: jaccardDistance(everything.bits, '10101010') }).from(everything));

// ---- order / limit / offset -----------------------------------------------------------------
c('order/asc_desc_bare_sql', () => db.select({ id: users.id }).from(users).orderBy(asc(users.name), desc(users.id), users.email, sql`${users.createdAt} desc nulls last`));
c('order/limit_offset', () => db.select({ id: users.id }).from(users).limit(10).offset(20));
c('order/limit0_offset0', () => db.select({ id: users.id }).from(users).limit(0).offset(0));
c('order/offset_only', () => db.select({ id: users.id }).from(users).offset(5));
c('order/limit_placeholder', () => db.select({ id: users.id }).from(users).where(eq(users.id, 1)).limit(sql.placeholder('lim')));
c('order/multiple_order_by_calls', () => db.select({ id: users.id }).from(users).orderBy(users.name).orderBy(desc(users.id)));
c('order/order_by_callback_alias', () => db.select({ id: users.id, nm: sql`lower(${users.name})`.as('nm') }).from(users).orderBy(({ nm }) => desc(nm)));
c('order/order_by_aliased_field', () => { const nm = sql`lower(${users.name})`.as('nm'); return db.select({ id: users.id, nm }).from(users).orderBy(nm); });
c('order/full_clause_order', () => db.select({ cityId: users.cityId, n: count() }).from(users).where(gt(users.id, 0)).groupBy(users.cityId).having(gt(count(), 1)).orderBy(desc(users.cityId)).limit(10).offset(5).for('update'));

// ---- group / having -------------------------------------------------------------------------
c('group/by_column', () => db.select({ cityId: users.cityId, n: count() }).from(users).groupBy(users.cityId));
c('group/by_two_columns', () => db.select({ cityId: users.cityId, mood: users.mood, n: count() }).from(users).groupBy(users.cityId, users.mood));
c('group/by_sql', () => db.select({ day: sql`date_trunc('day', ${users.createdAt})`, n: count() }).from(users).groupBy(sql`date_trunc('day', ${users.createdAt})`));
c('group/by_callback_alias', () => db.select({ day: sql`date_trunc('day', ${users.createdAt})`.as('day'), n: count() }).from(users).groupBy(({ day }) => day));
c('group/having', () => db.select({ cityId: users.cityId, n: count() }).from(users).groupBy(users.cityId).having(gt(count(), 5)));
c('group/having_sql', () => db.select({ cityId: users.cityId }).from(users).groupBy(users.cityId).having(sql`count(*) > ${5}`));
c('group/having_callback', () => db.select({ cityId: users.cityId, n: count() }).from(users).groupBy(users.cityId).having(({ n }) => gt(n, 5)));
c('group/having_callback_alias', () => db.select({ cityId: users.cityId, n: sql`count(*)`.as('n') }).from(users).groupBy(users.cityId).having(({ n }) => gt(n, 5)));
c('group/with_join', () => db.select({ city: cities.name, n: count(users.id) }).from(cities).leftJoin(users, eq(users.cityId, cities.id)).groupBy(cities.name).orderBy(desc(count(users.id))));

// ---- aggregates -----------------------------------------------------------------------------
c('agg/all_in_one', () => db.select({ a: count(), b: count(users.id), c: countDistinct(users.name), d: sum(users.id), e: sumDistinct(users.id), f: avg(users.id), g: avgDistinct(users.id), h: min(users.id), i: max(users.createdAt) }).from(users));
c('agg/count_column', () => db.select({ n: count(users.email) }).from(users));
c('agg/min', () => db.select({ m: min(users.name) }).from(users));
c('agg/max', () => db.select({ m: max(users.createdAt) }).from(users));
c('agg/sum_sql_expr', () => db.select({ s: sum(sql`${users.id} * 2`) }).from(users));
c('agg/count_with_join', () => db.select({ n: count(posts.id) }).from(users).leftJoin(posts, eq(posts.authorId, users.id)));
c('agg/dollar_count_awaited', () => db.$count(cities).sql);
c('agg/dollar_count_awaited_filter', () => db.$count(cities, eq(cities.id, 1)).sql);
c('agg/dollar_count_awaited_schema', () => db.$count(mySchemaUsers, gt(mySchemaUsers.id, 3)).sql);
c('agg/dollar_count_sql_object', () => db.$count(users, eq(users.verified, true)));
c('agg/dollar_count_embedded', () => db.select({ id: users.id, postCount: db.$count(posts, eq(posts.authorId, users.id)) }).from(users));
c('agg/dollar_count_embedded_no_filter', () => db.select({ id: users.id, total: db.$count(cities) }).from(users));

// ---- cte ------------------------------------------------------------------------------------
c('cte/basic', () => { const sq = db.$with('sq').as(db.select({ id: users.id, name: users.name }).from(users).where(eq(users.id, 1))); return db.with(sq).select().from(sq); });
c('cte/two', () => { const sq = db.$with('sq').as(db.select({ id: users.id, name: users.name }).from(users).where(eq(users.id, 1))); const sq2 = db.$with('sq2').as(db.select({ n: sql`count(*)`.as('n') }).from(users)); return db.with(sq, sq2).select({ id: sq.id, n: sq2.n }).from(sq).crossJoin(sq2); });
c('cte/explicit_fields_sql', () => { const nums = db.$with('nums', { n: sql`n`.as('n') }).as(sql`select generate_series(1,3) as n`); return db.with(nums).select().from(nums); });
c('cte/nested_selection_leaf', () => { const w = db.$with('w').as(db.select({ id: users.id, info: { name: users.name } }).from(users)); return db.with(w).select({ n: w.info.name }).from(w).where(gt(w.id, 1)); });
c('cte/nested_selection_all', () => { const w = db.$with('w').as(db.select({ id: users.id, info: { name: users.name, email: users.email } }).from(users)); return db.with(w).select().from(w); });
c('join/subquery_sql_fields', () => { const sq = db.select({ pid: sql`${posts.id} * 10`.as('pid'), aid: sql`${posts.authorId} + 0`.as('aid') }).from(posts).as('sq'); return db.select().from(users).leftJoin(sq, eq(sq.aid, users.id)); });
c('cte/in_join', () => { const sq = db.$with('sq').as(db.select({ id: posts.id, authorId: posts.authorId }).from(posts).where(eq(posts.title, 't'))); return db.with(sq).select({ name: users.name, postId: sq.id }).from(users).leftJoin(sq, eq(sq.authorId, users.id)).where(eq(users.id, 2)); });
c('cte/where_on_cte_column', () => { const sq = db.$with('sq').as(db.select({ id: users.id, up: sql`upper(${users.name})`.as('up') }).from(users)); return db.with(sq).select().from(sq).where(and(gt(sq.id, 5), eq(sq.up, 'X'))); });
c('cte/insert_in_cte', () => { const ins = db.$with('ins').as(db.insert(cities).values({ name: 'x' }).returning({ id: cities.id })); return db.with(ins).select().from(ins); });
c('cte/update_in_cte', () => { const upd = db.$with('upd').as(db.update(users).set({ name: 'x' }).where(eq(users.id, 1)).returning({ id: users.id })); return db.with(upd).select().from(upd); });
c('cte/delete_in_cte', () => { const del = db.$with('del').as(db.delete(posts).where(eq(posts.authorId, 1)).returning({ id: posts.id })); return db.with(del).select({ n: count() }).from(del); });
c('cte/with_insert', () => { const sq = db.$with('sq').as(db.select({ name: users.name }).from(users).where(eq(users.id, 1))); return db.with(sq).insert(cities).values({ name: sql`(select ${sq.name} from ${sq})` }); });
c('cte/with_insert_select', () => { const sq = db.$with('sq').as(db.select({ id: users.id, name: users.name }).from(users).where(eq(users.verified, true))); return db.with(sq).insert(cities).select(db.select().from(sq)); });
c('cte/with_update', () => { const ids = db.$with('ids').as(db.select({ id: users.id }).from(users).where(eq(users.verified, false))); return db.with(ids).update(users).set({ verified: true }).where(inArray(users.id, db.select({ id: ids.id }).from(ids))); });
c('cte/with_delete', () => { const ids = db.$with('ids').as(db.select({ id: users.id }).from(users).where(eq(users.verified, true))); return db.with(ids).delete(users).where(inArray(users.id, db.select({ id: ids.id }).from(ids))); });
c('cte/select_distinct', () => { const sq = db.$with('sq').as(db.select({ name: users.name }).from(users)); return db.with(sq).selectDistinct().from(sq); });
c('cte/query_builder', () => { const qb = new QueryBuilder(); const sq = qb.$with('sq').as(qb.select({ id: cities.id }).from(cities).where(eq(cities.name, 'x'))); return qb.with(sq).select().from(sq).limit(3); });

// ---- subquery -------------------------------------------------------------------------------
c('subquery/from_with_sql_alias', () => { const sq = db.select({ id: users.id, nm: sql`upper(${users.name})`.as('nm') }).from(users).as('sub'); return db.select().from(sq).where(gt(sq.id, 1)); });
c('subquery/partial_from_subquery', () => { const sq = db.select({ id: users.id, nm: sql`upper(${users.name})`.as('nm') }).from(users).as('sub'); return db.select({ nm: sq.nm }).from(sq); });
c('subquery/join_aliased_field_in_where', () => { const sq = db.select({ id: users.id, nm: sql`upper(${users.name})`.as('nm') }).from(users).as('sub'); return db.select({ name: users.name, id: sq.id, nm: sq.nm }).from(users).leftJoin(sq, eq(sq.id, users.id)).where(eq(sq.nm, 'X')); });
c('subquery/in_where_in_array', () => uw(inArray(users.id, db.select({ id: posts.authorId }).from(posts).where(like(posts.title, 'a%')))));
c('subquery/in_where_exists', () => db.select({ name: users.name }).from(users).where(exists(db.select({ id: posts.id }).from(posts).where(and(eq(posts.authorId, users.id), eq(posts.title, 't'))))));
c('subquery/scalar_in_select', () => db.select({ id: users.id, postCount: sql`(${db.select({ c: count() }).from(posts).where(eq(posts.authorId, users.id))})`.as('post_count') }).from(users));
c('subquery/eq_scalar_subquery', () => uw(eq(users.cityId, db.select({ id: cities.id }).from(cities).where(eq(cities.name, 'Paris')).limit(1))));
c('subquery/nested', () => { const inner = db.select({ id: users.id }).from(users).where(gt(users.id, 1)).as('inner'); const outer = db.select({ id: inner.id }).from(inner).where(lt(inner.id, 100)).as('outer'); return db.select().from(outer).limit(7); });
c('subquery/params_order', () => { const sq = db.select({ id: posts.id, authorId: posts.authorId }).from(posts).where(eq(posts.title, 'first')).limit(2).as('sq'); return db.select({ name: users.name, pid: sq.id }).from(users).innerJoin(sq, eq(sq.authorId, users.id)).where(eq(users.name, 'second')).limit(3); });

// ---- set operations -------------------------------------------------------------------------
const qU = () => db.select({ id: users.id }).from(users);
const qC = () => db.select({ id: cities.id }).from(cities);
const qP = () => db.select({ id: posts.id }).from(posts);
c('setops/union_method', () => qU().union(qC()));
c('setops/union_all_method', () => qU().unionAll(qC()));
c('setops/intersect_method', () => qU().intersect(qC()));
c('setops/intersect_all_method', () => qU().intersectAll(qC()));
c('setops/except_method', () => qU().except(qC()));
c('setops/except_all_method', () => qU().exceptAll(qC()));
c('setops/union_fn', () => union(qU(), qC()));
c('setops/union_all_fn', () => unionAll(qU(), qC()));
c('setops/intersect_fn', () => intersect(qU(), qC()));
c('setops/intersect_all_fn', () => intersectAll(qU(), qC()));
c('setops/except_fn', () => except(qU(), qC()));
c('setops/except_all_fn', () => exceptAll(qU(), qC()));
c('setops/chained_intersect', () => qU().intersect(qC()).intersect(qP()));
c('setops/except_then_except_all', () => qU().except(qC()).exceptAll(qP()));
c('setops/union_fn_three', () => union(qU(), qC(), qP()));
c('setops/union_all_order_limit_offset', () => db.select({ id: users.id, name: users.name }).from(users).unionAll(db.select({ id: cities.id, name: cities.name }).from(cities)).orderBy(desc(users.id)).limit(10).offset(5));
c('setops/union_fn_three_order_limit', () => union(qU(), qC(), qP()).orderBy(asc(users.id)).limit(3));
c('setops/union_order_by_sql', () => qU().union(qC()).orderBy(sql`1 desc`));
c('setops/union_only_limit', () => qU().union(qC()).limit(4));
c('setops/union_with_params', () => uw(eq(users.id, 1)).union(db.select({ id: cities.id }).from(cities).where(eq(cities.name, 'x'))));
c('setops/union_left_has_limit', () => db.select({ id: users.id }).from(users).limit(1).union(qC()));
c('setops/union_mismatched_count', () => db.select({ id: users.id }).from(users).union(db.select({ id: cities.id, name: cities.name }).from(cities)));
c('setops/method_mismatched_names', () => db.select({ id: users.id }).from(users).union(db.select({ idx: cities.id }).from(cities)));
c('setops/callback_standalone', () => db.select({ id: users.id }).from(users).unionAll(({ unionAll }) => unionAll(db.select({ id: cities.id }).from(cities), db.select({ id: posts.id }).from(posts))));
c('setops/callback_method', () => db.select({ id: users.id }).from(users).except(({ intersect }) => intersect(db.select({ id: cities.id }).from(cities), db.select({ id: posts.id }).from(posts))));
c('subquery/sql_field_without_alias', () => { const sq = db.select({ x: sql`1` }).from(users).as('sq'); return db.select({ x: sq.x }).from(sq); });
c('subquery/sql_field_without_alias_star', () => { const sq = db.select({ x: sql`1` }).from(users).as('sq'); return db.select().from(sq); });
c('setops/union_mismatched_fields', () => union(db.select({ id: users.id }).from(users), db.select({ name: cities.name }).from(cities)));

// ---- locking --------------------------------------------------------------------------------
c('lock/for_update', () => uw(eq(users.id, 1)).for('update'));
c('lock/for_share', () => uw(eq(users.id, 1)).for('share'));
c('lock/for_no_key_update', () => uw(eq(users.id, 1)).for('no key update'));
c('lock/for_key_share', () => uw(eq(users.id, 1)).for('key share'));
c('lock/of_one_table', () => uw(eq(users.id, 1)).for('update', { of: users }));
c('lock/of_two_tables', () => db.select({ id: users.id }).from(users).innerJoin(cities, eq(users.cityId, cities.id)).for('update', { of: [users, cities] }));
c('lock/nowait', () => uw(eq(users.id, 1)).for('no key update', { noWait: true }));
c('lock/skip_locked', () => uw(eq(users.id, 1)).for('share', { skipLocked: true }));
c('lock/of_skip_locked', () => uw(eq(users.id, 1)).for('share', { skipLocked: true, of: users }));
c('lock/nowait_and_skip_locked', () => uw(eq(users.id, 1)).for('update', { noWait: true, skipLocked: true }));
c('lock/of_alias', () => db.select({ id: parent.id }).from(parent).for('update', { of: parent }));
c('lock/of_schema_table', () => db.select({ id: mySchemaUsers.id }).from(mySchemaUsers).for('update', { of: mySchemaUsers }));

// ---- insert ---------------------------------------------------------------------------------
c('insert/single', () => db.insert(cities).values({ name: 'Paris' }));
c('insert/users_defaults', () => db.insert(users).values({ name: 'a' }));
c('insert/users_all_fields', () => db.insert(users).values({ id: 1, name: 'n', email: 'e', verified: true, meta: { k: 1 }, tags: ['a'], mood: 'ok', cityId: 2, createdAt: D1, updatedAt: '2024-01-01 00:00:00+00', token: 't' }));
c('insert/multi_row', () => db.insert(users).values([{ name: 'a', email: 'e' }, { name: 'b', verified: true, meta: { a: 1 }, tags: ['x', 'y'] }]));
c('insert/multi_row_cities', () => db.insert(cities).values([{ name: 'a' }, { id: 7, name: 'b' }, { name: sql`upper(${'c'})` }]));
c('insert/explicit_null', () => db.insert(users).values({ id: 5, name: 'x', email: null }));
c('insert/undefined_is_default', () => db.insert(cities).values({ id: undefined, name: 'x' }));
c('insert/sql_value', () => db.insert(users).values({ name: sql`lower(${'A'})` }));
c('insert/returning_all', () => db.insert(cities).values({ name: 'x' }).returning());
c('insert/returning_partial_sql', () => db.insert(cities).values({ name: 'x' }).returning({ id: cities.id, up: sql`upper(${cities.name})` }));
c('insert/on_conflict_do_nothing', () => db.insert(cities).values({ name: 'x' }).onConflictDoNothing());
c('insert/on_conflict_do_nothing_target', () => db.insert(cities).values({ id: 1, name: 'x' }).onConflictDoNothing({ target: cities.id }));
c('insert/on_conflict_do_nothing_array_target', () => db.insert(cities).values({ id: 1, name: 'x' }).onConflictDoNothing({ target: [cities.id, cities.name] }));
c('insert/on_conflict_do_nothing_target_where', () => db.insert(cities).values({ id: 1, name: 'x' }).onConflictDoNothing({ target: [cities.id, cities.name], where: ne(cities.name, 'x') }));
c('insert/on_conflict_do_nothing_returning', () => db.insert(cities).values({ name: 'x' }).onConflictDoNothing().returning({ id: cities.id }));
c('insert/on_conflict_do_nothing_where_without_target', () => db.insert(cities).values({ name: 'x' }).onConflictDoNothing({ where: eq(cities.id, 1) }));
c('insert/on_conflict_do_update', () => db.insert(cities).values({ id: 1, name: 'x' }).onConflictDoUpdate({ target: cities.id, set: { name: 'y' } }));
c('insert/on_conflict_do_update_users_onupdate', () => db.insert(users).values({ id: 1, name: 'x' }).onConflictDoUpdate({ target: users.id, set: { name: 'y' } }));
c('insert/on_conflict_do_update_full', () => db.insert(users).values({ id: 1, name: 'x' }).onConflictDoUpdate({ target: users.id, targetWhere: eq(users.verified, true), set: { name: sql.raw('excluded.name') }, setWhere: gt(users.id, 5) }).returning({ id: users.id }));
c('insert/on_conflict_do_update_array_target', () => db.insert(cities).values({ id: 1, name: 'x' }).onConflictDoUpdate({ target: [cities.id, cities.name], set: { name: 'y' } }));
c('insert/on_conflict_do_update_where_deprecated', () => db.insert(cities).values({ id: 1, name: 'x' }).onConflictDoUpdate({ target: cities.id, set: { name: 'y' }, where: eq(cities.name, 'z') }));
c('insert/on_conflict_do_update_where_and_target_where', () => db.insert(cities).values({ id: 1, name: 'x' }).onConflictDoUpdate({ target: cities.id, set: { name: 'y' }, where: eq(cities.name, 'z'), targetWhere: eq(cities.id, 1) }));
c('insert/on_conflict_do_update_excluded_identifier', () => db.insert(cities).values({ id: 1, name: 'x' }).onConflictDoUpdate({ target: cities.id, set: { name: sql`excluded.${sql.identifier('name')}` } }));
c('insert/on_conflict_do_update_set_column_expr', () => db.insert(cities).values({ id: 1, name: 'x' }).onConflictDoUpdate({ target: cities.id, set: { name: sql`${cities.name} || ${'-dup'}` } }));
c('insert/on_conflict_do_update_empty_set', () => db.insert(cities).values({ id: 1, name: 'x' }).onConflictDoUpdate({ target: cities.id, set: {} }));
c('insert/on_conflict_do_update_set_where_only', () => db.insert(users).values({ id: 1, name: 'x' }).onConflictDoUpdate({ target: [users.id, users.email], set: { verified: true, meta: { a: 1 } }, setWhere: eq(users.verified, false) }));
c('insert/values_empty', () => db.insert(cities).values([]));
c('insert/select_qb', () => db.insert(cities).select(db.select({ id: users.id, name: users.name }).from(users)));
c('insert/select_keys_other_order', () => db.insert(cities).select(db.select({ name: cities.name, id: cities.id }).from(cities)));
c('insert/select_sql', () => db.insert(cities).select(sql`select 1, 'a'`));
c('insert/select_callback', () => db.insert(cities).select((qb) => qb.select({ id: users.id, name: users.name }).from(users).where(eq(users.verified, true))));
c('insert/select_returning_on_conflict', () => db.insert(cities).select(db.select({ id: users.id, name: users.name }).from(users)).onConflictDoNothing().returning());
c('insert/overriding_system_value', () => db.insert(everything).overridingSystemValue().values({ nn: 'x', idAlways: 5 }));
c('insert/everything_many_types', () => db.insert(everything).values({ i: 1, bn: 2, bb: 3n, num: '1.23', numN: 1.5, numB: 99n, b: true, j: { a: [1] }, jb: { b: 'c' }, ts: D1, tsp: D2, tss: '2024-01-01 00:00:00', d: '2024-01-02', dd: D1, pt: [1, 2], ptxy: { x: 3, y: 4 }, ln: [1, 2, 3], lnabc: { a: 4, b: 5, c: 6 }, vec: [1, 2, 3], hv: [1, 2, 3], ia: [1, 2], ia2: [[1, 2], [3, 4]], ta: ['x', 'y z'], mood: 'sad', smood: 'b', moods: ['ok'], cust: 'MiXeD', withDef: 8, nn: 'req' }));
c('insert/schema_table', () => db.insert(mySchemaUsers).values({ name: 'x' }).returning());
c('insert/prefixed_table_all_defaults', () => db.insert(prefixed).values({}));
c('insert/placeholder_value', () => db.insert(cities).values({ name: sql.placeholder('name') }));

// ---- update ---------------------------------------------------------------------------------
c('update/set_values', () => db.update(users).set({ name: 'x', verified: true }).where(eq(users.id, 1)));
c('update/set_order_follows_table', () => db.update(users).set({ verified: true, name: 'x' }).where(eq(users.id, 1)));
c('update/set_sql_null_returning_partial', () => db.update(users).set({ name: sql`upper(${users.name})`, cityId: null }).where(eq(users.id, 1)).returning({ id: users.id, name: users.name }));
c('update/returning_all', () => db.update(cities).set({ name: 'x' }).where(eq(cities.id, 1)).returning());
c('update/no_where', () => db.update(cities).set({ name: 'x' }));
c('update/explicit_on_update_column', () => db.update(users).set({ name: 'x', updatedAt: '2024-01-01 00:00:00+00' }).where(eq(users.id, 1)));
c('update/from', () => db.update(users).set({ cityId: cities.id }).from(cities).where(and(eq(cities.name, 'Paris'), eq(users.id, 1))).returning({ id: users.id, cityName: cities.name }));
c('update/from_returning_all', () => db.update(users).set({ name: 'x' }).from(cities).where(eq(cities.id, users.cityId)).returning());
c('update/from_join_returning_all', () => db.update(users).set({ name: 'y' }).from(posts).leftJoin(cities, eq(cities.id, users.cityId)).where(eq(posts.authorId, users.id)).returning());
c('update/from_join', () => db.update(users).set({ name: 'x' }).from(cities).leftJoin(posts, eq(posts.authorId, users.id)).where(eq(cities.id, users.cityId)));
c('update/set_empty', () => db.update(users).set({}));
c('update/set_only_undefined', () => db.update(users).set({ email: undefined }));
c('update/set_undefined_dropped', () => db.update(users).set({ name: 'x', email: undefined }).where(eq(users.id, 1)));
c('update/schema_table', () => db.update(mySchemaUsers).set({ name: 'x' }).where(eq(mySchemaUsers.id, 1)).returning());
c('update/everything_encodings', () => db.update(everything).set({ jb: { a: 1 }, ts: D1, dd: D2, bb: 5n, pt: [1, 2], ln: [1, 2, 3], vec: [1, 2, 3], ia: [1, 2], ia2: [[1], [2]], ta: ['q'], cust: 'ABC', numN: 2.5 }).where(eq(everything.i, 1)));

// ---- delete ---------------------------------------------------------------------------------
c('delete/plain', () => db.delete(users));
c('delete/where', () => db.delete(users).where(eq(users.id, 1)));
c('delete/returning_all', () => db.delete(cities).where(eq(cities.id, 1)).returning());
c('delete/returning_partial', () => db.delete(users).where(inArray(users.id, [1, 2])).returning({ id: users.id }));
c('delete/returning_sql', () => db.delete(users).where(eq(users.id, 1)).returning({ id: users.id, up: sql`upper(${users.name})` }));
c('delete/schema_table', () => db.delete(mySchemaUsers).where(eq(mySchemaUsers.id, 1)).returning({ id: mySchemaUsers.id }));
c('delete/with_cte_select', () => { const old = db.$with('old').as(db.select({ id: posts.id }).from(posts).where(lt(posts.id, 100))); return db.with(old).delete(posts).where(inArray(posts.id, db.select({ id: old.id }).from(old))).returning({ id: posts.id }); });

// ---- sql template ---------------------------------------------------------------------------
c('sql/params', () => sql`select ${1}, ${'a'}, ${true}, ${null}, ${1.5}`);
c('sql/nested_numbering', () => sql`select ${1}, (${sql`${2} + ${3}`}), ${4}`);
c('sql/raw', () => sql`select ${sql.raw('1 + 1')}`);
c('sql/raw_alone', () => sql.raw('select 1'));
c('sql/join_no_separator', () => sql.join([sql`a`, sql`b`, sql`c`]));
c('sql/join_with_separator', () => sql`select ${sql.join([users.id, users.name], sql`, `)} from ${users}`);
c('sql/join_values_raw_separator', () => sql.join([1, 2, 3].map((v) => sql`${v}`), sql.raw(' + ')));
c('sql/join_empty', () => sql`select ${sql.join([], sql`, `)}`);
c('sql/identifier', () => sql`select ${sql.identifier('col')} from ${sql.identifier('tbl')}`);
c('sql/identifier_quote_and_dot', () => sql`select ${sql.identifier('we"ird.na"me')}`);
c('sql/empty', () => sql`select 1${sql.empty()}`);
c('sql/placeholder', () => sql`select ${sql.placeholder('x')}, ${2}`);
c('sql/param_array', () => sql`select ${sql.param([1, 2, 3])}`);
c('sql/param_with_column_encoder', () => sql`select ${sql.param(['a', 'b'], users.tags)}`);
c('sql/array_expansion', () => sql`select * from t where id in ${[1, 2, 3]}`);
c('sql/array_empty', () => sql`select * from t where id in ${[]}`);
c('sql/aliased_reference', () => sql`order by ${sql`lower(x)`.as('lx')}`);
c('sql/mapwith_same_sql', () => sql`select count(*) from ${users}`.mapWith(Number));
c('sql/inline_params', () => sql`select ${1}, ${"it's"}, ${null}, ${true}, ${{ a: 1 }}`.inlineParams());
c('sql/inline_params_array', () => sql`select * from t where id in ${[1, 'b']}`.inlineParams());
c('sql/inline_params_nested', () => sql`select ${1}, ${sql`${2}`.inlineParams()}, ${3}`);
c('sql/if_false', () => sql`select 1${sql` where x`.if(false)}`);
c('sql/if_true', () => sql`select 1${sql` where x`.if(true)}`);
c('sql/undefined_chunk', () => sql`a${undefined}b`);
c('sql/column_qualified', () => sql`${users.id} = ${1}`);
c('sql/schema_column', () => sql`${mySchemaUsers.id} = ${1}`);
c('sql/alias_column_and_table', () => sql`select ${parent.id} from ${parent}`);
c('sql/table', () => sql`select * from ${users}`);
c('sql/schema_table', () => sql`select * from ${mySchemaUsers}`);
c('sql/enum', () => sql`select 'sad'::${moodEnum}`);
c('sql/schema_enum', () => sql`select 'a'::${schemaMood}`);
c('sql/schema_entity', () => sql`drop schema if exists ${mySchema} cascade`);
c('sql/query_builder_inside', () => sql`select ${0}, exists ${db.select({ id: users.id }).from(users).where(eq(users.id, 2))}, ${3}`);
c('sql/subquery_inside', () => { const sq = db.select({ id: users.id }).from(users).where(eq(users.id, 1)).as('sq'); return sql`select * from ${sq}`; });
c('sql/date_param_raw', () => sql`select ${D1}`);
c('sql/bigint_param_raw', () => sql`select ${5n}`);
c('sql/bytes_param_raw', () => sql`select ${new Uint8Array([1, 2, 255])}`);
c('sql/object_param_raw', () => sql`select ${{ a: 1, b: [1, 2] }}`);
c('sql/in_where_with_column_and_array', () => uw(sql`${users.id} in ${[1, 2]} and ${users.name} <> ${'x'}`));

// ---- placeholders / prepare -----------------------------------------------------------------
c('prepare/select_where_get_query', () => db.select({ id: users.id }).from(users).where(eq(users.id, sql.placeholder('id'))).prepare('get_user').getQuery());
c('prepare/select_where_to_sql', () => db.select({ id: users.id }).from(users).where(eq(users.id, sql.placeholder('id'))).toSQL());
c('prepare/limit_offset', () => db.select({ id: users.id }).from(users).limit(sql.placeholder('lim')).offset(sql.placeholder('off')).prepare('page').getQuery());
c('prepare/like', () => db.select({ id: users.id }).from(users).where(like(users.name, sql.placeholder('pat'))).prepare('p').getQuery());
c('prepare/in_array_placeholders', () => db.select({ id: users.id }).from(users).where(inArray(users.id, [sql.placeholder('a'), sql.placeholder('b')])).prepare('p').getQuery());
c('prepare/in_array_single_placeholder', () => db.select({ id: users.id }).from(users).where(inArray(users.id, sql.placeholder('ids'))).prepare('p').getQuery());
c('prepare/insert', () => db.insert(cities).values({ name: sql.placeholder('name') }).prepare('ins').getQuery());
c('prepare/insert_defaultfn_frozen', () => db.insert(users).values({ name: sql.placeholder('name'), meta: sql.placeholder('meta') }).prepare('ins_user').getQuery());
c('prepare/update', () => db.update(users).set({ name: sql.placeholder('name') }).where(eq(users.id, sql.placeholder('id'))).prepare('upd').getQuery());
c('prepare/delete', () => db.delete(users).where(eq(users.id, sql.placeholder('id'))).returning({ id: users.id }).prepare('del').getQuery());

// ---- alias ----------------------------------------------------------------------------------
c('alias/select_all', () => db.select().from(parent));
c('alias/partial_where_order', () => db.select({ id: parent.id }).from(parent).where(eq(parent.name, 'x')).orderBy(desc(parent.id)));
c('alias/two_aliases_join', () => { const a = alias(users, 'a'); const b = alias(users, 'b'); return db.select({ aName: a.name, bName: b.name }).from(a).innerJoin(b, eq(a.cityId, b.cityId)).where(ne(a.id, b.id)); });
c('alias/schema_table', () => db.select().from(msu).where(eq(msu.id, 1)));
c('alias/schema_table_join', () => db.select({ name: users.name, other: msu.name }).from(users).innerJoin(msu, eq(msu.id, users.id)));
c('alias/in_subquery', () => { const sq = db.select({ id: parent.id }).from(parent).where(isNotNull(parent.email)).as('sq'); return db.select({ id: sq.id }).from(sq); });

// ---- identifiers ----------------------------------------------------------------------------
c('identifiers/weird_select', () => db.select().from(weird).where(eq(weird.id, 1)));
c('identifiers/weird_insert_returning', () => db.insert(weird).values({ id: 1 }).returning());
c('identifiers/weird_update', () => db.update(weird).set({ id: 2 }).where(eq(weird.id, 1)));
c('identifiers/weird_delete', () => db.delete(weird).where(eq(weird.id, 1)));
c('identifiers/weird_alias', () => { const w = alias(weird, 'a"b'); return db.select({ id: w.id }).from(w).where(eq(w.id, 1)); });
c('identifiers/weird_join', () => db.select().from(weird).leftJoin(cities, eq(cities.id, weird.id)));
c('identifiers/schema_everywhere', () => db.select({ id: mySchemaUsers.id, n: count() }).from(mySchemaUsers).where(gt(mySchemaUsers.id, 1)).groupBy(mySchemaUsers.id).having(gt(count(), 0)).orderBy(desc(mySchemaUsers.id)));
c('identifiers/schema_update_returning_all', () => db.update(mySchemaUsers).set({ name: 'y' }).returning());
c('identifiers/schema_insert_on_conflict', () => db.insert(mySchemaUsers).values({ id: 1, name: 'x' }).onConflictDoUpdate({ target: mySchemaUsers.id, set: { name: 'y' } }));
c('identifiers/schema_in_subquery', () => uw(inArray(users.id, db.select({ id: mySchemaUsers.id }).from(mySchemaUsers))));
c('identifiers/prefixed_select_where', () => db.select().from(prefixed).where(eq(prefixed.id, 1)));
c('identifiers/prefixed_update_delete', () => db.delete(prefixed).where(eq(prefixed.id, 1)).returning());

// ---------------------------------------------------------------------------------------------
// rendering and encoding

export function encodeParam(v) {
  if (v === undefined) return { $undefined: true };
  if (v === null) return null;
  if (typeof v === 'bigint') return { $bigint: v.toString() };
  if (is(v, Placeholder)) return { $placeholder: v.name };
  if (is(v, Param) && is(v.value, Placeholder)) return { $placeholder: v.value.name };
  if (v instanceof Date) return { $date: v.toISOString() };
  if (v instanceof Uint8Array) return { $bytes: Buffer.from(v).toString('hex') };
  if (Array.isArray(v)) return v.map(encodeParam);
  if (typeof v === 'object') {
    const proto = Object.getPrototypeOf(v);
    if (proto !== Object.prototype && proto !== null) {
      throw new Error(`cannot encode param of class ${v.constructor?.name}`);
    }
    return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, encodeParam(x)]));
  }
  if (typeof v === 'number' && !Number.isFinite(v)) throw new Error(`non-finite number param ${v}`);
  return v;
}

export function render(x) {
  let q;
  if (x && typeof x.toSQL === 'function') q = x.toSQL();
  else if (is(x, SQL)) q = dialect.sqlToQuery(x);
  else if (x && typeof x.sql === 'string' && Array.isArray(x.params)) q = x;
  else throw new Error('case returned something that is not a query');
  return { sql: q.sql, params: q.params.map(encodeParam) };
}

// ---- casing: drizzle({ casing }) names columns declared without a name ---------------------
const dbSnake = drizzle.mock({ casing: 'snake_case' });
const dbCamel = drizzle.mock({ casing: 'camelCase' });
const cased = pgTable('cased', {
  id: serial().primaryKey(),
  firstName: text(),
  lastName: text('Surname'),
  createdAt: timestamp({ withTimezone: true }).defaultNow(),
});
const snakey = pgTable('snakey', { user_id: integer(), full_name: text() });
const cased2 = alias(cased, 'c2');
c('casing/snake_select', () => dbSnake.select().from(cased).where(eq(cased.firstName, 'a')));
c('casing/snake_insert', () => dbSnake.insert(cased).values({ firstName: 'a', lastName: 'b' }).returning({ id: cased.id, firstName: cased.firstName }));
c('casing/snake_update', () => dbSnake.update(cased).set({ firstName: 'x' }).where(eq(cased.id, 1)).returning());
c('casing/snake_sql_template', () => dbSnake.select({ x: sql`${cased.firstName} || ${cased.lastName}` }).from(cased));
c('casing/snake_alias_join', () => dbSnake.select({ a: cased.firstName, b: cased2.createdAt }).from(cased).leftJoin(cased2, eq(cased2.id, cased.id)));
c('casing/snake_on_conflict', () => dbSnake.insert(cased).values({ firstName: 'a' }).onConflictDoUpdate({ target: cased.firstName, set: { lastName: 'z' } }));
c('casing/camel_select', () => dbCamel.select().from(snakey).where(gt(snakey.user_id, 1)).orderBy(snakey.full_name));
c('casing/none', () => db.select().from(cased).where(eq(cased.firstName, 'a')));

// ---- views -------------------------------------------------------------------------------------
const activeUsers = pgView('active_users').as((qb) => qb.select({ id: users.id, name: users.name, up: sql`upper(${users.name})`.as('up') }).from(users).where(eq(users.verified, true)));
const existingView = pgView('ev', { id: integer('id'), title: text('title') }).existing();
const postIds = pgMaterializedView('post_ids').as((qb) => qb.select({ id: posts.id, authorId: posts.authorId }).from(posts));
const schemaView = mySchema.view('sv').as((qb) => qb.select({ id: users.id }).from(users));
const schemaMatView = mySchema.materializedView('smv', { id: integer('id') }).existing();
c('view/select_all', () => db.select().from(activeUsers));
c('view/select_fields_where', () => db.select({ n: activeUsers.name, u: activeUsers.up }).from(activeUsers).where(eq(activeUsers.id, 1)));
c('view/left_join', () => db.select().from(users).leftJoin(activeUsers, eq(activeUsers.id, users.id)));
c('view/existing', () => db.select().from(existingView).where(eq(existingView.id, 2)));
c('view/materialized', () => db.select({ a: postIds.authorId }).from(postIds).where(gt(postIds.id, 3)));
c('view/schema', () => db.select().from(schemaView).where(eq(schemaView.id, 4)));
c('view/schema_materialized_existing', () => db.select().from(schemaMatView));
c('view/schema_existing_where_join', () => db.select({ id: schemaMatView.id, name: users.name }).from(schemaMatView).innerJoin(users, eq(users.id, schemaMatView.id)).where(gt(schemaMatView.id, 1)));
c('view/in_sql', () => sql`select * from ${activeUsers} where ${activeUsers.id} > ${1}`);
c('view/schema_in_sql', () => sql`select count(*) from ${schemaView}`);
c('view/refresh', () => db.refreshMaterializedView(postIds));
c('view/refresh_concurrently', () => db.refreshMaterializedView(postIds).concurrently());
c('view/refresh_with_no_data', () => db.refreshMaterializedView(postIds).withNoData());
c('view/refresh_schema', () => db.refreshMaterializedView(schemaMatView));
c('view/refresh_both', () => db.refreshMaterializedView(postIds).concurrently().withNoData());

// ---- relational queries: relations() + db.query.<table>.findMany/findFirst ---------------------
const citiesRelations = relations(cities, ({ many }) => ({ users: many(users) }));
const usersRelations = relations(users, ({ one, many }) => ({
  city: one(cities, { fields: [users.cityId], references: [cities.id] }),
  posts: many(posts),
}));
const postsRelations = relations(posts, ({ one, many }) => ({
  author: one(users, { fields: [posts.authorId], references: [users.id] }),
  comments: many(comments),
}));
const commentsRelations = relations(comments, ({ one }) => ({ post: one(posts, { fields: [comments.postId], references: [posts.id] }) }));
const rdb = drizzle.mock({ schema: { cities, users, posts, comments, citiesRelations, usersRelations, postsRelations, commentsRelations } });
c('relational/find_many_plain', () => rdb.query.users.findMany());
c('relational/find_first_plain', () => rdb.query.users.findFirst());
c('relational/columns_include', () => rdb.query.users.findMany({ columns: { id: true, name: true } }));
c('relational/columns_exclude', () => rdb.query.users.findMany({ columns: { meta: false, tags: false } }));
c('relational/with_many', () => rdb.query.cities.findMany({ with: { users: true } }));
c('relational/with_one', () => rdb.query.posts.findMany({ with: { author: true } }));
c('relational/nested_three_levels', () => rdb.query.users.findMany({ with: { posts: { with: { comments: true } } } }));
c('relational/with_columns', () => rdb.query.users.findMany({ columns: { id: true }, with: { posts: { columns: { title: true } } } }));
c('relational/where_callback', () => rdb.query.users.findMany({ where: (u, { eq }) => eq(u.id, 1) }));
c('relational/where_nested', () => rdb.query.users.findMany({ with: { posts: { where: (p, { like }) => like(p.title, '%a%') } } }));
c('relational/order_limit_offset', () => rdb.query.users.findMany({ orderBy: (u, { desc }) => [desc(u.id)], limit: 10, offset: 5 }));
c('relational/nested_order_limit', () => rdb.query.posts.findMany({ with: { comments: { orderBy: (cm, { asc }) => asc(cm.id), limit: 3 } } }));
c('relational/extras_object', () => rdb.query.users.findMany({ columns: { id: true }, extras: { lower: sql`lower(${users.name})`.as('lower') } }));
c('relational/extras_callback_with', () => rdb.query.users.findMany({ columns: { id: true }, extras: (u, { sql: s }) => ({ up: s`upper(${u.name})`.as('up') }), with: { city: true } }));
c('relational/one_nested', () => rdb.query.comments.findMany({ with: { post: { with: { author: { columns: { name: true } } } } } }));
c('relational/find_first_where_with', () => rdb.query.users.findFirst({ where: (u, { eq }) => eq(u.id, 2), with: { city: true, posts: true } }));
c('relational/limit_placeholder', () => rdb.query.users.findMany({ columns: { id: true }, limit: sql.placeholder('n') }));
c('relational/with_false', () => rdb.query.users.findMany({ columns: { id: true }, with: { posts: false, city: true } }));
c('relational/many_ordered_agg', () => rdb.query.cities.findMany({ with: { users: { columns: { name: true }, orderBy: (u, { asc }) => [asc(u.name)] } } }));
c('relational/no_fields', () => rdb.query.cities.findMany({ columns: { id: false, name: false } }));
c('relational/columns_empty', () => rdb.query.users.findMany({ columns: {} }));
c('relational/columns_empty_junction', () => rdb.query.users.findMany({ columns: {}, with: { posts: { columns: {}, with: { comments: true } } } }));
// A matrix: every relation path of the schema (one and many, two levels), with each option on
// its innermost level; findFirst on each path; options at the top level next to a relation.
const REL_PATHS = {
  cities_users: ['cities', ['users']], users_city: ['users', ['city']], users_posts: ['users', ['posts']],
  posts_author: ['posts', ['author']], posts_comments: ['posts', ['comments']], comments_post: ['comments', ['post']],
  users_posts_comments: ['users', ['posts', 'comments']], comments_post_author: ['comments', ['post', 'author']],
};
const REL_VARIANTS = {
  all: () => true,
  include: () => ({ columns: { id: true } }),
  exclude: () => ({ columns: { id: false } }),
  order: () => ({ orderBy: (t, { desc: d }) => d(t.id) }),
  limit: () => ({ limit: 2 }),
  offset: () => ({ offset: 1 }),
  where: () => ({ where: (t, { gt: g }) => g(t.id, 5) }),
  combined: () => ({ where: (t, { gt: g }) => g(t.id, 1), orderBy: (t, { asc: a }) => [a(t.id)], limit: 2, offset: 1 }),
};
const relPath = (path, inner) => path.reduceRight((cfg, rel) => ({ with: { [rel]: cfg } }), inner);
for (const [p, [root, path]] of Object.entries(REL_PATHS)) {
  for (const [v, make] of Object.entries(REL_VARIANTS)) c(`relational/matrix/${p}/${v}`, () => rdb.query[root].findMany(relPath(path, make())));
  c(`relational/matrix/${p}/find_first`, () => rdb.query[root].findFirst(relPath(path, true)));
}
const REL_TOP = {
  where: { where: (u, { eq: e }) => e(u.name, 'x') },
  order_two: { orderBy: (u, { asc: a, desc: d }) => [d(u.verified), a(u.id)] },
  limit_offset: { limit: 5, offset: 10 },
  offset_zero: { offset: 0, limit: 1 },
  negative_limit: { limit: -1 },
  everything: { columns: { id: true, name: true }, where: (u, { and: an, gt: g, isNotNull: nn }) => an(g(u.id, 1), nn(u.email)), orderBy: (u, { desc: d }) => d(u.id), limit: 3, offset: 2 },
};
for (const [n, cfg] of Object.entries(REL_TOP)) c(`relational/top/${n}`, () => rdb.query.users.findMany({ ...cfg, with: { posts: { columns: { title: true } } } }));

// how relations are inferred: no reverse `one`, two candidates, and relationName
const looseCities = relations(cities, ({ many }) => ({ posts: many(posts) }));
const ldb = drizzle.mock({ schema: { cities, posts, looseCities } });
c('relational/not_enough_information', () => ldb.query.cities.findMany({ with: { posts: true } }));
const twoUsers = relations(users, ({ many }) => ({ posts: many(posts) }));
const twoPosts = relations(posts, ({ one }) => ({
  author: one(users, { fields: [posts.authorId], references: [users.id] }),
  editor: one(users, { fields: [posts.authorId], references: [users.id] }),
}));
const mdb = drizzle.mock({ schema: { users, posts, twoUsers, twoPosts } });
c('relational/ambiguous', () => mdb.query.users.findMany({ with: { posts: true } }));
const namedUsers = relations(users, ({ many }) => ({
  authored: many(posts, { relationName: 'author' }),
  edited: many(posts, { relationName: 'editor' }),
}));
const namedPosts = relations(posts, ({ one }) => ({
  author: one(users, { fields: [posts.authorId], references: [users.id], relationName: 'author' }),
  editor: one(users, { fields: [posts.authorId], references: [users.id], relationName: 'editor' }),
}));
const ndb = drizzle.mock({ schema: { users, posts, namedUsers, namedPosts } });
c('relational/relation_name', () => ndb.query.users.findMany({ columns: { id: true }, with: { authored: { columns: { id: true } }, edited: { columns: { title: true } } } }));
// self relations (a user's inviter and invitees, by relationName; the invitee's own inviter
// nested under them), and a many-to-many walk through a junction (many, then one, with options
// on every level)
const selfUsers = relations(users, ({ one, many }) => ({
  inviter: one(users, { fields: [users.cityId], references: [users.id], relationName: 'invites' }),
  invitees: many(users, { relationName: 'invites' }),
}));
const sdb = drizzle.mock({ schema: { users, selfUsers } });
c('relational/self', () => sdb.query.users.findMany({ columns: { id: true }, with: { inviter: { columns: { name: true } }, invitees: { columns: { id: true }, with: { inviter: true } } } }));
c('relational/self_first', () => sdb.query.users.findFirst({ where: (u, { eq }) => eq(u.id, 1), with: { invitees: { orderBy: (u, { asc }) => asc(u.name), limit: 2 } } }));
c('relational/junction', () => rdb.query.users.findMany({
  columns: { id: true },
  where: (u, { isNotNull }) => isNotNull(u.cityId),
  with: { posts: { columns: { id: true }, where: (p, { gt }) => gt(p.id, 1), orderBy: (p, { desc }) => desc(p.id), limit: 3, with: { author: { columns: { name: true }, extras: (a, { sql: s }) => ({ initial: s`left(${a.name}, 1)`.as('initial') }) } } } },
  orderBy: (u, { asc }) => asc(u.id),
  limit: 10,
}));

export function buildCases() {
  const out = {};
  for (const [name, fn] of cases) {
    try {
      out[name] = render(fn());
    } catch (err) {
      if (err && /^case returned|^cannot encode|^non-finite/.test(err.message)) throw err;
      out[name] = { error: err.message };
    }
  }
  return out;
}

export { cases, dialect };
