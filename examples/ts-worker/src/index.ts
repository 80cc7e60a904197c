// Cloudflare Worker entry: routing, and one place where every error becomes a JSON response.
import { getDb, type Env } from './db.js';
import { toHttpError } from './errors.js';
import { errorResponse, HttpError } from './http.js';
import * as routes from './routes.js';

type Handler = (request: Request, env: Env, params: string[], ctx: ExecutionContext) => Promise<Response>;
type Methods = Partial<Record<string, Handler>>;

// Path patterns (`:id` matches one segment) and their handlers per method.
const ROUTES: [pattern: string[], methods: Methods][] = [
  [['health'], { GET: (_r, env) => routes.health(env) }],
  [
    ['users'],
    {
      GET: (r, env) => routes.listUsers(getDb(env), new URL(r.url).searchParams),
      POST: (r, env) => routes.createUser(getDb(env), r),
    },
  ],
  [['users', 'merge'], { POST: (r, env, _p, ctx) => routes.mergeUsers(env, r, ctx) }],
  [
    ['users', ':id'],
    {
      GET: (r, env, [id]) => routes.getUser(getDb(env), id!, new URL(r.url).searchParams),
      PATCH: (r, env, [id]) => routes.updateUser(getDb(env), id!, r),
      DELETE: (_r, env, [id]) => routes.deleteUser(getDb(env), id!),
    },
  ],
  [['users', ':id', 'posts'], { GET: (_r, env, [id]) => routes.listUserPosts(getDb(env), id!) }],
  [['posts', 'batch'], { POST: (r, env) => routes.createPosts(getDb(env), r) }],
  [['admin', 'migrate'], { POST: (r, env) => routes.adminMigrate(env, r) }],
];

/** The route matching `path`, with the values of its `:params`. */
function match(path: string): { methods: Methods; params: string[] } | undefined {
  const segments = path.split('/').slice(1);
  for (const [pattern, methods] of ROUTES) {
    if (pattern.length !== segments.length) continue;
    const params: string[] = [];
    const ok = pattern.every((p, i) => {
      const s = segments[i]!;
      if (p.startsWith(':')) {
        params.push(s);
        return s !== '';
      }
      return p === s;
    });
    if (ok) return { methods, params };
  }
  return undefined;
}

export default {
  async fetch(request, env, ctx): Promise<Response> {
    try {
      const route = match(new URL(request.url).pathname);
      if (!route) throw new HttpError(404, 'not found');
      const handler = route.methods[request.method];
      if (!handler) {
        const allow = Object.keys(route.methods).join(', ');
        return errorResponse(new HttpError(405, 'method not allowed'), { allow });
      }
      return await handler(request, env, route.params, ctx);
    } catch (e) {
      const error = toHttpError(e);
      if (error.status >= 500) console.error(`${request.method} ${new URL(request.url).pathname}:`, e);
      return errorResponse(error);
    }
  },
} satisfies ExportedHandler<Env>;
