import { ArrowDownOutlined, ArrowUpOutlined, DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { Alert, AutoComplete, Button, Input, InputNumber, Select, Space, Table, Tooltip, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { memo, type ReactNode, useId, useMemo, useState } from 'react';
import {
  detectVariant,
  type HierarchyVariant,
  LEVEL1_LABELS,
  LEVEL2_LABELS,
  level1Options,
  level2Options,
  OPERATOR_OPTIONS,
  QUAL_ACHIEVEMENT_OPTIONS,
  UNIT_SUGGESTIONS,
} from './indicator-hierarchy';

export type IndicatorRow = Record<string, unknown> & {
  indicatorId?: string;
  level1?: string;
  level2?: string;
  name?: string;
  operator?: string;
};

/** Errors of one table: per row index, per column key (messages already in Chinese). */
export type RowErrors = Record<number, Record<string, string[]>>;

export interface IndicatorTableProps {
  rows: IndicatorRow[];
  onChange(rows: IndicatorRow[]): void;
  /** Keys of the row object the schema defines; columns exist only for these. */
  fields: ReadonlySet<string>;
  /** Keys the user may not edit (computed, or marked ui:readonly). */
  readonlyFields?: ReadonlySet<string>;
  readonly?: boolean;
  errors?: RowErrors;
  tableErrors?: string[];
  /** Fixed hierarchy variant (from the form's own field); without it the table offers a switch. */
  variant?: HierarchyVariant;
  title?: ReactNode;
  /** Above this many rows the table renders virtually (only the visible rows). */
  virtualThreshold?: number;
  maxItems?: number;
}

let idCounter = 0;
function newIndicatorId(): string {
  idCounter += 1;
  return `I${Date.now().toString(36)}${idCounter.toString(36)}`.toUpperCase().slice(0, 38);
}

function CellError({ messages }: { messages?: string[] }) {
  if (!messages?.length) return null;
  return (
    <div className="indicator-cell-error" style={{ color: '#ff4d4f', fontSize: 12, lineHeight: '16px', marginTop: 2 }}>
      {messages.join('；')}
    </div>
  );
}

function Cell({ error, children }: { error?: string[]; children: ReactNode }) {
  return (
    <div>
      {children}
      <CellError messages={error} />
    </div>
  );
}

function textOf(value: unknown): string {
  return value === undefined || value === null ? '' : String(value);
}

/** Editable table for IndicatorRow arrays (reference §3.3; self-evaluation columns of §6.1 when present). */
export const IndicatorTable = memo(function IndicatorTable(props: IndicatorTableProps) {
  const {
    rows,
    onChange,
    fields,
    readonlyFields,
    readonly = false,
    errors = {},
    tableErrors,
    title,
    virtualThreshold = 30,
    maxItems,
  } = props;
  const [chosenVariant, setChosenVariant] = useState<HierarchyVariant | null>(null);
  const baseId = useId().replace(/:/g, '');
  const variant = props.variant ?? chosenVariant ?? detectVariant(rows, 'A');
  const l1Options = useMemo(() => level1Options(variant), [variant]);
  const isSelfEval = fields.has('actualValue') || fields.has('qualitativeAchievement');

  const update = (index: number, patch: Record<string, unknown>) => {
    const next = rows.slice();
    const row: IndicatorRow = { ...rows[index] };
    for (const [k, v] of Object.entries(patch)) {
      if (v === undefined || v === '' || v === null) delete row[k];
      else row[k] = v;
    }
    next[index] = row;
    onChange(next);
  };

  const setLevel1 = (index: number, level1: string | undefined) => {
    const allowed = level2Options(variant, level1).map((o) => o.value);
    const current = rows[index]?.level2;
    const level2 = current && allowed.includes(current) ? current : allowed.length === 1 ? allowed[0] : undefined;
    update(index, { level1, level2 });
  };

  const setOperator = (index: number, operator: string | undefined) => {
    if (operator === 'qual') update(index, { operator, targetValue: undefined, unit: undefined, actualValue: undefined });
    else update(index, { operator, targetText: undefined, qualitativeAchievement: undefined });
  };

  const add = () => {
    const last = rows[rows.length - 1];
    const row: IndicatorRow = { indicatorId: newIndicatorId() };
    if (last?.level1) row.level1 = last.level1;
    if (last?.level2) row.level2 = last.level2;
    onChange([...rows, row]);
  };

  const remove = (index: number) => onChange(rows.filter((_, i) => i !== index));

  const move = (index: number, delta: -1 | 1) => {
    const target = index + delta;
    if (target < 0 || target >= rows.length) return;
    const next = rows.slice();
    [next[index], next[target]] = [next[target], next[index]];
    onChange(next);
  };

  const locked = (key: string) => readonly || Boolean(readonlyFields?.has(key));
  const err = (index: number, key: string) => errors[index]?.[key];
  const label = (index: number, what: string) => `第${index + 1}行 ${what}`;

  const columns: ColumnsType<IndicatorRow> = [
    {
      title: '序号',
      key: 'index',
      width: 56,
      fixed: 'left',
      render: (_v, _r, index) => (
        <span>
          {index + 1}
          <CellError messages={errors[index]?.__row} />
        </span>
      ),
    },
  ];

  if (fields.has('level1')) {
    columns.push({
      title: '一级指标',
      key: 'level1',
      width: 124,
      render: (_v, row, index) =>
        locked('level1') ? (
          (LEVEL1_LABELS[row.level1 ?? ''] ?? textOf(row.level1))
        ) : (
          <Cell error={err(index, 'level1')}>
            <Select
              id={`${baseId}-${index}-level1`}
              aria-label={label(index, '一级指标')}
              style={{ width: '100%' }}
              value={row.level1}
              placeholder="请选择"
              options={l1Options}
              status={err(index, 'level1') ? 'error' : undefined}
              onChange={(v) => setLevel1(index, v)}
            />
          </Cell>
        ),
    });
  }
  if (fields.has('level2')) {
    columns.push({
      title: '二级指标',
      key: 'level2',
      width: 150,
      render: (_v, row, index) =>
        locked('level2') ? (
          (LEVEL2_LABELS[row.level2 ?? ''] ?? textOf(row.level2))
        ) : (
          <Cell error={err(index, 'level2')}>
            <Select
              id={`${baseId}-${index}-level2`}
              aria-label={label(index, '二级指标')}
              style={{ width: '100%' }}
              value={row.level2}
              placeholder={row.level1 ? '请选择' : '先选一级指标'}
              disabled={!row.level1}
              options={level2Options(variant, row.level1)}
              status={err(index, 'level2') ? 'error' : undefined}
              onChange={(v) => update(index, { level2: v })}
            />
          </Cell>
        ),
    });
  }
  if (fields.has('name')) {
    columns.push({
      title: '三级指标',
      key: 'name',
      width: 190,
      render: (_v, row, index) =>
        locked('name') ? (
          textOf(row.name)
        ) : (
          <Cell error={err(index, 'name')}>
            <Input
              aria-label={label(index, '三级指标')}
              value={textOf(row.name)}
              maxLength={50}
              status={err(index, 'name') ? 'error' : undefined}
              onChange={(e) => update(index, { name: e.target.value })}
            />
          </Cell>
        ),
    });
  }
  if (fields.has('operator')) {
    columns.push({
      title: '计算符号',
      key: 'operator',
      width: 88,
      render: (_v, row, index) =>
        locked('operator') ? (
          (OPERATOR_OPTIONS.find((o) => o.value === row.operator)?.label ?? '')
        ) : (
          <Cell error={err(index, 'operator')}>
            <Select
              id={`${baseId}-${index}-operator`}
              aria-label={label(index, '计算符号')}
              style={{ width: '100%' }}
              value={row.operator}
              options={OPERATOR_OPTIONS}
              status={err(index, 'operator') ? 'error' : undefined}
              onChange={(v) => setOperator(index, v)}
            />
          </Cell>
        ),
    });
  }
  if (fields.has('targetValue') || fields.has('targetText')) {
    columns.push({
      title: '指标值',
      key: 'target',
      width: 150,
      render: (_v, row, index) => {
        const qual = row.operator === 'qual';
        const key = qual ? 'targetText' : 'targetValue';
        if (locked(key) || locked('targetValue')) return qual ? textOf(row.targetText) : textOf(row.targetValue);
        return qual ? (
          <Cell error={err(index, 'targetText')}>
            <Input
              aria-label={label(index, '定性指标值')}
              value={textOf(row.targetText)}
              maxLength={200}
              placeholder="如：明显改善"
              status={err(index, 'targetText') ? 'error' : undefined}
              onChange={(e) => update(index, { targetText: e.target.value })}
            />
          </Cell>
        ) : (
          <Cell error={err(index, 'targetValue')}>
            <InputNumber
              aria-label={label(index, '指标值')}
              style={{ width: '100%' }}
              value={typeof row.targetValue === 'number' ? row.targetValue : null}
              changeOnWheel={false}
              status={err(index, 'targetValue') ? 'error' : undefined}
              onChange={(v) => update(index, { targetValue: typeof v === 'number' ? v : undefined })}
            />
          </Cell>
        );
      },
    });
  }
  if (fields.has('unit')) {
    columns.push({
      title: '计量单位',
      key: 'unit',
      width: 120,
      render: (_v, row, index) =>
        locked('unit') || row.operator === 'qual' ? (
          textOf(row.unit) || '—'
        ) : (
          <Cell error={err(index, 'unit')}>
            <AutoComplete
              aria-label={label(index, '计量单位')}
              style={{ width: '100%' }}
              value={textOf(row.unit)}
              options={UNIT_SUGGESTIONS.map((u) => ({ value: u }))}
              filterOption={(input, option) => String(option?.value ?? '').includes(input)}
              status={err(index, 'unit') ? 'error' : undefined}
              onChange={(v) => update(index, { unit: v })}
            />
          </Cell>
        ),
    });
  }
  if (fields.has('content') && !isSelfEval) {
    columns.push({
      title: '指标解释',
      key: 'content',
      width: 180,
      render: (_v, row, index) =>
        locked('content') ? (
          textOf(row.content)
        ) : (
          <Cell error={err(index, 'content')}>
            <Input
              aria-label={label(index, '指标解释')}
              value={textOf(row.content)}
              maxLength={2000}
              onChange={(e) => update(index, { content: e.target.value })}
            />
          </Cell>
        ),
    });
  }
  if (fields.has('weight')) {
    columns.push({
      title: '分值',
      key: 'weight',
      width: 90,
      render: (_v, row, index) =>
        locked('weight') ? (
          textOf(row.weight)
        ) : (
          <Cell error={err(index, 'weight')}>
            <InputNumber
              aria-label={label(index, '分值')}
              style={{ width: '100%' }}
              min={0}
              max={100}
              value={typeof row.weight === 'number' ? row.weight : null}
              changeOnWheel={false}
              status={err(index, 'weight') ? 'error' : undefined}
              onChange={(v) => update(index, { weight: typeof v === 'number' ? v : undefined })}
            />
          </Cell>
        ),
    });
  }
  if (isSelfEval) {
    columns.push({
      title: '实际完成值 / 完成情况',
      key: 'actual',
      width: 170,
      render: (_v, row, index) => {
        if (row.operator === 'qual') {
          if (locked('qualitativeAchievement'))
            return QUAL_ACHIEVEMENT_OPTIONS.find((o) => o.value === row.qualitativeAchievement)?.label ?? '';
          return (
            <Cell error={err(index, 'qualitativeAchievement')}>
              <Select
                id={`${baseId}-${index}-qual`}
                aria-label={label(index, '完成情况')}
                style={{ width: '100%' }}
                value={row.qualitativeAchievement as string | undefined}
                options={QUAL_ACHIEVEMENT_OPTIONS}
                popupMatchSelectWidth={false}
                status={err(index, 'qualitativeAchievement') ? 'error' : undefined}
                onChange={(v) => update(index, { qualitativeAchievement: v })}
              />
            </Cell>
          );
        }
        if (locked('actualValue')) return textOf(row.actualValue);
        return (
          <Cell error={err(index, 'actualValue')}>
            <InputNumber
              aria-label={label(index, '实际完成值')}
              style={{ width: '100%' }}
              value={typeof row.actualValue === 'number' ? row.actualValue : null}
              changeOnWheel={false}
              status={err(index, 'actualValue') ? 'error' : undefined}
              onChange={(v) => update(index, { actualValue: typeof v === 'number' ? v : undefined })}
            />
          </Cell>
        );
      },
    });
  }
  if (fields.has('score')) {
    columns.push({
      title: '得分',
      key: 'score',
      width: 90,
      render: (_v, row, index) => {
        // Quantitative rows are scored by formula (§6.3); only qualitative rows take a typed score.
        const computed = row.operator !== 'qual' || locked('score');
        if (computed) {
          return (
            <Cell error={err(index, 'score')}>
              <span title="自动计算" aria-label={label(index, '得分')}>
                {textOf(row.score) || '—'}
              </span>
            </Cell>
          );
        }
        return (
          <Cell error={err(index, 'score')}>
            <InputNumber
              aria-label={label(index, '得分')}
              style={{ width: '100%' }}
              min={0}
              value={typeof row.score === 'number' ? row.score : null}
              changeOnWheel={false}
              status={err(index, 'score') ? 'error' : undefined}
              onChange={(v) => update(index, { score: typeof v === 'number' ? v : undefined })}
            />
          </Cell>
        );
      },
    });
  }
  if (fields.has('deviationAnalysis')) {
    columns.push({
      title: '偏差原因分析及改进措施',
      key: 'deviationAnalysis',
      width: 200,
      render: (_v, row, index) =>
        locked('deviationAnalysis') ? (
          textOf(row.deviationAnalysis)
        ) : (
          <Cell error={err(index, 'deviationAnalysis')}>
            <Input.TextArea
              aria-label={label(index, '偏差原因')}
              autoSize={{ minRows: 1, maxRows: 3 }}
              maxLength={1000}
              value={textOf(row.deviationAnalysis)}
              onChange={(e) => update(index, { deviationAnalysis: e.target.value })}
            />
          </Cell>
        ),
    });
  }
  if (!readonly) {
    columns.push({
      title: '操作',
      key: 'ops',
      width: 112,
      fixed: 'right',
      render: (_v, _row, index) => (
        <Space size={0}>
          <Tooltip title="上移">
            <Button
              type="text"
              size="small"
              aria-label={label(index, '上移')}
              title="上移"
              icon={<ArrowUpOutlined />}
              disabled={index === 0}
              onClick={() => move(index, -1)}
            />
          </Tooltip>
          <Tooltip title="下移">
            <Button
              type="text"
              size="small"
              aria-label={label(index, '下移')}
              title="下移"
              icon={<ArrowDownOutlined />}
              disabled={index === rows.length - 1}
              onClick={() => move(index, 1)}
            />
          </Tooltip>
          <Tooltip title="删除">
            <Button
              type="text"
              size="small"
              danger
              aria-label={label(index, '删除')}
              title="删除"
              icon={<DeleteOutlined />}
              onClick={() => remove(index)}
            />
          </Tooltip>
        </Space>
      ),
    });
  }

  const width = columns.reduce((sum, c) => sum + (typeof c.width === 'number' ? c.width : 120), 0);
  const virtual = rows.length > virtualThreshold;
  const ids = rows.map((r) => r.indicatorId);
  const uniqueIds = new Set(ids).size === ids.length && ids.every(Boolean);

  return (
    // inline-size containment: the wide table scrolls inside the form instead of widening it
    <div className="indicator-table" style={{ contain: 'inline-size', width: '100%' }}>
      <Space style={{ width: '100%', justifyContent: 'space-between', marginBottom: 8 }}>
        <Typography.Text strong>{title}</Typography.Text>
        <Space>
          {!readonly && fields.has('level1') && !props.variant ? (
            <Select
              size="small"
              aria-label="指标体系"
              value={variant}
              style={{ width: 230 }}
              onChange={(v) => setChosenVariant(v)}
              options={[
                { value: 'A', label: '指标体系：产出/效益/满意度' },
                { value: 'B', label: '指标体系：成本单列（财预〔2021〕101号）' },
              ]}
            />
          ) : null}
          <Typography.Text type="secondary">共 {rows.length} 行</Typography.Text>
        </Space>
      </Space>
      {tableErrors?.length ? (
        <Alert type="error" showIcon style={{ marginBottom: 8 }} title={tableErrors.join('；')} />
      ) : null}
      <Table<IndicatorRow>
        size="small"
        bordered
        rowKey={(row) => (uniqueIds ? String(row.indicatorId) : String(rows.indexOf(row)))}
        columns={columns}
        dataSource={rows}
        pagination={false}
        virtual={virtual}
        scroll={virtual ? { x: width, y: 520 } : { x: width }}
        locale={{ emptyText: '暂无指标，请点击“添加指标”' }}
      />
      {!readonly ? (
        <Button
          type="dashed"
          icon={<PlusOutlined />}
          style={{ marginTop: 8 }}
          block
          onClick={add}
          disabled={maxItems !== undefined && rows.length >= maxItems}
        >
          添加指标
        </Button>
      ) : null}
    </div>
  );
});
