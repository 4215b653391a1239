import type { Actor, OpenStep, Page, Submission } from '../../model';
import type { Deps, PageRequest } from '../../ports';
import { openAssignments } from '../../workflow/engine';
import { seesAll } from '../support/access';

/** Filters of 我的填报 / 填报查询. Every one narrows; absent ones do not. */
export interface SubmissionQuery {
  formId?: string;
  status?: string;
  /** Keyword: part of the title, of a unit name (submitting unit, 主管部门, 实施单位, 部门) or of the 项目代码. */
  q?: string;
  /** The form's 年度 (`fiscalYear`). */
  year?: number;
  /** Name of an open step (当前环节), e.g. 业务股室审核. */
  step?: string;
  /** Only submissions with an open step past its deadline (true) or none (false). */
  overdue?: boolean;
}

export type ListedSubmission = Submission & { openSteps: OpenStep[]; overdue: boolean };

const str = (v: unknown) => (typeof v === 'string' ? v : '');
const nameOf = (v: unknown) => (v && typeof v === 'object' ? str((v as Record<string, unknown>).name) : '');

/**
 * The form data a list shows and searches (年度, project codes, unit names of keywordText): all a summary list reads
 * of each submission's data.
 */
export const LIST_DATA_PATHS: readonly (readonly string[])[] = [
  ['fiscalYear'],
  ['projectCode'],
  ['basicInfo', 'projectCode'],
  ['dept', 'name'],
  ['competentDept', 'name'],
  ['implementingUnit', 'name'],
];

/** The text a keyword is looked for in: title, unit names, project code (each path in LIST_DATA_PATHS). */
function keywordText(sub: Submission, unitName: string): string {
  const d = sub.data ?? {};
  const basic = (d.basicInfo ?? {}) as Record<string, unknown>;
  return [
    sub.title,
    unitName,
    nameOf(d.dept),
    nameOf(d.competentDept),
    nameOf(d.implementingUnit),
    str(d.projectCode),
    str(basic.projectCode),
  ]
    .join('\n')
    .toLowerCase();
}

/**
 * What the caller may see: global units and admins page through every submitted form (plus their own
 * unit's drafts); everyone else through the unit's visibility grants (own unit, managed, assigned).
 *
 * The filters are applied to each submission of the bounded pages the repository reads for one request
 * (at most 10 DynamoDB pages, see queryFiltered): a page may come back shorter than `limit` with a
 * cursor, and the next request continues from there. Open steps carry their step names (当前环节).
 */
export async function listSubmissions(
  deps: Deps,
  input: {
    actor: Actor;
    page: PageRequest;
    /** The list page and its export: `data` holds only LIST_DATA_PATHS and `computed` is empty. */
    summaryOnly?: boolean;
  } & SubmissionQuery,
): Promise<Page<ListedSubmission>> {
  const { actor } = input;
  const [unit, units] = await Promise.all([
    deps.org.getUnit(actor.unitId),
    input.q ? deps.org.listUnits() : Promise.resolve([]),
  ]);
  const unitNames = new Map(units.map((u) => [u.id, u.name]));
  const now = deps.clock.now();
  const q = input.q?.trim().toLowerCase();

  const describe = async (sub: Submission): Promise<ListedSubmission> => {
    const chain = sub.status === 'in_review' ? await deps.chains.getVersion(sub.chainId, sub.chainVersion) : null;
    const openSteps: OpenStep[] = chain
      ? openAssignments(chain, sub.workflow).map(({ step, assignment }) => ({
          stepId: step.id,
          name: step.name,
          assigneeUnitId: assignment.unitId,
          assignedAt: assignment.assignedAt,
          dueAt: assignment.dueAt,
        }))
      : [];
    return { ...sub, openSteps, overdue: openSteps.some((s) => s.dueAt !== null && s.dueAt < now) };
  };
  const described = new Map<string, ListedSubmission>();
  const keep = async (sub: Submission) => {
    if (q && !keywordText(sub, unitNames.get(sub.unitId) ?? '').includes(q)) return false;
    if (input.year !== undefined && sub.data?.fiscalYear !== input.year) return false;
    if (input.step === undefined && input.overdue === undefined) return true;
    const listed = await describe(sub);
    described.set(sub.id, listed);
    if (input.step !== undefined && !listed.openSteps.some((s) => s.name === input.step)) return false;
    if (input.overdue !== undefined && listed.overdue !== input.overdue) return false;
    return true;
  };

  const filter = {
    formId: input.formId,
    status: input.status,
    keep,
    ...(input.summaryOnly ? { dataPaths: LIST_DATA_PATHS } : {}),
  };
  let page: Page<Submission>;
  if (seesAll(actor, unit)) {
    page = await deps.submissions.listAll(input.page, { ...filter, submittedOrUnit: actor.unitId });
  } else {
    page = await deps.submissions.listForUnit(actor.unitId, input.page, filter);
    // Grants are written at submit, but keep drafts of other units out even if a grant exists.
    page = { ...page, items: page.items.filter((s) => s.unitId === actor.unitId || s.everSubmitted) };
  }
  const items = await Promise.all(page.items.map((s) => described.get(s.id) ?? describe(s)));
  return { cursor: page.cursor, items };
}
