import { describe, expect, it } from 'vitest';
import { dayStart, eachDay, halfYearPeriods, localDay, periodProblem, periodRange, reportingPeriodOf } from './period.ts';

/** The zone database's answer, independent of the fixed offset the code uses. */
const zoneDay = (iso: string) => new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Ho_Chi_Minh', year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date(iso));

describe('days in Asia/Ho_Chi_Minh', () => {
  it('puts an instant on the local day the time-zone database does, around midnight there and in UTC', () => {
    for (const iso of ['2026-06-10T16:59:59.999Z', '2026-06-10T17:00:00.000Z', '2025-12-31T16:59:59.999Z', '2025-12-31T17:00:00.000Z', '2026-03-01T20:00:00.000Z', '2026-03-01T00:30:00.000Z', '2024-02-28T17:00:00.000Z']) {
      expect(localDay(iso), iso).toBe(zoneDay(iso));
    }
  });

  it('starts a local day at 17:00 UTC the day before, and a period ends at the local midnight after its last day', () => {
    expect(dayStart('2026-06-11')).toBe('2026-06-10T17:00:00.000Z');
    expect(dayStart('2026-01-01')).toBe('2025-12-31T17:00:00.000Z');
    expect(periodRange({ from: '2025-12-11', to: '2026-06-10' })).toEqual({ from: '2025-12-10T17:00:00.000Z', to: '2026-06-10T17:00:00.000Z', offsetMinutes: 420 });
  });

  it('lists every day of a period, leap days included', () => {
    const days = eachDay({ from: '2024-02-27', to: '2024-03-01' });
    expect(days).toEqual(['2024-02-27', '2024-02-28', '2024-02-29', '2024-03-01']);
    expect(eachDay(halfYearPeriods(2026)[0])).toHaveLength(182);
  });
});

describe('reporting periods (before 10/6 and 10/12)', () => {
  it('tiles the year: 11/12 → 10/6, then 11/6 → 10/12', () => {
    expect(halfYearPeriods(2026)).toEqual([
      { label: 'Kỳ báo cáo đến 10/6/2026', from: '2025-12-11', to: '2026-06-10' },
      { label: 'Kỳ báo cáo đến 10/12/2026', from: '2026-06-11', to: '2026-12-10' },
    ]);
    expect(reportingPeriodOf('2026-06-10').to).toBe('2026-06-10');
    expect(reportingPeriodOf('2026-06-11').to).toBe('2026-12-10');
    expect(reportingPeriodOf('2026-12-11').to).toBe('2027-06-10');
    expect(reportingPeriodOf('2026-01-05').from).toBe('2025-12-11');
  });

  it('refuses dates that do not exist, reversed periods and periods over two years', () => {
    expect(periodProblem({ from: '2026-02-30', to: '2026-03-01' })).toMatch(/không hợp lệ/);
    expect(periodProblem({ from: '2026-03-02', to: '2026-03-01' })).toMatch(/trước/);
    expect(periodProblem({ from: '2020-01-01', to: '2026-03-01' })).toMatch(/tối đa/);
    expect(periodProblem({ from: '2026-03-01', to: '2026-03-01' })).toBeNull();
  });
});
