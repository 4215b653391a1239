import type { CampaignInput } from '../../../../forms/lib/campaign-contract';
import type { Campaign } from '../../campaign-model';
import { coded, ValidationError } from '../../errors';
import type { Actor } from '../../model';
import type { Deps, IdempotencyRequest } from '../../ports';
import { idempotencyRecord } from '../review/transition';
import { assertCanIssue, dueAtOf, emptyCounters, realDate, todayInShanghai } from '../support/campaign-rules';
import { resolveCampaignUnits } from './campaign-units';

export type { CampaignInput };

/** The deadline of a campaign: a real date, or N working days from `now` on the PRC calendar (R-C7). */
export async function resolveDueDate(
  deps: Deps,
  input: { dueDate?: string; dueInWorkingDays?: number },
  now: string,
): Promise<{ dueDate: string; dueInWorkingDays?: number }> {
  if ((input.dueDate === undefined) === (input.dueInWorkingDays === undefined)) {
    throw coded(
      new ValidationError('请填写截止日期，或从下达之日起的工作日天数（二选一）', [
        { path: '/dueDate', message: '截止日期与工作日天数须二选一' },
      ]),
      'CAMPAIGN_DUE_REQUIRED',
    );
  }
  if (input.dueDate !== undefined) {
    if (!realDate(input.dueDate)) {
      throw coded(
        new ValidationError(`截止日期“${input.dueDate}”不是有效日期`, [
          { path: '/dueDate', message: '应为存在的日期，格式 YYYY-MM-DD' },
        ]),
        'CAMPAIGN_DATE_INVALID',
      );
    }
    return { dueDate: input.dueDate };
  }
  await deps.calendar.refresh?.();
  const days = input.dueInWorkingDays as number;
  return { dueDate: todayInShanghai(deps.calendar.dueAt(now, days).dueAt), dueInWorkingDays: days };
}

export function requireTitle(title: string): string {
  const t = title.trim();
  if (!t) {
    throw coded(
      new ValidationError('任务名称不能为空', [{ path: '/title', message: '请填写任务名称' }]),
      'CAMPAIGN_TITLE_EMPTY',
    );
  }
  return t;
}

/**
 * Issue a 填报任务 (绩效评价服务股, 预算股, admin). A deadline already past is allowed (recording work
 * under way): every unit without a submission is overdue at once.
 */
export async function createCampaign(
  deps: Deps,
  input: { actor: Actor; body: CampaignInput; idem?: IdempotencyRequest },
): Promise<Campaign> {
  const { actor, body } = input;
  assertCanIssue(actor, await deps.org.getUnit(actor.unitId));
  const title = requireTitle(body.title);
  const head = await deps.forms.getHead(body.formId);
  if (!head?.publishedVersion) {
    throw coded(
      new ValidationError('表单不存在或尚未发布', [
        { path: '/formId', message: `表单“${body.formId}”不存在或尚未发布` },
      ]),
      'CAMPAIGN_FORM_UNKNOWN',
    );
  }
  const now = deps.clock.now();
  const due = await resolveDueDate(deps, body, now);
  const unitIds = await resolveCampaignUnits(deps, body);
  const campaign: Campaign = {
    id: deps.ids.newId(),
    formId: body.formId,
    title,
    year: body.year,
    dueDate: due.dueDate,
    dueAt: dueAtOf(due.dueDate),
    ...(due.dueInWorkingDays !== undefined ? { dueInWorkingDays: due.dueInWorkingDays } : {}),
    notice: body.notice ?? '',
    unitIds,
    status: 'open',
    counters: emptyCounters(unitIds.length),
    createdAt: now,
    createdBy: actor.id,
    createdByUnitId: actor.unitId,
    updatedAt: now,
    version: 1,
  };
  await deps.campaigns.create(
    campaign,
    { seq: 1, at: now, type: 'issued', actor: { id: actor.id, name: actor.name, unitId: actor.unitId } },
    idempotencyRecord(actor, input.idem, campaign),
  );
  return campaign;
}
