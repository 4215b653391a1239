/**
 * Validation (docs/decisions.md, performance goals): ajv validation (warm, schema compiled once) of a project-target body with
 * a 200-row annualIndicators table, against JSON.parse of the same body text. Goal ≤ 3×.
 * validateFormData (computed fields + JSONata rules + ajv) is reported beside it, for information.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { type FormDefinition, validateFormData } from '../../forms/lib/form-logic';
import { loadRe2 } from '../../forms/lib/re2-regexp';
import { compileFormSchema, validateAgainstSchema } from '../../forms/lib/server/ajv';
import { type BenchResult, log, median, projectTargetWithRows, ROOT, ratioOf, round, runBench } from './support';

const ROWS = 200;

/** The example with a 200-row indicator table. */
export function bodyWith200Rows(): Record<string, unknown> {
  return projectTargetWithRows(ROWS);
}

/** Mean ms per call over batches of `batch` calls, for about `ms` ms; returns the median batch mean. */
async function timePerOp(
  fn: () => unknown | Promise<unknown>,
  batch: number,
  ms: number,
): Promise<{ perOp: number; calls: number }> {
  const means: number[] = [];
  let calls = 0;
  const end = performance.now() + ms;
  while (performance.now() < end) {
    const t = performance.now();
    for (let i = 0; i < batch; i++) {
      const r = fn();
      if (r instanceof Promise) await r;
    }
    means.push((performance.now() - t) / batch);
    calls += batch;
  }
  return { perOp: median(means), calls };
}

runBench('validation', async () => {
  await loadRe2(); // as the server does before it validates
  const schema = JSON.parse(readFileSync(join(ROOT, 'forms', 'project-target', 'schema.json'), 'utf8'));
  const logic = JSON.parse(readFileSync(join(ROOT, 'forms', 'project-target', 'logic.json'), 'utf8')) as NonNullable<
    FormDefinition['logic']
  >;
  const body = bodyWith200Rows();
  const text = JSON.stringify(body);
  log(`body: ${ROWS} indicator rows, ${round(Buffer.byteLength(text) / 1024, 1)} KB of JSON`);

  const tCompile = performance.now();
  const validate = compileFormSchema(schema);
  const compileMs = performance.now() - tCompile;
  if (compileFormSchema(schema) !== validate) throw new Error('schema compiled twice');
  const errors = validateAgainstSchema(validate, JSON.parse(text));
  if (errors.length) throw new Error(`body is not valid: ${JSON.stringify(errors.slice(0, 3))}`);
  const full = await validateFormData({ schema, logic }, JSON.parse(text), { checkComputed: true });
  log(
    `compile once: ${round(compileMs, 1)} ms; ajv errors ${errors.length}; validateFormData errors ${full.errors.length}, warnings ${full.warnings.length}`,
  );

  // Each candidate validates a freshly parsed copy? No: ajv does not mutate (no defaults, no coercion),
  // so one parsed object is validated repeatedly; JSON.parse is timed on the same text.
  const parsed = JSON.parse(text);
  let sink = 0;
  // Warm-up of both, then alternate measured rounds to share the machine's noise.
  for (let i = 0; i < 300; i++) {
    sink += (JSON.parse(text) as { annualIndicators: unknown[] }).annualIndicators.length;
    sink += validateAgainstSchema(validate, parsed).length;
  }
  const parseTimes: number[] = [];
  const ajvTimes: number[] = [];
  for (let round_ = 0; round_ < 5; round_++) {
    parseTimes.push((await timePerOp(() => JSON.parse(text), 50, 400)).perOp);
    ajvTimes.push((await timePerOp(() => validateAgainstSchema(validate, parsed), 50, 400)).perOp);
  }
  const parseMs = median(parseTimes);
  const ajvMs = median(ajvTimes);
  log(`JSON.parse: ${round(parseMs * 1000, 1)} µs/op; ajv validate: ${round(ajvMs * 1000, 1)} µs/op`);

  for (let i = 0; i < 20; i++) await validateFormData({ schema, logic }, parsed, { checkComputed: true });
  const fullMs = (await timePerOp(() => validateFormData({ schema, logic }, parsed, { checkComputed: true }), 5, 2000))
    .perOp;
  log(`validateFormData (computed + rules + ajv): ${round(fullMs * 1000, 1)} µs/op`);
  if (sink < 0) log(sink);

  // Growth with the rows: 60 and 300 rows, alternating rounds.
  const parsed60 = projectTargetWithRows(60);
  const parsed300 = projectTargetWithRows(300);
  const t60: number[] = [];
  const t300: number[] = [];
  for (let round_ = 0; round_ < 3; round_++) {
    t60.push(
      (await timePerOp(() => validateFormData({ schema, logic }, parsed60, { checkComputed: true }), 5, 1000)).perOp,
    );
    t300.push(
      (await timePerOp(() => validateFormData({ schema, logic }, parsed300, { checkComputed: true }), 2, 1000)).perOp,
    );
  }
  const ms60 = median(t60);
  const ms300 = median(t300);
  log(`validateFormData 60 rows ${round(ms60, 2)} ms, 300 rows ${round(ms300, 2)} ms`);

  const ratio = ratioOf(ajvMs, parseMs);
  return [
    {
      name: 'validation: ajv, 200-row indicator table (warm)',
      value: round(ajvMs * 1000, 1),
      baseline: round(parseMs * 1000, 1),
      ratio,
      goal: '≤ 3×; compiled once',
      met: ratio !== null && ratio <= 3,
      unit: 'µs',
      notes: `project-target body ${round(Buffer.byteLength(text) / 1024, 1)} KB; compileFormSchema once (${round(compileMs, 1)} ms, cached: second call returned the same function); baseline JSON.parse of the same text; median of 5 alternating rounds.`,
    },
    {
      name: 'validation: validateFormData (computed fields + rules + ajv), 200 rows',
      value: round(fullMs * 1000, 1),
      baseline: round(parseMs * 1000, 1),
      ratio: ratioOf(fullMs, parseMs),
      goal: '≤ 50×',
      met: (ratioOf(fullMs, parseMs) ?? Infinity) <= 50,
      unit: 'µs',
      notes: `forms/lib/form-logic.ts with project-target logic.json (${logic.computed?.length ?? 0} computed, ${logic.rules?.length ?? 0} rules, checkComputed), ${full.errors.length} errors.`,
    },
    {
      name: 'validation: validateFormData 300 rows vs 60 rows',
      value: round(ms300, 2),
      baseline: round(ms60, 2),
      ratio: ratioOf(ms300, ms60),
      goal: '≤ 5.5× (linear: 5×)',
      met: (ratioOf(ms300, ms60) ?? Infinity) <= 5.5,
      unit: 'ms',
      notes: 'median of 3 alternating rounds of about 1 s each, same parsed body reused (validateFormData copies it).',
    },
  ] satisfies BenchResult[];
});
