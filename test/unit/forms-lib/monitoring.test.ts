import { describe, expect, it } from 'vitest';
import { validateFormData } from '../../../forms/lib/form-logic';
import {
  executionGap,
  executionToTimeIndex,
  fundsLight,
  indicatorLight,
  indicatorProgress,
  overallLight,
  timeProgress,
  worstLight,
} from '../../../forms/lib/monitoring';
import example from '../../../forms/project-monitoring/examples/valid-rural-road-maintenance.json';
import logic from '../../../forms/project-monitoring/logic.json';
import schema from '../../../forms/project-monitoring/schema.json';

/** 绩效运行监控 (第十九–二十三条): R-M2, R-M4–R-M7 and the worked example of the 1–7月 point. */
const form = { schema, logic } as never;

describe('monitoring computations (R-M5, the warning lights)', () => {
  it('computes 时序进度, the execution-to-time index and the gap of the worked example', () => {
    expect(timeProgress(7)).toBe(58.33);
    expect(timeProgress(13)).toBeNull();
    expect(executionToTimeIndex(41.14, 58.33)).toBe(70.53);
    expect(executionGap(41.14, 58.33)).toBe(17.19);
    expect(fundsLight(70.53)).toBe('yellow');
    expect(fundsLight(59.99)).toBe('red');
    expect(fundsLight(80)).toBe('green');
    expect(fundsLight(70, { fundsLightBands: { red: 75, yellow: 90 } })).toBe('red');
  });

  it('reads cumulative rows against the pro-rated target and state rows against the target itself', () => {
    const t1 = { operator: 'gte', progressMode: 'cumulative', targetValue: 1850, actualToDate: 1120 };
    const t2 = { operator: 'gte', progressMode: 'cumulative', targetValue: 6, actualToDate: 2 };
    const t3 = { operator: 'gte', progressMode: 'state', targetValue: 85, actualToDate: 84.6 };
    expect(indicatorProgress(t1, 7)).toBe(103.78);
    expect(indicatorProgress(t2, 7)).toBe(57.14);
    expect(indicatorProgress(t3, 7)).toBe(99.53); // pro-rating a rate would show 170.6 (blue)
    expect([t1, t2, t3].map((r) => indicatorLight(r, 7))).toEqual(['green', 'red', 'green']);
    expect(indicatorLight({ ...t1, actualToDate: 1400 }, 7)).toBe('blue');
    expect(indicatorLight({ ...t1, actualToDate: 700 }, 7)).toBe('yellow');
    expect(indicatorLight({ operator: 'lte', progressMode: 'state', targetValue: 0.6, actualToDate: 0.62 }, 7)).toBe(
      'red',
    );
    expect(indicatorLight({ operator: 'lte', progressMode: 'state', targetValue: 0.6, actualToDate: 0.6 }, 7)).toBe(
      'green',
    );
    expect(indicatorLight({ operator: 'qual', qualitativeProgress: 'partly' }, 7)).toBe('yellow');
    expect(indicatorLight({ operator: 'gte', progressMode: 'milestone', milestoneDone: false }, 7)).toBe('red');
    expect(indicatorLight({ operator: 'gte', progressMode: 'state', targetValue: 90 }, 7)).toBe('grey');
    expect(worstLight(['green', 'grey', 'yellow', 'blue'])).toBe('yellow');
    expect(worstLight(['grey'])).toBe('grey');
    expect(overallLight('yellow', 'red')).toBe('red');
    expect(overallLight('green', 'blue')).toBe('green');
  });
});

describe('project-monitoring form logic (the worked example, 1–7月)', () => {
  it('recomputes every value of the worked example and accepts it', async () => {
    const r = await validateFormData(form, example.data, { checkComputed: true });
    expect(r.errors).toEqual([]);
    expect(r.computed).toMatchObject({
      '/funds/total/adjustedBudget': '1325.00',
      '/funds/total/executedToDate': '545.10',
      '/funds/total/forecastExecuted': '1287.00',
      '/funds/total/forecastUnspent': '38.00',
      '/funds/total/executionRate': 41.14,
      '/funds/currentAppropriation/executionRate': 39.84,
      '/funds/other/executionRate': 30,
      '/timeProgress': 58.33,
      '/executionToTimeIndex': 70.53,
      '/executionGap': 17.19,
      '/fundsLight': 'yellow',
      '/indicators/0/light': 'green',
      '/indicators/1/light': 'red',
      '/indicators/2/light': 'green',
      '/indicators/4/light': 'red',
      '/indicators/7/light': 'yellow',
      '/indicators/8/light': 'grey',
      '/goalLight': 'red',
      '/overallLight': 'red',
      '/seriousDeviation': true,
      '/adjustmentCase': false,
    });
  });

  it('R-M4: a red row needs its causes, an explanation and corrective measures', async () => {
    const data = structuredClone(example.data) as Record<string, any>;
    for (const k of ['deviationCauses', 'deviationText', 'correctiveMeasures', 'externalCause'])
      delete data.indicators[1][k];
    const r = await validateFormData(form, data, { checkComputed: true });
    expect(r.errors.map((e) => e.path).sort()).toEqual([
      '/indicators/1/correctiveMeasures',
      '/indicators/1/deviationCauses',
      '/indicators/1/deviationText',
      '/indicators/1/externalCause',
    ]);
  });

  it('R-M6: with any light not green the deviation summary and the measures are required', async () => {
    const data = structuredClone(example.data) as Record<string, any>;
    delete data.analysis.deviationSummary;
    delete data.analysis.measures;
    const r = await validateFormData(form, data, { checkComputed: true });
    expect(r.errors.map((e) => e.path).sort()).toEqual(['/analysis/deviationSummary', '/analysis/measures']);
  });

  it('R-M7: a policy change that makes the target impossible asks for a budget cut or a target change', async () => {
    const data = structuredClone(example.data) as Record<string, any>;
    Object.assign(data.indicators[1], { externalCause: 'policyChange', likelihood: 'impossible' });
    data.adjustmentCase = true;
    const r = await validateFormData(form, data, { checkComputed: true });
    expect(r.errors.map((e) => e.path)).toEqual(['/analysis/adjustmentRequest']);
    data.analysis.adjustmentRequest = 'budgetCut';
    expect((await validateFormData(form, data, { checkComputed: true })).errors).toEqual([]);
  });

  it('R-M6 definition is a setting: without the any-red criterion the example is no serious deviation', async () => {
    const relaxed = {
      schema,
      logic: {
        ...logic,
        settings: {
          ...logic.settings,
          seriousDeviation: { fundsRed: true, anyIndicatorRed: false, overallImpossible: true },
        },
      },
    } as never;
    const r = await validateFormData(relaxed, example.data, { checkComputed: false });
    expect(r.computed['/seriousDeviation']).toBe(false);
  });
});
