import { Alert, Card, Col, List, Row, Statistic, Tag, Typography } from 'antd';
import { Link } from 'react-router';
import { errorMessage } from '../api/client';
import { meApi } from '../api/me-api';
import { useAuth } from '../auth';
import { MyCampaigns } from '../campaigns/my-campaigns';
import { formatDate } from '../lib/labels';
import { useAsync } from '../lib/use-async';

const CARDS: { key: 'draft' | 'in_review' | 'returned' | 'approved'; label: string; to: string }[] = [
  { key: 'draft', label: '草稿', to: '/submissions?status=draft' },
  { key: 'in_review', label: '审核中', to: '/submissions?status=in_review' },
  { key: 'returned', label: '退回待修改', to: '/submissions?status=returned' },
  { key: 'approved', label: '已通过', to: '/submissions?status=approved' },
];

export default function DashboardPage() {
  const { me } = useAuth();
  const { data, error, loading } = useAsync(() => meApi.dashboard(), []);
  return (
    <div>
      <Typography.Title level={4}>工作台</Typography.Title>
      <Typography.Paragraph type="secondary">
        {me?.unitName}，{me?.name}，您好。
      </Typography.Paragraph>
      {error ? <Alert type="error" showIcon title={errorMessage(error)} /> : null}
      <Row gutter={[16, 16]}>
        {CARDS.map((c) => (
          <Col xs={12} sm={8} md={4} key={c.key}>
            <Link to={c.to}>
              <Card loading={loading} size="small">
                <Statistic
                  title={c.label}
                  value={data?.counts[c.key] ?? 0}
                  styles={c.key === 'returned' && data?.counts.returned ? { content: { color: '#d46b08' } } : undefined}
                />
              </Card>
            </Link>
          </Col>
        ))}
        <Col xs={12} sm={8} md={4}>
          <Link to="/tasks">
            <Card loading={loading} size="small">
              <Statistic title="待办审核" value={data?.openTasks ?? 0} />
            </Card>
          </Link>
        </Col>
      </Row>
      <MyCampaigns />
      <Card title="即将到期" size="small" style={{ marginTop: 16 }}>
        <List
          loading={loading}
          dataSource={data?.upcoming ?? []}
          locale={{ emptyText: '暂无即将到期的事项' }}
          renderItem={(item) => (
            <List.Item
              extra={
                <span style={item.overdue ? { color: '#cf1322' } : undefined}>
                  截止 {formatDate(item.dueAt)}
                  {item.overdue ? (
                    <Tag color="red" style={{ marginInlineStart: 8 }}>
                      已逾期
                    </Tag>
                  ) : null}
                </span>
              }
            >
              <Link to={`/submissions/${encodeURIComponent(item.submissionId)}`}>
                {item.title || item.submissionId}
              </Link>
              <Typography.Text type="secondary" style={{ marginInlineStart: 12 }}>
                {item.stepName}
              </Typography.Text>
            </List.Item>
          )}
        />
      </Card>
    </div>
  );
}
