import { Alert, Button, Input, Space, Typography } from 'antd';
import { lazy, Suspense, useState } from 'react';

import { errorMessage } from '../api/client';
import { tasksApi } from '../api/tasks-api';
import type { BatchResultRow } from './batch-results';

export interface BatchItem {
  submissionId: string;
  stepId: string;
  title: string;
}

// The results list (antd List and Tag) loads when the first batch is answered: the inbox's first load stays light.
const BatchResults = lazy(() => import('./batch-results'));

/** Batch approval of the ticked inbox items with one opinion; each item's own result is listed after. */
export function BatchBar({ selected, onDone }: { selected: BatchItem[]; onDone(): void }) {
  const [comment, setComment] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [results, setResults] = useState<BatchResultRow[] | null>(null);

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
        <Suspense fallback={null}>
          <BatchResults results={results} />
        </Suspense>
      ) : null}
    </section>
  );
}
