import { ArrowDownOutlined, ArrowUpOutlined, DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import {
  Alert,
  AutoComplete,
  Button,
  Input,
  InputNumber,
  Popconfirm,
  Select,
  Space,
  Table,
  Tooltip,
  Typography,
} from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { memo, type ReactNode, useCallback, useId, useMemo, useRef, useState } from 'react';
import { commitPendingEdits, useBufferedValue } from './buffered-edit';
import {
  detectVariant,
  type HierarchyVariant,
  LEVEL1_LABELS,
  LEVEL2_LABELS,
  level1Options,
  level2Options,
  OPERATOR_OPTIONS,
  type Option,
  QUAL_ACHIEVEMENT_OPTIONS,
  UNIT_SUGGESTIONS,
} from './indicator-hierarchy';
import { IndicatorPickerButton, type LibraryIndicator } from './indicator-picker';

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
  /** The rows are an approved target's (linked forms): none added, removed or moved. */
  fixedRows?: boolean;
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
export function newIndicatorId(): string {
  idCounter += 1;
  return `I${Date.now().toString(36)}${idCounter.toString(36)}`.toUpperCase().slice(0, 38);
}

const NO_ERRORS: RowErrors = {};
const FULL_WIDTH = { width: '100%' } as const;
const UNIT_OPTIONS = UNIT_SUGGESTIONS.map((u) => ({ value: u }));
const AUTOSIZE = { minRows: 1, maxRows: 3 } as const;
const TABLE_LOCALE = { emptyText: '暂无指标，请点击“添加指标”' };
const VARIANT_OPTIONS = [
  { value: 'A', label: '指标体系：产出/效益/满意度' },
  { value: 'B', label: '指标体系：成本单列（财预〔2021〕101号）' },
];
const unitFilter = (input: string, option?: { value?: unknown }) => String(option?.value ?? '').includes(input);

/** level2Options per (variant, level1), the same array each time (memoized cells compare by identity). */
const level2Cache = new Map<string, Option[]>();
function cachedLevel2Options(variant: HierarchyVariant, level1: string | undefined): Option[] {
  const key = `${variant}:${level1 ?? ''}`;
  let options = level2Cache.get(key);
  if (!options) {
    options = level2Options(variant, level1);
    level2Cache.set(key, options);
  }
  return options;
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

function numberOf(value: unknown): number | null {
  return typeof value === 'number' ? value : null;
}

/** Sets one field of one row (stable across renders: cells are memoized on their props). */
type SetField = (index: number, field: string, value: unknown) => void;

interface CellProps {
  index: number;
  field: string;
  label: string;
  error?: string[];
  onField: SetField;
}

/** Text typed into a cell stays in the cell and reaches the table after a short pause, on blur or on submit. */
const TextCell = memo(function TextCell(
  props: CellProps & { value: string; maxLength: number; placeholder?: string; multiline?: boolean },
) {
  const { index, field, label, error, onField, value, maxLength, placeholder, multiline } = props;
  const text = useBufferedValue(value, (v) => onField(index, field, v));
  const status = error ? 'error' : undefined;
  return (
    <Cell error={error}>
      {multiline ? (
        <Input.TextArea
          aria-label={label}
          autoSize={AUTOSIZE}
          maxLength={maxLength}
          value={text.value}
          status={status}
          onChange={(e) => text.change(e.target.value)}
          onBlur={text.flush}
        />
      ) : (
        <Input
          aria-label={label}
          value={text.value}
          maxLength={maxLength}
          placeholder={placeholder}
          status={status}
          onChange={(e) => text.change(e.target.value)}
          onBlur={text.flush}
        />
      )}
    </Cell>
  );
});

const NumberCell = memo(function NumberCell(props: CellProps & { value: number | null; min?: number; max?: number }) {
  const { index, field, label, error, onField, value, min, max } = props;
  const num = useBufferedValue<number | null>(value, (v) => onField(index, field, v ?? undefined));
  return (
    <Cell error={error}>
      <InputNumber
        aria-label={label}
        style={FULL_WIDTH}
        min={min}
        max={max}
        value={num.value}
        changeOnWheel={false}
        status={error ? 'error' : undefined}
        onChange={(v) => num.change(typeof v === 'number' ? v : null)}
        onBlur={num.flush}
      />
    </Cell>
  );
});

const UnitCell = memo(function UnitCell(props: CellProps & { value: string }) {
  const { index, field, label, error, onField, value } = props;
  const text = useBufferedValue(value, (v) => onField(index, field, v));
  return (
    <Cell error={error}>
      <AutoComplete
        aria-label={label}
        style={FULL_WIDTH}
        value={text.value}
        options={UNIT_OPTIONS}
        filterOption={unitFilter}
        status={error ? 'error' : undefined}
        onChange={(v) => text.change(v)}
        onSelect={(v: string) => {
          text.change(v);
          text.flush();
        }}
        onBlur={text.flush}
      />
    </Cell>
  );
});

const SelectCell = memo(function SelectCell(
  props: CellProps & {
    id: string;
    value?: string;
    options: Option[];
    placeholder?: string;
    disabled?: boolean;
    popupMatchSelectWidth?: boolean;
  },
) {
  const { index, field, label, error, onField, id, value, options, placeholder, disabled, popupMatchSelectWidth } =
    props;
  return (
    <Cell error={error}>
      <Select
        id={id}
        aria-label={label}
        style={FULL_WIDTH}
        value={value}
        placeholder={placeholder}
        disabled={disabled}
        options={options}
        popupMatchSelectWidth={popupMatchSelectWidth}
        status={error ? 'error' : undefined}
        onChange={(v) => onField(index, field, v)}
      />
    </Cell>
  );
});

const OpsCell = memo(function OpsCell(props: {
  index: number;
  isLast: boolean;
  onMove(index: number, delta: -1 | 1): void;
  onRemove(index: number): void;
}) {
  const { index, isLast, onMove, onRemove } = props;
  const label = (what: string) => `第${index + 1}行 ${what}`;
  return (
    <Space size={0}>
      <Tooltip title="上移">
        <Button
          type="text"
          size="small"
          aria-label={label('上移')}
          title="上移"
          icon={<ArrowUpOutlined />}
          disabled={index === 0}
          onClick={() => onMove(index, -1)}
        />
      </Tooltip>
      <Tooltip title="下移">
        <Button
          type="text"
          size="small"
          aria-label={label('下移')}
          title="下移"
          icon={<ArrowDownOutlined />}
          disabled={isLast}
          onClick={() => onMove(index, 1)}
        />
      </Tooltip>
      <Popconfirm
        title={`删除第${index + 1}行指标？`}
        okText="删除"
        okButtonProps={{ danger: true }}
        cancelText="取消"
        onConfirm={() => onRemove(index)}
      >
        <Button type="text" size="small" danger aria-label={label('删除')} title="删除" icon={<DeleteOutlined />} />
      </Popconfirm>
    </Space>
  );
});

/**
 * Editable table for IndicatorRow arrays (with the self-evaluation columns when present).
 *
 * Typing stays cheap with 200 rows: the columns and the handlers are stable, every editable cell is a
 * memoized component that re-renders only when its own value, label or error changes, and typed text
 * is buffered in its cell (see buffered-edit.ts) until a short pause, blur or submit.
 */
export const IndicatorTable = memo(function IndicatorTable(props: IndicatorTableProps) {
  const {
    rows,
    onChange,
    fields,
    readonlyFields,
    readonly = false,
    fixedRows = false,
    errors = NO_ERRORS,
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

  // The latest rows (including changes handed up but not rendered yet) and handlers, for stable callbacks.
  const rowsRef = useRef(rows);
  const renderedRows = useRef(rows);
  if (renderedRows.current !== rows) {
    renderedRows.current = rows;
    rowsRef.current = rows;
  }
  const onChangeRef = useRef(onChange);
  onChangeRef.current = onChange;
  const variantRef = useRef(variant);
  variantRef.current = variant;

  const emit = useCallback((next: IndicatorRow[]) => {
    rowsRef.current = next;
    onChangeRef.current(next);
  }, []);

  const update = useCallback(
    (index: number, patch: Record<string, unknown>) => {
      const current = rowsRef.current;
      if (!current[index]) return;
      const next = current.slice();
      const row: IndicatorRow = { ...current[index] };
      for (const [k, v] of Object.entries(patch)) {
        if (v === undefined || v === '' || v === null) delete row[k];
        else row[k] = v;
      }
      next[index] = row;
      emit(next);
    },
    [emit],
  );

  const setField = useCallback<SetField>(
    (index, field, value) => {
      if (field === 'level1') {
        const level1 = value as string | undefined;
        const allowed = level2Options(variantRef.current, level1).map((o) => o.value);
        const current = rowsRef.current[index]?.level2;
        const level2 = current && allowed.includes(current) ? current : allowed.length === 1 ? allowed[0] : undefined;
        update(index, { level1, level2 });
      } else if (field === 'operator') {
        if (value === 'qual')
          update(index, { operator: value, targetValue: undefined, unit: undefined, actualValue: undefined });
        else update(index, { operator: value, targetText: undefined, qualitativeAchievement: undefined });
      } else {
        update(index, { [field]: value });
      }
    },
    [update],
  );

  const add = () => {
    // What a cell still holds is handed on first, so the new row follows it (see the button's onMouseDown).
    commitPendingEdits();
    const current = rowsRef.current;
    const last = current[current.length - 1];
    const row: IndicatorRow = { indicatorId: newIndicatorId() };
    if (last?.level1) row.level1 = last.level1;
    if (last?.level2) row.level2 = last.level2;
    emit([...current, row]);
  };

  const remove = useCallback((index: number) => emit(rowsRef.current.filter((_, i) => i !== index)), [emit]);

  // 指标库: name, 计算符号, 计量单位 (none for 定性) and the levels of the picked indicator.
  const pick = useCallback(
    (index: number, ind: LibraryIndicator) => {
      const qual = ind.operator === 'qual';
      update(index, {
        level1: ind.level1,
        level2: ind.level2,
        name: ind.name,
        ...(ind.operator ? { operator: ind.operator } : {}),
        ...(qual ? { unit: undefined, targetValue: undefined, actualValue: undefined } : { unit: ind.unit }),
        ...(ind.operator && !qual ? { targetText: undefined, qualitativeAchievement: undefined } : {}),
      });
    },
    [update],
  );

  const move = useCallback(
    (index: number, delta: -1 | 1) => {
      const current = rowsRef.current;
      const target = index + delta;
      if (target < 0 || target >= current.length) return;
      const next = current.slice();
      [next[index], next[target]] = [next[target], next[index]];
      emit(next);
    },
    [emit],
  );

  const rowCount = rows.length;
  const columns = useMemo<ColumnsType<IndicatorRow>>(() => {
    const locked = (key: string) => readonly || Boolean(readonlyFields?.has(key));
    const err = (index: number, key: string) => errors[index]?.[key];
    const label = (index: number, what: string) => `第${index + 1}行 ${what}`;
    const cell = (index: number, field: string, what: string) => ({
      index,
      field,
      label: label(index, what),
      error: err(index, field),
      onField: setField,
    });
    const text = (
      key: string,
      title: string,
      width: number,
      maxLength: number,
      extra: { multiline?: boolean; what?: string } = {},
    ) => ({
      title,
      key,
      width,
      render: (_v: unknown, row: IndicatorRow, index: number) =>
        locked(key) ? (
          textOf(row[key])
        ) : (
          <TextCell
            {...cell(index, key, extra.what ?? title)}
            value={textOf(row[key])}
            maxLength={maxLength}
            multiline={extra.multiline}
          />
        ),
    });

    const out: ColumnsType<IndicatorRow> = [
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
      out.push({
        title: '一级指标',
        key: 'level1',
        width: 124,
        render: (_v, row, index) =>
          locked('level1') ? (
            (LEVEL1_LABELS[row.level1 ?? ''] ?? textOf(row.level1))
          ) : (
            <SelectCell
              {...cell(index, 'level1', '一级指标')}
              id={`${baseId}-${index}-level1`}
              value={row.level1}
              placeholder="请选择"
              options={l1Options}
            />
          ),
      });
    }
    if (fields.has('level2')) {
      out.push({
        title: '二级指标',
        key: 'level2',
        width: 150,
        render: (_v, row, index) =>
          locked('level2') ? (
            (LEVEL2_LABELS[row.level2 ?? ''] ?? textOf(row.level2))
          ) : (
            <SelectCell
              {...cell(index, 'level2', '二级指标')}
              id={`${baseId}-${index}-level2`}
              value={row.level2}
              placeholder={row.level1 ? '请选择' : '先选一级指标'}
              disabled={!row.level1}
              options={cachedLevel2Options(variant, row.level1)}
            />
          ),
      });
    }
    if (fields.has('name')) {
      const name = text('name', '三级指标', 250, 50);
      out.push({
        ...name,
        render: (v, row, index) =>
          locked('name') || !fields.has('level1') ? (
            name.render(v, row, index)
          ) : (
            <div style={{ display: 'flex', alignItems: 'flex-start', gap: 2 }}>
              <div style={{ flex: 1, minWidth: 0 }}>{name.render(v, row, index)}</div>
              <IndicatorPickerButton
                index={index}
                level1={row.level1}
                level2={row.level2}
                variant={variant}
                onPick={pick}
              />
            </div>
          ),
      });
    }
    if (fields.has('operator')) {
      out.push({
        title: '计算符号',
        key: 'operator',
        width: 88,
        render: (_v, row, index) =>
          locked('operator') ? (
            (OPERATOR_OPTIONS.find((o) => o.value === row.operator)?.label ?? '')
          ) : (
            <SelectCell
              {...cell(index, 'operator', '计算符号')}
              id={`${baseId}-${index}-operator`}
              value={row.operator}
              options={OPERATOR_OPTIONS}
            />
          ),
      });
    }
    if (fields.has('targetValue') || fields.has('targetText')) {
      out.push({
        title: '指标值',
        key: 'target',
        width: 150,
        render: (_v, row, index) => {
          const qual = row.operator === 'qual';
          const key = qual ? 'targetText' : 'targetValue';
          if (locked(key) || locked('targetValue')) return qual ? textOf(row.targetText) : textOf(row.targetValue);
          return qual ? (
            <TextCell
              {...cell(index, 'targetText', '定性指标值')}
              value={textOf(row.targetText)}
              maxLength={200}
              placeholder="如：明显改善"
            />
          ) : (
            <NumberCell {...cell(index, 'targetValue', '指标值')} value={numberOf(row.targetValue)} />
          );
        },
      });
    }
    if (fields.has('unit')) {
      out.push({
        title: '计量单位',
        key: 'unit',
        width: 120,
        render: (_v, row, index) =>
          locked('unit') || row.operator === 'qual' ? (
            textOf(row.unit) || '—'
          ) : (
            <UnitCell {...cell(index, 'unit', '计量单位')} value={textOf(row.unit)} />
          ),
      });
    }
    if (fields.has('content') && !isSelfEval) out.push(text('content', '指标解释', 180, 2000));
    if (fields.has('weight')) {
      out.push({
        title: '分值',
        key: 'weight',
        width: 90,
        render: (_v, row, index) =>
          locked('weight') ? (
            textOf(row.weight)
          ) : (
            <NumberCell {...cell(index, 'weight', '分值')} value={numberOf(row.weight)} min={0} max={100} />
          ),
      });
    }
    if (isSelfEval) {
      out.push({
        title: '实际完成值 / 完成情况',
        key: 'actual',
        width: 170,
        render: (_v, row, index) => {
          if (row.operator === 'qual') {
            if (locked('qualitativeAchievement'))
              return QUAL_ACHIEVEMENT_OPTIONS.find((o) => o.value === row.qualitativeAchievement)?.label ?? '';
            return (
              <SelectCell
                {...cell(index, 'qualitativeAchievement', '完成情况')}
                id={`${baseId}-${index}-qual`}
                value={row.qualitativeAchievement as string | undefined}
                options={QUAL_ACHIEVEMENT_OPTIONS}
                popupMatchSelectWidth={false}
              />
            );
          }
          if (locked('actualValue')) return textOf(row.actualValue);
          return <NumberCell {...cell(index, 'actualValue', '实际完成值')} value={numberOf(row.actualValue)} />;
        },
      });
    }
    if (fields.has('score')) {
      out.push({
        title: '得分',
        key: 'score',
        width: 90,
        render: (_v, row, index) => {
          // Quantitative rows are scored by formula (R-C9); only qualitative rows take a typed score.
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
          return <NumberCell {...cell(index, 'score', '得分')} value={numberOf(row.score)} min={0} />;
        },
      });
    }
    if (fields.has('deviationAnalysis')) {
      out.push(text('deviationAnalysis', '偏差原因分析及改进措施', 200, 1000, { multiline: true, what: '偏差原因' }));
    }
    if (!readonly && !fixedRows) {
      out.push({
        title: '操作',
        key: 'ops',
        width: 112,
        fixed: 'right',
        render: (_v, _row, index) => (
          <OpsCell index={index} isLast={index === rowCount - 1} onMove={move} onRemove={remove} />
        ),
      });
    }
    return out;
  }, [
    fields,
    readonlyFields,
    readonly,
    fixedRows,
    errors,
    isSelfEval,
    baseId,
    l1Options,
    variant,
    rowCount,
    setField,
    move,
    remove,
    pick,
  ]);

  const width = columns.reduce((sum, c) => sum + (typeof c.width === 'number' ? c.width : 120), 0);
  const virtual = rows.length > virtualThreshold;
  const uniqueIds = useMemo(() => {
    const ids = rows.map((r) => r.indicatorId);
    return new Set(ids).size === ids.length && ids.every(Boolean);
  }, [rows]);
  const rowKey = useCallback(
    (row: IndicatorRow) => (uniqueIds ? String(row.indicatorId) : String(renderedRows.current.indexOf(row))),
    [uniqueIds],
  );
  const scroll = useMemo(() => (virtual ? { x: width, y: 520 } : { x: width }), [virtual, width]);

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
              options={VARIANT_OPTIONS}
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
        rowKey={rowKey}
        columns={columns}
        dataSource={rows}
        pagination={false}
        virtual={virtual}
        scroll={scroll}
        locale={TABLE_LOCALE}
      />
      {!readonly && !fixedRows ? (
        <Button
          type="dashed"
          icon={<PlusOutlined />}
          style={{ marginTop: 8 }}
          block
          // Pressing the button must not take the focus from a cell being typed into: its blur would hand the
          // text on and remove that cell's error line between press and release, moving the button up under
          // the pointer, so the click is lost. The text is handed on by `add` instead.
          onMouseDown={(e) => e.preventDefault()}
          onClick={add}
          disabled={maxItems !== undefined && rows.length >= maxItems}
        >
          添加指标
        </Button>
      ) : null}
    </div>
  );
});
