// The golden schema's table metadata, as drizzle's getTableConfig reports it: what generate.mjs
// writes into expected.json's `schema`, and what tests/ts/parity.mjs recomputes with edgepg's
// package (the same file, 'drizzle-orm' resolved to edgepg by a module hook).
import { is, SQL } from 'drizzle-orm';
import { getTableConfig } from 'drizzle-orm/pg-core';
import { dialect } from './cases.mjs';
import {
  moodEnum, cities, users, posts, comments, mySchemaUsers, schemaMood,
  everything, prefixed, weird,
} from './schema.mjs';

function tableSchema(t) {
  const cfg = getTableConfig(t);
  const sqlStr = (s) => (s ? dialect.sqlToQuery(s).sql : null);
  return {
    name: cfg.name,
    schema: cfg.schema ?? null,
    columns: cfg.columns.map((col) => ({
      name: col.name,
      sqlType: col.getSQLType(),
      columnType: col.columnType,
      notNull: col.notNull,
      hasDefault: col.hasDefault,
      hasDefaultFn: col.defaultFn !== undefined,
      hasOnUpdateFn: col.onUpdateFn !== undefined,
      primary: col.primary,
      isUnique: col.isUnique,
      uniqueName: col.uniqueName ?? null,
      uniqueType: col.uniqueType ?? null,
      generated: col.generated ? col.generated.type : null,
      identity: col.generatedIdentity ? col.generatedIdentity.type : null,
    })),
    indexes: cfg.indexes.map((ix) => ({
      name: ix.config.name ?? null,
      unique: ix.config.unique,
      method: ix.config.method,
      columns: ix.config.columns.map((ic) => (is(ic, SQL) ? sqlStr(ic) : { name: ic.name, order: ic.indexConfig?.order ?? null, nulls: ic.indexConfig?.nulls ?? null })),
      where: ix.config.where ? sqlStr(ix.config.where) : null,
    })),
    foreignKeys: cfg.foreignKeys.map((fk) => {
      const ref = fk.reference();
      return {
        name: fk.getName(),
        onDelete: fk.onDelete ?? null,
        onUpdate: fk.onUpdate ?? null,
        columns: ref.columns.map((c) => c.name),
        foreignTable: getTableConfig(ref.foreignTable).name,
        foreignColumns: ref.foreignColumns.map((c) => c.name),
      };
    }),
    primaryKeys: cfg.primaryKeys.map((pk) => ({ name: pk.getName(), columns: pk.columns.map((c) => c.name) })),
    checks: cfg.checks.map((ck) => ({ name: ck.name, sql: sqlStr(ck.value) })),
    uniqueConstraints: cfg.uniqueConstraints.map((u) => ({ name: u.getName(), columns: u.columns.map((c) => c.name), nullsNotDistinct: u.nullsNotDistinct })),
  };
}

export function buildSchema() {
  const tables = {
    cities, users, posts, comments, 'my_schema.users': mySchemaUsers, everything, prefixed, weird,
  };
  return {
    tables: Object.fromEntries(Object.entries(tables).map(([k, t]) => [k, tableSchema(t)])),
    enums: [moodEnum, schemaMood].map((e) => ({ name: e.enumName, schema: e.schema ?? null, values: [...e.enumValues] })),
  };
}

