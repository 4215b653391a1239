/**
 * A browser harness for the web benchmarks: bundles a page of test/bench/harness with esbuild (production React),
 * serves it on loopback and opens it in the machine's Chromium, driven by playwright-core (never downloaded).
 * The page records keystroke latencies with harness/keystroke-probe.ts; `keystrokes` types and reads them.
 */
import { writeFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { build } from 'esbuild';
import { chromium, type Locator, type Page } from 'playwright-core';
import { CHROMIUM, CHROMIUM_ARGS } from '../e2e/browser';
import { type BenchResult, log, median, ROOT, ratioOf, round, tempDir } from './support';

export interface HarnessPage {
  page: Page;
  close(): Promise<void>;
}

/** Bundles test/bench/harness/<name>.tsx, serves it with a 1400 px root and opens it at 1440 × 900. */
export async function openHarness(name: string): Promise<HarnessPage> {
  const dir = tempDir(name);
  const profile = tempDir('chromium-profile');
  await build({
    entryPoints: [join(ROOT, 'test', 'bench', 'harness', `${name}.tsx`)],
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
    '<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><title>bench</title><link rel="stylesheet" href="/harness.css"></head><body><div id="root" style="width:1400px"></div><script type="module" src="/harness.js"></script></body></html>',
  );
  const server = createServer(async (req, res) => {
    const file = req.url === '/harness.js' ? 'harness.js' : req.url === '/harness.css' ? 'harness.css' : 'index.html';
    const type = file.endsWith('.js') ? 'text/javascript' : file.endsWith('.css') ? 'text/css' : 'text/html';
    const body = await readFile(join(dir.path, file)).catch(() => Buffer.alloc(0));
    res.writeHead(200, { 'content-type': `${type}; charset=utf-8` });
    res.end(body);
  });
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
  const context = await chromium.launchPersistentContext(profile.path, {
    executablePath: CHROMIUM,
    headless: true,
    args: CHROMIUM_ARGS,
    viewport: { width: 1440, height: 900 },
  });
  const close = async () => {
    await context.close();
    server.close();
    dir.remove();
    profile.remove();
  };
  try {
    const page = context.pages()[0] ?? (await context.newPage());
    await page.goto(`http://127.0.0.1:${(server.address() as AddressInfo).port}/`);
    await page.waitForFunction(() => typeof window.benchMount === 'function');
    return { page, close };
  } catch (error) {
    await close();
    throw error;
  }
}

/** Types `count` keys at the end of `input` after 5 warm-up keys; the latency of each (keydown → next frame), ms. */
export async function keystrokes(page: Page, input: Locator, count: number): Promise<number[]> {
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
  await type(5);
  await page.evaluate(() => {
    window.benchKeys = [];
  });
  await type(count);
  return page.evaluate(() => window.benchKeys.slice());
}

/**
 * Keystroke runs of the platform's form and the stock one taken in turn: one of each to warm up, then `rounds` of
 * each; the latencies of each side, logged under `label`.
 */
export async function alternately(
  label: string,
  rounds: number,
  typed: (mode: 'platform' | 'stock') => Promise<number[]>,
): Promise<{ platform: number[]; stock: number[] }> {
  const platform: number[] = [];
  const stock: number[] = [];
  await typed('platform');
  await typed('stock');
  for (let i = 0; i < rounds; i++) {
    platform.push(...(await typed('platform')));
    stock.push(...(await typed('stock')));
  }
  log(`${label} platform: ${platform.map((v) => round(v, 0)).join(', ')} ms`);
  log(`${label} stock: ${stock.map((v) => round(v, 0)).join(', ')} ms`);
  return { platform, stock };
}

/**
 * The row of a keystroke benchmark: the medians of both sides, goal ≤ 1× the stock form and ≤ 50 ms; `compared`
 * says what the two sides are, for the notes.
 */
export function keystrokeRow(
  name: string,
  sides: { platform: number[]; stock: number[] },
  counts: { rounds: number; keys: number },
  compared: string,
): BenchResult {
  const { platform, stock } = sides;
  const p = median(platform);
  const s = median(stock);
  const ratio = ratioOf(p, s);
  return {
    name,
    value: round(p, 1),
    baseline: round(s, 1),
    ratio,
    goal: '≤ 1× and ≤ 50 ms',
    met: ratio !== null && ratio <= 1 && p <= 50,
    unit: 'ms',
    notes: `median of ${counts.rounds} × ${counts.keys} keystrokes (alternating mounts, after a warm-up mount of each); ${compared}; p90 platform ${round(percentile90(platform), 1)} ms, stock ${round(percentile90(stock), 1)} ms; headless Chromium, production React build.`,
  };
}

export function percentile90(values: number[]) {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil(0.9 * sorted.length) - 1)];
}
