import { ConflictError, ForbiddenError, NotFoundError, ValidationError } from '../../errors';
import type { Actor, Submission } from '../../model';
import type { Deps, IdempotencyRequest } from '../../ports';
import { idempotencyRecord } from '../review/transition';
import { canView, isSubmitterSide, withDataEditor } from '../support/access';
import { deriveTitle } from './title';

export interface UpgradeResult {
  submission: Submission;
  fromVersion: number;
  /** Problems of the data under the new version (the draft keeps them until the filler fixes them). */
  errors: { path: string; message: string }[];
}

/**
 * Moves a draft or returned submission to a newer published form version — explicitly, never silently
 * (publishing never touches submissions under way; they keep the versions they pinned).
 * 1. load: the submitting unit's filler (who can see it) or an admin; others 404/403
 * 2. only draft/returned, only to a newer published version, on the version the caller saw (409 if stale)
 * 3. recompute computed fields under the new version; pin its chain version
 * 4. one transaction: the submission (version + 1) and an 'upgraded' history event
 */
export async function upgradeSubmission(
  deps: Deps,
  input: { actor: Actor; id: string; toVersion: number; version?: number; idem?: IdempotencyRequest },
): Promise<UpgradeResult> {
  const { actor } = input;
  const before = await deps.submissions.get(input.id);
  if (!before) throw new NotFoundError('填报不存在');
  const admin = actor.roles.includes('admin');
  if (!admin) {
    if (!canView(actor, await deps.org.getUnit(actor.unitId), before)) throw new NotFoundError('填报不存在');
    if (!isSubmitterSide(actor, before) || !actor.roles.includes('filler'))
      throw new ForbiddenError('只有填报单位的填报人或管理员可以升级表单版本');
  }
  if (before.status !== 'draft' && before.status !== 'returned')
    throw new ConflictError('只有草稿或被退回的填报可以升级表单版本');
  if (input.version !== undefined && input.version !== before.version)
    throw new ConflictError('该填报已在其他地方被修改，请载入最新版本');
  if (input.toVersion <= before.formVersion) {
    throw new ValidationError('只能升级到更高的表单版本', [
      { path: '/toVersion', message: `当前为第 ${before.formVersion} 版，只能升级到更高的版本` },
    ]);
  }
  const form = await deps.forms.getVersion(before.formId, input.toVersion);
  if (!form) throw new ValidationError('表单版本不存在', [{ path: '/toVersion', message: '表单版本不存在' }]);
  if (form.status !== 'published')
    throw new ValidationError('只能升级到已发布的版本', [{ path: '/toVersion', message: '该版本尚未发布' }]);

  const checked = await deps.validator.check(form, before.data, { checkComputed: false });
  const now = deps.clock.now();
  const sub: Submission = {
    ...withDataEditor(before, actor),
    formVersion: form.version,
    chainId: form.chainId,
    chainVersion: form.chainVersion,
    data: checked.data,
    computed: checked.computed,
    title: deriveTitle(form.title, checked.data),
    version: before.version + 1,
    historyCount: before.historyCount + 1,
    updatedAt: now,
  };
  const result: UpgradeResult = { submission: sub, fromVersion: before.formVersion, errors: checked.errors };
  await deps.submissions.commit({
    submission: sub,
    expectedVersion: before.version,
    events: [
      {
        seq: sub.historyCount,
        at: now,
        type: 'upgraded',
        actor: { id: actor.id, name: actor.name, unitId: actor.unitId },
        comment: `表单由第 ${before.formVersion} 版升级到第 ${form.version} 版${checked.errors.length ? `，有 ${checked.errors.length} 处需按新版本修改` : ''}`,
        fields: {
          fromVersion: before.formVersion,
          toVersion: form.version,
          fromChainVersion: before.chainVersion,
          toChainVersion: form.chainVersion,
        },
        formVersion: form.version,
        status: sub.status,
      },
    ],
    openTasks: [],
    closeTasks: [],
    notifyTasks: [],
    grants: [],
    idempotency: idempotencyRecord(actor, input.idem, result),
  });
  return result;
}
