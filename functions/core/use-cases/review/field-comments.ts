import { getPointer, PointerError, parsePointer } from '../../../../forms/lib/form-logic';
import { ValidationError } from '../../errors';
import type { FieldComment, HistoryEvent } from '../../model';

/** At most this many comments per return, each at most FIELD_COMMENT_MAX characters. */
export const FIELD_COMMENT_LIMIT = 30;
export const FIELD_COMMENT_MAX = 500;

export interface FieldCommentInput {
  path: string;
  rowId?: string;
  comment: string;
}

type Schema = Record<string, unknown>;
const isObject = (x: unknown): x is Schema => typeof x === 'object' && x !== null && !Array.isArray(x);
const INDEX = /^(0|[1-9]\d*)$/;

/** Local `$ref`s only (`#/definitions/x`), as the house dialect allows. */
function deref(schema: unknown, root: Schema, depth = 0): Schema | undefined {
  if (!isObject(schema)) return undefined;
  const ref = schema.$ref;
  if (typeof ref !== 'string' || depth > 20) return schema;
  if (!ref.startsWith('#/')) return undefined;
  let node: unknown = root;
  for (const part of ref.slice(2).split('/')) node = isObject(node) ? node[part] : undefined;
  return deref(node, root, depth + 1);
}

/** The schema itself and every branch that may add properties (allOf/anyOf/oneOf, then/else). */
function branches(schema: Schema, root: Schema, depth = 0): Schema[] {
  const out = [schema];
  if (depth > 8) return out;
  const subs = [
    ...['allOf', 'anyOf', 'oneOf'].flatMap((k) => (Array.isArray(schema[k]) ? (schema[k] as unknown[]) : [])),
    schema.then,
    schema.else,
  ];
  for (const sub of subs) {
    const s = deref(sub, root);
    if (s) out.push(...branches(s, root, depth + 1));
  }
  return out;
}

/** Whether `pointer` names a field the form's schema defines (array indexes must exist in `data`). */
function fieldExists(root: Schema, data: unknown, pointer: string): boolean {
  let segments: string[];
  try {
    segments = parsePointer(pointer);
  } catch (err) {
    if (err instanceof PointerError) return false;
    throw err;
  }
  if (!segments.length) return false;
  let schema: Schema | undefined = deref(root, root);
  let node: unknown = data;
  for (const seg of segments) {
    if (!schema) return false;
    const options = branches(schema, root);
    const items = options.map((b) => deref(b.items, root)).find(Boolean);
    if (items) {
      if (!INDEX.test(seg) || !Array.isArray(node) || Number(seg) >= node.length) return false;
      node = node[Number(seg)];
      schema = items;
      continue;
    }
    const props = options.map((b) => b.properties).find((p) => isObject(p) && isObject(p[seg])) as Schema | undefined;
    if (!props) return false;
    schema = deref(props[seg], root);
    node = isObject(node) && Object.hasOwn(node, seg) ? node[seg] : undefined;
  }
  return true;
}

/**
 * Checks the comments a reviewer pins to fields when returning: only on a return, each `path` a field of
 * the form's schema (array indexes within the data), each `rowId` the 指标编号 of a row of the table at
 * `path`. Every problem is reported at `/fieldComments/<i>/<key>`; nothing is stored on any.
 */
export function checkFieldComments(
  action: string,
  comments: FieldCommentInput[] | undefined,
  schema: Schema,
  data: unknown,
): FieldComment[] | undefined {
  if (!comments?.length) return undefined;
  if (action !== 'return')
    throw new ValidationError('只有退回时才能对字段添加批注', [
      { path: '/fieldComments', message: '只有退回时才能对字段添加批注' },
    ]);
  if (comments.length > FIELD_COMMENT_LIMIT)
    throw new ValidationError(`字段批注最多 ${FIELD_COMMENT_LIMIT} 条`, [
      { path: '/fieldComments', message: `字段批注最多 ${FIELD_COMMENT_LIMIT} 条` },
    ]);
  const errors: { path: string; message: string }[] = [];
  const out: FieldComment[] = [];
  comments.forEach((c, i) => {
    const at = `/fieldComments/${i}`;
    const text = c.comment.trim();
    if (!text) errors.push({ path: `${at}/comment`, message: '批注内容不能为空' });
    else if (text.length > FIELD_COMMENT_MAX)
      errors.push({ path: `${at}/comment`, message: `批注内容不能超过 ${FIELD_COMMENT_MAX} 字` });
    if (!fieldExists(schema, data, c.path)) {
      errors.push({ path: `${at}/path`, message: `表单中没有该字段：${c.path}` });
      return;
    }
    if (c.rowId !== undefined) {
      const rows = getPointer(data, c.path);
      const found = Array.isArray(rows) && rows.some((r) => isObject(r) && r.indicatorId === c.rowId);
      if (!found) errors.push({ path: `${at}/rowId`, message: `该表格中没有编号为 ${c.rowId} 的行` });
    }
    out.push({ path: c.path, ...(c.rowId !== undefined ? { rowId: c.rowId } : {}), comment: text });
  });
  if (errors.length) throw new ValidationError(errors[0].message, errors);
  return out;
}

/** Stores the checked comments with the return event of the transition. */
export function pinFieldComments(events: HistoryEvent[], comments: FieldComment[] | undefined): void {
  const returned = comments && events.find((e) => e.type === 'returned');
  if (returned) returned.fieldComments = comments;
}
