import { beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../functions/api/app';
import { createTestApi, DEMO_PASSWORD, type TestApi } from '../support/api';
import { expectClear4xx, returnedSubmission, snapshot } from '../support/proof';

/**
 * Bad input on every write route: a clear 4xx in Chinese, never a 5xx, nothing changed, and the
 * service still healthy afterwards (docs/decisions.md, "Quality promises").
 */
let api: TestApi;
let smallApp: ReturnType<typeof createApp>;
/** An open campaign addressed to jtj (target of the campaign :id routes) and the import template as base64. */
let campaign: string;
let template: string;
/** A returned jtj submission: the target of every :id route. */
let target: string;
let example: Record<string, any>;

interface WriteRoute {
  name: string;
  as?: string;
  path: () => string;
  base: () => Record<string, any>;
  /** A single-line text field of the body, as a path of keys. */
  text: string[];
  /** What the route could change: compared before and after each refused request. */
  fingerprint: () => Promise<unknown>;
  /** Server-owned fields that a body may not carry. */
  serverOwned?: Record<string, unknown>;
}

const subFingerprint = () => snapshot(api, target);
const listFingerprint = async () =>
  (await api.json('GET', '/api/submissions?limit=100', { as: 'jtj' })).body.items.map(
    (s: any) => `${s.id}:${s.version}`,
  );
const adminFingerprint = async () => {
  const [chains, forms, users] = await Promise.all([
    api.json('GET', '/api/admin/chains', { as: 'admin' }),
    api.json('GET', '/api/admin/forms', { as: 'admin' }),
    api.json('GET', '/api/admin/users?limit=100', { as: 'admin' }),
  ]);
  return { chains: chains.body, forms: forms.body, users: users.body.items.length };
};

const ROUTES: WriteRoute[] = [
  {
    name: 'POST /api/auth/login',
    path: () => '/api/auth/login',
    base: () => ({ username: 'jtj', password: DEMO_PASSWORD }),
    text: ['username'],
    fingerprint: async () => null,
  },
  {
    name: 'POST /api/submissions',
    as: 'jtj',
    path: () => '/api/submissions',
    base: () => ({ formId: 'project-target', data: structuredClone(example) }),
    text: ['data', 'projectName'],
    fingerprint: listFingerprint,
    serverOwned: { status: 'approved', version: 7, unitId: 'jyj', createdBy: 'someone', id: 'chosen-id' },
  },
  {
    name: 'PUT /api/submissions/:id',
    as: 'jtj',
    path: () => `/api/submissions/${target}`,
    base: () => ({ data: structuredClone(example), version: 4 }),
    text: ['data', 'projectName'],
    fingerprint: subFingerprint,
    serverOwned: { status: 'approved', unitId: 'jyj', createdBy: 'someone', id: 'other-id', formVersion: 9 },
  },
  {
    name: 'POST /api/submissions/:id/validate',
    as: 'jtj',
    path: () => `/api/submissions/${target}/validate`,
    base: () => ({ data: structuredClone(example) }),
    text: ['data', 'projectName'],
    fingerprint: subFingerprint,
  },
  {
    name: 'POST /api/submissions/:id/submit',
    as: 'jtj',
    path: () => `/api/submissions/${target}/submit`,
    base: () => ({ comment: '请审核' }),
    text: ['comment'],
    fingerprint: subFingerprint,
    serverOwned: { status: 'in_review', unitId: 'jyj' },
  },
  {
    name: 'POST /api/submissions/:id/withdraw',
    as: 'jtj',
    path: () => `/api/submissions/${target}/withdraw`,
    base: () => ({ comment: '撤回' }),
    text: ['comment'],
    fingerprint: subFingerprint,
    serverOwned: { status: 'draft' },
  },
  {
    name: 'POST /api/submissions/:id/decisions',
    as: 'jjs',
    path: () => `/api/submissions/${target}/decisions`,
    base: () => ({ stepId: 'bizReview', action: 'approve', comment: '同意' }),
    text: ['comment'],
    fingerprint: subFingerprint,
    serverOwned: { unitId: 'jjs', actorId: 'someone', status: 'approved' },
  },
  {
    name: 'POST /api/admin/chains',
    as: 'admin',
    path: () => '/api/admin/chains',
    base: () => ({
      id: 'bad-input-chain',
      title: '坏输入测试审核链',
      steps: [
        {
          id: 'recheck',
          name: '复核',
          basis: '第十六条',
          assignee: { type: 'unit', unitId: 'jxpj' },
          actions: ['approve', 'return'],
        },
      ],
    }),
    text: ['title'],
    fingerprint: adminFingerprint,
    serverOwned: { version: 5 },
  },
  {
    name: 'POST /api/admin/forms',
    as: 'admin',
    path: () => '/api/admin/forms',
    base: () => ({
      id: 'bad-input-form',
      title: '坏输入测试表',
      schema: { type: 'object', properties: { note: { type: 'string', maxLength: 10 } } },
      chainId: 'project-target',
    }),
    text: ['title'],
    fingerprint: adminFingerprint,
    serverOwned: { status: 'published', version: 3, createdBy: 'someone' },
  },
  {
    name: 'POST /api/admin/forms/:formId/versions/:version/publish',
    as: 'admin',
    path: () => '/api/admin/forms/bad-input-none/versions/1/publish',
    base: () => ({ note: '发布' }),
    text: ['note'],
    fingerprint: adminFingerprint,
  },
  {
    name: 'POST /api/admin/users',
    as: 'admin',
    path: () => '/api/admin/users',
    base: () => ({
      username: 'badinput',
      name: '坏输入用户',
      unitId: 'jtj',
      roles: ['filler'],
      password: DEMO_PASSWORD,
    }),
    text: ['name'],
    fingerprint: adminFingerprint,
    serverOwned: { id: 'chosen', createdAt: '2020-01-01T00:00:00Z', passwordHash: 'x' },
  },
  // 填报任务 and the 指标库 import
  {
    name: 'POST /api/campaigns',
    as: 'jxpj',
    path: () => '/api/campaigns',
    base: () => ({
      formId: 'project-target',
      title: '坏输入任务',
      year: 2026,
      dueDate: '2026-03-31',
      unitIds: ['jtj'],
    }),
    text: ['title'],
    fingerprint: () => campaignFingerprint(),
    serverOwned: { id: 'chosen', status: 'closed', counters: { approved: 9 }, createdBy: 'someone', version: 3 },
  },
  {
    name: 'PATCH /api/campaigns/:id',
    as: 'jxpj',
    path: () => `/api/campaigns/${campaign}`,
    base: () => ({ notice: '请按时填报' }),
    text: ['notice'],
    fingerprint: () => campaignFingerprint(),
    serverOwned: { status: 'closed', counters: { approved: 9 }, unitIds: ['jyj'] },
  },
  {
    name: 'POST /api/campaigns/:id/close',
    as: 'jxpj',
    path: () => `/api/campaigns/${campaign}/close`,
    base: () => ({ reason: '年度结束' }),
    text: ['reason'],
    fingerprint: () => campaignFingerprint(),
    serverOwned: { status: 'open', closedAt: '2020-01-01T00:00:00Z' },
  },
  {
    name: 'POST /api/campaigns/:id/reminders',
    as: 'jxpj',
    path: () => `/api/campaigns/${campaign}/reminders`,
    base: () => ({ message: '请尽快填报' }),
    text: ['message'],
    fingerprint: () => campaignFingerprint(),
    serverOwned: { remindedAt: '2020-01-01T00:00:00Z' },
  },
  {
    name: 'POST /api/admin/indicators/import',
    as: 'admin',
    path: () => '/api/admin/indicators/import',
    base: () => ({ workbook: template }),
    text: ['workbook'],
    fingerprint: async () => (await api.json('GET', '/api/indicators?limit=100', { as: 'admin' })).body.items.length,
    serverOwned: { created: 5 },
  },
];

/** Campaigns (id, version, status) and the reminders of the target campaign. */
const campaignFingerprint = async () => {
  const [list, board] = await Promise.all([
    api.json('GET', '/api/campaigns?limit=100', { as: 'admin' }),
    api.json('GET', `/api/campaigns/${campaign}`, { as: 'admin' }),
  ]);
  return {
    list: list.body.items.map((c: any) => `${c.id}:${c.version}:${c.status}`),
    board: board.body.units.map((u: any) => `${u.unitId}:${u.remindedAt}`),
    edits: board.body.edits.length,
  };
};

function setPath(obj: Record<string, any>, path: string[], value: unknown) {
  let cur = obj;
  for (const k of path.slice(0, -1)) cur = cur[k];
  cur[path[path.length - 1]] = value;
  return obj;
}

/** Raw JSON text of the base body with `extra` spliced in as the first member(s). */
function splice(base: Record<string, any>, extra: string) {
  const text = JSON.stringify(base);
  return `{${extra},${text.slice(1)}`;
}

interface Case {
  name: string;
  status: number;
  /** Returns [body, headers]; a string body is sent as is. */
  build: (r: WriteRoute) => { body: string | Uint8Array; headers?: Record<string, string>; small?: boolean };
  message?: RegExp;
}

const json = (v: unknown) => JSON.stringify(v);
const CASES: Case[] = [
  { name: 'malformed JSON', status: 400, build: (r) => ({ body: json(r.base()).slice(0, -1) }) },
  { name: 'a bare NaN literal', status: 400, build: (r) => ({ body: splice(r.base(), '"n":NaN') }) },
  {
    name: 'Content-Type text/plain',
    status: 415,
    build: (r) => ({ body: json(r.base()), headers: { 'content-type': 'text/plain' } }),
  },
  {
    name: 'a form-encoded body',
    status: 415,
    build: () => ({
      body: 'username=jtj&password=x',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    }),
  },
  { name: 'no Content-Type at all', status: 415, build: (r) => ({ body: new TextEncoder().encode(json(r.base())) }) },
  {
    name: 'a body over the configured limit (10 KB)',
    status: 413,
    build: (r) => ({ body: json({ ...r.base(), pad: 'x'.repeat(12_000) }), small: true }),
  },
  {
    name: 'a body over the default 1 MB limit',
    status: 413,
    build: (r) => ({ body: json({ ...r.base(), pad: '汉'.repeat(400_000) }) }),
  },
  {
    name: 'nesting 10 000 levels deep',
    status: 422,
    build: (r) => ({ body: splice(r.base(), `"deep":${'['.repeat(10_000)}${']'.repeat(10_000)}`) }),
  },
  {
    name: 'an array of 5 000 items',
    status: 422,
    build: (r) => ({ body: json({ ...r.base(), list: Array(5000).fill(1) }) }),
  },
  {
    name: 'an object with 6 000 keys',
    status: 422,
    build: (r) => ({
      body: json({ ...r.base(), map: Object.fromEntries(Array.from({ length: 6000 }, (_, i) => [`k${i}`, i])) }),
    }),
  },
  {
    name: 'a control character (BEL) in a single-line field',
    status: 422,
    build: (r) => ({ body: json(setPath(r.base(), r.text, '项目\u0007名称')) }),
  },
  {
    name: 'a BiDi override (U+202E) in a field',
    status: 422,
    build: (r) => ({ body: json(setPath(r.base(), r.text, '正常\u202Egnp.exe')) }),
  },
  { name: '1e309 (infinite number)', status: 422, build: (r) => ({ body: splice(r.base(), '"n":1e309') }) },
  {
    name: 'an unsafe integer 9007199254740993',
    status: 422,
    build: (r) => ({ body: splice(r.base(), '"n":9007199254740993') }),
  },
  {
    name: 'a __proto__ key at the top',
    status: 422,
    build: (r) => ({ body: splice(r.base(), '"__proto__":{"polluted":"yes"}') }),
  },
  {
    name: 'a __proto__ key nested deep',
    status: 422,
    build: (r) => ({ body: splice(r.base(), '"x":{"y":[{"__proto__":{"polluted":"yes"}}]}') }),
  },
  {
    name: 'a constructor.prototype key',
    status: 422,
    build: (r) => ({ body: splice(r.base(), '"constructor":{"prototype":{"polluted":"yes"}}') }),
  },
  {
    name: 'a duplicate JSON key',
    status: 422,
    build: (r) => {
      const [k, v] = Object.entries(r.base())[0];
      return { body: splice(r.base(), `${json(k)}:${json(typeof v === 'string' ? `${v}x` : v)}`) };
    },
  },
  {
    name: 'an X-HTTP-Method-Override header',
    status: 400,
    build: (r) => ({ body: json(r.base()), headers: { 'X-HTTP-Method-Override': 'DELETE' } }),
  },
];

async function send(route: WriteRoute, c: Case) {
  const built = c.build(route);
  const headers: Record<string, string> = { ...(built.headers ?? {}) };
  if (typeof built.body === 'string' && !Object.keys(headers).some((h) => h.toLowerCase() === 'content-type'))
    headers['content-type'] = 'application/json';
  if (route.as) headers.authorization = `Bearer ${await api.token(route.as)}`;
  const app = built.small ? smallApp : api.app;
  const method = route.name.split(' ')[0];
  const res = await app.request(route.path(), { method, headers, body: built.body as BodyInit });
  const text = await res.text();
  let body: any = null;
  try {
    body = JSON.parse(text);
  } catch {
    body = text;
  }
  return { status: res.status, body, res };
}

beforeAll(async () => {
  api = await createTestApi();
  smallApp = createApp(api.deps, { maxBodyBytes: 10_000 });
  for (const u of ['jtj', 'jtjld', 'jjs', 'admin']) await api.token(u);
  const form = await api.json('GET', '/api/forms/project-target', { as: 'jtj' });
  example = (
    form.body.examples.find((e: { title: string }) => e.title.includes('农村公路日常养护')) ?? form.body.examples[0]
  ).data;
  target = await returnedSubmission(api);
  const issued = await api.json('POST', '/api/campaigns', {
    as: 'jxpj',
    body: { formId: 'project-target', title: '坏输入目标任务', year: 2026, dueDate: '2026-03-31', unitIds: ['jtj'] },
  });
  campaign = issued.body.id;
  const tpl = await api.call('GET', '/api/admin/indicators/template.xlsx', { as: 'admin' });
  template = Buffer.from(await tpl.arrayBuffer()).toString('base64');
});

describe('every write route refuses bad input with a clear Chinese 4xx and changes nothing', () => {
  for (const route of ROUTES) {
    describe(route.name, () => {
      for (const c of CASES) {
        it(`answers ${c.status} to ${c.name}`, async () => {
          const before = await route.fingerprint();
          const r = await send(route, c);
          expectClear4xx(r, c.status);
          expect(r.body.error.message).not.toMatch(/Error:|at \w+ \(/);
          expect(await route.fingerprint()).toEqual(before);
          expect(({} as Record<string, unknown>).polluted).toBeUndefined();
          expect((await api.json('GET', '/api/health')).status).toBe(200);
        });
      }
      if (route.serverOwned) {
        for (const [field, value] of Object.entries(route.serverOwned)) {
          it(`refuses (422) or ignores the server-owned field ${field} in the body`, async () => {
            const before = await route.fingerprint();
            const r = await send(route, {
              name: field,
              status: 422,
              build: (x) => ({ body: json({ ...x.base(), [field]: value }) }),
            });
            expect(r.status, JSON.stringify(r.body)).toBeLessThan(500);
            if (r.status < 300) {
              // A server-owned field may also be ignored: then the client's value must not have been taken.
              expect(r.body?.[field], `${field} taken from the body`).not.toEqual(value);
              return;
            }
            expectClear4xx(r, 422);
            expect(JSON.stringify(r.body.error.details)).toContain(field);
            expect(await route.fingerprint()).toEqual(before);
          });
        }
      }
    });
  }

  it('accepts a body just under the configured limit (the 413 is about size, not the route)', async () => {
    const r = await smallApp.request(`/api/submissions/${target}/validate`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${await api.token('jtj')}` },
      body: json({ data: { ...example, goals: { ...example.goals, midTermGoal: 'x'.repeat(1000) } } }),
    });
    expect(r.status).toBe(200);
  });

  it('leaves Object.prototype untouched after every __proto__ / constructor body', () => {
    expect(Object.keys(Object.prototype)).toEqual([]);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect((Object.prototype as Record<string, unknown>).polluted).toBeUndefined();
  });
});

describe('text is stored exactly and measured in code points', () => {
  async function save(data: Record<string, any>) {
    const cur = await api.json('GET', `/api/submissions/${target}`, { as: 'jtj' });
    const r = await api.json('PUT', `/api/submissions/${target}`, {
      as: 'jtj',
      body: { data, version: cur.body.version },
    });
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    return api.json('GET', `/api/submissions/${target}`, { as: 'jtj' });
  }

  it('stores 4-byte CJK (𠀀𪚥) and emoji (😀👨‍👩‍👧) byte-exact through PUT and GET', async () => {
    const text = '𠀀𪚥𫝀 项目😀👨‍👩‍👧🇨🇳 ﹏ ‍ end';
    const got = await save({ ...example, projectName: `2025年${text}`, goals: { ...example.goals, annualGoal: text } });
    expect(got.body.data.goals.annualGoal).toBe(text);
    expect(Buffer.from(got.body.data.goals.annualGoal, 'utf8').equals(Buffer.from(text, 'utf8'))).toBe(true);
    expect(got.body.data.projectName).toBe(`2025年${text}`);
  });

  it('stores HTML and script text as is (never stripped or escaped on the way in)', async () => {
    const html = '<script>alert("x")</script><img src=x onerror=alert(1)> & "quotes" \'single\' =SUM(A1)';
    const got = await save({ ...example, goals: { ...example.goals, annualGoal: html } });
    expect(got.body.data.goals.annualGoal).toBe(html);
    const hist = await api.json('GET', `/api/submissions/${target}/history`, { as: 'jtj' });
    expect(hist.status).toBe(200);
  });

  for (const [label, ch] of [
    ['emoji 😀', '😀'],
    ['CJK extension B 𠀀', '𠀀'],
  ] as const) {
    it(`accepts exactly 100 ${label} in a 100-character field and refuses 101 (lengths in code points)`, async () => {
      const check = async (n: number) => {
        const r = await api.json('POST', `/api/submissions/${target}/validate`, {
          as: 'jtj',
          body: { data: { ...example, projectName: ch.repeat(n) } },
        });
        expect(r.status).toBe(200);
        return r.body.errors.filter((e: { path: string }) => e.path === '/projectName');
      };
      expect(await check(100)).toEqual([]);
      const over = await check(101);
      expect(over.length).toBeGreaterThan(0);
      expect(over[0].message).toMatch(/[\u4e00-\u9fa5]/);
    });
  }
});

describe('values are never coerced; money and totals are checked at submit', () => {
  /** Saves `data` on a fresh draft, then submits: expects 422 naming `path`, and nothing changed by the refusal. */
  async function refusedAtSubmit(mutate: (d: Record<string, any>) => void, path: string) {
    const sub = await api.createProjectTarget('jtj');
    const data = structuredClone(example);
    mutate(data);
    const saved = await api.json('PUT', `/api/submissions/${sub.id}`, {
      as: 'jtj',
      body: { data, version: sub.version },
    });
    expect(saved.status, JSON.stringify(saved.body)).toBe(200);
    // Stored as sent: no coercion of strings into numbers or back.
    expect(saved.body.data).toEqual(data);
    const before = await snapshot(api, sub.id);
    const r = await api.json('POST', `/api/submissions/${sub.id}/submit`, { as: 'jtj' });
    expectClear4xx(r, 422);
    const paths = r.body.error.details.map((d: { path: string }) => d.path);
    expect(paths, JSON.stringify(r.body.error.details)).toContain(path);
    for (const d of r.body.error.details) expect(d.message).toMatch(/[\u4e00-\u9fa5]/);
    expect(await snapshot(api, sub.id)).toEqual(before);
    return r;
  }

  it('refuses full-width digits for an integer field (fiscalYear "２０２５")', async () => {
    await refusedAtSubmit((d) => {
      d.fiscalYear = '２０２５';
    }, '/fiscalYear');
  });

  it('refuses a numeric string for an integer field (fiscalYear "2025")', async () => {
    await refusedAtSubmit((d) => {
      d.fiscalYear = '2025';
    }, '/fiscalYear');
  });

  it('refuses a number where money is a decimal string (funding.annual.fiscal 1180)', async () => {
    await refusedAtSubmit((d) => {
      d.funding.annual.fiscal = 1180;
    }, '/funding/annual/fiscal');
  });

  it('refuses money with 3 decimals (1180.005)', async () => {
    await refusedAtSubmit((d) => {
      d.funding.annual.fiscal = '1180.005';
    }, '/funding/annual/fiscal');
  });

  it('refuses negative money (-100.00)', async () => {
    await refusedAtSubmit((d) => {
      d.funding.annual.other = '-100.00';
    }, '/funding/annual/other');
  });

  it('refuses full-width digits in money (１１８０.００)', async () => {
    await refusedAtSubmit((d) => {
      d.funding.annual.fiscal = '１１８０.００';
    }, '/funding/annual/fiscal');
  });

  it('refuses client totals that disagree with the rows', async () => {
    await refusedAtSubmit((d) => {
      d.funding.midTerm.total = '1.00';
    }, '/funding/midTerm/total');
  });
});
