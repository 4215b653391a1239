import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { MemoryRouter } from 'react-router';
import { afterEach, describe, expect, it, vi } from 'vitest';
import OrgCyclePage from '../../web/src/admin/org-cycle-page';
import AssignEvaluationsPage from '../../web/src/evaluations/assign-evaluations-page';
import { renderWithAntd } from './render';

/** A fake API behind `fetch`: answers by "METHOD /path", records every request with its JSON body. */
function fakeServer(routes: Record<string, (body: any) => unknown>) {
  const calls: { call: string; body: any }[] = [];
  const fetchMock = vi.fn(async (input: RequestInfo | URL, init?: RequestInit) => {
    const url = new URL(String(input), 'http://localhost');
    const call = `${init?.method ?? 'GET'} ${url.pathname}`;
    const body = init?.body ? JSON.parse(String(init.body)) : undefined;
    calls.push({ call, body });
    const handler = routes[call] as ((body: any) => unknown) | undefined;
    const answer = handler === undefined ? { error: { code: 'NOT_FOUND', message: '不存在' } } : handler(body);
    const status = handler === undefined ? 404 : 200;
    return new Response(JSON.stringify(answer), { status, headers: { 'content-type': 'application/json' } });
  });
  vi.stubGlobal('fetch', fetchMock);
  return calls;
}

afterEach(() => {
  vi.unstubAllGlobals();
});

describe('财政评价分派 (第二十六条)', () => {
  it('lists the approved objects, assigns one to the agency and shows the other as assigned', async () => {
    let reports = [{ id: 'plan1-e1', title: '已分派' }];
    const calls = fakeServer({
      'GET /api/me': () => ({ unitId: 'jxpj', unitName: '绩效评价服务股' }),
      'GET /api/submissions': () => ({ items: [], cursor: null }),
      'GET /api/units': () => ({
        items: [
          { id: 'jxpj', name: '绩效评价服务股', kind: 'section' },
          { id: 'dsfjg', name: '赣南某绩效咨询有限公司', kind: 'agency' },
        ],
      }),
      'GET /api/submissions/plan1': () => ({
        data: {
          objects: [
            {
              objectName: '农村公路日常养护项目',
              competentDeptName: '信丰县交通运输局',
              amount: '1325.00',
              mode: 'thirdParty',
            },
            { objectName: '义务教育营养改善计划', competentDeptName: '信丰县教育体育局', amount: '800.00' },
          ],
        },
      }),
      'POST /api/evaluations': () => {
        reports = [...reports, { id: 'plan1-e0', title: '新分派' }];
        return { id: 'plan1-e0' };
      },
    });
    // The list answers by form: approved plans, then the reports already assigned.
    const fetchMock = globalThis.fetch as unknown as ReturnType<typeof vi.fn>;
    const base = fetchMock.getMockImplementation() as (i: RequestInfo | URL, init?: RequestInit) => Promise<Response>;
    fetchMock.mockImplementation(async (input: RequestInfo | URL, init?: RequestInit) => {
      const url = new URL(String(input), 'http://localhost');
      if (url.pathname === '/api/submissions') {
        const items =
          url.searchParams.get('formId') === 'fiscal-evaluation-plan'
            ? [{ id: 'plan1', title: '2026年度财政评价对象建议表' }]
            : reports;
        return new Response(JSON.stringify({ items, cursor: null }), { status: 200 });
      }
      return base(input, init);
    });
    renderWithAntd(
      <MemoryRouter>
        <AssignEvaluationsPage />
      </MemoryRouter>,
    );
    const row = (await screen.findByText('农村公路日常养护项目')).closest('tr') as HTMLElement;
    expect(within(row).getByText('委托第三方')).toBeTruthy();
    const other = screen.getByText('义务教育营养改善计划').closest('tr') as HTMLElement;
    expect(within(other).getByText('已分派')).toBeTruthy();
    fireEvent.click(within(row).getByRole('button', { name: '分派' }));
    await screen.findByText('请先选择评价机构');
    fireEvent.mouseDown(within(row).getByRole('combobox'));
    fireEvent.click(await screen.findByText('赣南某绩效咨询有限公司（第三方机构）'));
    fireEvent.click(within(row).getByRole('button', { name: '分派' }));
    await waitFor(() =>
      expect(calls.find((c) => c.call === 'POST /api/evaluations')?.body).toEqual({
        planId: 'plan1',
        objectIndex: 0,
        assigneeUnitId: 'dsfjg',
      }),
    );
    await waitFor(() => expect(screen.getAllByText('已分派')).toHaveLength(2));
  });
});

describe('乡镇与公开复核 (第十条、第三十条)', () => {
  it('switches a department to 乡镇 and saves who checks publications, keeping the 第九条 routing', async () => {
    const calls = fakeServer({
      'GET /api/admin/units': () => ({
        items: [
          {
            id: 'jtj',
            name: '信丰县交通运输局',
            kind: 'department',
            managedBy: 'jjs',
            seesAll: false,
            disabled: false,
            code: '118001',
            township: false,
            version: 3,
          },
          {
            id: 'jjs',
            name: '经济建设股',
            kind: 'section',
            managedBy: null,
            seesAll: false,
            disabled: false,
            code: null,
            township: false,
            version: 1,
          },
        ],
        cursor: null,
      }),
      'PUT /api/admin/units/jtj': (b) => ({ id: 'jtj', ...b }),
      'GET /api/admin/settings': () => ({ fundTypeRouting: { ppp: 'jrpj' }, version: 2 }),
      'PUT /api/admin/settings': () => ({ version: 3 }),
    });
    renderWithAntd(<OrgCyclePage />);
    fireEvent.click(await screen.findByRole('switch', { name: '信丰县交通运输局是乡镇' }));
    await waitFor(() =>
      expect(calls.find((c) => c.call === 'PUT /api/admin/units/jtj')?.body).toMatchObject({
        township: true,
        managedBy: 'jjs',
        version: 3,
      }),
    );
    expect(screen.queryByRole('switch', { name: '经济建设股是乡镇' })).toBeNull();
    fireEvent.mouseDown(await screen.findByRole('combobox', { name: '绩效目标（随部门预算公开）' }));
    fireEvent.click((await screen.findAllByText('经济建设股')).at(-1) as HTMLElement);
    fireEvent.click(screen.getByRole('button', { name: '保存' }));
    await waitFor(() =>
      expect(calls.find((c) => c.call === 'PUT /api/admin/settings')?.body).toEqual({
        fundTypeRouting: { ppp: 'jrpj' },
        publicationCheckers: { target: 'jjs', selfEval: 'managingSection', fiscalEvaluation: 'managingSection' },
        version: 2,
      }),
    );
  });
});
