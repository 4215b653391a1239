import { ConflictError, coded, ForbiddenError, NotFoundError, ValidationError } from '../../errors';
import type { Actor } from '../../model';
import type { Deps } from '../../ports';
import { ATTACHMENT_PREFIX, type Attachment, type Download, type UploadTarget } from '../../ports-attachments';
import { assertCanEdit, canView, loadVisibleSubmission } from '../support/access';

/** Types accepted, told from the bytes: the name's extension must agree. */
export const ALLOWED_TYPES: Record<string, { mime: string; extensions: string[]; label: string }> = {
  pdf: { mime: 'application/pdf', extensions: ['pdf'], label: 'PDF' },
  jpg: { mime: 'image/jpeg', extensions: ['jpg', 'jpeg'], label: 'JPEG 图片' },
  png: { mime: 'image/png', extensions: ['png'], label: 'PNG 图片' },
  docx: {
    mime: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
    extensions: ['docx'],
    label: 'Word 文档（docx）',
  },
  xlsx: {
    mime: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    extensions: ['xlsx'],
    label: 'Excel 表格（xlsx）',
  },
  ofd: { mime: 'application/ofd', extensions: ['ofd'], label: 'OFD 版式文件' },
};
const ALLOWED_LIST = 'PDF、JPEG/PNG 图片、Word（docx）、Excel（xlsx）或 OFD';
/** Declared types a browser may send for an allowed file (empty or generic when it does not know OFD). */
const DECLARED_OK = new Set([...Object.values(ALLOWED_TYPES).map((t) => t.mime), '', 'application/octet-stream']);

export const DEFAULT_FILE_MAX_BYTES = 20 * 1024 * 1024;
export const DEFAULT_SUBMISSION_MAX_BYTES = 100 * 1024 * 1024;
/** Orphans (never pinned by a submitted submission) expire a day after upload. */
export const ORPHAN_SECONDS = 24 * 60 * 60;
const UPLOAD_SECONDS = 15 * 60;
/** Bytes read to tell the type (enough for the ZIP directory entries of Office and OFD files). */
const HEAD_BYTES = 64 * 1024;

export async function attachmentLimits(deps: Deps) {
  const s = await deps.org.getSettings();
  return {
    fileMaxBytes: s.attachmentMaxBytes ?? DEFAULT_FILE_MAX_BYTES,
    submissionMaxBytes: s.submissionAttachmentsMaxBytes ?? DEFAULT_SUBMISSION_MAX_BYTES,
  };
}

const mb = (bytes: number) => `${Math.round((bytes / 1024 / 1024) * 10) / 10} MB`;
const refuse = (code: string, message: string, path = 'file') =>
  coded(new ValidationError(message, [{ path, message }]), code);
const extensionOf = (name: string) => /\.([A-Za-z0-9]{1,8})$/.exec(name)?.[1]?.toLowerCase() ?? '';

export function tooLarge(max: number) {
  return refuse('ATTACHMENT_TOO_LARGE', `文件超过大小上限（每个文件不超过 ${mb(max)}）`);
}

export interface AttachmentView {
  id: string;
  name: string;
  size: number;
  contentType: string;
  sha256: string | null;
  status: Attachment['status'];
  uploadedBy: string;
  uploadedAt: string;
  submissionId: string | null;
  pinnedAt: string | null;
  pinnedRound: number | null;
}

export function presentAttachment(a: Attachment): AttachmentView {
  return {
    id: a.id,
    name: a.name,
    size: a.size,
    contentType: a.contentType,
    sha256: a.sha256 ?? null,
    status: a.status,
    uploadedBy: a.uploadedBy,
    uploadedAt: a.uploadedAt,
    submissionId: a.submissionId ?? null,
    pinnedAt: a.pinnedAt ?? null,
    pinnedRound: a.pinnedRound ?? null,
  };
}

/** POST /api/attachments: a pending record and where to send the bytes. */
export async function createAttachment(
  deps: Deps,
  input: { actor: Actor; name: string; size: number; contentType: string; submissionId?: string },
): Promise<{ attachment: Attachment; upload: UploadTarget }> {
  const { actor } = input;
  if (!actor.roles.includes('filler') && !actor.roles.includes('leader')) {
    throw new ForbiddenError('只有填报单位的填报人可以上传附件');
  }
  const name = input.name.trim();
  if (
    !name ||
    [...name].some((ch) => ch.charCodeAt(0) < 0x20 || ch.charCodeAt(0) === 0x7f || ch === '/' || ch === '\\')
  ) {
    throw refuse('ATTACHMENT_NAME_INVALID', '文件名不能为空，也不能含有斜杠或控制字符', 'name');
  }
  const type = Object.values(ALLOWED_TYPES).find((t) => t.extensions.includes(extensionOf(name)));
  if (!type || !DECLARED_OK.has(input.contentType.toLowerCase())) {
    throw refuse('ATTACHMENT_TYPE_NOT_ALLOWED', `只能上传 ${ALLOWED_LIST} 文件`, 'name');
  }
  if (input.size === 0) throw refuse('ATTACHMENT_EMPTY', '文件是空的，请选择有内容的文件', 'size');
  const limits = await attachmentLimits(deps);
  if (input.size > limits.fileMaxBytes) throw tooLarge(limits.fileMaxBytes);
  if (input.submissionId) {
    const sub = await loadVisibleSubmission(deps, actor, input.submissionId);
    assertCanEdit(actor, sub);
  }
  const id = deps.ids.newId();
  const now = deps.clock.now();
  const attachment: Attachment = {
    id,
    name,
    size: input.size,
    contentType: type.mime,
    status: 'pending',
    unitId: actor.unitId,
    uploadedBy: actor.id,
    uploadedAt: now,
    submissionId: input.submissionId,
    storageKey: `${ATTACHMENT_PREFIX.incoming}${actor.unitId}/${id}`,
  };
  await deps.attachments.create(attachment, Math.floor(Date.parse(now) / 1000) + ORPHAN_SECONDS);
  // The declared size is the hard limit of the upload itself.
  const upload = await deps.files.uploadTarget(attachment.storageKey, {
    maxBytes: input.size,
    contentType: type.mime,
    expiresInSeconds: UPLOAD_SECONDS,
  });
  return { attachment, upload };
}

/** The uploading unit's own record (complete is theirs alone); anyone else gets 404. */
async function loadOwn(deps: Deps, actor: Actor, id: string): Promise<Attachment> {
  const att = await deps.attachments.get(id);
  if (!att || att.unitId !== actor.unitId) throw new NotFoundError('附件不存在');
  return att;
}

/**
 * POST /api/attachments/:id/complete: checks the stored bytes whatever the store enforced — present, not
 * empty, within the limit, of an allowed type told from the content that agrees with the name — and records
 * the sha256. Refused bytes are deleted (the same upload address may then be used again while valid).
 */
export async function completeAttachment(deps: Deps, input: { actor: Actor; id: string }): Promise<Attachment> {
  const att = await loadOwn(deps, input.actor, input.id);
  if (att.status === 'complete') return att;
  const size = await deps.files.size(att.storageKey);
  if (size === null) throw refuse('ATTACHMENT_NOT_UPLOADED', '文件还没有上传完成，请重新上传');
  const discard = async (err: Error) => {
    await deps.files.remove(att.storageKey);
    return err;
  };
  if (size === 0) throw await discard(refuse('ATTACHMENT_EMPTY', '文件是空的，请选择有内容的文件'));
  const { fileMaxBytes } = await attachmentLimits(deps);
  if (size > fileMaxBytes || size > att.size) throw await discard(tooLarge(Math.min(fileMaxBytes, att.size)));
  const found = await deps.fileTypes.detect(await deps.files.head(att.storageKey, HEAD_BYTES));
  const type = found ? ALLOWED_TYPES[found.ext] : undefined;
  if (!type) {
    throw await discard(refuse('ATTACHMENT_TYPE_NOT_ALLOWED', `文件内容不是允许的类型，只能上传 ${ALLOWED_LIST} 文件`));
  }
  if (!type.extensions.includes(extensionOf(att.name))) {
    throw await discard(
      refuse('ATTACHMENT_TYPE_MISMATCH', `文件内容是 ${type.label}，与文件名的扩展名不符，请检查后重新上传`),
    );
  }
  const done: Attachment = {
    ...att,
    size,
    contentType: type.mime,
    status: 'complete',
    sha256: await deps.files.sha256(att.storageKey),
    completedAt: deps.clock.now(),
  };
  await deps.attachments.complete(done);
  return done;
}

/**
 * An attachment the actor may see: their own unit's, or one belonging to a submission they may see
 * (the same check as the submission itself). Anyone else gets 404.
 */
export async function loadVisibleAttachment(deps: Deps, actor: Actor, id: string): Promise<Attachment> {
  const att = await deps.attachments.get(id);
  if (!att) throw new NotFoundError('附件不存在');
  if (att.unitId === actor.unitId) return att;
  if (att.submissionId) {
    const [sub, unit] = await Promise.all([deps.submissions.get(att.submissionId), deps.org.getUnit(actor.unitId)]);
    if (sub && sub.unitId === att.unitId && canView(actor, unit, sub)) return att;
  }
  throw new NotFoundError('附件不存在');
}

export async function downloadAttachment(
  deps: Deps,
  input: { actor: Actor; id: string },
): Promise<{ attachment: Attachment; download: Download }> {
  const att = await loadVisibleAttachment(deps, input.actor, input.id);
  if (att.status !== 'complete') throw coded(new ConflictError('文件还没有上传完成'), 'ATTACHMENT_NOT_COMPLETE');
  return { attachment: att, download: await deps.files.download(att.storageKey, att) };
}

/** PUT /api/uploads/:token (local mode): the signed token is the authorization. */
export async function receiveUpload(deps: Deps, token: string, body: ReadableStream<Uint8Array> | null) {
  if (!deps.files.receive) throw new NotFoundError('接口不存在');
  if (!body) throw refuse('ATTACHMENT_EMPTY', '文件是空的，请选择有内容的文件');
  return deps.files.receive(token, body);
}
