/**
 * A long indicator table (above the virtual threshold): antd Table renders only the rows in view. Loaded on
 * first use, so the fill page of a form with an ordinary table never loads antd Table (see indicator-grid.tsx).
 */
import { Table } from 'antd';
import type { IndicatorGridProps } from './indicator-grid';
import type { IndicatorRow } from './indicator-table';

export default function IndicatorVirtualTable({ rows, columns, rowKey, width, emptyText }: IndicatorGridProps) {
  return (
    <Table<IndicatorRow>
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
