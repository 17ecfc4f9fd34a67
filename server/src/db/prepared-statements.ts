import type { PostgresPool, PostgresPoolClient } from 'kysely';
import type pg from 'pg';

/** The marker a hot query starts with to run as a named prepared statement: `/* prepared: name *\/`. */
export const PREPARED_MARKER = /^\/\* prepared: ([a-z_]{1,60}) \*\//;

/**
 * A pool for Kysely's PostgresDialect that runs the queries marked with PREPARED_MARKER as
 * named prepared statements: PostgreSQL parses and plans them once per connection instead of
 * on every call (for the submission statement, a third of its cost). Opt-in by marker, not
 * for every query, because each distinct text would stay prepared on every connection.
 * Elsewhere (PGlite) the marker is an ordinary comment.
 */
export function withPreparedStatements(pool: pg.Pool): PostgresPool {
  return {
    connect: async () => {
      const client = await pool.connect();
      const query = (sql: unknown, parameters?: readonly unknown[]) => {
        const name = typeof sql === 'string' ? PREPARED_MARKER.exec(sql)?.[1] : undefined;
        if (name) return client.query({ name, text: sql as string, values: [...(parameters ?? [])] });
        return typeof sql === 'string' ? client.query(sql, [...(parameters ?? [])]) : client.query(sql as never);
      };
      return { query, release: (destroy?: boolean) => client.release(destroy) } as unknown as PostgresPoolClient;
    },
    end: () => pool.end(),
  };
}
