/** Small, pure helpers to walk a form's JSON Schema (local $refs only, as the house dialect allows). */

export type Schema = Record<string, unknown>;

function isObject(x: unknown): x is Schema {
  return typeof x === 'object' && x !== null && !Array.isArray(x);
}

/** Resolves a local `$ref` (`#/definitions/X`, `#/$defs/X`) against the root schema; other refs stay as they are. */
export function resolveRef(schema: unknown, root: Schema, depth = 0): Schema {
  if (!isObject(schema)) return {};
  const ref = schema.$ref;
  if (typeof ref !== 'string' || !ref.startsWith('#') || depth > 20) return schema;
  let node: unknown = root;
  for (const part of ref.slice(1).split('/').filter(Boolean)) {
    const key = part.replace(/~1/g, '/').replace(/~0/g, '~');
    node = isObject(node) ? node[key] : undefined;
  }
  const { $ref: _ignored, ...rest } = schema;
  return { ...resolveRef(node, root, depth + 1), ...rest };
}

/** All branches of a schema that may contribute properties: itself, allOf, anyOf, oneOf, then, else. */
function branches(schema: Schema, root: Schema, depth = 0): Schema[] {
  const s = resolveRef(schema, root);
  const out = [s];
  if (depth > 8) return out;
  for (const key of ['allOf', 'anyOf', 'oneOf']) {
    const list = s[key];
    if (Array.isArray(list)) for (const sub of list) out.push(...branches(sub as Schema, root, depth + 1));
  }
  for (const key of ['then', 'else']) if (isObject(s[key])) out.push(...branches(s[key] as Schema, root, depth + 1));
  return out;
}

/** The schema of property `key` of an object schema (first branch that defines it). */
export function propertySchema(schema: Schema, key: string, root: Schema): Schema | undefined {
  for (const b of branches(schema, root)) {
    const props = b.properties;
    if (isObject(props) && isObject(props[key])) return resolveRef(props[key], root);
  }
  return undefined;
}

/** Every property key an object schema may have, in declaration order. */
export function propertyKeys(schema: Schema, root: Schema): string[] {
  const keys: string[] = [];
  for (const b of branches(schema, root)) {
    if (isObject(b.properties)) for (const k of Object.keys(b.properties)) if (!keys.includes(k)) keys.push(k);
  }
  return keys;
}

/** The item schema of an array schema. */
export function itemSchema(schema: Schema, root: Schema): Schema | undefined {
  const s = resolveRef(schema, root);
  return isObject(s.items) ? resolveRef(s.items, root) : undefined;
}

/** Display label for an enum/const value (`oneOf: [{ const, title }]`), or undefined. */
export function enumLabel(schema: Schema | undefined, value: unknown): string | undefined {
  if (!schema) return undefined;
  for (const key of ['oneOf', 'anyOf']) {
    const list = schema[key];
    if (Array.isArray(list)) {
      for (const option of list) {
        if (isObject(option) && option.const === value && typeof option.title === 'string') return option.title;
      }
    }
  }
  return undefined;
}

export function titleOf(schema: Schema | undefined, fallback: string): string {
  return schema && typeof schema.title === 'string' && schema.title ? schema.title : fallback;
}
