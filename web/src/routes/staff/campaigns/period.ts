/**
 * Campaign periods as coordinators think of them: whole days in Swedish time. A campaign
 * "1–30 March" opens at the start of 1 March and closes at the start of 31 March, Stockholm
 * time, whatever the server's own time zone is.
 */
const ZONE = 'Europe/Stockholm';
const DAY = 86_400_000;

const parts = new Intl.DateTimeFormat('en-CA', {
  timeZone: ZONE,
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
  hourCycle: 'h23',
});

/** Minutes Stockholm is ahead of UTC at this instant (60 or 120). */
function offsetMinutes(at: Date): number {
  const p = Object.fromEntries(parts.formatToParts(at).map((x) => [x.type, x.value]));
  const asUtc = Date.UTC(Number(p.year), Number(p.month) - 1, Number(p.day), Number(p.hour), Number(p.minute), Number(p.second));
  return Math.round((asUtc - Math.floor(at.getTime() / 1000) * 1000) / 60_000);
}

/** "2026-03-01" → the instant that day starts in Stockholm; undefined for anything else. */
export function startOfDay(date: string): Date | undefined {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(date)) return undefined;
  const utcMidnight = Date.parse(`${date}T00:00:00Z`);
  if (Number.isNaN(utcMidnight)) return undefined;
  const guess = new Date(utcMidnight - offsetMinutes(new Date(utcMidnight)) * 60_000);
  // Around a DST change the offset at the guess may differ from the one at UTC midnight.
  return new Date(utcMidnight - offsetMinutes(guess) * 60_000);
}

/** The Stockholm calendar date of an instant, as "yyyy-mm-dd". */
export function dayOf(at: Date): string {
  const p = Object.fromEntries(parts.formatToParts(at).map((x) => [x.type, x.value]));
  return `${p.year}-${p.month}-${p.day}`;
}

/** The form's "open from" and "open through" days → the API's opensAt and closesAt. */
export function periodFromDays(from: string, through: string): { opensAt: string; closesAt: string } | undefined {
  const opens = startOfDay(from);
  const last = startOfDay(through);
  if (!opens || !last) return undefined;
  const closes = startOfDay(dayOf(new Date(last.getTime() + DAY + 3 * 3_600_000)));
  return closes ? { opensAt: opens.toISOString(), closesAt: closes.toISOString() } : undefined;
}

/** The API's period → the form's days (the last day is the one before closing). */
export function daysFromPeriod(opensAt: string, closesAt: string): { from: string; through: string } {
  return { from: dayOf(new Date(opensAt)), through: dayOf(new Date(new Date(closesAt).getTime() - 1)) };
}
