import { Alert, Button, Card, Select, Space, Table, Tag, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useCallback, useEffect, useMemo, useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { api, errorMessage, query } from '../api/client';
import type { ListPage, SubmissionListItem, SubmissionStatus } from '../api/types';
import { isFiller, useAuth } from '../auth';
import { formatDate, formatDateTime, STATUS_COLORS, STATUS_LABELS } from '../lib/labels';
import { useForms } from '../lib/reference-data';

export default function MySubmissionsPage() {
  const { me } = useAuth();
  const forms = useForms();
  const [params, setParams] = useSearchParams();
  const formId = params.get('formId') ?? '';
  const status = params.get('status') ?? '';
  const [items, setItems] = useState<SubmissionListItem[]>([]);
  const [cursor, setCursor] = useState<string | null>(null);
  const [loading, setLoading] = useState(false);
  const [error, setError] = useState<unknown>(null);

  const load = useCallback(
    async (from: string | null) => {
      setLoading(true);
      try {
        const page = await api<ListPage<SubmissionListItem>>(
          'GET',
          `/api/submissions${query({ formId, status, cursor: from, limit: 50 })}`,
        );
        setItems((prev) => (from ? [...prev, ...page.items] : page.items));
        setCursor(page.cursor ?? null);
        setError(null);
      } catch (e) {
        setError(e);
      } finally {
        setLoading(false);
      }
    },
    [formId, status],
  );

  useEffect(() => {
    void load(null);
  }, [load]);

  const formTitle = useMemo(() => new Map(forms.map((f) => [f.id, f.title])), [forms]);
  const setFilter = (key: string, value: string | undefined) => {
    const next = new URLSearchParams(params);
    if (value) next.set(key, value);
    else next.delete(key);
    setParams(next, { replace: true });
  };

  const columns: ColumnsType<SubmissionListItem> = [
    {
      title: '标题',
      dataIndex: 'title',
      render: (_, row) => <Link to={`/submissions/${encodeURIComponent(row.id)}`}>{row.title || '（未命名）'}</Link>,
    },
    { title: '表单', dataIndex: 'formId', width: 200, render: (id: string) => formTitle.get(id) ?? id },
    { title: '填报单位', dataIndex: 'unitName', width: 150 },
    {
      title: '状态',
      dataIndex: 'status',
      width: 110,
      render: (s: SubmissionStatus) => <Tag color={STATUS_COLORS[s]}>{STATUS_LABELS[s] ?? s}</Tag>,
    },
    {
      title: '当前环节',
      key: 'step',
      width: 160,
      render: (_, row) => row.openSteps?.map((s) => s.name ?? s.assigneeUnitName).filter(Boolean).join('、') || '—',
    },
    {
      title: '截止日期',
      key: 'due',
      width: 110,
      render: (_, row) => {
        const due = row.openSteps?.map((s) => s.dueAt).filter(Boolean).sort()[0];
        return formatDate(due ?? null);
      },
    },
    { title: '更新时间', dataIndex: 'updatedAt', width: 150, render: (v: string) => formatDateTime(v) },
    {
      title: '操作',
      key: 'actions',
      width: 120,
      render: (_, row) => (
        <Space size="small">
          <Link to={`/submissions/${encodeURIComponent(row.id)}`}>打开</Link>
          <Link to={`/submissions/${encodeURIComponent(row.id)}/print`} target="_blank">
            打印
          </Link>
        </Space>
      ),
    },
  ];

  return (
    <div>
      <Space style={{ width: '100%', justifyContent: 'space-between' }}>
        <Typography.Title level={4}>{isFiller(me) ? '我的填报' : '填报查询'}</Typography.Title>
        {isFiller(me) ? (
          <Link to="/submissions/new">
            <Button type="primary">新建填报</Button>
          </Link>
        ) : null}
      </Space>
      <Card size="small" style={{ marginBottom: 12 }}>
        <Space wrap>
          <span>表单：</span>
          <Select
            aria-label="按表单筛选"
            style={{ width: 260 }}
            allowClear
            placeholder="全部表单"
            value={formId || undefined}
            onChange={(v) => setFilter('formId', v)}
            options={forms.map((f) => ({ value: f.id, label: f.title }))}
          />
          <span>状态：</span>
          <Select
            aria-label="按状态筛选"
            style={{ width: 160 }}
            allowClear
            placeholder="全部状态"
            value={status || undefined}
            onChange={(v) => setFilter('status', v)}
            options={Object.entries(STATUS_LABELS).map(([value, label]) => ({ value, label }))}
          />
        </Space>
      </Card>
      {error ? <Alert type="error" showIcon title={errorMessage(error)} style={{ marginBottom: 12 }} /> : null}
      <Table
        rowKey="id"
        size="middle"
        loading={loading}
        columns={columns}
        dataSource={items}
        pagination={false}
        locale={{ emptyText: '暂无填报记录' }}
      />
      {cursor ? (
        <div style={{ textAlign: 'center', marginTop: 12 }}>
          <Button onClick={() => void load(cursor)} loading={loading}>
            加载更多
          </Button>
        </div>
      ) : null}
    </div>
  );
}
