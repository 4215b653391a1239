/** A row of the 财政重点监控报告's 监控对象与范围, as imported from a monitoring report or typed. */
export type ScopeRow = Record<string, unknown>;

/** One monitoring report the server offers for import, with the row it makes. */
export interface ScopeSource {
  submissionId: string;
  title: string;
  status: string;
  row: ScopeRow;
}

const text = (v: unknown) => (typeof v === 'string' ? v.trim() : '');

/** The same object twice: the same 监控表编号, or without one the same unit and object. */
export function sameObject(a: ScopeRow, b: ScopeRow): boolean {
  const ref = text(a.reportRef);
  if (ref && ref === text(b.reportRef)) return true;
  return (
    text(a.objectName) !== '' && text(a.objectName) === text(b.objectName) && text(a.unitName) === text(b.unitName)
  );
}

/** Nothing typed in it: the empty row a blank table starts with. */
export function isBlankRow(row: unknown): boolean {
  if (!row || typeof row !== 'object') return true;
  return Object.values(row as ScopeRow).every(
    (v) => v === undefined || v === null || v === '' || (Array.isArray(v) && v.length === 0),
  );
}

/**
 * The table after an import: the rows typed so far (blank ones dropped), then each imported row not already there,
 * up to `limit` rows in all (the table's maxItems). `added` counts the new rows, `left` the new ones that did not fit;
 * a row already in the table is left as the clerk typed it.
 */
export function mergeScopeRows(
  current: unknown,
  imported: ScopeRow[],
  limit = Number.POSITIVE_INFINITY,
): { rows: ScopeRow[]; added: number; left: number } {
  const kept = (Array.isArray(current) ? current : []).filter((r) => !isBlankRow(r)) as ScopeRow[];
  const rows = [...kept];
  let left = 0;
  for (const row of imported) {
    if (rows.some((r) => sameObject(r, row))) continue;
    if (rows.length < limit) rows.push(row);
    else left++;
  }
  return { rows, added: rows.length - kept.length, left };
}
