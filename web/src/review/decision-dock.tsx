import { Button, Drawer } from 'antd';
import { useState } from 'react';
import type { DecidableStep } from '../api/types';
import { type DecisionInput, DecisionPanel } from './decision-panel';

/**
 * The decision panel on a phone or tablet: a bar fixed to the bottom of the screen names the step, and
 * 审核办理 opens the panel as a bottom sheet over the document.
 */
export function DecisionDock({
  steps,
  onDecide,
}: {
  steps: DecidableStep[];
  onDecide(input: DecisionInput): Promise<void>;
}) {
  const [open, setOpen] = useState(false);
  if (!steps.length) return null;
  return (
    <>
      <section className="review-dock" aria-label="审核办理">
        <span className="review-dock-step">本环节：{steps.map((s) => s.name).join('、')}</span>
        <Button type="primary" size="large" onClick={() => setOpen(true)}>
          审核办理
        </Button>
      </section>
      <Drawer
        placement="bottom"
        size="auto"
        open={open}
        onClose={() => setOpen(false)}
        title="审核办理"
        className="review-dock-drawer"
        styles={{ body: { padding: 12 }, wrapper: { maxHeight: '88vh' } }}
      >
        <DecisionPanel
          steps={steps}
          onDecide={async (input) => {
            await onDecide(input);
            setOpen(false);
          }}
        />
      </Drawer>
    </>
  );
}
