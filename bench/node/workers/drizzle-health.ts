// The drizzle-orm + @neondatabase/serverless (neon-http) Worker used as the cold-start anchor
// (tests/worker/cold-start.mjs drizzle): GET /health runs `select 1` like the templates do.
import { sql } from 'drizzle-orm';
import { drizzle } from 'drizzle-orm/neon-http';
import { neonConfig } from '@neondatabase/serverless';

export default {
  async fetch(req: Request, env: { DATABASE_URL: string; DATABASE_ENDPOINT?: string }): Promise<Response> {
    if (env.DATABASE_ENDPOINT) neonConfig.fetchEndpoint = () => env.DATABASE_ENDPOINT as string;
    if (new URL(req.url).pathname !== '/health') return Response.json({ error: { message: 'not found' } }, { status: 404 });
    await drizzle(env.DATABASE_URL).execute(sql`select 1`);
    return Response.json({ ok: true, database: true });
  },
};
