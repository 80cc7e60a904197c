// Module hook for parity.mjs: the golden cases import 'drizzle-orm…'; here those names resolve to
// shims over edgepg's npm package, so the SAME call chains run through edgepg.
const shims = {
  'drizzle-orm': './shim/drizzle-orm.mjs',
  'drizzle-orm/pg-core': './shim/pg-core.mjs',
  'drizzle-orm/neon-http': './shim/neon-http.mjs',
  'drizzle-orm/neon': './shim/neon.mjs',
};

export async function resolve(specifier, context, next) {
  if (specifier in shims) return { url: new URL(shims[specifier], import.meta.url).href, shortCircuit: true };
  return next(specifier, context);
}
