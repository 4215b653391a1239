import { Alert, App, Input, Modal, Typography } from 'antd';
import { useState } from 'react';
import { errorMessage } from '../api/client';
import { type BoardRow, campaignApi } from './campaign-api';

const DEFAULT_MESSAGE = '请尽快完成填报并提交，逾期将影响本单位绩效管理考核。';

/** 催报: to the chosen units, or (nothing chosen) to every unit that has not submitted. */
export function RemindModal({
  campaignId,
  open,
  targets,
  chosen,
  onClose,
  onDone,
}: {
  campaignId: string;
  open: boolean;
  /** The units the reminder goes to (chosen rows, or those not submitted). */
  targets: BoardRow[];
  /** Whether `targets` were chosen by hand (sent as unitIds) or are the server's default. */
  chosen: boolean;
  onClose(): void;
  onDone(): void;
}) {
  const { message } = App.useApp();
  const [text, setText] = useState(DEFAULT_MESSAGE);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const send = async () => {
    setBusy(true);
    setError(null);
    try {
      const result = await campaignApi.remind(campaignId, {
        ...(chosen ? { unitIds: targets.map((t) => t.unitId) } : {}),
        ...(text.trim() ? { message: text.trim() } : {}),
      });
      const skipped = result.skipped?.length ?? 0;
      message.success(
        `已向 ${result.reminded} 个单位发送催报${skipped ? `；${skipped} 个单位一小时内已催报过，本次未重复发送` : ''}`,
      );
      onDone();
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal
      open={open}
      title="催报"
      okText="发送催报"
      cancelText="取消"
      onOk={() => void send()}
      okButtonProps={{ disabled: !targets.length, loading: busy }}
      onCancel={onClose}
      destroyOnHidden
    >
      <Typography.Paragraph>
        {targets.length ? (
          <>
            {chosen ? '发送给所选的' : '发送给尚未提交的'} {targets.length} 个单位：
            {targets
              .slice(0, 8)
              .map((t) => t.unitName)
              .join('、')}
            {targets.length > 8 ? ` 等` : ''}
          </>
        ) : (
          '所有单位均已提交，无需催报。'
        )}
      </Typography.Paragraph>
      <Typography.Paragraph type="secondary">同一单位一小时内只会收到一次催报。</Typography.Paragraph>
      {error ? <Alert type="error" showIcon title={error} style={{ marginBottom: 8 }} /> : null}
      <label htmlFor="remind-message">催报内容</label>
      <Input.TextArea
        id="remind-message"
        rows={3}
        maxLength={500}
        showCount
        value={text}
        onChange={(e) => setText(e.target.value)}
      />
    </Modal>
  );
}
