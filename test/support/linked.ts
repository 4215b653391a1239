import { expect } from 'vitest';
import { validateFormData } from '../../forms/lib/form-logic';
import type { TestApi } from './api';

/** An approved project target of jtj (单位负责人 → 业务股室 → 绩效评价服务股 → 预算股); returns its id. */
export async function approvedProjectTarget(t: TestApi): Promise<string> {
  const id = await t.submittedProjectTarget('jtj');
  for (const reviewer of ['jtjld', 'jjs', 'jxpj', 'ysg']) {
    const r = await t.decide(id, reviewer);
    expect(r.status, `${reviewer}: ${JSON.stringify(r.body)}`).toBe(200);
  }
  return id;
}

/** The data with its computed fields as the published form computes them (what the browser would send). */
export async function withComputed(t: TestApi, formId: string, data: Record<string, unknown>) {
  const form = await t.json('GET', `/api/forms/${formId}`, { as: 'jtj' });
  const r = await validateFormData({ schema: form.body.schema, logic: form.body.logic }, data);
  return r.data;
}
