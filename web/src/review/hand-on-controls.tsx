import { Alert, Button, Input, Modal, Radio, Select, Space } from 'antd';
import { useState } from 'react';
import type { DecidableStep } from '../api/types';
import { useUnits } from '../lib/reference-data';
import type { DecisionInput } from './decision-panel';

type Verb = 'transfer' | 'addSigner';
const TITLES: Record<Verb, string> = { transfer: '转交', addSigner: '加签' };

/** 转交 (hand the step to another unit) and 加签 (add a signer before or after this unit) for one open step. */
export function HandOnControls({
  step,
  onDecide,
}: {
  step: DecidableStep & { transferTo?: string[] };
  onDecide(input: DecisionInput): Promise<void>;
}) {
  const units = useUnits();
  const [verb, setVerb] = useState<Verb | null>(null);
  const [unitId, setUnitId] = useState<string | undefined>();
  const [position, setPosition] = useState<'before' | 'after'>('before');
  const [comment, setComment] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const choices = units
    .filter((u) => u.kind !== 'department')
    .filter((u) => verb !== 'transfer' || !step.transferTo || step.transferTo.includes(u.id))
    .map((u) => ({ value: u.id, label: u.name }));

  const open = (v: Verb) => {
    setVerb(v);
    setUnitId(undefined);
    setComment('');
    setError(null);
  };
  const send = async () => {
    if (!verb) return;
    if (!unitId) return setError('请选择单位');
    if (verb === 'transfer' && !comment.trim()) return setError('转交时请填写理由');
    setBusy(true);
    setError(null);
    try {
      await onDecide({
        stepId: step.stepId,
        action: verb,
        comment: comment.trim(),
        ...(verb === 'transfer' ? { toUnitId: unitId } : { unitId, position }),
      });
      setVerb(null);
    } catch (e) {
      setError(e instanceof Error ? e.message : '操作失败，请稍后重试');
    } finally {
      setBusy(false);
    }
  };

  return (
    <>
      <Space wrap style={{ marginTop: 8 }}>
        {step.transferTo?.length === 0 ? null : <Button onClick={() => open('transfer')}>转交</Button>}
        <Button onClick={() => open('addSigner')}>加签</Button>
      </Space>
      <Modal
        open={verb !== null}
        title={verb ? `${TITLES[verb]}：${step.name}` : ''}
        okText="确定"
        cancelText="取消"
        confirmLoading={busy}
        onOk={() => void send()}
        onCancel={() => setVerb(null)}
        destroyOnHidden
      >
        {error ? <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} /> : null}
        <Space orientation="vertical" style={{ width: '100%' }}>
          <label htmlFor="hand-on-unit">{verb === 'transfer' ? '转交给' : '加签单位'}</label>
          <Select
            id="hand-on-unit"
            aria-label={verb === 'transfer' ? '转交给' : '加签单位'}
            showSearch
            optionFilterProp="label"
            placeholder="请选择单位"
            options={choices}
            value={unitId}
            onChange={setUnitId}
            style={{ width: '100%' }}
          />
          {verb === 'addSigner' ? (
            <Radio.Group value={position} onChange={(e) => setPosition(e.target.value)} aria-label="加签顺序">
              <Radio value="before">先由加签单位办理，再回到本单位</Radio>
              <Radio value="after">本单位通过后，再由加签单位办理</Radio>
            </Radio.Group>
          ) : null}
          <label htmlFor="hand-on-comment">{verb === 'transfer' ? '转交理由' : '加签说明'}</label>
          <Input.TextArea
            id="hand-on-comment"
            aria-label={verb === 'transfer' ? '转交理由' : '加签说明'}
            rows={3}
            maxLength={2000}
            value={comment}
            onChange={(e) => setComment(e.target.value)}
          />
        </Space>
      </Modal>
    </>
  );
}
