/**
 * The indicator table drawn as a plain <table> (indicator-grid.css looks like antd's small bordered Table, with
 * 序号 and 操作 kept in view while the wide table scrolls sideways). antd Table (with Tree, Dropdown and its
 * selection, filter and sorter code, about 47 KB gzip) is loaded only for a table long enough to render virtually
 * (indicator-virtual-table.tsx).
 */
import type { Key, ReactNode } from 'react';
import type { IndicatorColumn } from './indicator-columns';
import type { IndicatorRow } from './indicator-table';
import './indicator-grid.css';

export interface IndicatorGridProps {
  rows: IndicatorRow[];
  columns: IndicatorColumn[];
  rowKey(row: IndicatorRow): Key;
  /** The table's width (the sum of its columns'); it scrolls sideways inside a narrower form. */
  width: number;
  emptyText: ReactNode;
}

function fixedClass(column: IndicatorColumn): string | undefined {
  return column.fixed ? `indicator-grid-fixed-${column.fixed}` : undefined;
}

export function IndicatorGrid({ rows, columns, rowKey, width, emptyText }: IndicatorGridProps) {
  return (
    <div className="indicator-grid-scroll">
      <table className="indicator-grid" style={{ width }}>
        <colgroup>
          {columns.map((c) => (
            <col key={c.key} style={{ width: c.width }} />
          ))}
        </colgroup>
        <thead>
          <tr>
            {columns.map((c) => (
              <th key={c.key} scope="col" className={fixedClass(c)}>
                {c.title}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.length ? (
            rows.map((row, index) => (
              <tr key={rowKey(row)} className="indicator-row">
                {columns.map((c) => (
                  <td key={c.key} className={fixedClass(c)}>
                    {c.render(undefined, row, index)}
                  </td>
                ))}
              </tr>
            ))
          ) : (
            <tr>
              <td colSpan={columns.length} className="indicator-grid-empty">
                {emptyText}
              </td>
            </tr>
          )}
        </tbody>
      </table>
    </div>
  );
}
