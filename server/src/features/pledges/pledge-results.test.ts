import { describe, expect, it } from 'vitest';
import { followUpPeriod } from './pledge-results';

describe('the follow-up period', () => {
  const on = (day: string) => new Date(`${day}T12:00:00Z`);

  it('is the pledge year after the baseline, up to the end of the last whole month', () => {
    expect(followUpPeriod(2026, '2026-03-31', on('2026-11-25'))).toEqual({ from: '2026-04-01', to: '2026-10-31' });
    expect(followUpPeriod(2026, '2025-12-31', on('2027-02-10'))).toEqual({ from: '2026-01-01', to: '2026-12-31' });
  });

  it('has not begun before the pledge year has a whole month', () => {
    expect(followUpPeriod(2027, '2026-11-25', on('2026-11-25'))).toBeNull();
    expect(followUpPeriod(2027, '2026-11-25', on('2027-01-20'))).toBeNull();
    expect(followUpPeriod(2027, '2026-11-25', on('2027-02-01'))).toEqual({ from: '2027-01-01', to: '2027-01-31' });
  });
});
