import dayjs from 'dayjs';
import type { DecisionAction, Role, SubmissionStatus } from '../api/types';

export const STATUS_LABELS: Record<SubmissionStatus, string> = {
  draft: '草稿',
  in_review: '审核中',
  returned: '退回待修改',
  approved: '已通过',
  rejected: '不予通过',
};

export const STATUS_COLORS: Record<SubmissionStatus, string> = {
  draft: 'default',
  in_review: 'processing',
  returned: 'warning',
  approved: 'success',
  rejected: 'error',
};

/** Darker text where the theme's tag colours fall short of WCAG AA contrast (axe-core, test/e2e/a11y.test.ts). */
export const STATUS_TEXT_STYLE: Partial<Record<SubmissionStatus, { color: string }>> = {
  approved: { color: '#135200' },
};

export const ACTION_LABELS: Record<DecisionAction, string> = {
  approve: '通过',
  return: '退回',
  reject: '不予通过',
};

export const OUTCOME_LABELS: Record<string, string> = {
  approve: '通过',
  approved: '通过',
  return: '退回',
  returned: '退回',
  reject: '不予通过',
  rejected: '不予通过',
  skipped: '跳过',
  notified: '已抄送',
  cancelled: '已撤销',
  transferred: '已转交',
  addSigner: '已加签',
};

export const HISTORY_LABELS: Record<string, string> = {
  created: '创建',
  saved: '保存',
  submitted: '提交',
  resubmitted: '重新提交',
  approved: '通过',
  returned: '退回',
  rejected: '不予通过',
  withdrawn: '撤回',
  notified: '抄送',
  completed: '办结',
  skipped: '跳过',
  transferred: '转交',
  signerAdded: '加签',
};

export const ROLE_LABELS: Record<Role, string> = {
  filler: '填报人',
  leader: '单位负责人',
  reviewer: '审核人',
  admin: '管理员',
};

export function formatDateTime(value: string | null | undefined): string {
  if (!value) return '—';
  const d = dayjs(value);
  return d.isValid() ? d.format('YYYY-MM-DD HH:mm') : String(value);
}

export function formatDate(value: string | null | undefined): string {
  if (!value) return '—';
  const d = dayjs(value);
  return d.isValid() ? d.format('YYYY-MM-DD') : String(value);
}
