import { Alert, Button, Empty, Modal, Space, Spin, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { errorMessage } from '../api/client';
import { submissionsApi } from '../api/submissions-api';
import type { SubmissionListItem } from '../api/types';

/**
 * 「从已批准的绩效目标开始」: the unit's approved targets of the forms a new submission may start from; the
 * chosen one's id goes to onPick (the server copies and locks what came from it).
 */
export function SourcePicker(props: {
  open: boolean;
  formTitle: string;
  sourceForms: string[];
  busyId: string | null;
  /** Why starting from the picked target failed: shown here, where the clerk is looking. */
  pickError?: string | null;
  onPick: (sourceSubmissionId: string) => void;
  onCancel: () => void;
}) {
  const { open, formTitle, sourceForms, busyId, pickError, onPick, onCancel } = props;
  const [items, setItems] = useState<SubmissionListItem[] | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    if (!open) return;
    let cancelled = false;
    setItems(null);
    setError(null);
    Promise.all(sourceForms.map((formId) => submissionsApi.list({ formId, status: 'approved', limit: 100 })))
      .then((pages) => !cancelled && setItems(pages.flatMap((p) => p.items)))
      .catch((e) => !cancelled && setError(errorMessage(e)));
    return () => {
      cancelled = true;
    };
  }, [open, sourceForms]);

  return (
    <Modal open={open} title={`从已批准的绩效目标开始：${formTitle}`} footer={null} onCancel={onCancel} destroyOnHidden>
      <Typography.Paragraph type="secondary">
        选择本单位已批准的绩效目标。指标、指标值和预算将从目标带入且不可修改，您只需填写完成情况。
      </Typography.Paragraph>
      {error || pickError ? <Alert type="error" showIcon title={error || pickError} /> : null}
      {!items && !error ? <Spin /> : null}
      {items && !items.length ? <Empty description="本单位暂无已批准的绩效目标" /> : null}
      <Space orientation="vertical" style={{ width: '100%' }}>
        {(items ?? []).map((item) => (
          <Button
            key={item.id}
            block
            data-source-id={item.id}
            style={{ whiteSpace: 'normal', height: 'auto', textAlign: 'left' }}
            loading={busyId === item.id}
            onClick={() => onPick(item.id)}
          >
            {item.title || '（未命名）'}
            {item.fiscalYear ? `（${item.fiscalYear}年度）` : ''}
          </Button>
        ))}
      </Space>
    </Modal>
  );
}
