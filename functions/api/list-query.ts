import { ValidationError } from '../core/errors';
import type { AppContext } from './context';

const STATUSES = new Set(['draft', 'in_review', 'returned', 'approved', 'rejected']);

/** Query parameters of the list routes (documented in OpenAPI), with their Chinese refusals. */
export const LIST_QUERY = {
  submissions: ['q', 'year', 'formId', 'status', 'step', 'overdue'],
  tasks: ['status', 'q', 'formId', 'step', 'overdue'],
} as const;

function bad(path: string, message: string): never {
  throw new ValidationError(`参数 ${path} 不正确`, [{ path, message }]);
}

function text(c: AppContext, name: string, max: number): string | undefined {
  const v = c.req.query(name);
  if (v === undefined || v.trim() === '') return undefined;
  if (v.length > max) bad(name, `不超过${max}个字符`);
  return v.trim();
}

/** The filters shared by 我的填报 / 填报查询 and 待办 / 已办. */
export function readListFilters(c: AppContext) {
  const overdue = c.req.query('overdue');
  if (overdue !== undefined && overdue !== '' && overdue !== 'true' && overdue !== 'false')
    bad('overdue', '应为 true 或 false');
  return {
    q: text(c, 'q', 50),
    formId: text(c, 'formId', 40),
    step: text(c, 'step', 50),
    overdue: overdue === 'true' ? true : overdue === 'false' ? false : undefined,
  };
}

/** Year and status of the submission list. */
export function readSubmissionFilters(c: AppContext) {
  const year = c.req.query('year');
  if (year !== undefined && year !== '' && !/^\d{4}$/.test(year)) bad('year', '应为四位年度');
  const status = c.req.query('status');
  if (status !== undefined && status !== '' && !STATUSES.has(status))
    bad('status', '应为 draft、in_review、returned、approved 或 rejected');
  return { ...readListFilters(c), year: year ? Number(year) : undefined, status: status || undefined };
}
