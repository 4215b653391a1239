/**
 * A keystroke in a long table drawn by rjsf's array field (every table but the indicator table), in Chromium:
 * latency (keydown → next animation frame after the input event) of typing into 监控对象名称 in the middle row of the
 * 财政重点监控报告's 监控对象与范围 with 100 rows, as the fill page draws it, against the same form with @rjsf/antd's
 * own row template on that table. rjsf fills the defaults of the whole form on each change, so every row arrives as
 * a new object and the stock template draws all of them again; the platform's (web/src/form/array-item-template.tsx)
 * compares them by value. Also typed: a field outside the table, and a 10-row table. Goal: ≤ 1× the stock template and
 * ≤ 50 ms.
 */
import type { Page } from 'playwright-core';
import { alternately, keystrokeRow, keystrokes, openHarness } from './browser-harness';
import { type BenchResult, runBench } from './support';

const KEYS = 20;
const ROUNDS = 2;

async function typed(page: Page, mode: 'platform' | 'stock', rows: number, field: string): Promise<number[]> {
  await page.goto(`${page.url().split('?')[0]}?rows=${rows}`);
  await page.waitForFunction(() => typeof window.benchMount === 'function');
  const mounted = await page.evaluate((m) => window.benchMount(m), mode);
  if (mounted.rows !== rows) throw new Error(`${mode}: ${mounted.rows} rows drawn, ${rows} expected`);
  const out = await keystrokes(page, page.locator(field), KEYS);
  await page.evaluate(() => window.benchUnmount());
  return out;
}

runBench('table-keystroke', async () => {
  const { page, close } = await openHarness('table-keystroke');
  try {
    const results: BenchResult[] = [];
    const cases = [
      { what: '100 rows, in row 50', rows: 100, field: '#root_scope_50_objectName' },
      { what: '100 rows, 填报人 outside the table', rows: 100, field: '#root_preparedBy' },
      { what: '10 rows, in row 5', rows: 10, field: '#root_scope_5_objectName' },
    ];
    for (const c of cases) {
      const { platform, stock } = await alternately(c.what, ROUNDS, (mode) => typed(page, mode, c.rows, c.field));
      results.push(
        keystrokeRow(
          `table-keystroke: 监控对象与范围 of the 财政重点监控报告, ${c.what} (keydown → next frame)`,
          { platform, stock },
          { rounds: ROUNDS, keys: KEYS },
          "the fill page's SchemaForm with the platform's row template vs @rjsf/antd's row template on that table",
        ),
      );
    }
    return results;
  } finally {
    await close();
  }
});
