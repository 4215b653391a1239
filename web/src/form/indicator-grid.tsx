/**
 * The indicator table drawn as a plain <table> (indicator-grid.css looks like antd's small bordered Table, with
 * 序号 and 操作 kept in view while the wide table scrolls sideways). antd Table (with Tree, Dropdown and its
 * selection, filter and sorter code, about 47 KB gzip) is loaded only for a table long enough to render virtually
 * (indicator-virtual-table.tsx).
 */
import { type Key, type ReactNode, useEffect, useRef } from 'react';
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
  /** The row to show (`seq` counts the requests): the one just added, or the one in a deleted row's place. */
  reveal?: RevealRow;
}

export interface RevealRow {
  index: number;
  seq: number;
}

/** Scrolls the row `reveal` names into view (the nearest edge) once it is drawn inside `container`. */
export function useRevealRow(
  container: () => HTMLElement | null | undefined,
  reveal: RevealRow | undefined,
  rows: IndicatorRow[],
  rowKey: (row: IndicatorRow) => Key,
  before?: (index: number) => void,
) {
  const done = useRef(0);
  // biome-ignore lint/correctness/useExhaustiveDependencies: runs once per addition (reveal.seq), not per render
  useEffect(() => {
    if (!reveal || reveal.seq === done.current) return;
    done.current = reveal.seq;
    const key = rows[reveal.index] ? rowKey(rows[reveal.index]) : undefined;
    // The row is gone (removed since, the table back to the plain grid): nothing to show.
    if (key === undefined) return;
    before?.(reveal.index);
    const frame = requestAnimationFrame(() => {
      const box = container();
      const row = box?.querySelector(`[data-row-key="${CSS.escape(String(key))}"]`);
      (row ?? box)?.scrollIntoView({ block: 'nearest' });
    });
    return () => cancelAnimationFrame(frame);
  }, [reveal?.seq]);
}

function fixedClass(column: IndicatorColumn): string | undefined {
  return column.fixed ? `indicator-grid-fixed-${column.fixed}` : undefined;
}

export function IndicatorGrid({ rows, columns, rowKey, width, emptyText, reveal }: IndicatorGridProps) {
  const box = useRef<HTMLDivElement>(null);
  useRevealRow(() => box.current, reveal, rows, rowKey);
  return (
    <div className="indicator-grid-scroll" ref={box}>
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
              <tr key={rowKey(row)} data-row-key={rowKey(row)} className="indicator-row">
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
