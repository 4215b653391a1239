import { screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { diffData } from '../../web/src/lib/diff';
import { DiffView } from '../../web/src/review/diff-view';
import { renderWithAntd } from './render';

const schema = {
  type: 'object',
  definitions: {
    Row: {
      type: 'object',
      properties: {
        indicatorId: { type: 'string' },
        name: { type: 'string', title: '三级指标' },
        targetValue: { type: 'number', title: '指标值' },
        level1: { type: 'string', title: '一级指标', enum: ['output', 'benefit'] },
      },
    },
  },
  properties: {
    projectName: { type: 'string', title: '项目名称' },
    goals: {
      type: 'object',
      title: '总体目标',
      properties: {
        annualGoal: { type: 'string', title: '年度目标' },
        midTermGoal: { type: 'string', title: '中期目标' },
      },
    },
    isSpecialFund: { type: 'boolean', title: '是否专项资金' },
    fundType: {
      type: 'string',
      title: '资金类型',
      oneOf: [
        { const: 'general', title: '一般公共预算' },
        { const: 'govFund', title: '政府性基金预算' },
      ],
    },
    annualIndicators: { type: 'array', title: '年度绩效指标', items: { $ref: '#/definitions/Row' } },
  },
};
const uiSchema = { annualIndicators: { items: { level1: { 'ui:enumNames': ['产出指标', '效益指标'] } } } };

const before = {
  projectName: '农村公路养护',
  goals: { annualGoal: '完成1850公里养护', midTermGoal: '三年规划' },
  isSpecialFund: false,
  fundType: 'general',
  annualIndicators: [
    { indicatorId: 'T1', name: '养护里程', targetValue: 1850, level1: 'output' },
    { indicatorId: 'T2', name: '危桥改造数量', targetValue: 6, level1: 'output' },
  ],
};

describe('diffData', () => {
  it('reports nothing for equal data', () => {
    expect(diffData(before, structuredClone(before), schema)).toEqual([]);
  });

  it('labels a changed nested field with the Chinese titles of its sections', () => {
    const after = structuredClone(before);
    after.goals.annualGoal = '完成1900公里养护';
    expect(diffData(before, after, schema)).toEqual([
      {
        path: '/goals/annualGoal',
        label: '总体目标 › 年度目标',
        kind: 'changed',
        before: '完成1850公里养护',
        after: '完成1900公里养护',
      },
    ]);
  });

  it('shows enum titles, 是/否 for booleans, and added or removed optional fields', () => {
    const after = structuredClone(before) as Record<string, unknown> & typeof before;
    after.fundType = 'govFund';
    after.isSpecialFund = true;
    delete (after.goals as Partial<typeof before.goals>).midTermGoal;
    const entries = diffData(before, after, schema);
    expect(entries).toContainEqual({
      path: '/fundType',
      label: '资金类型',
      kind: 'changed',
      before: '一般公共预算',
      after: '政府性基金预算',
    });
    expect(entries).toContainEqual({
      path: '/isSpecialFund',
      label: '是否专项资金',
      kind: 'changed',
      before: '否',
      after: '是',
    });
    expect(entries).toContainEqual({
      path: '/goals/midTermGoal',
      label: '总体目标 › 中期目标',
      kind: 'removed',
      before: '三年规划',
      after: undefined,
    });
  });

  it('matches rows by indicatorId: an inserted row is one addition, a changed cell one change', () => {
    const after = structuredClone(before);
    after.annualIndicators = [
      { indicatorId: 'T0', name: '新增指标', targetValue: 1, level1: 'benefit' },
      { indicatorId: 'T1', name: '养护里程', targetValue: 1900, level1: 'output' },
    ];
    const entries = diffData(before, after, schema, uiSchema);
    expect(entries).toEqual([
      {
        path: '/annualIndicators/0',
        label: '年度绩效指标 › 第1行（新增指标）',
        kind: 'added',
        after: '三级指标：新增指标；指标值：1；一级指标：效益指标',
      },
      {
        path: '/annualIndicators/1/targetValue',
        label: '年度绩效指标 › 第2行（养护里程） › 指标值',
        kind: 'changed',
        before: '1850',
        after: '1900',
      },
      {
        path: '/annualIndicators/1',
        label: '年度绩效指标 › 第2行（危桥改造数量）',
        kind: 'removed',
        before: '三级指标：危桥改造数量；指标值：6；一级指标：产出指标',
      },
    ]);
  });

  it('compares rows by position when they carry no ids', () => {
    const s = {
      type: 'object',
      properties: {
        tasks: {
          type: 'array',
          title: '主要任务',
          items: { type: 'object', properties: { taskName: { type: 'string', title: '任务名称' } } },
        },
      },
    };
    const entries = diffData({ tasks: [{ taskName: 'A' }] }, { tasks: [{ taskName: 'B' }, { taskName: 'C' }] }, s);
    expect(entries.map((e) => [e.label, e.kind])).toEqual([
      ['主要任务 › 第1行（B） › 任务名称', 'changed'],
      ['主要任务 › 第2行（C）', 'added'],
    ]);
  });

  it('keeps markup in values as plain text', () => {
    const after = { ...before, projectName: '<img src=x onerror=alert(1)>' };
    expect(diffData(before, after, schema)[0].after).toBe('<img src=x onerror=alert(1)>');
  });
});

describe('DiffView', () => {
  it('shows field, before and after, and renders markup as text', () => {
    const after = { ...structuredClone(before), projectName: '<b>新名称</b>' };
    const { container } = renderWithAntd(<DiffView entries={diffData(before, after, schema)} />);
    expect(screen.getByText('项目名称')).toBeTruthy();
    expect(screen.getByText('农村公路养护')).toBeTruthy();
    expect(screen.getByText('<b>新名称</b>')).toBeTruthy();
    expect(container.querySelector('b')).toBeNull();
    expect(screen.getByText('修改')).toBeTruthy();
  });

  it('says so when nothing changed', () => {
    renderWithAntd(<DiffView entries={[]} />);
    expect(screen.getByText('与上次提交相比没有修改')).toBeTruthy();
  });
});
