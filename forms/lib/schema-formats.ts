/**
 * The formats of the house dialect, defined once for the server's ajv (forms/lib/server/ajv.ts) and the browser's
 * checker (web/src/form/schema-check.ts), so both accept and refuse the same values: money (万元, two decimals), an
 * uploaded attachment's id, and `date` as ajv-formats checks it (the day against the month, leap years counted).
 */
import { ATTACHMENT_FORMAT, ATTACHMENT_ID_PATTERN } from './attachments';
import { MONEY_PATTERN } from './money-pattern';

const MONEY_RE = new RegExp(MONEY_PATTERN);

/** The formats ajv-formats does not have. */
export const HOUSE_FORMATS = {
  money: { type: 'string', validate: (s: string) => MONEY_RE.test(s) },
  [ATTACHMENT_FORMAT]: { type: 'string', validate: (s: string) => ATTACHMENT_ID_PATTERN.test(s) },
} as const;

const DATE = /^(\d\d\d\d)-(\d\d)-(\d\d)$/;
const DAYS = [0, 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
const isLeapYear = (y: number) => y % 4 === 0 && (y % 100 !== 0 || y % 400 === 0);

/** ajv-formats' full `date` (RFC 3339 full-date). */
export function isDate(s: string): boolean {
  const m = DATE.exec(s);
  if (!m) return false;
  const [year, month, day] = [+m[1], +m[2], +m[3]];
  return month >= 1 && month <= 12 && day >= 1 && day <= (month === 2 && isLeapYear(year) ? 29 : DAYS[month]);
}

const CHECKS: Record<string, (s: string) => boolean> = {
  ...Object.fromEntries(Object.entries(HOUSE_FORMATS).map(([name, f]) => [name, f.validate])),
  date: isDate,
};

/** Whether `s` has the format; undefined for a format only the server checks (those of ajv-formats but `date`). */
export function hasFormat(name: string, s: string): boolean | undefined {
  return Object.hasOwn(CHECKS, name) ? CHECKS[name](s) : undefined;
}
