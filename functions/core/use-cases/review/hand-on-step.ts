import { coded, ValidationError } from '../../errors';
import type { Actor } from '../../model';
import type { Deps, IdempotencyRequest } from '../../ports';
import { addSigner, transfer } from '../../workflow/verbs';
import { attachTracking } from '../dashboard/tracking';
import type { SubmissionResult } from '../submissions/submit-submission';
import { prepareStepAction } from './decide-submission';
import { buildEngineContext, changeFromTransition, idempotencyRecord } from './transition';

export type HandOnInput = {
  actor: Actor;
  id: string;
  stepId: string;
  comment?: string;
  version?: number;
  idem?: IdempotencyRequest;
} & (
  | { action: 'transfer'; toUnitId?: string }
  | { action: 'addSigner'; unitId?: string; position?: 'before' | 'after' }
);

/** The unit a step is handed to: a reviewing unit of the bureau (not a 预算单位), in use. */
async function targetUnit(deps: Deps, unitId: string | undefined, path: string): Promise<string> {
  const unit = unitId ? await deps.org.getUnit(unitId) : null;
  if (!unit || unit.disabled || unit.kind === 'department') {
    throw coded(
      new ValidationError(unitId ? '所选单位不存在或不能办理审核' : '请选择单位', [
        { path, message: '请选择局机关股室或中心' },
      ]),
      'UNIT_UNKNOWN',
    );
  }
  return unit.id;
}

/**
 * 转交 and 加签 on the open step: the same gates as a decision (visible, separation of duties, the actor's unit
 * holds the open step, roles or a delegation), then the engine, then one transaction conditioned on the
 * version — a transfer racing a decision on the same step: exactly one wins, the other gets 409.
 */
export async function handOnStep(deps: Deps, input: HandOnInput): Promise<SubmissionResult> {
  const { actor } = input;
  const { before, chain, onBehalfOf } = await prepareStepAction(deps, input);
  const now = deps.clock.now();
  const ctx = await buildEngineContext(deps, before, chain, now);
  const base = {
    stepId: input.stepId,
    actorId: actor.id,
    actorUnitId: actor.unitId,
    comment: input.comment,
    submitterUnitId: before.unitId,
  };
  let transition: ReturnType<typeof transfer>;
  if (input.action === 'transfer') {
    const toUnitId = await targetUnit(deps, input.toUnitId, '/toUnitId');
    transition = transfer(chain, before.workflow, { ...base, toUnitId }, ctx);
  } else {
    const unitId = await targetUnit(deps, input.unitId, '/unitId');
    if (input.position !== 'before' && input.position !== 'after') {
      throw new ValidationError('请选择加签在本单位之前还是之后', [
        { path: '/position', message: '应为 before 或 after' },
      ]);
    }
    transition = addSigner(chain, before.workflow, { ...base, unitId, position: input.position }, ctx);
  }
  const { submission, change } = changeFromTransition({ before, chain, transition, actor, now, onBehalfOf });
  const result: SubmissionResult = { submission, chain };
  change.idempotency = idempotencyRecord(actor, input.idem, result);
  await attachTracking(deps, before, change, { chain });
  await deps.submissions.commit(change);
  return result;
}
