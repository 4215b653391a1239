/** 整改 tracking as the API answers it (GET /api/rectifications, the 结果应用函): shared by server and browser. */

export type RectificationStage = 'awaitingReport' | 'underReview' | 'awaitingClose' | 'closed' | 'withdrawn';

export interface Rectification {
  submissionId: string;
  title: string;
  unitId: string;
  unitName: string;
  issuedAt: string;
  /** End of the 15th working day after the letter (R-C7), ISO. */
  feedbackDue: string;
  /** When the unit first filed its feedback and 整改报告, if it did. */
  feedbackAt: string | null;
  stage: RectificationStage;
  /** No feedback by the deadline (judged on the server clock), or feedback after it. */
  overdue: boolean;
  closedAt: string | null;
}
