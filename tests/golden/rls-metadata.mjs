// Row-level security and sequence metadata, as drizzle-orm 0.45.4 builds it: crudPolicy and the
// Neon roles (drizzle-orm/neon), pgPolicy/pgRole, enableRLS, pgSequence. generate.mjs writes it
// into expected.json's `rls`; tests/ts/parity.mjs recomputes it with edgepg's package (the same
// file, 'drizzle-orm…' resolved to edgepg by a module hook).
import { sql } from 'drizzle-orm';
import { getTableConfig, pgTable, pgPolicy, pgRole, pgSequence, pgSchema, integer, text, PgDialect } from 'drizzle-orm/pg-core';
import { crudPolicy, authenticatedRole, anonymousRole, authUid, usersSync } from 'drizzle-orm/neon';

const dialect = new PgDialect();
const sqlText = (s) => (s === undefined ? null : dialect.sqlToQuery(s).sql);
const roleName = (r) => (typeof r === 'string' ? r : r?.name ?? null);

export function buildRls() {
  const admin = pgRole('admin', { createRole: true, inherit: false });
  const notes = pgTable('notes', { id: integer('id'), userId: text('user_id').notNull() }, (t) => [
    ...crudPolicy({ role: authenticatedRole, read: true, modify: authUid(t.userId) }),
    crudPolicy({ role: [anonymousRole, 'reader'], read: sql`false`, modify: false }),
    pgPolicy('admins', { as: 'restrictive', for: 'all', to: [admin, 'postgres'], using: sql`true`, withCheck: sql`${t.id} > 0` }),
  ]).enableRLS();
  const cfg = getTableConfig(notes);
  const seq = pgSequence('note_ids', { startWith: 10, increment: 2 });
  const sseq = pgSchema('app').sequence('app_ids');
  return {
    enableRLS: cfg.enableRLS,
    plainTableRLS: getTableConfig(pgTable('plain', { id: integer('id') })).enableRLS,
    policies: cfg.policies.flat().map((p) => ({
      name: p.name, as: p.as ?? null, for: p.for ?? null,
      to: Array.isArray(p.to) ? p.to.map(roleName) : roleName(p.to),
      using: sqlText(p.using), withCheck: sqlText(p.withCheck),
    })),
    roles: [admin, authenticatedRole, anonymousRole].map((r) => ({ name: r.name, existing: r._existing ?? null, createDb: r.createDb ?? null, createRole: r.createRole ?? null, inherit: r.inherit ?? null })),
    sequences: [seq, sseq].map((s) => ({ name: s.seqName, schema: s.schema ?? null, options: s.seqOptions ?? null })),
    usersSync: { name: getTableConfig(usersSync).name, schema: getTableConfig(usersSync).schema, columns: getTableConfig(usersSync).columns.map((c) => [c.name, c.getSQLType(), c.notNull, c.primary]) },
  };
}
