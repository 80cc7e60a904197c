// The same 10 representative call chains, written once, run against either library's modules.
export function schemaAndQueries({ orm, pg, mock }) {
  const { eq, and, gt, inArray, desc, sql, count } = orm;
  const { pgTable, serial, text, integer, timestamp, union } = pg;
  const users = pgTable('users', {
    id: serial('id').primaryKey(), name: text('name').notNull(), age: integer('age'),
    cityId: integer('city_id'), createdAt: timestamp('created_at').notNull().defaultNow(),
  });
  const posts = pgTable('posts', {
    id: serial('id').primaryKey(), authorId: integer('author_id').notNull(), title: text('title').notNull(),
  });
  const usersRelations = orm.relations(users, ({ many }) => ({ posts: many(posts) }));
  const postsRelations = orm.relations(posts, ({ one }) => ({ author: one(users, { fields: [posts.authorId], references: [users.id] }) }));
  const db = mock({ schema: { users, posts, usersRelations, postsRelations } });
  return {
    'select+join+where+order+limit': () => db.select({ id: users.id, name: users.name, title: posts.title }).from(users)
      .leftJoin(posts, eq(posts.authorId, users.id))
      .where(and(gt(users.age, 30), inArray(users.cityId, [1, 2, 3])))
      .orderBy(desc(users.createdAt)).limit(10).offset(20).toSQL(),
    'insert 2 rows': () => db.insert(users).values([{ name: 'Ann', age: 31 }, { name: 'Bo', age: 40 }]).toSQL(),
    'upsert': () => db.insert(users).values({ id: 1, name: 'Ann' }).onConflictDoUpdate({ target: users.id, set: { name: 'Ann2' } }).returning().toSQL(),
    'update': () => db.update(users).set({ age: 32 }).where(eq(users.id, 1)).returning({ id: users.id }).toSQL(),
    'delete': () => db.delete(posts).where(and(eq(posts.authorId, 1), gt(posts.id, 10))).toSQL(),
    'cte': () => {
      const sq = db.$with('sq').as(db.select({ id: users.id }).from(users).where(gt(users.age, 18)));
      return db.with(sq).select().from(sq).toSQL();
    },
    'subquery': () => {
      const sq = db.select({ authorId: posts.authorId, n: count().as('n') }).from(posts).groupBy(posts.authorId).as('pc');
      return db.select({ name: users.name, n: sq.n }).from(users).innerJoin(sq, eq(sq.authorId, users.id)).toSQL();
    },
    'set op': () => union(db.select({ id: users.id }).from(users).where(eq(users.age, 1)), db.select({ id: posts.id }).from(posts)).toSQL(),
    '$count embedded': () => db.select({ id: users.id, n: db.$count(posts, eq(posts.authorId, users.id)) }).from(users).toSQL(),
    'relational findMany, 2 levels': () => db.query.users.findMany({
      columns: { id: true, name: true }, where: (u, { gt: g }) => g(u.age, 30), limit: 10,
      with: { posts: { columns: { title: true }, orderBy: (p, { desc: d }) => d(p.id), limit: 5, with: { author: { columns: { name: true } } } } },
    }).toSQL(),
    'sql template': () => db.select({ x: sql`lower(${users.name}) || ${'-'}` }).from(users).where(sql`${users.id} = ${5}`).toSQL(),
  };
}
