/**
 * 填报任务 (campaigns) as the API speaks of them: what an issuer sends and what a board row shows.
 * Shared by the server's use cases and the browser; pure types.
 */
import type { SubmissionStatus } from './definitions';

/** A unit's place on a campaign board: not_started until the unit creates its submission. */
export type BoardStatus = 'not_started' | SubmissionStatus;

/** Counts per board status, as the API names them. */
export interface BoardCounts {
  notStarted: number;
  draft: number;
  inReview: number;
  returned: number;
  approved: number;
  rejected: number;
}

/** What an issuer sends to create a campaign. */
export interface CampaignInput {
  formId: string;
  title: string;
  year: number;
  dueDate?: string;
  dueInWorkingDays?: number;
  unitIds?: string[];
  managedBy?: string;
  notice?: string;
}

/** A change to an open campaign. */
export interface CampaignEditInput {
  title?: string;
  dueDate?: string;
  dueInWorkingDays?: number;
  notice?: string;
  /** Units to add (by hand or every unit a 归口 股室 manages); units are never removed. */
  addUnitIds?: string[];
  addManagedBy?: string;
  /** Optimistic lock: the version the editor saw. */
  version?: number;
}

/** One unit's row on a campaign board. */
export interface BoardRow {
  unitId: string;
  unitName: string;
  status: BoardStatus;
  submissionId: string | null;
  /** The viewer may open the submission (submitted at least once, or the viewer's own unit). */
  canOpen: boolean;
  submittedAt: string | null;
  overdue: boolean;
  remindedAt: string | null;
}
