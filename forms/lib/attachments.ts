/**
 * Attachment fields: an array of attachment ids, `{ "type": "array", "items": { "type": "string", "format":
 * "attachment" } }`. The server checks and pins the ids on submit; the browser renders the upload widget and
 * the print lists the files. Shared by both sides, so no imports.
 */

export const ATTACHMENT_FORMAT = 'attachment';
/** Ids the API hands out (uuids); the format accepts any short token so old data still validates. */
export const ATTACHMENT_ID_PATTERN = /^[A-Za-z0-9_-]{1,64}$/;

type Schema = Record<string, unknown>;

export interface AttachmentRef {
  /** JSON Pointer of the id inside the data, e.g. /fundReleaseDoc/files/0. */
  path: string;
  /** JSON Pointer of the field (the array). */
  fieldPath: string;
  id: string;
}

/** Whether a (resolved) schema is an attachment field. */
export function isAttachmentField(schema: unknown): boolean {
  if (!schema || typeof schema !== 'object') return false;
  const s = schema as Schema;
  const items = s.items as Schema | undefined;
  return s.type === 'array' && !!items && typeof items === 'object' && items.format === ATTACHMENT_FORMAT;
}

function resolve(root: Schema, schema: unknown): Schema | undefined {
  let s = schema as Schema | undefined;
  for (let hops = 0; s && typeof s.$ref === 'string' && hops < 10; hops++) {
    const m = /^#\/(definitions|\$defs)\/([^/]+)$/.exec(s.$ref as string);
    s = m ? ((root[m[1]] as Schema | undefined)?.[m[2]] as Schema | undefined) : undefined;
  }
  return s && typeof s === 'object' ? s : undefined;
}

const segment = (k: string) => k.replace(/~/g, '~0').replace(/\//g, '~1');

/** Every attachment id in `data`, with its pointer, found by walking the schema (objects, arrays, $ref). */
export function attachmentRefs(rootSchema: unknown, data: unknown): AttachmentRef[] {
  const root = (rootSchema ?? {}) as Schema;
  const out: AttachmentRef[] = [];
  const walk = (schema: unknown, value: unknown, path: string, depth: number) => {
    const s = resolve(root, schema);
    if (!s || depth > 32 || value === null || value === undefined) return;
    if (isAttachmentField(s)) {
      if (Array.isArray(value)) {
        value.forEach((id, i) => {
          if (typeof id === 'string') out.push({ path: `${path}/${i}`, fieldPath: path, id });
        });
      }
      return;
    }
    if (Array.isArray(value) && s.items && typeof s.items === 'object') {
      value.forEach((v, i) => {
        walk(s.items, v, `${path}/${i}`, depth + 1);
      });
      return;
    }
    if (typeof value === 'object' && !Array.isArray(value) && s.properties && typeof s.properties === 'object') {
      for (const [k, sub] of Object.entries(s.properties as Record<string, unknown>)) {
        walk(sub, (value as Record<string, unknown>)[k], `${path}/${segment(k)}`, depth + 1);
      }
    }
  };
  walk(root, data, '', 0);
  return out;
}
