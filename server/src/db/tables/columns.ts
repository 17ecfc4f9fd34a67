import type { ColumnType } from 'kysely';

/** Set by the database on insert and never updated. */
export type CreatedAt = ColumnType<Date, Date | string | undefined, never>;
