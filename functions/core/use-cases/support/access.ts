import { ForbiddenError, NotFoundError, SeparationOfDutiesError } from '../../errors';
import type { Actor, Submission, Unit } from '../../model';
import type { Deps } from '../../ports';
import { assigneesOf, openAssignments } from '../../workflow/engine';
import type { Chain, Step } from '../../workflow/types';

/**
 * A third-party agency (第二十六条: experts and third parties under 绩效评价服务股) sees only the evaluations
 * assigned to it, which live in its own unit; it starts nothing itself.
 */
export function isAgency(unit: Unit | null): boolean {
  return unit?.kind === 'agency';
}

/**
 * Who may start a form: the units its definition lists (`creators`), else every 预算部门（单位）. Agencies never
 * start a form: 绩效评价服务股 assigns evaluations to them.
 */
export function canStartForm(unit: Unit | null, form: { creators?: string[] }): boolean {
  if (!unit || unit.disabled || isAgency(unit)) return false;
  return form.creators ? form.creators.includes(unit.id) : unit.kind === 'department';
}

/** The organisation as the caller may list it: an agency sees its own unit only (R-E7). */
export function listableUnits(actorUnit: Unit | null, units: Unit[]): Unit[] {
  return isAgency(actorUnit) ? units.filter((u) => u.id === actorUnit?.id) : units;
}

/** The form catalogue as the caller may list it: an agency starts nothing, so it lists none. */
export function listableForms<F extends { creators?: string[] }>(actorUnit: Unit | null, forms: F[]): F[] {
  return isAgency(actorUnit) ? [] : forms;
}

/** Units whose members see every submitted form: 绩效评价服务股, 预算股 (unit flag `seesAll`), and admins. */
export function seesAll(actor: Actor, unit: Unit | null): boolean {
  return actor.roles.includes('admin') || Boolean(unit?.seesAll);
}

/**
 * Scoping (docs/decisions.md "Identity and access"): a department sees its own submissions; a
 * 业务股室 sees those it manages or was ever assigned (granted on the record); global units see all.
 * Drafts never submitted stay private to the submitting unit.
 */
export function canView(actor: Actor, actorUnit: Unit | null, sub: Submission): boolean {
  if (actor.unitId === sub.unitId) return true;
  if (!sub.everSubmitted) return false;
  if (seesAll(actor, actorUnit)) return true;
  return (sub.viewerUnitIds ?? []).includes(actor.unitId);
}

/** Loads a submission the actor may see; a foreign id answers 404, never 403. */
export async function loadVisibleSubmission(deps: Deps, actor: Actor, id: string): Promise<Submission> {
  const [sub, unit] = await Promise.all([deps.submissions.get(id), deps.org.getUnit(actor.unitId)]);
  if (!sub) throw new NotFoundError('填报不存在');
  if (!canView(actor, unit, sub)) throw new NotFoundError('填报不存在');
  return sub;
}

export function isSubmitterSide(actor: Actor, sub: Submission): boolean {
  return actor.unitId === sub.unitId && (actor.roles.includes('filler') || actor.roles.includes('leader'));
}

/** Only the submitting unit's fillers edit; reviewers never edit the data they review. */
export function assertCanEdit(actor: Actor, sub: Submission): void {
  if (!isSubmitterSide(actor, sub)) throw new ForbiddenError('只有填报单位的填报人可以修改');
  if (sub.status !== 'draft' && sub.status !== 'returned') throw new ForbiddenError('审核中或已办结的填报不能修改');
}

export function requireRole(actor: Actor, ...roles: Actor['roles']): void {
  if (!roles.some((r) => actor.roles.includes(r))) throw new ForbiddenError('没有权限执行此操作');
}

/** Who created, saved, upgraded or submitted the data of a submission. */
export function dataEditors(sub: Submission): string[] {
  return sub.dataEditorIds ?? [sub.createdBy];
}

/** The submission with the actor recorded among those who changed or submitted its data. */
export function withDataEditor(sub: Submission, actor: Actor): Submission {
  const editors = dataEditors(sub);
  return { ...sub, dataEditorIds: editors.includes(actor.id) ? editors : [...editors, actor.id] };
}

/** Separation of duties: nobody decides a step of data they created, changed or submitted. */
export function assertNotDataEditor(actor: Actor, sub: Submission): void {
  if (dataEditors(sub).includes(actor.id)) {
    throw new SeparationOfDutiesError('您填写、修改或提交过这份填报，不能再审核或签批它，请由单位其他负责人办理');
  }
}

/** Review steps the actor may decide right now (separation of duties: never on data one changed or submitted). */
export function decidableSteps(actor: Actor, sub: Submission, chain: Chain): Step[] {
  return decidableAs(actor, sub, chain).map((d) => d.step);
}

/** Whether someone with these roles may decide this step of the actor's unit. */
function rolesDecide(roles: Actor['roles'], step: Step): boolean {
  // A unit leader signs off only for steps assigned to the submitter's own unit, or answers for the unit a
  // submission is about (交换意见 on a 财政评价, R-E8).
  const ownUnitStep = assigneesOf(step).some((a) => a.type === 'submitterUnit' || a.type === 'subjectUnit');
  return roles.includes('reviewer') || (ownUnitStep && roles.includes('leader'));
}

/**
 * Review steps the actor may decide, each with the person it is decided on behalf of when the actor stands in
 * for them (delegation while away). Nobody — deputy or the person stood in for — may have changed the data.
 */
export function decidableAs(
  actor: Actor,
  sub: Submission,
  chain: Chain,
): { step: Step; onBehalfOf?: { id: string; name: string } }[] {
  const editors = dataEditors(sub);
  if (editors.includes(actor.id)) return [];
  const out: { step: Step; onBehalfOf?: { id: string; name: string } }[] = [];
  for (const { step, assignment } of openAssignments(chain, sub.workflow)) {
    if (assignment.unitId !== actor.unitId) continue;
    if (rolesDecide(actor.roles, step)) {
      out.push({ step });
      continue;
    }
    const principal = (actor.standsInFor ?? []).find((p) => !editors.includes(p.id) && rolesDecide(p.roles, step));
    if (principal) out.push({ step, onBehalfOf: { id: principal.id, name: principal.name } });
  }
  return out;
}

export interface Capabilities {
  canEdit: boolean;
  canSubmit: boolean;
  canWithdraw: boolean;
}

export function capabilities(actor: Actor, sub: Submission): Capabilities {
  const editable = isSubmitterSide(actor, sub) && (sub.status === 'draft' || sub.status === 'returned');
  return {
    canEdit: editable,
    canSubmit: editable,
    canWithdraw: isSubmitterSide(actor, sub) && sub.status === 'in_review' && !sub.workflow.reviewerActed,
  };
}
