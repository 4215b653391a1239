/**
 * Indicator table in Chromium (docs/decisions.md, performance goals): render time (mount → rows visible) and keystroke latency
 * (keydown → next animation frame after the input event, median of 20) of the web app's 200-row
 * IndicatorTable, against a plain antd Table with 200 rows of Inputs. Goal: render ≤ 2×,
 * keystroke ≤ 2× and ≤ 50 ms.
 *
 * The harness page (harness/indicator-table.tsx) is bundled with esbuild and served on loopback;
 * Chromium is the machine's /usr/bin/chromium driven by playwright-core (never downloaded).
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { keystrokes, openHarness, percentile90 } from './browser-harness';
import { type BenchResult, log, median, ROOT, ratioOf, round, runBench } from './support';

const MOUNTS = 5;
const KEYS = 20;

async function mountTimes(page: Page, mode: 'real' | 'plain', times: number[]) {
  const r = await page.evaluate((m) => window.benchMount(m), mode);
  times.push(r.ms);
  await page.evaluate(() => window.benchUnmount());
  return r.rows;
}

async function typed(page: Page, mode: 'real' | 'plain'): Promise<number[]> {
  await page.evaluate((m) => window.benchMount(m), mode);
  const input = page.locator(mode === 'real' ? '[aria-label="第1行 三级指标"]' : '[aria-label="plain 第1行 name"]');
  const out = await keystrokes(page, input, KEYS);
  await page.evaluate(() => window.benchUnmount());
  return out;
}

runBench('indicator-table', async () => {
  const realExists = existsSync(join(ROOT, 'web', 'src', 'form', 'indicator-table.tsx'));
  if (!realExists) {
    return [
      {
        name: 'indicator-table: render 200 rows',
        value: null,
        baseline: null,
        ratio: null,
        goal: '≤ 2×',
        met: false,
        unit: 'ms',
        notes: 'web/src/form/indicator-table.tsx is missing: the component was not measured.',
      },
    ];
  }
  const { page, close } = await openHarness('indicator-table');
  try {
    // Render: a warm-up mount of each, then alternating measured mounts.
    const realRender: number[] = [];
    const plainRender: number[] = [];
    await mountTimes(page, 'real', []);
    await mountTimes(page, 'plain', []);
    let realRows = 0;
    let plainRows = 0;
    for (let i = 0; i < MOUNTS; i++) {
      realRows = await mountTimes(page, 'real', realRender);
      plainRows = await mountTimes(page, 'plain', plainRender);
    }
    log(`render real (${realRows} rows in the DOM): ${realRender.map((v) => round(v, 0)).join(', ')} ms`);
    log(`render plain (${plainRows} rows in the DOM): ${plainRender.map((v) => round(v, 0)).join(', ')} ms`);

    const realKeys = await typed(page, 'real');
    const plainKeys = await typed(page, 'plain');
    log(`keystroke real: ${realKeys.map((v) => round(v, 0)).join(', ')} ms`);
    log(`keystroke plain: ${plainKeys.map((v) => round(v, 0)).join(', ')} ms`);

    const rR = median(realRender);
    const pR = median(plainRender);
    const rK = median(realKeys);
    const pK = median(plainKeys);
    const renderRatio = ratioOf(rR, pR);
    const keyRatio = ratioOf(rK, pK);
    return [
      {
        name: 'indicator-table: render 200 rows (mount → rows visible)',
        value: round(rR, 1),
        baseline: round(pR, 1),
        ratio: renderRatio,
        goal: '≤ 2×',
        met: renderRatio !== null && renderRatio <= 2,
        unit: 'ms',
        notes: `median of ${MOUNTS} alternating mounts after a warm-up; real IndicatorTable (virtual above 30 rows: ${realRows} rows in the DOM) vs plain antd Table, 200 rows × ${PLAIN_COLUMNS_COUNT} Inputs (${plainRows} rows in the DOM); headless Chromium, production React build.`,
      },
      {
        name: 'indicator-table: keystroke latency (keydown → next frame)',
        value: round(rK, 1),
        baseline: round(pK, 1),
        ratio: keyRatio,
        goal: '≤ 2× and ≤ 50 ms',
        met: keyRatio !== null && keyRatio <= 2 && rK <= 50,
        unit: 'ms',
        notes: `median of ${KEYS} keystrokes into row 1's 三级指标 (controlled state, whole-table update per key) after 5 warm-up keys; p90 real ${round(percentile90(realKeys), 1)} ms, plain ${round(percentile90(plainKeys), 1)} ms.`,
      },
    ] satisfies BenchResult[];
  } finally {
    await close();
  }
});

const PLAIN_COLUMNS_COUNT = 8;
