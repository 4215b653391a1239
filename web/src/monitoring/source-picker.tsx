import { Alert, Button, Empty, Modal, Space, Spin, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { api, errorMessage } from '../api/client';

/** An approved target a new report may start from, with the open 监控任务 covering it (monitoring reports, R-M1). */
interface SourceItem {
  id: string;
  title: string;
  fiscalYear: number | null;
  task: { id: string; title: string; dueDate: string } | null;
}

const NO_TASK =
  '绩效运行监控按省、市下达的监控任务填报（规程第二十条）。下列绩效目标暂无监控任务，待绩效评价服务股导入监控任务后即可开始。';

/**
 * 「从已批准的绩效目标开始」: the unit's approved targets of the forms a new submission may start from; the
 * chosen one's id goes to onPick (the server copies and locks what came from it). For a monitoring report only
 * the targets with an open 监控任务 can be picked; the others say why not.
 */
export function SourcePicker(props: {
  open: boolean;
  formId: string;
  formTitle: string;
  busyId: string | null;
  /** Why starting from the picked target failed: shown here, where the clerk is looking. */
  pickError?: string | null;
  onPick: (sourceSubmissionId: string) => void;
  onCancel: () => void;
}) {
  const { open, formId, formTitle, busyId, pickError, onPick, onCancel } = props;
  const [list, setList] = useState<{ taskRequired: boolean; items: SourceItem[] } | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    if (!open) return;
    let cancelled = false;
    setList(null);
    setError(null);
    api<{ taskRequired: boolean; items: SourceItem[] }>(
      'GET',
      `/api/monitoring-tasks/sources?formId=${encodeURIComponent(formId)}`,
    )
      .then((r) => !cancelled && setList(r))
      .catch((e) => !cancelled && setError(errorMessage(e)));
    return () => {
      cancelled = true;
    };
  }, [open, formId]);

  const items = list?.items ?? [];
  const blocked = (item: SourceItem) => !!list?.taskRequired && !item.task;
  return (
    <Modal open={open} title={`从已批准的绩效目标开始：${formTitle}`} footer={null} onCancel={onCancel} destroyOnHidden>
      <Typography.Paragraph type="secondary">
        选择本单位已批准的绩效目标。指标、指标值和预算将从目标带入且不可修改，您只需填写完成情况。
      </Typography.Paragraph>
      {error || pickError ? <Alert type="error" showIcon title={error || pickError} /> : null}
      {!list && !error ? <Spin /> : null}
      {list && !items.length ? <Empty description="本单位暂无已批准的绩效目标" /> : null}
      {items.some(blocked) ? (
        <Alert type="info" showIcon data-testid="no-task" title={NO_TASK} style={{ marginBottom: 8 }} />
      ) : null}
      <Space orientation="vertical" style={{ width: '100%' }}>
        {items.map((item) => (
          <Button
            key={item.id}
            block
            data-source-id={item.id}
            disabled={blocked(item)}
            style={{ whiteSpace: 'normal', height: 'auto', textAlign: 'left' }}
            loading={busyId === item.id}
            onClick={() => onPick(item.id)}
          >
            <span>
              {item.title || '（未命名）'}
              {item.fiscalYear ? `（${item.fiscalYear}年度）` : ''}
              {list?.taskRequired ? (
                <Typography.Text type="secondary" style={{ display: 'block', fontSize: 12 }}>
                  {item.task ? `监控任务：${item.task.title}，${item.task.dueDate}前报送` : '暂无监控任务，不能开始'}
                </Typography.Text>
              ) : null}
            </span>
          </Button>
        ))}
      </Space>
    </Modal>
  );
}
