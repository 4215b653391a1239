import { beforeAll, describe, expect, it } from 'vitest';
import { createTestApi, type TestApi } from '../support/api';
import { monitoringChain } from '../support/definitions';
import { expectClear4xx } from '../support/proof';

/**
 * Issue "Hardening: no request can stall or crash the server", the formula half, through the real app:
 * an admin's formulas and patterns cannot hold the server past its budget or exhaust its memory, a
 * filler's data cannot make a built-in form's rules quadratic, and every chain expression is checked
 * at save. The server answers a Chinese 4xx (or field errors), never a 500, and keeps answering.
 */
let api: TestApi;
const CHAIN_ID = 'hard-chain';
const LOOP = '( $f := function($n){ $n = 0 ? 0 : $f($n - 1) }; $f(100000000) )';

const form = (id: string, schema: Record<string, unknown>, logic: Record<string, unknown>) => ({
  id,
  title: '加固测试表',
  schema: { type: 'object', additionalProperties: true, properties: {}, ...schema },
  uiSchema: {},
  logic,
  chainId: CHAIN_ID,
});

async function publish(def: ReturnType<typeof form>) {
  const saved = await api.json('POST', '/api/admin/forms', { as: 'admin', body: def });
  expect(saved.status, JSON.stringify(saved.body)).toBe(201);
  const p = await api.json('POST', `/api/admin/forms/${def.id}/versions/${saved.body.version}/publish`, {
    as: 'admin',
  });
  expect(p.status, JSON.stringify(p.body)).toBe(200);
  const sub = await api.json('POST', '/api/submissions', { as: 'jtj', body: { formId: def.id, data: {} } });
  expect(sub.status, JSON.stringify(sub.body)).toBe(201);
  return sub.body.id as string;
}

/** Runs `request` while polling /api/health every 10 ms; returns its answer and the slowest health answer. */
async function whilePolling<T>(request: () => Promise<T>): Promise<{ result: T; ms: number; worstHealthMs: number }> {
  let done = false;
  let worst = 0;
  const poll = (async () => {
    while (!done) {
      const t = performance.now();
      expect((await api.call('GET', '/api/health')).status).toBe(200);
      worst = Math.max(worst, performance.now() - t);
      await new Promise((r) => setTimeout(r, 10));
    }
  })();
  const t = performance.now();
  const result = await request();
  const ms = performance.now() - t;
  done = true;
  await poll;
  return { result, ms, worstHealthMs: worst };
}

beforeAll(async () => {
  api = await createTestApi();
  const chain = monitoringChain(CHAIN_ID, '加固测试链', { dueInWorkingDays: 5, perfActions: ['approve', 'return'] });
  expect((await api.json('POST', '/api/admin/chains', { as: 'admin', body: chain })).status).toBe(201);
});

describe('finding 1: quadratic rules on a built-in form', () => {
  it('answers /validate on 1,000 indicator rows with the size error alone, at once', async () => {
    const sub = await api.createProjectTarget();
    const data = structuredClone(sub.data);
    const rows = data.annualIndicators;
    data.annualIndicators = Array.from({ length: 1000 }, (_, i) => ({
      ...rows[i % rows.length],
      indicatorId: `T${i}`,
    }));
    const { result, ms } = await whilePolling(() =>
      api.json('POST', `/api/submissions/${sub.id}/validate`, { as: 'jtj', body: { data } }),
    );
    expect(result.status).toBe(200);
    expect(result.body.errors.map((e: { path: string }) => e.path)).toEqual(['/annualIndicators']);
    expect(result.body.computed).toEqual({});
    expect(ms).toBeLessThan(1000);
  });
});

describe('finding 2: an admin formula can exhaust memory', () => {
  it('refuses a data-gated $pad on the filler’s data and keeps serving, without growing the heap', async () => {
    const id = await publish(
      form(
        'hard-pad',
        {},
        { computed: [{ path: '/out', expr: '$exists(boom) ? $length($pad("", boom * 10000000)) : 0' }] },
      ),
    );
    const before = process.memoryUsage().heapUsed;
    const r = await api.json('POST', `/api/submissions/${id}/validate`, { as: 'jtj', body: { data: { boom: 6 } } });
    expect(r.status).toBe(200);
    expect(r.body.errors).toEqual([
      { path: '/out', message: expect.stringMatching(/^计算失败：表达式产生的文本过长/) },
    ]);
    expect(process.memoryUsage().heapUsed - before).toBeLessThan(100 * 1024 * 1024);
    expect((await api.call('GET', '/api/health')).status).toBe(200);
  });

  it('refuses at save a pad or a range too big to ever run, even behind a condition', async () => {
    const r = await api.json('POST', '/api/admin/forms', {
      as: 'admin',
      body: form(
        'hard-static',
        {},
        {
          computed: [
            { path: '/a', expr: '$exists(boom) ? $pad("", 6e7) : 0' },
            { path: '/b', expr: '$exists(boom) ? $count([1..50000000]) : 0' },
          ],
        },
      ),
    });
    expectClear4xx(r, 422);
    expect(r.body.error.details.map((d: { path: string }) => d.path)).toEqual([
      '/logic/computed/0/expr',
      '/logic/computed/1/expr',
    ]);
  });
});

describe('finding 3: one time budget per request, not per evaluation', () => {
  it('stops a data-gated loop on a * path within the request budget with a Chinese 422, health unaffected', async () => {
    const id = await publish(
      form(
        'hard-loop',
        {},
        {
          rules: [{ id: 'LOOP', path: '/rows/*/v', expr: `$exists($root.boom) ? ${LOOP} : true`, message: '不会出现' }],
        },
      ),
    );
    const data = { boom: 1, rows: Array.from({ length: 30 }, (_, v) => ({ v })) };
    const { result, ms, worstHealthMs } = await whilePolling(() =>
      api.json('POST', `/api/submissions/${id}/validate`, { as: 'jtj', body: { data } }),
    );
    expectClear4xx(result, 422);
    expect(result.body.error.code).toBe('VALIDATION_FAILED');
    expect(result.body.error.details[0].message).toMatch(/计算超时（本次请求的公式合计超过 1000 毫秒）/);
    // 30 rows × a per-evaluation budget would be 30 s or more; one request budget ends it in about 1 s.
    expect(ms).toBeLessThan(4000);
    expect(worstHealthMs).toBeLessThan(500);
  });
});

describe('finding 4: ReDoS through admin patterns', () => {
  it('runs an overlapping-alternation regex of a formula in linear time', async () => {
    const id = await publish(
      form(
        'hard-regex',
        { properties: { s: { type: 'string', maxLength: 20000 } } },
        {
          rules: [
            { id: 'RE', path: '/s', expr: '$not($exists(s)) or $contains(s, /^(\\w|\\d)+$/)', message: '格式不对' },
          ],
        },
      ),
    );
    const s = `${'a'.repeat(10000)}!`;
    const { result, ms } = await whilePolling(() =>
      api.json('POST', `/api/submissions/${id}/validate`, { as: 'jtj', body: { data: { s } } }),
    );
    expect(result.status).toBe(200);
    expect(result.body.errors).toEqual([{ path: '/s', message: '格式不对' }]);
    expect(ms).toBeLessThan(2000);
  });

  it('refuses a schema pattern with overlapping alternation under a quantifier (the browser runs it natively)', async () => {
    const r = await api.json('POST', '/api/admin/forms', {
      as: 'admin',
      body: form('hard-alternation', { properties: { s: { type: 'string', pattern: '^(\\w|\\d)+$' } } }, {}),
    });
    expectClear4xx(r, 422);
    expect(r.body.error.details[0]).toMatchObject({
      path: '/schema/properties/s/pattern',
      message: expect.stringMatching(/灾难性回溯/),
    });
  });

  it('refuses a pattern the linear engine cannot run', async () => {
    const r = await api.json('POST', '/api/admin/forms', {
      as: 'admin',
      body: form('hard-lookahead', { properties: { s: { type: 'string', pattern: '^(?!admin).*$' } } }, {}),
    });
    expectClear4xx(r, 422);
    expect(r.body.error.details[0]).toMatchObject({ path: '/schema/properties/s/pattern' });
  });
});

describe('finding 9: chain checks and outcomes are checked at save like `when`', () => {
  it('refuses a broken or unsafe check or outcome and stores no version', async () => {
    const chain = monitoringChain(CHAIN_ID, '加固测试链', { dueInWorkingDays: 5, perfActions: ['approve', 'return'] });
    const steps = [
      chain.steps[0],
      {
        ...chain.steps[1],
        checks: [
          { expr: '$exists(fields.boom) ? $length($pad("", 6e7)) > 0 : true', message: '不会出现', path: '/fields' },
          { expr: '$$$(', message: '不会出现' },
        ],
        outcome: '$exists(fields.x) ? $eval(fields.x) : 0',
      },
    ];
    const r = await api.json('POST', '/api/admin/chains', { as: 'admin', body: { ...chain, steps } });
    expectClear4xx(r, 422);
    expect(r.body.error.details.map((d: { path: string }) => d.path)).toEqual([
      '/steps/1/checks/0/expr',
      '/steps/1/checks/1/expr',
      '/steps/1/outcome',
    ]);
    const versions = await api.json('GET', `/api/admin/chains/${CHAIN_ID}/versions`, { as: 'admin' });
    expect(versions.body.latestVersion).toBe(1);
  });
});
