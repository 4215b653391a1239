import { Table, Tag, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { Link } from 'react-router';
import { LoadFailed, PageLoading } from '../layout/page-state';
import { formatDate } from '../lib/labels';
import { type Rectification, resultApi, STAGE_LABELS } from './result-api';
import './results.css';

/** 整改跟踪: each 结果应用函 the caller may see, its 15-working-day feedback deadline and where the 整改 stands. */
export default function RectificationsPage() {
  const [items, setItems] = useState<Rectification[] | null>(null);
  const [error, setError] = useState<unknown>(null);
  useEffect(() => {
    resultApi.rectifications().then(setItems).catch(setError);
  }, []);
  if (error) return <LoadFailed error={error} />;
  if (!items) return <PageLoading />;
  return (
    <div>
      <Typography.Title level={2} style={{ fontSize: 20 }}>
        整改跟踪
      </Typography.Title>
      <Typography.Paragraph type="secondary">
        结果应用函下达后，单位应在15个工作日内反馈并报送整改报告；业务股室核实后由绩效评价服务股销号。
      </Typography.Paragraph>
      <Table<Rectification>
        rowKey="submissionId"
        dataSource={items}
        pagination={false}
        scroll={{ x: 820 }}
        locale={{ emptyText: '暂无结果应用函' }}
        columns={[
          { title: '评价事项', dataIndex: 'title', width: 260 },
          { title: '单位', dataIndex: 'unitName', width: 140 },
          { title: '下达日期', dataIndex: 'issuedAt', width: 110, render: (v: string) => formatDate(v) },
          {
            title: '反馈期限',
            dataIndex: 'feedbackDue',
            width: 150,
            render: (v: string, r) => (
              <span className={r.overdue ? 'rect-overdue' : undefined}>
                {formatDate(v)}
                {r.overdue ? (
                  <Tag color="red" style={{ marginInlineStart: 6 }}>
                    逾期
                  </Tag>
                ) : null}
              </span>
            ),
          },
          {
            title: '整改进度',
            dataIndex: 'stage',
            width: 170,
            render: (v: Rectification['stage']) => (
              <Tag color={v === 'closed' ? 'success' : 'blue'}>{STAGE_LABELS[v]}</Tag>
            ),
          },
          {
            title: '操作',
            key: 'open',
            width: 150,
            render: (_: unknown, r) => (
              <span className="letter-actions">
                <Link to={`/submissions/${encodeURIComponent(r.submissionId)}/letter`}>结果应用函</Link>
                {r.stage !== 'closed' ? <Link to={`/review/${encodeURIComponent(r.submissionId)}`}>办理</Link> : null}
              </span>
            ),
          },
        ]}
      />
    </div>
  );
}
