import { beforeAll, describe, expect, it } from 'vitest';
import type { Submission } from '../../functions/core/model';
import { LIST_DATA_PATHS } from '../../functions/core/use-cases/submissions/list-submissions';
import { createTestApi, type TestApi } from '../support/api';
import { projectTargetWithRows } from '../support/project-target';

/**
 * 我的填报 / 填报查询 read summaries: every attribute of a submission but its form data, of which only what the list
 * shows and searches (年度, project codes, unit names). A 200-row target is about 28 KB of data; a page of them
 * must not travel from DynamoDB whole to show a title and a status.
 */
let api: TestApi;
/** Bytes of the items DynamoDB answered to the list reads (BatchGetItem and Query), while `counting`. */
let read = 0;
let counting = false;
const ids: string[] = [];

beforeAll(async () => {
  api = await createTestApi();
  api.deps.db.raw.middlewareStack.add(
    (next, context) => async (args) => {
      const out = await next(args);
      const name = (context as { commandName?: string }).commandName;
      if (counting && (name === 'BatchGetItemCommand' || name === 'QueryCommand')) {
        const output = out.output as { Responses?: unknown; Items?: unknown };
        read += JSON.stringify(output.Responses ?? output.Items ?? []).length;
      }
      return out;
    },
    { step: 'initialize', name: 'countListBytes' },
  );
  for (let i = 0; i < 3; i++) {
    const data = {
      ...projectTargetWithRows(200),
      projectName: `2026年大数据量项目${i}`,
      projectCode: `36072226000000009000${i}`,
    };
    const r = await api.json('POST', '/api/submissions', { as: 'jtj', body: { formId: 'project-target', data } });
    expect(r.status, JSON.stringify(r.body)).toBe(201);
    ids.push(r.body.id);
    expect((await api.json('POST', `/api/submissions/${r.body.id}/submit`, { as: 'jtj' })).status).toBe(200);
  }
});

/** What a summary read must give: the whole submission, its data cut to the list's paths, nothing computed. */
function summaryOf(full: Submission): Submission {
  const data: Record<string, unknown> = {};
  for (const path of LIST_DATA_PATHS) {
    let from: unknown = full.data;
    for (const key of path) from = (from as Record<string, unknown> | undefined)?.[key];
    if (from === undefined) continue;
    let into = data;
    for (const key of path.slice(0, -1)) {
      into[key] ??= {};
      into = into[key] as Record<string, unknown>;
    }
    into[path[path.length - 1]] = from;
  }
  return { ...full, data, computed: {} };
}

async function listed(as: string, query: string) {
  read = 0;
  counting = true;
  try {
    const r = await api.json('GET', `/api/submissions?limit=20&${query}`, { as });
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    return r.body.items as { id: string; title: string; fiscalYear: number | null; openSteps: unknown[] }[];
  } finally {
    counting = false;
  }
}

describe('the submission list reads summaries', () => {
  it('the unit (through its visibility rows) reads less for three 200-row targets than one holds in data', async () => {
    const whole = (await api.deps.submissions.get(ids[0])) as Submission;
    const dataBytes = JSON.stringify(whole.data).length;
    expect(dataBytes).toBeGreaterThan(20_000);
    const items = await listed('jtj', 'q=大数据量项目');
    expect(items.map((s) => s.id).sort()).toEqual([...ids].sort());
    expect(read).toBeLessThan(dataBytes);
    const item = items.find((s) => s.id === ids[0]);
    expect(item).toMatchObject({ title: whole.title, fiscalYear: whole.data.fiscalYear });
    expect(item?.openSteps.length).toBe(1);
  });

  it('a unit that sees every submitted form (the index of all) reads summaries too', async () => {
    const items = await listed('jxpj', 'q=大数据量项目');
    expect(items.map((s) => s.id).sort()).toEqual([...ids].sort());
    // The page of the index holds the other units' forms as well, each as a summary: still less than two in full.
    const whole = (await api.deps.submissions.get(ids[0])) as Submission;
    expect(read).toBeLessThan(2 * JSON.stringify(whole.data).length);
  });

  it('finds by a project code and a year that live only in the form data', async () => {
    expect((await listed('jtj', 'q=360722260000000090001')).map((s) => s.id)).toEqual([ids[1]]);
    const year = ((await api.deps.submissions.get(ids[0])) as Submission).data.fiscalYear as number;
    expect((await listed('jtj', `q=大数据量项目&year=${year}`)).length).toBe(3);
    expect((await listed('jtj', `q=大数据量项目&year=${year - 1}`)).length).toBe(0);
  });

  it('has every attribute of the submission but the data outside the list paths (both reads)', async () => {
    const full = (await api.deps.submissions.get(ids[2])) as Submission;
    const filter = { dataPaths: LIST_DATA_PATHS, keep: (s: Submission) => s.id === ids[2] };
    const unit = await api.deps.submissions.listForUnit('jtj', { limit: 100 }, filter);
    const all = await api.deps.submissions.listAll({ limit: 100 }, filter);
    expect(unit.items).toEqual([summaryOf(full)]);
    expect(all.items).toEqual([summaryOf(full)]);
    expect(summaryOf(full).data).toMatchObject({
      fiscalYear: full.data.fiscalYear,
      projectCode: full.data.projectCode,
    });
  });

  it('reads whole submissions when no paths are asked for (other uses of the list)', async () => {
    const full = (await api.deps.submissions.get(ids[2])) as Submission;
    const unit = await api.deps.submissions.listForUnit('jtj', { limit: 100 }, { keep: (s) => s.id === ids[2] });
    expect(unit.items).toEqual([full]);
  });
});
