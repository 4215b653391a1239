import { describe, expect, it } from 'vitest';
import { addMoney, sumMoney } from '../../../forms/lib/money';
import {
  checkWeights,
  executionRate,
  executionScore,
  GRADE_LABELS,
  grade,
  levelWeights,
  type QualAchievement,
  qualBand,
  qualScoreInBand,
  rowScore,
} from '../../../forms/lib/scoring';

type Row = {
  indicatorId: string;
  level1: string;
  operator: string;
  targetValue?: number;
  actualValue?: number;
  qualitativeAchievement?: QualAchievement;
  weight: number;
  score?: number;
};

/** Total of a worked example: quantitative rows from rowScore, 定性 rows as entered (band-checked). */
function totalOf(rows: Row[], funds: { executed: string; fullYearBudget: string }) {
  const scores = rows.map((r) => {
    if (r.operator === 'qual') {
      expect(qualScoreInBand(r.qualitativeAchievement as QualAchievement, r.weight, r.score as number)).toBe(true);
      return r.score as number;
    }
    return rowScore(r).score as number;
  });
  const rate = executionRate(funds.executed, funds.fullYearBudget);
  const execScore = executionScore(rate);
  const indicatorSum = Number(sumMoney(scores));
  const total = Number(addMoney(indicatorSum, execScore));
  return { scores, rate, execScore, indicatorSum, total };
}

describe('row scores (R-C9 formulas)', () => {
  it('gives full marks to a positive indicator that reached its target and B/A × w otherwise', () => {
    expect(rowScore({ operator: 'gte', targetValue: 1850, actualValue: 1862, weight: 10 })).toEqual({
      score: 10,
      overshoot: false,
    });
    expect(rowScore({ operator: 'gte', targetValue: 6, actualValue: 5, weight: 10 }).score).toBe(8.33);
    expect(rowScore({ operator: 'gt', targetValue: 90, actualValue: 85, weight: 10 }).score).toBe(9.44);
  });

  it('uses A/B × w for a negative indicator by default and the linear curve when configured', () => {
    expect(rowScore({ operator: 'lte', targetValue: 0.6, actualValue: 0.62, weight: 10 }).score).toBe(9.68);
    expect(rowScore({ operator: 'lte', targetValue: 28, actualValue: 26.5, weight: 10 }).score).toBe(10);
    // (1 − (0.62 − 0.60)/0.60) × 10 = 9.666… → 9.67
    expect(
      rowScore({ operator: 'lte', targetValue: 0.6, actualValue: 0.62, weight: 10 }, { negativeCurve: 'linear' }).score,
    ).toBe(9.67);
    expect(
      rowScore({ operator: 'lt', targetValue: 10, actualValue: 20, weight: 10 }, { negativeCurve: 'linear' }).score,
    ).toBe(0);
    expect(
      rowScore({ operator: 'lt', targetValue: 10, actualValue: 25, weight: 10 }, { negativeCurve: 'linear' }).score,
    ).toBe(0);
  });

  it('scores an equality indicator by its relative deviation, and a target of 0 only when met', () => {
    expect(rowScore({ operator: 'eq', targetValue: 100, actualValue: 100, weight: 10 }).score).toBe(10);
    expect(rowScore({ operator: 'eq', targetValue: 100, actualValue: 95, weight: 10 }).score).toBe(9.5);
    expect(rowScore({ operator: 'eq', targetValue: 100, actualValue: 105, weight: 10 }).score).toBe(9.5);
    expect(rowScore({ operator: 'eq', targetValue: 100, actualValue: 250, weight: 10 }).score).toBe(0);
    expect(rowScore({ operator: 'eq', targetValue: 0, actualValue: 0, weight: 10 }).score).toBe(10);
    expect(rowScore({ operator: 'eq', targetValue: 0, actualValue: 1, weight: 10 }).score).toBe(0);
  });

  it('leaves 定性 rows and incomplete rows without a computed score', () => {
    expect(rowScore({ operator: 'qual', weight: 10 })).toEqual({ score: null, overshoot: false });
    expect(rowScore({ operator: 'gte', targetValue: 6, weight: 10 }).score).toBeNull();
  });

  it('flags overshoot at B/A ≥ 1.3 (positive) and A/B ≥ 1.3 (negative), k configurable', () => {
    expect(rowScore({ operator: 'gte', targetValue: 10, actualValue: 13, weight: 10 }).overshoot).toBe(true);
    expect(rowScore({ operator: 'gte', targetValue: 10, actualValue: 12.99, weight: 10 }).overshoot).toBe(false);
    expect(rowScore({ operator: 'lte', targetValue: 13, actualValue: 10, weight: 10 }).overshoot).toBe(true);
    expect(rowScore({ operator: 'lte', targetValue: 12, actualValue: 10, weight: 10 }).overshoot).toBe(false);
    expect(
      rowScore({ operator: 'gte', targetValue: 10, actualValue: 13, weight: 10 }, { overshootK: 1.5 }).overshoot,
    ).toBe(false);
  });
});

describe('定性 bands', () => {
  it('puts 0.8w in 达成 and 0.6w in 部分达成', () => {
    expect(qualBand('achieved', 10)).toEqual({ min: 8, max: 10, maxInclusive: true });
    expect(qualBand('partly', 15)).toEqual({ min: 9, max: 12, maxInclusive: false });
    expect(qualScoreInBand('achieved', 10, 8)).toBe(true);
    expect(qualScoreInBand('partly', 10, 8)).toBe(false);
    expect(qualScoreInBand('partly', 10, 6)).toBe(true);
    expect(qualScoreInBand('notAchieved', 10, 6)).toBe(false);
    expect(qualScoreInBand('notAchieved', 10, 5.99)).toBe(true);
    expect(qualScoreInBand('achieved', 10, 10)).toBe(true);
    expect(qualScoreInBand('achieved', 10, 10.01)).toBe(false);
    expect(qualScoreInBand('partly', 10, 7.99)).toBe(true);
    expect(qualScoreInBand('notAchieved', 10, -0.01)).toBe(false);
  });
});

describe('grades (R-C11)', () => {
  it('uses half-open bands on the 2-decimal total', () => {
    expect(grade(89.99)).toBe('good');
    expect(grade(90)).toBe('excellent');
    expect(grade(80)).toBe('good');
    expect(grade(79.99)).toBe('fair');
    expect(grade(60)).toBe('fair');
    expect(grade(59.99)).toBe('poor');
    expect(grade(89.995)).toBe('excellent');
    expect(GRADE_LABELS[grade(93.7)]).toBe('优');
  });
});

describe('budget execution', () => {
  it('computes the rate with 2 decimals and a linear score capped at 100 %', () => {
    expect(executionRate('1284.00', '1325.00')).toBe(96.91);
    expect(executionScore(96.91)).toBe(9.69);
    expect(executionScore(120)).toBe(10);
    expect(executionScore(null)).toBe(0);
    expect(executionRate('10.00', '0.00')).toBeNull();
  });

  it('supports step bands when configured', () => {
    const settings = {
      executionCurve: 'bands' as const,
      executionBands: [
        { minRate: 90, ratio: 1 },
        { minRate: 80, ratio: 0.8 },
      ],
    };
    expect(executionScore(91, 10, settings)).toBe(10);
    expect(executionScore(85, 10, settings)).toBe(8);
    expect(executionScore(50, 10, settings)).toBe(0);
  });
});

describe('worked example: project self-evaluation (forms/project-self-eval example)', () => {
  const rows: Row[] = [
    { indicatorId: 'T1', level1: 'output', operator: 'gte', targetValue: 1850, actualValue: 1862, weight: 10 },
    { indicatorId: 'T2', level1: 'output', operator: 'gte', targetValue: 6, actualValue: 5, weight: 10 },
    { indicatorId: 'T3', level1: 'output', operator: 'gte', targetValue: 85, actualValue: 86.2, weight: 10 },
    { indicatorId: 'T4', level1: 'output', operator: 'eq', targetValue: 100, actualValue: 100, weight: 10 },
    { indicatorId: 'T5', level1: 'output', operator: 'lte', targetValue: 0.6, actualValue: 0.62, weight: 10 },
    { indicatorId: 'T6', level1: 'benefit', operator: 'eq', targetValue: 100, actualValue: 100, weight: 10 },
    {
      indicatorId: 'T7',
      level1: 'benefit',
      operator: 'qual',
      qualitativeAchievement: 'achieved',
      weight: 10,
      score: 9,
    },
    { indicatorId: 'T8', level1: 'benefit', operator: 'qual', qualitativeAchievement: 'partly', weight: 10, score: 7 },
    { indicatorId: 'T9', level1: 'satisfaction', operator: 'gte', targetValue: 90, actualValue: 92.5, weight: 10 },
  ];
  const funds = {
    fullYearBudget: sumMoney(['1180.00', '45.00', '100.00']),
    executed: sumMoney(['1150.60', '45.00', '88.40']),
  };

  it('reproduces every row score, the execution score and the total 93.70 优', () => {
    expect(funds).toEqual({ fullYearBudget: '1325.00', executed: '1284.00' });
    const r = totalOf(rows, funds);
    expect(r.scores).toEqual([10, 8.33, 10, 10, 9.68, 10, 9, 7, 10]);
    expect(r.indicatorSum).toBe(84.01);
    expect(r.rate).toBe(96.91);
    expect(r.execScore).toBe(9.69);
    expect(r.total).toBe(93.7);
    expect(grade(r.total)).toBe('excellent');
  });

  it('has the default weights 50/30/10 + 10', () => {
    expect(levelWeights(rows)).toEqual({ output: 50, benefit: 30, satisfaction: 10 });
    expect(checkWeights(rows)).toEqual([]);
  });
});

describe('worked example: department self-evaluation (forms/dept-self-eval example)', () => {
  const rows: Row[] = [
    { indicatorId: 'D1', level1: 'output', operator: 'gte', targetValue: 1850, actualValue: 1862, weight: 15 },
    { indicatorId: 'D2', level1: 'output', operator: 'eq', targetValue: 100, actualValue: 100, weight: 15 },
    { indicatorId: 'D3', level1: 'output', operator: 'gte', targetValue: 90, actualValue: 85, weight: 10 },
    { indicatorId: 'D4', level1: 'output', operator: 'lte', targetValue: 28, actualValue: 26.5, weight: 10 },
    { indicatorId: 'D5', level1: 'benefit', operator: 'gte', targetValue: 85, actualValue: 86.2, weight: 15 },
    {
      indicatorId: 'D6',
      level1: 'benefit',
      operator: 'qual',
      qualitativeAchievement: 'achieved',
      weight: 15,
      score: 14,
    },
    { indicatorId: 'D7', level1: 'satisfaction', operator: 'gte', targetValue: 90, actualValue: 88, weight: 10 },
  ];

  it('reproduces D3 9.44, D7 9.78, the rate 96.14 → 9.61 and the total 97.83 优', () => {
    const byIncome = {
      fullYearBudget: sumMoney(['2590.00', '22.00', '200.00']),
      executed: sumMoney(['2512.35', '22.00', '169.20']),
    };
    const byExpense = { fullYearBudget: sumMoney(['1062.00', '1750.00']), executed: sumMoney(['1060.10', '1643.45']) };
    expect(byIncome).toEqual({ fullYearBudget: '2812.00', executed: '2703.55' });
    expect(byExpense).toEqual(byIncome);
    const r = totalOf(rows, byIncome);
    expect(r.scores).toEqual([15, 15, 9.44, 10, 15, 14, 9.78]);
    expect(qualBand('achieved', 15)).toEqual({ min: 12, max: 15, maxInclusive: true });
    expect(r.indicatorSum).toBe(88.22);
    expect(r.rate).toBe(96.14);
    expect(r.execScore).toBe(9.61);
    expect(r.total).toBe(97.83);
    expect(grade(r.total)).toBe('excellent');
  });
});

describe('weights (R-C10)', () => {
  const row = (level1: string, weight: number) => ({ level1, weight, operator: 'gte' });

  it('reports a level-1 whose weights do not add up', () => {
    const errors = checkWeights([row('output', 45), row('benefit', 30), row('satisfaction', 10)]);
    expect(errors.map((e) => e.message)).toEqual([
      '产出指标分值合计为 45，应为 50',
      '指标分值合计 85 加预算执行率分值 10 为 95，应为 100',
    ]);
    expect(errors[0].path).toBe('/indicators');
  });

  it('moves the 满意度 weight to 效益 when there is no 满意度 row, or where configured', () => {
    expect(checkWeights([row('output', 50), row('benefit', 40)])).toEqual([]);
    expect(checkWeights([row('output', 50), row('benefit', 30)]).map((e) => e.message)[0]).toBe(
      '效益指标分值合计为 30，应为 40',
    );
    expect(checkWeights([row('output', 60), row('benefit', 30)], { noSatisfactionMoveTo: 'output' })).toEqual([]);
  });

  it('lets 成本 share the 产出 weight (variant B)', () => {
    expect(checkWeights([row('output', 35), row('cost', 15), row('benefit', 30), row('satisfaction', 10)])).toEqual([]);
  });

  it('sums weights in decimal', () => {
    expect(levelWeights([row('output', 16.7), row('output', 16.7), row('output', 16.6)])).toEqual({ output: 50 });
  });
});
