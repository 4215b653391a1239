/** Typed calls of the 待办 API (routes under /api/tasks). */

import { api, query } from './client';
import type { ListPage, Task } from './types';

export interface BatchDecisionResult {
  submissionId: string;
  stepId: string;
  status: 'approved' | 'skipped' | 'failed';
  error?: { code: string; message: string };
}

export interface BatchApproval {
  comment?: string;
  items: { submissionId: string; stepId: string }[];
}

/** Inbox filters (status, form, step, search, overdue, cursor, page size); empty values are left out. */
export type TaskQuery = Record<string, string | number | undefined | null>;

export const tasksApi = {
  list: (filters: TaskQuery) => api<ListPage<Task>>('GET', `/api/tasks${query(filters)}`),
  /** 批量通过: each item gets its own result, in the order sent. */
  approveAll: (body: BatchApproval) =>
    api<{ results: BatchDecisionResult[] }>('POST', '/api/tasks/batch-decisions', { action: 'approve', ...body }),
};
