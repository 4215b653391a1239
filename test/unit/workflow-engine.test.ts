import { describe, expect, it } from 'vitest';
import { ConflictError, ForbiddenError, ValidationError } from '../../functions/core/errors';
import { decide, initialState, submit, withdraw } from '../../functions/core/workflow/engine';
import type { Chain, EngineContext, WorkflowState } from '../../functions/core/workflow/types';
import { by, chainOf, step, unit } from '../support/engine-builders';

// Small builders: a chain from steps, a context with fixed routing, a decision by a unit.

function ctx(overrides: Partial<EngineContext> & { inactive?: string[] } = {}): EngineContext {
  return {
    now: '2025-10-10T02:00:00.000Z',
    resolveAssignee: (a) => (a.type === 'unit' ? [a.unitId] : a.type === 'submitterUnit' ? ['dept'] : ['biz']),
    isActive: (s) => !(overrides.inactive ?? []).includes(s.id),
    dueAt: (s) => (s.dueInWorkingDays ? `due+${s.dueInWorkingDays}` : null),
    ...overrides,
  };
}
const submitted = (chain: Chain, c = ctx()) => submit(chain, initialState(), c).state;

describe('review steps', () => {
  const chain = chainOf(
    step('a', { type: 'submitterUnit' }),
    step('b', { type: 'managingSection' }),
    step('c', unit('budget')),
  );

  it('Given a draft, When it is submitted, Then round 1 starts at the first step assigned to its unit', () => {
    const { state, events } = submit(chain, initialState(), ctx());
    expect(state).toMatchObject({ status: 'in_review', round: 1, stepIndex: 0, reviewerActed: false });
    expect(state.assignments).toEqual([
      { unitId: 'dept', state: 'open', assignedAt: '2025-10-10T02:00:00.000Z', dueAt: null },
    ]);
    expect(events.map((e) => e.type)).toEqual(['submitted', 'stepOpened']);
  });

  it('Given an open step, When the assignee approves, Then the next step opens for the managing section', () => {
    const { state, events } = decide(chain, submitted(chain), by('dept', 'a', 'approve'), ctx());
    expect(state.stepIndex).toBe(1);
    expect(state.assignments.map((a) => a.unitId)).toEqual(['biz']);
    expect(state.reviewerActed).toBe(true);
    expect(events.map((e) => e.type)).toEqual(['decided', 'stepClosed', 'stepOpened']);
  });

  it('Given the last step, When it is approved, Then the chain completes as approved', () => {
    let s = submitted(chain);
    s = decide(chain, s, by('dept', 'a', 'approve'), ctx()).state;
    s = decide(chain, s, by('biz', 'b', 'approve'), ctx()).state;
    const { state, events } = decide(chain, s, by('budget', 'c', 'approve'), ctx());
    expect(state).toMatchObject({ status: 'approved', stepIndex: null, assignments: [] });
    expect(events.at(-1)).toEqual({ type: 'completed', status: 'approved' });
    expect(state.trail.map((t) => `${t.stepId}:${t.outcome}`)).toEqual(['a:approved', 'b:approved', 'c:approved']);
  });

  it('Given an open step, When the reviewer returns it, Then the submission goes back to the submitter as returned', () => {
    const s = decide(chain, submitted(chain), by('dept', 'a', 'approve'), ctx()).state;
    const { state, events } = decide(chain, s, by('biz', 'b', 'return'), ctx());
    expect(state).toMatchObject({ status: 'returned', stepIndex: null, assignments: [] });
    expect(events.find((e) => e.type === 'returned')).toEqual({ type: 'returned', toStepId: null });
  });

  it('Given a returned submission, When it is resubmitted, Then round 2 starts from the first step again with fresh decisions', () => {
    let s = decide(chain, submitted(chain), by('dept', 'a', 'approve'), ctx()).state;
    s = decide(chain, s, by('biz', 'b', 'return'), ctx()).state;
    expect(Object.keys(s.decisions)).toEqual(['a', 'b']);
    const { state } = submit(chain, s, ctx());
    expect(state).toMatchObject({ status: 'in_review', round: 2, stepIndex: 0, trail: [], reviewerActed: false });
    // toMatchObject would accept any decisions for `{}`: the old round's decisions must be gone.
    expect(state.decisions).toEqual({});
  });

  it('Given an open step, When the reviewer rejects, Then the chain ends as rejected', () => {
    const { state, events } = decide(chain, submitted(chain), by('dept', 'a', 'reject'), ctx());
    expect(state.status).toBe('rejected');
    expect(events.at(-1)).toEqual({ type: 'completed', status: 'rejected' });
  });

  it('requires an opinion for 退回 and 不予通过', () => {
    expect(() => decide(chain, submitted(chain), by('dept', 'a', 'return', { comment: '  ' }), ctx())).toThrow(
      ValidationError,
    );
    expect(() => decide(chain, submitted(chain), by('dept', 'a', 'reject', { comment: undefined }), ctx())).toThrow(
      /必须填写意见/,
    );
  });

  it('refuses an action the step does not allow', () => {
    const only = chainOf(step('a', unit('x'), { actions: ['approve'] }));
    expect(() => decide(only, submitted(only), by('x', 'a', 'reject'), ctx())).toThrow(ValidationError);
  });

  it('answers a conflict for a step that is not the open one (out of order) and for a finished chain', () => {
    const s = submitted(chain);
    expect(() => decide(chain, s, by('biz', 'b', 'approve'), ctx())).toThrow(ConflictError);
    const rejected = decide(chain, s, by('dept', 'a', 'reject'), ctx()).state;
    expect(() => decide(chain, rejected, by('dept', 'a', 'approve'), ctx())).toThrow(ConflictError);
  });

  it('forbids a unit that is not an assignee of the open step', () => {
    expect(() => decide(chain, submitted(chain), by('other', 'a', 'approve'), ctx())).toThrow(ForbiddenError);
  });

  it('never mutates the state it was given (a pure transition)', () => {
    const s = submitted(chain);
    const copy = structuredClone(s);
    decide(chain, s, by('dept', 'a', 'approve'), ctx());
    expect(s).toEqual(copy);
  });
});

describe('scores', () => {
  const chain = chainOf(
    step('check', unit('perf'), { score: { min: 0, max: 100, required: true } }),
    step('end', unit('budget')),
  );

  it('Given a step that asks for a score, When approved without one, Then it is refused', () => {
    expect(() => decide(chain, submitted(chain), by('perf', 'check', 'approve'), ctx())).toThrow(/需要评分/);
  });

  it('refuses scores outside the range or with more than two decimals, and accepts 78.2', () => {
    expect(() => decide(chain, submitted(chain), by('perf', 'check', 'approve', { score: 101 }), ctx())).toThrow(
      /范围/,
    );
    expect(() => decide(chain, submitted(chain), by('perf', 'check', 'approve', { score: 78.123 }), ctx())).toThrow(
      /两位小数/,
    );
    const { state } = decide(chain, submitted(chain), by('perf', 'check', 'approve', { score: 78.2 }), ctx());
    expect(state.decisions.check).toMatchObject({ action: 'approve', score: 78.2 });
  });

  it('refuses a score below the minimum of the step', () => {
    const ranged = chainOf(step('check', unit('perf'), { score: { min: 60, max: 100, required: true } }));
    const below = () => decide(ranged, submitted(ranged), by('perf', 'check', 'approve', { score: 59.99 }), ctx());
    expect(below).toThrow(/范围/);
    expect(decide(ranged, submitted(ranged), by('perf', 'check', 'approve', { score: 60 }), ctx()).state.status).toBe(
      'approved',
    );
  });

  it('does not ask for the required score on 退回 or 不予通过, but still checks a score that is given', () => {
    const returned = decide(chain, submitted(chain), by('perf', 'check', 'return'), ctx()).state;
    expect(returned.status).toBe('returned');
    expect(returned.decisions.check).toEqual({ action: 'return', unitId: 'perf' });
    const rejected = decide(chain, submitted(chain), by('perf', 'check', 'reject'), ctx()).state;
    expect(rejected.status).toBe('rejected');
    expect(() => decide(chain, submitted(chain), by('perf', 'check', 'return', { score: -1 }), ctx())).toThrow(/范围/);
    expect(() => decide(chain, submitted(chain), by('perf', 'check', 'reject', { score: 100.001 }), ctx())).toThrow(
      /范围/,
    );
  });

  it('refuses a score on a step that does not ask for one', () => {
    const s = decide(chain, submitted(chain), by('perf', 'check', 'approve', { score: 90 }), ctx()).state;
    expect(() => decide(chain, s, by('budget', 'end', 'approve', { score: 5 }), ctx())).toThrow(/不需要评分/);
  });
});

describe('notify (抄送) steps', () => {
  const chain = chainOf(
    step('biz', { type: 'managingSection' }),
    step('cc', [unit('budget'), unit('perf')], { kind: 'notify', actions: [] }),
    step('last', unit('perf')),
  );

  it('Given a notify step after a review, When the review passes, Then both units are informed and the next review opens without waiting', () => {
    const { state, events } = decide(chain, submitted(chain), by('biz', 'biz', 'approve'), ctx());
    expect(events).toContainEqual({ type: 'notified', stepId: 'cc', unitIds: ['budget', 'perf'] });
    expect(state.stepIndex).toBe(2);
    expect(state.trail.map((t) => t.outcome)).toEqual(['approved', 'notified']);
  });

  it('completes the chain when a notify step is last', () => {
    const short = chainOf(
      step('biz', { type: 'managingSection' }),
      step('cc', unit('budget'), { kind: 'notify', actions: [] }),
    );
    const { state, events } = decide(short, submitted(short), by('biz', 'biz', 'approve'), ctx());
    expect(state.status).toBe('approved');
    expect(events.map((e) => e.type)).toEqual(['decided', 'stepClosed', 'notified', 'completed']);
  });
});

describe('several assignees: 会签 (all) and 或签 (any)', () => {
  const joint = (mode: 'all' | 'any') =>
    chainOf(step('joint', [unit('perf'), { type: 'managingSection' }], { mode }), step('end', unit('budget')));

  it('Given 会签, When one of two approves, Then the step stays open until the other approves too', () => {
    const chain = joint('all');
    const first = decide(chain, submitted(chain), by('perf', 'joint', 'approve'), ctx());
    expect(first.state.stepIndex).toBe(0);
    expect(first.state.assignments.map((a) => a.state)).toEqual(['approved', 'open']);
    const second = decide(chain, first.state, by('biz', 'joint', 'approve'), ctx());
    expect(second.state.stepIndex).toBe(1);
  });

  it('Given 会签, When a unit that already approved decides again, Then it is a conflict', () => {
    const chain = joint('all');
    const s = decide(chain, submitted(chain), by('perf', 'joint', 'approve'), ctx()).state;
    expect(() => decide(chain, s, by('perf', 'joint', 'approve'), ctx())).toThrow(ConflictError);
  });

  it('Given 或签, When one approves, Then the step closes and the other assignment is cancelled', () => {
    const chain = joint('any');
    const { state, events } = decide(chain, submitted(chain), by('biz', 'joint', 'approve'), ctx());
    expect(state.stepIndex).toBe(1);
    expect(events).toContainEqual({
      type: 'stepClosed',
      stepId: 'joint',
      outcome: 'approved',
      cancelledUnitIds: ['perf'],
    });
  });

  it('Given 会签, When one returns, Then the whole step is returned at once', () => {
    const chain = joint('all');
    const { state } = decide(chain, submitted(chain), by('perf', 'joint', 'return'), ctx());
    expect(state.status).toBe('returned');
  });
});

describe('conditions (when)', () => {
  const chain = chainOf(
    step('biz', { type: 'managingSection' }),
    step('major', unit('group'), { when: 'x' }),
    step('end', unit('budget')),
  );

  it('Given an inactive conditional step, When the previous step passes, Then it is skipped', () => {
    const { state, events } = decide(
      chain,
      submitted(chain, ctx({ inactive: ['major'] })),
      by('biz', 'biz', 'approve'),
      ctx({ inactive: ['major'] }),
    );
    expect(events).toContainEqual({ type: 'stepSkipped', stepId: 'major' });
    expect(chain.steps[state.stepIndex as number].id).toBe('end');
  });

  it('Given an active conditional step, Then it opens', () => {
    const { state } = decide(chain, submitted(chain), by('biz', 'biz', 'approve'), ctx());
    expect(chain.steps[state.stepIndex as number].id).toBe('major');
  });

  it('records the decision fields so later conditions can read them', () => {
    const { state } = decide(
      chain,
      submitted(chain),
      by('biz', 'biz', 'approve', { fields: { isMajorMatter: true } }),
      ctx(),
    );
    expect(state.decisions.biz).toEqual({ action: 'approve', unitId: 'biz', fields: { isMajorMatter: true } });
  });
});

describe('returnTo an earlier step', () => {
  const chain = chainOf(
    step('biz', { type: 'managingSection' }),
    step('perf', unit('perf'), { returnTo: 'biz' }),
    step('end', unit('budget')),
  );

  it('Given returnTo, When the later step returns, Then the earlier step reopens and the submission stays in review', () => {
    const s = decide(chain, submitted(chain), by('biz', 'biz', 'approve'), ctx()).state;
    const { state, events } = decide(chain, s, by('perf', 'perf', 'return'), ctx());
    expect(state.status).toBe('in_review');
    expect(chain.steps[state.stepIndex as number].id).toBe('biz');
    expect(events).toContainEqual({ type: 'returned', toStepId: 'biz' });
  });
});

describe('deadlines', () => {
  it('Given a step with a deadline in working days, Then its assignments carry the due date from the calendar', () => {
    const chain = chainOf(step('feedback', { type: 'submitterUnit' }, { dueInWorkingDays: 15 }));
    const state = submitted(chain);
    expect(state.assignments[0].dueAt).toBe('due+15');
  });
});

describe('withdraw', () => {
  const chain = chainOf(step('a', { type: 'submitterUnit' }), step('b', { type: 'managingSection' }));

  it('Given a submission nobody has acted on, When withdrawn, Then it is a draft again and the open tasks are cancelled', () => {
    const { state, events } = withdraw(submitted(chain));
    expect(state).toMatchObject({ status: 'draft', stepIndex: null, assignments: [] });
    expect(events).toEqual([{ type: 'withdrawn', cancelledUnitIds: ['dept'] }]);
  });

  it('Given a reviewer has acted, When withdrawn, Then it is a conflict', () => {
    const s = decide(chain, submitted(chain), by('dept', 'a', 'approve'), ctx()).state;
    expect(() => withdraw(s)).toThrow(ConflictError);
  });

  it('cannot withdraw a draft or a finished submission', () => {
    expect(() => withdraw(initialState())).toThrow(ConflictError);
    const done: WorkflowState = { ...initialState(), status: 'approved' };
    expect(() => withdraw(done)).toThrow(ConflictError);
  });

  it('cannot submit twice', () => {
    expect(() => submit(chain, submitted(chain), ctx())).toThrow(ConflictError);
  });
});
