import { App, Button, Popconfirm, Space, Tag, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useMemo } from 'react';
import { Link } from 'react-router';
import { errorMessage, query } from '../api/client';
import { submissionsApi } from '../api/submissions-api';
import type { Me, SubmissionListItem, SubmissionStatus } from '../api/types';
import { isFiller, useAuth } from '../auth';
import {
  FilterSelect,
  ListFilters,
  OVERDUE_OPTIONS,
  PagedTable,
  useCursorList,
  useStepOptions,
  useUrlFilters,
  yearOptions,
} from '../layout/paged-list';
import { ExcelButton } from '../lib/excel-button';
import { formatDate, formatDateTime, STATUS_COLORS, STATUS_LABELS, STATUS_TEXT_STYLE } from '../lib/labels';
import { useForms } from '../lib/reference-data';
import { PaymentHoldTag } from '../monitoring/linked';

const FILTERS = ['q', 'year', 'formId', 'status', 'step', 'overdue'] as const;

/** 当前环节: the names of the open steps (never the unit they wait on). */
function stepText(row: SubmissionListItem): string {
  const names = [...new Set((row.openSteps ?? []).map((s) => s.name).filter(Boolean))];
  return names.join('、') || '—';
}

function dueText(row: SubmissionListItem) {
  const due = (row.openSteps ?? [])
    .map((s) => s.dueAt)
    .filter(Boolean)
    .sort()[0];
  if (!due) return '—';
  return row.overdue ? (
    <span style={{ color: '#cf1322', fontWeight: 600 }}>{formatDate(due)}（已逾期）</span>
  ) : (
    formatDate(due)
  );
}

/** A draft never submitted, of the caller's own unit, may be deleted by a filler. */
function deletable(me: Me | null, row: SubmissionListItem): boolean {
  return isFiller(me) && row.unitId === me?.unitId && row.status === 'draft' && row.everSubmitted === false;
}

export default function MySubmissionsPage() {
  const { me } = useAuth();
  const { message } = App.useApp();
  const forms = useForms();
  const [filters, setFilter] = useUrlFilters(FILTERS);
  const steps = useStepOptions(filters.formId);
  const list = useCursorList(
    (cursor) => submissionsApi.list({ ...filters, cursor, limit: 50 }),
    FILTERS.map((k) => filters[k]),
  );

  const formTitle = useMemo(() => new Map(forms.map((f) => [f.id, f.title])), [forms]);
  const open = (row: SubmissionListItem) => `/submissions/${encodeURIComponent(row.id)}`;

  const remove = async (row: SubmissionListItem) => {
    try {
      await submissionsApi.remove(row.id, row.version);
      message.success('草稿已删除');
      list.reload();
    } catch (e) {
      message.error(errorMessage(e));
    }
  };

  const actions = (row: SubmissionListItem) => [
    <Link key="open" to={open(row)}>
      打开
    </Link>,
    <Link key="print" to={`${open(row)}/print`} target="_blank">
      打印
    </Link>,
    ...(deletable(me, row)
      ? [
          <Popconfirm
            key="delete"
            title="删除这份草稿？"
            description="删除后无法恢复，删除记录会保留在办理历史中。"
            okText="删除"
            okButtonProps={{ danger: true }}
            cancelText="取消"
            onConfirm={() => remove(row)}
          >
            <Button type="link" danger size="small" style={{ padding: 0 }}>
              删除
            </Button>
          </Popconfirm>,
        ]
      : []),
  ];

  const statusTag = (s: SubmissionStatus) => (
    <Tag color={STATUS_COLORS[s]} style={STATUS_TEXT_STYLE[s]}>
      {STATUS_LABELS[s] ?? s}
    </Tag>
  );
  const columns: ColumnsType<SubmissionListItem> = [
    {
      title: '标题',
      dataIndex: 'title',
      render: (_, row) => (
        <>
          <Link to={open(row)}>{row.title || '（未命名）'}</Link>
          {row.paymentHold?.active ? (
            <>
              {' '}
              <PaymentHoldTag hold={row.paymentHold} />
            </>
          ) : null}
        </>
      ),
    },
    { title: '表单', dataIndex: 'formId', width: 200, render: (id: string) => formTitle.get(id) ?? id },
    { title: '填报单位', dataIndex: 'unitName', width: 150 },
    { title: '状态', dataIndex: 'status', width: 110, render: statusTag },
    { title: '当前环节', key: 'step', width: 170, render: (_, row) => stepText(row) },
    { title: '截止日期', key: 'due', width: 130, render: (_, row) => dueText(row) },
    { title: '更新时间', dataIndex: 'updatedAt', width: 150, render: (v: string) => formatDateTime(v) },
    { title: '操作', key: 'actions', width: 140, render: (_, row) => <Space size="small">{actions(row)}</Space> },
  ];

  return (
    <div>
      <Space style={{ width: '100%', justifyContent: 'space-between' }} wrap>
        <Typography.Title level={4}>{isFiller(me) ? '我的填报' : '填报查询'}</Typography.Title>
        {isFiller(me) ? (
          <Link to="/submissions/new">
            <Button type="primary">新建填报</Button>
          </Link>
        ) : null}
      </Space>
      <ListFilters
        formId={filters.formId}
        onFormId={(v) => setFilter('formId', v)}
        keyword={filters.q}
        onKeyword={(v) => setFilter('q', v)}
        keywordPlaceholder="标题、单位或项目代码"
      >
        <FilterSelect
          label="年度"
          ariaLabel="按年度筛选"
          placeholder="全部年度"
          width={120}
          value={filters.year}
          onChange={(v) => setFilter('year', v)}
          options={yearOptions()}
        />
        <FilterSelect
          label="状态"
          ariaLabel="按状态筛选"
          placeholder="全部状态"
          width={140}
          value={filters.status}
          onChange={(v) => setFilter('status', v)}
          options={Object.entries(STATUS_LABELS).map(([value, label]) => ({ value, label }))}
        />
        <FilterSelect
          label="当前环节"
          ariaLabel="按当前环节筛选"
          placeholder="全部环节"
          width={220}
          value={filters.step}
          onChange={(v) => setFilter('step', v)}
          options={steps}
        />
        <FilterSelect
          label="逾期"
          ariaLabel="按是否逾期筛选"
          placeholder="全部"
          width={110}
          value={filters.overdue}
          onChange={(v) => setFilter('overdue', v)}
          options={OVERDUE_OPTIONS}
        />
        <ExcelButton path={`/api/exports/submissions.xlsx${query(filters)}`} fileName="填报清单.xlsx" />
      </ListFilters>
      <PagedTable
        list={list}
        rowKey="id"
        columns={columns}
        locale={{ emptyText: '暂无填报记录' }}
        card={(row) => ({
          title: <Link to={open(row)}>{row.title || '（未命名）'}</Link>,
          extra: (
            <>
              <PaymentHoldTag hold={row.paymentHold} />
              {statusTag(row.status)}
            </>
          ),
          lines: [
            ['表单', formTitle.get(row.formId) ?? row.formId],
            ['填报单位', row.unitName ?? row.unitId],
            ['当前环节', stepText(row)],
            ['截止日期', dueText(row)],
            ['更新时间', formatDateTime(row.updatedAt)],
          ],
          actions: actions(row),
        })}
      />
    </div>
  );
}
