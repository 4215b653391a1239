/**
 * The built-in forms, review chains and demo organisation of forms/ are data; these tests hold
 * them to forms/FORMAT.md, to the 规程 (every chain step cites its article) and to their own
 * examples (valid examples recompute to exactly the stored values, invalid ones fail at exactly
 * their labelled JSON Pointers). docs/rules.md says which example proves which rule.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { evaluateExpression } from '../../../forms/lib/expressions';
import { validateFormData } from '../../../forms/lib/form-logic';
import { compileFormSchema, createAjv } from '../../../forms/lib/server/ajv';
import { checkChainDefinition } from '../../../forms/lib/server/chain-schema';
import { checkUntrustedSchema } from '../../../forms/lib/server/schema-guard';
import type { FormLogic, OrgSettings, Role, Unit } from '../../../functions/core/model';
import type { Assignee, Chain, Step } from '../../../functions/core/workflow/types';

type Json = Record<string, unknown>;
interface Example {
  title: string;
  valid: boolean;
  data: Json;
  errors: string[];
  /** Optional: warnings (non-blocking rules) the example is expected to raise. */
  warnings?: string[];
}
interface DemoUser {
  username: string;
  name: string;
  unitId: string;
  roles: Role[];
}

const FORMS_DIR = join(__dirname, '../../../forms');
const readJson = <T = Json>(...parts: string[]): T => JSON.parse(readFileSync(join(FORMS_DIR, ...parts), 'utf8')) as T;

/** Built-in form ids (docs/api.md). */
const FORM_IDS = [
  'ex-ante-assessment',
  'project-target',
  'dept-target',
  'project-monitoring',
  'project-self-eval',
  'dept-self-eval',
];
/** Built-in forms of the rest of the cycle (第二十六条, 第三十二条): no indicator table. */
const CYCLE_FORM_IDS = [
  'fiscal-evaluation-plan',
  'fiscal-evaluation',
  'dept-evaluation',
  'supervision-check',
  'dept-monitoring',
  'key-monitoring-report',
];
const ALL_FORM_IDS = [...FORM_IDS, ...CYCLE_FORM_IDS];
/** The departments that submit in the demo (README, demo users). */
const SUBMITTERS = ['jtj', 'jyj'];
/** Demo users of the README with their units and roles. */
const API_USERS: [string, string, Role][] = [
  ['admin', 'wlxx', 'admin'],
  ['jtj', 'jtj', 'filler'],
  ['jtjld', 'jtj', 'leader'],
  ['jyj', 'jyj', 'filler'],
  ['jyjld', 'jyj', 'leader'],
  ['jjs', 'jjs', 'reviewer'],
  ['kjw', 'kjw', 'reviewer'],
  ['jxpj', 'jxpj', 'reviewer'],
  ['ysg', 'ysg', 'reviewer'],
  ['pszx', 'pszx', 'reviewer'],
];
const BASIS_RE = /^第[一二三四五六七八九十百]+条/;
const CJK_RE = /[\u4e00-\u9fff]/;

const units = readJson<Unit[]>('org', 'units.json');
const users = readJson<DemoUser[]>('org', 'users.json');
const settings = readJson<OrgSettings & { notes?: string }>('org', 'settings.json');
const unitById = new Map(units.map((u) => [u.id, u]));
const chainFiles = readdirSync(join(FORMS_DIR, 'chains')).filter((f) => f.endsWith('.json'));
const chains = chainFiles.map((f) => readJson<Chain>('chains', f));
const chainById = new Map(chains.map((c) => [c.id, c]));

function loadForm(id: string) {
  const dir = join(FORMS_DIR, id);
  return {
    meta: readJson<{ id: string; title: string; family: string; chainId: string; description: string }>(
      id,
      'form.json',
    ),
    schema: readJson(id, 'schema.json'),
    ui: readJson(id, 'ui.json'),
    logic: readJson<FormLogic>(id, 'logic.json'),
    examples: readdirSync(join(dir, 'examples'))
      .filter((f) => f.endsWith('.json'))
      .sort()
      .map((f) => ({ file: f, ...readJson<Example>(id, 'examples', f) })),
  };
}
const forms = new Map(ALL_FORM_IDS.map((id) => [id, loadForm(id)]));

/** Resolves a local `#/definitions/X` reference (the only kind the built-in schemas use). */
function deref(root: Json, node: Json): Json {
  const ref = node.$ref;
  if (typeof ref !== 'string') return node;
  expect(ref).toMatch(/^#\/definitions\/[A-Za-z]+$/);
  return (root.definitions as Json)[ref.slice('#/definitions/'.length)] as Json;
}

/** Every (schema, ui) pair of the form, walking properties and array items in parallel. */
function walk(root: Json, ui: Json, visit: (schema: Json, ui: Json, pointer: string) => void): void {
  const go = (s: Json, u: Json, pointer: string) => {
    const schema = deref(root, s);
    visit(schema, u ?? {}, pointer);
    if (schema.type === 'object') {
      for (const [key, child] of Object.entries((schema.properties ?? {}) as Record<string, Json>)) {
        go(child, (u?.[key] ?? {}) as Json, `${pointer}/${key}`);
      }
    }
    if (schema.type === 'array') go(schema.items as Json, (u?.items ?? {}) as Json, `${pointer}/*`);
  };
  go(root, ui, '');
}

/** Every subschema, including definitions and conditional branches, for keyword-level checks. */
function everySubschema(node: unknown, visit: (s: Json, where: string) => void, where = ''): void {
  if (Array.isArray(node)) {
    node.forEach((n, i) => {
      everySubschema(n, visit, `${where}/${i}`);
    });
    return;
  }
  if (!node || typeof node !== 'object') return;
  const s = node as Json;
  visit(s, where);
  for (const key of ['properties', 'definitions']) {
    for (const [k, v] of Object.entries((s[key] ?? {}) as Json)) everySubschema(v, visit, `${where}/${key}/${k}`);
  }
  for (const key of ['items', 'if', 'then', 'else', 'not'])
    if (s[key]) everySubschema(s[key], visit, `${where}/${key}`);
  for (const key of ['allOf', 'anyOf', 'oneOf']) if (s[key]) everySubschema(s[key], visit, `${where}/${key}`);
}

const expressionsOf = (logic: FormLogic): string[] => [
  ...(logic.computed ?? []).map((c) => c.expr),
  ...(logic.rules ?? []).map((r) => r.expr),
  ...(logic.gates ?? []).map((g) => g.when),
];

describe('built-in forms', () => {
  it('has exactly the built-in form folders, each naming an existing chain', () => {
    const folders = readdirSync(FORMS_DIR, { withFileTypes: true })
      .filter((d) => d.isDirectory() && existsSync(join(FORMS_DIR, d.name, 'form.json')))
      .map((d) => d.name)
      .sort();
    expect(folders).toEqual([...ALL_FORM_IDS].sort());
    for (const [id, f] of forms) {
      expect(f.meta.id).toBe(id);
      expect(f.meta.title).toMatch(CJK_RE);
      expect(f.meta.description).toMatch(/第[一二三四五六七八九十]+条/);
      expect(chainById.has(f.meta.chainId), `${id}: chain ${f.meta.chainId}`).toBe(true);
    }
  });

  describe.each(FORM_IDS)('%s', (id) => {
    const f = forms.get(id) as ReturnType<typeof loadForm>;
    it('declares IndicatorRow as a local definition and references it from every indicator table', () => {
      const defs = f.schema.definitions as Json;
      expect(defs.IndicatorRow).toBeDefined();
      const level1 = ((defs.IndicatorRow as Json).properties as Json).level1 as Json;
      expect(level1.enum).toEqual(['output', 'benefit', 'satisfaction', 'cost']);
      walk(f.schema, f.ui, (schema, ui, pointer) => {
        if (ui['ui:field'] === 'indicatorTable') {
          expect(schema.type, pointer).toBe('array');
          expect((schema.items as Json).$ref, pointer).toMatch(/^#\/definitions\/(SelfEval)?IndicatorRow$/);
        }
      });
    });
  });

  describe.each(ALL_FORM_IDS)('%s', (id) => {
    const f = forms.get(id) as ReturnType<typeof loadForm>;

    it('compiles under the house ajv in strict mode and passes the untrusted-schema guard', () => {
      expect(checkUntrustedSchema(f.schema)).toEqual([]);
      expect(() => compileFormSchema(f.schema)).not.toThrow();
    });

    it('bounds every array and every free-text string, and titles every field in Chinese', () => {
      everySubschema(f.schema, (s, where) => {
        if (s.type === 'array') expect(s.maxItems, where).toBeTypeOf('number');
        if (s.type === 'string' && !s.enum && s.const === undefined) expect(s.maxLength, where).toBeTypeOf('number');
        for (const [key, prop] of Object.entries((s.properties ?? {}) as Record<string, Json>)) {
          // Conditional branches only narrow fields declared (and titled) above.
          if (!/\/(if|then|else)(\/|$)/.test(where)) expect(prop.title, `${where}/${key}`).toMatch(CJK_RE);
        }
      });
    });

    it('has a ui:order at every object level that lists each field exactly once', () => {
      walk(f.schema, f.ui, (schema, ui, pointer) => {
        if (schema.type !== 'object' || !ui['ui:order']) return;
        const order = ui['ui:order'] as string[];
        const keys = Object.keys(schema.properties as Json);
        expect(new Set(order).size, pointer).toBe(order.length);
        for (const k of order) if (k !== '*') expect(keys, `${pointer} ui:order ${k}`).toContain(k);
        if (!order.includes('*')) for (const k of keys) expect(order, `${pointer} misses ${k}`).toContain(k);
      });
      walk(f.schema, f.ui, (schema, ui, pointer) => {
        const keys = schema.type === 'object' ? Object.keys(schema.properties as Json) : ['items'];
        for (const k of Object.keys(ui))
          if (!k.startsWith('ui:')) expect(keys, `${pointer}: stale ui key ${k}`).toContain(k);
      });
      expect(f.ui['ui:order']).toBeDefined();
    });

    it('labels enums in Chinese, marks money in 万元 and shows computed fields read-only', () => {
      const computedPointers = new Set((f.logic.computed ?? []).map((c) => c.path));
      // Computations that only fill a default or pass the user's own value through stay editable.
      const editable = new Set([
        '/indicatorVariant',
        '/fundingRowVariant',
        '/funding/annual/fiscal',
        '/indicators/*/score',
      ]);
      walk(f.schema, f.ui, (schema, ui, pointer) => {
        if (Array.isArray(schema.enum) && schema.enum.length > 1 && schema.type === 'string') {
          expect(ui['ui:enumNames'], `${pointer} ui:enumNames`).toHaveLength(schema.enum.length);
        }
        if (schema.format === 'money') expect((ui['ui:options'] as Json)?.unit, `${pointer} unit`).toBe('万元');
        if (computedPointers.has(pointer) && !editable.has(pointer))
          expect(ui['ui:readonly'], `${pointer} readonly`).toBe(true);
        if (schema.type === 'string' && (schema.maxLength as number) >= 1000)
          expect(ui['ui:widget'], `${pointer} textarea`).toBe('textarea');
      });
    });

    it('writes computed values and attaches rules only to fields the schema declares', () => {
      const pointers = new Set<string>();
      walk(f.schema, f.ui, (_s, _u, pointer) => pointers.add(pointer));
      for (const c of f.logic.computed ?? []) expect(pointers, `computed ${c.path}`).toContain(c.path);
      for (const r of f.logic.rules ?? []) expect(pointers, `rule ${r.id} ${r.path}`).toContain(r.path);
      for (const g of f.logic.gates ?? []) {
        expect(pointers, `gate ${g.id}`).toContain(g.refPath);
        expect(FORM_IDS).toContain(g.formId);
      }
      for (const r of f.logic.rules ?? []) expect(r.message).toMatch(CJK_RE);
    });

    it('binds every $settings name its expressions use to a logic setting', () => {
      const declared = Object.keys(f.logic.settings ?? {});
      for (const expr of expressionsOf(f.logic)) {
        for (const [, name] of expr.matchAll(/\$settings\.([A-Za-z]+)/g)) expect(declared, expr).toContain(name);
      }
    });

    it('has at least one valid and one invalid example, each titled in Chinese', () => {
      expect(f.examples.some((e) => e.valid)).toBe(true);
      expect(f.examples.some((e) => !e.valid)).toBe(true);
      for (const e of f.examples) {
        expect(e.title, e.file).toMatch(/^(示例|错误示例)：/);
        expect(e.valid, e.file).toBe(e.errors.length === 0);
      }
    });

    it.each(f.examples.filter((e) => e.valid).map((e) => [e.file, e] as const))(
      'accepts the valid example %s and recomputes exactly its stored values',
      async (_file, example) => {
        const result = await validateFormData({ schema: f.schema, logic: f.logic }, example.data, {
          checkComputed: true,
        });
        expect(result.errors).toEqual([]);
        expect(result.warnings.map((w) => w.path).sort()).toEqual([...(example.warnings ?? [])].sort());
        expect(result.data).toEqual(example.data);
      },
    );

    it.each(f.examples.filter((e) => !e.valid).map((e) => [e.file, e] as const))(
      'rejects the invalid example %s at exactly its labelled pointers',
      async (_file, example) => {
        const result = await validateFormData({ schema: f.schema, logic: f.logic }, example.data, {
          checkComputed: true,
        });
        expect([...new Set(result.errors.map((e) => e.path))].sort()).toEqual([...example.errors].sort());
        for (const e of result.errors) expect(e.message).toMatch(CJK_RE);
      },
    );
  });

  it('computes the worked project self-evaluation example: 执行率 96.91 → 9.69, total 93.70 → 优', async () => {
    const f = forms.get('project-self-eval') as ReturnType<typeof loadForm>;
    const example = f.examples.find((e) => e.valid && !e.warnings) as Example;
    const stripped = structuredClone(example.data) as Json & { funds: { total: Json }; indicators: Json[] };
    stripped.funds.total = {};
    for (const row of stripped.indicators) if (row.operator !== 'qual') delete row.score;
    delete stripped.totalScore;
    delete stripped.selfGrade;
    const result = await validateFormData({ schema: f.schema, logic: f.logic }, stripped);
    expect(result.errors).toEqual([]);
    expect(result.computed['/funds/total/fullYearBudget']).toBe('1325.00');
    expect(result.computed['/funds/total/executionRate']).toBe(96.91);
    expect(result.computed['/funds/total/score']).toBe(9.69);
    expect(result.computed['/indicators/1/score']).toBe(8.33);
    expect(result.computed['/indicators/4/score']).toBe(9.68);
    expect(result.computed['/totalScore']).toBe(93.7);
    expect(result.computed['/selfGrade']).toBe('excellent');
  });

  it('declares every per-row check with a * path, and keeps table-level checks on the table', () => {
    const rowRules: Record<string, string[]> = {
      'ex-ante-assessment': ['PLAN-YEARS', 'SCORE-CAP', 'SCORE-SUBITEMS', 'SCORE-WEIGHTS'],
      'project-target': ['IND-VARIANT-A', 'IND-VARIANT-B', 'IND-UNIQUE', 'IND-IDS', 'IND-MID-UNIQUE', 'IND-MID-IDS'],
      'dept-target': ['IND-VARIANT-A', 'IND-VARIANT-B', 'IND-UNIQUE', 'IND-IDS'],
      'project-self-eval': ['R-C9-CAP', 'R-C9-QUAL', 'R-C9-DEVIATION', 'IND-VARIANT-A', 'IND-UNIQUE', 'IND-IDS'],
      'dept-self-eval': ['R-C9-CAP', 'R-C9-QUAL', 'R-C9-DEVIATION', 'IND-VARIANT-B', 'IND-UNIQUE', 'IND-IDS'],
    };
    const tableRules = [
      'IND-LEVELS',
      'IND-QUANT',
      'R-C10-OUTPUT',
      'R-C10-BENEFIT',
      'R-C10-SATISFACTION',
      'TARGET-WEIGHTS',
    ];
    for (const [id, ids] of Object.entries(rowRules)) {
      const rules = (forms.get(id) as ReturnType<typeof loadForm>).logic.rules ?? [];
      for (const ruleId of ids) {
        const rule = rules.find((r) => r.id === ruleId);
        expect(rule?.path, `${id} ${ruleId}`).toMatch(/\/\*\/[A-Za-z0-9]+$/);
      }
      for (const r of rules.filter((x) => tableRules.includes(x.id)))
        expect(r.path, `${id} ${r.id}`).not.toContain('*');
    }
  });

  describe('per-row rules report at the offending cell', () => {
    const check = async (id: string, data: Json) => {
      const f = forms.get(id) as ReturnType<typeof loadForm>;
      const r = await validateFormData({ schema: f.schema, logic: f.logic }, data, { checkComputed: true });
      return [...new Set(r.errors.map((e) => e.path))].sort();
    };
    const validData = (id: string, file: string) =>
      structuredClone(
        (forms.get(id) as ReturnType<typeof loadForm>).examples.find((e) => e.file === file)?.data,
      ) as Json & {
        indicators: Json[];
        annualIndicators: Json[];
      };

    it.each(['project-self-eval', 'dept-self-eval'])(
      '%s: duplicate names and ids land on both rows, a too-high score on its score cell',
      async (id) => {
        const file = (forms.get(id) as ReturnType<typeof loadForm>).examples.find((e) => e.file.startsWith('valid-'))
          ?.file as string;
        const data = validData(id, file);
        const rows = data.indicators;
        const b = rows.findIndex((r, i) => rows.slice(0, i).some((x) => x.level2 === r.level2));
        const a = rows.findIndex((r) => r.level2 === rows[b]?.level2);
        expect(b).toBeGreaterThan(a);
        rows[b].name = rows[a].name;
        expect(await check(id, data)).toEqual([`/indicators/${a}/name`, `/indicators/${b}/name`].sort());

        const ids = validData(id, file);
        ids.indicators[2].indicatorId = ids.indicators[0].indicatorId;
        expect(await check(id, ids)).toEqual(['/indicators/0/indicatorId', '/indicators/2/indicatorId']);

        const cap = validData(id, file);
        const q = cap.indicators.findIndex((r) => r.operator === 'qual');
        cap.indicators[q].score = (cap.indicators[q].weight as number) + 1;
        // the same cell carries both R-C9 messages: above the weight and outside the band
        const r = await validateFormData(
          {
            schema: (forms.get(id) as ReturnType<typeof loadForm>).schema,
            logic: (forms.get(id) as ReturnType<typeof loadForm>).logic,
          },
          cap,
          { checkComputed: false },
        );
        expect(r.errors.filter((e) => !e.path.startsWith('/totalScore') && !e.path.startsWith('/selfGrade'))).toEqual([
          expect.objectContaining({ path: `/indicators/${q}/score`, message: expect.stringContaining('不得超过分值') }),
          expect.objectContaining({ path: `/indicators/${q}/score`, message: expect.stringContaining('定性指标得分') }),
        ]);
      },
    );

    it('project-self-eval: a short row without 偏差原因分析 is flagged on that row only', async () => {
      const data = validData('project-self-eval', 'valid-rural-road-maintenance.json');
      const short = data.indicators.findIndex((r) => (r.score as number) < (r.weight as number));
      data.indicators[short].deviationAnalysis = '   ';
      expect(await check('project-self-eval', data)).toEqual([`/indicators/${short}/deviationAnalysis`]);
    });

    it('project-target: a 成本 level-2 row under 指标体系B lands on its level2 cell', async () => {
      const data = validData('project-target', 'valid-rural-road-maintenance.json');
      data.indicatorVariant = 'B';
      const cost = data.annualIndicators.findIndex((r) => r.level2 === 'cost');
      expect(cost).toBeGreaterThanOrEqual(0);
      expect(await check('project-target', data)).toEqual([`/annualIndicators/${cost}/level2`]);
    });

    it('ex-ante-assessment: a dimension weight off its setting and a year outside the period land on their cells', async () => {
      const data = validData('ex-ante-assessment', 'valid-rural-road-safety.json') as unknown as Json & {
        scoreSheet: Json[];
        basicInfo: { annualPlan?: Json[] };
      };
      data.scoreSheet[1].weight = 30;
      // the row's weight is off its setting (row cell); the Σ = 100 check stays on the table
      expect(await check('ex-ante-assessment', data)).toEqual(['/scoreSheet', '/scoreSheet/1/weight']);
      const plan = data.basicInfo.annualPlan as Json[];
      expect(plan.length).toBeGreaterThan(1);
      data.scoreSheet[1].weight = 20;
      plan[plan.length - 1].year = 2099;
      expect(await check('ex-ante-assessment', data)).toEqual([`/basicInfo/annualPlan/${plan.length - 1}/year`]);
    });
  });

  it('requires an approved 事前绩效评估报告 only for new major projects (R-A1 gate)', async () => {
    const f = forms.get('project-target') as ReturnType<typeof loadForm>;
    const gate = (f.logic.gates ?? []).find((g) => g.id === 'R-A1');
    expect(gate).toMatchObject({ formId: 'ex-ante-assessment', status: 'approved', refPath: '/exAnteAssessmentRef' });
    const when = (data: Json) =>
      evaluateExpression(gate?.when as string, data, { bindings: { settings: f.logic.settings } });
    const valid = f.examples.find((e) => e.file.startsWith('valid-rural')) as Example;
    expect(await when(valid.data)).toBe(false);
    expect(await when({ ...valid.data, projectAttribute: 'new' })).toBe(true);
    const small = structuredClone(valid.data) as Json & { funding: Json };
    small.projectAttribute = 'new';
    small.funding = { annual: { total: '499.99', fiscal: '499.99', other: '0.00' } };
    expect(await when(small)).toBe(false);
    expect(await when({ ...small, isMajorPolicy: true })).toBe(true);
  });
});

/** Units a step may be assigned to for a submission of `submitter`, over every fund-type route. */
function candidateUnits(a: Assignee, submitter: string): string[] {
  if (a.type === 'unit') return [a.unitId];
  if (a.type === 'submitterUnit' || a.type === 'subjectUnit') return [submitter];
  return [unitById.get(submitter)?.managedBy as string, ...Object.values(settings.fundTypeRouting)];
}
const assignees = (step: Step): Assignee[] => (Array.isArray(step.assignee) ? step.assignee : [step.assignee]);

describe('review chains', () => {
  it('has one chain per built-in form, each used by its form', () => {
    expect(chains.map((c) => c.id).sort()).toEqual([...ALL_FORM_IDS].sort());
    for (const file of chainFiles) expect(file).toBe(`${readJson<Chain>('chains', file).id}.json`);
  });

  describe.each(chains.map((c) => [c.id, c] as const))('%s', (_id, chain) => {
    it('passes the chain meta-schema and its structural checks', () => {
      expect(checkChainDefinition(chain)).toEqual([]);
    });

    it('cites a 规程 article, a Chinese name and a description on every step, with unique ids', () => {
      expect(new Set(chain.steps.map((s) => s.id)).size).toBe(chain.steps.length);
      for (const step of chain.steps) {
        expect(step.basis, step.id).toMatch(BASIS_RE);
        expect(step.name, step.id).toMatch(CJK_RE);
        expect(step.description, step.id).toMatch(CJK_RE);
      }
    });

    it('assigns steps only to units of the organisation', () => {
      for (const step of chain.steps) {
        for (const a of assignees(step))
          if (a.type === 'unit') expect(unitById.has(a.unitId), `${step.id} ${a.unitId}`).toBe(true);
      }
    });

    it.each(SUBMITTERS)('lets a demo user other than the submitter %s act on every review step', (submitter) => {
      for (const step of chain.steps.filter((s) => s.kind !== 'notify')) {
        for (const a of assignees(step)) {
          for (const unitId of candidateUnits(a, submitter)) {
            const actor = users.find(
              (u) =>
                u.unitId === unitId &&
                u.username !== submitter &&
                u.roles.some((r) => r === 'leader' || r === 'reviewer'),
            );
            expect(actor, `${chain.id}/${step.id} → ${unitId}`).toBeDefined();
          }
        }
      }
    });

    it('compiles every decision schema under the house ajv and the untrusted-schema guard', () => {
      const ajv = createAjv();
      for (const step of chain.steps.filter((s) => s.decisionSchema)) {
        expect(checkUntrustedSchema(step.decisionSchema), step.id).toEqual([]);
        expect(() => ajv.compile(step.decisionSchema as Json), step.id).not.toThrow();
      }
    });

    it('evaluates every step condition to a boolean: an added step is off before any decision, an excluded one on', async () => {
      for (const step of chain.steps.filter((s) => s.when)) {
        const value = await evaluateExpression(step.when as string, { data: {}, computed: {}, decisions: {} });
        // `$not(…)` marks a step that runs unless the data excludes it (e.g. not for 上级转移支付自评, 第二十四条).
        expect(value, step.id).toBe((step.when as string).startsWith('$not('));
      }
    });
  });

  const active = (chain: Chain, input: Json) =>
    Promise.all(
      chain.steps.map(async (s) => [s.id, s.when ? (await evaluateExpression(s.when, input)) === true : true] as const),
    ).then((pairs) => pairs.filter(([, on]) => on).map(([id]) => id));

  it('sends level-1 project targets to 预算股 and level-2 ones back to the unit for 批复 (第十七条)', async () => {
    const chain = chainById.get('project-target') as Chain;
    const level1 = await active(chain, { data: { projectLevel: 'level1' }, computed: {}, decisions: {} });
    const level2 = await active(chain, { data: { projectLevel: 'level2' }, computed: {}, decisions: {} });
    expect(level1).toEqual(['leaderSignoff', 'bizReview', 'perfReview', 'budgetApproval']);
    expect(level2).toEqual(['leaderSignoff', 'bizReview', 'perfReview', 'unitApproval']);
    const key = await active(chain, {
      data: { projectLevel: 'level1' },
      computed: {},
      decisions: { perfReview: { action: 'approve', fields: { isKeyReview: true } } },
    });
    expect(key).toEqual(['leaderSignoff', 'bizReview', 'perfReview', 'keyReview', 'keyRecheck', 'budgetApproval']);
  });

  it('adds the independent assessment only when the 业务股室 asks for it (第十四条)', async () => {
    const chain = chainById.get('ex-ante-assessment') as Chain;
    const plain = await active(chain, {
      data: {},
      computed: {},
      decisions: { bizReview: { action: 'approve', fields: {} } },
    });
    expect(plain).toEqual(['leaderSignoff', 'reviewCenterAdvice', 'bizReview', 'notifyResult']);
    const independent = await active(chain, {
      data: {},
      computed: {},
      decisions: { bizReview: { action: 'approve', fields: { independentAssessment: true } } },
    });
    expect(independent).toContain('independentAssessment');
    expect(chain.steps.find((s) => s.id === 'bizReview')?.score).toMatchObject({ min: 0, max: 100, required: true });
  });

  it.each(['project-self-eval', 'dept-self-eval'])(
    '%s: asks the 领导小组 only for 重大事项 and gives the unit 15 working days to feed back',
    async (id) => {
      const chain = chainById.get(id) as Chain;
      const major = { spotCheck: { action: 'approve', score: 78.2, fields: { isMajorMatter: true } } };
      expect(await active(chain, { data: {}, computed: {}, decisions: major })).toContain('leadingGroupApproval');
      expect(await active(chain, { data: {}, computed: {}, decisions: {} })).not.toContain('leadingGroupApproval');
      const feedback = chain.steps.find((s) => s.id === 'unitFeedback');
      expect(feedback).toMatchObject({
        basis: '第二十九条',
        dueInWorkingDays: 15,
        assignee: { type: 'submitterUnit' },
      });
      expect(chain.steps.find((s) => s.id === 'spotCheck')?.score).toMatchObject({
        min: 0,
        max: 100,
        label: '复核得分',
      });
    },
  );
});

describe('demo organisation', () => {
  it('names every unit of the 规程 with a short ASCII id', () => {
    expect(new Set(units.map((u) => u.id)).size).toBe(units.length);
    for (const u of units) expect(u.id).toMatch(/^[a-z]{2,8}$/);
    const names = units.map((u) => u.name);
    for (const name of [
      '绩效评价服务股',
      '预算股',
      '国库股',
      '网络信息股',
      '监督评价股',
      '乡镇财政管理股',
      '国资中心',
      '社保基金服务股',
      '债务评价股',
      '金融评价股',
      '政府采购监督管理股',
      '综合规划股',
      '财政评审中心',
      '局预算绩效管理领导小组',
      '局党组',
    ]) {
      expect(names).toContain(name);
    }
    expect(unitById.get('ldxz')?.kind).toBe('group');
    for (const id of ['jxpj', 'ysg', 'ldxz']) expect(unitById.get(id)?.seesAll, id).toBe(true);
  });

  it('gives every department a 6-digit code and an existing 归口 业务股室', () => {
    const departments = units.filter((u) => u.kind === 'department');
    expect(departments.length).toBeGreaterThanOrEqual(5);
    for (const d of departments) {
      expect(d.code, d.id).toMatch(/^\d{6}$/);
      const section = unitById.get(d.managedBy as string);
      expect(section?.kind, `${d.id} managedBy ${d.managedBy}`).toBe('section');
    }
    for (const u of units.filter((x) => x.kind !== 'department')) expect(u.managedBy, u.id).toBeUndefined();
  });

  it('routes the fund types of 第九条 to existing units', () => {
    expect(settings.fundTypeRouting).toEqual({
      soeCapital: 'gzzx',
      socialInsurance: 'sbjj',
      govBond: 'zwpj',
      ppp: 'jrpj',
      procurement: 'zfcg',
    });
    for (const target of Object.values(settings.fundTypeRouting)) expect(unitById.has(target), target).toBe(true);
    expect(settings.notes).toContain('综合规划股');
  });

  it('has every demo user of the README in the right unit, and no passwords', () => {
    expect(new Set(users.map((u) => u.username)).size).toBe(users.length);
    for (const [username, unitId, role] of API_USERS) {
      const user = users.find((u) => u.username === username);
      expect(user, username).toMatchObject({ unitId });
      expect(user?.roles, username).toContain(role);
    }
    for (const u of users) {
      expect(unitById.has(u.unitId), `${u.username} → ${u.unitId}`).toBe(true);
      // `phone` (联系电话, prefilled into new submissions) is the only optional field.
      expect(
        Object.keys(u)
          .filter((k) => k !== 'phone')
          .sort(),
      ).toEqual(['name', 'roles', 'unitId', 'username']);
      if ('phone' in u) expect(u.phone, u.username).toMatch(/^[0-9-]{7,20}$/);
    }
  });
});
