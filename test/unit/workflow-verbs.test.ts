import { describe, expect, it } from 'vitest';
import { ConflictError, ForbiddenError, ValidationError } from '../../functions/core/errors';
import { decide, initialState, submit } from '../../functions/core/workflow/engine';
import type { EngineContext, WorkflowState } from '../../functions/core/workflow/types';
import { addSigner, transfer } from '../../functions/core/workflow/verbs';
import { by, chainOf, step, unit } from '../support/engine-builders';

const ctx = (now = '2025-10-10T02:00:00.000Z'): EngineContext => ({
  now,
  resolveAssignee: (a) => (a.type === 'unit' ? [a.unitId] : a.type === 'submitterUnit' ? ['dept'] : ['biz']),
  isActive: () => true,
  dueAt: (s) => (s.dueInWorkingDays ? `due+${s.dueInWorkingDays}@${now}` : null),
});
const verb = (unitId: string, stepId: string, comment = '归口不对，转交') => ({
  stepId,
  actorId: `${unitId}-user`,
  actorUnitId: unitId,
  comment,
  submitterUnitId: 'dept',
});
const open = (s: WorkflowState) => s.assignments.filter((a) => a.state === 'open').map((a) => a.unitId);
const waiting = (s: WorkflowState) => s.assignments.filter((a) => a.state === 'waiting').map((a) => a.unitId);

describe('转交', () => {
  const chain = chainOf(
    step('own', { type: 'submitterUnit' }),
    step('biz', { type: 'managingSection' }, { dueInWorkingDays: 5 }),
    step('budget', unit('ysg')),
  );
  const atBiz = () => {
    const s = submit(chain, initialState(), ctx()).state;
    return decide(chain, s, by('dept', 'own', 'approve'), ctx()).state;
  };

  it('Given a misrouted step, When its unit transfers it with an opinion, Then only the new unit holds it, with a fresh deadline', () => {
    const later = ctx('2025-10-11T02:00:00.000Z');
    const { state, events } = transfer(chain, atBiz(), { ...verb('biz', 'biz'), toUnitId: 'kjw' }, later);
    expect(open(state)).toEqual(['kjw']);
    expect(state.assignments[0]).toMatchObject({
      transferredFrom: 'biz',
      assignedAt: later.now,
      dueAt: `due+5@${later.now}`,
    });
    expect(state.reviewerActed).toBe(true);
    expect(events).toEqual([
      {
        type: 'transferred',
        stepId: 'biz',
        fromUnitId: 'biz',
        toUnitId: 'kjw',
        comment: '归口不对，转交',
        dueAt: `due+5@${later.now}`,
      },
    ]);
    // The old unit can no longer decide; the new one approves and the chain moves on.
    expect(() => decide(chain, state, by('biz', 'biz', 'approve'), ctx())).toThrow(ForbiddenError);
    expect(decide(chain, state, by('kjw', 'biz', 'approve'), ctx()).state.assignments.map((a) => a.unitId)).toEqual([
      'ysg',
    ]);
  });

  it('Given a transfer without an opinion, to the submitting unit, to a unit already assigned or from a sign-off step, Then it is refused', () => {
    const s = atBiz();
    expect(() => transfer(chain, s, { ...verb('biz', 'biz', ' '), toUnitId: 'kjw' }, ctx())).toThrow(ValidationError);
    expect(() => transfer(chain, s, { ...verb('biz', 'biz'), toUnitId: 'dept' }, ctx())).toThrow(
      expect.objectContaining({ code: 'TRANSFER_NOT_ALLOWED' }),
    );
    expect(() => transfer(chain, s, { ...verb('biz', 'biz'), toUnitId: 'biz' }, ctx())).toThrow(
      expect.objectContaining({ code: 'UNIT_ALREADY_ASSIGNED' }),
    );
    const first = submit(chain, initialState(), ctx()).state;
    expect(() => transfer(chain, first, { ...verb('dept', 'own'), toUnitId: 'kjw' }, ctx())).toThrow(
      expect.objectContaining({ code: 'TRANSFER_NOT_ALLOWED' }),
    );
  });

  it('Given a chain step with an allow-list, When the target is not on it, Then 转交 is refused; on it, it goes through', () => {
    const strict = chainOf(step('biz', { type: 'managingSection' }, { transferTo: ['kjw', 'shbz'] }));
    const s = submit(strict, initialState(), ctx()).state;
    expect(() => transfer(strict, s, { ...verb('biz', 'biz'), toUnitId: 'zfcg' }, ctx())).toThrow(
      expect.objectContaining({
        code: 'TRANSFER_NOT_ALLOWED',
        details: [{ path: '/toUnitId', message: '请在允许转交的单位中选择' }],
      }),
    );
    expect(open(transfer(strict, s, { ...verb('biz', 'biz'), toUnitId: 'shbz' }, ctx()).state)).toEqual(['shbz']);
  });

  it('Given a transfer and an approve computed from the same state, Then the first applied wins and the other conflicts on the new state', () => {
    const s = atBiz();
    const moved = transfer(chain, s, { ...verb('biz', 'biz'), toUnitId: 'kjw' }, ctx()).state;
    expect(() => decide(chain, moved, by('biz', 'biz', 'approve'), ctx())).toThrow(ForbiddenError);
    const approved = decide(chain, s, by('biz', 'biz', 'approve'), ctx()).state;
    expect(() => transfer(chain, approved, { ...verb('biz', 'biz'), toUnitId: 'kjw' }, ctx())).toThrow(ConflictError);
  });
});

describe('加签', () => {
  const chain = chainOf(step('biz', { type: 'managingSection' }), step('budget', unit('ysg')));
  const first = () => submit(chain, initialState(), ctx()).state;
  const add = (s: WorkflowState, position: 'before' | 'after', unitId = 'zfcg', actor = 'biz', stepId = 'biz') =>
    addSigner(
      chain,
      s,
      { ...verb(actor, stepId, '请政府采购股把关'), unitId, position },
      ctx('2025-10-10T03:00:00.000Z'),
    );

  it('Given 加签 before, Then the added unit decides first, the adder waits, and after its approve the adder decides again', () => {
    const { state, events } = add(first(), 'before');
    expect(open(state)).toEqual(['zfcg']);
    expect(waiting(state)).toEqual(['biz']);
    expect(events[0]).toMatchObject({ type: 'signerAdded', byUnitId: 'biz', unitId: 'zfcg', position: 'before' });
    expect(() => decide(chain, state, by('biz', 'biz', 'approve'), ctx())).toThrow(ConflictError);
    const back = decide(
      chain,
      state,
      by('zfcg', 'biz', 'approve', { comment: '采购合规' }),
      ctx('2025-10-10T04:00:00.000Z'),
    );
    expect(open(back.state)).toEqual(['biz']);
    expect(back.state.stepIndex).toBe(0);
    expect(back.state.decisions.biz).toBeUndefined();
    expect(back.events.map((e) => e.type)).toEqual(['decided', 'assignmentsOpened']);
    expect(back.events[0]).toMatchObject({ added: true });
    const done = decide(chain, back.state, by('biz', 'biz', 'approve'), ctx());
    expect(open(done.state)).toEqual(['ysg']);
    expect(done.state.decisions.biz).toMatchObject({ unitId: 'biz' });
  });

  it('Given 加签 after, Then the adder decides first and the step closes only once the added unit approved too', () => {
    const s = add(first(), 'after').state;
    expect(open(s)).toEqual(['biz']);
    expect(waiting(s)).toEqual(['zfcg']);
    const mid = decide(chain, s, by('biz', 'biz', 'approve'), ctx());
    expect(open(mid.state)).toEqual(['zfcg']);
    expect(mid.state.stepIndex).toBe(0);
    const done = decide(chain, mid.state, by('zfcg', 'biz', 'approve'), ctx());
    expect(open(done.state)).toEqual(['ysg']);
  });

  it('Given an added signer, When it returns the step, Then the step is returned like any decision and nothing stays waiting', () => {
    const s = add(first(), 'before').state;
    const { state, events } = decide(chain, s, by('zfcg', 'biz', 'return'), ctx());
    expect(state.status).toBe('returned');
    expect(events.find((e) => e.type === 'stepClosed')).toMatchObject({ cancelledUnitIds: [] });
  });

  it('Given an added signer, Then it gives no score, cannot add or transfer further, and the same unit cannot be added twice', () => {
    const scored = chainOf(step('biz', { type: 'managingSection' }, { score: { min: 0, max: 100, required: true } }));
    const s = addSigner(
      scored,
      submit(scored, initialState(), ctx()).state,
      { ...verb('biz', 'biz'), unitId: 'zfcg', position: 'before' },
      ctx(),
    ).state;
    expect(() => decide(scored, s, by('zfcg', 'biz', 'approve', { score: 90 }), ctx())).toThrow(ValidationError);
    expect(open(decide(scored, s, by('zfcg', 'biz', 'approve'), ctx()).state)).toEqual(['biz']);
    expect(() => addSigner(scored, s, { ...verb('zfcg', 'biz'), unitId: 'kjw', position: 'before' }, ctx())).toThrow(
      expect.objectContaining({ code: 'ADDED_SIGNER_LIMITED' }),
    );
    const after = add(first(), 'after').state;
    expect(() => add(after, 'before')).toThrow(expect.objectContaining({ code: 'UNIT_ALREADY_ASSIGNED' }));
  });

  it('Given 会签 of two units, When one adds a signer after itself, Then the step waits for the other unit and the added one', () => {
    const both = chainOf(step('joint', [unit('a'), unit('b')], { mode: 'all' }), step('end', unit('ysg')));
    let s = submit(both, initialState(), ctx()).state;
    s = addSigner(both, s, { ...verb('a', 'joint'), unitId: 'zfcg', position: 'after' }, ctx()).state;
    s = decide(both, s, by('a', 'joint', 'approve'), ctx()).state;
    expect(open(s).sort()).toEqual(['b', 'zfcg']);
    s = decide(both, s, by('b', 'joint', 'approve'), ctx()).state;
    expect(open(s)).toEqual(['zfcg']);
    s = decide(both, s, by('zfcg', 'joint', 'approve'), ctx()).state;
    expect(open(s)).toEqual(['ysg']);
  });

  it('Given 或签 of two units, When one approves with its own after-signer pending, Then the other unit is cancelled and the step waits for the added one', () => {
    const either = chainOf(step('joint', [unit('a'), unit('b')], { mode: 'any' }), step('end', unit('ysg')));
    let s = submit(either, initialState(), ctx()).state;
    s = addSigner(either, s, { ...verb('a', 'joint'), unitId: 'zfcg', position: 'after' }, ctx()).state;
    s = addSigner(either, s, { ...verb('b', 'joint'), unitId: 'kjw', position: 'before' }, ctx()).state;
    const r = decide(either, s, by('a', 'joint', 'approve'), ctx());
    expect(open(r.state)).toEqual(['zfcg']);
    expect(waiting(r.state)).toEqual([]);
    expect(r.events.find((e) => e.type === 'assignmentsCancelled')).toEqual({
      type: 'assignmentsCancelled',
      stepId: 'joint',
      unitIds: ['kjw'],
    });
    expect(open(decide(either, r.state, by('zfcg', 'joint', 'approve'), ctx()).state)).toEqual(['ysg']);
  });

  it('Given a unit not assigned to the step, When it tries 加签, Then it is forbidden', () => {
    expect(() => add(first(), 'before', 'zfcg', 'kjw')).toThrow(ForbiddenError);
  });
});
