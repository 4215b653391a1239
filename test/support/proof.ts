import { readFileSync } from 'node:fs';
import { expect } from 'vitest';
import { DEMO_PASSWORD, type TestApi } from './api';

/** Helpers shared by the reliability and security proof suites (test/api/*, test/integration/*). */

export const CHINESE = /[\u4e00-\u9fa5]/;

/** The API error shape (docs/api.md) with a Chinese message. */
export function expectChineseError(body: any, status?: number) {
  expect(body, `expected an error body${status ? ` for ${status}` : ''}: ${JSON.stringify(body)}`).toMatchObject({
    error: { code: expect.any(String), message: expect.stringMatching(CHINESE) },
  });
  expect(JSON.stringify(body)).not.toMatch(/\bat .+\.(ts|js):\d+/); // no stack trace
}

/** A 4xx (never 5xx) with a Chinese message. */
export function expectClear4xx(r: { status: number; body: any }, expected?: number) {
  if (expected !== undefined) expect(r.status, JSON.stringify(r.body)).toBe(expected);
  expect(r.status, JSON.stringify(r.body)).toBeGreaterThanOrEqual(400);
  expect(r.status, JSON.stringify(r.body)).toBeLessThan(500);
  expectChineseError(r.body, r.status);
}

/** The status and the error code of a refusal, with a Chinese message (never only the status). */
export function expectError(r: { status: number; body: any }, status: number, code: string, label = '') {
  expectClear4xx(r, status);
  expect(r.body.error.code, `${label} ${JSON.stringify(r.body)}`.trim()).toBe(code);
}

export interface StateSnapshot {
  status: string;
  version: number;
  data: unknown;
  openSteps: { stepId: string; assigneeUnitId: string }[];
  history: { seq: number; type: string; stepId: string | null }[];
}

/** Submission + history as seen by `as` (defaults to the submitter jtj). */
export async function snapshot(api: TestApi, id: string, as = 'jtj'): Promise<StateSnapshot> {
  const [sub, hist] = await Promise.all([
    api.json('GET', `/api/submissions/${id}`, { as }),
    api.json('GET', `/api/submissions/${id}/history`, { as }),
  ]);
  expect(sub.status, JSON.stringify(sub.body)).toBe(200);
  expect(hist.status, JSON.stringify(hist.body)).toBe(200);
  return {
    status: sub.body.status,
    version: sub.body.version,
    data: sub.body.data,
    openSteps: sub.body.openSteps.map((s: any) => ({ stepId: s.stepId, assigneeUnitId: s.assigneeUnitId })),
    history: hist.body.items.map((e: any) => ({ seq: e.seq, type: e.type, stepId: e.stepId })),
  };
}

/** Open tasks of `unit` for one submission, read from the inbox of a member `as`. */
export async function openTasksFor(api: TestApi, id: string, as: string) {
  const r = await api.json('GET', '/api/tasks?status=open&limit=100', { as });
  expect(r.status).toBe(200);
  return r.body.items.filter((t: { submissionId: string }) => t.submissionId === id);
}

/** Creates users through the admin API (password DEMO_PASSWORD, so api.token() can sign them in). */
export async function createUsers(
  api: TestApi,
  users: { username: string; unitId: string; roles: string[]; name?: string }[],
) {
  for (const u of users) {
    const r = await api.json('POST', '/api/admin/users', {
      as: 'admin',
      body: {
        username: u.username,
        name: u.name ?? `测试用户${u.username}`,
        unitId: u.unitId,
        roles: u.roles,
        password: DEMO_PASSWORD,
      },
    });
    expect(r.status, JSON.stringify(r.body)).toBe(201);
  }
}

/** Submitted project-target with the 单位负责人 sign-off done: bizReview (jjs) is open. */
export async function atBizReview(api: TestApi, as = 'jtj'): Promise<string> {
  const id = await api.submittedProjectTarget(as);
  const r = await api.decide(id, 'jtjld');
  expect(r.status, JSON.stringify(r.body)).toBe(200);
  return id;
}

/** A project-target returned by jjs to the submitter (status returned). */
export async function returnedSubmission(api: TestApi, as = 'jtj'): Promise<string> {
  const id = await atBizReview(api, as);
  const r = await api.decide(id, 'jjs', 'return', { comment: '请补充指标' });
  expect(r.status, JSON.stringify(r.body)).toBe(200);
  expect(r.body.status).toBe('returned');
  return id;
}

export function decisionEvents(history: { type: string }[]) {
  return history.filter((e) => e.type === 'approved' || e.type === 'returned' || e.type === 'rejected');
}

/** Runs all promises at the same time (started together) and returns their settled results. */
export async function together<T>(n: number, f: (i: number) => Promise<T>): Promise<T[]> {
  let release!: () => void;
  const gate = new Promise<void>((r) => {
    release = r;
  });
  const all = Array.from({ length: n }, (_, i) => gate.then(() => f(i)));
  release();
  return Promise.all(all);
}

/**
 * jtj's project-self-eval (its worked example) taken through the review to 单位反馈结果应用情况, the step with a
 * 15-working-day deadline; returns the submission id and that deadline.
 */
export async function selfEvalAtUnitFeedback(api: TestApi): Promise<{ id: string; dueAt: string }> {
  const data = JSON.parse(
    readFileSync('forms/project-self-eval/examples/valid-rural-road-maintenance.json', 'utf8'),
  ).data;
  const created = await api.json('POST', '/api/submissions', {
    as: 'jtj',
    body: { formId: 'project-self-eval', data },
  });
  const id = created.body.id as string;
  const decide = (as: string, stepId: string, extra: Record<string, unknown> = {}) =>
    api.json('POST', `/api/submissions/${id}/decisions`, { as, body: { stepId, action: 'approve', ...extra } });
  expect((await api.json('POST', `/api/submissions/${id}/submit`, { as: 'jtj' })).status).toBe(200);
  expect((await decide('jtjld', 'leaderSignoff')).status).toBe(200);
  expect((await decide('jjs', 'bizPrelimReview')).status).toBe(200);
  expect((await decide('jxpj', 'spotCheck', { score: 92, fields: { spotChecked: true } })).status).toBe(200);
  const letter = await decide('jxpj', 'resultApplication', { fields: {} });
  expect(letter.body.openSteps[0].stepId).toBe('unitFeedback');
  return { id, dueAt: letter.body.openSteps[0].dueAt as string };
}
