import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { HistoryItem } from '../../web/src/api/types';
import { identityLine, plainName } from '../../web/src/lib/person';
import { type ChainDefinition, decisionFieldRows, opinionRows } from '../../web/src/read/review-record';

const chain = JSON.parse(
  readFileSync(join(import.meta.dirname, '..', '..', 'forms', 'chains', 'project-target.json'), 'utf8'),
) as ChainDefinition;

const jjs = { id: 'u-jjs', name: '李明（经济建设股 审核人）', unitId: 'jjs', unitName: '经济建设股' };
const ysg = { id: 'u-ysg', name: '吴磊（预算股 审核人）', unitId: 'ysg', unitName: '预算股' };
const history: HistoryItem[] = [
  { seq: 1, at: '2025-01-02T01:00:00Z', type: 'created', actor: jjs },
  { seq: 2, at: '2025-01-02T02:00:00Z', type: 'submitted', actor: { id: 'u-jtj', name: '刘芳', unitId: 'jtj' } },
  {
    seq: 3,
    at: '2025-01-03T02:00:00Z',
    type: 'approved',
    stepId: 'bizReview',
    actor: jjs,
    comment: '同意。',
    fields: { grade: 'good' },
  },
  { seq: 4, at: '2025-01-04T02:00:00Z', type: 'notified', stepId: 'x', actor: jjs },
  {
    seq: 5,
    at: '2025-01-05T02:00:00Z',
    type: 'approved',
    stepId: 'budgetApproval',
    stepName: '预算股批复一级项目绩效目标',
    actor: ysg,
    comment: '批复。',
    score: 92,
    fields: { approvalDocNo: '信财预〔2025〕12号', approvalDate: '2025-01-05' },
  },
];

describe('decisionFieldRows', () => {
  it('lists every decision field of the chain once, with the decided value as its Chinese label', () => {
    const rows = decisionFieldRows(chain, history, new Set(['unitApproval']));
    const byLabel = Object.fromEntries(rows.map((r) => [r.label, r.value]));
    expect(byLabel.审核等级).toBe('良');
    expect(byLabel.批复文号).toBe('信财预〔2025〕12号');
    expect(byLabel.批复日期).toBe('2025-01-05');
    expect(byLabel.列为重点审核项目).toBe('');
    expect(rows.filter((r) => r.label === '批复文号')).toHaveLength(1);
  });

  it('gives a field object one row per inner field and a scored step its score row', () => {
    const exAnte = {
      steps: [
        {
          id: 'bizReview',
          name: '业务股室审核打分',
          score: { label: '审核得分' },
          decisionSchema: {
            type: 'object',
            properties: {
              conclusion: { type: 'string', title: '总体评估结论', oneOf: [{ const: 'support', title: '予以支持' }] },
              dimensionScores: {
                type: 'object',
                properties: { necessity: { type: 'number', title: '立项必要性审核分' } },
              },
            },
          },
        },
      ],
    };
    const decided: HistoryItem[] = [
      {
        seq: 1,
        at: '2025-01-03T02:00:00Z',
        type: 'approved',
        stepId: 'bizReview',
        actor: jjs,
        score: 91,
        fields: { conclusion: 'support', dimensionScores: { necessity: 18 } },
      },
    ];
    expect(decisionFieldRows(exAnte, decided).map((r) => [r.label, r.value])).toEqual([
      ['审核得分', '91'],
      ['总体评估结论', '予以支持'],
      ['立项必要性审核分', '18'],
    ]);
  });

  it('keeps a field blank until its step decides it', () => {
    const rows = decisionFieldRows(chain, history.slice(0, 2));
    expect(rows.find((r) => r.label === '批复文号')?.value).toBe('');
    expect(rows.find((r) => r.label === '审核等级')?.value).toBe('');
  });
});

describe('opinionRows', () => {
  it('has one row per submission and decision with step, unit, person, action, opinion, score and time', () => {
    const rows = opinionRows(
      history,
      () => undefined,
      (_id, name) => name ?? '',
    );
    expect(rows.map((r) => [r.step, r.unit, r.person, r.action, r.opinion, r.score])).toEqual([
      ['填报单位报送', '', '刘芳', '提交', '', ''],
      ['bizReview', '经济建设股', '李明', '通过', '同意。', ''],
      ['预算股批复一级项目绩效目标', '预算股', '吴磊', '通过', '批复。', '92'],
    ]);
  });

  it("lists 转交 with its target unit and marks a deputy's decision 代 … 办理", () => {
    const rows = opinionRows(
      [
        { seq: 1, at: '2025-01-03T02:00:00Z', type: 'transferred', stepId: 'bizReview', actor: jjs, toUnitId: 'kjw' },
        {
          seq: 2,
          at: '2025-01-04T02:00:00Z',
          type: 'approved',
          stepId: 'bizReview',
          actor: { id: 'u-dep', name: '王五', unitId: 'kjw', unitName: '教科文股' },
          onBehalfOf: { id: 'u-kjw', name: '赵六（教科文股 审核人）' },
        },
      ],
      () => undefined,
      (id, name) => name ?? (id === 'kjw' ? '教科文股' : ''),
    );
    expect(rows.map((r) => [r.person, r.action])).toEqual([
      ['李明', '转交给教科文股'],
      ['王五（代 赵六 办理）', '通过'],
    ]);
  });
});

describe('identityLine', () => {
  it('says name, unit and role once even when the stored name repeats them', () => {
    expect(identityLine({ name: '刘芳（县交通运输局 填报人）', unitName: '县交通运输局', roles: ['filler'] })).toBe(
      '刘芳 · 县交通运输局 · 填报人',
    );
    expect(plainName('张三（借调）', '县交通运输局')).toBe('张三（借调）');
  });
});
