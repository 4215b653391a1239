import { NotFoundError, ValidationError } from '../../errors';
import type { Actor, FormExample, FormLogic, FormVersion, PrefillSource } from '../../model';
import type { Deps, IdempotencyRequest } from '../../ports';
import { idempotencyRecord } from '../review/transition';
import { requireRole } from '../support/access';

export interface FormDefinitionInput {
  id: string;
  title: string;
  family?: string;
  schema: Record<string, unknown>;
  uiSchema?: Record<string, unknown>;
  logic?: FormLogic;
  chainId: string;
  chainVersion?: number;
  examples?: FormExample[];
  prefill?: Record<string, PrefillSource>;
  /** Linked forms (forms/FORMAT.md); the request body schema checks its pointers. */
  source?: FormVersion['source'];
  creators?: string[];
  subjectCodePath?: string;
}

const FORM_ID = /^[a-z][a-z0-9-]{1,39}$/;

/**
 * Save a form definition as a new draft version (admin). The schema is untrusted: size, depth,
 * regex safety, $ref/$data, unknown keywords and formats are checked by the validator; nothing is
 * stored when anything is wrong. Publishing is a separate step.
 */
export async function saveFormVersion(
  deps: Deps,
  input: { actor: Actor; form: FormDefinitionInput; idem?: IdempotencyRequest },
): Promise<FormVersion> {
  requireRole(input.actor, 'admin');
  const def = input.form;
  const errors: { path: string; message: string }[] = [];
  if (!FORM_ID.test(def.id))
    errors.push({ path: '/id', message: '表单编号只能包含小写字母、数字和连字符，以字母开头' });
  if (typeof def.title !== 'string' || !def.title.trim() || def.title.length > 100 || /[<>]/.test(def.title)) {
    errors.push({ path: '/title', message: '表单名称必填，不超过100字，且不能包含 < >' });
  }
  for (const pointer of Object.keys(def.prefill ?? {}))
    if (!/^(\/[A-Za-z0-9_]{1,60}){1,5}$/.test(pointer))
      errors.push({ path: '/prefill', message: `预填字段路径不正确：${pointer.slice(0, 60)}` });
  errors.push(...(await deps.validator.checkDefinition(def.schema, def.uiSchema ?? {}, def.logic ?? {})));
  if (errors.length) throw new ValidationError('表单定义不正确', errors);
  const chainHead = await deps.chains.getHead(def.chainId);
  if (!chainHead) throw new ValidationError('审核链不存在', [{ path: '/chainId', message: '审核链不存在' }]);
  const chainVersion = def.chainVersion ?? chainHead.latestVersion;
  if (!(await deps.chains.getVersion(def.chainId, chainVersion))) {
    throw new ValidationError('审核链版本不存在', [{ path: '/chainVersion', message: '审核链版本不存在' }]);
  }
  const head = await deps.forms.getHead(def.id);
  const form: FormVersion = {
    id: def.id,
    version: (head?.latestVersion ?? 0) + 1,
    title: def.title.trim(),
    family: def.family,
    status: 'draft',
    schema: def.schema,
    uiSchema: def.uiSchema ?? {},
    logic: def.logic,
    chainId: def.chainId,
    chainVersion,
    examples: def.examples ?? [],
    ...(def.prefill ? { prefill: def.prefill } : {}),
    ...(def.source ? { source: def.source } : {}),
    ...(def.creators ? { creators: def.creators } : {}),
    ...(def.subjectCodePath ? { subjectCodePath: def.subjectCodePath } : {}),
    createdAt: deps.clock.now(),
    createdBy: input.actor.id,
  };
  await deps.forms.createVersion(form, head?.latestVersion ?? 0, idempotencyRecord(input.actor, input.idem, form));
  return form;
}

/** Publish a version: new submissions use it; submissions under way keep the version they started with. */
export async function publishFormVersion(
  deps: Deps,
  input: { actor: Actor; formId: string; version: number; idem?: IdempotencyRequest },
): Promise<FormVersion> {
  requireRole(input.actor, 'admin');
  const form = await deps.forms.getVersion(input.formId, input.version);
  if (!form) throw new NotFoundError('表单版本不存在');
  const at = deps.clock.now();
  const published: FormVersion = { ...form, status: 'published', publishedAt: at };
  await deps.forms.publish(input.formId, input.version, at, idempotencyRecord(input.actor, input.idem, published));
  return published;
}
