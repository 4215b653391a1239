import { builtinCalendar, dueAtIso, type HolidayCalendar, mergeCalendars } from '../../../forms/lib/working-days';
import type { CalendarRepository, WorkingCalendar } from '../../core/ports';

/**
 * The working-day calendar of deadlines (R-C7): the built-in years of forms/calendar merged with the
 * years an admin stored (a stored year replaces a built-in one as a whole). The stored years are
 * cached for `ttlMs`, so a deadline costs no read in the common case; an admin edit on this instance
 * invalidates at once, other instances (Lambda) pick it up within the TTL.
 */
export function createStoredWorkingCalendar(
  calendars: CalendarRepository,
  ttlMs = 60_000,
  now: () => number = Date.now,
): WorkingCalendar & {
  current(): HolidayCalendar;
} {
  let merged: HolidayCalendar = builtinCalendar;
  let loadedAt = Number.NEGATIVE_INFINITY;
  let loading: Promise<void> | null = null;
  return {
    current: () => merged,
    async refresh() {
      if (now() - loadedAt < ttlMs) return;
      loading ??= (async () => {
        try {
          const stored = await calendars.listYears();
          const years: HolidayCalendar['years'] = {};
          for (const y of stored) years[y.year] = { holidays: y.holidays, workdays: y.workdays };
          merged = mergeCalendars(builtinCalendar, { years });
          loadedAt = now();
        } finally {
          loading = null;
        }
      })();
      await loading;
    },
    invalidate() {
      loadedAt = Number.NEGATIVE_INFINITY;
    },
    dueAt(startIso, days) {
      const r = dueAtIso(startIso, days, merged);
      return { dueAt: new Date(r.dueAt).toISOString(), outsideKnownYears: r.outsideKnownYears };
    },
  };
}
