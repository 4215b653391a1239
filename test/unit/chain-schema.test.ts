import { describe, expect, it } from 'vitest';
import { checkChainDefinition } from '../../forms/lib/server/chain-schema';

const valid = () => ({
  id: 'monitoring',
  title: '运行监控审核',
  steps: [
    {
      id: 'biz',
      name: '业务股室审核',
      basis: '第二十一条',
      assignee: { type: 'managingSection' },
      actions: ['approve', 'return'],
    },
    {
      id: 'perf',
      name: '绩效评价服务股汇总',
      basis: '第二十一条',
      assignee: { type: 'unit', unitId: 'jxpj' },
      actions: ['approve'],
      returnTo: 'biz',
    },
  ],
});

describe('chain meta-schema', () => {
  it('accepts a well-formed chain', () => {
    expect(checkChainDefinition(valid())).toEqual([]);
  });

  it.each([
    ['a step without basis', (c: any) => delete c.steps[0].basis, '/steps/0/basis'],
    ['an unknown action', (c: any) => (c.steps[0].actions = ['approve', 'delete']), '/steps/0/actions/1'],
    ['an unknown step field', (c: any) => (c.steps[0].script = 'x'), '/steps/0/script'],
    ['HTML in a title', (c: any) => (c.title = '<img src=x onerror=alert(1)>'), '/title'],
    ['duplicate step ids', (c: any) => (c.steps[1].id = 'biz'), '/steps/1/id'],
    ['returnTo a later step', (c: any) => (c.steps[0].returnTo = 'perf'), '/steps/0/returnTo'],
    ['a review step that cannot approve', (c: any) => (c.steps[0].actions = ['return']), '/steps/0/actions'],
    [
      'several assignees without 会签/或签 mode',
      (c: any) => (c.steps[0].assignee = [{ type: 'managingSection' }, { type: 'unit', unitId: 'jxpj' }]),
      '/steps/0/mode',
    ],
    ['a score range upside down', (c: any) => (c.steps[0].score = { min: 10, max: 5 }), '/steps/0/score'],
    [
      'a notify step with a deadline',
      (c: any) => Object.assign(c.steps[1], { kind: 'notify', dueInWorkingDays: 3, returnTo: undefined }),
      '/steps/1',
    ],
  ])('refuses %s with a Chinese message at the path', (_name, mutate, path) => {
    const chain = valid();
    mutate(chain);
    const errors = checkChainDefinition(JSON.parse(JSON.stringify(chain)));
    expect(errors.map((e) => e.path)).toContain(path);
    expect(errors.every((e) => /[\u4e00-\u9fa5]/.test(e.message))).toBe(true);
  });
});
