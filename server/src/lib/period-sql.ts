import { sql, type RawBuilder } from 'kysely';

/** A half-open stretch of time: the problem picture's period, or its whole months. */
export interface Period {
  from: Date;
  /** Exclusive. */
  to: Date;
}

/** `and <column> = <areaId>`, or nothing when every area counts. */
export function inArea(column: RawBuilder<unknown>, areaId: string | null): RawBuilder<unknown> {
  return areaId ? sql`and ${column} = ${areaId}` : sql``;
}

/**
 * The calendar month (UTC) of an answer: survey figures are counted per area and month, the
 * atoms of disclosure control (see the problem-picture README), whatever the session's time zone.
 */
export const monthOf = (submittedAt: RawBuilder<unknown>) => sql<string>`to_char(${submittedAt} at time zone 'UTC', 'YYYY-MM')`;
