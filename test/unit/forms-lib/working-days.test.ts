import { findWorkday, isWorkday } from 'chinese-days';
import cd2025 from 'chinese-days/dist/years/2025.json';
import cd2026 from 'chinese-days/dist/years/2026.json';
import { describe, expect, it } from 'vitest';
import cal2025 from '../../../forms/calendar/2025.json';
import cal2026 from '../../../forms/calendar/2026.json';
import {
  addWorkingDays,
  builtinCalendar,
  dueAtIso,
  isWorkingDay,
  mergeCalendars,
  shanghaiDate,
} from '../../../forms/lib/working-days';

function everyDay(year: number): string[] {
  const out: string[] = [];
  for (let t = Date.UTC(year, 0, 1); t < Date.UTC(year + 1, 0, 1); t += 86_400_000)
    out.push(new Date(t).toISOString().slice(0, 10));
  return out;
}

describe('holiday calendar data', () => {
  it('equals the chinese-days package for 2025 and 2026 (holidays and 调休 workdays)', () => {
    for (const [ours, theirs] of [
      [cal2025, cd2025],
      [cal2026, cd2026],
    ] as const) {
      expect([...ours.holidays].sort()).toEqual(Object.keys(theirs.holidays).sort());
      expect([...ours.workdays].sort()).toEqual(Object.keys(theirs.workdays).sort());
    }
  });

  it('classifies every day of 2025 and 2026 like chinese-days', () => {
    const mismatches = [...everyDay(2025), ...everyDay(2026)].filter((d) => isWorkingDay(d) !== isWorkday(d));
    expect(mismatches).toEqual([]);
  });

  it('counts 调休 weekends as working days and statutory holidays as days off', () => {
    expect(isWorkingDay('2025-09-28')).toBe(true); // Sunday, 国庆 调休
    expect(isWorkingDay('2025-10-08')).toBe(false); // Wednesday, 国庆
    expect(isWorkingDay('2026-02-14')).toBe(true); // Saturday, 春节 调休
    expect(isWorkingDay('2026-02-16')).toBe(false); // Monday, 春节
    expect(isWorkingDay('2025-11-03')).toBe(true);
    expect(isWorkingDay('2025-11-01')).toBe(false);
  });

  it('answers null for a year outside the calendar', () => {
    expect(isWorkingDay('2027-03-01')).toBeNull();
    expect(isWorkingDay('2024-12-31')).toBeNull();
  });

  it('refuses malformed and impossible dates', () => {
    expect(() => isWorkingDay('2025-02-30')).toThrow(RangeError);
    expect(() => isWorkingDay('2025/01/01')).toThrow(RangeError);
  });
});

describe('addWorkingDays (R-C7)', () => {
  it('counts 15 working days across 国庆 2025, counting the 调休 Sunday and Saturday', () => {
    // 9/28 (Sun, 调休) 9/29 9/30 | 10/1–10/8 off | 10/9 10/10 10/11 (Sat, 调休) | 10/13–17 | 10/20–23
    expect(addWorkingDays('2025-09-26', 15)).toEqual({ date: '2025-10-23', outsideKnownYears: false });
    expect(findWorkday(15, '2025-09-26')).toBe('2025-10-23');
  });

  it('counts 15 working days across 春节 2026 with the 调休 Saturdays 2/14 and 2/28', () => {
    // 2/14 (Sat, 调休) | 2/15–2/23 off | 2/24–2/27, 2/28 (Sat, 调休) | 3/2–3/6 | 3/9–3/12
    expect(addWorkingDays('2026-02-13', 15)).toEqual({ date: '2026-03-12', outsideKnownYears: false });
    expect(findWorkday(15, '2026-02-13')).toBe('2026-03-12');
  });

  it('starts counting the day after the start and reads date-times in Asia/Shanghai', () => {
    expect(addWorkingDays('2025-11-03', 1).date).toBe('2025-11-04');
    expect(addWorkingDays('2025-11-03', 0).date).toBe('2025-11-03');
    // 2025-09-30T17:00Z is 2025-10-01 01:00 in Shanghai (a holiday): counting starts on 10-02.
    expect(shanghaiDate('2025-09-30T17:00:00Z')).toBe('2025-10-01');
    expect(addWorkingDays('2025-09-30T17:00:00Z', 1).date).toBe('2025-10-09');
    expect(addWorkingDays('2025-09-30T15:00:00Z', 1).date).toBe('2025-10-09');
    expect(addWorkingDays('2025-09-30T10:00:00+08:00', 1).date).toBe('2025-10-09');
    expect(addWorkingDays('2025-09-29T23:30:00+08:00', 1).date).toBe('2025-09-30');
  });

  it('flags a count that reaches a year outside the calendar instead of guessing silently', () => {
    expect(addWorkingDays('2026-12-24', 15)).toEqual({ date: '2027-01-14', outsideKnownYears: true });
    expect(addWorkingDays('2027-03-01', 1)).toEqual({ date: '2027-03-02', outsideKnownYears: true });
    expect(addWorkingDays('2026-12-01', 3).outsideKnownYears).toBe(false);
  });

  it('uses a merged calendar for a year an admin adds', () => {
    const cal = mergeCalendars(builtinCalendar, { years: { 2027: { holidays: ['2027-01-01'], workdays: [] } } });
    expect(addWorkingDays('2026-12-31', 1, cal)).toEqual({ date: '2027-01-04', outsideKnownYears: false });
    expect(isWorkingDay('2027-01-01', cal)).toBe(false);
  });

  it('gives the due instant at the end of the last day, Shanghai time', () => {
    expect(dueAtIso('2025-09-26T09:30:00+08:00', 15)).toEqual({
      dueAt: '2025-10-23T23:59:59+08:00',
      outsideKnownYears: false,
    });
  });

  it('refuses negative or absurd day counts', () => {
    expect(() => addWorkingDays('2025-01-01', -1)).toThrow(RangeError);
    expect(() => addWorkingDays('2025-01-01', 1.5)).toThrow(RangeError);
    expect(() => addWorkingDays('2025-01-01', 1e9)).toThrow(RangeError);
  });
});
