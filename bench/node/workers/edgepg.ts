import { eq } from 'edgepg';
import { pgTable, serial, text, integer } from 'edgepg/pg-core';
import { drizzle } from 'edgepg/neon-http';

const users = pgTable('users', { id: serial('id').primaryKey(), name: text('name').notNull(), age: integer('age') });

export default {
  async fetch(req: Request, env: { DATABASE_URL: string }): Promise<Response> {
    const db = drizzle(env.DATABASE_URL);
    const id = Number(new URL(req.url).searchParams.get('id') ?? 1);
    if (req.method === 'POST') {
      const [row] = await db.insert(users).values({ name: 'Ann', age: 31 }).returning();
      return Response.json(row);
    }
    return Response.json(await db.select().from(users).where(eq(users.id, id)));
  },
};
