/**
 * The completion board of one 填报任务: counts per status at the top (a click filters), filters by status,
 * overdue and unit name, sortable columns, and a link into each submission the viewer may open.
 * Selecting rows (bureau only) chooses the units a reminder goes to.
 */
import { Card, Checkbox, Input, Select, Space, Table, Tag, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useMemo, useState } from 'react';
import { Link } from 'react-router';
import { formatDateTime } from '../lib/labels';
import { BOARD_LABELS, BOARD_STATUSES, type BoardRow, type BoardStatus, countRows } from './campaign-api';
import './campaigns.css';

export interface BoardFilters {
  status?: BoardStatus;
  overdueOnly: boolean;
  search: string;
}

/** The rows a board shows under the given filters (pure, for the component and its tests). */
export function filterRows(rows: BoardRow[], f: BoardFilters): BoardRow[] {
  const needle = f.search.trim();
  return rows.filter(
    (r) =>
      (!f.status || r.status === f.status) &&
      (!f.overdueOnly || r.overdue) &&
      (!needle || r.unitName.includes(needle) || r.unitId.includes(needle)),
  );
}

/** Where a board row opens: the unit's own fill page, else the read-only review page once it was submitted. */
export function rowLink(row: BoardRow, viewerUnitId: string | undefined): string | null {
  if (!row.submissionId || row.canOpen === false) return null;
  const id = encodeURIComponent(row.submissionId);
  if (row.unitId === viewerUnitId) return `/submissions/${id}`;
  return row.status === 'draft' || row.status === 'not_started' ? null : `/review/${id}`;
}

const STATUS_ORDER = Object.fromEntries(BOARD_STATUSES.map((s, i) => [s.status, i])) as Record<BoardStatus, number>;
const time = (v: string | null) => (v ? Date.parse(v) : 0);

export function CampaignBoard({
  rows,
  viewerUnitId,
  selectable,
  selected,
  onSelect,
}: {
  rows: BoardRow[];
  viewerUnitId?: string;
  /** Bureau only: rows can be chosen for 催报. */
  selectable?: boolean;
  selected?: string[];
  onSelect?(unitIds: string[]): void;
}) {
  const [filters, setFilters] = useState<BoardFilters>({ overdueOnly: false, search: '' });
  const counts = useMemo(() => countRows(rows), [rows]);
  const shown = useMemo(() => filterRows(rows, filters), [rows, filters]);
  const set = (patch: Partial<BoardFilters>) => setFilters((f) => ({ ...f, ...patch }));

  const columns: ColumnsType<BoardRow> = [
    {
      title: '单位',
      dataIndex: 'unitName',
      sorter: (a, b) => a.unitName.localeCompare(b.unitName, 'zh-CN'),
      render: (name: string, row) => {
        const to = rowLink(row, viewerUnitId);
        return to ? <Link to={to}>{name}</Link> : name;
      },
    },
    {
      title: '状态',
      dataIndex: 'status',
      width: 120,
      sorter: (a, b) => STATUS_ORDER[a.status] - STATUS_ORDER[b.status],
      render: (s: BoardStatus) => (
        <Tag color={BOARD_STATUSES.find((x) => x.status === s)?.color}>{BOARD_LABELS[s] ?? s}</Tag>
      ),
    },
    {
      title: '提交时间',
      dataIndex: 'submittedAt',
      width: 150,
      sorter: (a, b) => time(a.submittedAt) - time(b.submittedAt),
      render: (v: string | null) => formatDateTime(v),
    },
    {
      title: '逾期',
      dataIndex: 'overdue',
      width: 90,
      sorter: (a, b) => Number(a.overdue) - Number(b.overdue),
      render: (v: boolean) =>
        v ? <Tag color="red">已逾期</Tag> : <Typography.Text type="secondary">否</Typography.Text>,
    },
    {
      title: '最近催报',
      dataIndex: 'remindedAt',
      width: 150,
      sorter: (a, b) => time(a.remindedAt) - time(b.remindedAt),
      render: (v: string | null) => formatDateTime(v),
    },
  ];

  return (
    <div className="campaign-board">
      <fieldset className="board-counts" aria-label="按状态统计">
        {BOARD_STATUSES.map((s) => (
          <button
            type="button"
            key={s.status}
            className={`board-count${filters.status === s.status ? ' active' : ''}`}
            aria-pressed={filters.status === s.status}
            data-status={s.status}
            onClick={() => set({ status: filters.status === s.status ? undefined : s.status })}
          >
            <span className="board-count-label">{s.label}</span>
            <span className="board-count-value">{counts[s.key]}</span>
          </button>
        ))}
        <button
          type="button"
          className={`board-count overdue${filters.overdueOnly ? ' active' : ''}`}
          aria-pressed={filters.overdueOnly}
          data-status="overdue"
          onClick={() => set({ overdueOnly: !filters.overdueOnly })}
        >
          <span className="board-count-label">逾期</span>
          <span className="board-count-value">{counts.overdue}</span>
        </button>
      </fieldset>
      <Card size="small" className="board-filters">
        <Space wrap>
          <Select
            aria-label="按状态筛选"
            allowClear
            placeholder="全部状态"
            style={{ width: 150 }}
            value={filters.status}
            onChange={(v) => set({ status: v })}
            options={BOARD_STATUSES.map((s) => ({ value: s.status, label: s.label }))}
          />
          <Checkbox checked={filters.overdueOnly} onChange={(e) => set({ overdueOnly: e.target.checked })}>
            只看逾期
          </Checkbox>
          <Input.Search
            aria-label="按单位名称查找"
            allowClear
            placeholder="单位名称"
            style={{ width: 200 }}
            value={filters.search}
            onChange={(e) => set({ search: e.target.value })}
          />
          <Typography.Text type="secondary" data-testid="board-shown">
            显示 {shown.length} / {rows.length} 个单位
          </Typography.Text>
        </Space>
      </Card>
      <Table<BoardRow>
        size="middle"
        rowKey="unitId"
        columns={columns}
        dataSource={shown}
        pagination={shown.length > 50 ? { pageSize: 50, showSizeChanger: false } : false}
        scroll={{ x: 640 }}
        rowClassName={(r) => (r.overdue ? 'board-row-overdue' : '')}
        rowSelection={
          selectable
            ? {
                selectedRowKeys: selected ?? [],
                onChange: (keys) => onSelect?.(keys.map(String)),
              }
            : undefined
        }
        locale={{ emptyText: rows.length ? '没有符合条件的单位' : '暂无单位' }}
      />
    </div>
  );
}
