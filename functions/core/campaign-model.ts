/** 填报任务 (campaigns), their boards and the notification center: plain data, no behaviour. */
import type { BoardCounts, BoardStatus } from '../../forms/lib/campaign-contract';

export type { BoardCounts, BoardStatus };

export const BOARD_STATUSES: BoardStatus[] = ['not_started', 'draft', 'in_review', 'returned', 'approved', 'rejected'];

/** Counters kept on the campaign record by the same transactions that change a unit's status. */
export interface CampaignCounters extends BoardCounts {
  /** Units that submitted at least once. */
  submitted: number;
  /** Units whose first submission came after the deadline in force at the time. */
  late: number;
}

export interface CampaignEdit {
  seq: number;
  at: string;
  actor: { id: string; name: string; unitId: string };
  type: 'issued' | 'edited' | 'closed';
  /** What changed, field by field (old → new). */
  changes?: Record<string, { from: unknown; to: unknown }>;
  addedUnitIds?: string[];
}

export interface Campaign {
  id: string;
  formId: string;
  title: string;
  year: number;
  /** Due date 'YYYY-MM-DD'; the deadline is the end of that day in Asia/Shanghai (dueAt). */
  dueDate: string;
  dueAt: string;
  /** When the due date was given as N working days from issue (R-C7 calendar). */
  dueInWorkingDays?: number;
  notice: string;
  unitIds: string[];
  status: 'open' | 'closed';
  closedAt?: string;
  counters: CampaignCounters;
  createdAt: string;
  createdBy: string;
  createdByUnitId: string;
  updatedAt: string;
  /** Optimistic-lock counter; also the number of edit records. */
  version: number;
  /** A 监控任务 imported from the 一体化 system (R-M1): its number, period and, for 项目支出, the project. */
  monitoringTask?: { taskNo: string; cutoffMonth: number; projectCode?: string };
}

/** One unit's row of a campaign board. */
export interface CampaignUnit {
  campaignId: string;
  unitId: string;
  status: BoardStatus;
  submissionId?: string;
  /** First submission time (a resubmission after a return keeps it). */
  submittedAt?: string;
  remindedAt?: string;
  /** Day (Asia/Shanghai) of the last reminder by the daily sweep. */
  sweptOn?: string;
  updatedAt?: string;
}

export type NotificationType =
  | 'campaign_reminder'
  | 'campaign_deadline'
  | 'correction_notice'
  | 'payment_hold'
  | 'review_notice'
  | 'rectification_overdue'
  | 'submission_reminder';

/**
 * One item of the in-app notification center. Items are per user (fanned out to the active users of
 * an addressed unit when written), so read state and the unread count are each user's own.
 */
export interface Notification {
  id: string;
  userId: string;
  unitId: string;
  type: NotificationType;
  title: string;
  message: string;
  at: string;
  read: boolean;
  readAt?: string;
  /** Web route of the thing, e.g. /campaigns/<id>. */
  link: string;
  /** Who sent it (null for the daily sweep). */
  fromUserId?: string | null;
}
