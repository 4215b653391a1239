import { Typography } from 'antd';
import { useMemo, useState } from 'react';
import { Link } from 'react-router';
import { tasksApi } from '../api/tasks-api';
import type { Task } from '../api/types';
import { type LightColumn, LightFilterSelect, LightListFilters, LightPagedTable, LightTag } from '../layout/light-list';
import { OVERDUE_OPTIONS, useCursorList, useStepOptions, useUrlFilters } from '../layout/list-state';
import { formatDate, formatDateTime, OUTCOME_LABELS } from '../lib/labels';
import { useForms, useUnits } from '../lib/reference-data';
import { BatchBar } from '../review/batch-bar';

function isOverdue(task: Task): boolean {
  if (task.overdue !== undefined) return task.overdue;
  return Boolean(task.dueAt && new Date(task.dueAt).getTime() < Date.now());
}

export default function TasksPage({ tab }: { tab: 'open' | 'done' }) {
  const forms = useForms();
  const units = useUnits();
  const [{ formId, unitId, q, step, overdue }, setFilter] = useUrlFilters([
    'formId',
    'unitId',
    'q',
    'step',
    'overdue',
  ] as const);
  const steps = useStepOptions(formId);
  const [ticked, setTicked] = useState<Set<string>>(new Set());
  const list = useCursorList(
    (cursor) =>
      tasksApi.list({ status: tab, formId, q, step, overdue: tab === 'open' ? overdue : '', cursor, limit: 50 }),
    [tab, formId, q, step, overdue],
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

  const unitOf = (t: Task) => t.submitterUnitName ?? unitName.get(t.submitterUnitId) ?? t.submitterUnitId;
  const stepOf = (t: Task) => (
    <span>
      {t.stepName}
      {t.kind === 'notify' ? <LightTag>抄送</LightTag> : null}
      {t.round && t.round > 1 ? <LightTag tone="warning">第{t.round}轮</LightTag> : null}
    </span>
  );
  const dueOf = (t: Task) =>
    isOverdue(t) ? (
      <span style={{ color: '#cf1322', fontWeight: 600 }}>{formatDate(t.dueAt)}（已逾期）</span>
    ) : (
      formatDate(t.dueAt)
    );
  const outcomeOf = (t: Task) => (t.outcome ? (OUTCOME_LABELS[t.outcome] ?? t.outcome) : '—');
  const href = (t: Task) => `/review/${encodeURIComponent(t.submissionId)}`;
  // Batch approval: review tasks of the inbox can be ticked (notify tasks are closed on arrival).
  const batchable = tab === 'open';
  const keyOf = (t: Task) => `${t.submissionId}:${t.stepId}`;
  const tick = (t: Task) => (
    <input
      type="checkbox"
      className="light-check"
      aria-label={`选择「${t.title || '（未命名）'}」`}
      checked={ticked.has(keyOf(t))}
      onChange={(e) =>
        setTicked((prev) => {
          const next = new Set(prev);
          if (e.target.checked) next.add(keyOf(t));
          else next.delete(keyOf(t));
          return next;
        })
      }
    />
  );
  const selected = shown
    .filter((t) => t.kind !== 'notify' && ticked.has(keyOf(t)))
    .map((t) => ({ submissionId: t.submissionId, stepId: t.stepId, title: t.title || '（未命名）' }));

  const columns: LightColumn<Task>[] = [
    ...(batchable
      ? [{ title: '选择', key: 'tick', width: 56, render: (t: Task) => (t.kind === 'notify' ? null : tick(t)) }]
      : []),
    { title: '标题', key: 'title', render: (t) => <Link to={href(t)}>{t.title || '（未命名）'}</Link> },
    { title: '表单', key: 'formId', width: 190, render: (t) => formTitle.get(t.formId) ?? t.formId },
    { title: '填报单位', key: 'submitterUnitId', width: 140, render: (t) => unitOf(t) },
    { title: '环节', key: 'stepName', width: 150, render: (t) => stepOf(t) },
    { title: '收到时间', key: 'assignedAt', width: 140, render: (t) => formatDateTime(t.assignedAt) },
    tab === 'open'
      ? { title: '截止日期', key: 'dueAt', width: 120, render: (t) => dueOf(t) }
      : {
          title: '办理结果',
          key: 'outcome',
          width: 150,
          render: (t) => (
            <span>
              {outcomeOf(t)}
              <br />
              <Typography.Text type="secondary">{formatDateTime(t.closedAt)}</Typography.Text>
            </span>
          ),
        },
    {
      title: '操作',
      key: 'op',
      width: 80,
      render: (t) => <Link to={href(t)}>{tab === 'open' ? '办理' : '查看'}</Link>,
    },
  ];

  return (
    <div>
      <Typography.Title level={4}>{tab === 'open' ? '待办' : '已办'}</Typography.Title>
      <LightListFilters
        formId={formId}
        onFormId={(v) => setFilter('formId', v)}
        keyword={q}
        onKeyword={(v) => setFilter('q', v)}
        keywordPlaceholder="标题或填报单位"
      >
        <LightFilterSelect
          label="填报单位"
          ariaLabel="按单位筛选"
          placeholder="全部单位"
          width={200}
          value={unitId}
          onChange={(v) => setFilter('unitId', v)}
          options={submitterUnits}
        />
        <LightFilterSelect
          label="环节"
          ariaLabel="按环节筛选"
          placeholder="全部环节"
          width={220}
          value={step}
          onChange={(v) => setFilter('step', v)}
          options={steps}
        />
        {tab === 'open' ? (
          <LightFilterSelect
            label="逾期"
            ariaLabel="按是否逾期筛选"
            placeholder="全部"
            width={110}
            value={overdue}
            onChange={(v) => setFilter('overdue', v)}
            options={OVERDUE_OPTIONS}
          />
        ) : null}
      </LightListFilters>
      {batchable ? (
        <BatchBar
          selected={selected}
          onDone={() => {
            setTicked(new Set());
            list.reload();
          }}
        />
      ) : null}
      <LightPagedTable
        list={list}
        rows={shown}
        rowKey={(t) => `${t.submissionId}:${t.stepId}:${t.round ?? ''}:${t.assignedAt}`}
        columns={columns}
        rowClassName={(t) => (tab === 'open' && isOverdue(t) ? 'task-overdue' : '')}
        emptyText={tab === 'open' ? '暂无待办事项' : '暂无已办事项'}
        card={(t) => ({
          title: <Link to={href(t)}>{t.title || '（未命名）'}</Link>,
          className: tab === 'open' && isOverdue(t) ? 'task-overdue' : undefined,
          lines: [
            ['表单', formTitle.get(t.formId) ?? t.formId],
            ['填报单位', unitOf(t)],
            ['环节', stepOf(t)],
            ['收到时间', formatDateTime(t.assignedAt)],
            tab === 'open' ? ['截止日期', dueOf(t)] : ['办理结果', `${outcomeOf(t)} ${formatDateTime(t.closedAt)}`],
          ],
          actions: [
            ...(batchable && t.kind !== 'notify' ? [<span key="tick">{tick(t)} 选择</span>] : []),
            <Link key="open" to={href(t)}>
              {tab === 'open' ? '办理' : '查看'}
            </Link>,
          ],
        })}
      />
    </div>
  );
}
