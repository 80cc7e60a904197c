// edgepg/neon: drizzle-orm/neon's row-level-security helpers for Neon (crudPolicy, the
// authenticated and anonymous roles, authUid) and Neon Auth's users_sync table.
import { sql, is } from './core.js';
import { pgPolicy, pgRole, PgRole, pgSchema, jsonb, text, timestamp } from './pg-core.js';

/** drizzle's `crudPolicy({ role, read, modify })`: select/insert/update/delete policies for a role. */
export function crudPolicy(options) {
  if (options.read === undefined) throw new Error('crudPolicy requires a read policy');
  if (options.modify === undefined) throw new Error('crudPolicy requires a modify policy');
  const expr = (v) => (v === true ? sql`true` : v === false ? sql`false` : v !== null ? v : undefined);
  const read = expr(options.read);
  const modify = expr(options.modify);
  const roleName = (r) => (is(r, PgRole) ? r.name : r);
  const rolesName = Array.isArray(options.role) ? options.role.map(roleName).join('-') : roleName(options.role);
  return [
    read && pgPolicy(`crud-${rolesName}-policy-select`, { for: 'select', to: options.role, using: read }),
    modify && pgPolicy(`crud-${rolesName}-policy-insert`, { for: 'insert', to: options.role, withCheck: modify }),
    modify && pgPolicy(`crud-${rolesName}-policy-update`, { for: 'update', to: options.role, using: modify, withCheck: modify }),
    modify && pgPolicy(`crud-${rolesName}-policy-delete`, { for: 'delete', to: options.role, using: modify }),
  ].filter(Boolean);
}

export const authenticatedRole = pgRole('authenticated').existing();
export const anonymousRole = pgRole('anonymous').existing();
/** `(select auth.user_id() = <column>)`. */
export const authUid = (userIdColumn) => sql`(select auth.user_id() = ${userIdColumn})`;

/** Neon Auth's `neon_auth.users_sync` table. */
export const usersSync = pgSchema('neon_auth').table('users_sync', {
  rawJson: jsonb('raw_json').notNull(),
  id: text().primaryKey().notNull(),
  name: text(),
  email: text(),
  createdAt: timestamp('created_at', { withTimezone: true, mode: 'string' }),
  deletedAt: timestamp('deleted_at', { withTimezone: true, mode: 'string' }),
  updatedAt: timestamp('updated_at', { withTimezone: true, mode: 'string' }),
});
