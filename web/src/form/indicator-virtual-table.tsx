/**
 * A long indicator table (above the virtual threshold): antd Table renders only the rows in view. Loaded on
 * first use, so the fill page of a form with an ordinary table never loads antd Table (see indicator-grid.tsx).
 */
import { Table } from 'antd';
import { useRef } from 'react';
import { type IndicatorGridProps, useRevealRow } from './indicator-grid';
import type { IndicatorRow } from './indicator-table';

type TableRef = { nativeElement: HTMLDivElement; scrollTo(config: { index: number }): void };

export default function IndicatorVirtualTable({ rows, columns, rowKey, width, emptyText, reveal }: IndicatorGridProps) {
  const table = useRef<TableRef>(null);
  // A row added at the end is drawn only once the table scrolls to it (it renders the rows in view only).
  useRevealRow(
    () => table.current?.nativeElement,
    reveal,
    rows,
    rowKey,
    (index) => table.current?.scrollTo({ index }),
  );
  return (
    <Table<IndicatorRow>
      ref={table as never}
      size="small"
      bordered
      rowKey={rowKey}
      columns={columns}
      dataSource={rows}
      pagination={false}
      virtual
      scroll={{ x: width, y: 520 }}
      locale={{ emptyText }}
    />
  );
}
