import type { ReactNode } from 'react';
import type { ReadTable } from './read-model';

/**
 * A read-model table as a plain <table> (styled by the page through `className`): header row, optional row
 * headers (`read-row` / `read-row-sub` for grouped rows), `read-seq` on the 序号 column, nested tables inside cells.
 */
export function ReadTableElement({
  table,
  className,
  rowAction,
}: {
  table: ReadTable;
  className: string;
  /** Shown after the 序号 of each row (e.g. the reviewer's 批注 button). */
  rowAction?: (row: ReadTable['rows'][number], table: ReadTable) => ReactNode;
}) {
  const rowHeaders = table.rows.some((r) => r.header !== undefined);
  const seq = (i: number) => (table.columns[i]?.key === '#' ? 'read-seq' : undefined);
  return (
    <table className={className} data-path={table.key}>
      <thead>
        <tr>
          {rowHeaders ? <th scope="col">{table.rowHeaderTitle ?? ''}</th> : null}
          {table.columns.map((c, i) => (
            <th key={c.key} scope="col" className={seq(i)}>
              {c.title}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {table.rows.map((r) => (
          <tr key={r.key}>
            {rowHeaders ? (
              <th scope="row" className={r.depth ? 'read-row read-row-sub' : 'read-row'}>
                {r.header}
              </th>
            ) : null}
            {r.cells.map((cell, i) => (
              <td key={table.columns[i]?.key ?? i} className={seq(i)}>
                {typeof cell === 'string' ? (
                  <>
                    {cell}
                    {i === 0 && rowAction ? rowAction(r, table) : null}
                  </>
                ) : (
                  <ReadTableElement table={cell} className={`${className} read-nested`} />
                )}
              </td>
            ))}
          </tr>
        ))}
      </tbody>
    </table>
  );
}
