// Input validation: every failure is a 400 `HttpError` naming the field when there is one.
import { HttpError } from './http.js';

/** PostgreSQL `integer` (what `serial` ids are). */
export const INT4_MAX = 2_147_483_647;

const invalid = (message: string, field?: string) => new HttpError(400, message, field === undefined ? {} : { field });

/** A decimal integer, nothing else: no sign, no spaces, no exponent, no fraction. */
function parseDigits(s: string): number | undefined {
  if (!/^[0-9]{1,16}$/.test(s)) return undefined;
  const n = Number(s);
  return Number.isSafeInteger(n) ? n : undefined;
}

/**
 * An id from the path (`/users/:id`). Not an integer → 400. An integer no row can have (beyond
 * PostgreSQL's `integer`) is simply absent: `undefined`, which the routes answer with 404.
 */
export function parseId(s: string): number | undefined {
  const n = parseDigits(s.startsWith('-') ? s.slice(1) : s);
  if (n === undefined) throw invalid('id must be an integer', 'id');
  return s.startsWith('-') || n > INT4_MAX ? undefined : n;
}

/** An optional integer query parameter within [min, max]. */
export function queryInt(params: URLSearchParams, name: string, min: number, max: number): number | undefined {
  const raw = params.get(name);
  if (raw === null) return undefined;
  const n = parseDigits(raw);
  if (n === undefined || n < min || n > max) throw invalid(`${name} must be an integer from ${min} to ${max}`, name);
  return n;
}

/** The request body as a JSON object. */
export async function readJsonObject(request: Request): Promise<Record<string, unknown>> {
  let body: unknown;
  try {
    body = JSON.parse(await request.text());
  } catch {
    throw invalid('request body must be valid JSON');
  }
  if (typeof body !== 'object' || body === null || Array.isArray(body)) throw invalid('request body must be a JSON object');
  return body as Record<string, unknown>;
}

/** Length in characters (code points), not UTF-16 units. */
const length = (s: string) => [...s].length;

function string(value: unknown, field: string, min: number, max: number): string {
  if (typeof value !== 'string') throw invalid(`${field} must be a string`, field);
  const n = length(value);
  if (n < min || n > max) throw invalid(`${field} must be ${min} to ${max} characters long`, field);
  return value;
}

export const userName = (value: unknown, field = 'name') => string(value, field, 1, 100);

export function email(value: unknown, field = 'email'): string {
  if (typeof value !== 'string' || !value.includes('@')) throw invalid(`${field} must be a string containing "@"`, field);
  return value;
}

export interface NewUser {
  name: string;
  email: string;
}
export const newUser = (body: Record<string, unknown>): NewUser => ({ name: userName(body.name), email: email(body.email) });

/** `PATCH /users/:id`: any of `name`, `email`, at least one. */
export function userPatch(body: Record<string, unknown>): Partial<NewUser> {
  const patch: Partial<NewUser> = {};
  if (body.name !== undefined) patch.name = userName(body.name);
  if (body.email !== undefined) patch.email = email(body.email);
  if (patch.name === undefined && patch.email === undefined) throw invalid('give at least one of name, email');
  return patch;
}

export interface NewPosts {
  userId: number;
  posts: { title: string; body?: string }[];
}

/**
 * `POST /posts/batch`: `{"userId": int, "posts": [{"title", "body"?}, …] (1–20)}`. A `body` that is
 * absent or null takes the column's default (''). `userId` may be any integer: one that no row can
 * have is answered with 404 by the route.
 */
export function newPosts(body: Record<string, unknown>): NewPosts {
  const { userId, posts } = body;
  if (typeof userId !== 'number' || !Number.isInteger(userId)) throw invalid('userId must be an integer', 'userId');
  if (!Array.isArray(posts) || posts.length < 1 || posts.length > 20) throw invalid('posts must be an array of 1 to 20 posts', 'posts');
  return {
    userId,
    posts: posts.map((p: unknown, i) => {
      const at = `posts[${i}]`;
      if (typeof p !== 'object' || p === null || Array.isArray(p)) throw invalid(`${at} must be an object`, at);
      const { title, body } = p as Record<string, unknown>;
      const post: { title: string; body?: string } = { title: string(title, `${at}.title`, 1, 200) };
      if (body !== undefined && body !== null) {
        if (typeof body !== 'string') throw invalid(`${at}.body must be a string`, `${at}.body`);
        post.body = body;
      }
      return post;
    }),
  };
}

export interface Merge {
  from: number;
  into: number;
}

/** `POST /users/merge`: `{"from": int, "into": int}`, two different users. An id no row can have
 * (negative, beyond int4) is answered with 404 by the route. */
export function merge(body: Record<string, unknown>): Merge {
  const { from, into } = body;
  if (typeof from !== 'number' || !Number.isInteger(from)) throw invalid('from must be an integer', 'from');
  if (typeof into !== 'number' || !Number.isInteger(into)) throw invalid('into must be an integer', 'into');
  if (from === into) throw invalid('from and into must be different users', 'into');
  return { from, into };
}
