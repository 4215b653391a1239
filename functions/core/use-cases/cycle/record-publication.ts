import { ConflictError, coded, ForbiddenError, ValidationError } from '../../errors';
import type { Actor, PublicationRecord, Submission } from '../../model';
import type { Deps, IdempotencyRequest } from '../../ports';
import { activeUsersByUnit, notificationsForUnit } from '../notifications/notify-units';
import { idempotencyRecord } from '../review/transition';
import { listSubmissions } from '../submissions/list-submissions';
import { loadPinnedForm } from '../submissions/pinned-form';
import { loadVisibleSubmission } from '../support/access';

/**
 * Who checks an item before it is published, by form family (第三十条): 预算公开信息 (绩效目标) by 预算股, 部门决算
 * information (自评 and 部门评价 results) by the 业务股室. Where the 规程 names no checker (财政评价结果) the default is
 * the 业务股室; `OrgSettings.publicationCheckers` overrides any entry. A family without an entry is not published.
 */
export const DEFAULT_PUBLICATION_CHECKERS: Readonly<Record<string, string>> = Object.freeze({
  target: 'ysg',
  selfEval: 'managingSection',
  fiscalEvaluation: 'managingSection',
});

async function checkerUnitOf(deps: Deps, sub: Submission): Promise<string | null> {
  const [form, settings] = await Promise.all([loadPinnedForm(deps, sub), deps.org.getSettings()]);
  const family = form.family ?? '';
  const checker = { ...DEFAULT_PUBLICATION_CHECKERS, ...(settings.publicationCheckers ?? {}) }[family];
  if (!checker) return null;
  return checker === 'managingSection' ? (sub.managingUnitId ?? null) : checker;
}

export interface PublicationInput {
  checkResult: 'passed' | 'returned';
  channel: string;
  url?: string;
  note?: string;
  version?: number;
}

/**
 * Record the 公开 check of an approved target or evaluation (第三十条): 通过 (it may be published, where and when)
 * or 退回 (the unit fixes it first, with the reason). Only the checker unit's reviewers record; the record and a
 * `published` history event are one change conditioned on the version; the unit is notified.
 */
export async function recordPublication(
  deps: Deps,
  input: { actor: Actor; id: string; body: PublicationInput; idem?: IdempotencyRequest },
): Promise<Submission> {
  const { actor, body } = input;
  const before = await loadVisibleSubmission(deps, actor, input.id);
  const checker = await checkerUnitOf(deps, before);
  if (!checker) throw coded(new ConflictError('此类填报不在公开范围内'), 'PUBLICATION_NOT_PUBLISHABLE');
  if (actor.unitId !== checker || !actor.roles.includes('reviewer'))
    throw coded(new ForbiddenError('公开前复核由预算股或归口业务股室办理'), 'PUBLICATION_CHECKER_ONLY');
  // R-P1: only what was approved is published.
  if (before.status !== 'approved') throw coded(new ConflictError('审核通过后方可公开'), 'PUBLICATION_NOT_APPROVED');
  if (body.version !== undefined && body.version !== before.version)
    throw new ConflictError('该填报已被他人办理或修改，请刷新后重试');
  if (body.checkResult === 'returned' && !body.note?.trim())
    throw coded(
      new ValidationError('请写明退回整改的原因', [{ path: '/note', message: '退回时须写明需整改的内容' }]),
      'PUBLICATION_REASON_REQUIRED',
    );
  const now = deps.clock.now();
  const record: PublicationRecord = {
    id: deps.ids.newId(),
    checkResult: body.checkResult,
    channel: body.channel.trim(),
    ...(body.url ? { url: body.url } : {}),
    ...(body.note?.trim() ? { note: body.note.trim() } : {}),
    checkedBy: { id: actor.id, name: actor.name, unitId: actor.unitId },
    at: now,
  };
  const sub: Submission = {
    ...before,
    publications: [...(before.publications ?? []), record],
    version: before.version + 1,
    historyCount: before.historyCount + 1,
    updatedAt: now,
  };
  const label = body.checkResult === 'passed' ? '公开复核通过' : '公开复核退回整改';
  await deps.submissions.commit({
    submission: sub,
    expectedVersion: before.version,
    events: [
      {
        seq: before.historyCount + 1,
        at: now,
        type: 'published',
        actor: record.checkedBy,
        comment: `${label}（${record.channel}）${record.note ? `：${record.note}` : ''}`,
        formVersion: sub.formVersion,
        status: sub.status,
      },
    ],
    openTasks: [],
    closeTasks: [],
    notifyTasks: [],
    grants: [],
    idempotency: idempotencyRecord(actor, input.idem, sub),
  });
  const users = await activeUsersByUnit(deps);
  await deps.notifications.deliver(
    notificationsForUnit(deps, users.get(sub.unitId) ?? [], {
      unitId: sub.unitId,
      type: 'review_notice',
      title: `${label}：${sub.title}`.slice(0, 200),
      message: record.note ?? `「${sub.title}」可按${record.channel}公开。`,
      at: now,
      link: `/submissions/${sub.id}`,
      fromUserId: actor.id,
    }),
  );
  return sub;
}

/** Publication records the caller may see (绩效评价服务股 keeps them all, 第三十条), newest first. */
export async function listPublications(deps: Deps, input: { actor: Actor }) {
  const out: { submission: Submission; record: PublicationRecord }[] = [];
  const pending: Submission[] = [];
  let cursor: string | undefined;
  // Bounded like the dashboard: at most 10 pages of the caller's visible submissions.
  for (let i = 0; i < 10; i++) {
    const page = await listSubmissions(deps, { actor: input.actor, page: { cursor, limit: 100 } });
    for (const s of page.items) {
      for (const record of s.publications ?? []) out.push({ submission: s, record });
      if (s.status === 'approved' && (await checkerUnitOf(deps, s)) === input.actor.unitId) pending.push(s);
    }
    if (!page.cursor) break;
    cursor = page.cursor;
  }
  out.sort((a, b) => b.record.at.localeCompare(a.record.at));
  return { records: out, checkable: input.actor.roles.includes('reviewer') ? pending : [] };
}
