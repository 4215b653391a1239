import { builtinCalendar } from '../../../../forms/lib/working-days';
import { ValidationError } from '../../errors';
import type { Deps } from '../../ports';

export interface CalendarYearView {
  year: number;
  source: 'builtin' | 'admin';
  holidays: string[];
  workdays: string[];
  updatedAt: string | null;
}

/**
 * The years the working-day calendar knows (R-C7): the built-in ones (forms/calendar) and the ones an
 * admin added or corrected (which replace a built-in year as a whole). Any signed-in user: deadlines
 * in a year outside this list are provisional and the UI says so.
 */
export async function listCalendarYears(deps: Deps): Promise<CalendarYearView[]> {
  const byYear = new Map<number, CalendarYearView>();
  for (const [y, data] of Object.entries(builtinCalendar.years)) {
    byYear.set(Number(y), {
      year: Number(y),
      source: 'builtin',
      holidays: data.holidays,
      workdays: data.workdays,
      updatedAt: null,
    });
  }
  for (const r of await deps.calendars.listYears()) {
    byYear.set(r.year, {
      year: r.year,
      source: 'admin',
      holidays: r.holidays,
      workdays: r.workdays,
      updatedAt: r.updatedAt,
    });
  }
  return [...byYear.values()].sort((a, b) => a.year - b.year);
}

/** A due date `days` working days after `start` on the merged calendar, and whether it is provisional. */
export async function computeDueDate(
  deps: Deps,
  input: { start: string; days: number },
): Promise<{ dueAt: string; outsideKnownYears: boolean }> {
  if (!Number.isInteger(input.days) || input.days < 1 || input.days > 365) {
    throw new ValidationError('工作日天数不正确', [{ path: 'days', message: '应为1–365的整数' }]);
  }
  await deps.calendar.refresh?.();
  try {
    return deps.calendar.dueAt(input.start, input.days);
  } catch (err) {
    throw new ValidationError('起始日期不正确', [{ path: 'start', message: (err as Error).message }], { cause: err });
  }
}
