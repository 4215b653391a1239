import { ValidationError } from '../../errors';
import type { Actor, CalendarYearRecord } from '../../model';
import type { Deps } from '../../ports';
import { requireRole } from '../support/access';

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const MAX_DAYS = 80;

function checkDates(
  list: unknown,
  year: number,
  field: 'holidays' | 'workdays',
): { errors: { path: string; message: string }[]; days: string[] } {
  const errors: { path: string; message: string }[] = [];
  const days: string[] = [];
  if (!Array.isArray(list)) return { errors: [{ path: `/${field}`, message: '应为日期列表' }], days };
  if (list.length > MAX_DAYS) errors.push({ path: `/${field}`, message: `最多 ${MAX_DAYS} 天` });
  const seen = new Set<string>();
  list.slice(0, MAX_DAYS).forEach((d, i) => {
    const path = `/${field}/${i}`;
    const m = typeof d === 'string' ? DATE.exec(d) : null;
    const at = m ? new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]))) : null;
    if (!m || !at || at.getUTCMonth() !== Number(m[2]) - 1 || at.getUTCDate() !== Number(m[3])) {
      errors.push({ path, message: `日期无效：${String(d)}（应为 YYYY-MM-DD）` });
      return;
    }
    if (Number(m[1]) !== year) errors.push({ path, message: `${d} 不在 ${year} 年内` });
    else if (seen.has(d)) errors.push({ path, message: `${d} 重复` });
    else if (field === 'workdays' && at.getUTCDay() !== 0 && at.getUTCDay() !== 6)
      errors.push({ path, message: `${d} 不是周末，调休上班日应为周六或周日` });
    seen.add(d);
    days.push(d);
  });
  return { errors, days: [...new Set(days)].sort() };
}

/**
 * Store (add or correct) one year of the holiday calendar (R-C7; admin): the 国务院办公厅 notice's
 * days off and 调休 working days. Deadlines computed from then on use it; deadlines already set stay.
 * 1. admin only  2. dates valid, inside the year, no duplicates, no day both off and working, 调休 on weekends
 * 3. write the year  4. drop the calendar cache
 */
export async function saveCalendarYear(
  deps: Deps,
  input: { actor: Actor; year: number; holidays: unknown; workdays: unknown },
): Promise<CalendarYearRecord> {
  requireRole(input.actor, 'admin');
  if (!Number.isInteger(input.year) || input.year < 2000 || input.year > 2100) {
    throw new ValidationError('年度不正确', [{ path: '/year', message: '年度应为2000–2100的整数' }]);
  }
  const h = checkDates(input.holidays, input.year, 'holidays');
  const w = checkDates(input.workdays, input.year, 'workdays');
  const errors = [...h.errors, ...w.errors];
  const holidaySet = new Set(h.days);
  (Array.isArray(input.workdays) ? input.workdays : []).forEach((d, i) => {
    if (typeof d === 'string' && holidaySet.has(d))
      errors.push({ path: `/workdays/${i}`, message: `${d} 同时是放假日和调休上班日` });
  });
  if (errors.length) throw new ValidationError('节假日安排不正确', errors);
  const record: CalendarYearRecord = {
    year: input.year,
    holidays: h.days,
    workdays: w.days,
    updatedAt: deps.clock.now(),
    updatedBy: input.actor.id,
  };
  await deps.calendars.putYear(record);
  deps.calendar.invalidate?.();
  return record;
}
