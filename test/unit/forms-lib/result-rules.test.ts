import { describe, expect, it } from 'vitest';
import {
  blocksSameTypeProject,
  deptSelfEvalApplication,
  exAnteScoreProblems,
  financeEvalDeptApplication,
  financeEvalProjectApplication,
  reviewReduction,
  sameTypeProject,
} from '../../../forms/lib/result-rules';

describe('R-C5: 财政评价 of a project (第二十九条(五)1(2))', () => {
  it('gives 优 priority, 良 zero growth, 中 a cut, 差 a block until rectified with unspent funds recalled', () => {
    expect(financeEvalProjectApplication('excellent')).toMatchObject({ action: 'priority', ruleIds: ['R-C5'] });
    expect(financeEvalProjectApplication('good').action).toBe('zeroGrowth');
    expect(financeEvalProjectApplication('fair').action).toBe('reduce');
    expect(financeEvalProjectApplication('poor')).toMatchObject({
      action: 'blockedUntilRectified',
      unspentFunds: 'recallToTreasury',
    });
    expect(financeEvalProjectApplication('good').reasons[0]).toContain('根据财力可能和实际需要');
    expect(financeEvalProjectApplication('good').unspentFunds).toBeUndefined();
  });
});

describe('R-C6: 财政评价 of a department (第二十九条(五)2)', () => {
  it('supports 优/良 and cuts 中/差 by the configured ratio from 经常性项目 and 一般性支出', () => {
    expect(financeEvalDeptApplication('excellent')).toMatchObject({ action: 'supported', ruleIds: ['R-C6'] });
    expect(financeEvalDeptApplication('good').action).toBe('supported');
    const cut = financeEvalDeptApplication('fair', { deptCutRatio: 8 });
    expect(cut).toMatchObject({ action: 'deptCut', ratio: 8 });
    expect(cut.reasons[0]).toContain('按 8% 的比例');
    expect(cut.reasons[0]).toContain('经常性项目和一般性支出');
    expect(financeEvalDeptApplication('poor').ratio).toBeUndefined();
  });
});

describe('部门整体自评: R-C3/R-C4 only (R-C2 is project-only)', () => {
  it('is normal whatever the grade, and blocked on a gap of 15 or on violations', () => {
    expect(deptSelfEvalApplication({ totalScore: 97.83, reviewScore: 55 }).nextYearArrangement).toBe(
      'blockedUntilRectified',
    );
    expect(deptSelfEvalApplication({ totalScore: 70, reviewScore: 55.01 })).toMatchObject({
      nextYearArrangement: 'normal',
      ruleIds: [],
    });
    expect(deptSelfEvalApplication({ totalScore: 95, reviewScore: 94, violations: [{}] }).ruleIds).toEqual(['R-C4']);
    expect(JSON.stringify(deptSelfEvalApplication({ totalScore: 50, reviewScore: 50 }))).not.toContain('同类型项目');
  });
});

describe('核减额 and 核减率 of the 财政评审中心 (第十四条)', () => {
  it('computes 1600.00 − 1486.30 = 113.70, 7.11 %', () => {
    expect(reviewReduction('1600.00', '1486.30')).toEqual({ reductionAmount: '113.70', reductionRate: 7.11 });
    expect(reviewReduction('100', '120')).toEqual({ reductionAmount: '-20.00', reductionRate: -20 });
    expect(reviewReduction('0', '0')).toEqual({ reductionAmount: '0.00', reductionRate: null });
    expect(reviewReduction(undefined, '1')).toBeNull();
  });
});

describe('事前 score sheet of the 业务股室 (第十四条)', () => {
  const weights = { necessity: 20, economy: 20, targetReasonableness: 20, feasibility: 20, fundingCompliance: 20 };
  const dims = { necessity: 18, economy: 16, targetReasonableness: 17, feasibility: 16, fundingCompliance: 17 };
  it('accepts a total equal to the sum of five scores within their weights', () => {
    expect(exAnteScoreProblems(84, dims, weights)).toEqual([]);
  });
  it('reports a score over its weight, a missing dimension and a total off the sum at their paths', () => {
    expect(exAnteScoreProblems(87, { ...dims, necessity: 21 }, weights).map((p) => p.path)).toEqual([
      '/fields/dimensionScores/necessity',
    ]);
    expect(exAnteScoreProblems(85, dims, weights).map((p) => p.path)).toEqual(['/score']);
    const { feasibility: _, ...four } = dims;
    expect(exAnteScoreProblems(68, four, weights).map((p) => p.path)).toEqual(['/fields/dimensionScores/feasibility']);
  });
});

describe('R-C3 at target time: same-type projects (第二十九条(五)1(1))', () => {
  const base = { evaluatedYear: 2025, issuedAt: '2026-07-10T02:00:00Z', rectified: false };
  it('blocks the budget years after the evaluated year up to the one after the letter (R-C15)', () => {
    expect(blocksSameTypeProject({ ...base, result: 'blockedUntilRectified', targetYear: 2027 })).toBe(true);
    expect(blocksSameTypeProject({ ...base, result: 'blockedUntilRectified', targetYear: 2026 })).toBe(true);
    expect(blocksSameTypeProject({ ...base, result: 'blockedUntilRectified', targetYear: 2028 })).toBe(false);
    expect(blocksSameTypeProject({ ...base, result: 'blockedUntilRectified', targetYear: 2025 })).toBe(false);
  });
  it('lifts a block once rectified, but never an R-C2 差 (notAllowed); priority never blocks', () => {
    expect(blocksSameTypeProject({ ...base, rectified: true, result: 'blockedUntilRectified', targetYear: 2027 })).toBe(
      false,
    );
    expect(blocksSameTypeProject({ ...base, rectified: true, result: 'notAllowed', targetYear: 2027 })).toBe(true);
    expect(blocksSameTypeProject({ ...base, result: 'priority', targetYear: 2027 })).toBe(false);
  });
  it('takes the letter year in Shanghai time (31 Dec 17:00 UTC is already 1 Jan)', () => {
    const r = { ...base, result: 'notAllowed', issuedAt: '2026-12-31T17:00:00Z' };
    expect(blocksSameTypeProject({ ...r, targetYear: 2028 })).toBe(true);
  });
  it('matches the same 项目代码 or the same 项目名称', () => {
    expect(sameTypeProject({ projectCode: 'ab12' }, { projectCode: 'AB12', projectName: 'x' })).toBe(true);
    expect(sameTypeProject({ projectName: '农村 公路养护' }, { projectName: '农村公路养护' })).toBe(true);
    expect(sameTypeProject({ projectCode: '1', projectName: 'a' }, { projectCode: '2', projectName: 'b' })).toBe(false);
    expect(sameTypeProject({}, {})).toBe(false);
  });
  it('matches a project from one year to the next: a leading 「2025年」 or 「2025年度」 of the name is ignored', () => {
    expect(
      sameTypeProject({ projectName: '2026年信丰县农村公路养护' }, { projectName: '2025年信丰县农村公路养护' }),
    ).toBe(true);
    expect(sameTypeProject({ projectName: '2026年度 农村公路养护' }, { projectName: '农村公路养护' })).toBe(true);
    expect(sameTypeProject({ projectName: '2026年' }, { projectName: '2025年' })).toBe(false);
    expect(sameTypeProject({ projectName: '农村公路养护2026年' }, { projectName: '农村公路养护2025年' })).toBe(false);
  });
});
