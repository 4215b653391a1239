import { Tag, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useMemo } from 'react';
import { Link } from 'react-router';
import { api, query } from '../api/client';
import type { ListPage, Task } from '../api/types';
import { FilterSelect, ListFilters, PagedTable, useCursorList, useUrlFilters } from '../layout/paged-list';
import { formatDate, formatDateTime, OUTCOME_LABELS } from '../lib/labels';
import { useForms, useUnits } from '../lib/reference-data';

function isOverdue(task: Task): boolean {
  if (task.overdue !== undefined) return task.overdue;
  return Boolean(task.dueAt && new Date(task.dueAt).getTime() < Date.now());
}

export default function TasksPage({ tab }: { tab: 'open' | 'done' }) {
  const forms = useForms();
  const units = useUnits();
  const [{ formId, unitId }, setFilter] = useUrlFilters(['formId', 'unitId'] as const);
  const list = useCursorList(
    (cursor) => api<ListPage<Task>>('GET', `/api/tasks${query({ status: tab, formId, cursor, limit: 50 })}`),
    [tab, formId],
  );
  const items = list.items;

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

  const columns: ColumnsType<Task> = [
    {
      title: '标题',
      dataIndex: 'title',
      render: (_, t) => <Link to={`/review/${encodeURIComponent(t.submissionId)}`}>{t.title || '（未命名）'}</Link>,
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
          {t.round && t.round > 1 ? (
            <Tag color="orange" style={{ marginInlineStart: 6 }}>
              第{t.round}轮
            </Tag>
          ) : null}
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
              <span style={{ color: '#cf1322', fontWeight: 600 }}>{formatDate(v)}（已逾期）</span>
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
      render: (_, t) => (
        <Link to={`/review/${encodeURIComponent(t.submissionId)}`}>{tab === 'open' ? '办理' : '查看'}</Link>
      ),
    },
  ];

  return (
    <div>
      <Typography.Title level={4}>{tab === 'open' ? '待办' : '已办'}</Typography.Title>
      <ListFilters formId={formId} onFormId={(v) => setFilter('formId', v)}>
        <FilterSelect
          label="填报单位"
          ariaLabel="按单位筛选"
          placeholder="全部单位"
          width={200}
          value={unitId}
          onChange={(v) => setFilter('unitId', v)}
          options={submitterUnits}
        />
      </ListFilters>
      <PagedTable
        list={list}
        rows={shown}
        rowKey={(t) => `${t.submissionId}:${t.stepId}:${t.round ?? ''}:${t.assignedAt}`}
        columns={columns}
        rowClassName={(t) => (tab === 'open' && isOverdue(t) ? 'task-overdue' : '')}
        locale={{ emptyText: tab === 'open' ? '暂无待办事项' : '暂无已办事项' }}
      />
    </div>
  );
}
