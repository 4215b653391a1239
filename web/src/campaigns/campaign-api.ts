/** 填报任务 (campaigns) as the browser uses them: shapes and calls. */

import type {
  BoardCounts,
  BoardRow,
  BoardStatus,
  CampaignEditInput,
  CampaignInput,
} from '../../../forms/lib/campaign-contract';
import { api, query } from '../api/client';
import type { ListPage } from '../api/types';

// The API's shapes are shared with the server through forms/lib (type-only: nothing else is bundled).
export type {
  BoardRow,
  BoardStatus,
  CampaignEditInput as CampaignChange,
  CampaignInput,
} from '../../../forms/lib/campaign-contract';

/** Counts per board status, and the overdue units. */
export type CampaignCounts = BoardCounts & { overdue: number };

interface CampaignHead {
  id: string;
  formId: string;
  formTitle?: string;
  title: string;
  year: number;
  dueDate: string;
  notice?: string;
  status?: 'open' | 'closed';
  createdAt?: string;
  closedAt?: string | null;
  version?: number;
  counts: CampaignCounts;
}

export interface CampaignSummary extends CampaignHead {
  /** A department's own row (null for the bureau, which sees every row on the board). */
  mine?: BoardRow | null;
}

export interface Campaign extends CampaignHead {
  units: BoardRow[];
  permissions?: { canEdit: boolean; canRemind: boolean; canClose: boolean; canExport: boolean };
}

const enc = encodeURIComponent;

export const campaignApi = {
  list: (cursor?: string | null) =>
    api<ListPage<CampaignSummary> & { permissions?: { canIssue?: boolean } }>(
      'GET',
      `/api/campaigns${query({ cursor, limit: 50 })}`,
    ),
  get: (id: string) => api<Campaign>('GET', `/api/campaigns/${enc(id)}`),
  create: (body: CampaignInput) => api<{ id: string }>('POST', '/api/campaigns', body),
  update: (id: string, body: CampaignEditInput) => api<Campaign>('PATCH', `/api/campaigns/${enc(id)}`, body),
  close: (id: string, version?: number) =>
    api<Campaign>('POST', `/api/campaigns/${enc(id)}/close`, version ? { version } : {}),
  remind: (id: string, body: { unitIds?: string[]; message?: string }) =>
    api<{ reminded: number; unitIds: string[]; skipped: { unitId: string; message: string }[] }>(
      'POST',
      `/api/campaigns/${enc(id)}/reminders`,
      body,
    ),
  exportPath: (id: string) => `/api/campaigns/${enc(id)}/export.xlsx`,
};

/** The board's statuses in their order, with the Chinese label, the counts key and the tag colour. */
export const BOARD_STATUSES: { status: BoardStatus; label: string; key: keyof CampaignCounts; color: string }[] = [
  { status: 'not_started', label: '未开始', key: 'notStarted', color: 'default' },
  { status: 'draft', label: '草稿', key: 'draft', color: 'processing' },
  { status: 'in_review', label: '审核中', key: 'inReview', color: 'processing' },
  { status: 'returned', label: '退回待修改', key: 'returned', color: 'warning' },
  { status: 'approved', label: '已通过', key: 'approved', color: 'success' },
  { status: 'rejected', label: '不予通过', key: 'rejected', color: 'error' },
];

export const BOARD_LABELS = Object.fromEntries(BOARD_STATUSES.map((s) => [s.status, s.label])) as Record<
  BoardStatus,
  string
>;

/** Counts per status (and overdue) from the rows, for a board whose rows are all loaded. */
export function countRows(rows: BoardRow[]): CampaignCounts {
  const counts: CampaignCounts = {
    notStarted: 0,
    draft: 0,
    inReview: 0,
    returned: 0,
    approved: 0,
    rejected: 0,
    overdue: 0,
  };
  for (const row of rows) {
    const entry = BOARD_STATUSES.find((s) => s.status === row.status);
    if (entry) counts[entry.key] += 1;
    if (row.overdue) counts.overdue += 1;
  }
  return counts;
}

/** Units addressed by the campaign. */
export function totalOf(counts: CampaignCounts): number {
  return BOARD_STATUSES.reduce((sum, s) => sum + (counts[s.key] ?? 0), 0);
}

/** Handed in: everything past 未开始 / 草稿. */
export function submittedOf(counts: CampaignCounts): number {
  return counts.inReview + counts.returned + counts.approved + counts.rejected;
}

/**
 * Whether to offer 发布填报任务 (绩效评价服务股, 预算股, admins), when the server does not say: a hint for
 * the menu only — the server decides (403), and the board carries its own permissions.
 */
export function canManageCampaigns(me: { unitId: string; roles: string[]; unitKind?: string | null } | null): boolean {
  if (!me) return false;
  if (me.roles.includes('admin')) return true;
  return me.roles.includes('reviewer') && ['jxpj', 'ysg'].includes(me.unitId);
}

/** Not yet handed in: the units a reminder goes to by default. */
export function notSubmitted(row: BoardRow): boolean {
  return row.status === 'not_started' || row.status === 'draft';
}
