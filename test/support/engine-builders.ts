import type { Assignee, Chain, Decision, Step } from '../../functions/core/workflow/types';

/** Small builders for engine scenarios: a step, a unit assignee, a chain, a decision by a unit's user. */
export const step = (id: string, assignee: Assignee | Assignee[], extra: Partial<Step> = {}): Step => ({
  id,
  name: `步骤${id}`,
  basis: '第十六条',
  assignee,
  actions: ['approve', 'return', 'reject'],
  ...extra,
});
export const unit = (unitId: string): Assignee => ({ type: 'unit', unitId });
export const chainOf = (...steps: Step[]): Chain => ({ id: 'c', version: 1, title: '测试链', steps });
export const by = (
  unitId: string,
  stepId: string,
  action: Decision['action'],
  extra: Partial<Decision> = {},
): Decision => ({
  stepId,
  action,
  actorId: `${unitId}-user`,
  actorUnitId: unitId,
  comment: action === 'approve' ? undefined : '请修改',
  ...extra,
});
