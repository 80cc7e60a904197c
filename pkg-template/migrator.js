// drizzle-kit migrations folders, applied as drizzle applies them (drizzle-orm/migrator.js,
// pg-core/dialect.js `migrate`): `meta/_journal.json`, `<tag>.sql` split on
// `--> statement-breakpoint`, the bookkeeping table `drizzle.__drizzle_migrations` (`id`,
// `hash` = sha256 of the file, `created_at` = the journal's `when`), and a migration is pending
// when its `when` is later than the newest `created_at`. A database migrated by drizzle is
// continued by edgepg and the other way round.
//
// Beyond drizzle: every pending migration is applied in ONE transaction (over HTTP, one batch
// request), under a transaction-scoped advisory lock, so a failing statement leaves the schema
// and the bookkeeping as they were and two migrators started at once cannot both apply; the
// error names the migration and keeps PostgreSQL's fields. A migration already applied whose
// file changed since (its hash differs) is an error, where drizzle says nothing.

/** The lock key of `pg_advisory_xact_lock` (any fixed int8: "edgepgmi" in ASCII). */
const LOCK_KEY = '7306930263656500585';
const BREAKPOINT = '--> statement-breakpoint';

/** A migrator's error: `kind` is `config` (the folder or the data is wrong), `changed` (an
 * applied migration's file differs from what ran), or `migration` (a statement failed: `tag`
 * names the migration, `cause` is the database error, whose fields are copied here). */
export class MigrationError extends Error {
  constructor(message, fields = {}) {
    super(message);
    this.name = 'MigrationError';
    Object.assign(this, fields);
  }
}

function node(name) {
  const get = globalThis.process?.getBuiltinModule;
  if (typeof get !== 'function') {
    throw new MigrationError(`this runtime has no filesystem (no ${name}): pass the migrations as data, migrate(db, { migrations }) ` +
      '(npx edgepg migrations-module --folder ./drizzle --out migrations.js writes them as a module)', { kind: 'config' });
  }
  return get(name);
}

/** The sha256 of a file's text, as drizzle computes it (node:crypto, hex). */
function sha256(text) {
  return node('node:crypto').createHash('sha256').update(text).digest('hex');
}

/**
 * drizzle's `readMigrationFiles({ migrationsFolder })`: the folder's migrations in journal order,
 * `[{ sql: [statement…], bps, folderMillis, hash, tag }]` (drizzle's MigrationMeta, plus the tag
 * for messages). Node (and runtimes with `process.getBuiltinModule`) only.
 */
export function readMigrationFiles(config) {
  const fs = node('node:fs');
  const folder = String(config.migrationsFolder).replace(/\/+$/, '');
  const journalPath = `${folder}/meta/_journal.json`;
  if (!fs.existsSync(journalPath)) throw new MigrationError(`Can't find meta/_journal.json file (looked for ${journalPath})`, { kind: 'config', file: journalPath });
  let journal;
  try {
    journal = JSON.parse(fs.readFileSync(journalPath, 'utf8'));
  } catch (e) {
    throw new MigrationError(`${journalPath} is not a drizzle-kit journal: ${e.message}`, { kind: 'config', file: journalPath });
  }
  if (!Array.isArray(journal?.entries)) throw new MigrationError(`${journalPath} has no "entries" array`, { kind: 'config', file: journalPath });
  return journal.entries.map((entry) => {
    const file = `${folder}/${entry.tag}.sql`;
    let text;
    try {
      text = fs.readFileSync(file, 'utf8');
    } catch {
      throw new MigrationError(`No file ${file} found in ${folder} folder (journal entry ${entry.idx} "${entry.tag}")`, { kind: 'config', file });
    }
    return { sql: text.split(BREAKPOINT), bps: entry.breakpoints, folderMillis: entry.when, hash: sha256(text), tag: entry.tag };
  });
}

/** The migrations of `config`: `{ migrations }` (data, e.g. a module written by
 * `edgepg migrations-module`) or `{ migrationsFolder }`; checked. */
export function migrationsOf(config) {
  const list = config.migrations ?? readMigrationFiles(config);
  if (!Array.isArray(list)) throw new MigrationError('migrations must be an array of { sql, folderMillis, hash }', { kind: 'config' });
  let last = -Infinity;
  for (const [i, m] of list.entries()) {
    const name = m?.tag ?? `#${i}`;
    if (!Array.isArray(m?.sql) || !m.sql.every((s) => typeof s === 'string')) throw new MigrationError(`migration ${name}: sql must be an array of statements`, { kind: 'config', tag: m?.tag });
    if (!Number.isSafeInteger(m.folderMillis)) throw new MigrationError(`migration ${name}: folderMillis must be an integer (the journal's "when")`, { kind: 'config', tag: m.tag });
    if (typeof m.hash !== 'string' || !/^[0-9a-f]{64}$/.test(m.hash)) throw new MigrationError(`migration ${name}: hash must be a sha256 in hex`, { kind: 'config', tag: m.tag });
    if (m.folderMillis < last) throw new MigrationError(`migration ${name}: its "when" is earlier than the one before it`, { kind: 'config', tag: m.tag });
    last = m.folderMillis;
  }
  return list;
}

/** The statements of the bookkeeping, for `schema`.`table` (quoted identifiers). */
export function bookkeeping(sql, config = {}) {
  const table = config.migrationsTable ?? '__drizzle_migrations';
  const schema = config.migrationsSchema ?? 'drizzle';
  const t = sql`${sql.identifier(schema)}.${sql.identifier(table)}`;
  return {
    lock: sql`select pg_advisory_xact_lock(${LOCK_KEY}::int8)`,
    createSchema: sql`CREATE SCHEMA IF NOT EXISTS ${sql.identifier(schema)}`,
    createTable: sql`
		CREATE TABLE IF NOT EXISTS ${t} (
			id SERIAL PRIMARY KEY,
			hash text NOT NULL,
			created_at bigint
		)
	`,
    applied: sql`select hash, created_at from ${t} order by created_at`,
    insert: (m) => sql`insert into ${t} ("hash", "created_at") values(${m.hash}, ${m.folderMillis})`,
    // fails (22P02, with this text) unless the table still has `count` rows: the check that
    // nothing was applied between reading the table and applying, in the applying transaction.
    // The cast's operand depends on the row (`left(…, 0)` is ''), so the planner cannot fold it
    // into an error that would be raised whatever the condition.
    unchanged: (count) => sql`select cast(${CHANGED}::text || left(s.n::text, 0) as int) from (select count(*) as n from ${t}) s where s.n <> ${count}`,
  };
}
const CHANGED = 'edgepg: the migrations table changed while migrating';

/** What is pending after `applied` (rows `{ hash, created_at }` in created_at order), by
 * drizzle's rule; an applied migration whose hash differs from its file is an error. */
export function pending(migrations, applied) {
  const byWhen = new Map(applied.map((r) => [String(r.created_at), r.hash]));
  for (const m of migrations) {
    const hash = byWhen.get(String(m.folderMillis));
    if (hash !== undefined && hash !== m.hash) {
      throw new MigrationError(`migration ${m.tag ?? m.folderMillis} was applied with another content (hash ${hash}, its file now ${m.hash}): ` +
        'a migration must not change once applied; restore the file, or add a new migration', { kind: 'changed', tag: m.tag });
    }
  }
  const last = applied.length ? Number(applied[applied.length - 1].created_at) : undefined;
  return migrations.filter((m) => last === undefined || last < m.folderMillis);
}

/** Whether `e` is the `unchanged` check failing (another migrator applied meanwhile). */
export function isChanged(e) {
  const cause = e?.cause ?? e;
  return cause?.code === '22P02' && String(cause.message).includes(CHANGED);
}

/** The migration error for `e`, raised by a statement of `m`. */
export function failed(m, e) {
  const cause = e?.cause ?? e;
  const fields = { kind: 'migration', tag: m.tag, cause };
  for (const k of ['code', 'detail', 'hint', 'position', 'where', 'schema', 'table', 'column', 'constraint']) {
    if (cause?.[k] !== undefined) fields[k] = cause[k];
  }
  return new MigrationError(`migration ${m.tag ?? m.folderMillis} failed, nothing was applied: ${cause?.message ?? e}`, fields);
}
