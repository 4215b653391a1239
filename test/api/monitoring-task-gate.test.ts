import { beforeAll, describe, expect, it } from 'vitest';
import { createTestApi, type TestApi } from '../support/api';
import { approvedProjectTarget } from '../support/linked';
import { taskRow, taskWorkbook } from '../support/monitoring-task';

/** R-M1 (规程第二十条): a unit starts a monitoring report only for an object with an open 监控任务. */
let api: TestApi;
let targetId: string;

const start = (body: Record<string, unknown>) => api.json('POST', '/api/submissions', { as: 'jtj', body });
const importTasks = async (rows: string[][]) => {
  const r = await api.json('POST', '/api/monitoring-tasks/import', {
    as: 'jxpj',
    body: { workbook: await taskWorkbook(rows) },
  });
  expect(r.status, JSON.stringify(r.body)).toBe(201);
  return r.body.campaignIds as string[];
};
const expectRefused = (
  r: { status: number; body: { error: { code: string; message: string; details: { path: string }[] } } },
  path: string,
) => {
  expect([r.status, r.body.error.code], JSON.stringify(r.body)).toEqual([422, 'MONITORING_TASK_REQUIRED']);
  expect(r.body.error.details.map((d: { path: string }) => d.path)).toEqual([path]);
  expect(r.body.error.message).toContain('监控任务');
};

beforeAll(async () => {
  api = await createTestApi();
  targetId = await approvedProjectTarget(api);
}, 240_000);

describe('监控任务 before a monitoring report (R-M1, 第二十条)', () => {
  it('refuses a report started from the approved target or blank while the unit has no task, creating nothing', async () => {
    expectRefused(await start({ formId: 'project-monitoring', sourceSubmissionId: targetId }), '/sourceSubmissionId');
    expectRefused(await start({ formId: 'project-monitoring' }), '/campaignId');
    expectRefused(await start({ formId: 'dept-monitoring' }), '/campaignId');
    const mine = await api.json('GET', '/api/submissions?formId=project-monitoring', { as: 'jtj' });
    expect(mine.body.items).toEqual([]);
    // The picker's list says the same: the approved target is there, with no task covering it.
    const sources = await api.json('GET', '/api/monitoring-tasks/sources?formId=project-monitoring', { as: 'jtj' });
    expect(sources.status).toBe(200);
    expect(sources.body.taskRequired).toBe(true);
    expect(sources.body.items).toEqual([expect.objectContaining({ id: targetId, fiscalYear: 2025, task: null })]);
  });

  it('refuses a task of another project or another unit: it does not cover this target', async () => {
    await importTasks([
      taskRow('GZ-JK-2025-0201', { projectCode: '360722250000000099999' }),
      taskRow('GZ-JK-2025-0202', { project: true, unitCode: '105001' }),
    ]);
    expectRefused(await start({ formId: 'project-monitoring', sourceSubmissionId: targetId }), '/sourceSubmissionId');
    expectRefused(await start({ formId: 'dept-monitoring' }), '/campaignId');
  });

  it('starts the report once the task of the project is imported; the department report needs its own task', async () => {
    const [projectTask] = await importTasks([taskRow('GZ-JK-2025-0203', { project: true })]);
    const sources = await api.json('GET', '/api/monitoring-tasks/sources?formId=project-monitoring', { as: 'jtj' });
    expect(sources.body.items.map((i: { id: string; task: { id: string } | null }) => [i.id, i.task?.id])).toEqual([
      [targetId, projectTask],
    ]);
    // Another unit sees none of jtj's targets.
    const other = await api.json('GET', '/api/monitoring-tasks/sources?formId=project-monitoring', { as: 'jyj' });
    expect(other.body.items).toEqual([]);
    const linked = await start({ formId: 'project-monitoring', sourceSubmissionId: targetId });
    expect(linked.status, JSON.stringify(linked.body)).toBe(201);
    expect(linked.body.source.submissionId).toBe(targetId);
    // Started from the target, it answers the task that covers it, and counts on that task's board.
    expect(linked.body.campaignId).toBe(projectTask);
    const board = await api.json('GET', `/api/campaigns/${projectTask}`, { as: 'jxpj' });
    expect(board.body.units.find((u: { unitId: string }) => u.unitId === 'jtj')).toMatchObject({
      status: 'draft',
      submissionId: linked.body.id,
    });
    // One report per unit and task: naming the task again is refused, and the board keeps the first.
    const again = await start({ formId: 'project-monitoring', campaignId: projectTask });
    expect(again.status, JSON.stringify(again.body)).toBe(409);
    // A second report from the same target, the task answered: allowed as before, on no board.
    const second = await start({ formId: 'project-monitoring', sourceSubmissionId: targetId });
    expect(second.status, JSON.stringify(second.body)).toBe(201);
    expect(second.body.campaignId).toBeUndefined();
    const after = await api.json('GET', `/api/campaigns/${projectTask}`, { as: 'jxpj' });
    expect(after.body.units.find((u: { unitId: string }) => u.unitId === 'jtj').submissionId).toBe(linked.body.id);
    expectRefused(await start({ formId: 'dept-monitoring' }), '/campaignId');
    await importTasks([taskRow('GZ-JK-2025-0204', { unitCode: '118001' })]);
    expect((await start({ formId: 'dept-monitoring' })).status).toBe(201);
  });

  it('answers 404 for an unknown form and 422 for a form that starts from no target', async () => {
    const unknown = await api.json('GET', '/api/monitoring-tasks/sources?formId=no-such-form', { as: 'jtj' });
    expect(unknown.status).toBe(404);
    const key = await api.json('GET', '/api/monitoring-tasks/sources?formId=key-monitoring-report', { as: 'jtj' });
    expect([key.status, key.body.error.code, key.body.error.details[0].path]).toEqual([
      422,
      'SOURCE_NOT_SUPPORTED',
      '/formId',
    ]);
    // A self-evaluation needs no task: every approved target may start it.
    const selfEval = await api.json('GET', '/api/monitoring-tasks/sources?formId=project-self-eval', { as: 'jtj' });
    expect(selfEval.body.taskRequired).toBe(false);
  });

  it('lets units start freely when the bureau turns the setting off (taskRequired)', async () => {
    const jyj = (formId: string) => api.json('POST', '/api/submissions', { as: 'jyj', body: { formId } });
    expectRefused(await jyj('dept-monitoring'), '/campaignId');
    const form = (await api.json('GET', '/api/forms/dept-monitoring', { as: 'admin' })).body;
    const saved = await api.json('POST', '/api/admin/forms', {
      as: 'admin',
      body: {
        id: form.id,
        title: form.title,
        family: form.family,
        schema: form.schema,
        uiSchema: form.uiSchema,
        logic: { ...form.logic, settings: { ...form.logic.settings, taskRequired: false } },
        chainId: form.chainId,
        prefill: form.prefill,
        source: form.source,
      },
    });
    expect(saved.status, JSON.stringify(saved.body)).toBe(201);
    const published = await api.json(
      'POST',
      `/api/admin/forms/dept-monitoring/versions/${saved.body.version}/publish`,
      {
        as: 'admin',
      },
    );
    expect(published.status, JSON.stringify(published.body)).toBe(200);
    expect((await jyj('dept-monitoring')).status).toBe(201);
  });
});
