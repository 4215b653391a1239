/**
 * A rule over the rows of one table (`/rows/*` + `/field`, one `*`) evaluated once for the whole table
 * instead of once per row. One JSONata evaluation costs tens of microseconds before it does any work, so
 * per-row evaluation made a 200-row table cost two hundred of them per rule; mapped over the rows in one
 * evaluation it costs one. The row sees what it sees when evaluated alone: the row as its input (`$`),
 * `$root`, `$settings`, `$index` and `$indexes`.
 *
 * Only the safe shape is taken: rows that are all plain objects (a path step on an object evaluates the
 * expression with that object as its input, exactly as per-row evaluation does) and an expression that
 * does not read `$$` (the evaluation's own input, which is the row alone only per row). Anything else,
 * and any failure but a spent budget, answers `undefined`: the caller evaluates row by row as before, so
 * a row whose formula fails is still reported at that row.
 */
import type { Budget } from './budget';
import { ExpressionError, evaluateExpression } from './expressions';

function isPlainRow(x: unknown): boolean {
  return typeof x === 'object' && x !== null && !Array.isArray(x);
}

/** The rule expression mapped over the rows given as the input; one `{ "r": result }` per row. */
function mapped(expr: string): string {
  return `$map($, function($row, $index) { ($indexes := [$index]; $row.{ "r": (${expr}\n) }) })`;
}

/**
 * Each row's result (undefined where the expression gave nothing), or undefined when the table or the
 * expression is not of the safe shape or the mapped evaluation failed (evaluate row by row then).
 * A spent budget is thrown: every later formula would fail the same way.
 */
export async function evaluatePerRow(
  expr: string,
  rows: unknown,
  options: { budget: Budget; bindings: Record<string, unknown> },
): Promise<unknown[] | undefined> {
  if (typeof expr !== 'string' || expr.includes('$$')) return undefined;
  if (!Array.isArray(rows) || rows.length < 2 || !rows.every(isPlainRow)) return undefined;
  let result: unknown;
  try {
    result = await evaluateExpression(mapped(expr), rows, options);
  } catch (e) {
    if (e instanceof ExpressionError && e.budgetSpent) throw e;
    return undefined;
  }
  if (!Array.isArray(result) || result.length !== rows.length || !result.every(isPlainRow)) return undefined;
  return result.map((r) => (r as { r?: unknown }).r);
}
