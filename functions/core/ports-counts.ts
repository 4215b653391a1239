import type { Submission, SubmissionStatus } from './model';

/**
 * Submission counts by status, kept by the same transaction that changes a submission (工作台).
 * Scopes: `all` counts every submission that was submitted at least once; a unit's scope counts what the
 * unit may list (its own submissions and every submitted one it was granted) and, under `own#<status>`,
 * its own never-submitted ones (which a unit that sees every form lists beside the submitted ones).
 */
export interface CountChange {
  /** Sharding key (the submission id): spreads hot counters over a few items. */
  shardKey: string;
  /** Deltas of the `all` scope by status (zero entries left out). */
  all: Record<string, number>;
  /** Deltas per unit scope: attribute (`<status>` or `own#<status>`) to delta. */
  units: Record<string, Record<string, number>>;
}

export type StatusCounts = Record<SubmissionStatus, number>;

export interface StatusCountRepository {
  /** A unit's counters and, when asked, the `all` ones: every shard in one BatchGetItem, summed. */
  read(unitId: string, withAll: boolean): Promise<{ unit: Record<string, number>; all: Record<string, number> }>;
  /**
   * Rebuilds every counter from the submissions themselves (Query of the all-submissions index, never a
   * Scan) and writes absolute values, so running it twice changes nothing. For existing data and repairs;
   * run it when nobody is changing submissions (a change landing mid-run is counted or not, not half).
   */
  rebuild(
    unitIds: string[],
    contributions: (sub: Submission) => CountChange,
  ): Promise<{ submissions: number; items: number }>;
  /** When the counters were last rebuilt (a marker item the rebuild writes last); null when never. */
  rebuiltAt(): Promise<string | null>;
}
