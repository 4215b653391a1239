import { describe, expect, inject, it } from 'vitest';
import { apiAs, createFromExample, decide, login, screenshotter, submitForm, useBrowser, waitSaved } from './browser';

const baseUrl = inject('baseUrl');
const shot = screenshotter(1);

/** Who decides which step of the project-target chain (demo organisation). */
const STEP_USERS: Record<string, string> = {
  leaderSignoff: 'jtjld',
  bizReview: 'jjs',
  perfReview: 'jxpj',
  keyReview: 'jjs',
  keyRecheck: 'jxpj',
  budgetApproval: 'ysg',
  unitApproval: 'jtjld',
};

interface SubmissionState {
  status: string;
  openSteps: { stepId: string; name: string }[];
}

describe('project-target chain in the browser', () => {
  const browser = useBrowser({ timeoutMs: 20_000 });

  it('goes from the department through return, revision and every review step to 已通过', async () => {
    const { page } = browser;
    const asFiller = await apiAs(baseUrl, 'jtj');
    const state = (id: string) => asFiller<SubmissionState>(`/api/submissions/${encodeURIComponent(id)}`);

    // The department fills the form from its worked example and submits it.
    await login(page, baseUrl, 'jtj');
    await shot(page, 'filler-dashboard');
    const id = await createFromExample(page, baseUrl);
    const projectName = page.locator('#root_projectName');
    await projectName.fill('2025年信丰县农村公路日常养护项目（端到端测试）');
    await waitSaved(page);
    await shot(page, 'filler-draft-saved');
    await submitForm(page);
    await shot(page, 'filler-submitted');

    // The unit leader signs off from the 待办 list.
    await login(page, baseUrl, 'jtjld');
    await page.goto(`${baseUrl}/tasks`);
    await page
      .getByRole('link', { name: /端到端测试/ })
      .first()
      .click();
    await page.waitForURL(/\/review\//);
    await shot(page, 'leader-review');
    await decide(page, '通过', '同意报送。');

    // The 业务股室 returns it with an opinion.
    const opinion = '危桥改造数量与年度目标表述不一致，请核实后修改年度目标。';
    await login(page, baseUrl, 'jjs');
    await page.goto(`${baseUrl}/review/${encodeURIComponent(id)}`);
    await shot(page, 'biz-review-round1');
    await decide(page, '退回', opinion);
    expect((await state(id)).status).toBe('returned');

    // The department sees the opinion, revises one field and resubmits.
    await login(page, baseUrl, 'jtj');
    await page.goto(`${baseUrl}/submissions/${encodeURIComponent(id)}`);
    const alert = page.locator('.return-opinion');
    await alert.waitFor();
    expect(await alert.textContent()).toContain(opinion);
    await shot(page, 'filler-sees-return-opinion');
    const revisedGoal = '2025年完成1850公里农村公路日常养护和6座危桥改造（已核实桥梁清单），优良中等路率不低于85%。';
    await page.locator('#root_goals_annualGoal').fill(revisedGoal);
    await waitSaved(page);
    await submitForm(page);
    await shot(page, 'filler-resubmitted');

    // Every remaining step is decided by its reviewer; 业务股室 first checks what changed.
    let sawDiff = false;
    for (let guard = 0; guard < 10; guard++) {
      const current = await state(id);
      if (current.status !== 'in_review') break;
      const step = current.openSteps[0];
      const user = STEP_USERS[step.stepId];
      expect(user, `a demo user for step ${step.stepId}`).toBeTruthy();
      await login(page, baseUrl, user);
      await page.goto(`${baseUrl}/review/${encodeURIComponent(id)}`);
      await page.locator('.decision-panel').waitFor();
      if (step.stepId === 'bizReview') {
        const diff = page.locator('.review-diff');
        await diff.waitFor();
        const text = (await diff.textContent()) ?? '';
        expect(text).toContain('年度目标');
        expect(text).toContain(revisedGoal);
        sawDiff = true;
        await shot(page, 'biz-review-diff');
      } else {
        await shot(page, `review-${step.stepId}`);
      }
      await decide(page, '通过', `${step.name}：同意。`);
    }
    expect(sawDiff).toBe(true);
    expect((await state(id)).status).toBe('approved');

    // The department sees 已通过.
    await login(page, baseUrl, 'jtj');
    await page.goto(`${baseUrl}/submissions/${encodeURIComponent(id)}`);
    await page.getByTestId('submission-status').filter({ hasText: '已通过' }).waitFor();
    await shot(page, 'filler-approved');
    await page.goto(`${baseUrl}/submissions/${encodeURIComponent(id)}/print`);
    await page.getByText('审核意见').first().waitFor();
    await shot(page, 'print-view');

    expect(browser.dialogs).toEqual([]);
    expect(browser.cspViolations).toEqual([]);
  });
});
