import { describe, expect, it } from 'vitest';
import { ExpressionError, evaluateExpression } from '../../../forms/lib/expressions';

const selfEval = {
  fiscalYear: 2025,
  funds: { total: { fullYearBudget: '1325.00', executed: '1284.00' } },
  funding: { annual: { fiscal: '1180.00', other: '100.00' } },
  indicators: [
    { indicatorId: 'T2', operator: 'gte', targetValue: 6, actualValue: 5, weight: 10 },
    { indicatorId: 'T5', operator: 'lte', targetValue: 0.6, actualValue: 0.62, weight: 10 },
    { indicatorId: 'T9', operator: 'gte', targetValue: 90, actualValue: 130, weight: 10 },
  ],
};

async function expectExpressionError(p: Promise<unknown>, code: string, message: RegExp) {
  const err = await p.then(
    () => null,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(ExpressionError);
  expect((err as ExpressionError).code).toBe(code);
  expect((err as ExpressionError).message).toMatch(message);
}

describe('expressions: domain functions', () => {
  it('computes money in decimal', async () => {
    expect(await evaluateExpression('$sumMoney([funding.annual.fiscal, funding.annual.other])', selfEval)).toBe(
      '1280.00',
    );
    expect(await evaluateExpression('$addMoney("0.1", "0.2")', {})).toBe('0.30');
    expect(await evaluateExpression('$subMoney("1600.00", "1486.30")', {})).toBe('113.70');
    expect(await evaluateExpression('$toMoney(2.345)', {})).toBe('2.35');
    expect(await evaluateExpression('$moneyEquals("1280", "1280.00")', {})).toBe(true);
    expect(await evaluateExpression('$percentOf("113.70", "1600.00")', {})).toBe(7.11);
    expect(await evaluateExpression('$percentOf("1", "0")', {})).toBeUndefined();
    expect(await evaluateExpression('$round2(8.3333)', {})).toBe(8.33);
  });

  it('sums a column that has a single row (a JSONata singleton, not an array)', async () => {
    expect(await evaluateExpression('$sumMoney(rows.amount)', { rows: [{ amount: '5.50' }] })).toBe('5.50');
  });

  it('scores rows, flags overshoot and reads $settings', async () => {
    expect(await evaluateExpression('indicators.$rowScore($)', selfEval)).toEqual([8.33, 9.68, 10]);
    expect(await evaluateExpression('indicators.$overshoot($)', selfEval)).toEqual([false, false, true]);
    expect(
      await evaluateExpression('indicators.$overshoot($)', selfEval, { bindings: { settings: { overshootK: 1.5 } } }),
    ).toEqual([false, false, false]);
    expect(
      await evaluateExpression('$rowScore(indicators[1])', selfEval, {
        bindings: { settings: { negativeCurve: 'linear' } },
      }),
    ).toBe(9.67);
    expect(await evaluateExpression('$qualScoreInBand("achieved", 10, 8)', {})).toBe(true);
  });

  it('computes execution, grade, conclusion, working days, lateness and result application', async () => {
    expect(await evaluateExpression('$executionRate(funds.total.executed, funds.total.fullYearBudget)', selfEval)).toBe(
      96.91,
    );
    expect(await evaluateExpression('$executionScore(96.91)', {})).toBe(9.69);
    expect(await evaluateExpression('$grade(89.99)', {})).toBe('good');
    expect(await evaluateExpression('$gradeLabel("excellent") & $gradeLabel(59.99)', {})).toBe('优差');
    expect(await evaluateExpression('$exAnteConclusion(84)', {})).toBe('supportAfterRevision');
    expect(
      await evaluateExpression(
        '$exAnteConclusion(84)',
        {},
        { bindings: { settings: { exAnteBands: { support: 80, supportAfterRevision: 60 } } } },
      ),
    ).toBe('support');
    expect(await evaluateExpression('$addWorkingDays("2025-09-26", 15)', {})).toBe('2025-10-23');
    expect(await evaluateExpression('$isLate("2026-04-01T09:00:00+08:00", fiscalYear)', selfEval)).toBe(true);
    const r = (await evaluateExpression(
      '$resultApplication({"totalScore": 93.70, "reviewScore": 78.20})',
      {},
    )) as Record<string, unknown>;
    expect(r.nextYearSameTypeProject).toBe('blockedUntilRectified');
    expect(
      await evaluateExpression(
        '$resultApplication({"reviewGrade": "fair"}).reduceRatio',
        {},
        { bindings: { settings: { reduceRatio: 10 } } },
      ),
    ).toBe(10);
  });

  it('returns undefined instead of failing when an input is missing', async () => {
    expect(await evaluateExpression('$rowScore(missing)', {})).toBeUndefined();
    expect(await evaluateExpression('$executionRate(a, b)', {})).toBeUndefined();
  });

  it('does not let bindings shadow a domain function', async () => {
    expect(await evaluateExpression('$round2(1.005)', {}, { bindings: { round2: 'x' } })).toBe(1.01);
  });
});

describe('expressions: bounds', () => {
  it('stops infinite recursion quickly with a Chinese error', async () => {
    const started = Date.now();
    const err = await evaluateExpression('( $f := function($x){ $f($x) }; $f(1) )', {}).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ExpressionError);
    expect(['timeout', 'depth']).toContain((err as ExpressionError).code);
    expect((err as Error).message).toMatch(/表达式(计算超时|嵌套过深)/);
    expect(Date.now() - started).toBeLessThan(2000);
  });

  it('stops non-tail recursion by depth', async () => {
    await expectExpressionError(
      evaluateExpression('( $f := function($x){ 1 + $f($x) }; $f(1) )', {}),
      'depth',
      /嵌套过深/,
    );
  });

  it('stops a long loop by time, within a bounded delay', async () => {
    const started = Date.now();
    await expectExpressionError(
      evaluateExpression('( $f := function($n){ $n = 0 ? 0 : $f($n - 1) }; $f(100000000) )', {}, { timeoutMs: 50 }),
      'timeout',
      /计算超时（本次请求的公式合计超过 50 毫秒）/,
    );
    expect(Date.now() - started).toBeLessThan(1000);
  });

  it('refuses huge sequences, long expressions, bad syntax and catastrophic regexes', async () => {
    await expectExpressionError(evaluateExpression('$count([1..10000000])', {}), 'tooLarge', /数据过多/);
    await expectExpressionError(evaluateExpression(`1${' + 1'.repeat(1000)}`, {}), 'tooLong', /表达式过长/);
    await expectExpressionError(evaluateExpression('1 +', {}), 'syntax', /语法错误/);
    await expectExpressionError(
      evaluateExpression('$match(s, /(a+)+$/)', { s: `${'a'.repeat(40)}!` }),
      'unsafeRegex',
      /灾难性回溯/,
    );
  });

  it('reports bad money input as a Chinese error', async () => {
    await expectExpressionError(evaluateExpression('$toMoney("1e3")', {}), 'evaluation', /金额格式不正确/);
  });

  it('compiles an expression once and reuses it', async () => {
    const expr = '$sumMoney(xs)';
    for (let i = 0; i < 50; i++)
      expect(await evaluateExpression(expr, { xs: ['1.00', String(i)] })).toBe(`${(1 + i).toFixed(2)}`);
  });
});
