/**
 * The browser's schema check (web/src/form/schema-check.ts, which rjsf uses while the user types) and the
 * server's ajv (forms/lib/server/ajv.ts, the authority on submit) run one suite: every labelled example of
 * every form (valid and invalid), and variants of each valid one with a required field removed or a value of
 * the wrong type. Both must agree on whether the data passes the schema, and on the fields they name.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { compileFormSchema, validateAgainstSchema } from '../../../forms/lib/server/ajv';
import { checkSchema } from '../../../web/src/form/schema-check';

const FORMS = join(process.cwd(), 'forms');
type Data = Record<string, unknown>;

interface Case {
  name: string;
  data: unknown;
}

function json(path: string): Record<string, unknown> {
  return JSON.parse(readFileSync(path, 'utf8'));
}

/** Where each side says the data breaks the schema (a path may carry several messages). */
function paths(list: { path: string }[]): string[] {
  return [...new Set(list.map((e) => e.path))].sort();
}

/** What each side shows on each field. */
function words(list: { path: string; message: string }[]): string[] {
  return [...new Set(list.map((e) => `${e.path} ${e.message}`))].sort();
}

function cases(schema: Data, dir: string): Case[] {
  const out: Case[] = [];
  for (const file of readdirSync(dir)
    .filter((f) => f.endsWith('.json'))
    .sort()) {
    const example = json(join(dir, file));
    out.push({ name: file, data: example.data });
    if (example.valid !== true || typeof example.data !== 'object' || example.data === null) continue;
    const data = example.data as Data;
    for (const key of (schema.required as string[] | undefined) ?? []) {
      const { [key]: _dropped, ...rest } = data;
      out.push({ name: `${file} without ${key}`, data: rest });
    }
    const props = (schema.properties ?? {}) as Record<string, Data>;
    const text = Object.keys(data).find((k) => props[k]?.type === 'string' && typeof data[k] === 'string');
    if (text) out.push({ name: `${file} with ${text} a number`, data: { ...data, [text]: 12345 } });
    const number = Object.keys(data).find((k) => props[k]?.type === 'integer' || props[k]?.type === 'number');
    if (number) out.push({ name: `${file} with ${number} a word`, data: { ...data, [number]: '某年' } });
    const date = Object.keys(data).find((k) => props[k]?.format === 'date');
    if (date) out.push({ name: `${file} with ${date} on 30 February`, data: { ...data, [date]: '2025-02-30' } });
  }
  return out;
}

const forms = readdirSync(FORMS, { withFileTypes: true })
  .filter((d) => d.isDirectory())
  .map((d) => d.name)
  .filter((id) => {
    try {
      return readdirSync(join(FORMS, id, 'examples')).length > 0;
    } catch {
      return false;
    }
  })
  .sort();

describe('schema conformance: the browser check and the server ajv agree on every form example', () => {
  it('finds forms with labelled examples, valid and invalid', () => {
    expect(forms.length).toBeGreaterThan(5);
  });

  for (const id of forms) {
    it(id, () => {
      const schema = json(join(FORMS, id, 'schema.json'));
      const validate = compileFormSchema(schema);
      const all = cases(schema, join(FORMS, id, 'examples'));
      const disagreements = all.flatMap((c) => {
        const server = paths(validateAgainstSchema(validate, c.data));
        const browser = paths(checkSchema(schema, c.data));
        return JSON.stringify(server) === JSON.stringify(browser) ? [] : [{ case: c.name, server, browser }];
      });
      expect(disagreements).toEqual([]);
      // Where both name a field, they say the same words there, in Chinese for the user.
      const wording = all.flatMap((c) => {
        const server = validateAgainstSchema(validate, c.data);
        const browser = checkSchema(schema, c.data);
        const shared = new Set(paths(server).filter((p) => paths(browser).includes(p)));
        const s = words(server.filter((e) => shared.has(e.path)));
        const b = words(browser.filter((e) => shared.has(e.path)));
        const english = [...s, ...b].filter((w) => /[A-Za-z]/.test(w.slice(w.indexOf(' ') + 1)));
        return JSON.stringify(s) === JSON.stringify(b) && english.length === 0 ? [] : [{ case: c.name, s, b, english }];
      });
      expect(wording).toEqual([]);
      // The suite has teeth: the derived variants break the schema on both sides.
      const broken = all.filter((c) => / without | with /.test(c.name));
      expect(broken.length).toBeGreaterThan(0);
      for (const c of broken) expect(checkSchema(schema, c.data).length, c.name).toBeGreaterThan(0);
    });
  }
});
