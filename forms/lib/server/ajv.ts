/**
 * The one ajv setup of the platform. The browser cannot run ajv (the CSP forbids compiled code); its checker
 * (web/src/form/schema-check.ts) words every problem and checks every house format with the same code as this one
 * (../schema-errors.ts, ../schema-formats.ts), and test/unit/forms-data/schema-conformance.test.ts holds the two alike.
 */

import type { ValidateFunction } from 'ajv';
import { Ajv } from 'ajv';
import addFormatsModule from 'ajv-formats';
import { re2AjvEngine } from '../re2-regexp';
import { fieldErrors } from '../schema-errors';
import { HOUSE_FORMATS } from '../schema-formats';

// Both packages are CommonJS; depending on the bundler the default export may be wrapped.
// biome-ignore lint/suspicious/noExplicitAny: CJS/ESM interop shim
const addFormats = ((addFormatsModule as any).default ?? addFormatsModule) as (ajv: Ajv) => Ajv;

/** A validation problem attached to a field: JSON Pointer into the form data and a Chinese message. */
import type { FieldError } from '../definitions';

export type { FieldError };

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
  for (const [name, format] of Object.entries(HOUSE_FORMATS)) ajv.addFormat(name, format);
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

/** Keywords that bound the size of data: data breaking one of them is refused before any formula runs. */
export const SIZE_KEYWORDS: ReadonlySet<string> = new Set(['maxItems', 'maxLength', 'maxProperties']);

/** Runs a compiled validator: its errors on their fields, in Chinese (../schema-errors.ts); `only` keeps those keywords. */
export function validateAgainstSchema(
  validate: ValidateFunction,
  data: unknown,
  only?: ReadonlySet<string>,
): FieldError[] {
  return validate(data) ? [] : fieldErrors(validate.errors, only);
}
