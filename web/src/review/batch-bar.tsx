import { Alert, Button, Input, List, Space, Tag, Typography } from 'antd';
import { useState } from 'react';

import { errorMessage } from '../api/client';
import { type BatchDecisionResult as BatchResult, tasksApi } from '../api/tasks-api';

export interface BatchItem {
  submissionId: string;
  stepId: string;
  title: string;
}

const STATUS_TAGS: Record<BatchResult['status'], { color: string; label: string }> = {
  approved: { color: 'success', label: '已通过' },
  skipped: { color: 'warning', label: '未办理' },
  failed: { color: 'red', label: '失败' },
};

/** Batch approval of the ticked inbox items with one opinion; each item's own result is listed after. */
export function BatchBar({ selected, onDone }: { selected: BatchItem[]; onDone(): void }) {
  const [comment, setComment] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [results, setResults] = useState<(BatchResult & { title: string })[] | null>(null);

  const approve = async () => {
    setBusy(true);
    setError(null);
    try {
      const r = await tasksApi.approveAll({
        comment: comment.trim() || undefined,
        items: selected.map(({ submissionId, stepId }) => ({ submissionId, stepId })),
      });
      setResults(r.results.map((x, i) => ({ ...x, title: selected[i]?.title ?? x.submissionId })));
      setComment('');
      onDone();
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <section className="batch-bar" aria-label="批量办理">
      {error ? <Alert type="error" showIcon title={error} style={{ marginBottom: 8 }} /> : null}
      {selected.length ? (
        <Space wrap style={{ width: '100%' }}>
          <Typography.Text strong>已选 {selected.length} 件</Typography.Text>
          <Input
            aria-label="批量审核意见"
            placeholder="审核意见（可不填）"
            value={comment}
            maxLength={2000}
            onChange={(e) => setComment(e.target.value)}
            style={{ width: 'min(360px, 100%)' }}
          />
          <Button type="primary" loading={busy} onClick={() => void approve()}>
            批量通过
          </Button>
        </Space>
      ) : (
        <Typography.Text type="secondary">
          勾选待办后可一次批量通过；需要评分或填写审核字段的环节请逐件办理。
        </Typography.Text>
      )}
      {results ? (
        <List
          size="small"
          header="批量办理结果"
          dataSource={results}
          renderItem={(r) => (
            <List.Item>
              <Space wrap>
                <Tag color={STATUS_TAGS[r.status].color}>{STATUS_TAGS[r.status].label}</Tag>
                <span>{r.title}</span>
                {r.error ? <Typography.Text type="secondary">{r.error.message}</Typography.Text> : null}
              </Space>
            </List.Item>
          )}
        />
      ) : null}
    </section>
  );
}
