/**
 * The one ajv setup of the platform, used unchanged by the browser and the server, so a form
 * that validates in the browser validates on the server too.
 */

import type { ErrorObject, ValidateFunction } from 'ajv';
import { Ajv } from 'ajv';
import addFormatsModule from 'ajv-formats';
import zhModule from 'ajv-i18n/localize/zh/index.js';
import { ATTACHMENT_FORMAT, ATTACHMENT_ID_PATTERN } from '../attachments';
import { MONEY_PATTERN } from '../money';
import { re2AjvEngine } from '../re2-regexp';

// Both packages are CommonJS; depending on the bundler the default export may be wrapped.
// biome-ignore lint/suspicious/noExplicitAny: CJS/ESM interop shim
const addFormats = ((addFormatsModule as any).default ?? addFormatsModule) as (ajv: Ajv) => Ajv;
// biome-ignore lint/suspicious/noExplicitAny: CJS/ESM interop shim
const localizeZh = ((zhModule as any).default ?? zhModule) as (errors?: ErrorObject[] | null) => void;

/** A validation problem attached to a field: JSON Pointer into the form data and a Chinese message. */
import type { FieldError } from '../definitions';

export type { FieldError };

const MONEY_RE = new RegExp(MONEY_PATTERN);

/**
 * A new ajv instance with the house options: strict mode (unknown keywords such as "ui:widget"
 * and unknown formats are refused: presentation belongs in ui.json), all errors, no defaults and
 * no type coercion (the server never rewrites what the user sent), ajv-formats plus "money",
 * `pattern` matched by re2js (linear time).
 *
 * strictRequired is off: the draft-07 idiom `if/then: { required: [...] }` (the IndicatorRow schema)
 * names properties declared in the parent schema, which strictRequired would refuse.
 */
export function createAjv(): Ajv {
  const ajv = new Ajv({
    strict: true,
    strictRequired: false,
    allErrors: true,
    useDefaults: false,
    coerceTypes: false,
    $data: false,
    messages: true,
    // `pattern` runs on a linear-time engine: no admin pattern can backtrack catastrophically.
    code: { regExp: re2AjvEngine },
  });
  addFormats(ajv);
  ajv.addFormat('money', { type: 'string', validate: (s: string) => MONEY_RE.test(s) });
  ajv.addFormat(ATTACHMENT_FORMAT, { type: 'string', validate: (s: string) => ATTACHMENT_ID_PATTERN.test(s) });
  return ajv;
}

/** Names of every format the house ajv knows (for the untrusted-schema guard). */
export function knownFormats(): string[] {
  return Object.keys(sharedAjv().formats);
}

let shared: Ajv | undefined;
function sharedAjv(): Ajv {
  shared ??= createAjv();
  return shared;
}

/** Compiled validators keyed by the schema object: one compile per form version. */
const compiled = new WeakMap<object, ValidateFunction>();

/**
 * Compiles a form schema once and caches the validator on the schema object, so the same
 * published version is never compiled twice. Throws ajv's error when the schema is invalid
 * (admin-authored schemas should pass checkUntrustedSchema first).
 */
export function compileFormSchema(schema: object): ValidateFunction {
  const hit = compiled.get(schema);
  if (hit) return hit;
  const ajv = sharedAjv();
  const validate = ajv.compile(schema);
  // The compiled function is self-contained. Unregistering the schema lets two versions of a
  // form share one $id, and lets an old version (or an admin's discarded preview) be
  // garbage-collected with its schema object instead of living in ajv's cache forever.
  ajv.removeSchema(schema);
  compiled.set(schema, validate);
  return validate;
}

function escapePointerSegment(s: string): string {
  return s.replace(/~/g, '~0').replace(/\//g, '~1');
}

/** Keywords that bound the size of data: data breaking one of them is refused before any formula runs. */
export const SIZE_KEYWORDS: ReadonlySet<string> = new Set(['maxItems', 'maxLength', 'maxProperties']);

const MONEY_MESSAGE = '应为金额（万元），非负数，最多两位小数，例如 1280.00';

/**
 * Runs a compiled validator and maps its errors to field errors: JSON Pointer paths (for
 * `required` and `dependencies` the missing property is appended, for `additionalProperties`
 * the extra one, so the message lands on the field itself) and Chinese messages (ajv-i18n zh).
 * `if` errors are dropped because the failing `then`/`else` branch is already reported.
 * With `only`, just the errors of those keywords are reported (e.g. SIZE_KEYWORDS).
 */
export function validateAgainstSchema(
  validate: ValidateFunction,
  data: unknown,
  only?: ReadonlySet<string>,
): FieldError[] {
  if (validate(data)) return [];
  const raw = (validate.errors ?? [])
    .filter((e) => !only || only.has(e.keyword))
    .map((e) => ({ ...e, params: { ...e.params } }));
  localizeZh(raw);
  const out: FieldError[] = [];
  const seen = new Set<string>();
  for (const e of raw) {
    if (e.keyword === 'if') continue;
    let path = e.instancePath;
    let message = e.message ?? '取值无效';
    const params = e.params as Record<string, unknown>;
    if (
      (e.keyword === 'required' || e.keyword === 'dependencies' || e.keyword === 'dependentRequired') &&
      typeof params.missingProperty === 'string'
    ) {
      path = `${path}/${escapePointerSegment(params.missingProperty)}`;
      message = '必填';
    } else if (e.keyword === 'additionalProperties' && typeof params.additionalProperty === 'string') {
      path = `${path}/${escapePointerSegment(params.additionalProperty)}`;
      message = '不允许的属性';
    } else if (e.keyword === 'format' && params.format === 'money') {
      message = MONEY_MESSAGE;
    }
    const key = `${path}\u0000${message}`;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push({ path, message });
  }
  return out;
}
