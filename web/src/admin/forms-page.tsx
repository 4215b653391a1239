import { Alert, Button, Space, Table, Tag, Typography } from 'antd';
import { Link } from 'react-router';
import { useAsync } from '../lib/use-async';
import { adminApi, type FormHeadView } from './admin-api';
import { toProblem } from './server-errors';

/** 表单列表: every form with its latest and published version, links to the designer and versions. */
export function FormsPage() {
  const { data, error, loading } = useAsync(() => adminApi.forms(), []);
  return (
    <div>
      <Space style={{ marginBottom: 12, justifyContent: 'space-between', width: '100%' }}>
        <Typography.Title level={4} style={{ margin: 0 }}>
          表单
        </Typography.Title>
        <Link to="/admin/forms/new">
          <Button type="primary">新建表单</Button>
        </Link>
      </Space>
      {error ? <Alert type="error" showIcon title={toProblem(error).message} /> : null}
      <Table<FormHeadView>
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
            title: '已发布',
            dataIndex: 'publishedVersion',
            render: (v: number | null) => (v ? <Tag color="success">{`第 ${v} 版`}</Tag> : <Tag>未发布</Tag>),
          },
          {
            title: '操作',
            key: 'op',
            render: (_: unknown, f) => (
              <Space>
                <Link to={`/admin/forms/${encodeURIComponent(f.id)}/design`}>设计</Link>
                <Link to={`/admin/forms/${encodeURIComponent(f.id)}/versions`}>版本与发布</Link>
              </Space>
            ),
          },
        ]}
      />
    </div>
  );
}
