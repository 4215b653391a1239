import { Alert, Button, Space, Table, Typography } from 'antd';
import { Link } from 'react-router';
import { useAsync } from '../lib/use-async';
import { adminApi } from './admin-api';
import { toProblem } from './server-errors';

/** 审核链列表. */
export function ChainsPage() {
  const { data, error, loading } = useAsync(() => adminApi.chains(), []);
  return (
    <div>
      <Space style={{ marginBottom: 12, justifyContent: 'space-between', width: '100%' }}>
        <Typography.Title level={4} style={{ margin: 0 }}>
          审核链
        </Typography.Title>
        <Link to="/admin/chains/new">
          <Button type="primary">新建审核链</Button>
        </Link>
      </Space>
      {error ? <Alert type="error" showIcon title={toProblem(error).message} /> : null}
      <Table
        scroll={{ x: 'max-content' }}
        rowKey="id"
        loading={loading}
        dataSource={data ?? []}
        pagination={false}
        columns={[
          { title: '编号', dataIndex: 'id' },
          { title: '名称', dataIndex: 'title' },
          { title: '最新版本', dataIndex: 'latestVersion', render: (v: number) => `第 ${v} 版` },
          {
            title: '操作',
            key: 'op',
            render: (_: unknown, c: { id: string }) => (
              <Link to={`/admin/chains/${encodeURIComponent(c.id)}`}>设计 / 版本</Link>
            ),
          },
        ]}
      />
    </div>
  );
}
