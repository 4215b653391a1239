/**
 * The bound of 「从监控表导入」 (key-monitoring-scope.ts): however many monitoring reports there are, one answer reads
 * at most 5 pages of 100 and says it stopped. Deps are faked: only the paging is under test here (the API test in
 * test/api/monitoring.test.ts covers the rows on DynamoDB Local).
 */
import { describe, expect, it } from 'vitest';
import type { Deps, PageRequest } from '../../functions/core/ports';
import { keyMonitoringScope } from '../../functions/core/use-cases/cycle/key-monitoring-scope';

const report = (n: number, data: Record<string, unknown>) => ({
  id: `m${n}`,
  title: `监控表${n}`,
  unitId: 'jtj',
  status: 'approved',
  everSubmitted: true,
  data: { fiscalYear: 2025, cutoffMonth: 7, monitorType: 'financeKey', projectName: `项目${n}`, ...data },
});

function fakeDeps(pageOf: (page: number) => ReturnType<typeof report>[]) {
  const asked: PageRequest[] = [];
  const deps = {
    clock: { now: () => '2025-08-01T00:00:00.000Z' },
    forms: {
      getHead: async () => ({ publishedVersion: 1 }),
      getVersion: async () => ({ id: 'key-monitoring-report', creators: ['jxpj'] }),
    },
    org: {
      getUnit: async () => ({ id: 'jxpj', name: '绩效评价服务股', kind: 'section', seesAll: true }),
      listUnits: async () => [{ id: 'jtj', name: '信丰县交通运输局' }],
    },
    chains: { getVersion: async () => null },
    submissions: {
      listAll: async (page: PageRequest) => {
        asked.push(page);
        return { items: pageOf(asked.length), cursor: `after-${asked.length}` };
      },
    },
  } as unknown as Deps;
  return { deps, asked };
}

const actor = { id: 'jxpjtb', unitId: 'jxpj', roles: ['staff'] } as never;

describe('keyMonitoringScope: bounded', () => {
  it('reads at most 5 pages of 100 and says there were more', async () => {
    const { deps, asked } = fakeDeps((page) =>
      Array.from({ length: 100 }, (_, i) =>
        report(page * 1000 + i, i === 0 ? {} : { monitorType: i % 2 ? 'deptSelf' : 'financeKey', cutoffMonth: 6 }),
      ),
    );
    const r = await keyMonitoringScope(deps, { actor, fiscalYear: 2025, cutoffMonth: 7 });
    expect(asked.map((p) => p.limit)).toEqual([100, 100, 100, 100, 100]);
    expect(asked.map((p) => p.cursor)).toEqual([undefined, 'after-1', 'after-2', 'after-3', 'after-4']);
    expect(r.truncated).toBe(true);
    expect(r.items.map((i) => i.row.objectName)).toEqual(['项目1000', '项目2000', '项目3000', '项目4000', '项目5000']);
    expect(r.items[0].row.unitName).toBe('信丰县交通运输局');
  });
});
