/**
 * The indicator table's columns as a spec table: which row fields bring a column, its title and width,
 * and how a row's cell renders (read-only text when the field is locked, else a memoized editing cell).
 */
import type { ReactNode } from 'react';
import {
  Cell,
  CellError,
  type CellProps,
  NumberCell,
  numberOf,
  OpsCell,
  SelectCell,
  type SetField,
  TextCell,
  textOf,
  UnitCell,
} from './indicator-cells';
import {
  type HierarchyVariant,
  LEVEL1_LABELS,
  LEVEL2_LABELS,
  OPERATOR_OPTIONS,
  type Option,
  QUAL_ACHIEVEMENT_OPTIONS,
} from './indicator-hierarchy';
import { IndicatorPickerButton, type LibraryIndicator } from './indicator-picker';
import type { IndicatorRow, RowErrors } from './indicator-table';

/** What every column's render needs: the table's settings and its stable handlers. */
export interface ColumnContext {
  fields: ReadonlySet<string>;
  readonlyFields?: ReadonlySet<string>;
  readonly: boolean;
  fixedRows: boolean;
  errors: RowErrors;
  isSelfEval: boolean;
  baseId: string;
  variant: HierarchyVariant;
  level1Options: Option[];
  level2Options(level1: string | undefined): Option[];
  rowCount: number;
  setField: SetField;
  pick(index: number, indicator: LibraryIndicator): void;
  move(index: number, delta: -1 | 1): void;
  remove(index: number): void;
}

/** Helpers bound to one context. */
interface Bound extends ColumnContext {
  locked(key: string): boolean;
  label(index: number, what: string): string;
  cell(index: number, field: string, what: string): CellProps;
}

interface ColumnSpec {
  key: string;
  title: string;
  width: number;
  fixed?: 'left' | 'right';
  /** Whether the table has this column. */
  shown(c: ColumnContext): boolean;
  render(row: IndicatorRow, index: number, c: Bound): ReactNode;
}

/** A plain text column for one field. */
function textColumn(
  key: string,
  title: string,
  width: number,
  maxLength: number,
  extra: { multiline?: boolean; what?: string; shown?: (c: ColumnContext) => boolean } = {},
): ColumnSpec {
  return {
    key,
    title,
    width,
    shown: extra.shown ?? ((c) => c.fields.has(key)),
    render: (row, index, c) =>
      c.locked(key) ? (
        textOf(row[key])
      ) : (
        <TextCell
          {...c.cell(index, key, extra.what ?? title)}
          value={textOf(row[key])}
          maxLength={maxLength}
          multiline={extra.multiline}
        />
      ),
  };
}

const nameColumn = textColumn('name', '三级指标', 250, 50);

export const INDICATOR_COLUMNS: readonly ColumnSpec[] = [
  {
    key: 'index',
    title: '序号',
    width: 56,
    fixed: 'left',
    shown: () => true,
    render: (_row, index, c) => (
      <span>
        {index + 1}
        <CellError messages={c.errors[index]?.__row} />
      </span>
    ),
  },
  {
    key: 'level1',
    title: '一级指标',
    width: 124,
    shown: (c) => c.fields.has('level1'),
    render: (row, index, c) =>
      c.locked('level1') ? (
        (LEVEL1_LABELS[row.level1 ?? ''] ?? textOf(row.level1))
      ) : (
        <SelectCell
          {...c.cell(index, 'level1', '一级指标')}
          id={`${c.baseId}-${index}-level1`}
          value={row.level1}
          placeholder="请选择"
          options={c.level1Options}
        />
      ),
  },
  {
    key: 'level2',
    title: '二级指标',
    width: 150,
    shown: (c) => c.fields.has('level2'),
    render: (row, index, c) =>
      c.locked('level2') ? (
        (LEVEL2_LABELS[row.level2 ?? ''] ?? textOf(row.level2))
      ) : (
        <SelectCell
          {...c.cell(index, 'level2', '二级指标')}
          id={`${c.baseId}-${index}-level2`}
          value={row.level2}
          placeholder={row.level1 ? '请选择' : '先选一级指标'}
          disabled={!row.level1}
          options={c.level2Options(row.level1)}
        />
      ),
  },
  {
    ...nameColumn,
    render: (row, index, c) =>
      c.locked('name') || !c.fields.has('level1') ? (
        nameColumn.render(row, index, c)
      ) : (
        <div style={{ display: 'flex', alignItems: 'flex-start', gap: 2 }}>
          <div style={{ flex: 1, minWidth: 0 }}>{nameColumn.render(row, index, c)}</div>
          <IndicatorPickerButton
            index={index}
            level1={row.level1}
            level2={row.level2}
            variant={c.variant}
            onPick={c.pick}
          />
        </div>
      ),
  },
  {
    key: 'operator',
    title: '计算符号',
    width: 88,
    shown: (c) => c.fields.has('operator'),
    render: (row, index, c) =>
      c.locked('operator') ? (
        (OPERATOR_OPTIONS.find((o) => o.value === row.operator)?.label ?? '')
      ) : (
        <SelectCell
          {...c.cell(index, 'operator', '计算符号')}
          id={`${c.baseId}-${index}-operator`}
          value={row.operator}
          options={OPERATOR_OPTIONS}
        />
      ),
  },
  {
    key: 'target',
    title: '指标值',
    width: 150,
    shown: (c) => c.fields.has('targetValue') || c.fields.has('targetText'),
    render: (row, index, c) => {
      const qual = row.operator === 'qual';
      const key = qual ? 'targetText' : 'targetValue';
      if (c.locked(key) || c.locked('targetValue')) return qual ? textOf(row.targetText) : textOf(row.targetValue);
      return qual ? (
        <TextCell
          {...c.cell(index, 'targetText', '定性指标值')}
          value={textOf(row.targetText)}
          maxLength={200}
          placeholder="如：明显改善"
        />
      ) : (
        <NumberCell {...c.cell(index, 'targetValue', '指标值')} value={numberOf(row.targetValue)} />
      );
    },
  },
  {
    key: 'unit',
    title: '计量单位',
    width: 120,
    shown: (c) => c.fields.has('unit'),
    render: (row, index, c) =>
      c.locked('unit') || row.operator === 'qual' ? (
        textOf(row.unit) || '—'
      ) : (
        <UnitCell {...c.cell(index, 'unit', '计量单位')} value={textOf(row.unit)} />
      ),
  },
  textColumn('content', '指标解释', 180, 2000, { shown: (c) => c.fields.has('content') && !c.isSelfEval }),
  {
    key: 'weight',
    title: '分值',
    width: 90,
    shown: (c) => c.fields.has('weight'),
    render: (row, index, c) =>
      c.locked('weight') ? (
        textOf(row.weight)
      ) : (
        <NumberCell {...c.cell(index, 'weight', '分值')} value={numberOf(row.weight)} min={0} max={100} />
      ),
  },
  {
    key: 'actual',
    title: '实际完成值 / 完成情况',
    width: 170,
    shown: (c) => c.isSelfEval,
    render: (row, index, c) => {
      if (row.operator === 'qual') {
        if (c.locked('qualitativeAchievement'))
          return QUAL_ACHIEVEMENT_OPTIONS.find((o) => o.value === row.qualitativeAchievement)?.label ?? '';
        return (
          <SelectCell
            {...c.cell(index, 'qualitativeAchievement', '完成情况')}
            id={`${c.baseId}-${index}-qual`}
            value={row.qualitativeAchievement as string | undefined}
            options={QUAL_ACHIEVEMENT_OPTIONS}
            popupMatchSelectWidth={false}
          />
        );
      }
      if (c.locked('actualValue')) return textOf(row.actualValue);
      return <NumberCell {...c.cell(index, 'actualValue', '实际完成值')} value={numberOf(row.actualValue)} />;
    },
  },
  {
    key: 'score',
    title: '得分',
    width: 90,
    shown: (c) => c.fields.has('score'),
    render: (row, index, c) => {
      // Quantitative rows are scored by formula (R-C9); only qualitative rows take a typed score.
      if (row.operator !== 'qual' || c.locked('score')) {
        return (
          <Cell error={c.errors[index]?.score}>
            <span role="note" title="自动计算" aria-label={c.label(index, '得分')}>
              {textOf(row.score) || '—'}
            </span>
          </Cell>
        );
      }
      return <NumberCell {...c.cell(index, 'score', '得分')} value={numberOf(row.score)} min={0} />;
    },
  },
  textColumn('deviationAnalysis', '偏差原因分析及改进措施', 200, 1000, { multiline: true, what: '偏差原因' }),
  {
    key: 'ops',
    title: '操作',
    width: 112,
    fixed: 'right',
    shown: (c) => !c.readonly && !c.fixedRows,
    render: (_row, index, c) => (
      <OpsCell index={index} isLast={index === c.rowCount - 1} onMove={c.move} onRemove={c.remove} />
    ),
  },
];

/** One column as the table draws it (the shape antd Table's columns take too). */
export interface IndicatorColumn {
  key: string;
  title: string;
  width: number;
  fixed?: 'left' | 'right';
  render(value: unknown, row: IndicatorRow, index: number): ReactNode;
}

/** The columns of the table described by `context`. */
export function indicatorColumns(context: ColumnContext): IndicatorColumn[] {
  const bound: Bound = {
    ...context,
    locked: (key) => context.readonly || Boolean(context.readonlyFields?.has(key)),
    label: (index, what) => `第${index + 1}行 ${what}`,
    cell: (index, field, what) => ({
      index,
      field,
      label: `第${index + 1}行 ${what}`,
      error: context.errors[index]?.[field],
      onField: context.setField,
    }),
  };
  return INDICATOR_COLUMNS.filter((spec) => spec.shown(context)).map((spec) => ({
    key: spec.key,
    title: spec.title,
    width: spec.width,
    fixed: spec.fixed,
    render: (_v: unknown, row: IndicatorRow, index: number) => spec.render(row, index, bound),
  }));
}
