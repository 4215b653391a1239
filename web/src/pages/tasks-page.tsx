import { Alert, Button, Card, Select, Space, Table, Tag, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useCallback, useEffect, useMemo, useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { api, errorMessage, query } from '../api/client';
import type { ListPage, Task } from '../api/types';
import { formatDate, formatDateTime, OUTCOME_LABELS } from '../lib/labels';
import { useForms, useUnits } from '../lib/reference-data';

function isOverdue(task: Task): boolean {
  if (task.overdue !== undefined) return task.overdue;
  return Boolean(task.dueAt && new Date(task.dueAt).getTime() < Date.now());
}

export default function TasksPage({ tab }: { tab: 'open' | 'done' }) {
  const forms = useForms();
  const units = useUnits();
  const [params, setParams] = useSearchParams();
  const formId = params.get('formId') ?? '';
  const unitId = params.get('unitId') ?? '';
  const [items, setItems] = useState<Task[]>([]);
  const [cursor, setCursor] = useState<string | null>(null);
  const [loading, setLoading] = useState(false);
  const [error, setError] = useState<unknown>(null);

  const load = useCallback(
    async (from: string | null) => {
      setLoading(true);
      try {
        const page = await api<ListPage<Task>>('GET', `/api/tasks${query({ status: tab, formId, cursor: from, limit: 50 })}`);
        setItems((prev) => (from ? [...prev, ...page.items] : page.items));
        setCursor(page.cursor ?? null);
        setError(null);
      } catch (e) {
        setError(e);
      } finally {
        setLoading(false);
      }
    },
    [tab, formId],
  );
  useEffect(() => {
    void load(null);
  }, [load]);

  const formTitle = useMemo(() => new Map(forms.map((f) => [f.id, f.title])), [forms]);
  const unitName = useMemo(() => new Map(units.map((u) => [u.id, u.name])), [units]);
  // The API filters by form; the unit filter narrows what is loaded.
  const shown = unitId ? items.filter((t) => t.submitterUnitId === unitId) : items;
  const submitterUnits = useMemo(() => {
    const ids = [...new Set(items.map((t) => t.submitterUnitId))];
    return ids.map((id) => ({
      value: id,
      label: items.find((t) => t.submitterUnitId === id)?.submitterUnitName ?? unitName.get(id) ?? id,
    }));
  }, [items, unitName]);

  const setFilter = (key: string, value: string | undefined) => {
    const next = new URLSearchParams(params);
    if (value) next.set(key, value);
    else next.delete(key);
    setParams(next, { replace: true });
  };

  const columns: ColumnsType<Task> = [
    {
      title: '标题',
      dataIndex: 'title',
      render: (_, t) => (
        <Link to={`/review/${encodeURIComponent(t.submissionId)}`}>{t.title || '（未命名）'}</Link>
      ),
    },
    { title: '表单', dataIndex: 'formId', width: 190, render: (id: string) => formTitle.get(id) ?? id },
    {
      title: '填报单位',
      dataIndex: 'submitterUnitId',
      width: 140,
      render: (id: string, t) => t.submitterUnitName ?? unitName.get(id) ?? id,
    },
    {
      title: '环节',
      dataIndex: 'stepName',
      width: 150,
      render: (name: string, t) => (
        <span>
          {name}
          {t.kind === 'notify' ? <Tag style={{ marginInlineStart: 6 }}>抄送</Tag> : null}
          {t.round && t.round > 1 ? <Tag color="orange" style={{ marginInlineStart: 6 }}>第{t.round}轮</Tag> : null}
        </span>
      ),
    },
    { title: '收到时间', dataIndex: 'assignedAt', width: 140, render: (v: string) => formatDateTime(v) },
    tab === 'open'
      ? {
          title: '截止日期',
          dataIndex: 'dueAt',
          width: 120,
          render: (v: string | null, t) =>
            isOverdue(t) ? (
              <span style={{ color: '#cf1322', fontWeight: 600 }}>
                {formatDate(v)}（已逾期）
              </span>
            ) : (
              formatDate(v)
            ),
        }
      : {
          title: '办理结果',
          dataIndex: 'outcome',
          width: 150,
          render: (v: string | null, t) => (
            <span>
              {v ? (OUTCOME_LABELS[v] ?? v) : '—'}
              <br />
              <Typography.Text type="secondary">{formatDateTime(t.closedAt)}</Typography.Text>
            </span>
          ),
        },
    {
      title: '操作',
      key: 'op',
      width: 80,
      render: (_, t) => <Link to={`/review/${encodeURIComponent(t.submissionId)}`}>{tab === 'open' ? '办理' : '查看'}</Link>,
    },
  ];

  return (
    <div>
      <Typography.Title level={4}>{tab === 'open' ? '待办' : '已办'}</Typography.Title>
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
          <span>填报单位：</span>
          <Select
            aria-label="按单位筛选"
            style={{ width: 200 }}
            allowClear
            placeholder="全部单位"
            value={unitId || undefined}
            onChange={(v) => setFilter('unitId', v)}
            options={submitterUnits}
          />
        </Space>
      </Card>
      {error ? <Alert type="error" showIcon title={errorMessage(error)} style={{ marginBottom: 12 }} /> : null}
      <Table
        rowKey={(t) => `${t.submissionId}:${t.stepId}:${t.round ?? ''}:${t.assignedAt}`}
        size="middle"
        loading={loading}
        columns={columns}
        dataSource={shown}
        pagination={false}
        rowClassName={(t) => (tab === 'open' && isOverdue(t) ? 'task-overdue' : '')}
        locale={{ emptyText: tab === 'open' ? '暂无待办事项' : '暂无已办事项' }}
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
