/**
 * 「从监控表导入」 of the 财政重点监控报告: the scope table offers the 财政重点监控 reports of the year and cutoff month
 * typed in the form; what is already in the table stays as typed, the blank first row gives way, the ticked ones
 * are appended as rows.
 */
import type { RJSFSchema } from '@rjsf/utils';
import { fireEvent, screen, waitFor } from '@testing-library/react';
import { useState } from 'react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import schema from '../../forms/key-monitoring-report/schema.json';
import ui from '../../forms/key-monitoring-report/ui.json';
import { useFormContext } from '../../web/src/form/form-context';
import { prepareUiSchema } from '../../web/src/form/rjsf-setup';
import { SchemaForm } from '../../web/src/form/schema-form';
import { mergeScopeRows } from '../../web/src/monitoring/scope-rows';
import { renderWithAntd } from './render';

const typed = {
  reportRef: 'GZ-JK-2025-0007',
  unitName: '信丰县公路事业发展中心',
  objectName: '农村公路日常养护',
  amount: '1325.00',
  overallLight: 'red',
};
const roads = {
  submissionId: 's-roads',
  title: '农村公路日常养护项目监控表',
  status: 'approved',
  row: { ...typed, objectName: '2025年信丰县农村公路日常养护项目', executionRate: 41.14 },
};
const meals = {
  submissionId: 's-meals',
  title: '营养改善计划监控表',
  status: 'in_review',
  row: {
    reportRef: 'GZ-JK-2025-0011',
    unitName: '信丰县教育体育局',
    objectName: '农村义务教育学生营养改善计划',
    amount: '800.00',
    executionRate: 62.5,
    overallLight: 'green',
    focusReasons: ['livelihood', 'finding'],
  },
};

/** The fake server: the import's answer, and every path asked. */
function fakeScope(items: unknown[]) {
  const asked: string[] = [];
  vi.stubGlobal(
    'fetch',
    vi.fn(async (input: RequestInfo | URL) => {
      const url = new URL(String(input), 'http://localhost');
      asked.push(`${url.pathname}${url.search}`);
      return new Response(JSON.stringify({ items, truncated: false }), {
        status: 200,
        headers: { 'content-type': 'application/json' },
      });
    }),
  );
  return asked;
}

let latest: Record<string, unknown> = {};
function Report({
  initial,
  schema: shape = schema as RJSFSchema,
}: {
  initial: Record<string, unknown>;
  schema?: RJSFSchema;
}) {
  const [data, setData] = useState(initial);
  latest = data;
  return (
    <SchemaForm
      schema={shape}
      uiSchema={prepareUiSchema(ui)}
      formData={data}
      onChange={setData}
      formContext={useFormContext(data)}
    />
  );
}

afterEach(() => vi.unstubAllGlobals());

describe('财政重点监控报告: 从监控表导入', () => {
  it('appends the ticked reports of the year and cutoff month; a report already in the table stays as typed', async () => {
    const asked = fakeScope([roads, meals]);
    renderWithAntd(<Report initial={{ fiscalYear: 2025, cutoffMonth: 7, scope: [typed, {}] }} />);
    fireEvent.click(await screen.findByTestId('scope-import'));
    await screen.findByText('农村义务教育学生营养改善计划');
    expect(asked).toEqual(['/api/key-monitoring/scope?fiscalYear=2025&cutoffMonth=7']);
    expect(screen.getByText(/已在表中/).textContent).toContain('已批准');
    const boxes = document.querySelectorAll<HTMLInputElement>('.scope-import-list input[type=checkbox]');
    expect([...boxes].map((b) => [b.checked, b.disabled])).toEqual([
      [true, true],
      [true, false],
    ]);
    fireEvent.click(screen.getByRole('button', { name: '导入所选（1）' }));
    await waitFor(() => expect((latest.scope as unknown[]).length).toBe(2));
    expect(latest.scope).toEqual([typed, meals.row]);
    await screen.findByText('已导入 1 个监控对象，请逐行核对');
    // The imported row is in the table, editable.
    expect(screen.getAllByDisplayValue('农村义务教育学生营养改善计划').length).toBeGreaterThan(0);
  });

  it('imports nothing unticked, and asks for the year and cutoff month before asking the server', async () => {
    const asked = fakeScope([meals]);
    renderWithAntd(<Report initial={{ fiscalYear: 2025, scope: [{}] }} />);
    fireEvent.click(await screen.findByTestId('scope-import'));
    await screen.findByText('请先填写监控年度和监控截止月份，再导入该期的财政重点监控表。');
    expect(asked).toEqual([]);
    expect(screen.getByRole('button', { name: '导入所选' })).toHaveProperty('disabled', true);
  });

  it('leaves out a report the clerk unticks; with every report unticked there is nothing to import', async () => {
    fakeScope([roads, meals]);
    renderWithAntd(<Report initial={{ fiscalYear: 2025, cutoffMonth: 7, scope: [{}] }} />);
    fireEvent.click(await screen.findByTestId('scope-import'));
    await screen.findByText('农村义务教育学生营养改善计划');
    const box = (name: string) =>
      screen.getByText(name).closest('label')?.querySelector('input[type=checkbox]') as HTMLInputElement;
    fireEvent.click(box(roads.row.objectName));
    fireEvent.click(box(meals.row.objectName));
    expect(screen.getByRole('button', { name: '导入所选' })).toHaveProperty('disabled', true);
    fireEvent.click(box(meals.row.objectName));
    fireEvent.click(screen.getByRole('button', { name: '导入所选（1）' }));
    await waitFor(() => expect(latest.scope).toEqual([meals.row]));
  });

  it('fills the table up to its maxItems and says how many reports were left out', async () => {
    // The form's own table with a maxItems of 4 (the form's 100 rows would take a minute to draw here).
    const small = structuredClone(schema) as RJSFSchema & { properties: { scope: { maxItems: number } } };
    small.properties.scope.maxItems = 4;
    const many = Array.from({ length: 6 }, (_, i) => ({
      submissionId: `s-${i}`,
      title: `监控表 ${i}`,
      status: 'approved',
      row: { ...meals.row, reportRef: `GZ-JK-2025-${1000 + i}`, objectName: `重点项目${i}` },
    }));
    fakeScope(many);
    renderWithAntd(<Report schema={small} initial={{ fiscalYear: 2025, cutoffMonth: 7, scope: [typed, {}] }} />);
    fireEvent.click(await screen.findByTestId('scope-import'));
    await screen.findByText('重点项目5');
    await screen.findByText('表格最多 4 行，还能导入 3 个：将按列表顺序导入所选的前 3 个，可取消勾选不需要的监控表。');
    fireEvent.click(screen.getByRole('button', { name: '导入所选（3）' }));
    await waitFor(() => expect((latest.scope as unknown[]).length).toBe(4));
    expect((latest.scope as { objectName: string }[]).map((r) => r.objectName)).toEqual([
      typed.objectName,
      '重点项目0',
      '重点项目1',
      '重点项目2',
    ]);
    await screen.findByText('已导入 3 个监控对象，表格已满 4 行，另有 3 个未导入');
    // The table is full now: a second import offers nothing to import.
    fireEvent.click(screen.getByTestId('scope-import'));
    await screen.findByText('表格已满 4 行，无法再导入；请先删除不需要的行。');
    expect(screen.getByRole('button', { name: '导入所选' })).toHaveProperty('disabled', true);
  });
});

describe('mergeScopeRows', () => {
  it('drops blank rows, keeps typed ones, adds each new object once (same 编号, or same unit and object)', () => {
    const noRef = { unitName: '甲单位', objectName: '甲项目', amount: '1.00', overallLight: 'green' };
    const r = mergeScopeRows(
      [{}, typed, { focusReasons: [] }, noRef],
      [roads.row, { ...noRef, amount: '9.00' }, meals.row, meals.row],
    );
    expect(r.rows).toEqual([typed, noRef, meals.row]);
    expect(r.added).toBe(1);
    expect(mergeScopeRows(undefined, [meals.row])).toEqual({ rows: [meals.row], added: 1, left: 0 });
  });

  it('stops at the limit; a row already there does not count as left out', () => {
    const r = mergeScopeRows(
      [typed, {}],
      [roads.row, meals.row, { ...meals.row, reportRef: 'X-1', objectName: '另一项目' }],
      2,
    );
    expect(r).toEqual({ rows: [typed, meals.row], added: 1, left: 1 });
  });
});
