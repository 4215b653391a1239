import { useState } from 'react';
import { type IndicatorRow, IndicatorTable, type RowErrors } from '../../web/src/form/indicator-table';

export const TARGET_FIELDS = new Set([
  'indicatorId',
  'level1',
  'level2',
  'name',
  'operator',
  'targetValue',
  'targetText',
  'unit',
]);

/** An IndicatorTable over rows held in state, as the form holds them; every change is reported to `onRows`. */
export function TableHarness(props: {
  initial: IndicatorRow[] | (() => IndicatorRow[]);
  onRows: (rows: IndicatorRow[]) => void;
  errors?: RowErrors;
  fields?: Set<string>;
  virtualThreshold?: number;
}) {
  const [rows, setRows] = useState(props.initial);
  return (
    <IndicatorTable
      rows={rows}
      fields={props.fields ?? TARGET_FIELDS}
      errors={props.errors}
      virtualThreshold={props.virtualThreshold}
      onChange={(next) => {
        setRows(next);
        props.onRows(next);
      }}
      title="年度绩效指标"
    />
  );
}
