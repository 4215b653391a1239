import { PlusOutlined } from '@ant-design/icons';
import { Alert, Button, Select, Space, Typography } from 'antd';
import { lazy, memo, type ReactNode, Suspense, useCallback, useId, useMemo, useRef, useState } from 'react';
import { commitPendingEdits } from './buffered-edit';
import { keepFocus, type SetField } from './indicator-cells';
import { indicatorColumns } from './indicator-columns';
import { IndicatorGrid, type RevealRow } from './indicator-grid';
import { detectVariant, type HierarchyVariant, level1Options, level2Options, type Option } from './indicator-hierarchy';
import type { LibraryIndicator } from './indicator-picker';

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
const EMPTY_TEXT = '暂无指标，请点击“添加指标”';
const IndicatorVirtualTable = lazy(() => import('./indicator-virtual-table'));
const VARIANT_OPTIONS = [
  { value: 'A', label: '指标体系：产出/效益/满意度' },
  { value: 'B', label: '指标体系：成本单列（财预〔2021〕101号）' },
];

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
  /** The row the clerk just added or deleted next to, to bring into view (past 30 rows the table is virtual). */
  const [reveal, setReveal] = useState<RevealRow | undefined>(undefined);
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
    setReveal((r) => ({ index: current.length, seq: (r?.seq ?? 0) + 1 }));
  };

  const remove = useCallback(
    (index: number) => {
      commitPendingEdits();
      const next = rowsRef.current.filter((_, i) => i !== index);
      emit(next);
      // The row now in its place (or the new last) stays in view, also when the table turns plain again.
      if (next.length) setReveal((r) => ({ index: Math.min(index, next.length - 1), seq: (r?.seq ?? 0) + 1 }));
    },
    [emit],
  );

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
      // A cell's pending text belongs to the row it was typed into, before the rows move.
      commitPendingEdits();
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
  const columns = useMemo(
    () =>
      indicatorColumns({
        fields,
        readonlyFields,
        readonly,
        fixedRows,
        errors,
        isSelfEval,
        baseId,
        variant,
        level1Options: l1Options,
        level2Options: (level1) => cachedLevel2Options(variant, level1),
        rowCount,
        setField,
        pick,
        move,
        remove,
      }),
    [
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
    ],
  );

  const width = columns.reduce((sum, c) => sum + c.width, 0);
  const virtual = rows.length > virtualThreshold;
  const uniqueIds = useMemo(() => {
    const ids = rows.map((r) => r.indicatorId);
    return new Set(ids).size === ids.length && ids.every(Boolean);
  }, [rows]);
  const rowKey = useCallback(
    (row: IndicatorRow) => (uniqueIds ? String(row.indicatorId) : String(renderedRows.current.indexOf(row))),
    [uniqueIds],
  );
  const body = { rows, columns, rowKey, width, emptyText: EMPTY_TEXT, reveal };

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
      {virtual ? (
        <Suspense fallback={<Typography.Text type="secondary">加载中…</Typography.Text>}>
          <IndicatorVirtualTable {...body} />
        </Suspense>
      ) : (
        <IndicatorGrid {...body} />
      )}
      {!readonly && !fixedRows ? (
        <Button
          type="dashed"
          icon={<PlusOutlined />}
          style={{ marginTop: 8 }}
          block
          // Pressing it keeps the focus in the cell being typed into (see keepFocus); `add` hands the text on.
          onMouseDown={keepFocus}
          onClick={add}
          disabled={maxItems !== undefined && rows.length >= maxItems}
        >
          添加指标
        </Button>
      ) : null}
    </div>
  );
});
