import { Button, Space, Tag, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useMemo } from 'react';
import { Link } from 'react-router';
import { api, query } from '../api/client';
import type { ListPage, SubmissionListItem, SubmissionStatus } from '../api/types';
import { isFiller, useAuth } from '../auth';
import { FilterSelect, ListFilters, PagedTable, useCursorList, useUrlFilters } from '../layout/paged-list';
import { ExcelButton } from '../lib/excel-button';
import { formatDate, formatDateTime, STATUS_COLORS, STATUS_LABELS } from '../lib/labels';
import { useForms } from '../lib/reference-data';

export default function MySubmissionsPage() {
  const { me } = useAuth();
  const forms = useForms();
  const [{ formId, status }, setFilter] = useUrlFilters(['formId', 'status'] as const);
  const list = useCursorList(
    (cursor) =>
      api<ListPage<SubmissionListItem>>('GET', `/api/submissions${query({ formId, status, cursor, limit: 50 })}`),
    [formId, status],
  );

  const formTitle = useMemo(() => new Map(forms.map((f) => [f.id, f.title])), [forms]);

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
      render: (_, row) =>
        row.openSteps
          ?.map((s) => s.name ?? s.assigneeUnitName)
          .filter(Boolean)
          .join('、') || '—',
    },
    {
      title: '截止日期',
      key: 'due',
      width: 110,
      render: (_, row) => {
        const due = row.openSteps
          ?.map((s) => s.dueAt)
          .filter(Boolean)
          .sort()[0];
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
      <ListFilters formId={formId} onFormId={(v) => setFilter('formId', v)}>
        <FilterSelect
          label="状态"
          ariaLabel="按状态筛选"
          placeholder="全部状态"
          width={160}
          value={status}
          onChange={(v) => setFilter('status', v)}
          options={Object.entries(STATUS_LABELS).map(([value, label]) => ({ value, label }))}
        />
        <ExcelButton path={`/api/exports/submissions.xlsx${query({ formId, status })}`} fileName="填报清单.xlsx" />
      </ListFilters>
      <PagedTable list={list} rowKey="id" columns={columns} locale={{ emptyText: '暂无填报记录' }} />
    </div>
  );
}
