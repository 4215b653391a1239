/** Types and labels of the 结果应用函 and 整改 tracking answers (GET /api/submissions/:id/result-letter, /api/rectifications). */

import type { Rectification, RectificationStage } from '../../../forms/lib/result-contract';
import { api } from '../api/client';
import type { ListPage } from '../api/types';

export type { Rectification, RectificationStage };

export interface ResultLetter extends Rectification {
  docNo: string | null;
  letterTitle: string;
  issuer: string;
  to: string;
  cc: string[];
  basis: {
    formId: string;
    selfScore: number | null;
    selfGrade: string | null;
    reviewScore: number | null;
    reasons: string[];
    ruleIds: string[];
  };
  leadingGroup: { isMajorMatter: boolean; approvedAt: string | null };
  modes: string[];
  budgetDecision: {
    targetBudgetYear: number;
    action: string | null;
    computed: string | null;
    departsFromRule: boolean;
    ratio: number | null;
    departureReason: string | null;
  };
  recallUnspentFunds: boolean;
  problems: { category?: string; text: string; requirement?: string }[];
  contact: { name: string | null; phone: string | null };
}

export const STAGE_LABELS: Record<RectificationStage, string> = {
  awaitingReport: '待单位反馈整改报告',
  underReview: '业务股室核实中',
  awaitingClose: '待绩效评价服务股销号',
  closed: '已整改销号',
  withdrawn: '已中止',
};

export const DECISION_LABELS: Record<string, string> = {
  priority: '根据实际需要优先申报下一年度同类型项目',
  reduceByRatio: '按比例压减下一年度同类型项目申报预算',
  notAllowed: '不予申报下一年度同类型项目',
  blockedUntilRectified: '不再安排或在整改到位前不予安排',
  normal: '按部门预算管理规定正常安排',
};

export const MODE_LABELS: Record<string, string> = {
  feedbackRectification: '反馈与整改',
  budgetLinkage: '与预算安排和支出挂钩',
  accountability: '追责问责',
  reportDisclosure: '报告与公开',
};

export const CATEGORY_LABELS: Record<string, string> = {
  systemOrTarget: '制度不健全、目标不合理',
  fundMisuse: '未按规定分配、使用、管理资金',
  policyDesign: '政策制度设计缺陷',
  other: '其他',
};

export const GRADE_LABELS: Record<string, string> = { excellent: '优', good: '良', fair: '中', poor: '差' };

export const resultApi = {
  /** The 结果应用函 of one evaluated submission. */
  letter: (submissionId: string) =>
    api<ResultLetter>('GET', `/api/submissions/${encodeURIComponent(submissionId)}/result-letter`),
  /** The 整改 the caller may follow (first 100). */
  rectifications: () => api<ListPage<Rectification>>('GET', '/api/rectifications?limit=100').then((r) => r.items),
};
