import { List, Space, Tag, Typography } from 'antd';
import type { BatchDecisionResult as BatchResult } from '../api/tasks-api';

export type BatchResultRow = BatchResult & { title: string };

const STATUS_TAGS: Record<BatchResult['status'], { color: string; label: string }> = {
  approved: { color: 'success', label: '已通过' },
  skipped: { color: 'warning', label: '未办理' },
  failed: { color: 'red', label: '失败' },
};

/** Each ticked item's own result of a batch approval: 已通过, 未办理 (with the reason) or 失败. */
export default function BatchResults({ results }: { results: BatchResultRow[] }) {
  return (
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
  );
}
