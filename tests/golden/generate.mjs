// Golden-case generator for edgepg.
//
//   node generate.mjs          writes expected.json
//   node generate.mjs --check  regenerates in memory, exits 1 (with a diff summary) if expected.json differs
//
// The cases live in cases.mjs; this file adds drizzle's table metadata (getTableConfig) and writes.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { dirname, join } from 'node:path';
import { is, SQL } from 'drizzle-orm';
import { getTableConfig } from 'drizzle-orm/pg-core';
import { buildCases, dialect } from './cases.mjs';
import { writeOrCheck } from '../expected-file.mjs';
import {
  moodEnum, cities, users, posts, comments, mySchemaUsers, schemaMood,
  everything, prefixed, weird,
} from './schema.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const outPath = join(here, 'expected.json');
const pkg = JSON.parse(readFileSync(join(here, 'node_modules/drizzle-orm/package.json'), 'utf8'));

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

function buildSchema() {
  const tables = {
    cities, users, posts, comments, 'my_schema.users': mySchemaUsers, everything, prefixed, weird,
  };
  return {
    tables: Object.fromEntries(Object.entries(tables).map(([k, t]) => [k, tableSchema(t)])),
    enums: [moodEnum, schemaMood].map((e) => ({ name: e.enumName, schema: e.schema ?? null, values: [...e.enumValues] })),
  };
}

function build() {
  return { generator: `drizzle-orm ${pkg.version}`, cases: buildCases(), schema: buildSchema() };
}

// ---------------------------------------------------------------------------------------------
const result = build();
const text = JSON.stringify(result, null, 2) + '\n';

writeOrCheck({
  outPath,
  text,
  upToDate: `expected.json is up to date (${Object.keys(result.cases).length} cases)`,
  wrote: `wrote ${outPath}: ${Object.keys(result.cases).length} cases (${Object.values(result.cases).filter((v) => 'error' in v).length} error cases)`,
  diff(committed) {
    const lines = [];
    if (committed.generator !== result.generator) lines.push(`generator: ${committed.generator} -> ${result.generator}`);
    const oldCases = committed.cases ?? {};
    const newCases = result.cases;
    for (const k of Object.keys(newCases)) {
      if (!(k in oldCases)) lines.push(`+ ${k} (new case)`);
      else if (JSON.stringify(oldCases[k]) !== JSON.stringify(newCases[k])) {
        lines.push(`~ ${k}`);
        lines.push(`    committed: ${JSON.stringify(oldCases[k])}`);
        lines.push(`    generated: ${JSON.stringify(newCases[k])}`);
      }
    }
    for (const k of Object.keys(oldCases)) if (!(k in newCases)) lines.push(`- ${k} (missing from generator)`);
    if (JSON.stringify(committed.schema) !== JSON.stringify(result.schema)) lines.push('~ schema section differs');
    if (JSON.stringify(Object.keys(oldCases)) !== JSON.stringify(Object.keys(newCases))) lines.push('~ case order differs');
    return lines;
  },
});
