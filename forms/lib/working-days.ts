/**
 * Working days on the PRC calendar (R-C7): statutory holidays are off, 调休 weekends are working
 * days. The calendar is yearly data (forms/calendar/<year>.json) taken from the 国务院办公厅
 * notices: 2025 国办发明电〔2024〕12号, 2026 国办发明电〔2025〕7号. A new year is added by adding
 * its file here (or by an admin calendar passed through mergeCalendars).
 */
import cal2025 from '../calendar/2025.json';
import cal2026 from '../calendar/2026.json';

/** One year of the calendar: official days off and 调休 working days, as 'YYYY-MM-DD'. */
export interface CalendarYear {
  holidays: string[];
  workdays: string[];
}

/** A holiday calendar keyed by year; a year that is absent is unknown, not "no holidays". */
export type HolidayCalendar = { years: Record<number, CalendarYear> };

/** The shape of a forms/calendar/<year>.json file. */
export interface CalendarYearFile extends CalendarYear {
  year: number;
}

/** Builds a calendar from year files ({ year, holidays, workdays }). */
export function calendarFromYearFiles(files: readonly CalendarYearFile[]): HolidayCalendar {
  const years: Record<number, CalendarYear> = {};
  for (const f of files) years[f.year] = { holidays: [...f.holidays], workdays: [...f.workdays] };
  return { years };
}

/** The calendar shipped with the platform (2025 and 2026). */
export const builtinCalendar: HolidayCalendar = calendarFromYearFiles([cal2025, cal2026]);

/**
 * Merges calendars year by year; a later calendar replaces a whole year of an earlier one,
 * because a year's notice is authoritative as a whole (mixing two versions of a year is wrong).
 */
export function mergeCalendars(...cals: readonly HolidayCalendar[]): HolidayCalendar {
  const years: Record<number, CalendarYear> = {};
  for (const cal of cals) {
    for (const [y, data] of Object.entries(cal.years)) years[Number(y)] = data;
  }
  return { years };
}

const DAY_MS = 86_400_000;
const SHANGHAI_OFFSET_MS = 8 * 3_600_000;
const DATE_RE = /^(\d{4})-(\d{2})-(\d{2})$/;
const DATE_TIME_RE =
  /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.\d{1,9})?)?(Z|[+-]\d{2}:?\d{2})?)?$/;
/** Guards the day loop: 10 years of working days is far beyond any deadline in the 规程. */
const MAX_DAYS = 2600;

/** Day number (days since 1970-01-01) of a valid 'YYYY-MM-DD', else throws. */
function dayNumber(y: number, m: number, d: number, original: string): number {
  const ms = Date.UTC(y, m - 1, d);
  const check = new Date(ms);
  if (check.getUTCFullYear() !== y || check.getUTCMonth() !== m - 1 || check.getUTCDate() !== d) {
    throw new RangeError(`日期无效：“${original}”`);
  }
  return ms / DAY_MS;
}

function formatDay(day: number): string {
  return new Date(day * DAY_MS).toISOString().slice(0, 10);
}

/**
 * The calendar day in Asia/Shanghai of an ISO date ('2025-09-26') or date-time. A date-time with
 * a zone ('…Z', '…+00:00') is converted to Shanghai time first; one without a zone is taken as
 * Shanghai local time. Returns 'YYYY-MM-DD'.
 */
export function shanghaiDate(iso: string): string {
  return formatDay(shanghaiDay(iso));
}

function shanghaiDay(iso: string): number {
  const m = typeof iso === 'string' ? DATE_TIME_RE.exec(iso.trim()) : null;
  if (!m) throw new RangeError(`日期格式不正确：“${String(iso)}”，应为 YYYY-MM-DD 或 ISO 日期时间`);
  const local = dayNumber(Number(m[1]), Number(m[2]), Number(m[3]), iso);
  if (!m[7]) return local;
  const ms = Date.parse(iso.trim());
  if (Number.isNaN(ms)) throw new RangeError(`日期时间无效：“${iso}”`);
  return Math.floor((ms + SHANGHAI_OFFSET_MS) / DAY_MS);
}

/** Lookup sets per calendar object, built once: the calendar is read for every day counted. */
const lookupCache = new WeakMap<HolidayCalendar, Map<number, { holidays: Set<string>; workdays: Set<string> }>>();

function yearLookup(cal: HolidayCalendar, year: number) {
  let perCal = lookupCache.get(cal);
  if (!perCal) {
    perCal = new Map();
    lookupCache.set(cal, perCal);
  }
  let entry = perCal.get(year);
  if (!entry) {
    const data = Object.hasOwn(cal.years, year) ? cal.years[year] : undefined;
    if (!data) return undefined;
    entry = { holidays: new Set(data.holidays), workdays: new Set(data.workdays) };
    perCal.set(year, entry);
  }
  return entry;
}

/** Mon–Fri rule plus the calendar; null when the year is not in the calendar. */
function classify(day: number, cal: HolidayCalendar): boolean | null {
  const iso = formatDay(day);
  const lookup = yearLookup(cal, Number(iso.slice(0, 4)));
  if (!lookup) return null;
  if (lookup.workdays.has(iso)) return true;
  if (lookup.holidays.has(iso)) return false;
  const weekday = new Date(day * DAY_MS).getUTCDay();
  return weekday !== 0 && weekday !== 6;
}

function isWeekday(day: number): boolean {
  const weekday = new Date(day * DAY_MS).getUTCDay();
  return weekday !== 0 && weekday !== 6;
}

/**
 * Whether 'YYYY-MM-DD' is a working day: a 调休 workday is, a statutory holiday is not, otherwise
 * Mon–Fri. Returns null when the year is not in the calendar (unknown, never guessed here).
 */
export function isWorkingDay(date: string, cal: HolidayCalendar = builtinCalendar): boolean | null {
  const m = typeof date === 'string' ? DATE_RE.exec(date) : null;
  if (!m) throw new RangeError(`日期格式不正确：“${String(date)}”，应为 YYYY-MM-DD`);
  return classify(dayNumber(Number(m[1]), Number(m[2]), Number(m[3]), date), cal);
}

/** Result of addWorkingDays: outsideKnownYears says the count crossed a year the calendar lacks. */
export interface WorkingDaysResult {
  date: string;
  outsideKnownYears: boolean;
}

/**
 * The date `days` working days after `start` (R-C7: 15 个工作日). Counting starts the day after
 * start (the start day itself never counts). `start` is an ISO date or date-time read in
 * Asia/Shanghai. Days in a year missing from the calendar are counted Mon–Fri and the result
 * carries outsideKnownYears = true so the UI can flag the deadline as provisional.
 */
export function addWorkingDays(start: string, days: number, cal: HolidayCalendar = builtinCalendar): WorkingDaysResult {
  if (!Number.isInteger(days) || days < 0 || days > MAX_DAYS) {
    throw new RangeError(`工作日天数应为 0 到 ${MAX_DAYS} 之间的整数：${String(days)}`);
  }
  let day = shanghaiDay(start);
  let outsideKnownYears = false;
  let counted = 0;
  while (counted < days) {
    day += 1;
    const known = classify(day, cal);
    if (known === null) outsideKnownYears = true;
    if (known ?? isWeekday(day)) counted += 1;
  }
  return { date: formatDay(day), outsideKnownYears };
}

/**
 * Due instant of a task: the end (23:59:59 Shanghai time) of the day `days` working days after
 * `startIso`, as '2025-10-23T23:59:59+08:00'.
 */
export function dueAtIso(
  startIso: string,
  days: number,
  cal: HolidayCalendar = builtinCalendar,
): { dueAt: string; outsideKnownYears: boolean } {
  const { date, outsideKnownYears } = addWorkingDays(startIso, days, cal);
  return { dueAt: `${date}T23:59:59+08:00`, outsideKnownYears };
}
