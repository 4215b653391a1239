/**
 * Indicator table in Chromium (docs/decisions.md, performance goals): render time (mount → rows visible) and keystroke latency
 * (keydown → next animation frame after the input event, median of 20) of the web app's 200-row
 * IndicatorTable, against a plain antd Table with 200 rows of Inputs. Goal: render ≤ 2×,
 * keystroke ≤ 2× and ≤ 50 ms.
 *
 * The harness page (harness/indicator-table.tsx) is bundled with esbuild and served on loopback;
 * Chromium is the machine's /usr/bin/chromium driven by playwright-core (never downloaded).
 */
import { existsSync, writeFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { build } from 'esbuild';
import { chromium, type Page } from 'playwright-core';
import { type BenchResult, log, median, ROOT, ratioOf, round, runBench, tempDir } from './support';

const CHROMIUM = '/usr/bin/chromium';
const ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];
const MOUNTS = 5;
const KEYS = 20;

async function mountTimes(page: Page, mode: 'real' | 'plain', times: number[]) {
  const r = await page.evaluate((m) => window.benchMount(m), mode);
  times.push(r.ms);
  await page.evaluate(() => window.benchUnmount());
  return r.rows;
}

async function keystrokes(page: Page, mode: 'real' | 'plain'): Promise<number[]> {
  await page.evaluate((m) => window.benchMount(m), mode);
  const input = page.locator(mode === 'real' ? '[aria-label="第1行 三级指标"]' : '[aria-label="plain 第1行 name"]');
  await input.click();
  await page.keyboard.press('End');
  const type = async (n: number) => {
    for (let i = 0; i < n; i++) {
      const before = await page.evaluate(() => window.benchKeys.length);
      await page.keyboard.press(String.fromCharCode(97 + (i % 26)));
      await page.waitForFunction((b) => window.benchKeys.length > b, before);
      await page.waitForTimeout(30);
    }
  };
  await type(5); // warm-up
  await page.evaluate(() => {
    window.benchKeys = [];
  });
  await type(KEYS);
  const out = await page.evaluate(() => window.benchKeys.slice());
  await page.evaluate(() => window.benchUnmount());
  return out;
}

runBench('indicator-table', async () => {
  const dir = tempDir('indicator');
  const profile = tempDir('chromium-profile');
  const realExists = existsSync(join(ROOT, 'web', 'src', 'form', 'indicator-table.tsx'));
  if (!realExists) {
    dir.remove();
    profile.remove();
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
  await build({
    entryPoints: [join(ROOT, 'test', 'bench', 'harness', 'indicator-table.tsx')],
    outfile: join(dir.path, 'harness.js'),
    bundle: true,
    format: 'esm',
    platform: 'browser',
    target: 'es2022',
    minify: true,
    jsx: 'automatic',
    define: { 'process.env.NODE_ENV': '"production"' },
    logLevel: 'error',
  });
  writeFileSync(
    join(dir.path, 'index.html'),
    '<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><title>bench</title></head><body><div id="root" style="width:1400px"></div><script type="module" src="/harness.js"></script></body></html>',
  );
  const server = createServer(async (req, res) => {
    const file = req.url === '/harness.js' ? 'harness.js' : 'index.html';
    res.writeHead(200, { 'content-type': file.endsWith('.js') ? 'text/javascript' : 'text/html; charset=utf-8' });
    res.end(await readFile(join(dir.path, file)));
  });
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
  const context = await chromium.launchPersistentContext(profile.path, {
    executablePath: CHROMIUM,
    headless: true,
    args: ARGS,
    viewport: { width: 1440, height: 900 },
  });
  try {
    const page = context.pages()[0] ?? (await context.newPage());
    await page.goto(url);
    await page.waitForFunction(() => typeof window.benchMount === 'function');

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

    const realKeys = await keystrokes(page, 'real');
    const plainKeys = await keystrokes(page, 'plain');
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
    await context.close();
    server.close();
    dir.remove();
    profile.remove();
  }
});

const PLAIN_COLUMNS_COUNT = 8;
function percentile90(values: number[]) {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil(0.9 * sorted.length) - 1)];
}
