import { fireEvent, screen, waitFor } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import type { DecidableStep } from '../../web/src/api/types';
import { DecisionPanel } from '../../web/src/review/decision-panel';
import { renderWithAntd } from './render';

const bizReview: DecidableStep = { stepId: 'bizReview', name: '业务股室审核', actions: ['approve', 'return', 'reject'] };

function setup(step: DecidableStep = bizReview) {
  const onDecide = vi.fn(async () => {});
  renderWithAntd(<DecisionPanel steps={[step]} onDecide={onDecide} />);
  return onDecide;
}

async function confirmDialog(title: string) {
  await screen.findByText(title);
  fireEvent.click(screen.getByText('确定'));
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
    fireEvent.click(screen.getByText('通过'));
    await confirmDialog('确认通过？');
    await waitFor(() =>
      expect(onDecide).toHaveBeenCalledWith({
        stepId: 'bizReview',
        action: 'approve',
        comment: '',
        fields: { isKeyReview: true },
      }),
    );
  });
});
