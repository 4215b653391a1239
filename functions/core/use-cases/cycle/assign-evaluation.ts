import { ConflictError, coded, ForbiddenError, NotFoundError, ValidationError } from '../../errors';
import type { Actor, Submission } from '../../model';
import type { Deps, IdempotencyRequest, SubmissionChange } from '../../ports';
import { initialState } from '../../workflow/engine';
import { countChange } from '../dashboard/status-counts';
import { idempotencyRecord } from '../review/transition';
import { deriveTitle } from '../submissions/title';
import { isAgency, loadVisibleSubmission } from '../support/access';
import { publishedForm } from '../support/published-form';

/** The E0 list (年度财政评价对象建议表) and the report each approved object gets (第二十六条). */
export const EVALUATION_PLAN_FORM = 'fiscal-evaluation-plan';
export const EVALUATION_FORM = 'fiscal-evaluation';

interface PlanObject {
  objectName: string;
  competentDeptCode: string;
  competentDeptName: string;
  amount?: string;
}

/**
 * Assign one object of an approved 财政评价 list to its evaluator (第二十六条).
 * 1. the plan must be visible and its organiser's (the unit that filed the list: 绩效评价服务股) — else 403
 * 2. R-E1: the list was approved by the 领导小组 (the plan chain's last decision) — else 409
 * 3. the evaluator is the organiser itself (staff) or a third-party agency; the evaluated unit is found by its code
 * 4. the report is created as a draft in the evaluator's unit, about the evaluated unit, with the object and the
 *    scoring template copied; one report per object (a second assignment answers 409)
 */
export async function assignEvaluation(
  deps: Deps,
  input: { actor: Actor; planId: string; objectIndex: number; assigneeUnitId: string; idem?: IdempotencyRequest },
): Promise<Submission> {
  const { actor } = input;
  const plan = await loadVisibleSubmission(deps, actor, input.planId);
  if (plan.formId !== EVALUATION_PLAN_FORM) throw new NotFoundError('财政评价对象清单不存在');
  if (plan.unitId !== actor.unitId || !actor.roles.some((r) => r === 'filler' || r === 'reviewer'))
    throw coded(new ForbiddenError('只有绩效评价服务股可以分派财政评价'), 'EVALUATION_ORGANISER_ONLY');
  if (plan.status !== 'approved')
    throw coded(
      new ConflictError('财政评价对象清单尚未经领导小组审议通过，不能组织实施'),
      'EVALUATION_PLAN_NOT_APPROVED',
    );
  const objects = (plan.data.objects ?? []) as PlanObject[];
  const object = objects[input.objectIndex];
  if (!object)
    throw coded(
      new ValidationError('评价对象不存在', [{ path: '/objectIndex', message: '清单中没有这一项评价对象' }]),
      'EVALUATION_OBJECT_UNKNOWN',
    );
  const units = await deps.org.listUnits();
  const assignee = units.find((u) => u.id === input.assigneeUnitId && !u.disabled);
  if (!assignee || (assignee.id !== plan.unitId && !isAgency(assignee)))
    throw coded(
      new ValidationError('评价人不正确', [
        { path: '/assigneeUnitId', message: '评价由绩效评价服务股自行组织或委托第三方机构' },
      ]),
      'EVALUATION_ASSIGNEE_INVALID',
    );
  const subject = units.find((u) => u.code === object.competentDeptCode && u.kind === 'department' && !u.disabled);
  if (!subject)
    throw coded(
      new ValidationError('主管部门不存在', [
        { path: `/objects/${input.objectIndex}/competentDeptCode`, message: '没有这个单位代码的预算单位' },
      ]),
      'SUBJECT_UNIT_UNKNOWN',
    );
  const form = await publishedForm(deps, EVALUATION_FORM);
  const template = (form.logic?.settings?.scoreTemplate ?? []) as Record<string, unknown>[];
  const draft = {
    object: { objectName: object.objectName, competentDeptName: object.competentDeptName, amount: object.amount },
    fiscalYear: Number(plan.data.planYear) - 1,
    scoreTable: template.map((row) => ({ ...row })),
  };
  const checked = await deps.validator.check(form, draft, { checkComputed: false });
  const now = deps.clock.now();
  const sub: Submission = {
    // One report per object of the list: the id is derived, so a second assignment cannot create another.
    id: `${plan.id}-e${input.objectIndex}`,
    formId: form.id,
    formVersion: form.version,
    chainId: form.chainId,
    chainVersion: form.chainVersion,
    title: deriveTitle(form.title, checked.data),
    unitId: assignee.id,
    subjectUnitId: subject.id,
    evaluation: {
      planId: plan.id,
      objectIndex: input.objectIndex,
      assignedUnitId: assignee.id,
      assignedBy: actor.id,
      assignedAt: now,
    },
    createdBy: actor.id,
    // The organiser only copies the approved object: it may still confirm the report (separation of duties).
    dataEditorIds: [],
    status: 'draft',
    data: checked.data,
    computed: checked.computed,
    workflow: initialState(),
    version: 1,
    everSubmitted: false,
    viewerUnitIds: [],
    historyCount: 1,
    createdAt: now,
    updatedAt: now,
  };
  const change: SubmissionChange = {
    submission: sub,
    expectedVersion: null,
    events: [
      {
        seq: 1,
        at: now,
        type: 'created',
        actor: { id: actor.id, name: actor.name, unitId: actor.unitId },
        comment: `分派评价：${assignee.name}`,
        formVersion: form.version,
        status: 'draft',
      },
    ],
    openTasks: [],
    closeTasks: [],
    notifyTasks: [],
    grants: [assignee.id],
    idempotency: idempotencyRecord(actor, input.idem, sub),
    counts: countChange(null, sub),
  };
  try {
    await deps.submissions.commit(change);
  } catch (err) {
    if (err instanceof ConflictError)
      throw coded(new ConflictError('该评价对象已分派', [], { cause: err }), 'EVALUATION_ALREADY_ASSIGNED');
    throw err;
  }
  return sub;
}
