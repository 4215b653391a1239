import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

/**
 * Everything a user reads in a built-in form or chain is plain Chinese guidance: no open-question
 * marks, no references to working documents, no setting names, no internal rule codes. Open questions
 * live in each form's logic.json `settingsSchema`, where an admin sees them as named settings.
 */
const FORMS = join(import.meta.dirname, '..', '..', '..', 'forms');
const readJson = (path: string) => JSON.parse(readFileSync(path, 'utf8'));
const formIds = readdirSync(FORMS, { withFileTypes: true })
  .filter((d) => d.isDirectory() && readdirSync(join(FORMS, d.name)).includes('form.json'))
  .map((d) => d.name);

const TEXT_KEYS = new Set([
  'title',
  'description',
  'message',
  'name',
  'ui:help',
  'ui:title',
  'ui:description',
  'ui:placeholder',
  'ui:enumNames',
]);
const SKIP_KEYS = new Set(['expr', 'when', 'path', 'refPath', 'id', 'const', 'enum', 'settings', 'settingsSchema']);

/** Every user-facing string of a definition, with where it sits. */
function texts(node: unknown, at = '', inText = false): { at: string; text: string }[] {
  if (typeof node === 'string') return inText ? [{ at, text: node }] : [];
  if (Array.isArray(node)) return node.flatMap((x, i) => texts(x, `${at}/${i}`, inText));
  if (!node || typeof node !== 'object') return [];
  return Object.entries(node).flatMap(([k, v]) =>
    SKIP_KEYS.has(k) ? [] : texts(v, `${at}/${k}`, TEXT_KEYS.has(k) && (typeof v === 'string' || Array.isArray(v))),
  );
}

function problems(strings: { at: string; text: string }[], settingKeys: string[]): string[] {
  const out: string[] = [];
  for (const { at, text } of strings) {
    if (/❓|🟡|§|参考文档|待确认/.test(text)) out.push(`${at}: ${text}`);
    if (/\bR-[A-Z]\d/.test(text)) out.push(`${at} (rule code): ${text}`);
    for (const key of settingKeys) if (text.includes(key)) out.push(`${at} (setting ${key}): ${text}`);
  }
  return out;
}

describe('user-facing texts of the built-in forms', () => {
  it('finds the texts it checks (the walk is not empty)', () => {
    const ui = texts(readJson(join(FORMS, 'project-target', 'ui.json')));
    expect(ui.some((t) => t.at === '/annualIndicators/ui:help')).toBe(true);
    expect(
      problems([{ at: '/x', text: '（❓ 表单设置 requireQuantitativeRow）' }], ['requireQuantitativeRow']),
    ).toHaveLength(2);
  });

  for (const id of formIds) {
    it(`${id}: no ❓, §, document references, rule codes or setting names on screen`, () => {
      const logic = readJson(join(FORMS, id, 'logic.json'));
      const settingKeys = Object.keys(logic.settings ?? {});
      const strings = [
        ...texts(readJson(join(FORMS, id, 'form.json'))).map((t) => ({ ...t, at: `form.json${t.at}` })),
        ...texts(readJson(join(FORMS, id, 'schema.json'))).map((t) => ({ ...t, at: `schema.json${t.at}` })),
        ...texts(readJson(join(FORMS, id, 'ui.json'))).map((t) => ({ ...t, at: `ui.json${t.at}` })),
        ...texts(logic).map((t) => ({ ...t, at: `logic.json${t.at}` })),
      ];
      expect(strings.length).toBeGreaterThan(10);
      expect(problems(strings, settingKeys)).toEqual([]);
    });

    it(`${id}: every setting is named and explained in Chinese for the admin`, () => {
      const logic = readJson(join(FORMS, id, 'logic.json'));
      const described = logic.settingsSchema?.properties ?? {};
      for (const key of Object.keys(logic.settings ?? {})) {
        expect(described[key]?.title, `settingsSchema title of ${key}`).toMatch(/\p{Script=Han}/u);
        expect(described[key]?.description, `settingsSchema description of ${key}`).toMatch(/\p{Script=Han}/u);
      }
    });
  }

  it('chains: step names, descriptions and decision fields speak to reviewers, not developers', () => {
    for (const file of readdirSync(join(FORMS, 'chains')).filter((f) => f.endsWith('.json'))) {
      const strings = texts(readJson(join(FORMS, 'chains', file))).map((t) => ({ ...t, at: `${file}${t.at}` }));
      expect(problems(strings, [])).toEqual([]);
    }
  });
});
