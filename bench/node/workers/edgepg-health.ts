// drizzle-health.ts with its imports moved to edgepg (neon-http), for tests/worker/cold-start.mjs
// edgepg: the same minimal Worker on both sides, so the cold starts compare like for like
// (the templates carry whole apps). GET /health runs `select 1`.
import { sql } from 'edgepg';
import { drizzle } from 'edgepg/neon-http';

export default {
  async fetch(req: Request, env: { DATABASE_URL: string; DATABASE_ENDPOINT?: string }): Promise<Response> {
    if (new URL(req.url).pathname !== '/health') return Response.json({ error: { message: 'not found' } }, { status: 404 });
    await drizzle({ connection: { connectionString: env.DATABASE_URL, endpoint: env.DATABASE_ENDPOINT } }).execute(sql`select 1`);
    return Response.json({ ok: true, database: true });
  },
};
