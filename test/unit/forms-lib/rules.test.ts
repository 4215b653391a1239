import { describe, expect, it } from 'vitest';
import { exAnteConclusion, isLate, resultApplication, selfEvalDeadline } from '../../../forms/lib/rules';

describe('事前 conclusion bands (R-A2)', () => {
  it('maps ≥ 90, [70, 90) and < 70 to the three conclusions', () => {
    expect(exAnteConclusion(90)).toBe('support');
    expect(exAnteConclusion(89.99)).toBe('supportAfterRevision');
    expect(exAnteConclusion(84)).toBe('supportAfterRevision'); // a typical mid-band total
    expect(exAnteConclusion(70)).toBe('supportAfterRevision');
    expect(exAnteConclusion(69.99)).toBe('notSupport');
  });

  it('uses configured thresholds', () => {
    expect(exAnteConclusion(85, { support: 85, supportAfterRevision: 60 })).toBe('support');
    expect(exAnteConclusion(65, { support: 85, supportAfterRevision: 60 })).toBe('supportAfterRevision');
  });
});

describe('自评 deadline (R-C1)', () => {
  it('is 31 March of the next year, end of day Shanghai time', () => {
    expect(selfEvalDeadline(2025)).toBe('2026-03-31T23:59:59+08:00');
    expect(isLate('2026-03-31T23:59:59+08:00', 2025)).toBe(false);
    expect(isLate('2026-03-31T15:59:59.900Z', 2025)).toBe(false);
    expect(isLate('2026-04-01T00:00:00+08:00', 2025)).toBe(true);
    expect(isLate('2026-03-31T16:00:00Z', 2025)).toBe(true);
  });

  it('follows the 上级 notice when it sets another deadline', () => {
    expect(selfEvalDeadline(2025, '2026-03-15')).toBe('2026-03-15T23:59:59+08:00');
    expect(isLate('2026-03-20T10:00:00+08:00', 2025, '2026-03-15')).toBe(true);
    expect(isLate('2026-04-10T10:00:00+08:00', 2025, '2026-04-30')).toBe(false);
  });
});

describe('result application (R-C2, R-C3, R-C4)', () => {
  it('blocks the project and recalls funds when the spot-check differs by 15 or more (worked example 93.70 vs 78.20)', () => {
    const r = resultApplication({ totalScore: 93.7, reviewScore: 78.2, reviewGrade: 'fair' });
    expect(r?.nextYearSameTypeProject).toBe('blockedUntilRectified');
    expect(r?.unspentFunds).toBe('recallToTreasury');
    expect(r?.ruleIds).toEqual(['R-C3']);
    expect(r?.reasons[0]).toContain('第二十九条');
    expect(r?.reasons[0]).toContain('15.50');
  });

  it('fires at exactly 15.00 but not at 14.99', () => {
    expect(resultApplication({ totalScore: 93.7, reviewScore: 78.7 })?.ruleIds).toEqual(['R-C3']);
    const below = resultApplication({ totalScore: 93.7, reviewScore: 78.71 });
    expect(below?.ruleIds).toEqual(['R-C2']);
    expect(below?.nextYearSameTypeProject).toBe('reduceByRatio');
  });

  it('uses the absolute gap, so a review above the self-evaluation also fires', () => {
    expect(resultApplication({ totalScore: 70, reviewScore: 85 })?.nextYearSameTypeProject).toBe(
      'blockedUntilRectified',
    );
  });

  it('applies R-C4 when violations were found, whatever the grade', () => {
    const r = resultApplication({ reviewGrade: 'excellent', violations: [{ source: 'audit' }] });
    expect(r).toMatchObject({
      nextYearSameTypeProject: 'blockedUntilRectified',
      unspentFunds: 'recallToTreasury',
      ruleIds: ['R-C4'],
    });
  });

  it('applies R-C2 by grade: 优/良 priority, 中 reduce by the configured ratio, 差 not allowed', () => {
    expect(resultApplication({ reviewGrade: 'excellent' })?.nextYearSameTypeProject).toBe('priority');
    expect(resultApplication({ reviewGrade: 'good' })?.nextYearSameTypeProject).toBe('priority');
    const fair = resultApplication({ reviewGrade: 'fair' }, { reduceRatio: 10 });
    expect(fair).toMatchObject({ nextYearSameTypeProject: 'reduceByRatio', reduceRatio: 10 });
    expect(fair?.reasons[0]).toContain('按 10% 的比例');
    expect(resultApplication({ reviewGrade: 'poor' })?.nextYearSameTypeProject).toBe('notAllowed');
    expect(resultApplication({ reviewGrade: 'poor' })?.unspentFunds).toBeUndefined();
  });

  it('falls back to the grade of the review score, then to the self grade, and is null without either', () => {
    expect(resultApplication({ reviewScore: 85 })?.nextYearSameTypeProject).toBe('priority');
    expect(resultApplication({ selfGrade: 'poor' })?.nextYearSameTypeProject).toBe('notAllowed');
    expect(resultApplication({})).toBeNull();
  });

  it('honours a configured gap threshold', () => {
    expect(resultApplication({ totalScore: 90, reviewScore: 80 }, { gapThreshold: 10 })?.ruleIds).toEqual(['R-C3']);
  });
});
