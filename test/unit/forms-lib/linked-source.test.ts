import { describe, expect, it } from 'vitest';
import { type FormSource, linkFromSource, lockedPatterns, lockViolations } from '../../../forms/lib/linked-source';
import selfEvalForm from '../../../forms/project-self-eval/form.json';
import target from '../../../forms/project-target/examples/valid-rural-road-maintenance.json';

/** Linked forms: what a self-evaluation copies from its approved target, and what it may not change. */
const spec = selfEvalForm.source as FormSource;

describe('linkFromSource / lockViolations', () => {
  const { data, locks } = linkFromSource(spec, 'T-1', target.data as Record<string, unknown>, {
    indicators: [{ indicatorId: 'X' }, { indicatorId: 'Y' }],
    preparedBy: '刘芳',
  });

  it('copies the target (rows replace what was sent) and writes the source id', () => {
    expect(data.approvedTargetRef).toBe('T-1');
    expect(data.preparedBy).toBe('刘芳');
    expect((data.indicators as unknown[]).length).toBe(9);
    expect((data.funds as any).currentAppropriation.initialBudget).toBe('1180.00');
    expect((data.funds as any).carryOver).toBeUndefined(); // the target has no 上年结转 row: nothing copied, nothing locked
    expect((data.overallGoal as any).expected).toContain('1850公里');
  });

  it('locks only what was copied, and the rows of the table', () => {
    const patterns = lockedPatterns(locks);
    expect(patterns).toEqual(
      expect.arrayContaining(['/indicators', '/indicators/*/name', '/indicators/*/targetValue']),
    );
    expect(patterns).not.toContain('/funds/carryOver/initialBudget');
    expect(patterns).not.toContain('/indicators/*/weight');
    expect(lockViolations(locks, data)).toEqual([]);
  });

  it('reports a changed value, a removed row and an added row at their own pointers', () => {
    const changed = structuredClone(data) as any;
    changed.indicators[2].name = '改名';
    expect(lockViolations(locks, changed).map((p) => p.path)).toEqual(['/indicators/2/name']);
    const fewer = structuredClone(data) as any;
    fewer.indicators.pop();
    expect(lockViolations(locks, fewer).map((p) => p.path)).toContain('/indicators');
    const more = structuredClone(data) as any;
    more.indicators.push({ indicatorId: 'Z' });
    expect(lockViolations(locks, more).map((p) => p.path)).toEqual(['/indicators/9']);
    const weights = structuredClone(data) as any;
    weights.indicators[0].weight = 10; // typed in: not from the target
    expect(lockViolations(locks, weights)).toEqual([]);
  });
});
