import { itemSchema, propertySchema, resolveRef, type Schema } from '../lib/schema';

function isRecord(x: unknown): x is Record<string, unknown> {
  return typeof x === 'object' && x !== null && !Array.isArray(x);
}

/**
 * Drops optional objects the user left empty (`"midTerm": {}`): the form library creates them for every
 * object group on screen, but to the server an empty optional group is a group with its required fields
 * missing. Required groups stay (their own fields are then reported as missing). Returns `data` itself
 * when nothing is dropped, so unchanged data keeps its identity.
 */
export function pruneEmptyOptional<T>(schema: Schema, data: T, root: Schema = schema): T {
  const s = resolveRef(schema, root);
  if (Array.isArray(data)) {
    const item = itemSchema(s, root);
    if (!item) return data;
    let changed = false;
    const out = data.map((x) => {
      const y = pruneEmptyOptional(item, x, root);
      if (y !== x) changed = true;
      return y;
    });
    return (changed ? out : data) as T;
  }
  if (!isRecord(data)) return data;
  const required = new Set(Array.isArray(s.required) ? (s.required as string[]) : []);
  let out: Record<string, unknown> | null = null;
  for (const [key, value] of Object.entries(data)) {
    const sub = propertySchema(s, key, root);
    if (!sub) continue;
    const next = pruneEmptyOptional(sub, value, root);
    const drop = isRecord(next) && Object.keys(next).length === 0 && !required.has(key);
    if (drop || next !== value) {
      out ??= { ...data };
      if (drop) delete out[key];
      else out[key] = next;
    }
  }
  return (out ?? data) as T;
}
