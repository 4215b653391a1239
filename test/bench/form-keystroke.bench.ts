/**
 * A keystroke in a whole form, in Chromium: latency (keydown → next animation frame after the input event) of typing
 * into 项目名称 of the 项目支出绩效目标申报表 (its worked example: 40 fields, an indicator table, attachments) as the
 * fill page draws it, against the same form drawn by @rjsf/antd as shipped. rjsf skips the fields whose data did not
 * change, but antd's Form.Item hands the fields it holds a new context on every render, so with the stock templates
 * every field's Form.Item runs again on each key; the platform's template keeps an object's or a table's Form.Item
 * out of its fields' way (web/src/form/field-template.tsx). Goal: ≤ 1× the stock form and ≤ 50 ms.
 */
import type { Page } from 'playwright-core';
import { alternately, keystrokeRow, keystrokes, openHarness } from './browser-harness';
import { runBench } from './support';

const KEYS = 30;
const ROUNDS = 2;

async function typed(page: Page, mode: 'platform' | 'stock'): Promise<number[]> {
  await page.evaluate((m) => window.benchMount(m), mode);
  const out = await keystrokes(page, page.locator('#root_projectName'), KEYS);
  await page.evaluate(() => window.benchUnmount());
  return out;
}

runBench('form-keystroke', async () => {
  const { page, close } = await openHarness('form-keystroke');
  try {
    const { platform, stock } = await alternately('keystroke', ROUNDS, (mode) => typed(page, mode));
    return [
      keystrokeRow(
        'form-keystroke: 项目名称 of the whole project target form (keydown → next frame)',
        { platform, stock },
        { rounds: ROUNDS, keys: KEYS },
        "the platform's SchemaForm vs @rjsf/antd's default Form with the same schema, uiSchema, custom fields and validator",
      ),
    ];
  } finally {
    await close();
  }
});
