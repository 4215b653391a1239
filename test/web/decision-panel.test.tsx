import { act, fireEvent, screen, waitFor } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import exAnteChain from '../../forms/chains/ex-ante-assessment.json';
import projectTargetChain from '../../forms/chains/project-target.json';
import type { DecidableStep } from '../../web/src/api/types';
import { DecisionPanel, pruneEmpty } from '../../web/src/review/decision-panel';
import { renderWithAntd } from './render';

// Attachment ids in the data are looked up (their names and sizes): the server here has none, as for a file
// deleted or not shared, instead of letting the request reach the network.
beforeEach(() => {
  vi.stubGlobal('fetch', async () =>
    Response.json({ error: { code: 'NOT_FOUND', message: '文件不存在或无权查看' } }, { status: 404 }),
  );
});
afterEach(() => vi.unstubAllGlobals());

/** A step of a built-in chain as the API offers it to its reviewer. */
function chainStep(
  chain: { steps: { id: string; name: string; actions: string[]; decisionSchema?: unknown }[] },
  id: string,
): DecidableStep {
  const step = chain.steps.find((s) => s.id === id);
  if (!step) throw new Error(`no step ${id}`);
  return {
    stepId: step.id,
    name: step.name,
    actions: step.actions as DecidableStep['actions'],
    decisionSchema: step.decisionSchema as DecidableStep['decisionSchema'],
  };
}

/** Opens the antd Select rendered for the rjsf field with this id and clicks the option with this title. */
async function pick(fieldId: string, title: string) {
  const input = document.getElementById(fieldId) as HTMLElement;
  act(() => {
    fireEvent.mouseDown(input);
  });
  const option = await waitFor(() => {
    const found = [...document.querySelectorAll('.ant-select-item-option')].find(
      (o) => o.getAttribute('title') === title,
    );
    if (!found) throw new Error(`option ${title} not shown`);
    return found;
  });
  act(() => {
    fireEvent.click(option);
  });
}

const bizReview: DecidableStep = {
  stepId: 'bizReview',
  name: '业务股室审核',
  actions: ['approve', 'return', 'reject'],
};

function setup(step: DecidableStep = bizReview) {
  const onDecide = vi.fn(async () => {});
  renderWithAntd(<DecisionPanel steps={[step]} onDecide={onDecide} />);
  return onDecide;
}

async function confirmDialog(title: string) {
  await screen.findByText(title);
  fireEvent.click(screen.getByText('确定'));
}

/** 通过, confirmed; then what was sent. */
async function approveAndExpect(onDecide: ReturnType<typeof vi.fn>, stepId: string, fields?: Record<string, unknown>) {
  fireEvent.click(screen.getByText('通过'));
  await confirmDialog('确认通过？');
  await waitFor(() =>
    expect(onDecide).toHaveBeenCalledWith({ stepId, action: 'approve', comment: '', ...(fields ? { fields } : {}) }),
  );
}

describe('DecisionPanel', () => {
  it('offers only the actions the step allows', () => {
    setup({ stepId: 'leaderSignoff', name: '单位负责人审核签发', actions: ['approve', 'return'] });
    expect(screen.getByText('通过')).toBeTruthy();
    expect(screen.getByText('退回')).toBeTruthy();
    expect(screen.queryByText('不予通过')).toBeNull();
  });

  it('requires an opinion to return, and asks for confirmation before deciding', async () => {
    const onDecide = setup();
    fireEvent.click(screen.getByText('退回'));
    expect(screen.getByText('退回时必须填写审核意见')).toBeTruthy();
    expect(screen.queryByText('确认退回？')).toBeNull();
    expect(onDecide).not.toHaveBeenCalled();

    fireEvent.change(screen.getByLabelText('审核意见'), { target: { value: '请补充桥梁清单' } });
    fireEvent.click(screen.getByText('退回'));
    await screen.findByText('确认退回？');
    expect(onDecide).not.toHaveBeenCalled();
    fireEvent.click(screen.getByText('确定'));
    await waitFor(() =>
      expect(onDecide).toHaveBeenCalledWith({ stepId: 'bizReview', action: 'return', comment: '请补充桥梁清单' }),
    );
  });

  it('requires an opinion for 不予通过 too', () => {
    const onDecide = setup();
    fireEvent.click(screen.getByText('不予通过'));
    expect(screen.getByText('不予通过时必须填写审核意见')).toBeTruthy();
    expect(onDecide).not.toHaveBeenCalled();
  });

  it('lets 通过 go without an opinion after confirmation, and cancel stops it', async () => {
    const onDecide = setup();
    fireEvent.click(screen.getByText('通过'));
    await screen.findByText('确认通过？');
    fireEvent.click(screen.getByText('取消'));
    expect(onDecide).not.toHaveBeenCalled();
    fireEvent.click(screen.getByText('通过'));
    await confirmDialog('确认通过？');
    await waitFor(() => expect(onDecide).toHaveBeenCalledWith({ stepId: 'bizReview', action: 'approve', comment: '' }));
  });

  it('requires the score when the step says so and sends it', async () => {
    const onDecide = setup({
      stepId: 'spotCheck',
      name: '抽查复核',
      actions: ['approve', 'return'],
      score: { min: 0, max: 100, required: true, label: '复核得分' },
    });
    fireEvent.click(screen.getByText('通过'));
    expect(screen.getByText('请填写复核得分（0–100）')).toBeTruthy();
    expect(onDecide).not.toHaveBeenCalled();

    const score = screen.getByLabelText('复核得分');
    fireEvent.change(score, { target: { value: '86.5' } });
    fireEvent.blur(score);
    fireEvent.click(screen.getByText('通过'));
    await confirmDialog('确认通过？');
    await waitFor(() =>
      expect(onDecide).toHaveBeenCalledWith({ stepId: 'spotCheck', action: 'approve', comment: '', score: 86.5 }),
    );
  });

  it('renders extra decision fields from the step’s decisionSchema and sends them', async () => {
    const onDecide = setup({
      ...bizReview,
      decisionSchema: {
        type: 'object',
        properties: { isKeyReview: { type: 'boolean', title: '列为重点审核项目' } },
      },
    });
    const checkbox = screen.getByLabelText('列为重点审核项目');
    fireEvent.click(checkbox);
    await approveAndExpect(onDecide, 'bizReview', { isKeyReview: true });
  });

  describe('decision fields', () => {
    it('preselects no enum: 审核等级 of 业务股室审核 stays empty and nothing is sent', async () => {
      const onDecide = setup(chainStep(projectTargetChain, 'bizReview'));
      const grade = document.getElementById('root_grade');
      expect(grade).toBeTruthy();
      const fieldSelect = grade?.closest('.ant-select') as HTMLElement;
      expect(fieldSelect.querySelector('.ant-select-selection-item')).toBeNull();
      expect(screen.queryByText('优')).toBeNull();
      const checkbox = screen.getByLabelText('已核对资金下达文件（专项资金）') as HTMLInputElement;
      expect(checkbox.checked).toBe(false);

      await approveAndExpect(onDecide, 'bizReview');
    });

    it('sends the grade the reviewer picked', async () => {
      const onDecide = setup(chainStep(projectTargetChain, 'bizReview'));
      await pick('root_grade', '良');
      await approveAndExpect(onDecide, 'bizReview', { grade: 'good' });
    });

    it('fills only explicit defaults (列为重点审核项目 default false) and never sends empty optional fields', async () => {
      const onDecide = setup(chainStep(projectTargetChain, 'perfReview'));
      expect((screen.getByLabelText('列为重点审核项目') as HTMLInputElement).checked).toBe(false);
      const focus = document.getElementById('root_keyReviewFocus') as HTMLTextAreaElement;
      fireEvent.change(focus, { target: { value: '桥梁清单' } });
      fireEvent.change(focus, { target: { value: '' } });
      await approveAndExpect(onDecide, 'perfReview', { isKeyReview: false });
    });

    it('asks for a required conclusion instead of choosing 予以支持 itself; a return needs none', async () => {
      const onDecide = setup(chainStep(exAnteChain, 'bizReview'));
      const conclusion = document.getElementById('root_conclusion')?.closest('.ant-select');
      expect(conclusion).toBeTruthy();
      expect(conclusion?.querySelector('.ant-select-selection-item')).toBeNull();
      fireEvent.click(screen.getByText('通过'));
      await waitFor(() => expect(screen.getAllByText('必填').length).toBeGreaterThan(0));
      expect(screen.queryByText('确认通过？')).toBeNull();

      fireEvent.change(screen.getByLabelText('审核意见'), { target: { value: '请补充可行性研究报告' } });
      fireEvent.click(screen.getByText('退回'));
      await confirmDialog('确认退回？');
      await waitFor(() =>
        expect(onDecide).toHaveBeenCalledWith({
          stepId: 'bizReview',
          action: 'return',
          comment: '请补充可行性研究报告',
        }),
      );
    });

    it('prunes empty values at any depth', () => {
      expect(
        pruneEmpty({ a: '', b: undefined, c: null, d: [], e: {}, f: { g: '' }, h: 0, i: false, j: ['x', ''] }),
      ).toEqual({
        h: 0,
        i: false,
        j: ['x'],
      });
      expect(pruneEmpty({ a: '' })).toBeUndefined();
    });
  });
});
