import { beforeAll, describe, expect, it } from 'vitest';
import { declaredSchema, type DeclaredColumn } from '../support/schema-types';
import { migratedDatabaseForFile } from '../support/test-app';

/** Tables the app reaches only through raw SQL or triggers, so schema.ts leaves them out on purpose. */
const UNTYPED_TABLES = new Set([
  // Written by triggers, read and pruned with raw SQL (hotspot-repository.ts).
  'collaboration_data_change',
  // Kysely's own bookkeeping.
  'kysely_migration',
  'kysely_migration_lock',
]);

const database = migratedDatabaseForFile();

interface MigratedColumn {
  nullable: boolean;
  hasDefault: boolean;
}

async function migratedSchema(): Promise<Map<string, Map<string, MigratedColumn>>> {
  const tables = await database.db.introspection.getTables();
  return new Map(
    tables
      .filter((t) => !t.isView && !UNTYPED_TABLES.has(t.name))
      .map((t) => [
        t.name,
        new Map(t.columns.map((c) => [c.name, { nullable: c.isNullable, hasDefault: c.hasDefaultValue || c.isAutoIncrementing }])),
      ]),
  );
}

const sorted = (names: Iterable<string>) => [...names].sort();

describe('server/src/db/schema.ts against the migrated database', () => {
  let declared: Map<string, Map<string, DeclaredColumn>>;
  let migrated: Map<string, Map<string, MigratedColumn>>;
  beforeAll(async () => {
    declared = declaredSchema();
    migrated = await migratedSchema();
  });

  it('declares exactly the migrated tables', () => {
    expect(sorted(declared.keys())).toEqual(sorted(migrated.keys()));
  });

  it('declares exactly the migrated columns of each table', () => {
    const columns = (schema: Map<string, Map<string, unknown>>) =>
      sorted([...schema].flatMap(([table, cols]) => [...cols.keys()].map((c) => `${table}.${c}`)));
    expect(columns(declared)).toEqual(columns(migrated));
  });

  it('says null where the database allows null, and only there', () => {
    // A column typed `unknown` (JSON read as is) makes no claim either way.
    const typed = (table: string, column: string) => declared.get(table)?.get(column)?.nullable !== undefined;
    const nullability = (schema: Map<string, Map<string, { nullable: boolean | undefined }>>) =>
      sorted(
        [...schema].flatMap(([table, cols]) =>
          [...cols].filter(([c]) => typed(table, c)).map(([c, { nullable }]) => `${table}.${c}: ${nullable ? 'null' : 'not null'}`),
        ),
      );
    expect(nullability(declared)).toEqual(nullability(migrated));
  });

  it('lets an insert leave out only columns that have a default or may be null', () => {
    const wrong = [...declared].flatMap(([table, cols]) =>
      [...cols]
        .filter(([column, { omittable }]) => {
          const actual = migrated.get(table)?.get(column);
          return omittable && actual !== undefined && !actual.hasDefault && !actual.nullable;
        })
        .map(([column]) => `${table}.${column}`),
    );
    expect(wrong).toEqual([]);
  });
});
