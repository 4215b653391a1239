import { describe, expect, it } from 'vitest';
import { exAnteConclusion, resultApplication } from '../../../forms/lib/rules';

// Edges that a mutation of the rules would slip past in the main rule tests.
describe('R-A2 rounds the reviewer total to two decimals before banding', () => {
  it('puts 89.995 (rounds to 90.00) in 予以支持 and 69.994 (rounds to 69.99) in 不予支持', () => {
    expect(exAnteConclusion(89.995)).toBe('support');
    expect(exAnteConclusion(89.994)).toBe('supportAfterRevision');
    expect(exAnteConclusion(69.995)).toBe('supportAfterRevision');
    expect(exAnteConclusion(69.994)).toBe('notSupport');
  });
});

describe('R-C2: the review outcome wins over the self-evaluation', () => {
  it('uses the review grade when the unit graded itself better', () => {
    const r = resultApplication({ reviewGrade: 'poor', selfGrade: 'excellent' });
    expect(r?.nextYearSameTypeProject).toBe('notAllowed');
    expect(r?.reasons[0]).toContain('“差”');
  });

  it('uses the grade of the review score over the self grade when no review grade is given', () => {
    expect(resultApplication({ reviewScore: 55, selfGrade: 'excellent' })?.nextYearSameTypeProject).toBe('notAllowed');
    expect(resultApplication({ reviewScore: 92, selfGrade: 'poor' })?.nextYearSameTypeProject).toBe('priority');
  });

  it('prefers the review grade over the grade of the review score', () => {
    expect(resultApplication({ reviewGrade: 'fair', reviewScore: 95 })?.nextYearSameTypeProject).toBe('reduceByRatio');
  });
});
