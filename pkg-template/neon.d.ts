// edgepg/neon: drizzle-orm/neon's row-level-security helpers and Neon Auth's users_sync table.
import type { SQL, SQLWrapper } from './index.js';
import type { PgPolicy, PgRole, PgTableWithColumns, Column } from './pg-core.js';

/** select/insert/update/delete policies for `role`: `read` and `modify` are SQL, `true`, `false`
 * or `null` (no policy). */
export declare function crudPolicy(options: { role: PgRole | string | (PgRole | string)[]; read: SQL | boolean | null; modify: SQL | boolean | null }): PgPolicy[];
export declare const authenticatedRole: PgRole;
export declare const anonymousRole: PgRole;
/** `(select auth.user_id() = <column>)`. */
export declare function authUid(userIdColumn: SQLWrapper): SQL;
type Cfg<D, N extends boolean, H extends boolean = false> = { data: D; notNull: N; hasDefault: H; generated: false };
/** Neon Auth's `neon_auth.users_sync`. */
export declare const usersSync: PgTableWithColumns<'users_sync', {
  rawJson: Column<Cfg<unknown, true>, 'users_sync'>;
  id: Column<Cfg<string, true>, 'users_sync'>;
  name: Column<Cfg<string, false>, 'users_sync'>;
  email: Column<Cfg<string, false>, 'users_sync'>;
  createdAt: Column<Cfg<string, false>, 'users_sync'>;
  deletedAt: Column<Cfg<string, false>, 'users_sync'>;
  updatedAt: Column<Cfg<string, false>, 'users_sync'>;
}>;
